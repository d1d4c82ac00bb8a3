/*
 * family: what alloccheck knows about the functions it sees called: which
 * allocator family they belong to and what they do to a pointer (allocate,
 * reallocate, deallocate, borrow, keep), and which parameters must not be NULL.
 *
 * The built-in knowledge is one static const table (family.c). Lookups are
 * done once per call site when a function is prepared, never per path.
 */
#ifndef AC_FAMILY_H
#define AC_FAMILY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum AcRole {
	AC_ROLE_UNKNOWN,  /* not in the table */
	AC_ROLE_ALLOC,    /* returns a fresh block */
	AC_ROLE_REALLOC,  /* moves the block in argument ptr_arg, returns the new one */
	AC_ROLE_DEALLOC,  /* releases the block in argument ptr_arg */
	AC_ROLE_BORROW,   /* uses its pointer arguments during the call only */
	AC_ROLE_KEEP,     /* may keep its pointer arguments after returning */
	AC_ROLE_COUNT
} AcRole;

typedef struct AcFnInfo {
	const char *name;    /* function or macro name */
	AcRole role;
	int family;          /* family number (ac_families_id), -1 for BORROW/KEEP */
	int ptr_arg;         /* REALLOC/DEALLOC: 0-based argument holding the block */
	bool can_fail;       /* ALLOC/REALLOC: may return NULL */
	unsigned nonnull;    /* bit i: argument i must not be NULL */
	int ret_arg;         /* 1-based argument the function returns (strcpy returns its
	                        destination), 0 if none */
} AcFnInfo;

/* A set of allocator families and the functions (or macros) they name. */
typedef struct AcFamilies AcFamilies;

/* The built-in families; static, read-only, shared by every TU. */
const AcFamilies *ac_families_builtin(void);

/* What the table says about the function or macro name, or NULL. */
const AcFnInfo *ac_families_lookup(const AcFamilies *f, const char *name);

/* The id of family number i ("libc", "pymem"...), for messages and rules. */
const char *ac_families_id(const AcFamilies *f, int i);

#endif
