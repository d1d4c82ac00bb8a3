/*
 * cython_locate: findings in Cython's generated C, located in the user's
 * .pyx (and .pxd, .pxi) files, whether or not Cython wrote #line.
 *
 * Two steps around the engine, both driven by Cython's own origin markers
 * (cython_map.h), both no-ops on other C and on C with #line (the frontend
 * follows #line itself):
 *
 *   ac_cython_locate_tu       lowered TU -> same TU, before the engine: every
 *                             location of user code moves to its .pyx line
 *                             when that file is found, exactly as #line would
 *                             put it; and the return of each function's shared
 *                             exit is marked, so a leak there is reported at
 *                             the jump that led to it.
 *   ac_cython_locate_findings findings -> same findings, before sorting: a
 *                             finding still in generated C (the .pyx is not
 *                             there, or --cython-locations c) gets a first note
 *                             "in mod.pyx:13: <statement>" and its fingerprint
 *                             follows that statement, not the generated line.
 *
 * A marker's path is looked up relative to the C file's directory, then the
 * source root, then each directory above the C file (a package's markers are
 * relative to its root), then the current directory.
 */
#ifndef AC_CYTHON_LOCATE_H
#define AC_CYTHON_LOCATE_H

#include "cfg.h"
#include "finding.h"

typedef enum AcCythonLocations {
	AC_CYTHON_PYX, /* report in the .pyx when it is found (default) */
	AC_CYTHON_C,   /* report in the generated C, with the .pyx line as a note */
} AcCythonLocations;

typedef struct AcCythonOptions {
	AcCythonLocations locations; /* --cython-locations */
	const char *source_root;     /* --source-root: where marker paths may be rooted; NULL: none */
} AcCythonOptions;

/* Moves tu's locations to the .pyx (see above) and marks shared exits. Reads
 * tu->path again; a file that cannot be read is left alone. */
void ac_cython_locate_tu(AcTu *tu, const AcCythonOptions *opt);

/* Adds the origin note and origin text to the findings of fs still located
 * in Cython output. Idempotent (a finding that has its origin is skipped). */
void ac_cython_locate_findings(AcFindings *fs);

#endif
