/*
 * lower_attrs: allocation attributes on function declarations -> AcTu.declared
 * (cfg.h AcDeclaredFn). Part of the frontend: runs once per TU after the
 * lowering, over the top-level function declarations of the main file and of
 * non-system headers.
 *
 *   __attribute__((malloc))                 allocator of a fresh block: family and
 *                                           failure unknown (leaks only)
 *   __attribute__((malloc(D)))              allocator of D's family; D releases argument 1
 *   __attribute__((malloc(D, i)))           ... D releases argument i
 *   __attribute__((ownership_returns(M)))   allocator of module M
 *   __attribute__((ownership_takes(M, i)))  deallocator of module M, argument i
 *   __attribute__((ownership_holds(M, i)))  keeps argument i
 *   __attribute__((returns_nonnull))        with an allocator: it cannot fail
 *
 * libclang does not expose attributes: those clang keeps are UnexposedAttr
 * children of the declaration, named only by their tokens (libclang note,
 * section 6). GCC's malloc(D[, i]) is not even kept: clang 19 rejects it with
 * "'malloc' attribute takes no arguments" and drops it, so those are found
 * through that diagnostic, located at the attribute's name (clang_tu.c does
 * not count it as a parse error: the declaration is whole). Either way the
 * attribute is read from the tokens at its spelling location. When that is
 * inside a function-like macro, the macro's parameters are replaced by the
 * arguments of its invocation (one level: when the invocation is of another
 * macro the attribute is skipped). Plain malloc on a function defined in the
 * TU adds nothing: the function's summary says more. A malformed attribute
 * (malloc(42)) is skipped; -v says so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lower.h"
#include "mem.h"

enum {
	MAX_TOKENS = 64,   /* tokens read for one attribute, macro header or invocation */
	MAX_ARGS = 8,      /* arguments read per attribute or invocation */
	LOOKAHEAD = 1024,  /* bytes lexed after an attribute's name or a macro's */
	SHORT_LOOKAHEAD = 128, /* of them, lexed first (lex) */
	MIN_READ = 4,      /* tokens a reader of lex may look at before the first group closes */
	MAX_DECL_TEXT = 512, /* bytes of a parameter or result declaration searched for _Nonnull */
};

/* A position in a file. */
typedef struct FilePos {
	CXFile file;
	unsigned off;
} FilePos;

/* A malloc(...) attribute clang dropped: where its name is spelled and the
 * expansion location that places it in a declaration. */
typedef struct Dropped {
	FilePos spell;
	FilePos expand;
} Dropped;

typedef struct Tok {
	CXTokenKind kind;
	const char *text; /* in the scratch arena */
	unsigned off;     /* file offset of the token */
	unsigned end;     /* file offset just past it */
} Tok;

/* A run of tokens in the scratch arena. */
typedef struct Toks {
	Tok *v;
	size_t n;
} Toks;

/* One attribute as written: name(args...), each argument one token. */
typedef struct Attr {
	const char *name;           /* without __ __: "malloc", "ownership_takes" */
	const Tok *args[MAX_ARGS];
	size_t nargs;
	const char *text;           /* as written, for -v notes */
} Attr;

/* What the attributes of one declaration say. */
enum { MAX_DEALLOCS = 4 }; /* malloc(D[, i]) attributes kept per declaration */

typedef struct DeclAttrs {
	const char *dealloc[MAX_DEALLOCS]; /* malloc(D[, i]): each D, in the source order */
	int dealloc_arg[MAX_DEALLOCS];     /* its i (default 1) */
	size_t ndealloc;
	bool plain_malloc;
	const char *returns;     /* ownership_returns(M): M */
	const char *takes;       /* ownership_takes(M, i): M */
	int takes_arg;
	const char *holds;       /* ownership_holds(M, i): M */
	int holds_arg;
	bool returns_nonnull;
} DeclAttrs;

typedef struct Collector {
	LwFiles *files;          /* texts and locations: the lowering's (LwTu.files) or own_files */
	LwFiles own_files;
	AcTu *tu;
	const AcPch *pch;        /* the PCH the TU was parsed with, or NULL */
	CXTranslationUnit ctu;
	AcArena scratch;         /* tokens; dropped at the end */
	AC_VEC(Dropped) dropped;
	AC_VEC(FilePos) last_end; /* per file: where the last top-level declaration ended
	                             (kept only when something was dropped) */
	AC_VEC(AcDeclaredFn) out;
	bool making_pch;         /* on the TU a PCH is made from: keep the plain malloc of a
	                            function it does not define, flagged in unless_defined */
	AC_VEC(bool) unless_defined; /* per entry of out, when making_pch */
	AC_VEC(const char *) defined; /* with a PCH: the functions the TU's own declarations
	                                 define (interned) */
} Collector;

/* ---- positions and tokens --------------------------------------------------------------- */

static FilePos spelling_pos(CXSourceLocation l)
{
	FilePos p = {NULL, 0};
	clang_getSpellingLocation(l, &p.file, NULL, NULL, &p.off);
	return p;
}

static FilePos expansion_pos(CXSourceLocation l)
{
	FilePos p = {NULL, 0};
	clang_getExpansionLocation(l, &p.file, NULL, NULL, &p.off);
	return p;
}

static bool same_pos(FilePos a, FilePos b)
{
	return a.file && b.file && a.off == b.off && clang_File_isEqual(a.file, b.file);
}

static bool is_punct(const Tok *t, const char *s);

/* Adds to r the tokens of range (up to MAX_TOKENS in all) until what
 * every reader of lex looks at is there: MIN_READ tokens and the first
 * parenthesised group closed (an attribute's or an invocation's arguments,
 * a macro's parameters; nothing after it is read). Each token costs four
 * calls into libclang, and 1024 bytes of a header hold ~40 of them. Returns
 * whether that point was reached. */
static bool lex_range(Collector *c, CXSourceRange range, Toks *r)
{
	CXToken *toks = NULL;
	unsigned n = 0;
	clang_tokenize(c->ctu, range, &toks, &n);
	int depth = 0;
	bool closed = false;
	for (unsigned i = 0; i < n && r->n < MAX_TOKENS && !(closed && r->n >= MIN_READ); i++) {
		CXString s = clang_getTokenSpelling(c->ctu, toks[i]);
		CXSourceRange e = clang_getTokenExtent(c->ctu, toks[i]);
		Tok *t = &r->v[r->n++];
		t->kind = clang_getTokenKind(toks[i]);
		t->text = ac_arena_strdup(&c->scratch, clang_getCString(s));
		clang_getFileLocation(clang_getRangeStart(e), NULL, NULL, NULL, &t->off);
		clang_getFileLocation(clang_getRangeEnd(e), NULL, NULL, NULL, &t->end);
		clang_disposeString(s);
		if (is_punct(t, "("))
			depth++;
		else if (is_punct(t, ")") && depth > 0 && --depth == 0)
			closed = true;
	}
	clang_disposeTokens(c->ctu, toks, n);
	return closed && r->n >= MIN_READ;
}

/* The tokens of file f from offset from (at most LOOKAHEAD bytes, MAX_TOKENS
 * tokens), or to `to` when it is not 0, as far as lex_range reads them.
 * Without `to`, the first SHORT_LOOKAHEAD bytes are lexed first: the raw
 * lexer's tokens of a range are a prefix of those of a longer one from the
 * same offset (the last one whole), so when lex_range stops in them the
 * result is the same; otherwise the whole range is lexed again. */
static Toks lex(Collector *c, FilePos from, unsigned to)
{
	Toks r = {AC_ARENA_ARRAY(&c->scratch, Tok, MAX_TOKENS), 0};
	size_t size = 0;
	if (!from.file || !lw_file_text(c->files, c->ctu, from.file, &size) || from.off >= size)
		return r;
	size_t end = to ? to : (size_t)from.off + LOOKAHEAD;
	end = end < size ? end : size;
	CXSourceLocation start = lw_file_location(c->files, c->ctu, from.file, from.off);
	if (!to && (size_t)from.off + SHORT_LOOKAHEAD < end) {
		CXSourceLocation near = lw_file_location(c->files, c->ctu, from.file, from.off + SHORT_LOOKAHEAD);
		if (lex_range(c, clang_getRange(start, near), &r))
			return r;
		r.n = 0;
	}
	lex_range(c, clang_getRange(start, lw_file_location(c->files, c->ctu, from.file, (unsigned)end)), &r);
	return r;
}

static bool is_punct(const Tok *t, const char *s)
{
	return t->kind == CXToken_Punctuation && strcmp(t->text, s) == 0;
}

static bool is_ident(const Tok *t)
{
	return t->kind == CXToken_Identifier || t->kind == CXToken_Keyword;
}

/* Splits the parenthesised list that opens at t.v[open] into its arguments,
 * each required to be one token: args[0..*nargs). Returns the index just past
 * the closing ')', or 0 when it is missing or an argument is not one token. */
static size_t one_token_args(const Toks t, size_t open, const Tok **args, size_t *nargs)
{
	int depth = 0;
	size_t from = open + 1;
	*nargs = 0;
	for (size_t i = open; i < t.n; i++) {
		if (is_punct(&t.v[i], "(") && depth++ == 0)
			continue;
		bool close = is_punct(&t.v[i], ")") && --depth == 0;
		if (depth > 1 || !(close || (depth == 1 && is_punct(&t.v[i], ","))))
			continue;
		if (close && i == open + 1)
			return i + 1; /* "()" */
		if (i != from + 1 || *nargs == MAX_ARGS)
			return 0;
		args[(*nargs)++] = &t.v[from];
		from = i + 1;
		if (close)
			return i + 1;
	}
	return 0;
}

/* A decimal argument number from 1 to 32, or 0. */
static int arg_number(const Tok *t)
{
	if (t->kind != CXToken_Literal)
		return 0;
	char *end;
	long v = strtol(t->text, &end, 10);
	return *end == '\0' && v >= 1 && v <= 32 ? (int)v : 0;
}

/* "__malloc__" -> "malloc". */
static const char *plain_name(Collector *c, const char *s)
{
	size_t n = strlen(s);
	if (n > 4 && strncmp(s, "__", 2) == 0 && strcmp(s + n - 2, "__") == 0)
		return ac_arena_strndup(&c->scratch, s + 2, n - 4);
	return s;
}

static bool is_ours(const char *name)
{
	static const char *const names[] = {"malloc", "ownership_returns", "ownership_takes",
					    "ownership_holds", "returns_nonnull", "nonnull"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(name, names[i]) == 0)
			return true;
	}
	return false;
}

/* ---- macros ------------------------------------------------------------------------------- */

/* The offset where the logical source line holding off begins (a line that
 * continues one ending in a backslash belongs to that one). */
static unsigned logical_line_start(const char *text, unsigned off)
{
	for (;;) {
		while (off > 0 && text[off - 1] != '\n')
			off--;
		unsigned prev = off >= 2 && text[off - 2] == '\r' ? off - 2 : off - 1;
		if (off == 0 || prev == 0 || text[prev - 1] != '\\')
			return off;
		off = prev - 1;
	}
}

/* The header of the #define whose body holds spell: the macro name and, for
 * a function-like macro, its named parameters and whether it ends in "...".
 * False when spell is not in one. */
static bool macro_header(Collector *c, FilePos spell, const Tok **name, const Tok **params, size_t *nparams,
			 bool *variadic)
{
	size_t size = 0;
	const char *text = lw_file_text(c->files, c->ctu, spell.file, &size);
	if (!text || spell.off > size)
		return false;
	FilePos start = {spell.file, logical_line_start(text, spell.off)};
	Toks h = lex(c, start, spell.off);
	const Tok *t = h.v; /* in the scratch arena: the pointers handed out outlive h */
	*nparams = 0;
	if (h.n < 3 || !is_punct(&t[0], "#") || strcmp(t[1].text, "define") != 0 || !is_ident(&t[2]))
		return false;
	*name = &t[2];
	if (h.n < 4 || !is_punct(&t[3], "(") || t[3].off != t[2].end)
		return true; /* object-like */
	for (size_t i = 4; i < h.n && !is_punct(&t[i], ")"); i++) {
		if (is_punct(&t[i], "..."))
			*variadic = true;
		else if (is_ident(&t[i]) && *nparams < MAX_ARGS)
			params[(*nparams)++] = &t[i];
	}
	return true;
}

/* Replaces the arguments of a that are parameters of the function-like macro
 * holding it by the arguments of the invocation at expand. False when one
 * cannot be resolved. */
static bool substitute(Collector *c, Attr *a, FilePos spell, FilePos expand)
{
	const Tok *name = NULL, *params[MAX_ARGS], *args[MAX_ARGS], *out[MAX_ARGS];
	size_t nparams = 0, nargs = 0, nout = 0;
	bool variadic = false;
	if (!macro_header(c, spell, &name, params, &nparams, &variadic) || (nparams == 0 && !variadic))
		return true;
	Toks inv = lex(c, expand, 0);
	bool invoked = inv.n >= 2 && strcmp(inv.v[0].text, name->text) == 0 && is_punct(&inv.v[1], "(") &&
		       one_token_args(inv, 1, args, &nargs) != 0;
	for (size_t i = 0; i < a->nargs; i++) {
		const Tok *arg = a->args[i];
		if (variadic && strcmp(arg->text, "__VA_ARGS__") == 0) {
			/* #define A(...) __attribute__((malloc(__VA_ARGS__))): A(freopen, 3) */
			if (!invoked)
				return false;
			for (size_t k = nparams; k < nargs && nout < MAX_ARGS; k++)
				out[nout++] = args[k];
			continue;
		}
		for (size_t p = 0; p < nparams; p++) {
			if (strcmp(arg->text, params[p]->text) != 0)
				continue;
			if (!invoked || p >= nargs)
				return false;
			arg = args[p];
			break;
		}
		if (nout < MAX_ARGS)
			out[nout++] = arg;
	}
	memcpy(a->args, out, nout * sizeof *out);
	a->nargs = nout;
	return true;
}

/* ---- reading one attribute ------------------------------------------------------------------ */

static void note_skipped(Collector *c, FilePos expand, const char *text, const char *why);

/* __attribute__ ((__nonnull__ params)), glibc's __attribute_nonnull__: the
 * parenthesised list is the argument of the macro used at expand, through
 * any number of macros that pass it on (__nonnull ((1, 2)) in <string.h>).
 * Read from that use; a list not written there is ignored, never taken
 * for "every pointer parameter". */
static bool list_argument(Collector *c, Attr *a, FilePos expand)
{
	Toks inv = lex(c, expand, 0);
	a->nargs = 0;
	if (inv.n < 4 || !is_ident(&inv.v[0]) || !is_punct(&inv.v[1], "(") || !is_punct(&inv.v[2], "(") ||
	    !one_token_args(inv, 2, a->args, &a->nargs) || a->nargs == 0) {
		note_skipped(c, expand, a->text, "its arguments come through more than one macro");
		return false;
	}
	return true;
}

static void note_skipped(Collector *c, FilePos expand, const char *text, const char *why)
{
	unsigned line = 0, col = 0;
	CXString f = clang_getFileName(expand.file);
	clang_getFileLocation(clang_getLocationForOffset(c->ctu, expand.file, expand.off), NULL, &line, &col, NULL);
	ac_note_verbose("%s:%u:%u: ignoring attribute '%s': %s", clang_getCString(f), line, col, text, why);
	clang_disposeString(f);
}

/* Whether the token at p is the name of one of our attributes, or the
 * namespace of one ([[gnu::malloc]]): a cheap test before lexing more. */
static bool ours_or_namespace(Collector *c, const char *name)
{
	return strcmp(name, "gnu") == 0 || strcmp(name, "clang") == 0 || strcmp(name, "__gnu__") == 0 ||
	       is_ours(plain_name(c, name));
}

/* In a header, lw_file_location is a file location, where the identifier
 * is read from the text; in the main file it may be a macro argument's
 * expansion, where libclang's token is asked for. */
static bool maybe_ours(Collector *c, FilePos p)
{
	if (!p.file)
		return false;
	const char *at;
	size_t n = lw_is_main_file(c->files, p.file) ? 0 : lw_file_ident(c->files, c->ctu, p.file, p.off, &at);
	if (n)
		return ours_or_namespace(c, ac_arena_strndup(&c->scratch, at, n));
	CXToken *tok = clang_getToken(c->ctu, lw_file_location(c->files, c->ctu, p.file, p.off));
	if (!tok)
		return false;
	CXString s = clang_getTokenSpelling(c->ctu, *tok);
	bool r = ours_or_namespace(c, clang_getCString(s));
	clang_disposeString(s);
	clang_disposeTokens(c->ctu, tok, 1);
	return r;
}

/* The attribute whose name is spelled at spell (placed at expand). False
 * when it is not one of ours or cannot be read (with a -v note). */
static bool read_attr(Collector *c, FilePos spell, FilePos expand, Attr *a)
{
	if (!maybe_ours(c, spell))
		return false;
	Toks t = lex(c, spell, 0);
	size_t at = t.n >= 3 && is_punct(&t.v[1], "::") ? 2 : 0; /* [[gnu::malloc(...)]] */
	if (t.n <= at || !is_ident(&t.v[at]))
		return false;
	memset(a, 0, sizeof *a);
	a->name = plain_name(c, t.v[at].text);
	if (!is_ours(a->name))
		return false;
	size_t end = at + 1;
	bool listed = false; /* the whole list is a macro's argument */
	if (end < t.n && is_punct(&t.v[end], "("))
		end = one_token_args(t, end, a->args, &a->nargs);
	else if (end < t.n && is_ident(&t.v[end]) && !same_pos(spell, expand))
		end++, listed = true;
	size_t size = 0;
	const char *src = lw_file_text(c->files, c->ctu, spell.file, &size);
	a->text = end && src ? ac_arena_strndup(&c->scratch, src + t.v[at].off, t.v[end - 1].end - t.v[at].off)
			     : a->name;
	if (!end) {
		note_skipped(c, expand, a->text, "an argument is not a single name or number");
		return false;
	}
	if (listed)
		return list_argument(c, a, expand);
	if (!same_pos(spell, expand) && !substitute(c, a, spell, expand)) {
		note_skipped(c, expand, a->text, "its arguments come through more than one macro");
		return false;
	}
	return true;
}

/* Records what a says in d; false when it is malformed. nparams is the
 * declaration's parameter count (-1 when unknown or variadic). */
static bool apply_attr(const Attr *a, int nparams, DeclAttrs *d)
{
	const Tok *const *x = a->args;
	size_t n = a->nargs;
	int idx = n >= 2 ? arg_number(x[1]) : 0;
	bool idx_ok = idx > 0 && (nparams < 0 || idx <= nparams);
	if (strcmp(a->name, "returns_nonnull") == 0) {
		d->returns_nonnull = true;
		return n == 0;
	}
	if (strcmp(a->name, "nonnull") == 0)
		return true; /* a property of the call, read by lw_callee_attrs */
	if (strcmp(a->name, "malloc") == 0 && n == 0) {
		d->plain_malloc = true;
		return true;
	}
	if (n == 0 || x[0]->kind != CXToken_Identifier)
		return false;
	if (strcmp(a->name, "malloc") == 0 && n <= 2 && (n == 1 || idx > 0)) {
		if (d->ndealloc < MAX_DEALLOCS) {
			d->dealloc[d->ndealloc] = x[0]->text;
			d->dealloc_arg[d->ndealloc++] = n == 2 ? idx : 1;
		}
	} else if (strcmp(a->name, "ownership_returns") == 0 && n <= 2) {
		d->returns = x[0]->text;
	} else if (strcmp(a->name, "ownership_takes") == 0 && idx_ok) {
		d->takes = x[0]->text;
		d->takes_arg = idx;
	} else if (strcmp(a->name, "ownership_holds") == 0 && idx_ok) {
		d->holds = x[0]->text;
		d->holds_arg = idx;
	} else {
		return false;
	}
	return true;
}

/* ---- declarations ---------------------------------------------------------------------------- */

typedef struct DeclVisit {
	Collector *c;
	int nparams;
	CXCursor decl;
	DeclAttrs attrs;
} DeclVisit;

/* A warning about an attribute in the main file; in a header, which many
 * TUs may include, a -v note. */
static void attr_warning(Collector *c, CXFile where, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void attr_warning(Collector *c, CXFile where, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	CXFile main_file = clang_getFile(c->ctu, c->tu->path);
	if (where && main_file && clang_File_isEqual(where, main_file))
		ac_warning("%s", buf);
	else
		ac_note_verbose("%s", buf);
}

/* A malformed attribute (malloc(42)) is ignored with one warning naming the declaration. */
static void read_and_apply(DeclVisit *v, FilePos spell, FilePos expand)
{
	Attr a;
	if (!read_attr(v->c, spell, expand, &a) || apply_attr(&a, v->nparams, &v->attrs))
		return;
	unsigned line = 0, col = 0;
	CXString f = clang_getFileName(expand.file);
	CXString name = clang_getCursorSpelling(v->decl);
	clang_getFileLocation(clang_getLocationForOffset(v->c->ctu, expand.file, expand.off), NULL, &line, &col, NULL);
	attr_warning(v->c, expand.file, "%s:%u:%u: ignoring an attribute of '%s': '%s' is malformed",
		     clang_getCString(f), line, col, clang_getCString(name), a.text);
	clang_disposeString(f);
	clang_disposeString(name);
}

static enum CXChildVisitResult attr_child(CXCursor cur, CXCursor parent, CXClientData data)
{
	DeclVisit *v = data;
	if (clang_getCursorKind(cur) != CXCursor_UnexposedAttr)
		return CXChildVisit_Continue;
	lw_file_seed(v->c->files, v->c->ctu, cur);
	lw_file_seed(v->c->files, v->c->ctu, parent); /* where a macro is used: lexed too */
	CXSourceLocation l = clang_getCursorLocation(cur);
	read_and_apply(v, spelling_pos(l), expansion_pos(l));
	return CXChildVisit_Continue;
}

/* Where the previous top-level declaration of cur's file ended (0 when
 * none), and records cur's end. */
static unsigned previous_end(Collector *c, CXCursor cur, FilePos *from, FilePos *to)
{
	CXSourceRange ext = lw_cursor_extent(cur);
	*from = expansion_pos(clang_getRangeStart(ext));
	*to = expansion_pos(clang_getRangeEnd(ext));
	for (size_t i = 0; i < c->last_end.n; i++) {
		if (from->file && clang_File_isEqual(c->last_end.v[i].file, from->file)) {
			unsigned prev = c->last_end.v[i].off;
			c->last_end.v[i] = *to;
			return prev;
		}
	}
	AC_VEC_PUSH(&c->last_end, *to);
	return 0;
}

/* The dropped malloc(...) attributes of decl: inside its extent, or between
 * the previous declaration and it (a leading [[gnu::malloc(D)]] is not part
 * of the extent). */
static void dropped_in(Collector *c, FilePos from, FilePos to, unsigned prev_end, DeclVisit *v)
{
	for (size_t i = 0; i < c->dropped.n; i++) {
		const Dropped *d = &c->dropped.v[i];
		if (d->expand.off >= prev_end && d->expand.off < to.off && from.file &&
		    clang_File_isEqual(d->expand.file, from.file))
			read_and_apply(v, d->spell, d->expand);
	}
}

static void declare_flagged(Collector *c, const AcDeclaredFn *d, bool unless_defined)
{
	AC_VEC_PUSH(&c->out, *d);
	if (c->making_pch)
		AC_VEC_PUSH(&c->unless_defined, unless_defined);
}

static void declare(Collector *c, const AcDeclaredFn *d)
{
	declare_flagged(c, d, false);
}

static AcLoc decl_loc(Collector *c, CXCursor decl)
{
	AcLoc loc = {NULL, 0, 0};
	CXFile f;
	clang_getFileLocation(clang_getCursorLocation(decl), &f, &loc.line, &loc.col, NULL);
	if (f) {
		CXString s = clang_getFileName(f);
		loc.file = ac_intern(&c->tu->names, clang_getCString(s));
		clang_disposeString(s);
	}
	return loc;
}

/* The entries one declaration's attributes make. */
static void emit(Collector *c, CXCursor decl, const DeclAttrs *a)
{
	if (!a->ndealloc && !a->returns && !a->plain_malloc && !a->takes && !a->holds)
		return;
	bool plain_only = a->plain_malloc && !a->ndealloc && !a->returns && !a->takes && !a->holds;
	if (plain_only && !clang_Cursor_isNull(clang_getCursorDefinition(decl)))
		return; /* the summary of its body says more */
	AcIntern *names = &c->tu->names;
	CXString s = clang_getCursorSpelling(decl);
	AcDeclaredFn d = {.name = ac_intern(names, clang_getCString(s)), .loc = decl_loc(c, decl)};
	clang_disposeString(s);
	AcDeclaredFn alloc = d;
	alloc.kind = AC_DECL_ALLOC;
	alloc.returns_nonnull = a->returns_nonnull;
	if (a->ndealloc) {
		/* The first deallocator names the family; each releases it
		 * (GCC's A(fclose) A(freopen, 3)). */
		alloc.dealloc = ac_intern(names, a->dealloc[0]);
		declare(c, &alloc);
		for (size_t i = 0; i < a->ndealloc; i++) {
			AcDeclaredFn free_fn = {.name = ac_intern(names, a->dealloc[i]), .kind = AC_DECL_DEALLOC,
						.dealloc = alloc.dealloc, .arg = a->dealloc_arg[i], .loc = d.loc};
			declare(c, &free_fn);
		}
	} else if (a->returns) {
		alloc.module = ac_intern(names, a->returns);
		declare(c, &alloc);
	} else if (a->plain_malloc) {
		declare_flagged(c, &alloc, plain_only); /* a TU of the PCH may define it */
	}
	if (a->takes) {
		AcDeclaredFn t = d;
		t.kind = AC_DECL_DEALLOC;
		t.module = ac_intern(names, a->takes);
		t.arg = a->takes_arg;
		declare(c, &t);
	}
	if (a->holds) {
		AcDeclaredFn h = d;
		h.kind = AC_DECL_KEEP;
		h.module = ac_intern(names, a->holds);
		h.arg = a->holds_arg;
		declare(c, &h);
	}
}

static enum CXChildVisitResult top_decl(CXCursor cur, CXCursor parent, CXClientData data)
{
	(void)parent;
	Collector *c = data;
	FilePos from = {0}, to = {0}; /* set by previous_end() only when something was dropped */
	unsigned prev_end = c->dropped.n ? previous_end(c, cur, &from, &to) : 0;
	if (clang_getCursorKind(cur) != CXCursor_FunctionDecl)
		return CXChildVisit_Continue;
	if (c->pch && c->pch->ndeclared && clang_isCursorDefinition(cur)) {
		CXString s = clang_getCursorSpelling(cur);
		AC_VEC_PUSH(&c->defined, ac_intern(&c->tu->names, clang_getCString(s)));
		clang_disposeString(s);
	}
	/* Without attributes and nothing dropped it declares nothing; its
	 * children (a header's inline body, which a PCH would have to read
	 * back) need not be visited. Asked first: it is cheap. */
	if (!c->dropped.n && !clang_Cursor_hasAttrs(cur))
		return CXChildVisit_Continue;
	if (clang_Location_isInSystemHeader(clang_getCursorLocation(cur)))
		return CXChildVisit_Continue;
	DeclVisit v = {.c = c, .nparams = clang_Cursor_getNumArguments(cur), .decl = cur};
	if (clang_isFunctionTypeVariadic(lw_cursor_type(cur)))
		v.nparams = -1;
	clang_visitChildren(cur, attr_child, &v);
	if (c->dropped.n)
		dropped_in(c, from, to, prev_end, &v);
	emit(c, cur, &v.attrs);
	return CXChildVisit_Continue;
}

/* ---- what a call may pass: nonnull, returns_nonnull, _Nonnull ------------------------------------- */

typedef struct CalleeVisit {
	Collector *c;
	int nparams;        /* -1 when unknown */
	unsigned ptr_params; /* bit i: parameter i is a pointer */
	int parm;           /* ParmDecls seen so far */
	LwCallee *ce;
} CalleeVisit;

/* Whether the text between from and to (expansion positions in one file)
 * contains word: a plain search of the file's buffer, no lexing (the
 * callers look for _Nonnull in a declaration, where a comment naming it
 * would be odd). */
static bool range_has(Collector *c, FilePos from, FilePos to, const char *word)
{
	if (!from.file || !to.file || to.off <= from.off || !clang_File_isEqual(from.file, to.file))
		return false;
	size_t n = strlen(word), len = to.off - from.off;
	if (len > MAX_DECL_TEXT)
		return false; /* not one declaration's text (a range across macro expansions) */
	size_t size = 0;
	const char *text = lw_file_text(c->files, c->ctu, from.file, &size);
	if (!text || to.off > size)
		return false;
	for (size_t i = 0; i + n <= len; i++) {
		if (text[from.off + i] == word[0] && memcmp(text + from.off + i, word, n) == 0)
			return true;
	}
	return false;
}

static bool cursor_has(Collector *c, CXCursor cur, const char *word)
{
	CXSourceRange ext = lw_cursor_extent(cur);
	return range_has(c, expansion_pos(clang_getRangeStart(ext)), expansion_pos(clang_getRangeEnd(ext)), word);
}

/* nonnull or nonnull(i, ...) */
static void apply_nonnull(CalleeVisit *v, const Attr *a, FilePos expand)
{
	if (a->nargs == 0) {
		v->ce->nonnull |= v->ptr_params;
		return;
	}
	for (size_t i = 0; i < a->nargs; i++) {
		int idx = arg_number(a->args[i]);
		if (idx <= 0 || (v->nparams >= 0 && idx > v->nparams)) {
			note_skipped(v->c, expand, a->text, "an argument number is out of range");
			continue;
		}
		v->ce->nonnull |= 1u << (idx - 1);
	}
}

static enum CXChildVisitResult callee_child(CXCursor cur, CXCursor parent, CXClientData data)
{
	CalleeVisit *v = data;
	enum CXCursorKind k = clang_getCursorKind(cur);
	if (k == CXCursor_ParmDecl) {
		int i = v->parm++;
		if (i < 32 && cursor_has(v->c, cur, "_Nonnull"))
			v->ce->nonnull |= 1u << i;
		return CXChildVisit_Continue;
	}
	if (k == CXCursor_PureAttr || k == CXCursor_ConstAttr) {
		v->ce->pure_params |= v->ptr_params; /* it reads them at most */
		return CXChildVisit_Continue;
	}
	if (k != CXCursor_UnexposedAttr)
		return CXChildVisit_Continue;
	lw_file_seed(v->c->files, v->c->ctu, cur);
	lw_file_seed(v->c->files, v->c->ctu, parent); /* where a macro is used: lexed too */
	CXSourceLocation l = clang_getCursorLocation(cur);
	FilePos expand = expansion_pos(l);
	Attr a;
	if (!read_attr(v->c, spelling_pos(l), expand, &a))
		return CXChildVisit_Continue;
	if (strcmp(a.name, "returns_nonnull") == 0)
		v->ce->returns_nonnull = true;
	else if (strcmp(a.name, "nonnull") == 0)
		apply_nonnull(v, &a, expand);
	return CXChildVisit_Continue;
}

static void read_callee_decl(Collector *c, CXCursor decl, LwCallee *ce)
{
	CXType ft = lw_cursor_type(decl);
	CalleeVisit v = {.c = c, .nparams = clang_getNumArgTypes(ft), .ce = ce};
	for (int i = 0; i < v.nparams && i < 32; i++) {
		if (clang_getCanonicalType(clang_getArgType(ft, (unsigned)i)).kind == CXType_Pointer)
			v.ptr_params |= 1u << i;
	}
	if (clang_isFunctionTypeVariadic(ft))
		v.nparams = -1;
	clang_visitChildren(decl, callee_child, &v);
	/* char *_Nonnull f(void): the return type is written before the name */
	CXSourceRange ext = lw_cursor_extent(decl);
	if (range_has(c, expansion_pos(clang_getRangeStart(ext)), expansion_pos(clang_getCursorLocation(decl)), "_Nonnull"))
		ce->returns_nonnull = true;
}

void lw_callee_attrs(LwTu *t, CXCursor decl, LwCallee *ce)
{
	Collector c = {.files = &t->files, .tu = t->tu, .ctu = t->ctu};
	read_callee_decl(&c, decl, ce);
	CXCursor canon = clang_getCanonicalCursor(decl);
	if (!clang_equalCursors(canon, decl))
		read_callee_decl(&c, canon, ce);
	CXCursor def = clang_getCursorDefinition(decl);
	if (!clang_Cursor_isNull(def) && !clang_equalCursors(def, decl) && !clang_equalCursors(def, canon))
		read_callee_decl(&c, def, ce);
	ac_arena_free(&c.scratch);
}

/* ---- the dropped malloc(...) attributes -------------------------------------------------------- */

bool lw_is_dropped_attr(CXTranslationUnit ctu, CXDiagnostic d)
{
	if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error)
		return false;
	CXString msg = clang_getDiagnosticSpelling(d);
	bool match = strstr(clang_getCString(msg), "malloc' attribute takes no arguments") != NULL;
	clang_disposeString(msg);
	if (!match)
		return false;
	FilePos p = spelling_pos(clang_getDiagnosticLocation(d));
	if (!p.file)
		return false;
	CXToken *tok = clang_getToken(ctu, clang_getLocationForOffset(ctu, p.file, p.off));
	if (!tok)
		return false;
	CXString s = clang_getTokenSpelling(ctu, *tok);
	const char *name = clang_getCString(s);
	match = strcmp(name, "malloc") == 0 || strcmp(name, "__malloc__") == 0 || strcmp(name, "gnu") == 0 ||
		strcmp(name, "__gnu__") == 0; /* [[gnu::malloc(D)]] is located at its namespace */
	clang_disposeString(s);
	clang_disposeTokens(ctu, tok, 1);
	return match;
}

/* The function declaration whose attribute clang rejected with diagnostic d
 * (an argument number out of range, an undeclared name such as
 * malloc(nosuchfunc)), or a null cursor: the attribute is dropped and the
 * declaration is whole. */
static CXCursor bad_attr_decl(CXTranslationUnit ctu, CXDiagnostic d)
{
	if (clang_getDiagnosticSeverity(d) < CXDiagnostic_Error)
		return clang_getNullCursor();
	CXString msg = clang_getDiagnosticSpelling(d);
	const char *m = clang_getCString(msg);
	bool match = (strstr(m, "attribute parameter") && strstr(m, "out of bounds")) ||
		     strstr(m, "use of undeclared identifier");
	clang_disposeString(msg);
	if (!match)
		return clang_getNullCursor();
	CXFile f;
	unsigned off;
	clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, &off);
	CXCursor cur = f ? clang_getCursor(ctu, clang_getLocationForOffset(ctu, f, off)) : clang_getNullCursor();
	/* outside any body: the cursor found there is the declaration itself */
	return clang_getCursorKind(cur) == CXCursor_FunctionDecl ? cur : clang_getNullCursor();
}

bool lw_is_bad_attr(CXTranslationUnit ctu, CXDiagnostic d)
{
	return !clang_Cursor_isNull(bad_attr_decl(ctu, d));
}

/* An attribute clang rejected and dropped: one warning naming the declaration. */
static void warn_bad_attr(Collector *c, CXDiagnostic d, CXCursor decl)
{
	AcLoc loc = decl_loc(c, decl);
	CXString name = clang_getCursorSpelling(decl);
	CXString msg = clang_getDiagnosticSpelling(d);
	CXFile f;
	clang_getExpansionLocation(clang_getCursorLocation(decl), &f, NULL, NULL, NULL);
	attr_warning(c, f, "%s:%u:%u: ignoring an attribute of '%s': %s", loc.file ? loc.file : "?", loc.line,
		     loc.col, clang_getCString(name), clang_getCString(msg));
	clang_disposeString(name);
	clang_disposeString(msg);
}

static void collect_dropped(Collector *c)
{
	unsigned nd = clang_getNumDiagnostics(c->ctu);
	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(c->ctu, i);
		CXCursor bad = bad_attr_decl(c->ctu, d);
		if (!clang_Cursor_isNull(bad))
			warn_bad_attr(c, d, bad);
		if (lw_is_dropped_attr(c->ctu, d)) {
			CXSourceLocation l = clang_getDiagnosticLocation(d);
			Dropped x = {spelling_pos(l), expansion_pos(l)};
			AC_VEC_PUSH(&c->dropped, x);
		}
		clang_disposeDiagnostic(d);
	}
}

static const char *reintern(AcIntern *names, const char *s)
{
	return s ? ac_intern(names, s) : NULL;
}

static bool defined_here(const Collector *c, const char *name)
{
	for (size_t i = 0; i < c->defined.n; i++)
		if (c->defined.v[i] == name)
			return true;
	return false;
}

/* The PCH's entries, first, as a walk of every declaration of the TU
 * meets them first; a plain malloc of a function the TU defines is
 * dropped, as emit() drops it. */
static void pch_declared(Collector *c, AcDeclaredFn *out, size_t *n)
{
	AcIntern *names = &c->tu->names;
	for (size_t i = 0; i < c->pch->ndeclared; i++) {
		AcDeclaredFn d = c->pch->declared[i];
		d.name = reintern(names, d.name);
		if (c->pch->unless_defined[i] && defined_here(c, d.name))
			continue;
		d.dealloc = reintern(names, d.dealloc);
		d.module = reintern(names, d.module);
		d.loc.file = reintern(names, d.loc.file);
		out[(*n)++] = d;
	}
}

static void collect(Collector *c)
{
	collect_dropped(c);
	clang_visitChildren(clang_getTranslationUnitCursor(c->ctu), top_decl, c);
}

static void collector_free(Collector *c)
{
	AC_VEC_FREE(&c->out);
	AC_VEC_FREE(&c->dropped);
	AC_VEC_FREE(&c->last_end);
	AC_VEC_FREE(&c->unless_defined);
	AC_VEC_FREE(&c->defined);
	lw_files_free(&c->own_files);
	ac_arena_free(&c->scratch);
}

void ac_lower_declared(AcTu *tu, CXTranslationUnit ctu, const AcPch *pch)
{
	Collector c = {.tu = tu, .ctu = ctu, .pch = pch};
	c.files = &c.own_files;
	lw_files_init(&c.own_files, ctu);
	collect(&c);
	size_t room = c.out.n + (pch ? pch->ndeclared : 0);
	tu->declared = AC_ARENA_ARRAY(&tu->arena, AcDeclaredFn, room ? room : 1);
	tu->ndeclared = 0;
	if (pch)
		pch_declared(&c, tu->declared, &tu->ndeclared);
	if (c.out.n)
		memcpy(tu->declared + tu->ndeclared, c.out.v, c.out.n * sizeof *tu->declared);
	tu->ndeclared += c.out.n;
	collector_free(&c);
}

static const char *arena_dup(AcArena *a, const char *s)
{
	return s ? ac_arena_strdup(a, s) : NULL;
}

void ac_lower_pch_declared(CXTranslationUnit ctu, AcPch *pch, AcArena *arena)
{
	AcTu tmp;
	memset(&tmp, 0, sizeof tmp);
	ac_intern_init(&tmp.names, &tmp.arena);
	tmp.path = ""; /* no file is the main file: every warning is a -v note */
	Collector c = {.tu = &tmp, .ctu = ctu, .making_pch = true};
	c.files = &c.own_files;
	lw_files_init(&c.own_files, ctu);
	collect(&c);
	AcDeclaredFn *d = AC_ARENA_ARRAY(arena, AcDeclaredFn, c.out.n ? c.out.n : 1);
	bool *flags = AC_ARENA_ARRAY(arena, bool, c.out.n ? c.out.n : 1);
	for (size_t i = 0; i < c.out.n; i++) {
		d[i] = c.out.v[i];
		d[i].name = arena_dup(arena, d[i].name);
		d[i].dealloc = arena_dup(arena, d[i].dealloc);
		d[i].module = arena_dup(arena, d[i].module);
		d[i].loc.file = arena_dup(arena, d[i].loc.file);
		flags[i] = c.unless_defined.v[i];
	}
	pch->declared = d;
	pch->unless_defined = flags;
	pch->ndeclared = c.out.n;
	collector_free(&c);
	ac_intern_free(&tmp.names);
	ac_arena_free(&tmp.arena);
}
