/*
 * dominators: the iterative algorithm of Cooper, Harvey and Kennedy ("A
 * Simple, Fast Dominance Algorithm"): intersect the predecessors' dominators
 * in reverse post-order until nothing changes, then number the tree so that
 * a dominance query is two comparisons. Explicit stacks throughout.
 */
#include "dominators.h"

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

static void immediate_dominators(const AcFunc *fn, const int *order, size_t n, const int *rpo_index, int *idom)
{
	for (size_t b = 0; b < fn->nblocks; b++)
		idom[b] = -1;
	idom[0] = 0;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t i = 1; i < n; i++) {
			const AcBlock *blk = &fn->blocks[order[i]];
			int nd = -1;
			for (size_t k = 0; k < blk->npred; k++) {
				int p = blk->pred[k];
				if (idom[p] < 0)
					continue; /* unreachable or not processed yet */
				nd = nd < 0 ? p : intersect(idom, rpo_index, p, nd);
			}
			if (nd >= 0 && idom[order[i]] != nd) {
				idom[order[i]] = nd;
				changed = true;
			}
		}
	}
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
