/*
 * atomic_file: writing a file that readers see whole or not at all: the
 * content goes to a temporary file in the same directory, which is renamed
 * over the final name (IR files and program summaries, written by parallel
 * build steps into a shared directory).
 */
#ifndef AC_ATOMIC_FILE_H
#define AC_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

/* Writes path with fill(f, ctx), which returns false when it failed. The
 * file gets mode 0644 (mkstemp's 0600 would hide it from the rest of a team
 * sharing the directory). Returns 0, or -1 with errno set; the temporary file
 * never remains. */
int ac_write_atomic(const char *path, bool (*fill)(FILE *f, void *ctx), void *ctx);

#endif
