/*
 * program: the link step (program.h). Names are resolved through one
 * open-addressing table from interned name to global function (or
 * AMBIGUOUS); the order is Tarjan's algorithm, iterative so that a call chain
 * thousands deep costs no C stack, over the bodies' resolved calls. Tarjan
 * emits each SCC after every SCC it reaches, which is the callees-first
 * order; each SCC lists the SCCs that call it, for the engine's scheduler.
 */
#include "program.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "null_args.h"
#include "trace.h"

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
	p->null_text = AC_ARENA_ARRAY(&p->arena, const char *, n);
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
	AcExternSummary x = {ac_intern(&p->names, name), text, tu};
	AC_VEC_PUSH(&p->externs, x);
}

void ac_program_add_fnstore(AcProgram *p, const char *key, const char *text, int tu)
{
	if (strcmp(key, AC_NULL_ARGS_KEY) == 0) {
		if (tu >= 0 && (size_t)tu < p->ntus)
			p->null_text[tu] = text;
		return;
	}
	AcExternMember m = {key, text, tu};
	AC_VEC_PUSH(&p->fnstores, m);
}

void ac_program_add_member(AcProgram *p, const char *key, const char *text, int tu)
{
	AcExternMember m = {key, text, tu};
	AC_VEC_PUSH(&p->members, m);
}

/* ---- what one TU brings to the link (made by ac_program_tu_facts) ----------------- */

/* One fact of a TU for the program's tables, each once per TU. */
enum { FACT_ESCAPE, FACT_STORE, FACT_COPY, FACT_DESTRUCTOR };

typedef struct Fact {
	int kind;
	int fn;           /* STORE, DESTRUCTOR: name is the TU's static function fn (its index in
	                     AcTu.funcs), or -1 */
	const char *key;  /* ESCAPE: the global whose address is taken; STORE, COPY: the place or
	                     member key stored into */
	const char *name; /* STORE: the function stored (NULL: something else); COPY: the key of the
	                     table member copied; DESTRUCTOR: the function */
	const char *text; /* STORE of a static function: its "NAME@FILE" (static_text) */
} Fact;

/* A call op of a body, as the link step resolves it (resolve_calls): made
 * with the facts, while the TU's IR is still in the worker's cache, so that
 * the link reads these arrays instead of every op of the program. */
typedef struct CallRef {
	uint32_t k;          /* the op's index in its body (block/op order) */
	int32_t local;       /* AcCall.func (the callee defined in the TU), or -1 */
	int32_t name;        /* the callee's name: index in AcTuFacts.names, or -1 */
	uint32_t nargs;      /* the arguments it passes */
	const AcCall *call;  /* the call, when it is through a pointer (through_call); else NULL */
} CallRef;

struct AcTuFacts {
	AcArena arena;
	AcIntern seen; /* every fact so far, as text, to keep each once */
	AC_VEC(Fact) v;
	size_t nfuncs;         /* the TU's functions */
	size_t *nops;          /* per function of the TU: its ops */
	size_t *first_call;    /* per function, and one past the last: its first entry in calls */
	AC_VEC(CallRef) calls; /* the call ops of every function, in op order */
	AC_VEC(const char *) names; /* the distinct callee names (the TU's interned strings) */
};

/* ---- names -------------------------------------------------------------------- */

/* The bodies that stand for others (AcProgram.standin): the first body
 * of the program with each AcFunc.shared digest. */
static void find_standins(AcProgram *p)
{
	p->standin = AC_ARENA_ARRAY(&p->arena, int, p->nbodies ? p->nbodies : 1);
	NameTable first = {0};
	for (size_t g = 0; g < p->nbodies; g++) {
		p->standin[g] = (int)g;
		const AcFunc *fn = ac_program_body(p, (int)g);
		if (!fn->shared)
			continue;
		if (!first.cap) {
			first.cap = 64;
			while (first.cap < 2 * p->nbodies)
				first.cap *= 2;
			first.slots = ac_calloc(first.cap, sizeof *first.slots);
		}
		NameSlot *s = slot_of(&first, ac_intern(&p->names, fn->shared));
		if (!s->name)
			*s = (NameSlot){ac_intern(&p->names, fn->shared), (int)g, p->funcs[g].tu};
		else
			p->standin[g] = s->func;
	}
	ac_free(first.slots);
}

static void build_names(AcProgram *p, NameTable *t)
{
	size_t want = 2 * (p->nbodies + p->externs.n) + 16, cap = 16;
	while (cap < want)
		cap *= 2;
	t->cap = cap;
	t->slots = AC_ARENA_ARRAY(&p->arena, NameSlot, cap);
	for (size_t g = 0; g < p->nbodies; g++) {
		const AcFunc *fn = ac_program_body(p, (int)g);
		if (!fn->is_static && fn->name && p->standin[g] == (int)g)
			define(p, t, ac_intern(&p->names, fn->name), (int)g, p->funcs[g].tu);
	}
	for (size_t x = 0; x < p->externs.n; x++) {
		const AcExternSummary *e = &p->externs.v[x];
		define(p, t, e->name, (int)(p->nbodies + x), e->tu < 0 ? -1 - (int)x : e->tu);
	}
}

static size_t nparams_of(const AcProgram *p, int g)
{
	if ((size_t)g < p->nbodies)
		return ac_program_body(p, g)->nparams;
	/* An external summary says how many it has (summary.c: " np=N"). */
	const char *np = strstr(p->externs.v[(size_t)g - p->nbodies].text, " np=");
	char *end;
	unsigned long n = np ? strtoul(np + 4, &end, 10) : 0;
	return np && end != np + 4 ? (size_t)n : (size_t)-1;
}

/* The function call c in TU t reaches, or -1. */
static int resolve(AcProgram *p, const NameTable *t, size_t tu, const AcCall *c)
{
	if (c->func >= 0 && (size_t)c->func < p->tus[tu]->nfuncs)
		return ac_program_standin(p, ac_program_func(p, tu, (size_t)c->func));
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

static AcCall *through_call(AcProgram *p, size_t t, const AcFunc *fn, const AcCall *c, int *target);

/* What callee name id of TU t reaches (resolve's lookup by name), and its
 * parameters (nparams_of), for each distinct name of the TU's plan. */
typedef struct NameTarget {
	int func;     /* the global function, or -1 */
	size_t np;    /* its parameters, or (size_t)-1 when not known */
} NameTarget;

/* Body g's calls, resolved as resolve() does, from TU t's plan x. */
static void resolve_body(AcProgram *p, const NameTable *t, size_t tu, const AcTuFacts *x, const NameTarget *nt,
                         size_t f)
{
	int g = ac_program_func(p, tu, f);
	size_t n = x->nops[f];
	int *cs = AC_ARENA_ARRAY(&p->arena, int, n ? n : 1);
	for (size_t k = 0; k < n; k++)
		cs[k] = -1;
	/* a body another stands for is never walked: it calls nothing */
	for (size_t i = p->standin[g] == g ? x->first_call[f] : x->first_call[f + 1]; i < x->first_call[f + 1]; i++) {
		const CallRef *r = &x->calls.v[i];
		if (r->local >= 0)
			cs[r->k] = ac_program_standin(p, ac_program_func(p, tu, (size_t)r->local));
		else if (r->name >= 0 && nt[r->name].func >= 0 &&
		         (nt[r->name].np == (size_t)-1 || r->nargs >= nt[r->name].np))
			cs[r->k] = nt[r->name].func;
		int target = -1;
		AcCall *via = r->call ? through_call(p, tu, ac_program_body(p, g), r->call, &target) : NULL;
		if (!via)
			continue;
		if (!p->through[g])
			p->through[g] = AC_ARENA_ARRAY(&p->arena, AcCall *, n ? n : 1);
		p->through[g][r->k] = via;
		cs[r->k] = target >= 0 ? target : resolve(p, t, tu, via);
	}
	p->callees[g] = cs;
	p->nops[g] = n;
	/* the calls into bodies, in op order, for the order's walks */
	size_t nedges = 0;
	for (size_t j = 0; j < n; j++)
		nedges += cs[j] >= 0 && (size_t)cs[j] < p->nbodies;
	int *es = AC_ARENA_ARRAY(&p->arena, int, nedges ? nedges : 1);
	for (size_t j = 0, e = 0; j < n; j++) {
		if (cs[j] >= 0 && (size_t)cs[j] < p->nbodies)
			es[e++] = cs[j];
	}
	p->edges[g] = es;
	p->nedges[g] = nedges;
}

/* Every body's calls, from each TU's plan (AcTuFacts): the names a TU
 * calls are looked up once per TU, and no op is read but the calls through
 * pointers. */
static void resolve_calls(AcProgram *p, const NameTable *t, AcTuFacts *const *facts)
{
	p->callees = AC_ARENA_ARRAY(&p->arena, int *, p->nbodies ? p->nbodies : 1);
	p->through = AC_ARENA_ARRAY(&p->arena, AcCall **, p->nbodies ? p->nbodies : 1);
	p->nops = AC_ARENA_ARRAY(&p->arena, size_t, p->nbodies ? p->nbodies : 1);
	p->edges = AC_ARENA_ARRAY(&p->arena, int *, p->nbodies ? p->nbodies : 1);
	p->nedges = AC_ARENA_ARRAY(&p->arena, size_t, p->nbodies ? p->nbodies : 1);
	for (size_t tu = 0; tu < p->ntus; tu++) {
		const AcTuFacts *x = facts[tu];
		if (!p->tus[tu] || !x)
			continue;
		NameTarget *nt = ac_calloc(x->names.n + 1, sizeof *nt);
		for (size_t i = 0; i < x->names.n; i++) {
			const NameSlot *s = slot_of(t, ac_intern(&p->names, x->names.v[i]));
			nt[i].func = s->name && s->func >= 0 ? s->func : -1;
			nt[i].np = nt[i].func >= 0 ? nparams_of(p, nt[i].func) : (size_t)-1;
		}
		for (size_t f = 0; f < p->tus[tu]->nfuncs; f++)
			resolve_body(p, t, tu, x, nt, f);
		ac_free(nt);
	}
}

/* ---- calls through pointers to functions ------------------------------------------ */

typedef struct FnStore {
	const char *key;  /* a place, AcFnInit.key's form, interned in p->names; NULL = empty */
	const char *fn;   /* the function stored so far, interned in p->names; NULL: none yet */
	int target;       /* that function when it is static (its global number), else -1 */
	const char *text; /* what the link data says it holds: fn, or for a static function
	                     "NAME@FILE" (STATIC_MARK), which a TU without IR brings as such */
	bool conflict;    /* two different functions are stored into it */
	bool killed;      /* something else is stored into it or into the whole of it */
} FnStore;

struct AcFnPtrs {
	FnStore *slots;
	size_t cap; /* power of two, or 0 */
	size_t count;
	bool enabled; /* every TU has its IR: every store is seen */
	bool by_member; /* ... and the whole program is there: stores into a member of a
	                   type ("#" + field_key) are all seen too */
};

static FnStore *fnstore_slot(struct AcFnPtrs *f, const char *key)
{
	size_t i = hash_ptr(key) & (f->cap - 1);
	while (f->slots[i].key && f->slots[i].key != key)
		i = (i + 1) & (f->cap - 1);
	return &f->slots[i];
}

static const FnStore *fnstore_find(const struct AcFnPtrs *f, const char *key)
{
	if (!f->cap || !key)
		return NULL;
	const FnStore *s = fnstore_slot((struct AcFnPtrs *)f, key);
	return s->key ? s : NULL;
}

static FnStore *fnstore_get(struct AcFnPtrs *f, const char *key)
{
	if ((f->count + 1) * 2 > f->cap) {
		FnStore *old = f->slots;
		size_t oldcap = f->cap;
		f->cap = oldcap ? oldcap * 2 : 64;
		f->slots = ac_calloc(f->cap, sizeof *f->slots);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].key)
				*fnstore_slot(f, old[i].key) = old[i];
		ac_free(old);
	}
	FnStore *s = fnstore_slot(f, key);
	if (!s->key) {
		*s = (FnStore){key, NULL, -1, NULL, false, false};
		f->count++;
	}
	return s;
}

/* The static function of tu called name (its index in tu->funcs), or -1. */
static int tu_static(const AcTu *tu, const char *name)
{
	for (size_t f = 0; tu && f < tu->nfuncs; f++) {
		if (tu->funcs[f].is_static && tu->funcs[f].name && strcmp(tu->funcs[f].name, name) == 0)
			return (int)f;
	}
	return -1;
}

/* The function of TU t called name, as a target: its global number when it
 * is static there, else -1 (reached by name). */
static int static_target(const AcProgram *p, size_t t, const char *name)
{
	int f = tu_static(t < p->ntus ? p->tus[t] : NULL, name);
	return f < 0 ? -1 : ac_program_standin(p, ac_program_func(p, t, (size_t)f));
}

/* A static function in the link data of stores into pointers: "NAME@FILE"
 * (no function's name has an '@'), so that a run that has the TU's link
 * data and not its IR knows the pointer holds that one function, as a run
 * with the IR does, though it cannot call it (the call stays opaque). */
#define STATIC_MARK '@'

/* "NAME@FILE" of static function name of tu, in buf. */
static const char *static_text(const AcTu *tu, const char *name, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s%c%s", name, STATIC_MARK, tu->path ? tu->path : "");
	return n > 0 && (size_t)n < size ? buf : "-";
}

/* The link data's text of a store of function name from TU t (with IR),
 * in buf when it is static there. */
static const char *store_text(const AcProgram *p, size_t t, const char *name, char *buf, size_t size)
{
	if (static_target(p, t, name) < 0)
		return name;
	return static_text(p->tus[t], name, buf, size);
}

/* A store of function name (NULL: of something else) into key, name
 * being the global function target when it is static in its TU (else -1),
 * and text what the link data says it holds (store_text; NULL: name). */
static void fnstore_put(AcProgram *p, const char *key, const char *name, int target, const char *text)
{
	FnStore *s = fnstore_get(p->fnptrs, key);
	if (!name) {
		s->killed = true;
		return;
	}
	const char *fn = ac_intern(&p->names, name);
	text = target < 0 || !text ? fn : ac_intern(&p->names, text);
	if (!s->fn) {
		s->fn = fn;
		s->target = target;
		s->text = text;
	} else if (s->fn != fn || s->target != target || s->text != text) {
		s->conflict = true;
	}
}

/* A store of function name (NULL: of something else) from TU t into key. */
static void fnstore_add(AcProgram *p, size_t t, const char *key, const char *name)
{
	int target = name && !strchr(name, STATIC_MARK) ? static_target(p, t, name) : -1;
	char buf[1024];
	fnstore_put(p, key, name, target, target < 0 ? NULL : store_text(p, t, name, buf, sizeof buf));
}

bool ac_program_place_key(const AcFunc *fn, int q, char *buf, size_t size)
{
	if (q < 0 || (size_t)q >= fn->nplaces)
		return false;
	const AcPlace *pl = &fn->places[q];
	int r = q;
	while (fn->places[r].kind == AC_PLACE_MEMBER && !fn->places[r].through_ptr && fn->places[r].parent >= 0)
		r = fn->places[r].parent;
	const AcPlace *root = &fn->places[r];
	if (root->kind != AC_PLACE_VAR || !root->link_key || !root->name || !pl->name)
		return false;
	size_t n = strlen(root->name);
	if (strncmp(pl->name, root->name, n) != 0)
		return false;
	int len = snprintf(buf, size, "%s%s", root->link_key, pl->name + n);
	return len > 0 && (size_t)len < size;
}

/* ac_program_place_key, interned in the program; or NULL. */
static const char *place_key(AcProgram *p, const AcFunc *fn, int q)
{
	char buf[512];
	return ac_program_place_key(fn, q, buf, sizeof buf) ? ac_intern(&p->names, buf) : NULL;
}

/* What an ASSIGN (in fn) stores: a function's name, "" for NULL (nothing),
 * or NULL for anything else, a number into a place that is no pointer
 * included (flag = 0 writes the flag: ac_program_global_value). */
static const char *stored_fn(const AcFunc *fn, const AcOp *op)
{
	if (op->kind != AC_OP_ASSIGN || (op->dst >= 0 && !fn->places[op->dst].is_pointer))
		return NULL;
	if (op->src.kind == AC_OPND_ADDR && op->src.place < 0 && op->src.ival == AC_ADDR_FUNCTION)
		return op->src.fn;
	if (op->src.kind == AC_OPND_NULL || (op->src.kind == AC_OPND_INT && op->src.ival == 0))
		return "";
	return NULL;
}

/* A store into a member that holds a function, of the value of a member
 * of a file-scope table (parser->mem.malloc_fcn = default_mem.malloc_fcn,
 * as the lowering writes parser->mem = default_mem): resolved once every
 * store into that table is known. */
typedef struct MemberCopy {
	size_t tu;
	const char *key;  /* "#" + the member's field_key */
	const char *from; /* the table member's place key */
} MemberCopy;

typedef AC_VEC(MemberCopy) MemberCopies;

/* The member's name in the keys of initializers (".malloc_fcn" of
 * "FILE::defaults.malloc_fcn"), which a store by type must agree with. */
static const char *member_name(const char *key)
{
	const char *sep = strstr(key, "::"); /* "FILE::name": the file's name has dots */
	const char *m = strrchr(sep ? sep + 2 : key, '.');
	return m && m[1] ? m : NULL;
}

/* member_name, interned in the program; or NULL. */
static const char *member_name_key(AcProgram *p, const char *key)
{
	const char *m = member_name(key);
	return m ? ac_intern(&p->names, m) : NULL;
}

static const FnStore *known_fnptr(const AcProgram *p, const char *key);

static void resolve_member_copies(AcProgram *p, const MemberCopy *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const FnStore *from = known_fnptr(p, m[i].from);
		FnStore *s = fnstore_get(p->fnptrs, m[i].key);
		if (!from) {
			s->killed = true;
		} else if (!s->fn) {
			s->fn = from->fn;
			s->target = from->target;
			s->text = from->text;
		} else if (s->fn != from->fn || s->target != from->target || s->text != from->text) {
			s->conflict = true;
		}
	}
}

/* ---- destructors ------------------------------------------------------------ */

/* GObjectClass.finalize, by its USR: a GObject's finalize runs once, when
 * its last reference goes (dispose may run more than once: not it). */
#define GOBJECT_FINALIZE "c:@S@_GObjectClass@FI@finalize"

/* Whether a store of TU link data registers its function as a destructor. */
static bool is_destructor_key(const char *key)
{
	return strcmp(key, AC_FNINIT_DESTRUCTOR) == 0 || (key[0] == '#' && strcmp(key + 1, GOBJECT_FINALIZE) == 0);
}

/* Function name, as TU t (p->ntus: a TU without IR) names it, is a type's
 * destructor. */
static void add_destructor(AcProgram *p, size_t t, const char *name)
{
	int g = name ? static_target(p, t, name) : -1;
	if (g < 0 && name)
		g = ac_program_lookup(p, name);
	if (g >= 0)
		p->destructor[g] = true;
}

bool ac_program_destructor(const AcProgram *p, int g)
{
	return p->destructor && g >= 0 && (size_t)g < p->nfuncs && p->destructor[g];
}

/* ---- what one TU brings to the link ------------------------------------------------ */

static void fact_add(AcTuFacts *x, const AcTu *tu, int kind, const char *key, const char *name)
{
	char buf[2048];
	int n = snprintf(buf, sizeof buf, "%d %zu %s%c%s", kind, key ? strlen(key) : 0, key ? key : "", name ? '=' : '-',
	                 name ? name : "");
	if (n > 0 && (size_t)n < sizeof buf) {
		size_t before = x->seen.count;
		ac_intern(&x->seen, buf);
		if (x->seen.count == before)
			return; /* a repeat changes nothing in the program's tables */
	}
	Fact f = {kind, -1, key ? ac_arena_strdup(&x->arena, key) : NULL, name ? ac_arena_strdup(&x->arena, name) : NULL, NULL};
	if (kind == FACT_DESTRUCTOR || (kind == FACT_STORE && name && !strchr(name, STATIC_MARK)))
		f.fn = tu_static(tu, name);
	char text[1024]; /* store_text's */
	if (kind == FACT_STORE && f.fn >= 0)
		f.text = ac_arena_strdup(&x->arena, static_text(tu, name, text, sizeof text));
	AC_VEC_PUSH(&x->v, f);
}

/* A store of name (NULL: of something else) into place key: by the key,
 * and by the member's name, which a store by type must agree with. */
static void fact_store(AcTuFacts *x, const AcTu *tu, const char *key, const char *name)
{
	fact_add(x, tu, FACT_STORE, key, name);
	const char *m = member_name(key);
	if (m)
		fact_add(x, tu, FACT_STORE, m, name);
}

/* &g of operand o of fn (g a global, or a member or element of one). */
static void fact_escape(AcTuFacts *x, const AcTu *tu, const AcFunc *fn, AcOperand o)
{
	if (o.kind != AC_OPND_ADDR || o.place < 0 || (size_t)o.place >= fn->nplaces)
		return;
	const AcPlace *root = &fn->places[fn->places[o.place].root];
	if (root->storage == AC_STORAGE_GLOBAL && root->name)
		fact_add(x, tu, FACT_ESCAPE, root->name, NULL);
}

/* What op of fn stores: into a member that holds a function (by its
 * type's member, "#" + field_key), GObject's finalize, and into a
 * file-scope place (by its key). */
static void fact_op(AcTuFacts *x, const AcTu *tu, const AcFunc *fn, const AcOp *op)
{
	fact_escape(x, tu, fn, op->src);
	fact_escape(x, tu, fn, op->src2);
	for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++)
		fact_escape(x, tu, fn, op->call->args[a]);
	if (op->dst < 0 || (size_t)op->dst >= fn->nplaces)
		return;
	const AcPlace *pl = &fn->places[op->dst];
	const char *name = stored_fn(fn, op);
	char key[512], from[512];
	int n = pl->kind == AC_PLACE_MEMBER && pl->field_key && pl->is_pointer ? snprintf(key, sizeof key, "#%s", pl->field_key) : -1;
	if (n > 0 && (size_t)n < sizeof key) {
		if (name) {
			if (*name)
				fact_add(x, tu, FACT_STORE, key, name);
		} else if (op->kind == AC_OP_ASSIGN && op->src.kind == AC_OPND_PLACE &&
		           ac_program_place_key(fn, op->src.place, from, sizeof from)) {
			fact_add(x, tu, FACT_COPY, key, from);
		} else {
			fact_add(x, tu, FACT_STORE, key, NULL);
		}
	}
	if (pl->kind == AC_PLACE_MEMBER && pl->field_key && name && *name && strcmp(pl->field_key, GOBJECT_FINALIZE) == 0)
		fact_add(x, tu, FACT_DESTRUCTOR, NULL, name);
	if (ac_program_place_key(fn, op->dst, key, sizeof key) && (!name || *name))
		fact_store(x, tu, key, name);
}

/* The distinct callee names of a TU so far: its interned name -> index in
 * AcTuFacts.names + 1 (open addressing by pointer). */
typedef struct NameIds {
	const char **keys;
	int32_t *slots;
	size_t cap; /* power of two, or 0 */
	size_t count;
} NameIds;

static int32_t name_id(AcTuFacts *x, NameIds *ids, const char *name)
{
	if ((ids->count + 1) * 2 > ids->cap) {
		NameIds old = *ids;
		ids->cap = old.cap ? old.cap * 2 : 256;
		ids->slots = ac_calloc(ids->cap, sizeof *ids->slots);
		for (size_t i = 0; i < old.cap; i++) {
			if (!old.slots[i])
				continue;
			size_t j = hash_ptr(x->names.v[old.slots[i] - 1]) & (ids->cap - 1);
			while (ids->slots[j])
				j = (j + 1) & (ids->cap - 1);
			ids->slots[j] = old.slots[i];
		}
		ac_free(old.slots);
	}
	size_t j = hash_ptr(name) & (ids->cap - 1);
	for (; ids->slots[j]; j = (j + 1) & (ids->cap - 1)) {
		if (x->names.v[ids->slots[j] - 1] == name)
			return ids->slots[j] - 1;
	}
	AC_VEC_PUSH(&x->names, name);
	ids->slots[j] = (int32_t)x->names.n;
	ids->count++;
	return (int32_t)x->names.n - 1;
}

/* The entry of call op k (its index in the body) of the TU's plan. */
static void call_ref(AcTuFacts *x, NameIds *ids, size_t k, const AcCall *c)
{
	bool local = c->func >= 0 && (size_t)c->func < x->nfuncs;
	CallRef r = {(uint32_t)k, local ? c->func : -1, c->name && !local ? name_id(x, ids, c->name) : -1,
	             (uint32_t)c->nargs, !c->name && c->via >= 0 ? c : NULL};
	AC_VEC_PUSH(&x->calls, r);
}

AcTuFacts *ac_program_tu_facts(const AcTu *tu)
{
	AcTuFacts *x = ac_calloc(1, sizeof *x);
	ac_intern_init(&x->seen, &x->arena);
	for (size_t i = 0; i < tu->nfninits; i++) {
		const AcFnInit *in = &tu->fninits[i];
		if (strcmp(in->key, AC_FNINIT_DESTRUCTOR) == 0) {
			if (in->fn)
				fact_add(x, tu, FACT_DESTRUCTOR, NULL, in->fn);
		} else if (in->key[0] == '&') { /* an initializer takes the variable's address */
			fact_add(x, tu, FACT_ESCAPE, in->key + 1, NULL);
		} else {
			fact_store(x, tu, in->key, in->fn);
		}
	}
	size_t n = tu->nfuncs;
	x->nfuncs = n;
	x->nops = AC_ARENA_ARRAY(&x->arena, size_t, n ? n : 1);
	x->first_call = AC_ARENA_ARRAY(&x->arena, size_t, n + 1);
	NameIds ids = {0};
	for (size_t f = 0; f < n; f++) {
		const AcFunc *fn = &tu->funcs[f];
		x->first_call[f] = x->calls.n;
		size_t k = 0;
		for (size_t b = 0; b < fn->nblocks; b++) {
			const AcBlock *blk = &fn->blocks[b];
			for (size_t i = 0; i < blk->nops; i++, k++) {
				fact_op(x, tu, fn, &blk->ops[i]);
				if (blk->ops[i].kind == AC_OP_CALL)
					call_ref(x, &ids, k, blk->ops[i].call);
			}
			if (blk->term == AC_TERM_RETURN)
				fact_escape(x, tu, fn, blk->ret);
		}
		x->nops[f] = k;
	}
	x->first_call[n] = x->calls.n;
	ac_free(ids.slots);
	ac_intern_free(&x->seen);
	return x;
}

void ac_program_tu_facts_free(AcTuFacts *x)
{
	if (!x)
		return;
	AC_VEC_FREE(&x->v);
	AC_VEC_FREE(&x->calls);
	AC_VEC_FREE(&x->names);
	ac_arena_free(&x->arena);
	ac_free(x);
}

/* TU t's facts into the program's tables; the copies are resolved once
 * every store is in. */
static void merge_facts(AcProgram *p, size_t t, const AcTuFacts *x, MemberCopies *copies)
{
	for (size_t i = 0; i < x->v.n; i++) {
		const Fact *f = &x->v.v[i];
		int g = f->fn >= 0 ? ac_program_func(p, t, (size_t)f->fn) : -1;
		switch (f->kind) {
		case FACT_ESCAPE:
			ac_intern(&p->escaped, f->key);
			break;
		case FACT_STORE:
			fnstore_put(p, ac_intern(&p->names, f->key), f->name, g, f->text);
			break;
		case FACT_COPY: {
			MemberCopy c = {t, ac_intern(&p->names, f->key), ac_intern(&p->names, f->name)};
			AC_VEC_PUSH(copies, c);
			break;
		}
		default: /* FACT_DESTRUCTOR */
			if (g < 0)
				g = ac_program_lookup(p, f->name);
			if (g >= 0)
				p->destructor[g] = true;
			break;
		}
	}
}

static void collect_fnstores(AcProgram *p, AcTuFacts *const *facts)
{
	p->destructor = AC_ARENA_ARRAY(&p->arena, bool, p->nfuncs ? p->nfuncs : 1);
	p->fnptrs = AC_ARENA_NEW(&p->arena, struct AcFnPtrs);
	p->fnptrs->enabled = p->ntus > 0;
	for (size_t x = 0; x < p->externs.n; x++) {
		if (p->externs.v[x].tu < 0)
			p->fnptrs->enabled = false; /* functions whose stores are not seen */
	}
	MemberCopies copies = {0};
	p->fnptrs->by_member = p->fnptrs->enabled && !p->tu_only;
	for (size_t k = 0; k < p->fnstores.n; k++) {
		const AcExternMember *m = &p->fnstores.v[k];
		const char *fn = strcmp(m->text, "-") == 0 ? NULL : m->text;
		if (is_destructor_key(m->key)) {
			if (fn)
				add_destructor(p, p->ntus, fn);
			if (m->key[0] != '#')
				continue;
		}
		if (m->key[0] == '&') {
			ac_intern(&p->escaped, m->key + 1);
		} else if (m->key[0] == '#' && m->text[0] == '=') {
			MemberCopy c = {p->ntus, ac_intern(&p->names, m->key), ac_intern(&p->names, m->text + 1)};
			AC_VEC_PUSH(&copies, c);
		} else {
			fnstore_add(p, p->ntus, ac_intern(&p->names, m->key), fn);
			const char *name = m->key[0] == '#' ? NULL : member_name_key(p, m->key);
			if (name)
				fnstore_add(p, p->ntus, name, fn);
		}
	}
	for (size_t t = 0; t < p->ntus; t++) {
		if (p->tus[t] && facts[t])
			merge_facts(p, t, facts[t], &copies);
	}
	resolve_member_copies(p, copies.v, copies.n);
	AC_VEC_FREE(&copies);
}

/* The store file-scope place key is known by, or NULL: every prefix of it
 * (the variable, "hooks.sub" of "hooks.sub.f") had nothing else stored into
 * it, and its variable's address is never taken. */
static const FnStore *known_fnptr(const AcProgram *p, const char *key)
{
	if (!p->fnptrs || !p->fnptrs->enabled)
		return NULL;
	const char *sep = strstr(key, "::");
	if (p->tu_only && !sep)
		return NULL;
	const FnStore *s = fnstore_find(p->fnptrs, ac_intern_find(&p->names, key));
	if (!s || !s->fn || s->conflict || s->killed)
		return NULL;
	size_t start = sep ? (size_t)(sep - key) + 2 : 0;
	char buf[512];
	size_t n = strlen(key);
	if (n >= sizeof buf)
		return NULL;
	memcpy(buf, key, n + 1);
	for (size_t i = n; i-- > start;) {
		if (buf[i] != '.')
			continue;
		buf[i] = '\0';
		const FnStore *up = fnstore_find(p->fnptrs, ac_intern_find(&p->names, buf));
		if (up && (up->killed || up->fn))
			return NULL;
	}
	/* the variable: its name after "FILE::" */
	const char *var = key + start;
	size_t vn = strcspn(var, ".");
	char vbuf[256];
	if (vn >= sizeof vbuf)
		return NULL;
	memcpy(vbuf, var, vn);
	vbuf[vn] = '\0';
	if (ac_program_global_escaped(p, vbuf))
		return NULL;
	return s;
}

/* The store a member that holds a function is known by, from its key
 * ("#" + field_key): every store into that member of its type, anywhere in
 * the program, puts one same function there (directly, or copied from a
 * table of defaults whose member holds it), and no initializer of a member
 * of that name puts another. A store of anything else (a suite the user
 * passes) leaves the calls through it opaque. */
static const FnStore *known_member_key(const AcProgram *p, const char *key)
{
	if (!p->fnptrs || !p->fnptrs->by_member || !key)
		return NULL;
	const FnStore *s = fnstore_find(p->fnptrs, ac_intern_find(&p->names, key));
	if (!s || !s->fn || s->conflict || s->killed)
		return NULL;
	const char *m = strrchr(key, '@');
	char buf[256];
	int n = m ? snprintf(buf, sizeof buf, ".%s", m + 1) : -1;
	const FnStore *init = n > 0 && (size_t)n < sizeof buf ? fnstore_find(p->fnptrs, ac_intern_find(&p->names, buf)) : NULL;
	if (init && (init->killed || init->conflict || init->fn != s->fn || init->target != s->target))
		return NULL;
	return s;
}

bool ac_program_member_key(const AcFunc *fn, int q, char *buf, size_t size)
{
	if (q < 0 || (size_t)q >= fn->nplaces)
		return false;
	/* parser->mem.malloc_fcn: the suite is a part of a larger object, whose
	 * members only stores of the program write; not suite->malloc_fcn,
	 * whose suite may come from a caller outside the program */
	const AcPlace *pl = &fn->places[q];
	if (pl->kind != AC_PLACE_MEMBER || pl->through_ptr || !pl->field_key || !pl->is_pointer || pl->parent < 0 ||
	    fn->places[pl->parent].kind != AC_PLACE_MEMBER)
		return false;
	int n = snprintf(buf, size, "#%s", pl->field_key);
	return n > 0 && (size_t)n < size;
}

static const FnStore *known_member_fnptr(AcProgram *p, const AcFunc *fn, int q)
{
	char buf[512];
	return ac_program_member_key(fn, q, buf, sizeof buf) ? known_member_key(p, buf) : NULL;
}

/* The one function whose address every return of fn hands back (a getter:
 * static deallocator_t get_free(void) { return free; }), or NULL. */
static const char *returned_fn(const AcFunc *fn)
{
	const char *one = NULL;
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcOperand *r = &fn->blocks[b].ret;
		if (fn->blocks[b].term != AC_TERM_RETURN)
			continue;
		if (r->kind != AC_OPND_ADDR || r->place >= 0 || r->ival != AC_ADDR_FUNCTION || !r->fn)
			return NULL;
		if (one && strcmp(one, r->fn) != 0)
			return NULL;
		one = r->fn;
	}
	return one;
}

/* What op i of block blk stores into q, when that is the result of a call
 * of a getter defined in TU tu (q = get_free(), or through the call's
 * temporary): the function the getter returns, or NULL. Only a getter of
 * the same TU: the answer then depends on the TU's own IR alone. */
static const char *getter_result(const AcTu *tu, const AcFunc *fn, const AcBlock *blk, size_t i)
{
	const AcOp *op = &blk->ops[i];
	if (op->kind == AC_OP_ASSIGN && op->src.kind == AC_OPND_PLACE && op->src.place >= 0 &&
	    fn->places[op->src.place].kind == AC_PLACE_TEMP && i > 0 && blk->ops[i - 1].dst == op->src.place)
		op = &blk->ops[i - 1];
	if (!tu || op->kind != AC_OP_CALL || !op->call->name || op->call->func < 0 ||
	    (size_t)op->call->func >= tu->nfuncs || op->call->nargs)
		return NULL;
	return returned_fn(&tu->funcs[op->call->func]);
}

const char *ac_program_local_fn(const AcTu *tu, const AcFunc *fn, int q)
{
	if (q < 0 || (size_t)q >= fn->nplaces)
		return NULL;
	const AcPlace *pl = &fn->places[q];
	if (pl->kind != AC_PLACE_VAR || pl->storage != AC_STORAGE_LOCAL || pl->addr_taken)
		return NULL;
	const char *one = NULL;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->dst != q)
				continue;
			const char *s = stored_fn(fn, op);
			if (!s)
				s = getter_result(tu, fn, &fn->blocks[b], i);
			if (!s)
				return NULL;
			if (!*s)
				continue;
			if (one && strcmp(one, s) != 0)
				return NULL;
			one = s;
		}
	}
	return one;
}

static bool known_local(AcProgram *p, size_t t, const AcFunc *fn, int q, const char **name, int *target)
{
	const char *one = ac_program_local_fn(t < p->ntus ? p->tus[t] : NULL, fn, q);
	if (!one)
		return false;
	*name = ac_intern(&p->names, one);
	*target = static_target(p, t, one);
	return true;
}

/* Call c of a body of TU t, through a pointer: the same call by the name
 * of the one function the pointer holds, or NULL. */
static AcCall *through_call(AcProgram *p, size_t t, const AcFunc *fn, const AcCall *c, int *target)
{
	if (c->name || c->via < 0 || (size_t)c->via >= fn->nplaces)
		return NULL;
	const char *name = NULL;
	if (!known_local(p, t, fn, c->via, &name, target)) {
		const char *key = place_key(p, fn, c->via);
		const FnStore *s = key ? known_fnptr(p, key) : NULL;
		if (!s)
			s = known_member_fnptr(p, fn, c->via);
		if (!s)
			return NULL;
		if (strchr(s->fn, STATIC_MARK))
			return NULL; /* a static function of a TU whose IR is not here */
		name = s->fn;
		*target = s->target;
	}
	AcCall *d = AC_ARENA_NEW(&p->arena, AcCall);
	*d = *c;
	d->name = name;
	d->func = -1;
	d->via = -1;
	return d;
}

/* ---- order -------------------------------------------------------------------- */

typedef struct Frame {
	int g;     /* the body */
	size_t k;  /* the next of its edges to follow */
	size_t n;  /* its number of edges */
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
	tj->frames[tj->fp++] = (Frame){g, 0, tj->p->nedges[g]};
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
			int c = tj->p->edges[f->g][f->k++];
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

/* Calls f(p, s, to, ctx) for every call of SCC s into another SCC to. */
static void each_dep(AcProgram *p, const int *scc_of, size_t s, void (*f)(AcProgram *, size_t, size_t, size_t *),
                     size_t *ctx)
{
	for (size_t i = p->scc_start[s]; i < p->scc_start[s + 1]; i++) {
		int g = p->order[i];
		for (size_t k = 0; k < p->nedges[g]; k++) {
			int c = p->edges[g][k];
			if ((size_t)scc_of[c] != s)
				f(p, s, (size_t)scc_of[c], ctx);
		}
	}
}

static void count_dep(AcProgram *p, size_t s, size_t to, size_t *unused)
{
	(void)unused;
	p->scc_ndeps[s]++;
	p->caller_start[to + 1]++;
}

static void add_caller(AcProgram *p, size_t s, size_t to, size_t *fill)
{
	p->scc_callers[p->caller_start[to] + fill[to]++] = s;
}

/* The dependencies between SCCs: per SCC its calls into other SCCs
 * (scc_ndeps), the callers waiting for it (caller_start, scc_callers), and
 * its weight: its ops plus the heaviest chain of callers above it. SCC
 * numbers are callees first, so walking them down meets every caller of an
 * SCC before the SCC itself. */
static void compute_deps(AcProgram *p, const int *scc_of)
{
	size_t ns = p->nsccs ? p->nsccs : 1;
	p->scc_cyclic = AC_ARENA_ARRAY(&p->arena, bool, ns);
	p->scc_ndeps = AC_ARENA_ARRAY(&p->arena, size_t, ns);
	p->caller_start = AC_ARENA_ARRAY(&p->arena, size_t, ns + 1);
	p->scc_weight = AC_ARENA_ARRAY(&p->arena, size_t, ns);
	for (size_t s = 0; s < p->nsccs; s++) {
		for (size_t i = p->scc_start[s]; i < p->scc_start[s + 1]; i++) {
			int g = p->order[i];
			p->scc_weight[s] += p->nops[g] + 1;
			for (size_t k = 0; k < p->nedges[g]; k++) {
				if ((size_t)scc_of[p->edges[g][k]] == s)
					p->scc_cyclic[s] = true;
			}
		}
		each_dep(p, scc_of, s, count_dep, NULL);
	}
	for (size_t s = 0; s < p->nsccs; s++)
		p->caller_start[s + 1] += p->caller_start[s];
	p->scc_callers = AC_ARENA_ARRAY(&p->arena, size_t, p->caller_start[p->nsccs] + 1);
	size_t *fill = ac_calloc(ns, sizeof *fill);
	for (size_t s = 0; s < p->nsccs; s++)
		each_dep(p, scc_of, s, add_caller, fill);
	ac_free(fill);
	for (size_t s = p->nsccs; s-- > 0;) {
		size_t above = 0;
		for (size_t k = p->caller_start[s]; k < p->caller_start[s + 1]; k++) {
			size_t w = p->scc_weight[p->scc_callers[k]];
			above = w > above ? w : above;
		}
		p->scc_weight[s] += above;
	}
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
	compute_deps(p, tj.scc_of);
	ac_free(tj.index);
	ac_free(tj.low);
	ac_free(tj.on_stack);
	ac_free(tj.stack);
	ac_free(tj.frames);
	ac_free(tj.scc_of);
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
	AcTraceSpan span = ac_trace_begin();
	find_standins(p);
	build_names(p, &lk->names);
	ac_trace_end(&span, "link-names", NULL);
	p->lookup = lk;
	span = ac_trace_begin();
	/* each TU's facts and plan of calls: made by the worker that lowered it,
	 * else here */
	AcTuFacts **facts = ac_calloc(p->ntus + 1, sizeof *facts);
	bool *made = ac_calloc(p->ntus + 1, sizeof *made);
	for (size_t t = 0; t < p->ntus; t++) {
		facts[t] = p->facts ? p->facts[t] : NULL;
		if (p->tus[t] && !facts[t]) {
			facts[t] = ac_program_tu_facts(p->tus[t]);
			made[t] = true;
		}
	}
	collect_fnstores(p, facts); /* with the escapes: every &g */
	ac_trace_end(&span, "link-facts", NULL);
	span = ac_trace_begin();
	resolve_calls(p, &lk->names, facts);
	ac_trace_end(&span, "link-calls", NULL);
	for (size_t t = 0; t < p->ntus; t++) {
		if (made[t])
			ac_program_tu_facts_free(facts[t]);
	}
	ac_free(facts);
	ac_free(made);
	span = ac_trace_begin();
	for (size_t t = 0; t < p->ntus; t++) {
		if (p->tus[t] && !p->null_text[t])
			p->null_text[t] = ac_null_args_records(&p->arena, p->tus[t]);
	}
	ac_null_args_solve(p);
	/* a shared header's function is called from TUs whose records did
	 * not count for it (each TU's calls reach its own copy there) */
	for (size_t g = 0; g < p->nbodies; g++) {
		if (ac_program_body(p, (int)g)->shared)
			p->null_params[g] = 0;
	}
	ac_trace_end(&span, "null-args", NULL);
	span = ac_trace_begin();
	order_functions(p);
	ac_trace_end(&span, "link-order", NULL);
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

static void emit_escape(const AcFunc *fn, AcOperand o, void (*emit)(void *, const char *, const char *), void *ctx)
{
	if (o.kind != AC_OPND_ADDR || o.place < 0 || (size_t)o.place >= fn->nplaces)
		return;
	const AcPlace *root = &fn->places[fn->places[o.place].root];
	char buf[512];
	if (root->storage == AC_STORAGE_GLOBAL && root->name && snprintf(buf, sizeof buf, "&%s", root->name) < (int)sizeof buf)
		emit(ctx, buf, "-");
}

/* A store into a member that holds a function, by type, as the link data
 * records it: "#" + field_key, and the function, "=" and the table member
 * it is copied from, or "-" for anything else. */
static void emit_member_store(const AcProgram *p, size_t t, const AcFunc *fn, const AcOp *op,
                              void (*emit)(void *ctx, const char *key, const char *text), void *ctx)
{
	const AcPlace *pl = &fn->places[op->dst];
	if (pl->kind != AC_PLACE_MEMBER || !pl->field_key || !pl->is_pointer)
		return;
	char key[512], from[512], text[520];
	int n = snprintf(key, sizeof key, "#%s", pl->field_key);
	if (n <= 0 || (size_t)n >= sizeof key)
		return;
	const char *name = stored_fn(fn, op);
	if (name && !*name)
		return;
	if (name) {
		char buf[1024];
		emit(ctx, key, store_text(p, t, name, buf, sizeof buf));
	} else if (op->kind == AC_OP_ASSIGN && op->src.kind == AC_OPND_PLACE &&
	           ac_program_place_key(fn, op->src.place, from, sizeof from)) {
		snprintf(text, sizeof text, "=%s", from);
		emit(ctx, key, text);
	} else {
		emit(ctx, key, "-");
	}
}

void ac_program_tu_fnstores(const AcProgram *p, size_t t, void (*emit)(void *ctx, const char *key, const char *text),
                            void *ctx)
{
	const AcTu *tu = p->tus[t];
	for (size_t i = 0; tu && i < tu->nfninits; i++) {
		const char *fn = tu->fninits[i].fn;
		char buf[1024];
		emit(ctx, tu->fninits[i].key, fn ? store_text(p, t, fn, buf, sizeof buf) : "-");
	}
	for (size_t f = 0; tu && f < tu->nfuncs; f++) {
		const AcFunc *fn = &tu->funcs[f];
		for (size_t b = 0; b < fn->nblocks; b++) {
			for (size_t i = 0; i < fn->blocks[b].nops; i++) {
				const AcOp *op = &fn->blocks[b].ops[i];
				emit_escape(fn, op->src, emit, ctx);
				emit_escape(fn, op->src2, emit, ctx);
				for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++)
					emit_escape(fn, op->call->args[a], emit, ctx);
				char key[512];
				if (op->dst >= 0)
					emit_member_store(p, t, fn, op, emit, ctx);
				if (op->dst < 0 || !ac_program_place_key(fn, op->dst, key, sizeof key))
					continue;
				const char *name = stored_fn(fn, op);
				if (name && !*name)
					continue;
				char buf[1024];
				emit(ctx, key, name ? store_text(p, t, name, buf, sizeof buf) : "-");
			}
			if (fn->blocks[b].term == AC_TERM_RETURN)
				emit_escape(fn, fn->blocks[b].ret, emit, ctx);
		}
	}
}

/* The definition record ("=NAME") of global name when the program gives it
 * one value everywhere (ac_program_global_value), else NULL. */
static const FnStore *known_global(const AcProgram *p, const char *name)
{
	/* every store of the program seen: no summaries from elsewhere, not one TU of many */
	if (!name || !p->fnptrs || !p->fnptrs->enabled || p->tu_only || ac_program_global_escaped(p, name))
		return NULL;
	char buf[256];
	int n = snprintf(buf, sizeof buf, "=%s", name);
	if (n <= 0 || (size_t)n >= sizeof buf)
		return NULL;
	const FnStore *def = fnstore_find(p->fnptrs, ac_intern_find(&p->names, buf));
	if (!def || !def->fn || def->conflict || def->killed)
		return NULL;
	const FnStore *w = fnstore_find(p->fnptrs, ac_intern_find(&p->names, name));
	if (w && (w->fn || w->killed))
		return NULL; /* some function stores into it */
	return def;
}

bool ac_program_global_value(const AcProgram *p, const char *name, long long *value)
{
	const FnStore *def = known_global(p, name);
	if (!def)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(def->fn, &end, 10);
	if (errno || end == def->fn || *end)
		return false;
	*value = v;
	return true;
}

const char *ac_program_global_value_text(const AcProgram *p, const char *name)
{
	long long v;
	return ac_program_global_value(p, name, &v) ? known_global(p, name)->fn : "-";
}

const char *ac_program_fnptr_text(const AcProgram *p, const char *key)
{
	const FnStore *s = key && key[0] == '#' ? known_member_key(p, key) : key ? known_fnptr(p, key) : NULL;
	return s ? s->text : "-";
}

void ac_program_free(AcProgram *p)
{
	if (p->fnptrs)
		ac_free(p->fnptrs->slots);
	for (size_t t = 0; t < p->ntus; t++)
		ac_families_free(p->owned[t]);
	AC_VEC_FREE(&p->externs);
	AC_VEC_FREE(&p->members);
	AC_VEC_FREE(&p->fnstores);
	ac_intern_free(&p->names);
	ac_intern_free(&p->escaped);
	ac_arena_free(&p->arena);
	memset(p, 0, sizeof *p);
}
