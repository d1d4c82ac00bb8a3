/*
 * suppress: the comment scanner and the matching of suppression comments to
 * findings (suppress.h). Each file that a finding points into (and each
 * extra file of the options) is read once and scanned for comments; each
 * comment that holds a directive becomes an AcSupp covering a range of lines
 * for a list of rules. Findings are then kept or dropped in one pass, and a
 * directive that dropped nothing is "unused".
 */
#include "suppress.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "textfile.h"
#include "vec.h"

typedef struct Supp {
	const char *file;    /* as the finding names it */
	unsigned line, col;  /* where the comment starts, for the unused warning */
	unsigned from, to;   /* lines covered, inclusive */
	const char *rules;   /* comma-separated checks as written; NULL: every rule */
	size_t nrules;       /* bytes in rules */
	bool ignore_form;    /* alloccheck-ignore (rule ids) rather than NOLINT (checks) */
	const char *what;    /* the directive, for messages */
	bool used;
} Supp;

typedef AC_VEC(Supp) SuppVec;

typedef struct Scan {
	SuppVec *out;
	const char *file;
	AC_VEC(unsigned) begins; /* open NOLINTBEGIN entries (indices into out) */
	AC_VEC(char *) texts;    /* the files read: suppressions point into them */
} Scan;


/* After the directive word at p: "(a,b)" or "[a,b]" with closer close sets
 * *rules and *n; nothing there means every rule (*rules NULL). Returns false
 * when an opener is not closed. */
static bool parse_list(const char *p, const char *end, char open, char close, const char **rules, size_t *n)
{
	*rules = NULL;
	*n = 0;
	if (p >= end || *p != open)
		return true;
	const char *c = memchr(p, close, (size_t)(end - p));
	if (!c)
		return false;
	*rules = p + 1;
	*n = (size_t)(c - p - 1);
	return true;
}

static void add_supp(Scan *s, Supp sp)
{
	sp.file = s->file;
	AC_VEC_PUSH(s->out, sp);
}

/* Where directive word ends in the comment text[0..n) (not as the tail of
 * a longer name), or NULL when it is not there. */
static const char *find_word(const char *text, size_t n, const char *word)
{
	size_t w = strlen(word);
	for (size_t i = 0; i + w <= n; i++) {
		if (memcmp(text + i, word, w) != 0)
			continue;
		bool left_ok = i == 0 || !(text[i - 1] == '-' || text[i - 1] == '_' ||
					   (text[i - 1] >= 'A' && text[i - 1] <= 'Z'));
		if (left_ok)
			return text + i + w;
	}
	return NULL;
}

/* One comment: its text (without the comment markers) and where it starts
 * and ends. */
static void directive(Scan *s, const char *text, size_t n, unsigned line, unsigned col, unsigned last)
{
	const char *end = text + n, *p;
	Supp sp = {.line = line, .col = col};
	if ((p = find_word(text, n, "alloccheck-ignore"))) {
		sp.ignore_form = true;
		sp.what = "alloccheck-ignore";
		if (parse_list(p, end, '[', ']', &sp.rules, &sp.nrules)) {
			sp.from = last, sp.to = last + 1;
			add_supp(s, sp);
		}
	} else if ((p = find_word(text, n, "NOLINTNEXTLINE"))) {
		sp.what = "NOLINTNEXTLINE";
		if (parse_list(p, end, '(', ')', &sp.rules, &sp.nrules)) {
			sp.from = sp.to = last + 1;
			add_supp(s, sp);
		}
	} else if ((p = find_word(text, n, "NOLINTBEGIN"))) {
		sp.what = "NOLINTBEGIN";
		if (parse_list(p, end, '(', ')', &sp.rules, &sp.nrules)) {
			sp.from = line, sp.to = (unsigned)-1; /* until NOLINTEND, or the end of the file */
			AC_VEC_PUSH(&s->begins, (unsigned)s->out->n);
			add_supp(s, sp);
		}
	} else if (find_word(text, n, "NOLINTEND")) {
		if (s->begins.n > 0)
			s->out->v[s->begins.v[--s->begins.n]].to = last;
	} else if ((p = find_word(text, n, "NOLINT"))) {
		sp.what = "NOLINT";
		if (parse_list(p, end, '(', ')', &sp.rules, &sp.nrules)) {
			sp.from = sp.to = line;
			add_supp(s, sp);
		}
	}
}

/* Cython sources (.pyx, .pxd, .pxi) have Python's # comments, and // is
 * floor division there. */
static bool python_comments(const char *path)
{
	size_t n = strlen(path);
	return n > 4 && (strcmp(path + n - 4, ".pyx") == 0 || strcmp(path + n - 4, ".pxd") == 0 ||
	                 strcmp(path + n - 4, ".pxi") == 0);
}

/* Scans text[0..len) for comments, skipping string and character literals
 * (with their escapes), and hands each comment to directive(). */
static void scan_text(Scan *s, const char *text, size_t len)
{
	bool python = python_comments(s->file);
	unsigned line = 1, col = 1;
	for (size_t i = 0; i < len;) {
		char c = text[i];
		if (c == '"' || c == '\'') {
			size_t j = i + 1;
			while (j < len && text[j] != c && text[j] != '\n')
				j += text[j] == '\\' && j + 1 < len ? 2 : 1;
			col += (unsigned)(j - i);
			i = j < len && text[j] == c ? j + 1 : j;
			continue;
		}
		if (python && c == '#') {
			size_t j = i + 1;
			while (j < len && text[j] != '\n')
				j++;
			directive(s, text + i + 1, j - i - 1, line, col, line);
			i = j;
			continue;
		}
		if (!python && c == '/' && i + 1 < len && (text[i + 1] == '/' || text[i + 1] == '*')) {
			bool block = text[i + 1] == '*';
			size_t j = i + 2;
			unsigned first = line, startcol = col;
			while (j < len && (block ? !(text[j] == '*' && j + 1 < len && text[j + 1] == '/') : text[j] != '\n'))
				line += text[j++] == '\n';
			directive(s, text + i + 2, j - i - 2, first, startcol, line);
			i = block && j < len ? j + 2 : j;
			col = 1; /* approximate after a comment; only comment starts need columns */
			continue;
		}
		if (c == '\n')
			line++, col = 1;
		else
			col++;
		i++;
	}
}

static void scan_file(Scan *s, const char *path)
{
	for (size_t i = 0; i < s->out->n; i++) {
		if (strcmp(s->out->v[i].file, path) == 0)
			return; /* already scanned */
	}
	size_t len;
	char *text = ac_textfile_read(path, &len);
	if (!text)
		return;
	s->file = path;
	s->begins.n = 0;
	scan_text(s, text, len);
	AC_VEC_PUSH(&s->texts, text); /* kept: each Supp's rule list points into it */
}

/* Does the check list of sp name rule? */
static bool names_rule(const Supp *sp, const char *rule)
{
	if (!sp->rules)
		return true;
	size_t rn = strlen(rule);
	for (const char *p = sp->rules, *end = sp->rules + sp->nrules; p < end;) {
		while (p < end && (*p == ' ' || *p == ','))
			p++;
		const char *q = p;
		while (q < end && *q != ',' && *q != ' ')
			q++;
		size_t n = (size_t)(q - p);
		const char *name = p;
		if (!sp->ignore_form) {
			if (n == 1 && *p == '*')
				return true;
			if (n < 11 || memcmp(p, "alloccheck-", 11) != 0) {
				p = q;
				continue; /* another tool's check */
			}
			name += 11, n -= 11;
		}
		if ((n == 1 && *name == '*') || (n == 3 && memcmp(name, "all", 3) == 0) ||
		    (n == rn && memcmp(name, rule, rn) == 0))
			return true;
		p = q;
	}
	return false;
}

/* Whether sp is meant for alloccheck: an alloccheck-ignore, or a NOLINT
 * form that names an alloccheck- check. */
static bool ours(const Supp *sp)
{
	if (sp->ignore_form)
		return true;
	for (size_t i = 0; sp->rules && i + 11 <= sp->nrules; i++) {
		if (memcmp(sp->rules + i, "alloccheck-", 11) == 0)
			return true;
	}
	return false;
}

static bool covers(const Supp *sp, const char *rule, AcLoc loc)
{
	return loc.file && loc.line >= sp->from && loc.line <= sp->to && strcmp(sp->file, loc.file) == 0 &&
	       names_rule(sp, rule);
}

/* Marks and returns the first suppression of supps that covers f. */
static Supp *match(SuppVec *supps, const AcFinding *f)
{
	bool leak = strcmp(f->rule, "leak") == 0 && f->nnotes > 0;
	for (size_t i = 0; i < supps->n; i++) {
		Supp *sp = &supps->v[i];
		if (covers(sp, f->rule, f->loc) || (leak && covers(sp, f->rule, f->notes[0].loc))) {
			sp->used = true;
			return sp;
		}
	}
	return NULL;
}

size_t ac_suppress_apply(AcFindings *fs, const AcSuppressOptions *opt)
{
	SuppVec supps = {0};
	Scan s = {.out = &supps};
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		if (f->loc.file)
			scan_file(&s, f->loc.file);
		if (f->nnotes > 0 && f->notes[0].loc.file)
			scan_file(&s, f->notes[0].loc.file);
	}
	for (size_t i = 0; opt->report_unused && i < opt->nfiles; i++)
		scan_file(&s, opt->files[i]);
	size_t kept = 0;
	for (size_t i = 0; i < fs->list.n; i++) {
		if (!match(&supps, &fs->list.v[i]))
			fs->list.v[kept++] = fs->list.v[i];
	}
	fs->list.n = kept;
	size_t unused = 0;
	for (size_t i = 0; opt->report_unused && i < supps.n; i++) {
		const Supp *sp = &supps.v[i];
		if (sp->used)
			continue;
		if (!ours(sp))
			continue; /* a bare NOLINT or another tool's checks: not ours to judge */
		fprintf(stderr, "%s:%u:%u: warning: unused suppression '%s%s%.*s%s' [unused-suppression]\n",
			sp->file, sp->line, sp->col, sp->what, sp->rules ? (sp->ignore_form ? "[" : "(") : "",
			(int)sp->nrules, sp->rules ? sp->rules : "", sp->rules ? (sp->ignore_form ? "]" : ")") : "");
		unused++;
	}
	for (size_t i = 0; i < s.texts.n; i++)
		ac_free(s.texts.v[i]);
	AC_VEC_FREE(&s.texts);
	AC_VEC_FREE(&s.begins);
	AC_VEC_FREE(&supps);
	return unused;
}
