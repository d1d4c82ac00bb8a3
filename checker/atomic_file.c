#define _POSIX_C_SOURCE 200809L /* mkstemp, fchmod */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

int ac_write_atomic(const char *path, bool (*fill)(FILE *f, const void *ctx), const void *ctx)
{
	/* Hidden, in path's directory (rename stays within one file system):
	 * a reader listing the directory (merge's results, the cache) never
	 * takes it for a finished file. */
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path + 1) : 0;
	size_t n = strlen(path) + 16;
	char *tmp = ac_malloc(n);
	snprintf(tmp, n, "%.*s.tmp.%s.XXXXXX", dirlen, path, path + dirlen);
	int fd = mkstemp(tmp), rc = -1;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !f) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
	}
	if (f) {
		errno = 0; /* a fill that fails without saying why gives EIO */
		bool ok = fchmod(fd, 0644) == 0 && fill(f, ctx);
		int e = ok ? 0 : errno;
		if (fclose(f) != 0 && ok) {
			e = errno;
			ok = false;
		}
		if (ok && rename(tmp, path) != 0) {
			e = errno;
			ok = false;
		}
		if (ok)
			rc = 0;
		else {
			unlink(tmp);
			errno = e ? e : EIO;
		}
	}
	ac_free(tmp);
	return rc;
}
