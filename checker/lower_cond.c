/*
 * lower_cond: conditions and truth values.
 *
 * In condition context (if/while/for/do, and recursively the operands of
 * &&, ||, !, ?: there) an expression becomes short-circuit branches: `!e`
 * swaps the targets, `p == NULL` branches on p with the targets swapped,
 * `p != NULL`, `!!p` and __builtin_expect(p, c) branch on p, so a BRANCH
 * always tests the pointer itself. A constant condition jumps to its only
 * feasible side. In value context, &&, || and ?: become the same control flow
 * with each arm assigning a result temporary, and `!x`, `x == 0`, `x != 0`
 * become one AC_OP_TEST of x however deeply they are nested (Cython writes
 * `t = ((!(p != 0)) != 0)`).
 *
 * Each BRANCH carries the text of the condition the user wrote at the level
 * it decides: the whole condition of the statement, or the operand of &&/||/?:
 * for the inner ones (for macros, the invocation: "unlikely(!p)").
 */
#include "lower.h"

#include "mem.h"

static CXCursor child_at(CXCursor c, size_t i)
{
	CXCursor k[4];
	size_t n = lw_kids(c, k, 4);
	return i < n && i < 4 ? k[i] : clang_getNullCursor();
}

bool lw_is_zero_compare(CXCursor c, CXCursor *other, bool *eq)
{
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
		return false;
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	if (bk != CXBinaryOperator_EQ && bk != CXBinaryOperator_NE)
		return false;
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2)
		return false;
	if (lw_is_zero_const(k[1]))
		*other = k[0];
	else if (lw_is_zero_const(k[0]))
		*other = k[1];
	else
		return false;
	*eq = bk == CXBinaryOperator_EQ;
	return true;
}

/* GNU x ?: y is an UnexposedExpr [x, copy of x, copy of x, y]. */
bool lw_is_gnu_ternary(CXCursor c, const CXCursor *k, size_t n)
{
	if (n != 4 || clang_getCursorKind(c) != CXCursor_UnexposedExpr)
		return false;
	CXSourceRange r = lw_cursor_extent(k[0]);
	return clang_equalRanges(r, lw_cursor_extent(k[1])) &&
	       clang_equalRanges(r, lw_cursor_extent(k[2]));
}

/* Jumps for an operand whose truth is known (a constant, an address). */
static bool known_truth(AcOperand v, bool *truth)
{
	switch (v.kind) {
	case AC_OPND_INT:
		*truth = v.ival != 0;
		return true;
	case AC_OPND_NULL:
		*truth = false;
		return true;
	case AC_OPND_ADDR:
		*truth = true;
		return true;
	default:
		return false;
	}
}

/* negated: text is true on the edge to f (peel exchanged the successors). */
static void branch_on(Lw *L, AcOperand v, int t, int f, CXCursor text, bool negated, const AcCondKey *key)
{
	bool truth;
	if (v.kind == AC_OPND_NONE) /* a void condition: only in broken code */
		v = LW_UNKNOWN;
	if (known_truth(v, &truth))
		lw_jump(L, truth ? t : f);
	else
		lw_branch(L, v, t, f, text, negated, key);
}

static void cond_at(Lw *L, CXCursor c, int t, int f, CXCursor text);

static bool is_logic(CXCursor c, enum CXBinaryOperatorKind bk)
{
	return clang_getCursorKind(c) == CXCursor_BinaryOperator &&
	       clang_getCursorBinaryOperatorKind(c) == bk;
}

/* a && b && c ..., a || b || c ...: the left operand decides whether the
 * right one runs. A left-deep chain of one operator is walked iteratively:
 * the leftmost operand first, then each right operand in its own block. */
static void cond_logic(Lw *L, CXCursor c, bool and, int t, int f)
{
	enum CXBinaryOperatorKind bk = and ? CXBinaryOperator_LAnd : CXBinaryOperator_LOr;
	AC_VEC(CXCursor) rhs = {0};
	CXCursor x = c, k[2];
	while (is_logic(x, bk) && lw_kids(x, k, 2) == 2) {
		AC_VEC_PUSH(&rhs, k[1]);
		x = lw_strip(k[0]);
	}
	if (!rhs.n) {
		branch_on(L, lw_expr(L, c), t, f, c, false, NULL);
		return;
	}
	for (size_t i = rhs.n + 1; i-- > 0;) {
		CXCursor operand = i == rhs.n ? x : rhs.v[i];
		if (i == 0) {
			cond_at(L, operand, t, f, operand);
			break;
		}
		int mid = lw_new_block(L);
		cond_at(L, operand, and ? mid : t, and ? f : mid, operand);
		lw_set_cur(L, mid);
	}
	AC_VEC_FREE(&rhs);
}

/* c ? a : b as a condition */
static void cond_ternary(Lw *L, CXCursor c, int t, int f)
{
	CXCursor k[3];
	if (lw_kids(c, k, 3) != 3) {
		branch_on(L, lw_expr(L, c), t, f, c, false, NULL);
		return;
	}
	int bt = lw_new_block(L), bf = lw_new_block(L);
	cond_at(L, k[0], bt, bf, k[0]);
	lw_set_cur(L, bt);
	cond_at(L, k[1], t, f, k[1]);
	lw_set_cur(L, bf);
	cond_at(L, k[2], t, f, k[2]);
}

/* x ?: y as a condition is x || y, with x evaluated once. */
static void cond_gnu_ternary(Lw *L, const CXCursor *k, int t, int f)
{
	int bf = lw_new_block(L);
	cond_at(L, k[0], t, bf, k[0]);
	lw_set_cur(L, bf);
	cond_at(L, k[3], t, f, k[3]);
}

/* Peels what does not change which value is tested (!, == 0, != 0,
 * __builtin_expect, parentheses, casts, the left side of a comma, which is
 * lowered for its effects) and returns the cursor left, exchanging *t and *f
 * for each negation. A null cursor means broken code lost an operand. */
static CXCursor peel(Lw *L, CXCursor c, int *t, int *f)
{
	for (;;) {
		c = lw_strip(c);
		enum CXCursorKind kind = clang_getCursorKind(c);
		CXCursor other, k[5];
		bool eq;
		int tmp;
		if (kind == CXCursor_UnaryOperator &&
		    clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_LNot) {
			tmp = *t, *t = *f, *f = tmp;
			c = child_at(c, 0);
		} else if (lw_is_zero_compare(c, &other, &eq)) {
			if (eq)
				tmp = *t, *t = *f, *f = tmp;
			c = other;
		} else if (lw_is_expect(L, c)) {
			c = clang_Cursor_getArgument(c, 0);
		} else if (kind == CXCursor_BinaryOperator &&
			   clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Comma &&
			   lw_kids(c, k, 2) == 2) {
			lw_expr(L, k[0]);
			c = k[1];
		} else {
			return c;
		}
		if (clang_Cursor_isNull(c))
			return c;
	}
}

static void cond_dispatch(Lw *L, CXCursor c, int t, int f, CXCursor text)
{
	int t0 = t;
	c = peel(L, c, &t, &f);
	if (clang_Cursor_isNull(c)) {
		lw_jump(L, f);
		return;
	}
	enum CXCursorKind kind = clang_getCursorKind(c);
	CXCursor k[5];
	if (kind == CXCursor_BinaryOperator) {
		enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
		if (bk == CXBinaryOperator_LAnd || bk == CXBinaryOperator_LOr) {
			cond_logic(L, c, bk == CXBinaryOperator_LAnd, t, f);
			return;
		}
	} else if (kind == CXCursor_ConditionalOperator) {
		cond_ternary(L, c, t, f);
		return;
	} else if (kind == CXCursor_UnexposedExpr && lw_is_gnu_ternary(c, k, lw_kids(c, k, 5))) {
		cond_gnu_ternary(L, k, t, f);
		return;
	}
	long long v;
	if (lw_const_int(c, &v)) {
		lw_jump(L, v ? t : f);
		return;
	}
	const AcCondKey *key = lw_cond_key(L, c);
	branch_on(L, lw_expr(L, c), t, f, text, t != t0, key);
}

static void cond_at(Lw *L, CXCursor c, int t, int f, CXCursor text)
{
	if (!lw_enter(L)) {
		lw_branch(L, LW_UNKNOWN, t, f, text, false, NULL); /* too deep: both ways */
		return;
	}
	cond_dispatch(L, c, t, f, text);
	lw_leave(L);
}

void lw_cond(Lw *L, CXCursor c, int t, int f)
{
	cond_at(L, c, t, f, c);
}

void lw_cond_full(Lw *L, CXCursor c, int t, int f)
{
	size_t mark = lw_fe_begin(L);
	cond_at(L, c, t, f, c);
	lw_fe_end_cond(L, mark, t, f, c);
}

/* The operand whose truth c tests, after !, == 0, != 0 and
 * __builtin_expect; *negate when c is true exactly when it is 0. */
static AcOperand test_operand(Lw *L, CXCursor c, bool *negate)
{
	*negate = false;
	for (;;) {
		c = lw_strip(c);
		CXCursor other;
		bool eq;
		if (clang_getCursorKind(c) == CXCursor_UnaryOperator &&
		    clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_LNot) {
			*negate = !*negate;
			c = child_at(c, 0);
		} else if (lw_is_zero_compare(c, &other, &eq)) {
			*negate ^= eq;
			c = other;
		} else if (lw_is_expect(L, c)) {
			c = clang_Cursor_getArgument(c, 0);
		} else {
			break;
		}
		if (clang_Cursor_isNull(c))
			return LW_UNKNOWN;
	}
	return lw_expr(L, c);
}

/* dst = (v != 0), or (v == 0) when negate; constants fold to 0/1. */
static void emit_test(Lw *L, int dst, AcOperand v, bool negate, AcLoc loc)
{
	bool truth;
	if (known_truth(v, &truth)) {
		lw_assign(L, dst, lw_int(truth != negate), loc);
	} else if (v.kind == AC_OPND_PLACE || v.kind == AC_OPND_OFFSET) {
		AcOp *op = lw_emit(L, AC_OP_TEST, loc);
		op->dst = dst;
		op->src = v;
		op->negate = negate;
	} else {
		lw_assign(L, dst, LW_UNKNOWN, loc);
	}
}

AcOperand lw_test_value(Lw *L, CXCursor c)
{
	bool negate;
	AcOperand v = test_operand(L, c, &negate);
	bool truth;
	if (known_truth(v, &truth))
		return lw_int(truth != negate);
	if (v.kind != AC_OPND_PLACE && v.kind != AC_OPND_OFFSET)
		return LW_UNKNOWN;
	int t = lw_temp(L, false);
	emit_test(L, t, v, negate, lw_loc_of(L, c));
	return lw_opnd(AC_OPND_PLACE, t);
}

/* r = a && b: if a (as a condition) lets b run, r = (b != 0); else r = 0.
 * For ||, r = 1 when a holds. */
AcOperand lw_logic_value(Lw *L, CXCursor c)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2) {
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	bool and = clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_LAnd;
	int r = lw_temp(L, false);
	int rhs = lw_new_block(L), shortcut = lw_new_block(L), join = lw_new_block(L);
	lw_cond(L, k[0], and ? rhs : shortcut, and ? shortcut : rhs);
	lw_set_cur(L, rhs);
	bool negate;
	AcOperand v = test_operand(L, k[1], &negate);
	emit_test(L, r, v, negate, lw_loc_of(L, k[1]));
	lw_jump(L, join);
	lw_set_cur(L, shortcut);
	lw_assign(L, r, lw_int(and ? 0 : 1), lw_loc_of(L, c));
	lw_jump(L, join);
	lw_set_cur(L, join);
	return lw_opnd(AC_OPND_PLACE, r);
}

/* r = c ? a : b (no r when the type is void) */
AcOperand lw_ternary_value(Lw *L, CXCursor c)
{
	CXCursor k[3];
	if (lw_kids(c, k, 3) != 3) {
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	CXType type = lw_cursor_type(c);
	int r = lw_type_kind(type) == CXType_Void ? -1 : lw_temp(L, lw_is_pointer_type(type));
	int bt = lw_new_block(L), bf = lw_new_block(L), join = lw_new_block(L);
	lw_cond(L, k[0], bt, bf);
	for (int arm = 1; arm <= 2; arm++) {
		lw_set_cur(L, arm == 1 ? bt : bf);
		AcOperand v = lw_expr(L, k[arm]);
		if (r >= 0)
			lw_assign(L, r, v, lw_loc_of(L, k[arm]));
		lw_jump(L, join);
	}
	lw_set_cur(L, join);
	return r >= 0 ? lw_opnd(AC_OPND_PLACE, r) : LW_NONE;
}

/* r = x ?: y: x is evaluated once; r = x when it is non-zero, else y. */
AcOperand lw_gnu_ternary_value(Lw *L, CXCursor c, const CXCursor *k)
{
	CXType type = lw_cursor_type(c);
	int r = lw_type_kind(type) == CXType_Void ? -1 : lw_temp(L, lw_is_pointer_type(type));
	AcOperand x = lw_expr(L, k[0]);
	int bt = lw_new_block(L), bf = lw_new_block(L), join = lw_new_block(L);
	branch_on(L, x, bt, bf, k[0], false, NULL);
	lw_set_cur(L, bt);
	if (r >= 0)
		lw_assign(L, r, x, lw_loc_of(L, k[0]));
	lw_jump(L, join);
	lw_set_cur(L, bf);
	AcOperand y = lw_expr(L, k[3]);
	if (r >= 0)
		lw_assign(L, r, y, lw_loc_of(L, k[3]));
	lw_jump(L, join);
	lw_set_cur(L, join);
	return r >= 0 ? lw_opnd(AC_OPND_PLACE, r) : LW_NONE;
}
