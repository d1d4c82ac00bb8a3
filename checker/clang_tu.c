/*
 * clang_tu: one translation unit through libclang (frontend.h).
 *
 * Checks the input is a readable text file (so that the tool error names the
 * real problem instead of a libclang code), parses it with KeepGoing and the
 * flags that keep clang 19 from turning GCC warnings into errors, records the
 * error diagnostics, and hands the TU to the lowering (lower.c) and to the
 * reading of allocation attributes on declarations (lower_attrs.c). The CXIndex
 * and CXTranslationUnit live only inside ac_tu_load; everything kept is
 * copied into the AcTu arena.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "driver_probe.h"
#include "frontend.h"
#include "lower.h"
#include "mem.h"
#include "path_memo.h"
#include "trace.h"

/* Appended to every command line (libclang note, section 8): -w also
 * defuses the build's -Werror; the four -Wno-error= keep GCC-12 warnings
 * from becoming clang 19 errors; no error limit, so every error is counted. */
static const char *const extra_flags[] = {
	"-w",
	"-Wno-error=implicit-function-declaration",
	"-Wno-error=implicit-int",
	"-Wno-error=int-conversion",
	"-Wno-error=incompatible-function-pointer-types",
	"-ferror-limit=0",
};

enum { SNIFF_BYTES = 4096 };

/* Fails with a tool error unless path is a readable regular file without
 * NUL bytes in its first few KB (an empty file is fine). */
static int check_input(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return ac_error("%s:", path);
	if (S_ISDIR(st.st_mode))
		return ac_error("%s: is a directory", path);
	if (!S_ISREG(st.st_mode))
		return ac_error("%s: not a regular file", path);
	FILE *f = fopen(path, "rb");
	if (!f)
		return ac_error("%s:", path);
	char buf[SNIFF_BYTES];
	size_t n = fread(buf, 1, sizeof buf, f);
	int failed = ferror(f);
	int saved = errno;
	fclose(f);
	if (failed) {
		errno = saved;
		return ac_error("%s:", path);
	}
	if (memchr(buf, '\0', n))
		return ac_error("%s: not a C source file (binary data)", path);
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool has_language(const char *const *args, size_t nargs)
{
	for (size_t i = 0; i < nargs; i++)
		if (strncmp(args[i], "-x", 2) == 0)
			return true;
	return false;
}

/* Whether arg is a warning option that cannot change the parse under our
 * -w: -w ignores every diagnostic that is not an error by default, upgrades
 * to an error included, so a positive -Wfoo (which never maps a diagnostic
 * to ignored, nor turns a default error into a warning) changes nothing
 * alloccheck reads. Yet clang reads each one again for every TU, and for
 * one it does not know (GCC's -Wclobbered, -Wold-style-declaration in
 * curl's flags) it looks for the nearest known name by edit distance over
 * every warning group: 15 % of a -j1 run over curl's lib/. Kept: -Wno-*
 * (it ignores a diagnostic, a default error too), -Werror*, -Wfatal-errors,
 * and -Wp, -Wa, -Wl (not warnings). */
static bool unread_warning_flag(const char *arg)
{
	return strncmp(arg, "-W", 2) == 0 && strncmp(arg, "-Wno-", 5) != 0 && strncmp(arg, "-Werror", 7) != 0 &&
	       strcmp(arg, "-Wfatal-errors") != 0 && strncmp(arg, "-Wp,", 4) != 0 && strncmp(arg, "-Wa,", 4) != 0 &&
	       strncmp(arg, "-Wl,", 4) != 0;
}

/* The user's flags but the positive warning options, then ours (with the
 * GCC installation the driver would search for, driver_probe.h); -x c
 * unless the name says C or the user chose; room for that many more. */
static const char **build_argv(const char *path, const char *const *args, size_t nargs, size_t room,
                               size_t *argc)
{
	size_t nextra = sizeof extra_flags / sizeof *extra_flags;
	const char **argv = ac_malloc((nargs + nextra + 3 + room) * sizeof *argv);
	size_t n = 0;
	for (size_t i = 0; i < nargs; i++)
		if (!unread_warning_flag(args[i]))
			argv[n++] = args[i];
	for (size_t i = 0; i < nextra; i++)
		argv[n++] = extra_flags[i];
	const char *gcc = ac_driver_gcc_option(args, nargs);
	if (gcc)
		argv[n++] = gcc;
	if (!ends_with(path, ".c") && !has_language(args, nargs)) {
		argv[n++] = "-x";
		argv[n++] = "c";
	}
	*argc = n;
	return argv;
}

static const char *parse_error_text(enum CXErrorCode err)
{
	switch (err) {
	case CXError_Crashed:
		return "libclang crashed while parsing it";
	case CXError_InvalidArguments:
		return "libclang rejected the arguments";
	case CXError_ASTReadError:
		return "libclang could not parse it (check the compiler flags)";
	default:
		return "libclang could not parse it";
	}
}

static AcTu *tu_new(const char *path)
{
	AcTu *tu = ac_calloc(1, sizeof *tu);
	ac_intern_init(&tu->names, &tu->arena);
	tu->path = ac_arena_strdup(&tu->arena, path);
	return tu;
}

void ac_tu_free(AcTu *tu)
{
	if (!tu)
		return;
	ac_intern_free(&tu->names);
	ac_arena_free(&tu->arena);
	ac_free(tu);
}

static int cmp_unsigned(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

/* "file:line:col: message" of an error diagnostic, in the TU arena. */
static const char *diag_text(AcTu *tu, CXDiagnostic d, CXFile f, unsigned line, unsigned col)
{
	CXString name = clang_getFileName(f);
	CXString msg = clang_getDiagnosticSpelling(d);
	/* C from Cython (and any CPython extension) needs the Python headers,
	 * which no compiler finds by default: say how to pass them. */
	bool python = strcmp(clang_getCString(msg), "'Python.h' file not found") == 0;
	const char *s = ac_arena_printf(&tu->arena, "%s:%u:%u: %s%s", clang_getCString(name), line,
					col, clang_getCString(msg),
					python ? "; add $(python3-config --includes) after --" : "");
	clang_disposeString(name);
	clang_disposeString(msg);
	return s;
}

/* Counts the error diagnostics that have a location (a location-less one is
 * about the command line, such as a GCC-only -f flag, and leaves the AST
 * whole) and returns the sorted main-file offsets where they are. */
static unsigned *collect_errors(AcTu *tu, CXTranslationUnit ctu, size_t *nerr)
{
	unsigned nd = clang_getNumDiagnostics(ctu);
	unsigned *offs = ac_malloc((nd ? nd : 1) * sizeof *offs);
	CXFile main_file = clang_getFile(ctu, tu->path);
	size_t n = 0;
	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctu, i);
		CXFile f;
		unsigned line, col, off;
		clang_getFileLocation(clang_getDiagnosticLocation(d), &f, &line, &col, NULL);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && f && !lw_is_dropped_attr(ctu, d) &&
		    !lw_is_bad_attr(ctu, d)) {
			if (!tu->nerrors++)
				tu->first_error = diag_text(tu, d, f, line, col);
			clang_getExpansionLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, &off);
			if (f && main_file && clang_File_isEqual(f, main_file))
				offs[n++] = off;
		}
		clang_disposeDiagnostic(d);
	}
	qsort(offs, n, sizeof *offs, cmp_unsigned);
	*nerr = n;
	return offs;
}

/* The real paths of the files that the TUs parsed with one PCH include
 * (pch->real_paths), each asked of realpath(3) once: it makes a readlink per
 * component of the path (most of a run's system calls on curl's lib/
 * before), and the TUs of a group include mostly the same headers. */
static char *ask_realpath(const char *name)
{
	return realpath(name, NULL);
}

static AcPathMemo *real_paths_new(void)
{
	AcPathMemo *r = ac_malloc(sizeof *r);
	ac_path_memo_init(r);
	return r;
}

void ac_tu_free_pch(AcPch *pch)
{
	AcPathMemo *r = pch->real_paths;
	if (!r)
		return;
	ac_path_memo_free(r);
	ac_free(r);
	pch->real_paths = NULL;
}

/* Collects into the vector the files included (directly or not), each as
 * its real path when libclang has one; the main file (depth 0) is left out. */
typedef AC_VEC(const char *) IncludeVec;

typedef struct IncludeWalk {
	AcTu *tu;
	IncludeVec files;
	AcPathMemo *resolve; /* with a PCH: name a file libclang has no real path for by realpath(3) */
} IncludeWalk;

static void add_include(CXFile file, CXSourceLocation *stack, unsigned depth, CXClientData data)
{
	(void)stack;
	IncludeWalk *w = data;
	if (depth == 0)
		return;
	CXString real = clang_File_tryGetRealPathName(file);
	const char *s = clang_getCString(real);
	if (!s || !*s) {
		clang_disposeString(real);
		real = clang_getFileName(file);
		s = clang_getCString(real);
	}
	/* A header the PCH knows and the TU enters again (clang's
	 * __stddef_null.h) keeps the name the PCH recorded, through the
	 * resource directory's symbolic link; a plain parse names it by the
	 * path it opened, which has none. */
	const char *resolved = w->resolve && s && *s ? ac_path_memo(w->resolve, s, ask_realpath) : NULL;
	if (resolved)
		AC_VEC_PUSH(&w->files, ac_arena_strdup(&w->tu->arena, resolved));
	else if (s && *s)
		AC_VEC_PUSH(&w->files, ac_arena_strdup(&w->tu->arena, s));
	clang_disposeString(real);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* tu->includes: sorted and each once, so the cache key of a TU does not
 * depend on how often or in what order a header was included. A TU parsed
 * with a PCH adds the files the PCH holds, which libclang does not list. */
static void collect_includes(AcTu *tu, CXTranslationUnit ctu, const AcPch *pch)
{
	IncludeWalk w = {.tu = tu, .resolve = pch ? pch->real_paths : NULL};
	clang_getInclusions(ctu, add_include, &w);
	if (pch) {
		size_t k = 0;
		for (size_t i = 0; i < w.files.n; i++) /* the PCH's own header is not the TU's */
			if (strcmp(w.files.v[i], pch->header) != 0)
				w.files.v[k++] = w.files.v[i];
		w.files.n = k;
		for (size_t i = 0; i < pch->nincludes; i++) /* the TU outlives the PCH */
			AC_VEC_PUSH(&w.files, ac_arena_strdup(&tu->arena, pch->includes[i]));
	}
	if (w.files.n > 1) /* qsort's base must not be NULL, even for no elements (UBSan) */
		qsort(w.files.v, w.files.n, sizeof *w.files.v, cmp_str);
	tu->includes = AC_ARENA_ARRAY(&tu->arena, const char *, w.files.n ? w.files.n : 1);
	for (size_t i = 0; i < w.files.n; i++)
		if (i == 0 || strcmp(w.files.v[i], w.files.v[i - 1]) != 0)
			tu->includes[tu->nincludes++] = w.files.v[i];
	AC_VEC_FREE(&w.files);
}

/* Whether the diagnostics of a TU parsed with a PCH say the PCH was not
 * used as is: a fatal error (a PCH made with other options or from headers
 * changed since), or any error without a file (a flag the PCH made no
 * error of was seen differently). */
static bool pch_refused(CXTranslationUnit ctu)
{
	unsigned nd = clang_getNumDiagnostics(ctu);
	bool refused = false;
	for (unsigned i = 0; i < nd && !refused; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
		if (sev == CXDiagnostic_Fatal) {
			refused = true;
		} else if (sev == CXDiagnostic_Error) {
			CXString msg = clang_getDiagnosticSpelling(d);
			const char *m = clang_getCString(msg);
			refused = strstr(m, "precompiled header") || strstr(m, "PCH") || strstr(m, "AST file");
			clang_disposeString(msg);
		}
		clang_disposeDiagnostic(d);
	}
	return refused;
}

/* Parses path (with text as its content when unsaved is not NULL) and lowers
 * it into *out. Returns 0, -1 after the error line, or 1 when pch was given
 * and libclang did not take it (nothing printed). */
static int load(const char *path, const char *const *args, size_t nargs, const struct CXUnsavedFile *unsaved,
                const AcPch *pch, bool includes, AcTu **out)
{
	*out = NULL;
	if (check_input(path) < 0 || ac_libclang_load() < 0)
		return -1;
	size_t argc;
	const char **argv = build_argv(path, args, nargs, pch ? 2 : 0, &argc);
	if (pch) {
		argv[argc++] = "-include-pch";
		argv[argc++] = pch->path;
	}
	/* With a PCH, excludeDeclarationsFromPCH: a walk of the TU visits its
	 * own top-level declarations only, instead of reading every one of the
	 * PCH back (about what parsing them costs); ac_tu_make_pch lowered
	 * those once for every TU of the group. */
	AcTraceSpan span = ac_trace_begin();
	CXIndex idx = clang_createIndex(pch ? 1 : 0, 0);
	CXTranslationUnit ctu = NULL;
	enum CXErrorCode err = clang_parseTranslationUnit2(idx, path, argv, (int)argc, (struct CXUnsavedFile *)unsaved,
							   unsaved ? 1 : 0, CXTranslationUnit_KeepGoing, &ctu);
	ac_free(argv);
	ac_trace_end(&span, "parse", path);
	if (pch && (err != CXError_Success || !ctu || pch_refused(ctu))) {
		if (ctu)
			clang_disposeTranslationUnit(ctu);
		clang_disposeIndex(idx);
		return 1;
	}
	if (err != CXError_Success || !ctu) {
		clang_disposeIndex(idx);
		return ac_error("%s: %s", path, parse_error_text(err));
	}
	span = ac_trace_begin();
	AcTu *tu = tu_new(path);
	size_t nerr;
	unsigned *offs = collect_errors(tu, ctu, &nerr);
	ac_lower_tu(tu, ctu, offs, nerr, pch);
	ac_trace_end(&span, "lower", path);
	span = ac_trace_begin();
	ac_lower_declared(tu, ctu, pch);
	if (includes)
		collect_includes(tu, ctu, pch);
	ac_free(offs);
	ac_trace_end(&span, "declared", path);
	span = ac_trace_begin();
	clang_disposeTranslationUnit(ctu);
	clang_disposeIndex(idx);
	ac_trace_end(&span, "dispose", path);
	*out = tu;
	return 0;
}

int ac_tu_load(const char *path, const char *const *args, size_t nargs, AcTu **out)
{
	return load(path, args, nargs, NULL, NULL, true, out);
}

int ac_tu_load_uncached(const char *path, const char *const *args, size_t nargs, AcTu **out)
{
	return load(path, args, nargs, NULL, NULL, false, out);
}

int ac_tu_load_pch(const char *path, const char *const *args, size_t nargs, const char *text, size_t len,
                   const AcPch *pch, bool includes, AcTu **out)
{
	struct CXUnsavedFile main_text = {path, text, (unsigned long)len};
	return load(path, args, nargs, &main_text, pch, includes, out);
}

/* Whether the TU made from a PCH header has an error with a file: the PCH
 * would hide it from each TU, whose warning and unreliable functions
 * depend on it. (Errors without a file are about flags: every TU parsed
 * with the same flags has them itself.) */
static bool has_located_error(CXTranslationUnit ctu)
{
	unsigned nd = clang_getNumDiagnostics(ctu);
	bool found = false;
	for (unsigned i = 0; i < nd && !found; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctu, i);
		CXFile f = NULL;
		clang_getFileLocation(clang_getDiagnosticLocation(d), &f, NULL, NULL, NULL);
		found = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error && f;
		clang_disposeDiagnostic(d);
	}
	return found;
}

/* What the lowering of each TU would find in the file-scope declarations
 * of the PCH's headers (the header's own file declares nothing): the
 * function addresses in variable initialisers, with "::" for the path in a
 * static's key, and the attributes of declared functions, into pch. */
static bool lower_pch_headers(CXTranslationUnit ctu, AcPch *pch, AcArena *arena)
{
	AcTu *tmp = tu_new("");
	ac_lower_tu(tmp, ctu, NULL, 0, NULL);
	/* a header that makes functions of each file that includes it (lower.c
	 * lw_def_lowered): a walk of a TU parsed with the PCH would not see
	 * them. (A shared header's functions, lower_shared.c, are found from
	 * their callers, with the PCH too.) */
	size_t own = 0;
	for (size_t f = 0; f < tmp->nfuncs; f++)
		own += !tmp->funcs[f].shared;
	if (own) {
		ac_tu_free(tmp);
		return false;
	}
	AcFnInit *f = AC_ARENA_ARRAY(arena, AcFnInit, tmp->nfninits ? tmp->nfninits : 1);
	for (size_t i = 0; i < tmp->nfninits; i++) {
		f[i].key = ac_arena_strdup(arena, tmp->fninits[i].key);
		f[i].fn = tmp->fninits[i].fn ? ac_arena_strdup(arena, tmp->fninits[i].fn) : NULL;
	}
	pch->fninits = f;
	pch->nfninits = tmp->nfninits;
	ac_tu_free(tmp);
	ac_lower_pch_declared(ctu, pch, arena);
	return true;
}

int ac_tu_make_pch(const char *header, const char *srcdir, const char *const *args, size_t nargs,
                   AcPch *pch, AcArena *arena, const char **why)
{
	if (has_language(args, nargs)) {
		*why = "the flags choose a language";
		return -1;
	}
	if (ac_libclang_load() < 0) {
		*why = "libclang could not be loaded";
		return -1;
	}
	/* -iquote DIR first: "..." includes of the header are looked up in the
	 * directory of the files it stands for first, as theirs are. */
	size_t argc;
	const char **argv = build_argv(header, args, nargs, 2, &argc);
	argv[argc - 1] = "c-header"; /* build_argv ended with -x c: the name is not *.c */
	if (srcdir) {
		memmove(argv + 2, argv, argc * sizeof *argv);
		argv[0] = "-iquote";
		argv[1] = srcdir;
		argc += 2;
	}
	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit ctu = NULL;
	enum CXErrorCode err = clang_parseTranslationUnit2(
		idx, header, argv, (int)argc, NULL, 0,
		CXTranslationUnit_KeepGoing | CXTranslationUnit_Incomplete | CXTranslationUnit_ForSerialization, &ctu);
	ac_free(argv);
	int rc = -1;
	if (err != CXError_Success || !ctu)
		*why = parse_error_text(err);
	else if (has_located_error(ctu))
		*why = "its headers have errors";
	else if (clang_saveTranslationUnit(ctu, pch->path, clang_defaultSaveOptions(ctu)) != CXSaveError_None)
		*why = "libclang could not save it";
	else
		rc = 0;
	if (rc == 0 && !lower_pch_headers(ctu, pch, arena)) {
		*why = "its headers define functions of the files that include them";
		rc = -1;
	}
	if (rc == 0) {
		if (!pch->real_paths) /* made again for the same group: the real paths stay */
			pch->real_paths = real_paths_new();
		AcTu *tmp = tu_new(header);
		IncludeWalk w = {.tu = tmp};
		clang_getInclusions(ctu, add_include, &w); /* depth >= 1: not the header itself */
		const char **incs = AC_ARENA_ARRAY(arena, const char *, w.files.n ? w.files.n : 1);
		for (size_t i = 0; i < w.files.n; i++)
			incs[i] = ac_arena_strdup(arena, w.files.v[i]);
		pch->includes = incs;
		pch->nincludes = w.files.n;
		AC_VEC_FREE(&w.files);
		ac_tu_free(tmp);
	}
	if (ctu)
		clang_disposeTranslationUnit(ctu);
	clang_disposeIndex(idx);
	return rc;
}
