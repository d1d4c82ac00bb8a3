/*
 * report_html: the whole report as one self-contained HTML page that a
 * browser opens offline (no network: the CSS and the script are inline,
 * embedded at build time from report_html.css and report_html.js).
 *
 * The page, in order:
 *   - the index: the run's numbers (files, functions, findings per rule and
 *     per file, tool and libclang versions, time, budgets hit, failures) and
 *     a table of the findings;
 *   - one <article> per finding: message, rule, CWE, a link to the rule's
 *     doc, each step of its path (the notes, then the finding itself) with
 *     the source line, and the suppression comment;
 *   - the rule docs (rules/<id>.md, rendered by markdown.c) of the rules
 *     that have findings;
 *   - the sources: each file the findings or their notes point into, once,
 *     with the whole functions those locations are in (extent.c finds them
 *     from the text) and line numbers; each line has the id F<file>L<line>.
 *
 * Everything above is readable with JavaScript off. The script turns the
 * index into a sortable, filterable table and each finding into a view of
 * its functions' source, built from the lines under "sources" (so source
 * is in the file once, whatever the number of findings), with the path's
 * lines highlighted, each step as a numbered bubble at its line and column,
 * and keyboard navigation. It reads the path from the steps' data-f/-l/-c
 * attributes and the functions to show from the article's data-ranges
 * ("file:first-last ..."), so nothing in it knows a rule.
 *
 * Every string that comes from the input (source, path, message, function,
 * rule id) is HTML-escaped. Output is deterministic except for the time of
 * the run (SOURCE_DATE_EPOCH overrides it) and the elapsed time.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "engine.h"
#include "extent.h"
#include "frontend.h"
#include "markdown.h"
#include "rule.h"
#include "rule_docs.h"
#include "source.h"

extern const char ac_html_css[]; /* report_html.css, embedded (report_html_assets.c) */
extern const char ac_html_js[];  /* report_html.js, embedded */

enum { CONTEXT = 3,   /* lines shown around a location outside any function */
       MERGE_GAP = 2  /* shown ranges this close are shown as one */ };

typedef struct Range {
	size_t file;     /* index in Html.files */
	unsigned first;  /* 1-based, inclusive */
	unsigned last;
} Range;

/* A file the findings point into, and what of it is shown. */
typedef struct HFile {
	AcSourceFile src;       /* path as the findings name it; text NULL when unreadable */
	AcExtent *ext;          /* its top-level blocks (extent.h) */
	size_t next;
	AC_VEC(Range) shown;    /* line ranges to print, merged and sorted at the end */
	size_t nfindings;       /* findings located in it */
} HFile;

typedef struct Html {
	FILE *out;
	const AcReport *r;
	HFile *files;           /* sorted by path, each path once */
	size_t nfiles;
	AcSource tokens;        /* for the end of the token at a step (ac_source_token_end);
	                           cleared when the findings move to the next file */
} Html;

/* ---- files ------------------------------------------------------------- */

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static size_t file_index(const Html *h, const char *path)
{
	size_t lo = 0, hi = h->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(h->files[mid].src.path, path);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX; /* every path was collected first: cannot happen */
}

static void load_file(HFile *f)
{
	ac_source_file_load(&f->src);
	if (f->src.text)
		f->ext = ac_extents_scan(f->src.text, f->src.len, &f->next);
}

/* Every file a finding or a note names, sorted, once each, loaded. */
static void collect_files(Html *h)
{
	const AcFindings *fs = h->r->findings;
	AC_VEC(const char *) paths = {0};
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		if (f->loc.file)
			AC_VEC_PUSH(&paths, f->loc.file);
		for (size_t k = 0; k < f->nnotes; k++) {
			if (f->notes[k].loc.file)
				AC_VEC_PUSH(&paths, f->notes[k].loc.file);
		}
	}
	if (paths.n)
		qsort(paths.v, paths.n, sizeof *paths.v, cmp_path);
	h->files = ac_calloc(paths.n ? paths.n : 1, sizeof *h->files);
	for (size_t i = 0; i < paths.n; i++) {
		if (h->nfiles && strcmp(h->files[h->nfiles - 1].src.path, paths.v[i]) == 0)
			continue;
		h->files[h->nfiles].src.path = paths.v[i];
		load_file(&h->files[h->nfiles++]);
	}
	AC_VEC_FREE(&paths);
}

static void free_files(Html *h)
{
	for (size_t i = 0; i < h->nfiles; i++) {
		ac_source_file_free(&h->files[i].src);
		ac_free(h->files[i].ext);
		AC_VEC_FREE(&h->files[i].shown);
	}
	ac_free(h->files);
}

/* The lines shown for loc: the function (or other top-level block) it is
 * in, else a few lines around it. .last is 0 when the file has no text or
 * no such line. */
static Range range_of(const Html *h, AcLoc loc)
{
	Range r = {.file = file_index(h, loc.file)};
	const HFile *f = &h->files[r.file];
	unsigned nlines = (unsigned)f->src.starts.n;
	if (!f->src.text || loc.line == 0 || loc.line > nlines)
		return r;
	const AcExtent *e = ac_extent_find(f->ext, f->next, loc.line);
	r.first = e ? e->first : (loc.line > CONTEXT ? loc.line - CONTEXT : 1);
	r.last = e ? e->last : (loc.line + CONTEXT < nlines ? loc.line + CONTEXT : nlines);
	return r;
}

/* Whether a and b are in one file and overlap or nearly touch. */
static bool ranges_meet(Range a, Range b)
{
	return a.file == b.file && a.first <= b.last + MERGE_GAP + 1 && b.first <= a.last + MERGE_GAP + 1;
}

static void widen_range(Range *a, Range b)
{
	a->first = b.first < a->first ? b.first : a->first;
	a->last = b.last > a->last ? b.last : a->last;
}

/* Adds r to out[0..n), whose ranges meet no other: merged into the first
 * range it meets (and so are the later ones it meets), else appended, so
 * a line is in one range at most and the order of first appearance holds.
 * Returns the new n. */
static size_t add_range(Range *out, size_t n, Range r)
{
	size_t at = 0;
	while (at < n && !ranges_meet(out[at], r))
		at++;
	if (at == n) {
		out[n] = r;
		return n + 1;
	}
	widen_range(&out[at], r);
	for (size_t j = at + 1; j < n;) {
		if (!ranges_meet(out[at], out[j])) {
			j++;
			continue;
		}
		widen_range(&out[at], out[j]);
		memmove(&out[j], &out[j + 1], (n - j - 1) * sizeof *out);
		n--;
	}
	return n;
}

/* The ranges finding f shows, in the order its path first reaches them
 * (the notes, then the finding); ranges that overlap or nearly touch (the
 * windows around lines outside any function) are one. Returns how many are
 * in out. */
static size_t finding_ranges(const Html *h, const AcFinding *f, Range *out)
{
	size_t n = 0;
	for (size_t k = 0; k <= f->nnotes; k++) {
		AcLoc loc = k < f->nnotes ? f->notes[k].loc : f->loc;
		if (!loc.file)
			continue;
		Range r = range_of(h, loc);
		if (r.last != 0)
			n = add_range(out, n, r);
	}
	return n;
}

static int cmp_range(const void *a, const void *b)
{
	const Range *x = a, *y = b;
	return x->first != y->first ? (x->first < y->first ? -1 : 1)
				    : (x->last < y->last ? -1 : x->last > y->last);
}

/* Sorts each file's shown ranges and merges those that overlap or nearly
 * touch, so every line is printed once. */
static void plan_sources(Html *h)
{
	const AcFindings *fs = h->r->findings;
	Range *tmp = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		if (f->nnotes + 1 > cap) {
			cap = f->nnotes + 1;
			tmp = ac_realloc(tmp, cap * sizeof *tmp);
		}
		if (f->loc.file)
			h->files[file_index(h, f->loc.file)].nfindings++;
		size_t n = finding_ranges(h, f, tmp);
		for (size_t k = 0; k < n; k++)
			AC_VEC_PUSH(&h->files[tmp[k].file].shown, tmp[k]);
	}
	ac_free(tmp);
	for (size_t i = 0; i < h->nfiles; i++) {
		HFile *f = &h->files[i];
		if (f->shown.n)
			qsort(f->shown.v, f->shown.n, sizeof *f->shown.v, cmp_range);
		size_t w = 0;
		for (size_t k = 0; k < f->shown.n; k++) {
			if (w && f->shown.v[k].first <= f->shown.v[w - 1].last + MERGE_GAP + 1) {
				if (f->shown.v[k].last > f->shown.v[w - 1].last)
					f->shown.v[w - 1].last = f->shown.v[k].last;
				continue;
			}
			f->shown.v[w++] = f->shown.v[k];
		}
		f->shown.n = w;
	}
}

/* Line `line` of f without its end of line, length in *len; NULL if none. */
static const char *file_line(const HFile *f, unsigned line, size_t *len)
{
	return ac_source_file_line(&f->src, line, len);
}

/* ---- small writers ----------------------------------------------------- */

static void esc(Html *h, const char *s)
{
	if (s)
		ac_html_escape(h->out, s, strlen(s));
}

static void write_cwe(Html *h, const char *rule)
{
	int k = ac_rule_index(rule);
	if (k < 0 || ac_rules[k].cwe <= 0)
		return;
	fprintf(h->out, "<a class=cwe href=\"https://cwe.mitre.org/data/definitions/%d.html\">CWE-%d</a>",
		ac_rules[k].cwe, ac_rules[k].cwe);
}

/* <a href=#rule-ID>ID</a> when the rule has a doc, else the id as text. */
static void write_rule_link(Html *h, const char *rule)
{
	bool doc = ac_rule_doc(rule) != NULL;
	if (doc) {
		fputs("<a class=rule href=\"#rule-", h->out);
		esc(h, rule);
		fputs("\">", h->out);
	} else {
		fputs("<span class=rule>", h->out);
	}
	esc(h, rule);
	fputs(doc ? "</a>" : "</span>", h->out);
}

/* "path:line:col" as a link to the line under "sources"; "line:col" only
 * when the path is home's (the finding's own file). */
static void write_loc_link(Html *h, AcLoc loc, const char *home)
{
	size_t fi = file_index(h, loc.file);
	fprintf(h->out, "<a class=loc href=\"#F%zuL%u\">", fi, loc.line);
	bool same = home && strcmp(home, loc.file) == 0;
	if (!same)
		esc(h, loc.file);
	if (loc.line)
		fprintf(h->out, same ? "%u" : ":%u", loc.line);
	if (loc.col)
		fprintf(h->out, ":%u", loc.col);
	fputs("</a>", h->out);
}

/* ---- the index ---------------------------------------------------------- */

static void write_time(Html *h)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;
	char buf[64];
	if (gmtime_r(&t, &tm) && strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm))
		fprintf(h->out, "<time datetime=\"%.10sT%.8sZ\">%s</time>", buf, buf + 11, buf);
}

static int cmp_file_fn(const void *a, const void *b)
{
	const AcFinding *x = *(const AcFinding *const *)a, *y = *(const AcFinding *const *)b;
	int c = strcmp(x->loc.file ? x->loc.file : "", y->loc.file ? y->loc.file : "");
	return c ? c : strcmp(x->function ? x->function : "", y->function ? y->function : "");
}

/* The number of distinct (file, function) pairs among the findings. */
static size_t functions_with_findings(const AcFindings *fs)
{
	if (!fs->list.n)
		return 0;
	const AcFinding **v = ac_malloc(fs->list.n * sizeof *v);
	for (size_t i = 0; i < fs->list.n; i++)
		v[i] = &fs->list.v[i];
	qsort(v, fs->list.n, sizeof *v, cmp_file_fn);
	size_t n = 1;
	for (size_t i = 1; i < fs->list.n; i++)
		n += cmp_file_fn(&v[i - 1], &v[i]) != 0;
	ac_free(v);
	return n;
}

static void write_facts(Html *h)
{
	const AcReport *r = h->r;
	FILE *o = h->out;
	char clang[256];
	ac_tu_clang_version(clang, sizeof clang);
	fprintf(o, "<dl class=facts>\n<dt>Findings<dd id=n-findings>%zu\n", r->findings->list.n);
	fprintf(o, "<dt>Files<dd>%zu analysed", r->nanalysed);
	if (r->nfailed)
		fprintf(o, ", <a href=\"#errors\">%zu failed</a>", r->nfailed);
	fprintf(o, "; %zu with findings or notes\n<dt>Functions<dd>%zu analysed; %zu with findings\n", h->nfiles,
		r->nfunctions, functions_with_findings(r->findings));
	fputs("<dt>Run<dd>", o);
	write_time(h);
	fprintf(o, ", %.2f s\n<dt>Tool<dd>alloccheck " AC_VERSION "; ", r->elapsed_ms / 1000.0);
	esc(h, clang);
	fputs("\n<dt>Budgets<dd>", o);
	if (r->budget)
		fprintf(o, "<span class=warn>hit: %zu function(s) stopped by the step budget, %zu by the time "
			   "budget, in %zu file(s) out of time</span> (these may hide findings)\n",
			r->budget->step_limited, r->budget->timed_out, r->budget->tus_timed_out);
	else
		fputs("none hit: every function was analysed completely\n", o);
	if (r->cache)
		fprintf(o, "<dt>Cache<dd>%zu hit(s), %zu miss(es), %zu written\n", r->cache->hits,
			r->cache->misses, r->cache->written);
	if (r->skipped)
		fprintf(o, "<dt>Skipped<dd>%zu C++, %zu assembler, %zu other, %zu duplicate, %zu excluded\n",
			r->skipped->cxx, r->skipped->assembler, r->skipped->other, r->skipped->duplicates,
			r->skipped->excluded);
	fputs("</dl>\n", o);
}

/* Findings per rule, in the registry's order (every finding's rule is one
 * of the registry's: AcFinding.rule, and merge drops any other). */
static void count_rules(const Html *h, size_t counts[AC_MAX_RULES])
{
	const AcFindings *fs = h->r->findings;
	memset(counts, 0, AC_MAX_RULES * sizeof *counts);
	for (size_t i = 0; i < fs->list.n; i++) {
		int k = ac_rule_index(fs->list.v[i].rule);
		if (k >= 0)
			counts[k]++;
	}
}

static void write_by_rule(Html *h)
{
	size_t counts[AC_MAX_RULES];
	count_rules(h, counts);
	fputs("<table class=counts id=by-rule><caption>Findings per rule</caption>\n"
	      "<thead><tr><th>rule<th>CWE<th class=num>findings<th>what it reports</thead><tbody>\n", h->out);
	for (size_t k = 0; k < ac_nrules; k++) {
		if (!counts[k])
			continue;
		fputs("<tr data-rule=\"", h->out);
		esc(h, ac_rules[k].id);
		fputs("\"><td>", h->out);
		write_rule_link(h, ac_rules[k].id);
		fputs("<td>", h->out);
		write_cwe(h, ac_rules[k].id);
		fprintf(h->out, "<td class=num>%zu<td>", counts[k]);
		esc(h, ac_rules[k].summary);
		fputs("\n", h->out);
	}
	fputs("</tbody></table>\n", h->out);
}

static void write_by_file(Html *h)
{
	fputs("<div class=scroll><table class=counts id=by-file><caption>Findings per file</caption>\n"
	      "<thead><tr><th>file<th class=num>findings</thead><tbody>\n", h->out);
	for (size_t i = 0; i < h->nfiles; i++) {
		if (!h->files[i].nfindings)
			continue;
		fprintf(h->out, "<tr data-file=%zu><td><a href=\"#F%zu\">", i, i);
		esc(h, h->files[i].src.path);
		fprintf(h->out, "</a><td class=num>%zu\n", h->files[i].nfindings);
	}
	fputs("</tbody></table></div>\n", h->out);
}

static void write_errors(Html *h)
{
	if (!h->r->nfailed)
		return;
	fputs("<h3 id=errors>Inputs that could not be analysed</h3>\n<ul class=errors>\n", h->out);
	for (size_t i = 0; i < h->r->nfailed; i++) {
		fputs("<li><code>", h->out);
		esc(h, h->r->failed[i].path);
		fputs("</code>: ", h->out);
		esc(h, h->r->failed[i].reason);
		fputs("\n", h->out);
	}
	fputs("</ul>\n", h->out);
}

/* The filter form: hidden until the script shows it (it does nothing
 * without the script). */
static void write_filters(Html *h)
{
	FILE *o = h->out;
	fputs("<form id=filters class=jsonly hidden onsubmit=\"return false\">\n"
	      "<label>rule <select id=f-rule><option value=\"\">all</option>", o);
	size_t counts[AC_MAX_RULES];
	count_rules(h, counts);
	for (size_t k = 0; k < ac_nrules; k++) {
		if (!counts[k])
			continue;
		fputs("<option value=\"", o);
		esc(h, ac_rules[k].id);
		fputs("\">", o);
		esc(h, ac_rules[k].id);
		fprintf(o, " (%zu)</option>", counts[k]);
	}
	fputs("</select></label>\n<label>file <select id=f-file><option value=\"\">all</option>", o);
	for (size_t i = 0; i < h->nfiles; i++) {
		if (!h->files[i].nfindings)
			continue;
		fprintf(o, "<option value=%zu>", i);
		esc(h, h->files[i].src.path);
		fprintf(o, " (%zu)</option>", h->files[i].nfindings);
	}
	fputs("</select></label>\n<label>function <input id=f-fn type=search size=16></label>\n"
	      "<label>search <input id=f-text type=search size=24 placeholder=\"text in any column\"></label>\n"
	      "<output id=f-count></output>\n</form>\n", o);
}

static void write_row(Html *h, size_t i, const AcFinding *f)
{
	size_t fi = f->loc.file ? file_index(h, f->loc.file) : SIZE_MAX;
	fprintf(h->out, "<tr id=r%zu data-file=%zu data-rule=\"", i + 1, fi);
	esc(h, f->rule);
	fputs("\" data-fn=\"", h->out);
	esc(h, f->function);
	fprintf(h->out, "\"><td class=num><a href=\"#f%zu\">%zu</a><td>", i + 1, i + 1);
	esc(h, f->rule);
	fputs("<td class=path>", h->out);
	esc(h, f->loc.file);
	fprintf(h->out, ":%u<td><code>", f->loc.line);
	esc(h, f->function);
	fprintf(h->out, "</code><td><a href=\"#f%zu\">", i + 1);
	esc(h, f->message);
	fputs("</a>\n", h->out);
}

static void write_index(Html *h)
{
	fputs("<section id=index>\n<h2>Summary</h2>\n", h->out);
	write_facts(h);
	fputs("<div class=cols>\n", h->out);
	write_by_rule(h);
	write_by_file(h);
	fputs("</div>\n", h->out);
	write_errors(h);
	fputs("<h2>Findings</h2>\n", h->out);
	write_filters(h);
	if (!h->r->findings->list.n)
		fputs("<p class=none>No findings.</p>\n", h->out);
	fputs("<table id=findings>\n<thead><tr><th class=num data-sort=num>#<th>rule<th>location"
	      "<th>function<th>message</thead>\n<tbody>\n", h->out);
	for (size_t i = 0; i < h->r->findings->list.n; i++)
		write_row(h, i, &h->r->findings->list.v[i]);
	fputs("</tbody></table>\n</section>\n", h->out);
}

/* ---- the findings ------------------------------------------------------- */

/* The source line of loc with the token at its column marked (the caret
 * of the text format); nothing when the line cannot be read. */
static void write_snippet(Html *h, AcLoc loc)
{
	size_t len;
	const char *s = loc.file ? file_line(&h->files[file_index(h, loc.file)], loc.line, &len) : NULL;
	if (!s)
		return;
	AcLoc end = ac_source_token_end(&h->tokens, loc);
	size_t a = loc.col > 0 && loc.col - 1 < len ? loc.col - 1 : len;
	size_t b = end.line == loc.line && end.col > loc.col && end.col - 1 <= len ? end.col - 1 : a;
	fputs("<pre class=snip>", h->out);
	ac_html_escape(h->out, s, a);
	if (b > a) {
		fputs("<mark>", h->out);
		ac_html_escape(h->out, s + a, b - a);
		fputs("</mark>", h->out);
	}
	ac_html_escape(h->out, s + (b > a ? b : a), len - (b > a ? b : a));
	fputs("</pre>", h->out);
}

/* One step of the path: a note, or (last) the finding itself. */
static void write_step(Html *h, AcLoc loc, const char *msg, bool last, const char *home)
{
	FILE *o = h->out;
	fputs(last ? "<li class=end" : "<li", o);
	if (loc.file)
		fprintf(o, " data-f=%zu data-l=%u data-c=%u", file_index(h, loc.file), loc.line, loc.col);
	fputs(">", o);
	if (loc.file)
		write_loc_link(h, loc, home);
	fputs(" <span class=msg>", o);
	esc(h, msg);
	fputs("</span>", o);
	write_snippet(h, loc);
	fputs("\n", o);
}

/* Whether path is Cython or Python source (a #line directive led there),
 * where a C comment cannot be written. */
static bool python_source(const char *path)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	return dot && (strcmp(dot, ".pyx") == 0 || strcmp(dot, ".pxd") == 0 || strcmp(dot, ".pxi") == 0 ||
		       strcmp(dot, ".py") == 0);
}

static void write_suppression(Html *h, const AcFinding *f)
{
	if (python_source(f->loc.file)) {
		fputs("<p class=sup>This location is in Cython or Python source, where no suppression "
		      "comment is read: accept the finding with a baseline (<code>--write-baseline</code>).</p>\n",
		      h->out);
		return;
	}
	fputs("<p class=sup>To silence it: <code>// alloccheck-ignore[", h->out);
	esc(h, f->rule);
	fprintf(h->out, "]: reason</code> on line %u or the line above</p>\n", f->loc.line);
}

/* The finding's article. Its content is inside <noscript>: without the
 * script it shows as it is; with the script the browser keeps it as one
 * text node, and the script parses it only when the finding is opened, so
 * a page of thousands of findings loads as fast as its table. */
static void write_finding(Html *h, size_t i, const AcFinding *f, Range *ranges)
{
	FILE *o = h->out;
	fprintf(o, "<article class=finding id=f%zu data-ranges=\"", i + 1);
	size_t n = finding_ranges(h, f, ranges);
	for (size_t k = 0; k < n; k++)
		fprintf(o, "%s%zu:%u-%u", k ? " " : "", ranges[k].file, ranges[k].first, ranges[k].last);
	fprintf(o, "\"><noscript>\n<h3><a class=num href=\"#f%zu\">#%zu</a> ", i + 1, i + 1);
	esc(h, f->message);
	fprintf(o, "</h3>\n<p class=meta><span class=\"sev %s\">%s</span> ", ac_severity_name(f->severity),
		ac_severity_name(f->severity));
	write_rule_link(h, f->rule);
	fputs(" ", o);
	write_cwe(h, f->rule);
	fputs(" in <code class=fn>", o);
	esc(h, f->function);
	fputs("</code> at ", o);
	if (f->loc.file)
		write_loc_link(h, f->loc, NULL);
	fputs("</p>\n<div class=view></div>\n<ol class=steps>\n", o);
	for (size_t k = 0; k < f->nnotes; k++)
		write_step(h, f->notes[k].loc, f->notes[k].msg, false, f->loc.file);
	write_step(h, f->loc, f->message, true, f->loc.file);
	fputs("</ol>\n", o);
	write_suppression(h, f);
	fputs("</noscript></article>\n", o);
}

static void write_findings(Html *h)
{
	const AcFindings *fs = h->r->findings;
	size_t most = 0;
	for (size_t i = 0; i < fs->list.n; i++)
		most = fs->list.v[i].nnotes > most ? fs->list.v[i].nnotes : most;
	Range *ranges = ac_malloc((most + 1) * sizeof *ranges);
	fputs("<section id=details>\n<h2>Findings in detail</h2>\n", h->out);
	for (size_t i = 0; i < fs->list.n; i++) {
		const char *file = fs->list.v[i].loc.file, *prev = i ? fs->list.v[i - 1].loc.file : NULL;
		if (!file || !prev || strcmp(file, prev) != 0)
			ac_source_clear(&h->tokens); /* sorted by file: the previous one is done */
		write_finding(h, i, &fs->list.v[i], ranges);
	}
	ac_source_free(&h->tokens);
	fputs("</section>\n", h->out);
	ac_free(ranges);
}

/* ---- rule docs and sources ---------------------------------------------- */

static void write_docs(Html *h)
{
	fputs("<section id=rules>\n<h2>Rules</h2>\n", h->out);
	for (size_t k = 0; k < ac_nrules; k++) {
		const char *doc = ac_rule_doc(ac_rules[k].id);
		bool used = false;
		for (size_t i = 0; i < h->r->findings->list.n && !used; i++)
			used = strcmp(h->r->findings->list.v[i].rule, ac_rules[k].id) == 0;
		if (!doc || !used)
			continue;
		fputs("<article class=doc id=\"rule-", h->out);
		esc(h, ac_rules[k].id);
		fputs("\">\n", h->out);
		ac_markdown_write(h->out, doc, 2);
		fputs("</article>\n", h->out);
	}
	fputs("</section>\n", h->out);
}

static void write_lines(Html *h, size_t fi, Range r)
{
	const HFile *f = &h->files[fi];
	for (unsigned l = r.first; l <= r.last; l++) {
		size_t len;
		const char *s = file_line(f, l, &len);
		if (!s)
			break;
		fprintf(h->out, "<div id=F%zuL%u><i>%u</i>", fi, l, l);
		ac_html_escape(h->out, s, len);
		fputs("</div>\n", h->out);
	}
}

static void write_source(Html *h, size_t fi)
{
	const HFile *f = &h->files[fi];
	FILE *o = h->out;
	fprintf(o, "<details class=file id=F%zu open><summary><span class=path>", fi);
	esc(h, f->src.path);
	fprintf(o, "</span> <span class=count>%zu finding(s)</span></summary>\n", f->nfindings);
	if (!f->src.text) {
		fputs("<p class=nosrc>The source could not be read when the report was made.</p>\n</details>\n", o);
		return;
	}
	fputs("<noscript><div class=src>\n", o); /* parsed when opened, as a finding is */
	unsigned next = 1; /* the first line not printed yet */
	for (size_t k = 0; k < f->shown.n; k++) {
		Range r = f->shown.v[k];
		if (r.first > next)
			fprintf(o, "<div class=gap>lines %u&ndash;%u not shown</div>\n", next, r.first - 1);
		write_lines(h, fi, r);
		next = r.last + 1;
	}
	if (next <= f->src.starts.n)
		fprintf(o, "<div class=gap>lines %u&ndash;%zu not shown</div>\n", next, f->src.starts.n);
	fputs("</div></noscript>\n</details>\n", o);
}

static void write_sources(Html *h)
{
	fputs("<section id=sources>\n<h2>Sources</h2>\n", h->out);
	for (size_t i = 0; i < h->nfiles; i++)
		write_source(h, i);
	fputs("</section>\n", h->out);
}

/* ---- the page ------------------------------------------------------------ */

static void write_head(Html *h)
{
	fputs("<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
	      "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=generator content=\"alloccheck " AC_VERSION "\">\n"
	      "<title>alloccheck report</title>\n<style>\n", h->out);
	fputs(ac_html_css, h->out);
	fputs("</style>\n</head>\n<body>\n<script>document.body.className='js'</script>\n"
	      "<header><h1><a href=\"#\">alloccheck report</a></h1><nav id=bar></nav></header>\n<main>\n", h->out);
}

int ac_report_html(FILE *out, const AcReport *r, const AcReportOptions *opt)
{
	(void)opt; /* no colours; the report is in out only */
	Html h = {.out = out, .r = r};
	collect_files(&h);
	plan_sources(&h);
	write_head(&h);
	write_index(&h);
	write_findings(&h);
	write_docs(&h);
	write_sources(&h);
	fputs("</main>\n<script>\n", out);
	fputs(ac_html_js, out);
	fputs("</script>\n</body>\n</html>\n", out);
	free_files(&h);
	return ferror(out) ? -1 : 0;
}
