/*
 * dominators: which blocks can only be reached through a given block. The
 * engine asks it whether a call lies inside the body of a NULL check
 * (if (!p) fatal();), where a call that may not return explains why the code
 * after the check uses p.
 */
#ifndef AC_DOMINATORS_H
#define AC_DOMINATORS_H

#include <stdbool.h>

#include "arena.h"
#include "cfg.h"

typedef struct AcDominators {
	int *pre;  /* per block: entry number in the dominator tree walk; -1 if unreachable */
	int *post; /* per block: exit number */
} AcDominators;

/* Computes the dominator tree of fn (Cooper, Harvey and Kennedy's iterative
 * algorithm over reverse post-order); the arrays live in arena a. */
void ac_dominators_compute(AcArena *a, const AcFunc *fn, AcDominators *out);

/* Every path from the entry to b goes through a (a block dominates itself). */
bool ac_dominates(const AcDominators *d, int a, int b);

#endif
