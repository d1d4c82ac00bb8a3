/*
 * test_state: snapshots whose objects are pooled chunks (AcObjPool) read,
 * compare, hash and join as flat ones do, and share what did not change.
 */
#include <stdint.h>

#include "arena.h"
#include "mem.h"
#include "state.h"
#include "test.h"

static const AcTrail trail_a, trail_b;

/* A working copy with some facts in every field, varied by seed. */
static void fill(AcDisj *d, uint32_t seed)
{
	for (uint32_t i = 0; i < d->nobjs; i++) {
		AcObj *o = &d->objs[i];
		o->status = (uint8_t)((i + seed) % 8);
		o->null = (uint8_t)(i % 4);
		o->quiet = (uint8_t)(i % 2);
		o->zeroed = (uint8_t)(i % 3 == 0);
		o->null_region = (int32_t)(i % 5) - 1;
		o->self_assigned = (uint8_t)(i % 7 == 0);
		o->needs_proof = (uint8_t)(i % 11 == 0);
		o->freed = (uint16_t)(i % 13);
		o->prev = (int32_t)i - 1;
		o->holder = (int32_t)(i % 3);
		o->born = i % 2 ? &trail_a : &trail_b;
	}
	ac_disj_set(d, 3, ac_val_obj(1));
	ac_disj_set(d, 7, ac_val_zero());
	ac_disj_set_fact(d, 4, true);
}

static int same_objs(const AcDisj *a, const AcDisj *b)
{
	if (a->nobjs != b->nobjs)
		return 0;
	for (uint32_t i = 0; i < a->nobjs; i++) {
		const AcObj *x = &a->objs[i], *y = &b->objs[i];
		if (x->status != y->status || x->null != y->null || x->quiet != y->quiet || x->zeroed != y->zeroed ||
		    x->null_region != y->null_region || x->self_assigned != y->self_assigned ||
		    x->needs_proof != y->needs_proof || x->freed != y->freed || x->prev != y->prev ||
		    x->holder != y->holder || x->born != y->born)
			return 0;
	}
	return 1;
}

static void test_pool(uint32_t nobjs)
{
	AcArena a = {0};
	AcObjPool pool;
	ac_obj_pool_init(&pool, &a, nobjs);
	AcDisj w, back;
	ac_disj_init(&w, nobjs);
	ac_disj_init(&back, nobjs);
	fill(&w, 1);
	const AcDisj *flat = ac_disj_snapshot(&a, &w);
	const AcDisj *p1 = ac_disj_snapshot_pooled(&a, &pool, &w);
	const AcDisj *p2 = ac_disj_snapshot_pooled(&a, &pool, &w);
	ASSERT(1, p1->objs == NULL && p1->chunks != NULL);
	ASSERT(1, p1->chunks == p2->chunks); /* equal states: one array of chunks */
	ASSERT(1, p1->hash == flat->hash);
	ASSERT(1, ac_disj_equal(p1, flat));
	ASSERT(1, ac_disj_equal(flat, p1));
	ASSERT(0, ac_disj_distance(p1, flat, SIZE_MAX));
	ac_disj_copy(&back, p1);
	ASSERT(1, same_objs(&back, &w)); /* every field back, trail and release index too */

	/* One object changed: its chunk is new, the others are shared. */
	uint32_t last = nobjs - 1;
	w.objs[last].status = (uint8_t)(w.objs[last].status == AC_OBJ_FREED ? AC_OBJ_OWNED : AC_OBJ_FREED);
	const AcDisj *p3 = ac_disj_snapshot_pooled(&a, &pool, &w);
	const AcDisj *flat3 = ac_disj_snapshot(&a, &w);
	uint32_t nchunks = (nobjs + AC_OBJ_CHUNK - 1) / AC_OBJ_CHUNK, shared = 0;
	for (uint32_t c = 0; c < nchunks; c++)
		shared += p3->chunks[c] == p1->chunks[c];
	ASSERT(nchunks - 1, shared);
	ASSERT(0, ac_disj_equal(p3, p1));
	ASSERT(0, ac_disj_equal(p3, flat));
	ASSERT(4, ac_disj_distance(p3, p1, SIZE_MAX));
	ASSERT(4, ac_disj_distance(p3, flat, SIZE_MAX));
	ASSERT(4, ac_disj_distance(p3, flat, 5)); /* below the bound: exact */
	ASSERT(1, ac_disj_distance(p3, flat, 3) >= 3 && ac_disj_distance(p3, flat, 3) <= 4);
	ASSERT(1, p3->hash == flat3->hash);

	/* A join with a pooled state is a join with the flat one. */
	AcDisj j1, j2;
	ac_disj_init(&j1, nobjs);
	ac_disj_init(&j2, nobjs);
	ac_disj_copy(&j1, p1);
	ac_disj_join(&j1, p3);
	ac_disj_copy(&j2, flat);
	ac_disj_join(&j2, flat3);
	ASSERT(1, same_objs(&j1, &j2));
	ASSERT(AC_OBJ_TOP, j1.objs[last].status);
	ac_disj_fini(&j1);
	ac_disj_fini(&j2);

	ac_disj_fini(&w);
	ac_disj_fini(&back);
	ac_obj_pool_fini(&pool);
	ac_arena_free(&a);
	ASSERT(0, ac_mem_live_blocks());
}

int main(void)
{
	test_pool(1);
	test_pool(21);  /* a short last chunk */
	test_pool(64);
	test_pool(900); /* more chunks than the snapshot's buffer on the stack */
	return test_done();
}
