/*
 * null_args: see null_args.h. The records of one TU, as text:
 *
 *   D<fi>,<s|e>,<mask>,<name>  function fi of the TU: static or not, its pointer parameters
 *                              (hexadecimal, the first 32)
 *   A<callee>                  the address of a function taken where the program cannot follow
 *                              every call through it
 *   C<callee>=<n>:<arg>/...    the TU's calls of callee, merged: n arguments, each "-" (some
 *                              call may pass something else) or the parameters "fi.j" of its
 *                              callers ('+' between, none: NULL at every call) that must all
 *                              be NULL for every call to pass NULL
 *   E                          the TU had parse errors (code may be missing)
 *
 * separated by blanks; a callee is s<fi> (a static function of the TU) or
 * e<name>. Whether an argument is NULL is decided inside its function: a
 * null pointer constant, a local variable whose address is not taken that
 * the nearest store before sets to one, or, past a join, that every store
 * of the function sets to one (at least one: not an uninitialized one), or
 * a pointer parameter its function never writes, NULL when its own callers
 * all pass NULL.
 */
#include "null_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "int_text.h"
#include "mem.h"
#include "vec.h"

enum { MAX_CONDS = 8, MAX_ARGS = 32 };

/* v in decimal, or hexadecimal */
static void putn(AcText *t, unsigned long v, bool hex)
{
	char buf[24];
	size_t n = sizeof buf;
	buf[--n] = '\0';
	do {
		buf[--n] = "0123456789abcdef"[v % (hex ? 16 : 10)];
		v /= hex ? 16 : 10;
	} while (v);
	ac_text_put(t, buf + n);
}

/* ---- one TU's records ---------------------------------------------------------- */

/* What one argument of the calls of a callee is: -1 something else, else
 * NULL when conds[0..n) (fi << 5 | j: parameter j of function fi) are. */
typedef struct Spec {
	int n;
	uint32_t conds[MAX_CONDS];
} Spec;

/* A function as the TU names it: static fi, else name (interned in the TU). */
typedef struct Callee {
	int fi;               /* >= 0: the TU's static function */
	const char *name;
} Callee;

typedef struct CallRec {
	Callee callee;
	size_t nargs;
	Spec *args;           /* nargs */
} CallRec;

typedef AC_VEC(Callee) Callees;
typedef AC_VEC(CallRec) CallRecs;

/* Per place of the function being read: what its stores store. */
enum { STORES_NONE, STORES_NULL, STORES_OTHER };

static bool null_constant(AcOperand o)
{
	return o.kind == AC_OPND_NULL || (o.kind == AC_OPND_INT && o.ival == 0);
}

/* What the nearest store before op i of block b into place q stores, on
 * the one path that leads there: 1 NULL, 0 something else (or q dies), -1
 * a join or the entry comes first. */
static int last_store_null(const AcFunc *f, size_t b, size_t i, int q)
{
	for (size_t steps = 0; steps < f->nblocks; steps++) {
		const AcBlock *blk = &f->blocks[b];
		while (i-- > 0) {
			const AcOp *op = &blk->ops[i];
			for (size_t k = 0; op->kind == AC_OP_KILL && k < op->nkill; k++) {
				if (op->kill[k] == q)
					return 0;
			}
			if (op->dst == q)
				return op->kind == AC_OP_ASSIGN && null_constant(op->src);
		}
		if (blk->npred != 1)
			return -1;
		b = (size_t)blk->pred[0];
		i = f->blocks[b].nops;
	}
	return -1;
}

/* Operand o of op i of block b of function fi (f; stores: per place,
 * STORES_*): see the file comment. */
static Spec arg_spec(const AcFunc *f, const uint8_t *stores, size_t fi, size_t b, size_t i, AcOperand o)
{
	Spec none = {-1, {0}}, always = {0, {0}};
	if (null_constant(o))
		return always;
	if (o.kind != AC_OPND_PLACE || o.place < 0)
		return none;
	const AcPlace *pl = &f->places[o.place];
	if (pl->kind != AC_PLACE_VAR || pl->addr_taken || pl->storage == AC_STORAGE_GLOBAL)
		return none;
	if (pl->storage == AC_STORAGE_PARAM) {
		if (pl->param_index < 0 || pl->param_index >= MAX_ARGS || !pl->is_pointer ||
		    stores[o.place] != STORES_NONE)
			return none;
		Spec s = {1, {(uint32_t)fi << 5 | (uint32_t)pl->param_index}};
		return s;
	}
	int last = last_store_null(f, b, i, o.place);
	if (last >= 0)
		return last == 1 ? always : none;
	return stores[o.place] == STORES_NULL ? always : none;
}

/* The TU's static functions by name, for callee_of. */
typedef struct Statics {
	Callee *v;            /* sorted by name */
	size_t n;
} Statics;

static int cmp_static_name(const void *x, const void *y)
{
	return strcmp(((const Callee *)x)->name, ((const Callee *)y)->name);
}

static void statics_init(AcArena *a, const AcTu *tu, Statics *st)
{
	st->v = AC_ARENA_ARRAY(a, Callee, tu->nfuncs ? tu->nfuncs : 1);
	st->n = 0;
	for (size_t f = 0; f < tu->nfuncs; f++) {
		if (tu->funcs[f].is_static && tu->funcs[f].name)
			st->v[st->n++] = (Callee){(int)f, tu->funcs[f].name};
	}
	if (st->n > 1)
		qsort(st->v, st->n, sizeof *st->v, cmp_static_name);
}

/* How the TU names function name. */
static Callee callee_of(const Statics *st, const char *name)
{
	Callee key = {-1, name};
	const Callee *hit = st->n ? bsearch(&key, st->v, st->n, sizeof *st->v, cmp_static_name) : NULL;
	return hit ? (Callee){hit->fi, NULL} : key;
}

static int cmp_callee(const Callee *x, const Callee *y)
{
	if ((x->fi >= 0) != (y->fi >= 0))
		return x->fi >= 0 ? -1 : 1;
	return x->fi >= 0 ? (x->fi > y->fi) - (x->fi < y->fi) : strcmp(x->name, y->name);
}

static void put_callee(AcText *out, const Callee *c)
{
	if (c->fi >= 0) {
		ac_text_put(out, "s");
		putn(out, (unsigned long)c->fi, false);
		return;
	}
	ac_text_put(out, "e");
	ac_text_put(out, c->name);
}

/* Function addresses f takes where its calls cannot all be followed:
 * anywhere but a store into a local variable of a function whose calls
 * through pointers all go through local variables of known functions (a
 * function's address returned by a getter is such an address). */
static void note_addresses(const AcTu *tu, const Statics *st, const AcFunc *f, Callees *out)
{
	bool opaque_via = false;
	for (size_t b = 0; b < f->nblocks; b++) {
		const AcOperand *r = &f->blocks[b].ret;
		if (f->blocks[b].term == AC_TERM_RETURN && r->kind == AC_OPND_ADDR && r->place < 0 &&
		    r->ival == AC_ADDR_FUNCTION && r->fn)
			AC_VEC_PUSH(out, callee_of(st, r->fn));
		for (size_t i = 0; i < f->blocks[b].nops; i++) {
			const AcOp *op = &f->blocks[b].ops[i];
			if (op->kind == AC_OP_CALL && !op->call->name && !ac_program_local_fn(tu, f, op->call->via))
				opaque_via = true;
		}
	}
	for (size_t b = 0; b < f->nblocks; b++) {
		for (size_t i = 0; i < f->blocks[b].nops; i++) {
			const AcOp *op = &f->blocks[b].ops[i];
			const AcOperand *ops[2] = {&op->src, &op->src2};
			for (size_t x = 0; x < 2 + (op->kind == AC_OP_CALL ? op->call->nargs : 0); x++) {
				const AcOperand *o = x < 2 ? ops[x] : &op->call->args[x - 2];
				if (o->kind != AC_OPND_ADDR || o->place >= 0 || o->ival != AC_ADDR_FUNCTION || !o->fn)
					continue;
				bool local = x == 0 && op->kind == AC_OP_ASSIGN && op->dst >= 0 &&
				             f->places[op->dst].kind == AC_PLACE_VAR &&
				             f->places[op->dst].storage == AC_STORAGE_LOCAL && !f->places[op->dst].addr_taken;
				if (!local || opaque_via)
					AC_VEC_PUSH(out, callee_of(st, o->fn));
			}
		}
	}
}

/* The calls of function fi of TU t, one record each, onto out; their
 * arguments in a. */
static void note_calls(AcArena *a, const AcTu *tu, const Statics *st, size_t fi, CallRecs *out)
{
	const AcFunc *f = &tu->funcs[fi];
	uint8_t *stores = AC_ARENA_ARRAY(a, uint8_t, f->nplaces ? f->nplaces : 1);
	for (size_t b = 0; b < f->nblocks; b++) {
		for (size_t i = 0; i < f->blocks[b].nops; i++) {
			const AcOp *op = &f->blocks[b].ops[i];
			if (op->dst < 0 || (size_t)op->dst >= f->nplaces)
				continue;
			bool null = op->kind == AC_OP_ASSIGN && null_constant(op->src);
			uint8_t *st = &stores[op->dst];
			*st = null && *st != STORES_OTHER ? STORES_NULL : STORES_OTHER;
		}
	}
	for (size_t b = 0; b < f->nblocks; b++) {
		for (size_t i = 0; i < f->blocks[b].nops; i++) {
			const AcOp *op = &f->blocks[b].ops[i];
			if (op->kind != AC_OP_CALL)
				continue;
			const AcCall *c = op->call;
			const char *via = c->name ? NULL : ac_program_local_fn(tu, f, c->via);
			CallRec r = {{-1, NULL}, 0, NULL};
			if (c->name && c->func >= 0 && (size_t)c->func < tu->nfuncs)
				r.callee = tu->funcs[c->func].is_static ? (Callee){c->func, NULL} : (Callee){-1, c->name};
			else if (c->name)
				r.callee = (Callee){-1, c->name}; /* not defined in the TU: not its static */
			else if (via)
				r.callee = callee_of(st, via);
			else
				continue;
			r.nargs = c->nargs < MAX_ARGS ? c->nargs : MAX_ARGS;
			r.args = AC_ARENA_ARRAY(a, Spec, r.nargs ? r.nargs : 1);
			for (size_t x = 0; x < r.nargs; x++)
				r.args[x] = arg_spec(f, stores, fi, b, i, c->args[x]);
			AC_VEC_PUSH(out, r);
		}
	}
}

static int cmp_call(const void *x, const void *y)
{
	return cmp_callee(&((const CallRec *)x)->callee, &((const CallRec *)y)->callee);
}

static int cmp_callees(const void *x, const void *y)
{
	return cmp_callee(x, y);
}

/* Every call passes NULL for the argument only when both do. */
static void merge_spec(Spec *into, const Spec *s)
{
	if (into->n < 0 || s->n < 0) {
		into->n = -1;
		return;
	}
	for (int c = 0; c < s->n && into->n >= 0; c++) {
		int j = 0;
		while (j < into->n && into->conds[j] != s->conds[c])
			j++;
		if (j < into->n)
			continue;
		if (into->n == MAX_CONDS)
			into->n = -1; /* too many to follow: unknown */
		else
			into->conds[into->n++] = s->conds[c];
	}
}

static void put_call(AcText *out, const CallRec *r)
{
	ac_text_put(out, " C");
	put_callee(out, &r->callee);
	ac_text_put(out, "=");
	putn(out, r->nargs, false);
	ac_text_put(out, ":");
	for (size_t x = 0; x < r->nargs; x++) {
		if (x)
			ac_text_put(out, "/");
		if (r->args[x].n < 0)
			ac_text_put(out, "-");
		for (int c = 0; c < r->args[x].n; c++) {
			ac_text_put(out, c ? "+" : "");
			putn(out, r->args[x].conds[c] >> 5, false);
			ac_text_put(out, ".");
			putn(out, r->args[x].conds[c] & 31u, false);
		}
	}
}

char *ac_null_args_records(AcArena *a, const AcTu *tu)
{
	AcArena scratch = {0};
	AcText out = {0};
	ac_text_put(&out, tu->nerrors ? "E" : "");
	Callees addrs = {0};
	CallRecs calls = {0};
	Statics st;
	statics_init(&scratch, tu, &st);
	for (size_t fi = 0; fi < tu->nfuncs; fi++) {
		const AcFunc *f = &tu->funcs[fi];
		uint32_t mask = 0;
		for (size_t x = 0; x < f->nparams && x < MAX_ARGS; x++)
			mask |= f->places[x].is_pointer ? 1u << x : 0;
		ac_text_put(&out, " D");
		putn(&out, fi, false);
		ac_text_put(&out, f->is_static ? ",s," : ",e,");
		putn(&out, mask, true);
		ac_text_put(&out, ",");
		ac_text_put(&out, f->name ? f->name : "");
		note_addresses(tu, &st, f, &addrs);
		note_calls(&scratch, tu, &st, fi, &calls);
	}
	for (size_t k = 0; k < tu->nfninits; k++) {
		if (tu->fninits[k].fn)
			AC_VEC_PUSH(&addrs, callee_of(&st, tu->fninits[k].fn));
	}
	if (addrs.n > 1)
		qsort(addrs.v, addrs.n, sizeof *addrs.v, cmp_callees);
	for (size_t k = 0; k < addrs.n; k++) {
		if (k == 0 || cmp_callee(&addrs.v[k], &addrs.v[k - 1]) != 0) {
			ac_text_put(&out, " A");
			put_callee(&out, &addrs.v[k]);
		}
	}
	if (calls.n > 1)
		qsort(calls.v, calls.n, sizeof *calls.v, cmp_call);
	for (size_t k = 0; k < calls.n;) {
		CallRec *r = &calls.v[k++];
		for (; k < calls.n && cmp_callee(&calls.v[k].callee, &r->callee) == 0; k++) {
			const CallRec *s = &calls.v[k];
			r->nargs = s->nargs < r->nargs ? s->nargs : r->nargs; /* past either's: not every call */
			for (size_t x = 0; x < r->nargs; x++)
				merge_spec(&r->args[x], &s->args[x]);
		}
		put_call(&out, r);
	}
	char *text = ac_arena_strdup(a, out.v ? out.v : "");
	AC_VEC_FREE(&out);
	AC_VEC_FREE(&addrs);
	AC_VEC_FREE(&calls);
	ac_arena_free(&scratch);
	return text;
}

/* ---- the program's solution ---------------------------------------------------- */

typedef struct ExtSlot {
	const char *name; /* interned in the program; NULL: empty */
	int node;
	bool twice;       /* defined in more than one TU */
	const char *text; /* its mask as the link data records it */
} ExtSlot;

struct AcNullNames {
	ExtSlot *slots;   /* in the program arena */
	size_t cap;       /* a power of two */
};

typedef struct Cond {
	int node;
	unsigned bit;
} Cond;

typedef struct Arg {
	int n;            /* -1: something else; else conds[first..first+n) must hold */
	size_t first;
} Arg;

typedef struct Call {
	int callee;
	size_t nargs;
	size_t first;     /* its arguments: args[first..first+nargs) */
} Call;

typedef struct Solver {
	AcProgram *p;
	size_t *base;     /* per TU: its first node */
	size_t *count;    /* per TU: its functions */
	size_t nnodes;
	uint32_t *ptrs;   /* per node: its pointer parameters */
	bool *hidden;     /* per node: not every call is seen */
	bool *external;   /* per node: external linkage */
	uint32_t *mask;   /* per node: the solution so far */
	AC_VEC(Call) calls;
	AC_VEC(Arg) args;
	AC_VEC(Cond) conds;
	bool errors;      /* a TU had parse errors */
	bool missing;     /* a TU brought no records (it could not be loaded) */
} Solver;

static size_t hash_ptr(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;
	return (size_t)(h ^ (h >> 29));
}

static ExtSlot *ext_slot(const struct AcNullNames *t, const char *name)
{
	size_t i = hash_ptr(name) & (t->cap - 1);
	while (t->slots[i].name && t->slots[i].name != name)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

/* The node callee key [s, e) of TU t names, or -1 (not a function of the program). */
static int callee_node(Solver *sv, size_t t, const char *s, const char *e)
{
	if (e - s < 2)
		return -1;
	if (*s == 's') {
		unsigned long fi = ac_text_ulong(s + 1, NULL, 10);
		return fi < sv->count[t] ? (int)(sv->base[t] + fi) : -1;
	}
	char name[512];
	size_t n = (size_t)(e - s - 1);
	if (n >= sizeof name)
		return -1;
	memcpy(name, s + 1, n);
	name[n] = '\0';
	const char *in = ac_intern_find(&sv->p->names, name);
	const ExtSlot *x = in ? ext_slot(sv->p->null_names, in) : NULL;
	return x && x->name ? x->node : -1;
}

/* The next blank-separated token of *s: [*start, returned end). */
static const char *token(const char **s, const char **start)
{
	while (**s == ' ')
		(*s)++;
	*start = *s;
	while (**s && **s != ' ')
		(*s)++;
	return *s;
}

/* Pass 1: each TU's functions, the names with external linkage, whether
 * main is defined once. */
static size_t count_functions(Solver *sv)
{
	AcProgram *p = sv->p;
	size_t next = 0, ext = 0;
	for (size_t t = 0; t < p->ntus; t++) {
		sv->base[t] = next;
		const char *s = p->null_text[t], *start;
		sv->missing |= !s;
		for (const char *e; s && (e = token(&s, &start)) != start;) {
			if (*start == 'E')
				sv->errors = true;
			if (*start != 'D')
				continue;
			unsigned long fi = ac_text_ulong(start + 1, NULL, 10);
			sv->count[t] = fi + 1 > sv->count[t] ? fi + 1 : sv->count[t];
			const char *kind = memchr(start, ',', (size_t)(e - start));
			ext += kind && kind[1] == 'e';
		}
		next += sv->count[t];
	}
	sv->nnodes = next;
	size_t cap = 16;
	while (cap < 2 * ext + 2)
		cap *= 2;
	p->null_names = AC_ARENA_NEW(&p->arena, struct AcNullNames);
	p->null_names->cap = cap;
	p->null_names->slots = AC_ARENA_ARRAY(&p->arena, ExtSlot, cap);
	return next;
}

/* D<fi>,<s|e>,<mask>,<name> of TU t. */
static void read_definition(Solver *sv, size_t t, const char *s, const char *e)
{
	char *end;
	unsigned long fi = ac_text_ulong(s + 1, &end, 10);
	if (*end != ',' || fi >= sv->count[t] || end + 3 > e)
		return;
	size_t n = sv->base[t] + fi;
	sv->external[n] = end[1] == 'e';
	sv->ptrs[n] = (uint32_t)ac_text_ulong(end + 3, &end, 16);
	if (!sv->external[n] || *end != ',')
		return;
	const char *name = ac_intern_n(&sv->p->names, end + 1, (size_t)(e - end - 1));
	ExtSlot *x = ext_slot(sv->p->null_names, name);
	if (x->name) {
		x->twice = true;
		sv->hidden[x->node] = true;
		sv->hidden[n] = true;
		return;
	}
	*x = (ExtSlot){name, (int)n, false, "0"};
}

/* C<callee>=<n>:<arg>/... of TU t. */
static void read_call(Solver *sv, size_t t, const char *s, const char *e)
{
	const char *eq = memchr(s, '=', (size_t)(e - s));
	int callee = eq ? callee_node(sv, t, s + 1, eq) : -1;
	if (callee < 0)
		return;
	char *at;
	Call c = {callee, ac_text_ulong(eq + 1, &at, 10), sv->args.n};
	if (*at != ':' || c.nargs > MAX_ARGS)
		return;
	at++;
	for (size_t x = 0; x < c.nargs; x++) {
		Arg a = {0, sv->conds.n};
		if (*at == '-') {
			a.n = -1;
			at++;
		}
		while (a.n >= 0 && *at >= '0' && *at <= '9') {
			unsigned long fi = ac_text_ulong(at, &at, 10);
			unsigned long j = *at == '.' ? ac_text_ulong(at + 1, &at, 10) : MAX_ARGS;
			Cond k = {fi < sv->count[t] ? (int)(sv->base[t] + fi) : -1, (unsigned)j};
			if (k.node < 0 || j >= MAX_ARGS)
				a.n = -1; /* a malformed record: unknown */
			AC_VEC_PUSH(&sv->conds, k);
			a.n += a.n >= 0;
			at += *at == '+';
		}
		AC_VEC_PUSH(&sv->args, a);
		at += *at == '/';
	}
	AC_VEC_PUSH(&sv->calls, c);
}

/* Pass 2: the nodes and the calls. */
static void read_records(Solver *sv)
{
	AcProgram *p = sv->p;
	for (size_t t = 0; t < p->ntus; t++) {
		const char *s = p->null_text[t], *start;
		for (const char *e; s && (e = token(&s, &start)) != start;) {
			if (*start == 'D')
				read_definition(sv, t, start, e);
		}
	}
	for (size_t t = 0; t < p->ntus; t++) {
		const char *s = p->null_text[t], *start;
		for (const char *e; s && (e = token(&s, &start)) != start;) {
			int n = *start == 'A' ? callee_node(sv, t, start + 1, e) : -1;
			if (n >= 0)
				sv->hidden[n] = true;
			if (*start == 'C')
				read_call(sv, t, start, e);
		}
	}
}

/* Whether every caller of a function with external linkage is in the run
 * (null_args.h). */
static bool closed(const Solver *sv)
{
	const AcProgram *p = sv->p;
	if (p->tu_only || p->callers_outside || sv->errors || sv->missing)
		return false;
	for (size_t x = 0; x < p->externs.n; x++) {
		if (p->externs.v[x].tu < 0)
			return false; /* --program-summaries: a part of a larger program */
	}
	if (p->closed_program)
		return true;
	const char *in = ac_intern_find(&p->names, "main");
	const ExtSlot *m = in ? ext_slot(p->null_names, in) : NULL;
	return m && m->name && !m->twice;
}

/* From nothing NULL up to the least fixed point. */
static void iterate(Solver *sv)
{
	uint32_t *next = ac_calloc(sv->nnodes + 1, sizeof *next);
	size_t *ncalls = ac_calloc(sv->nnodes + 1, sizeof *ncalls);
	for (bool changed = true; changed;) {
		changed = false;
		memset(ncalls, 0, sv->nnodes * sizeof *ncalls);
		for (size_t n = 0; n < sv->nnodes; n++)
			next[n] = 0xffffffffu;
		for (size_t k = 0; k < sv->calls.n; k++) {
			const Call *c = &sv->calls.v[k];
			ncalls[c->callee]++;
			for (unsigned a = 0; a < MAX_ARGS; a++) {
				const Arg *arg = a < c->nargs ? &sv->args.v[c->first + a] : NULL;
				bool null = arg && arg->n >= 0;
				for (int i = 0; null && i < arg->n; i++) {
					const Cond *q = &sv->conds.v[arg->first + (size_t)i];
					null = sv->mask[q->node] >> q->bit & 1u;
				}
				if (!null)
					next[c->callee] &= ~(1u << a);
			}
		}
		for (size_t n = 0; n < sv->nnodes; n++) {
			uint32_t v = sv->hidden[n] || !ncalls[n] ? 0 : next[n] & sv->ptrs[n];
			if (v != sv->mask[n]) {
				sv->mask[n] = v;
				changed = true;
			}
		}
	}
	ac_free(next);
	ac_free(ncalls);
}

void ac_null_args_solve(AcProgram *p)
{
	size_t nt = p->ntus ? p->ntus : 1;
	Solver sv = {.p = p};
	sv.base = ac_calloc(nt, sizeof *sv.base);
	sv.count = ac_calloc(nt, sizeof *sv.count);
	size_t nn = count_functions(&sv) + 1;
	sv.ptrs = ac_calloc(nn, sizeof *sv.ptrs);
	sv.hidden = ac_calloc(nn, sizeof *sv.hidden);
	sv.external = ac_calloc(nn, sizeof *sv.external);
	sv.mask = ac_calloc(nn, sizeof *sv.mask);
	read_records(&sv);
	bool all = closed(&sv);
	for (size_t n = 0; n < sv.nnodes; n++)
		sv.hidden[n] |= sv.external[n] && !all;
	iterate(&sv);
	size_t known = 0;
	for (size_t n = 0; all && n < sv.nnodes; n++)
		known += sv.external[n] && sv.mask[n];
	if (known)
		ac_note_verbose("%zu function%s with external linkage given NULL by every call (a closed program: %s)",
		                known, known == 1 ? "" : "s",
		                p->closed_program ? "--closed-program" : "main is defined once");
	p->null_params = AC_ARENA_ARRAY(&p->arena, uint32_t, p->nbodies ? p->nbodies : 1);
	for (size_t t = 0; t < p->ntus; t++) {
		for (size_t f = 0; p->tus[t] && f < p->tus[t]->nfuncs && f < sv.count[t]; f++)
			p->null_params[p->first[t] + f] = sv.mask[sv.base[t] + f];
	}
	for (size_t i = 0; i < p->null_names->cap; i++) {
		ExtSlot *x = &p->null_names->slots[i];
		if (x->name && sv.mask[x->node])
			x->text = ac_arena_printf(&p->arena, "%x", (unsigned)sv.mask[x->node]);
	}
	AC_VEC_FREE(&sv.calls);
	AC_VEC_FREE(&sv.args);
	AC_VEC_FREE(&sv.conds);
	ac_free(sv.base);
	ac_free(sv.count);
	ac_free(sv.ptrs);
	ac_free(sv.hidden);
	ac_free(sv.external);
	ac_free(sv.mask);
}

const char *ac_null_args_text(const AcProgram *p, const char *name)
{
	const char *in = p->null_names ? ac_intern_find(&p->names, name) : NULL;
	const ExtSlot *x = in ? ext_slot(p->null_names, in) : NULL;
	return x && x->name && !x->twice ? x->text : "0";
}

bool ac_null_args_consumed(const AcFunc *fn)
{
	if (fn->is_static || !fn->name)
		return false;
	for (size_t x = 0; x < fn->nparams && x < MAX_ARGS; x++) {
		if (fn->places[x].is_pointer)
			return true;
	}
	return false;
}
