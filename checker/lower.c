/*
 * lower: libclang cursors -> AcFunc CFGs; the driver and the statements.
 *
 * ac_lower_tu first collects every function defined in the main file, and
 * in the included files that make functions of their own for it (see
 * lw_def_lowered), so a call can name a callee defined further down; then it
 * lowers each body, and the functions of shared headers the bodies name
 * (lower_shared.c) as they are named. A
 * statement is lowered into the current block L->cur, creating blocks for
 * joins and targets; structured jumps (break, continue, goto, case) become
 * JUMP edges, conditions become short-circuit BRANCHes (lower_cond.c).
 *
 * Lifetimes are explicit in the IR: every full expression ends with a KILL of
 * the temporaries it created, and a block scope that ends normally KILLs its
 * automatic variables. Jumps out of a scope (return, goto, break) kill
 * nothing: the engine handles the end of the function itself.
 */
#include "lower.h"

#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "mem.h"
#include "project.h"

typedef AC_VEC(CXCursor) CursorVec;

static enum CXChildVisitResult collect_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	CursorVec *v = data;
	AC_VEC_PUSH(v, c);
	return CXChildVisit_Continue;
}

static AcLoc stmt_loc(Lw *L, CXCursor c)
{
	return lw_loc_of(L, c);
}

/* Where the closing brace (or last token) of c is. */
static AcLoc end_loc(LwTu *t, CXCursor c)
{
	AcLoc loc = lw_loc(t, clang_getRangeEnd(lw_cursor_extent(c)));
	if (loc.col > 1)
		loc.col--;
	return loc;
}

/* --- scopes and full expressions ------------------------------------------- */

/* Ends the scope opened at mark: its variables die at the end of c. */
static void kill_scope(Lw *L, size_t mark, CXCursor c)
{
	if (L->cur >= 0 && L->scope.n > mark)
		lw_kill(L, L->cur, &L->scope.v[mark], L->scope.n - mark, end_loc(L->t, c));
	for (size_t i = mark; i < L->scope.n; i++)
		if (L->places.v[L->scope.v[i]].kind == AC_PLACE_TEMP)
			lw_release_temp(L, L->scope.v[i]);
	L->scope.n = mark;
}

static void full_expr(Lw *L, CXCursor c)
{
	size_t mark = lw_fe_begin(L);
	lw_expr(L, c);
	lw_fe_end(L, mark, c);
}

/* A jump out of a statement expression leaves its enclosing full
 * expressions: their temporaries die on that edge. */
static void kill_live_temps(Lw *L, AcLoc loc)
{
	if (L->cur >= 0 && L->live.n)
		lw_kill(L, L->cur, L->live.v, L->live.n, loc);
}

/* A hash of exactly what clang_equalLocations compares. */
static size_t loc_hash(CXSourceLocation loc)
{
	size_t h = (size_t)(uintptr_t)loc.ptr_data[0] * 31 + (size_t)(uintptr_t)loc.ptr_data[1];
	h = (h * 31 + loc.int_data) * 0x9E3779B97F4A7C15u;
	return h ^ (h >> 29);
}

/* The table holds label index + 1 (0 = empty) and is rebuilt at 1/2 load,
 * so a function with 100k labels is not quadratic. */
static void label_insert(Lw *L, size_t index)
{
	if ((L->labels.n + 1) * 2 > L->lcap) {
		ac_free(L->ltab);
		L->lcap = L->lcap ? L->lcap * 2 : 64;
		L->ltab = ac_calloc(L->lcap, sizeof *L->ltab);
		for (size_t i = 0; i < index; i++)
			label_insert(L, i);
	}
	size_t j = loc_hash(L->labels.v[index].loc) & (L->lcap - 1);
	while (L->ltab[j])
		j = (j + 1) & (L->lcap - 1);
	L->ltab[j] = (int)index + 1;
}

int lw_label_block(Lw *L, CXCursor label)
{
	CXSourceLocation loc = clang_getCursorLocation(label);
	if (L->lcap) {
		for (size_t j = loc_hash(loc) & (L->lcap - 1); L->ltab[j]; j = (j + 1) & (L->lcap - 1))
			if (clang_equalLocations(L->labels.v[L->ltab[j] - 1].loc, loc))
				return L->labels.v[L->ltab[j] - 1].block;
	}
	LwLabel l = {loc, lw_new_block(L)};
	AC_VEC_PUSH(&L->labels, l);
	label_insert(L, L->labels.n - 1);
	return l.block;
}

/* A loop's head: the current block when it is empty (not the entry, which
 * must stay free of predecessors), else a new one. */
static int loop_head(Lw *L)
{
	if (L->cur > 0 && lw_fresh(L, L->cur))
		return L->cur;
	int h = lw_new_block(L);
	lw_jump(L, h);
	lw_set_cur(L, h);
	return h;
}

static void loop_body(Lw *L, CXCursor body, LwTarget *brk, LwTarget *cont)
{
	LwTarget *ob = L->brk, *oc = L->cont;
	L->brk = brk;
	L->cont = cont;
	lw_stmt(L, body);
	L->brk = ob;
	L->cont = oc;
}

/* Continue lowering at t's block if anything jumps there, else unreachable. */
static void resume_at(Lw *L, const LwTarget *t)
{
	if (t->block >= 0)
		lw_set_cur(L, t->block);
	else
		L->cur = -1;
}

/* --- statements --------------------------------------------------------------- */

/* { stmt... }: its automatic variables die at the closing brace. */
static void stmt_compound(Lw *L, CXCursor c)
{
	CursorVec kids = {0};
	clang_visitChildren(c, collect_visit, &kids);
	size_t mark = L->scope.n;
	for (size_t i = 0; i < kids.n; i++)
		lw_stmt(L, kids.v[i]);
	kill_scope(L, mark, c);
	AC_VEC_FREE(&kids);
}

/* The size expressions of a VLA declarator are evaluated at the declaration. */
static void vla_sizes(Lw *L, CXCursor var, CXCursor init)
{
	CursorVec kids = {0};
	clang_visitChildren(var, collect_visit, &kids);
	for (size_t i = 0; i < kids.n; i++) {
		CXCursor k = kids.v[i];
		if (clang_isExpression(clang_getCursorKind(k)) &&
		    (clang_Cursor_isNull(init) || !clang_equalCursors(k, init)))
			full_expr(L, k);
	}
	AC_VEC_FREE(&kids);
}

static void addr_inits(LwTu *t, CXCursor init, CXType type);

/* T x = init; static and extern locals are initialised once, not here (the
 * addresses their initializer takes are noted with the file's). */
static void decl_var(Lw *L, CXCursor v)
{
	int p = lw_var(L, v);
	if (L->places.v[p].storage != AC_STORAGE_LOCAL) {
		CXCursor init = clang_Cursor_getVarDeclInitializer(v);
		if (!clang_Cursor_isNull(init))
			addr_inits(L->t, init, lw_cursor_type(v));
		return;
	}
	AC_VEC_PUSH(&L->scope, p);
	CXCursor init = clang_Cursor_getVarDeclInitializer(v);
	CXType type = lw_cursor_type(v);
	if (lw_type_kind(type) == CXType_VariableArray)
		vla_sizes(L, v, init);
	if (clang_Cursor_isNull(init))
		return;
	size_t mark = lw_fe_begin(L);
	int target;
	AcLoc loc = lw_loc(L->t, clang_getCursorLocation(v));
	if (clang_getCursorKind(init) != CXCursor_InitListExpr && lw_alias_write(L, v, init, &target))
		lw_assign(L, p, lw_opnd(AC_OPND_ADDR, target), loc); /* T *pp = &x: pp names x */
	else
		lw_init(L, p, init, type, loc);
	lw_fe_end(L, mark, v);
}

static void stmt_decl(Lw *L, CXCursor c)
{
	CursorVec kids = {0};
	clang_visitChildren(c, collect_visit, &kids);
	for (size_t i = 0; i < kids.n; i++)
		if (clang_getCursorKind(kids.v[i]) == CXCursor_VarDecl)
			decl_var(L, kids.v[i]);
	AC_VEC_FREE(&kids);
}

/* Anything else: its expression, or its sub-statements (attributed
 * statements, OpenMP directives...). Declarations produce nothing. */
static void stmt_other(Lw *L, CXCursor c)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	if (clang_isExpression(kind)) {
		full_expr(L, c);
		return;
	}
	if (!clang_isStatement(kind))
		return;
	CursorVec kids = {0};
	clang_visitChildren(c, collect_visit, &kids);
	for (size_t i = 0; i < kids.n; i++)
		lw_stmt(L, kids.v[i]);
	AC_VEC_FREE(&kids);
}

/* if (c) s [else s]; an else-if chain is walked iteratively, sharing one join */
static void stmt_if(Lw *L, CXCursor c)
{
	int after = -1;
	for (;;) {
		CXCursor k[3];
		size_t n = lw_kids(c, k, 3);
		if (n < 2 || n > 3) {
			stmt_other(L, c);
			break;
		}
		int tb = lw_new_block(L);
		int eb = n == 3 ? lw_new_block(L) : -1;
		if (after < 0)
			after = lw_new_block(L);
		lw_cond_full(L, k[0], tb, eb >= 0 ? eb : after);
		lw_set_cur(L, tb);
		lw_stmt(L, k[1]);
		lw_jump(L, after);
		if (eb < 0)
			break;
		lw_set_cur(L, eb);
		if (clang_getCursorKind(k[2]) != CXCursor_IfStmt) {
			lw_stmt(L, k[2]);
			lw_jump(L, after);
			break;
		}
		c = k[2];
	}
	if (after >= 0)
		lw_set_cur(L, after);
}

/* while (c) s */
static void stmt_while(Lw *L, CXCursor c)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2) {
		stmt_other(L, c);
		return;
	}
	int head = loop_head(L);
	long long v = 0;
	bool konst = lw_const_int(k[0], &v);
	int body = konst && v ? head : lw_new_block(L);
	LwTarget exit = {-1}, cont = {head};
	if (!konst)
		lw_cond_full(L, k[0], body, lw_target(L, &exit));
	else if (!v)
		lw_jump(L, lw_target(L, &exit));
	if (body != head)
		lw_set_cur(L, body);
	loop_body(L, k[1], &exit, &cont);
	lw_jump(L, head);
	resume_at(L, &exit);
}

/* do s while (c); do { } while (0) runs its body once, inline */
static void stmt_do(Lw *L, CXCursor c)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2) {
		stmt_other(L, c);
		return;
	}
	long long v = 0;
	bool konst = lw_const_int(k[1], &v);
	LwTarget exit = {-1}, cont = {-1};
	if (konst && !v) {
		loop_body(L, k[0], &exit, &exit); /* continue goes to the false test */
		if (exit.block >= 0) {
			lw_jump(L, exit.block);
			lw_set_cur(L, exit.block);
		}
		return;
	}
	int body = loop_head(L);
	loop_body(L, k[0], &exit, &cont);
	if (cont.block >= 0) {
		lw_jump(L, cont.block);
		lw_set_cur(L, cont.block);
	}
	if (konst) {
		lw_jump(L, body);
	} else {
		int back = lw_new_block(L);
		lw_cond_full(L, k[1], back, lw_target(L, &exit));
		lw_set_cur(L, back);
		lw_jump(L, body);
	}
	resume_at(L, &exit);
}

/* The two `;` of a for header at paren depth 1, as expansion offsets.
 * Returns how many were found (2 unless the header comes from a macro). */
static int for_semicolons(Lw *L, CXCursor c, CXCursor body, unsigned semi[2])
{
	CXFile f1, f2;
	unsigned o1, o2;
	clang_getExpansionLocation(clang_getRangeStart(lw_cursor_extent(c)), &f1, NULL, NULL, &o1);
	clang_getExpansionLocation(clang_getRangeStart(lw_cursor_extent(body)), &f2, NULL, NULL,
				   &o2);
	if (!f1 || !f2 || !clang_File_isEqual(f1, f2) || o2 <= o1)
		return 0;
	CXTranslationUnit tu = L->t->ctu;
	CXSourceRange r = clang_getRange(lw_file_plain_location(&L->t->files, tu, f1, o1),
					 lw_file_plain_location(&L->t->files, tu, f1, o2));
	CXToken *toks = NULL;
	unsigned nt = 0;
	clang_tokenize(tu, r, &toks, &nt);
	int depth = 0, ns = 0;
	for (unsigned i = 0; i < nt && ns < 2; i++) {
		if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
			continue;
		CXString s = clang_getTokenSpelling(tu, toks[i]);
		const char *p = clang_getCString(s);
		if (strcmp(p, "(") == 0)
			depth++;
		else if (strcmp(p, ")") == 0)
			depth--;
		else if (strcmp(p, ";") == 0 && depth == 1)
			clang_getExpansionLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL,
						   &semi[ns++]);
		clang_disposeString(s);
	}
	clang_disposeTokens(tu, toks, nt);
	return ns;
}

static bool is_increment(CXCursor c)
{
	c = lw_strip(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_CompoundAssignOperator:
		return true;
	case CXCursor_UnaryOperator: {
		enum CXUnaryOperatorKind k = clang_getCursorUnaryOperatorKind(c);
		return k >= CXUnaryOperator_PostInc && k <= CXUnaryOperator_PreDec;
	}
	default:
		return false;
	}
}

static bool init_like(CXCursor c)
{
	if (clang_getCursorKind(c) == CXCursor_DeclStmt)
		return true;
	c = lw_strip(c);
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
		return false;
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	return bk == CXBinaryOperator_Assign || bk == CXBinaryOperator_Comma;
}

typedef struct ForParts {
	CXCursor init, cond, inc;
} ForParts;

/* Which part (0 init, 1 cond, 2 inc) the i-th of m present parts is. */
static int part_index(const CXCursor *k, size_t m, size_t i, bool by_pos, const unsigned *semi)
{
	if (m == 3)
		return (int)i;
	if (by_pos) {
		unsigned off;
		clang_getExpansionLocation(clang_getRangeStart(lw_cursor_extent(k[i])), NULL, NULL,
					   NULL, &off);
		return off < semi[0] ? 0 : off < semi[1] ? 1 : 2;
	}
	if (m == 1)
		return init_like(k[0]) ? 0 : is_increment(k[0]) ? 2 : 1;
	if (i == 0)
		return init_like(k[0]) ? 0 : 1;
	if (!init_like(k[0]))
		return 2;
	return is_increment(k[1]) || init_like(k[1]) ? 2 : 1;
}

/* ForStmt children omit the absent parts; sort the present ones by their
 * position against the header's `;`, or by their shape when the header comes
 * from a macro. */
static ForParts for_parts(Lw *L, CXCursor c, const CXCursor *k, size_t m, CXCursor body)
{
	ForParts fp = {clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor()};
	CXCursor *slot[3] = {&fp.init, &fp.cond, &fp.inc};
	unsigned semi[2];
	bool by_pos = m > 0 && m < 3 && for_semicolons(L, c, body, semi) == 2;
	for (size_t i = 0; i < m; i++)
		*slot[part_index(k, m, i, by_pos, semi)] = k[i];
	return fp;
}

enum { SMALL_TRIP_COUNT = 8 }; /* loops bounded by at most this are followed round by round */

/* The local variable a DeclRefExpr e names, or a null cursor. */
static CXCursor local_var(CXCursor e)
{
	e = lw_strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	CXCursor v = clang_getCursorReferenced(e);
	enum CXCursorKind k = clang_getCursorKind(v);
	if ((k != CXCursor_VarDecl && k != CXCursor_ParmDecl) || clang_Cursor_getStorageClass(v) == CX_SC_Static ||
	    clang_getCursorSemanticParent(v).kind == CXCursor_TranslationUnit)
		return clang_getNullCursor();
	return v;
}

/* for (...; i < K; i++) with 0 <= K <= SMALL_TRIP_COUNT (also <=, !=, >,
 * and -- or K < i): the place of i, whose increment is then lowered as
 * i + 1 so that a loop run once (for (i = 0; i < 1; i++)) has no second
 * round; -1 for any other loop, whose counter becomes unknown. */
static int loop_counter(Lw *L, CXCursor cond, CXCursor inc)
{
	CXCursor c = lw_strip(cond), k[2], s = lw_strip(inc), ks[1];
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator || lw_kids(c, k, 2) != 2)
		return -1;
	switch (clang_getCursorBinaryOperatorKind(c)) {
	case CXBinaryOperator_LT:
	case CXBinaryOperator_LE:
	case CXBinaryOperator_GT:
	case CXBinaryOperator_GE:
	case CXBinaryOperator_NE:
		break;
	default:
		return -1;
	}
	if (clang_getCursorKind(s) != CXCursor_UnaryOperator || lw_kids(s, ks, 1) != 1)
		return -1;
	CXCursor v = local_var(ks[0]);
	long long bound;
	bool left = !clang_Cursor_isNull(v) && clang_equalCursors(v, local_var(k[0]));
	bool right = !clang_Cursor_isNull(v) && clang_equalCursors(v, local_var(k[1]));
	if (left == right || !lw_const_int(k[left ? 1 : 0], &bound) || bound < 0 || bound > SMALL_TRIP_COUNT)
		return -1;
	return lw_var(L, v);
}

/* for (init; cond; inc) s; a variable declared in init dies after the loop */
static void stmt_for(Lw *L, CXCursor c)
{
	CXCursor k[4];
	size_t n = lw_kids(c, k, 4);
	if (n < 1 || n > 4) {
		stmt_other(L, c);
		return;
	}
	ForParts fp = for_parts(L, c, k, n - 1, k[n - 1]);
	size_t mark = L->scope.n;
	if (!clang_Cursor_isNull(fp.init))
		lw_stmt(L, fp.init);
	int head = loop_head(L);
	long long v = 1;
	bool konst = clang_Cursor_isNull(fp.cond) || lw_const_int(fp.cond, &v);
	int body = konst && v ? head : lw_new_block(L);
	LwTarget exit = {-1}, cont = {clang_Cursor_isNull(fp.inc) ? head : -1};
	if (!konst)
		lw_cond_full(L, fp.cond, body, lw_target(L, &exit));
	else if (!v)
		lw_jump(L, lw_target(L, &exit));
	if (body != head)
		lw_set_cur(L, body);
	loop_body(L, k[n - 1], &exit, &cont);
	if (!clang_Cursor_isNull(fp.inc)) {
		if (L->cur >= 0)
			lw_jump(L, lw_target(L, &cont));
		if (cont.block >= 0) {
			lw_set_cur(L, cont.block);
			int ocounter = L->counter;
			L->counter = konst ? -1 : loop_counter(L, fp.cond, fp.inc);
			full_expr(L, fp.inc);
			L->counter = ocounter;
		}
	}
	lw_jump(L, head);
	resume_at(L, &exit);
	kill_scope(L, mark, c);
}

/* The value of a switch's operand when it is a constant: literals and
 * enumerators, and file-scope variables of known value (lower_consts.c). */
static bool switch_constant(Lw *L, CXCursor e, long long *v)
{
	if (lw_const_int(e, v))
		return true;
	CXCursor s = lw_strip(e);
	return clang_getCursorKind(s) == CXCursor_DeclRefExpr && lw_const_var(L->t, clang_getCursorReferenced(s), v);
}

/* Whether the dispatch of sw may reach label c (kids k[0..n), block b):
 * every label, unless the switch is on a constant, whose own case label is
 * the only one (default when none matches: known once the body is lowered).
 * Records the default. */
static bool case_taken(LwSwitch *sw, CXCursor c, const CXCursor *k, size_t n, int b)
{
	if (clang_getCursorKind(c) == CXCursor_DefaultStmt) {
		sw->has_default = true;
		sw->default_block = b;
		return !sw->is_const;
	}
	if (!sw->is_const)
		return true;
	long long lo, hi;
	if (n < 2 || !lw_const_int(k[0], &lo)) {
		sw->is_const = false; /* a label we cannot read: every edge, as usual */
		return true;
	}
	hi = lo;
	if (n == 3 && !lw_const_int(k[1], &hi)) /* GNU case lo ... hi: */
		hi = lo;
	bool hit = sw->value >= lo && sw->value <= hi;
	sw->matched |= hit;
	return hit;
}

/* A label of a switch lowered as tests: recorded, with the default. */
static void collect_case(LwSwitch *sw, CXCursor c, const CXCursor *k, size_t n, int b)
{
	LwCase lc = {b, 0, false, false, c};
	if (clang_getCursorKind(c) == CXCursor_DefaultStmt) {
		sw->has_default = true;
		sw->default_block = b;
		lc.dflt = true;
	} else {
		lc.range = n != 2 || !lw_const_int(k[0], &lc.value);
	}
	AC_VEC_PUSH(&sw->cases, lc);
}

enum { CHAIN_MAX_CASES = 64 }; /* past this many labels the dispatch stays one jump */

/* Whether switch (e) is on a local variable, a parameter, a member read
 * through a pointer (p->kind) or arithmetic on them (n % 4), whose
 * dispatch can become tests of it (a key (e == K) per label): the tests
 * read what e read, with nothing between them. */
static bool chain_operand(Lw *L, CXCursor e)
{
	return lw_case_key(L, lw_strip(e), 0) != NULL;
}

/* The dispatch of a switch on a variable, once its labels are known: one
 * test (v == K) per label in order, its false edge to the next, the last
 * one's to fallback (default, or past the switch), as a chain of if/else
 * would; a path entering case K then knows v == K, and one entering
 * default knows v is none of them. Too many labels, or a range, and the
 * dispatch is one jump to every label (and to fallback) as usual. */
static void dispatch_chain(Lw *L, LwSwitch *sw, int fallback)
{
	size_t n = sw->cases.n, labels = 0;
	bool chain = true;
	for (size_t i = 0; i < n; i++) {
		chain &= !sw->cases.v[i].range;
		labels += !sw->cases.v[i].dflt;
	}
	if (!chain || labels == 0 || labels > CHAIN_MAX_CASES) {
		for (size_t i = 0; i < n; i++) {
			LwBlock *d = &L->blocks.v[sw->dispatch];
			int b = sw->cases.v[i].block;
			if (!d->succ.n || d->succ.v[d->succ.n - 1] != b)
				lw_edge(L, sw->dispatch, b);
		}
		if (!sw->has_default)
			lw_edge(L, sw->dispatch, fallback);
		return;
	}
	CXCursor var = lw_strip(sw->operand);
	const char *vtext = lw_text(L, var);
	int cur = sw->dispatch;
	for (size_t i = 0, seen = 0; i < n; i++) {
		const LwCase *lc = &sw->cases.v[i];
		if (lc->dflt)
			continue;
		int next = ++seen < labels ? lw_new_block(L) : fallback;
		CXCursor k[1];
		const char *ktext = lw_kids(lc->label, k, 1) ? lw_text(L, k[0]) : NULL;
		LwBlock *b = &L->blocks.v[cur];
		b->term = AC_TERM_BRANCH;
		b->cond = LW_UNKNOWN;
		b->term_loc = lw_loc_of(L, lc->label);
		b->cond_text = vtext && ktext ? ac_arena_printf(&L->t->tu->arena, "%s == %s", vtext, ktext) : NULL;
		b->cond_key = lw_case_key(L, var, lc->value);
		b->done = true;
		AC_VEC_PUSH(&b->succ, lc->block);
		AC_VEC_PUSH(&b->succ, next);
		cur = next;
	}
}

/* switch (e) s: a dispatch block jumps to every case label in s (and to
 * default, or past the switch when there is none); falling through from
 * one case into the next is an ordinary edge. On a local variable the
 * dispatch is a chain of tests instead (dispatch_chain). */
static void stmt_switch(Lw *L, CXCursor c)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2) {
		stmt_other(L, c);
		return;
	}
	long long value = 0;
	bool is_const = switch_constant(L, k[0], &value);
	full_expr(L, k[0]);
	int d = lw_ensure_cur(L);
	L->blocks.v[d].term = AC_TERM_JUMP;
	L->blocks.v[d].term_loc = stmt_loc(L, c);
	L->blocks.v[d].done = true;
	L->cur = -1;
	LwSwitch sw = {d, false, is_const, value, false, -1, !is_const && chain_operand(L, k[0]), k[0], {0}};
	LwSwitch *osw = L->sw;
	LwTarget exit = {-1};
	LwTarget *obrk = L->brk;
	L->sw = &sw;
	L->brk = &exit;
	lw_stmt(L, k[1]);
	if (L->cur >= 0)
		lw_jump(L, lw_target(L, &exit));
	if (sw.chain)
		dispatch_chain(L, &sw, sw.has_default ? sw.default_block : lw_target(L, &exit));
	else if (sw.is_const && !sw.matched && sw.default_block >= 0)
		lw_edge(L, d, sw.default_block);
	else if (!sw.has_default && !(sw.is_const && sw.matched))
		lw_edge(L, d, lw_target(L, &exit));
	AC_VEC_FREE(&sw.cases);
	L->sw = osw;
	L->brk = obrk;
	resume_at(L, &exit);
}

/* case v: s / default: s; consecutive labels share one block */
static void stmt_case(Lw *L, CXCursor c)
{
	int b = -1;
	for (;;) {
		CXCursor k[3];
		size_t n = lw_kids(c, k, 3);
		if (n == 0)
			return;
		if (b < 0) {
			b = lw_new_block(L);
			lw_jump(L, b);
			lw_set_cur(L, b);
		}
		if (L->sw && L->sw->chain) {
			collect_case(L->sw, c, k, n, b);
		} else if (L->sw && case_taken(L->sw, c, k, n, b)) {
			LwBlock *d = &L->blocks.v[L->sw->dispatch];
			if (!d->succ.n || d->succ.v[d->succ.n - 1] != b)
				lw_edge(L, L->sw->dispatch, b);
		}
		CXCursor sub = k[n - 1];
		enum CXCursorKind sk = clang_getCursorKind(sub);
		if (n == 1 && clang_getCursorKind(c) == CXCursor_CaseStmt)
			return; /* only the value survived error recovery */
		if (sk != CXCursor_CaseStmt && sk != CXCursor_DefaultStmt) {
			lw_stmt(L, sub);
			return;
		}
		c = sub;
	}
}

/* L: s (the LabelStmt holds only the first statement after the label) */
static void stmt_label(Lw *L, CXCursor c)
{
	int b = lw_label_block(L, c);
	if (!lw_fresh(L, b))
		b = lw_new_block(L); /* the same LabelStmt met twice: never in sane ASTs */
	lw_jump(L, b);
	lw_set_cur(L, b);
	CXCursor k[1];
	if (lw_kids(c, k, 1) >= 1)
		lw_stmt(L, k[0]);
}

/* goto L (the referenced cursor is the LabelStmt) */
static void stmt_goto(Lw *L, CXCursor c)
{
	if (L->cur < 0)
		return;
	CXCursor ref = clang_getCursorReferenced(c);
	AcLoc loc = stmt_loc(L, c);
	kill_live_temps(L, loc);
	int b = clang_getCursorKind(ref) == CXCursor_LabelStmt ? lw_label_block(L, ref) : -1;
	lw_jump_at(L, b, loc);
}

/* goto *e: patched at the end to reach every label whose address is taken */
static void stmt_indirect_goto(Lw *L, CXCursor c)
{
	CXCursor k[1];
	if (lw_kids(c, k, 1) >= 1)
		full_expr(L, k[0]);
	AcLoc loc = stmt_loc(L, c);
	kill_live_temps(L, loc);
	int b = lw_ensure_cur(L);
	AC_VEC_PUSH(&L->indirect_gotos, b);
	lw_jump_at(L, -1, loc);
}

/* break; continue; (no target outside a loop or switch: a dead end) */
static void stmt_break(Lw *L, CXCursor c, LwTarget *t)
{
	if (L->cur < 0)
		return;
	AcLoc loc = stmt_loc(L, c);
	kill_live_temps(L, loc);
	lw_jump_at(L, t ? lw_target(L, t) : -1, loc);
}

/* Macros whose return reports a broken precondition (GLib's checks, which
 * G_DISABLE_CHECKS compiles out): what they return is not a result callers
 * are meant to test, so it does not make a function "may return NULL". */
static const char *const precondition_macros[] = {
	"g_return_val_if_fail",
	"g_return_val_if_reached",
};

static bool in_precondition(Lw *L, CXCursor c)
{
	const char *m = lw_macro_at(L, c);
	for (size_t i = 0; m && i < sizeof precondition_macros / sizeof precondition_macros[0]; i++) {
		if (strcmp(m, precondition_macros[i]) == 0)
			return true;
	}
	return false;
}

/* return [e]; the value stays valid: no KILL before the RETURN */
static void stmt_return(Lw *L, CXCursor c)
{
	CXCursor k[1];
	size_t mark = lw_fe_begin(L);
	AcOperand v = lw_kids(c, k, 1) >= 1 ? lw_expr(L, k[0]) : LW_NONE;
	bool precondition = in_precondition(L, c);
	int id = lw_ensure_cur(L);
	lw_return(L, v, stmt_loc(L, c));
	L->blocks.v[id].ret_precondition = precondition;
	lw_fe_end(L, mark, c);
}

/* The file offsets of the first two `:` of an asm statement at paren depth
 * 1 (`::` counts twice). Returns how many were found. */
static int asm_colons(Lw *L, CXSourceRange ext, unsigned colon[2])
{
	CXTranslationUnit tu = L->t->ctu;
	CXToken *toks = NULL;
	unsigned nt = 0;
	int depth = 0, nc = 0;
	clang_tokenize(tu, ext, &toks, &nt);
	for (unsigned i = 0; i < nt && nc < 2; i++) {
		if (clang_getTokenKind(toks[i]) != CXToken_Punctuation)
			continue;
		CXString s = clang_getTokenSpelling(tu, toks[i]);
		const char *p = clang_getCString(s);
		unsigned off;
		clang_getFileLocation(clang_getTokenLocation(tu, toks[i]), NULL, NULL, NULL, &off);
		depth += (strcmp(p, "(") == 0) - (strcmp(p, ")") == 0);
		if (depth == 1 && (strcmp(p, ":") == 0 || strcmp(p, "::") == 0))
			colon[nc++] = off;
		if (depth == 1 && strcmp(p, "::") == 0 && nc < 2)
			colon[nc++] = off + 1;
		clang_disposeString(s);
	}
	clang_disposeTokens(tu, toks, nt);
	return nc;
}

/* How many leading operands of an asm statement are outputs, or -1 when its
 * text is not readable (the statement comes from a macro). */
static int asm_outputs(Lw *L, CXCursor c, const CursorVec *ops)
{
	CXSourceRange ext = lw_cursor_extent(c);
	CXFile f1, f2, sf;
	unsigned o1, o2, so;
	CXSourceLocation start = clang_getRangeStart(ext);
	clang_getFileLocation(start, &f1, NULL, NULL, &o1);
	clang_getSpellingLocation(start, &sf, NULL, NULL, &so);
	clang_getFileLocation(clang_getRangeEnd(ext), &f2, NULL, NULL, &o2);
	if (!f1 || !f2 || !sf || !clang_File_isEqual(f1, f2) || !clang_File_isEqual(f1, sf) ||
	    so != o1 || o2 <= o1)
		return -1;
	unsigned colon[2] = {0, 0};
	int nc = asm_colons(L, ext, colon);
	int nout = 0;
	for (size_t i = 0; nc >= 1 && i < ops->n; i++) {
		unsigned off;
		clang_getFileLocation(clang_getRangeStart(lw_cursor_extent(ops->v[i])), NULL,
				      NULL, NULL, &off);
		if (nc == 1 || off < colon[1])
			nout++;
	}
	return nout;
}

/* asm (... : outputs : inputs): inputs escape; outputs escape their old
 * value and then hold something unknown. */
static void stmt_asm(Lw *L, CXCursor c)
{
	CursorVec ops = {0};
	clang_visitChildren(c, collect_visit, &ops);
	size_t n = 0;
	for (size_t i = 0; i < ops.n; i++)
		if (clang_isExpression(clang_getCursorKind(ops.v[i])))
			ops.v[n++] = ops.v[i];
	ops.n = n;
	int nout = asm_outputs(L, c, &ops);
	size_t mark = lw_fe_begin(L);
	for (size_t i = 0; i < ops.n; i++) {
		AcLoc loc = lw_loc_of(L, ops.v[i]);
		int p = nout < 0 || (int)i < nout ? lw_place(L, ops.v[i], false) : -1;
		if (p < 0) {
			lw_escape(L, lw_expr(L, ops.v[i]), loc);
			continue;
		}
		lw_escape(L, lw_opnd(AC_OPND_PLACE, p), loc);
		lw_assign(L, p, LW_UNKNOWN, loc);
	}
	lw_fe_end(L, mark, c);
	AC_VEC_FREE(&ops);
}

static void stmt_dispatch(Lw *L, CXCursor c)
{
	switch (clang_getCursorKind(c)) {
	case CXCursor_CompoundStmt: stmt_compound(L, c); break;
	case CXCursor_DeclStmt: stmt_decl(L, c); break;
	case CXCursor_IfStmt: stmt_if(L, c); break;
	case CXCursor_WhileStmt: stmt_while(L, c); break;
	case CXCursor_DoStmt: stmt_do(L, c); break;
	case CXCursor_ForStmt: stmt_for(L, c); break;
	case CXCursor_SwitchStmt: stmt_switch(L, c); break;
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt: stmt_case(L, c); break;
	case CXCursor_LabelStmt: stmt_label(L, c); break;
	case CXCursor_GotoStmt: stmt_goto(L, c); break;
	case CXCursor_IndirectGotoStmt: stmt_indirect_goto(L, c); break;
	case CXCursor_BreakStmt: stmt_break(L, c, L->brk); break;
	case CXCursor_ContinueStmt: stmt_break(L, c, L->cont); break;
	case CXCursor_ReturnStmt: stmt_return(L, c); break;
	case CXCursor_NullStmt: break;
	case CXCursor_GCCAsmStmt: stmt_asm(L, c); break;
	default: stmt_other(L, c); break;
	}
}

void lw_stmt(Lw *L, CXCursor c)
{
	if (!lw_enter(L))
		return;
	stmt_dispatch(L, c);
	lw_leave(L);
}

/* ({ s...; e; }): the value of the last expression statement, copied to a
 * temporary first when the block's own variables die at its end. */
AcOperand lw_stmt_expr(Lw *L, CXCursor c)
{
	CXCursor body[1];
	if (lw_kids(c, body, 1) < 1 || clang_getCursorKind(body[0]) != CXCursor_CompoundStmt) {
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	CursorVec kids = {0};
	clang_visitChildren(body[0], collect_visit, &kids);
	size_t mark = L->scope.n;
	AcOperand v = LW_NONE;
	for (size_t i = 0; i < kids.n; i++) {
		CXCursor k = kids.v[i];
		if (i + 1 < kids.n || !clang_isExpression(clang_getCursorKind(k))) {
			lw_stmt(L, k);
			continue;
		}
		v = lw_expr(L, k);
		if ((v.kind == AC_OPND_PLACE || v.kind == AC_OPND_OFFSET) && L->scope.n > mark) {
			CXType t = lw_cursor_type(c);
			int r = lw_temp(L, lw_is_pointer_type(t));
			lw_assign(L, r, v, lw_loc_of(L, k));
			v = lw_opnd(AC_OPND_PLACE, r);
		}
	}
	kill_scope(L, mark, body[0]);
	AC_VEC_FREE(&kids);
	return v;
}

/* --- functions ------------------------------------------------------------------ */

/* Whether an error diagnostic lies in the definition c (signature or body:
 * an unknown parameter type silently becomes int). */
static bool in_main_file(const LwTu *t, CXSourceLocation loc);

static bool has_error(const LwTu *t, CXCursor c)
{
	if (!in_main_file(t, clang_getCursorLocation(c)))
		return t->errors_elsewhere; /* err_offsets are the main file's */
	if (!t->nerr)
		return false;
	CXSourceRange r = lw_cursor_extent(c);
	unsigned s, e;
	clang_getExpansionLocation(clang_getRangeStart(r), NULL, NULL, NULL, &s);
	clang_getExpansionLocation(clang_getRangeEnd(r), NULL, NULL, NULL, &e);
	size_t lo = 0, hi = t->nerr; /* first offset >= s */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->err_offsets[mid] < s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->nerr && t->err_offsets[lo] <= e;
}

static enum CXChildVisitResult addr_label_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	Lw *L = data;
	if (clang_getCursorKind(c) != CXCursor_AddrLabelExpr)
		return CXChildVisit_Recurse;
	CXCursor k[1];
	CXCursor ref = lw_kids(c, k, 1) >= 1 ? clang_getCursorReferenced(k[0]) : clang_getNullCursor();
	if (clang_getCursorKind(ref) == CXCursor_LabelStmt) { /* via the LabelRef child */
		int b = lw_label_block(L, ref);
		for (size_t i = 0; i < L->addr_labels.n; i++)
			if (L->addr_labels.v[i] == b)
				return CXChildVisit_Continue;
		AC_VEC_PUSH(&L->addr_labels, b);
	}
	return CXChildVisit_Continue;
}

/* Every goto *e may reach every label whose address is taken anywhere in
 * the body (static initialisers included, which are not lowered). */
static void patch_indirect_gotos(Lw *L, CXCursor body)
{
	if (!L->indirect_gotos.n)
		return;
	clang_visitChildren(body, addr_label_visit, L);
	for (size_t i = 0; i < L->indirect_gotos.n; i++)
		for (size_t j = 0; j < L->addr_labels.n; j++)
			lw_edge(L, L->indirect_gotos.v[i], L->addr_labels.v[j]);
}

static void copy_block(AcArena *a, AcBlock *dst, const LwBlock *src, int id)
{
	dst->id = id;
	dst->nops = src->ops.n;
	dst->ops = AC_ARENA_ARRAY(a, AcOp, src->ops.n);
	if (src->ops.n)
		memcpy(dst->ops, src->ops.v, src->ops.n * sizeof *src->ops.v);
	/* A block never entered (a label only reached by broken code) is a dead end. */
	dst->term = src->done ? src->term : AC_TERM_JUMP;
	dst->cond = src->cond;
	dst->ret = src->ret;
	dst->ret_precondition = src->ret_precondition;
	dst->term_loc = src->term_loc;
	dst->cond_text = src->cond_text;
	dst->cond_negated = src->cond_negated;
	dst->cond_key = src->cond_key;
	dst->nsucc = src->succ.n;
	dst->succ = AC_ARENA_ARRAY(a, int, src->succ.n);
	if (src->succ.n)
		memcpy(dst->succ, src->succ.v, src->succ.n * sizeof *src->succ.v);
}

/* Frees what lowering one function built, without keeping it. */
static void discard_func(Lw *L)
{
	for (size_t i = 0; i < L->blocks.n; i++) {
		AC_VEC_FREE(&L->blocks.v[i].ops);
		AC_VEC_FREE(&L->blocks.v[i].succ);
	}
	AC_VEC_FREE(&L->places);
	AC_VEC_FREE(&L->pfield);
	AC_VEC_FREE(&L->blocks);
	AC_VEC_FREE(&L->temps);
	AC_VEC_FREE(&L->temp_busy);
	AC_VEC_FREE(&L->live);
	AC_VEC_FREE(&L->scope);
	AC_VEC_FREE(&L->addr_labels);
	AC_VEC_FREE(&L->indirect_gotos);
	AC_VEC_FREE(&L->aliases);
	lw_map_free(&L->vars);
	lw_map_free(&L->nonneg);
	lw_map_free(&L->sizevar);
	lw_map_free(&L->counter_vars);
	AC_VEC_FREE(&L->labels);
	ac_free(L->ltab);
	ac_free(L->dtab);
}

/* Moves the vecs of L into fn (TU arena) and releases them. */
static void finish_func(Lw *L, AcFunc *fn)
{
	AcArena *a = &L->tu->arena;
	fn->nplaces = L->places.n;
	fn->places = AC_ARENA_ARRAY(a, AcPlace, L->places.n);
	for (size_t i = 0; i < L->places.n; i++) {
		AcPlace p = L->places.v[i];
		p.addr_taken = L->places.v[p.root].addr_taken;
		for (int q = (int)i; q >= 0 && q != p.root && !p.addr_taken; q = L->places.v[q].parent)
			p.addr_taken = L->places.v[q].member_addr;
		p.cleanup = L->places.v[p.root].cleanup;
		fn->places[i] = p;
	}
	fn->nblocks = L->blocks.n;
	fn->blocks = AC_ARENA_ARRAY(a, AcBlock, L->blocks.n);
	for (size_t i = 0; i < L->blocks.n; i++)
		copy_block(a, &fn->blocks[i], &L->blocks.v[i], (int)i);
	ac_cfg_finish(a, fn);
	discard_func(L);
}

/* A struct's value in a variable or in a member of one (not through a pointer). */
static bool struct_value(const AcPlace *p)
{
	return !p->is_pointer && (p->kind == AC_PLACE_VAR || (p->kind == AC_PLACE_MEMBER && !p->through_ptr));
}

/* Each member of struct place `from` the function names gets its
 * counterpart in `to` (the same member), nested members too. */
static void mirror_members(Lw *L, int from, int to)
{
	if (!struct_value(&L->places.v[from]) || !struct_value(&L->places.v[to]))
		return;
	for (size_t q = 0; q < L->places.n; q++) {
		AcPlace m = L->places.v[q]; /* a copy: lw_derived may move the places */
		if (m.kind != AC_PLACE_MEMBER || m.parent != from || m.through_ptr || !m.field_key)
			continue;
		int c = lw_derived(L, AC_PLACE_MEMBER, to, L->pfield.v[q], -1, false, m.is_pointer);
		if (!L->places.v[c].field_key)
			L->places.v[c].field_key = m.field_key;
		L->places.v[c].union_member |= m.union_member;
		mirror_members(L, (int)q, c);
	}
}

/* q = ptr, a struct copied whole: each member of q the function names gets
 * its counterpart in ptr (ptr.value), so that the engine carries what ptr's
 * member holds into q's (transfer.c copy_members) also when the code names
 * that member through the copy only (boxed_free(ptr); free(q.value)). */
static void mirror_copied_members(Lw *L)
{
	enum { MAX_ROUNDS = 4 }; /* a = b; b = c: c.m after b.m, each round one link */
	for (int round = 0; round < MAX_ROUNDS; round++) {
		size_t n = L->places.n;
		bool *has_members = ac_calloc(n, sizeof *has_members);
		for (size_t q = 0; q < n; q++) {
			const AcPlace *m = &L->places.v[q];
			if (m->kind == AC_PLACE_MEMBER && !m->through_ptr && m->parent >= 0)
				has_members[m->parent] = true;
		}
		for (size_t b = 0; b < L->blocks.n; b++) {
			for (size_t i = 0; i < L->blocks.v[b].ops.n; i++) {
				AcOp op = L->blocks.v[b].ops.v[i];
				if (op.kind == AC_OP_ASSIGN && op.src.kind == AC_OPND_PLACE && op.src.place >= 0 &&
				    op.dst >= 0 && op.dst != op.src.place && has_members[op.dst])
					mirror_members(L, op.dst, op.src.place);
			}
		}
		ac_free(has_members);
		if (L->places.n == n)
			return;
	}
}

static CXCursor func_body(CXCursor fn)
{
	CursorVec kids = {0};
	clang_visitChildren(fn, collect_visit, &kids);
	CXCursor body = clang_getNullCursor();
	for (size_t i = 0; i < kids.n; i++)
		if (clang_getCursorKind(kids.v[i]) == CXCursor_CompoundStmt)
			body = kids.v[i];
	AC_VEC_FREE(&kids);
	return body;
}


enum { MAX_ALIAS_ROUNDS = 4 }; /* lowerings of one function before aliases are given up */

static bool lower_once(LwTu *t, CXCursor c, AcFunc *fn, const LwCursors *banned);

/* A function definition -> fn; noreturn: whether it is declared so. A
 * pointer found not to be an alias after all (lower_alias.c) is banned and
 * the function lowered again. */
static void lower_func(LwTu *t, CXCursor c, AcFunc *fn, bool noreturn)
{
	LwCursors banned = {0};
	fn->declared_noreturn = noreturn;
	for (int round = 0;; round++) {
		if (lower_once(t, c, fn, round < MAX_ALIAS_ROUNDS ? &banned : NULL))
			break;
	}
	AC_VEC_FREE(&banned);
}

/* Lowers c once; false (nothing kept, the pointer added to banned) when an
 * alias turned out wrong. */
static bool lower_once(LwTu *t, CXCursor c, AcFunc *fn, const LwCursors *banned)
{
	Lw L;
	memset(&L, 0, sizeof L);
	L.t = t;
	L.tu = t->tu;
	L.cur = -1;
	L.counter = -1;
	L.alias_banned = banned;
	fn->name = lw_spelling(t, c);
	fn->loc = lw_loc(t, clang_getCursorLocation(c));
	fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	fn->unreliable = has_error(t, c);
	int np = clang_Cursor_getNumArguments(c);
	for (int i = 0; i < np; i++) {
		int p = lw_var(&L, clang_Cursor_getArgument(c, (unsigned)i));
		L.places.v[p].param_index = i;
	}
	fn->nparams = L.places.n; /* duplicate parameters (broken code) collapse */
	CXCursor body = func_body(c);
	lw_set_cur(&L, lw_new_block(&L));
	if (!clang_Cursor_isNull(body)) {
		fn->end_loc = end_loc(t, body);
		lw_stmt(&L, body);
	}
	if (L.cur >= 0)
		lw_return(&L, LW_NONE, fn->end_loc);
	fn->unreliable |= L.saw_recovery;
	if (L.too_deep) {
		fn->unreliable = true;
		ac_note_verbose("%s:%u: '%s' nests deeper than %d levels; its CFG is incomplete",
				fn->loc.file ? fn->loc.file : "?", fn->loc.line, fn->name,
				(int)LW_MAX_DEPTH);
	}
	if (L.alias_retry_set && banned) {
		AC_VEC_PUSH((LwCursors *)banned, L.alias_retry);
		discard_func(&L);
		return false;
	}
	if (!clang_Cursor_isNull(body))
		patch_indirect_gotos(&L, body);
	mirror_copied_members(&L);
	finish_func(&L, fn);
#ifndef NDEBUG
	ac_cfg_verify(fn);
#endif
	return true;
}

static bool in_main_file(const LwTu *t, CXSourceLocation loc)
{
	CXFile f;
	clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
	return f && t->main_file && clang_File_isEqual(f, t->main_file);
}

/* ---- function addresses in initializers of file-scope variables ------------ */

static void fninit_add(LwTu *t, const char *key, const char *fn)
{
	AcFnInit x = {ac_intern(&t->tu->names, key), fn};
	AC_VEC_PUSH(&t->fninits, x);
}

typedef struct FieldList {
	CXCursor v[64];
	size_t n;
	bool over;
} FieldList;

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data)
{
	FieldList *f = data;
	if (f->n == sizeof f->v / sizeof *f->v) {
		f->over = true;
		return CXVisit_Break;
	}
	f->v[f->n++] = c;
	return CXVisit_Continue;
}

static unsigned file_offset(CXCursor c)
{
	unsigned off = 0;
	clang_getFileLocation(clang_getRangeStart(lw_cursor_extent(c)), NULL, NULL, NULL, &off);
	return off;
}

/* What initializer e of type type stores into key: a function's address,
 * nothing (0, NULL), the members of a struct in declaration order, or
 * something else (fn NULL: the place and its members are not known). A list
 * with designators (.f = g), which need not follow the declaration order,
 * is not read: its members are not known. */
static void fninit_expr(LwTu *t, const char *key, CXCursor e, CXType type, int depth)
{
	CXCursor s = lw_strip(e);
	enum CXCursorKind k = clang_getCursorKind(s);
	if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_AddrOf) {
		CXCursor kid;
		if (lw_kids(s, &kid, 1) == 1)
			s = lw_strip(kid);
		k = clang_getCursorKind(s);
	}
	long long v;
	if (k == CXCursor_DeclRefExpr && clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl) {
		fninit_add(t, key, lw_callee(t, clang_getCursorReferenced(s)).name);
		return;
	}
	if (k != CXCursor_InitListExpr && lw_const_int(s, &v) && (v == 0 || !lw_is_pointer_type(type)))
		return; /* NULL, or a number into a number: no function (its value: lw_consts_definition) */
	CXType ct = clang_getCanonicalType(type);
	if (k != CXCursor_InitListExpr || ct.kind != CXType_Record || depth > 8) {
		fninit_add(t, key, NULL);
		return;
	}
	FieldList fields = {.n = 0};
	clang_Type_visitFields(ct, field_visit, &fields);
	CursorVec kids = {0};
	clang_visitChildren(s, collect_visit, &kids);
	bool ok = !fields.over && kids.n <= fields.n;
	for (size_t i = 0; ok && i < kids.n; i++)
		ok = file_offset(kids.v[i]) == file_offset(lw_strip_implicit(kids.v[i])) &&
		     lw_spelling(t, fields.v[i]) != NULL;
	if (!ok) {
		fninit_add(t, key, NULL);
		AC_VEC_FREE(&kids);
		return;
	}
	for (size_t i = 0; i < kids.n; i++) {
		const char *sub = ac_arena_printf(&t->tu->arena, "%s.%s", key, lw_spelling(t, fields.v[i]));
		fninit_expr(t, sub, kids.v[i], lw_cursor_type(fields.v[i]), depth + 1);
	}
	AC_VEC_FREE(&kids);
}

/* ---- addresses taken by initializers of static storage ---------------------- */

/* Whether variable d has static storage: file scope, or a static or extern
 * local. */
static bool static_storage(CXCursor d)
{
	if (clang_getCursorKind(d) != CXCursor_VarDecl)
		return false;
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(d);
	return sc == CX_SC_Static || sc == CX_SC_Extern ||
	       clang_getCursorKind(clang_getCursorSemanticParent(d)) == CXCursor_TranslationUnit;
}

/* The variable of static storage whose object the lvalue e lies in (x,
 * x.m, x[i], x.a[i].b), or a null cursor: e is reached through a pointer
 * (p->m, p[i], *p) or is no variable's. */
static CXCursor static_object_of(CXCursor e)
{
	for (int depth = 0; depth < 64; depth++) {
		e = lw_strip(e);
		enum CXCursorKind k = clang_getCursorKind(e);
		if (k == CXCursor_DeclRefExpr) {
			CXCursor d = clang_getCursorReferenced(e);
			return static_storage(d) ? d : clang_getNullCursor();
		}
		CXCursor base;
		if ((k != CXCursor_MemberRefExpr && k != CXCursor_ArraySubscriptExpr) || lw_kids(e, &base, 1) < 1)
			break;
		if (lw_is_pointer_type(lw_cursor_type(lw_strip(base))))
			break;
		e = base;
	}
	return clang_getNullCursor();
}

/* Records that the address of variable d is taken ("&name" in fninits,
 * once): program.c then counts it among the globals any call may write
 * through a pointer, as it does for &x in a function body. */
static void addr_init_add(LwTu *t, CXCursor d)
{
	const char *name = lw_spelling(t, d);
	if (!name)
		return;
	const char *key = ac_intern(&t->tu->names, ac_arena_printf(&t->tu->arena, "&%s", name));
	for (size_t i = 0; i < t->fninits.n; i++) {
		if (t->fninits.v[i].key == key)
			return;
	}
	fninit_add(t, key, NULL);
}

static enum CXChildVisitResult addr_init_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	LwTu *t = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_UnaryExpr)
		return CXChildVisit_Continue; /* sizeof x, _Alignof x: no address */
	if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_AddrOf) {
		CXCursor kid, d;
		if (lw_kids(c, &kid, 1) == 1 && !clang_Cursor_isNull(d = static_object_of(kid)))
			addr_init_add(t, d);
	} else if (k == CXCursor_DeclRefExpr) {
		/* an array names its address (int *p = levels;) */
		CXCursor d = clang_getCursorReferenced(c);
		enum CXTypeKind tk = lw_type_kind(lw_cursor_type(d));
		if (static_storage(d) && (tk == CXType_ConstantArray || tk == CXType_IncompleteArray))
			addr_init_add(t, d);
	}
	return CXChildVisit_Recurse;
}

/* int *p = &flag; struct knob k[] = {{"x", &x}}; int *q = levels;
 * static int *r = &s.m; (a local static too): the addresses of variables
 * that init, the initializer of a variable of type type and static storage,
 * takes. Such an initializer runs before any function, so no function body
 * shows the address being taken. A variable of numbers (or an array of
 * them: the large tables) holds no address and is not read. */
static void addr_inits(LwTu *t, CXCursor init, CXType type)
{
	CXType ct = clang_getCanonicalType(type);
	for (int depth = 0; depth < 16 && (ct.kind == CXType_ConstantArray || ct.kind == CXType_IncompleteArray); depth++)
		ct = clang_getCanonicalType(clang_getArrayElementType(ct));
	if ((ct.kind >= CXType_FirstBuiltin && ct.kind <= CXType_LastBuiltin) || ct.kind == CXType_Enum)
		return;
	clang_visitChildren(init, addr_init_visit, t);
	addr_init_visit(init, clang_getNullCursor(), t);
}

/* ---- destructors registered in file-scope initializers ---------------------- */

/* The tag of a record type, or "" (an anonymous one, not a record). */
static const char *record_tag(LwTu *t, CXType type)
{
	CXType ct = clang_getCanonicalType(type);
	if (ct.kind != CXType_Record)
		return "";
	const char *s = lw_spelling(t, clang_getTypeDeclaration(ct));
	return s ? s : "";
}

/* The function whose address expression e is ((destructor)f, &f, f), as the
 * lowering names it; NULL for anything else. */
static const char *function_of(LwTu *t, CXCursor e)
{
	CXCursor s = lw_strip(e);
	if (clang_getCursorKind(s) == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_AddrOf) {
		CXCursor kid;
		if (lw_kids(s, &kid, 1) != 1)
			return NULL;
		s = lw_strip(kid);
	}
	if (clang_getCursorKind(s) != CXCursor_DeclRefExpr)
		return NULL;
	CXCursor d = clang_getCursorReferenced(s);
	return clang_getCursorKind(d) == CXCursor_FunctionDecl ? lw_callee(t, d).name : NULL;
}

/* The members an initializer list of a struct sets, in order: the member's
 * name and its initializer, positional or designated (.f = x). A designator
 * of more than one member (.a.b = x), or more entries than members, ends
 * the list: what follows cannot be placed. Returns how many were placed. */
enum { MAX_INITS = 64 };
typedef struct MemberInit {
	const char *name;
	CXCursor value;
} MemberInit;

static size_t member_inits(LwTu *t, CXCursor list, CXType type, MemberInit *out)
{
	FieldList fields = {.n = 0};
	clang_Type_visitFields(clang_getCanonicalType(type), field_visit, &fields);
	CursorVec kids = {0};
	clang_visitChildren(list, collect_visit, &kids);
	size_t n = 0, next = 0;
	for (size_t i = 0; i < kids.n && n < MAX_INITS && !fields.over; i++) {
		CXCursor sub[3];
		size_t nsub = clang_getCursorKind(kids.v[i]) == CXCursor_UnexposedExpr ? lw_kids(kids.v[i], sub, 3) : 0;
		if (nsub >= 1 && clang_getCursorKind(sub[0]) == CXCursor_MemberRef) {
			if (nsub != 2)
				break;
			const char *name = lw_spelling(t, sub[0]);
			size_t f = 0;
			while (f < fields.n && (!name || lw_spelling(t, fields.v[f]) != name))
				f++;
			if (f == fields.n)
				break;
			out[n++] = (MemberInit){name, sub[1]};
			next = f + 1;
			continue;
		}
		if (next >= fields.n)
			break;
		out[n++] = (MemberInit){lw_spelling(t, fields.v[next]), kids.v[i]};
		next++;
	}
	AC_VEC_FREE(&kids);
	return n;
}

/* The value list's member called name sets, or a null cursor. */
static CXCursor member_init(const MemberInit *m, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++) {
		if (m[i].name && strcmp(m[i].name, name) == 0)
			return m[i].value;
	}
	return clang_getNullCursor();
}

enum { PY_TP_DEALLOC = 52 }; /* CPython's typeslots.h: Py_tp_dealloc, part of the stable ABI */

/* The functions a file-scope initializer registers as the destructor of a
 * type, run once at the end of each object's life: the tp_dealloc of a
 * CPython type object (struct _typeobject, PyTypeObject), positional or
 * designated; the Py_tp_dealloc entry of an array of PyType_Slot (for
 * PyType_FromSpec). Not tp_finalize (the object may be resurrected and
 * used again), tp_clear (the collector may call it before tp_dealloc calls
 * it again) nor tp_free (it releases the object, not its members). */
static void destructor_var(LwTu *t, CXCursor init, CXType type)
{
	CXCursor list = lw_strip(init);
	if (clang_getCursorKind(list) != CXCursor_InitListExpr)
		return;
	CXType ct = clang_getCanonicalType(type);
	MemberInit m[MAX_INITS];
	if (ct.kind == CXType_Record && strcmp(record_tag(t, ct), "_typeobject") == 0) {
		size_t n = member_inits(t, list, ct, m);
		CXCursor v = member_init(m, n, "tp_dealloc");
		const char *fn = clang_Cursor_isNull(v) ? NULL : function_of(t, v);
		if (fn)
			fninit_add(t, AC_FNINIT_DESTRUCTOR, fn);
		return;
	}
	CXType elem = clang_getArrayElementType(ct);
	if (elem.kind == CXType_Invalid || strcmp(record_tag(t, elem), "PyType_Slot") != 0)
		return;
	CursorVec slots = {0};
	clang_visitChildren(list, collect_visit, &slots);
	for (size_t i = 0; i < slots.n; i++) {
		CXCursor s = lw_strip(slots.v[i]);
		if (clang_getCursorKind(s) != CXCursor_InitListExpr)
			continue;
		size_t n = member_inits(t, s, elem, m);
		CXCursor slot = member_init(m, n, "slot"), pfunc = member_init(m, n, "pfunc");
		long long id;
		if (clang_Cursor_isNull(slot) || clang_Cursor_isNull(pfunc) || !lw_const_int(slot, &id) || id != PY_TP_DEALLOC)
			continue;
		const char *fn = function_of(t, pfunc);
		if (fn)
			fninit_add(t, AC_FNINIT_DESTRUCTOR, fn);
	}
	AC_VEC_FREE(&slots);
}

static void fninit_var(LwTu *t, CXCursor var)
{
	if (!clang_isCursorDefinition(var) || clang_Location_isInSystemHeader(clang_getCursorLocation(var)))
		return;
	CXCursor init = clang_Cursor_getVarDeclInitializer(var);
	const char *key = lw_link_key(t, var);
	if (clang_Cursor_isNull(init) || !key)
		return;
	fninit_expr(t, key, init, lw_cursor_type(var), 0);
	destructor_var(t, init, lw_cursor_type(var));
	addr_inits(t, init, lw_cursor_type(var));
}

/* Whether the functions of f, included from a file whose functions are
 * lowered, are too: f is the project's (project.h) and has no include
 * guard. */
static bool file_makes_functions(LwTu *t, CXFile f)
{
	if (clang_isFileMultipleIncludeGuarded(t->ctu, f))
		return false;
	CXString real = clang_File_tryGetRealPathName(f);
	const char *r = clang_getCString(real);
	bool ours = ac_project_has(r && r[0] ? r : NULL);
	clang_disposeString(real);
	return ours;
}

static bool listed(const LwTu *t, CXFile f)
{
	for (size_t i = 0; i < t->verdicts.n; i++) {
		if (t->verdicts.v[i].file == f || clang_File_isEqual(t->verdicts.v[i].file, f))
			return true;
	}
	return false;
}

/* clang_getInclusions visits each file after the one that includes it
 * (stack[0] is the #include): one pass finds the chains from the main
 * file. */
static void chain_visit(CXFile inc, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	LwTu *t = data;
	if (depth == 0 || listed(t, inc))
		return;
	CXFile from = NULL;
	clang_getFileLocation(stack[0], &from, NULL, NULL, NULL);
	if (!from || !(clang_File_isEqual(from, t->main_file) || listed(t, from)))
		return;
	if (file_makes_functions(t, inc)) {
		LwFileVerdict v = {inc};
		AC_VEC_PUSH(&t->verdicts, v);
	}
}

/* Whether the functions defined in f, a file the TU includes, are lowered
 * and analysed as the TU's own: f is the project's, not a system header,
 * has no include guard, and is included from the main file or from such a
 * file. A file like that (a .c file of a unity build, a template such as
 * the headers of CPython's stringlib, included under other macros each
 * time) makes new functions wherever it is included, so they belong to the
 * file that includes it. A header included through a guarded one (CPython's
 * Include/cpython/object.h from Python.h) is part of that header, which every file
 * including it shares: its functions, like those of any guarded header,
 * are not the TU's own but shared (lower_shared.c). The chains are found
 * once per TU, when the first definition outside the main file is met. */
static bool included_file_lowered(LwTu *t, CXFile f, CXSourceLocation loc)
{
	/* A system header's first: every TU built with _FORTIFY_SOURCE meets
	 * glibc's inline wrappers, and the chains cost a walk of every
	 * inclusion (0.9M instructions a TU of lua5.4) */
	if (clang_Location_isInSystemHeader(loc))
		return false;
	if (!t->chains_found) {
		t->chains_found = true;
		clang_getInclusions(t->ctu, chain_visit, t);
	}
	return listed(t, f);
}

bool lw_def_lowered(LwTu *t, CXSourceLocation loc)
{
	CXFile f;
	clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
	if (!f || !t->main_file)
		return false;
	return clang_File_isEqual(f, t->main_file) || included_file_lowered(t, f, loc);
}

static enum CXChildVisitResult defs_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	LwTu *t = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_FunctionDecl && clang_isCursorDefinition(c) && lw_def_lowered(t, clang_getCursorLocation(c)))
		AC_VEC_PUSH(&t->defs, c);
	else if (k == CXCursor_VarDecl) {
		lw_consts_note(t, c);
		lw_consts_definition(t, c);
		fninit_var(t, c);
	}
	return CXChildVisit_Continue;
}

/* The fninits of the PCH's headers, as fninit_var would have found them
 * walking the TU: a static variable's key names this TU. */
static void pch_fninits(LwTu *t, const AcPch *pch)
{
	for (size_t i = 0; i < pch->nfninits; i++) {
		const AcFnInit *x = &pch->fninits[i];
		const char *key = strncmp(x->key, "::", 2) == 0 ? ac_arena_printf(&t->tu->arena, "%s%s", t->tu->path, x->key)
								: x->key;
		AcFnInit y = {ac_intern(&t->tu->names, key), x->fn ? ac_intern(&t->tu->names, x->fn) : NULL};
		AC_VEC_PUSH(&t->fninits, y);
	}
}

void ac_lower_tu(AcTu *tu, CXTranslationUnit ctu, const unsigned *err_offsets, size_t nerr, const AcPch *pch)
{
	LwTu t;
	memset(&t, 0, sizeof t);
	t.tu = tu;
	t.ctu = ctu;
	t.err_offsets = err_offsets;
	t.nerr = nerr;
	t.errors_elsewhere = tu->nerrors > nerr;
	t.builtin_expect = ac_intern(&tu->names, "__builtin_expect");
	t.builtin_expect_prob = ac_intern(&tu->names, "__builtin_expect_with_probability");
	LwCache *outer_cache = lw_cache_open(ctu);
	lw_files_init(&t.files, ctu);
	t.main_file = t.files.main;
	t.line_directives = lw_has_line_directives(&t);
	t.pch = pch != NULL;
	if (pch)
		pch_fninits(&t, pch);
	clang_visitChildren(clang_getTranslationUnitCursor(ctu), defs_visit, &t);
	lw_consts_scan(&t);
	/* Register the definitions first so calls can name callees defined
	 * later. A function defined here is noreturn only if declared so: a
	 * local `err` that returns is not err(3) (the engine summarises it). */
	size_t nown = t.defs.n;
	for (size_t i = 0; i < nown; i++) {
		lw_callee(&t, t.defs.v[i]);
		int ci = lw_map_get(&t.callee_map, clang_getCanonicalCursor(t.defs.v[i]));
		if (t.callees.v[ci].func < 0) {
			t.callees.v[ci].func = (int)i;
			t.callees.v[ci].noreturn = lw_decl_noreturn(&t, t.defs.v[i]);
		}
	}
	/* The definitions of shared headers the bodies call join t.defs as
	 * they are named (lw_callee), and are lowered in turn. */
	AC_VEC(AcFunc) funcs = {0};
	for (size_t i = 0; i < t.defs.n; i++) {
		CXCursor def = t.defs.v[i];
		AcFunc fn;
		memset(&fn, 0, sizeof fn);
		lower_func(&t, def, &fn, lw_decl_noreturn(&t, def));
		fn.shared = lw_shared_file(&t, def);
		AC_VEC_PUSH(&funcs, fn);
	}
	tu->nfuncs = funcs.n;
	tu->funcs = AC_ARENA_ARRAY(&tu->arena, AcFunc, funcs.n ? funcs.n : 1);
	if (funcs.n)
		memcpy(tu->funcs, funcs.v, funcs.n * sizeof *funcs.v);
	AC_VEC_FREE(&funcs);
	lw_shared_keys(&t);
	/* after the bodies: a local static's initializer may take an address */
	tu->nfninits = t.fninits.n;
	tu->fninits = AC_ARENA_ARRAY(&tu->arena, AcFnInit, t.fninits.n ? t.fninits.n : 1);
	for (size_t i = 0; i < t.fninits.n; i++)
		tu->fninits[i] = t.fninits.v[i];
	AC_VEC_FREE(&t.fninits);
	AC_VEC_FREE(&t.defs);
	AC_VEC_FREE(&t.verdicts);
	lw_shared_free(&t);
	AC_VEC_FREE(&t.callees);
	lw_map_free(&t.callee_map);
	AC_VEC_FREE(&t.consts);
	lw_map_free(&t.const_map);
	lw_map_free(&t.field_map);
	AC_VEC_FREE(&t.field_keys);
	lw_files_free(&t.files);
	lw_cache_close(outer_cache);
}
