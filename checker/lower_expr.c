/*
 * lower_expr: C expressions -> ops and operands (values), places (lvalues),
 * calls and initialisers.
 *
 * An expression in value context returns an AcOperand and emits the ops its
 * evaluation performs, in evaluation order: a read or write through a pointer
 * is an AC_OP_DEREF of the place holding the pointer, a call is an AC_OP_CALL
 * into a fresh temporary. An lvalue becomes a place (lw_place), named after
 * the path the user wrote (`self->data`, `a[2]`); the DEREF ops on its path
 * are emitted unless only its address is computed (`&p->f`). Implicit casts
 * and parentheses are transparent; sizeof never evaluates its operand.
 */
#include "lower.h"

#include <string.h>

#include "mem.h"

typedef AC_VEC(CXCursor) CursorVec;

static enum CXChildVisitResult collect_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	CursorVec *v = data;
	AC_VEC_PUSH(v, c);
	return CXChildVisit_Continue;
}

/* All children of c; the caller frees the vec. */
static void collect(CXCursor c, CursorVec *out)
{
	clang_visitChildren(c, collect_visit, out);
}

static CXCursor child0(CXCursor c)
{
	CXCursor k[1];
	return lw_kids(c, k, 1) >= 1 ? k[0] : clang_getNullCursor();
}

static bool is_fn_type(CXType t)
{
	enum CXTypeKind k = lw_type_kind(t);
	return k == CXType_FunctionProto || k == CXType_FunctionNoProto;
}

static bool is_fn_like(CXType t)
{
	if (is_fn_type(t))
		return true;
	return lw_is_pointer_type(t) && is_fn_type(clang_getPointeeType(lw_canonical_type(t)));
}

static bool is_aggregate(CXType t)
{
	return lw_type_kind(t) == CXType_Record || lw_is_array_type(t);
}

static bool spelling_has_noreturn(CXType t)
{
	CXString s = clang_getTypeSpelling(t);
	bool r = strstr(clang_getCString(s), "noreturn") != NULL;
	clang_disposeString(s);
	return r;
}

/* A typedef spells as its name: the canonical type shows the attribute. */
static bool type_has_noreturn(CXType t)
{
	return spelling_has_noreturn(t) || spelling_has_noreturn(clang_getCanonicalType(t));
}

static bool type_noreturn(CXType t)
{
	return lw_type_noreturn(t, type_has_noreturn);
}

void lw_effects(Lw *L, CXCursor c)
{
	CursorVec kids = {0};
	collect(c, &kids);
	for (size_t i = 0; i < kids.n; i++)
		if (clang_isExpression(clang_getCursorKind(kids.v[i])))
			lw_expr(L, kids.v[i]);
	AC_VEC_FREE(&kids);
}

/* Whether c is s.name (or s.a.name) with name an array of numbers in a
 * struct, reached through no pointer: a pointer to its elements reaches no
 * other member of s, and none of them holds a pointer. */
static bool number_array_member(const Lw *L, int p, CXCursor c)
{
	const AcPlace *pl = &L->places.v[p];
	if (pl->kind != AC_PLACE_MEMBER || pl->through_ptr || clang_getCursorKind(c) != CXCursor_MemberRefExpr)
		return false;
	/* a union's members share their storage, also with a struct inside one */
	for (CXCursor m = c; clang_getCursorKind(m) == CXCursor_MemberRefExpr;) {
		CXCursor field = clang_getCursorReferenced(m);
		if (clang_getCursorKind(clang_getCursorSemanticParent(field)) != CXCursor_StructDecl)
			return false;
		CXCursor base;
		if (lw_kids(m, &base, 1) < 1)
			break;
		m = lw_strip(base);
	}
	enum CXTypeKind k = lw_type_kind(clang_getArrayElementType(clang_getCanonicalType(lw_cursor_type(c))));
	return k >= CXType_Bool && k <= CXType_LongDouble;
}

/* The value of the lvalue place p as an expression of c's type: an array
 * decays to its address, which takes the address of its root variable (of
 * the member alone for an array of numbers in a struct). */
static AcOperand place_value(Lw *L, int p, CXCursor c)
{
	if (p < 0)
		return LW_UNKNOWN;
	if (lw_is_array_value(c)) {
		if (number_array_member(L, p, c))
			L->places.v[p].member_addr = true;
		else
			lw_mark_addr_taken(L, p);
		return lw_opnd(AC_OPND_ADDR, p);
	}
	return lw_opnd(AC_OPND_PLACE, p);
}

/* p + n keeps pointing into p's object, moved in direction dir
 * (AC_OFFSET_*); a second move the other way may undo the first. */
static AcOperand offset_of(AcOperand v, int dir)
{
	switch (v.kind) {
	case AC_OPND_PLACE:
	case AC_OPND_OFFSET: {
		AcOperand o = lw_opnd(AC_OPND_OFFSET, v.place);
		o.ival = v.kind == AC_OPND_OFFSET && v.ival != dir ? AC_OFFSET_ANY : dir;
		return o;
	}
	case AC_OPND_ADDR:
		return v;
	default:
		return LW_UNKNOWN;
	}
}

/* --- callees -------------------------------------------------------------- */

static const char *const known_noreturn[] = {
	"abort", "exit", "_exit", "_Exit", "quick_exit", "__assert_fail",
	"__assert_perror_fail", "__assert", "__builtin_unreachable", "__builtin_trap",
	"longjmp", "siglongjmp", "_longjmp", "__longjmp_chk", "pthread_exit", "err", "errx",
	"verr", "verrx", "Py_FatalError", "_Py_FatalErrorFunc", "__stack_chk_fail",
};

static bool is_known_noreturn(const char *name)
{
	if (!name)
		return false;
	for (size_t i = 0; i < sizeof known_noreturn / sizeof *known_noreturn; i++)
		if (strcmp(name, known_noreturn[i]) == 0)
			return true;
	return false;
}

/* __attribute__((noreturn)) is part of the function type and shows in its
 * spelling; _Noreturn and [[noreturn]] are attributes of a declaration and
 * are inherited by later redeclarations, so the canonical one is asked too. */
bool lw_decl_noreturn(LwTu *t, CXCursor decl)
{
	if (type_noreturn(lw_cursor_type(decl)) || lw_has_noreturn_attr(t, decl))
		return true;
	CXCursor canon = clang_getCanonicalCursor(decl);
	return !clang_equalCursors(canon, decl) && lw_has_noreturn_attr(t, canon);
}

/* The parameters of function type ft that point to const (const char *,
 * const struct row *, and const hsize_t size[], which libclang gives as
 * written, an array, though C makes it a pointer): bit i for parameter
 * i < 32. */
static unsigned const_pointer_params(CXType ft)
{
	unsigned mask = 0;
	int n = clang_getNumArgTypes(ft);
	for (int i = 0; i < n && i < 32; i++) {
		CXType a = clang_getCanonicalType(clang_getArgType(ft, (unsigned)i));
		bool to_const = false;
		if (a.kind == CXType_Pointer)
			to_const = clang_isConstQualifiedType(clang_getPointeeType(a));
		else if (a.kind == CXType_IncompleteArray || a.kind == CXType_ConstantArray ||
		         a.kind == CXType_VariableArray) /* clang puts the elements' const on the array */
			to_const = clang_isConstQualifiedType(a) || clang_isConstQualifiedType(clang_getArrayElementType(a));
		if (to_const)
			mask |= 1u << i;
	}
	return mask;
}

AcOperand lw_fn_addr(LwTu *t, CXCursor fn)
{
	AcOperand o = lw_const_addr(AC_ADDR_FUNCTION);
	o.fn = lw_callee(t, fn).name;
	return o;
}

static CXCursor member_pointer(CXCursor base);

/* Whether c (implicit casts aside) is a variable or a member of one reached
 * without a pointer (v, s.a.b): a place a call through a pointer names. */
static bool dot_chain(CXCursor c)
{
	c = lw_strip_implicit(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_DeclRefExpr:
		return clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_VarDecl;
	case CXCursor_MemberRefExpr:
		return clang_Cursor_isNull(member_pointer(child0(c))) && dot_chain(child0(c));
	default:
		return false;
	}
}

static bool fn_pointer_type(CXType t);

/* p->mem.malloc_fcn(n): a member (reached through pointers or not) that
 * holds a function; the link step may know the one function every store
 * into that member of its type puts there. */
static bool member_callee(CXCursor c)
{
	c = lw_strip_implicit(c);
	return clang_getCursorKind(c) == CXCursor_MemberRefExpr && fn_pointer_type(lw_cursor_type(c));
}

/* (*fp)(x), (**fp)(x) -> fp: the '*' of a pointer to a function gives
 * back the function it points to, which the call calls. */
static CXCursor through_fn_deref(CXCursor c)
{
	c = lw_strip_implicit(c);
	while (clang_getCursorKind(c) == CXCursor_UnaryOperator &&
	       clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Deref &&
	       fn_pointer_type(lw_cursor_type(lw_strip_implicit(child0(c)))))
		c = lw_strip_implicit(child0(c));
	return c;
}

LwCallee lw_callee(LwTu *t, CXCursor decl)
{
	CXCursor canon = clang_getCanonicalCursor(decl);
	int i = lw_map_get(&t->callee_map, canon);
	if (i >= 0)
		return t->callees.v[i];
	LwCallee ce;
	ce.name = lw_spelling(t, decl);
	ce.func = -1;
	ce.noreturn = is_known_noreturn(ce.name) || lw_decl_noreturn(t, decl);
	/* A prototype repeated in the main file does not make libc's malloc a user function. */
	ce.system_header = clang_Location_isInSystemHeader(clang_getCursorLocation(decl)) ||
			   clang_Location_isInSystemHeader(clang_getCursorLocation(canon));
	ce.const_params = 0;
	ce.nonnull = 0;
	ce.returns_nonnull = false;
	ce.pure_params = 0;
	/* nonnull and returns_nonnull are read in system headers too: glibc's
	 * __nonnull ((1, 2)) says what its functions must not be passed */
	lw_callee_attrs(t, decl, &ce);
	/* a function declared pure or const writes through none of its
	 * pointers: they point to const as far as the call goes */
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def)) {
		ce.const_params = const_pointer_params(lw_cursor_type(decl)) | ce.pure_params;
	} else if (lw_shared_file(t, def)) {
		/* a shared header's function: lowered with the TU's own
		 * (lower_shared.c), noreturn only if declared so, as they are */
		ce.func = (int)t->defs.n;
		ce.noreturn = lw_decl_noreturn(t, def);
		AC_VEC_PUSH(&t->defs, def);
	}
	AC_VEC_PUSH(&t->callees, ce);
	lw_map_put(&t->callee_map, canon, (int)t->callees.n - 1);
	return ce;
}

static bool is_expect_name(const LwTu *t, const char *name)
{
	return name && (name == t->builtin_expect || name == t->builtin_expect_prob);
}

bool lw_is_expect(Lw *L, CXCursor c)
{
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return false;
	CXCursor ref = clang_getCursorReferenced(c);
	return clang_getCursorKind(ref) == CXCursor_FunctionDecl &&
	       is_expect_name(L->t, lw_callee(L->t, ref).name) &&
	       clang_Cursor_getNumArguments(c) >= 1;
}

static void call_args(Lw *L, CXCursor c, AcCall *call)
{
	int n = clang_Cursor_getNumArguments(c);
	call->nargs = n > 0 ? (size_t)n : 0;
	call->args = AC_ARENA_ARRAY(&L->tu->arena, AcOperand, call->nargs);
	call->arg_locs = AC_ARENA_ARRAY(&L->tu->arena, AcLoc, call->nargs);
	for (size_t i = 0; i < call->nargs; i++) {
		CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
		if (is_fn_like(lw_cursor_type(a)) || is_fn_like(lw_cursor_type(lw_strip_implicit(a))))
			call->callback_arg = true;
	}
	for (size_t i = 0; i < call->nargs; i++) {
		CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
		call->arg_locs[i] = lw_loc_of(L, a);
		CXCursor s = lw_strip_implicit(a);
		L->const_addr = !call->callback_arg && i < 32 && (call->const_args >> i & 1u) &&
		                clang_getCursorKind(s) == CXCursor_UnaryOperator &&
		                clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_AddrOf;
		call->args[i] = lw_expr(L, a);
		L->const_addr = false;
	}
}

/* The arguments (bit i) a printf- or scanf-style format reads or writes
 * through, given as the literal's spelling ("%s: %d\n") and the index of
 * the first argument it converts: each %s, %ls, %S and %n. 0 when a
 * conversion is positional (%1$s) or the text is not a literal. */
static unsigned format_string_args(const char *lit, size_t next)
{
	unsigned out = 0;
	const char *p = lit ? strchr(lit, '"') : NULL;
	if (!p)
		return 0;
	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && strchr("-+ #0'", *p))
			p++;
		for (int part = 0; part < 2; part++) { /* width, then .precision */
			if (part == 1 && *p != '.')
				break;
			p += part;
			if (*p == '*')
				next++, p++;
			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == '$')
				return 0;
		}
		while (*p && strchr("hlLqjzt", *p))
			p++;
		if (!*p || *p == '"')
			break;
		if (*p == 'm')
			continue; /* glibc's strerror(errno): no argument */
		if ((*p == 's' || *p == 'S' || *p == 'n') && next < 32)
			out |= 1u << next;
		next++;
	}
	return out;
}

/* printf("%s", p): the arguments the call's literal format reads through
 * (AcCall.string_args), for a variadic callee whose last named parameter
 * receives a string literal. */
static unsigned call_string_args(CXCursor c, CXCursor ref)
{
	CXType ft = lw_cursor_type(ref);
	int named = clang_getNumArgTypes(ft);
	if (!clang_isFunctionTypeVariadic(ft) || named < 1 || clang_Cursor_getNumArguments(c) <= named)
		return 0;
	CXCursor fmt = lw_strip_implicit(clang_Cursor_getArgument(c, (unsigned)named - 1));
	if (clang_getCursorKind(fmt) != CXCursor_StringLiteral)
		return 0;
	CXString s = clang_getCursorSpelling(fmt);
	unsigned out = format_string_args(clang_getCString(s), (size_t)named);
	clang_disposeString(s);
	return out;
}

/* The pointer variable of `&v` (parens and casts aside), or a null cursor. */
static CXCursor address_of_pointer_var(CXCursor e)
{
	CXCursor v = lw_address_of_var(e);
	if (clang_Cursor_isNull(v) || !lw_is_pointer_type(lw_cursor_type(v)))
		return clang_getNullCursor();
	return v;
}

/* memcpy(&p, &q, sizeof p) with p and q pointers: lowered as p = q (the
 * copy overwrites p and aliases q's block). True when it was. */
static bool pointer_copy(Lw *L, CXCursor c, const char *name)
{
	static const char *const copiers[] = {"memcpy", "memmove", "__builtin_memcpy", "__builtin_memmove",
					      "__builtin___memcpy_chk", "__builtin___memmove_chk"};
	bool copier = false;
	for (size_t i = 0; name && i < sizeof copiers / sizeof *copiers; i++)
		copier |= strcmp(name, copiers[i]) == 0;
	if (!copier || clang_Cursor_getNumArguments(c) < 3)
		return false;
	CXCursor dst = address_of_pointer_var(clang_Cursor_getArgument(c, 0));
	CXCursor src = address_of_pointer_var(clang_Cursor_getArgument(c, 1));
	long long n;
	if (clang_Cursor_isNull(dst) || clang_Cursor_isNull(src) || !lw_const_int(clang_Cursor_getArgument(c, 2), &n) ||
	    n != clang_Type_getSizeOf(lw_cursor_type(dst)))
		return false;
	lw_alias_lvalue(L, dst);
	lw_assign(L, lw_var(L, dst), lw_opnd(AC_OPND_PLACE, lw_var(L, src)), lw_loc_of(L, c));
	return true;
}

/* ---- members that hold functions ------------------------------------------------ */

static bool fn_pointer_type(CXType t)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return false;
	CXType pt = clang_getCanonicalType(clang_getPointeeType(t));
	return pt.kind == CXType_FunctionProto || pt.kind == CXType_FunctionNoProto;
}

typedef AC_VEC(CXCursor) FieldVec;

static enum CXVisitorResult fn_field_visit(CXCursor c, CXClientData data)
{
	FieldVec *v = data;
	AC_VEC_PUSH(v, c);
	return CXVisit_Continue;
}

/* Whether a record of type t holds a pointer to a function (in a nested
 * record too, not behind a pointer or in an array). */
static bool has_fn_members(CXType t, int depth)
{
	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Record || depth > 4)
		return false;
	FieldVec f = {0};
	clang_Type_visitFields(t, fn_field_visit, &f);
	bool found = false;
	for (size_t i = 0; i < f.n && !found; i++) {
		CXType ft = lw_cursor_type(f.v[i]);
		found = fn_pointer_type(ft) || has_fn_members(ft, depth + 1);
	}
	AC_VEC_FREE(&f);
	return found;
}

static void copy_fn_members_at(Lw *L, int dst, bool dst_ptr, int src, CXType t, AcLoc loc, int depth)
{
	FieldVec f = {0};
	clang_Type_visitFields(clang_getCanonicalType(t), fn_field_visit, &f);
	for (size_t i = 0; i < f.n; i++) {
		CXType ft = lw_cursor_type(f.v[i]);
		bool fp = fn_pointer_type(ft);
		if (!fp && !has_fn_members(ft, depth + 1))
			continue;
		const char *name = lw_spelling(L->t, f.v[i]);
		if (!name) { /* an anonymous member's fields belong to the parent */
			copy_fn_members_at(L, dst, dst_ptr, src, ft, loc, depth + 1);
			continue;
		}
		int d = lw_derived(L, AC_PLACE_MEMBER, dst, name, -1, dst_ptr, fp);
		int sp = src >= 0 ? lw_derived(L, AC_PLACE_MEMBER, src, name, -1, false, fp) : -1;
		lw_set_field_key(L, d, f.v[i]);
		if (sp >= 0)
			lw_set_field_key(L, sp, f.v[i]);
		if (fp)
			lw_assign(L, d, sp >= 0 ? lw_opnd(AC_OPND_PLACE, sp) : LW_UNKNOWN, loc);
		else
			copy_fn_members_at(L, d, false, sp, ft, loc, depth + 1);
	}
	AC_VEC_FREE(&f);
}

/* dst = src of a record type t that holds pointers to functions (a memory
 * suite copied from a table of defaults, parser->mem = default_mem): each
 * such member is written as well, dst.m = src.m (dst.m = ? when src is no
 * place, *dst when dst_ptr), so that the link step sees every store into
 * that member of the type (program.c) and the calls through it. */
static void copy_fn_members(Lw *L, int dst, bool dst_ptr, int src, CXType t, AcLoc loc)
{
	if (dst >= 0 && lw_type_kind(t) == CXType_Record && has_fn_members(t, 0))
		copy_fn_members_at(L, dst, dst_ptr, src, t, loc, 0);
}

/* After a call of a function whose body is not the program's (one of the
 * system headers, or through a pointer), a record holding pointers to
 * functions whose address the call is given (memcpy(&p->mem, suite, n))
 * may hold anything there. */
static void call_writes_fn_members(Lw *L, CXCursor c, const AcCall *call)
{
	if (!call->system_header && call->name)
		return;
	for (size_t i = 0; i < call->nargs && i < 32; i++) {
		CXType at = clang_getCanonicalType(lw_cursor_type(clang_Cursor_getArgument(c, (unsigned)i)));
		if (at.kind != CXType_Pointer || clang_isConstQualifiedType(clang_getPointeeType(at)))
			continue;
		CXType pt = clang_getPointeeType(at);
		if (lw_type_kind(pt) != CXType_Record || !has_fn_members(pt, 0))
			continue;
		AcOperand a = call->args[i];
		AcLoc loc = call->arg_locs[i];
		if (a.kind == AC_OPND_ADDR && a.place >= 0)
			copy_fn_members(L, a.place, false, -1, pt, loc);
		else if (a.kind == AC_OPND_PLACE)
			copy_fn_members(L, a.place, true, -1, pt, loc);
	}
}

/* (*(e, f))(args), (e, f)(args): the function f a comma expression ends
 * with (gawk's fatal is (*(set_loc (__FILE__, __LINE__), r_fatal))), or a
 * null cursor. */
static CXCursor comma_function(CXCursor callee)
{
	CXCursor c = through_fn_deref(callee);
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator ||
	    clang_getCursorBinaryOperatorKind(c) != CXBinaryOperator_Comma)
		return clang_getNullCursor();
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2)
		return clang_getNullCursor();
	CXCursor f = through_fn_deref(k[1]);
	if (clang_getCursorKind(f) != CXCursor_DeclRefExpr)
		return clang_getNullCursor();
	f = clang_getCursorReferenced(f);
	return clang_getCursorKind(f) == CXCursor_FunctionDecl ? f : clang_getNullCursor();
}

/* call -> dst = call name(args); a call that cannot return ends the block.
 * Cython's except clauses start with __Pyx_GetException(...) < 0, which
 * fails only when Python runs out of memory while already handling an
 * exception, and then skip the clause's cleanup: taken as 0 (success), or
 * every block an except clause frees would be reported on that path. */
static AcOperand expr_call(Lw *L, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c);
	bool direct = clang_getCursorKind(ref) == CXCursor_FunctionDecl;
	LwCallee ce = {NULL, -1, false, false, 0, 0, false, 0};
	if (!direct && !clang_Cursor_isNull(child0(c))) {
		CXCursor f = comma_function(child0(c));
		if (!clang_Cursor_isNull(f)) {
			lw_expr(L, child0(c)); /* what comes before the function runs first */
			ref = f;
			direct = true;
		}
	}
	if (direct)
		ce = lw_callee(L->t, ref);
	if (direct && is_expect_name(L->t, ce.name) && clang_Cursor_getNumArguments(c) >= 1)
		return lw_expr(L, clang_Cursor_getArgument(c, 0));
	if (direct && pointer_copy(L, c, ce.name))
		return LW_UNKNOWN;
	AcCall *call = AC_ARENA_NEW(&L->tu->arena, AcCall);
	CXCursor callee = child0(c);
	call->func = -1;
	call->via = -1;
	if (direct) {
		call->name = ce.name;
		call->func = ce.func;
		call->system_header = ce.system_header;
		call->noreturn = ce.noreturn;
		call->const_args = ce.func < 0 ? ce.const_params : 0;
		call->nonnull = ce.nonnull;
		call->returns_nonnull = ce.returns_nonnull;
		call->string_args = call_string_args(c, ref);
	}
	CXSourceLocation start = clang_getRangeStart(lw_cursor_extent(c));
	CXType rt = lw_cursor_type(c);
	call->macro = lw_macro_at(L, c);
	/* #define xmlMalloc (*(__xmlMalloc())), a per-thread allocation hook:
	 * xmlMalloc (n) calls through the pointer a call inside the macro
	 * returns. The macro names the call its arguments follow, not one that
	 * fetches the hook: a call returning code, or a pointer to it, returns
	 * no block (xmlMalloc = f; stores the hook), and a call in the callee
	 * of the macro's own call is not that call. */
	if (call->macro && (is_fn_like(rt) || (lw_is_pointer_type(rt) && is_fn_like(clang_getPointeeType(
	                                                                     clang_getCanonicalType(rt)))) ||
	                    (L->in_macro_callee && lw_same_file_pos(start, L->macro_callee))))
		call->macro = NULL;
	if (call->macro)
		call->inner_macro = lw_inner_macro_at(L, c, call->macro);
	if (!direct && !clang_Cursor_isNull(callee)) {
		/* Through a pointer: evaluating it may read through s in s->fn. */
		CXSourceLocation saved = L->macro_callee;
		bool was = L->in_macro_callee;
		L->macro_callee = start;
		L->in_macro_callee = call->macro != NULL;
		lw_expr(L, callee);
		L->macro_callee = saved;
		L->in_macro_callee = was;
		call->noreturn = type_noreturn(lw_cursor_type(callee));
		CXCursor held = through_fn_deref(callee);
		if (dot_chain(held) || member_callee(held))
			call->via = lw_place(L, held, true);
	}
	call_args(L, c, call);
	int dst = lw_type_kind(rt) == CXType_Void ? -1 : lw_temp(L, lw_is_pointer_type(rt));
	AcLoc loc = lw_loc_of(L, c);
	AcOp *op = lw_emit(L, AC_OP_CALL, loc);
	op->dst = dst;
	op->call = call;
	if (call->noreturn)
		lw_noreturn(L, loc);
	else
		call_writes_fn_members(L, c, call);
	if (dst >= 0 && call->name && strcmp(call->name, "__Pyx_GetException") == 0)
		return lw_int(0); /* see below */
	return dst >= 0 ? lw_opnd(AC_OPND_PLACE, dst) : LW_NONE;
}

/* --- places ------------------------------------------------------------------ */

/* The place an access through the pointer value v (by the expression at)
 * is relative to. Emits the DEREF of the place holding the pointer unless
 * only an address is computed. *through: the result holds the pointer
 * (member/elem through it); otherwise the result is the pointed-to storage
 * itself (&x, p + n). Locations are computed only for the ops emitted: in
 * macro-heavy code they are the dearest libclang query. */
static int pointee_base(Lw *L, AcOperand v, CXCursor at, bool addr_only, bool elem_ptr,
                        bool *through)
{
	*through = true;
	switch (v.kind) {
	case AC_OPND_PLACE:
		if (!addr_only)
			lw_deref(L, v.place, lw_loc_of(L, at));
		return v.place;
	case AC_OPND_OFFSET:
		/* *(p + i) reads p's object at an unknown offset: p[]. */
		if (!addr_only)
			lw_deref(L, v.place, lw_loc_of(L, at));
		*through = false;
		return lw_derived(L, AC_PLACE_ELEM, v.place, NULL, -1, true, elem_ptr);
	case AC_OPND_ADDR:
		if (v.place >= 0) {
			*through = false;
			return v.place;
		}
		break;
	default:
		break;
	}
	AcLoc loc = lw_loc_of(L, at);
	int t = lw_ensure_place(L, v, loc, true);
	if (!addr_only)
		lw_deref(L, t, loc);
	return t;
}

/* Base of s.f or a[i] when s/a is not an lvalue (f().x): its value in a temp. */
static int base_place(Lw *L, CXCursor base, bool addr_only, CXCursor at)
{
	int p = lw_place(L, base, addr_only);
	if (p >= 0)
		return p;
	AcOperand v = lw_expr(L, base);
	return lw_ensure_place(L, v, lw_loc_of(L, at), false);
}

/* The pointer operand of `e->f`, or of `(*e).f`, which is the same place. */
static CXCursor member_pointer(CXCursor base)
{
	if (lw_is_pointer_type(lw_cursor_type(base)))
		return base;
	CXCursor s = lw_strip_implicit(base);
	if (clang_getCursorKind(s) == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_Deref)
		return child0(s);
	return clang_getNullCursor();
}

/* e->f, e.f */
static enum CXChildVisitResult first_pointer_field(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) != CXCursor_FieldDecl || !lw_is_pointer_type(lw_cursor_type(c)))
		return CXChildVisit_Continue;
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

/* The member whose storage member c reads: itself, except that the pointer
 * members of a union share one (u.s = malloc(n); free(u.p);), named after
 * the union's first pointer member. */
static CXCursor storage_field(CXCursor c)
{
	CXCursor fd = clang_getCursorReferenced(c);
	if (clang_getCursorKind(fd) != CXCursor_FieldDecl || !lw_is_pointer_type(lw_cursor_type(fd)))
		return clang_getNullCursor();
	CXCursor rec = clang_getCursorSemanticParent(fd);
	if (clang_getCursorKind(rec) != CXCursor_UnionDecl)
		return clang_getNullCursor();
	CXCursor first = clang_getNullCursor();
	clang_visitChildren(rec, first_pointer_field, &first);
	return clang_Cursor_isNull(first) || clang_equalCursors(first, fd) ? clang_getNullCursor() : first;
}

/* Whether member reference c names a member of a union. */
static bool in_union(CXCursor c)
{
	CXCursor fd = clang_getCursorReferenced(c);
	return clang_getCursorKind(fd) == CXCursor_FieldDecl &&
	       clang_getCursorKind(clang_getCursorSemanticParent(fd)) == CXCursor_UnionDecl;
}

static int place_member(Lw *L, CXCursor c, bool addr_only)
{
	CXCursor base = child0(c);
	if (clang_Cursor_isNull(base))
		return -1;
	CXCursor shared = storage_field(c);
	const char *field = lw_spelling(L->t, clang_Cursor_isNull(shared) ? c : shared);
	if (!field)
		field = ac_intern(&L->tu->names, "<anon>");
	bool is_ptr = lw_is_pointer_type(lw_cursor_type(c));
	CXCursor ptr = member_pointer(base);
	int parent, id;
	bool through = false;
	if (clang_Cursor_isNull(ptr)) {
		parent = base_place(L, base, addr_only, c);
	} else {
		lw_alias_deref_next(L, ptr);
		AcOperand v = lw_expr(L, ptr);
		L->alias_deref = false;
		parent = pointee_base(L, v, c, addr_only, false, &through);
	}
	id = lw_derived(L, AC_PLACE_MEMBER, parent, field, -1, through, is_ptr);
	lw_set_field_key(L, id, clang_Cursor_isNull(shared) ? c : shared);
	if (id >= 0 && is_ptr && in_union(c))
		L->places.v[id].union_member = true;
	return id;
}

/* An element's index for lw_derived: a constant, -2 - v for a local
 * variable or parameter v whose address is not taken (a[i]: one element
 * while i is not written), or -1. */
static long index_value(Lw *L, CXCursor idx)
{
	AcOperand v = lw_expr(L, idx);
	if (v.kind == AC_OPND_PLACE) {
		const AcPlace *p = &L->places.v[v.place];
		if (p->kind == AC_PLACE_VAR && p->storage != AC_STORAGE_GLOBAL && !p->addr_taken && !p->is_pointer)
			return -2 - (long)v.place;
	}
	return v.kind == AC_OPND_INT && v.ival >= 0 && v.ival <= 0x7fffffff ? (long)v.ival : -1;
}

static bool ptr_or_array(CXCursor c)
{
	CXType t = lw_cursor_type(c);
	return lw_is_pointer_type(t) || lw_is_array_type(t);
}

/* e[i] (or i[e]) */
static int place_subscript(Lw *L, CXCursor c, bool addr_only)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2)
		return -1;
	CXCursor base = k[0], idx = k[1];
	if (!ptr_or_array(lw_strip_implicit(base)) && ptr_or_array(lw_strip_implicit(idx))) {
		base = k[1];
		idx = k[0];
	}
	bool is_ptr = lw_is_pointer_type(lw_cursor_type(c));
	CXCursor sb = lw_strip_implicit(base);
	if (lw_is_array_value(sb)) {
		int parent = base_place(L, sb, addr_only, c);
		long i = index_value(L, idx);
		return lw_derived(L, AC_PLACE_ELEM, parent, NULL, i, false, is_ptr);
	}
	lw_alias_deref_next(L, base);
	AcOperand v = lw_expr(L, base);
	L->alias_deref = false;
	long i = index_value(L, idx);
	bool through;
	int parent = pointee_base(L, v, c, addr_only, is_ptr, &through);
	if (v.kind == AC_OPND_OFFSET)
		return parent; /* (p + n)[i]: p[] already */
	return lw_derived(L, AC_PLACE_ELEM, parent, NULL, i, through, is_ptr);
}

/* *e */
static int place_deref(Lw *L, CXCursor c, bool addr_only)
{
	CXCursor sub = child0(c);
	if (clang_Cursor_isNull(sub))
		return -1;
	bool is_ptr = lw_is_pointer_type(lw_cursor_type(c));
	lw_alias_deref_next(L, sub);
	AcOperand v = lw_expr(L, sub);
	L->alias_deref = false;
	bool through;
	int parent = pointee_base(L, v, c, addr_only, is_ptr, &through);
	return through ? lw_derived(L, AC_PLACE_DEREF, parent, NULL, -1, true, is_ptr) : parent;
}

/* (T){ init }: an unnamed object, modelled as a temporary. */
static int compound_literal_place(Lw *L, CXCursor c)
{
	CXCursor k[2];
	size_t n = lw_kids(c, k, 2);
	CXType type = lw_cursor_type(c);
	int t = lw_scope_temp(L, lw_is_pointer_type(type));
	if (n >= 1 && n <= 2)
		lw_init(L, t, k[n - 1], type, lw_loc_of(L, c));
	return t;
}

static int place_dispatch(Lw *L, CXCursor c, bool addr_only)
{
	c = lw_strip_implicit(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_DeclRefExpr: {
		CXCursor ref = clang_getCursorReferenced(c);
		enum CXCursorKind rk = clang_getCursorKind(ref);
		if (rk == CXCursor_VarDecl)
			lw_alias_lvalue(L, ref);
		return rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl ? lw_var(L, ref) : -1;
	}
	case CXCursor_MemberRefExpr:
		return place_member(L, c, addr_only);
	case CXCursor_ArraySubscriptExpr:
		return place_subscript(L, c, addr_only);
	case CXCursor_UnaryOperator:
		switch (clang_getCursorUnaryOperatorKind(c)) {
		case CXUnaryOperator_Deref:
			return place_deref(L, c, addr_only);
		case CXUnaryOperator_Extension:
			return lw_place(L, child0(c), addr_only);
		default:
			return -1;
		}
	case CXCursor_CompoundLiteralExpr:
		return compound_literal_place(L, c);
	default:
		if (lw_is_recovery(c))
			L->saw_recovery = true;
		return -1;
	}
}

int lw_place(Lw *L, CXCursor c, bool addr_only)
{
	if (!lw_enter(L))
		return -1;
	int p = place_dispatch(L, c, addr_only);
	lw_leave(L);
	return p;
}

/* --- operators --------------------------------------------------------------- */

/* For &s.a[i] and &s.a, a an array of numbers in a struct (s.a[i] is
 * place p): the member s.a, whose address is all that is taken, as when
 * s.a decays (place_value); else -1. */
static int number_array_element(const Lw *L, int p, CXCursor s)
{
	if (clang_getCursorKind(s) == CXCursor_ArraySubscriptExpr) {
		CXCursor base;
		const AcPlace *pl = &L->places.v[p];
		if (pl->kind != AC_PLACE_ELEM || pl->through_ptr || pl->parent < 0 || lw_kids(s, &base, 1) < 1)
			return -1;
		p = pl->parent;
		s = lw_strip(base);
	}
	return number_array_member(L, p, s) ? p : -1;
}

/* &e: no DEREF for the last hop (&p->f computes an address). */
static AcOperand expr_addr_of(Lw *L, CXCursor sub)
{
	bool const_addr = L->const_addr;
	L->const_addr = false;
	CXCursor s = lw_strip_implicit(sub);
	enum CXCursorKind k = clang_getCursorKind(s);
	if (k == CXCursor_UnaryOperator && clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_Deref)
		return lw_expr(L, child0(s)); /* &*p is p */
	if (k == CXCursor_StringLiteral)
		return lw_const_addr(AC_ADDR_LITERAL);
	if (k == CXCursor_DeclRefExpr && clang_getCursorKind(clang_getCursorReferenced(s)) == CXCursor_FunctionDecl)
		return lw_fn_addr(L->t, clang_getCursorReferenced(s));
	int p = lw_place(L, s, true);
	if (p < 0) {
		lw_expr(L, s);
		return LW_UNKNOWN;
	}
	int member = const_addr ? -1 : number_array_element(L, p, s);
	if (member >= 0)
		L->places.v[member].member_addr = true;
	else if (!const_addr)
		lw_mark_addr_taken(L, p);
	return lw_opnd(AC_OPND_ADDR, p);
}

/* ++e, e++, --e, e-- */
static AcOperand expr_incdec(Lw *L, CXCursor c, CXCursor sub, bool post)
{
	int p = lw_place(L, sub, false);
	if (p < 0) {
		lw_expr(L, sub);
		lw_write_unplaced(L, lw_loc_of(L, c));
		return LW_UNKNOWN;
	}
	AcLoc loc = lw_loc_of(L, c);
	if (!lw_is_pointer_type(lw_cursor_type(sub))) {
		AcOperand v = LW_UNKNOWN;
		if (p == L->counter) {
			enum CXUnaryOperatorKind uk = clang_getCursorUnaryOperatorKind(c);
			v = lw_opnd(AC_OPND_PLUS, p);
			v.ival = uk == CXUnaryOperator_PostInc || uk == CXUnaryOperator_PreInc ? 1 : -1;
		} else {
			/* a counter or a size, incremented: not 0 (any non-zero value);
			 * l = realloc (l, (n + 1) * sizeof *l); l[n++] = x; leaves n
			 * not 0 wherever l holds the block */
			enum CXUnaryOperatorKind uk = clang_getCursorUnaryOperatorKind(c);
			CXCursor e = lw_strip_implicit(sub);
			if ((uk == CXUnaryOperator_PostInc || uk == CXUnaryOperator_PreInc) &&
			    clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
			    (lw_counts_up(L, clang_getCursorReferenced(e)) || lw_size_var(L, e)))
				v = lw_opnd(AC_OPND_ADDR, -1); /* AC_ADDR_UNKNOWN: evaluates to "non-zero" */
		}
		lw_assign(L, p, v, loc);
		return LW_UNKNOWN;
	}
	AcOperand moved = lw_opnd(AC_OPND_OFFSET, p);
	enum CXUnaryOperatorKind uk = clang_getCursorUnaryOperatorKind(c);
	moved.ival = uk == CXUnaryOperator_PostInc || uk == CXUnaryOperator_PreInc ? AC_OFFSET_FORWARD
	                                                                            : AC_OFFSET_BACKWARD;
	lw_assign(L, p, moved, loc);
	return lw_opnd(post ? AC_OPND_OFFSET : AC_OPND_PLACE, p); /* p++ is the old p: not forward */
}

static AcOperand expr_unary(Lw *L, CXCursor c)
{
	CXCursor sub = child0(c);
	if (clang_Cursor_isNull(sub))
		return LW_UNKNOWN;
	AcOperand v;
	switch (clang_getCursorUnaryOperatorKind(c)) {
	case CXUnaryOperator_PostInc:
	case CXUnaryOperator_PostDec:
		return expr_incdec(L, c, sub, true);
	case CXUnaryOperator_PreInc:
	case CXUnaryOperator_PreDec:
		return expr_incdec(L, c, sub, false);
	case CXUnaryOperator_AddrOf:
		return expr_addr_of(L, sub);
	case CXUnaryOperator_Deref:
		if (is_fn_type(lw_cursor_type(c)))
			return lw_expr(L, sub); /* (*fp)(x) reads no memory */
		return place_value(L, place_deref(L, c, false), c);
	case CXUnaryOperator_LNot:
		return lw_test_value(L, c);
	case CXUnaryOperator_Extension:
		return lw_expr(L, sub);
	case CXUnaryOperator_Plus:
	case CXUnaryOperator_Minus:
	case CXUnaryOperator_Not:
		v = lw_expr(L, sub);
		if (v.kind != AC_OPND_INT)
			return LW_UNKNOWN;
		if (clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Minus)
			return lw_int((long long)(0ull - (unsigned long long)v.ival));
		if (clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Not)
			return lw_int(~v.ival);
		return v;
	default:
		lw_expr(L, sub);
		return LW_UNKNOWN;
	}
}

/* Folds integer constants so that sizeof arithmetic and `-1` stay INT. */
static AcOperand fold(enum CXBinaryOperatorKind bk, AcOperand a, AcOperand b)
{
	if (a.kind != AC_OPND_INT || b.kind != AC_OPND_INT)
		return LW_UNKNOWN;
	unsigned long long x = (unsigned long long)a.ival, y = (unsigned long long)b.ival;
	switch (bk) {
	case CXBinaryOperator_Add: return lw_int((long long)(x + y));
	case CXBinaryOperator_Sub: return lw_int((long long)(x - y));
	case CXBinaryOperator_Mul: return lw_int((long long)(x * y));
	case CXBinaryOperator_And: return lw_int((long long)(x & y));
	case CXBinaryOperator_Or: return lw_int((long long)(x | y));
	case CXBinaryOperator_Xor: return lw_int((long long)(x ^ y));
	case CXBinaryOperator_LT: return lw_int(a.ival < b.ival);
	case CXBinaryOperator_GT: return lw_int(a.ival > b.ival);
	case CXBinaryOperator_LE: return lw_int(a.ival <= b.ival);
	case CXBinaryOperator_GE: return lw_int(a.ival >= b.ival);
	case CXBinaryOperator_EQ: return lw_int(a.ival == b.ival);
	case CXBinaryOperator_NE: return lw_int(a.ival != b.ival);
	case CXBinaryOperator_Div:
	case CXBinaryOperator_Rem:
		if (b.ival == 0 || (b.ival == -1 && a.ival < -0x7fffffffffffffffLL))
			return LW_UNKNOWN;
		return lw_int(bk == CXBinaryOperator_Div ? a.ival / b.ival : a.ival % b.ival);
	case CXBinaryOperator_Shl:
		return a.ival >= 0 && b.ival >= 0 && b.ival < 62 && a.ival < (1LL << (62 - b.ival))
			       ? lw_int(a.ival << b.ival)
			       : LW_UNKNOWN;
	case CXBinaryOperator_Shr:
		return a.ival >= 0 && b.ival >= 0 && b.ival < 63 ? lw_int(a.ival >> b.ival) : LW_UNKNOWN;
	default:
		return LW_UNKNOWN;
	}
}

/* l = r: the value first, then the place (with the DEREFs of its path). */
static AcOperand expr_assign(Lw *L, CXCursor c, const CXCursor *k)
{
	CXCursor lhs = lw_strip_implicit(k[0]);
	int target;
	if (clang_getCursorKind(lhs) == CXCursor_DeclRefExpr &&
	    lw_alias_write(L, clang_getCursorReferenced(lhs), k[1], &target)) {
		int p = lw_var(L, clang_getCursorReferenced(lhs)); /* s = &local: s names local */
		lw_assign(L, p, lw_opnd(AC_OPND_ADDR, target), lw_loc_of(L, c));
		return lw_opnd(AC_OPND_PLACE, p);
	}
	AcOperand v = lw_expr(L, k[1]);
	if (v.kind == AC_OPND_UNKNOWN && lw_positive_size(L, k[0], k[1]))
		v = lw_opnd(AC_OPND_ADDR, -1); /* n = strlen (s) + 1: AC_ADDR_UNKNOWN, "non-zero" */
	int p = lw_place(L, k[0], false);
	AcLoc loc = lw_loc_of(L, c);
	if (p < 0) {
		lw_escape(L, v, loc);
		lw_write_unplaced(L, loc);
		return LW_UNKNOWN;
	}
	lw_assign(L, p, v, loc);
	copy_fn_members(L, p, false, v.kind == AC_OPND_PLACE ? v.place : -1, lw_cursor_type(k[0]), loc);
	return lw_opnd(AC_OPND_PLACE, p);
}

/* Operators whose left-deep chains (a + b + c ..., a, b, c ...) are walked
 * iteratively: neither short-circuit nor assignment nor (== / != that may
 * be a NULL test). */
static bool chain_op(CXCursor c)
{
	if (clang_getCursorKind(c) != CXCursor_BinaryOperator)
		return false;
	switch (clang_getCursorBinaryOperatorKind(c)) {
	case CXBinaryOperator_Assign:
	case CXBinaryOperator_LAnd:
	case CXBinaryOperator_LOr:
	case CXBinaryOperator_EQ:
	case CXBinaryOperator_NE:
		return false;
	default:
		return clang_getCursorBinaryOperatorKind(c) > CXBinaryOperator_PtrMemI &&
		       clang_getCursorBinaryOperatorKind(c) <= CXBinaryOperator_Comma;
	}
}

/* (uintptr_t)p: a pointer converted to an integer. */
static bool int_from_pointer(CXCursor c)
{
	c = lw_strip_implicit(c);
	return clang_getCursorKind(c) == CXCursor_CStyleCastExpr && !lw_is_pointer_type(lw_cursor_type(c)) &&
	       lw_is_pointer_type(lw_cursor_type(lw_strip(c)));
}

/* p + n (p += n) moves p forward when n is a constant > 0 or a variable
 * (taken to be positive: p + n with n == 0 is no pointer into the block);
 * not by -offsetof(T, m) (GLib's G_STRUCT_MEMBER_P back to the container)
 * or any other expression. */
static bool moves_forward(AcOperand n, CXCursor at)
{
	if (n.kind == AC_OPND_INT)
		return n.ival > 0;
	return clang_getCursorKind(lw_strip(at)) == CXCursor_DeclRefExpr;
}

/* The direction (AC_OFFSET_*) of p + n (add) or p - n: back only by a
 * constant (p - 10, p + -1), which is exact. */
static int move_direction(bool add, AcOperand n, CXCursor at)
{
	if (n.kind == AC_OPND_INT && n.ival != 0 && (n.ival < 0) == add)
		return AC_OFFSET_BACKWARD;
	if (add ? moves_forward(n, at) : n.kind == AC_OPND_INT && n.ival < 0)
		return AC_OFFSET_FORWARD;
	return AC_OFFSET_ANY;
}

typedef struct ChainNode {
	CXCursor op, lhs, rhs;
} ChainNode;

/* The value of operator node n given its lowered operands. */
static AcOperand combine(Lw *L, const ChainNode *n, AcOperand a, AcOperand b)
{
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(n->op);
	if (bk == CXBinaryOperator_Comma)
		return b;
	if (bk == CXBinaryOperator_Or || bk == CXBinaryOperator_Xor || bk == CXBinaryOperator_Add) {
		/* (uintptr_t)p | TAG: a pointer packed with other bits into an
		 * integer is stored that way (GLib keeps flags in the low bits of
		 * a datalist pointer), so the block is handed on with it. */
		if (int_from_pointer(n->lhs))
			lw_escape(L, a, lw_loc_of(L, n->lhs));
		if (int_from_pointer(n->rhs))
			lw_escape(L, b, lw_loc_of(L, n->rhs));
	}
	if ((bk == CXBinaryOperator_Add || bk == CXBinaryOperator_Sub) &&
	    lw_is_pointer_type(lw_cursor_type(n->op))) {
		bool lhs_ptr = lw_is_pointer_type(lw_cursor_type(n->lhs));
		return offset_of(lhs_ptr ? a : b, move_direction(bk == CXBinaryOperator_Add, lhs_ptr ? b : a,
		                                                 lhs_ptr ? n->rhs : n->lhs));
	}
	return fold(bk, a, b);
}

/* a op b op c ...: walks down the left operands (through implicit casts),
 * then lowers the leftmost operand and each right operand in source order. */
static AcOperand expr_chain(Lw *L, CXCursor c)
{
	AC_VEC(ChainNode) spine = {0};
	for (CXCursor x = c; chain_op(x);) {
		CXCursor k[2];
		if (lw_kids(x, k, 2) != 2)
			break;
		ChainNode n = {x, k[0], k[1]};
		AC_VEC_PUSH(&spine, n);
		x = lw_strip_implicit(k[0]);
	}
	if (!spine.n) {
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	AcOperand acc = lw_expr(L, spine.v[spine.n - 1].lhs);
	for (size_t i = spine.n; i-- > 0;)
		acc = combine(L, &spine.v[i], acc, lw_expr(L, spine.v[i].rhs));
	AC_VEC_FREE(&spine);
	return acc;
}

/* p == q, p != q on pointers: whether two blocks can be the same decides
 * which of two paths frees (if (buf != stackbuf) free(buf)). */
static bool is_pointer_compare(CXCursor c, const CXCursor *k)
{
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	if (bk != CXBinaryOperator_EQ && bk != CXBinaryOperator_NE)
		return false;
	return lw_is_pointer_type(lw_cursor_type(lw_strip_implicit(k[0]))) ||
	       lw_is_pointer_type(lw_cursor_type(lw_strip_implicit(k[1]))) ||
	       lw_is_array_value(lw_strip_implicit(k[0])) || lw_is_array_value(lw_strip_implicit(k[1]));
}

static bool comparable(AcOperand v)
{
	return v.kind == AC_OPND_PLACE || v.kind == AC_OPND_ADDR || v.kind == AC_OPND_OFFSET;
}

/* t = cmp a == b (negated for !=) */
static AcOperand pointer_compare(Lw *L, CXCursor c, AcOperand a, AcOperand b)
{
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	/* m == MAP_FAILED, cd != (iconv_t)-1: a pointer against an integer
	 * constant, which is what some allocators return on failure */
	bool with_const = (comparable(a) && b.kind == AC_OPND_INT) || (a.kind == AC_OPND_INT && comparable(b));
	if (!with_const && (!comparable(a) || !comparable(b)))
		return fold(bk, a, b);
	if (a.kind == AC_OPND_INT) {
		AcOperand t = a;
		a = b, b = t;
	}
	int t = lw_temp(L, false);
	AcOp *op = lw_emit(L, AC_OP_CMP, lw_loc_of(L, c));
	op->dst = t;
	op->src = a;
	op->src2 = b;
	op->negate = bk == CXBinaryOperator_NE;
	return lw_opnd(AC_OPND_PLACE, t);
}

static AcOperand expr_binary(Lw *L, CXCursor c)
{
	if (chain_op(c))
		return expr_chain(L, c);
	CXCursor k[2], other;
	bool eq;
	if (lw_kids(c, k, 2) != 2) {
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	switch (clang_getCursorBinaryOperatorKind(c)) {
	case CXBinaryOperator_Assign:
		return expr_assign(L, c, k);
	case CXBinaryOperator_LAnd:
	case CXBinaryOperator_LOr:
		return lw_logic_value(L, c);
	default:
		break;
	}
	if (lw_is_zero_compare(c, &other, &eq))
		return lw_test_value(L, c);
	AcOperand a = lw_expr(L, k[0]);
	AcOperand b = lw_expr(L, k[1]);
	if (is_pointer_compare(c, k))
		return pointer_compare(L, c, a, b);
	return fold(clang_getCursorBinaryOperatorKind(c), a, b);
}

/* l op= r: a pointer moves within its object; anything else is unknown. */
/* v *= K for a non-zero constant K and v of a signed type that does not
 * promote (int, long, long long): the product is 0 only when v is, since
 * an overflow of such a type is undefined (a narrower one would wrap when
 * converted back, an unsigned one wraps). */
static bool scales_signed(CXCursor var, AcOperand n)
{
	switch (clang_getCanonicalType(lw_cursor_type(var)).kind) {
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
		return n.kind == AC_OPND_INT && n.ival != 0;
	default:
		return false;
	}
}

/* n += K with K > 0 and n a counter (lw_counts_up): not 0, as n++ is not. */
static bool counter_grows(Lw *L, CXCursor var_expr, CXCursor added)
{
	long long k;
	CXCursor v = lw_strip_implicit(var_expr);
	return lw_const_int(added, &k) && k > 0 && clang_getCursorKind(v) == CXCursor_DeclRefExpr &&
	       lw_counts_up(L, clang_getCursorReferenced(v));
}

static AcOperand expr_compound_assign(Lw *L, CXCursor c)
{
	CXCursor k[2];
	if (lw_kids(c, k, 2) != 2) {
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	AcOperand n = lw_expr(L, k[1]);
	int p = lw_place(L, k[0], false);
	if (p < 0) {
		lw_write_unplaced(L, lw_loc_of(L, c));
		return LW_UNKNOWN;
	}
	enum CXBinaryOperatorKind bk = clang_getCursorBinaryOperatorKind(c);
	bool moves = (bk == CXBinaryOperator_AddAssign || bk == CXBinaryOperator_SubAssign) &&
		     lw_is_pointer_type(lw_cursor_type(k[0]));
	AcOperand moved = lw_opnd(AC_OPND_OFFSET, p);
	moved.ival = move_direction(bk == CXBinaryOperator_AddAssign, n, k[1]);
	AcOperand v = moves ? moved : LW_UNKNOWN;
	if (!moves && bk == CXBinaryOperator_AddAssign && (lw_size_grows(L, k[0], k[1]) || counter_grows(L, k[0], k[1])))
		v = lw_opnd(AC_OPND_ADDR, -1); /* n += strlen (s) + 1, n a size, or n += 2, n a counter: "non-zero" */
	if (bk == CXBinaryOperator_MulAssign && scales_signed(k[0], n)) {
		/* size *= 2: still 0 exactly when it was (a signed int overflowing
		 * is undefined), whatever the value */
		AcOp *op = lw_emit(L, AC_OP_TEST, lw_loc_of(L, c));
		op->dst = p;
		op->src = lw_opnd(AC_OPND_PLACE, p);
		return lw_opnd(AC_OPND_PLACE, p);
	}
	lw_assign(L, p, v, lw_loc_of(L, c));
	return lw_opnd(AC_OPND_PLACE, p);
}

/* Whether converting an integer of type from to type to may change it
 * other than in sign: to a narrower integer type (not _Bool, which keeps
 * whether it is 0). */
static bool narrowing(CXType to, CXType from)
{
	to = lw_canonical_type(to);
	from = lw_canonical_type(from);
	bool ints = to.kind >= CXType_Bool && to.kind <= CXType_Int128 && from.kind >= CXType_Bool &&
	            from.kind <= CXType_Int128;
	ints |= to.kind == CXType_Enum || from.kind == CXType_Enum;
	if (!ints || to.kind == CXType_Bool || to.kind == CXType_Pointer || from.kind == CXType_Pointer)
		return false;
	long long nt = clang_Type_getSizeOf(to), nf = clang_Type_getSizeOf(from);
	return nt > 0 && nf > 0 && nt < nf;
}

/* A cast keeps the value; integer 0 cast to a pointer is the null pointer.
 * A narrowing one of an integer keeps only a constant, converted (char c =
 * j is not j: 256 becomes 0); a pointer converted to an integer stays
 * itself, to escape where the integer goes. */
static AcOperand cast_value(Lw *L, CXCursor c, CXCursor operand)
{
	AcOperand v = lw_expr(L, operand);
	if (v.kind == AC_OPND_INT && v.ival == 0 && lw_is_pointer_type(lw_cursor_type(c)))
		return lw_opnd(AC_OPND_NULL, -1);
	bool integer = v.kind == AC_OPND_INT || (v.kind == AC_OPND_PLACE && !L->places.v[v.place].is_pointer);
	if (integer && narrowing(lw_cursor_type(c), lw_cursor_type(operand))) {
		long long k;
		if (lw_const_int(c, &k)) {
			AcOperand r = lw_opnd(AC_OPND_INT, -1);
			r.ival = k;
			return r;
		}
		return LW_UNKNOWN;
	}
	return v;
}

/* (T)e; (void)array only silences a warning: it neither decays the array
 * nor takes its address. (void *)fnptr, a function pointer made a data
 * pointer, is the address of a function (code, not a heap block) as
 * (void *)&f is, unless the place holds a block (a JIT's code). */
static AcOperand expr_cstyle_cast(Lw *L, CXCursor c)
{
	CXCursor k[3];
	size_t n = lw_kids(c, k, 3);
	if (n < 1 || n > 3)
		return LW_UNKNOWN;
	if (lw_type_kind(lw_cursor_type(c)) == CXType_Void &&
	    lw_is_array_type(lw_cursor_type(lw_strip_implicit(k[n - 1]))))
		return LW_NONE;
	AcOperand v = cast_value(L, c, k[n - 1]);
	if (v.kind == AC_OPND_PLACE && lw_is_pointer_type(lw_cursor_type(c)) &&
	    !fn_pointer_type(lw_cursor_type(c)) && fn_pointer_type(lw_cursor_type(k[n - 1]))) {
		v.kind = AC_OPND_OFFSET;
		v.ival = AC_OFFSET_CODE;
	}
	return v;
}

static AcOperand expr_unexposed(Lw *L, CXCursor c)
{
	if (lw_is_recovery(c)) {
		L->saw_recovery = true;
		lw_effects(L, c);
		return LW_UNKNOWN;
	}
	CXCursor k[5];
	size_t n = lw_kids(c, k, 5);
	if (n == 1 && clang_isExpression(clang_getCursorKind(k[0])) &&
	    clang_equalLocations(clang_getCursorLocation(c), clang_getCursorLocation(k[0])))
		return cast_value(L, c, k[0]); /* an implicit cast (see implicit_child) */
	if (lw_is_gnu_ternary(c, k, n))
		return lw_gnu_ternary_value(L, c, k);
	long long which;
	if (n == 3 && lw_const_int(k[0], &which)) {
		/* __builtin_choose_expr(c, a, b): only the chosen arm is evaluated; it
		 * has the expression's type (atomics, the other 3-operand form, start
		 * with a pointer, never a constant). */
		CXCursor arm = which ? k[1] : k[2];
		if (clang_equalTypes(lw_cursor_type(c), lw_cursor_type(arm)))
			return lw_expr(L, arm);
	}
	const char *first = lw_first_token(L, c);
	if (first && (strncmp(first, "__atomic_", 9) == 0 || strncmp(first, "__c11_atomic_", 13) == 0)) {
		/* __atomic_store_n(slot, p, ...), __atomic_compare_exchange_n(slot,
		 * &expected, p, ...): the operands after the atomic object's
		 * address may be stored into it (lock-free publication). */
		CursorVec kids = {0};
		collect(c, &kids);
		for (size_t i = 0; i < kids.n; i++) {
			if (!clang_isExpression(clang_getCursorKind(kids.v[i])))
				continue;
			AcOperand v = lw_expr(L, kids.v[i]);
			if (i > 0)
				lw_escape(L, v, lw_loc_of(L, kids.v[i]));
		}
		lw_write_unplaced(L, lw_loc_of(L, c)); /* the object, and what a compare-exchange
		                                           writes through &expected */
		AC_VEC_FREE(&kids);
		return LW_UNKNOWN;
	}
	/* va_arg, __builtin_choose_expr, offsetof...: effects only. */
	lw_effects(L, c);
	return LW_UNKNOWN;
}

static AcOperand expr_declref(Lw *L, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c);
	long long k;
	int alias;
	switch (clang_getCursorKind(ref)) {
	case CXCursor_VarDecl:
		if (lw_const_var(L->t, ref, &k))
			return lw_int(k); /* a file-scope constant, or a static nothing writes */
		if ((alias = lw_alias_read(L, ref)) >= 0)
			return lw_opnd(AC_OPND_ADDR, alias); /* pp = &x: pp is &x */
		return place_value(L, lw_var(L, ref), c);
	case CXCursor_ParmDecl:
		L->alias_deref = false;
		return place_value(L, lw_var(L, ref), c);
	case CXCursor_FunctionDecl:
		return lw_fn_addr(L->t, ref);
	case CXCursor_EnumConstantDecl:
		return lw_int(clang_getEnumConstantDeclValue(ref));
	default:
		return LW_UNKNOWN;
	}
}

static AcOperand expr_const(CXCursor c)
{
	long long v;
	return lw_const_int(c, &v) ? lw_int(v) : LW_UNKNOWN;
}

/* &&label: an address that is never NULL; the label's block becomes a target
 * of every computed goto (see patch_indirect_gotos). */
static AcOperand expr_addr_label(void)
{
	return lw_const_addr(AC_ADDR_FUNCTION);
}

/* An initialiser list outside a declaration or compound literal. */
static AcOperand expr_stray_list(Lw *L, CXCursor c)
{
	CursorVec kids = {0};
	collect(c, &kids);
	for (size_t i = 0; i < kids.n; i++)
		lw_escape(L, lw_expr(L, kids.v[i]), lw_loc_of(L, kids.v[i]));
	AC_VEC_FREE(&kids);
	return LW_UNKNOWN;
}

static AcOperand expr_dispatch(Lw *L, CXCursor c)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	switch (kind) {
	case CXCursor_UnexposedExpr: return expr_unexposed(L, c);
	case CXCursor_DeclRefExpr: return expr_declref(L, c);
	case CXCursor_MemberRefExpr:
	case CXCursor_ArraySubscriptExpr: return place_value(L, lw_place(L, c, false), c);
	case CXCursor_CallExpr: return expr_call(L, c);
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
	case CXCursor_UnaryExpr: return expr_const(c); /* sizeof: never evaluated */
	case CXCursor_StringLiteral: return lw_const_addr(AC_ADDR_LITERAL);
	case CXCursor_ParenExpr: return lw_expr(L, child0(c));
	case CXCursor_UnaryOperator: return expr_unary(L, c);
	case CXCursor_BinaryOperator: return expr_binary(L, c);
	case CXCursor_CompoundAssignOperator: return expr_compound_assign(L, c);
	case CXCursor_ConditionalOperator: return lw_ternary_value(L, c);
	case CXCursor_CStyleCastExpr: return expr_cstyle_cast(L, c);
	case CXCursor_CompoundLiteralExpr: return place_value(L, compound_literal_place(L, c), c);
	case CXCursor_InitListExpr: return expr_stray_list(L, c);
	case CXCursor_AddrLabelExpr: return expr_addr_label();
	case CXCursor_StmtExpr: return lw_stmt_expr(L, c);
	case CXCursor_GNUNullExpr: return lw_opnd(AC_OPND_NULL, -1);
	case CXCursor_GenericSelectionExpr: return LW_UNKNOWN; /* the selected arm is unknown */
	default:
		if (clang_isExpression(kind))
			lw_effects(L, c);
		return LW_UNKNOWN;
	}
}

AcOperand lw_expr(Lw *L, CXCursor c)
{
	if (!lw_enter(L))
		return LW_UNKNOWN;
	AcOperand v = expr_dispatch(L, c);
	lw_leave(L);
	return v;
}

/* --- initialisers --------------------------------------------------------- */

/* A designated initialiser `.a.b = v` / `[2] = v` shows as a void
 * UnexposedExpr: designators (MemberRef, or index expressions) then v. */
static bool is_designator(CXCursor c)
{
	CXCursor k[2];
	return clang_getCursorKind(c) == CXCursor_UnexposedExpr &&
	       lw_type_kind(lw_cursor_type(c)) == CXType_Void && lw_kids(c, k, 2) >= 2;
}

static void escape_values(Lw *L, const CXCursor *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		lw_escape(L, lw_expr(L, k[i]), lw_loc_of(L, k[i]));
}

/* .a.b[2] = v: walks the designators from place and initialises the
 * subobject; v escapes instead for shapes it cannot map, such as GNU ranges
 * [1 ... 3]. *field / *index get the first designator (record / array), so
 * positional initialisers can continue after it. */
static void init_designated(Lw *L, int place, CXCursor d, CXType type, const char **field,
                            long *index)
{
	CursorVec k = {0};
	collect(d, &k);
	int p = place;
	CXType t = type;
	bool ok = true;
	for (size_t j = 0; ok && j + 1 < k.n; j++) {
		CXCursor x = k.v[j];
		if (clang_getCursorKind(x) == CXCursor_MemberRef) {
			const char *f = lw_spelling(L->t, x);
			t = lw_cursor_type(x);
			p = lw_derived(L, AC_PLACE_MEMBER, p, f, -1, false, lw_is_pointer_type(t));
			lw_set_field_key(L, p, x);
			if (j == 0)
				*field = f;
		} else if (lw_is_array_type(t) && clang_isExpression(clang_getCursorKind(x))) {
			long long i;
			long idx = lw_const_int(x, &i) && i >= 0 && i <= 0x7fffffff ? (long)i : -1;
			t = clang_getArrayElementType(clang_getCanonicalType(t));
			p = lw_derived(L, AC_PLACE_ELEM, p, NULL, idx, false, lw_is_pointer_type(t));
			if (j == 0)
				*index = idx;
		} else {
			ok = false;
		}
	}
	if (ok && k.n >= 2)
		lw_init(L, p, k.v[k.n - 1], t, lw_loc_of(L, k.v[k.n - 1]));
	else if (k.n >= 1)
		escape_values(L, &k.v[k.n - 1], 1);
	AC_VEC_FREE(&k);
}

/* A positional initialiser for an aggregate member that is not braced is
 * brace elision; its values are not mapped (they escape instead). */
static bool elided(CXCursor init, CXType member)
{
	return is_aggregate(member) && clang_getCursorKind(init) != CXCursor_InitListExpr &&
	       !clang_equalTypes(clang_getCanonicalType(lw_cursor_type(init)),
				 clang_getCanonicalType(member));
}

static enum CXVisitorResult field_visit(CXCursor c, CXClientData data)
{
	CursorVec *v = data;
	AC_VEC_PUSH(v, c);
	return CXVisit_Continue;
}

static size_t field_position(Lw *L, const CursorVec *fields, const char *name)
{
	for (size_t i = 0; i < fields->n; i++)
		if (lw_spelling(L->t, fields->v[i]) == name)
			return i;
	return fields->n;
}

/* struct/union { ... } = { a, .f = b, ... } */
static void init_record(Lw *L, int place, const CursorVec *k, CXType type)
{
	CursorVec fields = {0};
	clang_Type_visitFields(clang_getCanonicalType(type), field_visit, &fields);
	CXCursor decl = clang_getTypeDeclaration(clang_getCanonicalType(type));
	size_t limit = clang_getCursorKind(decl) == CXCursor_UnionDecl ? 1 : fields.n;
	size_t fi = 0;
	for (size_t i = 0; i < k->n; i++) {
		CXCursor x = k->v[i];
		if (is_designator(x)) {
			const char *f = NULL;
			long idx = -1;
			init_designated(L, place, x, type, &f, &idx);
			fi = f ? field_position(L, &fields, f) + 1 : fields.n;
			continue;
		}
		if (fi >= limit || fi >= fields.n) {
			escape_values(L, &x, 1);
			continue;
		}
		CXCursor f = fields.v[fi++];
		CXType ft = lw_cursor_type(f);
		if (elided(x, ft)) {
			escape_values(L, &k->v[i], k->n - i);
			break;
		}
		const char *name = lw_spelling(L->t, f);
		/* An anonymous struct/union member's fields belong to the parent. */
		int target = name && !clang_Cursor_isAnonymousRecordDecl(clang_getTypeDeclaration(ft))
				     ? lw_derived(L, AC_PLACE_MEMBER, place, name, -1, false,
						  lw_is_pointer_type(ft))
				     : place;
		if (target != place)
			lw_set_field_key(L, target, f); /* the link step reads stores into members that hold functions */
		lw_init(L, target, x, ft, lw_loc_of(L, x));
	}
	AC_VEC_FREE(&fields);
}

/* T a[] = { a, [2] = b, ... } */
static void init_array(Lw *L, int place, const CursorVec *k, CXType type)
{
	CXType et = clang_getArrayElementType(clang_getCanonicalType(type));
	bool et_ptr = lw_is_pointer_type(et);
	long idx = 0;
	for (size_t i = 0; i < k->n; i++) {
		CXCursor x = k->v[i];
		if (is_designator(x)) {
			const char *f = NULL;
			long d = -1;
			init_designated(L, place, x, type, &f, &d);
			idx = d >= 0 ? d + 1 : -1;
			continue;
		}
		if (elided(x, et)) {
			escape_values(L, &k->v[i], k->n - i);
			break;
		}
		int target = lw_derived(L, AC_PLACE_ELEM, place, NULL, idx, false, et_ptr);
		lw_init(L, target, x, et, lw_loc_of(L, x));
		if (idx >= 0 && idx < 0x7fffffff)
			idx++;
	}
}

void lw_init(Lw *L, int place, CXCursor init, CXType type, AcLoc loc)
{
	if (clang_getCursorKind(init) != CXCursor_InitListExpr) {
		AcOperand v = lw_expr(L, init);
		if (!lw_is_array_type(type)) { /* char buf[] = "..." copies, it holds no pointer */
			lw_assign(L, place, v, loc);
			copy_fn_members(L, place, false, v.kind == AC_OPND_PLACE ? v.place : -1, type, loc);
		}
		return;
	}
	CursorVec k = {0};
	collect(init, &k);
	if (lw_type_kind(type) == CXType_Record) {
		init_record(L, place, &k, type);
	} else if (lw_is_array_type(type)) {
		init_array(L, place, &k, type);
	} else if (k.n >= 1) { /* scalar in braces: int *p = { q }; */
		lw_init(L, place, k.v[0], type, lw_loc_of(L, k.v[0]));
		escape_values(L, k.v + 1, k.n - 1);
	}
	AC_VEC_FREE(&k);
}
