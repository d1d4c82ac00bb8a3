/*
 * walks: records of walks and their text form (walks.h). A walk's outputs
 * are one text of lines, each a one-letter tag and tab-separated fields:
 *
 *   s SUMMARY                                     first, always (summary.c's text)
 *   x RULE SEVERITY FILE LINE COL MESSAGE FUNCTION ORIGIN NNOTES   a finding,
 *   n FILE LINE COL MESSAGE                       followed by its NNOTES notes
 *   a KEY FAMILY FILE LINE COL ALLOCATOR          a family stored into a member
 *   r KEY FIELD FAMILY DEALLOCATOR FILE LINE COL  a release of a member
 *   d KEY FIELD BY FILE LINE COL PARAM UNCOND     a member left dangling at a return
 *   t KEY FIELD BY FILE LINE COL PARAM UNCOND     a member released by a destructor
 *
 * (flow.h AcFieldTable: families, releases, dangling, destructor; a family
 * is its number in the TU's table, which the TU's IR and the run's options
 * fix). In a string '\' is written \\, a tab \t, a newline \n, and NULL is
 * \z. The text travels inside the IR file's string table; the reader checks
 * every field, and a text it cannot take is a walk to do again.
 */
#include "walks.h"

#include <stdlib.h>
#include <string.h>

#include "int_text.h"
#include "mem.h"
#include "rule.h"

/* ---- records -------------------------------------------------------------------- */

void ac_walks_init(AcTuWalks *w, size_t nfuncs)
{
	w->funcs = ac_calloc(nfuncs ? nfuncs : 1, sizeof *w->funcs);
	w->nfuncs = nfuncs;
}

void ac_walks_add(AcTuWalks *w, size_t f, const char *digest, char *out)
{
	AcFuncWalks *fw = &w->funcs[f];
	fw->v = ac_realloc(fw->v, (fw->n + 1) * sizeof *fw->v);
	AcWalk *k = &fw->v[fw->n++];
	memcpy(k->digest, digest, AC_HASH_HEX);
	k->digest[AC_HASH_HEX] = '\0';
	k->out = out;
}

const AcWalk *ac_walks_find(const AcTuWalks *w, size_t f, const char *digest)
{
	if (!w || !w->funcs || f >= w->nfuncs)
		return NULL;
	const AcFuncWalks *fw = &w->funcs[f];
	for (size_t i = 0; i < fw->n; i++) {
		if (memcmp(fw->v[i].digest, digest, AC_HASH_HEX) == 0)
			return &fw->v[i];
	}
	return NULL;
}

size_t ac_walks_count(const AcTuWalks *w)
{
	size_t n = 0;
	for (size_t f = 0; w && w->funcs && f < w->nfuncs; f++)
		n += w->funcs[f].n;
	return n;
}

void ac_walks_free(AcTuWalks *w)
{
	if (!w)
		return;
	for (size_t f = 0; w->funcs && f < w->nfuncs; f++) {
		for (size_t i = 0; i < w->funcs[f].n; i++)
			ac_free(w->funcs[f].v[i].out);
		ac_free(w->funcs[f].v);
	}
	ac_free(w->funcs);
	w->funcs = NULL;
	w->nfuncs = 0;
}

/* ---- writing ------------------------------------------------------------------------ */

/* A tab, then s escaped. */
static void put_str(AcText *b, const char *s)
{
	ac_text_put(b, "\t");
	if (!s) {
		ac_text_put(b, "\\z");
		return;
	}
	for (const char *c = s; *c;) {
		size_t n = strcspn(c, "\\\t\n");
		ac_text_put_n(b, c, n);
		c += n;
		if (!*c)
			break;
		ac_text_put(b, *c == '\\' ? "\\\\" : *c == '\t' ? "\\t" : "\\n");
		c++;
	}
}

/* A tab, then v. */
static void put_int(AcText *b, long long v)
{
	char tmp[AC_INT_TEXT_MAX], *p = ac_int_text(tmp + sizeof tmp, v, '\t');
	ac_text_put_n(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void put_loc(AcText *b, AcLoc l)
{
	put_str(b, l.file);
	put_int(b, l.line);
	put_int(b, l.col);
}

static void put_member(AcText *b, const char *tag, const AcMemberRelease *m)
{
	ac_text_put(b, tag);
	put_str(b, m->field_key);
	put_str(b, m->field);
	put_str(b, m->by);
	put_loc(b, m->loc);
	put_int(b, m->param);
	put_int(b, m->unconditional);
	ac_text_put(b, "\n");
}

char *ac_walk_encode(const char *summary, const AcFindings *fs, const AcFieldTable *t)
{
	AcText b = {0};
	ac_text_put(&b, "s");
	put_str(&b, summary);
	ac_text_put(&b, "\n");
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		ac_text_put(&b, "x");
		put_str(&b, f->rule);
		put_int(&b, f->severity);
		put_loc(&b, f->loc);
		put_str(&b, f->message);
		put_str(&b, f->function);
		put_str(&b, f->origin);
		put_int(&b, (long long)f->nnotes);
		ac_text_put(&b, "\n");
		for (size_t k = 0; k < f->nnotes; k++) {
			ac_text_put(&b, "n");
			put_loc(&b, f->notes[k].loc);
			put_str(&b, f->notes[k].msg);
			ac_text_put(&b, "\n");
		}
	}
	for (size_t i = 0; i < t->families.n; i++) {
		const AcFieldFamily *f = &t->families.v[i];
		ac_text_put(&b, "a");
		put_str(&b, f->field_key);
		put_int(&b, f->family);
		put_loc(&b, f->first);
		put_str(&b, f->allocator);
		ac_text_put(&b, "\n");
	}
	for (size_t i = 0; i < t->releases.n; i++) {
		const AcFieldRelease *r = &t->releases.v[i];
		ac_text_put(&b, "r");
		put_str(&b, r->field_key);
		put_str(&b, r->field);
		put_int(&b, r->family);
		put_str(&b, r->deallocator);
		put_loc(&b, r->loc);
		ac_text_put(&b, "\n");
	}
	for (size_t i = 0; i < t->dangling.n; i++)
		put_member(&b, "d", &t->dangling.v[i]);
	for (size_t i = 0; i < t->destructor.n; i++)
		put_member(&b, "t", &t->destructor.v[i]);
	char *out = ac_strdup(b.v ? b.v : "");
	AC_VEC_FREE(&b);
	return out;
}

/* ---- reading ------------------------------------------------------------------------ */

enum { MAX_FIELDS = 10 };

/* One line split into its tag and fields, unescaped in place (a copy). */
typedef struct Line {
	char tag;
	char *f[MAX_FIELDS];
	bool null[MAX_FIELDS];
	size_t n;
} Line;

/* Unescapes s in place; false on a bad escape. */
static bool unescape(char *s, bool *null)
{
	*null = strcmp(s, "\\z") == 0;
	char *w = s;
	for (const char *r = s; !*null && *r; r++) {
		if (*r != '\\') {
			*w++ = *r;
			continue;
		}
		r++;
		if (*r != '\\' && *r != 't' && *r != 'n')
			return false;
		*w++ = *r == '\\' ? '\\' : *r == 't' ? '\t' : '\n';
	}
	if (!*null)
		*w = '\0';
	return true;
}

/* Splits the line at p (ending at a newline or the end, which it cuts);
 * returns the next line, or NULL on a malformed one. */
static char *split_line(char *p, Line *l)
{
	char *end = strchr(p, '\n');
	char *next = end ? end + 1 : p + strlen(p);
	if (end)
		*end = '\0';
	l->tag = *p;
	l->n = 0;
	if (!l->tag || (p[1] && p[1] != '\t'))
		return NULL;
	for (char *c = p[1] ? p + 2 : NULL; c;) {
		if (l->n == MAX_FIELDS)
			return NULL;
		char *tab = strchr(c, '\t');
		if (tab)
			*tab = '\0';
		if (!unescape(c, &l->null[l->n]))
			return NULL;
		l->f[l->n++] = c;
		c = tab ? tab + 1 : NULL;
	}
	return next;
}

static bool int_of(const char *s, long long lo, long long hi, long long *v)
{
	char *end;
	if (!*s)
		return false;
	long long x = strtoll(s, &end, 10);
	if (*end || x < lo || x > hi)
		return false;
	*v = x;
	return true;
}

typedef struct Reader {
	const AcWalkDecode *cx;
	Line l;
	bool bad;
} Reader;

/* Field i as a string copied into the arena (NULL for \z). */
static const char *str(Reader *r, size_t i)
{
	if (i >= r->l.n) {
		r->bad = true;
		return NULL;
	}
	return r->l.null[i] ? NULL : ac_arena_strdup(r->cx->arena, r->l.f[i]);
}

static long long num(Reader *r, size_t i, long long lo, long long hi)
{
	long long v = 0;
	if (i >= r->l.n || r->l.null[i] || !int_of(r->l.f[i], lo, hi, &v))
		r->bad = true;
	return v;
}

static AcLoc loc(Reader *r, size_t i)
{
	AcLoc l = {str(r, i), (unsigned)num(r, i + 1, 0, 0xffffffffll), (unsigned)num(r, i + 2, 0, 0xffffffffll)};
	return l;
}

/* Field i as a field key of the TU (interned there by the lowering). */
static const char *key(Reader *r, size_t i)
{
	const char *k = i < r->l.n && !r->l.null[i] ? ac_intern_find(&r->cx->tu->names, r->l.f[i]) : NULL;
	if (!k)
		r->bad = true;
	return k;
}

static int family(Reader *r, size_t i, long long lo)
{
	return (int)num(r, i, lo, (long long)ac_families_count(r->cx->fams) - 1);
}

static AcMemberRelease read_member(Reader *r)
{
	r->bad |= r->l.n != 8;
	AcMemberRelease m = {key(r, 0), str(r, 1), str(r, 2), loc(r, 3), r->cx->fn,
	                     (int)num(r, 6, 0, (long long)r->cx->fn->nparams - 1), num(r, 7, 0, 1) != 0};
	return m;
}

/* Field i as it is in the text (NULL for \z): for findings, which are copied. */
static const char *raw(Reader *r, size_t i)
{
	if (i >= r->l.n) {
		r->bad = true;
		return NULL;
	}
	return r->l.null[i] ? NULL : r->l.f[i];
}

static AcLoc raw_loc(Reader *r, size_t i)
{
	AcLoc l = {raw(r, i), (unsigned)num(r, i + 1, 0, 0xffffffffll), (unsigned)num(r, i + 2, 0, 0xffffffffll)};
	return l;
}

/* A finding line and its notes; returns the text after them. */
static char *read_finding(Reader *r, char *next, AcFindings *fs)
{
	if (r->l.n != 9) {
		r->bad = true;
		return next;
	}
	int rule = r->l.null[0] ? -1 : ac_rule_index(r->l.f[0]);
	if (rule < 0)
		r->bad = true;
	AcFinding f = {.rule = rule >= 0 ? ac_rules[rule].id : NULL,
	               .severity = (AcSeverity)num(r, 1, 0, AC_SEV_COUNT - 1),
	               .loc = raw_loc(r, 2),
	               .message = raw(r, 5),
	               .function = raw(r, 6),
	               .origin = raw(r, 7)};
	size_t nnotes = (size_t)num(r, 8, 0, 100000);
	if (r->bad)
		return next;
	AcNote *notes = ac_calloc(nnotes + 1, sizeof *notes);
	for (size_t k = 0; k < nnotes && !r->bad; k++) {
		next = next && *next ? split_line(next, &r->l) : NULL;
		if (!next || r->l.tag != 'n' || r->l.n != 4) {
			r->bad = true;
			break;
		}
		notes[k] = (AcNote){raw_loc(r, 0), raw(r, 3)};
	}
	f.notes = notes;
	f.nnotes = nnotes;
	if (!r->bad)
		ac_findings_add(fs, &f);
	ac_free(notes);
	return next;
}

/* The summary line: its text decoded, field keys made the TU's. */
static AcSummary *read_summary(Reader *r)
{
	const AcWalkDecode *cx = r->cx;
	AcSummary *s = r->l.n == 1 && !r->l.null[0] ? ac_summary_decode(cx->arena, cx->names, r->l.f[0], cx->fams) : NULL;
	if (!s || s->nparams != cx->fn->nparams) {
		r->bad = true;
		return NULL;
	}
	if (s->nfreed_members) {
		AcMemberRelease *m = AC_ARENA_ARRAY(cx->arena, AcMemberRelease, s->nfreed_members);
		for (size_t i = 0; i < s->nfreed_members; i++) {
			m[i] = s->freed_members[i];
			m[i].field_key = m[i].field_key ? ac_intern_find(&cx->tu->names, m[i].field_key) : NULL;
			m[i].fn = cx->fn;
			r->bad |= !m[i].field_key;
		}
		s->freed_members = m;
	}
	return s;
}

bool ac_walk_decode(const AcWalkDecode *cx, const char *text, AcSummary **s, AcFindings *fs, AcFieldTable *t)
{
	Reader r = {.cx = cx};
	char *copy = ac_strdup(text);
	char *next = split_line(copy, &r.l);
	*s = next && r.l.tag == 's' ? read_summary(&r) : NULL;
	r.bad |= !*s;
	while (!r.bad && next && *next) {
		next = split_line(next, &r.l);
		if (!next)
			break;
		switch (r.l.tag) {
		case 'x':
			next = read_finding(&r, next, fs);
			break;
		case 'a': {
			AcFieldFamily f = {key(&r, 0), family(&r, 1, -2), loc(&r, 2), str(&r, 5)};
			r.bad |= r.l.n != 6;
			AC_VEC_PUSH(&t->families, f);
			break;
		}
		case 'r': {
			AcFieldRelease f = {key(&r, 0), str(&r, 1), family(&r, 2, 0), str(&r, 3), loc(&r, 4), cx->fn};
			r.bad |= r.l.n != 7;
			AC_VEC_PUSH(&t->releases, f);
			break;
		}
		case 'd': {
			AcMemberRelease m = read_member(&r);
			AC_VEC_PUSH(&t->dangling, m);
			break;
		}
		case 't': {
			AcMemberRelease m = read_member(&r);
			AC_VEC_PUSH(&t->destructor, m);
			break;
		}
		default:
			r.bad = true;
		}
	}
	ac_free(copy);
	return next != NULL && !r.bad;
}
