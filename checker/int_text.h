/*
 * int_text: an integer's decimal text, written without stdio, for the
 * writers of the IR file and of walk records, which write millions of
 * numbers in a merge (writing through stdio was 12-16% of a first merge).
 */
#ifndef AC_INT_TEXT_H
#define AC_INT_TEXT_H

#include <stddef.h>

/* Room for sep, a sign and the 20 digits of any long long. */
enum { AC_INT_TEXT_MAX = 24 };

/* Writes sep then v's decimal text so that it ends at end (the end of a
 * buffer of at least AC_INT_TEXT_MAX bytes); returns where it starts. */
static inline char *ac_int_text(char *end, long long v, char sep)
{
	char *p = end;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	*--p = sep;
	return p;
}

#endif
