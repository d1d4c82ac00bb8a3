/*
 * frontend: turns one C file into an AcTu (parse with libclang, then lower
 * every function defined in the main file). This header is libclang-free; the
 * implementation is split between clang_tu.c (index, parse, diagnostics),
 * lower*.c (cursors -> CFG) and libclang_load.c (libclang itself, loaded on
 * the first parse), the only files that include clang-c/Index.h (through
 * libclang.h).
 */
#ifndef AC_FRONTEND_H
#define AC_FRONTEND_H

#include <stddef.h>

#include "cfg.h"

/* Parses path with the extra compiler flags args[0..nargs) (no compiler name,
 * no source file) and lowers it. On success returns 0 and *out is a TU the
 * caller frees with ac_tu_free. On failure (file missing or unreadable, not a C
 * source, libclang could not parse it at all) prints one tool error line naming
 * path and returns -1. The first call that gets past those checks loads
 * libclang; when that fails, the one error line is printed then, and this
 * call and every later one return -1 without another. A TU with error
 * diagnostics still loads: tu->nerrors counts them and the functions that
 * contain them are marked unreliable. */
int ac_tu_load(const char *path, const char *const *args, size_t nargs, AcTu **out);
/* As ac_tu_load, but tu->includes is left empty: for a run without a
 * cache, the one reader of the list, whose walk of the TU's source entries
 * (clang_getInclusions: each #include and macro expansion) costs ~0.8 M
 * instructions on a file of lua. */
int ac_tu_load_uncached(const char *path, const char *const *args, size_t nargs, AcTu **out);

void ac_tu_free(AcTu *tu); /* NULL is fine */

/* A precompiled header of the leading #include/#define lines that several
 * files share (shared_headers.h makes it and decides who uses it). */
typedef struct AcPch {
	const char *path;                /* the PCH file */
	const char *header;              /* the header it was made from (never a TU's include) */
	const char *const *includes;     /* the files it includes (real paths), which the TUs
	                                    parsed with it add to their own (tu->includes) */
	size_t nincludes;
	/* What the lowering of a TU finds in the file-scope declarations of
	 * these headers, found once when the PCH is made: a TU parsed with it
	 * visits only its own declarations (reading every declaration back
	 * from the PCH costs about as much as parsing them) and takes these. */
	const AcDeclaredFn *declared;    /* tu->declared of the headers, in their order */
	const bool *unless_defined;      /* per entry: a plain malloc, dropped by a TU that
	                                    defines the function (its summary says more) */
	size_t ndeclared;
	const AcFnInit *fninits;         /* tu->fninits of the headers; a static variable's
	                                    key is "::name" here, "PATH::name" in a TU */
	size_t nfninits;
	struct AcPathMemo *real_paths;  /* the real paths the TUs parsed with it asked for,
	                                    shared by the threads (ac_tu_free_pch frees it) */
} AcPch;

/* Parses header (a file holding the leading directives of the files of
 * srcdir that it stands for) with their flags args[0..nargs), their directory
 * searched first for "..." includes as it is for them (none when srcdir is
 * NULL: no "..." include of the header names a file of theirs), and saves it as a
 * PCH at pch->path, with pch->includes in arena. Returns 0, or -1 with *why a
 * static reason, printing nothing: libclang failed, the header has an error
 * (a PCH would hide it from the TUs), or the PCH could not be written. */
int ac_tu_make_pch(const char *header, const char *srcdir, const char *const *args, size_t nargs,
                   AcPch *pch, AcArena *arena, const char **why);

/* Frees what ac_tu_make_pch allocated outside its arena; a zeroed pch is
 * fine. */
void ac_tu_free_pch(AcPch *pch);

/* As ac_tu_load (ac_tu_load_uncached when includes is false: a run
 * without a cache, where the list would also cost a realpath(3) per new
 * header of the group), parsing text[0..len) as the content of path (its
 * leading directives that pch holds blanked, offsets and lines unchanged)
 * against pch. Returns 1, printing nothing, when libclang did not take the
 * PCH: the caller parses path plainly then. */
int ac_tu_load_pch(const char *path, const char *const *args, size_t nargs, const char *text, size_t len,
                   const AcPch *pch, bool includes, AcTu **out);

/* Which libclang the first parse will load, told without loading it (a
 * process that parses nothing never maps LLVM), each truncated to size
 * bytes with a NUL. ac_tu_clang_version, for --version and reports: the
 * version the build was made against and the file that will be loaded
 * ("Debian clang version 19.1.7 (3+b1) (at build time; loads /usr/lib/...)").
 * ac_tu_clang_identity, for the result cache's key: that version, the file's
 * path, size and modification time, which change whenever the library is
 * replaced (a package upgrade) or another one is chosen. */
void ac_tu_clang_version(char *buf, size_t size);
void ac_tu_clang_identity(char *buf, size_t size);

/* A run that will parse (no result cache to serve it, more than one
 * thread) starts loading libclang on a thread of its own, so that the load
 * (~16 ms: LLVM's relocations and static constructors) overlaps with
 * reading the inputs and grouping their shared headers instead of holding
 * up every worker at the first parse; the first parse waits for what is
 * left of it. ac_tu_prefetch_join waits for that thread (before exit);
 * both are no-ops without a prefetch. */
void ac_tu_prefetch_libclang(void);
void ac_tu_prefetch_join(void);

/* The parses are over, for now: when libclang was loaded, its code (and
 * LLVM's) leaves the resident set (ac_mem_release_code) until a later
 * parse touches it again. The link and the analysis never do. */
void ac_tu_parses_done(void);

#endif
