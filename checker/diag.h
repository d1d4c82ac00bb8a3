/*
 * diag: the tool's own messages (never findings). Tool errors come from the
 * user's environment and are printed as "alloccheck: error: ..."; a format
 * that ends in ':' gets ": strerror(errno)" appended. Internal bugs use
 * AC_UNREACHABLE(), which stops with the source position.
 */
#ifndef AC_DIAG_H
#define AC_DIAG_H

int ac_error(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* returns -1 */
void ac_warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ac_note_verbose(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* only with -v */
void ac_diag_set_verbose(int level);
_Noreturn void ac_internal_error(const char *file, int line, const char *what);

#define AC_UNREACHABLE() ac_internal_error(__FILE__, __LINE__, "unreachable")

#endif
