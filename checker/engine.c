/*
 * engine: runs the dataflow over every function of a TU, callees first.
 *
 * Functions defined in the TU are ordered by a post-order walk of the call
 * graph, so a caller sees its callees' summaries (returns a fresh block of
 * family F, frees / keeps / borrows parameter i, never returns). Calls inside
 * a cycle of the call graph see no summary and are treated as opaque.
 * Each function gets a scratch arena that is dropped when it is done.
 * The TU's deadline is checked before each function (engine.h: budgets).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "engine.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "flow.h"
#include "loops.h"
#include "mem.h"

void ac_engine_defaults(AcEngineOptions *opt)
{
	memset(opt, 0, sizeof *opt);
	opt->max_disjuncts = 16;
	opt->step_budget = 200000;
	opt->tu_timeout = 300;
	for (size_t i = 0; i < ac_nrules && i < AC_MAX_RULES; i++)
		opt->rules.enabled[i] = true;
}

typedef struct Engine {
	const AcTu *tu;
	const AcEngineOptions *opt;
	AcFindings *out;
	const AcFamilies *families;
	AcFieldTable fields;  /* struct member families, TU-wide */
	AcArena arena;        /* summaries; lives for the TU */
	AcSummary **sums;     /* per function; NULL until analysed */
	int *order;           /* functions, callees first */
	size_t norder;
	double deadline;      /* ac_engine_now() seconds; 0: none */
	AcBudget *budget;
} Engine;

/* ---- call-graph order ------------------------------------------------------- */

static void visit_callees(Engine *e, int f, uint8_t *mark)
{
	mark[f] = 1;
	const AcFunc *fn = &e->tu->funcs[f];
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++) {
			const AcOp *op = &blk->ops[i];
			if (op->kind != AC_OP_CALL || op->call->func < 0 || (size_t)op->call->func >= e->tu->nfuncs)
				continue;
			if (!mark[op->call->func])
				visit_callees(e, op->call->func, mark);
		}
	}
	mark[f] = 2;
	e->order[e->norder++] = f;
}

static void order_functions(Engine *e)
{
	size_t n = e->tu->nfuncs;
	uint8_t *mark = ac_calloc(n ? n : 1, 1);
	e->order = AC_ARENA_ARRAY(&e->arena, int, n ? n : 1);
	for (size_t f = 0; f < n; f++) {
		if (!mark[f])
			visit_callees(e, (int)f, mark);
	}
	ac_free(mark);
}

/* ---- preparing one function ------------------------------------------------- */

static int family_index(const AcFnInfo *f)
{
	return f && f->family >= 0 ? f->family : -1;
}

/* The table entry of a call. The name the user wrote comes first: a family
 * may name a macro (PyMem_New), and its entry describes the allocator call
 * inside the expansion, not every call there (g_new's expansion may also call
 * __builtin_constant_p, an XMALLOC's abort). So a macro's entry applies to a
 * call the table gives the same role, or does not know and that is neither a
 * compiler builtin nor a call that does not return; otherwise the callee's
 * own entry does. */
static const AcFnInfo *lookup_call(const AcFamilies *fams, const AcCall *c)
{
	const AcFnInfo *callee = ac_families_lookup(fams, c->name);
	const AcFnInfo *macro = c->macro ? ac_families_lookup(fams, c->macro) : NULL;
	const AcFnInfo *fn = callee;
	if (macro && (callee ? callee->role == macro->role
	                     : !c->noreturn && !(c->name && strncmp(c->name, "__builtin", 9) == 0)))
		fn = macro;
	return fn;
}

/* Resolves a call once: table entry, summary, whether it never returns. */
static void resolve_call(Engine *e, const AcCall *c, AcCallInfo *ci)
{
	memset(ci, 0, sizeof *ci);
	ci->site = -1;
	ci->fn = lookup_call(e->families, c);
	if (c->func >= 0 && (size_t)c->func < e->tu->nfuncs && e->sums[c->func] && e->sums[c->func]->known)
		ci->sum = e->sums[c->func];
	/* Functions declared in system headers only borrow, unless handed a callback. */
	ci->borrows = c->name && c->system_header && !c->callback_arg;
	ci->ends_path = c->noreturn || (ci->sum && ci->sum->noreturn);
}

static bool call_allocates(const AcCallInfo *ci)
{
	if (ci->fn)
		return ci->fn->role == AC_ROLE_ALLOC || ci->fn->role == AC_ROLE_REALLOC;
	return ci->sum && ci->sum->ret_family >= 0;
}

static void add_site(AcFlow *fl, const AcOp *op, AcCallInfo *ci)
{
	size_t s = fl->nsites++;
	const AcCall *c = op->call;
	int fam = ci->fn ? family_index(ci->fn) : ci->sum->ret_family;
	fl->site_block[s] = fl->cur_block;
	fl->site_arg_place[s] = -1;
	if (ci->fn && ci->fn->role == AC_ROLE_REALLOC && (size_t)ci->fn->ptr_arg < c->nargs &&
	    c->args[ci->fn->ptr_arg].kind == AC_OPND_PLACE)
	{
		fl->site_arg_place[s] = c->args[ci->fn->ptr_arg].place;
		fl->place_realloc_site[fl->site_arg_place[s]] = (int)s;
	}
	fl->sites[s].loc = op->loc;
	fl->sites[s].allocator = c->macro ? c->macro : c->name;
	fl->sites[s].family = ac_families_id(fl->opt->families ? fl->opt->families : ac_families_builtin(), fam);
	fl->site_family[s] = fam;
	ci->site = (int)s;
}

static size_t count_ops(const AcFunc *fn)
{
	size_t n = 0;
	for (size_t b = 0; b < fn->nblocks; b++)
		n += fn->blocks[b].nops;
	return n;
}

static void prepare_calls(Engine *e, AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	size_t nops = count_ops(fn);
	fl->op_base = AC_ARENA_ARRAY(&fl->scratch, size_t, fn->nblocks ? fn->nblocks : 1);
	fl->calls = AC_ARENA_ARRAY(&fl->scratch, AcCallInfo, nops ? nops : 1);
	fl->sites = AC_ARENA_ARRAY(&fl->scratch, AcAllocSite, nops ? nops : 1);
	fl->site_family = AC_ARENA_ARRAY(&fl->scratch, int, nops ? nops : 1);
	fl->site_block = AC_ARENA_ARRAY(&fl->scratch, int, nops ? nops : 1);
	fl->site_arg_place = AC_ARENA_ARRAY(&fl->scratch, int, nops ? nops : 1);
	fl->place_realloc_site = AC_ARENA_ARRAY(&fl->scratch, int, fn->nplaces ? fn->nplaces : 1);
	for (size_t p = 0; p < fn->nplaces; p++)
		fl->place_realloc_site[p] = -1;
	size_t k = 0;
	for (size_t b = 0; b < fn->nblocks; b++) {
		fl->op_base[b] = k;
		fl->cur_block = (int)b;
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			fl->calls[k].site = -1;
			if (op->kind != AC_OP_CALL)
				continue;
			resolve_call(e, op->call, &fl->calls[k]);
			if (call_allocates(&fl->calls[k]))
				add_site(fl, op, &fl->calls[k]);
		}
	}
}

/* Per-place facts that do not change along paths. */
static void prepare_places(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	size_t n = fn->nplaces ? fn->nplaces : 1;
	fl->place_escapes = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_unbindable = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_clobbered = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_indexes = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *pl = &fn->places[p];
		const AcPlace *root = (pl->root >= 0 && (size_t)pl->root < fn->nplaces) ? &fn->places[pl->root] : pl;
		bool via_ptr = pl->kind == AC_PLACE_DEREF || ((pl->kind == AC_PLACE_MEMBER || pl->kind == AC_PLACE_ELEM) && pl->through_ptr);
		/* a[i]: one element while i is not written (and nothing else may write i) */
		bool var_elem = pl->kind == AC_PLACE_ELEM && pl->index_var >= 0 && (size_t)pl->index_var < p &&
		                !fn->places[pl->index_var].addr_taken;
		bool unknown_elem = pl->kind == AC_PLACE_ELEM && pl->index < 0 && !var_elem;
		if (var_elem)
			fl->place_indexes[pl->index_var] = true;
		via_ptr |= var_elem; /* a store there hands the block to the array, as to a[] */
		if (pl->parent >= 0 && (size_t)pl->parent < p) {
			via_ptr |= fl->place_clobbered[pl->parent];
			unknown_elem |= fl->place_unbindable[pl->parent];
		}
		bool global = root->storage == AC_STORAGE_GLOBAL;
		fl->place_clobbered[p] = via_ptr || global;
		fl->place_unbindable[p] = unknown_elem;
		fl->place_escapes[p] = via_ptr || global || root->addr_taken || root->cleanup;
	}
}

/* Numbers the distinct condition keys (interned: equal keys share a pointer),
 * through an open-addressing table of key numbers + 1, so that a function
 * with 100k branches costs linear time, not quadratic. */
static void prepare_keys(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	fl->block_key = AC_ARENA_ARRAY(&fl->scratch, int, fn->nblocks ? fn->nblocks : 1);
	fl->keys = AC_ARENA_ARRAY(&fl->scratch, const AcCondKey *, fn->nblocks ? fn->nblocks : 1);
	size_t cap = 16;
	while (cap < 2 * fn->nblocks)
		cap *= 2;
	int *slot = AC_ARENA_ARRAY(&fl->scratch, int, cap);
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcCondKey *k = fn->blocks[b].term == AC_TERM_BRANCH ? fn->blocks[b].cond_key : NULL;
		fl->block_key[b] = -1;
		if (!k)
			continue;
		size_t h = ((size_t)(uintptr_t)k->key >> 3) * 0x9E3779B97F4A7C15u;
		size_t i = (h ^ (h >> 29)) & (cap - 1);
		while (slot[i] && fl->keys[slot[i] - 1]->key != k->key)
			i = (i + 1) & (cap - 1);
		if (!slot[i]) {
			fl->keys[fl->nkeys] = k;
			slot[i] = (int)++fl->nkeys;
		}
		fl->block_key[b] = slot[i] - 1;
	}
}

/* ---- summaries ------------------------------------------------------------------- */

static AcSummary *make_summary(Engine *e, const AcFlow *fl, bool complete)
{
	const AcFunc *fn = fl->fn;
	AcSummary *s = AC_ARENA_NEW(&e->arena, AcSummary);
	s->nparams = fn->nparams;
	s->params = AC_ARENA_ARRAY(&e->arena, AcParamEffect, fn->nparams ? fn->nparams : 1);
	s->param_family = AC_ARENA_ARRAY(&e->arena, int, fn->nparams ? fn->nparams : 1);
	for (size_t i = 0; i < fn->nparams; i++)
		s->param_family[i] = -1;
	s->ret_family = -1;
	s->ret_param = -1;
	if (!complete || fn->unreliable)
		return s; /* not known: calls stay opaque */
	s->known = true;
	s->noreturn = (fl->nreturns == 0 && fn->nblocks > 0) || fn->declared_noreturn;
	if (fl->nreturns && fl->ret_family >= 0) {
		s->ret_family = fl->ret_family;
		s->ret_can_null = fl->ret_can_null;
		s->ret_via = fl->ret_via;
	}
	if (fl->nreturns && fl->ret_param >= 0)
		s->ret_param = fl->ret_param;
	if (fl->ret_const_state == 1 && s->ret_family < 0 && s->ret_param < 0) {
		s->ret_is_const = true;
		s->ret_const = fl->ret_const;
	}
	for (size_t i = 0; i < fn->nparams; i++) {
		if (fl->param_kept[i] || fl->param_freed[i] == 3)
			s->params[i] = AC_PARAM_KEEPS;
		else if (fl->param_freed[i] == 1)
			s->params[i] = AC_PARAM_FREES;
		else
			s->params[i] = AC_PARAM_BORROWS;
		if (s->params[i] == AC_PARAM_FREES && fl->param_free_family[i] >= 0)
			s->param_family[i] = fl->param_free_family[i];
	}
	return s;
}

/* ---- one function ------------------------------------------------------------------- */

/* Walks function f; returns false when the TU's deadline passed in it. */
static bool run_function(Engine *e, int f)
{
	AcFlow fl = {.tu = e->tu, .fn = &e->tu->funcs[f], .opt = e->opt, .out = e->out,
	             .fields = &e->fields, .families = e->families, .deadline = e->deadline};
	fl.ret_family = -2;
	fl.ret_param = -2;
	prepare_calls(e, &fl);
	prepare_places(&fl);
	prepare_keys(&fl);
	ac_dominators_compute(&fl.scratch, fl.fn, &fl.dom);
	size_t np = fl.fn->nparams ? fl.fn->nparams : 1;
	fl.nobjs = (uint32_t)(3 * fl.nsites + fl.fn->nparams);
	ac_lifetime_prepare(&fl);
	size_t nkeys = (fl.nsites ? fl.nsites : 1) * AC_EV_KIND_COUNT;
	fl.pending = AC_ARENA_ARRAY(&fl.scratch, AcEvent, nkeys);
	fl.pending_carried = AC_ARENA_ARRAY(&fl.scratch, AcEvent, nkeys);
	fl.site_handled_in_loop = AC_ARENA_ARRAY(&fl.scratch, bool, fl.nsites ? fl.nsites : 1);
	fl.block_scc = ac_loops_components(&fl.scratch, fl.fn);
	fl.param_freed = AC_ARENA_ARRAY(&fl.scratch, uint8_t, np);
	fl.param_kept = AC_ARENA_ARRAY(&fl.scratch, bool, np);
	fl.param_free_family = AC_ARENA_ARRAY(&fl.scratch, int, np);
	for (size_t i = 0; i < np; i++)
		fl.param_free_family[i] = -2;
	bool complete = ac_flow_walk(&fl);
	ac_transfer_flush_events(&fl);
	e->sums[f] = make_summary(e, &fl, complete);
	ac_lifetime_summarise(&e->arena, &fl, e->sums[f]);
	ac_arena_free(&fl.scratch);
	e->budget->step_limited += fl.exhausted;
	return !fl.timed_out;
}

static const AcFieldFamily *find_field(const Engine *e, const char *key)
{
	for (size_t i = 0; i < e->fields.families.n; i++) {
		if (e->fields.families.v[i].field_key == key)
			return &e->fields.families.v[i];
	}
	return NULL;
}

/* One finding per function, member and releasing family, at the first
 * release in the source (Cython copies a finally body per exit kind). */
static bool same_release(const AcFieldRelease *a, const AcFieldRelease *b)
{
	return a->fn == b->fn && a->field_key == b->field_key && a->family == b->family;
}

static bool loc_before(AcLoc a, AcLoc b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* The release i stands for its group when no other member comes before it
 * (in the source, then in the order found). */
static const AcFieldRelease *first_of_group(const AcFieldTable *t, size_t i)
{
	const AcFieldRelease *r = &t->releases.v[i];
	for (size_t j = 0; j < t->releases.n; j++) {
		const AcFieldRelease *o = &t->releases.v[j];
		if (j == i || !same_release(o, r))
			continue;
		bool same_place = o->loc.line == r->loc.line && o->loc.col == r->loc.col;
		if (loc_before(o->loc, r->loc) || (same_place && j < i))
			return NULL;
	}
	return r;
}

/* free(self->data) in one function, self->data = PyMem_Malloc(..) in another:
 * every release of a member is checked against the one family stored there. */
static void check_field_releases(Engine *e)
{
	const AcFieldTable *t = &e->fields;
	for (size_t i = 0; i < t->releases.n; i++) {
		const AcFieldRelease *r = first_of_group(t, i);
		const AcFieldFamily *f = r ? find_field(e, r->field_key) : NULL;
		if (!f || f->family < 0 || f->family == r->family)
			continue;
		AcAllocSite site = {f->first, f->allocator, ac_families_id(e->families, f->family)};
		AcEvent ev = {.kind = AC_EV_DEALLOC_MISMATCH, .loc = r->loc, .site = &site,
		              .deallocator = r->deallocator, .field = r->field, .alloc_family = site.family,
		              .dealloc_family = ac_families_id(e->families, r->family)};
		ac_rules_dispatch(&e->opt->rules, r->fn, e->out, &ev);
	}
}

void ac_budget_add(AcBudget *sum, const AcBudget *b)
{
	sum->step_limited += b->step_limited;
	sum->timed_out += b->timed_out;
	sum->tus_timed_out += b->tus_timed_out;
}

bool ac_budget_hit(const AcBudget *b)
{
	return b->step_limited || b->timed_out || b->tus_timed_out;
}

double ac_engine_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double ac_engine_deadline(const AcEngineOptions *opt)
{
	return opt->tu_timeout ? ac_engine_now() + (double)opt->tu_timeout : 0;
}

/* The deadline passed before or inside function order[i]: that function
 * (when stopped inside) and every later one count as not analysed. */
static void timed_out(Engine *e, size_t i, bool inside)
{
	size_t skipped = e->norder - i - (inside ? 1 : 0);
	const AcFunc *fn = &e->tu->funcs[e->order[i]];
	e->budget->timed_out += e->norder - i;
	e->budget->tus_timed_out++;
	if (inside)
		ac_note_verbose("%s: time budget (%zu s) ran out in function '%s'; analysis stopped there, %zu more "
		                "function%s not analysed", e->tu->path, e->opt->tu_timeout, fn->name, skipped,
		                skipped == 1 ? "" : "s");
	else
		ac_note_verbose("%s: time budget (%zu s) ran out before function '%s'; %zu function%s not analysed",
		                e->tu->path, e->opt->tu_timeout, fn->name, skipped, skipped == 1 ? "" : "s");
}

void ac_engine_run_bounded(const AcTu *tu, const AcEngineOptions *opt, double deadline, AcFindings *out,
                           AcBudget *budget)
{
	/* The TU's families: the run's, plus the allocation attributes declared
	 * in this TU. Everything below sees them through tu_opt. */
	const AcFamilies *run_families = opt->families ? opt->families : ac_families_builtin();
	AcFamilies *declared = NULL;
	if (tu->ndeclared)
		declared = ac_families_with_declared(run_families, tu->declared, tu->ndeclared);
	AcEngineOptions tu_opt = *opt;
	tu_opt.families = declared ? declared : run_families;
	opt = &tu_opt;
	AcBudget scratch = {0};
	Engine e = {.tu = tu, .opt = opt, .out = out, .deadline = deadline, .budget = budget ? budget : &scratch};
	e.families = opt->families;
	e.sums = AC_ARENA_ARRAY(&e.arena, AcSummary *, tu->nfuncs ? tu->nfuncs : 1);
	order_functions(&e);
	for (size_t i = 0; i < e.norder; i++) {
		if (deadline > 0 && ac_engine_now() > deadline) {
			timed_out(&e, i, false);
			break;
		}
		if (!run_function(&e, e.order[i])) {
			timed_out(&e, i, true);
			break;
		}
	}
	check_field_releases(&e);
	ac_lifetime_check_members(tu, &e.fields, opt, out);
	AC_VEC_FREE(&e.fields.families);
	AC_VEC_FREE(&e.fields.releases);
	ac_arena_free(&e.arena);
	ac_families_free(declared);
}

void ac_engine_run(const AcTu *tu, const AcEngineOptions *opt, AcFindings *out)
{
	ac_engine_run_bounded(tu, opt, 0, out, NULL);
}
