/*
 * state: one disjunct of the engine's abstract state, and the operations the
 * dataflow needs on it (lookup, bind, compare, join).
 *
 * A disjunct is a conjunction of facts: which abstract value each place holds
 * (sparse, sorted by place id; a place without a binding holds UNKNOWN) and
 * the state of every abstract heap object of the function (dense, indexed by
 * object id). Snapshots stored at block entries are immutable and live in the
 * function's scratch arena; the engine mutates only its working copy.
 */
#ifndef AC_STATE_H
#define AC_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "cfg.h"

typedef enum AcValKind {
	AC_VAL_UNKNOWN, /* anything; never stored in a binding, unless obj >= 0: a symbol,
	                   the same unknown value every place bound to symbol obj holds
	                   (len = j; a size passed to realloc), so that what a test
	                   learns of one holder is known of the others */
	AC_VAL_OBJ,     /* points to (into) heap object obj; pol set: surely not to its
	                   start (p++, &p[2]: an interior pointer), past it or, with
	                   before set, before it (p - 10, p--) */
	AC_VAL_ZERO,    /* NULL / 0 */
	AC_VAL_NONZERO, /* known non-NULL / non-zero, not a tracked object; when pol
	                   is set, obj holds the exact value (a constant assigned);
	                   when not, obj -1 is any such value, obj >= 0 the address
	                   of place obj, and obj <= -2 other memory that is not on
	                   the heap (ac_val_nonheap) */
	AC_VAL_BOOL,    /* non-zero iff (object obj is non-NULL) == pol */
} AcValKind;

typedef struct AcVal {
	uint8_t kind; /* AcValKind */
	bool pol;     /* BOOL; OBJ: interior; NONZERO: exact */
	bool before;  /* OBJ with pol: before the block's start, not past it; without
	                 pol: somewhere in the block, maybe its start (p += n, &p->m),
	                 so that a move back by a constant says nothing */
	int32_t obj;  /* OBJ, BOOL */
} AcVal;

typedef enum AcObjStatus {
	AC_OBJ_NONE,    /* not allocated on this path (yet) */
	AC_OBJ_OWNED,   /* this function must release it or hand it on */
	AC_OBJ_PARAM,   /* the caller's block behind a pointer parameter */
	AC_OBJ_FREED,
	AC_OBJ_ESCAPED, /* handed on: returned, stored to outliving memory, kept by a callee */
	AC_OBJ_PENDING, /* the old block of a realloc whose result is not checked yet */
	AC_OBJ_LOST,    /* became unreachable; already dealt with */
	AC_OBJ_TOP,     /* imprecise after a join: never reported */
} AcObjStatus;

typedef enum AcNullness {
	AC_NULL_UNCHECKED, /* may be NULL and nobody looked */
	AC_NULL_NONNULL,
	AC_NULL_NULL,
	AC_NULL_CHECKED,   /* may be NULL, but a check happened on some path (joined) */
} AcNullness;

/* A persistent list of branch decisions, newest first, shared between
 * disjuncts; used only for the notes of findings. */
typedef struct AcTrail {
	const struct AcTrail *up;
	AcLoc loc;
	const char *msg;
	unsigned depth;
	int block;          /* the branching block the decision was taken at, or -1 */
	bool truth;         /* block's condition key (cond_key) held on this path */
	const char *who;    /* a decision's note when msg is NULL (ac_transfer_trail_msg): the
	                       name of the block tested, or NULL for the branch's condition... */
	bool holds;         /* ...and whether it is non-NULL there, or the condition held */
} AcTrail;

typedef struct AcObj {
	uint8_t status;          /* AcObjStatus */
	uint8_t null;            /* AcNullness */
	uint8_t quiet;           /* NULL, and an opaque call inside the check's branch since:
	                            a NULL use after it may be unreachable (fatal() without noreturn) */
	uint8_t zeroed;          /* from calloc and nothing written into it yet, nor handed
	                            to anyone: every byte read through it is zero */
	int32_t null_region;     /* NULL: the block the check's NULL edge enters, or -1 */
	int32_t size_sym;        /* 1 + the symbol (AcVal) the size argument of the reallocation
	                            that made it held, 0 none: a reallocator returns NULL for a
	                            size of 0, so where the block is not NULL that size is not 0 */
	uint8_t self_assigned;   /* realloc result stored over the only pointer to the old block */
	uint8_t needs_proof;     /* stored through an out-parameter: a leak is reported only once
	                            the block is known to exist (checked, used) */
	uint16_t freed;          /* FREED: 1 + the index of its release in the function's list
	                            (transfer_release.c), 0 when none is known; in the padding */
	int32_t prev;            /* realloc: the object the new block replaces, or -1 */
	int32_t holder;          /* 1 + the object of this function whose member is what handed
	                            this block on (o->buf = malloc(n)), 0 none: released with
	                            its holder still in it, it leaks. With AC_HOLDER_ELEM: an
	                            element (a[i] = malloc(n)), where no binding may remain once
	                            i moves on, so it counts as still in there until something
	                            reads an element that may be it */
	const AcTrail *born;     /* trail when it was allocated (notes start after it) */
} AcObj;

/* In AcObj.holder: held in an element; with AC_HOLDER_LOCAL, 1 + the place of
 * the local array variable (char *a[5], struct s v) whose element holds it,
 * not an object: the block leaks when that variable dies with it inside. */
enum { AC_HOLDER_ELEM = 1 << 30, AC_HOLDER_LOCAL = 1 << 29 };

typedef struct AcBind {
	int32_t place;
	AcVal val;
} AcBind;

typedef struct AcDisj {
	AcBind *binds;        /* sorted by place */
	uint32_t nbinds;
	uint32_t cap;         /* working copies only */
	AcObj *objs;          /* nobjs entries; NULL in a pooled snapshot: */
	const AcObj *const *chunks; /* ... its objects, AC_OBJ_CHUNK per chunk */
	uint32_t nobjs;
	uint32_t *facts;      /* outcomes of branch conditions: key id << 1 | truth, sorted */
	uint32_t nfacts;
	uint32_t fcap;        /* working copies only */
	const AcTrail *trail;
	AcLoc last_jump;      /* the last explicit jump (goto) on the path; like the trail,
	                         only for reporting and ignored by comparisons */
	uint32_t hash;        /* snapshots only; 0 = not computed */
	const AcObj *const *base; /* working copies: the pooled snapshot's chunks it was copied
	                             from (its objects as they were then), or NULL; a snapshot
	                             of it takes those whose objects did not change */
} AcDisj;

/* Working copies use the mem funnel and must be released with ac_disj_fini. */
void ac_disj_init(AcDisj *d, uint32_t nobjs);
void ac_disj_fini(AcDisj *d);
void ac_disj_copy(AcDisj *dst, const AcDisj *src); /* dst is a working copy */

/* An immutable copy of d in arena a, with its hash computed. */
const AcDisj *ac_disj_snapshot(AcArena *a, const AcDisj *d);

/* The hash a snapshot of d would have (a working copy keeps hash 0). */
uint32_t ac_disj_hash(const AcDisj *d);

/* The distinct object arrays of one function's snapshots. A snapshot's
 * object array is dense (every allocation site, twice, and every parameter)
 * while a walk changes it only at allocations, releases and tests: a pooled
 * snapshot holds its objects as chunks of AC_OBJ_CHUNK, each chunk and each
 * array of chunks kept once, so states that differ in one object share the
 * rest (getparameter in curl: 123k snapshots of 292 objects were copies
 * before). Chunks live in the arena given to the pool, its tables in the
 * mem funnel (ac_obj_pool_fini). */
enum { AC_OBJ_CHUNK = 8 };

typedef struct AcPoolTable {
	const void **slot;    /* open addressing, cap entries */
	uint32_t *hash;       /* per slot */
	size_t cap, n;
} AcPoolTable;

typedef struct AcObjPool {
	AcArena *arena;
	uint32_t nobjs;       /* the length of every object array in the pool */
	uint32_t nchunks;
	AcPoolTable chunks;   /* const AcObj[AC_OBJ_CHUNK] (the last chunk of an array shorter) */
	AcPoolTable arrays;   /* const AcObj *[nchunks] */
	size_t bytes;         /* bytes kept (chunks and arrays) */
} AcObjPool;

void ac_obj_pool_init(AcObjPool *p, AcArena *a, uint32_t nobjs);
void ac_obj_pool_fini(AcObjPool *p);
/* ac_disj_snapshot whose objects are chunks shared with the pool's (kept
 * there when new). Such a snapshot has objs NULL and chunks set: only the
 * functions of this header read it. A working copy d whose hash field the
 * caller set to ac_disj_hash(d) (then back to 0) gives its snapshot that
 * hash without computing it again. */
const AcDisj *ac_disj_snapshot_pooled(AcArena *a, AcObjPool *pool, const AcDisj *d);

AcVal ac_disj_get(const AcDisj *d, int place);
void ac_disj_set(AcDisj *d, int place, AcVal v); /* UNKNOWN removes the binding */

/* The recorded outcome of condition key k: 0 false, 1 true, -1 unknown. */
int ac_disj_fact(const AcDisj *d, uint32_t key);
void ac_disj_set_fact(AcDisj *d, uint32_t key, bool truth);
/* Forgets the outcomes for which forget(key, ctx) says so. */
void ac_disj_forget_facts(AcDisj *d, bool (*forget)(uint32_t key, const void *ctx), const void *ctx);

/* Every field equal, the trail and the last jump too: a snapshot of a is
 * interchangeable with b. */
bool ac_disj_identical(const AcDisj *a, const AcDisj *b);

/* Facts equal (the trail is ignored). */
bool ac_disj_equal(const AcDisj *a, const AcDisj *b);

/* How many facts differ (an object's count four): the join picks the
 * closest pair. The count stops at bound: a result below bound is the
 * distance, any other is at least bound and at most the distance. */
size_t ac_disj_distance(const AcDisj *a, const AcDisj *b, size_t bound);

/* Joins b into the working copy a: differing bindings become UNKNOWN, and an
 * object whose facts differ, or that lost a binding, becomes imprecise (TOP)
 * so that it is never reported. */
void ac_disj_join(AcDisj *a, const AcDisj *b);

static inline AcVal ac_val_unknown(void) { return (AcVal){.kind = AC_VAL_UNKNOWN, .pol = false, .obj = -1}; }
/* The unknown value named sym (>= 0): see AC_VAL_UNKNOWN. */
static inline AcVal ac_val_symbol(int sym) { return (AcVal){.kind = AC_VAL_UNKNOWN, .pol = false, .obj = sym}; }
static inline bool ac_val_is_symbol(AcVal v) { return v.kind == AC_VAL_UNKNOWN && v.obj >= 0; }
static inline AcVal ac_val_obj(int obj) { return (AcVal){.kind = AC_VAL_OBJ, .pol = false, .obj = obj}; }
static inline AcVal ac_val_zero(void) { return (AcVal){.kind = AC_VAL_ZERO, .pol = false, .obj = -1}; }
static inline AcVal ac_val_nonzero(void) { return (AcVal){.kind = AC_VAL_NONZERO, .pol = false, .obj = -1}; }
static inline AcVal ac_val_bool(int obj, bool pol) { return (AcVal){.kind = AC_VAL_BOOL, .pol = pol, .obj = obj}; }
/* A constant: ZERO, or NONZERO with the value when it fits in 32 bits. */
static inline AcVal ac_val_const(long long v)
{
	if (v == 0)
		return ac_val_zero();
	if (v < INT32_MIN || v > INT32_MAX)
		return ac_val_nonzero();
	return (AcVal){.kind = AC_VAL_NONZERO, .pol = true, .obj = (int32_t)v};
}
bool ac_val_equal(AcVal a, AcVal b);

/* Addresses that are not on the heap: a variable's (place), or a literal's,
 * a function's, alloca's (AC_NONHEAP_*_ADDR). */
enum {
	AC_NONHEAP_LITERAL_ADDR = 0,
	AC_NONHEAP_FUNCTION_ADDR = 1,
	AC_NONHEAP_ALLOCA_ADDR = 2,
	AC_NONHEAP_STATIC_ADDR = 3, /* a static or global object of another function (a callee returned it) */
};
static inline AcVal ac_val_place_addr(int place) { return (AcVal){.kind = AC_VAL_NONZERO, .pol = false, .obj = place}; }
static inline AcVal ac_val_nonheap(int what) { return (AcVal){.kind = AC_VAL_NONZERO, .pol = false, .obj = -2 - what}; }
static inline bool ac_val_is_nonheap(AcVal v) { return v.kind == AC_VAL_NONZERO && !v.pol && v.obj != -1; }
/* An interior pointer to obj (not to its start): past it, or before it. */
static inline AcVal ac_val_interior(int obj) { return (AcVal){.kind = AC_VAL_OBJ, .pol = true, .obj = obj}; }
static inline AcVal ac_val_before(int obj)
{
	return (AcVal){.kind = AC_VAL_OBJ, .pol = true, .before = true, .obj = obj};
}
/* A pointer into obj, maybe to its start: released, it counts as the start. */
static inline AcVal ac_val_within(int obj) { return (AcVal){.kind = AC_VAL_OBJ, .before = true, .obj = obj}; }

#endif
