/*
 * report_text: findings as Clang prints diagnostics.
 *
 *   file.c:7:5: warning: memory allocated by malloc is leaked [leak]
 *       return 0;
 *       ^
 *   file.c:4:12: note: allocated here
 *   ...
 *
 * The source line is printed as it is in the file; the caret line repeats the
 * line's tabs so the caret sits under the column whatever the tab width, and
 * counts a UTF-8 sequence as one column. Source lines come from a small cache
 * that is dropped whenever the findings (sorted by file) move to the next file,
 * so memory stays bounded by one file and the headers its notes point into. A
 * file that cannot be read just has no snippets. Colours are Clang's.
 */
#include "report.h"

#include <string.h>

#include "source.h"

typedef struct Palette {
	const char *loc, *warning, *error, *note, *msg, *caret, *reset;
} Palette;

static const Palette colors = {
	"\033[1m", "\033[0;1;35m", "\033[0;1;31m", "\033[0;1;36m", "\033[1m", "\033[0;1;32m", "\033[0m",
};
static const Palette plain = {"", "", "", "", "", "", ""};

typedef struct TextOut {
	FILE *out;
	const Palette *pal;
	AcSource src; /* the source lines of the current file and its notes' files */
} TextOut;

/* The source line of loc and a caret under its column; nothing when the
 * file or line cannot be read. */
static void write_snippet(TextOut *t, AcLoc loc)
{
	size_t len;
	const char *s = loc.file ? ac_source_line(&t->src, loc.file, loc.line, &len) : NULL;
	if (!s)
		return;
	fwrite(s, 1, len, t->out);
	fputc('\n', t->out);
	fputs(t->pal->caret, t->out);
	for (size_t i = 0; loc.col > 0 && i < loc.col - 1; i++) {
		unsigned char ch = i < len ? (unsigned char)s[i] : ' ';
		if (ch == '\t')
			fputc('\t', t->out);
		else if ((ch & 0xC0) != 0x80) /* a UTF-8 continuation byte takes no column */
			fputc(' ', t->out);
	}
	fprintf(t->out, "^%s\n", t->pal->reset);
}

/* "file:line:col: " in bold; a location without a file prints nothing. */
static void write_loc(TextOut *t, AcLoc loc)
{
	if (!loc.file)
		return;
	fprintf(t->out, "%s%s:", t->pal->loc, loc.file);
	if (loc.line)
		fprintf(t->out, "%u:%u:", loc.line, loc.col);
	fprintf(t->out, " %s", t->pal->reset);
}

static void write_finding(TextOut *t, const AcFinding *f)
{
	const Palette *p = t->pal;
	const char *level = f->severity == AC_SEV_ERROR ? p->error
			    : f->severity == AC_SEV_NOTE ? p->note
							 : p->warning;
	write_loc(t, f->loc);
	fprintf(t->out, "%s%s: %s%s%s [%s]%s\n", level, ac_severity_name(f->severity), p->reset,
		p->msg, f->message ? f->message : "", f->rule, p->reset);
	write_snippet(t, f->loc);
	for (size_t i = 0; i < f->nnotes; i++) {
		const AcNote *n = &f->notes[i];
		write_loc(t, n->loc);
		fprintf(t->out, "%snote: %s%s\n", p->note, p->reset, n->msg ? n->msg : "");
		write_snippet(t, n->loc);
	}
}

/* Clang's closing line: "1 warning generated.", "2 warnings and 1 error
 * generated."; nothing when there are neither. */
static void write_summary(FILE *status, const AcFindings *fs)
{
	size_t count[AC_SEV_COUNT] = {0};
	for (size_t i = 0; i < fs->list.n; i++)
		count[fs->list.v[i].severity]++;
	size_t w = count[AC_SEV_WARNING], e = count[AC_SEV_ERROR];
	if (w)
		fprintf(status, "%zu warning%s", w, w == 1 ? "" : "s");
	if (w && e)
		fputs(" and ", status);
	if (e)
		fprintf(status, "%zu error%s", e, e == 1 ? "" : "s");
	if (w || e)
		fputs(" generated.\n", status);
}

int ac_report_text(FILE *out, const AcReport *r, const AcReportOptions *opt)
{
	TextOut t = {.out = out, .pal = opt->color ? &colors : &plain};
	const char *file = NULL;
	for (size_t i = 0; i < r->findings->list.n; i++) {
		const AcFinding *f = &r->findings->list.v[i];
		if (!file || !f->loc.file || strcmp(file, f->loc.file) != 0)
			ac_source_clear(&t.src);
		file = f->loc.file;
		write_finding(&t, f);
	}
	ac_source_free(&t.src);
	if (opt->status) {
		fflush(out); /* the summary comes last also when both streams go to one file */
		write_summary(opt->status, r->findings);
	}
	return ferror(out) ? -1 : 0;
}
