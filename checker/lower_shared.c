/*
 * lower_shared: the functions of the headers a program's files share.
 *
 * A function defined in a header of the project that is not made anew for
 * each includer (a guarded header's static inline helpers: redis's sds.h,
 * CPython's internal headers, any buf.h with buf_reset) is the same
 * function in every file that includes it. A TU lowers such a function
 * when one of its own calls it (or takes its address), so its callers know
 * its body instead of taking the call for one that keeps every pointer it
 * is given; and it marks the function shared, with a digest of its file
 * and of its IR. The link step analyses one body per digest, for the
 * callers of every TU (program.c), so the function is walked and reported
 * once per run, however many files include it.
 *
 * The digest decides what is the same function: a body made from another
 * includer's macros (the same file and line, other tokens) has other IR,
 * so another digest, and stays its TU's. A function that calls a function
 * of its TU that is not shared itself (a static of the includer declared
 * before the #include) depends on that TU: it is the TU's alone (no
 * digest), as a template's functions are.
 */
#include "lower.h"

#include <string.h>

#include "ir_file.h"
#include "mem.h"
#include "project.h"

/* What one file of the TU is, for lw_shared_file. */
typedef struct LwSharedFile {
	CXFile file;
	const char *real; /* its real path, interned, when its functions are shared; else NULL */
} LwSharedFile;

struct LwShared {
	AC_VEC(LwSharedFile) files;
	AC_VEC(LwSharedFile) names; /* lw_header_name's: real is the name */
};

static const char *file_verdict(LwTu *t, CXFile f, CXSourceLocation loc)
{
	if (clang_Location_isInSystemHeader(loc))
		return NULL;
	/* a guarded file makes no functions for each includer: the walk of
	 * the TU's #includes that tells (lw_def_lowered) is not needed */
	if (!clang_isFileMultipleIncludeGuarded(t->ctu, f) && lw_def_lowered(t, loc))
		return NULL;
	CXString real = clang_File_tryGetRealPathName(f);
	const char *r = clang_getCString(real);
	const char *ours = r && r[0] && ac_project_has(r) ? ac_intern(&t->tu->names, r) : NULL;
	clang_disposeString(real);
	return ours;
}

const char *lw_shared_file(LwTu *t, CXCursor def)
{
	CXSourceLocation loc = clang_getCursorLocation(def);
	CXFile f = NULL;
	clang_getExpansionLocation(loc, &f, NULL, NULL, NULL);
	if (!f || !t->main_file || clang_File_isEqual(f, t->main_file))
		return NULL;
	if (!t->shared)
		t->shared = ac_calloc(1, sizeof *t->shared);
	struct LwShared *s = t->shared;
	for (size_t i = 0; i < s->files.n; i++) {
		if (s->files.v[i].file == f || clang_File_isEqual(s->files.v[i].file, f))
			return s->files.v[i].real;
	}
	LwSharedFile v = {f, file_verdict(t, f, loc)};
	AC_VEC_PUSH(&s->files, v);
	return v.real;
}

const char *lw_header_name(LwTu *t, CXFile f)
{
	if (!t->shared)
		t->shared = ac_calloc(1, sizeof *t->shared);
	struct LwShared *s = t->shared;
	for (size_t i = 0; i < s->names.n; i++) {
		if (s->names.v[i].file == f)
			return s->names.v[i].real;
	}
	CXString real = clang_File_tryGetRealPathName(f);
	const char *r = clang_getCString(real);
	LwSharedFile v = {f, r && r[0] ? ac_intern(&t->tu->names, ac_project_shown(r)) : NULL};
	clang_disposeString(real);
	AC_VEC_PUSH(&s->names, v);
	return v.real;
}

/* Whether function f (shared) calls a function of its TU that is not. */
static bool calls_own(const AcTu *tu, const AcFunc *fn, const bool *ok)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->kind == AC_OP_CALL && op->call->func >= 0 && (size_t)op->call->func < tu->nfuncs &&
			    !ok[op->call->func])
				return true;
		}
	}
	return false;
}

/* Adds the digests of the shared functions fn calls to h (the IR names
 * them, ac_ir_func_digest leaves out where). */
static void add_callees(AcHash *h, const AcTu *tu, const AcFunc *fn, char (*base)[AC_HASH_HEX + 1])
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->kind == AC_OP_CALL && op->call->func >= 0 && (size_t)op->call->func < tu->nfuncs)
				ac_hash_str(h, base[op->call->func]);
		}
	}
}

void lw_shared_keys(LwTu *t)
{
	AcTu *tu = t->tu;
	size_t n = tu->nfuncs;
	bool *ok = ac_calloc(n ? n : 1, sizeof *ok), any = false;
	for (size_t f = 0; f < n; f++)
		any |= ok[f] = tu->funcs[f].shared != NULL;
	if (!any) {
		ac_free(ok);
		return;
	}
	/* what calls a function of the TU's own is the TU's own too */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t f = 0; f < n; f++) {
			if (ok[f] && calls_own(tu, &tu->funcs[f], ok)) {
				ok[f] = false;
				changed = true;
			}
		}
	}
	char(*base)[AC_HASH_HEX + 1] = ac_calloc(n, sizeof *base);
	for (size_t f = 0; f < n; f++) {
		if (!ok[f])
			continue;
		AcHash h;
		ac_hash_init(&h);
		ac_hash_str(&h, tu->funcs[f].shared); /* its file's real path */
		ac_ir_func_digest(&tu->funcs[f], &h);
		ac_hash_hex(&h, base[f]);
	}
	/* one level of callees: a helper made from another includer's macros
	 * changes its callers' digests too */
	for (size_t f = 0; f < n; f++) {
		AcFunc *fn = &tu->funcs[f];
		if (!ok[f]) {
			fn->shared = NULL;
			continue;
		}
		AcHash h;
		ac_hash_init(&h);
		ac_hash_str(&h, base[f]);
		add_callees(&h, tu, fn, base);
		char hex[AC_HASH_HEX + 1];
		ac_hash_hex(&h, hex);
		fn->shared = ac_intern(&tu->names, hex);
	}
	ac_free(base);
	ac_free(ok);
}

void lw_shared_free(LwTu *t)
{
	if (!t->shared)
		return;
	AC_VEC_FREE(&t->shared->files);
	AC_VEC_FREE(&t->shared->names);
	ac_free(t->shared);
	t->shared = NULL;
}
