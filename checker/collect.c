/*
 * collect: AcCli -> AcJobs (see collect.h).
 */
#include "collect.h"

#include <stdio.h>
#include <string.h>

#include "compdb.h"
#include "diag.h"
#include "inputs.h"

/* The skipped entries as one line, when there are any. */
static void summarise(const char *file, const AcCompdbStats *st, size_t excluded)
{
	size_t skipped = st->cxx + st->assembler + st->other + st->duplicates;
	if (!skipped && !excluded)
		return;
	fprintf(stderr,
		"alloccheck: %s: %zu of %zu entries skipped (%zu C++, %zu assembler, %zu other, "
		"%zu duplicate, %zu excluded)\n",
		file, skipped + excluded, st->entries, st->cxx, st->assembler, st->other, st->duplicates,
		excluded);
}

/* Drops the jobs that an --exclude glob matches; returns how many. */
static size_t apply_excludes(const AcCli *cli, AcJobs *jobs)
{
	AcInputs probe = {.excludes = cli->excludes.v, .nexcludes = cli->excludes.n};
	size_t kept = 0;
	for (size_t i = 0; i < jobs->list.n; i++) {
		if (!ac_inputs_excluded(&probe, jobs->list.v[i].path))
			jobs->list.v[kept++] = jobs->list.v[i];
	}
	size_t dropped = jobs->list.n - kept;
	jobs->list.n = kept;
	return dropped;
}

/* Appends the "--" flags after each entry's own, so that they win where
 * a later flag overrides an earlier one (-D, -U, -std=, -W...). */
static void append_cflags(const AcCli *cli, AcJobs *jobs)
{
	if (cli->ncflags == 0)
		return;
	for (size_t i = 0; i < jobs->list.n; i++) {
		AcJob *job = &jobs->list.v[i];
		size_t n = job->nargs + cli->ncflags;
		const char **args = AC_ARENA_ARRAY(&jobs->arena, const char *, n);
		for (size_t k = 0; k < job->nargs; k++)
			args[k] = job->args[k];
		for (size_t k = 0; k < cli->ncflags; k++)
			args[job->nargs + k] = cli->cflags[k];
		job->args = args;
		job->nargs = n;
	}
}

static size_t from_compdb(const AcCli *cli, AcJobs *jobs)
{
	const char *file = cli->compdb_file;
	if (!file)
		file = ac_arena_printf(&jobs->arena, "%s/compile_commands.json", cli->compdb_dir);
	AcCompdbStats st;
	size_t errors = ac_compdb_load(jobs, file, cli->paths.v, cli->paths.n, &st);
	size_t excluded = apply_excludes(cli, jobs);
	append_cflags(cli, jobs);
	jobs->compdb = true;
	jobs->skipped = (AcSkipped){st.cxx, st.assembler, st.other, st.duplicates, excluded};
	if (!cli->quiet)
		summarise(file, &st, excluded);
	if (jobs->list.n == 0 && errors == 0)
		errors++, ac_error("%s: no C entries to analyse", file);
	return errors;
}

/* The walked files become jobs: path and strings copied into jobs->arena. */
static size_t from_paths(const AcCli *cli, AcJobs *jobs)
{
	AcInputs in = {.excludes = cli->excludes.v, .nexcludes = cli->excludes.n};
	size_t errors = ac_inputs_collect(&in, cli->paths.v, cli->paths.n);
	for (size_t i = 0; i < in.errors.n; i++) {
		AcFailure f = {ac_arena_strdup(&jobs->arena, in.errors.v[i].path),
			       ac_arena_strdup(&jobs->arena, in.errors.v[i].reason)};
		AC_VEC_PUSH(&jobs->failed, f);
	}
	for (size_t i = 0; i < in.files.n; i++) {
		AcJob job = {ac_arena_strdup(&jobs->arena, in.files.v[i]), cli->cflags, cli->ncflags};
		AC_VEC_PUSH(&jobs->list, job);
	}
	ac_inputs_free(&in);
	return errors;
}

size_t ac_collect_jobs(const AcCli *cli, AcJobs *jobs)
{
	if (cli->compdb_file || cli->compdb_dir)
		return from_compdb(cli, jobs);
	return from_paths(cli, jobs);
}
