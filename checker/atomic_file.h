/*
 * atomic_file: writing a file that readers see whole or not at all: the
 * content goes to a temporary file in the same directory (hidden:
 * .tmp.NAME.XXXXXX), which is renamed over the final name (IR files, program
 * summaries, the wrapper's JSON results and cache entries, written by
 * parallel build steps or runs into a shared directory).
 */
#ifndef AC_ATOMIC_FILE_H
#define AC_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

/* Writes path with fill(f, ctx), which returns false when it failed (errno
 * as its failing call left it). The file gets mode 0644 (mkstemp's 0600
 * would hide it from the rest of a team sharing the directory). Returns 0,
 * or -1 with errno set by the call that failed (mkstemp for a missing or
 * unwritable directory, fill or fclose for a full disk, rename), EIO when
 * fill failed without setting it; the temporary file never remains, and a
 * file already at path is left as it was. */
int ac_write_atomic(const char *path, bool (*fill)(FILE *f, const void *ctx), const void *ctx);

#endif
