/*
 * lower_alias: a local pointer that holds the address of one variable for
 * the whole function is that variable's other name (part of the frontend).
 *
 *   char **pp = &data;  *pp = malloc(n);     *pp is data
 *   s = &local;         s->buf = malloc(n);  s->buf is local.buf
 *
 * A pointer qualifies when it is a local (not a parameter, not static)
 * whose every write is `= &x` for the same local or parameter x, and whose
 * own address is never taken. Such an alias does not make x's address
 * escape where it is dereferenced (*pp, pp->f, pp[k]); where its value is
 * used otherwise (passed to a call, stored) it is &x, taken as usual.
 *
 * The lowering is optimistic: the first write decides, and a later write
 * that disagrees (another target, another value, pp++, &pp) asks for the
 * function to be lowered again with that pointer banned (lower.c,
 * lower_func). A pointer initialised with anything but &x (NULL) never
 * becomes an alias.
 */
#include "lower.h"

#include "mem.h"

enum { ALIAS_DEAD = -1 }; /* LwAlias.target: written with another value first */

static bool banned(const Lw *L, CXCursor var)
{
	for (size_t i = 0; i < L->alias_banned->n; i++) {
		if (clang_equalCursors(L->alias_banned->v[i], var))
			return true;
	}
	return false;
}

static LwAlias *find(Lw *L, CXCursor var)
{
	for (size_t i = 0; i < L->aliases.n; i++) {
		if (clang_equalCursors(L->aliases.v[i].var, var))
			return &L->aliases.v[i];
	}
	return NULL;
}

/* The pointer was written in a way an alias cannot be: lower the function
 * again without it. */
static void give_up(Lw *L, CXCursor var)
{
	if (!L->alias_retry_set) {
		L->alias_retry = var;
		L->alias_retry_set = true;
	}
}

/* A local, non-static VarDecl of pointer type. */
static bool local_pointer(CXCursor var)
{
	return clang_getCursorKind(var) == CXCursor_VarDecl && clang_Cursor_getStorageClass(var) == CX_SC_None &&
	       clang_getCursorSemanticParent(var).kind != CXCursor_TranslationUnit &&
	       lw_is_pointer_type(lw_cursor_type(var));
}

/* The local or parameter x of `&x` (parens and casts aside), or a null cursor. */
static CXCursor address_of_var(CXCursor e)
{
	CXCursor x = lw_address_of_var(e);
	if (clang_Cursor_isNull(x))
		return x;
	x = clang_getCanonicalCursor(x);
	enum CXCursorKind xk = clang_getCursorKind(x);
	if (xk == CXCursor_ParmDecl ||
	    (xk == CXCursor_VarDecl && clang_Cursor_getStorageClass(x) == CX_SC_None &&
	     clang_getCursorSemanticParent(x).kind != CXCursor_TranslationUnit))
		return x;
	return clang_getNullCursor();
}

bool lw_alias_write(Lw *L, CXCursor var, CXCursor value, int *target)
{
	var = clang_getCanonicalCursor(var);
	if (!L->alias_banned || !local_pointer(var) || banned(L, var))
		return false;
	CXCursor x = clang_Cursor_isNull(value) ? value : address_of_var(value);
	LwAlias *a = find(L, var);
	LwAlias *of_alias = clang_Cursor_isNull(x) ? NULL : find(L, x);
	bool is_addr = !clang_Cursor_isNull(x) && (!of_alias || of_alias->target == ALIAS_DEAD);
	if (!a) {
		LwAlias n = {var, is_addr ? lw_var(L, x) : ALIAS_DEAD};
		AC_VEC_PUSH(&L->aliases, n);
		a = &L->aliases.v[L->aliases.n - 1];
		if (!is_addr)
			return false;
	} else if (a->target == ALIAS_DEAD) {
		return false;
	} else if (!is_addr || lw_var(L, x) != a->target) {
		give_up(L, var);
		return false;
	}
	*target = a->target;
	return true;
}

int lw_alias_read(Lw *L, CXCursor var)
{
	bool deref = L->alias_deref;
	L->alias_deref = false;
	if (!L->aliases.n)
		return -1;
	LwAlias *a = find(L, clang_getCanonicalCursor(var));
	if (!a || a->target == ALIAS_DEAD)
		return -1;
	if (!deref)
		lw_mark_addr_taken(L, a->target); /* its value goes somewhere: &x does */
	return a->target;
}

void lw_alias_lvalue(Lw *L, CXCursor var)
{
	if (!L->aliases.n)
		return;
	LwAlias *a = find(L, clang_getCanonicalCursor(var));
	if (a && a->target != ALIAS_DEAD)
		give_up(L, a->var); /* pp++, &pp, pp += n: not one address any more */
}

void lw_alias_deref_next(Lw *L, CXCursor operand)
{
	L->alias_deref = L->aliases.n && clang_getCursorKind(lw_strip(operand)) == CXCursor_DeclRefExpr;
}
