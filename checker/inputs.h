/*
 * inputs: the PATH arguments -> the list of C files to analyse, the stage
 * between the CLI and the frontend.
 *
 * A file is taken as given, whatever its name. A directory is walked
 * recursively for regular files named *.c, in byte order of the names at each
 * level, skipping entries whose names start with '.', build directories
 * (build, build-*, cmake-build-*, _build, CMakeFiles, ...) and what the
 * --exclude globs match (on the walked path or on the name). Symbolic links are
 * followed; every directory is entered and every file listed once (by device
 * and inode), so link loops end and a file named twice is analysed once.
 */
#ifndef AC_INPUTS_H
#define AC_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "vec.h"

typedef struct AcFileId AcFileId;

/* A path that could not be used, as its error line named it. */
typedef struct AcInputError {
	const char *path;   /* in the arena */
	const char *reason; /* in the arena: "No such file or directory", "no C source files found"... */
} AcInputError;

typedef struct AcInputs {
	AcArena arena;               /* owns the path and reason strings */
	AC_VEC(const char *) files;  /* the C files, in order */
	AC_VEC(AcInputError) errors; /* one per error printed, in order */
	AcFileId *seen;              /* open-addressing set of the (device, inode) of every
	                                file listed and directory entered */
	size_t seen_cap;             /* slots in seen: 0 or a power of two */
	size_t nseen;                /* used slots */
	const char *const *excludes; /* --exclude globs (fnmatch), set by the caller; not owned */
	size_t nexcludes;
} AcInputs;

/* Whether path or its last component matches one of in->excludes. */
bool ac_inputs_excluded(const AcInputs *in, const char *path);

/* Appends the C files named by paths[0..npaths) to in->files (in must be
 * zero-initialised). A path that does not exist or cannot be read, and a
 * directory without C files, is a tool error: it prints one
 * "alloccheck: error: PATH: ..." line, records it in in->errors, and goes on
 * with the others. Returns the number of errors. */
size_t ac_inputs_collect(AcInputs *in, const char *const *paths, size_t npaths);

void ac_inputs_free(AcInputs *in); /* releases the lists and their strings; in is empty again */

#endif
