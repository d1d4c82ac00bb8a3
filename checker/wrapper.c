/*
 * wrapper: alloccheck-cc, the compiler wrapper. The entry point of the build
 * mode of the pipeline: compiler argv -> (compile_args.c) C inputs and flags
 * -> for each: the result cache (cache.h), else ac_tu_load and ac_engine_run
 * -> text on stderr, and in $ALLOCCHECK_OUTPUT_DIR a JSON result and an IR
 * file (ir_file.h: the TU's IR, results and link data, for the link step
 * of "alloccheck merge") -> then the real compiler, with the original argv.
 *
 * Three ways to be called:
 *   alloccheck-cc gcc ARGS...                      (CC="alloccheck-cc gcc")
 *   alloccheck-cc /usr/bin/cc ARGS...              (CMAKE_C_COMPILER_LAUNCHER)
 *   gcc ARGS... through a symlink gcc -> alloccheck-cc: the real gcc is the
 *   next "gcc" on PATH that is not this program.
 *
 * The build must never break because of us: the analysis runs in a child
 * process with a watchdog ($ALLOCCHECK_TIMEOUT seconds per TU, default 60:
 * the engine's time budget, then SIGALRM BACKSTOP seconds later for a parse
 * that does not end, counted again from the end of the parse for the
 * analysis and the writing of the results); if it fails, crashes or times out, one warning is
 * printed and the compile goes on. The real compiler always runs with the original
 * arguments and its exit status is ours, except that with
 * ALLOCCHECK_WERROR=1 a successful compile step with findings fails (1).
 * Steps that compile no C (links, -E, -M, assembler, C++) are passed through
 * untouched. $ALLOCCHECK_ARGS holds alloccheck options (whitespace-separated:
 * --enable, --disable, --allocators, -q, ...).
 */
#define _XOPEN_SOURCE 700 /* realpath, kill */

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "atomic_file.h"
#include "cache.h"
#include "cli.h"
#include "compile_args.h"
#include "diag.h"
#include "engine.h"
#include "family.h"
#include "finding.h"
#include "frontend.h"
#include "intern.h"
#include "ir_file.h"
#include "link_data.h"
#include "mem.h"
#include "project.h"
#include "program.h"
#include "report.h"
#include "stack.h"
#include "textfile.h"
#include "walks.h"

enum {
	DEFAULT_TIMEOUT = 60, /* seconds of analysis per TU before the watchdog gives up */
	BACKSTOP = 10,        /* seconds after that before a TU still parsing is killed */
	EXIT_FINDINGS = 1,    /* the analysis child's status when it reported findings */
	EXIT_FAILED = 2,      /* ... when the analysis itself failed */
};

static const char self_name[] = "alloccheck-cc";

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Whether the file at path is this very program. */
static bool is_self(const char *path)
{
	char a[PATH_MAX], b[PATH_MAX];
	return realpath(path, a) && realpath("/proc/self/exe", b) && strcmp(a, b) == 0;
}

/* The real compiler called name: the first executable of that name on PATH
 * that is not this program (in arena), or NULL. */
static const char *find_real(AcArena *arena, const char *name)
{
	const char *path = getenv("PATH");
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t n = strcspn(p, ":");
		const char *cand = ac_arena_printf(arena, "%.*s/%s", (int)n, n ? p : ".", name);
		if (access(cand, X_OK) == 0 && !is_self(cand))
			return cand;
		p += n + (p[n] == ':');
	}
	return NULL;
}

/* ALLOCCHECK_ARGS, split into words, then file: an alloccheck command line
 * in arena (argv[0] is "alloccheck"). */
static char **option_argv(AcArena *arena, const char *file, int *argc)
{
	const char *env = getenv("ALLOCCHECK_ARGS");
	const char **words = NULL;
	size_t n = 0;
	if (env && ac_compile_args_split(arena, env, &words, &n) < 0) {
		ac_warning("ALLOCCHECK_ARGS: unclosed quote; ignored");
		n = 0;
	}
	char **argv = ac_arena_alloc(arena, (n + 3) * sizeof *argv);
	argv[0] = "alloccheck";
	for (size_t i = 0; i < n; i++)
		argv[i + 1] = (char *)words[i];
	argv[n + 1] = (char *)file;
	*argc = (int)n + 2;
	return argv;
}

/* The name of file's results in dir, without suffix: the source's base
 * name plus a hash of its real path and of the working directory, so one
 * file compiled twice (two targets) keeps both results. In arena. */
static const char *result_stem(AcArena *arena, const char *dir, const char *file)
{
	char real[PATH_MAX], cwd[PATH_MAX];
	const char *key = ac_arena_printf(arena, "%s\n%s", realpath(file, real) ? real : file,
					  getcwd(cwd, sizeof cwd) ? cwd : "");
	unsigned long long h = 1469598103934665603ull;
	for (const char *s = key; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return ac_arena_printf(arena, "%s/%s-%016llx", dir, base_name(file), h);
}

static bool fill_json(FILE *out, const void *report)
{
	AcReportOptions opt = {0};
	return ac_report_json(out, report, &opt) >= 0;
}

/* Writes the JSON result of file atomically (atomic_file.h), so "make -j"
 * never sees half a file. */
static void write_result(AcArena *arena, const char *dir, const char *file, const AcReport *r)
{
	const char *final = ac_arena_printf(arena, "%s.json", result_stem(arena, dir, file));
	mkdir(dir, 0777); /* may exist; an error shows when writing */
	if (ac_write_atomic(final, fill_json, r) < 0)
		ac_warning("%s:", final);
}

/* Writes the IR file of tu next to its JSON result (ir_file.h), for the link
 * step of alloccheck merge. Returns its path (in arena), or NULL when it
 * could not be written (warned). */
static const char *write_ir(AcArena *arena, const AcCli *cli, const char *dir, const AcTu *tu,
                            const AcJobResult *res, const AcTuWalks *walks)
{
	const char *final = ac_arena_printf(arena, "%s%s", result_stem(arena, dir, tu->path), AC_IR_SUFFIX);
	char options[AC_HASH_HEX + 1];
	ac_ir_options_key(&cli->engine, cli->allocators.v, cli->allocators.n, options);
	char real[PATH_MAX];
	mkdir(dir, 0777); /* may exist; an error shows when writing */
	if (ac_ir_write_file(final, tu, realpath(tu->path, real) ? real : NULL, res, options, walks) < 0) {
		ac_warning("%s:", final);
		return NULL;
	}
	return final;
}

static bool fill_blob(FILE *out, const void *blob)
{
	const AcCacheBlob *b = blob;
	return fwrite(b->data, 1, b->len, out) == b->len;
}

/* Writes the IR file a cache hit kept, as write_ir would write it. */
static void write_cached_ir(AcArena *arena, const char *dir, const char *file, const AcCacheBlob *ir)
{
	const char *final = ac_arena_printf(arena, "%s%s", result_stem(arena, dir, file), AC_IR_SUFFIX);
	mkdir(dir, 0777);
	if (ac_write_atomic(final, fill_blob, ir) < 0)
		ac_warning("%s:", final);
}

static void on_member(void *ctx, size_t tu, const char *key, const char *text)
{
	(void)tu;
	ac_link_data_add(ctx, 2, key, text);
}

/* Adds to p the summaries the last merge left in dir, of the functions
 * not in defined; they are read into *prog, which the caller frees after p. */
static void add_last_summaries(AcProgram *p, const char *dir, const AcIntern *defined, AcLinkData *prog)
{
	AcArena scratch = {0};
	const char *path = ac_arena_printf(&scratch, "%s/%s", dir, AC_LINK_SUMMARIES_FILE);
	if (ac_link_summaries_read(path, prog)) {
		for (size_t k = 0; k < prog->exports.n; k++) {
			if (!ac_intern_find(defined, prog->exports.v[k].name))
				ac_program_add_extern(p, prog->exports.v[k].name, prog->exports.v[k].text, -1);
		}
	}
	ac_arena_free(&scratch);
}

/* Whether the cached results res of a file still hold against the program
 * summaries in dir: what the file used from other files (its link data's
 * consumed names) is what analyse_linked would see now. The file is linked
 * from its link data alone, as a run links a TU taken from the cache. */
static bool cached_still_valid(const AcCli *cli, const char *dir, const char *file, const AcJobResult *res)
{
	AcTu *tus[1] = {NULL};
	AcProgram p;
	ac_program_init(&p, tus, 1, cli->engine.families ? cli->engine.families : ac_families_builtin());
	p.tu_only = true;
	const AcLinkData *l = &res->link;
	AcArena scratch = {0};
	AcIntern defined;
	ac_intern_init(&defined, &scratch);
	for (size_t k = 0; k < l->exports.n; k++) {
		ac_program_add_extern(&p, l->exports.v[k].name, l->exports.v[k].text, 0);
		ac_intern(&defined, l->exports.v[k].name);
	}
	for (size_t k = 0; k < l->members.n; k++)
		ac_program_add_member(&p, l->members.v[k].name, l->members.v[k].text, 0);
	for (size_t k = 0; k < l->fnstores.n; k++)
		ac_program_add_fnstore(&p, l->fnstores.v[k].name, l->fnstores.v[k].text, 0);
	AcLinkData last = {0};
	add_last_summaries(&p, dir, &defined, &last);
	ac_program_link(&p);
	bool valid = true;
	for (size_t k = 0; k < l->consumes.n && valid; k++) {
		const AcLinkEntry *e = &l->consumes.v[k];
		if (strcmp(ac_link_current_text(&p, NULL, e->name), e->text) != 0) {
			ac_note_verbose("%s: cached results set aside: what '%s' does changed", file, e->name);
			valid = false;
		}
	}
	ac_intern_free(&defined);
	ac_arena_free(&scratch);
	ac_program_free(&p);
	ac_link_data_free(&last);
	return valid;
}

/* tu analysed as a program of its own (as ac_engine_run_bounded does),
 * keeping what its IR file needs: its link data in res->link, the walks of
 * its functions in *walks (walks.h: merge walks again only the functions
 * whose inputs changed), and the findings of the program-wide
 * struct-member check apart, in *members (merge makes that check again
 * over the whole program). */
static void analyse_linked(const AcCli *cli, const char *dir, AcTu *tu, double deadline, AcJobResult *res,
                           AcFindings *members, AcTuWalks *walks)
{
	const AcEngineOptions *opt = &cli->engine;
	AcTu *tus[1] = {tu};
	AcProgram p;
	ac_program_init(&p, tus, 1, opt->families ? opt->families : ac_families_builtin());
	p.tu_only = true; /* the stores of the other TUs are not seen */
	/* The program as the last merge left it: the summaries of the functions
	 * of other files. What the analysis used of them goes into the link data,
	 * so merge analyses this file again if they changed since. */
	AcArena scratch = {0};
	AcIntern defined;
	ac_intern_init(&defined, &scratch);
	for (size_t f = 0; f < tu->nfuncs; f++)
		ac_intern(&defined, tu->funcs[f].name);
	AcLinkData last = {0};
	add_last_summaries(&p, dir, &defined, &last);
	ac_intern_free(&defined);
	ac_arena_free(&scratch);
	ac_program_link(&p);
	/* What the TU's time already cost (its parse) counts against its budget. */
	double spent = deadline > 0 && opt->tu_timeout ? (double)opt->tu_timeout - (deadline - ac_engine_now()) : 0;
	AcArena arena = {0};
	char **sums = ac_calloc(p.nbodies + 1, sizeof *sums);
	AcProgramResult pr = {.findings = &res->findings, .budget = &res->budget, .spent = &spent,
	                      .summaries = sums, .arena = &arena, .member_findings = members,
	                      .on_member = on_member, .ctx = &res->link, .walks_out = walks};
	ac_engine_run_program(&p, opt, 1, &pr);
	ac_link_data_collect(&p, sums, 0, &res->link);
	ac_free(sums);
	ac_arena_free(&arena);
	ac_program_free(&p);
	ac_link_data_free(&last);
}

/* A bound the analysis of file hit: one warning (the compile goes on). */
static void warn_budget(const AcCli *cli, const char *file, const AcBudget *b)
{
	if (cli->quiet || !ac_budget_hit(b))
		return;
	if (b->tus_timed_out)
		ac_warning("%s: analysis stopped after %zu s (ALLOCCHECK_TIMEOUT): %zu function%s not analysed; "
		           "compiling anyway", file, cli->engine.tu_timeout, b->timed_out, b->timed_out == 1 ? "" : "s");
	else
		ac_warning("%s: %zu function%s not fully analysed (step budget); rerun with -v for details", file,
		           b->step_limited, b->step_limited == 1 ? " was" : "s were");
}

/* The cache of alloccheck-cc, or NULL. With an output directory its entries
 * are those of the analysis against the program summaries there, and keep
 * the IR file (a blob): a key of their own. */
static AcCache *open_cache(const AcCli *cli, bool link)
{
	AcCache *cache = ac_cache_open_cli(cli, &cli->engine);
	if (cache && link)
		ac_cache_key_add(cache, "alloccheck-cc: IR file and linked analysis");
	return cache;
}

/* With an output directory, a cache hit for file: its results in res and
 * its IR file written again, when they still hold against the program
 * summaries there (else set aside, res untouched). */
static bool linked_hit(AcCache *cache, const AcCli *cli, const char *dir, const AcJob *job, AcJobResult *res,
                       AcArena *arena)
{
	AcCacheBlob ir;
	if (!ac_cache_lookup_blob(cache, job, res, &ir))
		return false;
	bool valid = cached_still_valid(cli, dir, job->path, res);
	if (valid) {
		write_cached_ir(arena, dir, job->path, &ir);
	} else {
		ac_cache_set_aside(cache);
		ac_findings_free(&res->findings);
		ac_link_data_free(&res->link);
		*res = (AcJobResult){0};
	}
	ac_free(ir.data);
	return valid;
}

/* Stores the results of file analysed from tu, and in link mode with the IR
 * file at ir_path (NULL: it could not be written, nothing is stored). */
static void store(AcCache *cache, const AcJob *job, const AcTu *tu, const AcJobResult *res, bool link,
                  const char *ir_path)
{
	if (!cache || ac_budget_hit(&res->budget)) /* a bound hit is reported again next time */
		return;
	if (!link) {
		ac_cache_store(cache, job, tu, res);
		return;
	}
	AcCacheBlob ir = {0};
	if (ir_path && (ir.data = ac_textfile_read(ir_path, &ir.len)) != NULL)
		ac_cache_store_blob(cache, job, tu, res, &ir);
	ac_free(ir.data);
}

/* The project's directory (project.h) for one compile: the directory that
 * holds the file compiled and the one the compiler runs in (a Makefile's
 * directory, a build tree inside the sources), or the file's own directory
 * when the two share only the root (a build tree elsewhere). */
static void set_project(const char *file)
{
	const char *both[] = {file, "."};
	ac_project_set(both, 2);
	if (strcmp(ac_project_dir(), "/") == 0)
		ac_project_set(both, 1);
}

/* The analysis of one C input, in the child. Returns its exit status.
 * With an output directory, a cache entry keeps the IR file too, and is
 * used only while what the file used of the program summaries there is
 * unchanged (cached_still_valid), so a hit writes the same IR file and
 * results as an analysis would. */
static int analyse(const AcCli *cli, const char *file, const AcCompileArgs *c)
{
	AcJob job = {file, c->flags.v, c->flags.n};
	AcJobResult res = {0};
	double deadline = ac_engine_deadline(&cli->engine); /* before the parse, as with -j */
	const char *dir = getenv("ALLOCCHECK_OUTPUT_DIR");
	bool link = dir && *dir;
	set_project(file);
	AcCache *cache = open_cache(cli, link);
	AcArena arena = {0};
	bool hit = cache && (link ? linked_hit(cache, cli, dir, &job, &res, &arena) : ac_cache_lookup(cache, &job, &res));
	if (!hit) {
		AcTu *tu;
		if (ac_tu_load(file, c->flags.v, c->flags.n, &tu) < 0) {
			ac_cache_close(cache, NULL);
			ac_arena_free(&arena);
			ac_project_clear();
			return EXIT_FAILED;
		}
		/* The backstop is for a parse that does not end; the analysis stops by
		 * itself at the deadline, and writing a large TU's IR file takes its
		 * time: the rest gets a window of its own. */
		alarm((unsigned)cli->engine.tu_timeout + BACKSTOP);
		ac_cython_locate_tu(tu, &cli->engine.cython);
		res.nfunctions = tu->nfuncs;
		const char *ir_path = NULL;
		if (link) {
			AcFindings members = {0};
			AcTuWalks walks = {0};
			analyse_linked(cli, dir, tu, deadline, &res, &members, &walks);
			ir_path = write_ir(&arena, cli, dir, tu, &res, &walks);
			ac_walks_free(&walks);
			for (size_t k = 0; k < members.list.n; k++)
				ac_findings_add(&res.findings, &members.list.v[k]);
			ac_findings_free(&members);
		} else {
			ac_engine_run_bounded(tu, &cli->engine, deadline, &res.findings, &res.budget);
		}
		store(cache, &job, tu, &res, link, ir_path);
		ac_tu_free(tu);
	}
	ac_cache_close(cache, NULL);
	ac_link_data_free(&res.link);
	AcFindings fs = res.findings;
	AcReport r = {.findings = &fs, .nanalysed = 1, .nfunctions = res.nfunctions,
	              .budget = ac_budget_hit(&res.budget) ? &res.budget : NULL};
	ac_cython_locate_findings(&fs);
	ac_findings_sort(&fs);
	AcReportOptions opt = {.color = ac_cli_use_color(cli, stderr)};
	ac_report_text(stderr, &r, &opt);
	if (link)
		write_result(&arena, dir, file, &r);
	ac_arena_free(&arena);
	warn_budget(cli, file, &res.budget);
	int status = fs.list.n ? EXIT_FINDINGS : 0;
	ac_findings_free(&fs);
	ac_project_clear();
	return status;
}

typedef struct Analysis {
	const AcCli *cli;
	const char *file;
	const AcCompileArgs *c;
} Analysis;

static int analyse_on_stack(void *p) /* on a thread with room for deep nesting (stack.h) */
{
	const Analysis *a = p;
	return analyse(a->cli, a->file, a->c);
}

/* The child: options from ALLOCCHECK_ARGS, families, the watchdog, then the
 * analysis. Returns the child's exit status, which goes back up through
 * main, so that everything the child inherited is freed on the way. */
static int child(const char *file, const AcCompileArgs *c, unsigned timeout)
{
	/* The engine stops by itself at the deadline; the parse cannot be
	 * interrupted, so SIGALRM (whose default action ends the child; the
	 * parent sees it) is the backstop that keeps a compile from waiting
	 * forever on a parse that hangs. */
	alarm(timeout + BACKSTOP);
	ac_stack_prepare(); /* here, not in main: the real compiler's environment stays the user's */
	AcArena arena = {0};
	int argc, status = EXIT_FAILED;
	char **argv = option_argv(&arena, file, &argc);
	AcCli cli;
	AcFamilies *families = NULL;
	if (ac_cli_parse(&cli, argc, argv) == 0 &&
	    ac_families_load(&families, cli.allocators.v, cli.allocators.n) == 0) {
		ac_diag_set_verbose(cli.verbose);
		cli.engine.families = families;
		if (!cli.engine.tu_timeout || cli.engine.tu_timeout > timeout)
			cli.engine.tu_timeout = timeout;
		Analysis a = {&cli, file, c};
		status = ac_stack_run(analyse_on_stack, &a);
	}
	ac_families_free(families);
	ac_cli_free(&cli);
	ac_arena_free(&arena);
	return status;
}

static unsigned timeout_seconds(void)
{
	const char *s = getenv("ALLOCCHECK_TIMEOUT");
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : 0;
	return v > 0 && *end == '\0' ? (unsigned)v : DEFAULT_TIMEOUT;
}

/* Analyses file in a watched child. In the parent, returns true when the
 * child reported findings (a failure or a timeout is one warning). In the
 * child, sets *child_status to the status it must exit with. */
static bool watched_analysis(const char *file, const AcCompileArgs *c, int *child_status)
{
	unsigned timeout = timeout_seconds();
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		*child_status = child(file, c, timeout);
		return false;
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0) {
		ac_warning("%s: analysis not run: %s; compiling anyway", file, strerror(errno));
		return false;
	}
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
		ac_warning("%s: analysis killed after %u s (ALLOCCHECK_TIMEOUT, and %d s more for a parse that did "
		           "not finish); compiling anyway", file, timeout, (int)BACKSTOP);
	else if (WIFSIGNALED(st) || WEXITSTATUS(st) >= EXIT_FAILED)
		ac_warning("%s: analysis failed; compiling anyway", file);
	return WIFEXITED(st) && WEXITSTATUS(st) == EXIT_FINDINGS;
}

/* Analyses every C input of the command line; true when any had findings.
 * In an analysis child, *child_status becomes its exit status (else it
 * stays -1). */
static bool analyse_step(const char *const *argv, size_t argc, int *child_status)
{
	AcCompileArgs c = {0};
	ac_compile_args_parse(&c, argv, argc);
	bool found = false;
	for (size_t i = 0; i < c.inputs.n && !c.preprocess_only && *child_status < 0; i++) {
		if (c.inputs.v[i].lang == AC_LANG_C)
			found |= watched_analysis(c.inputs.v[i].path, &c, child_status);
	}
	ac_compile_args_free(&c);
	return found;
}

/* Runs the compiler argv (argv[0] looked up on PATH) and returns its exit
 * status as a shell reports it. */
static int run_compiler(const char *const *argv)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[0], (char *const *)argv);
		fprintf(stderr, "%s: %s: %s\n", self_name, argv[0], strerror(errno));
		_exit(127);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) < 0) {
		fprintf(stderr, "%s: %s: %s\n", self_name, argv[0], strerror(errno));
		return 127;
	}
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

static bool werror(void)
{
	const char *s = getenv("ALLOCCHECK_WERROR");
	return s && *s && strcmp(s, "0") != 0;
}

int main(int argc, char **argv)
{
	AcArena arena = {0};
	const char **cmd = ac_arena_alloc(&arena, ((size_t)argc + 1) * sizeof *cmd);
	size_t n = 0;
	if (strcmp(base_name(argv[0]), self_name) != 0) {
		/* called through a symlink named after the compiler */
		cmd[n] = find_real(&arena, base_name(argv[0]));
		if (!cmd[n++]) {
			fprintf(stderr, "%s: no compiler '%s' on PATH besides this wrapper\n", self_name,
				base_name(argv[0]));
			ac_arena_free(&arena);
			return 127;
		}
	} else if (argc < 2) {
		ac_cli_wrapper_usage(stderr);
		ac_arena_free(&arena);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		cmd[n++] = argv[i];
	cmd[n] = NULL;
	int child_status = -1;
	bool found = analyse_step(cmd, n, &child_status);
	if (child_status >= 0) { /* an analysis child, done */
		ac_arena_free(&arena);
		fflush(stderr);
		return child_status;
	}
	int status = run_compiler(cmd);
	ac_arena_free(&arena);
	if (status == 0 && found && werror())
		status = 1;
	return status;
}
