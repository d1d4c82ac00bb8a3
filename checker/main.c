/*
 * main: the driver. The pipeline reads top to bottom in analyse():
 *
 *   ac_cli_parse -> ac_collect_jobs (files, or compile_commands.json) ->
 *   ac_jobs_run (on -j threads, each job: ac_tu_load, ac_engine_run,
 *   ac_tu_free) -> findings merged in job order -> ac_findings_sort ->
 *   reporter -> exit status
 *
 * "alloccheck merge DIR..." replaces the first two stages by reading the
 * results alloccheck-cc wrote (merge.c).
 *
 * Tool errors (a missing path, a TU that cannot be loaded, an unwritable
 * output) are printed where they happen and counted; the other inputs still
 * run. Exit status: 2 for a usage error; otherwise 1 when findings were
 * reported, even if some inputs failed; otherwise 2 when any tool error
 * happened (so nothing at all analysed is 2, and CI never passes on a file it
 * did not see); otherwise 0. Parse errors inside a TU that loaded are only a
 * warning: the TU is analysed, with findings in the broken functions
 * suppressed by the engine.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "cli.h"
#include "collect.h"
#include "config.h"
#include "diag.h"
#include "engine.h"
#include "filter.h"
#include "finding.h"
#include "frontend.h"
#include "inputs.h"
#include "jobs.h"
#include "mem.h"
#include "merge.h"
#include "project.h"
#include "report.h"
#include "rule.h"
#include "rule_docs.h"
#include "stack.h"
#include "trace.h"

/* gcc says __SANITIZE_ADDRESS__; clang says __has_feature(address_sanitizer)
 * (and links ASan's runtime into the program, where the failure below aborts
 * every run that writes a precompiled header). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AC_ASAN_BUILD 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(AC_ASAN_BUILD)
/* In an AddressSanitizer build: writing a precompiled header (shared headers)
 * makes LLVM register its signal handlers, which replace the calling thread's
 * alternate signal stack with one LLVM allocates with malloc, and ASan then
 * fails to munmap it when that thread ends ("unable to unmap"). Without an
 * alternate stack from ASan there is nothing to replace. ASAN_OPTIONS still
 * overrides this. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "use_sigaltstack=0";
}
#endif

/* One analysis run: what it found and what went wrong. */
typedef struct Run {
	const AcCli *cli;
	AcFindings findings;        /* from every TU, in the run's arena */
	AcArena arena;              /* the reasons in failed that are not static */
	AC_VEC(AcFailure) failed;   /* inputs that could not be analysed, with why */
	size_t nanalysed;           /* inputs that were loaded and analysed */
	size_t nfunctions;          /* functions in them */
	size_t errors;              /* tool errors printed */
	const AcSkipped *skipped;   /* compile-database entries not analysed, or NULL */
	AcBudget budget;            /* the bounds hit (step budgets, TU time budgets) */
	AcCacheStats cache;         /* what the result cache did */
	bool cached;                /* the run used the result cache */
	struct timespec start;      /* when the run started (CLOCK_MONOTONIC) */
} Run;

static void list_rules(FILE *out)
{
	int width = 0;
	for (size_t i = 0; i < ac_nrules; i++) {
		int n = (int)strlen(ac_rules[i].id);
		width = n > width ? n : width;
	}
	for (size_t i = 0; i < ac_nrules; i++) {
		const AcRule *r = &ac_rules[i];
		fprintf(out, "%-*s  CWE-%-4d  %-7s  %s\n", width, r->id, r->cwe,
			ac_severity_name(r->severity), r->summary);
	}
}

static int explain(const char *id)
{
	const char *doc = ac_rule_doc(id);
	if (!doc) {
		ac_error("%s: no documentation for this rule", id);
		return 2;
	}
	size_t n = strlen(doc);
	fputs(doc, stdout);
	if (n == 0 || doc[n - 1] != '\n')
		fputc('\n', stdout);
	return 0;
}

/* Loads job into *tu with its flags (the "--" flags, or a compile
 * database's) and warns once when libclang reported errors in it. Returns
 * 0, or -1 (the frontend printed why). */
static int load(const AcCli *cli, const AcJob *job, AcTu **tu)
{
	ac_note_verbose("%s: analysing", job->path);
	if (ac_tu_load(job->path, job->args, job->nargs, tu) < 0)
		return -1;
	const AcTu *t = *tu;
	if (t->nerrors == 0 || cli->quiet)
		return 0;
	ac_warning("%s: %zu error%s while parsing; findings in affected functions suppressed%s%s%s",
		   job->path, t->nerrors, t->nerrors == 1 ? "" : "s", t->first_error ? " (first: " : "",
		   t->first_error ? t->first_error : "", t->first_error ? ")" : "");
	return 0;
}

static void set_project(const AcCli *cli, const AcJobs *jobs);

/* Hidden --dump-cfg: the CFG of every function of every input (files, or
 * a compile database's entries with their flags), and nothing else on
 * standard output. 2 when some input could not be loaded. */
static int dump_cfg(const AcCli *cli)
{
	AcJobs jobs = {0};
	size_t errors = ac_collect_jobs(cli, &jobs);
	set_project(cli, &jobs);
	for (size_t i = 0; i < jobs.list.n; i++) {
		AcTu *tu;
		if (load(cli, &jobs.list.v[i], &tu) < 0) {
			errors++;
			continue;
		}
		for (size_t f = 0; f < tu->nfuncs; f++)
			ac_cfg_dump(stdout, &tu->funcs[f]);
		ac_tu_free(tu);
	}
	ac_jobs_free(&jobs);
	ac_project_clear();
	return errors ? 2 : 0;
}

/* Why ac_tu_load failed on path, for the report (the frontend printed the
 * exact error already): what opening the file says if that fails, else a
 * pointer to that error line. */
static const char *load_failure(Run *run, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return ac_arena_strdup(&run->arena, strerror(errno));
	fclose(f);
	return "could not be loaded (see the error above)";
}

/* The project's directory (project.h): the files of the run and the paths
 * named on the command line. */
static void set_project(const AcCli *cli, const AcJobs *jobs)
{
	size_t n = jobs->list.n + cli->paths.n;
	const char **paths = ac_calloc(n + 1, sizeof *paths);
	for (size_t i = 0; i < jobs->list.n; i++)
		paths[i] = jobs->list.v[i].path;
	for (size_t i = 0; i < cli->paths.n; i++)
		paths[jobs->list.n + i] = cli->paths.v[i];
	ac_project_set(paths, n);
	ac_free(paths);
}

/* Analyses the jobs on -j threads, then takes their results in job order,
 * so the run does not depend on the number of threads. */
static void run_jobs(Run *run, const AcJobs *jobs)
{
	const AcCli *cli = run->cli;
	size_t n = jobs->list.n;
	AcEngineOptions engine = cli->engine;
	engine.bodies_elsewhere = engine.per_file && n > 1; /* one file: the whole program */
	set_project(cli, jobs);
	AcCache *cache = ac_cache_open_cli(cli, &engine);
	AcJobsConfig cfg = {
		.engine = &engine,
		.nthreads = cli->jobs ? cli->jobs : ac_jobs_default_threads(),
		.progress = !cli->quiet && isatty(fileno(stderr)),
		.quiet = cli->quiet,
		.cache = cache,
		.program_summaries = cli->program_summaries,
		.shared_headers = !cli->no_shared_headers,
		.callers_outside = jobs->failed.n || jobs->skipped.cxx || jobs->skipped.assembler ||
		                   jobs->skipped.other || jobs->skipped.excluded,
	};
	AcJobResult *res = ac_calloc(n + 1, sizeof *res);
	ac_jobs_run(jobs->list.v, n, &cfg, res);
	run->cached = cache != NULL;
	ac_cache_close(cache, &run->cache);
	for (size_t i = 0; i < n; i++) {
		const char *path = jobs->list.v[i].path;
		if (res[i].failed) {
			AcFailure failure = {path, load_failure(run, path)};
			AC_VEC_PUSH(&run->failed, failure);
			run->errors++;
		} else {
			run->nanalysed++;
			run->nfunctions += res[i].nfunctions;
			ac_budget_add(&run->budget, &res[i].budget);
		}
		for (size_t k = 0; k < res[i].findings.list.n; k++)
			ac_findings_add(&run->findings, &res[i].findings.list.v[k]);
		ac_findings_free(&res[i].findings);
	}
	ac_free(res);
}

/* The inputs: the jobs of the command line, analysed; or with merge, the
 * results of alloccheck-cc read back. jobs keeps the failure strings. */
static void gather(Run *run, AcJobs *jobs)
{
	const AcCli *cli = run->cli;
	if (cli->mode == AC_MODE_MERGE) {
		AcMergeStats st;
		run->errors = ac_merge_read(cli, &run->findings, jobs, &st);
		run->nanalysed = st.nanalysed;
		run->nfunctions = st.nfunctions;
		run->budget = st.budget;
		for (size_t i = 0; i < jobs->failed.n; i++)
			AC_VEC_PUSH(&run->failed, jobs->failed.v[i]);
		return;
	}
	size_t nthreads = cli->jobs ? cli->jobs : ac_jobs_default_threads();
	if (cli->no_cache && nthreads > 1) /* -j1 stays on one thread */
		ac_tu_prefetch_libclang();
	AcTraceSpan span = ac_trace_begin();
	run->errors = ac_collect_jobs(cli, jobs);
	ac_trace_end(&span, "inputs", NULL);
	run->skipped = jobs->compdb ? &jobs->skipped : NULL;
	for (size_t i = 0; i < jobs->failed.n; i++)
		AC_VEC_PUSH(&run->failed, jobs->failed.v[i]);
	run_jobs(run, jobs);
	ac_tu_prefetch_join();
}

/* Milliseconds since run->start, to the microsecond. */
static double elapsed_ms(const Run *run)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long long us = (long long)(now.tv_sec - run->start.tv_sec) * 1000000 +
		       (now.tv_nsec - run->start.tv_nsec) / 1000;
	return (double)us / 1000.0;
}

/* The -o file, or standard output; NULL after printing an error. */
static FILE *open_output(const AcCli *cli)
{
	if (!cli->output || strcmp(cli->output, "-") == 0)
		return stdout;
	FILE *out = fopen(cli->output, "w");
	if (!out)
		ac_error("%s:", cli->output);
	return out;
}

/* Writes the report to out and closes it (standard output is checked at
 * exit instead). Counts a write error as a tool error. */
static void write_report(Run *run, FILE *out)
{
	const AcCli *cli = run->cli;
	AcReport r = {
		.findings = &run->findings,
		.failed = run->failed.v,
		.nfailed = run->failed.n,
		.nanalysed = run->nanalysed,
		.nfunctions = run->nfunctions,
		.elapsed_ms = elapsed_ms(run),
		.skipped = run->skipped,
		.budget = ac_budget_hit(&run->budget) ? &run->budget : NULL,
		.cache = run->cached ? &run->cache : NULL,
	};
	AcReportOptions opt = {.color = ac_cli_use_color(cli, out), .status = cli->quiet ? NULL : stderr,
			       .source_root = cli->source_root};
	int rc = cli->format->write(out, &r, &opt);
	if (out == stdout) {
		run->errors += rc < 0; /* the reporter said why; a write error is found at exit */
		return;
	}
	if (fclose(out) != 0 || rc < 0) {
		ac_error("%s:", cli->output);
		run->errors++;
	}
}

/* A bound that was hit is never silent: one warning line after the report
 * (the -v notes name each function). */
static void warn_budget(const Run *run)
{
	const AcBudget *b = &run->budget;
	if (run->cli->quiet || !ac_budget_hit(b))
		return;
	size_t n = b->step_limited + b->timed_out;
	ac_warning("%zu function%s not fully analysed (step budget: %zu, time budget: %zu in %zu file%s); "
	           "rerun with -v for details",
	           n, n == 1 ? " was" : "s were", b->step_limited, b->timed_out, b->tus_timed_out,
	           b->tus_timed_out == 1 ? "" : "s");
}

static int exit_status(const Run *run)
{
	if (run->findings.list.n > 0)
		return 1;
	if (run->errors > 0 || run->nanalysed == 0)
		return 2;
	return 0;
}

static int analyse(const AcCli *cli, const AcConfig *config)
{
	FILE *out = open_output(cli);
	if (!out)
		return 2;
	Run run = {.cli = cli};
	clock_gettime(CLOCK_MONOTONIC, &run.start);
	AcJobs jobs = {0};
	AcTraceSpan span = ac_trace_begin();
	gather(&run, &jobs);
	ac_trace_end(&span, "gather-all", NULL);
	span = ac_trace_begin();
	ac_cython_locate_findings(&run.findings);
	ac_config_severities(config, &run.findings);
	ac_findings_sort(&run.findings);
	int filtered = ac_filter_findings(cli, &run.findings); /* -1: error said; 1: unused suppressions */
	size_t errors = run.errors;
	if (filtered >= 0)
		write_report(&run, out);
	else if (out != stdout)
		fclose(out); /* left empty: nothing that looks like a report */
	ac_trace_end(&span, "report", NULL);
	ac_trace_memory("report");
	warn_budget(&run);
	int status = exit_status(&run);
	if (filtered < 0 || run.errors > errors)
		status = 2; /* a report that could not be written, or a bad baseline */
	else if (filtered > 0 && status == 0)
		status = 1;
	ac_findings_free(&run.findings);
	AC_VEC_FREE(&run.failed);
	ac_arena_free(&run.arena);
	ac_jobs_free(&jobs);
	ac_project_clear();
	return status;
}

/* --version: ours, then the libclang this process runs on (bug reports need
 * both: another libclang may parse the same file differently). */
static void print_version(FILE *out)
{
	char clang[256];
	ac_tu_clang_version(clang, sizeof clang);
	fprintf(out, "alloccheck %s\nlibclang: %s\n", AC_VERSION, clang[0] ? clang : "unknown version");
}

static int run_mode(const AcCli *cli, const AcConfig *config)
{
	switch (cli->mode) {
	case AC_MODE_HELP:
		ac_cli_help(stdout);
		return 0;
	case AC_MODE_MAN:
		ac_cli_man(stdout, cli->man_page);
		return 0;
	case AC_MODE_VERSION:
		print_version(stdout);
		return 0;
	case AC_MODE_LIST_RULES:
		list_rules(stdout);
		return 0;
	case AC_MODE_EXPLAIN:
		return explain(cli->explain);
	case AC_MODE_DUMP_CFG:
		return dump_cfg(cli);
	case AC_MODE_ANALYZE:
	case AC_MODE_MERGE:
		return analyse(cli, config);
	}
	AC_UNREACHABLE();
}

/* Standard output must have been written completely, and (Debug builds)
 * every heap block freed, as Lua's checkfinalmem does. */
static int finish(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		ac_error("standard output:");
		status = 2;
	}
#ifndef NDEBUG
	if (ac_mem_live_blocks() != 0)
		ac_internal_error(__FILE__, __LINE__, "heap blocks still live at exit");
#endif
	return status;
}

/* The run's allocator families (built-in, then the --allocators files) for
 * the engine, when the mode analyses and files add to the built-in ones
 * (else the engine takes ac_families_builtin when it first needs it: a run
 * whose results all come from the cache never does). -1 after the one error
 * line (exit 2). */
static int load_families(AcCli *cli, AcFamilies **out)
{
	*out = NULL;
	if ((cli->mode != AC_MODE_ANALYZE && cli->mode != AC_MODE_MERGE) || cli->allocators.n == 0)
		return 0;
	if (ac_families_load(out, cli->allocators.v, cli->allocators.n) < 0)
		return -1;
	cli->engine.families = *out;
	return 0;
}

/* Reads the run's .alloccheck.json (config.h) and merges it into cli, when
 * the mode analyses. -1 after the one error line (exit 2). */
static int load_config(AcCli *cli, AcConfig *config)
{
	if (cli->mode != AC_MODE_ANALYZE && cli->mode != AC_MODE_MERGE)
		return 0;
	if (ac_config_load(config, cli) < 0)
		return -1;
	ac_config_apply(config, cli);
	return 0;
}

typedef struct MainArgs {
	int argc;
	char **argv;
} MainArgs;

static int run(void *p)
{
	const MainArgs *m = p;
	int argc = m->argc;
	char **argv = m->argv;
	AcCli cli;
	AcConfig config = {0};
	AcFamilies *families = NULL;
	int status = 2;
	if (ac_cli_parse(&cli, argc, argv) == 0) {
		ac_diag_set_verbose(cli.verbose);
		ac_trace_enable(cli.verbose >= 2);
		if (load_config(&cli, &config) == 0 && load_families(&cli, &families) == 0)
			status = run_mode(&cli, &config);
	}
	ac_families_free(families);
	ac_families_builtin_free();
	ac_cli_free(&cli);
	ac_config_free(&config);
	return finish(status);
}

int main(int argc, char **argv)
{
	MainArgs m = {argc, argv};
	ac_mem_configure();
	ac_stack_prepare();
	return ac_stack_run(run, &m);
}
