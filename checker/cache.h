/*
 * cache: the per-TU result cache, between the jobs and the frontend. A job
 * whose entry is valid skips parsing and analysis and takes the stored
 * findings; any other job is analysed as usual and its results stored.
 *
 * An entry is one text file, DIR/<2 hex>/<30 hex>.entry, named by the job's
 * key: the hash of everything that decides a TU's findings and that is known
 * before parsing (the cache format, the tool's version and build ID,
 * which libclang, the rules enabled, the engine's budgets, the contents of
 * the --allocators files, CPATH and C_INCLUDE_PATH, the working directory,
 * the file's path and its compiler flags). libclang stands in the key by
 * what is known without loading it (ac_tu_clang_identity): a run whose every
 * job hits must never map LLVM, which costs more than the rest of such a run.
 * That is the version the build was made against plus the library file the
 * first parse would load, by path, size and modification time: a package
 * upgrade replaces the file, LD_LIBRARY_PATH or ALLOCCHECK_LIBCLANG choose
 * another, and either changes the key. Not by inode, so a cache shared
 * between machines with the same package still hits; not by digest, which
 * would read tens of MB on every run. Inside, the entry lists every file
 * the preprocessor read (the main file and each header, by path, content
 * digest and stat signature) and the results. A lookup stats those files and
 * hashes those whose signature is not the stored one: a digest that differs,
 * or a file gone, is a miss, so editing a header re-analyses exactly the TUs
 * that include it (cache.c's file_sig says when a signature is trusted).
 * Since the key does not contain the files' contents, each job has one
 * entry that is replaced when its files change: the cache grows with the
 * number of TUs and configurations, not with the number of edits.
 *
 * Never trusted: an entry that cannot be parsed, is of another format, or
 * names another key is a miss (a -v note says why) and is rewritten.
 * Entries are written to a temporary file in the same directory and renamed
 * over the final name, so runs sharing the cache see a whole entry or none.
 * TUs with parse errors are not stored (a missing header may appear later
 * without any listed file changing), nor are TUs that failed to load.
 *
 * Thread-safe: the -j workers share one AcCache.
 */
#ifndef AC_CACHE_H
#define AC_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "cli.h"
#include "engine.h"
#include "jobs.h"

typedef struct AcCache AcCache;

/* What a run did with the cache, for the JSON report's stats. */
typedef struct AcCacheStats {
	size_t hits;    /* jobs whose results came from the cache */
	size_t misses;  /* jobs looked up and analysed */
	size_t written; /* entries stored */
} AcCacheStats;

/* The default directory: $XDG_CACHE_HOME/alloccheck, else
 * $HOME/.cache/alloccheck (the caller frees it with ac_free). NULL when
 * ALLOCCHECK_NO_CACHE is set and not empty, or neither variable is usable. */
char *ac_cache_default_dir(void);

/* A cache in dir (created with its parents when missing) for runs with these
 * engine options and --allocators files. Never fails: when dir cannot be
 * created or later written, one warning says so (unless quiet) and results
 * are simply not stored. Free with ac_cache_close. */
AcCache *ac_cache_open(const char *dir, const AcEngineOptions *engine, const char *const *allocators,
		       size_t nallocators, bool quiet);

/* The cache the command line asks for: --cache DIR, else the default
 * directory; NULL with --no-cache or when there is no default. Its entries
 * are those of runs with engine (the command line's, as the run sets it). */
AcCache *ac_cache_open_cli(const AcCli *cli, const AcEngineOptions *engine);

/* When job has a valid entry, fills res (zero-initialised) from it and
 * returns true; otherwise returns false and res is untouched. -v notes say
 * hit or miss, and why. */
bool ac_cache_lookup(AcCache *c, const AcJob *job, AcJobResult *res);

/* Mixes what into the key of every job of c, before any lookup or store:
 * entries made another way (alloccheck-cc with an output directory, whose
 * analysis and entries differ) are kept apart from the others. */
void ac_cache_key_add(AcCache *c, const char *what);

/* A file stored with an entry, byte for byte (alloccheck-cc's IR file). */
typedef struct AcCacheBlob {
	char *data; /* ac_free'd by the owner */
	size_t len;
} AcCacheBlob;

/* ac_cache_lookup for an entry stored with a blob: on a hit *blob holds
 * it (the caller frees data). An entry without one, or whose blob is
 * missing or not the one the entry names (by digest), is a miss. */
bool ac_cache_lookup_blob(AcCache *c, const AcJob *job, AcJobResult *res, AcCacheBlob *blob);

/* Whether the cache holds an entry for job, valid or not (one stat, no
 * read): a job without one will be parsed. */
bool ac_cache_has_entry(const AcCache *c, const AcJob *job);

/* A hit whose results were set aside after all (what it used from other
 * TUs changed): counted as a miss. */
void ac_cache_set_aside(AcCache *c);

/* Stores the results of job, analysed from tu (which lists its includes). */
void ac_cache_store(AcCache *c, const AcJob *job, const AcTu *tu, const AcJobResult *res);

/* ac_cache_store with a blob: written next to the entry (DIR/<2>/<30>.blob)
 * before it, the entry naming its digest. */
void ac_cache_store_blob(AcCache *c, const AcJob *job, const AcTu *tu, const AcJobResult *res,
                         const AcCacheBlob *blob);

/* Copies the counts into stats (when not NULL) and frees c (NULL is fine). */
void ac_cache_close(AcCache *c, AcCacheStats *stats);

#endif
