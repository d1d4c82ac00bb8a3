/*
 * relpath: file paths as CI systems want them, relative to a source root
 * (the repository checkout), for SARIF (%SRCROOT% URIs), GitHub annotations
 * and GitLab Code Quality.
 *
 * The root is resolved once (realpath). A finding's path is resolved the
 * same way when the file exists, else normalised lexically against the
 * current directory ("." and ".." segments, repeated slashes). A path under
 * the root becomes relative to it; any other path stays absolute.
 */
#ifndef AC_RELPATH_H
#define AC_RELPATH_H

#include <stdbool.h>

#include "arena.h"

typedef struct AcRelPath {
	const char *root; /* absolute, resolved, ending in '/'; in the arena given to init */
} AcRelPath;

/* Resolves dir (NULL: the current directory) into rp->root, allocated in
 * arena. Returns 0, or -1 after printing "alloccheck: error: DIR: why". */
int ac_relpath_init(AcRelPath *rp, const char *dir, AcArena *arena);

/* path relative to the root when it lies under it (*under set), else the
 * absolute path; in arena. */
const char *ac_relpath_get(const AcRelPath *rp, const char *path, AcArena *arena, bool *under);

/* path as a URI reference: every byte but unreserved characters and '/'
 * percent-encoded; in arena. */
const char *ac_relpath_uri(const char *path, AcArena *arena);

#endif
