/*
 * jobs: the thread pool over AcJob[] (see jobs.h). The only shared state is
 * one Pool on the caller's stack: the read-only jobs and configuration, an
 * atomic index of the next job, and the results array, of which each worker
 * writes only the slots it claimed. With more than one thread the jobs are
 * claimed largest file first, so that no large TU is left to parse alone at
 * the end while the other threads wait (results stay in job order).
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */

#include "jobs.h"

#include <pthread.h>
#include <stdlib.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "diag.h"
#include "driver_probe.h"
#include "frontend.h"
#include "link_data.h"
#include "mem.h"
#include "null_args.h"
#include "program.h"
#include "shared_headers.h"
#include "stack.h"
#include "textfile.h"
#include "trace.h"
#include "walks.h"

enum { MAX_THREADS = 256 }; /* -j beyond this gains nothing and costs memory */

typedef struct Pool {
	const AcJob *jobs;
	size_t n;
	const AcJobsConfig *cfg;
	AcJobResult *results;
	AcTu **tus;            /* per job: the lowered TU, kept for the link step; NULL when
	                          its results came from the cache or it failed */
	AcTuFacts **facts;     /* per job with a TU: what it brings to the link step, made by
	                          the worker that lowered it (ac_program_tu_facts) */
	char **null_text;      /* per job with a TU: its records of NULL arguments, made there
	                          too (null_args.h) */
	double *spent;         /* per job: seconds its parse took */
	bool *stale;           /* per job: cached results that no longer hold */
	AcFindings *member_findings; /* per job: of the program-wide struct-member check */
	AcTuWalks *walks;      /* per job with IR (merge): the walks of its last analysis */
	size_t rounds;         /* link steps made so far */
	AcShared *shared;      /* the groups parsed with a PCH (shared_headers.h), or NULL */
	AcLinkData file;       /* --program-summaries: what the file holds (exports) */
	size_t *order;         /* the jobs in the order they are claimed */
	atomic_size_t next;    /* the next job to claim (an index into order) */
	atomic_size_t started; /* jobs claimed so far, for the progress counter */
	pthread_t tidy;        /* releases libclang's code and trims the heap after the parses
	                          (tidy_after_parses) while the link step runs */
	bool tidying;          /* tidy was started and is not joined yet */
} Pool;

void ac_jobs_free(AcJobs *jobs)
{
	AC_VEC_FREE(&jobs->list);
	AC_VEC_FREE(&jobs->failed);
	ac_arena_free(&jobs->arena);
	jobs->compdb = false;
	memset(&jobs->skipped, 0, sizeof jobs->skipped);
}

void ac_link_data_free(AcLinkData *l)
{
	AC_VEC_FREE(&l->exports);
	AC_VEC_FREE(&l->consumes);
	AC_VEC_FREE(&l->members);
	AC_VEC_FREE(&l->fnstores);
	ac_arena_free(&l->arena);
}

void ac_link_data_add(AcLinkData *l, int which, const char *name, const char *text)
{
	AcLinkEntry e = {ac_arena_strdup(&l->arena, name), ac_arena_strdup(&l->arena, text)};
	if (which == 0)
		AC_VEC_PUSH(&l->exports, e);
	else if (which == 1)
		AC_VEC_PUSH(&l->consumes, e);
	else if (which == 3)
		AC_VEC_PUSH(&l->fnstores, e);
	else
		AC_VEC_PUSH(&l->members, e);
}

size_t ac_jobs_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (size_t)n : 1;
}

/* The warning main.c printed for a TU with parse errors, unless quiet. */
static void warn_parse_errors(const AcTu *t, const char *path)
{
	ac_warning("%s: %zu error%s while parsing; findings in affected functions suppressed%s%s%s",
		   path, t->nerrors, t->nerrors == 1 ? "" : "s", t->first_error ? " (first: " : "",
		   t->first_error ? t->first_error : "", t->first_error ? ")" : "");
}

/* Stage 1 of a job: its cached results, or its TU parsed and lowered. */
static void load_one(Pool *pool, size_t i, bool use_cache)
{
	const AcJob *job = &pool->jobs[i];
	AcJobResult *res = &pool->results[i];
	if (pool->cfg->progress && use_cache)
		ac_diag_progress(atomic_fetch_add(&pool->started, 1) + 1, pool->n, job->path);
	if (use_cache && pool->cfg->cache && ac_cache_lookup(pool->cfg->cache, job, res))
		return;
	if (use_cache && pool->cfg->load && (res->cached || res->failed))
		return; /* merge: the stored results stand until found stale */
	ac_note_verbose("%s: analysing", job->path);
	AcTraceSpan span = ac_trace_begin();
	double start = ac_engine_now(); /* the TU's time budget counts its parse */
	AcTu *tu;
	if (pool->cfg->load) { /* merge: the IR file, already located (cython_locate.h) */
		if (pool->cfg->load(pool->cfg->load_ctx, i, &tu, &pool->walks[i]) < 0) {
			res->failed = true;
			return;
		}
	} else {
		int rc = pool->shared      ? ac_shared_load(pool->shared, i, &tu)
		         : pool->cfg->cache ? ac_tu_load(job->path, job->args, job->nargs, &tu)
		                            : ac_tu_load_uncached(job->path, job->args, job->nargs, &tu);
		if (rc < 0) {
			res->failed = true;
			return;
		}
		if (tu->nerrors > 0 && !pool->cfg->quiet)
			warn_parse_errors(tu, job->path);
		ac_cython_locate_tu(tu, &pool->cfg->engine->cython);
	}
	res->nfunctions = tu->nfuncs;
	ac_trace_end(&span, "load", job->path);
	ac_trace_memory("load");
	if (pool->cfg->engine->per_file) { /* the TU is a program of its own */
		ac_engine_run_bounded(tu, pool->cfg->engine, start + (double)pool->cfg->engine->tu_timeout,
		                      &res->findings, &res->budget);
		if (pool->cfg->cache && !ac_budget_hit(&res->budget))
			ac_cache_store(pool->cfg->cache, job, tu, res);
		ac_tu_free(tu);
		return;
	}
	ac_arena_trim(&tu->arena); /* kept until the link: no slack */
	span = ac_trace_begin();
	pool->facts[i] = ac_program_tu_facts(tu); /* here, in parallel, not in the link step */
	AcArena tmp = {0};
	ac_free(pool->null_text[i]);
	pool->null_text[i] = ac_strdup(ac_null_args_records(&tmp, tu));
	ac_arena_free(&tmp);
	ac_trace_end(&span, "facts", job->path);
	pool->tus[i] = tu;
	pool->spent[i] = ac_engine_now() - start;
}

static void *worker(void *arg)
{
	Pool *pool = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&pool->next, 1);
		if (i >= pool->n)
			return NULL;
		load_one(pool, pool->order[i], true);
	}
}

typedef struct SizedJob {
	int rank;       /* 0: the largest file of its group, whose parse makes the group's PCH
	                   (shared_headers.h); 1: a file parsed whole; 2: its group's other files */
	size_t members; /* of its group (the PCHs of the largest groups are made first) */
	off_t size;
	size_t job;
} SizedJob;

static int cmp_claim_first(const void *a, const void *b)
{
	const SizedJob *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	if (x->rank == 0 && x->members != y->members) /* the files after it: largest first */
		return x->members < y->members ? 1 : -1;
	if (x->size != y->size)
		return x->size < y->size ? 1 : -1;
	return (x->job > y->job) - (x->job < y->job);
}

/* pool->order: the jobs in input order for one thread. Else the PCHs are
 * made first, the largest group's first: a worker that claims a file whose
 * group's PCH another is making parses it whole meanwhile, and with the
 * files parsed whole claimed first, as before, the other worker reached the
 * groups while the first one made their PCH (zlib at -j2: 91 ms more CPU in
 * its parses than at -j1, a fifth of the run). Then the files parsed whole,
 * then the groups' other files, each largest first (the size of the main
 * file stands for the cost of the TU, but for the headers a file parses
 * whole: CPython's Modules/_testimportmultiple.c, a few lines under
 * Python.h, in no group, took 49 ms, last, while the other worker waited). */
static void order_jobs(Pool *pool, size_t nthreads)
{
	pool->order = ac_calloc(pool->n + 1, sizeof *pool->order);
	SizedJob *sized = ac_calloc(pool->n + 1, sizeof *sized);
	size_t ngroups = 0;
	for (size_t i = 0; i < pool->n; i++) {
		int g = ac_shared_group(pool->shared, i);
		ngroups = g >= 0 && (size_t)g >= ngroups ? (size_t)g + 1 : ngroups;
	}
	size_t *members = ac_calloc(ngroups + 1, sizeof *members), *opener = ac_calloc(ngroups + 1, sizeof *opener);
	for (size_t i = 0; i < pool->n; i++) {
		struct stat st;
		int g = ac_shared_group(pool->shared, i);
		sized[i] = (SizedJob){g >= 0 ? 2 : 1, 0, nthreads > 1 && stat(pool->jobs[i].path, &st) == 0 ? st.st_size : 0, i};
		if (g < 0)
			continue;
		if (members[g]++ == 0 || sized[i].size > sized[opener[g]].size)
			opener[g] = i;
	}
	for (size_t i = 0; i < pool->n; i++) {
		int g = ac_shared_group(pool->shared, i);
		if (g >= 0)
			sized[i].members = members[g];
		if (g >= 0 && opener[g] == i)
			sized[i].rank = 0;
	}
	if (nthreads > 1 && pool->n > 1)
		qsort(sized, pool->n, sizeof *sized, cmp_claim_first);
	for (size_t i = 0; i < pool->n; i++)
		pool->order[i] = sized[i].job;
	ac_free(members);
	ac_free(opener);
	ac_free(sized);
}

/* Stage 1 on up to nthreads threads. */
static void load_all(Pool *pool, size_t nthreads)
{
	order_jobs(pool, nthreads);
	pthread_t *threads = ac_calloc(nthreads ? nthreads : 1, sizeof *threads);
	size_t started = 0;
	/* The calling thread is worker 0 (main runs on a thread of ours, stack.h),
	 * so -j1 creates no thread at all. */
	for (size_t t = 1; t < nthreads; t++) {
		if (ac_stack_thread(&threads[started], worker, pool) != 0)
			break;
		started++;
	}
	worker(pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	ac_free(threads);
	ac_free(pool->order);
	pool->order = NULL;
	if (pool->cfg->progress && pool->n > 0)
		ac_diag_progress_end();
}

static void on_member(void *ctx, size_t tu, const char *key, const char *text)
{
	Pool *pool = ctx;
	ac_link_data_add(&pool->results[tu].link, 2, key, text);
}

/* Whether what the cached TU i used from the rest of the program is what
 * the program holds now; else says why under -v. */
static bool still_valid(const Pool *pool, const AcProgram *p, char *const *sums, size_t i)
{
	const AcLinkData *l = &pool->results[i].link;
	for (size_t k = 0; k < l->consumes.n; k++) {
		const AcLinkEntry *e = &l->consumes.v[k];
		if (strcmp(ac_link_current_text(p, sums, e->name), e->text) != 0) {
			ac_note_verbose("%s: cached results set aside: what '%s' does changed", pool->jobs[i].path, e->name);
			return false;
		}
	}
	return true;
}

/* ---- --program-summaries FILE ----------------------------------------------------- */

/* Reads the file (a missing one is an empty program): one header line,
 * then NAME<TAB>SUMMARY lines (summary.c). Errors are warnings: the run
 * goes on without them. */
static void read_summaries(Pool *pool, const char *path)
{
	size_t len;
	char *text = ac_textfile_read(path, &len);
	if (!text) {
		if (errno != ENOENT)
			ac_warning("%s: cannot read the program summaries: %s", path, strerror(errno));
		return;
	}
	char *line = text, *next;
	bool first = true;
	for (; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (first) {
			first = false;
			if (strcmp(line, AC_PROGRAM_SUMMARIES_HEADER) == 0)
				continue;
			ac_warning("%s: not a program summaries file of this version; ignored", path);
			break;
		}
		char *tab = strchr(line, '\t');
		if (!tab)
			continue;
		*tab = '\0';
		ac_link_data_add(&pool->file, 0, line, tab + 1);
	}
	ac_free(text);
}

/* Writes every summary the program knows now (the run's, then the file's
 * others) to path (ac_link_summaries_write). */
static void write_summaries(Pool *pool, const char *path)
{
	AcLinkData all = {0};
	AcArena a = {0};
	AcIntern seen;
	ac_intern_init(&seen, &a);
	for (size_t i = 0; i < pool->n; i++) {
		const AcLinkData *l = &pool->results[i].link;
		for (size_t k = 0; k < l->exports.n; k++) {
			size_t before = seen.count;
			ac_intern(&seen, l->exports.v[k].name);
			if (seen.count != before)
				ac_link_data_add(&all, 0, l->exports.v[k].name, l->exports.v[k].text);
		}
	}
	for (size_t k = 0; k < pool->file.exports.n; k++) {
		if (!ac_intern_find(&seen, pool->file.exports.v[k].name))
			ac_link_data_add(&all, 0, pool->file.exports.v[k].name, pool->file.exports.v[k].text);
	}
	if (ac_link_summaries_write(path, all.exports.v, all.exports.n) < 0)
		ac_warning("%s: cannot write the program summaries: %s", path, strerror(errno));
	ac_intern_free(&seen);
	ac_arena_free(&a);
	ac_link_data_free(&all);
}

/* The file's summaries of functions the run does not define. */
static void add_file_summaries(Pool *pool, AcProgram *prog)
{
	AcArena a = {0};
	AcIntern defined;
	ac_intern_init(&defined, &a);
	for (size_t i = 0; i < pool->n; i++) {
		const AcTu *tu = pool->tus[i];
		for (size_t f = 0; tu && f < tu->nfuncs; f++) {
			if (!tu->funcs[f].is_static)
				ac_intern(&defined, tu->funcs[f].name);
		}
		const AcLinkData *l = &pool->results[i].link;
		for (size_t k = 0; !tu && k < l->exports.n; k++)
			ac_intern(&defined, l->exports.v[k].name);
	}
	for (size_t k = 0; k < pool->file.exports.n; k++) {
		const AcLinkEntry *e = &pool->file.exports.v[k];
		if (!ac_intern_find(&defined, e->name))
			ac_program_add_extern(prog, e->name, e->text, -1);
	}
	ac_intern_free(&defined);
	ac_arena_free(&a);
}

static void *tidy(void *arg)
{
	(void)arg;
	ac_tu_parses_done();
	return NULL;
}

/* The parses are over: libclang's code leaves the resident set, on a thread
 * of its own with more than one worker, so that the link step and the
 * analysis, which do not touch it, run meanwhile (the analysis waited for
 * it: 7 ms of CPU, at -j2 while both workers stood idle); join_tidy waits
 * for it once the analysis is over, before a stale TU is parsed again. The heap is not
 * trimmed: the link and the analysis reuse the memory the parses freed
 * (malloc_trim gave it back, 3-10 ms, and python3.11-core's link and
 * analysis faulted 3.7k of its pages in again; peak RSS the same without it
 * on python3.11-core, curl-lib and lua5.4). */
static void tidy_after_parses(Pool *pool, size_t nthreads)
{
	ac_tu_prefetch_join(); /* a load no parse waited for is over before its code is released */
	if (nthreads > 1 && pthread_create(&pool->tidy, NULL, tidy, NULL) == 0) {
		pool->tidying = true;
		return;
	}
	tidy(NULL);
}

static void join_tidy(Pool *pool)
{
	if (pool->tidying)
		pthread_join(pool->tidy, NULL);
	pool->tidying = false;
}

/* Stages 2 and 3: the link step over every TU loaded (and the link data of
 * the cached ones), then the analysis of the whole program on nthreads
 * threads. Returns the number of cached TUs found stale: those are loaded
 * now, and the caller runs this again. */
static size_t analyse_program(Pool *pool, size_t nthreads)
{
	const AcJobsConfig *cfg = pool->cfg;
	/* only the TUs with IR read the families: a run whose every result came
	 * from the cache never builds the built-in table */
	bool bodies = false;
	for (size_t i = 0; i < pool->n && !bodies; i++)
		bodies = pool->tus[i] != NULL;
	const AcFamilies *fams = cfg->engine->families || !bodies ? cfg->engine->families : ac_families_builtin();
	AcTraceSpan span = ac_trace_begin();
	AcProgram prog;
	ac_program_init(&prog, pool->tus, pool->n, fams);
	prog.facts = pool->facts;
	for (size_t i = 0; i < pool->n; i++)
		prog.null_text[i] = pool->tus[i] ? pool->null_text[i] : NULL;
	for (size_t i = 0; i < pool->n; i++) {
		const AcJobResult *r = &pool->results[i];
		if (pool->tus[i] || !r->cached)
			continue;
		for (size_t k = 0; k < r->link.exports.n; k++)
			ac_program_add_extern(&prog, r->link.exports.v[k].name, r->link.exports.v[k].text, (int)i);
		for (size_t k = 0; k < r->link.members.n; k++)
			ac_program_add_member(&prog, r->link.members.v[k].name, r->link.members.v[k].text, (int)i);
		for (size_t k = 0; k < r->link.fnstores.n; k++)
			ac_program_add_fnstore(&prog, r->link.fnstores.v[k].name, r->link.fnstores.v[k].text, (int)i);
	}
	add_file_summaries(pool, &prog);
	prog.closed_program = cfg->engine->closed_program;
	/* --program-summaries: the run is a part of a program (its summaries are
	 * for runs over other parts), even before the file has any */
	prog.callers_outside = cfg->callers_outside || cfg->program_summaries;
	ac_program_link(&prog);
	ac_trace_end(&span, "link", NULL);
	ac_trace_memory("link");
	AcFindings *findings = ac_calloc(pool->n + 1, sizeof *findings);
	AcBudget *budget = ac_calloc(pool->n + 1, sizeof *budget);
	AcArena arena = {0};
	char **sums = ac_calloc(prog.nbodies + 1, sizeof *sums);
	pool->member_findings = ac_calloc(pool->n + 1, sizeof *pool->member_findings);
	for (size_t i = 0; i < pool->n; i++) {
		if (pool->tus[i])
			ac_link_data_free(&pool->results[i].link);
	}
	/* The summaries as text and each TU's link data serve only the cache, merge
	 * and --program-summaries: without them, neither is made. */
	bool linked = cfg->cache || cfg->load || cfg->store || cfg->program_summaries;
	AcProgramResult res = {.findings = findings, .budget = budget, .spent = pool->spent,
	                       .summaries = linked ? sums : NULL, .arena = &arena,
	                       .member_findings = pool->member_findings, .on_member = on_member, .ctx = pool};
	/* merge: each function whose inputs are those of a walk of its TU's last
	 * analysis (its IR file's, or the last round's) is taken from it */
	const AcTuWalks **walks_in = cfg->load ? ac_calloc(pool->n + 1, sizeof *walks_in) : NULL;
	for (size_t i = 0; walks_in && i < pool->n; i++)
		walks_in[i] = pool->tus[i] ? &pool->walks[i] : NULL;
	res.walks_in = walks_in;
	res.walks_out = cfg->load ? ac_calloc(pool->n + 1, sizeof *res.walks_out) : NULL;
	size_t *walked = cfg->load ? ac_calloc(pool->n + 1, sizeof *walked) : NULL;
	res.tu_walked = walked;
	span = ac_trace_begin();
	ac_engine_run_program(&prog, cfg->engine, nthreads, &res);
	ac_trace_end(&span, "analysis", NULL);
	join_tidy(pool);
	ac_trace_memory("analysis");
	for (size_t i = 0; res.walks_out && i < pool->n; i++) {
		if (!pool->tus[i])
			continue;
		ac_walks_free(&pool->walks[i]);
		pool->walks[i] = res.walks_out[i];
	}
	for (size_t i = 0; walked && i < pool->n; i++)
		pool->results[i].nwalked += walked[i];
	ac_free(walked);
	if (cfg->walked)
		*cfg->walked += res.nwalked;
	if (cfg->reused)
		*cfg->reused += res.nreused;
	ac_free(walks_in);
	ac_free(res.walks_out);
	span = ac_trace_begin();
	if (res.rounds_limited)
		ac_note_verbose("%zu group%s of functions calling each other reached the bound of their "
		                "iteration", res.rounds_limited, res.rounds_limited == 1 ? "" : "s");
	size_t stale = 0;
	for (size_t i = 0; i < pool->n; i++) {
		AcJobResult *r = &pool->results[i];
		if (pool->tus[i]) {
			ac_findings_free(&r->findings);
			r->findings = findings[i];
			r->budget = budget[i];
			if (linked)
				ac_link_data_collect(&prog, sums, i, &r->link);
		} else if (r->cached && !still_valid(pool, &prog, sums, i)) {
			pool->stale[i] = true;
			stale++;
		}
	}
	/* merge: when a quarter of the TUs are stale (the first merge of a build)
	 * or the stale TUs made others stale, the whole program in one pass (jobs.h) */
	size_t cached = 0;
	for (size_t i = 0; i < pool->n; i++)
		cached += !pool->tus[i] && pool->results[i].cached;
	bool all = cfg->load && stale && (pool->rounds > 0 || 4 * stale >= cached);
	for (size_t i = 0; all && i < pool->n; i++) {
		if (!pool->tus[i] && pool->results[i].cached && !pool->stale[i]) {
			pool->stale[i] = true;
			stale++;
		}
	}
	pool->rounds++;
	ac_free(sums);
	ac_arena_free(&arena);
	ac_free(findings);
	ac_free(budget);
	ac_program_free(&prog);
	ac_trace_end(&span, "link-data", NULL);
	return stale;
}

/* Loads again the cached TUs found stale. */
static void reload_stale(Pool *pool)
{
	for (size_t i = 0; i < pool->n; i++) {
		if (!pool->stale[i])
			continue;
		pool->stale[i] = false;
		AcJobResult *r = &pool->results[i];
		ac_findings_free(&r->findings);
		ac_link_data_free(&r->link);
		*r = (AcJobResult){0};
		if (pool->cfg->cache)
			ac_cache_set_aside(pool->cfg->cache);
		load_one(pool, i, false);
	}
	for (size_t i = 0; i < pool->n; i++)
		ac_findings_free(&pool->member_findings[i]);
	ac_free(pool->member_findings);
	pool->member_findings = NULL;
}

void ac_jobs_run(const AcJob *jobs, size_t n, const AcJobsConfig *cfg, AcJobResult *results)
{
	size_t nthreads = cfg->nthreads < 1 ? 1 : cfg->nthreads;
	nthreads = nthreads > MAX_THREADS ? MAX_THREADS : nthreads;
	Pool pool = {.jobs = jobs, .n = n, .cfg = cfg, .results = results};
	pool.tus = ac_calloc(n + 1, sizeof *pool.tus);
	pool.facts = ac_calloc(n + 1, sizeof *pool.facts);
	pool.null_text = ac_calloc(n + 1, sizeof *pool.null_text);
	pool.spent = ac_calloc(n + 1, sizeof *pool.spent);
	pool.stale = ac_calloc(n + 1, sizeof *pool.stale);
	pool.walks = ac_calloc(n + 1, sizeof *pool.walks);
	atomic_init(&pool.next, 0);
	atomic_init(&pool.started, 0);
	AcTraceSpan span = ac_trace_begin();
	if (cfg->shared_headers && !cfg->load)
		pool.shared = ac_shared_new(jobs, n, cfg->cache);
	ac_trace_end(&span, "shared-headers", NULL);
	ac_driver_expect(n, cfg->cache != NULL);
	span = ac_trace_begin();
	load_all(&pool, nthreads > n ? n : nthreads);
	ac_trace_end(&span, "load-all", NULL);
	tidy_after_parses(&pool, nthreads > n ? n : nthreads);
	if (cfg->program_summaries)
		read_summaries(&pool, cfg->program_summaries);
	while (analyse_program(&pool, nthreads) > 0)
		reload_stale(&pool);
	if (cfg->program_summaries && !cfg->engine->per_file)
		write_summaries(&pool, cfg->program_summaries);
	span = ac_trace_begin();
	ac_shared_free(pool.shared);
	ac_link_data_free(&pool.file);
	for (size_t i = 0; i < n; i++) {
		if (pool.tus[i] && cfg->cache && !ac_budget_hit(&results[i].budget)) /* a bound hit is reported again */
			ac_cache_store(cfg->cache, &jobs[i], pool.tus[i], &results[i]);
		if (pool.tus[i] && cfg->store && !ac_budget_hit(&results[i].budget))
			cfg->store(cfg->load_ctx, i, pool.tus[i], &results[i], &pool.walks[i]);
		ac_walks_free(&pool.walks[i]);
		ac_program_tu_facts_free(pool.facts[i]);
		ac_free(pool.null_text[i]);
		ac_tu_free(pool.tus[i]);
		/* the program-wide member check is made again on every run */
		for (size_t k = 0; k < pool.member_findings[i].list.n; k++)
			ac_findings_add(&results[i].findings, &pool.member_findings[i].list.v[k]);
		ac_findings_free(&pool.member_findings[i]);
		ac_link_data_free(&results[i].link);
	}
	ac_free(pool.member_findings);
	ac_free(pool.tus);
	ac_free(pool.facts);
	ac_free(pool.null_text);
	ac_free(pool.spent);
	ac_free(pool.stale);
	ac_free(pool.walks);
	ac_trace_end(&span, "store", NULL);
}
