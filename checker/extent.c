/*
 * extent: the top-level brace blocks of a C text, with a scanner that walks
 * the bytes once and tracks the brace depth (extent.h says what it knows).
 */
#include "extent.h"

#include <stdbool.h>
#include <string.h>

#include "vec.h"

typedef struct Scan {
	const char *s;
	size_t len;
	size_t i;
	unsigned line;          /* line of s[i] */
	int depth;              /* braces open, not counting transparent ones */
	unsigned transparent;   /* extern "C" { blocks open at depth 0 */
	unsigned decl_first;    /* line of the first token of the current file-scope
	                           declaration; 0 before its first token */
	unsigned open_first;    /* decl_first of the block now open at depth 1 */
	unsigned keep_first;    /* open_first of a block an #if branch opened and #else
	                           closed again: the #else branch's `{` reopens it */
	bool line_start;        /* only blanks since the start of the line */
	int extern_c;           /* 1 after `extern`, 2 after `extern "C"`, at depth 0 */
	AC_VEC(int) pp;         /* the depth at each open #if */
	AC_VEC(AcExtent) out;
} Scan;

static bool is_ident(unsigned char c)
{
	return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Past a comment that starts at s[i] ("//" or slash-star), counting lines. */
static void skip_comment(Scan *sc)
{
	if (sc->s[sc->i + 1] == '/') {
		while (sc->i < sc->len && sc->s[sc->i] != '\n')
			sc->i++;
		return;
	}
	sc->i += 2;
	while (sc->i < sc->len && !(sc->s[sc->i] == '*' && sc->i + 1 < sc->len && sc->s[sc->i + 1] == '/')) {
		sc->line += sc->s[sc->i] == '\n';
		sc->i++;
	}
	sc->i = sc->i + 2 < sc->len ? sc->i + 2 : sc->len;
}

static bool at_comment(const Scan *sc)
{
	return sc->s[sc->i] == '/' && sc->i + 1 < sc->len &&
	       (sc->s[sc->i + 1] == '/' || sc->s[sc->i + 1] == '*');
}

/* Past a string or character literal starting at s[i]; an unterminated one
 * ends at the end of its line. Returns whether it was exactly "C". */
static bool skip_literal(Scan *sc)
{
	char q = sc->s[sc->i];
	size_t start = ++sc->i;
	while (sc->i < sc->len && sc->s[sc->i] != q && sc->s[sc->i] != '\n') {
		if (sc->s[sc->i] == '\\' && sc->i + 1 < sc->len)
			sc->line += sc->s[++sc->i] == '\n';
		sc->i++;
	}
	bool is_c = q == '"' && sc->i - start == 1 && sc->s[start] == 'C';
	if (sc->i < sc->len && sc->s[sc->i] == q)
		sc->i++;
	return is_c;
}

/* #if... pushes the depth, #else and #elif restore it, #endif pops. */
static void directive(Scan *sc, const char *name, size_t n)
{
	if ((n == 2 && memcmp(name, "if", 2) == 0) || (n == 5 && memcmp(name, "ifdef", 5) == 0) ||
	    (n == 6 && memcmp(name, "ifndef", 6) == 0)) {
		AC_VEC_PUSH(&sc->pp, sc->depth);
	} else if ((n == 4 && (memcmp(name, "else", 4) == 0 || memcmp(name, "elif", 4) == 0)) ||
		   (n == 7 && (memcmp(name, "elifdef", 7) == 0))) {
		if (sc->pp.n) {
			if (sc->depth > 0 && sc->pp.v[sc->pp.n - 1] == 0)
				sc->keep_first = sc->open_first;
			sc->depth = sc->pp.v[sc->pp.n - 1];
		}
	} else if (n == 5 && memcmp(name, "endif", 5) == 0) {
		if (sc->pp.n)
			sc->pp.n--;
	}
}

/* A preprocessor line starting at the '#' at s[i]: its directive applied,
 * then everything up to the end of the line (continuations and comments
 * included) skipped. */
static void skip_directive(Scan *sc)
{
	sc->i++;
	while (sc->i < sc->len && (sc->s[sc->i] == ' ' || sc->s[sc->i] == '\t'))
		sc->i++;
	size_t start = sc->i;
	while (sc->i < sc->len && is_ident((unsigned char)sc->s[sc->i]))
		sc->i++;
	directive(sc, sc->s + start, sc->i - start);
	while (sc->i < sc->len && sc->s[sc->i] != '\n') {
		if (at_comment(sc)) {
			skip_comment(sc);
		} else if (sc->s[sc->i] == '\\' && sc->i + 1 < sc->len && sc->s[sc->i + 1] == '\n') {
			sc->i += 2;
			sc->line++;
		} else {
			sc->i++;
		}
	}
	if (sc->depth == 0)
		sc->decl_first = 0;
}

/* '{' and '}': blocks open and close; only depth 0 -> 1 -> 0 makes an extent. */
static void brace(Scan *sc, char c)
{
	if (c == '{') {
		if (sc->depth == 0 && sc->extern_c == 2) {
			sc->transparent++;
			sc->decl_first = 0;
			return;
		}
		if (sc->depth++ == 0) {
			sc->open_first = sc->keep_first ? sc->keep_first : sc->decl_first ? sc->decl_first : sc->line;
			sc->keep_first = 0;
		}
		return;
	}
	if (sc->depth == 0) {
		if (sc->transparent)
			sc->transparent--;
		sc->decl_first = 0;
		return;
	}
	if (--sc->depth == 0) {
		AcExtent e = {sc->open_first, sc->line};
		AC_VEC_PUSH(&sc->out, e);
		sc->decl_first = 0;
	}
}

/* One token (or blank) at s[i]. */
static void step(Scan *sc)
{
	unsigned char c = (unsigned char)sc->s[sc->i];
	if (c == '\n') {
		sc->line++;
		sc->line_start = true;
		sc->i++;
		return;
	}
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
		sc->i++;
		return;
	}
	if (at_comment(sc)) {
		skip_comment(sc);
		return;
	}
	if (c == '#' && sc->line_start) {
		skip_directive(sc);
		return;
	}
	sc->line_start = false;
	if (sc->depth == 0 && sc->decl_first == 0 && c != ';' && c != '}')
		sc->decl_first = sc->line;
	if (c == '"' || c == '\'') {
		bool is_c = skip_literal(sc);
		sc->extern_c = sc->extern_c == 1 && is_c ? 2 : 0;
		return;
	}
	if (is_ident(c)) {
		size_t start = sc->i;
		while (sc->i < sc->len && is_ident((unsigned char)sc->s[sc->i]))
			sc->i++;
		sc->extern_c = sc->i - start == 6 && memcmp(sc->s + start, "extern", 6) == 0;
		return;
	}
	sc->i++;
	if (c == '{' || c == '}')
		brace(sc, (char)c);
	else if (c == ';' && sc->depth == 0)
		sc->decl_first = sc->keep_first = 0;
	sc->extern_c = 0;
}

AcExtent *ac_extents_scan(const char *text, size_t len, size_t *n)
{
	Scan sc = {.s = text, .len = len, .line = 1, .line_start = true};
	while (sc.i < sc.len)
		step(&sc);
	AC_VEC_FREE(&sc.pp);
	*n = sc.out.n;
	return sc.out.v;
}

const AcExtent *ac_extent_find(const AcExtent *v, size_t n, unsigned line)
{
	size_t lo = 0, hi = n;
	while (lo < hi) { /* the first extent that starts after line */
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].first <= line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || v[lo - 1].last < line)
		return NULL;
	return &v[lo - 1];
}
