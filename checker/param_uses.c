/*
 * param_uses: what a function does with its pointer parameters, read from
 * its IR alone, every operation at once and in no order: the summary facts
 * that say a caller's block keeps what it holds across a call
 * (AcSummary.untouched: drop (v) { free (v); }) and that an out-parameter
 * is only written (AcSummary.out_unread: make (&v) never looks at v's old
 * block). Part of the engine; summary.c puts them in the summary. Being
 * order-free, they hold on every path, whatever the walk could follow.
 */
#include "flow.h"

/* Whether operand o names parameter place p or a place derived from it
 * (p->x, p[i], &p[1], p + 1). */
static bool names_param(const AcFunc *fn, AcOperand o, int p)
{
	return (o.kind == AC_OPND_PLACE || o.kind == AC_OPND_ADDR || o.kind == AC_OPND_OFFSET ||
	        o.kind == AC_OPND_PLUS) &&
	       o.place >= 0 && fn->places[o.place].root == p;
}

static bool is_param(AcOperand o, int p)
{
	return o.kind == AC_OPND_PLACE && o.place == p;
}

/* Whether argument arg of the call op i of block b makes, given p itself,
 * leaves what p's block holds alone: p released, or handed to a function of
 * the program whose summary says the same of that parameter. */
static bool call_leaves_contents(const AcFlow *fl, size_t b, size_t i, size_t arg)
{
	const AcCallInfo *ci = &fl->calls[fl->op_base[b] + i];
	if (ci->fn)
		return ci->fn->role == AC_ROLE_DEALLOC && ci->fn->ptr_arg == (int)arg;
	return ci->sum && ci->sum->known && arg < 32 && (ci->sum->untouched >> arg & 1u);
}

/* The call op i of block b makes (the one the link step resolved), or NULL. */
static const AcCall *call_of(const AcFlow *fl, size_t b, size_t i)
{
	const AcOp *op = &fl->fn->blocks[b].ops[i];
	const AcCallInfo *ci = &fl->calls[fl->op_base[b] + i];
	return op->kind != AC_OP_CALL ? NULL : ci->call ? ci->call : op->call;
}

/* Whether op i of block b does more with parameter p than test its value,
 * release it or hand it to a callee that does no more: reads or writes
 * through it, copies it, keeps it. v = NULL after free (v) writes the
 * variable, not the block. */
static bool touches(const AcFlow *fl, size_t b, size_t i, int p)
{
	const AcFunc *fn = fl->fn;
	const AcOp *op = &fn->blocks[b].ops[i];
	const AcCall *c = call_of(fl, b, i);
	if (op->kind == AC_OP_KILL)
		return false;
	if (op->dst >= 0 && op->dst != p && fn->places[op->dst].root == p)
		return true;
	if (!c) {
		bool test = op->kind == AC_OP_TEST || op->kind == AC_OP_CMP;
		if (names_param(fn, op->src, p) && !(test && is_param(op->src, p)))
			return true;
		return op->kind == AC_OP_CMP && names_param(fn, op->src2, p) && !is_param(op->src2, p);
	}
	for (size_t a = 0; a < c->nargs; a++) {
		if (names_param(fn, c->args[a], p) && !(is_param(c->args[a], p) && call_leaves_contents(fl, b, i, a)))
			return true;
	}
	return c->via >= 0 && fn->places[c->via].root == p;
}

/* Whether op i of block b reads what parameter p points to, or hands p on
 * (where anything may read it): only stores through p (*p = x, p->f = y),
 * tests of p's value and the access itself (DEREF of p) do not. */
static bool reads_pointee(const AcFlow *fl, size_t b, size_t i, int p)
{
	const AcFunc *fn = fl->fn;
	const AcOp *op = &fn->blocks[b].ops[i];
	const AcCall *c = call_of(fl, b, i);
	if (op->kind == AC_OP_KILL)
		return false;
	if (op->dst == p)
		return true; /* later stores go elsewhere: not worth telling apart */
	if (c) {
		for (size_t a = 0; a < c->nargs; a++) {
			if (names_param(fn, c->args[a], p))
				return true;
		}
		return c->via >= 0 && fn->places[c->via].root == p;
	}
	bool own = op->kind == AC_OP_TEST || op->kind == AC_OP_CMP || op->kind == AC_OP_DEREF;
	if (names_param(fn, op->src, p) && !(own && is_param(op->src, p)))
		return true;
	return op->kind == AC_OP_CMP && names_param(fn, op->src2, p) && !is_param(op->src2, p);
}

typedef bool (*UseTest)(const AcFlow *fl, size_t b, size_t i, int p);

/* The pointer parameters (bit i: parameter i, below 32) whose address is not
 * taken and that no operation, branch or return of the function uses as
 * use says, nor branches on through (if (p->f)), nor returns. */
static unsigned params_without(const AcFlow *fl, UseTest use)
{
	const AcFunc *fn = fl->fn;
	unsigned mask = 0;
	for (size_t i = 0; i < fn->nparams && i < 32; i++) {
		if (fn->places[i].is_pointer && !fn->places[i].addr_taken)
			mask |= 1u << i;
	}
	for (size_t b = 0; mask && b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (int p = 0; p < 32 && mask >> p; p++) {
			if (!(mask >> p & 1u))
				continue;
			bool used = blk->term == AC_TERM_BRANCH && names_param(fn, blk->cond, p) && !is_param(blk->cond, p);
			used |= blk->term == AC_TERM_RETURN && names_param(fn, blk->ret, p);
			for (size_t i = 0; !used && i < blk->nops; i++)
				used = use(fl, b, i, p);
			if (used)
				mask &= ~(1u << p);
		}
	}
	return mask;
}

unsigned ac_param_uses_untouched(const AcFlow *fl)
{
	return params_without(fl, touches);
}

unsigned ac_param_uses_unread(const AcFlow *fl)
{
	return params_without(fl, reads_pointee);
}
