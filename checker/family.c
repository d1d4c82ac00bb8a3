/*
 * family: the built-in allocator families and the libc functions whose
 * pointer parameters must not be NULL. Sorted by name for bsearch; the
 * order of ac_families gives each family its index.
 *
 * GLib's allocators abort instead of returning NULL (only g_try_* fail).
 */
#include "family.h"

#include <stdlib.h>
#include <string.h>

enum { LIBC, PYMEM, PYMEM_RAW, PYOBJECT, GLIB };

static const char *const family_ids[] = {
	[LIBC] = "libc",
	[PYMEM] = "pymem",
	[PYMEM_RAW] = "pymem-raw",
	[PYOBJECT] = "pyobject",
	[GLIB] = "glib",
};

#define ALLOC(n, fam, fail) {.name = n, .role = AC_ROLE_ALLOC, .family = fam, .ptr_arg = -1, .can_fail = fail}
#define ALLOC_NN(n, fam, fail, nn) {.name = n, .role = AC_ROLE_ALLOC, .family = fam, .ptr_arg = -1, .can_fail = fail, .nonnull = nn}
#define REALLOC(n, fam, fail) {.name = n, .role = AC_ROLE_REALLOC, .family = fam, .ptr_arg = 0, .can_fail = fail}
#define DEALLOC(n, fam) {.name = n, .role = AC_ROLE_DEALLOC, .family = fam, .ptr_arg = 0}
#define BORROW(n, nn) {.name = n, .role = AC_ROLE_BORROW, .family = -1, .ptr_arg = -1, .nonnull = nn}
#define BORROW_RET(n, nn, r) {.name = n, .role = AC_ROLE_BORROW, .family = -1, .ptr_arg = -1, .nonnull = nn, .ret_arg = r}
#define KEEP(n) {.name = n, .role = AC_ROLE_KEEP, .family = -1, .ptr_arg = -1}

#define A0 1u
#define A1 2u
#define A2 4u
#define A3 8u

/* Sorted by name in strcmp order, for bsearch: checked by the unit tests. */
static const AcFnInfo table[] = {
	ALLOC("PyMem_Calloc", PYMEM, true),
	DEALLOC("PyMem_Free", PYMEM),
	ALLOC("PyMem_Malloc", PYMEM, true),
	ALLOC("PyMem_RawCalloc", PYMEM_RAW, true),
	DEALLOC("PyMem_RawFree", PYMEM_RAW),
	ALLOC("PyMem_RawMalloc", PYMEM_RAW, true),
	REALLOC("PyMem_RawRealloc", PYMEM_RAW, true),
	REALLOC("PyMem_Realloc", PYMEM, true),
	ALLOC("PyObject_Calloc", PYOBJECT, true),
	DEALLOC("PyObject_Free", PYOBJECT),
	ALLOC("PyObject_Malloc", PYOBJECT, true),
	REALLOC("PyObject_Realloc", PYOBJECT, true),
	ALLOC("aligned_alloc", LIBC, true),
	BORROW("atoi", A0),
	BORROW("atol", A0),
	ALLOC("calloc", LIBC, true),
	BORROW("fgets", A0 | A2),
	BORROW("fputs", A0 | A1),
	BORROW("fread", A0 | A3),
	DEALLOC("free", LIBC),
	BORROW("fwrite", A0 | A3),
	DEALLOC("g_free", GLIB),
	ALLOC("g_malloc", GLIB, false),
	ALLOC("g_malloc0", GLIB, false),
	ALLOC("g_malloc0_n", GLIB, false),
	ALLOC("g_malloc_n", GLIB, false),
	ALLOC("g_memdup", GLIB, false),
	ALLOC("g_memdup2", GLIB, false),
	REALLOC("g_realloc", GLIB, false),
	ALLOC("g_strdup", GLIB, false),
	ALLOC("g_strdup_printf", GLIB, false),
	ALLOC("g_strndup", GLIB, false),
	ALLOC("g_try_malloc", GLIB, true),
	ALLOC("g_try_malloc0", GLIB, true),
	REALLOC("g_try_realloc", GLIB, true),
	ALLOC("malloc", LIBC, true),
	BORROW("memchr", A0),
	BORROW("memcmp", A0 | A1),
	BORROW_RET("memcpy", A0 | A1, 1),
	BORROW_RET("memmove", A0 | A1, 1),
	BORROW_RET("memset", A0, 1),
	KEEP("pthread_setspecific"),
	KEEP("putenv"),
	BORROW("puts", A0),
	REALLOC("realloc", LIBC, true),
	REALLOC("reallocarray", LIBC, true),
	KEEP("setbuf"),
	KEEP("setvbuf"),
	BORROW("sprintf", A0 | A1),
	BORROW("sscanf", A0 | A1),
	BORROW_RET("strcat", A0 | A1, 1),
	BORROW("strchr", A0),
	BORROW("strcmp", A0 | A1),
	BORROW_RET("strcpy", A0 | A1, 1),
	BORROW("strcspn", A0 | A1),
	ALLOC_NN("strdup", LIBC, true, A0),
	BORROW("strlen", A0),
	BORROW_RET("strncat", A0 | A1, 1),
	BORROW("strncmp", A0 | A1),
	BORROW_RET("strncpy", A0 | A1, 1),
	ALLOC_NN("strndup", LIBC, true, A0),
	BORROW("strnlen", A0),
	BORROW("strrchr", A0),
	BORROW("strspn", A0 | A1),
	BORROW("strstr", A0 | A1),
	BORROW("strtod", A0),
	BORROW("strtol", A0),
	BORROW("strtoul", A0),
	ALLOC("valloc", LIBC, true),
	BORROW("vsprintf", A0 | A1),
};

static int cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const AcFnInfo *)elem)->name);
}

struct AcFamilies {
	const AcFnInfo *fns; /* sorted by name */
	size_t nfns;
	const char *const *ids;
	size_t nids;
};

static const AcFamilies builtin = {table, sizeof table / sizeof table[0], family_ids,
                                   sizeof family_ids / sizeof family_ids[0]};

const AcFamilies *ac_families_builtin(void)
{
	return &builtin;
}

const AcFnInfo *ac_families_lookup(const AcFamilies *f, const char *name)
{
	if (!name)
		return NULL;
	return bsearch(name, f->fns, f->nfns, sizeof f->fns[0], cmp_name);
}

const char *ac_families_id(const AcFamilies *f, int i)
{
	return i >= 0 && (size_t)i < f->nids ? f->ids[i] : NULL;
}
