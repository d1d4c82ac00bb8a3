/*
 * report_sarif: the report as one SARIF 2.1.0 log with one run, as GitHub
 * code scanning ingests it and as the SARIF Multitool validator
 * (--rule-kind "Gh;Sarif") accepts it without errors or warnings:
 *
 *   run.tool.driver   name, version, informationUri, and every rule of the
 *                     registry with its doc (rules/<id>.md) as help,
 *                     fullDescription, CWE tag, security-severity, precision
 *   run.results       ruleId/ruleIndex, level, message, the location as a
 *                     URI relative to %SRCROOT%, the function as a logical
 *                     location, partialFingerprints (fingerprint.h: no line
 *                     numbers), and the notes as one codeFlow
 *   run.invocations   executionSuccessful and one notification per input that
 *                     could not be analysed
 *
 * %SRCROOT% is opt->source_root (--source-root, default the current
 * directory) as an absolute file URI; files outside it get absolute URIs.
 * Messages end with a period (validator rule SARIF2001). The document is a
 * cJSON tree (jtree.h), built, printed and deleted once.
 */
#include "report.h"

#include <string.h>

#include "arena.h"
#include "fingerprint.h"
#include "jtree.h"
#include "mem.h"
#include "relpath.h"
#include "rule.h"
#include "rule_docs.h"
#include "source.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define TOOL_URI "https://cwe.mitre.org/data/definitions/"
#define FINGERPRINT_KEY "alloccheck/v1"

typedef struct Sarif {
	AcJTree j;
	AcSource src;    /* source lines, for the end column of each region */
	AcArena arena;   /* URIs and messages of this report */
	AcRelPath root;  /* %SRCROOT% */
} Sarif;

/* text ending in a period, in the report's arena. */
static const char *sentence(Sarif *s, const char *text)
{
	size_t n = text ? strlen(text) : 0;
	if (n > 0 && strchr(".!?", text[n - 1]))
		return text;
	return ac_arena_printf(&s->arena, "%s.", text ? text : "");
}

static void add_message(Sarif *s, cJSON *parent, const char *name, const char *text)
{
	cJSON *m = ac_jtree_object(&s->j, parent, name);
	ac_jtree_string(&s->j, m, "text", sentence(s, text));
}

/* The first paragraph of the doc's "## What it reports" section, on one
 * line; NULL when the doc has none. */
static const char *doc_paragraph(Sarif *s, const char *doc)
{
	const char *p = doc ? strstr(doc, "\n## What it reports\n") : NULL;
	if (!p)
		return NULL;
	p += strlen("\n## What it reports\n");
	while (*p == '\n')
		p++;
	const char *end = strstr(p, "\n\n");
	size_t n = end ? (size_t)(end - p) : strlen(p);
	char *text = ac_arena_strndup(&s->arena, p, n);
	for (char *c = text; *c; c++)
		*c = *c == '\n' ? ' ' : *c;
	return text;
}

static void add_rule(Sarif *s, cJSON *rules, const AcRule *r)
{
	const char *doc = ac_rule_doc(r->id);
	cJSON *o = ac_jtree_object(&s->j, rules, NULL);
	ac_jtree_string(&s->j, o, "id", r->id);
	if (r->sarif_name)
		ac_jtree_string(&s->j, o, "name", r->sarif_name);
	add_message(s, o, "shortDescription", r->summary);
	const char *full = doc_paragraph(s, doc);
	add_message(s, o, "fullDescription", full ? full : r->summary);
	ac_jtree_string(&s->j, ac_jtree_object(&s->j, o, "defaultConfiguration"), "level",
			ac_severity_name(r->severity));
	ac_jtree_string(&s->j, o, "helpUri", ac_arena_printf(&s->arena, TOOL_URI "%d.html", r->cwe));
	cJSON *help = ac_jtree_object(&s->j, o, "help");
	ac_jtree_string(&s->j, help, "text", sentence(s, r->summary));
	if (doc)
		ac_jtree_string(&s->j, help, "markdown", doc);
	cJSON *props = ac_jtree_object(&s->j, o, "properties");
	cJSON *tags = ac_jtree_array(&s->j, props, "tags");
	ac_jtree_string(&s->j, tags, NULL, "security");
	ac_jtree_string(&s->j, tags, NULL, "reliability");
	if (r->cwe > 0)
		ac_jtree_string(&s->j, tags, NULL, ac_arena_printf(&s->arena, "external/cwe/cwe-%d", r->cwe));
	ac_jtree_string(&s->j, props, "precision", r->precision ? r->precision : "medium");
	ac_jtree_string(&s->j, props, "security-severity", r->security_severity ? r->security_severity : "5.0");
}

static void add_driver(Sarif *s, cJSON *run)
{
	cJSON *d = ac_jtree_object(&s->j, ac_jtree_object(&s->j, run, "tool"), "driver");
	ac_jtree_string(&s->j, d, "name", "alloccheck");
	ac_jtree_string(&s->j, d, "version", AC_VERSION);
	ac_jtree_string(&s->j, d, "semanticVersion", AC_VERSION);
	ac_jtree_string(&s->j, d, "informationUri", "https://cwe.mitre.org/data/definitions/401.html");
	cJSON *rules = ac_jtree_array(&s->j, d, "rules");
	for (size_t i = 0; i < ac_nrules; i++)
		add_rule(s, rules, &ac_rules[i]);
}

/* {"physicalLocation": {"artifactLocation", "region"}} as parent.name (or
 * appended when name is NULL); the region as far as loc knows it. */
static cJSON *add_location(Sarif *s, cJSON *parent, const char *name, AcLoc loc)
{
	cJSON *o = ac_jtree_object(&s->j, parent, name);
	cJSON *phys = ac_jtree_object(&s->j, o, "physicalLocation");
	cJSON *art = ac_jtree_object(&s->j, phys, "artifactLocation");
	bool under;
	const char *path = ac_relpath_get(&s->root, loc.file ? loc.file : "", &s->arena, &under);
	const char *uri = ac_relpath_uri(path, &s->arena);
	ac_jtree_string(&s->j, art, "uri", under ? uri : ac_arena_printf(&s->arena, "file://%s", uri));
	if (under)
		ac_jtree_string(&s->j, art, "uriBaseId", "%SRCROOT%");
	if (loc.line == 0)
		return o;
	cJSON *region = ac_jtree_object(&s->j, phys, "region");
	ac_jtree_number(&s->j, region, "startLine", loc.line);
	if (loc.col == 0)
		return o;
	AcLoc end = ac_source_token_end(&s->src, loc);
	ac_jtree_number(&s->j, region, "startColumn", loc.col);
	ac_jtree_number(&s->j, region, "endLine", end.line);
	ac_jtree_number(&s->j, region, "endColumn", end.col);
	return o;
}

/* The notes as one codeFlow with one threadFlow, a step per note; notes
 * without a file are left out (a step needs a location). */
static void add_code_flow(Sarif *s, cJSON *result, const AcFinding *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nnotes; i++)
		n += f->notes[i].loc.file != NULL;
	if (n == 0)
		return;
	cJSON *flow = ac_jtree_object(&s->j, ac_jtree_array(&s->j, result, "codeFlows"), NULL);
	cJSON *thread = ac_jtree_object(&s->j, ac_jtree_array(&s->j, flow, "threadFlows"), NULL);
	cJSON *steps = ac_jtree_array(&s->j, thread, "locations");
	for (size_t i = 0; i < f->nnotes; i++) {
		const AcNote *note = &f->notes[i];
		if (!note->loc.file)
			continue;
		cJSON *step = ac_jtree_object(&s->j, steps, NULL);
		cJSON *loc = add_location(s, step, "location", note->loc);
		add_message(s, loc, "message", note->msg);
	}
}

static void add_result(Sarif *s, cJSON *results, const AcFinding *f, const AcFingerprint *fp)
{
	cJSON *o = ac_jtree_object(&s->j, results, NULL);
	ac_jtree_string(&s->j, o, "ruleId", f->rule);
	int rule = ac_rule_index(f->rule);
	if (rule >= 0)
		ac_jtree_number(&s->j, o, "ruleIndex", rule);
	ac_jtree_string(&s->j, o, "level", ac_severity_name(f->severity));
	add_message(s, o, "message", f->message);
	cJSON *loc = add_location(s, ac_jtree_array(&s->j, o, "locations"), NULL, f->loc);
	if (f->function) {
		cJSON *logical = ac_jtree_object(&s->j, ac_jtree_array(&s->j, loc, "logicalLocations"), NULL);
		ac_jtree_string(&s->j, logical, "name", f->function);
		ac_jtree_string(&s->j, logical, "kind", "function");
	}
	ac_jtree_string(&s->j, ac_jtree_object(&s->j, o, "partialFingerprints"), FINGERPRINT_KEY, fp->hex);
	add_code_flow(s, o, f);
}

static void add_results(Sarif *s, cJSON *run, const AcFindings *fs)
{
	cJSON *arr = ac_jtree_array(&s->j, run, "results");
	AcFingerprint *fps = ac_malloc(fs->list.n * sizeof *fps);
	ac_fingerprints(fs, fps);
	const char *file = NULL;
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		if (!file || !f->loc.file || strcmp(file, f->loc.file) != 0)
			ac_source_clear(&s->src); /* sorted by file: the previous one is done */
		file = f->loc.file;
		add_result(s, arr, f, &fps[i]);
	}
	ac_free(fps);
}

static void add_invocation(Sarif *s, cJSON *run, const AcReport *r)
{
	cJSON *inv = ac_jtree_object(&s->j, ac_jtree_array(&s->j, run, "invocations"), NULL);
	ac_jtree_bool(&s->j, inv, "executionSuccessful", r->nfailed == 0 && r->nanalysed > 0);
	if (r->nfailed == 0)
		return;
	cJSON *notes = ac_jtree_array(&s->j, inv, "toolExecutionNotifications");
	for (size_t i = 0; i < r->nfailed; i++) {
		cJSON *o = ac_jtree_object(&s->j, notes, NULL);
		ac_jtree_string(&s->j, o, "level", "error");
		add_message(s, o, "message",
			    ac_arena_printf(&s->arena, "%s: %s", r->failed[i].path, r->failed[i].reason));
		add_location(s, ac_jtree_array(&s->j, o, "locations"), NULL, (AcLoc){.file = r->failed[i].path});
	}
}

static cJSON *build(Sarif *s, const AcReport *r)
{
	cJSON *root = cJSON_CreateObject();
	s->j.oom |= !root;
	ac_jtree_string(&s->j, root, "$schema", SARIF_SCHEMA);
	ac_jtree_string(&s->j, root, "version", "2.1.0");
	cJSON *run = ac_jtree_object(&s->j, ac_jtree_array(&s->j, root, "runs"), NULL);
	add_driver(s, run);
	cJSON *base = ac_jtree_object(&s->j, ac_jtree_object(&s->j, run, "originalUriBaseIds"), "%SRCROOT%");
	ac_jtree_string(&s->j, base, "uri",
			ac_arena_printf(&s->arena, "file://%s", ac_relpath_uri(s->root.root, &s->arena)));
	add_results(s, run, r->findings);
	add_invocation(s, run, r);
	ac_jtree_string(&s->j, run, "columnKind", "unicodeCodePoints");
	return root;
}

int ac_report_sarif(FILE *out, const AcReport *r, const AcReportOptions *opt)
{
	Sarif s = {0};
	if (ac_relpath_init(&s.root, opt->source_root, &s.arena) < 0) {
		ac_arena_free(&s.arena);
		return -1;
	}
	cJSON *root = build(&s, r);
	ac_source_free(&s.src);
	int rc = ac_jtree_print(&s.j, root, out);
	ac_arena_free(&s.arena);
	return rc;
}
