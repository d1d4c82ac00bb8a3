/*
 * lower.h: private interface of the frontend (clang_tu.c, lower*.c). It is
 * the only header that includes libclang.h (clang-c/Index.h, with libclang
 * loaded on the first parse), and only those files include it; the rest of
 * alloccheck sees frontend.h and cfg.h.
 *
 * Lowering state: one LwTu per translation unit (function table, callee
 * cache, location cache) and one Lw per function body (places, blocks under
 * construction, scopes, jump targets). Blocks and places grow in vecs on the
 * mem funnel while a function is lowered; lw_func_finish copies them into the
 * TU arena and frees the vecs, so a lowered AcFunc lives exactly as long as
 * its AcTu.
 *
 * Split: lower.c (driver and statements), lower_expr.c (values, places,
 * calls, initialisers), lower_cond.c (conditions, tests, short-circuit),
 * lower_util.c (blocks, places, ops, maps, locations, source text).
 */
#ifndef AC_LOWER_H
#define AC_LOWER_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"
#include "frontend.h"
#include "libclang.h"
#include "vec.h"

/* --- cursor-keyed hash map ------------------------------------------------ */

typedef struct LwSlot {
	CXCursor key;
	unsigned hash;
	int value;
	bool used;
} LwSlot;

typedef struct LwMap {
	LwSlot *slots; /* open addressing; owned, on the mem funnel */
	size_t cap;    /* power of two, or 0 */
	size_t count;
} LwMap;

int lw_map_get(const LwMap *m, CXCursor key);         /* -1 when absent */
void lw_map_put(LwMap *m, CXCursor key, int value);   /* key must be absent */
void lw_map_free(LwMap *m);

/* --- file texts and locations ---------------------------------------------- */

/* What libclang knows of one file of a TU. clang_getFileContents and
 * clang_getLocationForOffset look a header up by a walk of every source
 * entry of the TU (each #include and macro expansion, and with a PCH each
 * entry it holds, read back: 100k-400k instructions), so each file's text
 * and start are looked up once, when first needed, and kept here. */
typedef struct LwFile {
	CXFile file;
	const char *text;        /* own, or clang_getFileContents (owned by the TU), or NULL */
	char *own;               /* a header's text read from its file (mem funnel), or NULL */
	size_t size;
	bool has_text;           /* text was asked for */
	CXSourceLocation start;  /* offset 0 of the file */
	bool has_start;          /* start was asked for */
	bool start_ok;           /* ...and is offset 0 of the file (not the null location) */
	unsigned seeds;          /* lw_file_seed's tries */
} LwFile;

typedef struct LwFiles {
	AC_VEC(LwFile) v;        /* on the mem funnel; a TU names a few dozen files */
	size_t last;             /* index of the last file asked for */
	CXFile main;             /* the TU's main file */
	CXSourceLocation main_start; /* offset 0 of the main file */
	bool has_main_start;     /* main_start was asked for */
	bool main_start_ok;      /* ...and is offset 0 of the main file */
	unsigned *line_starts;   /* the main file's line table (lw_main_file_location), on
	                            the mem funnel, or NULL */
	size_t nlines;
	CXFile loc_main;         /* the main file as clang_getFileLocation names it */
	unsigned main_size;      /* the main file's size */
	bool has_lines;          /* the table was asked for */
	bool lines_ok;           /* ...and holds (a main file with no '\r', main_start_ok) */
} LwFiles;

void lw_files_init(LwFiles *fs, CXTranslationUnit ctu);
/* Finds the start of the header c's location is spelled in from the token
 * libclang lexes there (clang_tokenize reads a range where it is spelled,
 * and the token's location is in the file), instead of looking the file
 * up: glibc's attributes are spelled in <sys/cdefs.h>, which a TU parsed
 * with a PCH could only find by reading back every entry of the PCH.
 * Nothing happens when the token is not at that spelling location. */
void lw_file_seed(LwFiles *fs, CXTranslationUnit ctu, CXCursor c);
/* The text of f (NULL when libclang has none) and its size in *size. */
const char *lw_file_text(LwFiles *fs, CXTranslationUnit ctu, CXFile f, size_t *size);
/* clang_getLocationForOffset(ctu, f, off), from the file's start location. */
CXSourceLocation lw_file_location(LwFiles *fs, CXTranslationUnit ctu, CXFile f, unsigned off);
/* The file location of offset off of f, also in the main file, where
 * clang_getLocationForOffset answers with the expansion of a macro argument
 * written there (and computes, once per TU, a map of every macro argument
 * expansion of the TU: 2-3 M instructions on a file of lua). For a range
 * given to clang_tokenize, which lexes where its ends are spelled, and for
 * an offset that is in no macro argument, the two are the same. */
CXSourceLocation lw_file_plain_location(LwFiles *fs, CXTranslationUnit ctu, CXFile f, unsigned off);
/* Whether f is the TU's main file. */
bool lw_is_main_file(const LwFiles *fs, CXFile f);
/* The identifier or keyword clang_getToken finds at a file location of
 * offset off of f (in a header, or in the main file where no macro
 * argument is written, see lw_file_plain_location): its length, with *at
 * pointing at it in f's text (not NUL-terminated), read from the text when
 * it is plainly one, [A-Za-z_][A-Za-z0-9_]* ended by a character that
 * cannot continue a token. 0 otherwise (ask libclang): a token of another
 * kind, or one the lexer must read (a splice, a UCN, a literal's prefix).
 * clang_getToken needs a location, and a header's start location is found
 * by a walk of the TU's source entries (1-2 M instructions on lua). */
size_t lw_file_ident(LwFiles *fs, CXTranslationUnit ctu, CXFile f, unsigned off, const char **at);
/* clang_getFileLocation(sl, ...) for a file location in the main file,
 * computed from the main file's start and a line table of its text (as
 * SourceManager computes a line and a column, where no line ends in '\r');
 * false for any other location (a macro's, a header's), which libclang
 * must decompose: 850 instructions a call, 40k calls on lua. */
bool lw_main_file_location(LwFiles *fs, CXTranslationUnit ctu, CXSourceLocation sl, CXFile *f, unsigned *line,
			   unsigned *col, unsigned *off);
void lw_files_free(LwFiles *fs);

/* --- per translation unit --------------------------------------------------- */

typedef struct LwCallee {
	const char *name;   /* interned spelling of the FunctionDecl */
	int func;           /* index in AcTu.funcs, or -1 */
	bool noreturn;      /* known list, noreturn type or _Noreturn/[[noreturn]] attribute */
	bool system_header; /* declared in a system header */
	unsigned const_params; /* bit i: parameter i points to const and the function has
	                          no body in the TU (clang's rule: such a callee borrows) */
	unsigned nonnull;   /* bit i: parameter i is declared nonnull (attribute, _Nonnull) */
	bool returns_nonnull; /* declared returns_nonnull, or a _Nonnull result */
	unsigned pure_params; /* declared pure or const: its pointer parameters, through which
	                         it writes nothing (bit i: parameter i) */
} LwCallee;

/* A file-scope integer variable whose value may be known (lower_consts.c). */
typedef struct LwConst {
	long long value;    /* its initialiser (0 without one) */
	bool pending;       /* a static not const: known once the scan finds no write */
	bool written;       /* the scan found a write: not known */
} LwConst;

/* An included file whose functions are lowered with the TU's own (lower.c
 * included_file_lowered). */
typedef struct LwFileVerdict {
	CXFile file;
} LwFileVerdict;

typedef struct LwTu {
	AcTu *tu;
	CXTranslationUnit ctu;
	CXFile main_file;
	LwMap callee_map;           /* canonical FunctionDecl -> index in callees */
	AC_VEC(LwCallee) callees;
	AC_VEC(CXCursor) defs;      /* function definitions in the main file and in the included
	                               files whose functions are lowered (lw_def_lowered), in
	                               source order, then those of shared headers as the bodies
	                               name them (lower_shared.c) */
	AC_VEC(struct LwFileVerdict) verdicts; /* the included files whose functions are lowered
	                               (lower.c included_file_lowered), once chains_found */
	bool chains_found;          /* verdicts is made */
	AC_VEC(AcFnInit) fninits;   /* AcTu.fninits while they are collected */
	const unsigned *err_offsets; /* sorted main-file offsets of error diagnostics */
	size_t nerr;
	bool errors_elsewhere;      /* libclang reported errors outside the main file */
	CXFile loc_file;            /* one-entry cache for lw_loc: last file seen... */
	const char *loc_name;       /* ...and its interned name */
	const char *builtin_expect; /* interned "__builtin_expect", compared by pointer */
	const char *builtin_expect_prob; /* interned "__builtin_expect_with_probability" */
	bool line_directives;       /* the main file has #line (Cython --line-directives, bison) */
	const char *presumed_name;  /* one-entry cache of lw_loc's presumed file... */
	bool presumed_real;         /* ...and whether it names a file that exists */
	LwFiles files;              /* texts and start locations of the files read */
	LwMap const_map;            /* canonical file-scope VarDecl -> index in consts
	                               (LW_NOT_CONST: looked at, does not qualify) */
	AC_VEC(LwConst) consts;
	bool pch;                   /* parsed with a PCH, whose declarations no walk of the
	                               TU visits: lw_const_var notes them when named */
	struct LwShared *shared;    /* the files whose functions are shared (lower_shared.c),
	                               or NULL before the first is asked for */
	LwMap field_map;            /* FieldDecl -> index in field_keys (lw_set_field_key) */
	AC_VEC(const char *) field_keys; /* its USR, interned, or NULL when empty */
} LwTu;

enum { LW_NOT_CONST = -2 };

/* Whether the function defined at loc is the TU's own: in the main file,
 * or in an included file that makes functions for each includer (lower.c
 * included_file_lowered). */
bool lw_def_lowered(LwTu *t, CXSourceLocation loc);

/* lower_shared.c: the real path (interned) of the file function definition
 * def is in, when it is a header of the project that the TU shares with
 * the program's other files (not the TU's own, not a system header, in
 * the project's directory); else NULL. lw_callee adds such a definition to
 * the TU's functions when first named. */
const char *lw_shared_file(LwTu *t, CXCursor def);
/* Once every function is lowered: AcFunc.shared of the shared ones
 * becomes the digest their callers in other TUs are linked by, or NULL for
 * one that depends on the TU. */
void lw_shared_keys(LwTu *t);
void lw_shared_free(LwTu *t);
/* The name findings give f, a file the TU includes: ac_project_shown of
 * its real path (the same with a PCH, whose names are absolute, as
 * without), interned; NULL when libclang knows no real path. */
const char *lw_header_name(LwTu *t, CXFile f);

/* Lowers every function defined in the main file of ctu into tu->funcs, in
 * source order. err_offsets[0..nerr) are sorted main-file offsets of error
 * diagnostics; a function whose body contains one is marked unreliable.
 * pch: the PCH ctu was parsed with, made with excludeDeclarationsFromPCH
 * (the walk of the TU sees only its own declarations), or NULL; its
 * fninits come first, as its declarations do in the TU. */
void ac_lower_tu(AcTu *tu, CXTranslationUnit ctu, const unsigned *err_offsets, size_t nerr, const AcPch *pch);

/* lower_attrs.c: fills tu->declared/ndeclared with the allocation attributes
 * (malloc, malloc(D[, i]), ownership_returns/takes/holds, returns_nonnull)
 * on the function declarations of the main file and non-system headers.
 * pch as for ac_lower_tu: its entries come first. */
void ac_lower_declared(AcTu *tu, CXTranslationUnit ctu, const AcPch *pch);

/* On the TU a PCH is made from (whose main file declares nothing): fills
 * pch->declared, unless_defined and ndeclared, in arena, with what
 * ac_lower_declared finds in its headers, keeping the plain malloc of a
 * function they do not define (flagged: a TU that defines it drops it). */
void ac_lower_pch_declared(CXTranslationUnit ctu, AcPch *pch, AcArena *arena);

/* Whether d is clang rejecting GCC's malloc(D[, i]) ("'malloc' attribute
 * takes no arguments"): the attribute is dropped but the declaration is
 * whole, and ac_lower_declared still reads it, so it is no parse error. */
bool lw_is_dropped_attr(CXTranslationUnit ctu, CXDiagnostic d);

/* Whether d is clang rejecting an attribute of a function declaration
 * outside any body (an argument number out of range, an undeclared name in
 * malloc(nosuchfunc)): the attribute is dropped, the declaration is whole,
 * and ac_lower_declared warns about it, so it is no parse error. */
bool lw_is_bad_attr(CXTranslationUnit ctu, CXDiagnostic d);

/* lower_consts.c: file-scope integer variables of known value. note
 * records a file-scope VarDecl when it may qualify (const with a constant
 * initialiser, or static in the main file); scan then drops the statics
 * some code of the TU writes; const_var gives the value of a variable that
 * qualified. */
void lw_consts_note(LwTu *t, CXCursor decl);
void lw_consts_scan(LwTu *t);
/* decl, a file-scope VarDecl: when it defines an integer variable of
 * external linkage with a constant initialiser, records "=NAME" = value in
 * fninits for the link step. */
void lw_consts_definition(LwTu *t, CXCursor decl);
bool lw_const_var(LwTu *t, CXCursor ref, long long *v);
/* t (canonical) is an unsigned integer type, _Bool included: never below 0. */
bool lw_unsigned_integer_type(CXType t);

/* Reads nonnull, nonnull(i, ...), returns_nonnull and _Nonnull from the
 * declarations of a function declared outside system headers into ce. An
 * argument number out of range is ignored (-v says so). */
void lw_callee_attrs(LwTu *t, CXCursor decl, LwCallee *ce);

/* --- per function ---------------------------------------------------------- */

typedef struct LwBlock {
	AC_VEC(AcOp) ops;
	AC_VEC(int) succ;
	AcTermKind term;
	bool done;             /* the terminator is set; nothing more may be appended */
	AcOperand cond;        /* BRANCH */
	AcOperand ret;         /* RETURN */
	bool ret_precondition; /* RETURN: from inside a precondition check (cfg.h) */
	AcLoc term_loc;
	const char *cond_text; /* BRANCH */
	bool cond_negated;     /* BRANCH: cond_text holds on the edge to succ[1] */
	const AcCondKey *cond_key; /* BRANCH, or NULL */
} LwBlock;

/* A jump target created on first use (break/continue of a loop whose exit
 * nobody jumps to need no block). */
typedef struct LwTarget {
	int block; /* -1 until needed */
} LwTarget;

/* A case label of a switch lowered as tests (LwSwitch.chain). */
typedef struct LwCase {
	int block;        /* the label's block */
	long long value;  /* case value: */
	bool range;       /* a GNU range (case lo ... hi:) or a label we cannot read */
	bool dflt;        /* the default label */
	CXCursor label;   /* the CaseStmt */
} LwCase;

typedef struct LwSwitch {
	int dispatch;     /* block ending in the JUMP to every case */
	bool has_default;
	bool is_const;    /* switch on a constant: the dispatch jumps to its case only */
	long long value;  /* ... which is this */
	bool matched;     /* a case label matched value */
	int default_block; /* the default label's block, or -1 */
	bool chain;       /* on a local variable: the labels are collected in cases, and the
	                     dispatch becomes one test (v == K) per label when they are few */
	CXCursor operand; /* ... that variable */
	AC_VEC(LwCase) cases;
} LwSwitch;

/* A label is keyed by its location: the LabelStmt reached through a
 * LabelRef (&&L) is not clang_equalCursors to the one in the body. The raw
 * location differs per macro expansion, so GNU local labels stay apart. */
typedef struct LwLabel {
	CXSourceLocation loc;
	int block;
} LwLabel;

typedef AC_VEC(CXCursor) LwCursors;

/* A local pointer that may be another name of one variable (lower_alias.c). */
typedef struct LwAlias {
	CXCursor var;  /* canonical VarDecl of the pointer */
	int target;    /* VAR place of the variable whose address it holds, or -1:
	                  written with something else first, never an alias */
} LwAlias;

typedef struct Lw {
	LwTu *t;
	AcTu *tu;
	AC_VEC(AcPlace) places;
	AC_VEC(const char *) pfield; /* MEMBER: the field name keying the place; else NULL */
	AC_VEC(LwBlock) blocks;
	int cur;                     /* block receiving ops; -1 = unreachable point */
	LwMap vars;                  /* canonical VarDecl/ParmDecl -> place */
	LwMap nonneg;                /* VarDecl -> 1 never below 0, 0 may be (lower_key.c) */
	LwMap sizevar;               /* VarDecl -> 1 holds only sizes, 0 may not (lower_key.c) */
	LwMap counter_vars;          /* VarDecl of an unsigned type -> 1 a counter, 0 not (lower_key.c) */
	int *dtab;                   /* MEMBER/ELEM/DEREF dedup: open addressing, place id + 1 */
	size_t dcap, dcount;
	AC_VEC(LwLabel) labels;      /* LabelStmt -> block */
	int *ltab;                   /* labels by location: open addressing, index + 1 */
	size_t lcap;
	AC_VEC(int) temps;           /* every TEMP place, by temp number */
	AC_VEC(bool) temp_busy;      /* temps[i] belongs to an open full expression or scope */
	AC_VEC(int) live;            /* temps of open full expressions, innermost last */
	AC_VEC(int) scope;           /* automatic locals (and compound literals) of open scopes */
	LwTarget *brk;               /* innermost break target, or NULL */
	LwTarget *cont;              /* innermost continue target, or NULL */
	LwSwitch *sw;                /* innermost switch, or NULL */
	AC_VEC(int) addr_labels;     /* blocks of labels whose address is taken (&&L), unique */
	AC_VEC(int) indirect_gotos;  /* blocks ending in goto *e, patched at the end */
	unsigned depth;              /* nesting of lw_stmt/lw_expr/lw_place/conditions */
	bool too_deep;               /* LW_MAX_DEPTH was hit: parts were not lowered */
	AC_VEC(LwAlias) aliases;     /* local pointers written so far (lower_alias.c) */
	const LwCursors *alias_banned; /* pointers that are no alias (NULL: none is) */
	CXCursor alias_retry;        /* a pointer written against its alias: lower again */
	bool alias_retry_set;
	bool alias_deref;            /* the DeclRefExpr lowered next is dereferenced (*pp) */
	int counter;                 /* while lowering the increment of a loop with a small
	                                constant bound: its counter's place (i++ adds 1),
	                                else -1 */
	bool const_addr;             /* the &x being lowered is an argument for a pointer-to-const
	                                parameter of a callee without a body: x's address
	                                is not kept, so it is not marked taken */
	bool saw_recovery;           /* an expression the parser could not make sense of (a
	                                RecoveryExpr): the function is unreliable */
	CXSourceLocation macro_callee; /* while lowering the callee of a call through a pointer
	                                  that a macro names: where that call starts */
	bool in_macro_callee;
} Lw;

/* Recursion guard. The parser builds left-deep operator chains, unary
 * chains and ?: chains without any nesting limit; the common chains are
 * lowered iteratively, and anything still deeper than this is cut off
 * (the function is then marked unreliable) instead of overflowing the
 * stack, also under ASan's larger frames. */
enum { LW_MAX_DEPTH = 1000 };

bool lw_enter(Lw *L);                             /* false (and too_deep) past the limit */
void lw_leave(Lw *L);

/* blocks and control flow (lower_util.c) */
int lw_new_block(Lw *L);
void lw_set_cur(Lw *L, int b);
int lw_ensure_cur(Lw *L);                         /* a block for ops, new if unreachable */
void lw_edge(Lw *L, int from, int to);
void lw_jump(Lw *L, int to);                      /* cur -> to, then unreachable */
void lw_jump_at(Lw *L, int to, AcLoc loc);        /* same, from a statement; to -1: no edge */
void lw_noreturn(Lw *L, AcLoc loc);               /* after a CALL that does not return */
void lw_branch(Lw *L, AcOperand cond, int t, int f, CXCursor text, bool negated, const AcCondKey *key);
/* The canonical form of the side-effect-free expression c as a branch tests
 * it (lower_key.c), or NULL when c calls, assigns or is too deep. */
const AcCondKey *lw_cond_key(Lw *L, CXCursor c);
/* The key of (var == value) for the dispatch of switch (var) to case value:
 * NULL unless var is a side-effect-free expression that reads something (a
 * local variable or parameter, memory: p->kind, a[i].tag, or arithmetic on
 * them: n % 4); a variable alone must be neither a global nor one whose
 * address is taken (its key has the shape v == K, lower_consts.c). */
const AcCondKey *lw_case_key(Lw *L, CXCursor var, long long value);
/* The variable var is never below 0: unsigned, or a local whose address is
 * not taken, assigned only constants >= 0 and incremented (lower_key.c). */
bool lw_never_negative(Lw *L, CXCursor var);
/* The variable var is a counter (a local whose address is not taken,
 * assigned only constants >= 0 and incremented) of type int, long, long
 * long or an unsigned type at least as wide as int: an increment of it
 * (++, += K with K > 0) is not 0. The signed ones cannot overflow
 * (undefined); an unsigned one would need 2^32 increments to come back to
 * 0, twice what the signed rule already takes not to happen (lower_key.c). */
bool lw_counts_up(Lw *L, CXCursor var);
/* var_expr names a local variable of a 64-bit integer type that holds only
 * sizes (lw_positive_size): n++ of it is not 0, as n += 1 is not. */
bool lw_size_var(Lw *L, CXCursor var_expr);
/* target = sum: a sum of sizes (strlen, sizeof, constants, variables holding
 * only those) with a constant > 0 among them, in a 64-bit integer: not 0. */
bool lw_positive_size(Lw *L, CXCursor target, CXCursor sum);
/* var += added: var holds only sizes and added is such a sum: not 0. */
bool lw_size_grows(Lw *L, CXCursor var_expr, CXCursor added);
void lw_return(Lw *L, AcOperand v, AcLoc loc);
int lw_target(Lw *L, LwTarget *t);                /* the block, created on first use */
bool lw_fresh(const Lw *L, int b);                /* no ops and no terminator yet */

/* ops (lower_util.c) */
AcOp *lw_emit(Lw *L, AcOpKind kind, AcLoc loc);   /* appended to cur (made reachable) */
void lw_assign(Lw *L, int dst, AcOperand src, AcLoc loc);
void lw_deref(Lw *L, int place, AcLoc loc);
void lw_escape(Lw *L, AcOperand v, AcLoc loc);
/* A write into memory no place names ((c ? p : q)->n++ lowered without a
 * place, an atomic builtin's object): an escape of nothing, which the
 * engine reads as "memory anywhere may have been written" (summary wr=). */
void lw_write_unplaced(Lw *L, AcLoc loc);
void lw_kill(Lw *L, int b, const int *ids, size_t n, AcLoc loc);

/* full expressions and temporaries (lower_util.c) */
size_t lw_fe_begin(Lw *L);
void lw_fe_end(Lw *L, size_t mark, CXCursor at);  /* KILL in cur (if reachable), located at `at` */
void lw_fe_end_cond(Lw *L, size_t mark, int t, int f, CXCursor at); /* KILL atop fresh t, f */
int lw_temp(Lw *L, bool is_pointer);             /* dies with the open full expression */
int lw_scope_temp(Lw *L, bool is_pointer);       /* dies at the end of the open scope */
void lw_release_temp(Lw *L, int id);             /* back to the pool (after its KILL) */

/* places (lower_util.c) */
int lw_var(Lw *L, CXCursor decl);                 /* VarDecl/ParmDecl -> VAR place */
int lw_derived(Lw *L, AcPlaceKind kind, int parent, const char *field, long index,
               bool through_ptr, bool is_pointer);
/* Records which struct member the MEMBER place id is, from the cursor that
 * names it (MemberRefExpr or MemberRef), so functions can agree on it. */
void lw_set_field_key(Lw *L, int id, CXCursor member);
int lw_ensure_place(Lw *L, AcOperand v, AcLoc loc, bool is_pointer);
void lw_mark_addr_taken(Lw *L, int place);

/* operands */
static inline AcOperand lw_opnd(AcOperandKind kind, int place)
{
	AcOperand o = {kind, place, 0, NULL};
	return o;
}
static inline AcOperand lw_int(long long v)
{
	AcOperand o = {AC_OPND_INT, -1, v, NULL};
	return o;
}
/* The address of no place: a string literal, a function (AC_ADDR_*). */
static inline AcOperand lw_const_addr(long long what)
{
	AcOperand o = {AC_OPND_ADDR, -1, what, NULL};
	return o;
}
#define LW_NONE lw_opnd(AC_OPND_NONE, -1)
#define LW_UNKNOWN lw_opnd(AC_OPND_UNKNOWN, -1)

/* cursors (lower_util.c) */
size_t lw_kids(CXCursor c, CXCursor *out, size_t max); /* first max children; returns total */
/* clang_getCursorType(c) */
CXType lw_cursor_type(CXCursor c);
/* clang_getCursorExtent(c) */
CXSourceRange lw_cursor_extent(CXCursor c);
/* clang_getCanonicalType(t) */
CXType lw_canonical_type(CXType t);
/* compute(t), asked once per type while the tables live: whether a
 * function type says noreturn (lower_expr.c). */
bool lw_type_noreturn(CXType t, bool (*compute)(CXType));
/* Tables for lw_kids, lw_cursor_type, lw_cursor_extent, lw_canonical_type
 * and lw_type_noreturn on this thread until lw_cache_close (given what open
 * returned): the lowering of one TU, ctu; also whether ctu has an error
 * (lw_is_recovery). */
typedef struct LwCache LwCache;
LwCache *lw_cache_open(CXTranslationUnit ctu);
void lw_cache_close(LwCache *prev);
CXCursor lw_strip(CXCursor c);                    /* parens, implicit casts, C casts, __extension__ */
CXCursor lw_strip_implicit(CXCursor c);           /* parens and implicit casts only */
/* The variable or parameter x of `&x` (parens and casts aside), or a null cursor. */
CXCursor lw_address_of_var(CXCursor e);
bool lw_is_recovery(CXCursor c);                  /* what the parser kept of an invalid expression */
enum CXTypeKind lw_type_kind(CXType t);           /* of the canonical type */
bool lw_is_pointer_type(CXType t);
bool lw_is_array_type(CXType t);
/* e has array type and decays to its address (not a parameter declared as an array). */
bool lw_is_array_value(CXCursor e);
bool lw_is_zero_const(CXCursor c);                /* 0, '\0', NULL, (void *)0, enum = 0 */
bool lw_const_int(CXCursor c, long long *v);      /* a side-effect-free integer constant */
const char *lw_spelling(LwTu *t, CXCursor c);     /* interned; NULL when empty */
bool lw_has_noreturn_attr(LwTu *t, CXCursor decl); /* _Noreturn / [[noreturn]] / noreturn */

/* locations and source text (lower_util.c) */
AcLoc lw_loc(LwTu *t, CXSourceLocation sl);
/* The main file contains a #line directive: locations are then presumed ones. */
bool lw_has_line_directives(LwTu *t);
AcLoc lw_loc_of(Lw *L, CXCursor c);               /* start of the cursor's extent */
const char *lw_text(Lw *L, CXCursor c);           /* what the user wrote, one line; may be NULL */
const char *lw_macro_at(Lw *L, CXCursor c);       /* macro the user wrote, if c is in a body */
const char *lw_inner_macro_at(Lw *L, CXCursor c, const char *outer); /* the one c's text is in */
bool lw_same_file_pos(CXSourceLocation a, CXSourceLocation b); /* one place in the user's file */
const char *lw_first_token(Lw *L, CXCursor c);    /* the identifier c's text starts with, or NULL */

/* expressions (lower_expr.c) */
AcOperand lw_expr(Lw *L, CXCursor c);             /* value context */
/* lower_alias.c. write: the pointer var is written with value (NULL for
 * no value); true when it is an alias of the variable at *target, and the
 * caller then assigns &target instead of lowering value. read: the place
 * of the variable the pointer var stands for, or -1; unless the read is
 * dereferenced (deref_next named its operand), that variable's address is
 * taken. lvalue: var is written otherwise (++, &var): it is no alias. */
bool lw_alias_write(Lw *L, CXCursor var, CXCursor value, int *target);
int lw_alias_read(Lw *L, CXCursor var);
void lw_alias_lvalue(Lw *L, CXCursor var);
void lw_alias_deref_next(Lw *L, CXCursor operand);

int lw_place(Lw *L, CXCursor c, bool addr_only);  /* lvalue -> place, or -1 */
void lw_init(Lw *L, int place, CXCursor init, CXType type, AcLoc loc);
void lw_effects(Lw *L, CXCursor c);               /* lower the expression children */
LwCallee lw_callee(LwTu *t, CXCursor decl);
AcOperand lw_fn_addr(LwTu *t, CXCursor fn);
const char *lw_link_key(LwTu *t, CXCursor decl); /* AcPlace.link_key of a variable, or NULL */       /* &fn, naming fn (AcOperand.fn) */       /* cached per canonical declaration */
bool lw_decl_noreturn(LwTu *t, CXCursor decl);    /* declared noreturn (type or attribute) */
bool lw_is_expect(Lw *L, CXCursor c);             /* a __builtin_expect(x, c) call */

/* conditions (lower_cond.c) */
void lw_cond(Lw *L, CXCursor c, int t, int f);    /* c != 0 -> t, else f */
void lw_cond_full(Lw *L, CXCursor c, int t, int f); /* a whole condition: temps die in t, f */
AcOperand lw_logic_value(Lw *L, CXCursor c);      /* &&, || in value context */
AcOperand lw_ternary_value(Lw *L, CXCursor c);    /* ?: in value context */
AcOperand lw_gnu_ternary_value(Lw *L, CXCursor c, const CXCursor *k);
AcOperand lw_test_value(Lw *L, CXCursor c);       /* !x, x == 0, x != 0 */
bool lw_is_gnu_ternary(CXCursor c, const CXCursor *k, size_t n);
bool lw_is_zero_compare(CXCursor c, CXCursor *other, bool *eq);

/* statements (lower.c) */
void lw_stmt(Lw *L, CXCursor c);
int lw_label_block(Lw *L, CXCursor label);        /* the block of a LabelStmt */
AcOperand lw_stmt_expr(Lw *L, CXCursor c);        /* GNU ({ ... }) */

#endif
