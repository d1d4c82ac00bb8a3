/*
 * flow: the engine's private interface between its three parts:
 *   engine.c   orders the functions (callees first), prepares each one
 *              (allocation sites, call resolution), builds summaries;
 *   flow.c     the worklist over blocks with a bounded set of disjuncts per
 *              block entry, joins, widening and the step budget;
 *   transfer.c what each operation and terminator does to one disjunct, and
 *              the events it raises.
 * Nothing here is visible outside the engine.
 */
#ifndef AC_FLOW_H
#define AC_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "cfg.h"
#include "engine.h"
#include "dominators.h"
#include "family.h"
#include "rule.h"
#include "state.h"
#include "vec.h"

typedef enum AcParamEffect {
	AC_PARAM_BORROWS, /* only uses it during the call */
	AC_PARAM_FREES,   /* releases it on every path that returns */
	AC_PARAM_KEEPS,   /* may keep it, or frees it on some paths only */
} AcParamEffect;

/* The families of the blocks stored into one struct member anywhere in the
 * TU (struct SomeMemory.data <- PyMem_Malloc), and the releases of that
 * member whose block the releasing function did not see allocated: checked
 * against each other once every function has been walked. */
typedef struct AcFieldFamily {
	const char *field_key; /* AcPlace.field_key */
	int family;            /* the one family stored there; -1 when mixed or unknown */
	AcLoc first;           /* where a block of that family was first stored there */
	const char *allocator; /* and by which allocator */
} AcFieldFamily;

typedef struct AcFieldRelease {
	const char *field_key;
	const char *field;       /* the place released, as written ("self->data") */
	int family;              /* the releasing function's family */
	const char *deallocator;
	AcLoc loc;
	const AcFunc *fn;
} AcFieldRelease;

typedef struct AcFieldTable {
	AC_VEC(AcFieldFamily) families;
	AC_VEC(AcFieldRelease) releases;
} AcFieldTable;

/* What callers need to know about a function defined in the TU. */
typedef struct AcSummary {
	bool known;           /* analysed to completion; otherwise calls are opaque */
	bool noreturn;        /* no path returns */
	int ret_family;       /* returns a fresh block of this family, or -1 */
	bool ret_can_null;    /* ... which may be NULL */
	const char *ret_via;  /* the allocator that made it, for messages */
	int ret_param;        /* returns parameter #ret_param unchanged, or -1 */
	bool ret_is_const;    /* every return gives the same integer constant... */
	long long ret_const;  /* ... this one (if (feature_enabled()) is decided) */
	AcParamEffect *params; /* nparams entries */
	int *param_family;    /* FREES: the family of the function that releases it, or -1 */
	size_t nparams;
} AcSummary;

/* A call site, resolved once per function before the walk. */
typedef struct AcCallInfo {
	const AcFnInfo *fn;     /* built-in knowledge, or NULL */
	const AcSummary *sum;   /* summary of a callee defined in the TU, or NULL */
	int site;               /* the object id this call creates, or -1 */
	bool borrows;           /* opaque callee that is taken to borrow (system header) */
	bool ends_path;         /* never returns */
} AcCallInfo;

typedef struct AcFlow {
	const AcTu *tu;
	const AcFunc *fn;
	const AcEngineOptions *opt;
	AcFindings *out;
	AcArena scratch;          /* snapshots, trails; freed after the function */
	size_t *op_base;          /* first op index of each block in calls[] */
	AcCallInfo *calls;        /* per op (NULL-like entries for non-calls) */
	AcAllocSite *sites;       /* per allocation site */
	int *site_family;         /* per allocation site: family number, -1 unknown */
	int *site_arg_place;      /* per site: a reallocator's old-pointer argument place, or -1 */
	int *place_realloc_site;  /* per place: a reallocator site whose argument it is, or -1 */
	size_t nsites;
	uint32_t nobjs;           /* 2 * nsites (current and previous generation) + nparams */
	bool *place_escapes;      /* a value stored here outlives the function */
	bool *place_unbindable;   /* an element with unknown index: never bound */
	bool *place_clobbered;    /* callees may change it (global or through a pointer) */
	bool *place_indexes;      /* a VAR that indexes some element place (a[i]): writing it
	                             drops the bindings of those elements */
	AcEvent *pending;         /* [site * AC_EV_KIND_COUNT + kind]: the event to report */
	AcEvent *pending_carried; /* same index: events about an earlier loop round's block */
	bool event_loop_carried;  /* the event being raised concerns an earlier round's block */
	int *block_scc;           /* per block: its cyclic strongly connected component, or -1 */
	int *site_block;          /* per allocation site: its block */
	bool *site_handled_in_loop; /* per site: freed or handed on inside its own loop */
	int cur_block;            /* the block being walked */
	const AcCondKey **keys;   /* distinct branch-condition keys of the function */
	size_t nkeys;
	int *block_key;           /* per block: index into keys, or -1 */
	AcDominators dom;         /* the function's dominator tree */
	size_t steps;
	bool exhausted;           /* the step budget ran out */
	double deadline;          /* the TU's (ac_engine_now() seconds); 0: none */
	bool timed_out;           /* the walk stopped at the deadline */
	bool path_ended;          /* the disjunct being walked hit a NULL dereference */
	/* summary accumulation over the returns reached */
	size_t nreturns;
	int ret_family;           /* -2 = nothing seen yet, -1 = not a fresh allocation */
	bool ret_can_null;
	const char *ret_via;
	int ret_param;            /* -2 = nothing seen yet, -1 = not a parameter */
	int ret_const_state;      /* 0 = nothing seen yet, 1 = ret_const so far, 2 = varies */
	long long ret_const;
	uint8_t *param_freed;     /* per param: bit 1 freed on some return, bit 2 not freed on some */
	int *param_free_family;   /* per param: family that frees it; -2 none yet, -1 mixed */
	AcFieldTable *fields;     /* TU-wide, owned by the engine */
	const AcFamilies *families;
	bool *param_kept;
} AcFlow;

/* Object ids: site s owns s (newest block) and nsites + s (the block before);
 * parameter i points to 2 * nsites + i; the block a reallocator's argument
 * held when this function never saw it allocated (self->data) is
 * 2 * nsites + nparams + s. */
static inline int ac_flow_param_obj(const AcFlow *fl, size_t i) { return (int)(2 * fl->nsites + i); }
static inline int ac_flow_ext_obj(const AcFlow *fl, size_t site)
{
	return (int)(2 * fl->nsites + fl->fn->nparams + site);
}
/* The parameter obj stands for, or -1. */
static inline int ac_flow_param_index(const AcFlow *fl, int obj)
{
	size_t base = 2 * fl->nsites;
	if (obj < 0 || (size_t)obj < base || (size_t)obj >= base + fl->fn->nparams)
		return -1;
	return (int)((size_t)obj - base);
}

/* transfer.c */
void ac_transfer_init(AcFlow *fl, AcDisj *d);                 /* the entry state */
bool ac_transfer_ops(AcFlow *fl, const AcBlock *b, AcDisj *d); /* false: the path ended */
/* Refines d for the edge of b's branch; false if that edge is infeasible. */
bool ac_transfer_branch(AcFlow *fl, const AcBlock *b, AcDisj *d, bool taken);
void ac_transfer_return(AcFlow *fl, const AcBlock *b, AcDisj *d);
/* An explicit jump (goto, break, continue) inside the body of a NULL check:
 * whatever was called there is expected to come back, so it is no fatal().
 * Returns true if d changed. */
bool ac_transfer_jump_out(AcFlow *fl, const AcBlock *b, AcDisj *d, int succ);
/* Hands the events kept for each allocation site to the rules. */
void ac_transfer_flush_events(AcFlow *fl);
/* Records a real decision (both edges feasible) in d's trail; before is the
 * state ahead of the branch. */
void ac_transfer_note_branch(AcFlow *fl, const AcBlock *b, AcDisj *d, const AcDisj *before, bool taken);

/* flow.c: walks fl->fn; returns false if the step budget or the TU's time
 * ran out. */
bool ac_flow_walk(AcFlow *fl);

#endif
