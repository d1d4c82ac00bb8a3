/*
 * family: AcFamilies tables (family.h). A table is built once from family
 * files (the built-in ones embedded from rules/families/, then the user's
 * --allocators files) or derived per TU from the run's table and the
 * allocation attributes declared in the TU, and never changes after.
 *
 * Entries are sorted by name and unique, so a lookup is one bsearch. Every
 * string a table points to lives in its arena or in a table (or TU) that
 * outlives it; dropping a table is one arena free.
 */
#define _POSIX_C_SOURCE 200809L /* pthread_once */

#include "family.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cfg.h"
#include "diag.h"
#include "family_build.h"
#include "family_texts.h"
#include "mem.h"

struct AcFamilies {
	AcArena arena;      /* owns the arrays below and the strings loaded from files */
	AcFnInfo *fns;      /* sorted by name (strcmp), one entry per name */
	size_t nfns;
	const char **ids;   /* family ids by number */
	size_t nids;
};

/* ---- building -------------------------------------------------------------------- */

int ac_family_number(AcFamilyBuilder *b, const char *id)
{
	for (size_t i = 0; i < b->ids.n; i++) {
		if (strcmp(b->ids.v[i], id) == 0)
			return (int)i;
	}
	AC_VEC_PUSH(&b->ids, ac_arena_strdup(b->arena, id));
	return (int)b->ids.n - 1;
}

void ac_family_add(AcFamilyBuilder *b, const AcFnInfo *fi)
{
	AC_VEC_PUSH(&b->fns, *fi);
}

typedef struct Ranked {
	const AcFnInfo *fi;
	size_t seq; /* order added: the last one wins */
} Ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const Ranked *x = a, *y = b;
	int c = strcmp(x->fi->name, y->fi->name);
	if (c)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Moves the builder's entries into t, sorted, keeping the last entry of each
 * name, and frees the builder's vectors. */
static void finish(AcFamilies *t, AcFamilyBuilder *b)
{
	size_t n = b->fns.n;
	Ranked *r = ac_malloc((n ? n : 1) * sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i] = (Ranked){&b->fns.v[i], i};
	qsort(r, n, sizeof *r, cmp_ranked);
	t->fns = AC_ARENA_ARRAY(&t->arena, AcFnInfo, n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && strcmp(r[i].fi->name, r[i + 1].fi->name) == 0)
			continue; /* overridden by a later entry */
		t->fns[t->nfns++] = *r[i].fi;
	}
	ac_free(r);
	t->nids = b->ids.n;
	t->ids = AC_ARENA_ARRAY(&t->arena, const char *, b->ids.n ? b->ids.n : 1);
	if (b->ids.n)
		memcpy(t->ids, b->ids.v, b->ids.n * sizeof *t->ids);
	AC_VEC_FREE(&b->fns);
	AC_VEC_FREE(&b->ids);
}

static AcFamilies *table_new(AcFamilyBuilder *b)
{
	AcFamilies *t = ac_calloc(1, sizeof *t);
	memset(b, 0, sizeof *b);
	b->arena = &t->arena;
	return t;
}

void ac_families_free(AcFamilies *f)
{
	if (!f)
		return;
	ac_arena_free(&f->arena);
	ac_free(f);
}

static int build_into(AcFamilyBuilder *b, const AcFamilySource *src, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (ac_family_parse(b, &src[i]) < 0)
			return -1;
	}
	return 0;
}

int ac_families_build(AcFamilies **out, const AcFamilySource *src, size_t n)
{
	AcFamilyBuilder b;
	AcFamilies *t = table_new(&b);
	*out = NULL;
	if (build_into(&b, src, n) < 0) {
		AC_VEC_FREE(&b.fns);
		AC_VEC_FREE(&b.ids);
		ac_families_free(t);
		return -1;
	}
	finish(t, &b);
	*out = t;
	return 0;
}

/* ---- files ------------------------------------------------------------------------ */

/* The whole of file path, NUL-terminated, in arena; NULL after a tool error. */
static char *read_file(AcArena *arena, const char *path)
{
	struct stat st;
	FILE *f = NULL;
	if (stat(path, &st) != 0 || (!S_ISDIR(st.st_mode) && !(f = fopen(path, "rb")))) {
		ac_error("%s:", path);
		return NULL;
	}
	if (!f) {
		ac_error("%s: is a directory", path);
		return NULL;
	}
	AC_VEC(char) buf = {0};
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
		AC_VEC_GROW(&buf, buf.n + got);
		memcpy(buf.v + buf.n, chunk, got);
		buf.n += got;
	}
	int failed = ferror(f);
	int saved = errno;
	fclose(f);
	char *text = NULL;
	if (failed) {
		errno = saved;
		ac_error("%s:", path);
	} else {
		text = ac_arena_strndup(arena, buf.n ? buf.v : "", buf.n);
	}
	AC_VEC_FREE(&buf);
	return text;
}

/* The built-in texts, then each user file read into scratch; NULL after an error. */
static AcFamilySource *gather_sources(AcArena *scratch, const char *const *files, size_t nfiles, size_t *n)
{
	AcFamilySource *src = AC_ARENA_ARRAY(scratch, AcFamilySource, ac_nfamily_texts + nfiles + 1);
	size_t k = 0;
	for (size_t i = 0; i < ac_nfamily_texts; i++)
		src[k++] = ac_family_texts[i];
	for (size_t i = 0; i < nfiles; i++) {
		const char *text = read_file(scratch, files[i]);
		if (!text)
			return NULL;
		src[k++] = (AcFamilySource){files[i], text};
	}
	*n = k;
	return src;
}

int ac_families_load(AcFamilies **out, const char *const *files, size_t nfiles)
{
	AcArena scratch = {0};
	size_t n = 0;
	AcFamilySource *src = gather_sources(&scratch, files, nfiles, &n);
	int rc = -1;
	*out = NULL;
	if (src)
		rc = ac_families_build(out, src, n);
	ac_arena_free(&scratch);
	return rc;
}

/* ---- the built-in table, shared ------------------------------------------------ */

/* Written once under pthread_once, read-only after: the one mutable static
 * of the module, so that callers without a run table need not build one. */
static AcFamilies *builtin_table;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void load_builtin(void)
{
	if (ac_families_build(&builtin_table, ac_family_texts, ac_nfamily_texts) < 0)
		AC_UNREACHABLE(); /* the embedded files are checked by the unit tests */
}

const AcFamilies *ac_families_builtin(void)
{
	pthread_once(&builtin_once, load_builtin);
	return builtin_table;
}

void ac_families_builtin_free(void)
{
	ac_families_free(builtin_table);
	builtin_table = NULL;
}

/* ---- families declared in the code ---------------------------------------------- */

/* Which declaration wins when a name is declared more than once: an
 * allocator naming its deallocator, then ownership attributes, then a plain
 * malloc attribute; the first in the source among equals. */
static int decl_rank(const AcDeclaredFn *d)
{
	if (d->kind == AC_DECL_ALLOC && d->dealloc)
		return 3;
	if (d->kind == AC_DECL_ALLOC && !d->module)
		return 1;
	return 2;
}

/* The family named by a deallocator: its own when the table knows it as one. */
static int family_of_dealloc(AcFamilyBuilder *b, const AcFamilies *base, const char *dealloc)
{
	const AcFnInfo *fi = ac_families_lookup(base, dealloc);
	if (fi && (fi->role == AC_ROLE_DEALLOC || fi->role == AC_ROLE_REALLOC) && fi->family >= 0)
		return fi->family; /* freopen releases its stream argument: stdio */
	return ac_family_number(b, ac_arena_printf(b->arena, "attr:%s", dealloc));
}

/* A plain malloc attribute says the block is fresh, not who releases it nor
 * whether it can be NULL: GLib marks g_strconcat and g_slice_alloc with it,
 * and they return g_free/g_slice_free memory and abort rather than fail. */
static bool plain_malloc(const AcDeclaredFn *d)
{
	return d->kind == AC_DECL_ALLOC && !d->dealloc && !d->module;
}

static int decl_family(AcFamilyBuilder *b, const AcFamilies *base, const AcDeclaredFn *d)
{
	if (d->dealloc)
		return family_of_dealloc(b, base, d->dealloc);
	if (plain_malloc(d))
		return -1; /* a family of its own nobody releases with: no mismatch */
	/* clang's analyzer takes module "malloc" to be malloc/free's, as we do */
	const char *module = d->module;
	const AcFnInfo *fi = strcmp(module, "malloc") == 0 ? ac_families_lookup(base, "free") : NULL;
	if (fi && fi->role == AC_ROLE_DEALLOC && fi->family >= 0)
		return fi->family;
	return ac_family_number(b, ac_arena_printf(b->arena, "attr:%s", module));
}

static AcFnInfo decl_entry(AcFamilyBuilder *b, const AcFamilies *base, const AcDeclaredFn *d)
{
	AcFnInfo fi = {.name = d->name, .family = -1, .ptr_arg = -1};
	switch (d->kind) {
	case AC_DECL_ALLOC:
		fi.role = AC_ROLE_ALLOC;
		fi.family = decl_family(b, base, d);
		fi.can_fail = !d->returns_nonnull && !plain_malloc(d);
		break;
	case AC_DECL_DEALLOC:
		fi.role = AC_ROLE_DEALLOC;
		fi.family = decl_family(b, base, d);
		fi.ptr_arg = d->arg - 1;
		break;
	case AC_DECL_KEEP:
		fi.role = AC_ROLE_KEEP;
		break;
	}
	return fi;
}

typedef struct RankedDecl {
	const AcDeclaredFn *d;
	int rank;
	size_t seq;
} RankedDecl;

/* Lowest rank first, and among equals the last in the source first, so that
 * with "the last entry wins" the best rank and then the first declaration win. */
static int cmp_decl(const void *a, const void *b)
{
	const RankedDecl *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return (y->seq > x->seq) - (y->seq < x->seq);
}

AcFamilies *ac_families_with_declared(const AcFamilies *base, const struct AcDeclaredFn *decls, size_t n)
{
	AcFamilyBuilder b;
	AcFamilies *t = table_new(&b);
	for (size_t i = 0; i < base->nids; i++)
		ac_family_number(&b, base->ids[i]);
	RankedDecl *r = ac_malloc((n ? n : 1) * sizeof *r);
	for (size_t i = 0; i < n; i++)
		r[i] = (RankedDecl){&decls[i], decl_rank(&decls[i]), i};
	qsort(r, n, sizeof *r, cmp_decl);
	for (size_t i = 0; i < n; i++) {
		if (ac_families_lookup(base, r[i].d->name))
			continue; /* the run's table (built-in and --allocators) wins */
		AcFnInfo fi = decl_entry(&b, base, r[i].d);
		ac_family_add(&b, &fi);
	}
	ac_free(r);
	for (size_t i = 0; i < base->nfns; i++)
		ac_family_add(&b, &base->fns[i]);
	finish(t, &b);
	return t;
}

/* ---- lookups ---------------------------------------------------------------------- */

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const AcFnInfo *)elem)->name);
}

const AcFnInfo *ac_families_lookup(const AcFamilies *f, const char *name)
{
	if (!f || !name)
		return NULL;
	return bsearch(name, f->fns, f->nfns, sizeof f->fns[0], cmp_name);
}

const char *ac_families_id(const AcFamilies *f, int i)
{
	return f && i >= 0 && (size_t)i < f->nids ? f->ids[i] : NULL;
}

int ac_families_find(const AcFamilies *f, const char *id)
{
	for (size_t i = 0; f && id && i < f->nids; i++) {
		if (strcmp(f->ids[i], id) == 0)
			return (int)i;
	}
	return -1;
}

size_t ac_families_count(const AcFamilies *f)
{
	return f ? f->nfns : 0;
}

const AcFnInfo *ac_families_at(const AcFamilies *f, size_t i)
{
	return f && i < f->nfns ? &f->fns[i] : NULL;
}
