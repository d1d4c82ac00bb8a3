/*
 * engine: runs the dataflow over every function of a program, callees
 * first, so a caller sees its callees' summaries wherever they are defined
 * (summary.c: returns a fresh block of family F, frees / keeps / borrows /
 * dereferences parameter i, never returns, returns a constant).
 *
 * The link step (program.h) numbers the program's functions, resolves the
 * calls and groups the strongly connected components of the call graph in
 * each SCC with the SCCs that call it. An SCC becomes ready when every SCC
 * it calls into is done; the workers take the ready SCC with the most work
 * waiting for it first (each SCC on one thread), so no barrier leaves a
 * CPU idle while anything could run. A recursive
 * SCC starts from summaries that say nothing happens (ac_summary_seed) and
 * is walked again until its summaries stop changing, at most
 * MAX_ROUNDS times; past that (a -v note) its functions stay opaque to
 * callers and are walked once more as such. A member whose body is a large
 * share of its SCC's is walked only once the others have settled under
 * its current summary (iterate_light_first), so that it is not walked
 * again for each change of theirs; meanwhile, the callers that do not call
 * it run on the other workers, speculatively: they are kept when its walk
 * changes none of the summaries they read, else walked again
 * (settle_speculation). Each walk's findings go to the
 * function's own list and the struct-member families to its own table;
 * both are merged in the program's order afterwards, so the result does
 * not depend on the number of threads.
 *
 * Each walk gets a scratch arena that is dropped when it is done. The time
 * budget is per TU (engine.h): the seconds spent on a TU, parse included,
 * are summed over its functions, wherever they run.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "engine.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "flow.h"
#include "intern.h"
#include "loops.h"
#include "mem.h"
#include "program.h"
#include "stack.h"
#include "trace.h"
#include "walks.h"

enum { MAX_ROUNDS = 4 }; /* walks of a recursive SCC before its summaries are given up */

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
	const AcProgram *prog;
	const AcEngineOptions *opt;  /* the run's */
	AcEngineOptions *tu_opt;     /* per TU: opt with that TU's family table */
	AcSummary **sums;            /* per global function; NULL until analysed */
	AcFindings *fout;            /* per body: its findings */
	AcFieldTable *fields;        /* per body: the struct members it stores and releases */
	AcArena *arenas;             /* per worker: summaries; live for the run */
	size_t nworkers;
	AcArena ext_arena;           /* the external summaries, decoded */
	AcIntern ext_names;
	pthread_mutex_t lock;        /* guards the TU clocks and budgets below */
	double *spent;               /* per TU: seconds of work so far (parse included) */
	bool *tu_out;                /* per TU: its time ran out */
	AcBudget *budget;            /* per TU */
	pthread_mutex_t ready_lock;  /* guards the scheduler below */
	pthread_cond_t ready_cond;   /* an SCC became ready, or all are done */
	size_t *waiting;             /* per SCC: calls into SCCs not yet done */
	size_t *ready;               /* heap of ready SCCs, heaviest (scc_weight) first */
	size_t nready;
	size_t ndone;                /* SCCs analysed */
	/* Speculation (see open_speculation): while a recursive SCC walks its
	 * heavy members, the callers that do not call those run on the other
	 * workers with its light members' summaries, kept when the heavy walks
	 * change no summary, else walked again. Under ready_lock. */
	bool spec;                   /* allowed: more than one worker, no walks recorded */
	size_t spec_owner;           /* the SCC whose speculation is open, or NO_SCC */
	size_t spec_clock;           /* its Cycle.clock when it opened */
	bool spec_paused;            /* its light members are walked again: nothing starts */
	size_t *pending;             /* per SCC: calls into SCCs neither done nor done speculatively */
	unsigned char *sstate;       /* per SCC: S_* */
	size_t *fn_limited;          /* per body: its walks that ran out of steps (under lock), taken
	                                back from the budget when a speculative run is set aside */
	bool *scc_bounded;           /* per SCC run speculatively: its rounds' bound was hit, the -v
	                                note said when it is done for real */
	bool *entry_spec;            /* per caller entry: released at the opening of speculation */
	size_t nspec_running;
	size_t nspec, nredone;       /* SCCs run speculatively, and of those set aside (for the trace) */
	size_t rounds_limited;       /* recursive SCCs whose iteration bound was hit */
	double *scc_cpu;             /* per SCC: CPU seconds of its walks, with -vv (trace.h); else NULL */
	/* Walks recorded and taken again (walks.h), when res asks for them. */
	bool walks;                  /* record or take walks */
	const AcTuWalks *const *walks_in; /* per TU: the walks of its last analysis, or NULL */
	AcTuWalks *walks_out;        /* per TU: this analysis's walks; NULL: not recorded */
	const char **sum_text;       /* per global function: its summary's text, or NULL; set with
	                                the summary, by the thread that sets it */
	AcIntern *wnames;            /* per worker: the strings of summaries taken from walks */
	size_t nwalked, nreused;     /* functions walked, and taken from a walk (under lock) */
	size_t *tu_walked;           /* per TU: functions walked (under lock), or NULL */
	const uint32_t *null_params; /* per body: AcFlow.null_args (null_args.h) */
} Engine;

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
	if (!macro && c->inner_macro) /* a macro the user's macro uses (a hook inside it) */
		macro = ac_families_lookup(fams, c->inner_macro);
	const AcFnInfo *fn = callee;
	if (macro && (callee ? callee->role == macro->role
	                     : !c->noreturn && !(c->name && strncmp(c->name, "__builtin", 9) == 0)))
		fn = macro;
	return fn;
}

/* The summary of global function g, for a caller whose family table is
 * fams; NULL when g is not known. */
static const AcSummary *callee_summary(Engine *e, AcFlow *fl, int g, int caller_tu)
{
	if (g < 0 || !e->sums[g] || !e->sums[g]->known)
		return NULL;
	const AcSummary *s = ac_summary_translate(&fl->scratch, e->sums[g], fl->families);
	if (!s->nfreed_members || e->prog->funcs[g].tu == caller_tu)
		return s;
	/* Field keys are interned per TU: the caller's copies, when it has any. */
	AcSummary *t = AC_ARENA_NEW(&fl->scratch, AcSummary);
	*t = *s;
	AcMemberRelease *m = AC_ARENA_ARRAY(&fl->scratch, AcMemberRelease, s->nfreed_members);
	for (size_t i = 0; i < s->nfreed_members; i++) {
		m[i] = s->freed_members[i];
		m[i].field_key = ac_intern_find(&fl->tu->names, m[i].field_key);
	}
	t->freed_members = m;
	return t;
}

/* "'buf_new' (buf.c:12) may return NULL": the allocator the site calls is a
 * function of the program defined in another file. */
static const AcNote *origin_note(AcFlow *fl, const AcSummary *s, AcLoc site)
{
	if (!s || !s->loc.file || s->loc.file == site.file || (site.file && strcmp(s->loc.file, site.file) == 0))
		return NULL;
	AcNote *n = AC_ARENA_NEW(&fl->scratch, AcNote);
	AcLoc at = s->ret_can_null && s->null_loc.line ? s->null_loc : s->loc;
	n->loc = site;
	const char *what = s->ret_can_null ? "may return NULL" : "returns a new block";
	if (s->ret_family < 0) {
		at = s->loc; /* buf_make(&p, n): "stores a new block (or NULL) through its parameter 1" */
		what = ac_arena_printf(&fl->scratch, "stores a new block%s through its parameter %d",
		                       s->out_can_null ? " (or NULL)" : "", s->out_param + 1);
	}
	n->msg = ac_arena_printf(&fl->scratch, "'%s' (%s:%u) %s", s->name, at.file ? at.file : "?", at.line, what);
	return n;
}

/* Resolves call k of the function (global g) once: table entry, summary,
 * whether it never returns, which arguments must not be NULL. */
static void resolve_call(Engine *e, AcFlow *fl, int callee, int caller_tu, const AcCall *c, AcCallInfo *ci)
{
	memset(ci, 0, sizeof *ci);
	ci->call = c;
	ci->site = -1;
	ci->fn = lookup_call(fl->families, c);
	if (ci->fn && ci->fn->role == AC_ROLE_ALLOC && ci->fn->null_arg > 0 &&
	    !((size_t)ci->fn->null_arg <= c->nargs && c->args[ci->fn->null_arg - 1].kind == AC_OPND_NULL)) {
		/* realpath(p, buf): allocates only for a NULL buffer, else fills and returns it */
		AcFnInfo *b = AC_ARENA_NEW(&fl->scratch, AcFnInfo);
		*b = *ci->fn;
		b->role = AC_ROLE_BORROW;
		b->family = -1;
		b->ret_arg = b->null_arg;
		ci->fn = b;
	}
	if (ci->fn && ci->fn->role == AC_ROLE_ALLOC && ci->fn->static_if_null > 0 &&
	    (size_t)ci->fn->static_if_null <= c->nargs && c->args[ci->fn->static_if_null - 1].kind == AC_OPND_NULL) {
		/* dlopen(NULL, ...): the main program's handle, no block */
		AcFnInfo *b = AC_ARENA_NEW(&fl->scratch, AcFnInfo);
		*b = *ci->fn;
		b->role = AC_ROLE_BORROW;
		b->family = -1;
		b->ret_arg = 0;
		ci->fn = b;
	}
	ci->sum = callee_summary(e, fl, callee, caller_tu);
	/* Functions declared in system headers only borrow, unless handed a callback. */
	ci->borrows = c->name && c->system_header && !c->callback_arg;
	ci->ends_path = c->noreturn || (ci->sum && (ci->sum->noreturn || ac_summary_call_cannot_return(ci->sum, c)));
	ci->nonnull = ci->fn ? ci->fn->nonnull : 0;
	for (size_t i = 0; ci->sum && !ci->fn && i < ci->sum->nparams && i < 32; i++) {
		if (ci->sum->param_derefs[i])
			ci->nonnull |= 1u << i;
	}
}

static bool call_allocates(const AcCallInfo *ci)
{
	if (ci->fn)
		return ci->fn->role == AC_ROLE_ALLOC || ci->fn->role == AC_ROLE_REALLOC;
	return ci->sum && (ci->sum->ret_family >= 0 || ci->sum->ret_released || ci->sum->out_param >= 0 ||
	                   ci->sum->ret_member_key);
}

static void add_site(AcFlow *fl, const AcOp *op, AcCallInfo *ci)
{
	size_t s = fl->nsites++;
	const AcCall *c = ci->call;
	int fam = ci->fn                                                 ? family_index(ci->fn)
	          : ci->sum->ret_family >= 0 || ci->sum->ret_released ? ci->sum->ret_family
	          : ci->sum->ret_member_key                          ? ci->sum->ret_member_family
	                                                                : ci->sum->out_family;
	fl->site_block[s] = fl->cur_block;
	fl->site_arg_place[s] = -1;
	if (!ci->fn && ci->sum->ret_family < 0 && !ci->sum->ret_released && ci->sum->ret_member_key)
		fl->site_member[s] = ci->sum->ret_member_key;
	int grown = ci->fn && ci->fn->role == AC_ROLE_REALLOC ? ci->fn->ptr_arg
	            : !ci->fn && ci->sum->ret_family >= 0 ? ci->sum->grows_param
	                                                   : -1;
	if (grown >= 0 && (size_t)grown < c->nargs && c->args[grown].kind == AC_OPND_PLACE) {
		fl->site_arg_place[s] = c->args[grown].place;
		fl->place_realloc_site[fl->site_arg_place[s]] = (int)s;
	}
	fl->sites[s].loc = op->loc;
	fl->sites[s].allocator = c->macro ? c->macro : c->name;
	fl->sites[s].family = ac_families_id(fl->opt->families ? fl->opt->families : ac_families_builtin(), fam);
	fl->sites[s].origin = ci->fn ? NULL : origin_note(fl, ci->sum, op->loc);
	fl->site_family[s] = fam;
	fl->site_fails_with[s] = ci->fn && ci->fn->role == AC_ROLE_ALLOC ? ci->fn->fails_with : 0;
	fl->sites[s].failure = fl->site_fails_with[s] ? (ci->fn->failure ? ci->fn->failure : "its failure value") : NULL;
	int w = ci->fn && ci->fn->role == AC_ROLE_ALLOC ? ci->fn->writable_arg : 0;
	fl->site_readonly[s] = w > 0 && (size_t)w <= c->nargs && c->args[w - 1].kind == AC_OPND_INT &&
	                       !(c->args[w - 1].ival & ci->fn->writable_bit);
	ci->site = (int)s;
}

static size_t count_ops(const AcFunc *fn)
{
	size_t n = 0;
	for (size_t b = 0; b < fn->nblocks; b++)
		n += fn->blocks[b].nops;
	return n;
}

static void prepare_calls(Engine *e, AcFlow *fl, int g)
{
	const int *callees = e->prog->callees[g];
	const AcFunc *fn = fl->fn;
	size_t nops = count_ops(fn);
	fl->op_base = AC_ARENA_ARRAY(&fl->scratch, size_t, fn->nblocks ? fn->nblocks : 1);
	fl->calls = AC_ARENA_ARRAY(&fl->scratch, AcCallInfo, nops ? nops : 1);
	fl->sites = AC_ARENA_ARRAY(&fl->scratch, AcAllocSite, nops ? nops : 1);
	fl->site_family = AC_ARENA_ARRAY(&fl->scratch, int, nops ? nops : 1);
	fl->site_fails_with = AC_ARENA_ARRAY(&fl->scratch, long long, nops ? nops : 1);
	fl->site_block = AC_ARENA_ARRAY(&fl->scratch, int, nops ? nops : 1);
	fl->site_arg_place = AC_ARENA_ARRAY(&fl->scratch, int, nops ? nops : 1);
	fl->site_member = AC_ARENA_ARRAY(&fl->scratch, const char *, nops ? nops : 1);
	fl->site_readonly = AC_ARENA_ARRAY(&fl->scratch, bool, nops ? nops : 1);
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
			resolve_call(e, fl, callees[k], e->prog->funcs[g].tu, ac_program_call(e->prog, g, k, op),
			             &fl->calls[k]);
			if (call_allocates(&fl->calls[k]))
				add_site(fl, op, &fl->calls[k]);
		}
	}
}

/* Per-place facts that do not change along paths. */
/* A tested place whose unknown value may be named (AcFlow.place_symbolic). */
static void mark_symbolic(AcFlow *fl, int p)
{
	if (p < 0 || (size_t)p >= fl->fn->nplaces)
		return;
	const AcPlace *pl = &fl->fn->places[p];
	if (pl->kind == AC_PLACE_VAR && !pl->is_pointer && pl->storage != AC_STORAGE_GLOBAL)
		fl->place_symbolic[p] = true;
}

/* Whether operand o hands on the pointer in parameter place i, or an
 * address inside the block it points to (&p->x). */
static bool hands_on(const AcFunc *fn, AcOperand o, int i)
{
	if ((o.kind == AC_OPND_PLACE || o.kind == AC_OPND_OFFSET) && o.place == i)
		return true;
	if (o.kind != AC_OPND_ADDR)
		return false;
	for (int p = o.place; p >= 0; p = fn->places[p].parent) {
		if (p == i)
			return true;
	}
	return false;
}

/* AcFlow.param_private. */
static void find_private_params(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	for (size_t i = 0; i < fn->nparams; i++)
		fl->param_private[i] = fn->places[i].is_pointer && !fn->places[i].addr_taken;
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t k = 0; k < blk->nops; k++) {
			const AcOp *op = &blk->ops[k];
			if (op->dst >= 0 && (size_t)op->dst < fn->nparams)
				fl->param_private[op->dst] = false;
			for (size_t i = 0; i < fn->nparams; i++) {
				bool out = false;
				if (op->kind == AC_OP_ASSIGN || op->kind == AC_OP_ESCAPE)
					out = hands_on(fn, op->src, (int)i);
				for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs && !out; a++)
					out = hands_on(fn, op->call->args[a], (int)i);
				if (out)
					fl->param_private[i] = false;
			}
		}
		for (size_t i = 0; blk->term == AC_TERM_RETURN && i < fn->nparams; i++) {
			if (hands_on(fn, blk->ret, (int)i))
				fl->param_private[i] = false;
		}
	}
}

/* Whether operand o is the address of (a part of) variable v's own storage,
 * not of the block v points to (&v, &v.f; not &v[0] for a pointer v). */
static bool address_of_var(const AcFunc *fn, AcOperand o, int v)
{
	if (o.kind != AC_OPND_ADDR || o.place < 0 || fn->places[o.place].root != v)
		return false;
	for (int p = o.place; p >= 0; p = fn->places[p].parent) {
		if (fn->places[p].kind == AC_PLACE_DEREF || fn->places[p].through_ptr)
			return false;
	}
	return true;
}

/* An argument a of call op i of blk (call info k) that is the address of
 * (a part of) local variable v: whether passing it there keeps v's
 * contents this function's. */
typedef bool (*AddressArgKept)(const AcFlow *fl, int v, const AcBlock *blk, size_t i, size_t k, size_t a);

/* Whether v's address is taken at least once, and only as call arguments
 * that kept() accepts: never stored, compared, returned or used otherwise. */
static bool address_only_passed(const AcFlow *fl, int v, AddressArgKept kept)
{
	const AcFunc *fn = fl->fn;
	bool any = false;
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++, k++) {
			const AcOp *op = &blk->ops[i];
			if (address_of_var(fn, op->src, v) || address_of_var(fn, op->src2, v))
				return false;
			if (op->kind != AC_OP_CALL)
				continue;
			for (size_t a = 0; a < op->call->nargs; a++) {
				if (!address_of_var(fn, op->call->args[a], v))
					continue;
				if (!kept(fl, v, blk, i, k, a))
					return false;
				any = true;
			}
		}
		if (blk->term == AC_TERM_RETURN && address_of_var(fn, blk->ret, v))
			return false;
	}
	return any;
}

/* &v itself handed to a callee that only reads the pointer from it and
 * borrows its block (summary.h pointee_borrowed: look(&p)): what v holds
 * stays this function's to release. */
static bool lent_to_borrower(const AcFlow *fl, int v, const AcBlock *blk, size_t i, size_t k, size_t a)
{
	const AcCallInfo *ci = &fl->calls[k];
	return blk->ops[i].call->args[a].place == v && !ci->fn && ci->sum && ci->sum->known && a < 32 &&
	       (ci->sum->pointee_borrowed >> a & 1u);
}

/* Whether an operand of op reads place. */
static bool op_reads(const AcOp *op, int place)
{
	if (op->kind == AC_OP_KILL)
		return false;
	if ((op->src.kind != AC_OPND_NONE && op->src.place == place) ||
	    (op->src2.kind != AC_OPND_NONE && op->src2.place == place))
		return true;
	for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++)
		if (op->call->args[a].kind != AC_OPND_NONE && op->call->args[a].place == place)
			return true;
	return false;
}

/* Whether the result op i of blk stores is dropped: its temporary dies (or
 * is written again) in the block before anything reads it. */
static bool result_dropped(const AcBlock *blk, size_t i)
{
	int t = blk->ops[i].dst;
	for (size_t j = i + 1; t >= 0 && j < blk->nops; j++) {
		const AcOp *op = &blk->ops[j];
		if (op_reads(op, t))
			return false;
		for (size_t k = 0; op->kind == AC_OP_KILL && k < op->nkill; k++)
			if (op->kill[k] == t)
				return true;
		if (op->dst == t)
			return true;
	}
	return t < 0;
}

/* v's address handed to a C library function that keeps no pointer
 * (AcCallInfo.borrows: memset (a, 0, sizeof a)) and whose result, which
 * may be that address again, is not used: past those calls nothing outside
 * the function reaches v's elements, which the calls themselves may have
 * written (transfer.c lent_to_library). */
static bool borrowed_by_library(const AcFlow *fl, int v, const AcBlock *blk, size_t i, size_t k, size_t a)
{
	(void)v;
	(void)a;
	const AcCallInfo *ci = &fl->calls[k];
	return ci->borrows && !ci->sum && result_dropped(blk, i);
}

static void prepare_places(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	size_t n = fn->nplaces ? fn->nplaces : 1;
	fl->place_escapes = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_unbindable = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_clobbered = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_indexes = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->param_private = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_parts = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	bool *root_lent = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	fl->place_lib_lent = NULL;
	find_private_params(fl);
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
		if ((pl->kind == AC_PLACE_MEMBER || pl->kind == AC_PLACE_ELEM) && !pl->through_ptr && pl->parent >= 0)
			fl->place_parts[pl->parent] = true;
		if (pl->parent >= 0 && (size_t)pl->parent < p) {
			via_ptr |= fl->place_clobbered[pl->parent];
			unknown_elem |= fl->place_unbindable[pl->parent];
		}
		bool global = root->storage == AC_STORAGE_GLOBAL;
		fl->place_clobbered[p] = via_ptr || (global && !(pl->kind == AC_PLACE_VAR && pl->read_only));
		fl->place_unbindable[p] = unknown_elem;
		/* &v handed only to callees that read what v holds (or its
		 * members and elements: sink(slots) reading slots[2]) */
		bool to_library = (size_t)pl->root == p && pl->kind == AC_PLACE_VAR && root->addr_taken && !global &&
		                  !pl->is_pointer && !pl->cleanup && address_only_passed(fl, (int)p, borrowed_by_library);
		if (to_library) {
			if (!fl->place_lib_lent)
				fl->place_lib_lent = AC_ARENA_ARRAY(&fl->scratch, bool, n);
			fl->place_lib_lent[p] = true;
		}
		bool lent = root->addr_taken && !global && pl->root >= 0 && (size_t)pl->root <= p &&
		            ((size_t)pl->root == p ? to_library || (pl->kind == AC_PLACE_VAR && address_only_passed(fl, (int)p, lent_to_borrower))
		                                   : root_lent[pl->root]);
		root_lent[p] = lent;
		fl->place_escapes[p] = via_ptr || global || (root->addr_taken && !lent) || root->cleanup;
	}
	for (size_t p = 0; p < fn->nplaces; p++) {
		const AcPlace *pl = &fn->places[p];
		long long v;
		if (pl->kind != AC_PLACE_VAR || pl->storage != AC_STORAGE_GLOBAL || pl->is_pointer || !pl->link_key ||
		    !ac_program_global_value(fl->prog, pl->link_key, &v))
			continue;
		if (!fl->place_global) {
			fl->place_global = AC_ARENA_ARRAY(&fl->scratch, AcVal, n);
			for (size_t q = 0; q < n; q++)
				fl->place_global[q] = ac_val_unknown();
		}
		fl->place_global[p] = ac_val_const(v);
	}
	fl->place_symbolic = AC_ARENA_ARRAY(&fl->scratch, bool, n);
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		if (blk->term != AC_TERM_BRANCH)
			continue;
		int t = blk->cond.kind == AC_OPND_PLACE ? blk->cond.place : -1;
		mark_symbolic(fl, t);
		mark_symbolic(fl, blk->cond_key && ac_cmp_with_const(blk->cond_key->shape) ? blk->cond_key->cmp_var : -1);
	}
}

/* AcFlow.key_pointees for k: its text (lower_key.c) has a call, name(...),
 * and, outside string literals, no dereference, member or element; it
 * reads no global. */
static bool reads_pointees_only(const AcFunc *fn, const AcCondKey *k)
{
	if (!k->via_pointer)
		return false;
	for (size_t i = 0; i < k->nreads; i++) {
		if (fn->places[k->reads[i]].storage == AC_STORAGE_GLOBAL)
			return false;
	}
	bool call = false;
	char prev = 0;
	for (const char *c = k->key; *c; prev = *c++) {
		if (*c == '"') {
			for (c++; *c && *c != '"'; c++)
				c += *c == '\\' && c[1];
			if (!*c)
				return false;
		} else if (*c == '*' || *c == '.' || *c == '[') {
			return false;
		} else if (*c == '(' && ((prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z') || prev == '_' ||
		                         (prev >= '0' && prev <= '9'))) {
			call = true;
		}
	}
	return call;
}

/* Whether s[0..n) is a whole integer constant of a key ("#-3"): its value. */
static bool key_constant(const char *s, size_t n, long long *v)
{
	if (n < 2 || s[0] != '#')
		return false;
	char *end;
	errno = 0;
	*v = strtoll(s + 1, &end, 10);
	return errno == 0 && end == s + n;
}

/* AcFlow.key_eq for k: its text split at the "==" outside any parentheses
 * and string literal (lower_key.c prints "(l==r)"), one side a constant. */
static AcKeyEq key_equality(const AcCondKey *k)
{
	AcKeyEq q = {0, 0, 0};
	const char *t = k->key;
	size_t n = strlen(t);
	if (n < 6 || n > UINT16_MAX || t[0] != '(' || t[n - 1] != ')')
		return q;
	size_t eq = 0;
	int depth = 0;
	for (size_t i = 1; i + 1 < n; i++) {
		if (t[i] == '"') {
			for (i++; i + 1 < n && t[i] != '"'; i++)
				i += t[i] == '\\';
		} else if (t[i] == '(') {
			depth++;
		} else if (t[i] == ')') {
			depth--;
		} else if (depth == 0 && t[i] == '=' && t[i + 1] == '=') {
			if (eq)
				return q;
			eq = i++;
		}
	}
	if (!eq || depth != 0)
		return q;
	long long v;
	if (key_constant(t + 1, eq - 1, &v) && !key_constant(t + eq + 2, n - eq - 3, &v))
		q = (AcKeyEq){(uint16_t)(eq + 2), (uint16_t)(n - eq - 3), v};
	else if (key_constant(t + eq + 2, n - eq - 3, &v) && !key_constant(t + 1, eq - 1, &v))
		q = (AcKeyEq){1, (uint16_t)(eq - 1), v};
	return q;
}

/* The key of "(v<e)" that tests e alone ("if (p->count)": its text is e's),
 * among the n keys of keys, or -1. */
static int key_of_operand(const AcCondKey *const *keys, size_t n, const AcCondKey *k)
{
	char head[32];
	int len = snprintf(head, sizeof head, "(v%d<", k->cmp_var);
	size_t total = strlen(k->key);
	if (len <= 0 || strncmp(k->key, head, (size_t)len) != 0 || total < (size_t)len + 2)
		return -1;
	const char *e = k->key + len;
	size_t elen = total - (size_t)len - 1; /* without the closing parenthesis */
	for (size_t i = 0; i < n; i++) {
		if (strlen(keys[i]->key) == elen && memcmp(keys[i]->key, e, elen) == 0)
			return (int)i;
	}
	return -1;
}

/* fl->key_alone: for each key "(X==#K)", K not 0, the key that tests X alone
 * (if (p->type), if (p->type == 0): its text is X's), or -1; through a table
 * of the keys that compare nothing with a constant, by their text, so that
 * 100k comparisons cost linear time. */
static void link_compared(AcFlow *fl)
{
	fl->key_alone = AC_ARENA_ARRAY(&fl->scratch, int, fl->nkeys ? fl->nkeys : 1);
	size_t nalone = 0;
	for (size_t k = 0; k < fl->nkeys; k++) {
		fl->key_alone[k] = -1;
		nalone += !fl->key_eq[k].len;
	}
	if (!nalone || nalone == fl->nkeys)
		return;
	size_t cap = 16;
	while (cap < 2 * nalone)
		cap *= 2;
	int *slot = AC_ARENA_ARRAY(&fl->scratch, int, cap);
	for (size_t k = 0; k < fl->nkeys; k++) {
		if (fl->key_eq[k].len)
			continue;
		size_t i = ac_text_hash(fl->keys[k]->key, strlen(fl->keys[k]->key)) & (cap - 1);
		while (slot[i])
			i = (i + 1) & (cap - 1);
		slot[i] = (int)k + 1;
	}
	for (size_t k = 0; k < fl->nkeys; k++) {
		const AcKeyEq *q = &fl->key_eq[k];
		if (!q->len || !q->value)
			continue;
		const char *x = fl->keys[k]->key + q->off;
		for (size_t i = ac_text_hash(x, q->len) & (cap - 1); slot[i]; i = (i + 1) & (cap - 1)) {
			const char *t = fl->keys[slot[i] - 1]->key;
			if (strlen(t) == q->len && memcmp(t, x, q->len) == 0) {
				fl->key_alone[k] = slot[i] - 1;
				break;
			}
		}
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
	fl->key_pointees = AC_ARENA_ARRAY(&fl->scratch, bool, fn->nblocks ? fn->nblocks : 1);
	fl->key_eq = AC_ARENA_ARRAY(&fl->scratch, AcKeyEq, fn->nblocks ? fn->nblocks : 1);
	fl->key_fields = AC_ARENA_ARRAY(&fl->scratch, AcKeyFields, fn->nblocks ? fn->nblocks : 1);
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
			fl->key_pointees[fl->nkeys] = reads_pointees_only(fn, k);
			fl->key_eq[fl->nkeys] = key_equality(k);
			fl->keys[fl->nkeys] = k;
			slot[i] = (int)++fl->nkeys;
		}
		fl->block_key[b] = slot[i] - 1;
	}
	fl->key_operand = AC_ARENA_ARRAY(&fl->scratch, int, fl->nkeys ? fl->nkeys : 1);
	for (size_t k = 0; k < fl->nkeys; k++) {
		const AcCondKey *key = fl->keys[k];
		bool lt_expr = key->shape == AC_CMP_VAR_LT_EXPR || key->shape == AC_CMP_VAR_LT_NONNEG;
		fl->key_operand[k] = lt_expr && key->cmp_const < 0 ? key_of_operand(fl->keys, fl->nkeys, key) : -1;
	}
	link_compared(fl);
}

static void free_fields(AcFieldTable *t)
{
	AC_VEC_FREE(&t->families);
	AC_VEC_FREE(&t->releases);
	AC_VEC_FREE(&t->dangling);
	AC_VEC_FREE(&t->destructor);
}

/* ---- one function ------------------------------------------------------------------- */

/* Seconds left to TU t, or 0 when its budget is gone (-1: no budget). */
static double tu_time_left(Engine *e, int t)
{
	if (!e->opt->tu_timeout)
		return -1;
	pthread_mutex_lock(&e->lock);
	double left = e->tu_out[t] ? 0 : (double)e->opt->tu_timeout - e->spent[t];
	pthread_mutex_unlock(&e->lock);
	return left > 0 ? left : 0;
}

/* The time budget of TU t ran out before or inside function g. */
static void tu_timed_out(Engine *e, int t, int g, bool inside)
{
	pthread_mutex_lock(&e->lock);
	e->budget[t].timed_out++;
	bool first = !e->tu_out[t];
	e->tu_out[t] = true;
	if (first) {
		e->budget[t].tus_timed_out++;
		const char *path = e->prog->tus[t]->path;
		const char *name = ac_program_body(e->prog, g)->name;
		if (inside)
			ac_note_verbose("%s: time budget (%zu s) ran out in function '%s'; analysis stopped there, "
			                "its other functions not analysed", path, e->opt->tu_timeout, name);
		else
			ac_note_verbose("%s: time budget (%zu s) ran out before function '%s'; its other functions "
			                "not analysed", path, e->opt->tu_timeout, name);
	}
	pthread_mutex_unlock(&e->lock);
}

/* ---- walks taken again (walks.h) ---------------------------------------------------- */

/* sum_text[g] from sums[g]: what the digest of g's callers hashes. */
static void note_summary(Engine *e, int g, size_t w)
{
	if (e->walks)
		e->sum_text[g] = e->sums[g] ? ac_summary_encode(&e->arenas[w], e->sums[g]) : NULL;
}

/* The digest of what a walk of body g reads from outside it: per call, the
 * name it calls (through a pointer: the function the pointer holds) and
 * the summary of the function it reaches; whether g is a registered
 * destructor; whether each global it uses has its address taken. Its
 * callees are done (callees first), or in its own SCC, on this thread. */
static void walk_digest(Engine *e, int g, char out[AC_HASH_HEX + 1])
{
	const AcProgram *p = e->prog;
	const AcFunc *fn = ac_program_body(p, g);
	const int *callees = p->callees[g];
	AcHash h;
	ac_hash_init(&h);
	size_t k = 0;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->kind != AC_OP_CALL)
				continue;
			ac_hash_str(&h, ac_program_call(p, g, k, op)->name);
			int c = callees[k];
			ac_hash_str(&h, c >= 0 && e->sums[c] && e->sums[c]->known ? e->sum_text[c] : NULL);
		}
	}
	ac_hash_u64(&h, ac_program_destructor(p, g));
	ac_hash_u64(&h, e->null_params[g]);
	for (size_t q = 0; q < fn->nplaces; q++) {
		const AcPlace *root = &fn->places[fn->places[q].root];
		if (q == (size_t)fn->places[q].root && root->storage == AC_STORAGE_GLOBAL && root->name) {
			ac_hash_str(&h, root->name);
			ac_hash_u64(&h, ac_program_global_escaped(p, root->name));
			long long v;
			bool known = root->link_key && ac_program_global_value(p, root->link_key, &v);
			ac_hash_u64(&h, known);
			ac_hash_u64(&h, known ? (uint64_t)v : 0);
		}
	}
	ac_hash_hex(&h, out);
}

/* Takes the walk of body g whose inputs had this digest, when its TU's
 * last analysis made one, or this one did (an earlier round of its
 * recursion, whose callees' summaries have not changed since): its
 * summary, findings and member facts, as if walked now. */
static bool take_walk(Engine *e, int g, size_t w, const char *digest)
{
	const AcProgram *p = e->prog;
	int t = p->funcs[g].tu;
	size_t f = (size_t)p->funcs[g].index;
	const AcWalk *k = e->walks_out ? ac_walks_find(&e->walks_out[t], f, digest) : NULL;
	bool again = k != NULL;
	if (!k)
		k = e->walks_in ? ac_walks_find(e->walks_in[t], f, digest) : NULL;
	if (!k)
		return false;
	AcWalkDecode cx = {&e->arenas[w], &e->wnames[w], p->tus[t], ac_program_body(p, g), p->families[t]};
	AcSummary *s;
	if (!ac_walk_decode(&cx, k->out, &s, &e->fout[g], &e->fields[g])) {
		ac_findings_free(&e->fout[g]);
		free_fields(&e->fields[g]);
		return false;
	}
	e->sums[g] = s;
	note_summary(e, g, w);
	if (e->walks_out && !again)
		ac_walks_add(&e->walks_out[t], f, digest, ac_strdup(k->out));
	pthread_mutex_lock(&e->lock);
	e->nreused++;
	pthread_mutex_unlock(&e->lock);
	return true;
}

/* ---- one function, walked -------------------------------------------------------------- */

/* Walks global function g (a body) with worker w's arena for its summary,
 * unless a walk with the same inputs is there to take. Its findings
 * replace what an earlier round found. Returns whether its step budget
 * ran out. */
static bool run_function(Engine *e, int g, size_t w)
{
	const AcProgram *p = e->prog;
	int t = p->funcs[g].tu;
	const AcTu *tu = p->tus[t];
	double left = tu_time_left(e, t);
	ac_findings_free(&e->fout[g]);
	free_fields(&e->fields[g]);
	if (p->standin[g] != g) { /* another TU's copy of a shared header's function is walked */
		e->sums[g] = NULL;
		note_summary(e, g, w);
		return false;
	}
	if (left == 0) {
		tu_timed_out(e, t, g, false);
		e->sums[g] = ac_summary_opaque(&e->arenas[w], ac_program_body(p, g), p->families[t]);
		note_summary(e, g, w);
		return false;
	}
	char digest[AC_HASH_HEX + 1] = "";
	if (e->walks) {
		walk_digest(e, g, digest);
		if (take_walk(e, g, w, digest))
			return false; /* a walk is recorded only when no bound stopped it */
	}
	double start = ac_engine_now();
	AcFlow fl = {.prog = p, .tu = tu, .fn = ac_program_body(p, g), .destructor = ac_program_destructor(p, g),
	             .opt = &e->tu_opt[t], .out = &e->fout[g],
	             .fields = &e->fields[g], .families = p->families[t], .deadline = left > 0 ? start + left : 0};
	fl.null_args = e->null_params[g];
	fl.ret_family = -2;
	fl.ret_param = -2;
	fl.ret_released = -2;
	fl.ret_nonheap = -2;
	fl.ret_member_family = -2;
	fl.nret_zero_keys = -1;
	prepare_calls(e, &fl, g);
	prepare_places(&fl);
	prepare_keys(&fl);
	ac_dominators_compute(&fl.scratch, fl.fn, &fl.dom);
	ac_handover_prepare(&fl);
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
	fl.param_ret_maybe_null = AC_ARENA_ARRAY(&fl.scratch, bool, np);
	fl.param_free_family = AC_ARENA_ARRAY(&fl.scratch, int, np);
	fl.out_family = AC_ARENA_ARRAY(&fl.scratch, int, np);
	fl.out_seen = AC_ARENA_ARRAY(&fl.scratch, uint8_t, np);
	fl.site_kept = AC_ARENA_ARRAY(&fl.scratch, bool, fl.nsites ? fl.nsites : 1);
	fl.param_deref_place = AC_ARENA_ARRAY(&fl.scratch, int, np);
	for (size_t i = 0; i < np; i++)
		fl.param_deref_place[i] = -1;
	for (size_t p = 0; p < fl.fn->nplaces; p++) {
		const AcPlace *pl = &fl.fn->places[p];
		if (pl->kind == AC_PLACE_DEREF && pl->parent >= 0 && (size_t)pl->parent < fl.fn->nparams &&
		    pl->parent == pl->root && pl->is_pointer && !fl.var_written[pl->parent])
			fl.param_deref_place[pl->parent] = (int)p;
	}
	for (size_t i = 0; i < np; i++) {
		fl.param_free_family[i] = -2;
		fl.out_family[i] = -2;
	}
	bool complete = ac_flow_walk(&fl);
	ac_transfer_flush_events(&fl);
	e->sums[g] = ac_summary_make(&e->arenas[w], &fl, complete);
	ac_lifetime_summarise(&e->arenas[w], &fl, e->sums[g]);
	ac_arena_free(&fl.scratch);
	note_summary(e, g, w);
	/* a walk a bound stopped is made again, and its bound reported again */
	if (e->walks_out && !fl.exhausted && !fl.timed_out)
		ac_walks_add(&e->walks_out[t], (size_t)p->funcs[g].index, digest,
		             ac_walk_encode(e->sum_text[g], &e->fout[g], &e->fields[g]));
	pthread_mutex_lock(&e->lock);
	e->spent[t] += ac_engine_now() - start;
	e->budget[t].step_limited += fl.exhausted;
	e->fn_limited[g] += fl.exhausted;
	e->nwalked++;
	if (e->tu_walked)
		e->tu_walked[t]++;
	pthread_mutex_unlock(&e->lock);
	if (fl.timed_out)
		tu_timed_out(e, t, g, true);
	return fl.exhausted;
}

/* ---- strongly connected components ----------------------------------------------- */

/* What a caller can see of summary s: its encoding, and what the encoding
 * leaves out but a caller reads (the parameters read on every path, the
 * function that releases each member); *encoded: where the encoding ends. */
static char *fingerprint(AcArena *a, const AcSummary *s, size_t *encoded)
{
	if (!s) { /* a copy of a shared header's function (its stand-in is walked) */
		*encoded = 0;
		return ac_arena_printf(a, "%s", "");
	}
	char *text = ac_summary_encode(a, s);
	*encoded = strlen(text);
	if (!s->known || (!s->param_reads && !s->nfreed_members))
		return text;
	AcArena tmp = {0};
	char *reads = AC_ARENA_ARRAY(&tmp, char, s->nparams + 1);
	for (size_t i = 0; i < s->nparams; i++)
		reads[i] = s->param_reads && s->param_reads[i] ? '1' : '0';
	char *fns = AC_ARENA_ARRAY(&tmp, char, 20 * s->nfreed_members + 1);
	for (size_t i = 0, at = 0; i < s->nfreed_members; i++)
		at += (size_t)snprintf(fns + at, 20, " %p", (const void *)s->freed_members[i].fn);
	char *out = ac_arena_printf(a, "%s reads=%s fns=%s", text, reads, fns);
	ac_arena_free(&tmp);
	return out;
}

/* An SCC's state in the scheduler. Done speculatively: walked with the light
 * members' summaries of the recursive SCC whose speculation is open (or of
 * SCCs done speculatively), not yet known to be what the program holds. */
enum { S_WAITING, S_QUEUED, S_RUNNING, S_DONE, S_SPEC_QUEUED, S_SPEC_RUNNING, S_SPEC_DONE };

/* The -v note of recursive SCC s whose summaries did not settle. */
static void note_bound(const Engine *e, size_t s)
{
	const AcProgram *p = e->prog;
	const AcFunc *fn = ac_program_body(p, p->order[p->scc_start[s]]);
	size_t n = p->scc_start[s + 1] - p->scc_start[s];
	ac_note_verbose("%s: function '%s' and %zu other%s calling each other: summaries still changing after %d "
	                "rounds; calls between them stay opaque", fn->loc.file ? fn->loc.file : "?", fn->name, n - 1,
	                n == 2 ? "" : "s", MAX_ROUNDS);
}

/* One recursive SCC being iterated: per member, the members it calls and
 * when its inputs and its summary last changed. A walk is a function of
 * the summaries of the callees (those outside the SCC are final), so a
 * member none of whose callees in the SCC changed since its last walk would
 * walk to the same summary and findings: it is left as it is. A member's
 * summary before its first walk is its seed, so a first walk that ends
 * where the seed began changes nothing either. */
typedef struct Cycle {
	const int *members;
	size_t n;
	size_t **calls;     /* per member: the indexes in members of its callees there, -1 ended */
	size_t *seq;        /* the indexes of the members in the order they are walked */
	size_t *ops;        /* per member: the operations of its body */
	bool *heavy;        /* per member: its body is a large share of the SCC's (run_cycle) */
	char **seen;        /* per member: fingerprint of its summary after its last walk, or of
	                       its seed before */
	size_t *encoded;    /* per member: the length of the encoding that begins seen[i] */
	size_t *walked;     /* per member: the clock at its last walk (0: never walked) */
	size_t *changed;    /* per member: the clock at the walk that last changed its summary */
	bool *exhausted;    /* per member: its last walk ran out of steps */
	AcArena *arena;     /* the fingerprints */
	size_t clock;
	size_t walks;       /* walks made (for the trace) */
} Cycle;

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* c->calls, from the call graph; sorted[] is members in increasing order,
 * pos[k] the index in members of sorted[k]. */
static void cycle_calls(Engine *e, Cycle *c, AcArena *a)
{
	const AcProgram *p = e->prog;
	int *sorted = AC_ARENA_ARRAY(a, int, c->n);
	memcpy(sorted, c->members, c->n * sizeof *sorted);
	qsort(sorted, c->n, sizeof *sorted, cmp_int);
	size_t *pos = AC_ARENA_ARRAY(a, size_t, c->n);
	for (size_t i = 0; i < c->n; i++) {
		const int *hit = bsearch(&c->members[i], sorted, c->n, sizeof *sorted, cmp_int);
		pos[hit - sorted] = i;
	}
	c->calls = AC_ARENA_ARRAY(a, size_t *, c->n);
	c->ops = AC_ARENA_ARRAY(a, size_t, c->n);
	for (size_t i = 0; i < c->n; i++) {
		int g = c->members[i];
		size_t nops = count_ops(ac_program_body(p, g)), k = 0;
		c->ops[i] = nops;
		size_t *list = AC_ARENA_ARRAY(a, size_t, nops + 1);
		for (size_t op = 0; op < nops; op++) {
			int callee = p->callees[g][op];
			const int *hit = callee >= 0 ? bsearch(&callee, sorted, c->n, sizeof *sorted, cmp_int) : NULL;
			if (hit)
				list[k++] = pos[hit - sorted];
		}
		list[k] = (size_t)-1;
		c->calls[i] = list;
	}
}

/* Whether member i must be walked again (see Cycle). */
static bool inputs_changed(Engine *e, const Cycle *c, size_t i)
{
	if (!c->walked[i])
		return true;
	for (const size_t *k = c->calls[i]; *k != (size_t)-1; k++) {
		if (c->changed[*k] >= c->walked[i])
			return true;
	}
	/* a TU out of time walks it again, to make it opaque as it would be */
	return tu_time_left(e, e->prog->funcs[c->members[i]].tu) == 0;
}

/* c->seq: the members in post-order of a depth-first search over their
 * calls within the SCC, from the member with the largest body first (then
 * from each member not reached yet, larger first), so a member is walked
 * after the members it calls, but for the calls that close a cycle, and
 * the largest one after all those it reaches. The link step's order lists
 * callers first: rdbLoadObject, 21 ms a walk, was walked before the four
 * helpers it calls in its cycle of 13, which changed under it, so three
 * times in the first merge of redis. */
static void cycle_order(Cycle *c, AcArena *a)
{
	size_t *roots = AC_ARENA_ARRAY(a, size_t, c->n);
	for (size_t i = 0; i < c->n; i++) { /* insertion sort, larger body first, stable */
		size_t k = i;
		for (; k > 0 && c->ops[roots[k - 1]] < c->ops[i]; k--)
			roots[k] = roots[k - 1];
		roots[k] = i;
	}
	c->seq = AC_ARENA_ARRAY(a, size_t, c->n);
	bool *seen = AC_ARENA_ARRAY(a, bool, c->n);
	size_t *stack = AC_ARENA_ARRAY(a, size_t, c->n), *next = AC_ARENA_ARRAY(a, size_t, c->n), nseq = 0;
	for (size_t r = 0; r < c->n; r++) {
		size_t root = roots[r], depth = 0;
		if (seen[root])
			continue;
		stack[depth++] = root;
		seen[root] = true;
		while (depth > 0) {
			size_t m = stack[depth - 1], k = c->calls[m][next[m]];
			if (k == (size_t)-1) {
				c->seq[nseq++] = m;
				depth--;
				continue;
			}
			next[m]++;
			if (!seen[k]) {
				seen[k] = true;
				stack[depth++] = k;
			}
		}
	}
}

/* One round over the members, in c->seq's order: the heavy ones, or the
 * others. Returns whether a summary changed (*encoding: its encoding). */
static bool cycle_round(Engine *e, Cycle *c, size_t w, bool heavy, bool *encoding)
{
	bool changed = false;
	for (size_t at = 0; at < c->n; at++) {
		size_t i = c->seq[at];
		int g = c->members[i];
		if (c->heavy[i] != heavy)
			continue;
		if (!inputs_changed(e, c, i)) {
			if (c->exhausted[i]) { /* counted as often as the walk would have been */
				pthread_mutex_lock(&e->lock);
				e->budget[e->prog->funcs[g].tu].step_limited++;
				e->fn_limited[g]++;
				pthread_mutex_unlock(&e->lock);
			}
			continue;
		}
		bool first = !c->walked[i];
		c->exhausted[i] = run_function(e, g, w);
		c->walks++;
		c->walked[i] = ++c->clock;
		size_t encoded;
		char *now = fingerprint(c->arena, e->sums[g], &encoded);
		/* a first walk changes the encoding (as the rounds count: the seed's
		 * is not compared), but its callers only when it is not the seed's */
		*encoding |= first || encoded != c->encoded[i] || memcmp(now, c->seen[i], encoded) != 0;
		if (strcmp(c->seen[i], now) != 0) {
			c->changed[i] = c->clock;
			changed = true;
		}
		c->seen[i] = now;
		c->encoded[i] = encoded;
	}
	return changed;
}

/* Rounds over every member until one changes no summary's encoding, at
 * most MAX_ROUNDS. Returns the rounds made, or 0 at the bound. */
static size_t iterate_all(Engine *e, Cycle *c, size_t w)
{
	for (size_t round = 0; round < MAX_ROUNDS; round++) {
		bool encoding = false;
		cycle_round(e, c, w, false, &encoding);
		if (!encoding)
			return round + 1;
	}
	return 0;
}

/* The light members iterated under the heavy ones' summaries until they
 * settle (at most MAX_ROUNDS rounds), then the heavy ones walked, again
 * while that changes them (at most MAX_ROUNDS times). Returns the rounds
 * made, or 0 at a bound. */
static void settle_speculation(Engine *e, size_t s, const Cycle *c);
static void pause_speculation(Engine *e, size_t s);
static void close_speculation(Engine *e, size_t s);

static size_t iterate_light_first(Engine *e, Cycle *c, size_t w, size_t s)
{
	size_t rounds = 0;
	for (size_t phase = 0; phase < MAX_ROUNDS; phase++) {
		bool changed, encoding = false;
		size_t light = 0;
		do {
			changed = cycle_round(e, c, w, false, &encoding);
			light++;
		} while (changed && light < MAX_ROUNDS);
		rounds += light + 1;
		if (changed)
			break;
		settle_speculation(e, s, c);
		if (!cycle_round(e, c, w, true, &encoding))
			return rounds; /* what the callers saw stands: they complete with s */
		pause_speculation(e, s); /* before any light member is walked again */
	}
	close_speculation(e, s); /* the members become opaque */
	return 0;
}

/* c->heavy: the members whose body holds a quarter of the SCC's
 * operations or more, in an SCC of three or more, unless all of them do;
 * returns how many. A heavy member walked with its callees' first
 * summaries is walked again each time they change (lua's luaV_execute,
 * half of its cycle of 121, was walked twice): it is walked once the
 * others have settled instead. */
static size_t mark_heavy(Cycle *c, AcArena *a)
{
	size_t total = 0, nheavy = 0;
	for (size_t i = 0; i < c->n; i++)
		total += c->ops[i];
	c->heavy = AC_ARENA_ARRAY(a, bool, c->n);
	for (size_t i = 0; c->n > 2 && i < c->n; i++) {
		c->heavy[i] = 4 * c->ops[i] >= total;
		nheavy += c->heavy[i];
	}
	if (nheavy < c->n)
		return nheavy;
	memset(c->heavy, 0, c->n * sizeof *c->heavy);
	return 0;
}

/* Walks a recursive SCC until its summaries stop changing. Each member
 * starts from a summary that says nothing happens (optimistic: the rounds
 * add what the bodies show). */
static void run_cycle(Engine *e, size_t s, const int *members, size_t n, size_t w)
{
	AcArena tmp = {0};
	Cycle c = {.members = members, .n = n, .arena = &tmp};
	cycle_calls(e, &c, &tmp);
	cycle_order(&c, &tmp);
	c.seen = AC_ARENA_ARRAY(&tmp, char *, n);
	c.encoded = AC_ARENA_ARRAY(&tmp, size_t, n);
	c.walked = AC_ARENA_ARRAY(&tmp, size_t, n);
	c.changed = AC_ARENA_ARRAY(&tmp, size_t, n);
	c.exhausted = AC_ARENA_ARRAY(&tmp, bool, n);
	for (size_t i = 0; i < n; i++) {
		int g = members[i];
		e->sums[g] = ac_summary_seed(&e->arenas[w], ac_program_body(e->prog, g), e->prog->families[e->prog->funcs[g].tu]);
		c.seen[i] = fingerprint(&tmp, e->sums[g], &c.encoded[i]);
		note_summary(e, g, w);
	}
	AcTraceSpan span = ac_trace_begin();
	size_t rounds = mark_heavy(&c, &tmp) ? iterate_light_first(e, &c, w, s) : iterate_all(e, &c, w);
	ac_arena_free(&tmp);
	if (rounds) {
		if (n > 8) {
			char what[160];
			snprintf(what, sizeof what, "%s and %zu others, %zu rounds, %zu walks", ac_program_body(e->prog, members[0])->name, n - 1, rounds, c.walks);
			ac_trace_end(&span, "cycle", what);
		}
		return;
	}
	if (e->sstate && e->sstate[s] == S_SPEC_RUNNING)
		e->scc_bounded[s] = true; /* said if it stands (scc_confirmed) */
	else
		note_bound(e, s);
	pthread_mutex_lock(&e->lock);
	e->rounds_limited++;
	pthread_mutex_unlock(&e->lock);
	for (size_t i = 0; i < n; i++) {
		e->sums[members[i]] = NULL;
		note_summary(e, members[i], w);
	}
	for (size_t i = 0; i < n; i++) {
		run_function(e, members[i], w);
		e->sums[members[i]]->known = false;
		note_summary(e, members[i], w);
	}
	for (size_t i = 0; i < n; i++) {
		e->sums[members[i]] = ac_summary_opaque(&e->arenas[w], ac_program_body(e->prog, members[i]),
		                                        e->prog->families[e->prog->funcs[members[i]].tu]);
		note_summary(e, members[i], w);
	}
}

static void run_scc(Engine *e, size_t s, size_t w)
{
	const AcProgram *p = e->prog;
	const int *members = &p->order[p->scc_start[s]];
	size_t n = p->scc_start[s + 1] - p->scc_start[s];
	if (!p->scc_cyclic[s]) {
		run_function(e, members[0], w);
		return;
	}
	run_cycle(e, s, members, n, w);
}

/* ---- the scheduler ----------------------------------------------------------------- */

/* Whether ready SCC a runs before b: what runs for real before what runs
 * speculatively, then the heavier first. A speculative run only fills a
 * worker that has nothing else to do: on curl-lib, where the workers never
 * wait, Curl_cookie_add ran speculatively before SCCs ready for real, was
 * set aside and walked again (-j2 executed 1.9% more instructions than -j1,
 * most of them in the engine). */
static bool heavier(const Engine *e, size_t a, size_t b)
{
	bool real_a = e->sstate[a] != S_SPEC_QUEUED, real_b = e->sstate[b] != S_SPEC_QUEUED;
	if (real_a != real_b)
		return real_a;
	const size_t *w = e->prog->scc_weight;
	return w[a] != w[b] ? w[a] > w[b] : a < b;
}

/* Under ready_lock. */
static void push_ready(Engine *e, size_t s)
{
	size_t i = e->nready++;
	while (i > 0 && heavier(e, s, e->ready[(i - 1) / 2])) {
		e->ready[i] = e->ready[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	e->ready[i] = s;
}

/* Under ready_lock: queued SCC s runs for real now (heavier): it moves up
 * the heap. */
static void raise_ready(Engine *e, size_t s)
{
	size_t i = 0;
	while (i < e->nready && e->ready[i] != s)
		i++;
	if (i == e->nready)
		return;
	while (i > 0 && heavier(e, s, e->ready[(i - 1) / 2])) {
		e->ready[i] = e->ready[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	e->ready[i] = s;
}

/* Under ready_lock, with nready > 0. */
static size_t pop_ready(Engine *e)
{
	size_t top = e->ready[0], last = e->ready[--e->nready], i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= e->nready)
			break;
		if (c + 1 < e->nready && heavier(e, e->ready[c + 1], e->ready[c]))
			c++;
		if (!heavier(e, e->ready[c], last))
			break;
		e->ready[i] = e->ready[c];
		i = c;
	}
	if (e->nready > 0)
		e->ready[i] = last;
	return top;
}

typedef struct Worker {
	Engine *e;
	size_t w;
} Worker;

/* ---- speculation ------------------------------------------------------------------- */

static const size_t NO_SCC = (size_t)-1;

static void release_callers(Engine *e, size_t s, bool spec);

/* Under ready_lock: what SCC s, run speculatively, kept from saying is said. */
static void scc_confirmed(Engine *e, size_t s)
{
	if (e->scc_bounded[s])
		note_bound(e, s);
	e->scc_bounded[s] = false;
}

/* Under ready_lock: queues SCC c when it can run, for real (every SCC it
 * calls done) or speculatively (every one done or done speculatively, while
 * a speculation is open; a recursive SCC never). An SCC done speculatively
 * whose callees are all done is done: its callers are released for real. */
static void consider(Engine *e, size_t c)
{
	if (e->waiting[c] == 0) {
		if (e->sstate[c] == S_WAITING) {
			e->sstate[c] = S_QUEUED;
			push_ready(e, c);
		} else if (e->sstate[c] == S_SPEC_QUEUED) {
			e->sstate[c] = S_QUEUED;
			if (e->spec_paused) /* taken off the heap by the pause */
				push_ready(e, c);
			else
				raise_ready(e, c);
		} else if (e->sstate[c] == S_SPEC_DONE) {
			scc_confirmed(e, c);
			e->sstate[c] = S_DONE;
			e->ndone++;
			release_callers(e, c, false);
		} /* S_SPEC_RUNNING: done for real when it ends */
		return;
	}
	if (e->pending[c] == 0 && e->spec_owner != NO_SCC && !e->spec_paused && e->sstate[c] == S_WAITING) {
		e->sstate[c] = S_SPEC_QUEUED;
		push_ready(e, c);
	}
}

/* Under ready_lock: s is done (spec: speculatively). Each call into s from
 * a caller counts once in pending and once in waiting; the entries released
 * when a speculation opened (entry_spec) or by a speculative end already
 * counted in pending. */
static void release_callers(Engine *e, size_t s, bool spec)
{
	const AcProgram *p = e->prog;
	for (size_t k = p->caller_start[s]; k < p->caller_start[s + 1]; k++) {
		size_t c = p->scc_callers[k];
		if (spec) {
			e->pending[c]--;
		} else {
			e->waiting[c]--;
			if (!e->entry_spec[k])
				e->pending[c]--;
		}
		e->entry_spec[k] = spec;
		consider(e, c);
	}
}

/* Whether body g calls one of heavy[0..n). */
static bool calls_any(const Engine *e, int g, const int *heavy, size_t n)
{
	const AcProgram *p = e->prog;
	size_t nops = count_ops(ac_program_body(p, g));
	for (size_t op = 0; op < nops; op++) {
		for (size_t i = 0; p->callees[g][op] >= 0 && i < n; i++) {
			if (heavy[i] == p->callees[g][op])
				return true;
		}
	}
	return false;
}

/* Under ready_lock: queues what may run speculatively now. */
static void queue_speculative(Engine *e)
{
	const AcProgram *p = e->prog;
	for (size_t x = 0; x < p->nsccs; x++) {
		if (e->sstate[x] == S_SPEC_QUEUED)
			push_ready(e, x);
		else if (e->sstate[x] == S_WAITING)
			consider(e, x);
	}
}

/* Under ready_lock: the heap again, of the SCCs queued for real. */
static void drop_speculative(Engine *e)
{
	size_t n = e->nready;
	size_t *keep = ac_calloc(n + 1, sizeof *keep), nkeep = 0;
	for (size_t i = 0; i < n; i++) {
		if (e->sstate[e->ready[i]] == S_QUEUED)
			keep[nkeep++] = e->ready[i];
	}
	e->nready = 0;
	for (size_t i = 0; i < nkeep; i++)
		push_ready(e, keep[i]);
	ac_free(keep);
}

/* Under ready_lock: waits for the SCCs running speculatively to end. */
static void drain_speculative(Engine *e)
{
	while (e->nspec_running > 0)
		pthread_cond_wait(&e->ready_cond, &e->ready_lock);
}

/* Under ready_lock: what ran speculatively is set aside (it runs again when
 * its callees are done) and the speculation is closed. */
static void discard_speculation(Engine *e)
{
	const AcProgram *p = e->prog;
	e->spec_owner = NO_SCC;
	e->spec_paused = false;
	drain_speculative(e);
	for (size_t x = 0; x < p->nsccs; x++) {
		if (e->sstate[x] == S_SPEC_DONE) { /* its walks are made again, and their bounds counted again */
			e->nredone++;
			pthread_mutex_lock(&e->lock);
			for (size_t k = p->scc_start[x]; k < p->scc_start[x + 1]; k++) {
				int g = p->order[k];
				e->budget[p->funcs[g].tu].step_limited -= e->fn_limited[g];
				e->fn_limited[g] = 0;
			}
			e->rounds_limited -= e->scc_bounded[x];
			e->scc_bounded[x] = false;
			pthread_mutex_unlock(&e->lock);
		}
		if (e->sstate[x] == S_SPEC_DONE || e->sstate[x] == S_SPEC_QUEUED)
			e->sstate[x] = S_WAITING;
		if (e->sstate[x] != S_DONE)
			e->pending[x] = e->waiting[x];
	}
	for (size_t k = 0; k < p->caller_start[p->nsccs]; k++)
		e->entry_spec[k] = false;
	drop_speculative(e);
}

/* Recursive SCC s's light members have settled and its heavy members are
 * walked next. When their walks change no summary, the light members'
 * summaries are the ones its callers will read: the callers that do not
 * call a heavy member may run meanwhile, and their callers in turn, on the
 * other workers (lua's luaV_execute, 23 ms, was walked alone while every
 * other function of the program waited for its SCC). When a heavy walk
 * changes a summary, the speculation pauses while the light members are
 * walked again; it goes on if none of their summaries changed since it
 * opened (a walk depends only on what its callees' summaries say, as
 * inputs_changed assumes), else what ran is set aside and it opens again.
 * One speculation is open at a time. */
static void settle_speculation(Engine *e, size_t s, const Cycle *c)
{
	const AcProgram *p = e->prog;
	if (!e->spec)
		return;
	pthread_mutex_lock(&e->ready_lock);
	if (e->sstate[s] != S_RUNNING) { /* run speculatively itself: opens nothing */
		pthread_mutex_unlock(&e->ready_lock);
		return;
	}
	if (e->spec_owner == s) {
		bool same = true;
		for (size_t i = 0; same && i < c->n; i++)
			same = c->heavy[i] || c->changed[i] <= e->spec_clock;
		if (same) {
			e->spec_paused = false;
			queue_speculative(e);
			pthread_cond_broadcast(&e->ready_cond);
			pthread_mutex_unlock(&e->ready_lock);
			return;
		}
		discard_speculation(e);
	}
	if (e->spec_owner == NO_SCC) {
		e->spec_owner = s;
		e->spec_clock = c->clock;
		int *heavy = ac_calloc(c->n, sizeof *heavy);
		size_t nheavy = 0;
		for (size_t i = 0; i < c->n; i++) {
			if (c->heavy[i])
				heavy[nheavy++] = c->members[i];
		}
		for (size_t k = p->caller_start[s]; k < p->caller_start[s + 1]; k++) {
			size_t caller = p->scc_callers[k];
			bool reads_heavy = false;
			for (size_t m = p->scc_start[caller]; !reads_heavy && m < p->scc_start[caller + 1]; m++)
				reads_heavy = calls_any(e, p->order[m], heavy, nheavy);
			if (reads_heavy)
				continue;
			e->entry_spec[k] = true;
			e->pending[caller]--;
			consider(e, caller);
		}
		ac_free(heavy);
		pthread_cond_broadcast(&e->ready_cond);
	}
	pthread_mutex_unlock(&e->ready_lock);
}

/* A heavy walk of s changed a summary: nothing runs speculatively until the
 * light members have settled again (settle_speculation). */
static void pause_speculation(Engine *e, size_t s)
{
	pthread_mutex_lock(&e->ready_lock);
	if (e->spec_owner == s) {
		e->spec_paused = true;
		drop_speculative(e);
		drain_speculative(e);
	}
	pthread_mutex_unlock(&e->ready_lock);
}

/* s gives up its summaries: what ran speculatively is set aside. */
static void close_speculation(Engine *e, size_t s)
{
	pthread_mutex_lock(&e->ready_lock);
	if (e->spec_owner == s)
		discard_speculation(e);
	pthread_mutex_unlock(&e->ready_lock);
}

/* Under ready_lock: SCC s, which ran on a worker, has ended. */
static void scc_ended(Engine *e, size_t s)
{
	if (e->sstate[s] == S_SPEC_RUNNING) {
		e->nspec_running--;
		if (e->waiting[s] > 0) {
			e->sstate[s] = S_SPEC_DONE;
			release_callers(e, s, true);
			return;
		}
		scc_confirmed(e, s);
	}
	if (e->spec_owner == s) { /* its heavy walks changed nothing: what ran stands */
		e->spec_owner = NO_SCC;
		e->spec_paused = false;
	}
	e->sstate[s] = S_DONE;
	e->ndone++;
	release_callers(e, s, false);
}

/* Takes ready SCCs until every SCC is done; finishing one readies the
 * callers that waited only for it. */
static void *scc_worker(void *arg)
{
	Worker *wk = arg;
	Engine *e = wk->e;
	const AcProgram *p = e->prog;
	AcTraceSpan span = ac_trace_begin();
	double idle = 0;
	size_t nrun = 0;
	pthread_mutex_lock(&e->ready_lock);
	for (;;) {
		AcTraceSpan wait = ac_trace_begin();
		while (e->nready == 0 && e->ndone < p->nsccs)
			pthread_cond_wait(&e->ready_cond, &e->ready_lock);
		if (e->scc_cpu)
			idle += ac_trace_begin().wall - wait.wall;
		nrun++;
		if (e->nready == 0)
			break;
		size_t s = pop_ready(e);
		if (e->sstate[s] == S_SPEC_QUEUED) {
			e->sstate[s] = S_SPEC_RUNNING;
			e->nspec_running++;
			e->nspec++;
		} else {
			e->sstate[s] = S_RUNNING;
		}
		pthread_mutex_unlock(&e->ready_lock);
		double cpu = e->scc_cpu ? ac_trace_thread_cpu() : 0;
		run_scc(e, s, wk->w);
		if (e->scc_cpu)
			e->scc_cpu[s] = ac_trace_thread_cpu() - cpu;
		pthread_mutex_lock(&e->ready_lock);
		scc_ended(e, s);
		/* every waiter: a worker for what became ready, a closing speculation
		 * for the end of what ran speculatively, all of them at the end */
		pthread_cond_broadcast(&e->ready_cond);
	}
	pthread_mutex_unlock(&e->ready_lock);
	if (e->scc_cpu) {
		char what[80];
		snprintf(what, sizeof what, "sccs=%zu waited=%.3f", nrun - 1, idle * 1e3);
		ac_trace_end(&span, "analyse", what);
	}
	return NULL;
}

/* The analysis replayed on nworkers idle cores: each SCC takes the CPU it
 * took in this run, the workers take ready SCCs as scc_worker does
 * (heaviest first). Returns its span in seconds; *idle: the time workers
 * waited in it, summed. Load on the machine stretches wall time, not this. */
static double replay_schedule(const Engine *e, double *idle)
{
	const AcProgram *p = e->prog;
	size_t ns = p->nsccs, nw = e->nworkers;
	size_t *waiting = ac_calloc(ns + 1, sizeof *waiting), *ready = ac_calloc(ns + 1, sizeof *ready);
	size_t *running = ac_calloc(nw, sizeof *running);
	double *free_at = ac_calloc(nw, sizeof *free_at), now = 0, busy = 0;
	/* push_ready and pop_ready on a heap of its own; every SCC replays as a
	 * real run (calloc: S_WAITING), and the run's own states are gone. */
	unsigned char *state = ac_calloc(ns + 1, sizeof *state);
	Engine sim = *e;
	sim.ready = ready;
	sim.nready = 0;
	sim.sstate = state;
	for (size_t s = 0; s < ns; s++) {
		waiting[s] = p->scc_ndeps[s];
		if (!waiting[s])
			push_ready(&sim, s);
	}
	for (size_t w = 0; w < nw; w++)
		running[w] = (size_t)-1;
	for (size_t done = 0; done < ns;) {
		for (size_t w = 0; w < nw && sim.nready; w++) { /* idle workers take ready SCCs */
			if (running[w] != (size_t)-1)
				continue;
			running[w] = pop_ready(&sim);
			free_at[w] = now + e->scc_cpu[running[w]];
			busy += e->scc_cpu[running[w]];
		}
		size_t first = (size_t)-1; /* the next worker to finish */
		for (size_t w = 0; w < nw; w++) {
			if (running[w] != (size_t)-1 && (first == (size_t)-1 || free_at[w] < free_at[first]))
				first = w;
		}
		if (first == (size_t)-1)
			break; /* nothing runs and nothing is ready: cannot happen on a DAG */
		now = free_at[first];
		size_t s = running[first];
		running[first] = (size_t)-1;
		done++;
		for (size_t k = p->caller_start[s]; k < p->caller_start[s + 1]; k++) {
			if (--waiting[p->scc_callers[k]] == 0)
				push_ready(&sim, p->scc_callers[k]);
		}
	}
	*idle = now * (double)nw - busy;
	ac_free(state);
	ac_free(waiting);
	ac_free(ready);
	ac_free(running);
	ac_free(free_at);
	return now;
}

/* With -vv: the CPU the SCCs took in all, and along the costliest chain of
 * callers (the analysis can take no less on any number of threads), and
 * the span of the analysis replayed on the run's workers on idle cores. */
static void trace_critical_path(const Engine *e)
{
	const AcProgram *p = e->prog;
	double *chain = ac_calloc(p->nsccs + 1, sizeof *chain), total = 0, longest = 0, heaviest = 0;
	size_t top = 0;
	for (size_t s = 0; s < p->nsccs; s++) { /* callees first: chain[s] holds its costliest callee chain */
		chain[s] += e->scc_cpu[s];
		total += e->scc_cpu[s];
		longest = chain[s] > longest ? chain[s] : longest;
		if (e->scc_cpu[s] > heaviest) {
			heaviest = e->scc_cpu[s];
			top = s;
		}
		for (size_t k = p->caller_start[s]; k < p->caller_start[s + 1]; k++) {
			size_t c = p->scc_callers[k];
			chain[c] = chain[s] > chain[c] ? chain[s] : chain[c];
		}
	}
	ac_free(chain);
	AcTraceSpan none = ac_trace_begin();
	char what[300];
	const AcFunc *fn = p->nsccs ? ac_program_body(p, p->order[p->scc_start[top]]) : NULL;
	double idle, span = replay_schedule(e, &idle);
	snprintf(what, sizeof what, "sccs=%zu cpu=%.3f critical=%.3f replay=%.3f idle=%.3f workers=%zu speculative=%zu redone=%zu heaviest=%.3f (%s and %zu other%s)", p->nsccs,
	         total * 1e3, longest * 1e3, span * 1e3, idle * 1e3, e->nworkers, e->nspec, e->nredone, heaviest * 1e3, fn ? fn->name : "-",
	         p->nsccs ? p->scc_start[top + 1] - p->scc_start[top] - 1 : 0,
	         p->nsccs && p->scc_start[top + 1] - p->scc_start[top] == 2 ? "" : "s");
	ac_trace_end(&none, "analysis-graph", what);
}

/* Runs every SCC, callees first, on up to nworkers threads. */
static void run_sccs(Engine *e)
{
	const AcProgram *p = e->prog;
	size_t ns = p->nsccs ? p->nsccs : 1;
	if (ac_trace_on())
		e->scc_cpu = ac_calloc(ns, sizeof *e->scc_cpu);
	e->waiting = ac_calloc(ns, sizeof *e->waiting);
	e->ready = ac_calloc(ns, sizeof *e->ready);
	e->pending = ac_calloc(ns, sizeof *e->pending);
	e->sstate = ac_calloc(ns, sizeof *e->sstate);
	e->scc_bounded = ac_calloc(ns, sizeof *e->scc_bounded);
	e->entry_spec = ac_calloc(p->caller_start[p->nsccs] + 1, sizeof *e->entry_spec);
	e->spec_owner = NO_SCC;
	/* a walk taken from a record must see its callees' final summaries */
	e->spec = e->nworkers > 1 && !e->walks;
	pthread_mutex_init(&e->ready_lock, NULL);
	pthread_cond_init(&e->ready_cond, NULL);
	for (size_t s = 0; s < p->nsccs; s++) {
		e->waiting[s] = e->pending[s] = p->scc_ndeps[s];
		if (!e->waiting[s]) {
			e->sstate[s] = S_QUEUED;
			push_ready(e, s);
		}
	}
	Worker *wk = ac_calloc(e->nworkers, sizeof *wk);
	pthread_t *threads = ac_calloc(e->nworkers, sizeof *threads);
	for (size_t w = 0; w < e->nworkers; w++)
		wk[w] = (Worker){e, w};
	size_t nt = p->nsccs < e->nworkers ? p->nsccs : e->nworkers, started = 0;
	for (size_t w = 1; w < nt; w++) {
		if (ac_stack_thread(&threads[started], scc_worker, &wk[w]) != 0)
			break;
		started++;
	}
	scc_worker(&wk[0]);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	pthread_cond_destroy(&e->ready_cond);
	pthread_mutex_destroy(&e->ready_lock);
	ac_free(threads);
	ac_free(wk);
	ac_free(e->ready);
	ac_free(e->waiting);
	ac_free(e->pending);
	ac_free(e->sstate);
	ac_free(e->scc_bounded);
	ac_free(e->entry_spec);
	if (e->scc_cpu)
		trace_critical_path(e);
	ac_free(e->scc_cpu);
	e->scc_cpu = NULL;
}

/* A member left dangling by one function and released again by the
 * destructor (transfer_release.c), within each TU. */
static void check_dangling_members(Engine *e, AcProgramResult *res)
{
	const AcProgram *p = e->prog;
	for (size_t t = 0; t < p->ntus; t++) {
		if (!p->tus[t])
			continue;
		AcFieldTable all = {0};
		for (size_t f = 0; f < p->tus[t]->nfuncs; f++) {
			const AcFieldTable *ft = &e->fields[ac_program_func(p, t, f)];
			for (size_t k = 0; k < ft->dangling.n; k++)
				AC_VEC_PUSH(&all.dangling, ft->dangling.v[k]);
			for (size_t k = 0; k < ft->destructor.n; k++)
				AC_VEC_PUSH(&all.destructor, ft->destructor.v[k]);
		}
		ac_lifetime_check_members(p->tus[t], &all, &e->tu_opt[t], &res->findings[t]);
		free_fields(&all);
	}
}

/* ---- budgets and clocks ---------------------------------------------------------- */

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

/* ---- the program ------------------------------------------------------------------ */

/* Decodes the external summaries of the program (cache hits,
 * --program-summaries) that a call of a body reaches: only walks read them
 * (callee_summary, walk_digest), and a run whose every file came from the
 * cache walks nothing (lua5.4's 342 summaries were 17 % of such a run). */
static void decode_externs(Engine *e)
{
	const AcProgram *p = e->prog;
	ac_intern_init(&e->ext_names, &e->ext_arena);
	bool *called = ac_calloc(p->externs.n + 1, sizeof *called);
	for (size_t g = 0; g < p->nbodies; g++) {
		for (size_t k = 0; p->callees[g] && k < p->nops[g]; k++) {
			int c = p->callees[g][k];
			if (c >= 0 && (size_t)c >= p->nbodies)
				called[(size_t)c - p->nbodies] = true;
		}
	}
	for (size_t x = 0; x < p->externs.n; x++) {
		if (!called[x])
			continue;
		AcSummary *s = ac_summary_decode(&e->ext_arena, &e->ext_names, p->externs.v[x].text, p->base);
		if (s && s->known)
			e->sums[p->nbodies + x] = s;
		note_summary(e, (int)(p->nbodies + x), 0);
	}
	ac_free(called);
}

void ac_engine_run_program(const AcProgram *p, const AcEngineOptions *opt, size_t nthreads, AcProgramResult *res)
{
	Engine e = {.prog = p, .opt = opt};
	size_t nt = p->ntus ? p->ntus : 1, nb = p->nbodies ? p->nbodies : 1;
	e.nworkers = nthreads < 1 ? 1 : nthreads > 256 ? 256 : nthreads;
	e.tu_opt = ac_calloc(nt, sizeof *e.tu_opt);
	for (size_t t = 0; t < p->ntus; t++) {
		e.tu_opt[t] = *opt;
		e.tu_opt[t].families = p->families[t];
	}
	e.sums = ac_calloc(p->nfuncs ? p->nfuncs : 1, sizeof *e.sums);
	e.fout = ac_calloc(nb, sizeof *e.fout);
	e.fields = ac_calloc(nb, sizeof *e.fields);
	e.fn_limited = ac_calloc(nb, sizeof *e.fn_limited);
	e.arenas = ac_calloc(e.nworkers, sizeof *e.arenas);
	e.spent = ac_calloc(nt, sizeof *e.spent);
	e.tu_out = ac_calloc(nt, sizeof *e.tu_out);
	e.budget = ac_calloc(nt, sizeof *e.budget);
	for (size_t t = 0; res->spent && t < p->ntus; t++)
		e.spent[t] = res->spent[t];
	pthread_mutex_init(&e.lock, NULL);
	e.walks = res->walks_in || res->walks_out;
	e.walks_in = res->walks_in;
	e.walks_out = res->walks_out;
	e.tu_walked = res->tu_walked;
	e.sum_text = ac_calloc(p->nfuncs ? p->nfuncs : 1, sizeof *e.sum_text);
	e.wnames = ac_calloc(e.nworkers, sizeof *e.wnames);
	for (size_t w = 0; w < e.nworkers; w++)
		ac_intern_init(&e.wnames[w], &e.arenas[w]);
	for (size_t t = 0; res->walks_out && t < p->ntus; t++) {
		if (p->tus[t])
			ac_walks_init(&res->walks_out[t], p->tus[t]->nfuncs);
	}
	decode_externs(&e);
	e.null_params = p->null_params;
	run_sccs(&e);
	res->nwalked = e.nwalked;
	res->nreused = e.nreused;
	AcTraceSpan span = ac_trace_begin();
	ac_members_check(p, e.fields, &opt->rules, res);
	check_dangling_members(&e, res);
	ac_trace_end(&span, "members", NULL);
	span = ac_trace_begin();
	/* Findings to their TUs in the program's order; summaries to text. A
	 * shared header's function walked for several TUs gives its findings
	 * to each (reported once): a TU's results do not depend on which file
	 * of the run had the copy walked, so a cached one holds them too. */
	for (size_t i = 0; i < p->nbodies; i++) {
		int g = p->order[i];
		AcFindings *to = &res->findings[p->funcs[g].tu];
		const AcFindings *from = &e.fout[p->standin[g]];
		for (size_t k = 0; k < from->list.n; k++)
			ac_findings_add(to, &from->list.v[k]);
	}
	for (size_t g = 0; res->summaries && g < p->nbodies; g++)
		res->summaries[g] = !e.sums[g] ? NULL
		                    : e.walks ? ac_arena_strdup(res->arena, e.sum_text[g]) /* made already */
		                              : ac_summary_encode(res->arena, e.sums[g]);
	for (size_t t = 0; t < p->ntus; t++)
		ac_budget_add(&res->budget[t], &e.budget[t]);
	res->rounds_limited = e.rounds_limited;
	ac_trace_end(&span, "gather", NULL);
	for (size_t g = 0; g < p->nbodies; g++) {
		ac_findings_free(&e.fout[g]);
		free_fields(&e.fields[g]);
	}
	for (size_t w = 0; w < e.nworkers; w++) {
		ac_intern_free(&e.wnames[w]);
		ac_arena_free(&e.arenas[w]);
	}
	ac_free(e.wnames);
	ac_free(e.sum_text);
	pthread_mutex_destroy(&e.lock);
	ac_intern_free(&e.ext_names);
	ac_arena_free(&e.ext_arena);
	ac_free(e.tu_opt);
	ac_free(e.sums);
	ac_free(e.fout);
	ac_free(e.fields);
	ac_free(e.fn_limited);
	ac_free(e.arenas);
	ac_free(e.spent);
	ac_free(e.tu_out);
	ac_free(e.budget);
}

void ac_engine_run_bounded(const AcTu *tu, const AcEngineOptions *opt, double deadline, AcFindings *out,
                           AcBudget *budget)
{
	const AcFamilies *run_families = opt->families ? opt->families : ac_families_builtin();
	AcTu *tus[1] = {(AcTu *)tu};
	AcProgram p;
	ac_program_init(&p, tus, 1, run_families);
	p.tu_only = true;
	ac_program_link(&p);
	AcBudget b = {0};
	/* What the TU's time already cost (its parse) counts against its budget. */
	double spent = deadline > 0 && opt->tu_timeout ? (double)opt->tu_timeout - (deadline - ac_engine_now()) : 0;
	AcProgramResult res = {.findings = out, .budget = &b, .spent = &spent};
	ac_engine_run_program(&p, opt, 1, &res);
	if (budget)
		ac_budget_add(budget, &b);
	ac_program_free(&p);
}

void ac_engine_run(const AcTu *tu, const AcEngineOptions *opt, AcFindings *out)
{
	AcEngineOptions o = *opt;
	o.tu_timeout = 0;
	ac_engine_run_bounded(tu, &o, 0, out, NULL);
}
