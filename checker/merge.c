/*
 * merge: result directories -> AcFindings (see merge.h). Each result file is
 * parsed into one cJSON tree, its findings copied with ac_findings_add, and
 * the tree deleted once. Rule ids are mapped back to the static strings of
 * the rule registry, as AcFinding.rule requires.
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
#include "mem.h"
#include "rule.h"
#include "textfile.h"

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

/* The result files of dir (*.json, not hidden), sorted, in failed->arena. */
static int list_results(const char *dir, AcJobs *failed, NameVec *names)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	const struct dirent *e;
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0)
			AC_VEC_PUSH(names, ac_arena_printf(&failed->arena, "%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (names->n > 1) /* qsort's base must not be NULL, even for no elements */
		qsort(names->v, names->n, sizeof *names->v, cmp_names);
	return 0;
}

size_t ac_merge_read(const char *const *dirs, size_t ndirs, AcFindings *out, AcJobs *failed,
		     AcMergeStats *stats)
{
	size_t errors = 0;
	memset(stats, 0, sizeof *stats);
	for (size_t i = 0; i < ndirs; i++) {
		NameVec names = {0};
		if (list_results(dirs[i], failed, &names) < 0)
			errors += fail(failed, dirs[i], strerror(errno));
		else if (names.n == 0)
			errors += fail(failed, dirs[i], "no alloccheck results (*.json) found");
		for (size_t k = 0; k < names.n; k++)
			errors += read_result(names.v[k], out, failed, stats);
		AC_VEC_FREE(&names);
	}
	return errors;
}
