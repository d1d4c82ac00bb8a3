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

/* What a function's return says about a pointer parameter it tests on the
 * way to a path that cannot return (an assertion helper:
 * assert_ptr(a, b, pred) that calls die() unless a and b compare as pred
 * says). */
typedef enum AcParamAssert {
	AC_ASSERT_NONE,
	AC_ASSERT_NONNULL, /* returns only when it is not NULL */
	AC_ASSERT_EITHER,  /* returns or not by a test of it, in a way the summary cannot
	                      tell (it depends on other arguments): after the call the
	                      block's nullness and fate are unknown, as after an opaque call */
} AcParamAssert;

/* What held at one return of a function, in terms of its parameters
 * (never written by it): how an assertion helper whose direction other
 * arguments decide (assert_ptr(a, b, pred): switch (pred) { case NE: if (a
 * != b) return; ... } die();) is read at a call with constant arguments.
 * A caller keeps the returns its arguments allow and learns what all of
 * them say of the asserted block. Facts beyond the arrays are dropped:
 * fewer facts allow more returns and say less. */
enum { AC_RET_FACTS = 4, AC_RET_CONDS = 16 };
typedef struct AcRetCond {
	uint64_t nonnull;   /* pointer parameters not NULL there (bit i: parameter i) */
	uint64_t null;      /* ... NULL there */
	uint8_t nsel, nrel;
	struct {
		uint8_t param;
		long long value;
	} sel[AC_RET_FACTS]; /* parameter == value held (a case label, a test) */
	struct {
		uint8_t a, b;
		bool eq;
	} rel[AC_RET_FACTS]; /* (a == b) was eq (pointer parameters compared) */
} AcRetCond;

/* How a block stored through a parameter (*out = malloc(n)) reaches the
 * caller (AcSummary.out_mode). */
typedef enum AcOutMode {
	AC_OUT_NONE,
	AC_OUT_ALWAYS, /* every return stored a block there (NULL maybe, see out_can_null) */
	AC_OUT_STATUS, /* the returns of 0 stored a block, not NULL; the others, a non-zero
	                  value, stored none: the result tells whether the block exists */
	AC_OUT_SOME,   /* some returns stored one: it counts once the caller shows it exists */
} AcOutMode;

/* What the returns of a function showed of *param (AcFlow.out_seen). */
enum {
	AC_SEEN_STORED = 1,   /* a return with a fresh block there */
	AC_SEEN_NOT = 2,      /* a return without one (NULL, or what was there) */
	AC_SEEN_NULL = 4,     /* a return with one that may be NULL */
	AC_SEEN_STORED_NOT0 = 8,  /* a return with one whose result is not 0 */
	AC_SEEN_NOT_NOTNZ = 16,   /* a return without one whose result is not non-zero */
	AC_SEEN_VALUE = 32,   /* a return whose result is not a constant (it may tell) */
};

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

/* A struct member released through a parameter (self->buf) by one function:
 * left dangling at a return (not set to NULL or to a new block), or released
 * unconditionally by a destructor. Paired once every function has been
 * walked (transfer_release.c, ac_lifetime_check_members). */
typedef struct AcMemberRelease {
	const char *field_key; /* AcPlace.field_key */
	const char *field;     /* the place released, as written ("self->buf") */
	const char *by;        /* the releasing function */
	AcLoc loc;
	const AcFunc *fn;
	int param;             /* the parameter the member is reached through */
	bool unconditional;    /* no decision on the way but tests of the member itself */
} AcMemberRelease;

typedef struct AcFieldTable {
	AC_VEC(AcFieldFamily) families;
	AC_VEC(AcFieldRelease) releases;
	AC_VEC(AcMemberRelease) dangling;    /* left dangling at some return */
	AC_VEC(AcMemberRelease) destructor;  /* released by a destructor */
} AcFieldTable;

/* A lifetime event waiting for the end of the walk, per block and rule. */
typedef struct AcLifeEvent {
	uint32_t key; /* the block (a site's generations share one) or the released place */
	AcEvent ev;
} AcLifeEvent;

/* Where a pointer lies inside what a parameter points to, or inside a
 * struct parameter: the steps from that object (*p, or the struct itself)
 * down to it, each a member (its field key) or a constant index. No step:
 * *p itself (sink(&p) reading p = *pp); one: p[2], p->held or s.held. */
enum { AC_SLOT_STEPS = 4 };
typedef struct AcSlot {
	uint8_t nsteps;
	struct {
		const char *key; /* the member's field key; NULL: an element */
		long index;      /* the element's constant index */
	} step[AC_SLOT_STEPS];
} AcSlot;

/* What callers need to know about a function defined in the program
 * (summary.c computes, encodes and decodes it; program.h links it). */
typedef struct AcSummary {
	bool known;           /* analysed to completion; otherwise calls are opaque */
	bool noreturn;        /* no path returns */
	const AcFamilies *fams; /* the table the family numbers below refer to */
	const char *name;     /* the function */
	AcLoc loc;            /* its definition */
	int ret_family;       /* returns a fresh block of this family, or -1 */
	bool ret_can_null;    /* ... which may be NULL */
	AcLoc null_loc;       /* ... a return where it may be NULL (line 0: unknown) */
	const char *ret_via;  /* the allocator that made it, for messages */
	int ret_param;        /* returns parameter #ret_param unchanged, or -1 */
	bool ret_released;    /* every return gives a block released on its way (allocated and
	                         freed there, or a parameter freed): the caller holds a dangling pointer */
	int ret_nonheap;      /* every return gives memory no allocator returned: a static or
	                         global object, a string literal, a function
	                         (AC_NONHEAP_*_ADDR); -1 otherwise */
	bool ret_is_const;    /* every return gives the same integer constant... */
	long long ret_const;  /* ... this one (if (feature_enabled()) is decided) */
	AcParamEffect *params; /* nparams entries */
	int *param_family;    /* FREES: the family of the function that releases it, or -1 */
	bool writes_any;      /* may write globals not listed below (calls an opaque function) */
	const char **writes;  /* the global variables it (or a callee) writes, by name */
	size_t nwrites;
	bool *param_derefs;   /* dereferenced on every path that returns, unchecked */
	unsigned derefs_if_mask; /* bit i: parameter i dereferenced, unchecked, on every path that
	                            returns where global derefs_if_global, tested first, ... */
	const char *derefs_if_global; /* ... (a link key) ... */
	bool derefs_if_truth;     /* ... is true (non-zero) or false; deref_loc says where */
	unsigned pointee_derefs;  /* bit i: a pointer stored inside what parameter i points to
	                             (sink(&p), sink(slots)) or inside struct parameter i is read
	                             and dereferenced, unchecked, on every path that returns ... */
	const AcSlot *pointee_slot; /* ... per parameter, which one (NULL: *p for every one);
	                               pointee_frees and pointee_reads too */
	AcLoc pointee_loc;        /* ... the first such dereference */
	unsigned pointee_borrowed; /* bit i: the function only reads the pointers stored inside
	                              what parameter i points to (or inside struct parameter i)
	                              and only borrows their blocks: they stay the caller's */
	unsigned pointee_frees; /* bit i: the pointer stored at *parameter i (or in the slot
	                           pointee_slot names) is read and its block
	                           released on every path that returns ... */
	int pointee_family;   /* ... by this family, or -1 */
	unsigned pointee_reads; /* bit i: ... read and read through on every path that returns */
	unsigned pointee_kept; /* bit i: of those, a pointer nothing the function does may
	                          change: after sink(&p), p holds what it held */
	unsigned out_unread;  /* bit i: what pointer parameter i points to is only written, never
	                         read, and i is handed to no call: make (&v) cannot release or
	                         keep the block v held before */
	unsigned untouched;   /* bit i: pointer parameter i is only tested, released or handed
	                         to a callee that does no more (drop (v) { free (v); }): nothing
	                         is read through it, nothing keeps it, so what the caller's
	                         block holds (its elements, its members) stays as it was */
	AcLoc *deref_loc;     /* ... first there */
	const char *flag_global; /* the condition the function tests first, before any call or
	                            store: a global variable that is not a pointer (its link
	                            key), ... */
	int flag_param;       /* ... or a parameter that is not a pointer and is never written;
	                         -1 (a sink that acts only when its caller says so) */
	unsigned frees_if_mask; /* bit i: parameter i is released on every path that returns where
	                           the flag's truth is frees_if_truth */
	bool frees_if_truth;
	int frees_if_family;  /* ... by this family, or -1 */
	unsigned reads_if_mask; /* bit i: parameter i is read through on every path that returns
	                           where the flag's truth is reads_if_truth */
	bool reads_if_truth;
	size_t nparams;
	bool *param_reads;    /* dereferences parameter i on every path that returns (NULL: none) */
	uint8_t *param_asserts; /* AcParamAssert per parameter */
	const AcRetCond *ret_conds; /* an EITHER assertion's returns, what held at each */
	size_t nret_conds;      /* (0: not known) */
	int null_if_param;    /* ret_can_null only where (parameter & null_if_mask) != 0 is
	                         null_if_truth (read_passphrase(prompt, flags) returns NULL
	                         only under flags & RP_ALLOW_EOF), with null_if_eq where
	                         (parameter == null_if_mask) is (copy_argv(argc, argv)
	                         returns NULL only when argc == 0); -1: wherever */
	long long null_if_mask;
	bool null_if_truth;
	bool null_if_eq;
	int null_if_null;     /* ret_can_null only when this pointer parameter is NULL
	                         (g_strdupv (NULL)); -1: no such parameter */
	int block_if_param;   /* returns a fresh block only where this integer parameter is
	                         not 0 (parse_note (ctxt, node, needed)): a caller passing 0
	                         gets none; -1: no such parameter */
	int ret_if_param;     /* returns only where this integer parameter, never written, passes
	                         the test below at every return (err (is_fatal, ...) exits when
	                         is_fatal is not 0): a call passing a constant that fails it
	                         does not return; -1 */
	uint8_t ret_if_shape; /* ... AcCmpShape: the parameter compared with ret_if_const
	                         (AC_CMP_VAR_EQ_CONST with 0 for a test of its value) ... */
	long long ret_if_const;
	bool ret_if_truth;    /* ... and the outcome every return had */
	int grows_param;      /* a reallocator of this pointer parameter: every fresh block it
	                         returns was that parameter's block moved by a reallocation that
	                         may fail (or made where the parameter is NULL), and the
	                         parameter is only borrowed otherwise, so it is still the
	                         caller's where NULL comes back (return realloc (p, n)); -1 */
	const char **frees_globals; /* the global pointers whose blocks it releases on every path that
	                               returns (char *data = held; free(data);), by link name */
	size_t nfrees_globals;
	int global_free_family;     /* ... by this family, or -1 */
	const char **reads_globals; /* the global pointers whose blocks it reads through on every
	                               path that returns, tested or not (char *data = held;
	                               show(data);), but those of derefs_globals, by link name */
	size_t nreads_globals;
	const char **derefs_globals; /* the global pointers whose blocks it dereferences, unchecked,
	                                on every path that returns (char *data = held; *data = 0;),
	                                by link name ... */
	size_t nderefs_globals;
	AcLoc global_deref_loc;     /* ... first there */
	const AcMemberRelease *freed_members; /* members of parameters released and left
	                                         dangling on every path that returns */
	size_t nfreed_members;
	const char *ret_member_key; /* returns a struct by value whose member with this field key
	                               holds a fresh block (make_span: s.base = malloc(n); return s;),
	                               or NULL at every return that holds none; NULL: no such member */
	int ret_member_family;      /* ... of this family */
	bool ret_member_null;       /* ... which may be NULL */
	int out_param;        /* stores a fresh block through this parameter (*out = malloc(n)),
	                         one nothing else kept; -1: none */
	int out_family;       /* ... of this family */
	AcOutMode out_mode;
	bool out_can_null;    /* ALWAYS: the block stored may be NULL */
	bool wr_known;        /* the three below say what the function writes through pointers
	                         (itself or through a callee); false: anything (an opaque call) */
	unsigned wr_params;   /* bit i: it may write into what parameter i points to (or, for a
	                         struct parameter, what its members point to) */
	unsigned wr_deep;     /* bit i: ... also into what is reachable from there (through a
	                         pointer loaded from it), not only into the object itself */
	bool wr_other;        /* it may write memory reached otherwise than through its parameters
	                         (a global's pointee, a pointer of unknown origin) */
	bool wr_typed;        /* every write through a pointer (anywhere) is into a struct member
	                         of wr_fields, or inside one: no other member can change */
	const char **wr_fields; /* ... their field keys (AcPlace.field_key) */
	size_t nwr_fields;
} AcSummary;

/* A branch on a call's result whose failure edge releases variables passed
 * to that call: on the other edge they are handed on (handover.c). */
typedef struct AcHandover {
	int block;       /* the BRANCH block */
	int places[8];   /* the VAR places whose blocks the result took over */
	size_t nplaces;
} AcHandover;

enum { AC_WR_FIELDS = 32 }; /* members written (AcSummary.wr_fields): past this, any */

/* The struct members a branch condition reads through its pointer
 * variables (AcFlow.key_fields), worked out at the first call that may
 * write what those variables lead to. */
enum { AC_KEY_FIELDS = 6 };
typedef struct AcKeyFields {
	uint8_t state; /* 0 not worked out yet, 1 typed: every read through a pointer variable is
	                  a chain of members (p->a.b, p->c->d), 2 some read is not */
	uint8_t n;
	const char *keys[AC_KEY_FIELDS]; /* the members' field keys */
} AcKeyFields;

/* A call site, resolved once per function before the walk. */
typedef struct AcCallInfo {
	const AcCall *call;     /* the call as made: the op's, or, through a pointer known to hold
	                           one function, the call by its name (ac_program_call) */
	const AcFnInfo *fn;     /* built-in knowledge, or NULL */
	const AcSummary *sum;   /* summary of a callee defined in the program, or NULL */
	unsigned nonnull;       /* bit i: argument i must not be NULL (table or summary) */
	const AcNote *origin;   /* a note on the callee in another file, for the site, or NULL */
	int site;               /* the object id this call creates, or -1 */
	bool borrows;           /* opaque callee that is taken to borrow (system header) */
	bool ends_path;         /* never returns */
} AcCallInfo;

/* A key "(X==#K)" or "(#K==X)": X is at key->key + off, len bytes; two such
 * keys on the same X with different constants cannot both hold. */
typedef struct AcKeyEq {
	uint16_t off, len;
	long long value;
} AcKeyEq;

typedef struct AcFlow {
	const struct AcProgram *prog; /* the program fn belongs to */
	const AcTu *tu;
	const AcFunc *fn;
	bool destructor;          /* fn is registered as a type's destructor (program.h) */
	uint32_t null_args;       /* bit i: every call of fn passes NULL as parameter i (a static
	                             function whose callers are all seen: engine.c) */
	const AcEngineOptions *opt;
	AcFindings *out;
	AcArena scratch;          /* snapshots, trails; freed after the function */
	struct AcBranchNotes *branch_notes; /* per block: the notes of its branches (transfer.c),
	                                       NULL until the first */
	size_t *op_base;          /* first op index of each block in calls[] */
	AcCallInfo *calls;        /* per op (NULL-like entries for non-calls) */
	AcAllocSite *sites;       /* per allocation site */
	int *site_family;         /* per allocation site: family number, -1 unknown */
	long long *site_fails_with; /* per allocation site: what it returns on failure instead of
	                             NULL (mmap: -1, MAP_FAILED), 0 for NULL. Such a block is
	                             "NULL" (failed) when equal to that value; a NULL test of it
	                             tells nothing */
	int *site_arg_place;      /* per site: a reallocator's old-pointer argument place, or -1 */
	const char **site_member; /* per site: a call returning a struct whose member with this field
	                             key holds the block (AcSummary.ret_member_key), else NULL */
	bool *site_readonly;      /* per site: a block nothing may write (mmap without PROT_WRITE):
	                             a store into it faults, so the path ends there */
	int *place_realloc_site;  /* per place: a reallocator site whose argument it is, or -1 */
	size_t nsites;
	uint32_t nobjs;           /* 2 * nsites (current and previous generation) + nparams */
	bool *place_escapes;      /* a value stored here outlives the function */
	bool *place_unbindable;   /* an element with unknown index: never bound */
	bool *place_symbolic;     /* a local or parameter (not a pointer) that a branch tests,
	                             alone or against a constant: its unknown value gets a name
	                             (a symbol, state.h) when copied or passed as a size */
	bool *place_clobbered;    /* callees may change it (global or through a pointer) */
	bool *param_private;      /* per place: a pointer parameter the function only dereferences,
	                             tests and compares (never copies, passes on, returns, writes
	                             or takes the address of, nor anything in its block): no call
	                             is handed a way to what it points to, so what is stored there
	                             stays across calls (the caller's other pointers to it are
	                             assumed not to be there, as clang's analyzer assumes) */
	AcVal *place_global;      /* per place: a global variable's value, the same wherever the
	                             program reads it (ac_program_global_value); else unknown.
	                             NULL when no place has one */
	bool *place_indexes;      /* a VAR that indexes some element place (a[i]): writing it
	                             drops the bindings of those elements */
	AcEvent *pending;         /* [site * AC_EV_KIND_COUNT + kind]: the event to report */
	AcEvent *pending_carried; /* same index: events about an earlier loop round's block */
	bool event_loop_carried;  /* the event being raised concerns an earlier round's block */
	int *block_scc;           /* per block: its cyclic strongly connected component, or -1 */
	int *site_block;          /* per allocation site: its block */
	bool *site_handled_in_loop; /* per site: freed or handed on inside its own loop */
	bool elements_held;         /* some walk put a block of this function in an element of
	                               another (AC_HOLDER_ELEM): reads of elements are watched */
	int *loop_reads_off;        /* with elements_held, per cyclic component c: loop_reads
	                               [off[c], off[c + 1]) are the pointers and local arrays
	                               whose elements it reads (free(a[j]), q = p[k], f(*p)) */
	int *loop_reads;
	int cur_block;            /* the block being walked */
	size_t cur_op;            /* ... and its op being walked */
	const AcCondKey **keys;   /* distinct branch-condition keys of the function */
	size_t nkeys;
	int *block_key;           /* per block: index into keys, or -1 */
	bool *key_pointees;       /* per key: it reads memory only through the pointer variables it
	                             hands to pure functions (strcmp(path, "-")), not through
	                             globals, dereferences, members or elements */
	AcKeyEq *key_eq;          /* per key: "(X==#K)" for any X, or len 0 */
	int *key_alone;           /* per key "(X==#K)", K not 0: the key of X tested alone
	                             (if (X), if (!X), X == 0), or -1 */
	int *key_operand;         /* per key "(v<e)" (AC_CMP_VAR_LT_*) whose e is no variable:
	                             the key of e tested alone (if (e)), or -1 */
	AcKeyFields *key_fields;  /* per key: the members it reads through pointer variables */
	AcDominators dom;         /* the function's dominator tree */
	AcHandover **handover;    /* per block, or NULL when the function has none */
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
	int ret_released;         /* -2 = nothing seen yet, 0 = not released, 1 = released so far */
	int ret_nonheap;          /* -2 = nothing seen yet, -1 = not so, else the AC_NONHEAP_*_ADDR
	                             every return so far gave */
	const char *ret_member_key; /* the member of the returned struct holding a fresh block at
	                               the returns so far (AcSummary.ret_member_key), or NULL */
	int ret_member_family;    /* -2 = nothing seen yet, -1 = not so, else its family */
	bool ret_member_null;     /* ... it may be NULL at some return */
	const char *ret_zero_keys[4]; /* the members NULL at every return without a fresh block */
	int nret_zero_keys;       /* -1 = no such return yet */
	int ret_const_state;      /* 0 = nothing seen yet, 1 = ret_const so far, 2 = varies */
	long long ret_const;
	AcLoc ret_null_loc;       /* the first return of a NULL constant */
	bool ret_obj_null;        /* a block that may be NULL is returned ... */
	AcLoc ret_obj_null_loc;   /* ... first there */
	bool ret_fatal;           /* a block is returned past a check whose NULL branch called
	                             what may be a fatal() (an out-of-memory handler): then the
	                             blocks it returns are taken to be non-NULL on every path
	                             (zrealloc(p, 0) returns NULL, but nobody asks for 0 bytes) */
	uint8_t *param_freed;     /* per param: bit 1 freed on some return, bit 2 not freed on some;
	                             with bit 1, bit 4 moved into the block returned (a realloc
	                             tested not NULL) on some, bit 8 released otherwise on some */
	int *param_free_family;   /* per param: family that frees it; -2 none yet, -1 mixed */
	AcFieldTable *fields;     /* TU-wide, owned by the engine */
	const AcFamilies *families;
	bool *param_kept;
	bool *param_ret_maybe_null; /* per param: a return where it may be NULL */
	int *out_family;          /* per param: family of the fresh blocks stored in *param at the
	                             returns; -2 none yet, -1 mixed or not fresh */
	uint8_t *out_seen;        /* per param: AC_SEEN_* bits over the returns */
	bool *site_kept;          /* per site: handed on otherwise than by a store into *param */
	int *param_deref_place;   /* per param: the place *param, or -1 */
	uint32_t null_guards[4];  /* facts (key << 1 | truth) on a flag of a parameter that
	                             every return of NULL so far had */
	size_t nnull_guards;
	int null_guard_state;     /* 0 no NULL returned yet, 1 null_guards hold, 2 none */
	uint64_t null_params;     /* the pointer parameters NULL at every return of NULL so far */
	uint64_t null_zero_params; /* the integer parameters, never written, 0 at every return of
	                              NULL so far */
	uint32_t *ret_guards;     /* outcomes (key << 1 | truth) of comparisons of an integer
	                             parameter, never written, with a constant, that every return
	                             so far had (tested, or implied by others); in scratch */
	size_t nret_guards;
	int ret_guard_state;      /* 0 no return yet, 1 ret_guards and the masks below hold, 2 none */
	uint64_t ret_zero_params; /* the integer parameters, never written, 0 at every return so far */
	uint64_t ret_nonzero_params; /* ... and those not 0 at every return so far */
	uint64_t block_params;    /* the integer parameters, never written, not 0 at every return
	                             of a fresh block so far */
	bool block_returned;      /* a fresh block was returned (block_params holds) */
	uint64_t grown_params;    /* the pointer parameters whose block each return of a fresh block
	                             so far moved by a reallocation not yet settled, or that were
	                             NULL there (AcSummary.grows_param) ... */
	uint64_t grown_seen;      /* ... and those whose block some such return moved */
	AcRetCond ret_conds[AC_RET_CONDS]; /* what held at the returns, distinct ones */
	size_t nret_conds;
	bool ret_conds_lost;      /* more distinct ones than that */
	/* lifetime rules (transfer_release.c) */
	AC_VEC(AcLifeEvent) life_pending; /* the event to report per block and rule */
	AC_VEC(const void *) rel_notes; /* the releases seen (AcObj.freed - 1 indexes it) */
	uint32_t life_base;       /* the first release object (place_relobj) */
	int *place_relobj;        /* per place: the object a pointer of unknown origin it holds
	                             gets when released there (self->buf), or -1 */
	int *var_global;          /* per place: the global pointer a local variable always holds (every
	                             store into it copies that global, which the function never
	                             writes: char *data = held;), else -1 */
	uint8_t *global_freed;    /* per place: a global whose block was released (1) / not (2) at a return */
	int *glob_pairs;          /* (released place, the global whose block it holds) pairs */
	size_t nglob_pairs;
	int global_free_family;   /* the family those places' blocks were released by (-2 none yet,
	                             -1 several or unknown) */
	int *var_param;           /* per place: the parameter a local variable always holds (every
	                             store into it copies that parameter, which is never written:
	                             Foo *self = (Foo *)op), else -1 */
	AC_VEC(AcMemberRelease) member_releases; /* members of parameters released here */
	AC_VEC(AcMemberRelease) member_dangling; /* ... and left dangling at a return */
	bool *place_moves_back;   /* per place: moved back somewhere in the function (p--, p -= k),
	                             so no move of it surely leaves the block's start */
	bool *place_moves_ahead;  /* per place: moved forward or by an amount not known somewhere
	                             in the function, so a move back may undo it (two loops) */
	bool *var_written;        /* per place: a variable the function writes (or whose address it takes) */
	int *param_deref_block;   /* per parameter: a block that dereferences it, or -1 */
	unsigned *block_param_frees; /* per block: the parameters (bit i: parameter i) released
	                                there on some path */
	unsigned *block_param_reads; /* ... read through there on some path */
	int *member_freed_returns; /* per member_dangling entry: the returns that left it dangling,
	                              and the last one (fl->nreturns) that did */
	unsigned wr_params;       /* the writes through pointers seen on the paths walked */
	unsigned wr_deep;         /* (AcSummary.wr_params, wr_deep, wr_other) */
	bool wr_other;
	bool wr_untyped;          /* a write through a pointer into no struct member (or too many) */
	const char *wr_fields[AC_WR_FIELDS]; /* the members written through pointers (field keys) */
	size_t nwr_fields;
	bool *place_lib_lent;     /* per place: a local variable whose address only C library
	                             functions that keep no pointer are handed (engine.c
	                             address_only_to_library); NULL when there is none */
	bool *place_parts;        /* per place: a variable with members or elements of its own
	                             (a struct or an array, not a pointer): what a branch reads
	                             through them is not reached through a pointer variable */
} AcFlow;

enum { AC_LIFE_KINDS = AC_EV_FREE_OFFSET - AC_EV_DOUBLE_FREE + 1 };

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
/* Joins b into the working copy a as ac_disj_join does, keeping also the
 * outcomes of conditions one side recorded and the other knows the same
 * way without a record: by the value of the variable compared, or by its
 * other comparisons (a path that entered case 1 of a switch on level and
 * one that tested level > 6 false both know level > 6 false). */
void ac_transfer_join(const AcFlow *fl, AcDisj *a, const AcDisj *b);
/* Refines d for the edge of b's branch; false if that edge is infeasible. */
bool ac_transfer_branch(AcFlow *fl, const AcBlock *b, AcDisj *d, bool taken);
void ac_transfer_return(AcFlow *fl, const AcBlock *b, AcDisj *d);
/* An explicit jump (goto, break, continue) inside the body of a NULL check:
 * whatever was called there is expected to come back, so it is no fatal().
 * The same for every successor of b. */
void ac_transfer_jump_out(AcFlow *fl, const AcBlock *b, AcDisj *d);
/* Hands the events kept for each allocation site to the rules. */
void ac_transfer_flush_events(AcFlow *fl);
/* The caller's place holding the pointer that callee s releases or reads
 * from inside argument a (parameter i; summary.h pf, pr, ps): p for &p,
 * slots[2] for slots, h.held for a struct h by value; -1 for none. */
int ac_transfer_pointee_arg(const AcFlow *fl, AcOperand a, const AcSummary *s, size_t i);
/* Records a real decision (both edges feasible) in d's trail; before is the
 * state ahead of the branch. */
void ac_transfer_note_branch(AcFlow *fl, const AcBlock *b, AcDisj *d, const AcDisj *before, bool taken);
/* The note of trail node t, made when first asked for a decision's (a
 * path's notes are collected for few of the decisions taken); in
 * fl->scratch. */
const char *ac_transfer_trail_msg(AcFlow *fl, const AcTrail *t);

/* transfer_release.c: the lifetime rules (double-free, use-after-free,
 * free-nonheap, free-offset) over the states transfer.c keeps. */
/* Numbers the release objects (after the allocation sites are known) and
 * grows fl->nobjs; prepares the event slots. */
void ac_lifetime_prepare(AcFlow *fl);
/* A release of v (the value of arg) by function `by` at loc: reports a block
 * released twice, memory not from the heap, a pointer inside a block.
 * Returns false when reported: the release must not go on. */
bool ac_lifetime_release(AcFlow *fl, AcDisj *d, AcOperand arg, AcVal v, const char *by, AcLoc loc);
/* A deallocator or reallocator of the table (not a helper: it may test for
 * its own markers first) handed v, the value of arg: reports a constant
 * address ((void *)1000) and returns true, else returns false. */
bool ac_lifetime_release_constant(AcFlow *fl, AcDisj *d, AcOperand arg, AcVal v, const char *by, AcLoc loc);
/* The value a released argument gets: a pointer the function never saw
 * allocated (self->buf) is bound to the release object of its place, so
 * that what happens to it next (a use, a second release) is seen. */
AcVal ac_lifetime_materialize(AcFlow *fl, AcDisj *d, AcOperand arg, AcVal v);
/* obj was just released (FREED) by `by` at loc; by_realloc: a reallocation
 * that succeeded moved it. */
void ac_lifetime_freed(AcFlow *fl, AcDisj *d, int obj, const char *by, AcLoc loc, bool by_realloc);
/* A use of v (ev says how and where); true when it is a use after free,
 * reported: nothing more is said about that block on this path. */
bool ac_lifetime_use(AcFlow *fl, AcDisj *d, AcVal v, AcEvent *ev);
/* The pointer v is dereferenced (in fl->cur_block). */
void ac_lifetime_deref(AcFlow *fl, AcVal v);
/* The arguments of a call that reads them (non-NULL, borrowers); reads_if:
 * those (bit i: argument i) the callee reads under a flag that holds here. */
void ac_lifetime_call_args(AcFlow *fl, AcDisj *d, const AcOp *op, const AcCallInfo *ci, const AcVal *vals,
                           unsigned reads_if);
/* A release of parameter obj of the function in the block being walked
 * (for the summary's flag effects). */
void ac_lifetime_param_released(AcFlow *fl, int obj);
/* The members of the caller's arguments that a callee's summary leaves released. */
void ac_lifetime_call_members(AcFlow *fl, AcDisj *d, const AcCall *c, const AcCallInfo *ci, AcLoc loc);
/* What a call returns when the callee gives stack memory (alloca). */
AcVal ac_lifetime_call_result(const AcCall *c, AcVal r);
/* Whether a == b for two values one of which is not a heap block: 1, 0, or -1 unknown. */
int ac_lifetime_compare(const AcFlow *fl, const AcDisj *d, AcVal a, AcVal b);
/* Whether binding b survives a call that may write through pointers: a
 * released member stays released across a function that only reads. */
bool ac_lifetime_keeps(const AcFlow *fl, const AcDisj *d, const AcBind *b, const AcCall *c, const AcCallInfo *ci);
/* At a return of v: a freed block returned; members left dangling. */
void ac_lifetime_return(AcFlow *fl, AcDisj *d, const AcBlock *b, AcVal v);
/* A local that holds a parameter under another type (AcFlow.var_param)
 * goes out of scope: the members released through it and not cleared stay
 * dangling in the parameter's object. */
void ac_lifetime_kill(AcFlow *fl, const AcDisj *d, int place);
/* Hands the lifetime events to the rules; records the function's member releases in fl->fields. */
void ac_lifetime_flush(AcFlow *fl);
/* The members a function's summary releases (once it is walked and s is
 * made); then drops the function's lifetime tables. */
void ac_lifetime_summarise(AcArena *a, AcFlow *fl, AcSummary *s);
/* After every function of the TU: a member left dangling by one function and
 * released unconditionally by a destructor. Frees the member tables. */
void ac_lifetime_check_members(const AcTu *tu, AcFieldTable *t, const AcEngineOptions *opt, AcFindings *out);

/* summary.c: the summary of the walk just done (complete: it was not
 * stopped by a budget), in arena. */
AcSummary *ac_summary_make(AcArena *arena, const AcFlow *fl, bool complete);

/* param_uses.c: per pointer parameter of the walked function (bit i:
 * parameter i), from its IR alone. untouched: only tested, released or
 * handed to callees that do no more (AcSummary.untouched). unread: what it
 * points to is only written, never read, and it is handed to no call
 * (AcSummary.out_unread). */
unsigned ac_param_uses_untouched(const AcFlow *fl);
unsigned ac_param_uses_unread(const AcFlow *fl);
/* round_reads.c: operand o of op k of block b, inside a loop, reads the
 * element place that an earlier op of the same round stored, its address
 * made of variables nothing wrote in between: none an earlier round filled. */
bool ac_round_read(AcFlow *fl, int b, size_t k, AcOperand o);
/* An opaque summary of fn (known false). */
AcSummary *ac_summary_opaque(AcArena *arena, const AcFunc *fn, const AcFamilies *fams);
/* The first guess at the summary of fn when it is part of a recursive
 * cycle: it keeps, frees and writes nothing and returns no block (the least
 * a walk can find), so the rounds only add what the bodies show, and a
 * parameter the cycle only passes around stays borrowed (a pessimistic
 * guess, the opaque summary, is never taken back once the cycle relies on
 * it). */
AcSummary *ac_summary_seed(AcArena *arena, const AcFunc *fn, const AcFamilies *fams);
/* The summary as one line of text (no newline), in arena: the form stored
 * by the cache, merge and --program-summaries (summary.h documents it). */
char *ac_summary_encode(AcArena *arena, const AcSummary *s);

/* The place of fn where slot lies inside variable base (the variable whose
 * address a caller passes, or the struct it passes by value), or -1 when
 * fn never names it. */
int ac_summary_slot_place(const AcFunc *fn, int base, const AcSlot *slot);
/* ... the same inside what pointer place ptr points to (o->buf, o[2]). */
int ac_summary_slot_place_via(const AcFunc *fn, int ptr, const AcSlot *slot);
/* Decodes text into a summary whose families refer to fams, in arena;
 * NULL when text is not a summary of this version. */
AcSummary *ac_summary_decode(AcArena *arena, AcIntern *names, const char *text, const AcFamilies *fams);
/* s with its family numbers moved to table to (s itself when it already
 * uses it), in arena. */
const AcSummary *ac_summary_translate(AcArena *arena, const AcSummary *s, const AcFamilies *to);

/* Whether call c passes a constant the summary's ret_if_param test fails
 * at every return of the callee: the call does not return. */
bool ac_summary_call_cannot_return(const AcSummary *s, const AcCall *c);

/* Whether the call (resolved into ci) may write global variables of the
 * program other than those its summary lists: an opaque function may, a
 * library function of the table or of a system header (without a callback)
 * may not. */
bool ac_summary_call_writes_any(const AcCallInfo *ci, const AcCall *c);
/* How far the call may write through its argument i: 0 not at all, 1 into
 * the object the argument points to, 2 also into what is reachable from
 * there. A library function of the table or of a system header writes
 * only into what its non-const arguments point to (2 with a callback); a
 * function defined in the program as its summary says (wr_*); an opaque
 * one anywhere from a non-const argument. */
int ac_summary_call_writes_arg(const AcCallInfo *ci, const AcCall *c, size_t i);
/* Whether the call may write memory not reached through its arguments
 * (through a global pointer, a pointer of unknown origin). */
bool ac_summary_call_writes_other(const AcCallInfo *ci, const AcCall *c);
/* The struct members a function defined in the program writes through
 * pointers (AcSummary.wr_fields): false when it may write other memory too. */
bool ac_summary_call_fields(const AcCallInfo *ci, const char *const **fields, size_t *n);
/* Whether the call's summary says it writes the global variable name. */
bool ac_summary_call_writes(const AcCallInfo *ci, const char *name);
/* ... and whether it may write member (a member of the global struct name;
 * NULL: any part of it). */
bool ac_summary_call_writes_member(const AcCallInfo *ci, const char *name, const char *member);

/* writes.c: what the function being walked writes through pointers
 * (AcFlow.wr_*, for AcSummary.wr_*). */
/* Memory anywhere may have been written (an escape lowering could not place). */
void ac_writes_anything(AcFlow *fl);
/* A store into place dst (d: the state before it). */
void ac_writes_store(AcFlow *fl, const AcDisj *d, int dst);
/* A call (ci, c; vals: its arguments' values) and what it writes. */
void ac_writes_call(AcFlow *fl, const AcDisj *d, const AcCallInfo *ci, const AcCall *c, const AcVal *vals);
/* Whether member place pl has a field key no other member's storage shares
 * (not a union's). */
bool ac_writes_typed_member(const AcPlace *pl);
/* Whether entry of a write list (a field key, or a struct's "...@FI@": any
 * member of that struct) covers the member of field key key. */
/* The pointer place whose block contains place (p for p->a.b, &p[3]), or -1. */
int ac_container_pointer(const AcFunc *fn, int place);
bool ac_writes_field_covers(const char *entry, const char *key);
/* The members branch key number key reads through its pointer variables
 * (worked out once, kept in fl->key_fields). */
const AcKeyFields *ac_writes_key_fields(const AcFlow *fl, uint32_t key);

/* members.c: checks every release of a struct member (fields[g] of each
 * body, and the program's facts from TUs without IR) against the families
 * stored into that member anywhere in the program; findings go to res. */
struct AcProgram;
void ac_members_check(const struct AcProgram *p, const AcFieldTable *fields, const AcRuleSet *rules,
                      AcProgramResult *res);

/* handover.c: fills fl->handover (needs calls and dom). */
void ac_handover_prepare(AcFlow *fl);

/* flow.c: walks fl->fn; returns false if the step budget or the TU's time
 * ran out. */
bool ac_flow_walk(AcFlow *fl);

#endif
