/*
 * state: disjunct operations. Bindings are a sorted array searched by
 * bisection; bindings and facts are small (the places that hold pointers,
 * flags and tests), so copying them per block visit is cheaper than sharing
 * structure. The object array is not small (three objects per allocation
 * site) and changes seldom: snapshots share equal ones (AcObjPool).
 */
#include "state.h"

#include <assert.h>
#include <string.h>

#include "mem.h"

enum { MAX_FACTS = 256 }; /* branch outcomes one disjunct remembers (see ac_disj_set_fact) */

bool ac_val_equal(AcVal a, AcVal b)
{
	if (a.kind != b.kind)
		return false;
	if (a.kind == AC_VAL_OBJ)
		return a.obj == b.obj && a.pol == b.pol && a.before == b.before;
	if (a.kind == AC_VAL_BOOL)
		return a.obj == b.obj && a.pol == b.pol;
	if (a.kind == AC_VAL_NONZERO)
		return a.pol == b.pol && a.obj == b.obj;
	if (a.kind == AC_VAL_UNKNOWN)
		return a.obj == b.obj || (a.obj < 0 && b.obj < 0); /* a symbol */
	return true;
}

void ac_disj_init(AcDisj *d, uint32_t nobjs)
{
	memset(d, 0, sizeof *d);
	d->nobjs = nobjs;
	d->objs = ac_calloc(nobjs ? nobjs : 1, sizeof *d->objs);
	for (uint32_t i = 0; i < nobjs; i++)
		d->objs[i].prev = d->objs[i].null_region = -1; /* size_sym 0: none */
}

void ac_disj_fini(AcDisj *d)
{
	ac_free(d->facts);
	ac_free(d->binds);
	ac_free(d->objs);
	memset(d, 0, sizeof *d);
}

static void reserve(AcDisj *d, uint32_t need)
{
	if (need <= d->cap)
		return;
	uint32_t cap = d->cap ? d->cap * 2 : 16;
	while (cap < need)
		cap *= 2;
	d->binds = ac_realloc(d->binds, cap * sizeof *d->binds);
	d->cap = cap;
}

static void copy_facts(AcDisj *dst, const AcDisj *src)
{
	if (src->nfacts > dst->fcap) {
		dst->fcap = src->nfacts * 2;
		dst->facts = ac_realloc(dst->facts, dst->fcap * sizeof *dst->facts);
	}
	if (src->nfacts)
		memcpy(dst->facts, src->facts, src->nfacts * sizeof *src->facts);
	dst->nfacts = src->nfacts;
}

void ac_disj_copy(AcDisj *dst, const AcDisj *src)
{
	copy_facts(dst, src);
	reserve(dst, src->nbinds);
	if (src->nbinds)
		memcpy(dst->binds, src->binds, src->nbinds * sizeof *src->binds);
	dst->nbinds = src->nbinds;
	if (dst->nobjs != src->nobjs) {
		ac_free(dst->objs);
		dst->objs = ac_calloc(src->nobjs ? src->nobjs : 1, sizeof *dst->objs);
		dst->nobjs = src->nobjs;
	}
	if (src->chunks) {
		for (uint32_t at = 0; at < src->nobjs; at += AC_OBJ_CHUNK) {
			uint32_t n = src->nobjs - at < AC_OBJ_CHUNK ? src->nobjs - at : AC_OBJ_CHUNK;
			memcpy(&dst->objs[at], src->chunks[at / AC_OBJ_CHUNK], n * sizeof *dst->objs);
		}
	} else if (src->nobjs) {
		memcpy(dst->objs, src->objs, src->nobjs * sizeof *src->objs);
	}
	dst->trail = src->trail;
	dst->last_jump = src->last_jump;
	dst->hash = 0;
	dst->base = src->chunks ? src->chunks : src->base;
}

/* Object i of d, flat or in chunks. */
static inline const AcObj *obj_at(const AcDisj *d, uint32_t i)
{
	return d->chunks ? &d->chunks[i / AC_OBJ_CHUNK][i % AC_OBJ_CHUNK] : &d->objs[i];
}

static uint32_t mix(uint32_t h, uint32_t v)
{
	return (h ^ v) * 16777619u;
}

static uint32_t compute_hash(const AcDisj *d)
{
	uint32_t h = 2166136261u;
	/* A count above 0 always comes with its array (reserve() and the
	 * snapshot allocate before they count); said here for the analysers. */
	assert(d->binds || d->nbinds == 0);
	assert(d->facts || d->nfacts == 0);
	assert(d->objs || d->chunks || d->nobjs == 0);
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *b = &d->binds[i];
		h = mix(h, (uint32_t)b->place);
		h = mix(h, b->val.kind | (b->val.pol << 4) | (b->val.before << 5) | ((uint32_t)b->val.obj << 8));
	}
	for (uint32_t i = 0; i < d->nfacts; i++)
		h = mix(h, d->facts[i]);
	for (uint32_t i = 0; i < d->nobjs; i++) {
		const AcObj *o = obj_at(d, i);
		h = mix(h, o->status | (o->null << 4) | (o->quiet << 7) | (o->self_assigned << 6) |
		             ((uint32_t)o->zeroed << 3) | ((uint32_t)o->prev << 8));
	}
	return h ? h : 1;
}


static bool obj_identical(const AcObj *a, const AcObj *b)
{
	return a->status == b->status && a->null == b->null && a->quiet == b->quiet && a->zeroed == b->zeroed &&
	       a->null_region == b->null_region && a->self_assigned == b->self_assigned &&
	       a->needs_proof == b->needs_proof && a->freed == b->freed && a->prev == b->prev &&
	       a->holder == b->holder && a->born == b->born && a->size_sym == b->size_sym;
}

uint32_t ac_disj_hash(const AcDisj *d)
{
	return compute_hash(d);
}

/* Over every field (padding excluded): objects equal here are interchangeable. */
static uint32_t objs_hash(const AcObj *o, uint32_t n)
{
	uint32_t h = 2166136261u;
	for (uint32_t i = 0; i < n; i++) {
		h = mix(h, o[i].status | (uint32_t)o[i].null << 8 | (uint32_t)o[i].quiet << 16 | (uint32_t)o[i].zeroed << 24);
		h = mix(h, (uint32_t)o[i].null_region);
		h = mix(h, o[i].self_assigned | (uint32_t)o[i].needs_proof << 8 | (uint32_t)o[i].freed << 16);
		h = mix(h, (uint32_t)o[i].prev);
		h = mix(h, (uint32_t)o[i].holder ^ (uint32_t)o[i].size_sym << 16);
		uintptr_t b = (uintptr_t)o[i].born;
		h = mix(h, (uint32_t)b ^ (uint32_t)(b >> 16 >> 16));
	}
	return h;
}

void ac_obj_pool_init(AcObjPool *p, AcArena *a, uint32_t nobjs)
{
	memset(p, 0, sizeof *p);
	p->arena = a;
	p->nobjs = nobjs;
	p->nchunks = (nobjs + AC_OBJ_CHUNK - 1) / AC_OBJ_CHUNK;
}

void ac_obj_pool_fini(AcObjPool *p)
{
	ac_free(p->chunks.slot);
	ac_free(p->chunks.hash);
	ac_free(p->arrays.slot);
	ac_free(p->arrays.hash);
	memset(p, 0, sizeof *p);
}

static void table_grow(AcPoolTable *t)
{
	size_t cap = t->cap ? t->cap * 2 : 256;
	const void **slot = ac_calloc(cap, sizeof *slot);
	uint32_t *hash = ac_calloc(cap, sizeof *hash);
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->slot[i])
			continue;
		size_t j = t->hash[i] & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = t->slot[i];
		hash[j] = t->hash[i];
	}
	ac_free(t->slot);
	ac_free(t->hash);
	t->slot = slot;
	t->hash = hash;
	t->cap = cap;
}

/* The pool's chunk equal to o[0..n), kept there if new. */
static const AcObj *intern_chunk(AcObjPool *p, const AcObj *o, uint32_t n)
{
	AcPoolTable *t = &p->chunks;
	if (2 * (t->n + 1) > t->cap)
		table_grow(t);
	uint32_t h = mix(objs_hash(o, n), n);
	size_t i = h & (t->cap - 1);
	for (; t->slot[i]; i = (i + 1) & (t->cap - 1)) {
		const AcObj *c = t->slot[i];
		if (t->hash[i] != h)
			continue;
		uint32_t k = 0;
		while (k < n && obj_identical(&c[k], &o[k]))
			k++;
		if (k == n)
			return c;
	}
	AcObj *copy = AC_ARENA_ARRAY(p->arena, AcObj, n);
	memcpy(copy, o, n * sizeof *o);
	t->slot[i] = copy;
	t->hash[i] = h;
	t->n++;
	p->bytes += n * sizeof *o;
	return copy;
}

/* The pool's array of chunks equal to v (nchunks entries), kept there if new. */
static const AcObj *const *intern_array(AcObjPool *p, const AcObj *const *v)
{
	AcPoolTable *t = &p->arrays;
	if (2 * (t->n + 1) > t->cap)
		table_grow(t);
	uint32_t h = 2166136261u;
	for (uint32_t c = 0; c < p->nchunks; c++) {
		uintptr_t x = (uintptr_t)v[c];
		h = mix(h, (uint32_t)x ^ (uint32_t)(x >> 16 >> 16));
	}
	size_t i = h & (t->cap - 1);
	for (; t->slot[i]; i = (i + 1) & (t->cap - 1)) {
		if (t->hash[i] == h && memcmp(t->slot[i], v, p->nchunks * sizeof *v) == 0)
			return t->slot[i];
	}
	const AcObj **copy = AC_ARENA_ARRAY(p->arena, const AcObj *, p->nchunks);
	memcpy(copy, v, p->nchunks * sizeof *v);
	t->slot[i] = copy;
	t->hash[i] = h;
	t->n++;
	p->bytes += p->nchunks * sizeof *v;
	return copy;
}

static bool chunk_unchanged(const AcObj *o, const AcObj *base, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		if (!obj_identical(&o[k], &base[k]))
			return false;
	}
	return true;
}

/* d's objects as the pool's chunks (d->nobjs == p->nobjs > 0). */
static const AcObj *const *pool_chunks(AcObjPool *p, const AcDisj *d)
{
	enum { LOCAL = 64 };
	const AcObj *local[LOCAL] = {0};
	const AcObj **v = p->nchunks <= LOCAL ? local : ac_calloc(p->nchunks, sizeof *v);
	for (uint32_t c = 0; c < p->nchunks; c++) {
		uint32_t at = c * AC_OBJ_CHUNK, n = p->nobjs - at < AC_OBJ_CHUNK ? p->nobjs - at : AC_OBJ_CHUNK;
		if (d->chunks)
			v[c] = d->chunks[c];
		else if (d->base && chunk_unchanged(&d->objs[at], d->base[c], n))
			v[c] = d->base[c]; /* what intern_chunk would find, without hashing it */
		else
			v[c] = intern_chunk(p, &d->objs[at], n);
	}
	const AcObj *const *r = intern_array(p, v);
	if (v != local)
		ac_free(v);
	return r;
}

const AcDisj *ac_disj_snapshot_pooled(AcArena *a, AcObjPool *pool, const AcDisj *d)
{
	AcDisj *s = AC_ARENA_NEW(a, AcDisj);
	*s = *d;
	s->base = NULL;
	s->cap = d->nbinds;
	s->binds = NULL;
	if (d->nbinds) {
		s->binds = AC_ARENA_ARRAY(a, AcBind, d->nbinds);
		memcpy(s->binds, d->binds, d->nbinds * sizeof *d->binds);
	}
	s->fcap = d->nfacts;
	s->facts = NULL;
	if (d->nfacts) {
		s->facts = AC_ARENA_ARRAY(a, uint32_t, d->nfacts);
		memcpy(s->facts, d->facts, d->nfacts * sizeof *d->facts);
	}
	if (pool && d->nobjs == pool->nobjs && d->nobjs) {
		s->objs = NULL;
		s->chunks = pool_chunks(pool, d);
	} else {
		s->chunks = NULL;
		s->objs = AC_ARENA_ARRAY(a, AcObj, d->nobjs ? d->nobjs : 1);
		if (d->chunks) {
			for (uint32_t i = 0; i < d->nobjs; i++)
				s->objs[i] = *obj_at(d, i);
		} else if (d->nobjs) {
			memcpy(s->objs, d->objs, d->nobjs * sizeof *d->objs);
		}
	}
	s->hash = d->hash ? d->hash : compute_hash(s); /* a working copy may come with its hash */
	return s;
}

const AcDisj *ac_disj_snapshot(AcArena *a, const AcDisj *d)
{
	return ac_disj_snapshot_pooled(a, NULL, d);
}

/* Index of the first binding with place >= place. */
static uint32_t lower_bound(const AcDisj *d, int place)
{
	uint32_t lo = 0, hi = d->nbinds;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (d->binds[mid].place < place)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

AcVal ac_disj_get(const AcDisj *d, int place)
{
	uint32_t i = lower_bound(d, place);
	if (i < d->nbinds && d->binds[i].place == place)
		return d->binds[i].val;
	return ac_val_unknown();
}

void ac_disj_set(AcDisj *d, int place, AcVal v)
{
	uint32_t i = lower_bound(d, place);
	bool present = i < d->nbinds && d->binds[i].place == place;
	if (v.kind == AC_VAL_UNKNOWN && v.obj < 0) {
		if (present) {
			memmove(&d->binds[i], &d->binds[i + 1], (d->nbinds - i - 1) * sizeof *d->binds);
			d->nbinds--;
		}
		return;
	}
	if (!present) {
		reserve(d, d->nbinds + 1);
		memmove(&d->binds[i + 1], &d->binds[i], (d->nbinds - i) * sizeof *d->binds);
		d->nbinds++;
	}
	d->binds[i].place = place;
	d->binds[i].val = v;
}

bool ac_disj_identical(const AcDisj *a, const AcDisj *b)
{
	if (a->nbinds != b->nbinds || a->nobjs != b->nobjs || a->nfacts != b->nfacts || a->trail != b->trail ||
	    a->last_jump.file != b->last_jump.file || a->last_jump.line != b->last_jump.line ||
	    a->last_jump.col != b->last_jump.col)
		return false;
	if (a->nfacts && memcmp(a->facts, b->facts, a->nfacts * sizeof *a->facts) != 0)
		return false;
	for (uint32_t i = 0; i < a->nbinds; i++) {
		const AcBind *x = &a->binds[i], *y = &b->binds[i];
		if (x->place != y->place || x->val.kind != y->val.kind || x->val.pol != y->val.pol ||
		    x->val.before != y->val.before || x->val.obj != y->val.obj)
			return false;
	}
	for (uint32_t i = 0; i < a->nobjs; i++) {
		if (!obj_identical(obj_at(a, i), obj_at(b, i)))
			return false;
	}
	return true;
}

static bool obj_equal(const AcObj *a, const AcObj *b)
{
	return a->status == b->status && a->null == b->null && a->quiet == b->quiet && a->prev == b->prev &&
	       a->null_region == b->null_region && a->self_assigned == b->self_assigned &&
	       a->needs_proof == b->needs_proof && a->zeroed == b->zeroed && a->holder == b->holder &&
	       a->size_sym == b->size_sym;
}

bool ac_disj_equal(const AcDisj *a, const AcDisj *b)
{
	if (a->hash && b->hash && a->hash != b->hash)
		return false;
	if (a->nbinds != b->nbinds || a->nobjs != b->nobjs || a->nfacts != b->nfacts)
		return false;
	if (a->nfacts && memcmp(a->facts, b->facts, a->nfacts * sizeof *a->facts) != 0)
		return false;
	for (uint32_t i = 0; i < a->nbinds; i++) {
		if (a->binds[i].place != b->binds[i].place || !ac_val_equal(a->binds[i].val, b->binds[i].val))
			return false;
	}
	for (uint32_t i = 0; i < a->nobjs; i++) {
		if (a->chunks && b->chunks && i % AC_OBJ_CHUNK == 0 &&
		    a->chunks[i / AC_OBJ_CHUNK] == b->chunks[i / AC_OBJ_CHUNK]) {
			i += AC_OBJ_CHUNK - 1; /* one chunk: equal */
			continue;
		}
		if (!obj_equal(obj_at(a, i), obj_at(b, i)))
			return false;
	}
	return true;
}

size_t ac_disj_distance(const AcDisj *a, const AcDisj *b, size_t bound)
{
	size_t diff = a->nfacts > b->nfacts ? a->nfacts - b->nfacts : b->nfacts - a->nfacts;
	/* a binding of one list that the other lacks counts one */
	if (diff + (a->nbinds > b->nbinds ? a->nbinds - b->nbinds : b->nbinds - a->nbinds) >= bound)
		return bound;
	uint32_t n = a->nobjs < b->nobjs ? a->nobjs : b->nobjs;
	for (uint32_t k = 0; k < n && diff < bound; k++) {
		if (a->chunks && b->chunks && k % AC_OBJ_CHUNK == 0 &&
		    a->chunks[k / AC_OBJ_CHUNK] == b->chunks[k / AC_OBJ_CHUNK]) {
			k += AC_OBJ_CHUNK - 1; /* one chunk: equal */
			continue;
		}
		diff += 4 * !obj_equal(obj_at(a, k), obj_at(b, k)); /* object facts matter most */
	}
	uint32_t i = 0, j = 0;
	while ((i < a->nbinds || j < b->nbinds) && diff < bound) {
		if (j >= b->nbinds || (i < a->nbinds && a->binds[i].place < b->binds[j].place)) {
			diff++, i++;
		} else if (i >= a->nbinds || b->binds[j].place < a->binds[i].place) {
			diff++, j++;
		} else {
			diff += !ac_val_equal(a->binds[i].val, b->binds[j].val);
			i++, j++;
		}
	}
	return diff;
}

static void blur_value(AcDisj *d, AcVal v)
{
	if ((v.kind == AC_VAL_OBJ || v.kind == AC_VAL_BOOL) && v.obj >= 0 && (uint32_t)v.obj < d->nobjs) {
		if (v.kind == AC_VAL_OBJ)
			d->objs[v.obj].status = AC_OBJ_TOP;
	}
}

static void join_objs(AcDisj *a, const AcDisj *b)
{
	for (uint32_t k = 0; k < a->nobjs && k < b->nobjs; k++) {
		AcObj *x = &a->objs[k];
		const AcObj *y = obj_at(b, k);
		if (x->status != y->status || x->prev != y->prev)
			x->status = AC_OBJ_TOP;
		/* The path where the allocation failed joined with one where it
		 * did not: what the code decided from that (an error code it set)
		 * is lost with the join, so the block's fate is no longer known. */
		if (x->status == AC_OBJ_OWNED && ((x->null == AC_NULL_NULL && y->null == AC_NULL_NONNULL) ||
		                                  (x->null == AC_NULL_NONNULL && y->null == AC_NULL_NULL)))
			x->status = AC_OBJ_TOP;
		if (x->null != y->null)
			x->null = AC_NULL_CHECKED;
		x->quiet |= y->quiet;
		if (x->null_region != y->null_region)
			x->null_region = -1;
		x->self_assigned |= y->self_assigned;
		x->needs_proof |= y->needs_proof;
		x->zeroed &= y->zeroed;
		if (x->holder != y->holder)
			x->holder = 0;
		if (x->size_sym != y->size_sym)
			x->size_sym = 0; /* the relation holds on one side only: none */
	}
}

void ac_disj_join(AcDisj *a, const AcDisj *b)
{
	/* Walk both sorted lists; keep only bindings that agree. */
	AcBind *out = ac_malloc((a->nbinds ? a->nbinds : 1) * sizeof *out);
	uint32_t n = 0, i = 0, j = 0;
	while (i < a->nbinds || j < b->nbinds) {
		if (j >= b->nbinds || (i < a->nbinds && a->binds[i].place < b->binds[j].place)) {
			blur_value(a, a->binds[i++].val);
		} else if (i >= a->nbinds || b->binds[j].place < a->binds[i].place) {
			blur_value(a, b->binds[j++].val);
		} else {
			AcVal x = a->binds[i].val, y = b->binds[j].val;
			if (ac_val_equal(x, y)) {
				out[n++] = a->binds[i];
			} else if (x.kind == y.kind && !x.pol && !y.pol && x.kind == AC_VAL_NONZERO) {
				out[n] = a->binds[i]; /* two addresses that are not a heap block: not NULL */
				out[n++].val = ac_val_nonzero();
			} else if (x.kind == AC_VAL_OBJ && y.kind == AC_VAL_OBJ && x.obj == y.obj) {
				out[n] = a->binds[i]; /* into the same block: maybe at its start */
				out[n++].val = ac_val_obj(x.obj);
			} else {
				blur_value(a, a->binds[i].val);
				blur_value(a, b->binds[j].val);
			}
			i++, j++;
		}
	}
	join_objs(a, b);
	/* Keep only the outcomes both sides recorded alike. */
	uint32_t nf = 0;
	for (uint32_t x = 0; x < a->nfacts; x++) {
		for (uint32_t y = 0; y < b->nfacts; y++) {
			if (a->facts[x] == b->facts[y]) {
				a->facts[nf++] = a->facts[x];
				break;
			}
		}
	}
	a->nfacts = nf;
	if (a->nbinds)
		memcpy(a->binds, out, n * sizeof *out);
	a->nbinds = n;
	ac_free(out);
	a->hash = 0;
}

int ac_disj_fact(const AcDisj *d, uint32_t key)
{
	for (uint32_t i = 0; i < d->nfacts; i++) {
		if (d->facts[i] >> 1 == key)
			return (int)(d->facts[i] & 1);
	}
	return -1;
}

void ac_disj_set_fact(AcDisj *d, uint32_t key, bool truth)
{
	uint32_t f = key << 1 | truth, i = 0;
	while (i < d->nfacts && d->facts[i] >> 1 < key)
		i++;
	if (i < d->nfacts && d->facts[i] >> 1 == key) {
		d->facts[i] = f;
		return;
	}
	if (d->nfacts == d->fcap) {
		d->fcap = d->fcap ? d->fcap * 2 : 8;
		d->facts = ac_realloc(d->facts, d->fcap * sizeof *d->facts);
	}
	memmove(&d->facts[i + 1], &d->facts[i], (d->nfacts - i) * sizeof *d->facts);
	d->facts[i] = f;
	d->nfacts++;
	if (d->nfacts > MAX_FACTS) {
		/* Forget the lowest key (the condition earliest in the function):
		 * forgetting only loses precision, and keeps a chain of 20k
		 * "&& x > i" from costing memory quadratic in its length. */
		memmove(&d->facts[0], &d->facts[1], (d->nfacts - 1) * sizeof *d->facts);
		d->nfacts--;
	}
}

void ac_disj_forget_facts(AcDisj *d, bool (*forget)(uint32_t key, const void *ctx), const void *ctx)
{
	uint32_t out = 0;
	for (uint32_t i = 0; i < d->nfacts; i++) {
		if (!forget(d->facts[i] >> 1, ctx))
			d->facts[out++] = d->facts[i];
	}
	d->nfacts = out;
}
