/*
 * walks: what one walk of a function produced (its summary, its findings
 * and its struct-member facts), recorded with a digest of everything the
 * walk read from outside the function's body: the summaries its calls
 * reached, the function a call through a pointer reaches, whether it is a
 * registered destructor, whether the globals it uses have their address
 * taken (engine.c computes it). A walk is a pure function of the body, the
 * run's options and those inputs, so a later analysis of the same IR whose
 * inputs have the same digest takes the record instead of walking again.
 * This is how the link step of "alloccheck merge" re-analyses per function:
 * alloccheck-cc records every walk of a TU into its IR file (ir_file.h),
 * merge analyses again only the functions whose inputs changed, and keeps
 * the findings and summary of every other function as the record has them.
 *
 * A recursive group of functions is walked several times until its
 * summaries settle (engine.c); each of those walks has inputs of its own,
 * so a function keeps one record per walk of the last analysis.
 *
 * The records come from files and are input: a record that does not decode
 * is not taken (the function is walked), never a crash.
 */
#ifndef AC_WALKS_H
#define AC_WALKS_H

#include <stdbool.h>
#include <stddef.h>

#include "flow.h"
#include "hash.h"

/* One walk. */
typedef struct AcWalk {
	char digest[AC_HASH_HEX + 1]; /* of its inputs */
	char *out;                    /* its outputs, encoded (ac_walk_encode); owned */
} AcWalk;

/* The walks of one function, in the order they were made. */
typedef struct AcFuncWalks {
	AcWalk *v;
	size_t n;
} AcFuncWalks;

/* The walks of every function of a TU (AcTu.funcs numbering). */
typedef struct AcTuWalks {
	AcFuncWalks *funcs; /* nfuncs entries; NULL when none was recorded */
	size_t nfuncs;
} AcTuWalks;

/* Makes w empty with room for nfuncs functions. */
void ac_walks_init(AcTuWalks *w, size_t nfuncs);
/* Adds a walk of function f (< w->nfuncs); out is taken (ac_malloc'd). */
void ac_walks_add(AcTuWalks *w, size_t f, const char *digest, char *out);
/* The walk of function f whose inputs had this digest, or NULL. */
const AcWalk *ac_walks_find(const AcTuWalks *w, size_t f, const char *digest);
/* The number of walks recorded. */
size_t ac_walks_count(const AcTuWalks *w);
void ac_walks_free(AcTuWalks *w); /* empty again; NULL is fine */

/* The outputs of one walk of fn as text (ac_malloc'd): its summary
 * (ac_summary_encode's text), its findings fs and its struct-member facts t. */
char *ac_walk_encode(const char *summary, const AcFindings *fs, const AcFieldTable *t);

/* Where a decoded walk goes. */
typedef struct AcWalkDecode {
	AcArena *arena;         /* the summary and the facts' strings; lives as long as they do */
	AcIntern *names;        /* for the summary's strings (summary.c) */
	const AcTu *tu;         /* the TU of fn: field keys are its interned strings */
	const AcFunc *fn;       /* the function walked */
	const AcFamilies *fams; /* its TU's family table */
} AcWalkDecode;

/* Decodes text (ac_walk_encode's) into *s, fs and t (empty on entry).
 * Returns false when the text is not a walk of fn; what was filled in is
 * then to be dropped by the caller. */
bool ac_walk_decode(const AcWalkDecode *cx, const char *text, AcSummary **s, AcFindings *fs, AcFieldTable *t);

#endif
