/*
 * transfer: the meaning of each IR operation and terminator for one disjunct,
 * and the events (leak, NULL use) that the rules turn into findings.
 *
 * Objects: allocation site s owns object id s (its newest block) and
 * nsites + s (the block before, while a loop re-runs the site); the block a
 * pointer parameter points to is object 2 * nsites + i. A leak is an OWNED
 * object, not known to be NULL, with no place left pointing to it.
 */
#include "flow.h"
#include "program.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "mem.h"

enum { MAX_PATH_NOTES = 24 };

/* ---- places and objects --------------------------------------------------- */

static bool is_temp(const AcFlow *fl, int place)
{
	return fl->fn->places[place].kind == AC_PLACE_TEMP;
}

/* A place messages do not name: a lowering temporary or generated code's. */
static bool unnamed(const AcFlow *fl, int place)
{
	return is_temp(fl, place) || fl->fn->places[place].generated;
}

static bool derived_from(const AcFunc *fn, int place, int ancestor)
{
	for (int p = fn->places[place].parent; p >= 0; p = fn->places[p].parent) {
		if (p == ancestor)
			return true;
	}
	return false;
}

static bool reachable(const AcDisj *d, int obj)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		if (d->binds[i].val.kind == AC_VAL_OBJ && d->binds[i].val.obj == obj)
			return true;
	}
	return false;
}

/* The most readable place that holds obj: a variable or field, not a temporary. */
static const char *holder_name(const AcFlow *fl, const AcDisj *d, int obj)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *b = &d->binds[i];
		if (b->val.kind == AC_VAL_OBJ && b->val.obj == obj && !unnamed(fl, b->place))
			return fl->fn->places[b->place].name;
	}
	return NULL;
}

static const AcAllocSite *site_of(const AcFlow *fl, int obj)
{
	if (obj < 0 || (size_t)obj >= 2 * fl->nsites)
		return NULL;
	return &fl->sites[(size_t)obj % fl->nsites];
}

static size_t site_index(const AcFlow *fl, int obj)
{
	return (size_t)obj % fl->nsites;
}

/* What obj's allocator returns on failure instead of NULL (mmap: -1), or 0. */
static long long fails_with(const AcFlow *fl, int obj)
{
	return site_of(fl, obj) ? fl->site_fails_with[site_index(fl, obj)] : 0;
}

/* ---- events ---------------------------------------------------------------- */

static size_t collect_path(AcFlow *fl, const AcDisj *d, int obj, AcNote *notes)
{
	const AcTrail *stop = d->objs[obj].born;
	const AcTrail *t = d->trail;
	size_t n = 0;
	for (; t && t != stop && n < MAX_PATH_NOTES; t = t->up)
		n++;
	t = d->trail;
	for (size_t i = n; i-- > 0; t = t->up) {
		notes[i].loc = t->loc;
		notes[i].msg = ac_transfer_trail_msg(fl, t);
	}
	return n;
}

static bool loc_before(AcLoc a, AcLoc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* Keeps, per allocation site and event kind, the occurrence written first in
 * the source: which path the walk explores first must not pick the place. */
static void emit_event(AcFlow *fl, const AcDisj *d, AcEvent *ev, int obj)
{
	const AcAllocSite *site = site_of(fl, obj);
	if (!site || fl->fn->unreliable)
		return;
	size_t key = site_index(fl, obj) * AC_EV_KIND_COUNT + ev->kind;
	/* Events about an earlier loop round's block wait in their own slot: the
	 * flush may drop them (note_handled). */
	AcEvent *slot = fl->event_loop_carried ? &fl->pending_carried[key] : &fl->pending[key];
	if (slot->site && !loc_before(ev->loc, slot->loc))
		return;
	AcNote notes[MAX_PATH_NOTES];
	*slot = *ev;
	slot->site = site;
	slot->npath = collect_path(fl, d, obj, notes);
	AcNote *copy = AC_ARENA_ARRAY(&fl->scratch, AcNote, slot->npath ? slot->npath : 1);
	memcpy(copy, notes, slot->npath * sizeof *notes);
	slot->path = copy;
	if (ev->extra) {
		AcNote *extra = AC_ARENA_NEW(&fl->scratch, AcNote);
		*extra = *ev->extra;
		slot->extra = extra;
	}
}

static bool at_self_assign(const AcFlow *fl, AcLoc loc)
{
	for (size_t s = 0; s < fl->nsites; s++) {
		const AcEvent *e = &fl->pending[s * AC_EV_KIND_COUNT + AC_EV_REALLOC_SELF];
		if (e->site && e->loc.line == loc.line && e->loc.file == loc.file)
			return true;
	}
	return false;
}

void ac_transfer_flush_events(AcFlow *fl)
{
	for (size_t i = 0; i < fl->nsites * AC_EV_KIND_COUNT; i++) {
		const AcEvent *ev = fl->pending[i].site ? &fl->pending[i] : NULL;
		const AcEvent *carried = fl->pending_carried[i].site ? &fl->pending_carried[i] : NULL;
		if (carried && fl->site_handled_in_loop[i / AC_EV_KIND_COUNT])
			carried = NULL; /* see note_handled */
		if (carried && (!ev || loc_before(carried->loc, ev->loc)))
			ev = carried; /* the first place it is lost, in the source */
		if (!ev)
			continue;
		if (ev->kind == AC_EV_LEAK && at_self_assign(fl, ev->loc))
			continue; /* the leak that E = realloc(E, n) causes is that finding */
		ac_rules_dispatch(&fl->opt->rules, fl->fn, fl->out, ev);
	}
	ac_lifetime_flush(fl);
}

static void report_leak(AcFlow *fl, AcDisj *d, int obj, AcLoc loc, AcLeakHow how, const char *place)
{
	if (d->objs[obj].needs_proof && d->objs[obj].null != AC_NULL_NONNULL)
		return; /* stored through an out-parameter: the call may have failed */
	AcEvent ev = {.kind = AC_EV_LEAK, .loc = loc, .place = place, .how = how};
	fl->event_loop_carried = (size_t)obj >= fl->nsites; /* allocated in an earlier round of a loop */
	emit_event(fl, d, &ev, obj);
	fl->event_loop_carried = false;
}

/* ---- object state changes ------------------------------------------------- */

static void set_null(AcFlow *fl, AcDisj *d, int obj, AcNullness n);

/* q = realloc(p, n) with q never tested before the function ends: on the
 * path where the reallocation failed, p's block (this function's own) is
 * still there and every pointer to it dies now. A block the caller gave
 * (a parameter) is still the caller's on that path; p = realloc(p, n) is
 * realloc-self-assign's finding. */
static bool realloc_never_tested(const AcFlow *fl, const AcDisj *d, int old)
{
	if (!site_of(fl, old))
		return false;
	for (uint32_t k = 0; k < d->nobjs; k++) {
		const AcObj *n = &d->objs[k];
		if (n->prev == old && (int)k != old && n->status != AC_OBJ_NONE)
			return n->null == AC_NULL_UNCHECKED && !n->self_assigned; /* p = realloc(p, n): that rule's */
	}
	return false;
}

/* Called when obj may have lost its last pointer. */
static void check_lost(AcFlow *fl, AcDisj *d, int obj, AcLoc loc, AcLeakHow how, const char *place)
{
	AcObj *o = &d->objs[obj];
	if ((o->status != AC_OBJ_OWNED && o->status != AC_OBJ_PENDING) || reachable(d, obj))
		return;
	if (o->status == AC_OBJ_PENDING && realloc_never_tested(fl, d, obj))
		return; /* lost only if the reallocation failed: told at the return if never tested */
	/* A realloc's old block lost by `p = realloc(p, n)` is that rule's finding, not a leak. */
	if (o->status == AC_OBJ_OWNED && o->null != AC_NULL_NULL)
		report_leak(fl, d, obj, loc, how, place);
	o->status = AC_OBJ_LOST;
}

/* A block freed or handed on inside the loop that allocates it: whether the
 * previous round's block is still owned when the site runs again depends on
 * loop-carried facts the engine does not track. */
static void note_handled(AcFlow *fl, int obj)
{
	if (obj < 0 || (size_t)obj >= 2 * fl->nsites)
		return;
	size_t s = site_index(fl, obj);
	if (fl->block_scc[fl->cur_block] >= 0 && fl->block_scc[fl->cur_block] == fl->block_scc[fl->site_block[s]])
		fl->site_handled_in_loop[s] = true;
}

/* obj goes somewhere unknown: the blocks its members hold go with it. */
static void release_contents(AcFlow *fl, AcDisj *d, int obj)
{
	(void)fl;
	for (uint32_t k = 0; k < d->nobjs; k++) {
		if ((d->objs[k].holder & ~AC_HOLDER_ELEM) == obj + 1)
			d->objs[k].holder = 0;
	}
}

/* Something read an element of obj that may be any of them (free(a[j]),
 * p = &a[j]; *p, memcpy(b, a, n)): the blocks put in its elements may have
 * been taken out since. */
static void elements_out(AcDisj *d, int32_t mark)
{
	for (uint32_t k = 0; k < d->nobjs; k++) {
		if (d->objs[k].holder == mark)
			d->objs[k].holder = 0;
	}
}

static void elements_taken(AcDisj *d, int obj)
{
	elements_out(d, (obj + 1) | AC_HOLDER_ELEM);
}

/* The mark of a block held in an element of local array variable root. */
static int32_t local_mark(int root)
{
	return (root + 1) | AC_HOLDER_ELEM | AC_HOLDER_LOCAL;
}

/* The local variable place lies in (a for a[i], s.items[n], a, s.items),
 * when the elements of a local array in it may be what place reads or
 * writes: place is an element, or holds some (a, s.items, s). -1 when it is
 * reached through a pointer, or the variable's address is taken anywhere in
 * the function (&a, a decayed, f(&s)): then what happens to its elements
 * is not all in sight, and no block is marked held there. */
static int local_array_root(const AcFlow *fl, int place)
{
	const AcFunc *fn = fl->fn;
	bool elem = false;
	for (int p = place; p >= 0; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_VAR)
			return pl->storage == AC_STORAGE_LOCAL &&
			               (!pl->addr_taken || (fl->place_lib_lent && fl->place_lib_lent[p])) && !pl->cleanup &&
			               (elem || fl->place_parts[place])
			           ? p
			           : -1;
		if ((pl->kind != AC_PLACE_MEMBER && pl->kind != AC_PLACE_ELEM) || pl->through_ptr)
			return -1;
		/* a union's pointer member may name an element's storage (u.p, u.a[0]) */
		elem |= pl->kind == AC_PLACE_ELEM || pl->union_member;
	}
	return -1;
}

/* A block this function put in an element of one of its blocks, and not
 * known to have been taken out: it stays there when its binding goes
 * (i++), and a later round's allocation at its site must not forget it. */
static bool held_in_element(const AcObj *o)
{
	return o->status == AC_OBJ_ESCAPED && (o->holder & AC_HOLDER_ELEM) && o->null != AC_NULL_NULL;
}

static void escape(AcFlow *fl, AcDisj *d, AcVal v)
{
	if (v.kind != AC_VAL_OBJ)
		return;
	AcObj *o = &d->objs[v.obj];
	if (fl->site_kept && site_of(fl, v.obj))
		fl->site_kept[site_index(fl, v.obj)] = true; /* not the callers' alone (find_out_param) */
	o->zeroed = 0; /* others may write into it */
	o->holder = 0; /* handed on by something else than its holder's member */
	release_contents(fl, d, v.obj);
	if (o->status == AC_OBJ_OWNED || o->status == AC_OBJ_PENDING || o->status == AC_OBJ_PARAM) {
		o->status = AC_OBJ_ESCAPED;
		note_handled(fl, v.obj);
	}
}

/* How a block is released: by which function of which family, where. */
typedef struct Release {
	int family;              /* -1 unknown */
	const char *deallocator; /* the name the user wrote */
	AcLoc loc;
	AcOperand arg;           /* the argument released */
} Release;

static void check_family(AcFlow *fl, const AcDisj *d, int obj, const Release *r);
static void note_param_release(AcFlow *fl, int obj, const Release *r);

/* The family that releases the blocks globals hold on entry (summary.h gff). */
static void note_global_release(AcFlow *fl, int obj, const Release *r)
{
	for (size_t j = 0; j < fl->nglob_pairs; j++) {
		if (fl->place_relobj[fl->glob_pairs[2 * j]] != obj)
			continue;
		int *f = &fl->global_free_family;
		*f = (*f == -2 || *f == r->family) ? r->family : -1;
		return;
	}
}

/* OWNED --release--> FREED, checking the releasing family against the block's;
 * FREED --release--> double-free (transfer_release.c) */
static void release(AcFlow *fl, AcDisj *d, AcVal v, const Release *r)
{
	if (r && !ac_lifetime_release(fl, d, r->arg, v, r->deallocator, r->loc))
		return;
	if (v.kind != AC_VAL_OBJ)
		return;
	AcObj *o = &d->objs[v.obj];
	if (r) {
		check_family(fl, d, v.obj, r);
		note_param_release(fl, v.obj, r);
		note_global_release(fl, v.obj, r);
	}
	if (o->status != AC_OBJ_TOP && o->status != AC_OBJ_LOST) {
		o->status = AC_OBJ_FREED;
		note_handled(fl, v.obj);
		o->freed = 0; /* not a release the lifetime rules speak of, unless: */
		if (r)
			ac_lifetime_freed(fl, d, v.obj, r->deallocator, r->loc, false);
	}
}

/* A callee releases the block global name holds (held = data; sink();
 * with sink's char *data = held; free(data);): what this function stored
 * there is released, or is released again, or was not on the heap. */
static void release_global(AcFlow *fl, AcDisj *d, const char *name, int family, const char *by, AcLoc loc)
{
	const AcFunc *fn = fl->fn;
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *g = &fn->places[p];
		if (g->kind != AC_PLACE_VAR || g->storage != AC_STORAGE_GLOBAL || !g->link_key ||
		    strcmp(g->link_key, name) != 0)
			continue;
		AcVal v = ac_disj_get(d, (int)p);
		if (v.kind == AC_VAL_OBJ || ac_val_is_nonheap(v))
			release(fl, d, v, &(Release){family, by, loc, {AC_OPND_PLACE, (int)p, 0, NULL}});
		return;
	}
}

/* The old block of a realloc follows the new block's fate. */
static void settle_prev(AcFlow *fl, AcDisj *d, int obj, AcNullness n)
{
	int prev = d->objs[obj].prev;
	/* p = realloc(p, n) left the old block unreachable (LOST) until the
	 * result is known: moved when it is not NULL (section = realloc
	 * (section, n) in a wrapper releases its parameter) */
	bool moved_over = prev >= 0 && d->objs[prev].status == AC_OBJ_LOST && d->objs[obj].self_assigned &&
	                  n == AC_NULL_NONNULL;
	if (prev < 0 || (d->objs[prev].status != AC_OBJ_PENDING && !moved_over))
		return;
	if (n == AC_NULL_NONNULL) {
		d->objs[prev].status = AC_OBJ_FREED;
		const AcAllocSite *s = site_of(fl, obj);
		if (s)
			ac_lifetime_freed(fl, d, prev, s->allocator, s->loc, true);
	} else if (n == AC_NULL_NULL) {
		/* The old block is back with whoever had it: us, or the caller. */
		d->objs[prev].status = site_of(fl, prev) ? AC_OBJ_OWNED : AC_OBJ_PARAM;
		if (!reachable(d, prev) || d->objs[obj].self_assigned)
			d->objs[prev].status = AC_OBJ_LOST; /* realloc-self-assign's finding (a copy
			                                       nobody reads again holds it too) */
	}
	(void)fl;
}

static void learn_symbol(AcDisj *d, int sym, AcVal v);

static void set_null(AcFlow *fl, AcDisj *d, int obj, AcNullness n)
{
	d->objs[obj].null = (uint8_t)n;
	settle_prev(fl, d, obj, n);
	if (n == AC_NULL_NONNULL && d->objs[obj].size_sym)
		learn_symbol(d, d->objs[obj].size_sym - 1, ac_val_nonzero()); /* realloc(p, n) != NULL: n != 0 */
}

/* ---- bindings ---------------------------------------------------------------- */

typedef struct Lost {
	int obj[16];
	const char *place[16];
	int at[16]; /* the place each was bound to */
	size_t n;
	bool overflow;
} Lost;

static void note_lost(Lost *l, AcVal v, int at, const char *place)
{
	if (v.kind != AC_VAL_OBJ)
		return;
	if (l->n == 16) {
		l->overflow = true;
		return;
	}
	l->obj[l->n] = v.obj;
	l->at[l->n] = at;
	l->place[l->n++] = place;
}

static void lose_held(AcFlow *fl, AcDisj *d, int obj, AcLoc loc, AcLeakHow how, const Lost *l);

static void settle_lost(AcFlow *fl, AcDisj *d, Lost *l, AcLoc loc, AcLeakHow how)
{
	for (size_t i = 0; i < l->n; i++) {
		AcLeakHow h = how;
		const char *place = l->place[i];
		if (how == AC_LEAK_SCOPE && (!place || !*place))
			h = AC_LEAK_DISCARD;
		const AcObj *o = &d->objs[l->obj[i]];
		bool owned = o->status == AC_OBJ_OWNED && o->null != AC_NULL_NULL &&
		             (!o->needs_proof || o->null == AC_NULL_NONNULL);
		check_lost(fl, d, l->obj[i], loc, h, place && *place ? place : NULL);
		if (owned && o->status == AC_OBJ_LOST)
			lose_held(fl, d, l->obj[i], loc, h, l);
	}
	if (l->overflow) {
		for (uint32_t o = 0; o < d->nobjs; o++) {
			if (d->objs[o].status == AC_OBJ_OWNED && !reachable(d, (int)o))
				d->objs[o].status = AC_OBJ_TOP; /* too many at once to tell */
		}
	}
	l->n = 0;
	l->overflow = false;
}

/* ---- branch outcomes ------------------------------------------------------------ */


typedef struct Forget {
	const AcFlow *fl;
	int root;      /* keys reading this variable, or -1 */
	bool memory;   /* keys reading through pointers, globals or variables whose address is taken */
	const AcCall *call;      /* memory: only what this call may write, when not NULL */
	const AcCallInfo *ci;
	const AcDisj *d;         /* the state before the write: what pointers hold */
	const AcVal *vals;       /* call: its arguments' values */
	AcVal into;              /* a store (call NULL): the pointer it writes through, when known */
	int target;              /* a store: the place written, or -1 */
	int ptr;                 /* a store: ac_container_pointer of target */
	/* a store: the field key of the member written through ptr (NULL: none,
	 * or not one a store_apart can tell apart); found for the first key that
	 * asks, as it is the same for every key */
	const char *written;
	bool written_known;
} Forget;

/* A block this function allocated and still owns: nobody else knows its
 * address, so only what is handed that address can write into it. */
static bool owned_block(const AcFlow *fl, const AcDisj *d, AcVal v)
{
	return v.kind == AC_VAL_OBJ && (size_t)v.obj < fl->nsites && d->objs[v.obj].status == AC_OBJ_OWNED;
}

/* Whether argument i of the call may point into what target points to. */
static bool arg_may_reach(const Forget *f, size_t i, AcVal target)
{
	const AcFunc *fn = f->fl->fn;
	const AcCall *c = f->call;
	AcOperand a = c->args[i];
	AcVal v = f->vals[i];
	if ((i < 32 && (c->const_args >> i & 1u)) || (f->ci->fn && f->ci->fn->reads_only))
		return false; /* declared pointer to const, or printf: only read */
	if (a.kind == AC_OPND_NULL || a.kind == AC_OPND_INT || v.kind == AC_VAL_ZERO ||
	    (a.kind == AC_OPND_PLACE && !fn->places[a.place].is_pointer))
		return false;
	if (v.kind == AC_VAL_OBJ && target.kind == AC_VAL_OBJ)
		return v.obj == target.obj || (!owned_block(f->fl, f->d, v) && !owned_block(f->fl, f->d, target));
	if (ac_val_is_nonheap(v) && v.obj <= -2)
		return false; /* a literal's, a function's */
	if (owned_block(f->fl, f->d, target))
		return false; /* only its own address leads there */
	if (owned_block(f->fl, f->d, v))
		return false; /* a block of ours holds nothing of the caller's */
	/* a variable of ours: a parameter does not point there */
	return !(ac_val_is_nonheap(v) && target.kind == AC_VAL_OBJ && ac_flow_param_index(f->fl, target.obj) >= 0);
}

/* Whether the memory key k reads through the pointer variables it hands to
 * a pure function (fl->key_pointees: strcmp(path, "-")) is left as it was
 * by the call being passed (f->call) or the store through f->into: a block
 * this function owns is written only through its own address; other memory
 * only by a library function (which writes through its arguments alone)
 * handed no pointer that may lead there, or by a store into a block this
 * function owns. */
static bool pointees_kept(const Forget *f, const AcCondKey *k)
{
	const AcFlow *fl = f->fl;
	bool library = f->call && (f->ci->fn || f->ci->borrows) && !f->call->callback_arg;
	for (size_t i = 0; i < k->nreads; i++) {
		const AcPlace *p = &fl->fn->places[k->reads[i]];
		if (!p->is_pointer)
			continue;
		AcVal t = ac_disj_get(f->d, k->reads[i]);
		if (!f->call) {
			bool apart = f->into.kind == AC_VAL_OBJ && !(t.kind == AC_VAL_OBJ && t.obj == f->into.obj) &&
			             (owned_block(fl, f->d, t) || owned_block(fl, f->d, f->into));
			if (!apart)
				return false;
			continue;
		}
		if (!owned_block(fl, f->d, t) && !library)
			return false;
		for (size_t a = 0; a < f->call->nargs && a < 64; a++) {
			if (arg_may_reach(f, a, t))
				return false;
		}
	}
	return true;
}

/* Whether call c is to a function with no body the run sees (nor a
 * summary), called by name with arguments, none of them a function: like
 * the C library's, it is taken to work on what it is given and to leave
 * the program's global variables whose address it is not given as they
 * were, so a flag tested before it and after it agrees (if (verbose) p =
 * malloc(n); log_line(p); if (verbose) free(p);), also with --per-file.
 * A call without arguments can only be there for what it does to global
 * state (reconfigure()): it may change any. */
static bool opaque_keeps_globals(const AcCallInfo *ci, const AcCall *c)
{
	return !ci->fn && !ci->sum && c->name && c->nargs > 0 && !c->callback_arg;
}

/* Whether the call being passed may write what key k reads of global
 * variable p (place id var): only the members the key names when it reads
 * p through members alone ("(v12.flag==#0)"), else any part of p. */
static bool call_writes_global(const Forget *f, const AcCondKey *k, int var, const AcPlace *p)
{
	if (ac_program_global_escaped(f->fl->prog, p->name))
		return true;
	char id[24];
	int n = snprintf(id, sizeof id, "v%d", var);
	bool any = false;
	for (const char *c = strstr(k->key, id); c; c = strstr(c + 1, id)) {
		const char *e = c + n;
		if (*e >= '0' && *e <= '9')
			continue; /* v120, not v12 */
		any = true;
		if (*e != '.')
			return ac_summary_call_writes(f->ci, p->name); /* p itself, or an element of it */
		char member[128];
		size_t m = 0;
		for (e++; m + 1 < sizeof member && (*e == '_' || (*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') ||
		                                   (*e >= '0' && *e <= '9'));
		     e++)
			member[m++] = *e;
		member[m] = '\0';
		if (!m || ac_summary_call_writes_member(f->ci, p->name, member))
			return true;
	}
	return !any && ac_summary_call_writes(f->ci, p->name);
}

/* Whether the memory reachable from pointer value t (held by a variable a
 * key reads through) may be written by the call being passed. Its
 * arguments write where their summaries say (ac_summary_call_writes_arg):
 * an argument that may lead there, or that leads to memory of its own
 * (a block of ours, a variable) holding pointers that may, when the callee
 * writes deeper than that memory. The rest of memory is written only by a
 * callee that writes otherwise than through its arguments, and only when t
 * is not a block this function owns nor a parameter's object it never
 * handed to anyone (the callers' other pointers to it are assumed not to
 * be in globals, as clang's analyzer assumes). */
static bool call_writes_from(const Forget *f, AcVal t)
{
	const AcFlow *fl = f->fl;
	bool owned = owned_block(fl, f->d, t);
	bool private = owned || (t.kind == AC_VAL_OBJ && ac_flow_param_index(fl, t.obj) >= 0 &&
	                         f->d->objs[t.obj].status == AC_OBJ_PARAM);
	if (!private && ac_summary_call_writes_other(f->ci, f->call))
		return true;
	for (size_t i = 0; i < f->call->nargs; i++) {
		int w = i < 64 ? ac_summary_call_writes_arg(f->ci, f->call, i) : 2;
		if (!w)
			continue;
		if (i >= 64)
			return true;
		AcOperand a = f->call->args[i];
		AcVal v = f->vals[i];
		if (a.kind == AC_OPND_NULL || a.kind == AC_OPND_INT || v.kind == AC_VAL_ZERO ||
		    (a.kind == AC_OPND_ADDR && a.place < 0))
			continue; /* no memory, a literal, a function */
		if (a.kind == AC_OPND_PLACE && !fl->fn->places[a.place].is_pointer && v.kind != AC_VAL_OBJ &&
		    (f->ci->fn || f->call->system_header || !fl->place_parts[a.place]))
			continue; /* a number (a struct by value may hold pointers, unless a library's) */
		if (arg_may_reach(f, i, t))
			return true;
		if (w == 2 && !owned)
			return true; /* what the argument leads to may hold a pointer there */
	}
	return false;
}

/* Whether no entry of a write list (fields, n) covers a member key number
 * key reads through its pointer variables (its members known: state 1). */
static bool fields_apart(const AcFlow *fl, uint32_t key, const char *const *fields, size_t n)
{
	const AcKeyFields *kf = ac_writes_key_fields(fl, key);
	if (kf->state != 1)
		return false;
	for (size_t i = 0; i < kf->n; i++) {
		for (size_t j = 0; j < n; j++) {
			if (ac_writes_field_covers(fields[j], kf->keys[i]))
				return false;
		}
	}
	return true;
}

/* Whether the call being passed writes through pointers only into members
 * other than those key reads through its pointer variables (by the
 * members' field keys: a struct's member is written only by a store into
 * that member, or a write into memory of no member, which the callee's
 * summary would say). */
static bool types_apart(const Forget *f, uint32_t key)
{
	const char *const *fields;
	size_t n;
	return ac_summary_call_fields(f->ci, &fields, &n) && fields_apart(f->fl, key, fields, n);
}

/* Whether the store being passed (f->target, through a pointer) writes a
 * struct member none of the members key k reads through its pointer
 * variables (p->error = 1 leaves p->comp->dict), the key reading no other
 * memory and no variable the store may write. */
/* The field key of the member a store into target writes through pointer
 * ptr (the first member on the way up from target), or NULL when there is
 * none or its key does not tell it apart (a union's). */
static const char *member_written(const AcFunc *fn, int target, int ptr)
{
	for (int q = target; q >= 0 && q != ptr; q = fn->places[q].parent) {
		if (fn->places[q].kind != AC_PLACE_MEMBER)
			continue;
		return ac_writes_typed_member(&fn->places[q]) ? fn->places[q].field_key : NULL;
	}
	return NULL; /* *p = x, p[i] = x */
}

static bool store_apart(Forget *f, uint32_t key, const AcCondKey *k)
{
	const AcFunc *fn = f->fl->fn;
	if (f->ptr < 0 || !k->via_pointer)
		return false;
	if (!f->written_known) {
		f->written = member_written(fn, f->target, f->ptr);
		f->written_known = true;
	}
	const char *written = f->written;
	if (!written)
		return false;
	for (size_t i = 0; i < k->nreads; i++) {
		const AcPlace *p = &fn->places[k->reads[i]];
		if (!p->is_pointer && (p->addr_taken || p->storage == AC_STORAGE_GLOBAL || f->fl->place_parts[k->reads[i]]))
			return false;
	}
	return fields_apart(f->fl, key, &written, 1);
}

/* Whether the call being passed leaves what key k (via_pointer) reads
 * through its pointer variables as it was: every variable it reads is a
 * pointer (whose reachable memory the call cannot write) or a number, and
 * the globals among them are left to the caller (written by no unknown
 * function). */
static bool pointers_kept(const Forget *f, uint32_t key, const AcCondKey *k)
{
	const AcFlow *fl = f->fl;
	for (size_t i = 0; i < k->nreads; i++) {
		int q = k->reads[i];
		const AcPlace *p = &fl->fn->places[q];
		if (p->storage == AC_STORAGE_GLOBAL && !opaque_keeps_globals(f->ci, f->call) &&
		    ac_summary_call_writes_any(f->ci, f->call))
			return false;
		if (!p->is_pointer) {
			if (fl->place_parts[q])
				return false; /* s.p->x, a[i]->x: through a struct or an array */
			continue;
		}
		if (call_writes_from(f, ac_disj_get(f->d, q)) && !types_apart(f, key))
			return false;
	}
	return true;
}

/* Whether every variable key k reads is declared const. */
static bool reads_constants(const AcFunc *fn, const AcCondKey *k)
{
	for (size_t i = 0; i < k->nreads; i++) {
		const AcPlace *p = &fn->places[k->reads[i]];
		if (p->kind != AC_PLACE_VAR || !p->read_only)
			return false;
	}
	return true;
}

static bool forget_key(uint32_t key, const void *ctx)
{
	Forget *f = (Forget *)ctx; /* the callers' own: store_apart keeps what it found there */
	const AcCondKey *k = f->fl->keys[key];
	/* A call that writes no global this key reads, and reads it through no
	 * pointer, leaves it as it was (issue 14, item 8). */
	bool call_known = f->call && (k->via_pointer ? f->d && pointers_kept(f, key, k)
	                                             : opaque_keeps_globals(f->ci, f->call) ||
	                                                   !ac_summary_call_writes_any(f->ci, f->call));
	if (!k->via_pointer && k->nreads && reads_constants(f->fl->fn, k))
		return false; /* K == 5 with extern const int K: no store or call changes it */
	if (!f->call && f->target >= 0 && store_apart(f, key, k))
		return false;
	/* a store into a block of ours writes no variable: p[99] = 0 after p = malloc(n) */
	bool heap_store = !f->call && f->into.kind == AC_VAL_OBJ && site_of(f->fl, f->into.obj) && !k->via_pointer;
	if (f->memory && k->via_memory && !call_known && !heap_store &&
	    !(f->fl->key_pointees[key] && f->d && pointees_kept(f, k)))
		return true;
	for (size_t i = 0; i < k->nreads; i++) {
		const AcPlace *p = &f->fl->fn->places[k->reads[i]];
		if (k->reads[i] == f->root)
			return true;
		if (f->memory && p->addr_taken && !heap_store)
			return true;
		if (f->memory && p->storage == AC_STORAGE_GLOBAL && !heap_store &&
		    (!call_known || call_writes_global(f, k, k->reads[i], p)))
			return true;
	}
	return false;
}

/* After a call: the facts it may change are forgotten. */
static void forget_at_call(AcFlow *fl, AcDisj *d, const AcCall *c, const AcCallInfo *ci, const AcVal *vals)
{
	if (!d->nfacts)
		return;
	Forget f = {fl, -1, true, c, ci, d, vals, ac_val_unknown(), -1, -1, NULL, false};
	ac_disj_forget_facts(d, forget_key, &f);
}

/* Whether place is an element indexed by variable v, or derived from one. */
static bool indexed_by(const AcFunc *fn, int place, int v)
{
	for (int p = place; p >= 0; p = fn->places[p].parent) {
		if (fn->places[p].kind == AC_PLACE_ELEM && fn->places[p].index_var == v)
			return true;
	}
	return false;
}

/* v was written: a[v] is another element now. What it held was handed to
 * the array when stored (or never ours), so the bindings just go. */
static void drop_indexed(AcFlow *fl, AcDisj *d, int v)
{
	if (!fl->place_indexes[v])
		return;
	uint32_t out = 0;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		if (!indexed_by(fl->fn, d->binds[i].place, v))
			d->binds[out++] = d->binds[i];
	}
	d->nbinds = out;
}

/* A write to place: the outcomes of conditions that read it are void. */
static void forget_written(AcFlow *fl, AcDisj *d, int place)
{
	drop_indexed(fl, d, place);
	if (!d->nfacts)
		return;
	int ptr = ac_container_pointer(fl->fn, place);
	Forget f = {fl, fl->fn->places[place].root, fl->place_clobbered[place], NULL, NULL, d, NULL,
	            ptr >= 0 ? ac_disj_get(d, ptr) : ac_val_unknown(), place, ptr, NULL, false};
	ac_disj_forget_facts(d, forget_key, &f);
}

/* Whether q is t->f (or below it) and place is *t: the same object seen
 * through the same pointer, so a whole-struct store *t = s writes t->f too
 * (sqlite lemon.c: free(x->tbl); *x = bigger; x->tbl[i]: no use after free). */
static bool member_of_pointee(const AcFunc *fn, int q, int place)
{
	const AcPlace *star = &fn->places[place];
	if (star->kind != AC_PLACE_DEREF || star->parent < 0)
		return false;
	for (int c = q; c >= 0; c = fn->places[c].parent) {
		const AcPlace *p = &fn->places[c];
		if (p->parent == star->parent)
			return p->kind == AC_PLACE_MEMBER && p->through_ptr;
	}
	return false;
}

/* Removes the bindings of place and of every place derived from it. */
static void unbind_tree(AcFlow *fl, AcDisj *d, int place, bool self, Lost *l)
{
	const AcFunc *fn = fl->fn;
	uint32_t out = 0;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		AcBind b = d->binds[i];
		bool hit = (self && b.place == place) || derived_from(fn, b.place, place) ||
		           member_of_pointee(fn, b.place, place);
		if (hit) {
			note_lost(l, b.val, b.place, unnamed(fl, b.place) ? "" : fn->places[b.place].name);
			continue;
		}
		d->binds[out++] = b;
	}
	d->nbinds = out;
}

/* Everything held in place's tree is handed on (its address was taken). */
static void escape_tree(AcFlow *fl, AcDisj *d, int place)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		int p = d->binds[i].place;
		if (p == place || derived_from(fl->fn, p, place))
			escape(fl, d, d->binds[i].val);
	}
}

/* A call that may write through pointers and globals (c, ci: which one) drops
 * what those places held, except a released member a reader leaves alone. */
/* Whether a call leaves place as it was: a global variable (or a member or
 * element of one, reached through no pointer) that the callee writes
 * neither itself nor through a callee, and whose address is never taken. */
static bool call_keeps_global(const AcFlow *fl, int place, const AcCall *c, const AcCallInfo *ci)
{
	const AcFunc *fn = fl->fn;
	for (int p = place; p >= 0; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_DEREF || pl->through_ptr)
			return false;
	}
	const AcPlace *root = &fn->places[fn->places[place].root];
	/* the member of root the place is in (server.dirty for server.dirty.n) */
	const char *member = NULL;
	size_t n = root->name ? strlen(root->name) : 0;
	for (int p = place; root->name && p >= 0 && p != fn->places[place].root; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->parent == fn->places[place].root && pl->kind == AC_PLACE_MEMBER && pl->name &&
		    strncmp(pl->name, root->name, n) == 0 && pl->name[n] == '.')
			member = pl->name + n + 1;
	}
	bool opaque = !fn->places[place].is_pointer && opaque_keeps_globals(ci, c); /* a flag, a count */
	return root->storage == AC_STORAGE_GLOBAL && (opaque || !ac_summary_call_writes_any(ci, c)) &&
	       !ac_summary_call_writes_member(ci, root->name, member) && !ac_program_global_escaped(fl->prog, root->name);
}

/* b binds an element of a local array whose address is never taken to the
 * block marked held there (setfiles[i] = fopen(..)): no call can write it. */
static bool in_local_array(const AcFlow *fl, const AcDisj *d, const AcBind *b)
{
	if (b->val.kind != AC_VAL_OBJ || (size_t)b->val.obj >= d->nobjs || !(d->objs[b->val.obj].holder & AC_HOLDER_LOCAL))
		return false;
	int root = local_array_root(fl, b->place);
	return root >= 0 && d->objs[b->val.obj].holder == local_mark(root);
}

static AcVal eval(const AcFlow *fl, const AcDisj *d, AcOperand o);

/* The pointer ptr holds a block this function made and handed to no one, and
 * call c is handed no pointer to it: the callee cannot reach what is stored
 * inside (o->buf, a[i] with o, a ours, across strlen (o->buf)). */
static bool out_of_reach(const AcFlow *fl, const AcDisj *d, int ptr, const AcCall *c)
{
	AcVal v = ptr >= 0 ? ac_disj_get(d, ptr) : ac_val_unknown();
	if (v.kind != AC_VAL_OBJ || d->objs[v.obj].status != AC_OBJ_OWNED)
		return false;
	for (size_t i = 0; i < c->nargs; i++) {
		AcVal a = eval(fl, d, c->args[i]);
		if (a.kind == AC_VAL_OBJ && a.obj == v.obj)
			return false;
	}
	return true;
}

static void clobber(AcFlow *fl, AcDisj *d, const AcCall *c, const AcCallInfo *ci)
{
	uint32_t out = 0;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		int place = d->binds[i].place, ptr = ac_container_pointer(fl->fn, place);
		if (fl->place_clobbered[place] && !in_local_array(fl, d, &d->binds[i]) && !out_of_reach(fl, d, ptr, c) &&
		    !ac_lifetime_keeps(fl, d, &d->binds[i], c, ci) &&
		    !call_keeps_global(fl, place, c, ci) && !(ptr >= 0 && fl->param_private[ptr])) {
			escape(fl, d, d->binds[i].val);
			continue;
		}
		d->binds[out++] = d->binds[i];
	}
	d->nbinds = out;
}

/* Whether place (inside the block ptr points to) lies past its start: an
 * element other than the first on the way (&p[2], &p->a[1]). */
/* Where &place (reached through the pointer in ptr) lies from where ptr
 * points: AC_OFFSET_FORWARD past it (&p[2], &p->name[1]), AC_OFFSET_ANY
 * somewhere (&p[i], whose i may be 0 or below; &p->m), -1 at it (&p[0]). */
static int address_move(const AcFunc *fn, int place, int ptr)
{
	bool past = false, member = false;
	for (int p = place; p >= 0 && p != ptr; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_ELEM && pl->index < 0)
			return AC_OFFSET_ANY;
		past |= pl->kind == AC_PLACE_ELEM && pl->index > 0;
		member |= pl->kind == AC_PLACE_MEMBER;
	}
	return past ? AC_OFFSET_FORWARD : member ? AC_OFFSET_ANY : -1;
}

/* v, a pointer into a block, moved in direction dir (AC_OFFSET_*); track:
 * the move is followed (a block allocated here, or a loop's scan).
 * start --forward--> past it; past --forward--> past;
 * start --back by a constant--> before it; before --back--> before;
 * any other move: somewhere in the block, maybe its start, so that a later
 * move back says nothing (p += n; p -= 1). */
static AcVal moved(AcVal v, int dir, bool track)
{
	bool start = !v.pol && !v.before, past = v.pol && !v.before, before = v.pol && v.before;
	if (dir == AC_OFFSET_FORWARD && track && (start || past))
		return ac_val_interior(v.obj);
	if (dir == AC_OFFSET_BACKWARD && (before || (track && start)))
		return ac_val_before(v.obj);
	return ac_val_within(v.obj);
}

/* A place reached through a pointer to calloc'd memory nothing wrote yet. */
static bool reads_zeroed(const AcFlow *fl, const AcDisj *d, int place)
{
	int ptr = ac_container_pointer(fl->fn, place);
	if (ptr < 0)
		return false;
	AcVal v = ac_disj_get(d, ptr);
	return v.kind == AC_VAL_OBJ && d->objs[v.obj].zeroed && d->objs[v.obj].null != AC_NULL_NULL;
}

/* What place holds in d: its binding, else the value the whole program
 * gives a global nothing writes (program.h). */
static AcVal place_value(const AcFlow *fl, const AcDisj *d, int place)
{
	AcVal v = ac_disj_get(d, place);
	if (v.kind == AC_VAL_UNKNOWN && fl->place_global && place >= 0)
		return fl->place_global[place];
	return v;
}

static AcVal eval(const AcFlow *fl, const AcDisj *d, AcOperand o)
{
	switch (o.kind) {
	case AC_OPND_PLACE: {
		AcVal v = place_value(fl, d, o.place);
		if (v.kind == AC_VAL_UNKNOWN && fl->fn->places[o.place].kind != AC_PLACE_VAR &&
		    fl->fn->places[o.place].kind != AC_PLACE_TEMP && reads_zeroed(fl, d, o.place))
			return ac_val_zero(); /* calloc'd and not written yet */
		return v;
	}
	case AC_OPND_NULL:
		return ac_val_zero();
	case AC_OPND_INT:
		return ac_val_const(o.ival);
	case AC_OPND_ADDR: {
		/* &p->field points into p's block: it keeps that block reachable. */
		int ptr = o.place >= 0 ? ac_container_pointer(fl->fn, o.place) : -1;
		if (o.place >= 0 && ptr < 0)
			return ac_val_place_addr(o.place); /* a variable's: not on the heap */
		if (o.place < 0)
			return o.ival == AC_ADDR_LITERAL    ? ac_val_nonheap(AC_NONHEAP_LITERAL_ADDR)
			     : o.ival == AC_ADDR_FUNCTION ? ac_val_nonheap(AC_NONHEAP_FUNCTION_ADDR)
			                                  : ac_val_nonzero();
		AcVal v = ac_disj_get(d, ptr);
		if (v.kind != AC_VAL_OBJ)
			return ac_val_nonzero();
		int dir = address_move(fl->fn, o.place, ptr);
		return dir < 0 ? v : moved(v, dir, site_of(fl, v.obj)); /* &p[2]: inside the block */
	}
	case AC_OPND_PLUS: {
		AcVal v = place_value(fl, d, o.place);
		if (v.kind == AC_VAL_ZERO)
			return ac_val_const(o.ival);
		if (v.kind == AC_VAL_NONZERO && v.pol)
			return ac_val_const((long long)v.obj + o.ival);
		return ac_val_unknown();
	}
	case AC_OPND_OFFSET: {
		AcVal v = ac_disj_get(d, o.place);
		if (o.ival == AC_OFFSET_CODE) /* (void *)fnptr: code, unless a block (a JIT's) */
			return v.kind == AC_VAL_UNKNOWN ? ac_val_nonheap(AC_NONHEAP_FUNCTION_ADDR) : v;
		if (v.kind == AC_VAL_OBJ) {
			/* forward: interior only for blocks allocated here (a
			 * parameter walked in a loop would double the states for
			 * nothing), or a pointer this function walks forward in a
			 * loop and then releases: a scan (while (*p != c) p++) reads
			 * from where the caller's pointer points, so that was the
			 * start, or nothing could be released there; back: only from
			 * the start of a block allocated here (a parameter may point
			 * past its block's start: free(p - 1)), by a pointer never
			 * moved forward (a loop back after a loop forward) */
			bool track = o.ival == AC_OFFSET_BACKWARD
			                     ? site_of(fl, v.obj) != NULL && !fl->place_moves_ahead[o.place]
			                     : !fl->place_moves_back[o.place] &&
			                               (site_of(fl, v.obj) || (fl->place_relobj[o.place] >= 0 &&
			                                                       fl->block_scc[fl->cur_block] >= 0));
			return moved(v, (int)o.ival, track);
		}
		if (v.kind == AC_VAL_NONZERO)
			return ac_val_is_nonheap(v) ? v : ac_val_nonzero(); /* buf + 1 is not on the heap either */
		return ac_val_unknown();
	}
	default:
		return ac_val_unknown();
	}
}

/* A struct copied as a whole: the blocks its fields held are no longer tracked. */
/* A struct read whole (s = *a, *out = *a, f (*a), return a[0]) copies the
 * pointers in its members: the blocks they hold are no longer held by the
 * struct's alone, so they are not lost with it (lose_held). */
static void contents_copied(AcFlow *fl, AcDisj *d, AcOperand src)
{
	if (src.kind != AC_OPND_PLACE || src.place < 0 || fl->fn->places[src.place].is_pointer)
		return;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *b = &d->binds[i];
		if (b->val.kind == AC_VAL_OBJ && d->objs[b->val.obj].holder &&
		    (derived_from(fl->fn, b->place, src.place) || member_of_pointee(fl->fn, b->place, src.place)))
			d->objs[b->val.obj].holder = 0;
	}
}

static void escape_fields(AcFlow *fl, AcDisj *d, int place)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcPlace *p = &fl->fn->places[d->binds[i].place];
		if (p->kind == AC_PLACE_MEMBER && !p->through_ptr && derived_from(fl->fn, d->binds[i].place, place))
			escape(fl, d, d->binds[i].val);
	}
}

/* The member of dst at the path that leads from src to its member m (q.a.b
 * for ptr.a.b), none of it through a pointer; -1 when the function never
 * names that member of dst. */
static int counterpart(const AcFunc *fn, int m, int src, int dst)
{
	if (m == src)
		return dst;
	const AcPlace *p = &fn->places[m];
	if (p->kind != AC_PLACE_MEMBER || p->through_ptr || !p->field_key || p->parent < 0)
		return -1;
	int up = counterpart(fn, p->parent, src, dst);
	for (size_t q = 0; up >= 0 && q < fn->nplaces; q++) {
		const AcPlace *c = &fn->places[q];
		if (c->kind == AC_PLACE_MEMBER && c->parent == up && !c->through_ptr && c->field_key == p->field_key)
			return (int)q;
	}
	return -1;
}

enum { MAX_COPIED_MEMBERS = 16 };

typedef struct CopiedMember {
	int place; /* a member of the copy */
	AcVal val; /* what the same member of the source held */
} CopiedMember;

/* Whether member place m of src takes part in a copy of src to dst. */
static bool copied_member(const AcFlow *fl, int m, int src, int dst)
{
	const AcPlace *p = &fl->fn->places[m];
	return p->kind == AC_PLACE_MEMBER && !p->through_ptr && derived_from(fl->fn, m, src) &&
	       counterpart(fl->fn, m, src, dst) >= 0;
}

/* q = ptr, a struct variable copied whole into another: each member of q
 * that the function names holds what the same member of ptr holds, so both
 * name one block (free(ptr.value); free(q.value) releases it twice). A
 * member of ptr that a later release gives an object (a parameter's
 * ptr.value) gets it first. What ptr's members hold that q has no place for
 * is no longer tracked, as for any other copy. Returns the pairs to store
 * in q once q itself is written (up to MAX_COPIED_MEMBERS, the rest escape). */
static size_t copy_members(AcFlow *fl, AcDisj *d, int src, int dst, CopiedMember *out)
{
	const AcFunc *fn = fl->fn;
	bool whole = dst >= 0 && dst != src && !is_temp(fl, src) && !is_temp(fl, dst) && !fn->places[src].is_pointer &&
	             !fn->places[dst].is_pointer && !fl->place_unbindable[dst];
	for (size_t m = 0; whole && m < fn->nplaces; m++) {
		if (fl->place_relobj[m] >= 0 && copied_member(fl, (int)m, src, dst))
			ac_lifetime_materialize(fl, d, (AcOperand){.kind = AC_OPND_PLACE, .place = (int)m},
			                        ac_disj_get(d, (int)m));
	}
	size_t n = 0;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		int m = d->binds[i].place;
		const AcPlace *p = &fn->places[m];
		if (p->kind != AC_PLACE_MEMBER || p->through_ptr || !derived_from(fn, m, src))
			continue;
		int c = whole ? counterpart(fn, m, src, dst) : -1;
		if (c >= 0 && n < MAX_COPIED_MEMBERS && !fl->place_unbindable[c] && !fn->places[c].union_member &&
		    !p->union_member)
			out[n++] = (CopiedMember){c, d->binds[i].val};
		else
			escape(fl, d, d->binds[i].val);
	}
	return n;
}

static void note_field_store(AcFlow *fl, const AcDisj *d, int dst, AcVal v, AcLoc loc);

/* E = realloc(E, n): the new block is stored over the only pointer to the old
 * one, which is lost if the call failed. */
/* Whether operand o reads a place of root variable r. */
static bool reads_root(const AcFunc *fn, AcOperand o, int r)
{
	return o.kind != AC_OPND_NONE && o.kind != AC_OPND_NULL && o.kind != AC_OPND_INT && o.place >= 0 &&
	       fn->places[o.place].root == r;
}

/* Whether op reads a place of root variable r (an operand, an argument). */
static bool op_reads_root(const AcFunc *fn, const AcOp *op, int r)
{
	if (op->kind == AC_OP_KILL)
		return false;
	if (reads_root(fn, op->src, r) || reads_root(fn, op->src2, r))
		return true;
	for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++) {
		if (reads_root(fn, op->call->args[a], r))
			return true;
	}
	return false;
}

/* Whether the ops of blk from op `from` on read root variable r before q
 * is written or r dies (*stop then), or its terminator reads r. */
static bool block_reads_root(const AcFunc *fn, const AcBlock *blk, size_t from, int q, bool *stop)
{
	int r = fn->places[q].root;
	*stop = false;
	for (size_t i = from; i < blk->nops; i++) {
		const AcOp *op = &blk->ops[i];
		if (op_reads_root(fn, op, r))
			return true;
		*stop = op->dst == q || (op->kind == AC_OP_KILL && op->src.kind == AC_OPND_PLACE && op->src.place == r);
		if (*stop)
			return false;
	}
	if ((blk->term == AC_TERM_BRANCH && reads_root(fn, blk->cond, r)) ||
	    (blk->term == AC_TERM_RETURN && reads_root(fn, blk->ret, r)))
		return true;
	for (size_t k = 0; blk->cond_key && k < blk->cond_key->nreads; k++) {
		if (blk->cond_key->reads[k] >= 0 && fn->places[blk->cond_key->reads[k]].root == r)
			return true;
	}
	return false;
}

/* Whether place q (a local variable, or a member of a local struct or
 * union, whose address is never taken) is read again on some path from op
 * `from` of block b on, before it is written or dies. */
static bool read_later(const AcFlow *fl, int q, int b, size_t from)
{
	const AcFunc *fn = fl->fn;
	bool *seen = ac_calloc(fn->nblocks, sizeof *seen);
	int *stack = ac_calloc(fn->nblocks + 1, sizeof *stack);
	size_t n = 0;
	bool stop;
	bool live = block_reads_root(fn, &fn->blocks[b], from, q, &stop);
	for (int at = b; !live;) {
		const AcBlock *blk = &fn->blocks[at];
		for (size_t e = 0; !stop && e < blk->nsucc; e++) {
			int t = blk->succ[e];
			if (t >= 0 && !seen[t]) {
				seen[t] = true;
				stack[n++] = t;
			}
		}
		if (!n)
			break;
		at = stack[--n];
		live = block_reads_root(fn, &fn->blocks[at], 0, q, &stop);
	}
	ac_free(stack);
	ac_free(seen);
	return live;
}

/* Whether a place other than dst holds obj that the function may still
 * read: a copy in a local that is never read again (T *copy = data; ...;
 * data = realloc(data, n) with copy dead) keeps nothing. */
static bool held_elsewhere(const AcFlow *fl, const AcDisj *d, int obj, int dst)
{
	const AcFunc *fn = fl->fn;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		int q = d->binds[i].place;
		if (d->binds[i].val.kind != AC_VAL_OBJ || d->binds[i].val.obj != obj || q == dst)
			continue;
		const AcPlace *root = &fn->places[fn->places[q].root];
		bool local = root->kind == AC_PLACE_VAR && root->storage == AC_STORAGE_LOCAL && !root->addr_taken &&
		             !root->cleanup && !fl->place_escapes[q];
		for (int p = q; local && p != fn->places[q].root; p = fn->places[p].parent)
			local = fn->places[p].kind == AC_PLACE_MEMBER && !fn->places[p].through_ptr;
		if (!local || read_later(fl, q, fl->cur_block, fl->cur_op + 1))
			return true;
	}
	return false;
}

static void note_self_assign(AcFlow *fl, AcDisj *d, int dst, AcVal old, AcVal v)
{
	if (v.kind != AC_VAL_OBJ || old.kind != AC_VAL_OBJ || !site_of(fl, v.obj))
		return;
	AcObj *n = &d->objs[v.obj];
	if (n->prev != old.obj || d->objs[old.obj].status != AC_OBJ_PENDING)
		return;
	/* realloc of NULL allocates: nothing to lose (a parameter every call passes NULL) */
	int param = ac_flow_param_index(fl, old.obj);
	if (d->objs[old.obj].null == AC_NULL_NULL || (param >= 0 && param < 32 && (fl->null_args >> param & 1u)))
		return;
	if (fl->site_arg_place[site_index(fl, v.obj)] == dst && !held_elsewhere(fl, d, old.obj, dst))
		n->self_assigned = 1;
}

/* A write into the block behind dst's container pointer: it is not all zero any more. */
static void written_into(const AcFlow *fl, AcDisj *d, int dst)
{
	int ptr = ac_container_pointer(fl->fn, dst);
	AcVal c = ptr >= 0 ? ac_disj_get(d, ptr) : ac_val_unknown();
	if (c.kind == AC_VAL_OBJ)
		d->objs[c.obj].zeroed = 0;
}

static void find_loop_reads(AcFlow *fl);

/* The block of this function, still owned, that the element dst is in
 * (a[i], a[2], a[i].name, o->slots[i] with a and o = malloc(..)), or -1. */
static int element_container(const AcFlow *fl, const AcDisj *d, int dst)
{
	bool elem = false;
	for (int p = dst; p >= 0; p = fl->fn->places[p].parent) {
		const AcPlace *pl = &fl->fn->places[p];
		if (pl->kind != AC_PLACE_MEMBER && pl->kind != AC_PLACE_ELEM)
			return -1;
		elem |= pl->kind == AC_PLACE_ELEM;
		if (!pl->through_ptr)
			continue;
		AcVal c = elem ? ac_disj_get(d, pl->parent) : ac_val_unknown();
		if (c.kind != AC_VAL_OBJ || c.pol || !site_of(fl, c.obj) || d->objs[c.obj].status != AC_OBJ_OWNED)
			return -1;
		return c.obj;
	}
	return -1;
}

/* The holder mark of a block obj stored into element dst: of the block of
 * this function it is in, or of the local array variable it is in (char
 * *a[5]; a[i] = malloc(n)); 0 when neither. */
static int32_t element_mark(const AcFlow *fl, const AcDisj *d, int dst, int obj)
{
	int c = element_container(fl, d, dst);
	if (c >= 0)
		return c != obj ? (c + 1) | AC_HOLDER_ELEM : 0;
	for (int p = dst; p >= 0; p = fl->fn->places[p].parent) {
		if (fl->fn->places[p].union_member)
			return 0; /* other members name the same storage */
	}
	int root = fl->fn->places[dst].kind == AC_PLACE_ELEM || fl->fn->places[dst].kind == AC_PLACE_MEMBER
	                   ? local_array_root(fl, dst)
	                   : -1;
	return root >= 0 ? local_mark(root) : 0;
}

/* The block of this function, still owned, whose member dst is (o->buf
 * with o = malloc(..)), or -1. */
static int owned_container(const AcFlow *fl, const AcDisj *d, int dst)
{
	const AcPlace *p = &fl->fn->places[dst];
	if (p->kind != AC_PLACE_MEMBER || !p->through_ptr)
		return -1;
	AcVal c = ac_disj_get(d, p->parent);
	if (c.kind != AC_VAL_OBJ || c.pol || !site_of(fl, c.obj) || d->objs[c.obj].status != AC_OBJ_OWNED)
		return -1;
	return c.obj;
}

/* The member of obj that alone holds block k by d's bindings (o->buf for
 * o->buf = malloc(n)); "" for an element of obj whose binding went (i++),
 * which still holds it (elements_taken); NULL when another place holds k
 * too, or no member of obj names it any longer (it was emptied). */
static const char *held_only_by(const AcFlow *fl, const AcDisj *d, int k, int obj, bool elem)
{
	const char *member = NULL;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *b = &d->binds[i];
		if (b->val.kind != AC_VAL_OBJ || b->val.obj != k)
			continue;
		const AcPlace *p = &fl->fn->places[b->place];
		int ptr = elem ? ac_container_pointer(fl->fn, b->place)
		               : p->kind == AC_PLACE_MEMBER && p->through_ptr ? p->parent : -1;
		AcVal c = ptr >= 0 ? ac_disj_get(d, ptr) : ac_val_unknown();
		if (c.kind != AC_VAL_OBJ || c.obj != obj)
			return NULL;
		member = p->name;
	}
	return member ? member : elem ? "" : NULL;
}

/* The same once the bindings of obj and of what is derived from its place
 * were removed together (l: a dying, with a->right): k bound nowhere else,
 * and one of its removed bindings a member or element reached through a
 * removed binding of obj. */
static const char *held_only_by_lost(const AcFlow *fl, const AcDisj *d, const Lost *l, int k, int obj, bool elem)
{
	if (reachable(d, k))
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		if (l->obj[i] != k)
			continue;
		const AcPlace *p = &fl->fn->places[l->at[i]];
		int ptr = elem ? ac_container_pointer(fl->fn, l->at[i])
		               : p->kind == AC_PLACE_MEMBER && p->through_ptr ? p->parent : -1;
		for (size_t j = 0; ptr >= 0 && j < l->n; j++) {
			if (l->at[j] == ptr && l->obj[j] == obj)
				return p->name;
		}
	}
	return elem ? "" : NULL;
}

/* How many places other than temporaries hold obj: with two, one may have
 * emptied a member the other's bindings still show. */
static uint32_t names_of(const AcFlow *fl, const AcDisj *d, int obj, const Lost *l)
{
	uint32_t names = 0;
	for (uint32_t i = 0; i < d->nbinds; i++)
		names += d->binds[i].val.kind == AC_VAL_OBJ && d->binds[i].val.obj == obj && !is_temp(fl, d->binds[i].place);
	for (size_t i = 0; l && i < l->n; i++)
		names += l->obj[i] == obj && !is_temp(fl, l->at[i]);
	return names;
}

/* free(o) with o->buf the only pointer to a block: that block leaks (unless
 * o has another name here, which may have emptied the member first). So do
 * the blocks in o's elements (a[i] = malloc(n); free(a)) when o's own
 * family's deallocator releases it: another (a g_strfreev of a g_new array)
 * may release them too. */
static void release_holder(AcFlow *fl, AcDisj *d, int obj, AcLoc loc, bool own_family)
{
	uint32_t names = names_of(fl, d, obj, NULL);
	for (uint32_t k = 0; k < d->nobjs; k++) {
		AcObj *x = &d->objs[k];
		if ((x->holder & ~AC_HOLDER_ELEM) != obj + 1)
			continue;
		bool elem = x->holder & AC_HOLDER_ELEM;
		x->holder = 0;
		if (names > 1 || x->status != AC_OBJ_ESCAPED || x->null == AC_NULL_NULL || (elem && !own_family))
			continue;
		const char *member = held_only_by(fl, d, (int)k, obj, elem);
		if (!member)
			continue; /* emptied, or still held by another place */
		x->status = AC_OBJ_OWNED;
		report_leak(fl, d, (int)k, loc, AC_LEAK_CONTAINER, *member ? member : NULL);
		x->status = AC_OBJ_LOST;
	}
}

/* obj, lost, was the only holder of the blocks its members or elements
 * alone point to (a->right = malloc(n); return;): they are lost with it,
 * where it is, and so on down. l: the bindings removed with obj's, or NULL
 * when they are all still there (at a return). */
static void lose_held(AcFlow *fl, AcDisj *d, int obj, AcLoc loc, AcLeakHow how, const Lost *l)
{
	if (names_of(fl, d, obj, l) > 1)
		return;
	for (uint32_t k = 0; k < d->nobjs; k++) {
		AcObj *x = &d->objs[k];
		if ((x->holder & ~AC_HOLDER_ELEM) != obj + 1)
			continue;
		bool elem = x->holder & AC_HOLDER_ELEM;
		if (x->status != AC_OBJ_ESCAPED || x->null == AC_NULL_NULL)
			continue;
		const char *member = l ? held_only_by_lost(fl, d, l, (int)k, obj, elem) : held_only_by(fl, d, (int)k, obj, elem);
		if (!member)
			continue;
		x->holder = 0;
		x->status = AC_OBJ_OWNED;
		report_leak(fl, d, (int)k, loc, how, *member ? member : NULL);
		x->status = AC_OBJ_LOST;
		lose_held(fl, d, (int)k, loc, how, l);
	}
}

/* A store into a block nothing may write (a read-only mapping): it faults. */
static bool into_readonly(const AcFlow *fl, const AcDisj *d, int dst)
{
	int ptr = ac_container_pointer(fl->fn, dst);
	AcVal c = ptr >= 0 ? ac_disj_get(d, ptr) : ac_val_unknown();
	return c.kind == AC_VAL_OBJ && site_of(fl, c.obj) && fl->site_readonly[site_index(fl, c.obj)] &&
	       d->objs[c.obj].null != AC_NULL_NULL;
}

/* The parameter whose pointee dst is (*out, out a parameter the function
 * never writes), or -1. */
static int out_place_param(const AcFlow *fl, int dst)
{
	const AcPlace *pl = &fl->fn->places[dst];
	if (pl->kind != AC_PLACE_DEREF || pl->parent < 0 || (size_t)pl->parent >= fl->fn->nparams ||
	    pl->parent != pl->root || !pl->is_pointer || fl->var_written[pl->parent])
		return -1;
	return pl->parent;
}

static void store(AcFlow *fl, AcDisj *d, int dst, AcVal v, AcLoc loc)
{
	if (into_readonly(fl, d, dst)) {
		fl->path_ended = true; /* nothing after it runs: no leak, no use */
		return;
	}
	Lost lost = {0};
	AcVal old = ac_disj_get(d, dst);
	written_into(fl, d, dst);
	forget_written(fl, d, dst);
	note_field_store(fl, d, dst, v, loc);
	unbind_tree(fl, d, dst, true, &lost);
	if (fl->place_unbindable[dst] || fl->place_escapes[dst]) {
		bool was_owned = v.kind == AC_VAL_OBJ && d->objs[v.obj].status == AC_OBJ_OWNED;
		bool *kept = fl->site_kept && site_of(fl, v.obj) ? &fl->site_kept[site_index(fl, v.obj)] : NULL;
		bool was_kept = kept && *kept;
		int32_t mark = was_owned && !v.pol && !v.before ? element_mark(fl, d, dst, v.obj) : 0; /* not buf + k */
		bool *handled = mark && site_of(fl, v.obj) ? &fl->site_handled_in_loop[site_index(fl, v.obj)] : NULL;
		bool was_handled = handled && *handled;
		escape(fl, d, v);
		if (kept && out_place_param(fl, dst) >= 0)
			*kept = was_kept; /* *out = p: handed to the caller (note_out_params) */
		int holder = was_owned ? owned_container(fl, d, dst) : -1;
		if (holder >= 0 && holder != v.obj) {
			d->objs[v.obj].holder = holder + 1; /* o->buf = malloc(n), o ours */
		} else if (handled) {
			/* a[i] = malloc(n), a ours (or a local array): still this
			 * function's, in a; the previous round's block is in another
			 * element, not handed on */
			d->objs[v.obj].holder = mark;
			*handled = was_handled;
			if (!fl->elements_held)
				find_loop_reads(fl);
			fl->elements_held = true;
		}
	}
	if (!fl->place_unbindable[dst])
		ac_disj_set(d, dst, v);
	/* a[0] = strdup(x): a later read of a[j] may take it out (elements_named_out) */
	if (!fl->elements_held && v.kind == AC_VAL_OBJ && d->objs[v.obj].status == AC_OBJ_OWNED &&
	    local_array_root(fl, dst) >= 0) {
		find_loop_reads(fl);
		fl->elements_held = true;
	}
	note_self_assign(fl, d, dst, old, v);
	settle_lost(fl, d, &lost, loc, AC_LEAK_OVERWRITE);
}

/* s = make_span(n), s a struct: its member holds the block the call made
 * (AcSummary.ret_member_key); a temporary carries it to the copy. False
 * when v is no such block. */
static bool store_struct_result(AcFlow *fl, AcDisj *d, int dst, AcVal v, AcLoc loc)
{
	if (v.kind != AC_VAL_OBJ || dst < 0 || fl->fn->places[dst].is_pointer || !site_of(fl, v.obj))
		return false;
	const char *key = fl->site_member[site_index(fl, v.obj)];
	if (!key)
		return false;
	AcSlot slot = {.nsteps = 1, .step = {{key, 0}}};
	int m = is_temp(fl, dst) ? -1 : ac_summary_slot_place(fl->fn, dst, &slot);
	if (m < 0 || fl->place_unbindable[m]) {
		store(fl, d, dst, v, loc); /* the member is never named here: the struct holds it */
		return true;
	}
	store(fl, d, dst, ac_val_unknown(), loc);
	store(fl, d, m, v, loc);
	return true;
}

/* ---- families: mismatches, parameters, struct members ---------------------------- */

static void check_family(AcFlow *fl, const AcDisj *d, int obj, const Release *r)
{
	const AcObj *o = &d->objs[obj];
	if (!site_of(fl, obj) || r->family < 0 || o->null == AC_NULL_NULL)
		return;
	if (o->status == AC_OBJ_NONE || o->status == AC_OBJ_TOP || o->status == AC_OBJ_LOST || o->status == AC_OBJ_FREED)
		return;
	int fam = fl->site_family[site_index(fl, obj)];
	if (fam < 0 || fam == r->family)
		return;
	AcEvent ev = {.kind = AC_EV_DEALLOC_MISMATCH, .loc = r->loc, .deallocator = r->deallocator,
	              .alloc_family = ac_families_id(fl->families, fam),
	              .dealloc_family = ac_families_id(fl->families, r->family)};
	emit_event(fl, d, &ev, obj);
}

static void note_param_release(AcFlow *fl, int obj, const Release *r)
{
	int i = ac_flow_param_index(fl, obj);
	if (i < 0)
		return;
	ac_lifetime_param_released(fl, obj);
	int *f = &fl->param_free_family[i];
	*f = (*f == -2 || *f == r->family) ? r->family : -1;
}

static AcFieldFamily *field_family(AcFieldTable *t, const char *key)
{
	for (size_t i = 0; i < t->families.n; i++) {
		if (t->families.v[i].field_key == key)
			return &t->families.v[i];
	}
	AcFieldFamily f = {.field_key = key, .family = -2};
	AC_VEC_PUSH(&t->families, f);
	return &t->families.v[t->families.n - 1];
}

/* Remembers which family flows into struct member dst (TU-wide). */
static void note_field_store(AcFlow *fl, const AcDisj *d, int dst, AcVal v, AcLoc loc)
{
	const AcPlace *p = &fl->fn->places[dst];
	if (p->kind != AC_PLACE_MEMBER || !p->field_key || v.kind == AC_VAL_ZERO)
		return;
	int fam = -1;
	const char *via = NULL;
	if (v.kind == AC_VAL_OBJ && site_of(fl, v.obj) && d->objs[v.obj].status != AC_OBJ_TOP) {
		fam = fl->site_family[site_index(fl, v.obj)];
		via = site_of(fl, v.obj)->allocator;
	} else if (v.kind != AC_VAL_OBJ && v.kind != AC_VAL_UNKNOWN && v.kind != AC_VAL_NONZERO) {
		return; /* a flag or a test result: not a pointer into memory */
	}
	AcFieldFamily *f = field_family(fl->fields, p->field_key);
	if (f->family == -2) {
		f->family = fam;
		f->first = loc;
		f->allocator = via;
	} else if (f->family != fam) {
		f->family = -1; /* mixed or unknown: never reported */
	}
}

/* A release of a struct member whose block this function did not see
 * allocated: checked against the member's family once the TU is walked. */
static void note_field_release(AcFlow *fl, const AcDisj *d, AcOperand arg, AcVal v, const Release *r)
{
	if (arg.kind != AC_OPND_PLACE || r->family < 0 || fl->fn->unreliable)
		return;
	const AcPlace *p = &fl->fn->places[arg.place];
	if (p->kind != AC_PLACE_MEMBER || !p->field_key)
		return;
	if (v.kind == AC_VAL_ZERO || (v.kind == AC_VAL_OBJ && site_of(fl, v.obj)))
		return; /* NULL, or a block seen here: checked on the path */
	(void)d;
	AcFieldRelease rel = {p->field_key, p->name, r->family, r->deallocator, r->loc, fl->fn};
	AC_VEC_PUSH(&fl->fields->releases, rel);
}

/* ---- operations ---------------------------------------------------------------- */

/* A reallocator's argument that holds a block this function never saw
 * allocated (self->data on entry) gets an object of its own, so that
 * self->data = realloc(self->data, n) and the aliases of the old block can be
 * told apart. Nothing is done when that object is already in use. */
static void materialize(AcFlow *fl, AcDisj *d, AcOperand o, int site)
{
	if (o.kind != AC_OPND_PLACE || site < 0 || fl->place_unbindable[o.place])
		return;
	AcVal v = ac_disj_get(d, o.place);
	int ext = ac_flow_ext_obj(fl, (size_t)site);
	if ((v.kind != AC_VAL_UNKNOWN && v.kind != AC_VAL_NONZERO) || ac_val_is_nonheap(v) || reachable(d, ext))
		return;
	d->objs[ext] = (AcObj){.status = AC_OBJ_PARAM, .null = AC_NULL_CHECKED, .prev = -1, .null_region = -1};
	ac_disj_set(d, o.place, ac_val_obj(ext));
}

/* h = p - 1 (or p + k), then realloc(h, n), p holding a block this function
 * never saw allocated: the reallocation says h is the block's start, so p,
 * which the caller may hold (lmdb's ID lists keep their length at ids[-1]),
 * points inside it and keeps the old block when the call fails. Returns
 * whether the assignment was done here. */
static bool materialize_moved(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	AcOperand o = op->src;
	if (o.kind != AC_OPND_OFFSET || o.place < 0 || op->dst < 0 || o.place == op->dst ||
	    o.ival == AC_OFFSET_CODE || fl->place_unbindable[o.place])
		return false;
	int site = fl->place_realloc_site[op->dst];
	if (site < 0)
		return false;
	AcVal v = ac_disj_get(d, o.place);
	int ext = ac_flow_ext_obj(fl, (size_t)site);
	if ((v.kind != AC_VAL_UNKNOWN && v.kind != AC_VAL_NONZERO) || ac_val_is_nonheap(v) || reachable(d, ext))
		return false;
	d->objs[ext] = (AcObj){.status = AC_OBJ_PARAM, .null = AC_NULL_CHECKED, .prev = -1, .null_region = -1};
	/* h = p - 1: p is past h; h = p + 1: p is before it */
	AcVal src = o.ival == AC_OFFSET_BACKWARD ? ac_val_interior(ext)
	          : o.ival == AC_OFFSET_FORWARD  ? ac_val_before(ext)
	                                         : ac_val_within(ext);
	ac_disj_set(d, o.place, src);
	store(fl, d, op->dst, ac_val_obj(ext), op->loc);
	return true;
}

/* b = *src, a struct copied whole: a field of b that a reallocator takes
 * later holds a block the source still points to (b = pool[k]; b.ptr =
 * realloc(b.ptr, n)), so the old block is not lost when the call fails. The
 * field gets an object of its own that counts as held elsewhere. */
static void alias_copied_fields(AcFlow *fl, AcDisj *d, int dst)
{
	for (size_t q = 0; q < fl->fn->nplaces; q++) {
		const AcPlace *p = &fl->fn->places[q];
		int site = fl->place_realloc_site[q];
		if (site < 0 || p->kind != AC_PLACE_MEMBER || p->through_ptr || fl->place_unbindable[q] ||
		    !derived_from(fl->fn, (int)q, dst) || ac_disj_get(d, (int)q).kind != AC_VAL_UNKNOWN)
			continue; /* bound: a copy of the source's member (copy_members) */
		int ext = ac_flow_ext_obj(fl, (size_t)site);
		if (reachable(d, ext))
			continue;
		d->objs[ext] = (AcObj){.status = AC_OBJ_ESCAPED, .null = AC_NULL_CHECKED, .prev = -1, .null_region = -1};
		ac_disj_set(d, (int)q, ac_val_obj(ext));
	}
}

/* ---- symbols: one unknown value held by several places ------------------------ */

/* Whether some place is bound to symbol sym, or a reallocation that may
 * have returned NULL was given it as its size (released_by_zero_size): a
 * name given again to a new value would tell of the old one. */
static bool symbol_in_use(const AcDisj *d, int sym)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		if (ac_val_is_symbol(d->binds[i].val) && d->binds[i].val.obj == sym)
			return true;
	}
	for (uint32_t k = 0; k < d->nobjs; k++) {
		const AcObj *o = &d->objs[k];
		if (o->size_sym == sym + 1 && o->status != AC_OBJ_NONE && o->null != AC_NULL_NONNULL && o->prev >= 0)
			return true;
	}
	return false;
}

/* The value place holds, named when it is unknown: a symbol that other
 * places may then share (len = j), so that a test of one tells the others.
 * Only places a branch tests (fl->place_symbolic) get one; the symbol is
 * the place's id, taken only while no place still holds an older value
 * under that name. */
static AcVal named_value(AcFlow *fl, AcDisj *d, int place)
{
	AcVal v = ac_disj_get(d, place);
	if (v.kind != AC_VAL_UNKNOWN || ac_val_is_symbol(v) || !fl->place_symbolic[place] || symbol_in_use(d, place))
		return v;
	v = ac_val_symbol(place);
	ac_disj_set(d, place, v); /* the same value, named: nothing is written */
	return v;
}

/* Every place bound to symbol sym holds v (a test of one of them told). */
static void learn_symbol(AcDisj *d, int sym, AcVal v)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		if (ac_val_is_symbol(d->binds[i].val) && d->binds[i].val.obj == sym)
			d->binds[i].val = v;
	}
}

/* A reallocation to a size of 0 releases its block and returns NULL
 * (glibc; realloc (p, 0) below): where the NULL came back first and the
 * size is found to be 0 only now (if (!r && (!p || s)) xalloc_die ();,
 * gnulib's xrealloc), the old block was not handed back to its owner but
 * released. */
static void released_by_zero_size(AcFlow *fl, AcDisj *d, int sym)
{
	for (uint32_t k = 0; k < d->nobjs; k++) {
		const AcObj *o = &d->objs[k];
		if (o->size_sym != sym + 1 || o->null != AC_NULL_NULL || o->prev < 0 || !site_of(fl, (int)k))
			continue;
		AcObj *old = &d->objs[o->prev];
		if (old->status != AC_OBJ_OWNED && old->status != AC_OBJ_PARAM && old->status != AC_OBJ_LOST)
			continue;
		old->status = AC_OBJ_FREED;
		ac_lifetime_freed(fl, d, o->prev, site_of(fl, (int)k)->allocator, site_of(fl, (int)k)->loc, false);
	}
}

static void op_assign(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	if (materialize_moved(fl, d, op))
		return;
	/* old = self->data, or p = self->data before realloc(p, n): an alias */
	if (op->src.kind == AC_OPND_PLACE) {
		int site = fl->place_realloc_site[op->src.place];
		if (site < 0 && op->dst >= 0)
			site = fl->place_realloc_site[op->dst];
		materialize(fl, d, op->src, site);
	}
	/* name = o->name; free(o->name); puts(name): a copy of what a place
	 * released later holds is that block too (the release's object) */
	if (op->src.kind == AC_OPND_PLACE && op->src.place >= 0 && op->dst >= 0 && op->dst != op->src.place &&
	    fl->place_relobj[op->src.place] >= 0)
		ac_lifetime_materialize(fl, d, op->src, ac_disj_get(d, op->src.place));
	/* char *data = *pp; while (*data) data++; free(data): what a loop walks
	 * forward and then releases was its block's start on entry (the
	 * release's object, as for a parameter) */
	if (op->src.kind == AC_OPND_OFFSET && op->src.place >= 0 && op->src.place == op->dst &&
	    op->src.ival == AC_OFFSET_FORWARD && !fl->place_moves_back[op->dst] && fl->block_scc[fl->cur_block] >= 0)
		ac_lifetime_materialize(fl, d, (AcOperand){.kind = AC_OPND_PLACE, .place = op->dst},
		                        ac_disj_get(d, op->dst));
	if (op->src.kind == AC_OPND_ADDR && op->src.place >= 0)
		escape_tree(fl, d, op->src.place);
	contents_copied(fl, d, op->src);
	CopiedMember copies[MAX_COPIED_MEMBERS];
	size_t ncopies = op->src.kind == AC_OPND_PLACE ? copy_members(fl, d, op->src.place, op->dst, copies) : 0;
	AcVal v = eval(fl, d, op->src);
	/* len = j, both tested later: the same value under one name */
	if (op->src.kind == AC_OPND_PLACE && op->dst >= 0 && op->dst != op->src.place && fl->place_symbolic[op->dst] &&
	    v.kind == AC_VAL_UNKNOWN)
		v = named_value(fl, d, op->src.place);
	if (op->dst >= 0 && op->src.kind == AC_OPND_PLACE && store_struct_result(fl, d, op->dst, v, op->loc))
		return;
	if (op->dst >= 0)
		store(fl, d, op->dst, v, op->loc);
	else
		escape(fl, d, v);
	for (size_t k = 0; k < ncopies; k++)
		store(fl, d, copies[k].place, copies[k].val, op->loc);
	if (op->src.kind == AC_OPND_PLACE && !is_temp(fl, op->src.place) && op->dst >= 0)
		alias_copied_fields(fl, d, op->dst); /* not a call's result: nothing else holds that */
}

/* dst = (src != 0), or (src == 0) when negated */
static void op_test(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	AcVal v = eval(fl, d, op->src);
	AcVal r = ac_val_unknown();
	bool neg = op->negate;
	switch (v.kind) {
	case AC_VAL_OBJ:
		if (fails_with(fl, v.obj)) /* mmap's result is never NULL: MAP_FAILED or a mapping */
			r = neg ? ac_val_zero() : ac_val_nonzero();
		else if (!v.pol) /* a pointer inside a block (strchr's) may be NULL alone */
			r = ac_val_bool(v.obj, !neg);
		break;
	case AC_VAL_BOOL:
		r = ac_val_bool(v.obj, neg ? !v.pol : v.pol);
		break;
	case AC_VAL_ZERO:
		r = neg ? ac_val_nonzero() : ac_val_zero();
		break;
	case AC_VAL_NONZERO:
		r = neg ? ac_val_zero() : ac_val_nonzero();
		break;
	default:
		break;
	}
	if (op->dst >= 0)
		store(fl, d, op->dst, r, op->loc);
}

/* The realloc result stored over its own argument may be NULL on this path,
 * and the old block is gone then. */
static void report_self_assign(AcFlow *fl, AcDisj *d, int obj)
{
	const AcObj *o = &d->objs[obj];
	if (!o->self_assigned || o->null == AC_NULL_NONNULL || o->status == AC_OBJ_TOP || !site_of(fl, obj))
		return; /* TOP: facts were joined away, so the failure path is not known */
	/* Past a check whose failure branch called something that may not return
	 * (fatal()), the failure path may not exist; a return inside that branch
	 * shows it does. */
	if (o->quiet && !ac_dominates(&fl->dom, o->null_region, fl->cur_block))
		return;
	if (o->null == AC_NULL_NULL && o->prev >= 0 && d->objs[o->prev].status == AC_OBJ_FREED)
		return; /* NULL for a size of 0: the old block was released (released_by_zero_size) */
	AcEvent ev = {.kind = AC_EV_REALLOC_SELF, .loc = site_of(fl, obj)->loc};
	emit_event(fl, d, &ev, obj);
}

/* UNCHECKED --use--> report, then non-NULL (past the use the path assumes it);
 * NULL (a check said so on this path) --use--> report, and the path ends there. */
/* Memory that is surely not a heap block: a variable's or a string's address. */
static bool nonheap_address(const AcFlow *fl, AcOperand o)
{
	return o.kind == AC_OPND_ADDR && (o.place < 0 || ac_container_pointer(fl->fn, o.place) < 0);
}

static bool live_block(const AcObj *o)
{
	return o->status == AC_OBJ_OWNED || o->status == AC_OBJ_ESCAPED || o->status == AC_OBJ_PARAM ||
	       o->status == AC_OBJ_PENDING;
}

/* Whether a (holding block va) can equal b: 0 never, 1 always, -1 unknown. */
static int same_block(const AcFlow *fl, const AcDisj *d, AcVal va, AcOperand b, AcVal vb)
{
	const AcObj *o = &d->objs[va.obj];
	if (vb.kind == AC_VAL_OBJ && vb.obj == va.obj) /* q = strchr(p, c) may be p, or past it; */
		return !va.pol && !vb.pol && !va.before && !vb.before ? 1 : -1; /* end = s + len: s or past it */
	if (vb.kind == AC_VAL_OBJ) {
		/* NULL is no block; two NULLs are equal */
		const AcObj *ob = &d->objs[vb.obj];
		if ((o->null == AC_NULL_NULL && ob->null == AC_NULL_NONNULL) ||
		    (o->null == AC_NULL_NONNULL && ob->null == AC_NULL_NULL))
			return 0;
		if (o->null == AC_NULL_NULL && ob->null == AC_NULL_NULL)
			return 1;
	}
	if (!site_of(fl, va.obj))
		return -1; /* a parameter points anywhere, globals included */
	if (vb.kind == AC_VAL_NONZERO && vb.pol && o->status != AC_OBJ_NONE && !fails_with(fl, va.obj))
		return 0; /* p != UNSET, (char *)-1: a block, or NULL, is at no constant address */
	if (nonheap_address(fl, b))
		return 0; /* never NULL, never a heap block */
	if (!live_block(o) || o->null != AC_NULL_NONNULL)
		return -1;
	if (vb.kind == AC_VAL_OBJ && site_of(fl, vb.obj) && live_block(&d->objs[vb.obj]))
		return 0; /* two live blocks differ */
	/* Nobody else knows the address of a block this function still owns:
	 * not a parameter, not a global, not what a call returned. */
	return o->status == AC_OBJ_OWNED ? 0 : -1;
}

/* if (d != old_d) publish(d): a reallocated block compared with the pointer
 * it was grown from, which came from elsewhere. When realloc grew it in
 * place, whoever held the old pointer holds the new block, so the code
 * publishes it only when it moved: the block counts as handed on. */
static void moved_or_in_place(AcFlow *fl, AcDisj *d, int x, int y)
{
	for (int k = 0; k < 2; k++) {
		int grown = k ? y : x, from = k ? x : y;
		AcObj *g = &d->objs[grown];
		if (site_of(fl, grown) && g->prev == from && !site_of(fl, from) && g->status == AC_OBJ_OWNED)
			g->status = AC_OBJ_ESCAPED;
	}
}

/* dst = (src == src2), or != when negated */
static void op_cmp(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	AcVal va = eval(fl, d, op->src), vb = eval(fl, d, op->src2);
	AcOperand a = op->src, b = op->src2;
	if (va.kind == AC_VAL_ZERO || vb.kind == AC_VAL_ZERO) {
		AcOp test = *op; /* x == NULL is a NULL test of x */
		test.kind = AC_OP_TEST;
		test.src = va.kind == AC_VAL_ZERO ? b : a;
		test.negate = !op->negate;
		op_test(fl, d, &test);
		return;
	}
	if (va.kind != AC_VAL_OBJ) {
		AcVal tv = va;
		AcOperand to = a;
		va = vb, a = b, vb = tv, b = to;
	}
	long long fw = va.kind == AC_VAL_OBJ ? fails_with(fl, va.obj) : 0;
	if (fw && b.kind == AC_OPND_INT && b.ival == fw) {
		/* m == MAP_FAILED: true exactly when the call failed */
		store(fl, d, op->dst, ac_val_bool(va.obj, op->negate), op->loc);
		return;
	}
	int same = va.kind == AC_VAL_OBJ ? same_block(fl, d, va, b, vb) : -1;
	if (same < 0 && va.kind == AC_VAL_NONZERO && va.pol && vb.kind == AC_VAL_NONZERO && vb.pol)
		same = va.obj == vb.obj; /* p = UNSET; ... if (p != UNSET): two constants */
	if (same < 0)
		same = ac_lifetime_compare(fl, d, va, vb); /* buf != stackbuf */
	AcVal r = ac_val_unknown();
	if (same >= 0)
		r = (same == 1) != op->negate ? ac_val_nonzero() : ac_val_zero();
	else if (va.kind == AC_VAL_OBJ && vb.kind == AC_VAL_OBJ)
		moved_or_in_place(fl, d, va.obj, vb.obj);
	store(fl, d, op->dst, r, op->loc);
}

static void use_unchecked(AcFlow *fl, AcDisj *d, AcVal v, AcEvent *ev)
{
	if (v.kind != AC_VAL_OBJ || d->objs[v.obj].status == AC_OBJ_PARAM)
		return;
	if (d->objs[v.obj].status == AC_OBJ_FREED || d->objs[v.obj].status == AC_OBJ_LOST)
		return; /* released: a use after free, not a NULL use */
	AcNullness n = d->objs[v.obj].null;
	if (n == AC_NULL_NULL) {
		/* After an opaque call the check's branch may never have come back
		 * (fatal() without a noreturn declaration): stay silent then. */
		if (!d->objs[v.obj].quiet) {
			ev->known_null = true;
			emit_event(fl, d, ev, v.obj);
		}
		fl->path_ended = true;
		return;
	}
	if (n == AC_NULL_CHECKED && d->objs[v.obj].needs_proof)
		set_null(fl, d, v.obj, AC_NULL_NONNULL); /* the out-parameter block exists */
	if (n != AC_NULL_UNCHECKED)
		return;
	emit_event(fl, d, ev, v.obj);
	report_self_assign(fl, d, v.obj); /* the failure path is not handled either */
	set_null(fl, d, v.obj, AC_NULL_NONNULL);
}

/* ALLOCATED(maybe NULL) --deref--> report once, then non-NULL */
static void op_deref(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	if (op->src.kind != AC_OPND_PLACE)
		return;
	int p = op->src.place;
	AcEvent ev = {.kind = AC_EV_NULL_USE, .loc = op->loc, .how = AC_USE_DEREF,
	              .place = unnamed(fl, p) ? NULL : fl->fn->places[p].name};
	AcVal v = ac_disj_get(d, p);
	AcEvent uaf = ev;
	ac_lifetime_deref(fl, v);
	if (ac_lifetime_use(fl, d, v, &uaf))
		return;
	use_unchecked(fl, d, v, &ev);
	/* A pointer the code dereferences is not NULL on any path that goes on
	 * (a parameter, a block whose check was joined away): a later test of
	 * it is decided (old->x = 0; if (old) old->next = n; hands n on). */
	if (v.kind == AC_VAL_OBJ && !fl->path_ended && d->objs[v.obj].null == AC_NULL_CHECKED)
		set_null(fl, d, v.obj, AC_NULL_NONNULL);
}

/* The local array variable root dies (root -1: every one, at a return):
 * the blocks still marked held in its elements are this function's again
 * (an element still bound is settled by its unbinding, with its name); up
 * to max of them go into out when it is not NULL. */
static size_t array_dies(AcDisj *d, int root, int *out, size_t max)
{
	size_t n = 0;
	for (uint32_t k = 0; k < d->nobjs; k++) {
		AcObj *o = &d->objs[k];
		if (root >= 0 ? o->holder != local_mark(root) : !(o->holder & AC_HOLDER_LOCAL))
			continue;
		o->holder = 0;
		if (o->status != AC_OBJ_ESCAPED || o->null == AC_NULL_NULL || (out && n == max))
			continue; /* beyond max: left handed on, so never reported falsely */
		o->status = AC_OBJ_OWNED;
		if (out)
			out[n] = (int)k;
		n++;
	}
	return n;
}

static void op_kill(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	Lost lost = {0};
	int dead[16], root[16];
	size_t ndead = 0;
	for (size_t i = 0; i < op->nkill && fl->elements_held; i++) {
		size_t n = array_dies(d, op->kill[i], dead + ndead, 16 - ndead);
		for (size_t k = 0; k < n; k++)
			root[ndead + k] = op->kill[i];
		ndead += n;
	}
	for (size_t i = 0; i < op->nkill; i++) {
		ac_lifetime_kill(fl, d, op->kill[i]);
		unbind_tree(fl, d, op->kill[i], true, &lost);
		forget_written(fl, d, op->kill[i]);
	}
	settle_lost(fl, d, &lost, op->loc, AC_LEAK_SCOPE);
	for (size_t k = 0; k < ndead; k++)
		check_lost(fl, d, dead[k], op->loc, AC_LEAK_ARRAY_SCOPE, fl->fn->places[root[k]].name);
}

/* Moves the site's live block to the previous-generation slot so the new
 * block can take the site's id (a loop running the allocation again). */
static void retire_generation(AcFlow *fl, AcDisj *d, int obj)
{
	int old = (int)(fl->nsites + (size_t)obj);
	if (d->objs[old].status != AC_OBJ_NONE && reachable(d, old)) {
		for (uint32_t i = 0; i < d->nbinds; i++) {
			if (d->binds[i].val.obj == old && d->binds[i].val.kind != AC_VAL_UNKNOWN)
				d->binds[i].val = ac_val_nonzero(); /* forget the oldest block */
		}
		if (d->objs[old].status == AC_OBJ_OWNED)
			d->objs[old].status = AC_OBJ_TOP;
	}
	d->objs[old] = d->objs[obj];
	for (uint32_t i = 0; i < d->nbinds; i++) {
		AcVal *v = &d->binds[i].val;
		if ((v->kind == AC_VAL_OBJ || v->kind == AC_VAL_BOOL) && v->obj == obj)
			v->obj = old;
	}
	for (uint32_t k = 0; k < d->nobjs; k++) {
		if (d->objs[k].prev == obj)
			d->objs[k].prev = old;
		if ((d->objs[k].holder & ~AC_HOLDER_ELEM) == obj + 1)
			d->objs[k].holder = (old + 1) | (d->objs[k].holder & AC_HOLDER_ELEM);
	}
}

static AcVal new_object(AcFlow *fl, AcDisj *d, int obj, bool can_fail, AcVal prev)
{
	if (d->objs[obj].status != AC_OBJ_NONE && (reachable(d, obj) || held_in_element(&d->objs[obj]))) {
		retire_generation(fl, d, obj);
		if (prev.kind == AC_VAL_OBJ && prev.obj == obj)
			prev.obj = (int)(fl->nsites + (size_t)obj); /* realloc of the previous round's block */
	} else {
		release_contents(fl, d, obj); /* the blocks in the lost one's members are not in this one */
	}
	AcObj *o = &d->objs[obj];
	o->status = AC_OBJ_OWNED;
	o->freed = 0;
	o->null = can_fail ? AC_NULL_UNCHECKED : AC_NULL_NONNULL;
	o->quiet = 0;
	o->zeroed = 0;
	o->holder = 0;
	o->size_sym = 0;
	o->null_region = -1;
	o->prev = -1;
	o->born = d->trail;
	AcObjStatus ps = prev.kind == AC_VAL_OBJ ? d->objs[prev.obj].status : AC_OBJ_NONE;
	if ((ps == AC_OBJ_OWNED || ps == AC_OBJ_PARAM) && can_fail) {
		o->prev = prev.obj;
		d->objs[prev.obj].status = AC_OBJ_PENDING;
	} else if (prev.kind == AC_VAL_OBJ) {
		release(fl, d, prev, NULL); /* cannot fail: the old block is gone */
		/* a realloc that cannot fail moved it; one that can fail (of a block
		 * handed on) released it only if it succeeded: nothing to say then */
		if (!can_fail && d->objs[prev.obj].status == AC_OBJ_FREED && site_of(fl, obj))
			ac_lifetime_freed(fl, d, prev.obj, site_of(fl, obj)->allocator, site_of(fl, obj)->loc, true);
		if (ps == AC_OBJ_OWNED || ps == AC_OBJ_PARAM)
			o->prev = prev.obj; /* ... but the new one may sit at its address */
	}
	return ac_val_obj(obj);
}

/* The truth of global variable key (a link key) on this path: 1 or 0, or -1
 * when not known: its binding here, or its value in the whole program. */
static int global_truth(const AcFlow *fl, const AcDisj *d, const char *key)
{
	for (size_t q = 0; q < fl->fn->nplaces; q++) {
		const AcPlace *pl = &fl->fn->places[q];
		if (pl->kind != AC_PLACE_VAR || !pl->link_key || strcmp(pl->link_key, key) != 0)
			continue;
		AcVal v = place_value(fl, d, (int)q);
		return v.kind == AC_VAL_ZERO ? 0 : v.kind == AC_VAL_NONZERO ? 1 : -1;
	}
	long long v;
	return ac_program_global_value(fl->prog, key, &v) ? v != 0 : -1;
}

/* The caller's place for global variable name (a link key), or -1. */
static int global_place(const AcFunc *fn, const char *name)
{
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *g = &fn->places[p];
		if (g->kind == AC_PLACE_VAR && g->storage == AC_STORAGE_GLOBAL && g->link_key && strcmp(g->link_key, name) == 0)
			return (int)p;
	}
	return -1;
}

/* A use through the callee of the block at place at: a use after free, or
 * else of a block that may be NULL. */
static void use_through_callee(AcFlow *fl, AcDisj *d, int at, AcEvent *ev)
{
	AcVal v = place_value(fl, d, at);
	AcEvent uaf = *ev;
	uaf.extra = NULL; /* the lifetime rules keep their events past this frame */
	if (!ac_lifetime_use(fl, d, v, &uaf))
		use_unchecked(fl, d, v, ev);
}

/* The caller's place that holds the pointer callee s reads from inside
 * argument a (parameter i): &v for a variable v, a struct v passed by
 * value, or a pointer variable o (o->buf, o[2]), and the slot
 * s->pointee_slot names there (summary.h ps); -1 when the argument is
 * anything else or the caller never names that place. */
static int slot_arg(const AcFlow *fl, AcOperand a, const AcSummary *s, size_t i)
{
	if (a.place < 0 || ac_container_pointer(fl->fn, a.place) >= 0)
		return -1;
	bool by_value = a.kind == AC_OPND_PLACE && !fl->fn->places[a.place].is_pointer;
	bool pointer = a.kind == AC_OPND_PLACE && fl->fn->places[a.place].is_pointer;
	if (a.kind != AC_OPND_ADDR && !by_value && !pointer)
		return -1;
	static const AcSlot itself = {0};
	const AcSlot *slot = s->pointee_slot ? &s->pointee_slot[i] : &itself;
	if ((by_value || pointer) && !slot->nsteps)
		return -1;
	return pointer ? ac_summary_slot_place_via(fl->fn, a.place, slot) : ac_summary_slot_place(fl->fn, a.place, slot);
}

int ac_transfer_pointee_arg(const AcFlow *fl, AcOperand a, const AcSummary *s, size_t i)
{
	if (s->pointee_slot && i < s->nparams && s->pointee_slot[i].nsteps)
		return slot_arg(fl, a, s, i);
	return a.kind == AC_OPND_ADDR ? a.place : -1;
}

/* Arguments passed to parameters that must not be NULL are uses. */
static void check_nonnull_args(AcFlow *fl, AcDisj *d, const AcOp *op, const AcCallInfo *ci, const AcVal *vals)
{
	const AcCall *c = ci->call ? ci->call : op->call;
	unsigned mask = ci->nonnull | c->nonnull;
	/* sink(p) that uses p under if (flag), with flag set here (summary.h dif) */
	if (!ci->fn && ci->sum && ci->sum->derefs_if_mask &&
	    global_truth(fl, d, ci->sum->derefs_if_global) == (int)ci->sum->derefs_if_truth)
		mask |= ci->sum->derefs_if_mask;
	for (size_t i = 0; i < c->nargs && i < 32; i++) {
		if (!(mask & (1u << i)))
			continue;
		AcEvent ev = {.kind = AC_EV_NULL_USE, .loc = op->loc, .how = AC_USE_NONNULL_ARG,
		              .callee = c->name, .argno = (unsigned)i + 1};
		AcNote in_callee;
		bool declared = (ci->fn && (ci->fn->nonnull & (1u << i))) || (c->nonnull & (1u << i));
		if (!declared && c->args[i].kind != AC_OPND_PLACE)
			continue; /* &p[i] for a callee's body: only the block pointer itself (CPython
			             socketmodule.c:4120, PyBuffer_Release(&bufs[i]) under i < nbufs) */
		if (!declared && ci->sum && i < ci->sum->nparams) {
			/* the callee's body dereferences it: say where */
			in_callee = (AcNote){ci->sum->deref_loc[i], "dereferenced here without a check"};
			ev.extra = &in_callee;
		}
		if (c->args[i].kind == AC_OPND_PLACE && !unnamed(fl, c->args[i].place))
			ev.place = fl->fn->places[c->args[i].place].name;
		use_unchecked(fl, d, vals[i], &ev);
	}
	/* sink(&p) that reads p = *pp, sink(slots) that reads slots[2], sink(h)
	 * that reads h.held, and dereferences it (summary.h pd, ps) */
	for (size_t i = 0; !ci->fn && ci->sum && ci->sum->pointee_derefs && i < c->nargs && i < 32; i++) {
		int at = slot_arg(fl, c->args[i], ci->sum, i);
		if (!(ci->sum->pointee_derefs >> i & 1u) || at < 0 || unnamed(fl, at))
			continue;
		AcNote in_callee = {ci->sum->pointee_loc, "dereferenced here without a check"};
		AcEvent ev = {.kind = AC_EV_NULL_USE, .loc = op->loc, .how = AC_USE_DEREF, .extra = &in_callee,
		              .place = fl->fn->places[at].name};
		use_through_callee(fl, d, at, &ev);
	}
	/* held = p; sink(); with sink using what held holds (summary.h gd) */
	for (size_t i = 0; !ci->fn && ci->sum && i < ci->sum->nderefs_globals; i++) {
		int at = global_place(fl->fn, ci->sum->derefs_globals[i]);
		if (at < 0)
			continue;
		AcNote in_callee = {ci->sum->global_deref_loc, "dereferenced here without a check"};
		AcEvent ev = {.kind = AC_EV_NULL_USE, .loc = op->loc, .how = AC_USE_DEREF, .extra = &in_callee,
		              .place = fl->fn->places[at].name};
		use_through_callee(fl, d, at, &ev);
	}
}

/* Parameter i of a callee without a body points to const, and no callback
 * is handed over with it (Curl_bufref_set(out, ptr, len, curl_free) takes
 * ptr through a const void * and frees it later with the callback). */
static bool const_arg(const AcCall *c, size_t i)
{
	return !c->system_header && !c->callback_arg && i < 32 && (c->const_args >> i & 1u);
}

/* Whether argument i is only read by a C library function that borrows
 * its arguments, through a pointer to const, and has no other pointer
 * argument that could receive a copy of what it reads (memcmp(&a, &b, n),
 * not memcpy(dst, &a, n)): what the variable holds stays the caller's. */
static bool reader_arg(const AcFlow *fl, const AcCallInfo *ci, const AcCall *c, size_t i)
{
	if (!ci->fn || ci->fn->role != AC_ROLE_BORROW || c->callback_arg || c->nargs > 32 || !(c->const_args >> i & 1u))
		return false;
	for (size_t j = 0; j < c->nargs; j++) {
		AcOperand a = c->args[j];
		bool scalar = a.kind == AC_OPND_NULL || a.kind == AC_OPND_INT || a.kind == AC_OPND_PLUS ||
		              (a.kind == AC_OPND_PLACE && a.place >= 0 && !fl->fn->places[a.place].is_pointer);
		if (!scalar && !(c->const_args >> j & 1u))
			return false;
	}
	return true;
}

/* An opaque callee that borrows argument i: one declared in a system header
 * (ci->borrows), or one without a body whose parameter i points to const. */
static bool borrows_arg(const AcCallInfo *ci, const AcCall *c, size_t i)
{
	if (ci && ci->borrows)
		return true;
	return const_arg(c, i);
}

/* Hands on every argument, and the fields of structs passed by value, but
 * what an opaque callee (ci, or NULL) borrows. */
static void escape_args(AcFlow *fl, AcDisj *d, const AcCall *c, const AcVal *vals, const AcCallInfo *ci)
{
	for (size_t i = 0; i < c->nargs; i++) {
		contents_copied(fl, d, c->args[i]);
		if (ci && borrows_arg(ci, c, i))
			continue;
		escape(fl, d, vals[i]);
		if (c->args[i].kind == AC_OPND_PLACE)
			escape_fields(fl, d, c->args[i].place);
	}
}

/* Whether some argument is the address of a variable (&count). */
static bool passes_address(const AcCall *c)
{
	for (size_t i = 0; i < c->nargs; i++) {
		if (c->args[i].kind == AC_OPND_ADDR && c->args[i].place >= 0)
			return true;
	}
	return false;
}

/* A block passed to an assertion helper (summary.h AcParamAssert): past a
 * call that returns only when it is not NULL, it is not; past one whose
 * direction other arguments decide (assert_ptr(p, NULL, NE), and (p, NULL,
 * EQ) after a parse expected to fail), nothing is known of it any more. */
static void call_asserts(AcFlow *fl, AcDisj *d, AcVal v, uint8_t a)
{
	if (a == AC_ASSERT_NONE || v.kind != AC_VAL_OBJ || !site_of(fl, v.obj))
		return;
	AcObj *o = &d->objs[v.obj];
	if (o->null == AC_NULL_NULL)
		return;
	if (a == AC_ASSERT_NONNULL) {
		set_null(fl, d, v.obj, AC_NULL_NONNULL);
		return;
	}
	o->null = AC_NULL_CHECKED;
	if (o->status == AC_OBJ_OWNED)
		o->status = AC_OBJ_TOP;
}

/* The integer constant v is known to hold. */
static bool known_int(AcVal v, long long *x)
{
	if (v.kind == AC_VAL_ZERO)
		*x = 0;
	else if (v.kind == AC_VAL_NONZERO && v.pol && v.obj >= 0)
		*x = v.obj;
	else
		return false;
	return true;
}

/* What the returns of an assertion helper whose direction other arguments
 * decide (AcRetCond) say of argument i at this call: the returns the
 * constant arguments allow, and in each, argument i NULL (a NULL test, or
 * a comparison with an argument that is NULL) or not. 1: not NULL at every
 * such return, 0: NULL at every one, -1: unknown (some return says
 * nothing, or they differ, or none is allowed). */
static int asserted_direction(const AcSummary *s, const AcCall *c, const AcVal *vals, size_t i)
{
	int dir = -2; /* -2: no return allowed yet */
	for (size_t r = 0; r < s->nret_conds; r++) {
		const AcRetCond *rc = &s->ret_conds[r];
		bool allowed = true;
		for (size_t k = 0; k < rc->nsel && allowed; k++) {
			long long x;
			if (rc->sel[k].param < c->nargs && known_int(vals[rc->sel[k].param], &x))
				allowed = x == rc->sel[k].value;
		}
		if (!allowed)
			continue;
		int here = rc->nonnull >> i & 1 ? 1 : rc->null >> i & 1 ? 0 : -1;
		for (size_t k = 0; k < rc->nrel && here < 0; k++) {
			size_t other = rc->rel[k].a == i ? rc->rel[k].b : rc->rel[k].b == i ? rc->rel[k].a : c->nargs;
			if (other < c->nargs && vals[other].kind == AC_VAL_ZERO)
				here = rc->rel[k].eq ? 0 : 1;
		}
		if (here < 0 || (dir != -2 && dir != here))
			return -1;
		dir = here;
	}
	return dir == -2 ? -1 : dir;
}

/* A block passed to an assertion helper that, with these arguments,
 * returns only when it is not NULL (nonnull), or only when it is. */
static void call_asserts_direction(AcFlow *fl, AcDisj *d, AcVal v, bool nonnull)
{
	if (v.kind != AC_VAL_OBJ || !site_of(fl, v.obj) || d->objs[v.obj].null == AC_NULL_NULL)
		return;
	if (!nonnull && d->objs[v.obj].null == AC_NULL_NONNULL) {
		call_asserts(fl, d, v, AC_ASSERT_EITHER); /* a block known not NULL: the helper dies */
		return;
	}
	set_null(fl, d, v.obj, nonnull ? AC_NULL_NONNULL : AC_NULL_NULL);
}

static int implied_comparison(const AcFlow *fl, const AcDisj *d, const AcCondKey *key);

/* Whether the callee's NULL is ruled out by a flag argument with a known
 * value (read_passphrase(prompt, RP_ECHO) never returns NULL), or by a
 * count the path knows (copy_argv(argc, argv) under if (argc > 1)). */
static bool null_ruled_out(const AcFlow *fl, const AcDisj *d, const AcSummary *s, const AcCall *c, const AcVal *vals)
{
	/* NULL only for a NULL argument: not for one that is not known to be
	 * (a block that may be NULL, or NULL itself, may give NULL back). */
	if (s->null_if_null >= 0 && (size_t)s->null_if_null < c->nargs) {
		AcVal a = vals[s->null_if_null];
		if ((a.kind != AC_VAL_ZERO && a.kind != AC_VAL_OBJ) ||
		    (a.kind == AC_VAL_OBJ && d->objs[a.obj].null == AC_NULL_NONNULL))
			return true;
	}
	if (s->null_if_param < 0 || (size_t)s->null_if_param >= c->nargs)
		return false;
	long long x;
	AcVal a = vals[s->null_if_param];
	if (s->null_if_eq && s->null_if_mask == 0 && s->null_if_truth && a.kind == AC_VAL_NONZERO)
		return true; /* NULL only for 0, and the argument is not 0 */
	AcOperand o = c->args[s->null_if_param];
	if (s->null_if_eq && !known_int(a, &x) && o.kind == AC_OPND_PLACE && fl->fn->places[o.place].kind == AC_PLACE_VAR) {
		AcCondKey k = {.shape = AC_CMP_VAR_EQ_CONST, .cmp_var = o.place, .cmp_const = s->null_if_mask};
		int holds = implied_comparison(fl, d, &k);
		return holds >= 0 && holds != s->null_if_truth;
	}
	if (!known_int(a, &x))
		return false;
	if (s->null_if_eq)
		return (x == s->null_if_mask) != s->null_if_truth;
	return ((x & s->null_if_mask) != 0) != s->null_if_truth;
}

/* The argument &p through which the callee hands back a fresh block
 * (AcSummary.out_param), or -1. */
static int out_arg(const AcFlow *fl, const AcCallInfo *ci, const AcCall *c)
{
	const AcSummary *s = ci->sum;
	if (!s || ci->fn || s->ret_family >= 0 || s->ret_released || s->out_param < 0 || ci->site < 0 || (size_t)s->out_param >= c->nargs)
		return -1;
	AcOperand out = c->args[s->out_param];
	if (out.kind != AC_OPND_ADDR || out.place < 0 || !fl->fn->places[out.place].is_pointer)
		return -1;
	/* argv_split(s, &argc, &argv), sshbuf_get_string(b, &data, &len): the
	 * caller may test what the call stored in the other variable instead
	 * (for (i = 0; i < argc; i++) free(argv[i]) after a failure), which is
	 * not modelled: the call stays opaque */
	for (size_t i = 0; i < c->nargs; i++) {
		if ((int)i != s->out_param && c->args[i].kind == AC_OPND_ADDR && c->args[i].place >= 0)
			return -1;
	}
	return s->out_param;
}

/* make(&p) where make stores a fresh block in *out (AcSummary.out_param):
 * p holds it after the call. Returns what the result says of it, or
 * unknown. */
static AcVal out_summarised(AcFlow *fl, AcDisj *d, const AcCallInfo *ci, const AcCall *c, AcLoc loc)
{
	const AcSummary *s = ci->sum;
	int arg = out_arg(fl, ci, c);
	if (arg < 0)
		return ac_val_unknown();
	AcOperand out = c->args[arg];
	AcVal v = new_object(fl, d, ci->site, s->out_mode == AC_OUT_ALWAYS && s->out_can_null, ac_val_unknown());
	if (s->out_mode != AC_OUT_ALWAYS) {
		/* there on some paths only: as posix_memalign's block */
		d->objs[v.obj].null = AC_NULL_CHECKED;
		d->objs[v.obj].needs_proof = 1;
	}
	Lost lost = {0};
	note_field_store(fl, d, out.place, v, loc);
	unbind_tree(fl, d, out.place, true, &lost);
	forget_written(fl, d, out.place);
	if (!fl->place_unbindable[out.place])
		ac_disj_set(d, out.place, v);
	/* make(&list[i]), make(&self->buf): held by what outlives the call */
	if (fl->place_unbindable[out.place] || fl->place_clobbered[out.place])
		escape(fl, d, v);
	settle_lost(fl, d, &lost, loc, AC_LEAK_OVERWRITE);
	/* if (make(&p) != 0) return -1: the result is non-zero iff the block is not there */
	return s->out_mode == AC_OUT_STATUS ? ac_val_bool(v.obj, false) : ac_val_unknown();
}

/* Whether the flag the callee tests first (AcSummary.flag_global,
 * flag_param) has this truth at the call: a global whose value is known
 * here or in the whole program, a constant argument. */
static bool flag_is(const AcFlow *fl, const AcDisj *d, const AcSummary *s, const AcCall *c, const AcVal *vals,
                    bool truth)
{
	int t = -1;
	long long x;
	if (s->flag_global)
		t = global_truth(fl, d, s->flag_global);
	else if (s->flag_param >= 0 && (size_t)s->flag_param < c->nargs && known_int(vals[s->flag_param], &x))
		t = x != 0;
	return t == (int)truth;
}

/* The parameters the callee releases (what) or reads through under a flag
 * that holds at this call (AcSummary.frees_if_mask, reads_if_mask). */
static unsigned flag_effects(const AcFlow *fl, const AcDisj *d, const AcCallInfo *ci, const AcCall *c,
                             const AcVal *vals, bool frees)
{
	const AcSummary *s = ci->sum;
	if (ci->fn || !s || !s->known)
		return 0;
	unsigned mask = frees ? s->frees_if_mask : s->reads_if_mask;
	return mask && flag_is(fl, d, s, c, vals, frees ? s->frees_if_truth : s->reads_if_truth) ? mask : 0;
}

/* Argument i of a call of a function of the program that only tests it or
 * releases it (summary nt): nothing it holds is read or taken out. */
static bool leaves_contents(const AcCallInfo *ci, size_t i)
{
	return !ci->fn && ci->sum && ci->sum->known && i < 32 && (ci->sum->untouched >> i & 1u);
}

/* A callee defined in the program, through its summary. */
static AcVal call_summarised(AcFlow *fl, AcDisj *d, const AcCallInfo *ci, const AcCall *c, const AcVal *vals,
                             AcLoc loc)
{
	const AcSummary *s = ci->sum;
	unsigned frees_if = flag_effects(fl, d, ci, c, vals, true);
	for (size_t i = 0; i < c->nargs; i++) {
		AcParamEffect e = i < s->nparams ? s->params[i] : AC_PARAM_KEEPS;
		int family = e == AC_PARAM_FREES ? s->param_family[i] : s->frees_if_family;
		if (i < 32 && (frees_if >> i & 1u))
			e = AC_PARAM_FREES; /* sink(p) that frees p under if (flag), flag set here */
		/* sink(h), a struct passed by value whose pointers it only reads (summary.h pb) */
		if (e == AC_PARAM_KEEPS && s->known && i < 32 && (s->pointee_borrowed >> i & 1u) &&
		    c->args[i].kind == AC_OPND_PLACE && c->args[i].place >= 0 && !fl->fn->places[c->args[i].place].is_pointer)
			e = AC_PARAM_BORROWS;
		if (e == AC_PARAM_FREES) {
			AcVal v = ac_lifetime_materialize(fl, d, c->args[i], vals[i]);
			/* drop(v) { free(v); }: what v's block holds goes with it */
			if (leaves_contents(ci, i) && v.kind == AC_VAL_OBJ && !v.pol && d->objs[v.obj].status == AC_OBJ_OWNED)
				release_holder(fl, d, v.obj, loc,
				               site_of(fl, v.obj) && fl->site_family[site_index(fl, v.obj)] == family);
			if (v.kind == AC_VAL_OBJ)
				v = ac_val_obj(v.obj); /* the helper may move back first: free(p - 1) */
			release(fl, d, v, &(Release){family, c->name, loc, c->args[i]});
		}
		else if (e == AC_PARAM_KEEPS)
			escape(fl, d, vals[i]);
		if (e != AC_PARAM_BORROWS && c->args[i].kind == AC_OPND_PLACE)
			escape_fields(fl, d, c->args[i].place);
	}
	for (size_t i = 0; s->param_asserts && i < c->nargs && i < s->nparams; i++) {
		uint8_t a = s->param_asserts[i];
		int dir = a == AC_ASSERT_EITHER && s->nret_conds ? asserted_direction(s, c, vals, i) : -1;
		if (dir >= 0)
			call_asserts_direction(fl, d, vals[i], dir == 1);
		else
			call_asserts(fl, d, vals[i], a);
	}
	for (size_t i = 0; i < s->nfrees_globals; i++)
		release_global(fl, d, s->frees_globals[i], s->global_free_family, c->name, loc);
	/* sink(&p) that reads p = *pp and releases it, sink(slots) that
	 * releases slots[2] (summary.h pf, ps) */
	for (size_t i = 0; s->pointee_frees && i < c->nargs && i < 32; i++) {
		int at = (s->pointee_frees >> i & 1u) ? ac_transfer_pointee_arg(fl, c->args[i], s, i) : -1;
		if (at < 0 || fl->place_unbindable[at])
			continue;
		AcOperand slot = {AC_OPND_PLACE, at, 0, NULL};
		AcVal v = ac_lifetime_materialize(fl, d, slot, ac_disj_get(d, at)); /* a parameter's box.value */
		if (v.kind == AC_VAL_OBJ || ac_val_is_nonheap(v))
			release(fl, d, v, &(Release){s->pointee_family, c->name, loc, slot});
	}
	if (out_arg(fl, ci, c) >= 0) {
		AcVal r = out_summarised(fl, d, ci, c, loc);
		if (r.kind != AC_VAL_UNKNOWN)
			return r;
	}
	if (s->ret_family >= 0 && ci->site >= 0 && s->block_if_param >= 0 && (size_t)s->block_if_param < c->nargs &&
	    vals[s->block_if_param].kind == AC_VAL_ZERO)
		return ac_val_unknown(); /* asked for no block: gives none */
	if (s->ret_family >= 0 && ci->site >= 0) {
		/* a reallocator: the argument's block is moved, or still ours on NULL */
		AcVal old = s->grows_param >= 0 && (size_t)s->grows_param < c->nargs ? vals[s->grows_param] : ac_val_unknown();
		AcVal v = new_object(fl, d, ci->site, s->ret_can_null && !null_ruled_out(fl, d, s, c, vals), old);
		/* A NULL that comes with an out-parameter (sdssplitlen(s, len, sep,
		 * seplen, &count) returns NULL with count 0) is told apart by that
		 * parameter, which the caller tests instead: only a use after a
		 * test that found it NULL is reported. */
		if (s->ret_can_null && passes_address(c))
			d->objs[v.obj].null = AC_NULL_CHECKED;
		return v;
	}
	if (s->ret_member_key && ci->site >= 0 && s->ret_family < 0 && !s->ret_released)
		return new_object(fl, d, ci->site, s->ret_member_null, ac_val_unknown()); /* struct_result() places it */
	if (s->ret_released && ci->site >= 0) {
		/* a pointer to what the callee released: a use or a release is the finding */
		AcVal v = new_object(fl, d, ci->site, false, ac_val_unknown());
		d->objs[v.obj].status = AC_OBJ_FREED;
		d->objs[v.obj].null = AC_NULL_NONNULL;
		ac_lifetime_freed(fl, d, v.obj, c->name, loc, false);
		return v;
	}
	if (s->ret_param >= 0 && (size_t)s->ret_param < c->nargs)
		return vals[s->ret_param];
	if (s->ret_nonheap >= 0)
		return ac_val_nonheap(s->ret_nonheap); /* a static buffer, a literal */
	if (s->ret_is_const)
		return ac_val_const(s->ret_const);
	return ac_val_unknown();
}

/* The name the user wrote for the callee: the macro when there is one. */
static const char *callee_name(const AcCall *c)
{
	return c->macro ? c->macro : c->name;
}

/* posix_memalign(&p, a, n), asprintf(&s, fmt, ...): the block goes into *arg.
 * Whether the call succeeded is told by its result, which is not modelled,
 * so the block is leak-checked only once something shows it exists. */
static AcVal alloc_through_out(AcFlow *fl, AcDisj *d, const AcCallInfo *ci, const AcCall *c, const AcFnInfo *f,
                               AcLoc loc)
{
	AcOperand out = (size_t)f->out_arg <= c->nargs ? c->args[f->out_arg - 1] : (AcOperand){0};
	if (ci->site < 0 || out.kind != AC_OPND_ADDR || out.place < 0)
		return ac_val_unknown();
	AcVal v = new_object(fl, d, ci->site, false, ac_val_unknown());
	d->objs[v.obj].null = AC_NULL_CHECKED;
	d->objs[v.obj].needs_proof = 1;
	/* Not store(): the variable's address is taken for this very call, which
	 * does not keep it. */
	Lost lost = {0};
	note_field_store(fl, d, out.place, v, loc); /* getaddrinfo(.., &conn->ai): the member's family */
	unbind_tree(fl, d, out.place, true, &lost);
	forget_written(fl, d, out.place);
	if (!fl->place_unbindable[out.place])
		ac_disj_set(d, out.place, v);
	settle_lost(fl, d, &lost, loc, AC_LEAK_OVERWRITE);
	/* getaddrinfo(.., &res) returns 0 exactly when res holds a list: the
	 * result is non-zero iff the block is "NULL" (not there) */
	return f->zero_on_success ? ac_val_bool(v.obj, false) : ac_val_unknown();
}

/* getline(&line, &n, fp): the block in *arg (or NULL) is reallocated there;
 * afterwards *arg holds a block whatever the call returned (it fails with
 * the buffer still allocated), NULL only when even the first allocation
 * failed. The other variables whose address is passed (&n) may change. */
static AcVal realloc_through_out(AcFlow *fl, AcDisj *d, const AcCallInfo *ci, const AcCall *c, const AcFnInfo *f,
                                 AcLoc loc)
{
	AcOperand out = (size_t)f->out_arg <= c->nargs ? c->args[f->out_arg - 1] : (AcOperand){0};
	Lost lost = {0};
	for (size_t i = 0; i < c->nargs; i++) {
		AcOperand a = c->args[i];
		if (i != (size_t)f->out_arg - 1 && a.kind == AC_OPND_ADDR && a.place >= 0) {
			unbind_tree(fl, d, a.place, true, &lost);
			forget_written(fl, d, a.place);
		}
	}
	if (ci->site < 0 || out.kind != AC_OPND_ADDR || out.place < 0 || fl->place_unbindable[out.place]) {
		if (out.kind == AC_OPND_ADDR && out.place >= 0) {
			unbind_tree(fl, d, out.place, true, &lost);
			forget_written(fl, d, out.place);
		}
		settle_lost(fl, d, &lost, loc, AC_LEAK_OVERWRITE);
		return ac_val_unknown();
	}
	AcVal old = ac_disj_get(d, out.place);
	if (old.kind == AC_VAL_OBJ || ac_val_is_nonheap(old)) {
		/* getline(&line, ..) with line at a stack buffer: realloc of it */
		Release r = {f->family, callee_name(c), loc, (AcOperand){AC_OPND_PLACE, out.place, 0, NULL}};
		if (ac_lifetime_release(fl, d, r.arg, old, r.deallocator, loc) && old.kind == AC_VAL_OBJ)
			check_family(fl, d, old.obj, &r);
	}
	AcVal v = new_object(fl, d, ci->site, false, old);
	d->objs[v.obj].null = AC_NULL_CHECKED;
	note_field_store(fl, d, out.place, v, loc);
	unbind_tree(fl, d, out.place, true, &lost);
	forget_written(fl, d, out.place);
	ac_disj_set(d, out.place, v);
	if (fl->place_clobbered[out.place])
		escape(fl, d, v); /* getline(&conn->buf, ...), getline(&global, ...); not a local
		                     whose address is taken for this very call */
	settle_lost(fl, d, &lost, loc, AC_LEAK_OVERWRITE);
	return ac_val_unknown();
}

static void note_field_release(AcFlow *fl, const AcDisj *d, AcOperand arg, AcVal v, const Release *r);

/* freopen(path, mode, f): f itself, open again, or NULL with f closed. So
 * the places that held f's block hold the result; a stream this function
 * did not open (stdin, a parameter's) is still its holder's. */
static AcVal reopened(AcFlow *fl, AcDisj *d, int site, bool can_fail, AcVal was)
{
	bool ours = was.kind == AC_VAL_OBJ && !was.pol && d->objs[was.obj].status == AC_OBJ_OWNED;
	release(fl, d, was, NULL);
	AcVal v = new_object(fl, d, site, can_fail, ac_val_unknown());
	if (!ours) {
		escape(fl, d, v);
		return v;
	}
	for (uint32_t i = 0; i < d->nbinds; i++) {
		if (d->binds[i].val.kind == AC_VAL_OBJ && d->binds[i].val.obj == was.obj && !d->binds[i].val.pol)
			d->binds[i].val = v;
	}
	return v;
}

static AcVal call_effect(AcFlow *fl, AcDisj *d, const AcCallInfo *ci, const AcCall *c, const AcVal *vals,
                         AcLoc loc)
{
	const AcFnInfo *f = ci->fn;
	AcRole role = f ? f->role : AC_ROLE_UNKNOWN;
	switch (role) {
	case AC_ROLE_ALLOC: {
		if (f->out_arg > 0)
			return alloc_through_out(fl, d, ci, c, f, loc);
		if (ci->site < 0)
			return ac_val_unknown();
		AcVal v = new_object(fl, d, ci->site, f->can_fail, ac_val_unknown());
		d->objs[v.obj].zeroed = f->zeroed;
		return v;
	}
	case AC_ROLE_REALLOC: {
		if (f->out_arg > 0)
			return realloc_through_out(fl, d, ci, c, f, loc);
		AcVal old = (size_t)f->ptr_arg < c->nargs ? vals[f->ptr_arg] : ac_val_unknown();
		AcOperand arg = (size_t)f->ptr_arg < c->nargs ? c->args[f->ptr_arg] : (AcOperand){AC_OPND_NONE, -1, 0, NULL};
		Release r = {f->family, callee_name(c), loc, arg};
		if (ac_lifetime_release_constant(fl, d, arg, old, r.deallocator, loc) ||
		    !ac_lifetime_release(fl, d, arg, old, r.deallocator, loc))
			old = ac_val_unknown(); /* reported: nothing more about that block */
		if (old.kind == AC_VAL_OBJ)
			check_family(fl, d, old.obj, &r);
		if ((size_t)f->ptr_arg < c->nargs)
			note_field_release(fl, d, c->args[f->ptr_arg], old, &r);
		if (f->size_arg > 0 && (size_t)f->size_arg <= c->nargs && c->args[f->size_arg - 1].kind == AC_OPND_INT &&
		    c->args[f->size_arg - 1].ival == 0 && (size_t)f->ptr_arg < c->nargs) {
			/* realloc(p, 0) frees p and returns NULL (glibc; clang's model) */
			release(fl, d, old, &r);
			return ac_val_zero();
		}
		if (f->frees_on_failure && f->ret_arg > 0 && ci->site >= 0)
			return reopened(fl, d, ci->site, f->can_fail, old);
		if (f->frees_on_failure) {
			/* reallocf, freopen: the old block is gone whatever the result */
			release(fl, d, old, NULL);
			/* reallocf's block moved or was freed: the old pointer is dangling
			 * either way (freopen's result is the same stream, still open) */
			if (f->size_arg > 0 && old.kind == AC_VAL_OBJ && d->objs[old.obj].status == AC_OBJ_FREED)
				ac_lifetime_freed(fl, d, old.obj, r.deallocator, loc, true);
			old = ac_val_unknown();
		}
		if (ci->site < 0)
			return ac_val_unknown();
		/* realloc(p, n) returns NULL for n == 0 (as above): the block, once
		 * known not to be NULL, says n is not 0 */
		AcOperand size = f->size_arg > 0 && (size_t)f->size_arg <= c->nargs ? c->args[f->size_arg - 1]
		                                                                     : (AcOperand){0};
		AcVal sym = size.kind == AC_OPND_PLACE ? named_value(fl, d, size.place) : ac_val_unknown();
		AcVal v = new_object(fl, d, ci->site, f->can_fail, old);
		if (ac_val_is_symbol(sym) && v.kind == AC_VAL_OBJ)
			d->objs[v.obj].size_sym = sym.obj + 1;
		return v;
	}
	case AC_ROLE_DEALLOC:
		if ((size_t)f->ptr_arg < c->nargs) {
			Release r = {f->family, callee_name(c), loc, c->args[f->ptr_arg]};
			if (f->partial && vals[f->ptr_arg].kind == AC_VAL_OBJ && vals[f->ptr_arg].pol)
				return ac_val_unknown(); /* munmap(p + off, n): a part of the block */
			if (f->fixed && (vals[f->ptr_arg].kind == AC_VAL_NONZERO || ac_val_is_nonheap(vals[f->ptr_arg])))
				return ac_val_unknown(); /* munmap((void *)0x10000, n), munmap((void *)jit_fn, n) */
			if (ac_lifetime_release_constant(fl, d, r.arg, vals[f->ptr_arg], r.deallocator, loc))
				return ac_val_unknown();
			AcVal v = ac_lifetime_materialize(fl, d, c->args[f->ptr_arg], vals[f->ptr_arg]);
			note_field_release(fl, d, c->args[f->ptr_arg], v, &r);
			if (v.kind == AC_VAL_OBJ && !v.pol && d->objs[v.obj].status == AC_OBJ_OWNED)
				release_holder(fl, d, v.obj, loc,
				               site_of(fl, v.obj) && fl->site_family[site_index(fl, v.obj)] == f->family);
			release(fl, d, v, &r);
		}
		return ac_val_unknown();
	case AC_ROLE_BORROW:
		if (f->ret_arg > 0 && (size_t)f->ret_arg <= c->nargs)
			return vals[f->ret_arg - 1]; /* strcpy returns its destination */
		if (f->ret_inside > 0 && (size_t)f->ret_inside <= c->nargs) {
			/* strchr(buf, c): NULL, or a pointer inside buf's block (past its
			 * start, most likely). A test of it leaves buf alone. */
			AcVal v = vals[f->ret_inside - 1];
			return v.kind == AC_VAL_OBJ && site_of(fl, v.obj) ? ac_val_interior(v.obj) : ac_val_unknown();
		}
		return ac_val_unknown();
	case AC_ROLE_KEEP:
		escape_args(fl, d, c, vals, NULL);
		return ac_val_unknown();
	default:
		break;
	}
	if (ci->sum)
		return call_summarised(fl, d, ci, c, vals, loc);
	if (!c->system_header) {
		for (uint32_t k = 0; k < d->nobjs; k++) {
			AcObj *o = &d->objs[k];
			/* Inside the body of the check that found it NULL, the callee may
			 * be a fatal() that does not say it never returns. */
			if (o->null == AC_NULL_NULL && ac_dominates(&fl->dom, o->null_region, fl->cur_block))
				o->quiet = 1;
		}
	}
	escape_args(fl, d, c, vals, ci);
	return ac_val_unknown();
}

/* The GError variable passed as &err to the call, when there is exactly one
 * and it is NULL before the call; else -1. */
static int gerror_argument(const AcFlow *fl, const AcDisj *d, const AcCall *c, size_t n)
{
	int found = -1;
	for (size_t i = 0; i < n; i++) {
		AcOperand a = c->args[i];
		if (a.kind != AC_OPND_ADDR || a.place < 0 || !fl->fn->places[a.place].error_out ||
		    fl->place_unbindable[a.place])
			continue;
		if (found >= 0 || ac_disj_get(d, a.place).kind != AC_VAL_ZERO)
			return -1;
		found = a.place;
	}
	return found;
}

/* sink(&p) whose body only reads p and borrows its block (summary.h pb):
 * p and what it holds stay as they are, the caller's. */
static bool pointee_lent(const AcCallInfo *ci, size_t i)
{
	return !ci->fn && ci->sum && ci->sum->known && i < 32 && (ci->sum->pointee_borrowed >> i & 1u);
}

/* sink(&p) that reads p = *pp and releases or reads its block, and does
 * nothing that may change p (summary.h pk): p still holds that block. */
static bool pointee_kept(const AcCallInfo *ci, size_t i)
{
	return !ci->fn && ci->sum && ci->sum->known && i < 32 && (ci->sum->pointee_kept >> i & 1u);
}

/* make(&v) that stores a fresh block in *out on every path without ever
 * reading *out (summary ou): the block v held is not the callee's, and is
 * lost when the call overwrites v (out_summarised). */
static bool overwrites_unread(const AcFlow *fl, const AcDisj *d, const AcCallInfo *ci, const AcCall *c, size_t i)
{
	if ((int)i != out_arg(fl, ci, c) || i >= 32 || !(ci->sum->out_unread >> i & 1u))
		return false;
	if (ci->sum->out_mode == AC_OUT_ALWAYS)
		return true;
	if (ci->sum->out_mode != AC_OUT_STATUS)
		return false;
	/* if (make (&v) == 0): the returns of 0 overwrite v, and one is always
	 * possible, unless an argument of known value (a flag, NULL) decides the
	 * outcome (get (&v, 0) { if (!create) return -1; ... }) */
	for (size_t a = 0; a < c->nargs; a++) {
		long long x;
		if (a != i && known_int(eval(fl, d, c->args[a]), &x))
			return false;
	}
	return true;
}

/* memset (a, 0, sizeof a), a local array whose address only such calls
 * get (AcFlow.place_lib_lent): the call may have written any element, and
 * read any (memcpy (out, a, n)), so the blocks held there are handed on and
 * what the elements hold is no longer known. */
static void lent_to_library(AcFlow *fl, AcDisj *d, int root, AcLoc loc)
{
	Lost lost = {0};
	escape_tree(fl, d, root);
	elements_out(d, local_mark(root));
	unbind_tree(fl, d, root, false, &lost);
	settle_lost(fl, d, &lost, loc, AC_LEAK_OVERWRITE);
}

static void op_call(AcFlow *fl, AcDisj *d, const AcOp *op, const AcCallInfo *ci)
{
	const AcCall *c = ci->call ? ci->call : op->call;
	AcVal vals[64];
	size_t n = c->nargs < 64 ? c->nargs : 64;
	if (ci->fn && ci->fn->role == AC_ROLE_REALLOC && (size_t)ci->fn->ptr_arg < n)
		materialize(fl, d, c->args[ci->fn->ptr_arg], ci->site);
	/* The address of a variable handed to a callee lets it keep or change
	 * what the variable holds, unless the parameter points to const. */
	bool opaque = !ci->fn && !ci->sum;
	for (size_t i = 0; fl->place_lib_lent && i < n; i++) {
		int root = c->args[i].kind == AC_OPND_ADDR && c->args[i].place >= 0 ? fl->fn->places[c->args[i].place].root : -1;
		if (root >= 0 && fl->place_lib_lent[root])
			lent_to_library(fl, d, root, op->loc);
	}
	for (size_t i = 0; i < n; i++) {
		vals[i] = eval(fl, d, c->args[i]);
		if (vals[i].kind == AC_VAL_OBJ)
			d->objs[vals[i].obj].zeroed = 0; /* memset(p, 1, n), read(fd, p, n): written */
		if (vals[i].kind == AC_VAL_OBJ && !ci->fn && !leaves_contents(ci, i))
			release_contents(fl, d, vals[i].obj); /* obj_clear(o) may free o->buf */
		if (c->args[i].kind == AC_OPND_ADDR && c->args[i].place >= 0 && !(opaque && const_arg(c, i)) &&
		    !reader_arg(fl, ci, c, i) && !pointee_lent(ci, i) && !overwrites_unread(fl, d, ci, c, i))
			escape_tree(fl, d, c->args[i].place);
	}
	for (size_t i = n; i < c->nargs; i++)
		escape(fl, d, eval(fl, d, c->args[i]));
	AcCall bounded = *c;
	ac_writes_call(fl, d, ci, c, vals);
	bounded.nargs = n;
	ac_lifetime_call_args(fl, d, op, ci, vals, flag_effects(fl, d, ci, c, vals, false));
	check_nonnull_args(fl, d, op, ci, vals);
	int error_out = gerror_argument(fl, d, c, n);
	AcVal r = call_effect(fl, d, ci, &bounded, vals, op->loc);
	r = ac_lifetime_call_result(c, r);
	AcRole role = ci->fn ? ci->fn->role : AC_ROLE_UNKNOWN;
	if (role != AC_ROLE_ALLOC && role != AC_ROLE_REALLOC && role != AC_ROLE_DEALLOC) {
		Lost lost = {0};
		int out = out_arg(fl, ci, c); /* written by out_summarised */
		for (size_t i = 0; i < n; i++) {
			if (c->args[i].kind == AC_OPND_ADDR && c->args[i].place >= 0 && !(opaque && const_arg(c, i)) &&
			    !reader_arg(fl, ci, c, i) && !pointee_lent(ci, i) && !pointee_kept(ci, i) && (int)i != out) {
				unbind_tree(fl, d, c->args[i].place, true, &lost); /* the callee may write there */
				forget_written(fl, d, c->args[i].place);
			}
		}
		clobber(fl, d, c, ci);
		forget_at_call(fl, d, c, ci, vals);
		settle_lost(fl, d, &lost, op->loc, AC_LEAK_OVERWRITE);
	}
	/* declared returns_nonnull: a fresh block from this call exists */
	if (c->returns_nonnull && r.kind == AC_VAL_OBJ && r.obj == ci->site && d->objs[r.obj].null == AC_NULL_UNCHECKED)
		set_null(fl, d, r.obj, AC_NULL_NONNULL);
	ac_lifetime_call_members(fl, d, &bounded, ci, op->loc); /* after the clobber: what is known after the call */
	if (op->dst >= 0 && !store_struct_result(fl, d, op->dst, r, op->loc))
		store(fl, d, op->dst, r, op->loc);
	else if (op->dst < 0 && r.kind == AC_VAL_OBJ)
		check_lost(fl, d, r.obj, op->loc, AC_LEAK_DISCARD, NULL);
	/* v = f(..., &err) with err NULL before: GLib's functions set err
	 * exactly when they fail and return NULL, so "if (err)" tests v. */
	if (error_out >= 0 && r.kind == AC_VAL_OBJ && d->objs[r.obj].null != AC_NULL_NONNULL)
		ac_disj_set(d, error_out, ac_val_bool(r.obj, false));
}

static void op_escape(AcFlow *fl, AcDisj *d, const AcOp *op)
{
	if (op->src.kind == AC_OPND_ADDR && op->src.place >= 0)
		escape_tree(fl, d, op->src.place);
	escape(fl, d, eval(fl, d, op->src));
}

/* o reads a place that holds no known value, inside a block of this
 * function: if that is an element, it may be any of them. */
/* a[j] read, j unknown: it may be a[0], whose binding holds a block stored
 * there (a[0] = strdup(x); ... free(a[j]); also a[0].name and a[j].name),
 * so that block may be taken out and is handed on. */
static void elements_named_out(const AcFlow *fl, AcDisj *d, int root, int read)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *b = &d->binds[i];
		if (b->val.kind != AC_VAL_OBJ || b->place == read || !derived_from(fl->fn, b->place, root))
			continue;
		bool elem = false;
		for (int q = b->place; q != root; q = fl->fn->places[q].parent)
			elem |= fl->fn->places[q].kind == AC_PLACE_ELEM;
		if (!elem)
			continue;
		AcObj *o = &d->objs[b->val.obj];
		o->holder = 0;
		if (o->status == AC_OBJ_OWNED || o->status == AC_OBJ_PENDING)
			o->status = AC_OBJ_ESCAPED;
	}
}

static void read_unknown_element(const AcFlow *fl, AcDisj *d, AcOperand o)
{
	if ((o.kind != AC_OPND_PLACE && o.kind != AC_OPND_OFFSET && o.kind != AC_OPND_PLUS) || o.place < 0 ||
	    ac_disj_get(d, o.place).kind != AC_VAL_UNKNOWN)
		return;
	int ptr = ac_container_pointer(fl->fn, o.place);
	AcVal c = ptr >= 0 ? ac_disj_get(d, ptr) : ac_val_unknown();
	if (c.kind == AC_VAL_OBJ)
		elements_taken(d, c.obj);
	int root = ptr < 0 ? local_array_root(fl, o.place) : -1;
	if (root >= 0) {
		elements_out(d, local_mark(root)); /* a[j], or s copied whole */
		elements_named_out(fl, d, root, o.place);
	}
}

/* The pointer whose elements operand o reads or points into (a for a[j],
 * a[j].name, &a[j]; p for *p), or -1. */
static int element_pointer(const AcFunc *fn, AcOperand o)
{
	if ((o.kind != AC_OPND_PLACE && o.kind != AC_OPND_OFFSET && o.kind != AC_OPND_PLUS && o.kind != AC_OPND_ADDR) ||
	    o.place < 0)
		return -1;
	bool elem = false;
	for (int p = o.place; p >= 0; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_DEREF)
			return pl->parent;
		if (pl->kind != AC_PLACE_MEMBER && pl->kind != AC_PLACE_ELEM)
			return -1;
		elem |= pl->kind == AC_PLACE_ELEM;
		if (pl->through_ptr)
			return elem ? pl->parent : -1;
	}
	return -1;
}

/* The call op i of block b makes (the one the link step resolved), or NULL. */
static const AcCall *op_call_of(const AcFlow *fl, size_t b, size_t i)
{
	const AcOp *op = &fl->fn->blocks[b].ops[i];
	const AcCallInfo *ci = &fl->calls[fl->op_base[b] + i];
	return op->kind != AC_OP_CALL ? NULL : ci->call ? ci->call : op->call;
}

static size_t op_args(const AcFlow *fl, size_t b, size_t i)
{
	const AcCall *c = op_call_of(fl, b, i);
	return c ? c->nargs : 0;
}

/* Into out: the pointer whose elements operand o reads (a[j] with a a
 * pointer), and the local array variable (a[j] with char *a[5], s copied
 * whole) it reads from; returns how many. */
static int elements_read(const AcFlow *fl, AcOperand o, int *out)
{
	int n = 0, ptr = element_pointer(fl->fn, o);
	if (ptr >= 0)
		out[n++] = ptr;
	else if ((o.kind == AC_OPND_PLACE || o.kind == AC_OPND_OFFSET || o.kind == AC_OPND_PLUS) && o.place >= 0 &&
	         local_array_root(fl, o.place) >= 0)
		out[n++] = local_array_root(fl, o.place);
	return n;
}

static void add_loop_read(int *list, int *n, int ptr)
{
	for (int i = 0; i < *n; i++) {
		if (list[i] == ptr)
			return;
	}
	list[(*n)++] = ptr;
}

/* Per loop, the pointers and local arrays whose elements it copies or hands
 * to a call, but for the element the same round stored (ac_round_read). Such a loop (for (j = 0; j < i; j++) free(a[j])) may take out
 * every block put in those elements, also when the walk sees it run no
 * round at all: which elements were filled is not known, so on its way in
 * it takes them all. */
static void find_loop_reads(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	int nloops = 0, nreads = 0;
	for (size_t b = 0; b < fn->nblocks; b++) {
		if (fl->block_scc[b] >= nloops)
			nloops = fl->block_scc[b] + 1;
		for (size_t i = 0; i < fn->blocks[b].nops; i++)
			nreads += 2 * (1 + (int)op_args(fl, b, i)); /* a pointer and a local array each */
	}
	int *count = AC_ARENA_ARRAY(&fl->scratch, int, (size_t)nloops + 1);
	int *tmp = AC_ARENA_ARRAY(&fl->scratch, int, (size_t)nreads + 1);
	fl->loop_reads = AC_ARENA_ARRAY(&fl->scratch, int, (size_t)nreads + 1);
	fl->loop_reads_off = AC_ARENA_ARRAY(&fl->scratch, int, (size_t)nloops + 1);
	int n = 0;
	for (int c = 0; c < nloops; c++) {
		fl->loop_reads_off[c] = n;
		for (size_t b = 0; b < fn->nblocks; b++) {
			if (fl->block_scc[b] != c)
				continue;
			for (size_t i = 0; i < fn->blocks[b].nops; i++) {
				const AcOp *op = &fn->blocks[b].ops[i];
				int k = 0;
				if (op->kind == AC_OP_ASSIGN && !ac_round_read(fl, (int)b, i, op->src))
					k = elements_read(fl, op->src, tmp);
				for (size_t a = 0; a < op_args(fl, b, i); a++) {
					AcOperand arg = op_call_of(fl, b, i)->args[a];
					if (!ac_round_read(fl, (int)b, i, arg))
						k += elements_read(fl, arg, tmp + k);
				}
				for (int j = 0; j < k; j++)
					add_loop_read(fl->loop_reads + fl->loop_reads_off[c], &count[c], tmp[j]);
			}
		}
		n += count[c];
	}
	fl->loop_reads_off[nloops] = n;
}

/* The walk enters or goes round a loop that reads elements (find_loop_reads). */
static void loop_takes_elements(const AcFlow *fl, AcDisj *d, int block)
{
	int c = fl->block_scc[block];
	if (c < 0)
		return;
	for (int i = fl->loop_reads_off[c]; i < fl->loop_reads_off[c + 1]; i++) {
		AcVal v = ac_disj_get(d, fl->loop_reads[i]);
		if (v.kind == AC_VAL_OBJ)
			elements_taken(d, v.obj);
		elements_out(d, local_mark(fl->loop_reads[i])); /* a local array's: nothing if a pointer's */
	}
}

/* What op may take out of the elements of this function's blocks: a read of
 * an element not told apart from the others, or a block handed to a call
 * (memcpy(b, a, n), sort(a, n), free_strv(a)) other than the release or
 * reallocation of that block itself, which moves its elements with it. */
static void take_elements(const AcFlow *fl, AcDisj *d, const AcOp *op, const AcCallInfo *ci)
{
	if (op->kind == AC_OP_KILL)
		return;
	if (op->kind != AC_OP_CALL) {
		read_unknown_element(fl, d, op->src);
		if (op->kind == AC_OP_CMP)
			read_unknown_element(fl, d, op->src2);
		return;
	}
	const AcCall *c = ci->call ? ci->call : op->call;
	bool moves = ci->fn && (ci->fn->role == AC_ROLE_DEALLOC || ci->fn->role == AC_ROLE_REALLOC);
	for (size_t i = 0; i < c->nargs; i++) {
		read_unknown_element(fl, d, c->args[i]);
		if ((moves && i == (size_t)ci->fn->ptr_arg) || leaves_contents(ci, i))
			continue;
		AcVal v = eval(fl, d, c->args[i]);
		if (v.kind == AC_VAL_OBJ)
			elements_taken(d, v.obj);
	}
}

bool ac_transfer_ops(AcFlow *fl, const AcBlock *b, AcDisj *d)
{
	const AcCallInfo *calls = &fl->calls[fl->op_base[b->id]];
	fl->path_ended = false;
	if (fl->elements_held)
		loop_takes_elements(fl, d, b->id);
	for (size_t i = 0; i < b->nops && !fl->path_ended; i++) {
		const AcOp *op = &b->ops[i];
		fl->cur_op = i;
		if (op->dst >= 0)
			ac_writes_store(fl, d, op->dst);
		if (fl->elements_held)
			take_elements(fl, d, op, &calls[i]);
		switch (op->kind) {
		case AC_OP_ASSIGN:
			op_assign(fl, d, op);
			break;
		case AC_OP_TEST:
			op_test(fl, d, op);
			break;
		case AC_OP_CALL:
			op_call(fl, d, op, &calls[i]);
			if (calls[i].ends_path)
				return false;
			break;
		case AC_OP_DEREF:
			op_deref(fl, d, op);
			break;
		case AC_OP_KILL:
			op_kill(fl, d, op);
			break;
		case AC_OP_ESCAPE:
			ac_writes_anything(fl); /* a write lowering could not place, inline asm */
			fl->wr_untyped = true;
			op_escape(fl, d, op);
			break;
		case AC_OP_CMP:
			op_cmp(fl, d, op);
			break;
		default:
			AC_UNREACHABLE();
		}
	}
	return !fl->path_ended && b->term != AC_TERM_NORETURN;
}

/* ---- entry, branches, returns ------------------------------------------------- */

void ac_transfer_init(AcFlow *fl, AcDisj *d)
{
	for (size_t i = 0; i < fl->fn->nparams; i++) {
		if (!fl->fn->places[i].is_pointer)
			continue;
		int obj = ac_flow_param_obj(fl, i);
		d->objs[obj].status = AC_OBJ_PARAM;
		d->objs[obj].null = AC_NULL_CHECKED;
		ac_disj_set(d, (int)i, ac_val_obj(obj));
	}
}

/* The notes of one block's branches, each made once per walk: a branch is
 * noted for every disjunct that takes it (formatting them was 5% of a
 * merge). */
struct AcBranchNotes {
	const char *cond[2]; /* on the condition, by what it evaluated to */
	const char *who[2];  /* on a block, by nonnull: the name it was noted with... */
	const char *obj[2];  /* ... and the note */
};

/* The note of the decision taken at b when it is a constant text, else
 * NULL: *who and *holds say what ac_transfer_trail_msg writes, when a path
 * through it is collected (most decisions are on none). */
static const char *branch_note(AcFlow *fl, const AcDisj *d, const AcBlock *b, AcVal v, bool taken, const char **who,
			       bool *holds)
{
	*who = NULL;
	if (v.kind == AC_VAL_OBJ || v.kind == AC_VAL_BOOL) {
		*holds = v.kind == AC_VAL_OBJ ? taken : (taken == v.pol); /* non-NULL */
		*who = holder_name(fl, d, v.obj);
		if (!*who)
			return *holds ? "assuming the allocation succeeded" : "assuming the allocation failed";
		return NULL;
	}
	*holds = taken != b->cond_negated; /* what the user's condition evaluated to */
	if (!b->raises && !b->cond_text)
		return *holds ? "taking the true branch" : "taking the false branch";
	return NULL;
}

const char *ac_transfer_trail_msg(AcFlow *fl, const AcTrail *t)
{
	if (t->msg || t->block < 0)
		return t->msg;
	if (!fl->branch_notes)
		fl->branch_notes = AC_ARENA_ARRAY(&fl->scratch, struct AcBranchNotes, fl->fn->nblocks);
	const AcBlock *b = &fl->fn->blocks[t->block];
	struct AcBranchNotes *bn = &fl->branch_notes[b->id];
	bool holds = t->holds;
	if (t->who) {
		if (bn->who[holds] != t->who) {
			bn->who[holds] = t->who;
			bn->obj[holds] = ac_arena_printf(&fl->scratch, "assuming '%s' is %s", t->who, holds ? "non-NULL" : "NULL");
		}
		return bn->obj[holds];
	}
	if (!bn->cond[holds]) {
		if (b->raises)
			bn->cond[holds] = ac_arena_printf(&fl->scratch, holds ? "if '%s' raises" : "'%s' does not raise", b->raises);
		else
			bn->cond[holds] = ac_arena_printf(&fl->scratch, "taking the %s branch ('%s' is %s)",
			                                  holds ? "true" : "false", b->cond_text, holds ? "true" : "false");
	}
	return bn->cond[holds];
}

static void push_trail(AcFlow *fl, AcDisj *d, AcLoc loc, const char *msg)
{
	AcTrail *t = AC_ARENA_NEW(&fl->scratch, AcTrail);
	t->up = d->trail;
	t->loc = loc;
	t->msg = msg;
	t->depth = d->trail ? d->trail->depth + 1 : 1;
	t->block = -1;
	t->who = NULL;
	t->holds = false;
	d->trail = t;
}

/* Refines the object behind a branch; false if the edge cannot be taken.
 * target is the block the edge enters. */
static bool refine_obj(AcFlow *fl, AcDisj *d, int obj, bool nonnull, int target)
{
	AcNullness n = d->objs[obj].null;
	if (nonnull && n == AC_NULL_NULL)
		return false;
	if (!nonnull && n == AC_NULL_NONNULL)
		return false;
	if (d->objs[obj].status == AC_OBJ_NONE)
		return true;
	/* Parameters too: a path where the caller's pointer is NULL frees nothing. */
	set_null(fl, d, obj, nonnull ? AC_NULL_NONNULL : AC_NULL_NULL);
	if (!nonnull && n != AC_NULL_NULL)
		d->objs[obj].null_region = target;
	return true;
}

/* The truth of a key that compares a variable holding a known constant with
 * a constant (the first test of for (i = 0; i < 3; i++); n == 16 after
 * n = 32): 1 or 0, or -1 when the variable's value is not known. Only
 * values and constants >= 0, whose comparison is the same signed or not;
 * and an equality with a negative constant (t == -1 after t = err (),
 * where err returns -1), which holds or not whatever the signedness: the
 * lowering gives no shape to one whose variable is unsigned and narrower
 * than int (its promoted value is never negative). */
static int const_comparison(const AcFlow *fl, const AcDisj *d, const AcCondKey *key)
{
	bool negative_eq = key->shape == AC_CMP_VAR_EQ_CONST && key->cmp_const < 0;
	if (!ac_cmp_with_const(key->shape) || key->cmp_var < 0 || (key->cmp_const < 0 && !negative_eq))
		return -1;
	AcVal v = place_value(fl, d, key->cmp_var);
	long long x;
	if (key->shape == AC_CMP_VAR_EQ_CONST && key->cmp_const == 0 && v.kind == AC_VAL_NONZERO)
		return 0; /* known not 0 (the else of if (i == 0)), whatever it is */
	if (v.kind == AC_VAL_ZERO)
		x = 0;
	else if (v.kind == AC_VAL_NONZERO && v.pol && (v.obj >= 0 || negative_eq))
		x = v.obj;
	else
		return -1;
	return ac_cmp_holds(key->shape, x, key->cmp_const);
}

/* Narrows [*lo, *hi] by the outcome of key k, a comparison of a variable
 * with a constant >= 0 (the same whether the comparison is signed or not). */
static void narrow(const AcCondKey *k, bool truth, long long *lo, long long *hi)
{
	long long c = k->cmp_const;
	switch (k->shape) {
	case AC_CMP_VAR_LT_CONST: /* v < c, else v >= c */
		if (truth && c - 1 < *hi)
			*hi = c - 1;
		if (!truth && c > *lo)
			*lo = c;
		break;
	case AC_CMP_CONST_LT_VAR: /* c < v, else v <= c */
		if (truth && c + 1 > *lo)
			*lo = c + 1;
		if (!truth && c < *hi)
			*hi = c;
		break;
	case AC_CMP_VAR_EQ_CONST:
		if (truth)
			*lo = *hi = c;
		break;
	default:
		break;
	}
}

/* The truth of key as the other comparisons of its variable with constants
 * known on this path imply it (sz > 1024 taken: sz >= 1024 holds), or -1. */
static int implied_comparison(const AcFlow *fl, const AcDisj *d, const AcCondKey *key)
{
	if (key->cmp_var < 0 || key->cmp_const < 0 || key->cmp_const == LLONG_MAX ||
	    (key->shape != AC_CMP_VAR_LT_CONST && key->shape != AC_CMP_CONST_LT_VAR && key->shape != AC_CMP_VAR_EQ_CONST))
		return -1;
	long long lo = LLONG_MIN, hi = LLONG_MAX;
	bool any = false;
	for (uint32_t i = 0; i < d->nfacts; i++) {
		const AcCondKey *k = fl->keys[d->facts[i] >> 1];
		if (k == key || !ac_cmp_with_const(k->shape) || k->cmp_var != key->cmp_var || k->cmp_const < 0 ||
		    k->cmp_const == LLONG_MAX)
			continue;
		bool truth = d->facts[i] & 1;
		if (k->shape == AC_CMP_VAR_EQ_CONST && !truth && k->cmp_const == key->cmp_const &&
		    key->shape == AC_CMP_VAR_EQ_CONST)
			return 0;
		narrow(k, truth, &lo, &hi);
		any = true;
	}
	if (!any || lo > hi)
		return -1;
	long long c = key->cmp_const;
	switch (key->shape) {
	case AC_CMP_VAR_LT_CONST:
		return hi < c ? 1 : lo >= c ? 0 : -1;
	case AC_CMP_CONST_LT_VAR:
		return lo > c ? 1 : hi <= c ? 0 : -1;
	default:
		return lo == c && hi == c ? 1 : (c < lo || c > hi) ? 0 : -1;
	}
}

/* 0 when another key compares the same expression with another constant and
 * holds on this path (atom->type == 1 known: atom->type == 2 is false),
 * else -1. What a key reads is unchanged while its fact is kept. */
static int other_constant_holds(const AcFlow *fl, const AcDisj *d, int key)
{
	const AcKeyEq *q = &fl->key_eq[key];
	if (!q->len)
		return -1;
	const char *x = fl->keys[key]->key + q->off;
	for (uint32_t i = 0; i < d->nfacts; i++) {
		uint32_t other = d->facts[i] >> 1;
		const AcKeyEq *o = &fl->key_eq[other];
		if ((d->facts[i] & 1) && (int)other != key && o->len == q->len && o->value != q->value &&
		    memcmp(fl->keys[other]->key + o->off, x, q->len) == 0)
			return 0;
	}
	return -1;
}

/* The outcome of a test of X against 0 and of "(X==#K)", K not 0, as the
 * other's implies: X == K held, so X is not 0 (if (p->type) is true); X
 * was 0 (if (p->type == 0) was taken), so X == K is false. -1 when unknown. */
static int zero_test_implies(const AcFlow *fl, const AcDisj *d, int key)
{
	int alone = fl->key_alone[key];
	if (alone >= 0)
		return ac_disj_fact(d, (uint32_t)alone) == 0 ? 0 : -1;
	for (uint32_t i = 0; i < d->nfacts; i++) {
		if ((d->facts[i] & 1) && fl->key_alone[d->facts[i] >> 1] == key)
			return 1;
	}
	return -1;
}

static int key_truth(const AcFlow *fl, const AcDisj *d, int key);

/* The truth of "(v < e)" (AC_CMP_VAR_LT_*) where v holds a constant c (a
 * loop's counter at its start: the loop runs at least once): as the value
 * of the variable e, or its comparisons with constants, say c < e; for
 * c == 0 and e never below 0, as e's value or the test of e alone says
 * e != 0 (if (p->count) { ...; for (i = 0; i < p->count; i++) ... }).
 * -1 when unknown. */
static int counter_comparison(const AcFlow *fl, const AcDisj *d, int key)
{
	const AcCondKey *k = fl->keys[key];
	long long c;
	if ((k->shape != AC_CMP_VAR_LT_EXPR && k->shape != AC_CMP_VAR_LT_NONNEG) ||
	    !known_int(place_value(fl, d, k->cmp_var), &c) || c < 0)
		return -1;
	bool zero_nonneg = c == 0 && k->shape == AC_CMP_VAR_LT_NONNEG;
	if (k->cmp_const < 0)
		return zero_nonneg && fl->key_operand[key] >= 0 ? key_truth(fl, d, fl->key_operand[key]) : -1;
	AcCondKey lt = {.shape = AC_CMP_CONST_LT_VAR, .cmp_var = (int)k->cmp_const, .cmp_const = c};
	int t = const_comparison(fl, d, &lt);
	if (t < 0)
		t = implied_comparison(fl, d, &lt);
	if (t >= 0 || !zero_nonneg)
		return t;
	if (place_value(fl, d, lt.cmp_var).kind == AC_VAL_NONZERO)
		return 1;
	AcCondKey zero = {.shape = AC_CMP_VAR_EQ_CONST, .cmp_var = lt.cmp_var, .cmp_const = 0};
	t = implied_comparison(fl, d, &zero);
	return t < 0 ? -1 : !t;
}

/* The outcome of condition key number key on d, as the path knows it: by
 * the value of the variable it compares with a constant, as recorded, or
 * as the other comparisons of its variable (or expression) imply; 1 or 0,
 * or -1 when unknown. */
static int key_truth(const AcFlow *fl, const AcDisj *d, int key)
{
	const AcCondKey *k = fl->keys[key];
	int value = const_comparison(fl, d, k);
	if (value < 0)
		value = counter_comparison(fl, d, key);
	if (k->shape == AC_CMP_VAR_LT_CONST && k->cmp_const == 0 && fl->fn->places[k->cmp_var].is_pointer)
		value = 0; /* p < 0: addresses compare as unsigned numbers */
	if (value >= 0)
		return value;
	int known = ac_disj_fact(d, (uint32_t)key);
	if (known < 0)
		known = implied_comparison(fl, d, k);
	if (known < 0)
		known = other_constant_holds(fl, d, key);
	if (known < 0)
		known = zero_test_implies(fl, d, key);
	return known;
}

/* A variable tested against 0 alone (if (t), t == 0) has no key: its value
 * tells the outcome, and so do the comparisons of it with other constants
 * known on this path (t == 1 taken: t is not 0). */
static bool decide_by_comparisons(const AcFlow *fl, const AcBlock *b, const AcDisj *d, bool taken)
{
	if (b->cond.kind != AC_OPND_PLACE || fl->fn->places[b->cond.place].kind != AC_PLACE_VAR ||
	    fl->fn->places[b->cond.place].is_pointer)
		return true;
	AcCondKey zero = {.shape = AC_CMP_VAR_EQ_CONST, .cmp_var = b->cond.place, .cmp_const = 0};
	int is_zero = implied_comparison(fl, d, &zero);
	return is_zero < 0 || is_zero != taken;
}

/* A condition tested before, with nothing it reads written since, has the
 * same outcome: the other edge cannot be taken. So has one that the
 * outcomes of other comparisons of its variable decide. */
static bool decide_by_key(AcFlow *fl, const AcBlock *b, AcDisj *d, bool taken)
{
	int key = fl->block_key[b->id];
	if (key < 0)
		return decide_by_comparisons(fl, b, d, taken);
	bool truth = taken != b->cond_key->negated; /* per block: n < K and n >= K share a key */
	int known = key_truth(fl, d, key);
	if (known >= 0)
		return known == truth;
	ac_disj_set_fact(d, (uint32_t)key, truth);
	return true;
}

/* The outcomes one side of a join recorded that the other knows alike
 * without a record of its own (key_truth): into keep (room for n), as
 * facts; returns how many. */
static size_t outcomes_known_by(const AcFlow *fl, const AcDisj *rec, const AcDisj *other, uint32_t *keep, size_t n)
{
	size_t k = 0;
	for (uint32_t i = 0; i < rec->nfacts && k < n; i++) {
		uint32_t f = rec->facts[i];
		if (ac_disj_fact(other, f >> 1) < 0 && key_truth(fl, other, (int)(f >> 1)) == (int)(f & 1))
			keep[k++] = f;
	}
	return k;
}

void ac_transfer_join(const AcFlow *fl, AcDisj *a, const AcDisj *b)
{
	enum { KEEP = 64 }; /* more are dropped: forgetting only loses precision */
	uint32_t keep[KEEP];
	size_t n = outcomes_known_by(fl, a, b, keep, KEEP);
	n += outcomes_known_by(fl, b, a, keep + n, KEEP - n);
	ac_disj_join(a, b);
	for (size_t i = 0; i < n; i++)
		ac_disj_set_fact(a, keep[i] >> 1, keep[i] & 1);
}

bool ac_transfer_branch(AcFlow *fl, const AcBlock *b, AcDisj *d, bool taken)
{
	AcVal v = eval(fl, d, b->cond);
	bool ok = true;
	if (v.kind == AC_VAL_UNKNOWN && !decide_by_key(fl, b, d, taken))
		return false;
	switch (v.kind) {
	case AC_VAL_OBJ:
		if (fails_with(fl, v.obj))
			ok = taken; /* never NULL, and a test for NULL tells nothing about failure */
		else if (v.pol) {
			/* q = strchr(p, c); if (!q): q is NULL or inside p's block, which
			 * exists either way: the test tells of q only */
			if (!taken && b->cond.kind == AC_OPND_PLACE && !fl->place_unbindable[b->cond.place])
				ac_disj_set(d, b->cond.place, ac_val_zero());
		} else
			ok = refine_obj(fl, d, v.obj, taken, b->succ[taken ? 0 : 1]);
		break;
	case AC_VAL_BOOL:
		ok = refine_obj(fl, d, v.obj, taken == v.pol, b->succ[taken ? 0 : 1]);
		break;
	case AC_VAL_ZERO:
		ok = !taken;
		break;
	case AC_VAL_NONZERO:
		ok = taken;
		break;
	default:
		if (b->cond.kind == AC_OPND_PLACE && !fl->place_unbindable[b->cond.place]) {
			AcVal now = taken ? ac_val_nonzero() : ac_val_zero();
			if (ac_val_is_symbol(v))
				learn_symbol(d, v.obj, now); /* if (len) with len = j: j too */
			if (ac_val_is_symbol(v) && !taken)
				released_by_zero_size(fl, d, v.obj);
			ac_disj_set(d, b->cond.place, now);
		}
		break;
	}
	/* A test its operands' values decided is recorded as well: those values may
	 * say less later (a block compared was reallocated since) while what the
	 * test reads is unchanged (vasnprintf's result == resultbuf). */
	if (ok && (v.kind == AC_VAL_ZERO || v.kind == AC_VAL_NONZERO) && fl->block_key[b->id] >= 0)
		ac_disj_set_fact(d, (uint32_t)fl->block_key[b->id], taken != b->cond_key->negated);
	/* img = XCreateImage(.., data, ..); if (!img) { free(data); ... }: img owns data now */
	const AcHandover *h = ok && taken && fl->handover ? fl->handover[b->id] : NULL;
	for (size_t i = 0; h && i < h->nplaces; i++)
		escape(fl, d, ac_disj_get(d, h->places[i]));
	return ok;
}

void ac_transfer_jump_out(AcFlow *fl, const AcBlock *b, AcDisj *d)
{
	if (!b->term_loc.line)
		return; /* falling out of the branch's body, not jumping */
	d->last_jump = b->term_loc;
	for (uint32_t k = 0; k < d->nobjs; k++) {
		AcObj *o = &d->objs[k];
		if (o->null_region >= 0 && ac_dominates(&fl->dom, o->null_region, b->id)) {
			o->quiet = 0;
			o->null_region = -1; /* calls after the jump (an error label) are not fatal() */
		}
	}
}

void ac_transfer_note_branch(AcFlow *fl, const AcBlock *b, AcDisj *d, const AcDisj *before, bool taken)
{
	AcVal v = eval(fl, before, b->cond);
	const char *who;
	bool holds;
	push_trail(fl, d, b->term_loc, branch_note(fl, before, b, v, taken, &who, &holds));
	AcTrail *t = (AcTrail *)d->trail;
	t->block = b->id;
	t->truth = b->cond_key && taken != b->cond_key->negated;
	t->who = who;
	t->holds = holds;
}

/* Whether every return so far gives one integer constant (a precondition
 * check's early return is a programming error, not a result). */
static void summarise_const(AcFlow *fl, const AcBlock *b, AcVal v)
{
	if (b->ret_precondition || fl->ret_const_state == 2)
		return;
	long long k;
	if (v.kind == AC_VAL_ZERO)
		k = 0;
	else if (v.kind == AC_VAL_NONZERO && v.pol)
		k = v.obj;
	else {
		fl->ret_const_state = 2;
		return;
	}
	if (fl->ret_const_state == 1 && fl->ret_const != k)
		fl->ret_const_state = 2;
	else if (fl->ret_const_state == 0) {
		fl->ret_const_state = 1;
		fl->ret_const = k;
	}
}

/* Folds one reached return into the function's summary. */
/* A return that may give NULL: the flags of parameters tested on its path
 * (read_passphrase returns NULL only under flags & RP_ALLOW_EOF), or their
 * comparisons with a constant (copy_argv returns NULL only when argc == 0),
 * kept while every such return has them. */
static void note_null_guard(AcFlow *fl, const AcDisj *d)
{
	uint64_t np = 0, zp = 0;
	for (size_t i = 0; i < fl->fn->nparams && i < 64; i++) {
		const AcObj *o = &d->objs[ac_flow_param_obj(fl, i)];
		if (o->status == AC_OBJ_PARAM && o->null == AC_NULL_NULL)
			np |= (uint64_t)1 << i;
		/* if (argc == 0) return NULL: a test of the variable itself has no
		 * key, its value says it */
		if (!fl->fn->places[i].is_pointer && !fl->var_written[i] && ac_disj_get(d, (int)i).kind == AC_VAL_ZERO)
			zp |= (uint64_t)1 << i;
	}
	fl->null_params = fl->null_guard_state == 0 ? np : fl->null_params & np;
	fl->null_zero_params = fl->null_guard_state == 0 ? zp : fl->null_zero_params & zp;
	if (fl->null_guard_state == 2)
		return;
	uint32_t found[4] = {0};
	size_t n = 0;
	for (uint32_t i = 0; i < d->nfacts; i++) {
		uint32_t f = d->facts[i];
		const AcCondKey *k = fl->keys[f >> 1];
		bool flag = k->shape == AC_CMP_VAR_AND_CONST && k->cmp_const > 0;
		bool equal = k->shape == AC_CMP_VAR_EQ_CONST && k->cmp_const >= 0;
		if ((!flag && !equal) || k->cmp_var < 0 || (size_t)k->cmp_var >= fl->fn->nparams ||
		    fl->var_written[k->cmp_var])
			continue;
		bool kept = fl->null_guard_state == 0;
		for (size_t g = 0; !kept && g < fl->nnull_guards; g++)
			kept = fl->null_guards[g] == f;
		if (kept && n < 4)
			found[n++] = f;
	}
	memcpy(fl->null_guards, found, n * sizeof *found);
	fl->nnull_guards = n;
	fl->null_guard_state = n ? 1 : 2;
}

/* The parameter a VAR place is, when the function never writes it, or -1. */
static int unwritten_param(const AcFlow *fl, int place)
{
	return place >= 0 && (size_t)place < fl->fn->nparams && place < 64 && !fl->var_written[place] ? place : -1;
}

/* A return: the integer parameters, never written, whose test against a
 * constant it had (err (is_fatal, ...) reaches its return only where
 * is_fatal is 0; report (level, ...) only where level > FAIL is false,
 * tested or implied by a case of a switch on level), kept while every
 * return has them (AcSummary.ret_if_param). */
static void note_ret_guard(AcFlow *fl, const AcDisj *d)
{
	if (fl->ret_guard_state == 2)
		return;
	uint64_t zp = 0, nzp = 0;
	for (size_t i = 0; i < fl->fn->nparams && i < 64; i++) {
		if (fl->fn->places[i].is_pointer || unwritten_param(fl, (int)i) < 0)
			continue;
		AcVal v = ac_disj_get(d, (int)i);
		if (v.kind == AC_VAL_ZERO)
			zp |= (uint64_t)1 << i;
		else if (v.kind == AC_VAL_NONZERO)
			nzp |= (uint64_t)1 << i;
	}
	bool first = fl->ret_guard_state == 0;
	fl->ret_zero_params = first ? zp : fl->ret_zero_params & zp;
	fl->ret_nonzero_params = first ? nzp : fl->ret_nonzero_params & nzp;
	if (first) {
		fl->ret_guards = AC_ARENA_ARRAY(&fl->scratch, uint32_t, fl->nkeys ? fl->nkeys : 1);
		for (size_t i = 0; i < fl->nkeys; i++) {
			const AcCondKey *k = fl->keys[i];
			if (ac_cmp_with_const(k->shape) && k->cmp_const >= 0 && unwritten_param(fl, k->cmp_var) >= 0 &&
			    !fl->fn->places[k->cmp_var].is_pointer)
				fl->ret_guards[fl->nret_guards++] = (uint32_t)i << 1;
		}
	}
	size_t kept = 0;
	for (size_t g = 0; g < fl->nret_guards; g++) {
		uint32_t key = fl->ret_guards[g] >> 1;
		int truth = ac_disj_fact(d, key);
		if (truth < 0)
			truth = const_comparison(fl, d, fl->keys[key]);
		if (truth < 0)
			truth = implied_comparison(fl, d, fl->keys[key]);
		if (truth >= 0 && (first || (int)(fl->ret_guards[g] & 1u) == truth))
			fl->ret_guards[kept++] = key << 1 | (uint32_t)truth;
	}
	fl->nret_guards = kept;
	fl->ret_guard_state = kept || fl->ret_zero_params || fl->ret_nonzero_params ? 1 : 2;
}

/* A return of a fresh block: the integer parameters not 0 there (if
 * (needed) ret = make (); else ret = NULL; return ret;), kept while every
 * such return has them. */
static void note_block_params(AcFlow *fl, const AcDisj *d)
{
	uint64_t nz = 0;
	for (size_t i = 0; i < fl->fn->nparams && i < 64; i++) {
		if (!fl->fn->places[i].is_pointer && unwritten_param(fl, (int)i) >= 0 &&
		    ac_disj_get(d, (int)i).kind == AC_VAL_NONZERO)
			nz |= (uint64_t)1 << i;
	}
	fl->block_params = fl->block_returned ? fl->block_params & nz : nz;
	fl->block_returned = true;
}

/* The block v returned is where the reallocation that made it moved the
 * block obj, tested and found not NULL here (tmp = realloc (p, n); if
 * (!tmp) return NULL; return tmp;): obj is not released by the function
 * but handed back moved. */
static bool moved_into(const AcDisj *d, AcVal v, int obj)
{
	return v.kind == AC_VAL_OBJ && !v.pol && d->objs[v.obj].prev == obj && d->objs[v.obj].null == AC_NULL_NONNULL &&
	       d->objs[obj].status == AC_OBJ_FREED;
}

/* A return of fresh block v: the pointer parameters whose block it is,
 * moved by a reallocation not settled yet (return realloc (p, n)) or
 * tested here (moved_into), or left where it failed (v NULL, the parameter
 * still the caller's), or NULL here (if (!p) return malloc (n)), kept
 * while every such return has them. */
static void note_grown_params(AcFlow *fl, const AcDisj *d, AcVal v)
{
	int prev = d->objs[v.obj].prev;
	bool pending = prev >= 0 && (d->objs[prev].status == AC_OBJ_PENDING ||
	                             (d->objs[prev].status == AC_OBJ_LOST && d->objs[v.obj].self_assigned) ||
	                             moved_into(d, v, prev) ||
	                             (d->objs[v.obj].null == AC_NULL_NULL && d->objs[prev].status == AC_OBJ_PARAM));
	int moved = pending ? ac_flow_param_index(fl, prev) : -1;
	uint64_t m = 0;
	for (size_t i = 0; i < fl->fn->nparams && i < 64; i++) {
		if (!fl->fn->places[i].is_pointer)
			continue;
		if ((int)i == moved || d->objs[ac_flow_param_obj(fl, i)].null == AC_NULL_NULL)
			m |= (uint64_t)1 << i;
	}
	fl->grown_params = fl->block_returned ? fl->grown_params & m : m;
	if (moved >= 0 && moved < 64)
		fl->grown_seen |= (uint64_t)1 << moved;
}

/* What held at this return of the parameters (AcRetCond): their nullness,
 * the comparisons with constants found true, and the comparisons of two
 * pointer parameters ("(v4==v5)"), kept while there are few distinct ones. */
static void note_ret_cond(AcFlow *fl, const AcDisj *d)
{
	AcRetCond rc;
	memset(&rc, 0, sizeof rc); /* compared bytewise below */
	for (size_t i = 0; i < fl->fn->nparams && i < 64; i++) {
		AcNullness n = d->objs[ac_flow_param_obj(fl, i)].null;
		rc.nonnull |= n == AC_NULL_NONNULL ? (uint64_t)1 << i : 0;
		rc.null |= n == AC_NULL_NULL ? (uint64_t)1 << i : 0;
		long long x;
		/* if (!how) return: the test of how itself leaves its value */
		if (!fl->fn->places[i].is_pointer && unwritten_param(fl, (int)i) >= 0 &&
		    known_int(ac_disj_get(d, (int)i), &x) && rc.nsel < AC_RET_FACTS) {
			rc.sel[rc.nsel].param = (uint8_t)i;
			rc.sel[rc.nsel++].value = x;
		}
	}
	for (uint32_t i = 0; i < d->nfacts; i++) {
		const AcCondKey *k = fl->keys[d->facts[i] >> 1];
		bool truth = d->facts[i] & 1;
		int a = -1, b = -1, end = 0;
		if (k->shape == AC_CMP_VAR_EQ_CONST && truth && unwritten_param(fl, k->cmp_var) >= 0 &&
		    rc.nsel < AC_RET_FACTS) {
			rc.sel[rc.nsel].param = (uint8_t)k->cmp_var;
			rc.sel[rc.nsel++].value = k->cmp_const;
		} else if (k->shape == AC_CMP_NONE && sscanf(k->key, "(v%d==v%d)%n", &a, &b, &end) == 2 &&
		           !k->key[end] && unwritten_param(fl, a) >= 0 && unwritten_param(fl, b) >= 0 &&
		           fl->fn->places[a].is_pointer && fl->fn->places[b].is_pointer && rc.nrel < AC_RET_FACTS) {
			rc.rel[rc.nrel].a = (uint8_t)a;
			rc.rel[rc.nrel].b = (uint8_t)b;
			rc.rel[rc.nrel++].eq = truth;
		}
	}
	for (size_t i = 0; i < fl->nret_conds; i++) {
		if (memcmp(&fl->ret_conds[i], &rc, sizeof rc) == 0)
			return;
	}
	if (fl->nret_conds == AC_RET_CONDS)
		fl->ret_conds_lost = true;
	else
		fl->ret_conds[fl->nret_conds++] = rc;
}

/* The memory no allocator returned that v points to, as a caller may be
 * told it (AC_NONHEAP_*_ADDR): a static or global object, a literal, a
 * function; -1 for anything else (a local's address is gone at the return). */
static int nonheap_returned(const AcFlow *fl, AcVal v)
{
	if (!ac_val_is_nonheap(v))
		return -1;
	if (v.obj >= 0)
		return fl->fn->places[v.obj].storage == AC_STORAGE_GLOBAL ? AC_NONHEAP_STATIC_ADDR : -1;
	int what = -2 - v.obj;
	return what == AC_NONHEAP_LITERAL_ADDR || what == AC_NONHEAP_FUNCTION_ADDR ? what : -1;
}

/* return s; with s a struct: whether a member of it holds a fresh block
 * of this function at every return (or NULL where it holds none), as
 * make_span's s.base = malloc(n) does (AcSummary.ret_member_key). */
static void summarise_return_member(AcFlow *fl, const AcBlock *b, const AcDisj *d)
{
	const AcFunc *fn = fl->fn;
	int r = b->ret.kind == AC_OPND_PLACE ? b->ret.place : -1;
	if (fl->ret_member_family == -1 || b->ret_precondition)
		return;
	if (r < 0 || fn->places[r].is_pointer) {
		fl->ret_member_family = -1;
		return;
	}
	const char *zero[4];
	int nzero = 0;
	for (size_t q = 0; q < fn->nplaces; q++) {
		const AcPlace *m = &fn->places[q];
		if (m->parent != r || m->kind != AC_PLACE_MEMBER || m->through_ptr || !m->is_pointer || !m->field_key)
			continue;
		AcVal v = ac_disj_get(d, (int)q);
		if (v.kind == AC_VAL_ZERO && nzero < 4)
			zero[nzero++] = m->field_key;
		if (v.kind != AC_VAL_OBJ || v.pol || !site_of(fl, v.obj) || d->objs[v.obj].status != AC_OBJ_OWNED ||
		    fails_with(fl, v.obj) || fl->site_family[site_index(fl, v.obj)] < 0)
			continue;
		int fam = fl->site_family[site_index(fl, v.obj)];
		if (fl->ret_member_key && (fl->ret_member_key != m->field_key || fl->ret_member_family != fam)) {
			fl->ret_member_family = -1;
			return;
		}
		fl->ret_member_key = m->field_key;
		fl->ret_member_family = fam;
		fl->ret_member_null |= d->objs[v.obj].null != AC_NULL_NONNULL;
		return;
	}
	/* no fresh block here: the member must be NULL, whichever it is */
	fl->ret_member_null = true;
	if (fl->nret_zero_keys < 0) {
		memcpy(fl->ret_zero_keys, zero, (size_t)nzero * sizeof *zero);
		fl->nret_zero_keys = nzero;
		return;
	}
	int kept = 0;
	for (int i = 0; i < fl->nret_zero_keys; i++) {
		bool also = false;
		for (int j = 0; j < nzero; j++)
			also |= zero[j] == fl->ret_zero_keys[i];
		if (also)
			fl->ret_zero_keys[kept++] = fl->ret_zero_keys[i];
	}
	fl->nret_zero_keys = kept;
}

/* return s; with s a struct: whether a member of it holds obj's block (jq's
 * inst_block (i) returns block {i, i}: the caller's block goes back to it
 * inside the struct, kept as surely as return i would keep it). */
static bool returned_in_struct(const AcFlow *fl, const AcBlock *b, const AcDisj *d, int obj)
{
	int r = b->ret.kind == AC_OPND_PLACE ? b->ret.place : -1;
	if (r < 0 || fl->fn->places[r].is_pointer)
		return false;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		AcVal x = d->binds[i].val;
		if (x.kind == AC_VAL_OBJ && x.obj == obj && derived_from(fl->fn, d->binds[i].place, r))
			return true;
	}
	return false;
}

static void summarise_return(AcFlow *fl, const AcBlock *b, const AcDisj *d, AcVal v)
{
	summarise_return_member(fl, b, d);
	note_ret_guard(fl, d);
	fl->nreturns++;
	note_ret_cond(fl, d);
	bool could_be_null = fl->ret_can_null;
	summarise_const(fl, b, v);
	if (v.kind == AC_VAL_ZERO) {
		fl->ret_can_null |= !b->ret_precondition; /* NULL fits any family */
		if (!b->ret_precondition)
			note_null_guard(fl, d);
	} else {
		int fam = -1;
		if (v.kind == AC_VAL_OBJ && site_of(fl, v.obj) && d->objs[v.obj].status == AC_OBJ_OWNED) {
			fam = fl->site_family[site_index(fl, v.obj)];
			fl->ret_via = site_of(fl, v.obj)->allocator;
			const AcObj *o = &d->objs[v.obj];
			/* Past a check whose NULL branch called what may be a fatal()
			 * (an out-of-memory handler), the NULL is not handed back: the
			 * same judgement a use after that check gets. */
			bool past_fatal = o->quiet && !ac_dominates(&fl->dom, o->null_region, fl->cur_block);
			if (fails_with(fl, v.obj) && o->null != AC_NULL_NONNULL)
				fam = -1; /* what mmap returned, MAP_FAILED maybe: callers test for that, not NULL */
			fl->ret_fatal |= past_fatal;
			/* a block stored through &p by a call that may not have stored it
			 * (tilde_expand(name, uid, &ret) != 0 ... return ret): what
			 * failed is told by that call, not by a NULL */
			past_fatal |= o->needs_proof && o->null == AC_NULL_CHECKED;
			if (o->null != AC_NULL_NONNULL && !past_fatal && !fl->ret_obj_null) {
				fl->ret_obj_null = true;
				fl->ret_obj_null_loc = b->term_loc;
			}
			if (o->null != AC_NULL_NONNULL && !past_fatal)
				note_null_guard(fl, d);
			note_grown_params(fl, d, v);
			note_block_params(fl, d);
		}
		fl->ret_family = (fl->ret_family == -2 || fl->ret_family == fam) ? fam : -1;
	}
	const AcObj *ro = v.kind == AC_VAL_OBJ ? &d->objs[v.obj] : NULL;
	bool released = ro && ro->status == AC_OBJ_FREED && ro->null != AC_NULL_NULL && !v.pol;
	fl->ret_released = (fl->ret_released == -2 || fl->ret_released == 1) && released ? 1 : 0;
	int nonheap = nonheap_returned(fl, v);
	fl->ret_nonheap = fl->ret_nonheap == -2 || fl->ret_nonheap == nonheap ? nonheap : -1;
	if (fl->ret_can_null && !could_be_null)
		fl->ret_null_loc = b->term_loc;
	int param = v.kind == AC_VAL_OBJ ? ac_flow_param_index(fl, v.obj) : -1;
	/* The NULL of a precondition check (g_return_val_if_fail (s != NULL,
	 * NULL)) is a programming error, not a result: g_strchomp (s) still
	 * returns its argument. */
	bool precondition_null = v.kind == AC_VAL_ZERO && b->ret_precondition;
	if (!precondition_null)
		fl->ret_param = (fl->ret_param == -2 || fl->ret_param == param) ? param : -1;
	for (size_t i = 0; i < fl->fn->nparams; i++) {
		const AcObj *o = &d->objs[ac_flow_param_obj(fl, i)];
		/* On a path where the parameter is NULL nothing was given: that
		 * return says nothing about what the function does with a block
		 * (if (!p) return; use(p); only borrows). */
		if (o->null != AC_NULL_NONNULL)
			fl->param_ret_maybe_null[i] = true;
		if (o->status == AC_OBJ_PARAM && o->null == AC_NULL_NULL)
			continue;
		/* LOST with a release: released, then released or used again
		 * (reported once): the function still releases it (a function
		 * that frees its parameter and calls itself on it) */
		bool freed = o->status == AC_OBJ_FREED || (o->status == AC_OBJ_LOST && o->freed > 0);
		bool moved = moved_into(d, v, ac_flow_param_obj(fl, i));
		fl->param_freed[i] |= !freed ? 2 : moved ? 1 | 4 : 1 | 8;
		if (o->status == AC_OBJ_ESCAPED || o->status == AC_OBJ_TOP ||
		    returned_in_struct(fl, b, d, ac_flow_param_obj(fl, i)))
			fl->param_kept[i] = true;
	}
}

/* What this return left in *param for each pointer parameter (AcFlow.out_seen):
 * a fresh block of the function nothing else kept, or not, and what the
 * result says then. */
static void note_out_params(AcFlow *fl, const AcBlock *b, const AcDisj *d, AcVal v)
{
	if (b->ret_precondition || !fl->out_seen)
		return;
	bool zero = v.kind == AC_VAL_ZERO, nonzero = v.kind == AC_VAL_NONZERO;
	bool known = b->ret.kind == AC_OPND_NONE || zero || (nonzero && v.pol);
	int objs[64] = {0};
	size_t n = fl->fn->nparams < 64 ? fl->fn->nparams : 64;
	for (size_t i = 0; i < n; i++) {
		objs[i] = -1;
		int place = fl->param_deref_place[i];
		const AcObj *param = &d->objs[ac_flow_param_obj(fl, i)];
		if (place < 0 || (param->status == AC_OBJ_PARAM && param->null == AC_NULL_NULL))
			continue; /* if (!out) return: nothing could be stored */
		AcVal x = ac_disj_get(d, place);
		const AcObj *o = x.kind == AC_VAL_OBJ && !x.pol ? &d->objs[x.obj] : NULL;
		bool fresh = o && site_of(fl, x.obj) && o->status == AC_OBJ_ESCAPED && !fails_with(fl, x.obj) &&
		             !fl->site_kept[site_index(fl, x.obj)] && fl->site_family[site_index(fl, x.obj)] >= 0;
		uint8_t *seen = &fl->out_seen[i];
		*seen |= known ? 0 : AC_SEEN_VALUE;
		if (fresh && o->null == AC_NULL_NULL) {
			/* cf = calloc(..); if (!cf) goto out; ... out: *pcf = cf; return result; */
			*seen |= AC_SEEN_NOT | (nonzero ? 0 : AC_SEEN_NOT_NOTNZ);
			continue;
		}
		if (!fresh) {
			*seen |= AC_SEEN_NOT | (nonzero ? 0 : AC_SEEN_NOT_NOTNZ);
			/* a block that was there but is no longer the caller's alone */
			if (o && site_of(fl, x.obj) && o->status != AC_OBJ_FREED)
				fl->out_family[i] = -1;
			continue;
		}
		objs[i] = x.obj;
		/* asprintf(&s, ..) leaves s undefined, not NULL, when it fails */
		bool past_fatal = (o->quiet && !ac_dominates(&fl->dom, o->null_region, fl->cur_block)) || o->needs_proof;
		*seen |= AC_SEEN_STORED | (zero ? 0 : AC_SEEN_STORED_NOT0) |
		         (o->null != AC_NULL_NONNULL && !past_fatal ? AC_SEEN_NULL : 0);
		int fam = fl->site_family[site_index(fl, x.obj)];
		fl->out_family[i] = (fl->out_family[i] == -2 || fl->out_family[i] == fam) ? fam : -1;
	}
	/* the same block through two parameters: neither caller's alone */
	for (size_t i = 0; i < n; i++) {
		for (size_t j = i + 1; objs[i] >= 0 && j < n; j++) {
			if (objs[j] >= 0 && objs[j] % (int)fl->nsites == objs[i] % (int)fl->nsites)
				fl->out_family[i] = fl->out_family[j] = -1;
		}
	}
}

/* At a return every local dies: whatever is still owned leaks. */
void ac_transfer_return(AcFlow *fl, const AcBlock *b, AcDisj *d)
{
	AcVal v = eval(fl, d, b->ret);
	contents_copied(fl, d, b->ret);
	summarise_return(fl, b, d, v);
	ac_lifetime_return(fl, d, b, v);
	escape(fl, d, v);
	if (b->ret.kind == AC_OPND_PLACE)
		escape_tree(fl, d, b->ret.place); /* a struct returned by value hands on its fields */
	note_out_params(fl, b, d, v);
	if (fl->elements_held) {
		read_unknown_element(fl, d, b->ret); /* return a[j], return s */
		array_dies(d, -1, NULL, 0);          /* every local dies here */
	}
	bool at_end = b->ret.kind == AC_OPND_NONE && b->term_loc.line == fl->fn->end_loc.line &&
	              b->term_loc.col == fl->fn->end_loc.col;
	AcLoc where = b->term_loc;
	/* Cython's functions share one exit (under #line, the def line): the
	 * user's return (or raise) is the goto that led there. */
	bool same_line = where.file == fl->fn->loc.file && where.line == fl->fn->loc.line &&
	                 d->last_jump.file == where.file;
	if ((b->shared_exit || same_line) && d->last_jump.line)
		where = d->last_jump;
	for (uint32_t o = 0; o < d->nobjs; o++) {
		AcObj *obj = &d->objs[o];
		report_self_assign(fl, d, (int)o);
		AcLeakHow how = at_end ? AC_LEAK_END : AC_LEAK_RETURN;
		if (obj->status == AC_OBJ_PENDING && realloc_never_tested(fl, d, (int)o))
			how = AC_LEAK_REALLOC_FAILED;
		else if (obj->status != AC_OBJ_OWNED || obj->null == AC_NULL_NULL)
			continue;
		report_leak(fl, d, (int)o, where, how, holder_name(fl, d, (int)o));
		obj->status = AC_OBJ_LOST;
		if (how != AC_LEAK_REALLOC_FAILED)
			lose_held(fl, d, (int)o, where, how, NULL);
	}
}
