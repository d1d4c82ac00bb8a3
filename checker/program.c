/*
 * program: the link step (program.h). Names are resolved through one
 * open-addressing table from interned name to global function (or
 * AMBIGUOUS); the order is Tarjan's algorithm, iterative so that a call chain
 * thousands deep costs no C stack, over the bodies' resolved calls. Tarjan
 * emits each SCC after every SCC it reaches, which is the callees-first
 * order; an SCC's level is one more than the highest level it calls into.
 */
#include "program.h"

#include <stdint.h>
#include <string.h>

#include "mem.h"

enum { AMBIGUOUS = -2 };

typedef struct NameSlot {
	const char *name; /* interned; NULL = empty */
	int func;         /* global function, or AMBIGUOUS */
	int tu;           /* the TU that defined it (for ambiguity) */
} NameSlot;

typedef struct NameTable {
	NameSlot *slots;
	size_t cap; /* power of two */
	size_t count;
} NameTable;

struct AcProgramNames {
	NameTable names;
};

static size_t hash_ptr(const void *s)
{
	size_t h = ((size_t)(uintptr_t)s >> 3) * 0x9E3779B97F4A7C15u;
	return h ^ (h >> 29);
}

static NameSlot *slot_of(const NameTable *t, const char *name)
{
	size_t i = hash_ptr(name) & (t->cap - 1);
	while (t->slots[i].name && t->slots[i].name != name)
		i = (i + 1) & (t->cap - 1);
	return &t->slots[i];
}

static void define(AcProgram *p, NameTable *t, const char *name, int func, int tu)
{
	NameSlot *s = slot_of(t, name);
	if (!s->name) {
		*s = (NameSlot){name, func, tu};
		t->count++;
		return;
	}
	if (s->func != AMBIGUOUS && s->tu != tu) {
		s->func = AMBIGUOUS;
		p->nambiguous++;
	}
}

void ac_program_init(AcProgram *p, AcTu *const *tus, size_t ntus, const AcFamilies *base)
{
	memset(p, 0, sizeof *p);
	ac_intern_init(&p->names, &p->arena);
	ac_intern_init(&p->escaped, &p->arena);
	p->tus = tus;
	p->ntus = ntus;
	p->base = base;
	size_t n = ntus ? ntus : 1;
	p->families = AC_ARENA_ARRAY(&p->arena, const AcFamilies *, n);
	p->owned = AC_ARENA_ARRAY(&p->arena, AcFamilies *, n);
	p->first = AC_ARENA_ARRAY(&p->arena, size_t, n + 1);
	for (size_t t = 0; t < ntus; t++) {
		const AcTu *tu = tus[t];
		p->families[t] = base;
		if (tu && tu->ndeclared) {
			p->owned[t] = ac_families_with_declared(base, tu->declared, tu->ndeclared);
			p->families[t] = p->owned[t];
		}
		p->first[t] = p->nbodies;
		p->nbodies += tu ? tu->nfuncs : 0;
	}
	p->first[ntus] = p->nbodies;
}

void ac_program_add_extern(AcProgram *p, const char *name, const char *text, int tu)
{
	AcExternSummary x = {ac_intern(&p->names, name), ac_arena_strdup(&p->arena, text), tu};
	AC_VEC_PUSH(&p->externs, x);
}

void ac_program_add_member(AcProgram *p, const char *key, const char *text, int tu)
{
	AcExternMember m = {ac_arena_strdup(&p->arena, key), ac_arena_strdup(&p->arena, text), tu};
	AC_VEC_PUSH(&p->members, m);
}

/* ---- names -------------------------------------------------------------------- */

static void build_names(AcProgram *p, NameTable *t)
{
	size_t want = 2 * (p->nbodies + p->externs.n) + 16, cap = 16;
	while (cap < want)
		cap *= 2;
	t->cap = cap;
	t->slots = AC_ARENA_ARRAY(&p->arena, NameSlot, cap);
	for (size_t g = 0; g < p->nbodies; g++) {
		const AcFunc *fn = ac_program_body(p, (int)g);
		if (!fn->is_static && fn->name)
			define(p, t, ac_intern(&p->names, fn->name), (int)g, p->funcs[g].tu);
	}
	for (size_t x = 0; x < p->externs.n; x++) {
		const AcExternSummary *e = &p->externs.v[x];
		define(p, t, e->name, (int)(p->nbodies + x), e->tu < 0 ? -1 - (int)x : e->tu);
	}
}

static size_t count_ops(const AcFunc *fn)
{
	size_t n = 0;
	for (size_t b = 0; b < fn->nblocks; b++)
		n += fn->blocks[b].nops;
	return n;
}

static size_t nparams_of(const AcProgram *p, int g)
{
	if ((size_t)g < p->nbodies)
		return ac_program_body(p, g)->nparams;
	return (size_t)-1; /* an external summary says how many it has */
}

/* The function call c in TU t reaches, or -1. */
static int resolve(AcProgram *p, const NameTable *t, size_t tu, const AcCall *c)
{
	if (c->func >= 0 && (size_t)c->func < p->tus[tu]->nfuncs)
		return ac_program_func(p, tu, (size_t)c->func);
	if (!c->name)
		return -1;
	const char *name = ac_intern(&p->names, c->name);
	const NameSlot *s = slot_of(t, name);
	if (!s->name || s->func < 0)
		return -1;
	size_t np = nparams_of(p, s->func);
	if (np != (size_t)-1 && c->nargs < np)
		return -1; /* the caller's declaration disagrees with the definition */
	return s->func;
}

static void resolve_calls(AcProgram *p, const NameTable *t)
{
	p->callees = AC_ARENA_ARRAY(&p->arena, int *, p->nbodies ? p->nbodies : 1);
	for (size_t g = 0; g < p->nbodies; g++) {
		const AcFunc *fn = ac_program_body(p, (int)g);
		size_t n = count_ops(fn), k = 0;
		int *cs = AC_ARENA_ARRAY(&p->arena, int, n ? n : 1);
		for (size_t b = 0; b < fn->nblocks; b++) {
			for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
				const AcOp *op = &fn->blocks[b].ops[i];
				cs[k] = op->kind == AC_OP_CALL ? resolve(p, t, (size_t)p->funcs[g].tu, op->call) : -1;
			}
		}
		p->callees[g] = cs;
	}
}

/* ---- order -------------------------------------------------------------------- */

typedef struct Frame {
	int g;     /* the body */
	size_t k;  /* the next call op to follow */
	size_t n;  /* its number of ops */
} Frame;

typedef struct Tarjan {
	AcProgram *p;
	int *index;    /* per body: discovery number + 1; 0 = unvisited */
	int *low;
	bool *on_stack;
	int *stack;
	size_t sp;
	Frame *frames;
	size_t fp;
	int next;
	size_t norder;
	int *scc_of;   /* per body */
} Tarjan;

static void push_frame(Tarjan *tj, int g)
{
	tj->index[g] = tj->low[g] = ++tj->next;
	tj->stack[tj->sp++] = g;
	tj->on_stack[g] = true;
	tj->frames[tj->fp++] = (Frame){g, 0, count_ops(ac_program_body(tj->p, g))};
}

static void pop_scc(Tarjan *tj, int root)
{
	AcProgram *p = tj->p;
	p->scc_start[p->nsccs] = tj->norder;
	int g;
	do {
		g = tj->stack[--tj->sp];
		tj->on_stack[g] = false;
		tj->scc_of[g] = (int)p->nsccs;
		p->order[tj->norder++] = g;
	} while (g != root);
	p->nsccs++;
}

static void strongconnect(Tarjan *tj, int start)
{
	push_frame(tj, start);
	while (tj->fp > 0) {
		Frame *f = &tj->frames[tj->fp - 1];
		if (f->k < f->n) {
			int c = tj->p->callees[f->g][f->k++];
			if (c < 0 || (size_t)c >= tj->p->nbodies)
				continue;
			if (!tj->index[c])
				push_frame(tj, c);
			else if (tj->on_stack[c] && tj->index[c] < tj->low[f->g])
				tj->low[f->g] = tj->index[c];
			continue;
		}
		int g = f->g;
		tj->fp--;
		if (tj->fp > 0 && tj->low[g] < tj->low[tj->frames[tj->fp - 1].g])
			tj->low[tj->frames[tj->fp - 1].g] = tj->low[g];
		if (tj->low[g] == tj->index[g])
			pop_scc(tj, g);
	}
}

/* Levels: an SCC runs after every SCC it calls into. */
static void compute_levels(AcProgram *p, const int *scc_of)
{
	size_t ns = p->nsccs ? p->nsccs : 1;
	size_t *level = ac_calloc(ns, sizeof *level);
	p->scc_cyclic = AC_ARENA_ARRAY(&p->arena, bool, ns);
	size_t top = 0;
	for (size_t s = 0; s < p->nsccs; s++) {
		for (size_t i = p->scc_start[s]; i < p->scc_start[s + 1]; i++) {
			int g = p->order[i];
			size_t n = count_ops(ac_program_body(p, g));
			for (size_t k = 0; k < n; k++) {
				int c = p->callees[g][k];
				if (c < 0 || (size_t)c >= p->nbodies)
					continue;
				if ((size_t)scc_of[c] == s)
					p->scc_cyclic[s] = true;
				else if (level[scc_of[c]] + 1 > level[s])
					level[s] = level[scc_of[c]] + 1;
			}
		}
		top = level[s] > top ? level[s] : top;
	}
	p->nlevels = p->nsccs ? top + 1 : 0;
	p->level_start = AC_ARENA_ARRAY(&p->arena, size_t, p->nlevels + 1);
	p->level_sccs = AC_ARENA_ARRAY(&p->arena, size_t, ns);
	for (size_t s = 0; s < p->nsccs; s++)
		p->level_start[level[s] + 1]++;
	for (size_t l = 0; l < p->nlevels; l++)
		p->level_start[l + 1] += p->level_start[l];
	size_t *fill = ac_calloc(p->nlevels + 1, sizeof *fill);
	for (size_t s = 0; s < p->nsccs; s++)
		p->level_sccs[p->level_start[level[s]] + fill[level[s]]++] = s;
	ac_free(fill);
	ac_free(level);
}

static void order_functions(AcProgram *p)
{
	size_t n = p->nbodies ? p->nbodies : 1;
	Tarjan tj = {.p = p};
	tj.index = ac_calloc(n, sizeof *tj.index);
	tj.low = ac_calloc(n, sizeof *tj.low);
	tj.on_stack = ac_calloc(n, sizeof *tj.on_stack);
	tj.stack = ac_calloc(n, sizeof *tj.stack);
	tj.frames = ac_calloc(n, sizeof *tj.frames);
	tj.scc_of = ac_calloc(n, sizeof *tj.scc_of);
	p->order = AC_ARENA_ARRAY(&p->arena, int, n);
	p->scc_start = AC_ARENA_ARRAY(&p->arena, size_t, n + 1);
	for (size_t g = 0; g < p->nbodies; g++) {
		if (!tj.index[g])
			strongconnect(&tj, (int)g);
	}
	p->scc_start[p->nsccs] = tj.norder;
	compute_levels(p, tj.scc_of);
	ac_free(tj.index);
	ac_free(tj.low);
	ac_free(tj.on_stack);
	ac_free(tj.stack);
	ac_free(tj.frames);
	ac_free(tj.scc_of);
}

/* ---- globals whose address is taken ---------------------------------------------- */

static void note_operand(AcProgram *p, const AcFunc *fn, AcOperand o)
{
	if (o.kind != AC_OPND_ADDR || o.place < 0 || (size_t)o.place >= fn->nplaces)
		return;
	const AcPlace *root = &fn->places[fn->places[o.place].root];
	if (root->storage == AC_STORAGE_GLOBAL && root->name)
		ac_intern(&p->escaped, root->name);
}

/* Every &g in fn (g a global, or a member or element of one). */
static void note_escapes(AcProgram *p, const AcFunc *fn)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++) {
			const AcOp *op = &blk->ops[i];
			note_operand(p, fn, op->src);
			note_operand(p, fn, op->src2);
			for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++)
				note_operand(p, fn, op->call->args[a]);
		}
		if (blk->term == AC_TERM_RETURN)
			note_operand(p, fn, blk->ret);
	}
}

/* ---- the program -------------------------------------------------------------- */

void ac_program_link(AcProgram *p)
{
	p->nfuncs = p->nbodies + p->externs.n;
	p->funcs = AC_ARENA_ARRAY(&p->arena, AcProgFunc, p->nfuncs ? p->nfuncs : 1);
	for (size_t t = 0; t < p->ntus; t++) {
		for (size_t f = 0; p->tus[t] && f < p->tus[t]->nfuncs; f++)
			p->funcs[p->first[t] + f] = (AcProgFunc){(int)t, (int)f};
	}
	for (size_t x = 0; x < p->externs.n; x++)
		p->funcs[p->nbodies + x] = (AcProgFunc){-1, (int)x};
	struct AcProgramNames *lk = AC_ARENA_NEW(&p->arena, struct AcProgramNames);
	build_names(p, &lk->names);
	p->lookup = lk;
	resolve_calls(p, &lk->names);
	order_functions(p);
	for (size_t g = 0; g < p->nbodies; g++)
		note_escapes(p, ac_program_body(p, (int)g));
}

bool ac_program_global_escaped(const AcProgram *p, const char *name)
{
	return name && ac_intern_find(&p->escaped, name) != NULL;
}

const char *ac_program_name(const AcProgram *p, int g)
{
	if ((size_t)g < p->nbodies)
		return ac_program_body(p, g)->name;
	return p->externs.v[(size_t)g - p->nbodies].name;
}

static const NameSlot *find_name(const AcProgram *p, const char *name)
{
	const char *in = p->lookup ? ac_intern_find(&p->names, name) : NULL;
	if (!in)
		return NULL;
	const NameSlot *s = slot_of(&p->lookup->names, in);
	return s->name ? s : NULL;
}

int ac_program_lookup(const AcProgram *p, const char *name)
{
	const NameSlot *s = find_name(p, name);
	return s && s->func >= 0 ? s->func : -1;
}

bool ac_program_ambiguous(const AcProgram *p, const char *name)
{
	const NameSlot *s = find_name(p, name);
	return s && s->func == AMBIGUOUS;
}

void ac_program_free(AcProgram *p)
{
	for (size_t t = 0; t < p->ntus; t++)
		ac_families_free(p->owned[t]);
	AC_VEC_FREE(&p->externs);
	AC_VEC_FREE(&p->members);
	ac_intern_free(&p->names);
	ac_intern_free(&p->escaped);
	ac_arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}
