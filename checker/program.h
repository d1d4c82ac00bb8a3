/*
 * program: the link step, between the frontend and the engine. It sees every
 * lowered TU of a run at once (the ASTs are gone by then) and builds what the
 * engine walks: the program's functions under one numbering, each call
 * resolved to the function it reaches, and the order in which to analyse
 * them (callees first, strongly connected components together, SCCs grouped
 * in levels whose members depend only on earlier levels, so each level runs
 * in parallel).
 *
 * Names: a call the lowering resolved inside its TU (a static function, or
 * one defined in the same file) stays there. Any other call by name reaches
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
 * A program borrows its TUs; everything it allocates lives in its arena.
 */
#ifndef AC_PROGRAM_H
#define AC_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "cfg.h"
#include "family.h"
#include "intern.h"
#include "vec.h"

/* A function known only by its summary. */
typedef struct AcExternSummary {
	const char *name;  /* interned in the program */
	const char *text;  /* its summary, encoded (summary.h); in the program arena */
	int tu;            /* the TU (index in AcProgram.tus) it was defined in, or -1 when it
	                      comes from elsewhere (--program-summaries) */
} AcExternSummary;

/* A fact about a struct member from a TU without IR: a store of a block of
 * some family into it, or a release of it (engine.c encodes them). */
typedef struct AcExternMember {
	const char *key;   /* the member's field key */
	const char *text;  /* the fact, encoded; in the program arena */
	int tu;
} AcExternMember;

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
	int **callees;             /* per body: per call op in block/op order, the global function
	                              it reaches, or -1 (opaque) */
	int *order;                /* the bodies, callees first, each SCC's members adjacent */
	size_t *scc_start;         /* SCC k is order[scc_start[k] .. scc_start[k+1]) */
	size_t nsccs;
	bool *scc_cyclic;          /* SCC k calls itself (recursion): iterated to a fixed point */
	size_t *level_sccs;        /* SCC numbers sorted by level, stably */
	size_t *level_start;       /* level l is level_sccs[level_start[l] .. level_start[l+1]) */
	size_t nlevels;
	size_t nambiguous;         /* names defined in more than one TU */
	struct AcProgramNames *lookup; /* external name -> function (program.c) */
	AcIntern escaped;          /* globals whose address is taken somewhere, by name */
} AcProgram;

/* Starts a program over tus[0..ntus) (kept by the caller until
 * ac_program_free) with the run's family table base. Add external summaries
 * with ac_program_add_extern, then call ac_program_link once. */
void ac_program_init(AcProgram *p, AcTu *const *tus, size_t ntus, const AcFamilies *base);

/* Adds a function known by its summary text (copied); tu as in
 * AcExternSummary. */
void ac_program_add_extern(AcProgram *p, const char *name, const char *text, int tu);

/* Adds a struct-member fact of TU tu, which has no IR (copied). */
void ac_program_add_member(AcProgram *p, const char *key, const char *text, int tu);

/* Resolves every call and orders the functions (see the file comment). */
void ac_program_link(AcProgram *p);

/* The global number of function f of TU t. */
static inline int ac_program_func(const AcProgram *p, size_t t, size_t f)
{
	return (int)(p->first[t] + f);
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

/* Whether the address of a global variable called name is taken anywhere in
 * the program (&g): then any write through a pointer may change it. */
bool ac_program_global_escaped(const struct AcProgram *p, const char *name);

/* Whether name is defined in more than one TU. */
bool ac_program_ambiguous(const AcProgram *p, const char *name);

void ac_program_free(AcProgram *p);

#endif
