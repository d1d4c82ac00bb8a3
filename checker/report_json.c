/*
 * report_json: the whole report as one JSON document, the format of
 * docs/report.schema.json (format version 1):
 *
 *   {"version": 1, "tool": {"name", "version"},
 *    "findings": [{"rule", "severity", "cwe", "message", "location", "function",
 *                  "notes": [{"message", "location"}], "fingerprint"}],
 *    "errors": [{"path", "reason"}],
 *    "stats": {"files_analysed", "files_failed", "functions_analysed", "findings",
 *              "elapsed_ms", "cache": {"hits", "misses", "written"},
 *              "skipped": {"cxx", "assembler", "other", "duplicates", "excluded"}}}
 *
 * stats.cache is there only when the run used the result cache,
 * stats.budget only when a step or time budget was hit (engine.h), and
 * stats.skipped only when the jobs came from a compile database.
 *
 * The document is built as one cJSON tree, printed once and deleted once, so
 * cJSON does all the escaping; strings that are not valid UTF-8 (a path or an
 * identifier in Latin-1) get U+FFFD for each bad byte so the output is always
 * valid JSON. A location's end is the end of the token at its start (exclusive
 * column, source.h), read from the source file. Everything but elapsed_ms and
 * stats.cache (which depends on what the cache held) is a function of the
 * input, so the document is otherwise deterministic.
 *
 * cJSON allocates with malloc and returns NULL when that fails. alloccheck
 * stops on out of memory everywhere (mem.h), so a failed cJSON call sets a
 * sticky flag and the report ends the program the same way once the tree is
 * deleted.
 */
#include "report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cache.h"
#include "engine.h"
#include "fingerprint.h"
#include "jtree.h"
#include "mem.h"
#include "rule.h"
#include "source.h"

enum { FORMAT_VERSION = 1 }; /* "version": bump on incompatible changes */

typedef struct JsonOut {
	AcSource src; /* source lines, for the end of each location */
	AcJTree t;    /* cJSON building, with its sticky out-of-memory flag */
} JsonOut;

/* {"file", "line", "column", "end": {"line", "column"}} as parent.location;
 * line, column and end only as far as they are known (nonzero). */
static void add_location(JsonOut *j, cJSON *parent, AcLoc loc)
{
	cJSON *o = ac_jtree_object(&j->t, parent, "location");
	ac_jtree_string(&j->t, o, "file", loc.file);
	if (loc.line == 0)
		return;
	ac_jtree_number(&j->t, o, "line", loc.line);
	if (loc.col == 0)
		return;
	ac_jtree_number(&j->t, o, "column", loc.col);
	AcLoc end = ac_source_token_end(&j->src, loc);
	cJSON *e = ac_jtree_object(&j->t, o, "end");
	ac_jtree_number(&j->t, e, "line", end.line);
	ac_jtree_number(&j->t, e, "column", end.col);
}

static void add_notes(JsonOut *j, cJSON *finding, const AcFinding *f)
{
	cJSON *notes = ac_jtree_array(&j->t, finding, "notes");
	for (size_t i = 0; i < f->nnotes; i++) {
		const AcNote *n = &f->notes[i];
		cJSON *o = ac_jtree_object(&j->t, notes, NULL);
		ac_jtree_string(&j->t, o, "message", n->msg);
		if (n->loc.file)
			add_location(j, o, n->loc);
	}
}

static void add_finding(JsonOut *j, cJSON *findings, const AcFinding *f, const AcFingerprint *fp)
{
	cJSON *o = ac_jtree_object(&j->t, findings, NULL);
	ac_jtree_string(&j->t, o, "rule", f->rule);
	ac_jtree_string(&j->t, o, "severity", ac_severity_name(f->severity));
	int rule = ac_rule_index(f->rule);
	if (rule >= 0 && ac_rules[rule].cwe > 0)
		ac_jtree_number(&j->t, o, "cwe", ac_rules[rule].cwe);
	ac_jtree_string(&j->t, o, "message", f->message);
	add_location(j, o, f->loc);
	ac_jtree_string(&j->t, o, "function", f->function);
	add_notes(j, o, f);
	ac_jtree_string(&j->t, o, "fingerprint", fp->hex);
}

static void add_findings(JsonOut *j, cJSON *root, const AcFindings *fs)
{
	cJSON *arr = ac_jtree_array(&j->t, root, "findings");
	AcFingerprint *fps = ac_malloc(fs->list.n * sizeof *fps);
	ac_fingerprints(fs, fps);
	const char *file = NULL;
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		if (!file || !f->loc.file || strcmp(file, f->loc.file) != 0)
			ac_source_clear(&j->src); /* sorted by file: the previous one is done */
		file = f->loc.file;
		add_finding(j, arr, f, &fps[i]);
	}
	ac_free(fps);
}

static void add_errors(JsonOut *j, cJSON *root, const AcReport *r)
{
	cJSON *arr = ac_jtree_array(&j->t, root, "errors");
	for (size_t i = 0; i < r->nfailed; i++) {
		cJSON *o = ac_jtree_object(&j->t, arr, NULL);
		ac_jtree_string(&j->t, o, "path", r->failed[i].path);
		ac_jtree_string(&j->t, o, "reason", r->failed[i].reason);
	}
}

static void add_stats(JsonOut *j, cJSON *root, const AcReport *r)
{
	cJSON *o = ac_jtree_object(&j->t, root, "stats");
	ac_jtree_number(&j->t, o, "files_analysed", (double)r->nanalysed);
	ac_jtree_number(&j->t, o, "files_failed", (double)r->nfailed);
	ac_jtree_number(&j->t, o, "functions_analysed", (double)r->nfunctions);
	ac_jtree_number(&j->t, o, "findings", (double)r->findings->list.n);
	ac_jtree_number(&j->t, o, "elapsed_ms", r->elapsed_ms);
	if (r->cache) {
		cJSON *c = ac_jtree_object(&j->t, o, "cache");
		ac_jtree_number(&j->t, c, "hits", (double)r->cache->hits);
		ac_jtree_number(&j->t, c, "misses", (double)r->cache->misses);
		ac_jtree_number(&j->t, c, "written", (double)r->cache->written);
	}
	if (r->budget) {
		cJSON *b = ac_jtree_object(&j->t, o, "budget");
		ac_jtree_number(&j->t, b, "functions_step_limited", (double)r->budget->step_limited);
		ac_jtree_number(&j->t, b, "functions_timed_out", (double)r->budget->timed_out);
		ac_jtree_number(&j->t, b, "files_timed_out", (double)r->budget->tus_timed_out);
	}
	if (!r->skipped)
		return;
	cJSON *s = ac_jtree_object(&j->t, o, "skipped");
	ac_jtree_number(&j->t, s, "cxx", (double)r->skipped->cxx);
	ac_jtree_number(&j->t, s, "assembler", (double)r->skipped->assembler);
	ac_jtree_number(&j->t, s, "other", (double)r->skipped->other);
	ac_jtree_number(&j->t, s, "duplicates", (double)r->skipped->duplicates);
	ac_jtree_number(&j->t, s, "excluded", (double)r->skipped->excluded);
}

/* The document as a tree the caller deletes with cJSON_Delete; sets j->t.oom
 * when some part of it could not be allocated. */
static cJSON *build(JsonOut *j, const AcReport *r)
{
	cJSON *root = cJSON_CreateObject();
	if (!root) {
		j->t.oom = true;
		return NULL;
	}
	ac_jtree_number(&j->t, root, "version", FORMAT_VERSION);
	cJSON *tool = ac_jtree_object(&j->t, root, "tool");
	ac_jtree_string(&j->t, tool, "name", "alloccheck");
	ac_jtree_string(&j->t, tool, "version", AC_VERSION);
	add_findings(j, root, r->findings);
	add_errors(j, root, r);
	add_stats(j, root, r);
	return root;
}

int ac_report_json(FILE *out, const AcReport *r, const AcReportOptions *opt)
{
	(void)opt; /* no colours, and no summary line: stdout carries the document only */
	JsonOut j = {0};
	cJSON *root = build(&j, r);
	ac_source_free(&j.src);
	return ac_jtree_print(&j.t, root, out);
}
