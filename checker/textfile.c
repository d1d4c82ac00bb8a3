/*
 * textfile: see textfile.h. A regular file is read into a block of its size
 * (a warm run reads a cache entry of every TU: no stdio buffer, no block
 * doubling, one read); anything else, or a file that grows meanwhile,
 * into a block that doubles as it fills, so n bytes cost O(n) copies.
 */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC */

#include "textfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

char *ac_textfile_read(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	/* one byte more than the size: the read that finds the end has room */
	size_t cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 2 : 8192;
	char *buf = ac_malloc(cap);
	size_t n = 0;
	bool bad = false;
	for (;;) {
		if (cap - n < 2)
			buf = ac_realloc(buf, cap *= 2);
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			bad = got < 0;
			break;
		}
		n += (size_t)got;
	}
	close(fd);
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
