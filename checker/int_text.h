/*
 * int_text: an integer's decimal text, written without stdio, for the
 * writers of the IR file and of walk records, which write millions of
 * numbers in a merge (writing through stdio was 12-16% of a first merge),
 * and an unsigned number's text read back as strtoul reads it.
 */
#ifndef AC_INT_TEXT_H
#define AC_INT_TEXT_H

#include <stddef.h>
#include <stdlib.h>

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

/* strtoul(s, end, base) for base 10 or 16, without its locale and sign
 * handling in the common case of a few plain digits (strtoul was 10% of a
 * warm run of lua5.4, reading the null-argument records back). Anything
 * else (a sign, blanks, 0x, more digits than cannot overflow) is strtoul's,
 * so the result and *end are always strtoul's. */
static inline unsigned long ac_text_ulong(const char *s, char **end, int base)
{
	unsigned long v = 0;
	size_t i = 0;
	for (;; i++) {
		unsigned d = (unsigned char)s[i] - '0';
		if (d > 9 && base == 16) {
			unsigned x = ((unsigned char)s[i] | 32u) - 'a';
			d = x < 6 ? x + 10 : 99;
		}
		if (d >= (unsigned)base)
			break;
		v = v * (unsigned long)base + d;
	}
	if (i == 0 || i > 15 || (base == 16 && i == 1 && s[0] == '0' && (s[1] | 32) == 'x'))
		return strtoul(s, end, base);
	if (end)
		*end = (char *)(s + i);
	return v;
}

#endif
