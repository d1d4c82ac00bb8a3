/*
 * frontend: turns one C file into an AcTu (parse with libclang, then lower
 * every function defined in the main file). This header is libclang-free; the
 * implementation is split between clang_tu.c (index, parse, diagnostics) and
 * lower.c (cursors -> CFG), the only two files that include clang-c/Index.h.
 */
#ifndef AC_FRONTEND_H
#define AC_FRONTEND_H

#include <stddef.h>

#include "cfg.h"

/* Parses path with the extra compiler flags args[0..nargs) (no compiler name,
 * no source file) and lowers it. On success returns 0 and *out is a TU the
 * caller frees with ac_tu_free. On failure (file missing or unreadable, not a C
 * source, libclang could not parse it at all) prints one tool error line naming
 * path and returns -1. A TU with error diagnostics still loads: tu->nerrors
 * counts them and the functions that contain them are marked unreliable. */
int ac_tu_load(const char *path, const char *const *args, size_t nargs, AcTu **out);

void ac_tu_free(AcTu *tu); /* NULL is fine */

/* libclang's version string ("Debian clang version 19.1.7 ..."), truncated
 * to size bytes with a NUL: part of the result cache's key, since another
 * libclang may parse the same files differently. */
void ac_tu_clang_version(char *buf, size_t size);

#endif
