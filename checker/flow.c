/*
 * flow: the worklist over one function's blocks.
 *
 * Each block entry keeps a small set of disjuncts (at most max_disjuncts);
 * every disjunct that arrives and is not already there is walked through the
 * block once. Past the bound the two closest disjuncts are joined, which
 * forgets what the two do not know alike (and makes the objects involved
 * imprecise, hence silent); a block that keeps changing is widened to a
 * single disjunct, whose joins only ever forget facts, so the walk
 * terminates, and the step budget (or the TU's deadline, engine.h) stops
 * pathological functions, with a -v note and a count in the run's stats.
 * Blocks are visited in reverse post-order sweeps, so loop bodies settle
 * before their exits are explored further. A disjunct that arrives at a
 * block already holding it is dropped before it is copied: the scratch
 * arena keeps every copy until the walk ends.
 */
#include "flow.h"

#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "loops.h"
#include "mem.h"

enum { WIDEN_AFTER = 64 }; /* changes to one block's set before it is widened */

typedef struct Entry {
	const AcDisj *d;
	bool done;
} Entry;

typedef struct BlockSet {
	Entry *v;
	size_t n;
	size_t cap;
	size_t changes;
	size_t *dist;      /* dim x dim: ac_disj_distance of the entries in slots i and j
	                      (or LOWER | a lower bound of it), NO_DIST until computed;
	                      NULL until the set first overflows */
	size_t dim;
} BlockSet;

#define NO_DIST ((size_t)-1)
#define LOWER (((size_t)-1 >> 1) + 1) /* the top bit: a lower bound, not the distance */

typedef struct Walk {
	AcFlow *fl;
	BlockSet *sets;    /* per block */
	int *rpo;          /* block ids in reverse post-order */
	size_t nrpo;
	AcDisj work;       /* the disjunct being transferred */
	AcDisj tmp;        /* scratch for joins and branches */
	AcDisj other;      /* a branch's second edge */
	AcObjPool objs;    /* the snapshots' object arrays, shared */
} Walk;

/* An immutable copy of d kept until the function is done. */
static const AcDisj *snapshot(Walk *w, const AcDisj *d)
{
	return ac_disj_snapshot_pooled(&w->fl->scratch, &w->objs, d);
}

static void compute_rpo(Walk *w)
{
	const AcFunc *fn = w->fl->fn;
	int *post = ac_malloc(fn->nblocks * sizeof *post);
	size_t n = ac_loops_post_order(fn, post);
	w->rpo = AC_ARENA_ARRAY(&w->fl->scratch, int, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		w->rpo[i] = post[n - 1 - i];
	w->nrpo = n;
	ac_free(post);
}

/* ---- the distances of a set's entries ---------------------------------------------- */

/* A full set compares every pair of its disjuncts each time one more
 * arrives, and all but the new pairs were compared before: each set keeps
 * the distances of its entries by slot, moved along when an entry moves
 * (a cache shared by all blocks lost them in the large functions, where
 * ac_disj_distance was a third of the walk). */
static void forget_slot(BlockSet *s, size_t i)
{
	size_t *dist = s->dist, dim = s->dim; /* locals: a store through dist could change s->dim */
	if (!dist || i >= dim)
		return;
	for (size_t k = 0; k < dim; k++)
		dist[i * dim + k] = dist[k * dim + i] = NO_DIST;
}

/* The entry of slot from moved to slot to. */
static void move_slot(BlockSet *s, size_t from, size_t to)
{
	if (!s->dist || from == to)
		return;
	if (from >= s->dim || to >= s->dim) { /* a slot the matrix does not cover yet */
		forget_slot(s, to);
		return;
	}
	size_t *dist = s->dist, dim = s->dim;
	for (size_t k = 0; k < dim; k++) {
		size_t d = k == from ? NO_DIST : dist[from * dim + k];
		dist[to * dim + k] = dist[k * dim + to] = d;
	}
	dist[to * dim + to] = NO_DIST;
	forget_slot(s, from);
}

/* s->dist, grown to cover the set's slots. */
static void ensure_matrix(Walk *w, BlockSet *s)
{
	if (s->dist && s->dim >= s->n)
		return;
	size_t dim = s->n, *d = AC_ARENA_ARRAY(&w->fl->scratch, size_t, dim * dim);
	for (size_t a = 0; a < dim * dim; a++)
		d[a] = NO_DIST;
	for (size_t a = 0; s->dist && a < s->dim; a++)
		memcpy(&d[a * dim], &s->dist[a * s->dim], s->dim * sizeof *d);
	s->dist = d;
	s->dim = dim;
}

/* Counts the distance of the entries in slots i and j up to bound and
 * keeps it: below bound it is the distance, else a lower bound of it
 * (LOWER set), counted again only under a larger bound. join_closest
 * bounds each count by the closest pair so far, and most pairs are far
 * apart. */
static size_t count_distance(BlockSet *s, size_t i, size_t j, size_t bound)
{
	size_t d = ac_disj_distance(s->v[i].d, s->v[j].d, bound);
	s->dist[i * s->dim + j] = s->dist[j * s->dim + i] = d < bound ? d : d | LOWER;
	return d;
}

/* ---- the sets -------------------------------------------------------------------- */

static void set_push(Walk *w, BlockSet *s, const AcDisj *d)
{
	forget_slot(s, s->n);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 4;
		Entry *v = AC_ARENA_ARRAY(&w->fl->scratch, Entry, s->cap);
		if (s->n)
			memcpy(v, s->v, s->n * sizeof *v);
		s->v = v;
	}
	s->v[s->n].d = d;
	s->v[s->n].done = false;
	s->n++;
}

static bool set_contains(const BlockSet *s, const AcDisj *d)
{
	for (size_t i = 0; i < s->n; i++) {
		if (ac_disj_equal(s->v[i].d, d))
			return true;
	}
	return false;
}

/* Replaces entries i and j by their join (a new, not yet walked entry).
 * plain: the join that keeps only the facts both recorded, so that the
 * single state of a widened block only ever loses facts and its walk
 * ends; and on a cycle, where what one side knows by a value (a counter)
 * changes with every round, so that a fact kept from the other side would
 * make each round a new state (curl's Curl_check_noproxy then ran out of
 * steps). */
static void join_pair(Walk *w, BlockSet *s, size_t i, size_t j, bool plain)
{
	const AcDisj *old = s->v[i].d;
	ac_disj_copy(&w->tmp, old);
	if (plain)
		ac_disj_join(&w->tmp, s->v[j].d);
	else
		ac_transfer_join(w->fl, &w->tmp, s->v[j].d);
	/* Most joins add nothing to entry i (35,601 of the 37,403 in the walk
	 * of lua's luaV_execute): its snapshot stands for the join. */
	const AcDisj *joined = ac_disj_identical(&w->tmp, old) ? old : snapshot(w, &w->tmp);
	s->v[j] = s->v[--s->n];
	move_slot(s, s->n, j);
	if (i == s->n)
		i = j;
	s->v[i].d = joined;
	s->v[i].done = false;
	forget_slot(s, i);
	for (size_t k = 0; k < s->n; k++) {
		if (k != i && ac_disj_equal(s->v[k].d, joined)) {
			s->v[i] = s->v[--s->n]; /* already there */
			move_slot(s, s->n, i);
			break;
		}
	}
}

static void join_closest(Walk *w, BlockSet *s, bool plain)
{
	ensure_matrix(w, s);
	size_t bi = 0, bj = 1, best = (size_t)-1;
	for (size_t i = 0; i < s->n && best > 0; i++) { /* none is closer than 0 */
		const size_t *row = &s->dist[i * s->dim];
		for (size_t j = i + 1; j < s->n && best > 0; j++) {
			size_t d = row[j]; /* a lower bound or NO_DIST is above any count */
			if (d >= best) {
				if (d != NO_DIST && (!(d & LOWER) || (d & ~LOWER) >= best))
					continue; /* known not to be closer */
				d = count_distance(s, i, j, best);
			}
			if (d < best)
				best = d, bi = i, bj = j;
		}
	}
	join_pair(w, s, bi, bj, plain);
}

/* Adds snapshot d to block's set, which does not hold it (held() said so). */
static void push_state(Walk *w, int block, const AcDisj *d)
{
	BlockSet *s = &w->sets[block];
	set_push(w, s, d);
	s->changes++;
	if (s->changes > WIDEN_AFTER) {
		while (s->n > 1)
			join_pair(w, s, 0, 1, true);
		return;
	}
	while (s->n > w->fl->opt->max_disjuncts)
		join_closest(w, s, w->fl->block_scc[block] >= 0);
}


/* Whether block's set holds working copy d already (the trail, which
 * comparisons ignore, aside). *hash: d's hash, for snapshot_hashed. */
static bool held(Walk *w, int block, AcDisj *d, uint32_t *hash)
{
	d->hash = *hash = ac_disj_hash(d);
	bool in = set_contains(&w->sets[block], d);
	d->hash = 0;
	return in;
}

/* snapshot of working copy d, whose hash held() gave (d is unchanged
 * since, but for its trail, which is not hashed). */
static const AcDisj *snapshot_hashed(Walk *w, AcDisj *d, uint32_t hash)
{
	d->hash = hash;
	const AcDisj *s = snapshot(w, d);
	d->hash = 0;
	return s;
}

/* Adds working copy d to block's set unless the set holds it already;
 * snap, when not NULL, is a snapshot of d to use. Returns the snapshot
 * used, or snap. */
static const AcDisj *add_work(Walk *w, int block, AcDisj *d, const AcDisj *snap)
{
	uint32_t hash;
	if (held(w, block, d, &hash))
		return snap;
	if (!snap)
		snap = snapshot_hashed(w, d, hash);
	push_state(w, block, snap);
	return snap;
}

static void follow_branch(Walk *w, const AcBlock *b, const AcDisj *before)
{
	AcFlow *fl = w->fl;
	bool ok[2];
	AcDisj *out[2] = {&w->tmp, &w->other};
	for (int e = 0; e < 2; e++) {
		ac_disj_copy(out[e], before);
		ok[e] = ac_transfer_branch(fl, b, out[e], e == 0);
	}
	for (int e = 0; e < 2; e++) {
		uint32_t hash;
		if (!ok[e] || held(w, b->succ[e], out[e], &hash))
			continue;
		if (ok[1 - e]) /* a real decision: remember it for the notes */
			ac_transfer_note_branch(fl, b, out[e], before, e == 0);
		push_state(w, b->succ[e], snapshot_hashed(w, out[e], hash));
	}
}

static void walk_one(Walk *w, const AcBlock *b, const AcDisj *in)
{
	AcFlow *fl = w->fl;
	fl->cur_block = b->id;
	ac_disj_copy(&w->work, in);
	if (!ac_transfer_ops(fl, b, &w->work))
		return; /* a call that does not return: nothing leaks there */
	switch (b->term) {
	case AC_TERM_RETURN:
		ac_transfer_return(fl, b, &w->work);
		break;
	case AC_TERM_BRANCH:
		if (b->nsucc == 2) {
			follow_branch(w, b, &w->work); /* which it only reads */
			break;
		}
		__attribute__((fallthrough)); /* a malformed branch is walked as a jump */
	case AC_TERM_JUMP: {
		/* What a jump changes does not depend on where it goes: every
		 * successor gets the same state, and one snapshot of it (the
		 * computed goto to the 83 opcodes of lua's luaV_execute made a
		 * copy for each: half of that walk's 79k snapshots). */
		ac_transfer_jump_out(fl, b, &w->work);
		const AcDisj *snap = NULL; /* made once when needed */
		for (size_t i = 0; i < b->nsucc; i++)
			snap = add_work(w, b->succ[i], &w->work, snap);
		break;
	}
	case AC_TERM_NORETURN:
		break;
	}
}

/* One sweep in RPO; returns true if any disjunct was walked. */
static bool sweep(Walk *w)
{
	AcFlow *fl = w->fl;
	bool any = false;
	for (size_t k = 0; k < w->nrpo; k++) {
		const AcBlock *b = &fl->fn->blocks[w->rpo[k]];
		BlockSet *s = &w->sets[b->id];
		for (size_t i = 0; i < s->n; i++) {
			if (s->v[i].done)
				continue;
			if (++fl->steps > fl->opt->step_budget) {
				fl->exhausted = true;
				return false;
			}
			/* The clock is read every 1024 steps: cheap, and a few ms apart. */
			if ((fl->steps & 1023) == 0 && fl->deadline > 0 && ac_engine_now() > fl->deadline) {
				fl->timed_out = true;
				return false;
			}
			s->v[i].done = true;
			any = true;
			walk_one(w, b, s->v[i].d);
		}
	}
	return any;
}

bool ac_flow_walk(AcFlow *fl)
{
	if (!fl->fn->nblocks)
		return true;
	Walk w = {.fl = fl};
	w.sets = AC_ARENA_ARRAY(&fl->scratch, BlockSet, fl->fn->nblocks);
	compute_rpo(&w);
	ac_disj_init(&w.work, fl->nobjs);
	ac_disj_init(&w.tmp, fl->nobjs);
	ac_disj_init(&w.other, fl->nobjs);
	ac_obj_pool_init(&w.objs, &fl->scratch, fl->nobjs);
	ac_transfer_init(fl, &w.work);
	push_state(&w, 0, snapshot(&w, &w.work));
	while (sweep(&w))
		;
	ac_disj_fini(&w.work);
	ac_disj_fini(&w.tmp);
	ac_disj_fini(&w.other);
	ac_obj_pool_fini(&w.objs);
	if (fl->exhausted)
		ac_note_verbose("%s: function '%s': step budget (%zu) exhausted; analysis stopped there",
		                fl->fn->loc.file ? fl->fn->loc.file : fl->tu->path, fl->fn->name, fl->opt->step_budget);
	return !fl->exhausted && !fl->timed_out;
}
