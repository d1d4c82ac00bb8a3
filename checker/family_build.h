/*
 * family_build: the private half of the family module, shared by family.c
 * (tables: build, merge, look up) and family_load.c (JSON family files ->
 * entries). Nothing outside these two files includes it.
 *
 * A builder collects entries in the order they are given; when the table is
 * finished, the last entry for a name wins, which is how a later family file
 * overrides an earlier one. Family ids get numbers in order of first use.
 */
#ifndef AC_FAMILY_BUILD_H
#define AC_FAMILY_BUILD_H

#include "arena.h"
#include "family.h"
#include "vec.h"

typedef struct AcFamilyBuilder {
	AcArena *arena;             /* the table's arena: strings the entries point to live here
	                               (or in something that outlives the table) */
	AC_VEC(AcFnInfo) fns;       /* in the order added */
	AC_VEC(const char *) ids;   /* family ids by number */
} AcFamilyBuilder;

/* The number of family id, added (copied into the arena) when new. */
int ac_family_number(AcFamilyBuilder *b, const char *id);

/* Appends an entry; fi->name is stored as given (same lifetime rule). */
void ac_family_add(AcFamilyBuilder *b, const AcFnInfo *fi);

/* Parses one family file into b (family_load.c). Returns 0, or -1 after
 * printing one "alloccheck: error: NAME: ..." line; b may then hold part of
 * the file's entries and must only be freed. */
int ac_family_parse(AcFamilyBuilder *b, const AcFamilySource *src);

#endif
