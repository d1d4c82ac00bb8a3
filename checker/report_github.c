/*
 * report_github: findings as GitHub Actions workflow commands, one line each,
 *
 *   ::warning file=PATH,line=L,col=C,endLine=L,title=RULE::MESSAGE
 *
 * (::error / ::notice for the other severities), which GitHub turns into
 * annotations on the pull request. GitHub shows only a few annotations per
 * step, so the lines are ranked most severe first, then by file, line and
 * column; the reporters' usual order (ac_findings_sort) breaks the ties.
 * Paths are relative to the source root (relpath.h), as GitHub resolves them
 * against the checkout.
 *
 * Escaping follows GitHub's runner (toolkit/core command.ts): in the message
 * '%', CR and LF become %25, %0D and %0A; in property values ':' and ','
 * become %3A and %2C as well. The message carries the rule and the notes
 * (one per line), so an annotation reads like the text report.
 *
 * When $GITHUB_STEP_SUMMARY names a file, a Markdown table of every finding
 * (not only those GitHub shows) is appended to it; '|' in cells is escaped
 * and line breaks become spaces.
 */
#include "report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "mem.h"
#include "relpath.h"
#include "source.h"

/* The workflow command for each severity, most severe last. */
static const char *const commands[AC_SEV_COUNT] = {
	[AC_SEV_NOTE] = "notice",
	[AC_SEV_WARNING] = "warning",
	[AC_SEV_ERROR] = "error",
};

typedef struct Github {
	AcRelPath root; /* the source root */
	AcArena arena;  /* relative paths */
	AcSource src;   /* source lines, for endLine */
} Github;

/* Most severe first, then file, line, column; then report order (the
 * pointers point into one sorted array), so the ranking is deterministic. */
static int by_rank(const void *a, const void *b)
{
	const AcFinding *x = *(const AcFinding *const *)a, *y = *(const AcFinding *const *)b;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	int c = strcmp(x->loc.file ? x->loc.file : "", y->loc.file ? y->loc.file : "");
	if (c)
		return c;
	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	if (x->loc.col != y->loc.col)
		return x->loc.col < y->loc.col ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* s written with GitHub's escapes: data escaping, and for a property value
 * (prop) also ':' and ','. */
static void put_escaped(FILE *out, const char *s, bool prop)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':': fputs(prop ? "%3A" : ":", out); break;
		case ',': fputs(prop ? "%2C" : ",", out); break;
		default: fputc(*s, out); break;
		}
	}
}

static const char *rel(Github *g, const char *file)
{
	bool under;
	return ac_relpath_get(&g->root, file ? file : "", &g->arena, &under);
}

/* One workflow command for f. */
static void put_finding(Github *g, FILE *out, const AcFinding *f)
{
	const char *sev = commands[(unsigned)f->severity < AC_SEV_COUNT ? f->severity : AC_SEV_WARNING];
	fprintf(out, "::%s file=", sev);
	put_escaped(out, rel(g, f->loc.file), true);
	if (f->loc.line) {
		fprintf(out, ",line=%u", f->loc.line);
		if (f->loc.col)
			fprintf(out, ",col=%u,endLine=%u", f->loc.col, ac_source_token_end(&g->src, f->loc).line);
	}
	fputs(",title=", out);
	put_escaped(out, ac_arena_printf(&g->arena, "alloccheck %s", f->rule), true);
	fputs("::", out);
	put_escaped(out, ac_arena_printf(&g->arena, "%s [%s]", f->message, f->rule), false);
	for (size_t i = 0; i < f->nnotes; i++) {
		const AcNote *n = &f->notes[i];
		const char *where = n->loc.file ? ac_arena_printf(&g->arena, "%s:%u: ", rel(g, n->loc.file),
								  n->loc.line) : "";
		put_escaped(out, ac_arena_printf(&g->arena, "\nnote: %s%s", where, n->msg), false);
	}
	fputc('\n', out);
}

/* s as a Markdown table cell: '|' escaped, line breaks as spaces. */
static void put_cell(FILE *out, const char *s)
{
	fputs("| ", out);
	for (; s && *s; s++) {
		if (*s == '|')
			fputs("\\|", out);
		else
			fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
	}
	fputc(' ', out);
}

/* Appends the table of the ranked findings to path. Returns 0, or -1 after
 * an error line. */
static int write_summary(Github *g, const char *path, const AcFinding *const *ranked, size_t n)
{
	FILE *f = fopen(path, "a");
	if (!f)
		return ac_error("%s:", path);
	fprintf(f, "## alloccheck: %zu finding%s\n\n", n, n == 1 ? "" : "s");
	if (n > 0)
		fputs("| Severity | Rule | File | Line | Message |\n|---|---|---|---|---|\n", f);
	for (size_t i = 0; i < n; i++) {
		const AcFinding *x = ranked[i];
		put_cell(f, ac_severity_name(x->severity));
		put_cell(f, x->rule);
		put_cell(f, rel(g, x->loc.file));
		put_cell(f, ac_arena_printf(&g->arena, "%u", x->loc.line));
		put_cell(f, x->message);
		fputs("|\n", f);
	}
	fputc('\n', f);
	bool bad = ferror(f) != 0;
	if (fclose(f) != 0 || bad)
		return ac_error("%s:", path);
	return 0;
}

int ac_report_github(FILE *out, const AcReport *r, const AcReportOptions *opt)
{
	Github g = {0};
	if (ac_relpath_init(&g.root, opt->source_root, &g.arena) < 0) {
		ac_arena_free(&g.arena);
		return -1;
	}
	const AcFindings *fs = r->findings;
	const AcFinding **ranked = ac_malloc((fs->list.n + 1) * sizeof *ranked);
	for (size_t i = 0; i < fs->list.n; i++)
		ranked[i] = &fs->list.v[i];
	qsort(ranked, fs->list.n, sizeof *ranked, by_rank);
	for (size_t i = 0; i < fs->list.n; i++)
		put_finding(&g, out, ranked[i]);
	for (size_t i = 0; i < r->nfailed; i++) {
		fputs("::error file=", out);
		put_escaped(out, rel(&g, r->failed[i].path), true);
		fputs(",title=alloccheck::", out);
		put_escaped(out, ac_arena_printf(&g.arena, "%s: %s", r->failed[i].path, r->failed[i].reason), false);
		fputc('\n', out);
	}
	const char *summary = getenv("GITHUB_STEP_SUMMARY");
	int rc = 0;
	if (summary && *summary)
		rc = write_summary(&g, summary, ranked, fs->list.n);
	ac_free(ranked);
	ac_source_free(&g.src);
	ac_arena_free(&g.arena);
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return rc;
}
