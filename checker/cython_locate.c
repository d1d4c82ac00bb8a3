/*
 * cython_locate: the two passes of cython_locate.h. The TU pass rewrites the
 * lowered IR's locations in place (ops, arguments, terminators, declarations,
 * the function itself), so the engine sees what it sees with #line: the same
 * "first in the source" choices, the same def line for the shared exit. The
 * findings pass only adds to findings. Both read the C file themselves; the
 * markers are comments, which the IR does not keep.
 */
#define _POSIX_C_SOURCE 200809L /* access */

#include "cython_locate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cython_map.h"
#include "cython_words.h"
#include "intern.h"
#include "mem.h"
#include "textfile.h"
#include "vec.h"

/* dir + "/" + rel, dropping a "." dir; in arena. */
static char *join(AcArena *a, const char *dir, size_t ndir, const char *rel)
{
	if (ndir == 0 || (ndir == 1 && dir[0] == '.'))
		return ac_arena_strdup(a, rel);
	if (dir[ndir - 1] == '/')
		return ac_arena_printf(a, "%.*s%s", (int)ndir, dir, rel);
	return ac_arena_printf(a, "%.*s/%s", (int)ndir, dir, rel);
}

/* The length of path's directory part ("" -> 0, "a/b.c" -> 1, "/x" -> 1). */
static size_t dir_len(const char *path, size_t n)
{
	while (n > 0 && path[n - 1] != '/')
		n--;
	while (n > 1 && path[n - 1] == '/')
		n--;
	return n;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* path with "." segments and "dir/.." pairs removed, lexically; in arena.
 * Leading ".." of a relative path stay. */
static char *normalise(AcArena *a, const char *path)
{
	size_t n = strlen(path);
	char *out = ac_arena_alloc(a, n + 2);
	size_t o = 0, fixed = 0; /* out[0..fixed) cannot be popped: "/" or leading "../" */
	if (path[0] == '/')
		out[o++] = '/', fixed = 1;
	for (const char *p = path; *p;) {
		const char *e = strchr(p, '/');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if ((k == 1 && p[0] == '.') || k == 0) {
			/* skip */
		} else if (k == 2 && p[0] == '.' && p[1] == '.' && o > fixed) {
			o--; /* the '/' after the last segment */
			while (o > fixed && out[o - 1] != '/')
				o--;
		} else if (!(k == 2 && p[0] == '.' && p[1] == '.' && fixed == 1 && path[0] == '/')) {
			memcpy(out + o, p, k);
			o += k;
			out[o++] = '/';
			if (k == 2 && p[0] == '.' && p[1] == '.')
				fixed = o;
		}
		p += k + (e != NULL);
	}
	if (o > 1 && out[o - 1] == '/')
		o--;
	out[o] = '\0';
	return out;
}

enum { MAX_UP = 8 }; /* directories above the C file a package root may be */

/* Where the marker path src is, as a path usable from the current directory
 * (see cython_locate.h for the order); NULL when not found. In arena. */
static const char *resolve(AcArena *a, const char *cpath, const char *src, const char *root)
{
	if (src[0] == '/')
		return exists(src) ? src : NULL;
	size_t n = dir_len(cpath, strlen(cpath));
	char *c = normalise(a, join(a, cpath, n, src));
	if (exists(c))
		return c;
	if (root && exists(c = normalise(a, join(a, root, strlen(root), src))))
		return c;
	const char *up = "";
	for (int k = 0; k < MAX_UP; k++) {
		up = ac_arena_printf(a, "%s../", up);
		if (exists(c = normalise(a, join(a, cpath, n, ac_arena_printf(a, "%s%s", up, src)))))
			return c;
	}
	return exists(src) ? src : NULL;
}

/* One marker path and what it resolved to. */
typedef struct Resolved {
	const char *src;  /* as in the markers (the map's shared copy) */
	const char *path; /* interned in the TU, or NULL: not found */
} Resolved;

typedef struct Locator {
	AcTu *tu;
	AcCythonMap map;
	const char *text;   /* the C file */
	size_t size;
	AC_VEC(size_t) starts; /* offset of each line, line 1 first */
	const char *cfile;  /* the interned name locations in the C file carry, once seen */
	bool to_pyx;        /* move locations whose .pyx is found */
	const AcCythonOptions *opt;
	AcArena scratch;
	AC_VEC(Resolved) resolved;
} Locator;

static const char *resolved_path(Locator *lc, const char *src)
{
	for (size_t i = 0; i < lc->resolved.n; i++) {
		if (lc->resolved.v[i].src == src)
			return lc->resolved.v[i].path;
	}
	const char *p = resolve(&lc->scratch, lc->tu->path, src, lc->opt->source_root);
	Resolved r = {src, p ? ac_intern(&lc->tu->names, p) : NULL};
	AC_VEC_PUSH(&lc->resolved, r);
	return r.path;
}

static bool in_c_file(Locator *lc, AcLoc loc)
{
	if (!loc.file || !loc.line)
		return false;
	if (lc->cfile)
		return loc.file == lc->cfile;
	if (strcmp(loc.file, lc->tu->path) != 0)
		return false;
	lc->cfile = loc.file;
	return true;
}

static const AcCythonSpan *span_of(Locator *lc, AcLoc loc)
{
	return in_c_file(lc, loc) ? ac_cython_map_at(&lc->map, loc.line) : NULL;
}

/* C location -> the .pyx line, as #line would give it (column 1). */
static void move(Locator *lc, AcLoc *loc)
{
	const AcCythonSpan *sp = span_of(lc, *loc);
	const char *path = sp ? resolved_path(lc, sp->src) : NULL;
	if (!path)
		return;
	loc->file = path;
	loc->line = sp->line;
	loc->col = 1;
}

static bool same_origin(const AcCythonSpan *a, const AcCythonSpan *b)
{
	return a && b && a->src == b->src && a->line == b->line;
}

/* A return under the function's own marker (the def line): Cython's
 * "function exit code", which every return and raise jumps to. */
static void mark_exits(Locator *lc, AcFunc *fn)
{
	const AcCythonSpan *def = span_of(lc, fn->loc);
	for (size_t b = 0; def && b < fn->nblocks; b++) {
		AcBlock *bl = &fn->blocks[b];
		if (bl->term == AC_TERM_RETURN && same_origin(span_of(lc, bl->term_loc), def))
			bl->shared_exit = true;
	}
}

static void move_func(Locator *lc, AcFunc *fn)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		AcBlock *bl = &fn->blocks[b];
		for (size_t i = 0; i < bl->nops; i++) {
			AcOp *op = &bl->ops[i];
			move(lc, &op->loc);
			for (size_t k = 0; op->call && k < op->call->nargs; k++)
				move(lc, &op->call->arg_locs[k]);
		}
		move(lc, &bl->term_loc);
	}
	for (size_t p = 0; p < fn->nplaces; p++)
		move(lc, &fn->places[p].decl_loc);
	move(lc, &fn->loc);
	move(lc, &fn->end_loc);
}

/* C line `line` of the file, in *n bytes; NULL past the end. */
static const char *c_line(const Locator *lc, unsigned line, size_t *n)
{
	if (line == 0 || line > lc->starts.n)
		return NULL;
	size_t s = lc->starts.v[line - 1];
	size_t e = line < lc->starts.n ? lc->starts.v[line] - 1 : lc->size;
	*n = e - s;
	return lc->text + s;
}

/* Cython's temporaries (__pyx_t_N, and what is reached through them) are
 * never named in messages. */
static void hide_temporaries(AcFunc *fn)
{
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *root = &fn->places[fn->places[p].root];
		if (root->name && strncmp(root->name, "__pyx_t_", 8) == 0)
			fn->places[p].generated = true;
	}
}

typedef struct LineBlock {
	unsigned line;
	size_t block;
} LineBlock;

static int cmp_line_block(const void *pa, const void *pb)
{
	const LineBlock *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return (a->block > b->block) - (a->block < b->block);
}

/* The branch at column col of the C line l is Cython's error check: the
 * line goes on to __PYX_ERR without another if (a branch inside a helper
 * macro such as __Pyx_GetModuleGlobalName is located at the macro, before
 * the check's own if). */
static bool is_error_check(const char *l, size_t n, unsigned col)
{
	if (col == 0 || col > n)
		return false;
	const char *rest = l + col - 1;
	size_t m = n - (col - 1);
	for (size_t i = 0; i + 10 <= m; i++) {
		if (memcmp(rest + i, "__PYX_ERR(", 10) == 0)
			return true;
		if (i > 0 && memcmp(rest + i, "if (", 4) == 0)
			return false;
	}
	return false;
}

/* One branch of user code in the user's words: an error check names the
 * Python operation that raised (else the statement); a test of a temporary
 * takes the .pyx condition. */
static void say_branch(Locator *lc, AcBlock *b, const AcCythonTemps *temps, const char *l, size_t n)
{
	const AcCythonSpan *sp = span_of(lc, b->term_loc);
	AcArena *a = &lc->tu->arena;
	if (is_error_check(l, n, b->term_loc.col)) {
		const char *op = ac_cython_raising_op(temps, l, n, a);
		b->raises = op ? op : ac_cython_statement(sp->text, a);
		if (!*b->raises)
			b->raises = NULL;
	} else if (b->cond_text && strstr(b->cond_text, "__pyx_t_")) {
		b->cond_text = ac_cython_condition(sp->text, a);
	}
}

/* Walks the function's C lines in order, tracking what each temporary
 * holds, and words every branch of user code. */
static void say_branches(Locator *lc, AcFunc *fn)
{
	AC_VEC(LineBlock) bl = {0};
	for (size_t b = 0; b < fn->nblocks; b++) {
		if (fn->blocks[b].term == AC_TERM_BRANCH && span_of(lc, fn->blocks[b].term_loc)) {
			LineBlock x = {fn->blocks[b].term_loc.line, b};
			AC_VEC_PUSH(&bl, x);
		}
	}
	if (bl.n)
		qsort(bl.v, bl.n, sizeof *bl.v, cmp_line_block);
	AcCythonTemps *temps = ac_calloc(1, sizeof *temps);
	size_t k = 0;
	for (unsigned line = fn->loc.line; k < bl.n && line <= fn->end_loc.line; line++) {
		size_t n;
		const char *l = c_line(lc, line, &n);
		if (!l)
			break;
		for (; k < bl.n && bl.v[k].line == line; k++)
			say_branch(lc, &fn->blocks[bl.v[k].block], temps, l, n);
		ac_cython_temps_line(temps, l, n, &lc->tu->arena);
	}
	ac_free(temps);
	AC_VEC_FREE(&bl);
}

/* Whether path may be Cython output: false when its first line says it is
 * not, read from its first few KB instead of the whole file (every TU is
 * asked, and C from Cython is rare). */
static bool may_be_cython(const char *path)
{
	char head[4096];
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = fread(head, 1, sizeof head, f);
	bool whole = n < sizeof head && !ferror(f);
	fclose(f);
	return ac_cython_map_generated(head, n, whole) != 0;
}

void ac_cython_locate_tu(AcTu *tu, const AcCythonOptions *opt)
{
	size_t n = 0;
	char *text = tu->path && may_be_cython(tu->path) ? ac_textfile_read(tu->path, &n) : NULL;
	if (!text)
		return;
	Locator lc = {.tu = tu, .opt = opt, .to_pyx = opt->locations == AC_CYTHON_PYX, .text = text, .size = n};
	ac_cython_map_build(&lc.map, text, n, &lc.scratch);
	if (lc.map.cython) {
		AC_VEC_PUSH(&lc.starts, 0);
		for (size_t i = 0; i < n; i++) {
			if (text[i] == '\n')
				AC_VEC_PUSH(&lc.starts, i + 1);
		}
	}
	for (size_t f = 0; lc.map.cython && f < tu->nfuncs; f++) {
		AcFunc *fn = &tu->funcs[f];
		mark_exits(&lc, fn);
		hide_temporaries(fn);
		say_branches(&lc, fn);
		if (lc.to_pyx)
			move_func(&lc, fn);
	}
	ac_free(text);
	AC_VEC_FREE(&lc.starts);
	AC_VEC_FREE(&lc.resolved);
	ac_arena_free(&lc.scratch);
}

/* --- findings ------------------------------------------------------------ */

/* The markers of one generated file that findings point into. */
typedef struct Generated {
	const char *path; /* in Files.arena */
	AcCythonMap map;  /* cython false: not Cython output (or unreadable) */
} Generated;

typedef struct Files {
	AcArena arena;    /* the maps */
	AC_VEC(Generated) list;
} Files;

static const AcCythonMap *map_of(Files *fs, const char *path)
{
	for (size_t i = 0; i < fs->list.n; i++) {
		if (strcmp(fs->list.v[i].path, path) == 0)
			return &fs->list.v[i].map;
	}
	Generated g = {ac_arena_strdup(&fs->arena, path), {0}};
	size_t n = 0;
	char *text = ac_textfile_read(path, &n);
	if (text)
		ac_cython_map_build(&g.map, text, n, &fs->arena);
	ac_free(text);
	AC_VEC_PUSH(&fs->list, g);
	return &fs->list.v[fs->list.n - 1].map;
}

/* Prepends the note "in SRC:LINE: statement" located at the finding. */
static void add_origin(AcFindings *all, AcFinding *f, const AcCythonSpan *sp)
{
	AcNote *notes = AC_ARENA_ARRAY(&all->arena, AcNote, f->nnotes + 1);
	notes[0].loc = f->loc;
	notes[0].msg = *sp->text ? ac_arena_printf(&all->arena, "in %s:%u: %s", sp->src, sp->line, sp->text)
	                         : ac_arena_printf(&all->arena, "in %s:%u", sp->src, sp->line);
	memcpy(notes + 1, f->notes, f->nnotes * sizeof *notes);
	f->notes = notes;
	f->nnotes++;
	f->origin = *sp->text ? ac_arena_strdup(&all->arena, sp->text) : NULL;
}

void ac_cython_locate_findings(AcFindings *all)
{
	Files files = {0};
	for (size_t i = 0; i < all->list.n; i++) {
		AcFinding *f = &all->list.v[i];
		if (!f->loc.file || !f->loc.line || f->origin)
			continue;
		if (f->nnotes && strncmp(f->notes[0].msg, "in ", 3) == 0 && f->notes[0].loc.line == f->loc.line &&
		    f->notes[0].loc.file && strcmp(f->notes[0].loc.file, f->loc.file) == 0)
			continue; /* read back from a report that has it (merge) */
		const AcCythonSpan *sp = ac_cython_map_at(map_of(&files, f->loc.file), f->loc.line);
		if (sp)
			add_origin(all, f, sp);
	}
	AC_VEC_FREE(&files.list);
	ac_arena_free(&files.arena);
}
