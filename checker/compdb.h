/*
 * compdb: compile_commands.json -> AcJob[], the -p / --compile-commands
 * input of the pipeline.
 *
 * The database is read with cJSON and matched by our own map keyed on
 * realpath(directory/file), never with libclang's
 * clang_CompilationDatabase_getCompileCommands, which invents commands for
 * files it does not know (libclang notes §8). Each C entry becomes one job:
 * the source as an absolute real path, and the entry's flags read by
 * compile_args.c after "-working-directory DIR", so relative -I paths resolve
 * as in the build. C++, assembler and preprocess-only entries are skipped and
 * counted, and so is a file listed again (the first entry wins).
 */
#ifndef AC_COMPDB_H
#define AC_COMPDB_H

#include <stddef.h>

#include "jobs.h"

/* The counts of entries skipped on purpose, for the summary line. */
typedef struct AcCompdbStats {
	size_t entries;    /* entries in the database */
	size_t cxx;        /* C++ */
	size_t assembler;  /* assembler */
	size_t other;      /* preprocess-only, or no C input */
	size_t duplicates; /* a file already listed */
	size_t filtered;   /* not under any PATH argument */
} AcCompdbStats;

/* Appends to jobs one job per C entry of the database file whose source is
 * one of filters[0..nfilters) or under one of them (all entries when
 * nfilters is 0). A file that is not JSON or not an array, a malformed entry
 * (not an object, no "directory" or "file", no "arguments" or "command", an
 * unclosed quote) and an entry whose file does not exist are tool errors:
 * each prints one "alloccheck: error:" line naming the entry, is recorded in
 * jobs->failed, and the other entries still run. So is a filter that exists
 * nowhere or matches no entry. Returns the number of errors. */
size_t ac_compdb_load(AcJobs *jobs, const char *file, const char *const *filters, size_t nfilters,
		      AcCompdbStats *stats);

#endif
