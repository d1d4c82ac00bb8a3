/*
 * driver_probe: see driver_probe.h.
 *
 * The state is the process's, as libclang's own load state is
 * (libclang_load.c): what the driver finds depends on the machine and on
 * the library loaded, not on a run's options.
 */
#define _POSIX_C_SOURCE 200809L /* flockfile, dup, pread */

#include "driver_probe.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "libclang.h"

enum { PROBE_OUTPUT_MAX = 16384 };

static atomic_uint parses;
static atomic_uint probe_after = UINT_MAX; /* parses before the probe */
static pthread_once_t probe_once = PTHREAD_ONCE_INIT;
static char option[PATH_MAX + 32]; /* written once under probe_once; "" = none */

/* Parses an empty file with -v and the option (when not NULL), and reads
 * what libclang wrote to fd (fd 2 is fd's file meanwhile) into buf, with a
 * NUL. Returns false when that fails or does not fit. */
static bool driver_output(int fd, const char *opt, char *buf, size_t size)
{
	off_t start = lseek(fd, 0, SEEK_CUR);
	struct CXUnsavedFile file = {"alloccheck-probe.c", "", 0};
	const char *argv[] = {"-v", opt};
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	enum CXErrorCode err = clang_parseTranslationUnit2(idx, file.Filename, argv, opt ? 2 : 1, &file, 1,
	                                                   CXTranslationUnit_None, &tu);
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(idx);
	off_t end = lseek(fd, 0, SEEK_CUR);
	if (err != CXError_Success || start < 0 || end < start || (size_t)(end - start) >= size)
		return false;
	ssize_t n = pread(fd, buf, (size_t)(end - start), start);
	if (n != end - start)
		return false;
	buf[n] = '\0';
	return true;
}

/* The line of text that starts with prefix, its rest copied into out. */
static bool line_after(const char *text, const char *prefix, char *out, size_t size)
{
	size_t n = strlen(prefix);
	for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (strncmp(p, prefix, n) != 0)
			continue;
		const char *end = strchr(p + n, '\n');
		size_t len = end ? (size_t)(end - p - n) : strlen(p + n);
		if (len == 0 || len >= size)
			return false;
		memcpy(out, p + n, len);
		out[len] = '\0';
		return true;
	}
	return false;
}

/* text without its "Found candidate GCC installation" lines, in place:
 * the search the option skips lists them. */
static void drop_candidates(char *text)
{
	static const char candidate[] = "Found candidate GCC installation: ";
	char *w = text;
	for (char *p = text; *p;) {
		char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p + 1) : strlen(p);
		if (strncmp(p, candidate, sizeof candidate - 1) != 0) {
			memmove(w, p, len);
			w += len;
		}
		p += len;
	}
	*w = '\0';
}

static void probe(void)
{
	static char plain[PROBE_OUTPUT_MAX], with[PROBE_OUTPUT_MAX];
	char dir[PATH_MAX], target[64];
	char opt[sizeof option];
	bool same = false;
	flockfile(stderr); /* no message of ours goes to the file meanwhile */
	fflush(stderr);
	FILE *out = tmpfile();
	int saved = out ? dup(2) : -1;
	if (out && saved >= 0 && dup2(fileno(out), 2) >= 0) {
		int fd = fileno(out);
		if (driver_output(fd, NULL, plain, sizeof plain) &&
		    line_after(plain, "Selected GCC installation: ", dir, sizeof dir) &&
		    line_after(plain, "Target: ", target, sizeof target) && strncmp(target, "x86_64-", 7) == 0 &&
		    strstr(target, "-linux") != NULL) {
			snprintf(opt, sizeof opt, "--gcc-install-dir=%s", dir);
			if (driver_output(fd, opt, with, sizeof with)) {
				drop_candidates(plain);
				same = strcmp(plain, with) == 0;
			}
		}
		dup2(saved, 2);
	}
	if (saved >= 0)
		close(saved);
	if (out)
		fclose(out);
	funlockfile(stderr);
	if (same)
		memcpy(option, opt, sizeof option);
}

/* Flags that change where the driver looks for GCC or for which target
 * (each a prefix, so -target also stands for --target=..., -m32 for
 * -m32-anything); a response file may hold any of them; -v and -###
 * would print the driver's search, which the option shortens. */
static const char *const toolchain_flags[] = {
	"-target", "--target", "-triple", "--sysroot", "-isysroot", "--gcc-toolchain", "--gcc-install-dir",
	"--gcc-triple", "-B", "--prefix", "-ccc-", "--config", "--driver-mode", "-no-canonical-prefixes",
	"-canonical-prefixes", "-m16", "-m32", "-mx32", "-x", "--cuda", "--offload", "--hip", "-fsycl",
	"-v", "-#", "@",
};

static bool changes_toolchain(const char *arg)
{
	for (size_t i = 0; i < sizeof toolchain_flags / sizeof *toolchain_flags; i++)
		if (strncmp(arg, toolchain_flags[i], strlen(toolchain_flags[i])) == 0)
			return true;
	return false;
}

void ac_driver_expect(size_t njobs, bool cached)
{
	atomic_store(&probe_after, njobs < AC_DRIVER_PROBE_MIN ? UINT_MAX : cached ? AC_DRIVER_PROBE_AFTER : 0);
}

const char *ac_driver_gcc_option(const char *const *args, size_t nargs)
{
	unsigned after = atomic_load(&probe_after);
	if (after == UINT_MAX || atomic_fetch_add(&parses, 1) < after)
		return NULL;
	pthread_once(&probe_once, probe);
	if (!option[0])
		return NULL;
	for (size_t i = 0; i < nargs; i++)
		if (changes_toolchain(args[i]))
			return NULL;
	return option;
}
