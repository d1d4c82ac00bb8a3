/*
 * handover: ownership taken over by the object a call returns (part of the
 * engine; computed once per function before the walk).
 *
 *   img = XCreateImage(dpy, ..., data, ...);
 *   if (!img) {
 *       free(data);          released by the caller only where the call failed
 *       return -1;
 *   }
 *   ...                      so on the other edge img owns data: no leak
 *
 * A branch on a variable r that holds the result of a call c, whose NULL
 * edge leads (through blocks that edge dominates) to a release of a
 * variable a passed to c, and after whose non-NULL edge a is not used any
 * more (readdir(dir) in a loop is no hand-over), hands a's block on along
 * the non-NULL edge:
 * whoever wrote the code says the object now owns it. This is the one class
 * of false leak met in libpng's sample viewers, and the call may be declared
 * anywhere, system headers included.
 */
#include "flow.h"

#include "mem.h"

enum {
	MAX_REGION = 16, /* blocks of a failure branch searched for the release */
	MAX_GIVEN = 8,   /* variables handed over per branch */
};

/* The places that held the arguments of the call whose result r got. */
typedef struct Producer {
	int result;     /* VAR place assigned the call's result */
	int args[MAX_GIVEN];
	size_t nargs;
} Producer;

typedef AC_VEC(Producer) Producers;

static bool is_var(const AcFunc *fn, int p)
{
	return p >= 0 && (size_t)p < fn->nplaces && fn->places[p].kind == AC_PLACE_VAR;
}

/* t = call f(..., a, ...); r = t  ->  {r: a, ...} */
static void collect_producers(const AcFlow *fl, Producers *out)
{
	const AcFunc *fn = fl->fn;
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		const AcCallInfo *calls = &fl->calls[fl->op_base[b]];
		for (size_t i = 0; i + 1 < blk->nops; i++) {
			const AcOp *op = &blk->ops[i], *next = &blk->ops[i + 1];
			if (op->kind != AC_OP_CALL || op->dst < 0 || next->kind != AC_OP_ASSIGN ||
			    next->src.kind != AC_OPND_PLACE || next->src.place != op->dst || !is_var(fn, next->dst))
				continue;
			/* The family table says what a listed function does with its
			 * arguments: strchr's result points into its argument, strdup's
			 * is a copy; neither owns the block it was given. */
			if (calls[i].fn && calls[i].fn->role != AC_ROLE_KEEP)
				continue;
			Producer p = {.result = next->dst};
			for (size_t k = 0; k < op->call->nargs && p.nargs < MAX_GIVEN; k++) {
				AcOperand a = op->call->args[k];
				if (a.kind == AC_OPND_PLACE && is_var(fn, a.place) && fn->places[a.place].is_pointer)
					p.args[p.nargs++] = a.place;
			}
			if (p.nargs)
				AC_VEC_PUSH(out, p);
		}
	}
}

/* Whether block b releases variable a: a deallocator's block argument, or
 * a parameter a summarised callee frees. */
static bool releases(const AcFlow *fl, int b, int a)
{
	const AcBlock *blk = &fl->fn->blocks[b];
	const AcCallInfo *calls = &fl->calls[fl->op_base[b]];
	for (size_t i = 0; i < blk->nops; i++) {
		const AcOp *op = &blk->ops[i];
		if (op->kind != AC_OP_CALL)
			continue;
		const AcCallInfo *ci = &calls[i];
		for (size_t k = 0; k < op->call->nargs; k++) {
			AcOperand x = op->call->args[k];
			if (x.kind != AC_OPND_PLACE || x.place != a)
				continue;
			if (ci->fn && ci->fn->role == AC_ROLE_DEALLOC && (size_t)ci->fn->ptr_arg == k)
				return true;
			if (!ci->fn && ci->sum && k < ci->sum->nparams && ci->sum->params[k] == AC_PARAM_FREES)
				return true;
		}
	}
	return false;
}

/* Whether the region the edge into `start` dominates releases a. */
static bool failure_releases(const AcFlow *fl, int start, int a)
{
	int queue[MAX_REGION];
	size_t n = 0;
	queue[n++] = start;
	for (size_t i = 0; i < n; i++) {
		int b = queue[i];
		if (releases(fl, b, a))
			return true;
		const AcBlock *blk = &fl->fn->blocks[b];
		for (size_t s = 0; s < blk->nsucc && n < MAX_REGION; s++) {
			int t = blk->succ[s];
			bool seen = false;
			for (size_t j = 0; j < n; j++)
				seen |= queue[j] == t;
			if (!seen && t != start && ac_dominates(&fl->dom, start, t))
				queue[n++] = t;
		}
	}
	return false;
}

static bool reads(AcOperand o, int a)
{
	return (o.kind == AC_OPND_PLACE || o.kind == AC_OPND_OFFSET) && o.place == a;
}

/* Whether variable a is used in a block reachable from start: then the
 * caller still works with the block on the success edge (readdir(dir) in a
 * loop, closedir(dir) after it), which is no hand-over. */
static bool used_from(const AcFlow *fl, int start, int a)
{
	const AcFunc *fn = fl->fn;
	bool *seen = ac_calloc(fn->nblocks ? fn->nblocks : 1, sizeof *seen);
	int *queue = ac_malloc((fn->nblocks ? fn->nblocks : 1) * sizeof *queue);
	size_t n = 0;
	bool used = false;
	queue[n++] = start;
	seen[start] = true;
	for (size_t i = 0; i < n && !used; i++) {
		const AcBlock *blk = &fn->blocks[queue[i]];
		for (size_t k = 0; k < blk->nops && !used; k++) {
			const AcOp *op = &blk->ops[k];
			used = reads(op->src, a) || reads(op->src2, a);
			for (size_t j = 0; op->kind == AC_OP_CALL && j < op->call->nargs; j++)
				used |= reads(op->call->args[j], a);
		}
		used |= (blk->term == AC_TERM_BRANCH && reads(blk->cond, a)) || (blk->term == AC_TERM_RETURN && reads(blk->ret, a));
		for (size_t s = 0; s < blk->nsucc; s++) {
			if (!seen[blk->succ[s]]) {
				seen[blk->succ[s]] = true;
				queue[n++] = blk->succ[s];
			}
		}
	}
	ac_free(seen);
	ac_free(queue);
	return used;
}

void ac_handover_prepare(AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	fl->handover = NULL;
	Producers prods = {0};
	collect_producers(fl, &prods);
	for (size_t b = 0; b < fn->nblocks && prods.n; b++) {
		const AcBlock *blk = &fn->blocks[b];
		if (blk->term != AC_TERM_BRANCH || blk->cond.kind != AC_OPND_PLACE || blk->nsucc != 2 ||
		    blk->succ[0] == blk->succ[1] || fn->blocks[blk->succ[1]].npred != 1)
			continue;
		AcHandover h = {.block = (int)b};
		for (size_t i = 0; i < prods.n; i++) {
			const Producer *p = &prods.v[i];
			if (p->result != blk->cond.place)
				continue;
			for (size_t k = 0; k < p->nargs && h.nplaces < MAX_GIVEN; k++) {
				if (failure_releases(fl, blk->succ[1], p->args[k]) && !used_from(fl, blk->succ[0], p->args[k]))
					h.places[h.nplaces++] = p->args[k];
			}
		}
		if (!h.nplaces)
			continue;
		if (!fl->handover) {
			fl->handover = AC_ARENA_ARRAY(&fl->scratch, AcHandover *, fn->nblocks);
		}
		AcHandover *copy = AC_ARENA_NEW(&fl->scratch, AcHandover);
		*copy = h;
		fl->handover[b] = copy;
	}
	AC_VEC_FREE(&prods);
}
