/*
 * textfile: see textfile.h. The buffer doubles as it fills, so a file of n
 * bytes costs O(n) copies whatever its size.
 */
#include "textfile.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>

#include "mem.h"

char *ac_textfile_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	do {
		if (cap - n < 4096)
			buf = ac_realloc(buf, cap = cap ? cap * 2 : 8192);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		ac_free(buf);
		errno = EIO;
		return NULL;
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

void ac_textfile_position(const char *text, const char *pos, unsigned *line, unsigned *col)
{
	*line = 1, *col = 1;
	for (const char *p = text; p < pos && *p; p++) {
		if (*p == '\n')
			++*line, *col = 1;
		else
			++*col;
	}
}
