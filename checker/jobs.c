/*
 * jobs: the thread pool over AcJob[] (see jobs.h). The only shared state is
 * one Pool on the caller's stack: the read-only jobs and configuration, an
 * atomic index of the next job, and the results array, of which each worker
 * writes only the slots it claimed.
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */

#include "jobs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "diag.h"
#include "frontend.h"
#include "mem.h"
#include "stack.h"

enum { MAX_THREADS = 256 }; /* -j beyond this gains nothing and costs memory */

typedef struct Pool {
	const AcJob *jobs;
	size_t n;
	const AcJobsConfig *cfg;
	AcJobResult *results;
	atomic_size_t next;    /* the next job to claim */
	atomic_size_t started; /* jobs claimed so far, for the progress counter */
} Pool;

void ac_jobs_free(AcJobs *jobs)
{
	AC_VEC_FREE(&jobs->list);
	AC_VEC_FREE(&jobs->failed);
	ac_arena_free(&jobs->arena);
	jobs->compdb = false;
	memset(&jobs->skipped, 0, sizeof jobs->skipped);
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

static void run_one(Pool *pool, size_t i)
{
	const AcJob *job = &pool->jobs[i];
	AcJobResult *res = &pool->results[i];
	if (pool->cfg->progress)
		ac_diag_progress(atomic_fetch_add(&pool->started, 1) + 1, pool->n, job->path);
	if (pool->cfg->cache && ac_cache_lookup(pool->cfg->cache, job, res))
		return;
	ac_note_verbose("%s: analysing", job->path);
	double deadline = ac_engine_deadline(pool->cfg->engine); /* the TU's watchdog, parse included */
	AcTu *tu;
	if (ac_tu_load(job->path, job->args, job->nargs, &tu) < 0) {
		res->failed = true;
		return;
	}
	if (tu->nerrors > 0 && !pool->cfg->quiet)
		warn_parse_errors(tu, job->path);
	ac_cython_locate_tu(tu, &pool->cfg->engine->cython);
	ac_engine_run_bounded(tu, pool->cfg->engine, deadline, &res->findings, &res->budget);
	res->nfunctions = tu->nfuncs;
	if (pool->cfg->cache && !ac_budget_hit(&res->budget)) /* a bound hit is reported again next run */
		ac_cache_store(pool->cfg->cache, job, tu, res);
	ac_tu_free(tu);
}

static void *worker(void *arg)
{
	Pool *pool = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&pool->next, 1);
		if (i >= pool->n)
			return NULL;
		run_one(pool, i);
	}
}

void ac_jobs_run(const AcJob *jobs, size_t n, const AcJobsConfig *cfg, AcJobResult *results)
{
	size_t nthreads = cfg->nthreads < 1 ? 1 : cfg->nthreads;
	nthreads = nthreads > n ? n : nthreads;
	nthreads = nthreads > MAX_THREADS ? MAX_THREADS : nthreads;
	Pool pool = {.jobs = jobs, .n = n, .cfg = cfg, .results = results};
	atomic_init(&pool.next, 0);
	atomic_init(&pool.started, 0);
	pthread_t *threads = ac_calloc(nthreads ? nthreads : 1, sizeof *threads);
	size_t started = 0;
	/* The calling thread is worker 0 (main runs on a thread of ours, stack.h),
	 * so -j1 creates no thread at all. */
	for (size_t t = 1; t < nthreads; t++) {
		if (ac_stack_thread(&threads[started], worker, &pool) != 0)
			break;
		started++;
	}
	worker(&pool);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	ac_free(threads);
	if (cfg->progress && n > 0)
		ac_diag_progress_end();
}
