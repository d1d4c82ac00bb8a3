/*
 * family: what alloccheck knows about the functions it sees called: which
 * allocator family they belong to and what they do to a pointer (allocate,
 * reallocate, deallocate, borrow, keep), and which parameters must not be NULL.
 *
 * The knowledge is data: the JSON files under rules/families/ are embedded
 * into the binary at build time and parsed at start-up (family_load.c, which
 * documents the format), users add files with --allocators, and allocation
 * attributes declared in the analysed code add entries per TU
 * (ac_families_with_declared). An AcFamilies table is immutable once built,
 * sorted by name for bsearch, and owns its strings; lookups are done once per
 * call site when a function is prepared, never per path.
 */
#ifndef AC_FAMILY_H
#define AC_FAMILY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum AcRole {
	AC_ROLE_UNKNOWN,  /* not in the table */
	AC_ROLE_ALLOC,    /* returns a fresh block (or stores it through out_arg) */
	AC_ROLE_REALLOC,  /* moves the block in argument ptr_arg, returns the new one */
	AC_ROLE_DEALLOC,  /* releases the block in argument ptr_arg */
	AC_ROLE_BORROW,   /* uses its pointer arguments during the call only */
	AC_ROLE_KEEP,     /* may keep its pointer arguments after returning */
	AC_ROLE_COUNT
} AcRole;

typedef struct AcFnInfo {
	const char *name;    /* function or macro name; a macro's entry describes the
	                        call inside its expansion (argument numbers are that call's) */
	AcRole role;
	int family;          /* family number (ac_families_id), -1 for BORROW/KEEP */
	int ptr_arg;         /* REALLOC/DEALLOC: 0-based argument holding the block; -1 otherwise */
	bool can_fail;       /* ALLOC/REALLOC: may return NULL (out_arg: may fail and store nothing) */
	bool zeroed;         /* ALLOC: the new block's bytes are zero (calloc, g_malloc0) */
	bool frees_on_failure; /* REALLOC: the old block is released even when the call fails
	                          (BSD reallocf; freopen closes its stream) */
	unsigned nonnull;    /* bit i: argument i must not be NULL */
	unsigned reads;      /* bit i: argument i is read through when it is not NULL
	                        (g_memdup(p, n), g_strdup(s) accept NULL) */
	int ret_arg;         /* 1-based argument the function returns (strcpy returns its
	                        destination; REALLOC: on success, freopen's stream), 0 if none */
	int ret_inside;      /* BORROW: 1-based argument into whose block the result points when
	                        it is not NULL (strchr, memchr, strstr), 0 if none */
	int size_arg;        /* ALLOC/REALLOC: 1-based argument that is the size in bytes, 0 when
	                        none or a product ([count, size]); realloc(p, 0) frees p */
	int out_arg;         /* ALLOC: 1-based argument through which the new block is stored
	                        (posix_memalign(&p, ...), asprintf(&s, ...)), 0 when it is returned;
	                        REALLOC: the block is in *arg and reallocated there (getline(&line,
	                        &n, fp)), which holds a block afterwards whatever the call returns */
	bool zero_on_success; /* ALLOC with out_arg: returns 0 exactly when it stored a block
	                         (getaddrinfo, posix_memalign), so a test of the result tells */
	long long fails_with; /* ALLOC: the value returned on failure instead of NULL (mmap's
	                         MAP_FAILED, iconv_open's (iconv_t)-1); 0 for NULL */
	const char *failure;  /* ... as the code spells it, for messages ("MAP_FAILED"); NULL for NULL */
	int null_arg;         /* ALLOC: 1-based argument: allocates only when it is NULL, else
	                         returns it (realpath(p, NULL), getcwd(NULL, 0)); 0 when always */
	int writable_arg;     /* ALLOC: 1-based argument whose bit writable_bit says the block may be
	                         written (mmap's protection, PROT_WRITE): for a constant without it,
	                         a store into the block faults, so the path ends there; 0 none */
	long long writable_bit;
	int static_if_null;   /* ALLOC: 1-based argument: for a NULL there it returns no block but a
	                         handle that cannot fail and needs no release (dlopen(NULL, ...):
	                         the main program's); 0 when none */
	bool partial;         /* DEALLOC: may release part of a block (munmap(p + off, n)): a
	                         pointer inside the block is no free-offset */
	bool fixed;           /* DEALLOC: may be given an address the program chose (munmap of a
	                         MAP_FIXED mapping, shmdt): a constant address is no free-nonheap */
	bool reads_only;      /* BORROW: writes through none of its arguments (printf: what
	                         a test of strcmp (s, "x") read is still there after it) */
} AcFnInfo;

/* A set of allocator families and the functions (or macros) they name. */
typedef struct AcFamilies AcFamilies;

/* One family file: a name for messages ("rules/families/libc.json", or the
 * path the user gave) and its JSON text. */
typedef struct AcFamilySource {
	const char *name;
	const char *text;
} AcFamilySource;

struct AcDeclaredFn; /* cfg.h: allocation attributes read from the analysed code */

/* The built-in families, parsed from the embedded rules/families/ files on
 * first use (thread-safe) and kept until ac_families_builtin_free: the table
 * of callers that pass none (AcEngineOptions.families == NULL). The driver
 * passes none when no --allocators file adds to it, so that a run whose
 * every result comes from the result cache never parses the files. */
const AcFamilies *ac_families_builtin(void);

/* Frees the built-in table when it was made, so that the Debug build's
 * live-block check at exit stays exact; after it, ac_families_builtin must
 * not be called again (the driver calls it last, every thread joined). */
void ac_families_builtin_free(void);

/* The run's table: the built-in families, then each of files[0..nfiles) in
 * order; an entry for a name replaces any earlier entry for it, and a family
 * id already defined (by a built-in file or an earlier file) names the same
 * family. On success *out is a table the caller frees with
 * ac_families_free. On failure (a file that cannot be read or is not a valid
 * family file) prints one "alloccheck: error: FILE: ..." line, returns -1 and
 * sets *out to NULL. */
int ac_families_load(AcFamilies **out, const char *const *files, size_t nfiles);

/* Like ac_families_load but from texts and without the built-in files:
 * src[0..n) in order, later entries replacing earlier ones by name. Errors
 * name src[i].name. Used by ac_families_load and the unit tests. */
int ac_families_build(AcFamilies **out, const AcFamilySource *src, size_t n);

/* The per-TU table: base plus the functions declared with allocation
 * attributes in the TU (decls[0..n)). Entries of base win over declared ones
 * for the same name. The result borrows strings from base and from decls, so
 * it must be freed (ac_families_free) before either goes away. */
AcFamilies *ac_families_with_declared(const AcFamilies *base, const struct AcDeclaredFn *decls, size_t n);

void ac_families_free(AcFamilies *f); /* NULL is fine */

/* What the table says about the function or macro name, or NULL. */
const AcFnInfo *ac_families_lookup(const AcFamilies *f, const char *name);

/* The id of family number i ("libc", "pymem"...), for messages and rules;
 * NULL when i is out of range. */
const char *ac_families_id(const AcFamilies *f, int i);

/* The number of family id, or -1. */
int ac_families_find(const AcFamilies *f, const char *id);

/* The entries in name order (strcmp), for tests and dumps: entry i < count. */
size_t ac_families_count(const AcFamilies *f);
const AcFnInfo *ac_families_at(const AcFamilies *f, size_t i);

#endif
