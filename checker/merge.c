/*
 * merge: result directories -> AcFindings (see merge.h), the link step of a
 * build through alloccheck-cc.
 *
 * A directory holds, per compiled TU, NAME.json (its report) and NAME.acir
 * (its IR, results and link data: ir_file.h). The IR files are read without
 * their IR first: each TU's stored findings and link data become a job
 * whose results are "cached" (jobs.h), and ac_jobs_run links the program,
 * computes its summaries and loads the IR of exactly the TUs whose external
 * callees' summaries changed, through load_ir below; never libclang.
 *
 * A JSON result without an IR file (an older alloccheck-cc, or a TU whose IR
 * file is broken) is merged as written: parsed into one cJSON tree, its
 * findings copied with ac_findings_add, and the tree deleted once. Rule ids
 * are mapped back to the static strings of the rule registry, as
 * AcFinding.rule requires.
 */
#define _POSIX_C_SOURCE 200809L

#include "merge.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "ir_file.h"
#include "link_data.h"
#include "mem.h"
#include "rule.h"
#include "textfile.h"
#include "walks.h"

/* Prints "alloccheck: error: PATH: WHY" and records it. */
static size_t fail(AcJobs *failed, const char *path, const char *why)
{
	AcFailure f = {ac_arena_strdup(&failed->arena, path), ac_arena_strdup(&failed->arena, why)};
	AC_VEC_PUSH(&failed->failed, f);
	ac_error("%s: %s", path, why);
	return 1;
}

static const char *str(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsNumber(v) ? v->valuedouble : 0;
}

/* {"file", "line", "column"} of o.location; strings point into the tree. */
static AcLoc read_loc(const cJSON *o)
{
	const cJSON *l = cJSON_GetObjectItemCaseSensitive(o, "location");
	AcLoc loc = {str(l, "file"), (unsigned)num(l, "line"), (unsigned)num(l, "column")};
	return loc;
}

static AcSeverity read_severity(const char *s)
{
	for (int i = 0; i < AC_SEV_COUNT; i++)
		if (s && strcmp(s, ac_severity_name((AcSeverity)i)) == 0)
			return (AcSeverity)i;
	return AC_SEV_WARNING;
}

/* One finding of a result document into out (copied); -1 when it names no
 * known rule or has no location. */
static int read_finding(const cJSON *o, AcFindings *out)
{
	int rule = ac_rule_index(str(o, "rule") ? str(o, "rule") : "");
	AcLoc loc = read_loc(o);
	if (rule < 0 || !loc.file)
		return -1;
	const cJSON *notes = cJSON_GetObjectItemCaseSensitive(o, "notes");
	size_t n = (size_t)cJSON_GetArraySize(notes);
	AcNote *nv = ac_calloc(n + 1, sizeof *nv);
	size_t k = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, notes) {
		AcNote note = {cJSON_GetObjectItemCaseSensitive(it, "location") ? read_loc(it) : (AcLoc){0},
			       str(it, "message") ? str(it, "message") : ""};
		nv[k++] = note;
	}
	AcFinding f = {
		.rule = ac_rules[rule].id,
		.severity = read_severity(str(o, "severity")),
		.loc = loc,
		.message = str(o, "message") ? str(o, "message") : "",
		.function = str(o, "function"),
		.notes = nv,
		.nnotes = k,
	};
	ac_findings_add(out, &f);
	ac_free(nv);
	return 0;
}

static size_t read_result(const char *path, AcFindings *out, AcJobs *failed, AcMergeStats *stats)
{
	char *text = ac_textfile_read(path, NULL);
	if (!text)
		return fail(failed, path, strerror(errno));
	cJSON *root = cJSON_Parse(text);
	ac_free(text);
	const cJSON *findings = cJSON_GetObjectItemCaseSensitive(root, "findings");
	size_t errors = 0;
	if (!cJSON_IsArray(findings)) {
		errors = fail(failed, path, "not an alloccheck JSON result (no \"findings\" array)");
	} else {
		const cJSON *it;
		cJSON_ArrayForEach(it, findings) {
			if (read_finding(it, out) < 0)
				errors += fail(failed, path, "a finding without a known rule or a location");
		}
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(root, "errors")) {
			AcFailure f = {ac_arena_strdup(&failed->arena, str(it, "path") ? str(it, "path") : path),
				       ac_arena_strdup(&failed->arena, str(it, "reason") ? str(it, "reason") : "")};
			AC_VEC_PUSH(&failed->failed, f);
		}
		const cJSON *st = cJSON_GetObjectItemCaseSensitive(root, "stats");
		stats->nanalysed += (size_t)num(st, "files_analysed");
		stats->nfunctions += (size_t)num(st, "functions_analysed");
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(st, "budget");
		stats->budget.step_limited += (size_t)num(b, "functions_step_limited");
		stats->budget.timed_out += (size_t)num(b, "functions_timed_out");
		stats->budget.tus_timed_out += (size_t)num(b, "files_timed_out");
		stats->nresults++;
	}
	cJSON_Delete(root);
	return errors;
}

typedef AC_VEC(const char *) NameVec;

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* The result and IR files of dir (*.json and *.acir, not hidden), sorted,
 * in arena. */
static int list_results(const char *dir, AcArena *arena, NameVec *names)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	const struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] != '.' && (ends_with(e->d_name, n, ".json") || ends_with(e->d_name, n, AC_IR_SUFFIX)))
			AC_VEC_PUSH(names, ac_arena_printf(arena, "%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (names->n > 1) /* qsort's base must not be NULL, even for no elements */
		qsort(names->v, names->n, sizeof *names->v, cmp_names);
	return 0;
}

/* The TUs of the merge that have an IR file. */
typedef struct Merge {
	const AcCli *cli;
	AcJobs *failed;
	AcArena arena;
	AC_VEC(AcJob) jobs;         /* path: the TU's source, as its compile named it */
	AC_VEC(const char *) irs;   /* per job: its IR file */
	AC_VEC(const char *) reals; /* per job: its file's real path, or NULL */
	AC_VEC(bool) foreign;       /* per job: analysed with other options than this merge's */
	AC_VEC(AcJobResult) results;
	AcLinkData *exports;        /* per job: its functions' summaries, as the program has them */
	AcIntern seen;              /* the real paths of the TUs taken, to link each once */
	char options[AC_HASH_HEX + 1];
	size_t reanalysed;
	size_t walked, reused;      /* functions walked, and taken from earlier walks */
} Merge;

/* jobs.h load: TU i's IR, read again, this time with the IR and the walks
 * of its functions (those of a TU analysed with other options are not
 * taken). */
static int load_ir(void *ctx, size_t i, AcTu **tu, AcTuWalks *walks)
{
	Merge *m = ctx;
	AcJobResult res = {0};
	AcIrInfo info;
	char buf[256];
	const char *why;
	int rc = ac_ir_load(m->irs.v[i], &res, &info, tu, walks, buf, sizeof buf, &why);
	if (rc == 0 && m->foreign.v[i])
		ac_walks_free(walks);
	ac_findings_free(&res.findings);
	ac_link_data_free(&res.link);
	if (rc < 0) {
		fail(m->failed, m->irs.v[i], why);
		return -1;
	}
	return 0;
}

/* Keeps a copy of the summaries TU i exports (replacing what it had), and
 * with consumes, of what its calls used. */
static void keep_exports(Merge *m, size_t i, const AcLinkData *l, bool consumes)
{
	ac_link_data_free(&m->exports[i]);
	m->exports[i] = (AcLinkData){0};
	for (size_t k = 0; k < l->exports.n; k++)
		ac_link_data_add(&m->exports[i], 0, l->exports.v[k].name, l->exports.v[k].text);
	for (size_t k = 0; consumes && k < l->consumes.n; k++)
		ac_link_data_add(&m->exports[i], 1, l->consumes.v[k].name, l->consumes.v[k].text);
}

/* Whether TU i's calls used what its IR file says they did. */
static bool same_consumes(const Merge *m, size_t i, const AcLinkData *l)
{
	const AcLinkData *was = &m->exports[i];
	if (was->consumes.n != l->consumes.n)
		return false;
	for (size_t k = 0; k < l->consumes.n; k++) {
		if (strcmp(was->consumes.v[k].name, l->consumes.v[k].name) != 0 ||
		    strcmp(was->consumes.v[k].text, l->consumes.v[k].text) != 0)
			return false;
	}
	return true;
}

/* The program's summaries (each name exported by exactly one TU) into each
 * result directory's AC_LINK_SUMMARIES_FILE, for alloccheck-cc's next
 * analyses (link_data.h). Not writable: a -v note. */
static void write_summaries(Merge *m, const AcCli *cli)
{
	AcArena a = {0};
	AcIntern once, twice;
	ac_intern_init(&once, &a);
	ac_intern_init(&twice, &a);
	for (size_t i = 0; i < m->jobs.n; i++) {
		for (size_t k = 0; k < m->exports[i].exports.n; k++) {
			const char *name = m->exports[i].exports.v[k].name;
			if (ac_intern_find(&once, name))
				ac_intern(&twice, name);
			ac_intern(&once, name);
		}
	}
	AC_VEC(AcLinkEntry) all = {0};
	for (size_t i = 0; i < m->jobs.n; i++) {
		for (size_t k = 0; k < m->exports[i].exports.n; k++) {
			if (!ac_intern_find(&twice, m->exports[i].exports.v[k].name))
				AC_VEC_PUSH(&all, m->exports[i].exports.v[k]);
		}
	}
	for (size_t d = 0; d < cli->paths.n; d++) {
		const char *path = ac_arena_printf(&a, "%s/%s", cli->paths.v[d], AC_LINK_SUMMARIES_FILE);
		if (ac_link_summaries_write(path, all.v, all.n) < 0)
			ac_note_verbose("%s: not written: %s", path, strerror(errno));
	}
	AC_VEC_FREE(&all);
	ac_intern_free(&once);
	ac_intern_free(&twice);
	ac_arena_free(&a);
}

/* jobs.h store: the IR file of TU i, analysed again, rewritten with its new
 * results, link data and walks, so that the next merge starts from there
 * and analyses again only what changed since. A TU none of whose functions
 * was walked again has the findings and walks its file holds (each walk
 * taken has the inputs of now): its file stays, unless what its calls used
 * is not what the file says (a pointer to a function known now, which no
 * walk read). A directory that cannot be
 * written (a CI artifact) is fine: the next merge does the work again. */
static void store_ir(void *ctx, size_t i, const AcTu *tu, const AcJobResult *res, const AcTuWalks *walks)
{
	Merge *m = ctx;
	bool same = same_consumes(m, i, &res->link);
	keep_exports(m, i, &res->link, false);
	if (!res->nwalked && same)
		return;
	if (res->nwalked) {
		m->reanalysed++;
		ac_note_verbose("%s: re-analysed from %s (%zu of %zu function%s walked again)", m->jobs.v[i].path,
		                m->irs.v[i], res->nwalked, tu->nfuncs, tu->nfuncs == 1 ? "" : "s");
	}
	if (ac_ir_write_file(m->irs.v[i], tu, m->reals.v[i], res, m->options, walks) < 0)
		ac_note_verbose("%s: not updated: %s", m->irs.v[i], strerror(errno));
}

/* Takes the IR file ir of a TU (json: its JSON result, or NULL). Returns
 * the number of errors; *use_json says whether the JSON result is to be
 * merged as written instead. */
static size_t take_ir(Merge *m, const char *ir, const char *json, AcFindings *out, AcMergeStats *stats,
                      bool *use_json)
{
	AcJobResult res = {0};
	AcIrInfo info;
	char buf[256];
	const char *why;
	*use_json = false;
	if (ac_ir_load(ir, &res, &info, NULL, NULL, buf, sizeof buf, &why) < 0) {
		*use_json = json != NULL; /* its own findings at least */
		return fail(m->failed, ir, why);
	}
	size_t before = m->seen.count;
	ac_intern(&m->seen, info.real ? info.real : info.path);
	if (m->seen.count == before) {
		/* The same file compiled twice (two targets): linked once, or each of its
		 * functions would be defined twice, hence opaque. */
		ac_note_verbose("%s: %s is compiled more than once; linked once, these results merged as written", ir,
		                info.path);
		for (size_t k = 0; k < res.findings.list.n; k++)
			ac_findings_add(out, &res.findings.list.v[k]);
		stats->nanalysed++;
		stats->nfunctions += res.nfunctions;
		ac_budget_add(&stats->budget, &res.budget);
		ac_findings_free(&res.findings);
		ac_link_data_free(&res.link);
		return 0;
	}
	const char *path = ac_arena_strdup(&m->arena, info.path);
	bool foreign = strcmp(info.options ? info.options : "", m->options) != 0;
	if (foreign) {
		/* Analysed with other options (ALLOCCHECK_ARGS, --allocators): its stored
		 * results do not hold for this merge; it is analysed again from its IR. */
		ac_note_verbose("%s: analysed with other options than this merge's", ir);
		ac_findings_free(&res.findings);
		ac_link_data_free(&res.link);
		res = (AcJobResult){0};
	}
	AcJob job = {path, NULL, 0};
	AC_VEC_PUSH(&m->jobs, job);
	AC_VEC_PUSH(&m->irs, ir);
	AC_VEC_PUSH(&m->reals, info.real ? ac_arena_strdup(&m->arena, info.real) : NULL);
	AC_VEC_PUSH(&m->results, res);
	AC_VEC_PUSH(&m->foreign, foreign);
	return 0;
}

/* The stem of a result or IR file name: without its suffix, in arena. */
static const char *stem(AcArena *a, const char *name)
{
	size_t n = strlen(name);
	size_t k = ends_with(name, n, ".json") ? 5 : strlen(AC_IR_SUFFIX);
	return ac_arena_strndup(a, name, n - k);
}

/* One directory: its IR files into m, its JSON results without IR into out. */
static size_t read_dir(Merge *m, const char *dir, AcFindings *out, AcMergeStats *stats)
{
	NameVec names = {0};
	size_t errors = 0, nir = 0, old = 0;
	if (list_results(dir, &m->failed->arena, &names) < 0) {
		AC_VEC_FREE(&names);
		return fail(m->failed, dir, strerror(errno));
	}
	if (names.n == 0)
		errors += fail(m->failed, dir, "no alloccheck results (*.json, *" AC_IR_SUFFIX ") found");
	for (size_t k = 0; k < names.n; k++)
		nir += ends_with(names.v[k], strlen(names.v[k]), AC_IR_SUFFIX);
	/* Sorted, NAME.acir and NAME.json are neighbours. */
	for (size_t k = 0; k < names.n; k++) {
		const char *name = names.v[k], *json = NULL, *ir = NULL;
		*(ends_with(name, strlen(name), ".json") ? &json : &ir) = name;
		if (k + 1 < names.n && strcmp(stem(&m->arena, names.v[k + 1]), stem(&m->arena, name)) == 0) {
			const char *other = names.v[++k];
			*(ends_with(other, strlen(other), ".json") ? &json : &ir) = other;
		}
		bool use_json = ir == NULL;
		if (ir)
			errors += take_ir(m, ir, json, out, stats, &use_json);
		else if (nir > 0)
			errors += fail(m->failed, json, "no IR file (" AC_IR_SUFFIX ") next to it; merged as written");
		else
			old++;
		if (use_json)
			errors += read_result(json, out, m->failed, stats);
	}
	if (old)
		ac_note_verbose("%s: %zu result%s without IR files (an older alloccheck-cc): merged as written, "
		                "without cross-file analysis", dir, old, old == 1 ? "" : "s");
	AC_VEC_FREE(&names);
	return errors;
}

size_t ac_merge_read(const AcCli *cli, AcFindings *out, AcJobs *failed, AcMergeStats *stats)
{
	size_t errors = 0;
	memset(stats, 0, sizeof *stats);
	Merge m = {.cli = cli, .failed = failed};
	ac_intern_init(&m.seen, &m.arena);
	ac_ir_options_key(&cli->engine, cli->allocators.v, cli->allocators.n, m.options);
	for (size_t i = 0; i < cli->paths.n; i++)
		errors += read_dir(&m, cli->paths.v[i], out, stats);
	size_t n = m.jobs.n;
	if (n > 0) {
		AcJobsConfig cfg = {
			.engine = &cli->engine,
			.nthreads = cli->jobs ? cli->jobs : ac_jobs_default_threads(),
			.quiet = cli->quiet,
			.load = load_ir,
			.store = store_ir,
			.load_ctx = &m,
			.walked = &m.walked,
			.reused = &m.reused,
		};
		m.exports = ac_calloc(n, sizeof *m.exports);
		for (size_t i = 0; i < n; i++)
			keep_exports(&m, i, &m.results.v[i].link, true);
		ac_jobs_run(m.jobs.v, n, &cfg, m.results.v);
		ac_note_verbose("merge: %zu of %zu file%s with IR re-analysed", m.reanalysed, n, n == 1 ? "" : "s");
		ac_note_verbose("merge: %zu function%s walked again, %zu taken as their last walk left them", m.walked,
		                m.walked == 1 ? "" : "s", m.reused);
		write_summaries(&m, cli);
		for (size_t i = 0; i < n; i++)
			ac_link_data_free(&m.exports[i]);
		ac_free(m.exports);
	}
	for (size_t i = 0; i < n; i++) {
		AcJobResult *r = &m.results.v[i];
		if (r->failed) {
			errors++; /* load_ir said why */
		} else {
			stats->nanalysed++;
			stats->nfunctions += r->nfunctions;
			ac_budget_add(&stats->budget, &r->budget);
			stats->nresults++;
		}
		for (size_t k = 0; k < r->findings.list.n; k++)
			ac_findings_add(out, &r->findings.list.v[k]);
		ac_findings_free(&r->findings);
	}
	AC_VEC_FREE(&m.jobs);
	AC_VEC_FREE(&m.irs);
	AC_VEC_FREE(&m.reals);
	AC_VEC_FREE(&m.foreign);
	AC_VEC_FREE(&m.results);
	ac_intern_free(&m.seen);
	ac_arena_free(&m.arena);
	return errors;
}
