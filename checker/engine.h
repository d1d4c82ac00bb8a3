/*
 * engine: the path-aware dataflow over abstract heap objects.
 *
 * Runs every function of a lowered TU, callees first so that functions
 * defined in the TU are used through their summaries, and sends the events it
 * finds to the enabled rules. Findings go to out; nothing is printed except
 * the -v notes when a bound is hit (budget below).
 *
 * Budgets: every function's walk is bounded by step_budget block visits, and
 * every TU by a wall-clock deadline (tu_timeout, counted from before the
 * parse), checked between functions and every 1024 steps inside a walk. A
 * function stopped by either keeps the findings found so far and no summary;
 * after the deadline the remaining functions are not analysed at all. Each
 * bound hit is one -v note and a count in AcBudget, which the driver reports.
 */
#ifndef AC_ENGINE_H
#define AC_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "cython_locate.h"
#include "family.h"
#include "finding.h"
#include "rule.h"

typedef struct AcEngineOptions {
	size_t max_disjuncts; /* states kept per program point before joining (default 16) */
	size_t step_budget;   /* block visits per function before giving up (default 200000) */
	size_t tu_timeout;    /* seconds per TU, parse included, before its remaining
	                         functions are skipped (default 300; 0: none) */
	AcRuleSet rules;      /* which rules receive events */
	const AcFamilies *families; /* allocator knowledge; NULL means the built-in families */
	bool per_file;        /* --per-file: each TU is a program of its own (no link step) */
	bool bodies_elsewhere; /* a function without a body in the program may have one in a file
	                          analysed apart (--per-file over several files): it may be the
	                          program's own, not a library's */
	bool closed_program;  /* --closed-program: every call of the program's functions is in the
	                         run, as in a program with main (null_args.h) */
	AcCythonOptions cython; /* where findings in Cython's C are located (cython_locate.h);
	                           applied by the driver around the engine */
} AcEngineOptions;

void ac_engine_defaults(AcEngineOptions *opt); /* all rules enabled */

/* The bounds a TU's analysis hit (all zero: analysed completely). */
typedef struct AcBudget {
	size_t step_limited; /* functions whose step budget ran out */
	size_t timed_out;    /* functions stopped or never analysed: the TU's time ran out */
	size_t tus_timed_out; /* TUs whose time ran out */
} AcBudget;

/* Adds b's counts to *sum. */
void ac_budget_add(AcBudget *sum, const AcBudget *b);
/* Whether any bound was hit. */
bool ac_budget_hit(const AcBudget *b);

/* Seconds on the monotonic clock: the unit of deadlines. */
double ac_engine_now(void);
/* The deadline of a TU whose work starts now under opt (0: none). */
double ac_engine_deadline(const AcEngineOptions *opt);

struct AcProgram; /* program.h */

/* Where ac_engine_run_program puts what it found; the caller allocates the
 * arrays (zeroed) and frees what they hold. */
typedef struct AcProgramResult {
	AcFindings *findings;  /* per TU: its findings are added there */
	AcBudget *budget;      /* per TU: the bounds hit are added there */
	const double *spent;   /* per TU: seconds its time budget already used (the parse), or NULL */
	char **summaries;      /* per body (program.h numbering): its summary encoded (summary.c),
	                          in arena; NULL: not wanted */
	AcArena *arena;
	size_t rounds_limited; /* recursive SCCs whose iteration bound was hit */
	AcFindings *member_findings; /* per TU: the findings of the program-wide struct-member
	                                check (kept apart: they depend on other TUs); NULL: into
	                                findings */
	/* Called with each struct-member fact of each TU with IR, encoded, for the
	 * link data (jobs.h); may be NULL. */
	void (*on_member)(void *ctx, size_t tu, const char *key, const char *text);
	void *ctx;
	/* Per function, the walks (walks.h): a function whose inputs are those of
	 * a walk in walks_in[tu] (an entry may be NULL) is taken from it instead
	 * of walked; every walk made or taken is recorded in walks_out[tu] (the
	 * caller frees each with ac_walks_free). Either may be NULL. */
	const struct AcTuWalks *const *walks_in;
	struct AcTuWalks *walks_out;
	size_t nwalked;        /* functions walked */
	size_t nreused;        /* functions taken from a walk of walks_in */
	size_t *tu_walked;     /* per TU, when not NULL: += its functions walked */
} AcProgramResult;

/* Analyses every function of the linked program p, callees first, on up to
 * nthreads threads; the result does not depend on nthreads. The time
 * budget is per TU (opt->tu_timeout seconds of work, parse included). */
void ac_engine_run_program(const struct AcProgram *p, const AcEngineOptions *opt, size_t nthreads,
                           AcProgramResult *res);

/* Analyses tu until deadline (ac_engine_now() seconds; 0: none), counting
 * the bounds hit into *budget (may be NULL). */
void ac_engine_run_bounded(const AcTu *tu, const AcEngineOptions *opt, double deadline, AcFindings *out,
                           AcBudget *budget);
/* Without a deadline and without counts. */
void ac_engine_run(const AcTu *tu, const AcEngineOptions *opt, AcFindings *out);

#endif
