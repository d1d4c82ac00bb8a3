/*
 * diag: prints tool errors and warnings to stderr, one line each, and the
 * progress line of parallel runs, which they blank first.
 */
#define _POSIX_C_SOURCE 200809L /* flockfile */

#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once from the command line before any work starts, read-only after. */
static atomic_int verbose_level;

/* Columns of the progress line now on stderr, 0 when there is none. Global
 * because stderr is: read and written only under stderr's stdio lock
 * (flockfile), which also keeps each message one unbroken line. */
static int progress_width;

/* Overwrites the progress line with spaces; the caller holds stderr's lock. */
static void blank_progress(void)
{
	if (progress_width == 0)
		return;
	fprintf(stderr, "\r%*s\r", progress_width, "");
	progress_width = 0;
}

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t len = strlen(fmt);
	flockfile(stderr);
	blank_progress();
	fprintf(stderr, "alloccheck: %s: ", kind);
	vfprintf(stderr, fmt, ap);
	if (len && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
	funlockfile(stderr);
}

void ac_diag_progress(size_t k, size_t n, const char *path)
{
	flockfile(stderr);
	int width = fprintf(stderr, "\r[%zu/%zu] %s", k, n, path) - 1;
	if (width < progress_width)
		fprintf(stderr, "%*s", progress_width - width, "");
	progress_width = width > progress_width ? width : progress_width;
	fflush(stderr);
	funlockfile(stderr);
}

void ac_diag_progress_end(void)
{
	flockfile(stderr);
	blank_progress();
	fflush(stderr);
	funlockfile(stderr);
}

int ac_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("error", fmt, ap);
	va_end(ap);
	return -1;
}

void ac_warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage("warning", fmt, ap);
	va_end(ap);
}

void ac_note_verbose(const char *fmt, ...)
{
	if (!atomic_load(&verbose_level))
		return;
	va_list ap;
	va_start(ap, fmt);
	vmessage("note", fmt, ap);
	va_end(ap);
}

void ac_diag_set_verbose(int level)
{
	atomic_store(&verbose_level, level);
}

void ac_internal_error(const char *file, int line, const char *what)
{
	fprintf(stderr, "alloccheck: internal error at %s:%d: %s\n", file, line, what);
	abort();
}
