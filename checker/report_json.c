/*
 * report_json: the whole report as one JSON document, the format of
 * docs/report.schema.json (format version 1):
 *
 *   {"version": 1, "tool": {"name", "version"},
 *    "findings": [{"rule", "severity", "cwe", "message", "location", "function",
 *                  "notes": [{"message", "location"}], "fingerprint"}],
 *    "errors": [{"path", "reason"}],
 *    "stats": {"files_analysed", "files_failed", "functions_analysed", "findings",
 *              "elapsed_ms", "skipped": {"cxx", "assembler", "other", "duplicates",
 *                                        "excluded"}}}
 *
 * stats.skipped is there only when the jobs came from a compile database.
 *
 * The document is built as one cJSON tree, printed once and deleted once, so
 * cJSON does all the escaping; strings that are not valid UTF-8 (a path or an
 * identifier in Latin-1) get U+FFFD for each bad byte so the output is always
 * valid JSON. A location's end is the end of the token at its start (exclusive
 * column, source.h), read from the source file. Everything but elapsed_ms is a
 * function of the input, so the document is deterministic.
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

#include "fingerprint.h"
#include "mem.h"
#include "rule.h"
#include "source.h"

enum { FORMAT_VERSION = 1 }; /* "version": bump on incompatible changes */

typedef struct JsonOut {
	AcSource src; /* source lines, for the end of each location */
	bool oom;     /* a cJSON allocation failed; the tree is incomplete */
} JsonOut;

/* The length of the valid UTF-8 sequence at s (NUL-terminated), or 0 when
 * none starts there: no overlong forms, surrogates or code points past
 * U+10FFFF. */
static size_t utf8_len(const unsigned char *s)
{
	static const unsigned min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
	if (n == 0 || c > 0xF4)
		return 0;
	unsigned cp = c & (0x3Fu >> (n - 1));
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) /* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* s with each byte that starts no valid UTF-8 sequence replaced by U+FFFD,
 * in a block the caller frees with ac_free; NULL when s is valid as it is. */
static char *utf8_repair(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	while (u[i] && (n = utf8_len(u + i)) > 0)
		i += n;
	if (!u[i])
		return NULL;
	char *out = ac_malloc(strlen(s) * 3 + 1);
	size_t o = 0;
	for (i = 0; u[i]; i += n ? n : 1) {
		n = utf8_len(u + i);
		if (n) {
			memcpy(out + o, s + i, n);
			o += n;
		} else {
			memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
	}
	out[o] = '\0';
	return out;
}

/* A new object as member name of parent, or appended to the array parent
 * when name is NULL. Returns it, or NULL after setting j->oom. */
static cJSON *add_object(JsonOut *j, cJSON *parent, const char *name)
{
	cJSON *o = cJSON_CreateObject();
	bool ok = o && (name ? cJSON_AddItemToObject(parent, name, o) : cJSON_AddItemToArray(parent, o));
	if (!ok) {
		cJSON_Delete(o); /* not in the tree; NULL is fine */
		j->oom = true;
		return NULL;
	}
	return o;
}

static cJSON *add_array(JsonOut *j, cJSON *obj, const char *name)
{
	cJSON *a = cJSON_AddArrayToObject(obj, name);
	j->oom |= !a;
	return a;
}

/* obj.name = s (NULL: ""), repaired when it is not valid UTF-8. */
static void add_string(JsonOut *j, cJSON *obj, const char *name, const char *s)
{
	char *fixed = utf8_repair(s ? s : "");
	j->oom |= !cJSON_AddStringToObject(obj, name, fixed ? fixed : s ? s : "");
	ac_free(fixed);
}

static void add_number(JsonOut *j, cJSON *obj, const char *name, double v)
{
	j->oom |= !cJSON_AddNumberToObject(obj, name, v);
}

/* {"file", "line", "column", "end": {"line", "column"}} as parent.location;
 * line, column and end only as far as they are known (nonzero). */
static void add_location(JsonOut *j, cJSON *parent, AcLoc loc)
{
	cJSON *o = add_object(j, parent, "location");
	add_string(j, o, "file", loc.file);
	if (loc.line == 0)
		return;
	add_number(j, o, "line", loc.line);
	if (loc.col == 0)
		return;
	add_number(j, o, "column", loc.col);
	AcLoc end = ac_source_token_end(&j->src, loc);
	cJSON *e = add_object(j, o, "end");
	add_number(j, e, "line", end.line);
	add_number(j, e, "column", end.col);
}

static void add_notes(JsonOut *j, cJSON *finding, const AcFinding *f)
{
	cJSON *notes = add_array(j, finding, "notes");
	for (size_t i = 0; i < f->nnotes; i++) {
		const AcNote *n = &f->notes[i];
		cJSON *o = add_object(j, notes, NULL);
		add_string(j, o, "message", n->msg);
		if (n->loc.file)
			add_location(j, o, n->loc);
	}
}

static void add_finding(JsonOut *j, cJSON *findings, const AcFinding *f, const AcFingerprint *fp)
{
	cJSON *o = add_object(j, findings, NULL);
	add_string(j, o, "rule", f->rule);
	add_string(j, o, "severity", ac_severity_name(f->severity));
	int rule = ac_rule_index(f->rule);
	if (rule >= 0 && ac_rules[rule].cwe > 0)
		add_number(j, o, "cwe", ac_rules[rule].cwe);
	add_string(j, o, "message", f->message);
	add_location(j, o, f->loc);
	add_string(j, o, "function", f->function);
	add_notes(j, o, f);
	add_string(j, o, "fingerprint", fp->hex);
}

static void add_findings(JsonOut *j, cJSON *root, const AcFindings *fs)
{
	cJSON *arr = add_array(j, root, "findings");
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
	cJSON *arr = add_array(j, root, "errors");
	for (size_t i = 0; i < r->nfailed; i++) {
		cJSON *o = add_object(j, arr, NULL);
		add_string(j, o, "path", r->failed[i].path);
		add_string(j, o, "reason", r->failed[i].reason);
	}
}

static void add_stats(JsonOut *j, cJSON *root, const AcReport *r)
{
	cJSON *o = add_object(j, root, "stats");
	add_number(j, o, "files_analysed", (double)r->nanalysed);
	add_number(j, o, "files_failed", (double)r->nfailed);
	add_number(j, o, "functions_analysed", (double)r->nfunctions);
	add_number(j, o, "findings", (double)r->findings->list.n);
	add_number(j, o, "elapsed_ms", r->elapsed_ms);
	if (!r->skipped)
		return;
	cJSON *s = add_object(j, o, "skipped");
	add_number(j, s, "cxx", (double)r->skipped->cxx);
	add_number(j, s, "assembler", (double)r->skipped->assembler);
	add_number(j, s, "other", (double)r->skipped->other);
	add_number(j, s, "duplicates", (double)r->skipped->duplicates);
	add_number(j, s, "excluded", (double)r->skipped->excluded);
}

/* The document as a tree the caller deletes with cJSON_Delete; sets j->oom
 * when some part of it could not be allocated. */
static cJSON *build(JsonOut *j, const AcReport *r)
{
	cJSON *root = cJSON_CreateObject();
	if (!root) {
		j->oom = true;
		return NULL;
	}
	add_number(j, root, "version", FORMAT_VERSION);
	cJSON *tool = add_object(j, root, "tool");
	add_string(j, tool, "name", "alloccheck");
	add_string(j, tool, "version", AC_VERSION);
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
	char *text = j.oom ? NULL : cJSON_Print(root);
	cJSON_Delete(root);
	if (!text) {
		/* what mem.c does on out of memory; a partial document must not be printed */
		fputs("alloccheck: out of memory\n", stderr);
		exit(2);
	}
	fputs(text, out);
	fputc('\n', out);
	cJSON_free(text);
	return ferror(out) ? -1 : 0;
}
