/*
 * test_atomic_file: ac_write_atomic (atomic_file.h), the one write-then-
 * rename of IR files, program summaries, the wrapper's results and cache
 * entries. A written file is whole with mode 0644; on every failure (fill
 * fails, a full disk, a missing or unwritable directory) the call returns -1
 * with the errno of the call that failed, the file already at the path is
 * left as it was and no temporary file remains.
 */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, setrlimit */

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "mem.h"
#include "test.h"
#include "textfile.h"

static char dir[4096];

static bool fill_text(FILE *f, const void *text)
{
	return fputs(text, f) >= 0;
}

/* Fails after writing part of the file, errno set as a full disk sets it. */
static bool fill_partial_enospc(FILE *f, const void *text)
{
	fputs(text, f);
	errno = ENOSPC;
	return false;
}

/* Fails without saying why. */
static bool fill_fails_silently(FILE *f, const void *text)
{
	(void)f;
	(void)text;
	return false;
}

/* 1 MiB, past any small RLIMIT_FSIZE. */
static bool fill_big(FILE *f, const void *unused)
{
	(void)unused;
	static const char block[4096];
	for (int i = 0; i < 256; i++) {
		if (fwrite(block, 1, sizeof block, f) != sizeof block)
			return false;
	}
	return true;
}

/* The number of entries of dir besides . and .. */
static int entries(const char *d)
{
	DIR *h = opendir(d);
	int n = 0;
	for (const struct dirent *e; h && (e = readdir(h));)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	if (h)
		closedir(h);
	return n;
}

static void expect_text(const char *path, const char *want)
{
	char *text = ac_textfile_read(path, NULL);
	ASSERT_STR(want, text);
	ac_free(text);
}

int main(void)
{
	const char *tmpdir = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/alloccheck-test-atomic-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char path[4200];
	snprintf(path, sizeof path, "%s/out.json", dir);

	ASSERT(0, ac_write_atomic(path, fill_text, "first\n"));
	expect_text(path, "first\n");
	struct stat st;
	ASSERT(0, stat(path, &st));
	ASSERT(0644, st.st_mode & 0777);
	ASSERT(1, entries(dir));
	ASSERT(0, ac_write_atomic(path, fill_text, "second\n"));
	expect_text(path, "second\n");

	errno = 0;
	ASSERT(-1, ac_write_atomic(path, fill_partial_enospc, "half"));
	ASSERT(ENOSPC, errno);
	expect_text(path, "second\n");
	ASSERT(1, entries(dir));

	errno = EINVAL; /* stale: not what the failure reports */
	ASSERT(-1, ac_write_atomic(path, fill_fails_silently, NULL));
	ASSERT(EIO, errno);
	ASSERT(1, entries(dir));

	/* A full disk as a file size limit: the writes fail with EFBIG, in fill
	 * or at fclose, whichever flushes. */
	struct rlimit old, small = {4096, 0};
	signal(SIGXFSZ, SIG_IGN);
	if (getrlimit(RLIMIT_FSIZE, &old) == 0) {
		small.rlim_max = old.rlim_max;
		if (setrlimit(RLIMIT_FSIZE, &small) == 0) {
			errno = 0;
			ASSERT(-1, ac_write_atomic(path, fill_big, NULL));
			ASSERT(EFBIG, errno);
			setrlimit(RLIMIT_FSIZE, &old);
			expect_text(path, "second\n");
			ASSERT(1, entries(dir));
		}
	}

	char missing[4200];
	snprintf(missing, sizeof missing, "%s/no/such/dir/out.json", dir);
	errno = 0;
	ASSERT(-1, ac_write_atomic(missing, fill_text, "x"));
	ASSERT(ENOENT, errno);

	if (geteuid() != 0) { /* root writes into a read-only directory */
		ASSERT(0, chmod(dir, 0555));
		errno = 0;
		ASSERT(-1, ac_write_atomic(path, fill_text, "third\n"));
		ASSERT(EACCES, errno);
		ASSERT(0, chmod(dir, 0755));
		expect_text(path, "second\n");
	}

	/* A name without a directory is written in the working directory. */
	char cwd[4096];
	ASSERT(1, getcwd(cwd, sizeof cwd) != NULL);
	ASSERT(0, chdir(dir));
	ASSERT(0, ac_write_atomic("plain", fill_text, "p"));
	expect_text("plain", "p");
	ASSERT(2, entries("."));
	ASSERT(0, unlink("plain"));
	ASSERT(0, chdir(cwd));

	ASSERT(0, unlink(path));
	ASSERT(0, rmdir(dir));
	ASSERT(0, ac_mem_live_blocks());
	return test_done();
}
