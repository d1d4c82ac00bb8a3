/*
 * jobs: the list of translation units to analyse (AcJob[], the stage between
 * the inputs and the frontend) and the thread pool that analyses them.
 *
 * Each worker thread takes the next job by an atomic counter, loads the TU
 * (libclang: one CXIndex per parse, so per thread), runs the engine into that
 * job's own AcFindings and frees the TU. Nothing is shared between workers
 * but the read-only configuration; the caller merges the per-job results in
 * job order and sorts them, so the report does not depend on the number of
 * threads or on which finished first.
 */
#ifndef AC_JOBS_H
#define AC_JOBS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "engine.h"
#include "finding.h"
#include "report.h"
#include "vec.h"

/* One TU: a file and the compiler flags to parse it with. */
typedef struct AcJob {
	const char *path;         /* what ac_tu_load opens (absolute from a compile database) */
	const char *const *args;  /* extra compiler flags, no driver, no source */
	size_t nargs;
} AcJob;

/* The jobs of a run and the inputs that could not become jobs. */
typedef struct AcJobs {
	AcArena arena;               /* owns the strings and argument arrays of jobs and failed */
	AC_VEC(AcJob) list;          /* in input order, each file once */
	AC_VEC(AcFailure) failed;    /* inputs rejected before analysis, each printed as an error */
	bool compdb;                 /* the jobs come from a compile database */
	AcSkipped skipped;           /* its entries skipped on purpose (C++, assembler, duplicates,
	                                --exclude); zero without one */
} AcJobs;

void ac_jobs_free(AcJobs *jobs); /* releases everything; *jobs is empty again */

/* A name and a line of text about it: a summary (summary.c), or a fact
 * about a struct member (engine.h). */
typedef struct AcLinkEntry {
	const char *name;
	const char *text;
} AcLinkEntry;

/* What a TU gives to and takes from the rest of the program: kept in the
 * result cache with its findings, so a TU taken from the cache still takes
 * part in the link step, and is analysed again when what it took changed. */
typedef struct AcLinkData {
	AcArena arena;                 /* owns the strings below */
	AC_VEC(AcLinkEntry) exports;   /* its functions with external linkage: name, summary */
	AC_VEC(AcLinkEntry) consumes;  /* each external name its calls used: name, the summary
	                                  they saw ("-": none, the call was opaque) */
	AC_VEC(AcLinkEntry) members;   /* its stores to and releases of struct members, for the
	                                  program-wide check (engine.h AcMemberFact, encoded) */
	AC_VEC(AcLinkEntry) fnstores;  /* its stores into places that may hold functions: place,
	                                  function (program.h ac_program_tu_fnstores) */
} AcLinkData;

void ac_link_data_free(AcLinkData *l);
void ac_link_data_add(AcLinkData *l, int which, const char *name, const char *text); /* 0 exports, 3 fnstores,
                                                                                        1 consumes, 2 members */

/* What analysing one job produced. */
typedef struct AcJobResult {
	AcFindings findings; /* this TU's findings, unsorted */
	AcLinkData link;     /* its part in the link step */
	bool cached;         /* the results came from the cache */
	size_t nfunctions;   /* functions analysed */
	AcBudget budget;     /* the bounds the analysis hit (engine.h) */
	bool failed;         /* the TU could not be loaded (the frontend printed why) */
	size_t nwalked;      /* merge: its functions walked again (not taken from an earlier
	                        walk, walks.h), over every round of the link step */
} AcJobResult;

typedef struct AcJobsConfig {
	const AcEngineOptions *engine;
	size_t nthreads;  /* >= 1; more than the number of jobs is fine */
	bool progress;    /* "[k/n] path" lines on stderr (the caller checks for a terminal) */
	bool quiet;       /* no warning for TUs with parse errors */
	struct AcCache *cache; /* the result cache (cache.h) jobs are looked up in and
	                          stored to; NULL: none */
	bool shared_headers; /* parse the leading headers that files share once
	                        (shared_headers.h); --no-shared-headers turns it off */
	bool callers_outside; /* files of the program are left out of the run (program.h) */
	const char *program_summaries; /* --program-summaries FILE, or NULL: the summaries of
	                                  functions defined outside the run are read from it, and
	                                  the program's are written back (merged) afterwards */
	/* alloccheck merge: results[] come filled in (a TU's stored results with its
	 * link data, cached set), and a TU is loaded by load (its IR file) instead of
	 * being parsed: only those whose results are not cached, and those found
	 * stale. load returns 0 with *tu set, or -1 (res->failed) after an error.
	 * With the IR, load gives the walks of the TU's last analysis (walks.h,
	 * empty when there are none): its functions whose inputs did not change
	 * are taken from them instead of walked again. */
	int (*load)(void *ctx, size_t i, AcTu **tu, struct AcTuWalks *walks);
	/* merge: called, when not NULL, for each TU loaded by load and analysed
	 * within its bounds, with its results as the cache would store them (its
	 * findings without those of the program-wide struct-member check) and the
	 * walks of this analysis. When a quarter of the TUs are found stale, or
	 * the TUs loaded make others stale, every TU is loaded with its IR (a
	 * summary that changes may change its callers in any TU, and the walks
	 * keep the unchanged functions cheap), so that the program is analysed
	 * in one more pass, each function at most once (but for recursion). */
	void (*store)(void *ctx, size_t i, const AcTu *tu, const AcJobResult *res, const struct AcTuWalks *walks);
	void *load_ctx;
	size_t *walked;   /* merge, when not NULL: += the functions walked ... */
	size_t *reused;   /* ... and taken from a walk, over every round of the link step */
} AcJobsConfig;

/* Analyses jobs[0..n) on cfg->nthreads threads (the calling thread when 1)
 * into results[0..n), which must be zero-initialised; the caller frees each
 * results[i].findings. Thread creation failing is out of resources: it
 * falls back to fewer threads. */
void ac_jobs_run(const AcJob *jobs, size_t n, const AcJobsConfig *cfg, AcJobResult *results);

/* The number of online CPUs, at least 1: the default of -j. */
size_t ac_jobs_default_threads(void);

#endif
