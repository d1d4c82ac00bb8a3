/*
 * relpath: paths relative to a source root, and their URI form (relpath.h).
 * realpath is called with a caller buffer so that no block escapes mem.c.
 */
#define _XOPEN_SOURCE 700 /* realpath, getcwd */

#include "relpath.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

/* path made absolute against the current directory and normalised
 * lexically, in arena; NULL when the current directory is unknown. */
static char *lexical_abs(const char *path, AcArena *arena)
{
	char cwd[PATH_MAX];
	if (path[0] != '/' && !getcwd(cwd, sizeof cwd))
		return NULL;
	const char *full = path[0] == '/' ? path : ac_arena_printf(arena, "%s/%s", cwd, path);
	char *out = ac_arena_alloc(arena, strlen(full) + 2);
	size_t o = 0;
	for (const char *s = full; *s;) {
		size_t n = strcspn(s, "/");
		if (n == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[--o] != '/')
				;
		} else if (n > 0 && !(n == 1 && s[0] == '.')) {
			out[o++] = '/';
			memcpy(out + o, s, n);
			o += n;
		}
		s += n + (s[n] == '/');
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
	return out;
}

int ac_relpath_init(AcRelPath *rp, const char *dir, AcArena *arena)
{
	char buf[PATH_MAX];
	if (!realpath(dir ? dir : ".", buf))
		return ac_error("%s:", dir ? dir : "current directory");
	size_t n = strlen(buf);
	rp->root = ac_arena_printf(arena, "%s%s", buf, n && buf[n - 1] == '/' ? "" : "/");
	return 0;
}

const char *ac_relpath_get(const AcRelPath *rp, const char *path, AcArena *arena, bool *under)
{
	char buf[PATH_MAX];
	const char *abs = realpath(path, buf) ? ac_arena_strdup(arena, buf) : lexical_abs(path, arena);
	size_t n = strlen(rp->root);
	*under = abs && strncmp(abs, rp->root, n) == 0 && abs[n];
	if (*under)
		return abs + n;
	return abs ? abs : path;
}

const char *ac_relpath_uri(const char *path, AcArena *arena)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = ac_arena_alloc(arena, strlen(path) * 3 + 1);
	size_t o = 0;
	for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
		bool plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			     strchr("-._~/", *s);
		if (plain) {
			out[o++] = (char)*s;
		} else {
			out[o++] = '%';
			out[o++] = hex[*s >> 4];
			out[o++] = hex[*s & 15];
		}
	}
	out[o] = '\0';
	return out;
}
