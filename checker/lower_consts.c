/*
 * lower_consts: file-scope integer variables whose value is known in every
 * function of the TU, so that reading them lowers to a constant and the
 * conditions and switches that test them are decided (part of the frontend;
 * runs once per TU before the functions are lowered).
 *
 *   static const int K = 3;  const int K = 3;   const, with a constant initialiser
 *   static int debug = 0;    static int n;      static, in the main file, and never
 *                                               written by any function of the TU
 *                                               (assigned, incremented, its address
 *                                               taken, or named in inline asm)
 *
 * Only integer, enum and _Bool variables, never volatile ones. A static of
 * the main file can be written only by code of this TU, which is all lowered
 * here, so the scan of the function bodies decides it. An extern const
 * without an initialiser here is not known.
 *
 * A variable with external linkage defined in the main file with a constant
 * initialiser (const int K = 1; int level = 2;) is also recorded for the
 * link step, as an AcFnInit "=NAME" whose fn is the value in decimal: across
 * the program it is known where nothing stores into it and its address is
 * never taken (program.h, ac_program_global_value).
 */
#include "lower.h"

#include <string.h>

#include "mem.h"

bool lw_unsigned_integer_type(CXType t)
{
	switch (t.kind) {
	case CXType_Bool:
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
		return true;
	default:
		return false;
	}
}

static bool integer_type(CXType t)
{
	if (lw_unsigned_integer_type(t))
		return true;
	switch (t.kind) {
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_WChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_Enum:
		return true;
	default:
		return false;
	}
}

static bool in_main(const LwTu *t, CXCursor c)
{
	CXFile f;
	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	return f && t->main_file && clang_File_isEqual(f, t->main_file);
}

/* A file-scope variable decl: adds it to the candidates when its type and
 * initialiser qualify. A const one is known at once; a static one once the
 * scan found no write. */
void lw_consts_note(LwTu *t, CXCursor decl)
{
	CXType ty = lw_cursor_type(decl);
	CXType canon = clang_getCanonicalType(ty);
	if (!integer_type(canon) || clang_isVolatileQualifiedType(ty) || clang_isVolatileQualifiedType(canon))
		return;
	bool is_const = clang_isConstQualifiedType(ty) || clang_isConstQualifiedType(canon);
	bool is_static = clang_Cursor_getStorageClass(decl) == CX_SC_Static;
	if (!is_const && !(is_static && in_main(t, decl)))
		return;
	CXCursor key = clang_getCanonicalCursor(decl);
	if (lw_map_get(&t->const_map, key) >= 0)
		return; /* a tentative definition seen before: the definition decides */
	CXCursor def = clang_getCursorDefinition(decl);
	if (clang_Cursor_isNull(def) && !is_static)
		return; /* extern const int K; defined elsewhere */
	if (clang_Cursor_isNull(def))
		def = decl; /* static int n; a tentative definition: no initialiser anywhere */
	CXCursor init = clang_Cursor_getVarDeclInitializer(def);
	LwConst k = {.value = 0, .pending = !is_const};
	if (!clang_Cursor_isNull(init) && !lw_const_int(init, &k.value))
		return;
	AC_VEC_PUSH(&t->consts, k); /* no initialiser: zero, as for every static object */
	lw_map_put(&t->const_map, key, (int)t->consts.n - 1);
}

void lw_consts_definition(LwTu *t, CXCursor decl)
{
	CXType ty = lw_cursor_type(decl);
	CXType canon = clang_getCanonicalType(ty);
	if (!clang_isCursorDefinition(decl) || !in_main(t, decl) || clang_getCursorLinkage(decl) != CXLinkage_External ||
	    !integer_type(canon) || clang_isVolatileQualifiedType(ty) || clang_isVolatileQualifiedType(canon))
		return;
	CXCursor init = clang_Cursor_getVarDeclInitializer(decl);
	long long v;
	const char *name = lw_spelling(t, decl);
	if (clang_Cursor_isNull(init) || !name || !lw_const_int(init, &v))
		return; /* int n; a tentative definition may meet another file's */
	AcFnInit x = {ac_intern(&t->tu->names, ac_arena_printf(&t->tu->arena, "=%s", name)),
	              ac_intern(&t->tu->names, ac_arena_printf(&t->tu->arena, "%lld", v))};
	AC_VEC_PUSH(&t->fninits, x);
}

/* ---- the writes ------------------------------------------------------------------------- */

static void mark_written(LwTu *t, CXCursor e)
{
	e = lw_strip(e);
	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return;
	int i = lw_map_get(&t->const_map, clang_getCanonicalCursor(clang_getCursorReferenced(e)));
	if (i >= 0 && t->consts.v[i].pending)
		t->consts.v[i].written = true;
}

static CXCursor first_child(CXCursor c)
{
	CXCursor k[1];
	return lw_kids(c, k, 1) >= 1 ? k[0] : clang_getNullCursor();
}

static enum CXChildVisitResult asm_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr)
		mark_written(data, c);
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult write_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	LwTu *t = data;
	switch (clang_getCursorKind(c)) {
	case CXCursor_BinaryOperator:
		if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign)
			mark_written(t, first_child(c));
		break;
	case CXCursor_CompoundAssignOperator:
		mark_written(t, first_child(c));
		break;
	case CXCursor_UnaryOperator:
		switch (clang_getCursorUnaryOperatorKind(c)) {
		case CXUnaryOperator_PostInc:
		case CXUnaryOperator_PostDec:
		case CXUnaryOperator_PreInc:
		case CXUnaryOperator_PreDec:
		case CXUnaryOperator_AddrOf:
			mark_written(t, first_child(c));
			break;
		default:
			break;
		}
		break;
	case CXCursor_GCCAsmStmt:
		clang_visitChildren(c, asm_visit, t);
		return CXChildVisit_Continue;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult top_write_visit(CXCursor c, CXCursor parent, CXClientData data)
{
	(void)parent;
	/* file-scope initialisers too: static int *p = &n; */
	if (in_main(data, c))
		clang_visitChildren(c, write_visit, data);
	return CXChildVisit_Continue;
}

void lw_consts_scan(LwTu *t)
{
	bool pending = false;
	for (size_t i = 0; i < t->consts.n; i++)
		pending |= t->consts.v[i].pending;
	if (pending)
		clang_visitChildren(clang_getTranslationUnitCursor(t->ctu), top_write_visit, t);
	for (size_t i = 0; i < t->consts.n; i++)
		t->consts.v[i].pending = false;
}

/* A file-scope variable declared in the PCH, named for the first time:
 * noted as the walk of a TU parsed without the PCH notes it, at its first
 * declaration (the canonical one). After the scan: a static of the main
 * file is never in the PCH, so what is noted here is const or nothing. */
static int note_late(LwTu *t, CXCursor canon)
{
	if (clang_getCursorKind(canon) != CXCursor_VarDecl ||
	    clang_getCursorKind(clang_getCursorSemanticParent(canon)) != CXCursor_TranslationUnit)
		return -1;
	lw_consts_note(t, canon);
	int i = lw_map_get(&t->const_map, canon);
	if (i < 0)
		lw_map_put(&t->const_map, canon, LW_NOT_CONST);
	return i;
}

bool lw_const_var(LwTu *t, CXCursor ref, long long *v)
{
	if (!t->consts.n && !t->pch)
		return false;
	CXCursor canon = clang_getCanonicalCursor(ref);
	int i = lw_map_get(&t->const_map, canon);
	if (i == -1 && t->pch)
		i = note_late(t, canon);
	if (i < 0 || t->consts.v[i].written)
		return false;
	*v = t->consts.v[i].value;
	return true;
}
