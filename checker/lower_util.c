/*
 * lower_util: the building blocks of the lowering (see lower.h): blocks and
 * terminators, ops, full-expression temporaries, place creation with
 * de-duplication, cursor helpers, locations and source text.
 *
 * The one design choice worth knowing: the current block L->cur is -1 after
 * a terminator (an unreachable point). The next op creates a fresh block with
 * no predecessors, so dead code is still lowered (harmlessly) and a scope end
 * can tell whether it is reachable from the lowering alone.
 */
#define _POSIX_C_SOURCE 200809L /* access */
#include "lower.h"

#include <assert.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

/* --- cursor-keyed map ------------------------------------------------------ */

static void map_grow(LwMap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	LwSlot *slots = ac_calloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slots[i].used)
			continue;
		size_t j = m->slots[i].hash & (cap - 1);
		while (slots[j].used)
			j = (j + 1) & (cap - 1);
		slots[j] = m->slots[i];
	}
	ac_free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

int lw_map_get(const LwMap *m, CXCursor key)
{
	if (!m->cap)
		return -1;
	unsigned h = clang_hashCursor(key);
	for (size_t j = h & (m->cap - 1); m->slots[j].used; j = (j + 1) & (m->cap - 1)) {
		const LwSlot *s = &m->slots[j];
		if (s->hash == h && clang_equalCursors(s->key, key))
			return s->value;
	}
	return -1;
}

void lw_map_put(LwMap *m, CXCursor key, int value)
{
	if ((m->count + 1) * 2 > m->cap)
		map_grow(m);
	unsigned h = clang_hashCursor(key);
	size_t j = h & (m->cap - 1);
	while (m->slots[j].used)
		j = (j + 1) & (m->cap - 1);
	m->slots[j] = (LwSlot){key, h, value, true};
	m->count++;
}

void lw_map_free(LwMap *m)
{
	ac_free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

/* --- file texts and locations ---------------------------------------------- */

static LwFile *file_entry(LwFiles *fs, CXFile f)
{
	if (fs->last < fs->v.n && fs->v.v[fs->last].file == f)
		return &fs->v.v[fs->last];
	for (size_t i = 0; i < fs->v.n; i++) /* the same file may come as another CXFile */
		if (fs->v.v[i].file == f || clang_File_isEqual(fs->v.v[i].file, f)) {
			fs->last = i;
			return &fs->v.v[i];
		}
	LwFile e = {.file = f};
	AC_VEC_PUSH(&fs->v, e);
	fs->last = fs->v.n - 1;
	return &fs->v.v[fs->last];
}

/* The whole of the open file fd, NUL-terminated, on the mem funnel; NULL
 * when it cannot be read. */
static char *read_fd(int fd, size_t *size)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (cap - n < 4096)
			buf = ac_realloc(buf, cap = cap ? cap * 2 : 16384);
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0) {
			ac_free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*size = n;
	return buf;
}

/* The text of header f read from its file, when the file opened is the one
 * libclang read (the device, inode and modification time of
 * clang_getFileUniqueID); NULL otherwise. clang_getFileContents finds the
 * file's entry by walking every source entry of the TU, the TU's macro
 * expansions first, and with a PCH reads each of the PCH's entries back:
 * 4-5 M instructions a call on CPython's files parsed with Python.h's PCH,
 * where reading the file costs a few system calls. */
static char *read_header(CXFile f, size_t *size)
{
	CXFileUniqueID id;
	if (clang_getFileUniqueID(f, &id) != 0)
		return NULL;
	CXString real = clang_File_tryGetRealPathName(f);
	CXString name = clang_getFileName(f);
	const char *path = clang_getCString(real);
	if (!path || path[0] != '/')
		path = clang_getCString(name);
	char *text = NULL;
	int fd = path && path[0] == '/' ? open(path, O_RDONLY) : -1;
	if (fd >= 0) {
		struct stat st;
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_dev == id.data[0] &&
		    (unsigned long long)st.st_ino == id.data[1] && (unsigned long long)st.st_mtime == id.data[2])
			text = read_fd(fd, size);
		close(fd);
	}
	clang_disposeString(real);
	clang_disposeString(name);
	return text;
}

const char *lw_file_text(LwFiles *fs, CXTranslationUnit ctu, CXFile f, size_t *size)
{
	*size = 0;
	if (!f)
		return NULL;
	LwFile *e = file_entry(fs, f);
	if (!e->has_text) {
		bool main = f == fs->main || clang_File_isEqual(f, fs->main);
		e->own = main ? NULL : read_header(f, &e->size); /* the main file's text may be unsaved */
		e->text = e->own ? e->own : clang_getFileContents(ctu, f, &e->size);
		e->has_text = true;
	}
	*size = e->size;
	return e->text;
}

static bool at_offset(CXSourceLocation loc, CXFile f, unsigned off)
{
	CXFile lf = NULL;
	unsigned loff = 0;
	clang_getFileLocation(loc, &lf, NULL, NULL, &loff);
	return lf && loff == off && clang_File_isEqual(lf, f);
}

/* A file location is its file's start plus the offset (clang's
 * ASTUnit::getLocation adds them so); each sum is checked by decomposing it
 * again, which costs a search of the TU's source entries by address, and the
 * lookup by file answers when it does not hold. The main file is looked up
 * at once (libclang tries it first), and asked as before: there, where the
 * offset is inside a macro argument, libclang answers with the location of
 * that argument's expansion, not the file location. */
CXSourceLocation lw_file_location(LwFiles *fs, CXTranslationUnit ctu, CXFile f, unsigned off)
{
	if (!f || f == fs->main || clang_File_isEqual(f, fs->main))
		return clang_getLocationForOffset(ctu, f, off);
	LwFile *e = file_entry(fs, f);
	if (!e->has_start) {
		e->start = clang_getLocationForOffset(ctu, f, 0);
		e->has_start = true;
		e->start_ok = at_offset(e->start, f, 0);
	}
	CXSourceLocation loc = e->start;
	loc.int_data += off;
	if (!e->start_ok || !at_offset(loc, f, off))
		return clang_getLocationForOffset(ctu, f, off);
	return loc;
}

bool lw_is_main_file(const LwFiles *fs, CXFile f)
{
	return f == fs->main || clang_File_isEqual(f, fs->main);
}

static void main_start(LwFiles *fs, CXTranslationUnit ctu)
{
	if (fs->has_main_start)
		return;
	/* the extent of the TU is its main file's */
	fs->main_start = clang_getRangeStart(lw_cursor_extent(clang_getTranslationUnitCursor(ctu)));
	fs->has_main_start = true;
	fs->main_start_ok = fs->main && at_offset(fs->main_start, fs->main, 0);
}

CXSourceLocation lw_file_plain_location(LwFiles *fs, CXTranslationUnit ctu, CXFile f, unsigned off)
{
	if (!f || !(f == fs->main || clang_File_isEqual(f, fs->main)))
		return lw_file_location(fs, ctu, f, off); /* a header's is its file location */
	main_start(fs, ctu);
	CXSourceLocation loc = fs->main_start;
	loc.int_data += off;
	if (!fs->main_start_ok || !at_offset(loc, f, off))
		return clang_getLocationForOffset(ctu, f, off);
	return loc;
}

static bool ident_start(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static bool ident_char(unsigned char ch)
{
	return ident_start(ch) || (ch >= '0' && ch <= '9');
}

size_t lw_file_ident(LwFiles *fs, CXTranslationUnit ctu, CXFile f, unsigned off, const char **at)
{
	size_t size = 0;
	const char *text = lw_file_text(fs, ctu, f, &size);
	if (!text || off >= size || !ident_start((unsigned char)text[off]))
		return 0;
	size_t end = off;
	while (end < size && ident_char((unsigned char)text[end]))
		end++;
	if (end < size) {
		unsigned char next = (unsigned char)text[end];
		/* a splice, a UCN, '$', a trigraph, a string or character
		 * literal's prefix (L"", u8''), a UTF-8 letter: the lexer's to say */
		if (next == '\\' || next == '$' || next == '?' || next == '"' || next == '\'' || next >= 0x80)
			return 0;
	}
	*at = text + off;
	return end - off;
}

/* The main file's line table: where each line starts, as SourceManager's
 * ComputeLineNumbers finds them when no line ends in '\r'. */
static void main_lines(LwFiles *fs, CXTranslationUnit ctu)
{
	fs->has_lines = true;
	main_start(fs, ctu);
	size_t size = 0;
	const char *text = fs->main_start_ok ? lw_file_text(fs, ctu, fs->main, &size) : NULL;
	if (!text || size >= (1u << 30) || memchr(text, '\r', size))
		return;
	clang_getFileLocation(fs->main_start, &fs->loc_main, NULL, NULL, NULL);
	if (!fs->loc_main)
		return;
	size_t n = 1;
	for (const char *p = text; (p = memchr(p, '\n', size - (size_t)(p - text))) != NULL; p++)
		n++;
	fs->line_starts = ac_malloc(n * sizeof *fs->line_starts);
	fs->line_starts[0] = 0;
	fs->nlines = 1;
	for (const char *p = text; (p = memchr(p, '\n', size - (size_t)(p - text))) != NULL; p++)
		fs->line_starts[fs->nlines++] = (unsigned)(p - text) + 1;
	fs->main_size = (unsigned)size;
	fs->lines_ok = true;
}

bool lw_main_file_location(LwFiles *fs, CXTranslationUnit ctu, CXSourceLocation sl, CXFile *f, unsigned *line,
			   unsigned *col, unsigned *off)
{
	if (!fs->has_lines)
		main_lines(fs, ctu);
	/* a macro location has the top bit of its encoding set; the main file's
	 * entry covers its offsets and the one past its end */
	if (!fs->lines_ok || sl.ptr_data[0] != fs->main_start.ptr_data[0] || (sl.int_data & 0x80000000u) ||
	    sl.int_data < fs->main_start.int_data || sl.int_data - fs->main_start.int_data > fs->main_size)
		return false;
	unsigned o = sl.int_data - fs->main_start.int_data;
	size_t lo = 0, hi = fs->nlines; /* the last line starting at or before o */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (fs->line_starts[mid] <= o)
			lo = mid;
		else
			hi = mid;
	}
	*f = fs->loc_main;
	*line = (unsigned)lo + 1;
	*col = o - fs->line_starts[lo] + 1;
	*off = o;
	return true;
}

void lw_file_seed(LwFiles *fs, CXTranslationUnit ctu, CXCursor c)
{
	CXFile f;
	unsigned off;
	CXSourceLocation at = clang_getCursorLocation(c);
	clang_getSpellingLocation(at, &f, NULL, NULL, &off);
	if (!f || f == fs->main || clang_File_isEqual(f, fs->main))
		return;
	LwFile *e = file_entry(fs, f);
	if (e->has_start || e->seeds >= 4)
		return; /* known, or the extents tried did not start where they are spelled */
	e->seeds++;
	CXToken *toks = NULL;
	unsigned n = 0;
	clang_tokenize(ctu, clang_getRange(at, at), &toks, &n); /* the token spelled there */
	if (n) {
		CXSourceLocation start = clang_getTokenLocation(ctu, toks[0]);
		if (at_offset(start, f, off) && start.int_data >= off) {
			start.int_data -= off;
			if (at_offset(start, f, 0)) {
				e->start = start;
				e->has_start = e->start_ok = true;
			}
		}
	}
	clang_disposeTokens(ctu, toks, n);
}

void lw_files_init(LwFiles *fs, CXTranslationUnit ctu)
{
	memset(fs, 0, sizeof *fs);
	CXString spelling = clang_getTranslationUnitSpelling(ctu);
	fs->main = clang_getFile(ctu, clang_getCString(spelling));
	clang_disposeString(spelling);
}

void lw_files_free(LwFiles *fs)
{
	for (size_t i = 0; i < fs->v.n; i++)
		ac_free(fs->v.v[i].own);
	AC_VEC_FREE(&fs->v);
	fs->last = 0;
	ac_free(fs->line_starts);
	fs->line_starts = NULL;
}

/* --- blocks and terminators -------------------------------------------------- */

int lw_new_block(Lw *L)
{
	LwBlock b;
	memset(&b, 0, sizeof b);
	b.term = AC_TERM_JUMP;
	AC_VEC_PUSH(&L->blocks, b);
	return (int)L->blocks.n - 1;
}

void lw_set_cur(Lw *L, int b)
{
	assert(b >= 0 && (size_t)b < L->blocks.n && !L->blocks.v[b].done);
	L->cur = b;
}

int lw_ensure_cur(Lw *L)
{
	if (L->cur < 0)
		L->cur = lw_new_block(L);
	return L->cur;
}

bool lw_fresh(const Lw *L, int b)
{
	return L->blocks.v[b].ops.n == 0 && !L->blocks.v[b].done;
}

void lw_edge(Lw *L, int from, int to)
{
	AC_VEC_PUSH(&L->blocks.v[from].succ, to);
}

/* Ends cur with JUMP to `to` (at loc, the statement that jumps, if any).
 * From an unreachable point nothing is emitted. */
void lw_jump_at(Lw *L, int to, AcLoc loc)
{
	if (L->cur < 0)
		return;
	LwBlock *b = &L->blocks.v[L->cur];
	b->term = AC_TERM_JUMP;
	b->term_loc = loc;
	b->done = true;
	if (to >= 0)
		AC_VEC_PUSH(&b->succ, to);
	L->cur = -1;
}

void lw_jump(Lw *L, int to)
{
	AcLoc none = {0};
	lw_jump_at(L, to, none);
}

void lw_branch(Lw *L, AcOperand cond, int t, int f, CXCursor text, bool negated, const AcCondKey *key)
{
	int id = lw_ensure_cur(L); /* first: it may grow blocks */
	LwBlock *b = &L->blocks.v[id];
	b->term = AC_TERM_BRANCH;
	b->cond = cond;
	b->term_loc = lw_loc_of(L, text);
	b->cond_text = lw_text(L, text);
	b->cond_negated = negated;
	b->cond_key = key;
	b->done = true;
	AC_VEC_PUSH(&b->succ, t);
	AC_VEC_PUSH(&b->succ, f);
	L->cur = -1;
}

void lw_return(Lw *L, AcOperand v, AcLoc loc)
{
	int id = lw_ensure_cur(L); /* first: it may grow blocks */
	LwBlock *b = &L->blocks.v[id];
	b->term = AC_TERM_RETURN;
	b->ret = v;
	b->term_loc = loc;
	b->done = true;
	L->cur = -1;
}

void lw_noreturn(Lw *L, AcLoc loc)
{
	int id = lw_ensure_cur(L); /* first: it may grow blocks */
	LwBlock *b = &L->blocks.v[id];
	b->term = AC_TERM_NORETURN;
	b->term_loc = loc;
	b->done = true;
	L->cur = -1;
}

bool lw_enter(Lw *L)
{
	if (L->depth >= LW_MAX_DEPTH) {
		L->too_deep = true;
		return false;
	}
	L->depth++;
	return true;
}

void lw_leave(Lw *L)
{
	L->depth--;
}

int lw_target(Lw *L, LwTarget *t)
{
	if (t->block < 0)
		t->block = lw_new_block(L);
	return t->block;
}

/* --- ops --------------------------------------------------------------------- */

static AcOp *emit_into(Lw *L, int b, AcOpKind kind, AcLoc loc)
{
	LwBlock *blk = &L->blocks.v[b];
	assert(!blk->done);
	AcOp op;
	memset(&op, 0, sizeof op);
	op.kind = kind;
	op.loc = loc;
	op.dst = -1;
	op.src = LW_NONE;
	AC_VEC_PUSH(&blk->ops, op);
	return &blk->ops.v[blk->ops.n - 1];
}

AcOp *lw_emit(Lw *L, AcOpKind kind, AcLoc loc)
{
	return emit_into(L, lw_ensure_cur(L), kind, loc);
}

void lw_assign(Lw *L, int dst, AcOperand src, AcLoc loc)
{
	AcOp *op = lw_emit(L, AC_OP_ASSIGN, loc);
	op->dst = dst;
	op->src = src;
}

void lw_deref(Lw *L, int place, AcLoc loc)
{
	AcOp *op = lw_emit(L, AC_OP_DEREF, loc);
	op->src = lw_opnd(AC_OPND_PLACE, place);
}

/* Values that may hold a tracked pointer escape; constants cannot. */
void lw_escape(Lw *L, AcOperand v, AcLoc loc)
{
	if (v.kind != AC_OPND_PLACE && v.kind != AC_OPND_OFFSET)
		return;
	AcOp *op = lw_emit(L, AC_OP_ESCAPE, loc);
	op->src = v;
}

void lw_write_unplaced(Lw *L, AcLoc loc)
{
	AcOp *op = lw_emit(L, AC_OP_ESCAPE, loc);
	op->src = (AcOperand){AC_OPND_NONE, -1, 0, NULL};
}

void lw_kill(Lw *L, int b, const int *ids, size_t n, AcLoc loc)
{
	if (!n)
		return;
	int *copy = AC_ARENA_ARRAY(&L->tu->arena, int, n);
	memcpy(copy, ids, n * sizeof *ids);
	AcOp *op = emit_into(L, b, AC_OP_KILL, loc);
	op->kill = copy;
	op->nkill = n;
}

/* --- full expressions and temporaries -------------------------------------- */

size_t lw_fe_begin(Lw *L)
{
	return L->live.n;
}

static void release_temps(Lw *L, size_t mark)
{
	for (size_t i = mark; i < L->live.n; i++)
		lw_release_temp(L, L->live.v[i]);
	L->live.n = mark;
}

void lw_fe_end(Lw *L, size_t mark, CXCursor at)
{
	if (L->live.n > mark && L->cur >= 0)
		lw_kill(L, L->cur, &L->live.v[mark], L->live.n - mark, lw_loc_of(L, at));
	release_temps(L, mark);
}

void lw_fe_end_cond(Lw *L, size_t mark, int t, int f, CXCursor at)
{
	size_t n = L->live.n - mark;
	if (n) {
		assert(lw_fresh(L, t) && lw_fresh(L, f) && t != f);
		AcLoc loc = lw_loc_of(L, at);
		lw_kill(L, t, &L->live.v[mark], n, loc);
		lw_kill(L, f, &L->live.v[mark], n, loc);
	}
	release_temps(L, mark);
}

static int new_place(Lw *L, const AcPlace *p)
{
	AC_VEC_PUSH(&L->places, *p);
	AC_VEC_PUSH(&L->pfield, NULL);
	return (int)L->places.n - 1;
}

void lw_release_temp(Lw *L, int id)
{
	for (size_t k = 0; k < L->temps.n; k++)
		if (L->temps.v[k] == id)
			L->temp_busy.v[k] = false;
}

/* A free temporary, marked busy; -1 when a new one is needed. */
static int reuse_temp(Lw *L, bool is_pointer)
{
	for (size_t k = 0; k < L->temps.n; k++) {
		int id = L->temps.v[k];
		if (!L->temp_busy.v[k] && L->places.v[id].is_pointer == is_pointer) {
			L->temp_busy.v[k] = true;
			return id;
		}
	}
	return -1;
}

static int new_temp(Lw *L, bool is_pointer);

/* Temporaries are reused once their full expression has ended (they were
 * killed), keeping the place count of a long function small. Pointer and
 * non-pointer temps are pooled apart so is_pointer stays true to the place. */
int lw_temp(Lw *L, bool is_pointer)
{
	int id = reuse_temp(L, is_pointer);
	if (id < 0)
		id = new_temp(L, is_pointer);
	AC_VEC_PUSH(&L->live, id);
	return id;
}

/* A compound literal lives until the end of the enclosing block: its
 * temporary joins the scope, not the full expression. */
int lw_scope_temp(Lw *L, bool is_pointer)
{
	int id = reuse_temp(L, is_pointer);
	if (id < 0)
		id = new_temp(L, is_pointer);
	AC_VEC_PUSH(&L->scope, id);
	return id;
}

static int new_temp(Lw *L, bool is_pointer)
{
	AcPlace p;
	memset(&p, 0, sizeof p);
	p.kind = AC_PLACE_TEMP;
	p.parent = -1;
	p.index = -1;
	p.index_var = -1;
	p.name = ac_arena_printf(&L->tu->arena, "t%zu", L->temps.n);
	p.name = ac_intern(&L->tu->names, p.name);
	p.storage = AC_STORAGE_LOCAL;
	p.param_index = -1;
	p.is_pointer = is_pointer;
	int id = new_place(L, &p);
	L->places.v[id].root = id;
	AC_VEC_PUSH(&L->temps, id);
	AC_VEC_PUSH(&L->temp_busy, true);
	return id;
}

/* --- places ------------------------------------------------------------------- */

/* Whether an attribute child of decl is spelled `name` (or `__name__`).
 * Attributes are UnexposedAttr cursors named only by their first token, which
 * for a macro such as `_cleanup_free_` is found at the spelling location. */
static bool has_attr_token(LwTu *t, CXCursor decl, const char *name);

static AcStorage var_storage(CXCursor decl)
{
	if (clang_getCursorKind(decl) == CXCursor_ParmDecl)
		return AC_STORAGE_PARAM;
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
	if (sc == CX_SC_Static || sc == CX_SC_Extern)
		return AC_STORAGE_GLOBAL;
	CXCursor parent = clang_getCursorSemanticParent(decl);
	if (clang_getCursorKind(parent) == CXCursor_TranslationUnit)
		return AC_STORAGE_GLOBAL;
	return AC_STORAGE_LOCAL;
}

/* GError *: a pointer to the type GLib names GError (through its typedef). */
static bool is_gerror_pointer(CXType t)
{
	if (t.kind != CXType_Pointer)
		return false;
	CXString s = clang_getTypeSpelling(clang_getPointeeType(t));
	bool yes = strcmp(clang_getCString(s), "GError") == 0;
	clang_disposeString(s);
	return yes;
}

const char *lw_link_key(LwTu *t, CXCursor decl)
{
	if (clang_getCursorKind(decl) != CXCursor_VarDecl ||
	    clang_getCursorKind(clang_getCursorSemanticParent(decl)) != CXCursor_TranslationUnit)
		return NULL;
	const char *name = lw_spelling(t, decl);
	if (!name)
		return NULL;
	switch (clang_getCursorLinkage(decl)) {
	case CXLinkage_External:
		return name;
	case CXLinkage_Internal:
		return ac_intern(&t->tu->names, ac_arena_printf(&t->tu->arena, "%s::%s", t->tu->path ? t->tu->path : "", name));
	default:
		return NULL;
	}
}

int lw_var(Lw *L, CXCursor decl)
{
	CXCursor canon = clang_getCanonicalCursor(decl);
	int id = lw_map_get(&L->vars, canon);
	if (id >= 0)
		return id;
	AcPlace p;
	memset(&p, 0, sizeof p);
	p.kind = AC_PLACE_VAR;
	p.parent = -1;
	p.index = -1;
	p.index_var = -1;
	p.name = lw_spelling(L->t, decl);
	if (!p.name)
		p.name = ac_intern(&L->tu->names, "<unnamed>");
	else if (strncmp(p.name, "__pyx_v_", 8) == 0 && p.name[8])
		p.name = ac_intern(&L->tu->names, p.name + 8); /* Cython's variable: the name in the .pyx */
	p.storage = var_storage(decl);
	p.param_index = -1;
	/* A parameter declared as an array (char *argv[]) is a pointer. */
	p.is_pointer = lw_is_pointer_type(lw_cursor_type(decl)) ||
	               (clang_getCursorKind(decl) == CXCursor_ParmDecl && lw_is_array_type(lw_cursor_type(decl)));
	p.cleanup = has_attr_token(L->t, decl, "cleanup");
	p.decl_loc = lw_loc(L->t, clang_getCursorLocation(decl));
	p.error_out = p.is_pointer && is_gerror_pointer(lw_cursor_type(decl));
	p.link_key = lw_link_key(L->t, decl);
	p.read_only = p.storage == AC_STORAGE_GLOBAL && clang_isConstQualifiedType(lw_cursor_type(decl)) &&
	              !clang_isVolatileQualifiedType(lw_cursor_type(decl));
	id = new_place(L, &p);
	L->places.v[id].root = id;
	lw_map_put(&L->vars, canon, id);
	return id;
}

static size_t derived_hash(AcPlaceKind kind, int parent, const char *field, long index,
                           bool through)
{
	size_t h = (size_t)kind * 0x9e3779b97f4a7c15u;
	h = (h ^ (size_t)parent) * 0x100000001b3u;
	h = (h ^ (size_t)(uintptr_t)field) * 0x100000001b3u;
	h = (h ^ (size_t)index) * 0x100000001b3u;
	return (h ^ (size_t)through) * 0x100000001b3u;
}

/* An element's index as lw_derived takes it: the constant, -1 unknown, or
 * -2 - v for the variable at place v. */
static long index_key(const AcPlace *p)
{
	return p->index_var >= 0 ? -2 - (long)p->index_var : p->index;
}

static bool derived_eq(const Lw *L, int id, AcPlaceKind kind, int parent, const char *field,
                       long index, bool through)
{
	const AcPlace *p = &L->places.v[id];
	return p->kind == kind && p->parent == parent && L->pfield.v[id] == field &&
	       index_key(p) == index && p->through_ptr == through;
}

/* The table holds place id + 1 (0 = empty) and is rebuilt at 1/2 load. */
static void derived_insert(Lw *L, int id)
{
	if ((L->dcount + 1) * 2 > L->dcap) {
		size_t cap = L->dcap ? L->dcap * 2 : 64;
		int *tab = ac_calloc(cap, sizeof *tab);
		int *old = L->dtab;
		size_t oldcap = L->dcap;
		L->dtab = tab;
		L->dcap = cap;
		L->dcount = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				derived_insert(L, old[i] - 1);
		ac_free(old);
	}
	const AcPlace *p = &L->places.v[id];
	size_t j = derived_hash(p->kind, p->parent, L->pfield.v[id], index_key(p), p->through_ptr) &
		   (L->dcap - 1);
	while (L->dtab[j])
		j = (j + 1) & (L->dcap - 1);
	L->dtab[j] = id + 1;
	L->dcount++;
}

static const char *derived_name(Lw *L, AcPlaceKind kind, int parent, const char *field,
                                long index, bool through)
{
	const AcPlace *pp = &L->places.v[parent];
	AcArena *a = &L->tu->arena;
	/* (*p).f and (*p)[i] need the parentheses to read as C. */
	const char *base = pp->kind == AC_PLACE_DEREF && kind != AC_PLACE_DEREF
				   ? ac_arena_printf(a, "(%s)", pp->name)
				   : pp->name;
	const char *s;
	if (kind == AC_PLACE_MEMBER)
		s = ac_arena_printf(a, "%s%s%s", base, through ? "->" : ".", field);
	else if (kind == AC_PLACE_ELEM && index >= 0)
		s = ac_arena_printf(a, "%s[%ld]", base, index);
	else if (kind == AC_PLACE_ELEM && index <= -2)
		s = ac_arena_printf(a, "%s[%s]", base, L->places.v[-2 - index].name);
	else if (kind == AC_PLACE_ELEM)
		s = ac_arena_printf(a, "%s[]", base);
	else
		s = ac_arena_printf(a, "*%s", base);
	return ac_intern(&L->tu->names, s);
}

int lw_derived(Lw *L, AcPlaceKind kind, int parent, const char *field, long index,
               bool through_ptr, bool is_pointer)
{
	assert(parent >= 0 && (size_t)parent < L->places.n);
	if (kind == AC_PLACE_DEREF)
		through_ptr = true;
	if (kind != AC_PLACE_ELEM || index < -1 - (long)L->places.n || (index < 0 && index > -2))
		index = -1; /* index <= -2: the variable at place -2 - index (index_key) */
	if (L->dcap) {
		size_t j = derived_hash(kind, parent, field, index, through_ptr) & (L->dcap - 1);
		for (; L->dtab[j]; j = (j + 1) & (L->dcap - 1))
			if (derived_eq(L, L->dtab[j] - 1, kind, parent, field, index, through_ptr))
				return L->dtab[j] - 1;
	}
	const AcPlace *pp = &L->places.v[parent];
	AcPlace p;
	memset(&p, 0, sizeof p);
	p.kind = kind;
	p.parent = parent;
	p.through_ptr = through_ptr;
	p.index = index >= 0 ? index : -1;
	p.index_var = index <= -2 ? (int)(-2 - index) : -1;
	p.name = derived_name(L, kind, parent, field, index, through_ptr);
	p.storage = pp->storage;
	p.root = pp->root;
	p.param_index = pp->param_index;
	p.is_pointer = is_pointer;
	int id = new_place(L, &p);
	L->pfield.v[id] = field;
	derived_insert(L, id);
	return id;
}

/* A field's USR is asked once per TU: libclang prints it anew each time
 * (1,840 instructions a call, 5k calls on lua5.4). */
void lw_set_field_key(Lw *L, int id, CXCursor member)
{
	if (id < 0 || L->places.v[id].field_key)
		return;
	LwTu *t = L->t;
	CXCursor field = clang_getCursorReferenced(member);
	int k = lw_map_get(&t->field_map, field);
	if (k < 0) {
		CXString usr = clang_getCursorUSR(field);
		const char *s = clang_getCString(usr);
		const char *key = s && *s ? ac_intern(&L->tu->names, s) : NULL;
		clang_disposeString(usr);
		k = (int)t->field_keys.n;
		AC_VEC_PUSH(&t->field_keys, key);
		lw_map_put(&t->field_map, field, k);
	}
	L->places.v[id].field_key = t->field_keys.v[k];
}

int lw_ensure_place(Lw *L, AcOperand v, AcLoc loc, bool is_pointer)
{
	if (v.kind == AC_OPND_PLACE)
		return v.place;
	int t = lw_temp(L, is_pointer);
	lw_assign(L, t, v, loc);
	return t;
}

/* &x.a[2] takes the address of x; &p->a or &*p does not (the storage is
 * reached through a pointer). */
void lw_mark_addr_taken(Lw *L, int place)
{
	for (int p = place; p >= 0;) {
		AcPlace *pl = &L->places.v[p];
		if (pl->kind == AC_PLACE_VAR) {
			pl->addr_taken = true;
			return;
		}
		if (pl->kind == AC_PLACE_TEMP || pl->kind == AC_PLACE_DEREF || pl->through_ptr)
			return;
		p = pl->parent;
	}
}

/* --- cursors -------------------------------------------------------------------- */

typedef struct KidsAcc {
	CXCursor *out;
	size_t max;
	size_t n;
} KidsAcc;

static enum CXChildVisitResult kids_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	KidsAcc *acc = data;
	if (acc->n < acc->max)
		acc->out[acc->n] = c;
	acc->n++;
	return CXChildVisit_Continue;
}

/* The lowering asks for the children of most expressions several times
 * (lw_strip, then the expression's own case, then a key or a test), and
 * each clang_visitChildren costs ~900 instructions; it asks for the type of
 * a cursor again the same way (its kind to strip it, then whether it is a
 * pointer for the operation and for the key: 159k calls of ~200
 * instructions lowering lua5.4), and for the extent of a call (its
 * location, then the macro it is written in: ~1,500 instructions, which
 * lex the last token again); it asks for the canonical type of a few
 * types (int, char *, the TU's structs) ~100k times on a file of lua, and
 * whether a function type says noreturn (its spelling) for each callee. The lowering of a TU keeps the first children of the
 * last cursors asked about, and the last answers about types, in tables
 * indexed by a hash, a new key taking its slot's place: each answer is the
 * one libclang gives for that key. The tables live while ac_lower_tu runs,
 * for its thread: the helpers asking are given a cursor or a type and
 * nothing else. */
enum {
	KIDS_KEEP = 5,
	KIDS_SLOTS = 1024,
	CURSOR_TYPE_SLOTS = 1024,
	EXTENT_SLOTS = 512,
	EVAL_SLOTS = 512,
	TYPE_SLOTS = 256
};

typedef struct KidsSlot {
	CXCursor key;
	unsigned n; /* children in all; the first ones (KIDS_KEEP at most) in kids */
	CXCursor kids[KIDS_KEEP];
} KidsSlot;

typedef struct EvalSlot {
	bool ok;         /* an integer... */
	long long value; /* ...of this value */
} EvalSlot;

typedef struct TypeSlot {
	CXType key, canon;
} TypeSlot;

typedef struct NoreturnSlot {
	CXType key;
	bool noreturn;
} NoreturnSlot;

struct LwCache {
	bool errors; /* the TU has a diagnostic of severity error or worse */
	bool kids_used[KIDS_SLOTS]; /* the slots are not initialised until used */
	bool cursor_types_used[CURSOR_TYPE_SLOTS];
	bool extents_used[EXTENT_SLOTS];
	bool evals_used[EVAL_SLOTS];
	bool types_used[TYPE_SLOTS];
	bool noreturn_used[TYPE_SLOTS];
	KidsSlot kids[KIDS_SLOTS];
	CXCursor cursor_type_keys[CURSOR_TYPE_SLOTS]; /* the cursor whose answer a slot holds */
	CXType cursor_types[CURSOR_TYPE_SLOTS];
	CXCursor extent_keys[EXTENT_SLOTS];
	CXSourceRange extents[EXTENT_SLOTS];
	CXCursor eval_keys[EVAL_SLOTS];
	EvalSlot evals[EVAL_SLOTS];
	TypeSlot types[TYPE_SLOTS];
	NoreturnSlot noreturn[TYPE_SLOTS];
};

static _Thread_local LwCache *tls_cache;

static bool has_errors(CXTranslationUnit ctu)
{
	unsigned n = clang_getNumDiagnostics(ctu);
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctu, i);
		bool error = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;
		clang_disposeDiagnostic(d);
		if (error)
			return true;
	}
	return false;
}

LwCache *lw_cache_open(CXTranslationUnit ctu)
{
	LwCache *prev = tls_cache;
	tls_cache = ac_malloc(sizeof *tls_cache);
	tls_cache->errors = has_errors(ctu);
	memset(tls_cache->kids_used, 0, sizeof tls_cache->kids_used);
	memset(tls_cache->cursor_types_used, 0, sizeof tls_cache->cursor_types_used);
	memset(tls_cache->extents_used, 0, sizeof tls_cache->extents_used);
	memset(tls_cache->evals_used, 0, sizeof tls_cache->evals_used);
	memset(tls_cache->types_used, 0, sizeof tls_cache->types_used);
	memset(tls_cache->noreturn_used, 0, sizeof tls_cache->noreturn_used);
	return prev;
}

void lw_cache_close(LwCache *prev)
{
	ac_free(tls_cache);
	tls_cache = prev;
}

static bool same_cursor(CXCursor a, CXCursor b)
{
	return a.kind == b.kind && a.xdata == b.xdata && a.data[0] == b.data[0] && a.data[1] == b.data[1] &&
	       a.data[2] == b.data[2];
}

static size_t hash_ptrs(const void *a, const void *b, unsigned k)
{
	uintptr_t h = (uintptr_t)a ^ (uintptr_t)b * 31u ^ k;
	h ^= h >> 17;
	return h ^ h >> 7;
}

static bool same_type(CXType a, CXType b)
{
	return a.kind == b.kind && a.data[0] == b.data[0] && a.data[1] == b.data[1];
}

bool lw_type_noreturn(CXType t, bool (*compute)(CXType))
{
	if (!tls_cache)
		return compute(t);
	size_t i = hash_ptrs(t.data[0], t.data[1], t.kind) & (TYPE_SLOTS - 1);
	NoreturnSlot *s = &tls_cache->noreturn[i];
	if (!tls_cache->noreturn_used[i] || !same_type(s->key, t)) {
		s->key = t;
		s->noreturn = compute(t);
		tls_cache->noreturn_used[i] = true;
	}
	return s->noreturn;
}

/* Whether slot *at of c, in a table of n slots (a power of two) keyed by
 * keys, holds c's answer; when not, the slot is c's now, for the caller to
 * write the answer in. */
static bool cursor_cached(bool *used, CXCursor *keys, size_t n, CXCursor c, size_t *at)
{
	size_t i = hash_ptrs(c.data[1], c.data[0], (unsigned)c.kind) & (n - 1);
	*at = i;
	if (used[i] && same_cursor(keys[i], c))
		return true;
	used[i] = true;
	keys[i] = c;
	return false;
}

CXType lw_cursor_type(CXCursor c)
{
	if (!tls_cache)
		return clang_getCursorType(c);
	size_t i;
	if (!cursor_cached(tls_cache->cursor_types_used, tls_cache->cursor_type_keys, CURSOR_TYPE_SLOTS, c, &i))
		tls_cache->cursor_types[i] = clang_getCursorType(c);
	return tls_cache->cursor_types[i];
}

CXSourceRange lw_cursor_extent(CXCursor c)
{
	if (!tls_cache)
		return clang_getCursorExtent(c);
	size_t i;
	if (!cursor_cached(tls_cache->extents_used, tls_cache->extent_keys, EXTENT_SLOTS, c, &i))
		tls_cache->extents[i] = clang_getCursorExtent(c);
	return tls_cache->extents[i];
}

CXType lw_canonical_type(CXType t)
{
	if (!tls_cache)
		return clang_getCanonicalType(t);
	size_t i = hash_ptrs(t.data[0], t.data[1], t.kind) & (TYPE_SLOTS - 1);
	TypeSlot *s = &tls_cache->types[i];
	if (tls_cache->types_used[i] && same_type(s->key, t))
		return s->canon;
	s->key = t;
	s->canon = clang_getCanonicalType(t);
	tls_cache->types_used[i] = true;
	return s->canon;
}

size_t lw_kids(CXCursor c, CXCursor *out, size_t max)
{
	KidsSlot *s = NULL;
	size_t i = 0;
	if (tls_cache) {
		i = hash_ptrs(c.data[1], c.data[0], (unsigned)c.kind) & (KIDS_SLOTS - 1);
		s = &tls_cache->kids[i];
		if (tls_cache->kids_used[i] && same_cursor(s->key, c) && (s->n <= KIDS_KEEP || max <= KIDS_KEEP)) {
			for (size_t k = 0; k < max && k < s->n; k++)
				out[k] = s->kids[k];
			return s->n;
		}
	}
	if (!s || max > KIDS_KEEP) {
		KidsAcc acc = {out, max, 0};
		clang_visitChildren(c, kids_visit, &acc);
		return acc.n;
	}
	KidsAcc acc = {s->kids, KIDS_KEEP, 0};
	clang_visitChildren(c, kids_visit, &acc);
	s->key = c;
	s->n = (unsigned)acc.n;
	tls_cache->kids_used[i] = true;
	for (size_t k = 0; k < max && k < acc.n; k++)
		out[k] = s->kids[k];
	return acc.n;
}

/* An implicit cast shows as an UnexposedExpr with one expression child at
 * the same location (libclang gives a cast its operand's location);
 * VAArgExpr and offsetof start elsewhere or have more children. Comparing
 * locations, not extents, avoids re-lexing the end token. */
static bool implicit_child(CXCursor c, CXCursor *child)
{
	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr || lw_is_recovery(c))
		return false;
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 1 || !clang_isExpression(clang_getCursorKind(k[0])))
		return false;
	*child = k[0];
	return clang_equalLocations(clang_getCursorLocation(c), clang_getCursorLocation(k[0]));
}

static CXCursor only_child(CXCursor c)
{
	CXCursor k[1];
	return lw_kids(c, k, 1) >= 1 ? k[0] : clang_getNullCursor();
}

/* The operand of a C cast is its last child (a TypeRef may come first). */
static CXCursor last_child(CXCursor c)
{
	CXCursor k[3];
	size_t n = lw_kids(c, k, 3);
	return n >= 1 && n <= 3 ? k[n - 1] : clang_getNullCursor();
}

/* An expression the parser could not make sense of (rq->f where f's type
 * is missing) is kept as a RecoveryExpr around its valid parts; libclang
 * shows it as an UnexposedExpr of dependent type, which no valid C
 * expression has. It must not be taken for its child (rq->f = NULL is not
 * rq = NULL). */
bool lw_is_recovery(CXCursor c)
{
	/* Sema builds a RecoveryExpr only where it reports an error: a TU
	 * without one has none, and the type (190 instructions a cursor, 25k
	 * implicit casts on lua) is not asked for. */
	if (tls_cache && !tls_cache->errors)
		return false;
	return clang_getCursorKind(c) == CXCursor_UnexposedExpr && lw_cursor_type(c).kind == CXType_Dependent;
}

CXCursor lw_strip_implicit(CXCursor c)
{
	for (;;) {
		CXCursor next;
		if (clang_getCursorKind(c) == CXCursor_ParenExpr)
			next = only_child(c);
		else if (!implicit_child(c, &next))
			return c;
		if (clang_Cursor_isNull(next))
			return c;
		c = next;
	}
}

CXCursor lw_address_of_var(CXCursor e)
{
	e = lw_strip(e);
	CXCursor k[1];
	if (clang_getCursorKind(e) != CXCursor_UnaryOperator || clang_getCursorUnaryOperatorKind(e) != CXUnaryOperator_AddrOf ||
	    lw_kids(e, k, 1) != 1)
		return clang_getNullCursor();
	CXCursor r = lw_strip_implicit(k[0]);
	if (clang_getCursorKind(r) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	CXCursor v = clang_getCursorReferenced(r);
	enum CXCursorKind vk = clang_getCursorKind(v);
	return vk == CXCursor_VarDecl || vk == CXCursor_ParmDecl ? v : clang_getNullCursor();
}

CXCursor lw_strip(CXCursor c)
{
	for (;;) {
		c = lw_strip_implicit(c);
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor next = clang_getNullCursor();
		if (k == CXCursor_CStyleCastExpr)
			next = last_child(c);
		else if (k == CXCursor_UnaryOperator &&
			 clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Extension)
			next = only_child(c);
		if (clang_Cursor_isNull(next) || !clang_isExpression(clang_getCursorKind(next)))
			return c;
		c = next;
	}
}

enum CXTypeKind lw_type_kind(CXType t)
{
	return lw_canonical_type(t).kind;
}

bool lw_is_pointer_type(CXType t)
{
	return lw_type_kind(t) == CXType_Pointer;
}

bool lw_is_array_value(CXCursor e)
{
	if (!lw_is_array_type(lw_cursor_type(e)))
		return false;
	/* A parameter declared as an array is a pointer: it does not decay. */
	CXCursor ref = clang_getCursorReferenced(e);
	return clang_getCursorKind(e) != CXCursor_DeclRefExpr || clang_getCursorKind(ref) != CXCursor_ParmDecl;
}

bool lw_is_array_type(CXType t)
{
	switch (lw_type_kind(t)) {
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		return true;
	default:
		return false;
	}
}

static bool evaluate_int(CXCursor c, long long *v)
{
	CXEvalResult r = clang_Cursor_Evaluate(c);
	if (!r)
		return false;
	bool ok = clang_EvalResult_getKind(r) == CXEval_Int;
	if (ok)
		*v = clang_EvalResult_isUnsignedInt(r) ? (long long)clang_EvalResult_getAsUnsigned(r)
						       : clang_EvalResult_getAsLongLong(r);
	clang_EvalResult_dispose(r);
	return ok;
}

/* evaluate_int, asked once per expression while the tables live: the
 * lowering asks about one constant again (its value for a test, then for
 * the test's key), and clang_Cursor_Evaluate costs ~930 instructions
 * (17k calls lowering lua5.4). */
static bool eval_int(CXCursor c, long long *v)
{
	if (!tls_cache)
		return evaluate_int(c, v);
	size_t i;
	bool known = cursor_cached(tls_cache->evals_used, tls_cache->eval_keys, EVAL_SLOTS, c, &i);
	EvalSlot *e = &tls_cache->evals[i];
	if (!known) {
		e->value = 0;
		e->ok = evaluate_int(c, &e->value);
	}
	if (e->ok)
		*v = e->value;
	return e->ok;
}

static bool is_enum_ref(CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_DeclRefExpr &&
	       clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_EnumConstantDecl;
}

/* Constant syntax only: literals, enumerators, sizeof and operators over
 * them. clang_Cursor_Evaluate folds anything it can, side effects included
 * ("f(), 1" is 1), so it is never asked about other expressions. */
static bool const_syntax(CXCursor c, int depth)
{
	if (depth > 32)
		return false;
	c = lw_strip(c);
	CXCursor k[3];
	size_t n;
	switch (clang_getCursorKind(c)) {
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_UnaryExpr:
		return true;
	case CXCursor_DeclRefExpr:
		return is_enum_ref(c);
	case CXCursor_UnaryOperator:
		switch (clang_getCursorUnaryOperatorKind(c)) {
		case CXUnaryOperator_Plus:
		case CXUnaryOperator_Minus:
		case CXUnaryOperator_Not:
		case CXUnaryOperator_LNot:
			return lw_kids(c, k, 1) == 1 && const_syntax(k[0], depth + 1);
		default:
			return false;
		}
	case CXCursor_BinaryOperator: {
		enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
		if (bk >= CXBinaryOperator_Assign || bk <= CXBinaryOperator_PtrMemI)
			return false;
		return lw_kids(c, k, 2) == 2 && const_syntax(k[0], depth + 1) &&
		       const_syntax(k[1], depth + 1);
	}
	case CXCursor_ConditionalOperator:
		n = lw_kids(c, k, 3);
		return n == 3 && const_syntax(k[0], depth + 1) && const_syntax(k[1], depth + 1) &&
		       const_syntax(k[2], depth + 1);
	default:
		return false;
	}
}

bool lw_const_int(CXCursor c, long long *v)
{
	return const_syntax(c, 0) && eval_int(c, v);
}

bool lw_is_zero_const(CXCursor c)
{
	c = lw_strip(c);
	long long v;
	switch (clang_getCursorKind(c)) {
	case CXCursor_GNUNullExpr:
		return true;
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
		return eval_int(c, &v) && v == 0;
	case CXCursor_DeclRefExpr:
		return is_enum_ref(c) &&
		       clang_getEnumConstantDeclValue(clang_getCursorReferenced(c)) == 0;
	default:
		return false;
	}
}

const char *lw_spelling(LwTu *t, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *cs = clang_getCString(s);
	const char *r = cs && *cs ? ac_intern(&t->tu->names, cs) : NULL;
	clang_disposeString(s);
	return r;
}

/* Whether l expands at offset off of f. */
static bool at_expansion(CXSourceLocation l, CXFile f, unsigned off)
{
	CXFile ef = NULL;
	unsigned eoff = 0;
	clang_getExpansionLocation(l, &ef, NULL, NULL, &eoff);
	return f && ef && eoff == off && clang_File_isEqual(ef, f);
}

/* The identifier or keyword at offset off of f, interned, or NULL. plain:
 * off is in no macro argument (see lw_file_plain_location), as when a
 * location's expansion location is there: a token written in a macro
 * argument expands where the macro's name is. clang_getToken measures the
 * token at the expansion of the location it is given, so the location of a
 * token in a macro argument is asked as clang_getLocationForOffset gives it. */
static const char *token_at(LwTu *t, CXFile f, unsigned off, bool plain)
{
	if (!f)
		return NULL;
	const char *text;
	size_t n = plain || !lw_is_main_file(&t->files, f) ? lw_file_ident(&t->files, t->ctu, f, off, &text) : 0;
	if (n)
		return ac_intern_n(&t->tu->names, text, n);
	CXSourceLocation at = plain ? lw_file_plain_location(&t->files, t->ctu, f, off)
				    : lw_file_location(&t->files, t->ctu, f, off);
	CXToken *tok = clang_getToken(t->ctu, at);
	if (!tok)
		return NULL;
	const char *r = NULL;
	if (clang_getTokenKind(*tok) == CXToken_Identifier ||
	    clang_getTokenKind(*tok) == CXToken_Keyword) {
		CXString s = clang_getTokenSpelling(t->ctu, *tok);
		r = ac_intern(&t->tu->names, clang_getCString(s));
		clang_disposeString(s);
	}
	clang_disposeTokens(t->ctu, tok, 1);
	return r;
}

enum { ATTR_NAMES = 4 };

typedef struct AttrSearch {
	LwTu *t;
	const char *names[ATTR_NAMES]; /* interned "cleanup" and "__cleanup__"; NULL past the last */
	bool found;
} AttrSearch;

static enum CXChildVisitResult attr_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	AttrSearch *s = data;
	if (clang_getCursorKind(c) != CXCursor_UnexposedAttr)
		return CXChildVisit_Continue;
	CXFile f;
	unsigned off;
	lw_file_seed(&s->t->files, s->t->ctu, c);
	CXSourceLocation at = clang_getCursorLocation(c);
	clang_getSpellingLocation(at, &f, NULL, NULL, &off);
	const char *tok = token_at(s->t, f, off, at_expansion(at, f, off));
	for (size_t i = 0; tok && i < ATTR_NAMES && s->names[i]; i++)
		if (tok == s->names[i]) {
			s->found = true;
			return CXChildVisit_Break;
		}
	return CXChildVisit_Continue;
}

/* Whether decl has an attribute spelled name or __name__, or (when not
 * NULL) name2 or __name2__: one walk of its attributes for both. */
static bool has_attr_tokens(LwTu *t, CXCursor decl, const char *name, const char *name2)
{
	if (!clang_Cursor_hasAttrs(decl))
		return false; /* its UnexposedAttr children are its attributes */
	AcIntern *names = &t->tu->names;
	char buf[64];
	AttrSearch s = {.t = t};
	size_t n = 0;
	for (const char *nm = name; nm; nm = nm == name ? name2 : NULL) {
		snprintf(buf, sizeof buf, "__%s__", nm);
		s.names[n++] = ac_intern(names, nm);
		s.names[n++] = ac_intern(names, buf);
	}
	clang_visitChildren(decl, attr_visit, &s);
	return s.found;
}

static bool has_attr_token(LwTu *t, CXCursor decl, const char *name)
{
	return has_attr_tokens(t, decl, name, NULL);
}

/* _Noreturn, [[noreturn]] and __attribute__((noreturn)) on a declaration
 * (the last one also shows in the type, which lw_decl_noreturn checks). */
bool lw_has_noreturn_attr(LwTu *t, CXCursor decl)
{
	return has_attr_tokens(t, decl, "noreturn", "_Noreturn");
}

/* --- locations and source text ------------------------------------------- */

bool lw_has_line_directives(LwTu *t)
{
	size_t size = 0;
	const char *text = lw_file_text(&t->files, t->ctu, t->main_file, &size);
	static const char cython[] = "/* Generated by Cython";
	if (text && size >= sizeof cython - 1 && memcmp(text, cython, sizeof cython - 1) == 0)
		return false; /* Cython's origin markers say what its #line say: cython_locate.c reads them */
	if (!text || size < 6)
		return false;
	const char *end = text + size - 5; /* a '#' followed by 5 bytes at least */
	for (const char *p = text; p < end && (p = memchr(p, '#', (size_t)(end - p))) != NULL; p++) {
		if (strncmp(p + 1, "line", 4) == 0)
			return true;
	}
	return false;
}

/* Whether a #line file name is a file (mod.pyx, parse.y) rather than a
 * pseudo-file (Cython's "cython_utility", "(tree fragment)"). */
static bool presumed_is_real(LwTu *t, const char *name)
{
	if (name == t->presumed_name)
		return t->presumed_real;
	t->presumed_name = name;
	t->presumed_real = access(name, F_OK) == 0;
	if (!t->presumed_real && name[0] != '/' && t->tu->path) {
		const char *slash = strrchr(t->tu->path, '/');
		if (slash) {
			char *full = ac_arena_printf(&t->tu->arena, "%.*s/%s", (int)(slash - t->tu->path), t->tu->path, name);
			t->presumed_real = access(full, F_OK) == 0;
		}
	}
	return t->presumed_real;
}

/* Where a #line directive says a location is (Cython's mod.pyx:7), as clang
 * and gcc print it; the column of such a line is unknown, so 1. */
static void apply_presumed(LwTu *t, CXFile f, unsigned off, AcLoc *loc)
{
	CXString name;
	unsigned line, col;
	clang_getPresumedLocation(clang_getLocationForOffset(t->ctu, f, off), &name, &line, &col);
	const char *n = clang_getCString(name);
	const char *pn = n && *n ? ac_intern(&t->tu->names, n) : NULL;
	clang_disposeString(name);
	if (!pn || pn == loc->file || !presumed_is_real(t, pn))
		return;
	loc->file = pn;
	loc->line = line;
	loc->col = 1;
}

AcLoc lw_loc(LwTu *t, CXSourceLocation sl)
{
	AcLoc loc = {NULL, 0, 0};
	CXFile f;
	unsigned line, col, off;
	if (!lw_main_file_location(&t->files, t->ctu, sl, &f, &line, &col, &off))
		clang_getFileLocation(sl, &f, &line, &col, &off);
	if (!f)
		return loc;
	if (f != t->loc_file) {
		t->loc_name = lw_is_main_file(&t->files, f) ? NULL : lw_header_name(t, f);
		if (!t->loc_name) {
			CXString s = clang_getFileName(f);
			t->loc_name = ac_intern(&t->tu->names, clang_getCString(s));
			clang_disposeString(s);
		}
		t->loc_file = f;
	}
	loc.file = t->loc_name;
	loc.line = line;
	loc.col = col;
	if (t->line_directives)
		apply_presumed(t, f, off, &loc);
	return loc;
}

/* The cursor location is the start of the expression except for a member
 * access (and the implicit casts around one, which share its referenced
 * cursor), where it is the member name: only then is the extent, which
 * costs a re-lex of the end token, worth computing. */
AcLoc lw_loc_of(Lw *L, CXCursor c)
{
	if (clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_FieldDecl)
		return lw_loc(L->t, clang_getRangeStart(lw_cursor_extent(c)));
	return lw_loc(L->t, clang_getCursorLocation(c));
}

typedef struct Pos {
	CXFile file;
	unsigned off;
} Pos;

static Pos file_pos(CXSourceLocation l)
{
	Pos p;
	clang_getFileLocation(l, &p.file, NULL, NULL, &p.off);
	return p;
}

static Pos exp_pos(CXSourceLocation l)
{
	Pos p;
	clang_getExpansionLocation(l, &p.file, NULL, NULL, &p.off);
	return p;
}

static bool same_pos(Pos a, Pos b)
{
	return a.file && b.file && a.off == b.off && clang_File_isEqual(a.file, b.file);
}

/* Past the macro invocation that starts at offset off of f: NAME or
 * NAME(...). Returns off when no identifier starts there. */
static unsigned past_invocation(LwTu *t, CXFile f, unsigned off)
{
	size_t size;
	if (!lw_file_text(&t->files, t->ctu, f, &size) || off >= size)
		return off;
	unsigned lim = size - off > 512 ? off + 512 : (unsigned)size;
	CXSourceRange r = clang_getRange(lw_file_plain_location(&t->files, t->ctu, f, off),
					 lw_file_plain_location(&t->files, t->ctu, f, lim));
	CXToken *toks = NULL;
	unsigned nt = 0, end = off;
	clang_tokenize(t->ctu, r, &toks, &nt);
	int depth = 0;
	for (unsigned i = 0; i < nt; i++) {
		CXSourceRange tr = clang_getTokenExtent(t->ctu, toks[i]);
		unsigned ts, te;
		clang_getFileLocation(clang_getRangeStart(tr), NULL, NULL, NULL, &ts);
		clang_getFileLocation(clang_getRangeEnd(tr), NULL, NULL, NULL, &te);
		CXString s = clang_getTokenSpelling(t->ctu, toks[i]);
		const char *p = clang_getCString(s);
		bool open = strcmp(p, "(") == 0, close = strcmp(p, ")") == 0;
		clang_disposeString(s);
		if (i == 0 && (ts != off || clang_getTokenKind(toks[i]) != CXToken_Identifier))
			break;
		if (i == 1 && !open)
			break;
		end = te;
		depth += open - close;
		if (depth == 0 && i >= 1)
			break;
	}
	clang_disposeTokens(t->ctu, toks, nt);
	return end;
}

/* The user's text of c as a file range. Tokens written as macro arguments
 * have file locations where the user wrote them; other tokens of an expansion
 * map to the invocation. When only the start lies in a macro argument, both
 * ends use the invocation, so `IS_NULL(p)` is read whole, never as "p)".
 * When the end is a macro expanded inside an argument (the NULL of
 * `assert(p != NULL)`), libclang's end is that macro's start: step over it. */
static bool text_range(LwTu *t, CXSourceRange r, Pos *s, Pos *e)
{
	CXSourceLocation ls = clang_getRangeStart(r), le = clang_getRangeEnd(r);
	*s = file_pos(ls);
	*e = file_pos(le);
	Pos xs = exp_pos(ls), sp;
	bool arg_s = !same_pos(*s, xs);
	bool arg_e = !same_pos(*e, exp_pos(le));
	clang_getSpellingLocation(le, &sp.file, NULL, NULL, &sp.off);
	if (arg_s && !arg_e)
		*s = xs;
	else if (arg_e && e->file && !same_pos(sp, *e))
		e->off = past_invocation(t, e->file, e->off);
	return s->file && e->file && clang_File_isEqual(s->file, e->file) && e->off > s->off;
}

enum { TEXT_MAX = 160 };

const char *lw_text(Lw *L, CXCursor c)
{
	Pos s, e;
	if (!text_range(L->t, lw_cursor_extent(c), &s, &e))
		return NULL;
	size_t size;
	const char *buf = lw_file_text(&L->t->files, L->t->ctu, s.file, &size);
	if (!buf || e.off > size)
		return NULL;
	/* One line for notes and dumps: runs of white space become one space. */
	char out[TEXT_MAX + 4];
	size_t n = 0;
	bool space = false;
	for (unsigned i = s.off; i < e.off && n < TEXT_MAX; i++) {
		char ch = buf[i];
		bool ws = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
		if (ws) {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = false;
		out[n++] = ch;
	}
	if (n >= TEXT_MAX)
		memcpy(out + n, "...", 3), n += 3;
	return ac_intern_n(&L->tu->names, out, n);
}

const char *lw_first_token(Lw *L, CXCursor c)
{
	CXFile f;
	unsigned off;
	CXSourceLocation at = clang_getRangeStart(lw_cursor_extent(c));
	clang_getSpellingLocation(at, &f, NULL, NULL, &off);
	return token_at(L->t, f, off, at_expansion(at, f, off));
}

bool lw_same_file_pos(CXSourceLocation a, CXSourceLocation b)
{
	return same_pos(file_pos(a), file_pos(b));
}

/* The name of the macro whose #define holds offset off of text (size
 * bytes), or NULL: the lines before it continue (a backslash ends each)
 * up to a line "# define NAME". */
static const char *define_around(Lw *L, const char *text, size_t size, size_t off)
{
	if (off >= size)
		return NULL;
	size_t line = off;
	while (line > 0 && text[line - 1] != '\n')
		line--;
	for (;;) {
		size_t at = line;
		while (at < size && (text[at] == ' ' || text[at] == '\t'))
			at++;
		if (at < size && text[at] == '#') {
			at++;
			while (at < size && (text[at] == ' ' || text[at] == '\t'))
				at++;
			if (size - at < 7 || memcmp(text + at, "define", 6) != 0 || (text[at + 6] != ' ' && text[at + 6] != '\t'))
				return NULL;
			at += 7;
			while (at < size && (text[at] == ' ' || text[at] == '\t'))
				at++;
			size_t n = 0;
			while (at + n < size && (isalnum((unsigned char)text[at + n]) || text[at + n] == '_'))
				n++;
			return n ? ac_intern_n(&L->tu->names, text + at, n) : NULL;
		}
		/* a continued line: the one before ends with a backslash (and its newline) */
		if (line < 2 || text[line - 1] != '\n')
			return NULL;
		size_t prev = line - 1;
		if (prev > 0 && text[prev - 1] == '\r')
			prev--;
		if (prev == 0 || text[prev - 1] != '\\')
			return NULL;
		line = prev - 1;
		while (line > 0 && text[line - 1] != '\n')
			line--;
	}
}

/* xmlFree(r) inside #define XML_PAT_FREE_STRING(c, r) ... xmlFree(r);,
 * where xmlFree is a macro too (a hook: (*(__xmlFree()))): the user wrote
 * XML_PAT_FREE_STRING, but the call is xmlFree's. The macro whose
 * definition c's first token is written in, when that is not outer; NULL
 * otherwise. */
const char *lw_inner_macro_at(Lw *L, CXCursor c, const char *outer)
{
	CXSourceLocation l = clang_getRangeStart(lw_cursor_extent(c));
	Pos sp;
	clang_getSpellingLocation(l, &sp.file, NULL, NULL, &sp.off);
	size_t size;
	const char *text = sp.file ? lw_file_text(&L->t->files, L->t->ctu, sp.file, &size) : NULL;
	const char *inner = text ? define_around(L, text, size, sp.off) : NULL;
	return inner && (!outer || strcmp(inner, outer) != 0) ? inner : NULL;
}

const char *lw_macro_at(Lw *L, CXCursor c)
{
	CXSourceLocation l = clang_getRangeStart(lw_cursor_extent(c));
	/* The file location, not the expansion location: for a macro expanded
	 * inside another's argument (strdup(basename(p)), with basename a macro)
	 * it is the inner invocation the user wrote, where the expansion
	 * location would name the outer macro. */
	Pos sp, fp = file_pos(l);
	clang_getSpellingLocation(l, &sp.file, NULL, NULL, &sp.off);
	if (same_pos(sp, fp))
		return NULL; /* written by the user, directly or as a macro argument */
	return token_at(L->t, fp.file, fp.off, same_pos(exp_pos(l), fp));
}
