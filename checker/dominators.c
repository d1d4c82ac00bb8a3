/*
 * dominators: the iterative algorithm of Cooper, Harvey and Kennedy ("A
 * Simple, Fast Dominance Algorithm"): intersect the predecessors' dominators
 * in reverse post-order until nothing changes, then number the tree so that
 * a dominance query is two comparisons. Explicit stacks throughout.
 */
#include "dominators.h"

#include <stdint.h>
#include <stdlib.h>

#include "loops.h"
#include "mem.h"

/* Reverse post-order of the reachable blocks; rpo_index[b] = position or -1. */
static size_t reverse_post_order(const AcFunc *fn, int *order, int *rpo_index)
{
	size_t n = ac_loops_post_order(fn, order);
	for (size_t i = 0; i < n / 2; i++) {
		int t = order[i];
		order[i] = order[n - 1 - i];
		order[n - 1 - i] = t;
	}
	for (size_t b = 0; b < fn->nblocks; b++)
		rpo_index[b] = -1;
	for (size_t i = 0; i < n; i++)
		rpo_index[order[i]] = (int)i;
	return n;
}

static int intersect(const int *idom, const int *rpo_index, int a, int b)
{
	while (a != b) {
		while (rpo_index[a] > rpo_index[b])
			a = idom[a];
		while (rpo_index[b] > rpo_index[a])
			b = idom[b];
	}
	return a;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The processed predecessors of blk, deepest in the dominator tree (as far
 * as known) first: the finger then only moves up, and each predecessor walks
 * just its distance to it, so a label that 100k gotos jump to costs linear
 * time instead of quadratic. */
static size_t sorted_preds(const AcBlock *blk, const int *idom, const uint32_t *depth, uint64_t *buf)
{
	size_t n = 0;
	for (size_t k = 0; k < blk->npred; k++) {
		int p = blk->pred[k];
		if (idom[p] >= 0) /* else unreachable or not processed yet */
			buf[n++] = (uint64_t)(UINT32_MAX - depth[p]) << 32 | (uint32_t)p;
	}
	if (n > 2)
		qsort(buf, n, sizeof *buf, cmp_u64);
	return n;
}

static void immediate_dominators(const AcFunc *fn, const int *order, size_t n, const int *rpo_index, int *idom)
{
	size_t maxpred = 1;
	for (size_t b = 0; b < fn->nblocks; b++) {
		idom[b] = -1;
		maxpred = fn->blocks[b].npred > maxpred ? fn->blocks[b].npred : maxpred;
	}
	uint64_t *preds = ac_malloc(maxpred * sizeof *preds);
	uint32_t *depth = ac_calloc(fn->nblocks, sizeof *depth); /* a hint for the order only */
	idom[0] = 0;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 1; i < n; i++) {
			size_t np = sorted_preds(&fn->blocks[order[i]], idom, depth, preds);
			int nd = -1;
			for (size_t k = 0; k < np; k++) {
				int p = (int)(uint32_t)preds[k];
				nd = nd < 0 ? p : intersect(idom, rpo_index, p, nd);
			}
			if (nd >= 0 && idom[order[i]] != nd) {
				idom[order[i]] = nd;
				changed = true;
			}
			if (nd >= 0)
				depth[order[i]] = depth[nd] + 1;
		}
	}
	ac_free(depth);
	ac_free(preds);
}

/* Numbers the dominator tree in one walk (children found by scanning idom). */
static void number_tree(const AcFunc *fn, const int *idom, AcDominators *d)
{
	size_t nb = fn->nblocks;
	int *first = ac_malloc(nb * sizeof *first), *sibling = ac_malloc(nb * sizeof *sibling);
	int *stack = ac_malloc(nb * sizeof *stack);
	for (size_t b = 0; b < nb; b++)
		first[b] = sibling[b] = d->pre[b] = d->post[b] = -1;
	for (size_t b = nb; b-- > 1;) {
		if (idom[b] >= 0) {
			sibling[b] = first[idom[b]];
			first[idom[b]] = (int)b;
		}
	}
	int clock = 0;
	size_t sp = 0;
	stack[sp++] = 0;
	d->pre[0] = clock++;
	while (sp) {
		int b = stack[sp - 1];
		int c = first[b];
		if (c >= 0) {
			first[b] = sibling[c];
			d->pre[c] = clock++;
			stack[sp++] = c;
			continue;
		}
		d->post[b] = clock++;
		sp--;
	}
	ac_free(stack);
	ac_free(sibling);
	ac_free(first);
}

void ac_dominators_compute(AcArena *a, const AcFunc *fn, AcDominators *out)
{
	size_t nb = fn->nblocks ? fn->nblocks : 1;
	out->pre = AC_ARENA_ARRAY(a, int, nb);
	out->post = AC_ARENA_ARRAY(a, int, nb);
	if (!fn->nblocks)
		return;
	int *order = ac_malloc(fn->nblocks * sizeof *order);
	int *rpo_index = ac_malloc(fn->nblocks * sizeof *rpo_index);
	int *idom = ac_malloc(fn->nblocks * sizeof *idom);
	size_t n = reverse_post_order(fn, order, rpo_index);
	immediate_dominators(fn, order, n, rpo_index, idom);
	number_tree(fn, idom, out);
	ac_free(idom);
	ac_free(rpo_index);
	ac_free(order);
}

bool ac_dominates(const AcDominators *d, int a, int b)
{
	if (a < 0 || b < 0 || d->pre[a] < 0 || d->pre[b] < 0)
		return false;
	return d->pre[a] <= d->pre[b] && d->post[b] <= d->post[a];
}
