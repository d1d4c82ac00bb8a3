/*
 * round_reads: whether a read of an element inside a loop reads what the same
 * round stored there (a[i] = malloc(n); strcpy(a[i], s);). Such a read takes
 * no block an earlier round left in another element, so it does not make the
 * loop one that may empty the array (transfer.c find_loop_reads). Decided from
 * the IR alone: the store comes first on every path to the read, and nothing
 * between them writes a variable the element's address is made of.
 */
#include "flow.h"

#include <string.h>

static bool on_path(const AcFunc *fn, int p, const int *vars, int nvars)
{
	for (int v = 0; v < nvars; v++) {
		if (p == vars[v] || fn->places[p].root == vars[v])
			return true;
	}
	return false;
}

/* Whether op may write a place the address of element place depends on: a
 * variable on its path (the array, the pointer to it, an index variable),
 * anything stored inside it other than place itself, or a call handed any
 * of it but the element's value (swap (a, i, j), fill (&a[i])). */
static bool moves_element(const AcFunc *fn, const AcOp *op, int place, const int *vars, int nvars)
{
	if (op->dst >= 0 && op->dst != place && on_path(fn, op->dst, vars, nvars))
		return true;
	if (op->kind != AC_OP_CALL || !op->call)
		return false;
	for (size_t a = 0; a < op->call->nargs; a++) {
		AcOperand o = op->call->args[a];
		bool value = o.kind == AC_OPND_PLACE || o.kind == AC_OPND_OFFSET || o.kind == AC_OPND_PLUS;
		if ((value || o.kind == AC_OPND_ADDR) && o.place >= 0 && !(value && o.place == place) &&
		    on_path(fn, o.place, vars, nvars))
			return true;
	}
	return false;
}

/* The variables whose values make the address of element place (a, i for
 * a[i]; s, i, j for s.rows[i][j]) into vars; -1 when place is not an element,
 * an index is neither a constant nor a variable, or one of them has its
 * address taken (a callee could write it). */
static int element_vars(const AcFunc *fn, int place, int *vars, int cap)
{
	int n = 0;
	bool elem = false;
	for (int p = place; p >= 0; p = fn->places[p].parent) {
		const AcPlace *pl = &fn->places[p];
		if (pl->kind == AC_PLACE_VAR)
			return elem && !pl->addr_taken && n < cap ? (vars[n++] = p, n) : -1;
		if (pl->kind != AC_PLACE_ELEM && pl->kind != AC_PLACE_MEMBER)
			return -1;
		if (pl->kind == AC_PLACE_ELEM) {
			elem = true;
			if (pl->index < 0) {
				if (pl->index_var < 0 || fn->places[pl->index_var].addr_taken || n >= cap)
					return -1;
				vars[n++] = pl->index_var;
			}
		}
	}
	return -1;
}

static bool block_moves(const AcFunc *fn, int b, size_t from, size_t to, int place, const int *vars, int nvars)
{
	for (size_t i = from; i < to && i < fn->blocks[b].nops; i++) {
		if (moves_element(fn, &fn->blocks[b].ops[i], place, vars, nvars))
			return true;
	}
	return false;
}

/* Marks in seen the blocks reached from the successors (backwards: the
 * predecessors) of start without passing through stop. */
static void reach(const AcFunc *fn, int start, int stop, bool backwards, bool *seen, int *stack)
{
	size_t sp = 0;
	stack[sp++] = start;
	while (sp) {
		const AcBlock *b = &fn->blocks[stack[--sp]];
		const int *next = backwards ? b->pred : b->succ;
		size_t nnext = backwards ? b->npred : b->nsucc;
		for (size_t i = 0; i < nnext; i++) {
			int x = next[i];
			if (x != stop && !seen[x]) {
				seen[x] = true;
				stack[sp++] = x;
			}
		}
	}
}

/* Whether no path from op sk of block sb to op k of block b that does not
 * pass sb again writes one of vars (or moves the element otherwise). */
static bool nothing_between(AcFlow *fl, int sb, size_t sk, int b, size_t k, int place, const int *vars, int nvars)
{
	const AcFunc *fn = fl->fn;
	if (sb == b)
		return !block_moves(fn, b, sk + 1, k, place, vars, nvars);
	if (block_moves(fn, sb, sk + 1, fn->blocks[sb].nops, place, vars, nvars) ||
	    block_moves(fn, b, 0, k, place, vars, nvars))
		return false;
	size_t nb = fn->nblocks;
	bool *fwd = AC_ARENA_ARRAY(&fl->scratch, bool, nb);
	bool *back = AC_ARENA_ARRAY(&fl->scratch, bool, nb);
	int *stack = AC_ARENA_ARRAY(&fl->scratch, int, nb + 1);
	memset(fwd, 0, nb);
	memset(back, 0, nb);
	reach(fn, sb, sb, false, fwd, stack);
	reach(fn, b, sb, true, back, stack);
	for (size_t x = 0; x < nb; x++) {
		/* b itself counts whole when the walk can come back to it without sb */
		if (fwd[x] && back[x] && (int)x != sb && block_moves(fn, (int)x, 0, fn->blocks[x].nops, place, vars, nvars))
			return false;
	}
	return true;
}

bool ac_round_read(AcFlow *fl, int b, size_t k, AcOperand o)
{
	const AcFunc *fn = fl->fn;
	if (o.kind != AC_OPND_PLACE || o.place < 0 || fl->block_scc[b] < 0)
		return false;
	int vars[16];
	int nvars = element_vars(fn, o.place, vars, 16);
	if (nvars < 0)
		return false;
	for (size_t sb = 0; sb < fn->nblocks; sb++) {
		if (fl->block_scc[sb] != fl->block_scc[b] || !ac_dominates(&fl->dom, (int)sb, b))
			continue;
		const AcBlock *blk = &fn->blocks[sb];
		for (size_t sk = 0; sk < blk->nops && ((int)sb != b || sk < k); sk++) {
			if (blk->ops[sk].dst == o.place && blk->ops[sk].kind != AC_OP_KILL &&
			    nothing_between(fl, (int)sb, sk, b, k, o.place, vars, nvars))
				return true;
		}
	}
	return false;
}
