/*
 * program: the link step, between the frontend and the engine. It sees every
 * lowered TU of a run at once (the ASTs are gone by then) and builds what the
 * engine walks: the program's functions under one numbering, each call
 * resolved to the function it reaches, and the order in which to analyse
 * them (callees first, strongly connected components together, and for
 * each SCC the SCCs that wait for it, so an SCC runs as soon as its callees
 * are done, in parallel with any other that is ready).
 *
 * Names: a call the lowering resolved inside its TU (a static function, or
 * one defined in the same file) stays there, but for a function of a
 * shared header (AcFunc.shared), made alike by every TU that calls it: the
 * program's first body with its digest stands for every other, and is the
 * only one analysed. Any other call by name reaches
 * the one function of that name with external linkage defined anywhere in
 * the program. A name defined in more than one TU (two programs in one tree,
 * each with its own main or usage) is ambiguous: calls to it stay opaque,
 * never resolved at random. A call that passes fewer arguments than the
 * definition has parameters (two TUs disagreeing about the signature) stays
 * opaque too.
 *
 * Besides functions with a body, a program may hold external summaries:
 * functions whose IR is not loaded (a TU whose results came from the cache,
 * or the summaries of --program-summaries) but whose summary is known as
 * text (summary.h). They take part in name resolution like any definition
 * and are leaves of the call graph.
 *
 * A call through a pointer (AcCall.via) is a call of the one function the
 * pointer can hold, when that is known; else it stays opaque. A local
 * variable whose address is not taken holds a known function when every
 * store into it in its function stores that function's address. A
 * file-scope variable, or a member of one reached without a pointer
 * (hooks.allocate), does when every store into it, its initializer and the
 * stores in every function of the program, stores the address of one same
 * function (or NULL), nothing stores anything else into it or into the
 * variable it is part of, and its variable's address is never taken. Only
 * a program that sees every store can tell: a TU from the cache brings its
 * stores (ac_program_add_fnstore); with summaries from --program-summaries
 * such calls stay opaque.
 *
 * A program borrows its TUs; everything it allocates lives in its arena.
 */
#ifndef AC_PROGRAM_H
#define AC_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "cfg.h"
#include "family.h"
#include "intern.h"
#include "vec.h"

/* A function known only by its summary. */
typedef struct AcExternSummary {
	const char *name;  /* interned in the program */
	const char *text;  /* its summary, encoded (summary.h); the caller's (ac_program_add_extern) */
	int tu;            /* the TU (index in AcProgram.tus) it was defined in, or -1 when it
	                      comes from elsewhere (--program-summaries) */
} AcExternSummary;

/* A fact about a struct member from a TU without IR: a store of a block of
 * some family into it, or a release of it (engine.c encodes them). */
typedef struct AcExternMember {
	const char *key;   /* the member's field key */
	const char *text;  /* the fact, encoded; the caller's, as key */
	int tu;
} AcExternMember;

/* What one TU with IR brings to the program's tables of globals whose
 * address is taken and of stores into pointers to functions (each fact
 * once), and its calls as the link step resolves them (per function: its
 * ops, and per call op the callee defined in the TU, or the callee's name
 * among the TU's distinct names, and the arguments passed), computed from
 * the TU alone: the workers make it right after lowering, in parallel,
 * while the IR is in their cache, and the link step only merges the facts
 * and looks each name up once per TU, without reading the ops again. */
typedef struct AcTuFacts AcTuFacts;

AcTuFacts *ac_program_tu_facts(const AcTu *tu);
void ac_program_tu_facts_free(AcTuFacts *x); /* NULL is fine */

/* One function of the program: a body (tu >= 0) or an external summary. */
typedef struct AcProgFunc {
	int tu;            /* index in AcProgram.tus; -1 for an external summary */
	int index;         /* AcTu.funcs index, or AcProgram.externs index */
} AcProgFunc;

typedef struct AcProgram {
	AcArena arena;
	AcIntern names;            /* function names, field keys and family ids, program-wide */
	AcTu *const *tus;          /* the TUs with IR (entries may be NULL: a TU without IR,
	                              whose functions are external summaries); borrowed */
	size_t ntus;
	AcTuFacts *const *facts;   /* set before ac_program_link, or NULL: per TU, its facts
	                              (ac_program_tu_facts) when already made, else NULL; borrowed */
	const AcFamilies **families; /* per TU: the run's table, plus the allocation attributes
	                                declared in that TU when it has any */
	AcFamilies **owned;        /* per TU: the table built for it, or NULL (freed with the program) */
	const AcFamilies *base;    /* the run's table */
	size_t *first;             /* per TU: global number of its first function */
	AcProgFunc *funcs;         /* global numbering: bodies in TU order, then external summaries */
	size_t nbodies;            /* funcs[0..nbodies) have a body */
	size_t nfuncs;
	AC_VEC(AcExternSummary) externs;
	AC_VEC(AcExternMember) members;
	AC_VEC(AcExternMember) fnstores; /* stores into pointers to functions of TUs without IR */
	int **callees;             /* per body: per call op in block/op order, the global function
	                              it reaches, or -1 (opaque) */
	size_t *nops;              /* per body: its ops */
	int **edges;               /* per body: the bodies its calls reach, in op order, repeats
	                              kept (callees without the opaque calls and the summaries) */
	size_t *nedges;
	AcCall ***through;         /* per body: per op, for a call through a pointer that holds one
	                              known function, the call as if made by that function's
	                              name (in the arena); else NULL */
	struct AcFnPtrs *fnptrs;   /* what the program stores into pointers to functions */
	bool tu_only;              /* set before ac_program_link: the program is one TU of a larger
	                              one (--per-file), whose other stores are not seen: only
	                              variables with internal linkage may be known to hold a function */
	bool closed_program;       /* set before ac_program_link: the user says every call of the
	                              program's functions is in the run (--closed-program) */
	bool callers_outside;      /* set before ac_program_link: files of the program are not in the
	                              run (a compile database's C++ or excluded entries) */
	const char **null_text;    /* per TU: its records (null_args.h): set before ac_program_link
	                              (made after lowering, or from the link data), or made there
	                              for a TU with IR; NULL: none */
	uint32_t *null_params;     /* per body: the pointer parameters every call passes NULL */
	struct AcNullNames *null_names; /* the same by external name (null_args.c) */
	int *order;                /* the bodies, callees first, each SCC's members adjacent */
	size_t *scc_start;         /* SCC k is order[scc_start[k] .. scc_start[k+1]) */
	size_t nsccs;
	bool *scc_cyclic;          /* SCC k calls itself (recursion): iterated to a fixed point */
	size_t *scc_ndeps;         /* SCC k's calls into other SCCs (with repeats): it may run
	                              once that many callee SCCs finished, each counted per call */
	size_t *caller_start;      /* SCC k's callers (one entry per call into k from another
	                              SCC) are scc_callers[caller_start[k] .. caller_start[k+1]) */
	size_t *scc_callers;
	size_t *scc_weight;        /* SCC k's ops plus the heaviest chain of callers above it: the
	                              work that waits for it, so the scheduler starts it first */
	size_t nambiguous;         /* names defined in more than one TU */
	struct AcProgramNames *lookup; /* external name -> function (program.c) */
	AcIntern escaped;          /* globals whose address is taken somewhere, by name */
	bool *destructor;          /* per function: registered as a type's destructor (a CPython
	                              tp_dealloc, a GObject finalize), anywhere in the program */
	int *standin;              /* per body: the body analysed for it, the first body of the
	                              program made from the same shared header's function (the
	                              same AcFunc.shared), else itself. Calls reach the stand-in;
	                              a body stood in for is not walked (no summary, no findings) */
} AcProgram;

/* Starts a program over tus[0..ntus) (kept by the caller until
 * ac_program_free) with the run's family table base (NULL only when no TU
 * has IR: nothing reads it then). Add external summaries
 * with ac_program_add_extern, then call ac_program_link once. */
void ac_program_init(AcProgram *p, AcTu *const *tus, size_t ntus, const AcFamilies *base);

/* Adds a function known by its summary text; tu as in AcExternSummary.
 * Here and in the two below, the texts (and key) are kept, not copied: they
 * must live until ac_program_free (a warm run links the link data of every
 * TU, most of the memory it touches, and copied it twice). */
void ac_program_add_extern(AcProgram *p, const char *name, const char *text, int tu);

/* Adds a struct-member fact of TU tu, which has no IR. */
void ac_program_add_member(AcProgram *p, const char *key, const char *text, int tu);

/* Adds a store of TU tu, which has no IR, into a pointer to a function, as
 * ac_program_tu_fnstores gave it. */
void ac_program_add_fnstore(AcProgram *p, const char *key, const char *text, int tu);

/* What TU t (with IR) stores into places that may hold functions, for the
 * cache's link data: emit(ctx, key, text) per store, text the function's
 * name ("NAME@FILE" for a static function, which a run without the TU's IR
 * knows the pointer holds but cannot call), or "-" for anything else; key
 * "&NAME" with text "-" for a variable whose address is taken. */
void ac_program_tu_fnstores(const AcProgram *p, size_t t, void (*emit)(void *ctx, const char *key, const char *text),
                            void *ctx);

/* Resolves every call and orders the functions (see the file comment). */
void ac_program_link(AcProgram *p);

/* The global number of function f of TU t. */
static inline int ac_program_func(const AcProgram *p, size_t t, size_t f)
{
	return (int)(p->first[t] + f);
}

/* The body analysed for global function g: its stand-in when g is a body,
 * else g. */
static inline int ac_program_standin(const AcProgram *p, int g)
{
	return g >= 0 && (size_t)g < p->nbodies ? p->standin[g] : g;
}

/* The body of global function g (g < nbodies). */
static inline const AcFunc *ac_program_body(const AcProgram *p, int g)
{
	return &p->tus[p->funcs[g].tu]->funcs[p->funcs[g].index];
}

/* The name of global function g. */
const char *ac_program_name(const AcProgram *p, int g);

/* The global function an external name reaches, or -1 (undefined or
 * ambiguous). name need not be interned. */
int ac_program_lookup(const AcProgram *p, const char *name);

/* Whether global variable name (external linkage) holds one known value
 * wherever the program reads it: one definition with a constant initializer
 * (lower_consts.c records it; const or not), no store into it in any
 * function of the program, its address never taken; only a program that
 * sees every store can tell (not --per-file, no --program-summaries). The
 * value in *value. */
bool ac_program_global_value(const struct AcProgram *p, const char *name, long long *value);
/* The same value as text (the link data records it), or "-". */
const char *ac_program_global_value_text(const struct AcProgram *p, const char *name);

/* Whether the address of a global variable called name is taken anywhere in
 * the program (&g): then any write through a pointer may change it. */
bool ac_program_global_escaped(const struct AcProgram *p, const char *name);

/* The call op (call k of body g, in block/op order) makes: op->call, or,
 * when it calls through a pointer that holds one known function, the same
 * call by that function's name. */
static inline const AcCall *ac_program_call(const AcProgram *p, int g, size_t k, const AcOp *op)
{
	return p->through && p->through[g] && p->through[g][k] ? p->through[g][k] : op->call;
}

/* The program-wide name of place q of fn, written into buf (size bytes):
 * a file-scope variable's link_key, then ".member" for each member reached
 * without a pointer ("hooks.allocate"). False when the place has none. */
bool ac_program_place_key(const AcFunc *fn, int q, char *buf, size_t size);

/* The one function a local variable q of fn holds at a call through it,
 * or NULL: every store into q stores that function (or NULL), or the result
 * of a call without arguments of a function of tu (fn's TU; NULL: none)
 * whose every return is that function's address, and q's address is never
 * taken. */
const char *ac_program_local_fn(const AcTu *tu, const AcFunc *fn, int q);

/* The key of the stores into place q of fn by its member's type, written
 * into buf: "#" and the member's field_key, for a member that holds a
 * function inside a larger object (parser->mem.malloc_fcn). False when the
 * place is no such member. */
bool ac_program_member_key(const AcFunc *fn, int q, char *buf, size_t size);

/* The function the file-scope place key (AcFnInit.key), or a member key
 * (ac_program_member_key), is known to hold, for the cache's record of
 * what a TU used: its name, or "-" when it is not known. */
const char *ac_program_fnptr_text(const AcProgram *p, const char *key);

/* Whether global function g is registered as the destructor of a type
 * somewhere in the program: the tp_dealloc of a CPython type object (an
 * initializer, designated or positional, or a Py_tp_dealloc slot), a store
 * into GObjectClass's finalize. */
bool ac_program_destructor(const AcProgram *p, int g);

/* Whether name is defined in more than one TU. */
bool ac_program_ambiguous(const AcProgram *p, const char *name);

void ac_program_free(AcProgram *p);

#endif
