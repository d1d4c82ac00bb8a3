/*
 * finding: what rules produce and reporters print.
 *
 * Findings outlive the TU they come from, so every string and note they hold
 * lives in the run's arena (AcFindings.arena). Sorted by file, line, column,
 * rule and message before any reporter sees them; exact duplicates removed,
 * and the repeats of a finding at the same place in other functions (one
 * line of source made into several functions: a template, Cython's fused
 * functions), also in generated C, where the place is the statement.
 */
#ifndef AC_FINDING_H
#define AC_FINDING_H

#include <stddef.h>

#include "arena.h"
#include "cfg.h"
#include "vec.h"

typedef enum AcSeverity {
	AC_SEV_NOTE,
	AC_SEV_WARNING,
	AC_SEV_ERROR,
	AC_SEV_COUNT
} AcSeverity;

typedef struct AcNote {
	AcLoc loc;       /* strings in the run arena */
	const char *msg;
} AcNote;

typedef struct AcFinding {
	const char *rule;     /* rule id ("leak"); static storage */
	AcSeverity severity;
	AcLoc loc;            /* where the misuse happens */
	const char *message;
	const char *function; /* the function it was found in */
	AcNote *notes;        /* the path that leads there, in order */
	size_t nnotes;
	const char *origin;   /* generated code: the user's statement loc stands for (Cython's
	                         marker quotes it); fingerprints hash it instead of the
	                         generated line. NULL otherwise */
} AcFinding;

typedef struct AcFindings {
	AcArena arena;          /* owns every string and note array of the findings */
	AC_VEC(AcFinding) list;
} AcFindings;

/* Copies f (and everything it points to) into fs. */
void ac_findings_add(AcFindings *fs, const AcFinding *f);
/* Sorts by (file, line, col, rule, message) and drops exact duplicates. */
void ac_findings_sort(AcFindings *fs);
void ac_findings_free(AcFindings *fs);

#endif
