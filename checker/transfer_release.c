/*
 * transfer_release: the lifetime rules over the states transfer.c keeps:
 * a block released twice (double-free), used once released
 * (use-after-free), memory that is not on the heap released (free-nonheap),
 * a pointer inside a block released (free-offset).
 *
 * A released block stays FREED, and bound to every place that still points
 * to it, until the place is overwritten: a second release or a use through
 * any of them is the finding. The release is remembered as a node off the
 * trail (AcRelNote), so the finding's notes are the release, then each
 * decision taken since. A pointer whose origin the function never saw
 * (self->buf, a global) gets a release object of its own when it is
 * released, so the member left dangling is tracked like a block allocated
 * here. One block, one finding: once reported, the block is LOST on that
 * path and no rule hears of it again.
 *
 * The struct-member form across functions (close() frees self->buf and does
 * not clear it; __dealloc__ frees it again) pairs the members each function
 * left dangling at a return with the unconditional releases of destructors,
 * once the TU is walked (ac_lifetime_check_members).
 */
#include "flow.h"

#include <stdint.h>
#include <string.h>

#include "mem.h"

enum { MAX_NOTES = 24 };

/* A release as the notes tell it: a trail node whose up is the trail at the
 * release (not linked into any disjunct's trail). */
typedef struct AcRelNote {
	AcTrail t;             /* the release's place in the notes */
	const char *by;        /* the releasing function (or macro) */
	bool by_realloc;       /* a reallocation that succeeded */
} AcRelNote;

/* ---- places and objects ---------------------------------------------------- */

static bool is_temp(const AcFlow *fl, int place)
{
	return fl->fn->places[place].kind == AC_PLACE_TEMP;
}

static const char *place_name(const AcFlow *fl, AcOperand o)
{
	if (o.kind != AC_OPND_PLACE || o.place < 0 || is_temp(fl, o.place))
		return NULL;
	return fl->fn->places[o.place].name;
}

static const AcAllocSite *site_of(const AcFlow *fl, int obj)
{
	if (obj < 0 || (size_t)obj >= 2 * fl->nsites)
		return NULL;
	return &fl->sites[(size_t)obj % fl->nsites];
}

/* The key of a block's events: a site's two generations share one. */
static uint32_t block_key(const AcFlow *fl, int obj)
{
	return (size_t)obj < 2 * fl->nsites ? (uint32_t)((size_t)obj % fl->nsites) : (uint32_t)obj;
}

/* The most readable place that holds obj: a variable or field, not a temporary. */
static const char *holder(const AcFlow *fl, const AcDisj *d, int obj)
{
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *b = &d->binds[i];
		if (b->val.kind == AC_VAL_OBJ && b->val.obj == obj && !is_temp(fl, b->place))
			return fl->fn->places[b->place].name;
	}
	return NULL;
}

/* A block the lifetime rules may speak of: its fate on this path is known. */
static bool tracked(const AcObj *o)
{
	return o->status != AC_OBJ_NONE && o->status != AC_OBJ_TOP && o->status != AC_OBJ_LOST;
}

/* ---- events -------------------------------------------------------------------- */

static bool loc_before(AcLoc a, AcLoc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* The decisions from stop (exclusive) to the end of d's trail, in order. */
static size_t path_since(AcFlow *fl, const AcTrail *stop, const AcDisj *d, AcNote *notes)
{
	size_t n = 0;
	const AcTrail *t = d->trail;
	for (; t && t != stop && n < MAX_NOTES; t = t->up)
		n++;
	t = d->trail;
	for (size_t i = n; i-- > 0; t = t->up) {
		notes[i].loc = t->loc;
		notes[i].msg = ac_transfer_trail_msg(fl, t);
	}
	return n;
}

/* Whether the path took both ways of one condition that reads memory
 * (config->flags & MULTI: false, then true): the engine forgot the first
 * outcome at a call in between, which most likely did not change it. */
static bool reads_written(const AcFlow *fl, const AcCondKey *k)
{
	for (size_t i = 0; i < k->nreads; i++) {
		if (fl->var_written[k->reads[i]])
			return true;
	}
	return false;
}

static bool contradicts_itself(const AcFlow *fl, const AcDisj *d)
{
	enum { WINDOW = 256 };
	const AcTrail *seen[WINDOW];
	size_t n = 0;
	for (const AcTrail *t = d->trail; t && n < WINDOW; t = t->up) {
		if (t->block < 0)
			continue;
		const AcCondKey *k = fl->fn->blocks[t->block].cond_key;
		if (!k || !k->via_memory || reads_written(fl, k))
			continue; /* while (*s == ' ') s++: s changes, and so does the outcome */
		for (size_t i = 0; i < n; i++) {
			if (fl->fn->blocks[seen[i]->block].cond_key->key == k->key && seen[i]->truth != t->truth)
				return true;
		}
		seen[n++] = t;
	}
	return false;
}

static bool is_return_use(const AcEvent *ev)
{
	return ev->kind == AC_EV_USE_AFTER_FREE && ev->how == AC_USE_RETURN;
}

/* Keeps, per block and rule, the occurrence written first in the source
 * (a return apart from the other uses: ac_lifetime_flush decides). */
static void emit(AcFlow *fl, const AcDisj *d, AcEvent *ev, uint32_t key, const AcTrail *since,
                 const AcAllocSite *site)
{
	if (fl->fn->unreliable || contradicts_itself(fl, d))
		return;
	AcEvent *slot = NULL;
	for (size_t i = 0; i < fl->life_pending.n && !slot; i++) {
		AcLifeEvent *e = &fl->life_pending.v[i];
		if (e->ev.kind == ev->kind && e->key == key && is_return_use(&e->ev) == is_return_use(ev))
			slot = &e->ev; /* a return kept apart: ac_lifetime_flush may drop it */
	}
	if (slot && !loc_before(ev->loc, slot->loc))
		return;
	if (!slot) {
		AC_VEC_PUSH(&fl->life_pending, ((AcLifeEvent){.key = key}));
		slot = &fl->life_pending.v[fl->life_pending.n - 1].ev;
	}
	AcNote notes[MAX_NOTES];
	*slot = *ev;
	slot->site = site;
	slot->npath = path_since(fl, since, d, notes);
	AcNote *copy = AC_ARENA_ARRAY(&fl->scratch, AcNote, slot->npath ? slot->npath : 1);
	memcpy(copy, notes, slot->npath * sizeof *notes);
	slot->path = copy;
}

/* The release that left o FREED, or NULL. */
static const AcRelNote *release_of(const AcFlow *fl, const AcObj *o)
{
	return o->freed > 0 && (size_t)o->freed <= fl->rel_notes.n ? fl->rel_notes.v[o->freed - 1] : NULL;
}

/* An event about released block obj: its release is the site note. */
static void emit_after_release(AcFlow *fl, AcDisj *d, AcEvent *ev, int obj)
{
	const AcRelNote *rel = release_of(fl, &d->objs[obj]);
	AcAllocSite *site = AC_ARENA_NEW(&fl->scratch, AcAllocSite);
	site->loc = rel->t.loc;
	site->allocator = rel->by;
	ev->released_by = rel->by;
	ev->by_realloc = rel->by_realloc;
	emit(fl, d, ev, block_key(fl, obj), rel->t.up, site);
	d->objs[obj].status = AC_OBJ_LOST; /* one block, one finding */
}

/* ---- preparing a function ------------------------------------------------------ */

/* The caller's place arg->member for the member with key, or -1. */
static int member_of(const AcFunc *fn, int arg, const char *key)
{
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_MEMBER && pl->parent == arg && pl->through_ptr && pl->field_key == key)
			return (int)p;
	}
	return -1;
}

enum { MAX_RELEASE_OBJECTS = 64 }; /* each is in every state: keep them few */

/* Place p gets a release object of its own (once). */
static void give_relobj(AcFlow *fl, int p)
{
	if (p < 0 || fl->place_relobj[p] >= 0 || fl->fn->places[p].kind == AC_PLACE_TEMP || fl->place_unbindable[p])
		return;
	if (fl->fn->places[p].union_member)
		return; /* free(ov->string) if a string, cmd_list_free(ov->cmdlist) if a command */
	if (fl->nobjs - fl->life_base >= MAX_RELEASE_OBJECTS)
		return;
	fl->place_relobj[p] = (int)fl->nobjs++;
}

/* Whether place p is written by the ops after op i of block b, before
 * anything else there names it: free(x->s); x->s = NULL; (Curl_safefree),
 * the idiom of most releases, needs no object. */
static bool cleared_next(const AcBlock *b, size_t i, int p)
{
	for (size_t j = i + 1; j < b->nops; j++) {
		const AcOp *op = &b->ops[j];
		if (op->kind == AC_OP_KILL || (op->kind == AC_OP_DEREF && op->src.place != p))
			continue; /* the deref of x to store into x->s */
		return op->kind == AC_OP_ASSIGN && op->dst == p && !(op->src.kind == AC_OPND_PLACE && op->src.place == p);
	}
	return false;
}

/* The places a call (op i of block b) releases the pointer of: a
 * deallocator's argument, a helper's parameter it frees, the caller's
 * members a helper leaves released. */
static void note_released_places(AcFlow *fl, const AcBlock *b, size_t i, const AcCallInfo *ci)
{
	const AcCall *c = b->ops[i].call;
	if (ci->fn) {
		if (ci->fn->role == AC_ROLE_DEALLOC && (size_t)ci->fn->ptr_arg < c->nargs &&
		    c->args[ci->fn->ptr_arg].kind == AC_OPND_PLACE && !cleared_next(b, i, c->args[ci->fn->ptr_arg].place))
			give_relobj(fl, c->args[ci->fn->ptr_arg].place);
		return;
	}
	if (!ci->sum)
		return;
	for (size_t i = 0; i < ci->sum->nparams && i < c->nargs; i++) {
		if (ci->sum->params[i] == AC_PARAM_FREES && c->args[i].kind == AC_OPND_PLACE)
			give_relobj(fl, c->args[i].place);
	}
	for (size_t i = 0; i < ci->sum->nfreed_members; i++) {
		const AcMemberRelease *m = &ci->sum->freed_members[i];
		if ((size_t)m->param < c->nargs && c->args[m->param].kind == AC_OPND_PLACE)
			give_relobj(fl, member_of(fl->fn, c->args[m->param].place, m->field_key));
	}
	/* sink(&p), boxed_free(box) releasing box.value (summary.h pf, ps) */
	for (size_t i = 0; ci->sum->pointee_frees && i < c->nargs && i < 32; i++) {
		if (ci->sum->pointee_frees >> i & 1u)
			give_relobj(fl, ac_transfer_pointee_arg(fl, c->args[i], ci->sum, i));
	}
}

/* A global pointer the function never writes (nor takes the address of). */
static bool read_only_global(const AcFlow *fl, int p)
{
	const AcPlace *g = &fl->fn->places[p];
	return g->kind == AC_PLACE_VAR && g->storage == AC_STORAGE_GLOBAL && g->link_key && g->is_pointer &&
	       !fl->var_written[p];
}

/* The parameter whose value place src holds, unwritten; else -2. */
static int param_origin(const AcFlow *fl, int src)
{
	const AcPlace *s = &fl->fn->places[src];
	if (s->kind == AC_PLACE_VAR && s->storage == AC_STORAGE_PARAM && s->param_index >= 0 && !fl->var_written[src])
		return s->param_index;
	return -2;
}

/* The read-only global place src is; else -2. */
static int global_origin(const AcFlow *fl, int src)
{
	return read_only_global(fl, src) ? src : -2;
}

/* out[p], for each local pointer p no one takes the address of: what every
 * assignment to p copies, as origin names it; -1 when p is no such copy
 * (never assigned, or from anything else, or from two origins). */
static void note_copies(AcFlow *fl, int *out, int (*origin)(const AcFlow *, int))
{
	const AcFunc *fn = fl->fn;
	for (size_t p = 0; p < fn->nplaces; p++)
		out[p] = -1;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->dst < 0)
				continue;
			const AcPlace *d = &fn->places[op->dst];
			if (d->kind != AC_PLACE_VAR || d->storage != AC_STORAGE_LOCAL || d->addr_taken || !d->is_pointer)
				continue;
			int from = -2;
			if (op->kind == AC_OP_ASSIGN && op->src.kind == AC_OPND_PLACE && op->src.place >= 0)
				from = origin(fl, op->src.place);
			int *v = &out[op->dst];
			*v = *v == -1 || *v == from ? from : -2;
		}
	}
	for (size_t p = 0; p < fn->nplaces; p++) {
		if (out[p] < 0)
			out[p] = -1;
	}
}

/* fl->var_param: locals that are a parameter under another type
 * (FooObject *self = (FooObject *)op; a GObject finalize's Page *self =
 * (Page *)object), so that self->buf is a member of the parameter. */
static void note_param_copies(AcFlow *fl)
{
	fl->var_param = AC_ARENA_ARRAY(&fl->scratch, int, fl->fn->nplaces ? fl->fn->nplaces : 1);
	note_copies(fl, fl->var_param, param_origin);
}

/* fl->var_global: locals that always hold the block a global held on entry
 * (char *data = held;), and fl->global_freed, which the returns fill. */
static void note_global_copies(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	size_t np = fn->nplaces ? fn->nplaces : 1;
	fl->var_global = AC_ARENA_ARRAY(&fl->scratch, int, np);
	fl->global_freed = AC_ARENA_ARRAY(&fl->scratch, uint8_t, np);
	note_copies(fl, fl->var_global, global_origin);
	fl->global_free_family = -2;
	size_t n = 0;
	for (size_t p = 0; p < fn->nplaces; p++)
		n += fl->place_relobj[p] >= 0 && (fl->var_global[p] >= 0 || read_only_global(fl, (int)p));
	/* the released places that hold a global's block: (place, global) pairs */
	fl->glob_pairs = AC_ARENA_ARRAY(&fl->scratch, int, 2 * n + 1);
	fl->nglob_pairs = 0;
	for (size_t p = 0; p < fn->nplaces; p++) {
		if (fl->place_relobj[p] < 0 || (fl->var_global[p] < 0 && !read_only_global(fl, (int)p)))
			continue;
		fl->glob_pairs[2 * fl->nglob_pairs] = (int)p;
		fl->glob_pairs[2 * fl->nglob_pairs + 1] = fl->var_global[p] >= 0 ? fl->var_global[p] : (int)p;
		fl->nglob_pairs++;
	}
}

void ac_lifetime_prepare(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	fl->life_base = fl->nobjs;
	size_t np = fn->nplaces ? fn->nplaces : 1;
	fl->place_moves_back = AC_ARENA_ARRAY(&fl->scratch, bool, np);
	fl->place_moves_ahead = AC_ARENA_ARRAY(&fl->scratch, bool, np);
	fl->var_written = AC_ARENA_ARRAY(&fl->scratch, bool, np);
	for (size_t p = 0; p < fn->nplaces; p++)
		fl->var_written[p] = fn->places[p].addr_taken;
	fl->place_relobj = AC_ARENA_ARRAY(&fl->scratch, int, np);
	for (size_t p = 0; p < fn->nplaces; p++)
		fl->place_relobj[p] = -1;
	size_t k = 0;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->kind == AC_OP_ASSIGN && op->dst >= 0 && op->src.kind == AC_OPND_OFFSET &&
			    op->src.place == op->dst) {
				if (op->src.ival != AC_OFFSET_FORWARD)
					fl->place_moves_back[op->dst] = true; /* pathv += n; ... *--pathv = NULL */
				if (op->src.ival != AC_OFFSET_BACKWARD)
					fl->place_moves_ahead[op->dst] = true;
			}
			if (op->kind == AC_OP_CALL)
				note_released_places(fl, &fn->blocks[b], i, &fl->calls[k]);
			if (op->dst >= 0)
				fl->var_written[op->dst] = true;
		}
	}
	note_param_copies(fl);
	note_global_copies(fl);
	fl->param_deref_block = AC_ARENA_ARRAY(&fl->scratch, int, fn->nparams ? fn->nparams : 1);
	for (size_t i = 0; i < fn->nparams; i++)
		fl->param_deref_block[i] = -1;
	fl->block_param_frees = AC_ARENA_ARRAY(&fl->scratch, unsigned, fn->nblocks ? fn->nblocks : 1);
	fl->block_param_reads = AC_ARENA_ARRAY(&fl->scratch, unsigned, fn->nblocks ? fn->nblocks : 1);
}

/* ---- releases ---------------------------------------------------------------------- */

static void note_member_release(AcFlow *fl, const AcDisj *d, int place, const char *by, AcLoc loc);

/* What a non-heap value points to, for the message. */
static void describe_nonheap(const AcFlow *fl, AcVal v, AcEvent *ev)
{
	if (v.obj >= 0) {
		const AcPlace *p = &fl->fn->places[v.obj];
		ev->target = p->name;
		ev->nonheap = p->storage == AC_STORAGE_GLOBAL ? AC_NONHEAP_GLOBAL
		            : p->storage == AC_STORAGE_PARAM  ? AC_NONHEAP_PARAM
		                                              : AC_NONHEAP_LOCAL;
		return;
	}
	switch (-2 - v.obj) {
	case AC_NONHEAP_LITERAL_ADDR:
		ev->nonheap = AC_NONHEAP_LITERAL;
		break;
	case AC_NONHEAP_FUNCTION_ADDR:
		ev->nonheap = AC_NONHEAP_FUNCTION;
		break;
	case AC_NONHEAP_STATIC_ADDR:
		ev->nonheap = AC_NONHEAP_GLOBAL; /* no name: another function's */
		break;
	default:
		ev->nonheap = AC_NONHEAP_ALLOCA;
		break;
	}
}

/* PENDING --release--> FREED by the reallocation: q = realloc(p, n);
 * free(p) before q is tested releases p a second time on the path where
 * the reallocation succeeded (on the other, p is still the caller's); false
 * when no reallocation is known to hold p's fate. */
static bool released_by_pending_realloc(AcFlow *fl, AcDisj *d, int obj)
{
	for (uint32_t k = 0; k < d->nobjs; k++) {
		const AcObj *n = &d->objs[k];
		if (n->prev != obj || (int)k == obj || n->status == AC_OBJ_NONE || n->null == AC_NULL_NULL)
			continue;
		const AcAllocSite *s = site_of(fl, (int)k);
		if (!s)
			return false;
		d->objs[obj].status = AC_OBJ_FREED;
		ac_lifetime_freed(fl, d, obj, s->allocator, s->loc, true);
		return release_of(fl, &d->objs[obj]) != NULL;
	}
	return false;
}

/* FREED --release--> double-free; non-heap --release--> free-nonheap;
 * interior --release--> free-offset */
bool ac_lifetime_release(AcFlow *fl, AcDisj *d, AcOperand arg, AcVal v, const char *by, AcLoc loc)
{
	AcEvent ev = {.loc = loc, .deallocator = by, .place = place_name(fl, arg)};
	if (ac_val_is_nonheap(v)) {
		ev.kind = AC_EV_FREE_NONHEAP;
		describe_nonheap(fl, v, &ev);
		/* one per released place (a key of blocks too, under another rule) */
		uint32_t key = arg.kind == AC_OPND_PLACE ? (uint32_t)arg.place : UINT32_MAX;
		emit(fl, d, &ev, key, NULL, NULL);
		return false;
	}
	if (v.kind != AC_VAL_OBJ)
		return true;
	AcObj *o = &d->objs[v.obj];
	if (!ev.place && !v.pol)
		ev.place = holder(fl, d, v.obj); /* not for free(strchr(buf, c)): buf is the start */
	if (arg.kind == AC_OPND_PLACE && !site_of(fl, v.obj) && o->status == AC_OBJ_PARAM)
		note_member_release(fl, d, arg.place, by, loc); /* self->buf, held on entry */
	if (o->status == AC_OBJ_PENDING && !v.pol && released_by_pending_realloc(fl, d, v.obj)) {
		ev.kind = AC_EV_DOUBLE_FREE;
		emit_after_release(fl, d, &ev, v.obj);
		return false;
	}
	if (o->status == AC_OBJ_FREED && release_of(fl, o) && o->null != AC_NULL_NULL) {
		ev.kind = AC_EV_DOUBLE_FREE;
		emit_after_release(fl, d, &ev, v.obj);
		return false;
	}
	if (v.pol && tracked(o) && o->status != AC_OBJ_FREED && o->null != AC_NULL_NULL) {
		ev.kind = AC_EV_FREE_OFFSET;
		ev.how = v.before; /* before the start (p - 10), not past it */
		emit(fl, d, &ev, block_key(fl, v.obj), o->born, site_of(fl, v.obj));
		o->status = AC_OBJ_LOST;
		return false;
	}
	return true;
}

/* Whether the path to here took no branch: every path that reaches the
 * release does so with the same values. */
static bool straight_path(const AcDisj *d)
{
	for (const AcTrail *t = d->trail; t; t = t->up) {
		if (t->block >= 0)
			return false;
	}
	return true;
}

/* constant --release--> free-nonheap: the value of (void *)1000, or of a
 * pointer given one on a path that took no branch (void *p = (void *)1;
 * free(p)). A pointer given a marker on some path (p = DELETED) may be
 * told from a block by a test the analysis does not follow (a helper's
 * is_marker(p), IS_ERR(p)): silent. */
bool ac_lifetime_release_constant(AcFlow *fl, AcDisj *d, AcOperand arg, AcVal v, const char *by, AcLoc loc)
{
	if (v.kind != AC_VAL_NONZERO || !v.pol || (arg.kind != AC_OPND_INT && !straight_path(d)))
		return false;
	AcEvent ev = {.kind = AC_EV_FREE_NONHEAP, .loc = loc, .deallocator = by, .place = place_name(fl, arg),
	              .nonheap = AC_NONHEAP_CONSTANT};
	ev.target = ac_arena_printf(&fl->scratch, "%ld", (long)v.obj);
	emit(fl, d, &ev, arg.kind == AC_OPND_PLACE ? (uint32_t)arg.place : UINT32_MAX, NULL, NULL);
	return true;
}

void ac_lifetime_freed(AcFlow *fl, AcDisj *d, int obj, const char *by, AcLoc loc, bool by_realloc)
{
	AcRelNote *r = AC_ARENA_NEW(&fl->scratch, AcRelNote);
	r->t.up = d->trail;
	r->t.loc = loc;
	r->t.block = -1;
	r->t.depth = d->trail ? d->trail->depth + 1 : 1;
	r->by = by ? by : "a deallocator";
	r->by_realloc = by_realloc;
	if (fl->rel_notes.n >= UINT16_MAX) {
		d->objs[obj].freed = 0; /* too many to tell: silent about this one */
		return;
	}
	AC_VEC_PUSH(&fl->rel_notes, (const void *)r);
	d->objs[obj].freed = (uint16_t)fl->rel_notes.n;
}

/* The parameter a member place is reached through (self->buf, self->a.b), or -1. */
static int member_param(const AcFlow *fl, int place)
{
	const AcFunc *fn = fl->fn;
	const AcPlace *p = &fn->places[place];
	if (p->kind != AC_PLACE_MEMBER || !p->field_key || !p->through_ptr)
		return -1;
	const AcPlace *parent = &fn->places[p->parent];
	if (parent->kind != AC_PLACE_VAR)
		return -1;
	if (parent->storage == AC_STORAGE_PARAM)
		return p->param_index;
	return fl->var_param[p->parent];
}

/* Whether the decisions since the function's entry only test the member
 * itself (if (self->buf) free(self->buf)): a flag another function sets
 * would be a decision of its own. */
static bool unconditional(const AcFlow *fl, const AcDisj *d, int place)
{
	const char *name = fl->fn->places[place].name;
	if (!name)
		return false;
	for (const AcTrail *t = d->trail; t; t = t->up) {
		if (t->block < 0)
			return false;
		const AcBlock *b = &fl->fn->blocks[t->block];
		if (!b->cond_text || !strstr(b->cond_text, name)) {
			/* Cython: t = (self->buf != NULL); if (t): the test is the op before */
			bool own = false;
			if (b->cond.kind == AC_OPND_PLACE && b->nops) {
				const AcOp *last = &b->ops[b->nops - 1];
				own = last->dst == b->cond.place && (last->kind == AC_OP_TEST || last->kind == AC_OP_CMP) &&
				      last->src.kind == AC_OPND_PLACE &&
				      fl->fn->places[last->src.place].field_key == fl->fn->places[place].field_key;
			}
			if (!own)
				return false;
		}
	}
	return true;
}

static void note_member_release(AcFlow *fl, const AcDisj *d, int place, const char *by, AcLoc loc)
{
	int param = member_param(fl, place);
	if (param < 0 || fl->fn->unreliable)
		return;
	const AcPlace *p = &fl->fn->places[place];
	AcMemberRelease r = {p->field_key, p->name, by, loc, fl->fn, param, unconditional(fl, d, place)};
	for (size_t i = 0; i < fl->member_releases.n; i++) {
		AcMemberRelease *o = &fl->member_releases.v[i];
		if (o->field_key == r.field_key && o->param == r.param) {
			o->unconditional |= r.unconditional;
			if (loc_before(r.loc, o->loc))
				o->loc = r.loc;
			return;
		}
	}
	AC_VEC_PUSH(&fl->member_releases, r);
}

AcVal ac_lifetime_materialize(AcFlow *fl, AcDisj *d, AcOperand arg, AcVal v)
{
	int relobj = arg.kind == AC_OPND_PLACE ? fl->place_relobj[arg.place] : -1;
	if (relobj < 0 || (v.kind != AC_VAL_UNKNOWN && v.kind != AC_VAL_NONZERO) ||
	    ac_val_is_nonheap(v))
		return v;
	int place = arg.place;
	if (is_temp(fl, place) || fl->place_unbindable[place])
		return v;
	AcObj *o = &d->objs[relobj];
	for (uint32_t i = 0; i < d->nbinds; i++) {
		if (d->binds[i].val.kind == AC_VAL_OBJ && d->binds[i].val.obj == relobj)
			return v; /* in use on this path (a loop's previous round) */
	}
	*o = (AcObj){.status = AC_OBJ_PARAM, .null = AC_NULL_CHECKED, .prev = -1, .null_region = -1, .born = d->trail};
	ac_disj_set(d, place, ac_val_obj(relobj));
	return ac_val_obj(relobj);
}

/* ---- members released by a callee ------------------------------------------------- */

void ac_lifetime_call_members(AcFlow *fl, AcDisj *d, const AcCall *c, const AcCallInfo *ci, AcLoc loc)
{
	if (!ci->sum || !ci->sum->nfreed_members)
		return;
	for (size_t i = 0; i < ci->sum->nfreed_members; i++) {
		const AcMemberRelease *m = &ci->sum->freed_members[i];
		if ((size_t)m->param >= c->nargs || c->args[m->param].kind != AC_OPND_PLACE)
			continue;
		int place = member_of(fl->fn, c->args[m->param].place, m->field_key);
		if (place < 0 || fl->place_unbindable[place])
			continue;
		AcVal v = ac_disj_get(d, place);
		if (v.kind == AC_VAL_OBJ) {
			AcObj *o = &d->objs[v.obj];
			if (o->status == AC_OBJ_FREED && release_of(fl, o) && o->null != AC_NULL_NULL) {
				AcEvent ev = {.kind = AC_EV_DOUBLE_FREE, .loc = loc, .deallocator = c->name,
				              .place = fl->fn->places[place].name};
				emit_after_release(fl, d, &ev, v.obj);
			} else if (o->status == AC_OBJ_OWNED || o->status == AC_OBJ_ESCAPED || o->status == AC_OBJ_PARAM) {
				o->status = AC_OBJ_FREED;
				ac_lifetime_freed(fl, d, v.obj, c->name, loc, false);
			}
			continue;
		}
		if (v.kind == AC_VAL_ZERO || (v.kind != AC_VAL_UNKNOWN && v.kind != AC_VAL_NONZERO))
			continue;
		int relobj = fl->place_relobj[place];
		bool used = relobj < 0;
		for (uint32_t k = 0; k < d->nbinds && !used; k++)
			used = d->binds[k].val.kind == AC_VAL_OBJ && d->binds[k].val.obj == relobj;
		if (used)
			continue;
		d->objs[relobj] = (AcObj){.status = AC_OBJ_FREED, .null = AC_NULL_NONNULL, .prev = -1,
		                          .null_region = -1, .born = d->trail};
		ac_lifetime_freed(fl, d, relobj, c->name, loc, false);
		ac_disj_set(d, place, ac_val_obj(relobj));
	}
}

void ac_lifetime_param_released(AcFlow *fl, int obj)
{
	int i = ac_flow_param_index(fl, obj);
	if (i >= 0 && i < 32 && fl->cur_block >= 0)
		fl->block_param_frees[fl->cur_block] |= 1u << i;
}

/* ---- uses ----------------------------------------------------------------------------- */

bool ac_lifetime_use(AcFlow *fl, AcDisj *d, AcVal v, AcEvent *ev)
{
	if (v.kind != AC_VAL_OBJ)
		return false;
	AcObj *o = &d->objs[v.obj];
	if (o->status != AC_OBJ_FREED || !release_of(fl, o) || o->null == AC_NULL_NULL)
		return false;
	ev->kind = AC_EV_USE_AFTER_FREE;
	emit_after_release(fl, d, ev, v.obj);
	return true;
}

void ac_lifetime_deref(AcFlow *fl, AcVal v)
{
	int i = v.kind == AC_VAL_OBJ ? ac_flow_param_index(fl, v.obj) : -1;
	if (i < 0)
		return;
	if (i < 32 && fl->cur_block >= 0)
		fl->block_param_reads[fl->cur_block] |= 1u << i;
	int *b = &fl->param_deref_block[i];
	if (*b < 0 || ac_dominates(&fl->dom, fl->cur_block, *b))
		*b = fl->cur_block; /* the one nearest the entry */
}

/* Whether argument i of the call is read through: a nonnull argument of a
 * function of the table (strlen, memcpy...) or one it reads (g_memdup), a parameter the callee's
 * summary dereferences on every path (and does not release), any argument
 * of a function declared outside system headers without a body in the
 * program (print_row(const struct row *) is there to be read, and
 * update(struct row *) may read or write through its pointer, as clang's
 * analyzer counts them), unless the program may have it in a file analysed
 * apart (a sink that never touches it); the other arguments of a function
 * of the program and of the C library (printf("%p", p)) only hand on the
 * value. */
static AcUseHow reads_arg(const AcFlow *fl, const AcCallInfo *ci, const AcCall *c, size_t i, unsigned reads_if)
{
	if (ci->fn && i < 32 && (ci->fn->nonnull & (1u << i)))
		return AC_USE_NONNULL_ARG;
	if (i < 32 && (c->string_args >> i & 1u))
		return AC_USE_READ_ARG; /* printf("%s", p) */
	if (ci->fn && i < 32 && (ci->fn->reads >> i & 1u))
		return AC_USE_READ_ARG; /* g_memdup(p, n): read unless NULL */
	if (ci->fn) /* not every argument of a borrower: printf("%p", p) reads nothing */
		return AC_USE_DEREF;
	const AcSummary *s = ci->sum;
	if (s && i < s->nparams && s->params[i] == AC_PARAM_FREES)
		return AC_USE_DEREF; /* a release: double-free's */
	if (s && ((s->param_reads && i < s->nparams && s->param_reads[i]) || (i < 32 && (reads_if >> i & 1u))))
		return AC_USE_READ_ARG;
	if (!c->system_header && !c->callback_arg && i < 32 && (c->const_args >> i & 1u))
		return AC_USE_READ_ARG;
	if (!s && !ci->borrows && !c->system_header && c->name && c->func < 0 && !fl->opt->bodies_elsewhere)
		return AC_USE_PASS_ARG;
	return AC_USE_DEREF; /* not a read */
}

/* The caller's place for global variable name (a link key), or -1. */
static int global_named(const AcFunc *fn, const char *name)
{
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *g = &fn->places[p];
		if (g->kind == AC_PLACE_VAR && g->storage == AC_STORAGE_GLOBAL && g->link_key && strcmp(g->link_key, name) == 0)
			return (int)p;
	}
	return -1;
}

/* Functions that read through an argument (reads_arg). */
void ac_lifetime_call_args(AcFlow *fl, AcDisj *d, const AcOp *op, const AcCallInfo *ci, const AcVal *vals,
                           unsigned reads_if)
{
	const AcCall *c = ci->call ? ci->call : op->call;
	if (ci->fn && (ci->fn->role == AC_ROLE_DEALLOC || ci->fn->role == AC_ROLE_REALLOC))
		return; /* a release: double-free's, at the release */
	for (size_t i = 0; i < c->nargs && i < 64; i++) {
		AcUseHow how = reads_arg(fl, ci, c, i, reads_if);
		if (how == AC_USE_DEREF)
			continue;
		if (how != AC_USE_PASS_ARG)
			ac_lifetime_deref(fl, vals[i]); /* a parameter read through: the summary says so */
		AcEvent ev = {.loc = op->loc, .how = how, .callee = c->name, .argno = (unsigned)i + 1};
		if (c->args[i].kind == AC_OPND_PLACE && !is_temp(fl, c->args[i].place))
			ev.place = fl->fn->places[c->args[i].place].name;
		ac_lifetime_use(fl, d, vals[i], &ev);
	}
	/* sink(&p) that reads p = *pp and reads through it, sink(slots) that
	 * reads through slots[2] (summary.h pr, ps) */
	const AcSummary *s = ci->fn ? NULL : ci->sum;
	for (size_t i = 0; s && s->known && s->pointee_reads && i < c->nargs && i < 32; i++) {
		int at = (s->pointee_reads >> i & 1u) ? ac_transfer_pointee_arg(fl, c->args[i], s, i) : -1;
		if (at < 0 || is_temp(fl, at))
			continue;
		AcEvent ev = {.loc = op->loc, .how = AC_USE_READ_ARG, .callee = c->name, .argno = (unsigned)i + 1,
		              .place = fl->fn->places[at].name};
		ac_lifetime_use(fl, d, ac_disj_get(d, at), &ev);
	}
	/* held = p; sink(); with sink reading through what held holds (summary.h gr) */
	for (size_t i = 0; s && s->known && i < s->nreads_globals; i++) {
		int at = global_named(fl->fn, s->reads_globals[i]);
		if (at < 0)
			continue;
		AcEvent ev = {.loc = op->loc, .how = AC_USE_CALLEE_READ, .callee = c->name, .place = fl->fn->places[at].name};
		ac_lifetime_use(fl, d, ac_disj_get(d, at), &ev);
	}
}

static const char *const stack_allocators[] = {
	"alloca", "__builtin_alloca", "__builtin_alloca_with_align", "__builtin_alloca_with_align_and_max",
};

/* alloca is the compiler's, not a library's: no family file names it. */
AcVal ac_lifetime_call_result(const AcCall *c, AcVal r)
{
	if (!c->name)
		return r;
	for (size_t i = 0; i < sizeof stack_allocators / sizeof *stack_allocators; i++) {
		if (strcmp(c->name, stack_allocators[i]) == 0)
			return ac_val_nonheap(AC_NONHEAP_ALLOCA_ADDR);
	}
	return r;
}

int ac_lifetime_compare(const AcFlow *fl, const AcDisj *d, AcVal a, AcVal b)
{
	(void)fl;
	bool na = ac_val_is_nonheap(a), nb = ac_val_is_nonheap(b);
	if (!na && !nb)
		return -1;
	if (na && nb) {
		if (a.obj == b.obj)
			return a.obj >= 0 ? 1 : -1; /* two literals may or may not be merged */
		return a.obj >= 0 && b.obj >= 0 ? 0 : -1;
	}
	AcVal h = na ? b : a;
	if (h.kind == AC_VAL_ZERO)
		return 0;
	if (h.kind == AC_VAL_OBJ && site_of(fl, h.obj) && d->objs[h.obj].status != AC_OBJ_NONE)
		return 0; /* a heap block is no variable's address */
	return -1;
}

/* Whether argument a of a call may lead the callee to the member bound at
 * place (whose root variable holds root_val): the struct itself, an alias
 * of it, or a pointer the function knows nothing about. */
static bool reaches(const AcFlow *fl, const AcDisj *d, AcOperand a, int place, AcVal root_val)
{
	const AcFunc *fn = fl->fn;
	if (a.kind != AC_OPND_PLACE && a.kind != AC_OPND_ADDR && a.kind != AC_OPND_OFFSET)
		return false;
	if (a.place < 0)
		return false; /* a literal, a function */
	if (fn->places[a.place].root == fn->places[place].root)
		return true;
	if (a.kind == AC_OPND_ADDR)
		return false; /* &x, &g: only that variable's own tree */
	AcVal v = ac_disj_get(d, a.place);
	if (v.kind == AC_VAL_OBJ)
		return root_val.kind == AC_VAL_OBJ && v.obj == root_val.obj;
	return fn->places[a.place].is_pointer && !ac_val_is_nonheap(v) && v.kind != AC_VAL_ZERO;
}

bool ac_lifetime_keeps(const AcFlow *fl, const AcDisj *d, const AcBind *b, const AcCall *c, const AcCallInfo *ci)
{
	if (b->val.kind != AC_VAL_OBJ || d->objs[b->val.obj].status != AC_OBJ_FREED)
		return false;
	(void)ci;
	/* A released member stays released across a call that cannot reach the
	 * struct it is in: Py_INCREF(Py_None) does not set self->buf again,
	 * memset(self, 0, n) and reset(self) may. */
	const AcFunc *fn = fl->fn;
	int root = fn->places[b->place].root;
	if (root < 0 || fn->places[root].storage == AC_STORAGE_GLOBAL || fn->places[root].addr_taken)
		return false;
	AcVal root_val = ac_disj_get(d, root);
	for (size_t i = 0; i < c->nargs; i++) {
		if (reaches(fl, d, c->args[i], b->place, root_val))
			return false;
	}
	return true;
}

/* ---- returns ----------------------------------------------------------------------------- */

/* stamp: the return reached (fl->nreturns once it is counted), so that
 * each is counted once. */
static void note_dangling(AcFlow *fl, const AcDisj *d, int place, int obj, int stamp)
{
	int param = member_param(fl, place);
	const AcRelNote *rel = release_of(fl, &d->objs[obj]);
	if (param < 0 || !rel || rel->by_realloc)
		return;
	const AcPlace *p = &fl->fn->places[place];
	for (size_t i = 0; i < fl->member_dangling.n; i++) {
		AcMemberRelease *o = &fl->member_dangling.v[i];
		if (o->field_key == p->field_key && o->param == param) {
			int *seen = &fl->member_freed_returns[2 * i];
			if (seen[1] != stamp)
				seen[0]++;
			seen[1] = stamp;
			if (loc_before(rel->t.loc, o->loc))
				o->loc = rel->t.loc;
			return;
		}
	}
	AcMemberRelease r = {p->field_key, p->name, rel->by, rel->t.loc, fl->fn, param, true};
	AC_VEC_PUSH(&fl->member_dangling, r);
	fl->member_freed_returns = ac_realloc(fl->member_freed_returns, 2 * fl->member_dangling.n * sizeof(int));
	fl->member_freed_returns[2 * fl->member_dangling.n - 2] = 1;
	fl->member_freed_returns[2 * fl->member_dangling.n - 1] = stamp;
}

/* At a return: whether this path released the block of each global a
 * place of fl->glob_pairs holds (the global itself, or a local copy). */
static void note_globals_freed(AcFlow *fl, const AcDisj *d)
{
	for (size_t i = 0; i < fl->nglob_pairs; i++) {
		int g = fl->glob_pairs[2 * i + 1];
		bool freed = false;
		for (size_t j = 0; j < fl->nglob_pairs && !freed; j++) {
			int relobj = fl->place_relobj[fl->glob_pairs[2 * j]];
			freed = fl->glob_pairs[2 * j + 1] == g && d->objs[relobj].status == AC_OBJ_FREED;
		}
		fl->global_freed[g] |= freed ? 1 : 2;
	}
}

void ac_lifetime_return(AcFlow *fl, AcDisj *d, const AcBlock *b, AcVal v)
{
	if (v.kind == AC_VAL_OBJ) {
		AcEvent ev = {.loc = b->term_loc, .how = AC_USE_RETURN};
		if (b->ret.kind == AC_OPND_PLACE && !is_temp(fl, b->ret.place))
			ev.place = fl->fn->places[b->ret.place].name;
		ac_lifetime_use(fl, d, v, &ev);
	}
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *bd = &d->binds[i];
		if (bd->val.kind == AC_VAL_OBJ && d->objs[bd->val.obj].status == AC_OBJ_FREED)
			note_dangling(fl, d, bd->place, bd->val.obj, (int)fl->nreturns);
	}
	note_globals_freed(fl, d);
}

void ac_lifetime_kill(AcFlow *fl, const AcDisj *d, int place)
{
	if (place < 0 || fl->var_param[place] < 0)
		return;
	for (uint32_t i = 0; i < d->nbinds; i++) {
		const AcBind *bd = &d->binds[i];
		if (bd->val.kind == AC_VAL_OBJ && d->objs[bd->val.obj].status == AC_OBJ_FREED &&
		    fl->fn->places[bd->place].root == place)
			note_dangling(fl, d, bd->place, bd->val.obj, (int)fl->nreturns + 1); /* the next return */
	}
}

/* ---- the end of a function and of a TU ---------------------------------------------------- */

/* The member of CPython's type object that releases an object's memory:
 * Py_TYPE(self)->tp_free(self) ends self's life. */
#define TP_FREE_KEY "c:@S@_typeobject@FI@tp_free"

/* Whether fn calls some type's tp_free with parameter param. */
static bool calls_tp_free(const AcFunc *fn, int param)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->kind != AC_OP_CALL || op->call->via < 0 || op->call->nargs != 1)
				continue;
			const AcPlace *via = &fn->places[op->call->via];
			AcOperand a = op->call->args[0];
			if (via->field_key && strcmp(via->field_key, TP_FREE_KEY) == 0 && a.kind == AC_OPND_PLACE &&
			    a.place >= 0 && fn->places[a.place].kind == AC_PLACE_VAR && fn->places[a.place].param_index == param)
				return true;
		}
	}
	return false;
}

/* A destructor of the object behind parameter i (-1: of any): it releases
 * that object (on some path that returns, or by its type's tp_free), it is registered as its type's
 * destructor (a tp_dealloc, a GObject finalize: the object is the first
 * parameter), or its name says so (tp_dealloc, __dealloc__). */
static bool destructor_of(const AcFlow *fl, int param)
{
	if (param >= 0 && (size_t)param < fl->fn->nparams && (fl->param_freed[param] & 1))
		return true;
	if (fl->destructor && param <= 0)
		return true;
	if (param >= 0 && calls_tp_free(fl->fn, param))
		return true;
	/* The name ends in dealloc: Foo_dealloc, tp_dealloc, Cython's
	 * __pyx_pf_..._4__dealloc__ (whose module part may say dealloc too). */
	const char *n = fl->fn->name;
	size_t len = n ? strlen(n) : 0;
	while (len && n[len - 1] == '_')
		len--;
	return len >= 7 && (strncmp(n + len - 7, "dealloc", 7) == 0 || strncmp(n + len - 7, "Dealloc", 7) == 0);
}

/* Whether pending event i is the return of a released block that is not
 * reported: every return of the function hands one back (rel=1 in its
 * summary: the caller's use of it is the finding, a caller that ignores it
 * or only compares it is fine), or the same block's other use comes first. */
static bool return_not_reported(const AcFlow *fl, size_t i)
{
	const AcLifeEvent *e = &fl->life_pending.v[i];
	if (!is_return_use(&e->ev))
		return false;
	if (fl->ret_released == 1)
		return true;
	for (size_t j = 0; j < fl->life_pending.n; j++) {
		const AcLifeEvent *o = &fl->life_pending.v[j];
		if (j != i && o->key == e->key && o->ev.kind == e->ev.kind && !loc_before(e->ev.loc, o->ev.loc))
			return true;
	}
	return false;
}

/* Whether pending event i is another use of a block whose return is
 * reported before it (one block, one finding). */
static bool after_reported_return(const AcFlow *fl, size_t i)
{
	const AcLifeEvent *e = &fl->life_pending.v[i];
	if (e->ev.kind != AC_EV_USE_AFTER_FREE || is_return_use(&e->ev))
		return false;
	for (size_t j = 0; j < fl->life_pending.n; j++) {
		const AcLifeEvent *o = &fl->life_pending.v[j];
		if (o->key == e->key && is_return_use(&o->ev) && loc_before(o->ev.loc, e->ev.loc) &&
		    !return_not_reported(fl, j))
			return true;
	}
	return false;
}

void ac_lifetime_flush(AcFlow *fl)
{
	for (size_t i = 0; i < fl->life_pending.n; i++) {
		if (!return_not_reported(fl, i) && !after_reported_return(fl, i))
			ac_rules_dispatch(&fl->opt->rules, fl->fn, fl->out, &fl->life_pending.v[i].ev);
	}
	AC_VEC_FREE(&fl->life_pending);
	AC_VEC_FREE(&fl->rel_notes);
	for (size_t i = 0; i < fl->member_releases.n; i++) {
		const AcMemberRelease *r = &fl->member_releases.v[i];
		if (r->unconditional && destructor_of(fl, r->param))
			AC_VEC_PUSH(&fl->fields->destructor, *r);
	}
	for (size_t i = 0; i < fl->member_dangling.n; i++) {
		const AcMemberRelease *r = &fl->member_dangling.v[i];
		if (!destructor_of(fl, r->param))
			AC_VEC_PUSH(&fl->fields->dangling, *r);
	}
}

static bool dangling_everywhere(const AcFlow *fl, size_t i)
{
	return (size_t)fl->member_freed_returns[2 * i] == fl->nreturns;
}

/* Whether block b runs on every path that returns. */
static bool on_every_return(const AcFlow *fl, int b)
{
	bool any = false;
	for (size_t r = 0; r < fl->fn->nblocks; r++) {
		if (fl->fn->blocks[r].term != AC_TERM_RETURN)
			continue;
		if (!ac_dominates(&fl->dom, b, (int)r))
			return false;
		any = true;
	}
	return any;
}

/* Whether every path from the entry to a return that does not find
 * pointer parameter p NULL (branch p ? nonnull : null, p or a local that
 * always holds it) reads through p: show(s) testing s first reads every
 * block it is given. */
static bool read_where_nonnull(const AcFlow *fl, int p)
{
	const AcFunc *fn = fl->fn;
	bool any = false;
	for (size_t b = 0; b < fn->nblocks; b++)
		any |= (fl->block_param_reads[b] >> p & 1u) != 0;
	if (!any)
		return false;
	bool *seen = ac_calloc(fn->nblocks, sizeof *seen);
	int *stack = ac_calloc(fn->nblocks, sizeof *stack);
	size_t n = 0;
	bool ok = true;
	stack[n++] = 0;
	seen[0] = true;
	while (n && ok) {
		const AcBlock *blk = &fn->blocks[stack[--n]];
		if (fl->block_param_reads[blk->id] >> p & 1u)
			continue;
		if (blk->term == AC_TERM_RETURN) {
			ok = false;
			break;
		}
		int c = blk->term == AC_TERM_BRANCH && blk->cond.kind == AC_OPND_PLACE ? blk->cond.place : -1;
		bool tests_p = c >= 0 && (c == p || fl->var_param[c] == p);
		for (size_t e = 0; e < blk->nsucc; e++) {
			int t = blk->succ[e];
			if (!seen[t] && !(tests_p && e == 1)) {
				seen[t] = true;
				stack[n++] = t;
			}
		}
	}
	ac_free(seen);
	ac_free(stack);
	return ok;
}

void ac_lifetime_summarise(AcArena *a, AcFlow *fl, AcSummary *s)
{
	size_t ng = 0;
	for (size_t i = 0; s->known && i < fl->nglob_pairs; i++) {
		int g = fl->glob_pairs[2 * i + 1];
		if (fl->global_freed[g] != 1)
			continue;
		if (!s->frees_globals)
			s->frees_globals = AC_ARENA_ARRAY(a, const char *, fl->nglob_pairs);
		bool seen = false;
		for (size_t k = 0; k < ng; k++)
			seen |= s->frees_globals[k] == fl->fn->places[g].link_key;
		if (!seen)
			s->frees_globals[ng++] = fl->fn->places[g].link_key;
	}
	s->nfrees_globals = ng;
	s->global_free_family = ng && fl->global_free_family >= 0 ? fl->global_free_family : -1;
	for (size_t i = 0; s->known && i < fl->fn->nparams; i++) {
		if (fl->param_deref_block[i] < 0 || !on_every_return(fl, fl->param_deref_block[i]))
			continue;
		if (!s->param_reads)
			s->param_reads = AC_ARENA_ARRAY(a, bool, fl->fn->nparams);
		s->param_reads[i] = true;
	}
	/* ... or on every path where it is not NULL */
	for (size_t i = 0; s->known && i < fl->fn->nparams && i < 32; i++) {
		if ((s->param_reads && s->param_reads[i]) || s->params[i] == AC_PARAM_FREES ||
		    !fl->fn->places[i].is_pointer || !read_where_nonnull(fl, (int)i))
			continue;
		if (!s->param_reads)
			s->param_reads = AC_ARENA_ARRAY(a, bool, fl->fn->nparams);
		s->param_reads[i] = true;
	}
	size_t n = 0;
	for (size_t i = 0; i < fl->member_dangling.n; i++)
		n += dangling_everywhere(fl, i);
	if (n && s->known && !destructor_of(fl, -1)) {
		AcMemberRelease *m = AC_ARENA_ARRAY(a, AcMemberRelease, n);
		size_t k = 0;
		for (size_t i = 0; i < fl->member_dangling.n; i++) {
			if (dangling_everywhere(fl, i))
				m[k++] = fl->member_dangling.v[i];
		}
		s->freed_members = m;
		s->nfreed_members = k;
	}
	AC_VEC_FREE(&fl->member_releases);
	AC_VEC_FREE(&fl->member_dangling);
	ac_free(fl->member_freed_returns);
	fl->member_freed_returns = NULL;
}

/* Whether function f calls g and writes member key itself: g is a helper
 * whose caller sets the member again (buf_set: buf_clear(b); b->data = ...). */
static bool caller_resets(const AcFunc *f, const AcFunc *g, const AcTu *tu, const char *key)
{
	bool calls = false, stores = false;
	for (size_t b = 0; b < f->nblocks; b++) {
		for (size_t i = 0; i < f->blocks[b].nops; i++) {
			const AcOp *op = &f->blocks[b].ops[i];
			if (op->kind == AC_OP_CALL && op->call->func >= 0 && &tu->funcs[op->call->func] == g)
				calls = true;
			if (op->dst >= 0 && f->places[op->dst].field_key == key)
				stores = true;
		}
	}
	return calls && stores;
}

static bool reset_by_a_caller(const AcTu *tu, const AcMemberRelease *m)
{
	for (size_t f = 0; f < tu->nfuncs; f++) {
		if (&tu->funcs[f] != m->fn && caller_resets(&tu->funcs[f], m->fn, tu, m->field_key))
			return true;
	}
	return false;
}

void ac_lifetime_check_members(const AcTu *tu, AcFieldTable *t, const AcEngineOptions *opt, AcFindings *out)
{
	for (size_t i = 0; i < t->destructor.n; i++) {
		const AcMemberRelease *dtor = &t->destructor.v[i];
		const AcMemberRelease *first = NULL;
		for (size_t j = 0; j < t->dangling.n; j++) {
			const AcMemberRelease *m = &t->dangling.v[j];
			if (m->field_key != dtor->field_key || m->fn == dtor->fn || reset_by_a_caller(tu, m))
				continue;
			if (!first || loc_before(m->loc, first->loc))
				first = m;
		}
		if (!first)
			continue;
		AcAllocSite site = {first->loc, first->by, NULL, NULL, NULL};
		AcEvent ev = {.kind = AC_EV_DOUBLE_FREE, .loc = dtor->loc, .site = &site, .place = dtor->field,
		              .deallocator = dtor->by, .released_by = first->by, .other_fn = first->fn->name};
		ac_rules_dispatch(&opt->rules, dtor->fn, out, &ev);
	}
	AC_VEC_FREE(&t->dangling);
	AC_VEC_FREE(&t->destructor);
}
