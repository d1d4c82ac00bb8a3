#define _POSIX_C_SOURCE 200809L /* mkstemp, fchmod */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

int ac_write_atomic(const char *path, bool (*fill)(FILE *f, void *ctx), void *ctx)
{
	size_t n = strlen(path) + 16;
	char *tmp = ac_malloc(n);
	snprintf(tmp, n, "%s.XXXXXX", path);
	int fd = mkstemp(tmp), rc = -1;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (fd >= 0 && !f) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
	}
	if (f) {
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
