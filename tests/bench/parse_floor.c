/*
 * parse_floor: the floor of any libclang tool, for tests/bench/bench.py.
 *
 * Parses every entry of a list in one process, one thread, with the options
 * alloccheck gives libclang (checker/clang_tu.c: the same flags appended and
 * left out,
 * CXTranslationUnit_KeepGoing, one CXIndex per TU), and disposes of each TU
 * at once: no lowering, no analysis. What alloccheck costs above this is its
 * own work.
 *
 * Usage: parse_floor LIST. LIST holds one record per entry, each field ended
 * by a NUL byte: the directory, the source file, its flags (no compiler, no
 * source, no -c/-o), then an empty field. Exit status: 0, 1 when an entry
 * could not be parsed at all (errors inside a TU are fine, as for
 * alloccheck), 2 for bad usage.
 */
#define _POSIX_C_SOURCE 200809L

#include <clang-c/Index.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* checker/clang_tu.c's unread_warning_flag: the positive warning options
 * alloccheck leaves out (under -w they change nothing it reads). */
static int unread_warning_flag(const char *arg)
{
	return strncmp(arg, "-W", 2) == 0 && strncmp(arg, "-Wno-", 5) != 0 && strncmp(arg, "-Werror", 7) != 0 &&
	       strcmp(arg, "-Wfatal-errors") != 0 && strncmp(arg, "-Wp,", 4) != 0 && strncmp(arg, "-Wa,", 4) != 0 &&
	       strncmp(arg, "-Wl,", 4) != 0;
}

/* checker/clang_tu.c's extra_flags, in the same order. */
static const char *const extra_flags[] = {
	"-w",
	"-Wno-error=implicit-function-declaration",
	"-Wno-error=implicit-int",
	"-Wno-error=int-conversion",
	"-Wno-error=incompatible-function-pointer-types",
	"-ferror-limit=0",
};

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *more = realloc(buf, 2 * cap + 1);
			if (!more) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = more;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: parse_floor LIST\n");
		return 2;
	}
	size_t len;
	char *list = read_all(argv[1], &len);
	if (!list) {
		perror(argv[1]);
		return 2;
	}
	size_t nextra = sizeof extra_flags / sizeof *extra_flags;
	const char **args = malloc((len + nextra + 1) * sizeof *args);
	int status = 0;
	size_t pos = 0, entries = 0;
	while (args && pos < len) {
		const char *dir = list + pos;
		pos += strlen(dir) + 1;
		const char *file = list + pos;
		pos += strlen(file) + 1;
		int n = 0;
		while (pos < len && list[pos]) {
			if (!unread_warning_flag(list + pos))
				args[n++] = list + pos;
			pos += strlen(list + pos) + 1;
		}
		pos++; /* the empty field */
		for (size_t i = 0; i < nextra; i++)
			args[n++] = extra_flags[i];
		if (chdir(dir) != 0) {
			perror(dir);
			status = 1;
			continue;
		}
		CXIndex idx = clang_createIndex(0, 0);
		CXTranslationUnit tu = NULL;
		enum CXErrorCode err =
			clang_parseTranslationUnit2(idx, file, args, n, NULL, 0, CXTranslationUnit_KeepGoing, &tu);
		if (err != CXError_Success || !tu) {
			fprintf(stderr, "parse_floor: %s: error: libclang could not parse it (%d)\n", file, (int)err);
			status = 1;
		}
		if (tu)
			clang_disposeTranslationUnit(tu);
		clang_disposeIndex(idx);
		entries++;
	}
	free(args);
	free(list);
	if (entries == 0) {
		fprintf(stderr, "parse_floor: %s: no entry\n", argv[1]);
		return 2;
	}
	return status;
}
