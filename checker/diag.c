/*
 * diag: prints tool errors and warnings to stderr, one line each.
 */
#include "diag.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Set once from the command line before any work starts, read-only after. */
static atomic_int verbose_level;

static void vmessage(const char *kind, const char *fmt, va_list ap)
{
	int saved = errno;
	size_t len = strlen(fmt);
	fprintf(stderr, "alloccheck: %s: ", kind);
	vfprintf(stderr, fmt, ap);
	if (len && fmt[len - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
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
