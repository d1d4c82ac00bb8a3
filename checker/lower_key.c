/*
 * lower_key: the canonical form of a branch condition (AcCondKey), built from
 * the AST rather than the source text so that macros, spacing and constant
 * spellings do not matter: variables print as their place ids, integer
 * constant expressions as their value ("#16" for MERGESTATE_TEMP_SIZE/2).
 * A top-level comparison is normalised to "<" or "==" with the operands
 * ordered, so `n >= K` and `n < K` give the same key with opposite truth.
 * Anything with a side effect (a call, an assignment, ++) has no key; a
 * call of a function declared pure or const is none (key_call).
 */
#include <stdio.h>
#include <string.h>

#include "lower.h"
#include "mem.h"

enum { KEY_MAX_DEPTH = 32, KEY_MAX_LEN = 512 };

typedef struct KeyBuf {
	AcCmpShape shape; /* and the two below: see AcCondKey */
	int cmp_var;
	long long cmp_const;
	char text[KEY_MAX_LEN];
	size_t len;
	bool overflow;
	bool via_memory;
	bool via_pointer;
	int reads[16];
	size_t nreads;
} KeyBuf;

static void put(KeyBuf *b, const char *s)
{
	size_t n = strlen(s);
	if (b->len + n >= sizeof b->text) {
		b->overflow = true;
		return;
	}
	memcpy(b->text + b->len, s, n + 1);
	b->len += n;
}

static void add_read(KeyBuf *b, int place)
{
	for (size_t i = 0; i < b->nreads; i++) {
		if (b->reads[i] == place)
			return;
	}
	if (b->nreads == sizeof b->reads / sizeof b->reads[0])
		b->overflow = true;
	else
		b->reads[b->nreads++] = place;
}

static bool key_expr(Lw *L, CXCursor c, KeyBuf *b, int depth);

static bool key_var(Lw *L, CXCursor c, KeyBuf *b)
{
	CXCursor ref = clang_getCursorReferenced(c);
	enum CXCursorKind rk = clang_getCursorKind(ref);
	if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl)
		return false;
	int p = lw_var(L, ref);
	if (p < 0)
		return false;
	char id[24];
	snprintf(id, sizeof id, "v%d", p);
	put(b, id);
	add_read(b, p);
	if (L->places.v[p].storage == AC_STORAGE_GLOBAL)
		b->via_memory = true;
	return true;
}

static bool key_unary(Lw *L, CXCursor c, KeyBuf *b, int depth)
{
	enum CXUnaryOperatorKind uk = clang_getCursorUnaryOperatorKind(c);
	switch (uk) {
	case CXUnaryOperator_Minus:
	case CXUnaryOperator_Not:
	case CXUnaryOperator_LNot:
	case CXUnaryOperator_Deref:
		break;
	default:
		return false; /* ++, --, & and the rest */
	}
	CXString s = clang_getUnaryOperatorKindSpelling(uk);
	put(b, clang_getCString(s));
	clang_disposeString(s);
	if (uk == CXUnaryOperator_Deref)
		b->via_memory = b->via_pointer = true;
	CXCursor k[1];
	return lw_kids(c, k, 1) == 1 && key_expr(L, k[0], b, depth + 1);
}

static bool side_effect_op(enum CXBinaryOperatorKind bk)
{
	return bk == CXBinaryOperator_Comma || (bk >= CXBinaryOperator_Assign && bk <= CXBinaryOperator_OrAssign);
}

static bool key_binary(Lw *L, CXCursor c, KeyBuf *b, int depth)
{
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	CXCursor k[2];
	if (side_effect_op(bk) || lw_kids(c, k, 2) != 2)
		return false;
	put(b, "(");
	if (!key_expr(L, k[0], b, depth + 1))
		return false;
	CXString s = clang_getBinaryOperatorKindSpelling(bk);
	put(b, clang_getCString(s));
	clang_disposeString(s);
	if (!key_expr(L, k[1], b, depth + 1))
		return false;
	put(b, ")");
	return true;
}

static bool key_member(Lw *L, CXCursor c, KeyBuf *b, int depth)
{
	CXCursor k[1];
	const char *field = lw_spelling(L->t, c);
	if (lw_kids(c, k, 1) != 1 || !field || !key_expr(L, k[0], b, depth + 1))
		return false;
	put(b, ".");
	put(b, field);
	b->via_memory = true;
	b->via_pointer |= clang_getCanonicalType(lw_cursor_type(k[0])).kind == CXType_Pointer;
	return true;
}

static bool key_subscript(Lw *L, CXCursor c, KeyBuf *b, int depth)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2 || !key_expr(L, k[0], b, depth + 1))
		return false;
	put(b, "[");
	if (!key_expr(L, k[1], b, depth + 1))
		return false;
	put(b, "]");
	b->via_memory = b->via_pointer = true;
	return true;
}

static enum CXChildVisitResult find_pure(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_PureAttr || k == CXCursor_ConstAttr) {
		*(bool *)data = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* Whether fn is declared pure or const (glibc's strcmp, strlen). */
static bool declared_pure(CXCursor fn)
{
	bool pure = false;
	clang_visitChildren(fn, find_pure, &pure);
	CXCursor canon = clang_getCanonicalCursor(fn);
	if (!pure && !clang_equalCursors(canon, fn))
		clang_visitChildren(canon, find_pure, &pure);
	return pure;
}

/* f(a, "x", 2) for a function declared pure or const: its value depends
 * only on its arguments and what they point to, so the same call with
 * nothing it reads changed gives the same result (strcmp (path, "-")
 * tested twice). Arguments: variables, integer constants, string literals.
 * Prints as name(arg,...); a pointer argument makes the key read memory
 * (what it points to: the engine, ac_flow, tells which). */
static bool key_call(Lw *L, CXCursor c, KeyBuf *b)
{
	CXCursor fn = clang_getCursorReferenced(c);
	const char *name = clang_getCursorKind(fn) == CXCursor_FunctionDecl ? lw_spelling(L->t, fn) : NULL;
	int n = clang_Cursor_getNumArguments(c);
	if (!name || n < 0 || !declared_pure(fn))
		return false;
	put(b, name);
	put(b, "(");
	for (int i = 0; i < n; i++) {
		CXCursor a = lw_strip(clang_Cursor_getArgument(c, (unsigned)i));
		long long v;
		if (i)
			put(b, ",");
		if (lw_const_int(a, &v)) {
			char num[32];
			snprintf(num, sizeof num, "#%lld", v);
			put(b, num);
		} else if (clang_getCursorKind(a) == CXCursor_StringLiteral) {
			const char *lit = lw_spelling(L->t, a);
			if (!lit || strchr(lit, '(') || strchr(lit, ')'))
				return false; /* keeps the key's calls easy to find (ac_flow) */
			put(b, lit);
		} else if (clang_getCursorKind(a) == CXCursor_DeclRefExpr && key_var(L, a, b)) {
			if (clang_getCanonicalType(lw_cursor_type(a)).kind == CXType_Pointer)
				b->via_memory = b->via_pointer = true;
		} else {
			return false;
		}
	}
	put(b, ")");
	return true;
}

static bool key_expr(Lw *L, CXCursor c, KeyBuf *b, int depth)
{
	if (depth > KEY_MAX_DEPTH || b->overflow)
		return false;
	c = lw_strip(c);
	long long v;
	if (lw_const_int(c, &v)) {
		char num[32];
		snprintf(num, sizeof num, "#%lld", v);
		put(b, num);
		return true;
	}
	switch (clang_getCursorKind(c)) {
	case CXCursor_DeclRefExpr:
		return key_var(L, c, b);
	case CXCursor_UnaryOperator:
		return key_unary(L, c, b, depth);
	case CXCursor_BinaryOperator:
		return key_binary(L, c, b, depth);
	case CXCursor_MemberRefExpr:
		return key_member(L, c, b, depth);
	case CXCursor_ArraySubscriptExpr:
		return key_subscript(L, c, b, depth);
	case CXCursor_CallExpr:
		return key_call(L, c, b);
	default:
		return false;
	}
}

/* The operand's key alone, or NULL. */
static const char *operand_key(Lw *L, CXCursor c, KeyBuf *b)
{
	KeyBuf one = {.len = 0};
	if (!key_expr(L, c, &one, 1) || one.overflow)
		return NULL;
	for (size_t i = 0; i < one.nreads; i++)
		add_read(b, one.reads[i]);
	b->via_memory |= one.via_memory;
	b->via_pointer |= one.via_pointer;
	return ac_intern(&L->t->tu->names, one.text);
}

/* 1 for a variable (its place in *place), 2 for an integer constant (in
 * *value), 0 for anything else. */
static int simple_operand(Lw *L, CXCursor c, int *place, long long *value)
{
	c = lw_strip(c);
	if (lw_const_int(c, value))
		return 2;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return 0;
	CXCursor ref = clang_getCursorReferenced(c);
	enum CXCursorKind rk = clang_getCursorKind(ref);
	if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl)
		return 0;
	*place = lw_var(L, ref);
	return *place >= 0;
}

/* Whether the variable c names is of an unsigned type narrower than int:
 * promoted, its value is never negative, whatever was stored into it
 * (unsigned char c = -1 holds 255, and c == -1 never holds). */
static bool narrow_unsigned(CXCursor c)
{
	CXType t = clang_getCanonicalType(lw_cursor_type(lw_strip(c)));
	switch (t.kind) {
	case CXType_Bool:
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
		return true;
	default:
		return false;
	}
}

/* The shape of "(v < e)" for e, the operand second (as converted for the
 * comparison): AC_CMP_VAR_LT_NONNEG when e is never below 0 (of an
 * unsigned type, or a counter), so that 0 < e is e != 0; AC_CMP_VAR_LT_EXPR
 * when e is signed and so is the comparison; none (AC_CMP_NONE) when e is
 * signed and compared as an unsigned number, where a negative e is above
 * every constant the comparisons of e with constants say it is below. */
static AcCmpShape expr_shape(Lw *L, CXCursor second)
{
	CXCursor e = lw_strip_implicit(second);
	CXType own = clang_getCanonicalType(lw_cursor_type(e));
	if (lw_is_pointer_type(own) || lw_is_pointer_type(lw_cursor_type(second)))
		return AC_CMP_NONE;
	if (lw_unsigned_integer_type(own) ||
	    (clang_getCursorKind(e) == CXCursor_DeclRefExpr && lw_never_negative(L, clang_getCursorReferenced(e))))
		return AC_CMP_VAR_LT_NONNEG;
	if (lw_unsigned_integer_type(clang_getCanonicalType(lw_cursor_type(second))))
		return AC_CMP_NONE;
	return AC_CMP_VAR_LT_EXPR;
}

/* The shape of "(first OP second)" for the operands as ordered in the key. */
static void note_shape(Lw *L, KeyBuf *b, CXCursor first, CXCursor second, bool eq)
{
	int pf = -1, ps = -1;
	long long kf = 0, ks = 0;
	int f = simple_operand(L, first, &pf, &kf), s = simple_operand(L, second, &ps, &ks);
	if ((f == 1 && s == 2 && ks < 0 && narrow_unsigned(first)) || (f == 2 && s == 1 && kf < 0 && narrow_unsigned(second)))
		return; /* never equal, though the engine may hold the -1 stored into it */
	if (f == 1 && s == 2)
		b->shape = eq ? AC_CMP_VAR_EQ_CONST : AC_CMP_VAR_LT_CONST, b->cmp_var = pf, b->cmp_const = ks;
	else if (f == 2 && s == 1)
		b->shape = eq ? AC_CMP_VAR_EQ_CONST : AC_CMP_CONST_LT_VAR, b->cmp_var = ps, b->cmp_const = kf;
	else if (f == 1 && s != 2 && !eq && pf != ps && !lw_is_pointer_type(lw_cursor_type(first))) {
		AcCmpShape shape = expr_shape(L, second); /* a loop's test: i < n, i < p->count */
		if (shape != AC_CMP_NONE)
			b->shape = shape, b->cmp_var = pf, b->cmp_const = s == 1 ? ps : -1;
	}
}

/* (v & K) or (K & v), tested for not 0: a flag of a variable. */
static void note_flag_shape(Lw *L, KeyBuf *b, CXCursor c)
{
	CXCursor k[2];
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator ||
	    clang_getCursorBinaryOperatorKind(c) != CXBinaryOperator_And || lw_kids(c, k, 2) != 2)
		return;
	int pf = -1, ps = -1;
	long long kf = 0, ks = 0;
	int f = simple_operand(L, k[0], &pf, &kf), s = simple_operand(L, k[1], &ps, &ks);
	if (f == 1 && s == 2)
		b->shape = AC_CMP_VAR_AND_CONST, b->cmp_var = pf, b->cmp_const = ks;
	else if (f == 2 && s == 1)
		b->shape = AC_CMP_VAR_AND_CONST, b->cmp_var = ps, b->cmp_const = kf;
}

/* Whether every write of the local variable var in its function keeps it
 * at least 0: walks the function for its uses (CounterScan). */
typedef struct CounterScan {
	CXCursor var;
	bool ok;
} CounterScan;

static bool nonneg_const(CXCursor c)
{
	long long v;
	return lw_const_int(c, &v) && v >= 0;
}

/* The left operand is var itself (a value read of it would be under an
 * implicit conversion, whose parent is not the assignment). */
static bool assigned_var(CXCursor lhs, CXCursor var)
{
	return clang_getCursorKind(lhs) == CXCursor_DeclRefExpr && clang_equalCursors(clang_getCursorReferenced(lhs), var);
}

static enum CXChildVisitResult counter_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	CounterScan *s = data;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr || !clang_equalCursors(clang_getCursorReferenced(c), s->var))
		return CXChildVisit_Recurse;
	CXCursor k[2];
	switch (clang_getCursorKind(parent)) {
	case CXCursor_UnexposedExpr: /* an implicit conversion: its value read */
		return CXChildVisit_Continue;
	case CXCursor_UnaryOperator:
		switch (clang_getCursorUnaryOperatorKind(parent)) {
		case CXUnaryOperator_PostInc:
		case CXUnaryOperator_PreInc:
			return CXChildVisit_Continue;
		default:
			break;
		}
		break;
	case CXCursor_BinaryOperator: /* var = K, K >= 0 */
		if (clang_getCursorBinaryOperatorKind(parent) == CXBinaryOperator_Assign && lw_kids(parent, k, 2) == 2 &&
		    assigned_var(k[0], s->var) && nonneg_const(k[1]))
			return CXChildVisit_Continue;
		break;
	case CXCursor_CompoundAssignOperator: /* var += K, K >= 0 */
		if (clang_getCursorBinaryOperatorKind(parent) == CXBinaryOperator_AddAssign && lw_kids(parent, k, 2) == 2 &&
		    assigned_var(k[0], s->var) && nonneg_const(k[1]))
			return CXChildVisit_Continue;
		break;
	default:
		break;
	}
	s->ok = false; /* &var, var--, var = e, anything else */
	return CXChildVisit_Break;
}

/* A counter: a local variable of its function (automatic, address never
 * taken) initialised, assigned only constants >= 0 and incremented
 * (for (i = 0; ...; i++)). */
static bool counter_scan(CXCursor var)
{
	CXCursor fn = clang_getCursorSemanticParent(var);
	if (clang_getCursorKind(var) != CXCursor_VarDecl || clang_Cursor_getStorageClass(var) == CX_SC_Static ||
	    clang_Cursor_getStorageClass(var) == CX_SC_Extern || clang_getCursorKind(fn) != CXCursor_FunctionDecl)
		return false;
	CXCursor init = clang_Cursor_getVarDeclInitializer(var);
	if (!clang_Cursor_isNull(init) && !nonneg_const(init))
		return false;
	CounterScan s = {var, true};
	clang_visitChildren(fn, counter_visit, &s);
	return s.ok;
}

/* int, long and long long, whose overflow is undefined (narrower types are
 * promoted: their ++ may wrap without undefined behaviour). */
static bool signed_counter_type(CXType t)
{
	return t.kind == CXType_Int || t.kind == CXType_Long || t.kind == CXType_LongLong;
}

/* A variable that is never below 0: of an unsigned type, or a counter of
 * a signed type (counter_scan). For such a variable 0 < v is v != 0 and
 * v < 1 is v == 0: both tests get v == 0's key, so that if (i == 0) ...
 * if (i > 0) are related. */
static bool never_negative_scan(CXCursor var)
{
	CXType t = clang_getCanonicalType(lw_cursor_type(var));
	if (lw_unsigned_integer_type(t))
		return true;
	return signed_counter_type(t) && counter_scan(var);
}

bool lw_never_negative(Lw *L, CXCursor var)
{
	var = clang_getCanonicalCursor(var);
	int known = lw_map_get(&L->nonneg, var);
	if (known < 0) {
		known = never_negative_scan(var);
		lw_map_put(&L->nonneg, var, known);
	}
	return known == 1;
}

bool lw_counts_up(Lw *L, CXCursor var)
{
	var = clang_getCanonicalCursor(var);
	CXType t = clang_getCanonicalType(lw_cursor_type(var));
	if (signed_counter_type(t))
		return lw_never_negative(L, var); /* the same scan */
	if (!lw_unsigned_integer_type(t) || clang_Type_getSizeOf(t) < 4)
		return false;
	int known = lw_map_get(&L->counter_vars, var);
	if (known < 0) {
		known = counter_scan(var);
		lw_map_put(&L->counter_vars, var, known);
	}
	return known == 1;
}

/* ---- sizes: sums of lengths of objects in memory ---------------------------- */

/* A size, in an integer type of 64 bits or more (size_t), is a value
 * bounded by the size of an object in memory: a constant >= 0, sizeof,
 * strlen's result, or a local variable only ever assigned sizes (and
 * incremented). A sum of sizes does not wrap around in such a type: the
 * objects share one address space, far smaller than 2^64, and a running
 * total (n += strlen (s) in a loop) would have to count 2^64 bytes first.
 * So a sum of sizes with a constant > 0 among its terms is not 0 (glib
 * localcharset.c: res_size = l1 + 1 + l2 + 1). */
#define SIZE_DEPTH 4

typedef struct SizeScan {
	Lw *L;
	CXCursor var;
	const CXCursor *pending; /* the variables being scanned, var last */
	int npending;
	bool ok;
} SizeScan;

static bool size_var(Lw *L, CXCursor var, const CXCursor *pending, int npending);

static bool wide_integer(CXType t)
{
	t = clang_getCanonicalType(t);
	return t.kind > CXType_Bool && t.kind <= CXType_Int128 && clang_Type_getSizeOf(t) >= 8;
}

/* Whether c is a sum of sizes; *positive set when a constant term is > 0. */
static bool size_sum(Lw *L, CXCursor c, const CXCursor *pending, int npending, bool *positive)
{
	c = lw_strip_implicit(c);
	long long v;
	if (lw_const_int(c, &v)) {
		*positive |= v > 0;
		return v >= 0;
	}
	switch (clang_getCursorKind(c)) {
	case CXCursor_BinaryOperator: {
		CXCursor k[2];
		return clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Add && wide_integer(lw_cursor_type(c)) &&
		       lw_kids(c, k, 2) == 2 && size_sum(L, k[0], pending, npending, positive) &&
		       size_sum(L, k[1], pending, npending, positive);
	}
	case CXCursor_CallExpr: {
		const char *name = lw_spelling(L->t, clang_getCursorReferenced(c));
		return name && (strcmp(name, "strlen") == 0 || strcmp(name, "strnlen") == 0) &&
		       clang_Location_isInSystemHeader(clang_getCursorLocation(clang_getCursorReferenced(c)));
	}
	case CXCursor_DeclRefExpr:
		return size_var(L, clang_getCursorReferenced(c), pending, npending);
	default:
		return false;
	}
}

static enum CXChildVisitResult size_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	SizeScan *s = data;
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr || !clang_equalCursors(clang_getCursorReferenced(c), s->var))
		return CXChildVisit_Recurse;
	CXCursor k[2];
	bool positive = false;
	switch (clang_getCursorKind(parent)) {
	case CXCursor_UnexposedExpr: /* an implicit conversion: its value read */
		return CXChildVisit_Continue;
	case CXCursor_UnaryOperator:
		if (clang_getCursorUnaryOperatorKind(parent) == CXUnaryOperator_PostInc ||
		    clang_getCursorUnaryOperatorKind(parent) == CXUnaryOperator_PreInc)
			return CXChildVisit_Continue;
		break;
	case CXCursor_BinaryOperator: /* var = size */
	case CXCursor_CompoundAssignOperator: /* var += size */
		if (clang_getCursorBinaryOperatorKind(parent) ==
		            (clang_getCursorKind(parent) == CXCursor_BinaryOperator ? CXBinaryOperator_Assign
		                                                                  : CXBinaryOperator_AddAssign) &&
		    lw_kids(parent, k, 2) == 2 && assigned_var(k[0], s->var) &&
		    size_sum(s->L, k[1], s->pending, s->npending, &positive))
			return CXChildVisit_Continue;
		break;
	default:
		break;
	}
	s->ok = false; /* &var, var--, var -= n, var = e, anything else */
	return CXChildVisit_Break;
}

/* Whether var is a local variable of a wide integer type that holds only
 * sizes. The variables whose scan is under way (pending) count as sizes
 * for their own writes (n += 1) and not for another's: a false answer
 * given under one is not kept. */
static bool size_var(Lw *L, CXCursor var, const CXCursor *pending, int npending)
{
	var = clang_getCanonicalCursor(var);
	for (int i = 0; i < npending; i++) {
		if (clang_equalCursors(pending[i], var))
			return i == npending - 1;
	}
	int known = lw_map_get(&L->sizevar, var);
	if (known >= 0)
		return known == 1;
	if (npending >= SIZE_DEPTH)
		return false;
	CXCursor fn = clang_getCursorSemanticParent(var);
	bool ok = clang_getCursorKind(var) == CXCursor_VarDecl && clang_Cursor_getStorageClass(var) != CX_SC_Static &&
	          clang_Cursor_getStorageClass(var) != CX_SC_Extern && clang_getCursorKind(fn) == CXCursor_FunctionDecl &&
	          wide_integer(lw_cursor_type(var));
	CXCursor stack[SIZE_DEPTH];
	for (int i = 0; i < npending; i++)
		stack[i] = pending[i];
	stack[npending] = var;
	bool positive = false;
	CXCursor init = ok ? clang_Cursor_getVarDeclInitializer(var) : clang_getNullCursor();
	if (!clang_Cursor_isNull(init) && !size_sum(L, init, stack, npending + 1, &positive))
		ok = false;
	if (ok) {
		SizeScan s = {L, var, stack, npending + 1, true};
		clang_visitChildren(fn, size_visit, &s);
		ok = s.ok;
	}
	if (ok || !npending)
		lw_map_put(&L->sizevar, var, ok);
	return ok;
}

bool lw_positive_size(Lw *L, CXCursor target, CXCursor sum)
{
	bool positive = false;
	if (!wide_integer(lw_cursor_type(target)))
		return false;
	CXCursor e = lw_strip_implicit(sum);
	if (clang_getCursorKind(e) != CXCursor_BinaryOperator || clang_getCursorBinaryOperatorKind(e) != CXBinaryOperator_Add)
		return false;
	return size_sum(L, e, NULL, 0, &positive) && positive;
}

bool lw_size_var(Lw *L, CXCursor var_expr)
{
	CXCursor v = lw_strip_implicit(var_expr);
	return clang_getCursorKind(v) == CXCursor_DeclRefExpr && wide_integer(lw_cursor_type(v)) &&
	       size_var(L, clang_getCursorReferenced(v), NULL, 0);
}

bool lw_size_grows(Lw *L, CXCursor var_expr, CXCursor added)
{
	bool positive = false;
	CXCursor v = lw_strip_implicit(var_expr);
	return clang_getCursorKind(v) == CXCursor_DeclRefExpr && wide_integer(lw_cursor_type(v)) &&
	       size_var(L, clang_getCursorReferenced(v), NULL, 0) && size_sum(L, added, NULL, 0, &positive) && positive;
}

/* (0 < v) and (v < 1) of a variable never below 0, as (v == 0) (negated for
 * the first): their key text and shape in b, *negated flipped as needed. */
static void counter_as_zero_test(Lw *L, KeyBuf *b, CXCursor var_expr, const char *var_key, bool *negated)
{
	bool zero_lt = b->shape == AC_CMP_CONST_LT_VAR && b->cmp_const == 0;
	bool lt_one = b->shape == AC_CMP_VAR_LT_CONST && b->cmp_const == 1;
	if (!zero_lt && !lt_one)
		return;
	CXCursor e = lw_strip_implicit(var_expr);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr || !lw_never_negative(L, clang_getCursorReferenced(e)))
		return;
	bool swap = strcmp(var_key, "#0") > 0;
	snprintf(b->text, sizeof b->text, "(%s==%s)", swap ? "#0" : var_key, swap ? var_key : "#0");
	b->shape = AC_CMP_VAR_EQ_CONST;
	b->cmp_const = 0;
	if (zero_lt)
		*negated = !*negated;
}

/* a < b, a >= b, a > b, a <= b, a == b, a != b -> "(x<y)" or "(x==y)" */
static bool key_relation(Lw *L, CXCursor c, KeyBuf *b, bool *negated)
{
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
		return false;
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	if (bk < CXBinaryOperator_LT || bk > CXBinaryOperator_NE)
		return false;
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2)
		return false;
	const char *l = operand_key(L, k[0], b), *r = operand_key(L, k[1], b);
	if (!l || !r)
		return false;
	bool swap = bk == CXBinaryOperator_GT || bk == CXBinaryOperator_LE;
	bool eq = bk == CXBinaryOperator_EQ || bk == CXBinaryOperator_NE;
	if (eq && strcmp(l, r) > 0)
		swap = true;
	*negated = bk == CXBinaryOperator_GE || bk == CXBinaryOperator_LE || bk == CXBinaryOperator_NE;
	snprintf(b->text, sizeof b->text, "(%s%s%s)", swap ? r : l, eq ? "==" : "<", swap ? l : r);
	note_shape(L, b, swap ? k[1] : k[0], swap ? k[0] : k[1], eq);
	if (b->shape == AC_CMP_CONST_LT_VAR)
		counter_as_zero_test(L, b, swap ? k[0] : k[1], swap ? l : r, negated);
	else if (b->shape == AC_CMP_VAR_LT_CONST)
		counter_as_zero_test(L, b, swap ? k[1] : k[0], swap ? r : l, negated);
	b->overflow = strlen(b->text) + 1 >= sizeof b->text;
	return true;
}

/* The key b describes, in the TU arena. */
static const AcCondKey *make_key(Lw *L, const KeyBuf *kb, bool negated)
{
	const KeyBuf b = *kb;
	AcArena *a = &L->t->tu->arena;
	AcCondKey *k = AC_ARENA_NEW(a, AcCondKey);
	k->key = ac_intern(&L->t->tu->names, b.text);
	k->shape = b.shape;
	k->cmp_var = b.cmp_var;
	k->cmp_const = b.cmp_const;
	k->negated = negated;
	k->via_memory = b.via_memory;
	k->via_pointer = b.via_pointer;
	k->nreads = b.nreads;
	k->reads = AC_ARENA_ARRAY(a, int, b.nreads);
	memcpy(k->reads, b.reads, b.nreads * sizeof *b.reads);
	return k;
}

const AcCondKey *lw_cond_key(Lw *L, CXCursor c)
{
	KeyBuf b = {.len = 0};
	bool negated = false;
	c = lw_strip(c);
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr)
		return NULL; /* a variable's own value already carries what a test learns */
	if (!key_relation(L, c, &b, &negated)) {
		b = (KeyBuf){.len = 0};
		negated = false;
		if (!key_expr(L, c, &b, 0))
			return NULL;
		note_flag_shape(L, &b, c);
	}
	if (b.overflow || !b.nreads)
		return NULL; /* constants are decided already; nothing to correlate */
	return make_key(L, &b, negated);
}

const AcCondKey *lw_case_key(Lw *L, CXCursor var, long long value)
{
	KeyBuf b = {.len = 0};
	int place = -1;
	long long unused;
	int simple = simple_operand(L, var, &place, &unused);
	if (simple == 2)
		return NULL;
	const char *v = operand_key(L, var, &b);
	if (!v || !b.nreads || (simple == 1 && b.via_memory))
		return NULL;
	char k[32];
	snprintf(k, sizeof k, "#%lld", value);
	bool swap = strcmp(v, k) > 0; /* ordered as key_relation orders "v == K" */
	snprintf(b.text, sizeof b.text, "(%s==%s)", swap ? k : v, swap ? v : k);
	if (strlen(b.text) + 1 >= sizeof b.text)
		return NULL;
	if (simple == 1) {
		b.shape = AC_CMP_VAR_EQ_CONST;
		b.cmp_var = place;
		b.cmp_const = value;
	}
	return make_key(L, &b, false);
}
