/*
 * diag: the tool's own messages (never findings). Tool errors come from the
 * user's environment and are printed as "alloccheck: error: ..."; a format
 * that ends in ':' gets ": strerror(errno)" appended. Internal bugs use
 * AC_UNREACHABLE(), which stops with the source position.
 */
#ifndef AC_DIAG_H
#define AC_DIAG_H

#include <stddef.h>

int ac_error(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* returns -1 */
void ac_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ac_note_verbose(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* only with -v */
void ac_diag_set_verbose(int level);

/* The progress line (-j runs on a terminal): "[k/n] path" replaces the
 * previous one in place, and an error, warning or note printed meanwhile
 * by any thread first blanks it, so the two never share a line. Spaces, not
 * terminal escapes, do the blanking (escapes would count as colour under
 * NO_COLOR). ac_diag_progress_end blanks it for good. Thread-safe. */
void ac_diag_progress(size_t k, size_t n, const char *path);
void ac_diag_progress_end(void);
_Noreturn void ac_internal_error(const char *file, int line, const char *what);

#define AC_UNREACHABLE() ac_internal_error(__FILE__, __LINE__, "unreachable")

#endif
