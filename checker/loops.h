/*
 * loops: which blocks of a function lie on a cycle together (the strongly
 * connected components of its CFG). The engine uses it to tell a block
 * allocated in an earlier round of a loop from one allocated on the way in.
 */
#ifndef AC_LOOPS_H
#define AC_LOOPS_H

#include "arena.h"
#include "cfg.h"

/* Returns, per block, the id of its cyclic component (blocks that can reach
 * each other, or a block that jumps to itself), or -1 for a block on no
 * cycle or unreachable from the entry. The array lives in arena a. */
int *ac_loops_components(AcArena *a, const AcFunc *fn);

/* The blocks reachable from the entry in post-order (following succ) into
 * order, which has room for fn->nblocks ids; returns how many. Reverse
 * post-order, its reverse, is the order every forward walk of the engine
 * uses (flow, dominators). */
size_t ac_loops_post_order(const AcFunc *fn, int *order);

#endif
