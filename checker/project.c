/*
 * project: see project.h. The directory is the longest common prefix of the
 * real directories given, cut back to a '/', computed once; a lookup is one
 * prefix comparison.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include "project.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mem.h"

static char *dir; /* on the mem funnel; NULL: not set */
static char *cwd; /* the real working directory when dir was set, or NULL */

/* The real directory of path (path itself when it is a directory), owned,
 * or NULL. */
static char *real_dir(const char *path)
{
	char buf[PATH_MAX];
	struct stat st;
	if (!realpath(path, buf) || stat(buf, &st) != 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		char *slash = strrchr(buf, '/');
		if (!slash)
			return NULL;
		slash[slash == buf ? 1 : 0] = '\0';
	}
	return ac_strdup(buf);
}

/* Cuts d to its longest common directory with other ("/a/b" and "/a/bc"
 * share "/a"). */
static void common_dir(char *d, const char *other)
{
	size_t n = 0;
	while (d[n] && d[n] == other[n])
		n++;
	if (d[n] == '\0' && (other[n] == '\0' || other[n] == '/'))
		return; /* d holds other */
	while (n > 0 && d[n] != '/')
		n--;
	d[n == 0 ? 1 : n] = '\0';
}

void ac_project_set(const char *const *paths, size_t n)
{
	ac_project_clear();
	cwd = real_dir(".");
	for (size_t i = 0; i < n; i++) {
		char *d = real_dir(paths[i]);
		if (!d)
			continue;
		if (!dir)
			dir = d;
		else {
			common_dir(dir, d);
			ac_free(d);
		}
	}
}

const char *ac_project_shown(const char *real_path)
{
	size_t n = cwd ? strlen(cwd) : 0;
	if (n > 1 && strncmp(real_path, cwd, n) == 0 && real_path[n] == '/' && real_path[n + 1])
		return real_path + n + 1;
	return real_path;
}

const char *ac_project_dir(void)
{
	return dir ? dir : "";
}

bool ac_project_has(const char *real_path)
{
	if (!dir || !real_path)
		return false;
	size_t n = strlen(dir);
	if (n == 1)
		return real_path[0] == '/';
	return strncmp(real_path, dir, n) == 0 && real_path[n] == '/';
}

void ac_project_clear(void)
{
	ac_free(dir);
	dir = NULL;
	ac_free(cwd);
	cwd = NULL;
}
