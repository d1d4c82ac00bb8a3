/*
 * members: the program-wide check of struct-member families, part of the
 * engine. While walking, each function records the families it stores
 * into struct members (self->data = PyMem_Malloc(n)) and the releases of
 * members whose block it did not see allocated (free(self->data) in a
 * dealloc function), flow.h AcFieldTable. Once every function is walked,
 * the facts of the whole program are joined by member (its field key, the
 * USR, which is the same in every TU): a member into which one family
 * flows, released by another family's deallocator, is a dealloc-mismatch,
 * wherever the two functions are.
 *
 * A TU whose results came from the cache has no IR; its facts come from its
 * link data as text, one fact per line:
 *
 *   s<TAB>FAMILY<TAB>FILE<TAB>LINE<TAB>COL<TAB>ALLOCATOR     a store
 *   r<TAB>FAMILY<TAB>FILE<TAB>LINE<TAB>COL<TAB>DEALLOCATOR<TAB>FIELD<TAB>FUNCTION   a release
 *
 * ("-" for none). So that a warm run says exactly what a cold one does, a
 * member's story is told from its first store in (file, line, column)
 * order, not in the order the facts were found.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "int_text.h"
#include "mem.h"
#include "program.h"

typedef struct Store {
	const char *key;       /* interned here */
	const char *family;    /* family id; NULL: unknown */
	AcLoc loc;
	const char *allocator;
	int tu;
} Store;

typedef struct Release {
	const char *key;
	const char *family;
	AcLoc loc;
	const char *deallocator;
	const char *field;
	const char *function;
	const AcFunc *fn;      /* NULL for a TU without IR */
	int tu;
} Release;

/* The one family stored into a member anywhere in the program. */
typedef struct Member {
	const char *key;       /* NULL = empty slot */
	const char *family;    /* NULL when mixed or unknown */
	AcLoc first;
	const char *allocator;
} Member;

typedef struct Check {
	AcArena arena;
	AcIntern names;
	AC_VEC(Store) stores;
	AC_VEC(Release) releases;
	Member *slots;         /* open addressing by key */
	size_t cap;
} Check;

static const char *in(Check *c, const char *s)
{
	return ac_intern(&c->names, s);
}

static bool loc_before(AcLoc a, AcLoc b)
{
	int f = strcmp(a.file ? a.file : "", b.file ? b.file : "");
	if (f != 0)
		return f < 0;
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/* ---- facts of the bodies -------------------------------------------------------- */

/* One finding per function, member and releasing family, at the first
 * release in the source (Cython copies a finally body per exit kind). */
static bool same_release(const AcFieldRelease *a, const AcFieldRelease *b)
{
	return a->fn == b->fn && a->field_key == b->field_key && a->family == b->family;
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
		bool before = o->loc.line < r->loc.line || (o->loc.line == r->loc.line && o->loc.col < r->loc.col);
		if (before || (same_place && j < i))
			return NULL;
	}
	return r;
}

static void body_facts(Check *c, const AcProgram *p, const AcFieldTable *fields)
{
	for (size_t i = 0; i < p->nbodies; i++) {
		int g = p->order[i];
		int tu = p->funcs[g].tu;
		const AcFamilies *fams = p->families[tu];
		const AcFieldTable *t = &fields[g];
		for (size_t k = 0; k < t->families.n; k++) {
			const AcFieldFamily *f = &t->families.v[k];
			Store s = {in(c, f->field_key), f->family >= 0 ? in(c, ac_families_id(fams, f->family)) : NULL,
			           f->first, f->allocator, tu};
			AC_VEC_PUSH(&c->stores, s);
		}
		for (size_t k = 0; k < t->releases.n; k++) {
			const AcFieldRelease *r = first_of_group(t, k);
			if (!r)
				continue;
			Release rel = {in(c, r->field_key), in(c, ac_families_id(fams, r->family)), r->loc, r->deallocator,
			               r->field, r->fn->name, r->fn, tu};
			AC_VEC_PUSH(&c->releases, rel);
		}
	}
}

/* ---- facts as text ------------------------------------------------------------------- */

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* Hands the facts of the bodies, encoded, to res->on_member. */
static void emit_facts(Check *c, AcProgramResult *res, size_t nstores, size_t nreleases)
{
	if (!res->on_member)
		return;
	AcArena tmp = {0};
	for (size_t i = 0; i < nstores; i++) {
		const Store *s = &c->stores.v[i];
		char *t = ac_arena_printf(&tmp, "s\t%s\t%s\t%u\t%u\t%s", or_dash(s->family), or_dash(s->loc.file),
		                          s->loc.line, s->loc.col, or_dash(s->allocator));
		res->on_member(res->ctx, (size_t)s->tu, s->key, t);
	}
	for (size_t i = 0; i < nreleases; i++) {
		const Release *r = &c->releases.v[i];
		char *t = ac_arena_printf(&tmp, "r\t%s\t%s\t%u\t%u\t%s\t%s\t%s", or_dash(r->family),
		                          or_dash(r->loc.file), r->loc.line, r->loc.col, or_dash(r->deallocator),
		                          or_dash(r->field), or_dash(r->function));
		res->on_member(res->ctx, (size_t)r->tu, r->key, t);
	}
	ac_arena_free(&tmp);
}

/* Splits line at tabs into at most max fields; returns their number. The
 * fields point into the copy, which the caller frees. */
static size_t split_tabs(char *copy, char **f, size_t max)
{
	size_t n = 0;
	char *s = copy;
	while (n < max) {
		f[n++] = s;
		char *tab = strchr(s, '\t');
		if (!tab)
			break;
		*tab = '\0';
		s = tab + 1;
	}
	return n;
}

static const char *field_or_null(Check *c, const char *s)
{
	return strcmp(s, "-") == 0 ? NULL : in(c, s);
}

static void extern_facts(Check *c, const AcProgram *p)
{
	for (size_t i = 0; i < p->members.n; i++) {
		const AcExternMember *m = &p->members.v[i];
		char *copy = ac_strdup(m->text);
		char *f[9];
		size_t n = split_tabs(copy, f, 9);
		AcLoc loc = {0};
		if (n >= 5)
			loc = (AcLoc){field_or_null(c, f[2]), (unsigned)ac_text_ulong(f[3], NULL, 10),
			              (unsigned)ac_text_ulong(f[4], NULL, 10)};
		if (n == 6 && strcmp(f[0], "s") == 0) {
			Store s = {in(c, m->key), field_or_null(c, f[1]), loc, field_or_null(c, f[5]), m->tu};
			AC_VEC_PUSH(&c->stores, s);
		} else if (n == 8 && strcmp(f[0], "r") == 0) {
			Release r = {in(c, m->key), field_or_null(c, f[1]), loc, field_or_null(c, f[5]),
			             field_or_null(c, f[6]), field_or_null(c, f[7]), NULL, m->tu};
			AC_VEC_PUSH(&c->releases, r);
		}
		ac_free(copy);
	}
}

/* ---- the join ------------------------------------------------------------------------ */

static Member *member(Check *c, const char *key)
{
	size_t h = ((size_t)(uintptr_t)key >> 3) * 0x9E3779B97F4A7C15u;
	size_t i = (h ^ (h >> 29)) & (c->cap - 1);
	while (c->slots[i].key && c->slots[i].key != key)
		i = (i + 1) & (c->cap - 1);
	return &c->slots[i];
}

static void join_stores(Check *c)
{
	c->cap = 16;
	while (c->cap < 2 * c->stores.n + 2)
		c->cap *= 2;
	c->slots = AC_ARENA_ARRAY(&c->arena, Member, c->cap);
	for (size_t i = 0; i < c->stores.n; i++) {
		const Store *s = &c->stores.v[i];
		Member *m = member(c, s->key);
		if (!m->key) {
			*m = (Member){s->key, s->family, s->loc, s->allocator};
			continue;
		}
		if (m->family != s->family)
			m->family = NULL;
		if (loc_before(s->loc, m->first)) {
			m->first = s->loc;
			m->allocator = s->allocator;
		}
	}
}

static void report(Check *c, const AcRuleSet *rules, AcProgramResult *res, const Release *r)
{
	const Member *m = member(c, r->key);
	if (!m->key || !m->family || !r->family || m->family == r->family)
		return;
	AcAllocSite site = {m->first, m->allocator, m->family, NULL, NULL};
	AcEvent ev = {.kind = AC_EV_DEALLOC_MISMATCH, .loc = r->loc, .site = &site, .deallocator = r->deallocator,
	              .field = r->field, .alloc_family = m->family, .dealloc_family = r->family};
	AcFunc stand_in = {.name = r->function};
	AcFindings *out = res->member_findings ? &res->member_findings[r->tu] : &res->findings[r->tu];
	ac_rules_dispatch(rules, r->fn ? r->fn : &stand_in, out, &ev);
}

void ac_members_check(const AcProgram *p, const AcFieldTable *fields, const AcRuleSet *rules, AcProgramResult *res)
{
	Check c = {0};
	ac_intern_init(&c.names, &c.arena);
	body_facts(&c, p, fields);
	size_t nstores = c.stores.n, nreleases = c.releases.n;
	emit_facts(&c, res, nstores, nreleases);
	extern_facts(&c, p);
	join_stores(&c);
	for (size_t i = 0; i < c.releases.n; i++)
		report(&c, rules, res, &c.releases.v[i]);
	AC_VEC_FREE(&c.stores);
	AC_VEC_FREE(&c.releases);
	ac_intern_free(&c.names);
	ac_arena_free(&c.arena);
}
