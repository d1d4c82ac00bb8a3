/*
 * cfg: alloccheck's intermediate representation, the contract between the
 * frontend (lower.c, the only reader of libclang cursors) and the engine.
 *
 * Each function body becomes an AcFunc: a dense array of places (what can hold
 * a value: variables, temporaries, field paths, elements, dereferences) and a
 * dense array of basic blocks. A block holds simple operations on places and
 * ends in one terminator (jump, two-way branch on an operand, return, or a
 * call that does not return). blocks[0] is the entry. All memory belongs to
 * the TU arena. Rules never see this file's producer, only this IR.
 */
#ifndef AC_CFG_H
#define AC_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "intern.h"

/* Where the user wrote something: for code from a macro expansion, the
 * macro argument's spelling when it came from an argument, otherwise the
 * macro invocation. line 0 means unknown. */
typedef struct AcLoc {
	const char *file; /* interned path as the compiler names it; NULL if unknown */
	unsigned line;    /* 1-based */
	unsigned col;     /* 1-based byte column */
} AcLoc;

typedef enum AcPlaceKind {
	AC_PLACE_VAR,    /* a named variable */
	AC_PLACE_TEMP,   /* a lowering temporary; dies at the end of its full expression
	                    (and may be reused by a later one after that KILL) */
	AC_PLACE_MEMBER, /* parent.name, or parent->name when through_ptr */
	AC_PLACE_ELEM,   /* parent[index], through the pointer parent holds when through_ptr */
	AC_PLACE_DEREF,  /* *parent */
	AC_PLACE_KIND_COUNT
} AcPlaceKind;

typedef enum AcStorage {
	AC_STORAGE_LOCAL,  /* automatic variable of this function (or a temporary) */
	AC_STORAGE_PARAM,  /* parameter of this function */
	AC_STORAGE_GLOBAL, /* file-scope, extern or static-local variable: outlives the call */
} AcStorage;

typedef struct AcPlace {
	/* Fields by size, largest first, so that no padding is left (80 bytes:
	 * every TU's places are kept until the program is analysed). */
	const char *name;   /* interned display text: "p", "self->data", "s.buf", "*out", "a[2]", "a[]" */
	const char *field_key; /* MEMBER: interned identity of the struct member (its USR), the
	                          same in every function of the TU; NULL if unknown */
	const char *link_key; /* VAR: a file-scope variable's name across the program: its name
	                         with external linkage, "FILE::name" (FILE the TU's main file)
	                         with internal linkage; NULL for any other place */
	AcLoc decl_loc;     /* where the variable is declared (VAR only) */
	long index;         /* ELEM: constant index, or -1 when not a constant */
	AcPlaceKind kind;
	int parent;         /* MEMBER/ELEM/DEREF: the place it is derived from; -1 otherwise */
	int index_var;      /* ELEM with index -1: the local variable (VAR place) indexing it,
	                       a[i]: the same element while i is not written; else -1 */
	AcStorage storage;  /* of the root variable (temporaries are LOCAL) */
	int root;           /* the VAR or TEMP place at the root of the path (itself for VAR/TEMP) */
	int param_index;    /* root is parameter #param_index; -1 otherwise */
	bool through_ptr;   /* MEMBER/ELEM: reached by dereferencing parent's value (DEREF: always) */
	bool is_pointer;    /* the place's type is a pointer */
	bool addr_taken;    /* the root variable's address is taken in this function */
	bool cleanup;       /* the root variable has __attribute__((cleanup(f))) */
	bool error_out;     /* VAR: a GError * (GLib's convention: a call that sets it through
	                       &var returns NULL, so a test of var decides the result) */
	bool generated;     /* a temporary of generated code (Cython's __pyx_t_N, or derived
	                       from one): never named in messages, as lowering temporaries */
	bool member_addr;   /* lowering only: this member, an array of numbers, decayed to its
	                       address; finish_func makes that addr_taken of the places under
	                       it, not of the whole variable (memcpy(s.name, ..) reaches no
	                       other member) */
	bool union_member;  /* MEMBER: a pointer member of a union, whose storage the union's
	                       other pointer members share (what it holds depends on which
	                       one the code means, told by tests the engine may not relate) */
	bool read_only;     /* VAR: declared const (extern const int K;): no call or store
	                       changes it, whatever its value */
} AcPlace;

typedef enum AcOperandKind {
	AC_OPND_NONE,    /* no value (void return, call without a result) */
	AC_OPND_PLACE,   /* the value held in place */
	AC_OPND_NULL,    /* a null pointer constant (0, NULL, (void *)0) */
	AC_OPND_INT,     /* an integer constant other than a null pointer constant */
	AC_OPND_ADDR,    /* address of place (&x, array or function decay); place -1 for
	                    string literals and functions: never NULL, never heap. When the
	                    place is reached through a pointer (&p->f, &p[i]: a MEMBER/ELEM
	                    with through_ptr on its path) it is an interior pointer into
	                    the object that pointer holds */
	AC_OPND_UNKNOWN, /* any other value (arithmetic, comparisons between unknowns...) */
	AC_OPND_OFFSET,  /* a pointer derived from the value in place by arithmetic (p + n,
	                    p - n, p++): same object, interior */
	AC_OPND_PLUS,    /* the integer in place plus ival (the increment of the counter
	                    of a loop with a small constant bound: i++ in for (i = 0;
	                    i < 3; i++)), so that the loop runs exactly that often */
} AcOperandKind;

/* What AcOperand.ival tells of an ADDR of no place and of an OFFSET. */
enum {
	AC_ADDR_UNKNOWN = 0,  /* ADDR -1: some constant address */
	AC_ADDR_LITERAL = 1,  /* ADDR -1: a string literal */
	AC_ADDR_FUNCTION = 2, /* ADDR -1: a function or a label */
	AC_OFFSET_ANY = 0,      /* OFFSET: moved by an unknown amount, maybe back to the start */
	AC_OFFSET_FORWARD = 1,  /* OFFSET: moved forward (p++, p += k, p + 1): past the start */
	AC_OFFSET_BACKWARD = 2, /* OFFSET: moved back by a constant (p - 10, p--, p -= 2) */
	AC_OFFSET_CODE = 3      /* OFFSET: not moved: a function pointer's value made a data
	                           pointer ((void *)fnptr): code, unless the place holds a block */
};

typedef struct AcOperand {
	AcOperandKind kind;
	int place;        /* PLACE, ADDR, OFFSET, PLUS */
	long long ival;   /* INT, PLUS; ADDR of no place, OFFSET: AC_ADDR_*, AC_OFFSET_* */
	const char *fn;   /* ADDR of a function (AC_ADDR_FUNCTION): its name, interned; else NULL */
} AcOperand;

typedef struct AcCall {
	const char *name;   /* interned callee name; NULL when called through a pointer */
	const char *macro;  /* interned name of the macro the user wrote when the call comes from
	                       an expansion (PyMem_New), else NULL */
	const char *inner_macro; /* with macro: the macro whose definition the call is written in,
	                       when that is another one (xmlFree, a hook, inside
	                       XML_PAT_FREE_STRING), else NULL */
	int func;           /* index into AcTu.funcs when the callee is defined in this TU, else -1 */
	bool system_header; /* the callee is declared in a system header */
	bool noreturn;      /* known or declared not to return: the block ends right after */
	bool callback_arg;  /* some argument is a function or function pointer */
	unsigned const_args; /* bit i: the callee, which has no body in the TU, declares
	                        parameter i a pointer to const: it borrows that argument */
	unsigned nonnull;    /* bit i: the callee declares parameter i nonnull (GCC's
	                        nonnull attribute, _Nonnull): passing NULL is a use */
	bool returns_nonnull; /* the callee is declared never to return NULL */
	unsigned string_args; /* bit i: argument i is read or written through by a conversion
	                         (%s, %ls, %n) of the string literal passed as the last named
	                         parameter of a variadic callee: printf("%s", p) reads p */
	int via;            /* called through a pointer held in a variable or a member of one
	                       (f(n), hooks.allocate(n)): that place; -1 otherwise. The link
	                       step (program.c) may know the one function it holds */
	size_t nargs;
	AcOperand *args;
	AcLoc *arg_locs;    /* where each argument was written */
} AcCall;

typedef enum AcOpKind {
	AC_OP_ASSIGN, /* dst = src */
	AC_OP_TEST,   /* dst = (src != 0), or (src == 0) when negate: comparisons with a null
	                 pointer constant, '!', '!!', __builtin_expect(src, c) */
	AC_OP_CALL,   /* dst = call(args); dst is -1 when the callee returns void (an unused
	                 result still lands in a temporary, killed at the end of its
	                 statement, so a discarded allocation is visible) */
	AC_OP_DEREF,  /* the pointer held in place src.place is read or written through
	                 (*p, p->f, p[i]); src is always a PLACE */
	AC_OP_KILL,   /* the places in kill[] die (end of scope, end of full expression);
	                 kill[] lists VAR and TEMP places only: the places derived from
	                 them (s.buf, a[2], t0->f) die with their root */
	AC_OP_ESCAPE, /* the value of src goes somewhere not modelled (inline asm, ...) */
	AC_OP_CMP,    /* dst = (src == src2), or (src != src2) when negate: comparisons of
	                 pointers where neither side is a null pointer constant */
	AC_OP_KIND_COUNT
} AcOpKind;

typedef struct AcOp {
	AcOpKind kind;
	int dst;        /* place written, or -1 */
	AcLoc loc;      /* the expression the user wrote */
	AcOperand src;  /* ASSIGN, TEST, DEREF, ESCAPE, CMP */
	AcOperand src2; /* CMP: the right-hand side */
	AcCall *call;   /* CALL */
	int *kill;      /* KILL: place ids */
	size_t nkill;
	bool negate;    /* TEST */
} AcOp;

/* What a branch tests, in a canonical form, so that a second test of the same
 * thing (if (n < K) ... later if (n >= K)) can be decided by the first while
 * nothing it reads has changed. */
typedef enum AcCmpShape {
	AC_CMP_NONE,         /* not one variable compared with an integer constant */
	AC_CMP_VAR_LT_CONST, /* (v < K) */
	AC_CMP_CONST_LT_VAR, /* (K < v) */
	AC_CMP_VAR_EQ_CONST, /* (v == K) */
	AC_CMP_VAR_AND_CONST, /* (v & K), true when not 0: a flag tested */
	AC_CMP_VAR_LT_EXPR,  /* (v < e), e no constant: cmp_const is e's place when e is a
	                        variable, else -1; a known value of v (a loop's counter at
	                        its start) makes it a comparison of e with a constant */
	AC_CMP_VAR_LT_NONNEG, /* the same, compared as unsigned numbers or e never below 0:
	                         0 < e is e != 0 */
} AcCmpShape;

/* Whether the shape compares a variable with the constant cmp_const. */
static inline bool ac_cmp_with_const(AcCmpShape shape)
{
	return shape != AC_CMP_NONE && shape != AC_CMP_VAR_LT_EXPR && shape != AC_CMP_VAR_LT_NONNEG;
}

/* The outcome of (x SHAPE k) for a known value x: what a branch's key and a
 * summary's test of a parameter (AcSummary.ret_if_param) both decide. */
static inline bool ac_cmp_holds(AcCmpShape shape, long long x, long long k)
{
	switch (shape) {
	case AC_CMP_VAR_LT_CONST:
		return x < k;
	case AC_CMP_CONST_LT_VAR:
		return k < x;
	case AC_CMP_VAR_AND_CONST:
		return (x & k) != 0;
	default:
		return x == k;
	}
}

typedef struct AcCondKey {
	const char *key; /* interned canonical text: "(v3<#16)"; variables by place id */
	AcCmpShape shape; /* the key compares variable place cmp_var with cmp_const: a
	                     value known for the variable decides it */
	int cmp_var;
	long long cmp_const;
	bool negated;    /* the key is true on the edge to succ[1] (n >= K tests "(n<K)") */
	bool via_pointer; /* reads through a pointer (*p, p->f, p[i]): any call may change it */
	bool via_memory; /* reads through pointers or globals: calls and stores through
	                    pointers may change it */
	int *reads;      /* the VAR places it reads */
	size_t nreads;
} AcCondKey;

typedef enum AcTermKind {
	AC_TERM_JUMP,     /* go to every succ (switch dispatch has several, unconditionally);
	                     none only in broken code (goto to a missing label): a dead end */
	AC_TERM_BRANCH,   /* cond != 0 goes to succ[0], cond == 0 to succ[1] */
	AC_TERM_RETURN,   /* return ret (NONE for 'return;' and falling off the end) */
	AC_TERM_NORETURN, /* the last op is a call that does not return; nothing follows */
} AcTermKind;

typedef struct AcBlock {
	AcOp *ops;
	size_t nops;
	AcOperand cond;   /* BRANCH */
	AcOperand ret;    /* RETURN */
	AcLoc term_loc;   /* BRANCH: the condition; RETURN: the return statement or the
	                     function's closing brace; JUMP: the statement that jumps */
	const char *cond_text; /* BRANCH: the condition as written, for notes ("p == NULL"); may be NULL */
	const AcCondKey *cond_key; /* BRANCH: the tested expression when it has no side
	                              effects, else NULL */
	const char *raises; /* BRANCH: generated code's test of whether this Python operation
	                       raised (Cython's error checks), as the user wrote it; the edge
	                       where cond_text holds is the raise. NULL otherwise */
	int *succ;
	size_t nsucc;
	int *pred;        /* filled by ac_cfg_finish: one entry per incoming edge */
	size_t npred;
	int id;           /* == index in AcFunc.blocks */
	AcTermKind term;
	bool ret_precondition; /* RETURN: inside a precondition check such as GLib's
	                          g_return_val_if_fail (a programming error, not a result
	                          callers test for) */
	bool shared_exit; /* RETURN: the exit every path of a generated function shares
	                     (Cython's "function exit code"): a leak found there is
	                     reported at the jump that led to it */
	bool cond_negated;     /* BRANCH: cond_text is true on the edge to succ[1] (the lowering
	                          branched on p for "p == NULL" and exchanged the successors) */
} AcBlock;

typedef struct AcFunc {
	const char *name;   /* interned */
	AcLoc loc;          /* the function's name in its definition */
	AcLoc end_loc;      /* the closing brace */
	AcPlace *places;    /* places[0..nparams-1] are the parameters in order */
	size_t nplaces;
	size_t nparams;
	AcBlock *blocks;    /* blocks[0] is the entry; it has no predecessors */
	size_t nblocks;
	bool is_static;
	bool declared_noreturn;
	bool unreliable;    /* libclang reported errors inside the body: code may be missing */
	const char *shared; /* defined in a header the program's files share (lower_shared.c):
	                       a digest of its file and IR, the same in every TU that makes the
	                       same function, so the link step analyses one of them; NULL for
	                       the TU's own functions; interned */
} AcFunc;

/* A function declared in the analysed code (the main file or a non-system
 * header) with an allocation attribute: GCC's malloc and malloc(D[, i]),
 * clang's ownership_returns(M), ownership_takes(M, i), ownership_holds(M, i).
 * The frontend reads them (lower_attrs.c); the engine adds them to the TU's
 * family table (family.h, ac_families_with_declared), which decides the
 * family: D's family when the table already knows D as a deallocator, else
 * "attr:D"; "attr:M" for a module M (clang's module "malloc" is libc's). */
typedef enum AcDeclKind {
	AC_DECL_ALLOC,   /* returns a fresh block */
	AC_DECL_DEALLOC, /* releases the block in argument arg */
	AC_DECL_KEEP,    /* may keep the block in argument arg (ownership_holds) */
} AcDeclKind;

typedef struct AcDeclaredFn {
	const char *name;     /* interned function name */
	AcDeclKind kind;
	const char *dealloc;  /* malloc(D[, i]): D, which names the family; else NULL */
	const char *module;   /* ownership_*(M, ...): M; else NULL (both NULL: plain malloc) */
	int arg;              /* DEALLOC/KEEP: 1-based argument holding the block; ALLOC: 0 */
	bool returns_nonnull; /* ALLOC: also declared returns_nonnull, so it cannot fail */
	AcLoc loc;            /* the declaration that carries the attribute */
} AcDeclaredFn;

/* The key of an AcFnInit whose fn is registered as the destructor of a
 * type (lower.c destructor_var: a CPython tp_dealloc); no place has it. */
#define AC_FNINIT_DESTRUCTOR "~destructor"

/* A function address stored by the initializer of a file-scope variable:
 * key is the place written, as program.c names places across the program
 * (AcPlace.link_key, then ".member" for each member: "hooks.allocate"). fn
 * NULL: something else, or an initializer not understood, is stored into key
 * or its members. Key AC_FNINIT_DESTRUCTOR: fn is a type's destructor. Key
 * "&" + a variable's name (fn NULL): the initializer of a variable of static
 * storage takes that variable's address (int *p = &flag;), as the link data
 * records &flag taken in a function body. Key "=" + a variable's name (fn
 * its value in decimal): an integer variable of external linkage defined
 * here with that constant initializer (lower_consts.c, for
 * ac_program_global_value). */
typedef struct AcFnInit {
	const char *key;
	const char *fn;
} AcFnInit;

/* One parsed and lowered translation unit. Dropping it is ac_tu_free. */
typedef struct AcTu {
	AcArena arena;      /* owns everything below */
	AcIntern names;     /* interned strings, in arena */
	const char *path;   /* the main file, as given */
	AcFunc *funcs;      /* definitions in the main file, in source order, and those of shared
	                       headers its functions use (AcFunc.shared) */
	size_t nfuncs;
	size_t nerrors;     /* error diagnostics libclang reported for this TU */
	const char *first_error; /* text of the first one, "file:line:col: message"; NULL if none */
	AcDeclaredFn *declared;  /* allocation attributes on declarations, in source order
	                            (a name may come more than once); in arena */
	size_t ndeclared;
	const char **includes;   /* every file the preprocessor read for it but the main file,
	                            each once, as real paths where libclang knows them (the
	                            result cache re-hashes them); in arena */
	size_t nincludes;
	AcFnInit *fninits;       /* function addresses in initializers of file-scope variables
	                            (pointers, structs of them); in arena */
	size_t nfninits;
} AcTu;

/* Fills pred/npred of every block from succ. Call once after building. */
void ac_cfg_finish(AcArena *arena, AcFunc *fn);

/* Asserts the IR's invariants (succ ids in range, BRANCH has 2 successors,
 * place parents precede children...). Debug builds call it after lowering. */
void ac_cfg_verify(const AcFunc *fn);

/* Prints a stable, human-readable dump of fn; the format is the test oracle
 * of the lowering tests (tests/cfg/). */
void ac_cfg_dump(FILE *out, const AcFunc *fn);

#endif
