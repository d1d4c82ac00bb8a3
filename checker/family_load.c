/*
 * family_load: one allocator-family file (JSON) -> entries of a family table
 * (family_build.h). The built-in files under rules/families/ and the user's
 * --allocators files go through the same parser and the same checks.
 *
 * The format. A file is one object with two optional arrays:
 *
 *   {"families": [
 *      {"id": "redis",               family id: letters, digits, _ - . :
 *       "can_fail": false,           may its allocators return NULL? (default true)
 *       "allocators":   [{"name": "zmalloc", "size_arg": 1},
 *                        {"name": "zcalloc", "size_arg": [1, 2]},
 *                        {"name": "posix_memalign", "out_arg": 1, "size_arg": 3}],
 *       "reallocators": [{"name": "zrealloc", "ptr_arg": 1, "size_arg": 2}],
 *       "deallocators": [{"name": "zfree", "ptr_arg": 1}],
 *       "borrowers":    [{"name": "zmalloc_size", "nonnull": [1]}],
 *       "keepers":      []}],
 *    "functions": [
 *      {"name": "memcpy", "role": "borrow", "nonnull": [1, 2], "returns_arg": 1},
 *      {"name": "putenv", "role": "keep"}]}
 *
 * Every entry has a "name" (a C identifier: a function, or a macro the user
 * writes) and may have "aliases" (more names with the same meaning, such as
 * __builtin_malloc), "nonnull" (arguments that must not be NULL) and
 * "reads" (arguments read through when they are not NULL: g_memdup(p, n)
 * copies from p but accepts NULL).
 * Argument numbers are 1-based, from 1 to 32; for a macro they count the
 * arguments of the call inside its expansion, not the macro's own.
 *   allocators:   size_arg (a number, or [count, size]), out_arg (the block is
 *                 stored through this argument instead of returned), can_fail,
 *                 zeroed (the block's bytes are zero: calloc)
 *   reallocators: ptr_arg (the old block; default 1), size_arg, can_fail,
 *                 frees_on_failure (the old block is released also when the
 *                 call fails: reallocf, freopen's stream), returns_arg (with
 *                 frees_on_failure: on success the result is that argument
 *                 itself, still held where it was: freopen)
 *                 zero_on_success (with out_arg: returns 0 exactly when it
 *                 stored a block), fails_with and failure (the value returned
 *                 on failure instead of NULL and its spelling: -1, "MAP_FAILED"),
 *                 null_arg (allocates only when that argument is NULL, else
 *                 returns it: realpath(p, NULL)), static_if_null (for a NULL
 *                 there it returns no block but a handle that cannot fail and
 *                 needs no release: dlopen(NULL, ...), the main program's),
 *                 writable_if ([argument, bit]: the block may be written only
 *                 when that argument has the bit: mmap's PROT_WRITE)
 *   reallocators also: out_arg (the block is in *arg and reallocated there,
 *                 which holds a block afterwards whatever the result: getline)
 *   deallocators: ptr_arg (the block released; default 1), partial (may
 *                 release part of the block: munmap(p + off, n)), fixed (may
 *                 be given an address the program chose, not an allocator:
 *                 munmap of a MAP_FIXED mapping, so a constant address is no
 *                 free-nonheap)
 *   borrowers:    returns_arg (the argument returned, as strcpy returns its
 *                 destination), returns_inside (the argument into whose block
 *                 the result points when not NULL: strchr), reads_only (it
 *                 writes through none of its arguments: printf)
 *   functions:    role ("borrow" or "keep"), returns_arg, returns_inside and
 *                 reads_only (borrow only)
 * "can_fail" on an entry overrides its family's. "comment" (a string or an
 * array of strings) is allowed at every level and ignored. Anything else is
 * an error, as is a name defined twice in one file; across files, a later
 * entry replaces an earlier one, and a family id already defined names the
 * same family (a user file may add deallocators to "libc").
 *
 * Errors name the file and the JSON path: "fams.json:
 * families[0].allocators[2].size_arg: expected a positive integer".
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "diag.h"
#include "family_build.h"

enum { MAX_ARG = 32 }; /* AcFnInfo.nonnull is a 32-bit mask */

typedef enum Key {
	K_NAME,
	K_ALIASES,
	K_ROLE,
	K_SIZE_ARG,
	K_OUT_ARG,
	K_PTR_ARG,
	K_CAN_FAIL,
	K_NONNULL,
	K_READS,
	K_RETURNS_ARG,
	K_FREES_ON_FAILURE,
	K_ZEROED,
	K_ZERO_ON_SUCCESS,
	K_FAILS_WITH,
	K_FAILURE,
	K_NULL_ARG,
	K_STATIC_IF_NULL,
	K_PARTIAL,
	K_FIXED,
	K_RETURNS_INSIDE,
	K_READS_ONLY,
	K_WRITABLE_IF,
	K_COMMENT,
	K_COUNT
} Key;

static const char *const key_names[K_COUNT] = {
	[K_NAME] = "name",
	[K_ALIASES] = "aliases",
	[K_ROLE] = "role",
	[K_SIZE_ARG] = "size_arg",
	[K_OUT_ARG] = "out_arg",
	[K_PTR_ARG] = "ptr_arg",
	[K_CAN_FAIL] = "can_fail",
	[K_NONNULL] = "nonnull",
	[K_READS] = "reads",
	[K_RETURNS_ARG] = "returns_arg",
	[K_FREES_ON_FAILURE] = "frees_on_failure",
	[K_ZEROED] = "zeroed",
	[K_ZERO_ON_SUCCESS] = "zero_on_success",
	[K_FAILS_WITH] = "fails_with",
	[K_FAILURE] = "failure",
	[K_NULL_ARG] = "null_arg",
	[K_STATIC_IF_NULL] = "static_if_null",
	[K_PARTIAL] = "partial",
	[K_FIXED] = "fixed",
	[K_RETURNS_INSIDE] = "returns_inside",
	[K_READS_ONLY] = "reads_only",
	[K_WRITABLE_IF] = "writable_if",
	[K_COMMENT] = "comment",
};

#define KEY(k) (1u << (k))
#define COMMON (KEY(K_NAME) | KEY(K_ALIASES) | KEY(K_NONNULL) | KEY(K_READS) | KEY(K_COMMENT))

/* One array of entries and the keys its entries may have. */
typedef struct Section {
	const char *name;
	AcRole role;   /* UNKNOWN: given by each entry's "role" */
	unsigned keys; /* KEY() bits */
} Section;

static const Section family_sections[] = {
	{"allocators", AC_ROLE_ALLOC, COMMON | KEY(K_SIZE_ARG) | KEY(K_OUT_ARG) | KEY(K_CAN_FAIL) | KEY(K_ZEROED) |
	 KEY(K_ZERO_ON_SUCCESS) | KEY(K_FAILS_WITH) | KEY(K_FAILURE) | KEY(K_NULL_ARG) |
	 KEY(K_STATIC_IF_NULL) | KEY(K_WRITABLE_IF)},
	{"reallocators", AC_ROLE_REALLOC, COMMON | KEY(K_PTR_ARG) | KEY(K_SIZE_ARG) | KEY(K_CAN_FAIL) | KEY(K_FREES_ON_FAILURE) |
	 KEY(K_OUT_ARG) | KEY(K_RETURNS_ARG)},
	{"deallocators", AC_ROLE_DEALLOC, COMMON | KEY(K_PTR_ARG) | KEY(K_PARTIAL) | KEY(K_FIXED)},
	{"borrowers", AC_ROLE_BORROW, COMMON | KEY(K_RETURNS_ARG) | KEY(K_RETURNS_INSIDE) | KEY(K_READS_ONLY)},
	{"keepers", AC_ROLE_KEEP, COMMON},
};

static const Section functions_section = {"functions", AC_ROLE_UNKNOWN,
                                          COMMON | KEY(K_ROLE) | KEY(K_RETURNS_ARG) | KEY(K_RETURNS_INSIDE) |
                                              KEY(K_READS_ONLY)};

/* Where a value is in the document: a chain from the value up to the root. */
typedef struct Path {
	const struct Path *up;
	const char *key; /* member name, or NULL for an array element */
	int index;       /* array element */
} Path;

/* A name defined in the file being parsed, for the duplicate check. */
typedef struct Defined {
	const char *name;  /* NULL: an empty slot */
	const Path *where; /* a copy of its path, formatted only for a message */
} Defined;

typedef struct Ctx {
	AcFamilyBuilder *b;
	const char *file;  /* the file's name, for messages */
	AcArena scratch;   /* paths and the duplicate table; freed after the file */
	Defined *defined;  /* open addressing, size a power of two (in scratch) */
	size_t ndefined, cap;
} Ctx;

/* ---- messages ----------------------------------------------------------------------- */

/* A key as it may be printed on one line: control characters as \xNN. */
static const char *printable(AcArena *a, const char *key)
{
	const char *s = "";
	size_t n;
	while (*key) {
		n = 0;
		while (key[n] && (unsigned char)key[n] >= 0x20 && key[n] != 0x7f)
			n++;
		s = ac_arena_printf(a, "%s%.*s", s, (int)n, key);
		key += n;
		if (*key)
			s = ac_arena_printf(a, "%s\\x%02x", s, (unsigned char)*key++);
	}
	return s;
}

static void format_path(AcArena *a, const Path *p, char **out)
{
	if (!p) {
		*out = ac_arena_strdup(a, "");
		return;
	}
	format_path(a, p->up, out);
	if (p->key)
		*out = ac_arena_printf(a, "%s%s%s", *out, **out ? "." : "", printable(a, p->key));
	else
		*out = ac_arena_printf(a, "%s[%d]", *out, p->index);
}

static const char *path_text(Ctx *c, const Path *p)
{
	char *s;
	format_path(&c->scratch, p, &s);
	return s;
}

/* Prints "FILE: PATH: message" (or "FILE: message" at the top) and returns -1. */
static int fail(Ctx *c, const Path *p, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(Ctx *c, const Path *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *msg = ac_arena_vprintf(&c->scratch, fmt, ap);
	va_end(ap);
	const char *where = path_text(c, p);
	if (*where)
		return ac_error("%s: %s: %s", c->file, where, msg);
	return ac_error("%s: %s", c->file, msg);
}

/* "a, b or c": the names of the keys in mask (plus extra names), for messages. */
static const char *key_list(Ctx *c, unsigned mask, const char *const *extra, size_t nextra)
{
	const char *names[K_COUNT + 8];
	size_t n = 0;
	for (int k = 0; k < K_COUNT; k++) {
		if (mask & KEY(k))
			names[n++] = key_names[k];
	}
	for (size_t i = 0; i < nextra && n < sizeof names / sizeof names[0]; i++)
		names[n++] = extra[i];
	const char *s = "";
	for (size_t i = 0; i < n; i++)
		s = ac_arena_printf(&c->scratch, "%s%s%s", s, i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	return s;
}

/* ---- scalar values ------------------------------------------------------------------ */

/* An argument number, 1..MAX_ARG. The range is checked before the value
 * is converted: converting 1e999 (cJSON's infinity) or NaN to an integer is
 * undefined. */
static int arg_number(Ctx *c, const cJSON *v, const Path *p, int *out)
{
	/* -1 spelt out rather than fail()'s result: the callers use *out only
	 * on 0, and a reader (or an analyser, which does not follow the variadic
	 * fail()) then sees at once that *out is set whenever 0 is returned. */
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= 1)) {
		fail(c, p, "expected a positive integer");
		return -1;
	}
	if (v->valuedouble > MAX_ARG) {
		fail(c, p, "argument numbers above %d are not supported", MAX_ARG);
		return -1;
	}
	if (v->valuedouble != (double)(int)v->valuedouble) {
		fail(c, p, "expected a positive integer");
		return -1;
	}
	*out = (int)v->valuedouble;
	return 0;
}

static bool is_identifier(const char *s)
{
	if (!s || !(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return false;
	return s[strspn(s, "_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")] == '\0';
}

static bool is_family_id(const char *s)
{
	return s && *s &&
	       s[strspn(s, "_-.:abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")] == '\0';
}

static int boolean(Ctx *c, const cJSON *v, const Path *p, bool *out)
{
	if (!cJSON_IsBool(v))
		return fail(c, p, "expected true or false");
	*out = cJSON_IsTrue(v);
	return 0;
}

/* "fails_with": a non-zero integer that fits in 32 bits (0 is NULL, the default). */
static int failure_value(Ctx *c, const cJSON *v, const Path *p, long long *out)
{
	if (!cJSON_IsNumber(v) || !(v->valuedouble >= -2147483647.0 && v->valuedouble <= 2147483647.0) ||
	    v->valuedouble != (double)(int)v->valuedouble || v->valueint == 0)
		return fail(c, p, "expected a non-zero integer (the failure value, such as -1)");
	*out = v->valueint;
	return 0;
}

/* "writable_if": [argument, bit]: the block may be written only when that
 * argument has the bit (a positive power of two) set. */
static int writable_if(Ctx *c, const cJSON *v, const Path *p, AcFnInfo *fi)
{
	const cJSON *a = cJSON_IsArray(v) && cJSON_GetArraySize(v) == 2 ? cJSON_GetArrayItem(v, 0) : NULL;
	const cJSON *b = a ? cJSON_GetArrayItem(v, 1) : NULL;
	if (!a || !b || !cJSON_IsNumber(b) || !(b->valuedouble >= 1 && b->valuedouble <= 1073741824.0) ||
	    b->valuedouble != (double)(int)b->valuedouble || (b->valueint & (b->valueint - 1)) != 0)
		return fail(c, p, "expected [argument, bit] (a bit such as 2)");
	Path ap = {p, NULL, 0};
	if (arg_number(c, a, &ap, &fi->writable_arg) < 0)
		return -1;
	fi->writable_bit = b->valueint;
	return 0;
}

/* "comment": a string or an array of strings. */
static int comment(Ctx *c, const cJSON *v, const Path *p)
{
	if (cJSON_IsString(v))
		return 0;
	if (!cJSON_IsArray(v))
		return fail(c, p, "expected a string or an array of strings");
	int i = 0;
	for (const cJSON *s = v->child; s; s = s->next, i++) {
		Path ip = {p, NULL, i};
		if (!cJSON_IsString(s))
			return fail(c, &ip, "expected a string");
	}
	return 0;
}

/* "nonnull", "reads": [argument numbers] -> bit mask. */
static int nonnull_list(Ctx *c, const cJSON *v, const Path *p, unsigned *mask)
{
	if (!cJSON_IsArray(v))
		return fail(c, p, "expected an array of argument numbers");
	int i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		Path ip = {p, NULL, i};
		int n;
		if (arg_number(c, e, &ip, &n) < 0)
			return -1;
		*mask |= 1u << (n - 1);
	}
	return 0;
}

/* "size_arg": a number, or [count, size] (calloc). Checked, not kept: no
 * rule reads sizes yet. */
/* "size_arg": a number (stored in *size, 1-based) or [count, size] (*size
 * stays 0: a product). */
static int size_arg(Ctx *c, const cJSON *v, const Path *p, int *size)
{
	int n;
	if (!cJSON_IsArray(v))
		return arg_number(c, v, p, size);
	int count = cJSON_GetArraySize(v);
	if (count < 1 || count > 2)
		return fail(c, p, "expected a positive integer or an array of two ([count, size])");
	int i = 0;
	for (const cJSON *e = v->child; e; e = e->next, i++) {
		Path ip = {p, NULL, i};
		if (arg_number(c, e, &ip, &n) < 0)
			return -1;
	}
	return 0;
}

/* ---- objects --------------------------------------------------------------------------- */

/* Fails on a member of obj that is not one of names[0..n) or comes twice. */
/* expected names the keys for a message; when NULL, the keys of mask do
 * (key_list, made only for the message). */
static int check_members(Ctx *c, const cJSON *obj, const Path *p, const char *const *names, size_t n,
			 const char *expected, unsigned mask)
{
	for (const cJSON *m = obj->child; m; m = m->next) {
		Path mp = {p, m->string, 0};
		size_t k = 0;
		while (k < n && !(names[k] && strcmp(names[k], m->string) == 0))
			k++;
		if (k == n)
			return fail(c, &mp, "unknown key (expected %s)", expected ? expected : key_list(c, mask, NULL, 0));
		for (const cJSON *o = obj->child; o != m; o = o->next) {
			if (strcmp(o->string, m->string) == 0)
				return fail(c, &mp, "duplicate key");
		}
	}
	return 0;
}

/* p copied into the scratch arena (its keys point into the parsed file,
 * which outlives the copy). */
static const Path *path_copy(Ctx *c, const Path *p)
{
	if (!p)
		return NULL;
	Path *q = ac_arena_alloc(&c->scratch, sizeof *q);
	*q = (Path){path_copy(c, p->up), p->key, p->index};
	return q;
}

static Defined *defined_slot(Defined *tab, size_t cap, const char *name)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const char *s = name; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	size_t i = (size_t)h & (cap - 1);
	while (tab[i].name && strcmp(tab[i].name, name) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

/* Records name as defined at p; fails if this file defined it already. A
 * built-in file defines hundreds of names and is read on every run: a hash
 * table, and the path formatted only when a message needs it. */
static int define(Ctx *c, const char *name, const Path *p)
{
	if ((c->ndefined + 1) * 2 > c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		Defined *tab = ac_arena_alloc(&c->scratch, cap * sizeof *tab);
		for (size_t i = 0; i < c->cap; i++)
			if (c->defined[i].name)
				*defined_slot(tab, cap, c->defined[i].name) = c->defined[i];
		c->defined = tab;
		c->cap = cap;
	}
	Defined *d = defined_slot(c->defined, c->cap, name);
	if (d->name)
		return fail(c, p, "'%s' is already defined at %s", name, path_text(c, d->where));
	*d = (Defined){name, path_copy(c, p)};
	c->ndefined++;
	return 0;
}

/* Adds fi under its name and under each of its aliases. */
static int add_names(Ctx *c, AcFnInfo *fi, const cJSON *name, const cJSON *aliases, const Path *p)
{
	Path np = {p, "name", 0};
	if (!cJSON_IsString(name) || !is_identifier(name->valuestring))
		return fail(c, &np, "expected a C identifier");
	if (define(c, name->valuestring, &np) < 0)
		return -1;
	fi->name = ac_arena_strdup(c->b->arena, name->valuestring);
	ac_family_add(c->b, fi);
	if (!aliases)
		return 0;
	Path ap = {p, "aliases", 0};
	if (!cJSON_IsArray(aliases))
		return fail(c, &ap, "expected an array of names");
	int i = 0;
	for (const cJSON *a = aliases->child; a; a = a->next, i++) {
		Path ip = {&ap, NULL, i};
		if (!cJSON_IsString(a) || !is_identifier(a->valuestring))
			return fail(c, &ip, "expected a C identifier");
		if (define(c, a->valuestring, &ip) < 0)
			return -1;
		fi->name = ac_arena_strdup(c->b->arena, a->valuestring);
		ac_family_add(c->b, fi);
	}
	return 0;
}

/* "role" of a "functions" entry. */
static int role(Ctx *c, const cJSON *v, const Path *p, AcFnInfo *fi)
{
	if (cJSON_IsString(v) && strcmp(v->valuestring, "borrow") == 0)
		fi->role = AC_ROLE_BORROW;
	else if (cJSON_IsString(v) && strcmp(v->valuestring, "keep") == 0)
		fi->role = AC_ROLE_KEEP;
	else
		return fail(c, p, "expected \"borrow\" or \"keep\" (allocators belong to a family)");
	return 0;
}

/* One key of an entry (already known to be allowed in its section). */
static int entry_key(Ctx *c, Key k, const cJSON *v, const Path *p, AcFnInfo *fi)
{
	int n;
	switch (k) {
	case K_ROLE:
		return role(c, v, p, fi);
	case K_SIZE_ARG:
		return size_arg(c, v, p, &fi->size_arg);
	case K_OUT_ARG:
		return arg_number(c, v, p, &fi->out_arg);
	case K_PTR_ARG:
		if (arg_number(c, v, p, &n) < 0)
			return -1;
		fi->ptr_arg = n - 1;
		return 0;
	case K_CAN_FAIL:
		return boolean(c, v, p, &fi->can_fail);
	case K_NONNULL:
		return nonnull_list(c, v, p, &fi->nonnull);
	case K_READS:
		return nonnull_list(c, v, p, &fi->reads);
	case K_RETURNS_ARG:
		return arg_number(c, v, p, &fi->ret_arg);
	case K_FREES_ON_FAILURE:
		return boolean(c, v, p, &fi->frees_on_failure);
	case K_ZEROED:
		return boolean(c, v, p, &fi->zeroed);
	case K_ZERO_ON_SUCCESS:
		return boolean(c, v, p, &fi->zero_on_success);
	case K_FAILS_WITH:
		return failure_value(c, v, p, &fi->fails_with);
	case K_FAILURE:
		if (!cJSON_IsString(v) || !*v->valuestring)
			return fail(c, p, "expected a string");
		fi->failure = ac_arena_strdup(c->b->arena, v->valuestring);
		return 0;
	case K_NULL_ARG:
		return arg_number(c, v, p, &fi->null_arg);
	case K_STATIC_IF_NULL:
		return arg_number(c, v, p, &fi->static_if_null);
	case K_PARTIAL:
		return boolean(c, v, p, &fi->partial);
	case K_FIXED:
		return boolean(c, v, p, &fi->fixed);
	case K_RETURNS_INSIDE:
		return arg_number(c, v, p, &fi->ret_inside);
	case K_READS_ONLY:
		return boolean(c, v, p, &fi->reads_only);
	case K_WRITABLE_IF:
		return writable_if(c, v, p, fi);
	case K_COMMENT:
		return comment(c, v, p);
	case K_NAME:
	case K_ALIASES:
	case K_COUNT:
		break;
	}
	return 0; /* name and aliases are read by add_names */
}

/* The defaults of an entry of section s in a family (-1 outside one). */
static AcFnInfo entry_defaults(const Section *s, int family, bool can_fail)
{
	AcFnInfo fi = {.role = s->role, .family = -1, .ptr_arg = -1};
	if (s->role == AC_ROLE_ALLOC || s->role == AC_ROLE_REALLOC || s->role == AC_ROLE_DEALLOC)
		fi.family = family;
	if (s->role == AC_ROLE_ALLOC || s->role == AC_ROLE_REALLOC)
		fi.can_fail = can_fail;
	if (s->role == AC_ROLE_REALLOC || s->role == AC_ROLE_DEALLOC)
		fi.ptr_arg = 0;
	return fi;
}

static int parse_entry(Ctx *c, const cJSON *obj, const Path *p, const Section *s, AcFnInfo fi)
{
	if (!cJSON_IsObject(obj))
		return fail(c, p, "expected an object with a \"name\"");
	const char *names[K_COUNT];
	for (int k = 0; k < K_COUNT; k++)
		names[k] = (s->keys & KEY(k)) ? key_names[k] : NULL;
	if (check_members(c, obj, p, names, K_COUNT, NULL, s->keys) < 0)
		return -1;
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(obj, "name");
	if (!name)
		return fail(c, p, "missing key \"name\"");
	if ((s->keys & KEY(K_ROLE)) && !cJSON_GetObjectItemCaseSensitive(obj, "role"))
		return fail(c, p, "missing key \"role\"");
	for (int k = 0; k < K_COUNT; k++) {
		const cJSON *v = names[k] ? cJSON_GetObjectItemCaseSensitive(obj, names[k]) : NULL;
		Path kp = {p, key_names[k], 0};
		if (v && entry_key(c, (Key)k, v, &kp, &fi) < 0)
			return -1;
	}
	if (fi.zero_on_success && !fi.out_arg) {
		Path kp = {p, "zero_on_success", 0};
		return fail(c, &kp, "only an allocator with an out_arg returns 0 for its block");
	}
	if (fi.role == AC_ROLE_REALLOC && fi.out_arg && fi.ptr_arg != fi.out_arg - 1)
		fi.ptr_arg = fi.out_arg - 1; /* getline(&line, ...): the block is *arg */
	if (fi.role == AC_ROLE_REALLOC && fi.ret_arg && (!fi.frees_on_failure || fi.ret_arg != fi.ptr_arg + 1)) {
		Path kp = {p, "returns_arg", 0};
		return fail(c, &kp, "a reallocator returns only its ptr_arg, and only one that frees it on failure");
	}
	if (fi.role == AC_ROLE_KEEP && fi.ret_inside) {
		Path kp = {p, "returns_inside", 0};
		return fail(c, &kp, "only a borrower returns a pointer into an argument");
	}
	if (fi.role == AC_ROLE_KEEP && fi.reads_only) {
		Path kp = {p, "reads_only", 0};
		return fail(c, &kp, "only a borrower reads its arguments only");
	}
	if (fi.role == AC_ROLE_KEEP && fi.ret_arg) {
		Path kp = {p, "returns_arg", 0};
		return fail(c, &kp, "only a borrower returns an argument");
	}
	return add_names(c, &fi, name, cJSON_GetObjectItemCaseSensitive(obj, "aliases"), p);
}

static int parse_section(Ctx *c, const cJSON *arr, const Path *p, const Section *s, int family, bool can_fail)
{
	if (!cJSON_IsArray(arr))
		return fail(c, p, "expected an array of %s", s->name);
	int i = 0;
	for (const cJSON *e = arr->child; e; e = e->next, i++) {
		Path ep = {p, NULL, i};
		if (parse_entry(c, e, &ep, s, entry_defaults(s, family, can_fail)) < 0)
			return -1;
	}
	return 0;
}

static const char *const family_keys[] = {"id", "can_fail", "comment", "allocators", "reallocators",
					  "deallocators", "borrowers", "keepers"};

static int parse_family(Ctx *c, const cJSON *obj, const Path *p)
{
	size_t nkeys = sizeof family_keys / sizeof family_keys[0];
	if (!cJSON_IsObject(obj))
		return fail(c, p, "expected an object with an \"id\"");
	if (check_members(c, obj, p, family_keys, nkeys, "id, can_fail, comment, allocators, reallocators, "
							  "deallocators, borrowers or keepers", 0) < 0)
		return -1;
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
	const cJSON *can_fail = cJSON_GetObjectItemCaseSensitive(obj, "can_fail");
	const cJSON *note = cJSON_GetObjectItemCaseSensitive(obj, "comment");
	Path ip = {p, "id", 0}, fp = {p, "can_fail", 0}, cp = {p, "comment", 0};
	bool fails = true;
	if (!id)
		return fail(c, p, "missing key \"id\"");
	if (!cJSON_IsString(id) || !is_family_id(id->valuestring))
		return fail(c, &ip, "expected a family id (letters, digits, '_', '-', '.', ':')");
	if ((can_fail && boolean(c, can_fail, &fp, &fails) < 0) || (note && comment(c, note, &cp) < 0))
		return -1;
	int family = ac_family_number(c->b, id->valuestring);
	for (size_t i = 0; i < sizeof family_sections / sizeof family_sections[0]; i++) {
		const Section *s = &family_sections[i];
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, s->name);
		Path sp = {p, s->name, 0};
		if (arr && parse_section(c, arr, &sp, s, family, fails) < 0)
			return -1;
	}
	return 0;
}

static int parse_families(Ctx *c, const cJSON *arr, const Path *p)
{
	if (!cJSON_IsArray(arr))
		return fail(c, p, "expected an array of families");
	int i = 0;
	for (const cJSON *f = arr->child; f; f = f->next, i++) {
		Path fp = {p, NULL, i};
		if (parse_family(c, f, &fp) < 0)
			return -1;
	}
	return 0;
}

static const char *const top_keys[] = {"families", "functions", "comment"};

static int parse_document(Ctx *c, const cJSON *doc)
{
	if (!cJSON_IsObject(doc))
		return fail(c, NULL, "expected an object with \"families\" and/or \"functions\"");
	if (check_members(c, doc, NULL, top_keys, 3, "families, functions or comment", 0) < 0)
		return -1;
	const cJSON *families = cJSON_GetObjectItemCaseSensitive(doc, "families");
	const cJSON *functions = cJSON_GetObjectItemCaseSensitive(doc, "functions");
	const cJSON *note = cJSON_GetObjectItemCaseSensitive(doc, "comment");
	Path fp = {NULL, "families", 0}, np = {NULL, "functions", 0}, cp = {NULL, "comment", 0};
	if (note && comment(c, note, &cp) < 0)
		return -1;
	if (families && parse_families(c, families, &fp) < 0)
		return -1;
	if (functions && parse_section(c, functions, &np, &functions_section, -1, false) < 0)
		return -1;
	return 0;
}

/* 1-based line of text[off]. */
static unsigned line_at(const char *text, size_t off)
{
	unsigned line = 1;
	for (size_t i = 0; i < off && text[i]; i++)
		line += text[i] == '\n';
	return line;
}

int ac_family_parse(AcFamilyBuilder *b, const AcFamilySource *src)
{
	Ctx c = {.b = b, .file = src->name};
	const char *end = NULL;
	size_t len = strlen(src->text);
	cJSON *doc = cJSON_ParseWithLengthOpts(src->text, len, &end, false);
	int rc;
	if (!doc) {
		size_t off = end && end >= src->text ? (size_t)(end - src->text) : 0;
		rc = ac_error("%s: not valid JSON near line %u", src->name, line_at(src->text, off));
	} else if (end && (size_t)(end - src->text) < len && end[strspn(end, " \t\r\n")] != '\0') {
		size_t off = (size_t)(end - src->text) + strspn(end, " \t\r\n");
		rc = ac_error("%s: not valid JSON near line %u (text after the end of the document)", src->name,
			      line_at(src->text, off));
	} else {
		rc = parse_document(&c, doc);
	}
	cJSON_Delete(doc);
	ac_arena_free(&c.scratch);
	return rc;
}
