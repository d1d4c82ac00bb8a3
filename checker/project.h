/*
 * project: which files are the project's, for the functions defined in
 * included files (lower.c). A function defined in a file that a TU
 * #includes is analysed when that file is the project's: it lies in the
 * project's directory, the deepest directory that holds every file of the
 * run and every directory named on the command line (a compile database's
 * entries; alloccheck-cc: the file compiled and the directory the compiler
 * runs in). A header found through -I/usr/include/python3.11, or any other
 * directory outside that one, is a library's, as clang-tidy's default
 * --header-filter and cppcheck treat headers outside the checked sources.
 *
 * The directory is set once, before the threads start (run-wide, read-only
 * afterwards); it is part of the result cache's key, since it decides which
 * functions a TU analyses.
 */
#ifndef AC_PROJECT_H
#define AC_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

/* Sets the project's directory from paths[0..n) (files: their directory;
 * directories: themselves; each made real with realpath(3), the ones that
 * do not resolve ignored). With no path that resolves, no included file is
 * the project's. */
void ac_project_set(const char *const *paths, size_t n);
/* The directory set, without a trailing '/' ("/" for the root), or "" when
 * none is. */
const char *ac_project_dir(void);
/* Whether real_path (a real path, as libclang's clang_File_tryGetRealPathName
 * or realpath(3) gives it) lies in the project's directory. */
bool ac_project_has(const char *real_path);
/* How a file with this real path is named in findings when it is not a
 * TU's main file: relative to the working directory of the run when in it,
 * else the real path (a pointer into real_path). A header's name is then
 * the same whether the TU was parsed with a precompiled header (whose
 * names are absolute) or not, and whatever directory each file that
 * includes it named it from. */
const char *ac_project_shown(const char *real_path);
/* Forgets the directory (frees it). */
void ac_project_clear(void);

#endif
