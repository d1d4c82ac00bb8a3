/*
 * inputs: stat each PATH, walk directories in sorted order, and keep a set
 * of (device, inode) pairs so that nothing is listed or entered twice.
 * Paths are printed as the user would write them: "dir/sub/a.c" for the
 * argument "dir" or "dir/".
 */
#define _POSIX_C_SOURCE 200809L /* opendir, stat */

#include "inputs.h"

#include <dirent.h>
#include <fnmatch.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "mem.h"

struct AcFileId {
	dev_t dev;
	ino_t ino;
	bool used; /* the slot holds an id */
};

static size_t id_hash(const struct stat *st)
{
	uint64_t h = (uint64_t)st->st_dev * 0x9E3779B97F4A7C15u ^ (uint64_t)st->st_ino;
	h ^= h >> 31;
	h *= 0xBF58476D1CE4E5B9u;
	return (size_t)(h ^ (h >> 29));
}

/* Puts st's (device, inode) into the slots of in->seen, which has room. */
static bool insert_id(AcInputs *in, const struct stat *st)
{
	size_t mask = in->seen_cap - 1;
	size_t j = id_hash(st) & mask;
	for (; in->seen[j].used; j = (j + 1) & mask) {
		if (in->seen[j].dev == st->st_dev && in->seen[j].ino == st->st_ino)
			return false;
	}
	in->seen[j] = (AcFileId){st->st_dev, st->st_ino, true};
	in->nseen++;
	return true;
}

/* Adds st's file to the set. Returns false when it was in it already. */
static bool mark_seen(AcInputs *in, const struct stat *st)
{
	if ((in->nseen + 1) * 2 > in->seen_cap) {
		AcFileId *old = in->seen;
		size_t oldcap = in->seen_cap;
		in->seen_cap = oldcap ? oldcap * 2 : 64;
		in->seen = ac_calloc(in->seen_cap, sizeof *in->seen);
		in->nseen = 0;
		for (size_t i = 0; i < oldcap; i++) {
			if (old[i].used)
				insert_id(in, &(struct stat){.st_dev = old[i].dev, .st_ino = old[i].ino});
		}
		ac_free(old);
	}
	return insert_id(in, st);
}

/* Prints "alloccheck: error: PATH: REASON" and records it. Returns -1. */
static int fail(AcInputs *in, const char *path, const char *reason)
{
	AcInputError e = {ac_arena_strdup(&in->arena, path), ac_arena_strdup(&in->arena, reason)};
	AC_VEC_PUSH(&in->errors, e);
	return ac_error("%s: %s", path, reason);
}

/* fail() with strerror(errno) as the reason, as ac_error("%s:", path) says it. */
static int fail_errno(AcInputs *in, const char *path)
{
	return fail(in, path, strerror(errno));
}

static bool is_c_name(const char *name)
{
	size_t n = strlen(name);
	return n > 2 && strcmp(name + n - 2, ".c") == 0;
}

/* Directories a walk does not enter unless named on the command line: build
 * output and tool caches, which hold generated or copied sources. */
static const char *const build_dirs[] = {
	"build", "_build", "builddir", "CMakeFiles", "node_modules", "__pycache__", "autom4te.cache",
};

static bool is_build_dir(const char *name)
{
	for (size_t i = 0; i < sizeof build_dirs / sizeof build_dirs[0]; i++)
		if (strcmp(name, build_dirs[i]) == 0)
			return true;
	return strncmp(name, "build-", 6) == 0 || strncmp(name, "cmake-build-", 12) == 0;
}

bool ac_inputs_excluded(const AcInputs *in, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash && slash[1] ? slash + 1 : path;
	for (size_t i = 0; i < in->nexcludes; i++) {
		const char *g = in->excludes[i];
		if (fnmatch(g, path, 0) == 0 || fnmatch(g, base, 0) == 0)
			return true;
	}
	return false;
}

typedef AC_VEC(const char *) NameVec;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names in dir that do not start with '.', sorted, into *names (strings
 * in in->arena). Returns 0, or -1 after printing an error. */
static int read_names(AcInputs *in, const char *dir, NameVec *names)
{
	DIR *d = opendir(dir);
	if (!d)
		return fail_errno(in, dir);
	for (;;) {
		errno = 0;
		const struct dirent *e = readdir(d);
		if (!e)
			break;
		if (e->d_name[0] != '.')
			AC_VEC_PUSH(names, ac_arena_strdup(&in->arena, e->d_name));
	}
	int rc = errno ? fail_errno(in, dir) : 0;
	closedir(d);
	if (names->n > 1) /* qsort's base must not be NULL, even for no elements */
		qsort(names->v, names->n, sizeof *names->v, cmp_names);
	return rc;
}

static size_t walk(AcInputs *in, const char *dir, size_t *found);

/* One entry of a walked directory: recurse into directories, list C files.
 * Entries that vanish or dangle are skipped unless they look like C files. */
static size_t walk_entry(AcInputs *in, const char *path, const char *name, size_t *found)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (!is_c_name(name))
			return 0;
		fail_errno(in, path);
		return 1;
	}
	if (ac_inputs_excluded(in, path))
		return 0;
	if (S_ISDIR(st.st_mode))
		return !is_build_dir(name) && mark_seen(in, &st) ? walk(in, path, found) : 0;
	if (!S_ISREG(st.st_mode) || !is_c_name(name))
		return 0;
	(*found)++;
	if (mark_seen(in, &st))
		AC_VEC_PUSH(&in->files, path);
	return 0;
}

/* Lists the C files below dir. Counts every C file met in *found, also
 * those listed before. Returns the number of errors printed. */
static size_t walk(AcInputs *in, const char *dir, size_t *found)
{
	NameVec names = {0};
	size_t errors = read_names(in, dir, &names) < 0;
	size_t len = strlen(dir);
	const char *sep = len && dir[len - 1] == '/' ? "" : "/";
	for (size_t i = 0; i < names.n; i++) {
		const char *path = ac_arena_printf(&in->arena, "%s%s%s", dir, sep, names.v[i]);
		errors += walk_entry(in, path, names.v[i], found);
	}
	AC_VEC_FREE(&names);
	return errors;
}

static size_t collect_dir(AcInputs *in, const char *dir, const struct stat *st)
{
	if (!mark_seen(in, st))
		return 0; /* entered before: its files are listed already */
	size_t found = 0;
	size_t errors = walk(in, dir, &found);
	if (found || errors)
		return errors;
	size_t len = strlen(dir);
	fail(in, ac_arena_printf(&in->arena, "%s%s", dir, len && dir[len - 1] == '/' ? "" : "/"),
	     "no C source files found");
	return 1;
}

static size_t collect_one(AcInputs *in, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fail_errno(in, path);
		return 1;
	}
	if (S_ISDIR(st.st_mode))
		return collect_dir(in, path, &st);
	if (!S_ISREG(st.st_mode)) {
		fail(in, path, "not a regular file or directory");
		return 1;
	}
	if (mark_seen(in, &st))
		AC_VEC_PUSH(&in->files, ac_arena_strdup(&in->arena, path));
	return 0;
}

size_t ac_inputs_collect(AcInputs *in, const char *const *paths, size_t npaths)
{
	size_t errors = 0;
	for (size_t i = 0; i < npaths; i++)
		errors += collect_one(in, paths[i]);
	return errors;
}

void ac_inputs_free(AcInputs *in)
{
	AC_VEC_FREE(&in->files);
	AC_VEC_FREE(&in->errors);
	ac_free(in->seen);
	in->seen = NULL;
	in->seen_cap = in->nseen = 0;
	ac_arena_free(&in->arena);
}
