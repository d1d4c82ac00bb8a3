/*
 * summary: what a caller needs to know about a function defined in the
 * program (flow.h AcSummary), made from one walk of its body, and its text
 * form, which the result cache, alloccheck merge and --program-summaries
 * store. Part of the engine: the link step (program.h) orders the
 * functions, the engine walks them callees first and calls
 * ac_summary_make after each walk.
 *
 * Text form, version 1: one line of space-separated KEY=VALUE fields,
 * starting with "s1". Strings escape '%', ' ', ',', ':', ';', '=' and
 * control characters as %XX. A location is FILE:LINE:COL.
 *
 *   s1 name=NAME known=0|1 np=N noret=0|1 ret=FAMILY|- null=0|1 nloc=LOC via=NAME|-
 *      retp=N [rel=1] [rnh=WHAT] const=N [nullifnull=PARAM] [blockif=PARAM] [grows=PARAM] [retif=PARAM,SHAPE,CONST,TRUTH] [nullif=PARAM,MASK,TRUTH[,EQ]] loc=LOC params=E,E,... derefs=0|1,... dloc=LOC;LOC...
 *      [as=A,A,...] [rd=0|1,...] [rc=...]... [pd=MASK,LOC] [ps=SLOT;...] [pf=MASK,FAMILY] [pr=MASK] [pk=MASK] [pb=MASK] [nt=MASK] [ou=MASK] [dif=MASK,GLOBAL,TRUTH] [lf=...] gwany=0|1 gw=NAME,NAME... [gf=NAME,NAME...] [gff=FAMILY] [gr=NAME,NAME...] [gd=LOC,NAME...] [rm=KEY,FAMILY,NULL] [out=PARAM,FAMILY,MODE,NULL] [wr=PARAMS,DEEP,OTHER [wf=KEY,...]] fm=PARAM,UNCONDITIONAL,FIELDKEY,FIELD,BY,LOC ...
 *
 * nullifnull says the NULL comes only for a NULL PARAM (g_strdupv (NULL));
 * grows says the function reallocates PARAM (AcSummary.grows_param): the
 * caller's block is moved when a block comes back, and still the caller's
 * when NULL does.
 * retif says every return had (PARAM SHAPE CONST) TRUTH, SHAPE an AcCmpShape
 * (3, CONST 0: the parameter's value is 0): a call passing a constant that
 * fails it does not return (err (is_fatal, ...), report (level, ...)).
 * blockif says the fresh block comes only where the integer PARAM (never
 * written) is not 0: a call passing 0 gets no block.
 * nullif says the NULL comes only where (PARAM & MASK) != 0 is TRUTH (a
 * flag argument the caller passes as a constant decides it), or with EQ 1
 * where (PARAM == MASK) is TRUTH (a count the caller knows is not 0).
 *
 * as says, per parameter, whether the function is an assertion on it
 * (AcParamAssert: 0 no, 1 returns only when it is not NULL, 2 returns or
 * not by a test of it that other arguments decide); absent: all 0.
 *
 * rd says, per parameter, whether the function reads through it on every
 * path that returns (absent: none).
 *
 * rc (one field per return, for a function with an assertion of kind 2)
 * says what held there of the parameters (AcRetCond):
 * NONNULL,NULL,NSEL,PARAM,VALUE,...,NREL,A,B,EQ,... with the two masks in
 * decimal.
 *
 * pd=MASK,LOC says the pointers stored at *PARAM for the parameters in MASK
 * (sink(&p) reading p = *pp) are dereferenced on every path that returns,
 * never tested, first at LOC.
 *
 * ps=SLOT;SLOT;... says, per parameter, where the pointer pd, pf and pr
 * name lies (one slot per parameter) inside what the parameter points to, or inside a struct parameter: "-"
 * for *PARAM itself, else steps from the object down, iN for element N,
 * mKEY for the member of field key KEY, joined by ',' (sink(slots) reading
 * slots[2]: i2; sink(h) reading h.held: m and held's key). Absent: "-" for
 * every parameter.
 *
 * pb=MASK says the function only reads the pointers stored inside what
 * PARAM points to (or inside struct parameter PARAM) for the parameters in
 * MASK and only borrows their blocks (sink(&p), sink(slots), sink(h) leave
 * the pointers and their blocks the caller's).
 *
 * pf=MASK,FAMILY says the pointers stored at *PARAM (or in the slot ps
 * names) for the parameters in MASK are read and their blocks released (by
 * FAMILY, or -) on every path that returns; pr=MASK, read and read through
 * (sink(&p) releases or reads p's block, sink(slots) slots[2]'s); pk=MASK,
 * of those, the pointers nothing the function does may change (p holds the
 * same after the call).
 *
 * nt=MASK says the function only tests the pointer parameters in MASK,
 * releases them or hands them to callees that do no more (AcSummary.untouched).
 * ou=MASK says what the out-parameter in MASK points to is only written,
 * never read (AcSummary.out_unread).
 *
 * dif=MASK,GLOBAL,TRUTH says the parameters in MASK (bit i: parameter i)
 * are dereferenced on every path that returns where the global variable
 * GLOBAL (its link key), which the function tests first, is TRUTH.
 *
 * lf=g,GLOBAL,FMASK,FTRUTH,FAMILY,RMASK,RTRUTH (or lf=p,PARAM,... for a
 * parameter that is not a pointer, never written) says the function tests
 * that flag first and releases the parameters in FMASK (by FAMILY, or -)
 * on every path that returns where the flag is FTRUTH, and reads through
 * those in RMASK on every path that returns where it is RTRUTH.
 *
 * gf lists the global pointers whose blocks the function releases on every
 * path that returns (a helper that frees what a global holds); gff=FAMILY,
 * the family of the function that releases them, when one does for all.
 *
 * gr lists the global pointers whose blocks the function reads through on
 * every path that returns, tested or not (show(held)), but those gd names.
 *
 * gd=LOC,NAME,... lists the global pointers whose blocks the function
 * dereferences on every path that returns, never testing them, first at
 * LOC (a sink that uses what a global holds).
 *
 * rm=KEY,FAMILY,NULL says the function returns a struct by value whose
 * member of field key KEY holds a fresh block of FAMILY at every return, or
 * NULL where it holds none (NULL=1 then, or when the block may be NULL).
 *
 * rel=1 says every return hands back a block the function released (the
 * caller's copy of it is dangling); absent: not so.
 *
 * out=PARAM,FAMILY,MODE,NULL says the function stores a fresh block of
 * FAMILY through PARAM (MODE 1 on every return, 2 on the returns of 0 (a
 * status), 3 on some; NULL 1: the block may be NULL).
 *
 * rnh=WHAT says every return hands back memory no allocator returned:
 * 3 a static or global object, 0 a string literal, 1 a function (the
 * caller's release of it is a free-nonheap); absent: not so.
 *
 * wr=PARAMS,DEEP,OTHER says what the function (or a callee) may write
 * through pointers: into what the parameters in mask PARAMS point to (for
 * a struct parameter, what its members point to), into what is reachable
 * from there too for those in DEEP (a subset), and (OTHER 1) into memory
 * reached otherwise (a global's pointee, a pointer of unknown origin).
 * Absent: anything (as an opaque function); a parameter past the 32nd is
 * always taken to be written through. A caller's facts about memory the
 * call cannot write survive it.
 *
 * wf=KEY,KEY,... (only with wr=) says every write through a pointer the
 * function (or a callee) makes is into a struct member of one of these
 * field keys, or inside one (a key ending in "@FI@", a struct's, stands
 * for every member of that struct): a caller's facts about other members
 * survive (a write through a pointer into no named member, or into more
 * than 32 structs, leaves wf out).
 *
 * gw lists the global variables the function (or a callee) writes, a member
 * of a global struct reached through no pointer as NAME.MEMBER; gwany
 * says it may write others too (it calls an opaque function).
 *
 * where each E is b (borrows), k (keeps) or f/FAMILY|f (frees). A family is
 * named by its id ("libc"), so the text means the same in every TU.
 * Anything else, or another version, does not decode: the reader treats the
 * function as unknown.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"
#include "mem.h"

/* ---- making --------------------------------------------------------------------- */

static AcSummary *new_summary(AcArena *a, const char *name, AcLoc loc, size_t nparams, const AcFamilies *fams)
{
	AcSummary *s = AC_ARENA_NEW(a, AcSummary);
	size_t n = nparams ? nparams : 1;
	s->name = name;
	s->loc = loc;
	s->fams = fams;
	s->nparams = nparams;
	s->params = AC_ARENA_ARRAY(a, AcParamEffect, n);
	s->param_family = AC_ARENA_ARRAY(a, int, n);
	s->param_derefs = AC_ARENA_ARRAY(a, bool, n);
	s->deref_loc = AC_ARENA_ARRAY(a, AcLoc, n);
	for (size_t i = 0; i < nparams; i++) {
		s->params[i] = AC_PARAM_KEEPS;
		s->param_family[i] = -1;
	}
	s->ret_family = -1;
	s->ret_param = -1;
	s->null_if_param = -1;
	s->null_if_null = -1;
	s->block_if_param = -1;
	s->grows_param = -1;
	s->ret_if_param = -1;
	s->out_param = -1;
	s->out_family = -1;
	s->flag_param = -1;
	s->frees_if_family = -1;
	s->ret_nonheap = -1;
	s->pointee_family = -1;
	s->global_free_family = -1;
	s->ret_member_family = -1;
	return s;
}

AcSummary *ac_summary_opaque(AcArena *arena, const AcFunc *fn, const AcFamilies *fams)
{
	return new_summary(arena, fn->name, fn->loc, fn->nparams, fams);
}

AcSummary *ac_summary_seed(AcArena *arena, const AcFunc *fn, const AcFamilies *fams)
{
	AcSummary *s = new_summary(arena, fn->name, fn->loc, fn->nparams, fams);
	s->known = true;
	s->writes_any = true; /* as an opaque call: starting from "writes nothing", the writes would
	                         grow by one call of the cycle a round (lua's cycle of 121 functions
	                         reached the round limit) */
	for (size_t i = 0; i < fn->nparams; i++)
		s->params[i] = fn->places[i].is_pointer ? AC_PARAM_BORROWS : AC_PARAM_KEEPS; /* as ac_summary_make */
	return s;
}

static bool reads_place(AcOperand o, size_t np)
{
	return (o.kind == AC_OPND_PLACE || o.kind == AC_OPND_OFFSET || o.kind == AC_OPND_ADDR) && o.place >= 0 &&
	       (size_t)o.place < np;
}

/* Whether condition key text (lower_key.c: variables as "v" + place id)
 * reads the value of variable place v itself, not only memory through it:
 * "(v0==#0)" and "(v0==v0.next)" do, "(v0.tag<#0)", "v0[#1]" and "*v0" do
 * not (if (info->tag < 0) dereferences info; it does not test it). */
static bool key_reads_value(const char *key, int v)
{
	for (const char *s = key; (s = strchr(s, 'v')) != NULL; s++) {
		if (s > key && (isalnum((unsigned char)s[-1]) || s[-1] == '_' || s[-1] == '.'))
			continue; /* inside a name, or a member's name */
		char *end;
		long id = strtol(s + 1, &end, 10);
		if (end == s + 1 || id != v || isalnum((unsigned char)*end) || *end == '_')
			continue;
		bool through = (s > key && s[-1] == '*') || *end == '.' || *end == '[';
		if (!through)
			return true;
	}
	return false;
}

/* Parameters whose value is tested, copied, reassigned or whose address is
 * taken: the function may check them, so a dereference proves nothing. */
static void mark_checked(const AcFunc *fn, bool *checked)
{
	for (size_t i = 0; i < fn->nparams; i++)
		checked[i] = fn->places[i].addr_taken;
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++) {
			const AcOp *op = &blk->ops[i];
			if (op->dst >= 0 && (size_t)op->dst < fn->nparams)
				checked[op->dst] = true;
			if (op->kind == AC_OP_TEST || op->kind == AC_OP_CMP || op->kind == AC_OP_ASSIGN ||
			    op->kind == AC_OP_ESCAPE) {
				if (reads_place(op->src, fn->nparams))
					checked[op->src.place] = true;
				if (op->kind == AC_OP_CMP && reads_place(op->src2, fn->nparams))
					checked[op->src2.place] = true;
			}
		}
		if (blk->term == AC_TERM_BRANCH && reads_place(blk->cond, fn->nparams))
			checked[blk->cond.place] = true;
		if (blk->term == AC_TERM_RETURN && reads_place(blk->ret, fn->nparams))
			checked[blk->ret.place] = true;
		for (size_t k = 0; blk->cond_key && k < blk->cond_key->nreads; k++) {
			int r = blk->cond_key->reads[k];
			if (r >= 0 && (size_t)r < fn->nparams && key_reads_value(blk->cond_key->key, r))
				checked[r] = true;
		}
	}
}

/* Whether block b dominates every return of fn (and there is one). */
static bool before_every_return(const AcFlow *fl, int b)
{
	bool any = false;
	for (size_t r = 0; r < fl->fn->nblocks; r++) {
		if (fl->fn->blocks[r].term != AC_TERM_RETURN)
			continue;
		any = true;
		if (!ac_dominates(&fl->dom, b, (int)r))
			return false;
	}
	return any;
}

/* Parameter p is dereferenced at loc in block b: so on every path that
 * returns when b comes before every return and nothing tests p. */
static void note_deref(const AcFlow *fl, AcSummary *s, const bool *checked, size_t p, int b, AcLoc loc)
{
	if (checked[p] || s->param_derefs[p] || !fl->fn->places[p].is_pointer || !before_every_return(fl, b))
		return;
	s->param_derefs[p] = true;
	s->deref_loc[p] = loc;
}

/* A parameter passed as it is to an argument that must not be NULL (strcpy's
 * first, a declared nonnull one) or that the callee's own body dereferences
 * on every path: a use of it, as a dereference is (sink(p) -> strcpy(p, s);
 * helper chains). The location is the callee's when it has one. */
static void call_derefs(const AcFlow *fl, const AcOp *op, const AcCallInfo *ci, const bool *checked, AcSummary *s, int b)
{
	const AcCall *c = ci->call ? ci->call : op->call;
	unsigned mask = ci->nonnull | c->nonnull;
	for (size_t a = 0; a < c->nargs && a < 32; a++) {
		AcOperand o = c->args[a];
		if (o.kind != AC_OPND_PLACE || o.place < 0 || (size_t)o.place >= fl->fn->nparams)
			continue;
		bool body = ci->sum && a < ci->sum->nparams && ci->sum->param_derefs[a];
		if (body)
			note_deref(fl, s, checked, (size_t)o.place, b, ci->sum->deref_loc[a]);
		else if (mask & (1u << a))
			note_deref(fl, s, checked, (size_t)o.place, b, op->loc);
	}
}

/* The parameters (bit i: parameter i) block b dereferences or hands to an
 * argument that must not be NULL, as note_deref and call_derefs count them;
 * loc[i] where, for those not yet seen. */
static unsigned block_derefs(const AcFlow *fl, size_t b, size_t k, AcLoc *loc)
{
	const AcFunc *fn = fl->fn;
	const AcBlock *blk = &fn->blocks[b];
	unsigned out = 0;
	for (size_t i = 0; i < blk->nops; i++, k++) {
		const AcOp *op = &blk->ops[i];
		if (op->kind == AC_OP_DEREF && op->src.kind == AC_OPND_PLACE && op->src.place >= 0 &&
		    (size_t)op->src.place < fn->nparams && op->src.place < 32) {
			if (!(out & (1u << op->src.place)))
				loc[op->src.place] = op->loc;
			out |= 1u << op->src.place;
		}
		if (op->kind != AC_OP_CALL)
			continue;
		const AcCallInfo *ci = &fl->calls[k];
		const AcCall *c = ci->call ? ci->call : op->call;
		unsigned mask = ci->nonnull | c->nonnull;
		for (size_t a = 0; a < c->nargs && a < 32; a++) {
			AcOperand o = c->args[a];
			if (o.kind != AC_OPND_PLACE || o.place < 0 || (size_t)o.place >= fn->nparams || o.place >= 32 ||
			    !(mask & (1u << a)))
				continue;
			if (!(out & (1u << o.place)))
				loc[o.place] = ci->sum && a < ci->sum->nparams && ci->sum->param_derefs[a] ? ci->sum->deref_loc[a]
				                                                                          : op->loc;
			out |= 1u << o.place;
		}
	}
	return out;
}

/* Whether every path from block start to a return passes a block in mark
 * (paths that end in a call that does not return need not). */
static bool every_path_marked(const AcFunc *fn, int start, const bool *mark)
{
	bool *seen = ac_calloc(fn->nblocks, sizeof *seen);
	int *stack = ac_calloc(fn->nblocks, sizeof *stack);
	size_t n = 0;
	bool ok = true;
	stack[n++] = start;
	seen[start] = true;
	while (n && ok) {
		const AcBlock *blk = &fn->blocks[stack[--n]];
		if (mark[blk->id])
			continue;
		if (blk->term == AC_TERM_RETURN) {
			ok = false;
			break;
		}
		for (size_t e = 0; e < blk->nsucc; e++) {
			int t = blk->succ[e];
			if (!seen[t]) {
				seen[t] = true;
				stack[n++] = t;
			}
		}
	}
	ac_free(seen);
	ac_free(stack);
	return ok;
}

/* if (flag) { use(p); }  with flag a global variable the function tests
 * first, before any call or store: p is dereferenced on every path that
 * returns where flag's truth is the one recorded, so a caller that has just
 * set the flag (or reads a program constant) passes p to a use (a sink
 * selected by a flag, the usual test program's static or global switch). */
static void find_flag_derefs(const AcFlow *fl, AcSummary *s, const bool *checked)
{
	const AcFunc *fn = fl->fn;
	if (!fn->nblocks || fn->nparams > 32)
		return;
	const AcBlock *entry = &fn->blocks[0];
	if (entry->term != AC_TERM_BRANCH || entry->nsucc != 2 || entry->cond.kind != AC_OPND_PLACE || entry->cond.place < 0)
		return;
	const AcPlace *g = &fn->places[entry->cond.place];
	if (g->kind != AC_PLACE_VAR || g->storage != AC_STORAGE_GLOBAL || g->is_pointer || !g->link_key)
		return;
	for (size_t i = 0; i < entry->nops; i++) {
		if (entry->ops[i].kind == AC_OP_CALL || entry->ops[i].dst == entry->cond.place)
			return;
	}
	unsigned *per_block = ac_calloc(fn->nblocks, sizeof *per_block);
	AcLoc *loc = ac_calloc(fn->nparams ? fn->nparams : 1, sizeof *loc);
	for (size_t b = 0; b < fn->nblocks; b++)
		per_block[b] = block_derefs(fl, b, fl->op_base[b], loc);
	bool *mark = ac_calloc(fn->nblocks, sizeof *mark);
	for (int truth = 1; truth >= 0 && !s->derefs_if_mask; truth--) {
		for (size_t p = 0; p < fn->nparams; p++) {
			if (checked[p] || s->param_derefs[p] || !fn->places[p].is_pointer)
				continue;
			for (size_t b = 0; b < fn->nblocks; b++)
				mark[b] = b != 0 && (per_block[b] >> p & 1u);
			if (!every_path_marked(fn, entry->succ[truth ? 0 : 1], mark))
				continue;
			s->derefs_if_mask |= 1u << p;
			s->deref_loc[p] = loc[p];
		}
		s->derefs_if_truth = truth;
	}
	if (s->derefs_if_mask)
		s->derefs_if_global = g->link_key;
	ac_free(mark);
	ac_free(loc);
	ac_free(per_block);
}

/* The place of the condition fn tests first, before any call or store:
 * its entry block branches on a global variable or on a parameter that is
 * never written, neither a pointer; -1 when there is none. */
static int entry_flag(const AcFlow *fl)
{
	const AcFunc *fn = fl->fn;
	if (!fn->nblocks)
		return -1;
	const AcBlock *entry = &fn->blocks[0];
	if (entry->term != AC_TERM_BRANCH || entry->nsucc != 2 || entry->cond.kind != AC_OPND_PLACE || entry->cond.place < 0)
		return -1;
	int q = entry->cond.place;
	const AcPlace *g = &fn->places[q];
	if (g->kind != AC_PLACE_VAR || g->is_pointer)
		return -1;
	bool param = (size_t)q < fn->nparams;
	if (param ? g->addr_taken || fl->var_written[q] : g->storage != AC_STORAGE_GLOBAL || !g->link_key)
		return -1;
	for (size_t i = 0; i < entry->nops; i++) {
		if ((entry->ops[i].kind == AC_OP_CALL && !param) || entry->ops[i].dst == q)
			return -1;
	}
	return q;
}

/* The parameters (bit i) that every path from block start to a return
 * passes through a block of per_block (bit i set there) for. */
static unsigned marked_on_every_path(const AcFlow *fl, int start, const unsigned *per_block, unsigned candidates)
{
	const AcFunc *fn = fl->fn;
	unsigned out = 0;
	bool *mark = ac_calloc(fn->nblocks, sizeof *mark);
	for (size_t p = 0; p < fn->nparams && p < 32; p++) {
		if (!(candidates >> p & 1u))
			continue;
		bool any = false;
		for (size_t b = 0; b < fn->nblocks; b++) {
			mark[b] = b != 0 && (per_block[b] >> p & 1u);
			any |= mark[b];
		}
		if (any && every_path_marked(fn, start, mark))
			out |= 1u << p;
	}
	ac_free(mark);
	return out;
}

/* if (flag) { free(p); }, if (flag) { show(p); }: the parameters a sink
 * releases, or reads through, on every path that returns where the
 * condition it tests first (entry_flag) has one truth; a caller that has
 * just set that global, or passes a constant for that parameter, releases
 * or reads them (the usual test program's sink selected by a static, a
 * global or an argument). */
static void find_flag_effects(const AcFlow *fl, AcSummary *s)
{
	const AcFunc *fn = fl->fn;
	int q = fn->nparams <= 32 && fl->block_param_frees ? entry_flag(fl) : -1;
	if (q < 0)
		return;
	unsigned ptrs = 0;
	for (size_t p = 0; p < fn->nparams; p++)
		ptrs |= fn->places[p].is_pointer ? 1u << p : 0;
	unsigned frees = 0;
	for (size_t p = 0; p < fn->nparams; p++)
		frees |= s->params[p] == AC_PARAM_FREES ? 1u << p : 0;
	for (int truth = 1; truth >= 0; truth--) {
		int start = fn->blocks[0].succ[truth ? 0 : 1];
		if (!s->frees_if_mask) {
			s->frees_if_mask = marked_on_every_path(fl, start, fl->block_param_frees, ptrs & ~frees);
			s->frees_if_truth = truth;
		}
		if (!s->reads_if_mask) {
			s->reads_if_mask = marked_on_every_path(fl, start, fl->block_param_reads, ptrs);
			s->reads_if_truth = truth;
		}
	}
	int family = -2;
	for (size_t p = 0; p < fn->nparams && p < 32; p++) {
		if (s->frees_if_mask >> p & 1u)
			family = family == -2 || family == fl->param_free_family[p] ? fl->param_free_family[p] : -1;
	}
	s->frees_if_family = family >= 0 ? family : -1;
	if (!s->frees_if_mask && !s->reads_if_mask)
		return;
	if ((size_t)q < fn->nparams)
		s->flag_param = q;
	else
		s->flag_global = fn->places[q].link_key;
}

/* Whether fn tests place q anywhere (a branch, a comparison, a test). */
static bool place_tested(const AcFunc *fn, int q)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++) {
			const AcOp *op = &blk->ops[i];
			if ((op->kind == AC_OP_TEST || op->kind == AC_OP_CMP) &&
			    ((op->src.kind == AC_OPND_PLACE && op->src.place == q) ||
			     (op->src2.kind == AC_OPND_PLACE && op->src2.place == q)))
				return true;
		}
		if (blk->term == AC_TERM_BRANCH && blk->cond.kind == AC_OPND_PLACE && blk->cond.place == q)
			return true;
		for (size_t k = 0; blk->cond_key && k < blk->cond_key->nreads; k++) {
			if (blk->cond_key->reads[k] == q)
				return true;
		}
	}
	return false;
}

/* Whether operand o names place q itself (not a place below it). */
static bool names(AcOperand o, int q)
{
	return (o.kind == AC_OPND_PLACE || o.kind == AC_OPND_ADDR || o.kind == AC_OPND_OFFSET || o.kind == AC_OPND_PLUS) &&
	       o.place == q;
}

/* Whether call k (op) only borrows its argument a: a pointer to const, a
 * library or helper that borrows it. */
static bool call_borrows(const AcFlow *fl, const AcOp *op, size_t k, size_t a)
{
	const AcCallInfo *ci = &fl->calls[k];
	const AcCall *c = ci->call ? ci->call : op->call;
	if (c->callback_arg)
		return false;
	if (a < 32 && (c->const_args >> a & 1u))
		return true;
	if (ci->fn)
		return ci->fn->role == AC_ROLE_BORROW;
	if (ci->sum)
		return ci->sum->known && a < ci->sum->nparams && ci->sum->params[a] == AC_PARAM_BORROWS;
	return ci->borrows;
}

/* The place a slot read sp lies in: q for sp = *q, q[N], q->f, or a member
 * or constant element inside those (q->a.b), q a pointer; a struct
 * variable q for sp = q.f, q.a[N], reached through no pointer. The steps
 * from q's object down to sp go into *slot. -1 when sp is no such place or
 * lies deeper than a slot holds. */
static int slot_base(const AcFunc *fn, int sp, AcSlot *slot)
{
	int path[AC_SLOT_STEPS];
	size_t n = 0;
	int base = -1;
	for (int q = sp; base < 0;) {
		const AcPlace *pl = &fn->places[q];
		if (pl->kind == AC_PLACE_DEREF) {
			base = pl->parent;
			break;
		}
		if (pl->kind == AC_PLACE_VAR && q != sp && !pl->is_pointer) {
			base = q; /* s.held: inside the struct itself */
			break;
		}
		if ((pl->kind != AC_PLACE_MEMBER && pl->kind != AC_PLACE_ELEM) || pl->parent < 0 || n == AC_SLOT_STEPS ||
		    (pl->kind == AC_PLACE_MEMBER && !pl->field_key) || (pl->kind == AC_PLACE_ELEM && pl->index < 0) ||
		    pl->union_member)
			return -1;
		path[n++] = q;
		if (pl->through_ptr)
			base = pl->parent;
		q = pl->parent;
	}
	slot->nsteps = (uint8_t)n;
	for (size_t i = 0; i < n; i++) {
		const AcPlace *pl = &fn->places[path[n - 1 - i]];
		slot->step[i].key = pl->kind == AC_PLACE_MEMBER ? pl->field_key : NULL;
		slot->step[i].index = pl->kind == AC_PLACE_ELEM ? pl->index : 0;
	}
	return base;
}

int ac_summary_slot_place(const AcFunc *fn, int base, const AcSlot *slot)
{
	int at = base;
	for (size_t i = 0; i < slot->nsteps && at >= 0; i++) {
		int next = -1;
		for (size_t q = 0; q < fn->nplaces && next < 0; q++) {
			const AcPlace *pl = &fn->places[q];
			if (pl->parent != at || pl->through_ptr)
				continue;
			if (slot->step[i].key ? pl->kind == AC_PLACE_MEMBER && pl->field_key &&
			                            strcmp(pl->field_key, slot->step[i].key) == 0
			                      : pl->kind == AC_PLACE_ELEM && pl->index == slot->step[i].index)
				next = (int)q;
		}
		if (next < 0 && i == 0 && !slot->step[0].key && slot->step[0].index == 0 && fn->places[at].is_pointer)
			next = at; /* pp[0] of &p: p itself */
		at = next;
	}
	return at;
}

int ac_summary_slot_place_via(const AcFunc *fn, int ptr, const AcSlot *slot)
{
	if (!slot->nsteps)
		return -1;
	int first = -1;
	for (size_t q = 0; q < fn->nplaces && first < 0; q++) {
		const AcPlace *pl = &fn->places[q];
		if (pl->parent != ptr || !pl->through_ptr)
			continue;
		if (slot->step[0].key ? pl->kind == AC_PLACE_MEMBER && pl->field_key &&
		                            strcmp(pl->field_key, slot->step[0].key) == 0
		                      : pl->kind == AC_PLACE_ELEM && pl->index == slot->step[0].index)
			first = (int)q;
	}
	if (first < 0)
		return -1;
	AcSlot rest = {.nsteps = (uint8_t)(slot->nsteps - 1)};
	for (size_t i = 1; i < slot->nsteps; i++)
		rest.step[i - 1] = slot->step[i];
	return ac_summary_slot_place(fn, first, &rest);
}

/* Whether place x lies strictly below p or one of its copies (alias[] == p + 1). */
static bool below_param(const AcFunc *fn, int x, int p, const int *alias)
{
	for (int q = fn->places[x].parent; q >= 0; q = fn->places[q].parent) {
		if (q == p || alias[q] == p + 1)
			return true;
	}
	return false;
}

/* Whether some place of fn is a member or element of x (x is a struct or
 * array the function looks into). */
static bool has_parts(const AcFunc *fn, int x)
{
	for (size_t q = 0; q < fn->nplaces; q++) {
		if (fn->places[q].parent == x)
			return true;
	}
	return false;
}

/* Whether op does with what lies below p (*p, p->f, s.f, p->a->b) only
 * what pointee_only_read allows: pointers read into the locals loaded[]
 * (*any then), numbers read, pointers lent to a borrowing call. */
static bool below_only_read(const AcFlow *fl, const AcOp *op, size_t k, int p, const int *alias, const int *loaded,
                            bool *any)
{
	const AcFunc *fn = fl->fn;
	const AcOperand *o[2] = {&op->src, &op->src2};
	for (int j = 0; j < 2 && op->kind != AC_OP_CALL; j++) {
		if (o[j]->kind == AC_OPND_NONE || o[j]->place < 0 || !below_param(fn, o[j]->place, p, alias))
			continue;
		const AcPlace *x = &fn->places[o[j]->place];
		if (op->kind == AC_OP_TEST || op->kind == AC_OP_CMP || op->kind == AC_OP_DEREF)
			continue;
		if (op->kind != AC_OP_ASSIGN || o[j]->kind != AC_OPND_PLACE)
			return false; /* handed on, or its address taken */
		if (!x->is_pointer && !has_parts(fn, o[j]->place))
			continue; /* a number */
		AcSlot slot;
		int base = x->is_pointer ? slot_base(fn, o[j]->place, &slot) : -1;
		if (base < 0 || (base != p && alias[base] != p + 1) || op->dst < 0 || loaded[op->dst] != p + 1)
			return false;
		*any = true;
	}
	for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++) {
		AcOperand x = op->call->args[a];
		if (x.kind == AC_OPND_NONE || x.place < 0 || !below_param(fn, x.place, p, alias))
			continue;
		if (x.kind == AC_OPND_PLACE && !fn->places[x.place].is_pointer && !has_parts(fn, x.place))
			continue;
		if (!call_borrows(fl, op, k, a))
			return false;
	}
	return true;
}

/* Whether parameter p (and its copies, alias[] == p + 1) is used only to
 * read the pointers inside what it points to (or inside struct parameter
 * p) into locals (loaded[] == p + 1), and those only dereference, test or
 * lend their block: nothing is stored there, p is handed to no one, and the
 * blocks read are neither released, kept nor copied elsewhere. */
static bool pointee_only_read(const AcFlow *fl, int p, const int *alias, const int *loaded)
{
	const AcFunc *fn = fl->fn;
	bool any = false;
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++, k++) {
			const AcOp *op = &blk->ops[i];
			if (op->dst >= 0 && below_param(fn, op->dst, p, alias))
				return false; /* *pp = x, p->f = x */
			if (!below_only_read(fl, op, k, p, alias, loaded, &any))
				return false;
			for (int q = 0; (size_t)q < fn->nplaces; q++) {
				bool ptr = q == p || alias[q] == p + 1;
				bool blockp = loaded[q] == p + 1;
				if (!ptr && !blockp)
					continue;
				if (op->kind == AC_OP_ASSIGN && names(op->src, q) && !(ptr && op->dst >= 0 && alias[op->dst] == p + 1))
					return false; /* a copy of either, but into a copy of p */
				if (op->kind == AC_OP_ESCAPE && names(op->src, q))
					return false;
				for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++) {
					if (names(op->call->args[a], q) && (ptr || !call_borrows(fl, op, k, a)))
						return false;
				}
			}
		}
		if (blk->term == AC_TERM_RETURN && blk->ret.kind != AC_OPND_NONE && blk->ret.place >= 0) {
			int r = blk->ret.place;
			if (below_param(fn, r, p, alias) && (fn->places[r].is_pointer || blk->ret.kind != AC_OPND_PLACE))
				return false;
			for (int q = 0; (size_t)q < fn->nplaces; q++)
				if ((q == p || alias[q] == p + 1 || loaded[q] == p + 1) && names(blk->ret, q))
					return false;
		}
	}
	return any;
}

/* The place whose pointer operand o is, or points into the block of (q,
 * q + n, &q[0], &q->f); -1 for none. */
static int block_pointer(const AcFunc *fn, AcOperand o, bool *whole)
{
	*whole = o.kind == AC_OPND_PLACE;
	if ((o.kind == AC_OPND_PLACE || o.kind == AC_OPND_OFFSET) && o.place >= 0)
		return o.place;
	if (o.kind != AC_OPND_ADDR || o.place < 0)
		return -1;
	for (int r = o.place; fn->places[r].parent >= 0; r = fn->places[r].parent) {
		if (fn->places[r].through_ptr)
			return fn->places[r].parent;
	}
	return -1;
}

/* Whether the call reads through its argument a, as the lifetime rules
 * count a read at a call (transfer_release.c reads_arg): a %s argument, a
 * parameter declared nonnull or read (the table's reads: g_memdup), read
 * by the callee's body, or pointing to const. */
static bool call_reads_arg(const AcCallInfo *ci, const AcCall *c, size_t a)
{
	if (c->string_args >> a & 1u)
		return true;
	if (ci->fn)
		return ((ci->fn->nonnull | ci->fn->reads) >> a & 1u) != 0;
	if (ci->sum && ci->sum->known && a < ci->sum->nparams &&
	    ((ci->sum->param_reads && ci->sum->param_reads[a]) || ci->sum->param_derefs[a]))
		return true;
	return !c->system_header && !c->callback_arg && (c->const_args >> a & 1u);
}

/* Per parameter, the one slot whose pointer the lifetime effects (pf, pr)
 * act on: *p (sink(&p)), p[2], p->held or a struct parameter's h.held. A
 * parameter whose effects fall on two slots gets none (clash). */
typedef struct LifeSlots {
	AcSlot slot[32];
	unsigned seen;  /* bit i: slot[i] is set */
	unsigned clash; /* bit i: two different slots */
} LifeSlots;

static bool same_slot(const AcSlot *a, const AcSlot *b)
{
	if (a->nsteps != b->nsteps)
		return false;
	for (size_t i = 0; i < a->nsteps; i++) {
		const char *ka = a->step[i].key, *kb = b->step[i].key;
		if ((ka == NULL) != (kb == NULL) || (ka ? strcmp(ka, kb) != 0 : a->step[i].index != b->step[i].index))
			return false;
	}
	return true;
}

static void note_slot(LifeSlots *ls, int p, const AcSlot *sl)
{
	unsigned bit = 1u << p;
	if (!(ls->seen & bit))
		ls->slot[p] = *sl, ls->seen |= bit;
	else if (!same_slot(&ls->slot[p], sl))
		ls->clash |= bit;
}

/* What call k (op) does to the blocks of the pointers the caller stored
 * inside what a parameter points to (loaded[q]: 1 + the parameter whose
 * slot qslot[q] place q holds): the parameters whose block it releases
 * (*frees, the family in *family) and reads through (*reads), as the
 * lifetime rules count a release and a read at a call (transfer_release.c
 * reads_arg); the slots go into *ls. */
static void call_on_pointees(const AcFlow *fl, const AcOp *op, size_t k, const int *loaded, const AcSlot *qslot,
                             LifeSlots *ls, unsigned *frees, unsigned *reads, int *family)
{
	const AcCallInfo *ci = &fl->calls[k];
	const AcCall *c = ci->call ? ci->call : op->call;
	for (size_t a = 0; a < c->nargs && a < 32; a++) {
		bool whole;
		int q = block_pointer(fl->fn, c->args[a], &whole);
		if (q < 0 || !loaded[q])
			continue;
		unsigned bit = 1u << (loaded[q] - 1);
		int f = -2;
		if (ci->fn && ci->fn->role == AC_ROLE_DEALLOC && (size_t)ci->fn->ptr_arg == a && whole)
			f = ci->fn->family;
		else if (!ci->fn && ci->sum && ci->sum->known && a < ci->sum->nparams &&
		         ci->sum->params[a] == AC_PARAM_FREES && whole)
			f = ci->sum->param_family[a];
		if (f != -2) {
			if (!(*frees & bit))
				*family = *family == -2 || *family == f ? f : -1;
			*frees |= bit;
			note_slot(ls, loaded[q] - 1, &qslot[q]);
		} else if (call_reads_arg(ci, c, a)) {
			*reads |= bit;
			note_slot(ls, loaded[q] - 1, &qslot[q]);
		}
	}
}

/* Whether place q is one of ptr (ptr[q]) or lies below one (*pp, pp->f). */
static bool below_ptr(const AcFunc *fn, int q, const bool *ptr, bool strictly)
{
	for (int r = strictly && q >= 0 ? fn->places[q].parent : q; r >= 0; r = fn->places[r].parent) {
		if (ptr[r])
			return true;
	}
	return false;
}

/* Whether the pointer the caller stored at *parameter p stays as it was:
 * p and its copies (alias[] == p + 1) are never written through, passed
 * on, copied elsewhere, returned, nor is their address taken (sink(&q)
 * that only reads q = *pp: the caller's q holds what it held). */
static bool pointee_unchanged(const AcFlow *fl, int p, const int *alias)
{
	const AcFunc *fn = fl->fn;
	bool *ptr = ac_calloc(fn->nplaces, sizeof *ptr);
	bool ok = !fn->places[p].addr_taken && !fl->var_written[p];
	for (size_t q = 0; q < fn->nplaces; q++)
		ptr[q] = (int)q == p || alias[q] == p + 1;
	for (size_t b = 0; b < fn->nblocks && ok; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops && ok; i++) {
			const AcOp *op = &blk->ops[i];
			if (op->dst >= 0 && below_ptr(fn, op->dst, ptr, true))
				ok = false; /* *pp = x */
			AcOperand srcs[2] = {op->src, op->src2};
			for (size_t k = 0; k < 2 && ok; k++) {
				AcOperand o = srcs[k];
				if (o.place < 0 || o.kind == AC_OPND_NONE || o.kind == AC_OPND_NULL || o.kind == AC_OPND_INT)
					continue;
				if (o.kind == AC_OPND_ADDR ? below_ptr(fn, o.place, ptr, false)
				                           : ptr[o.place] && (op->kind == AC_OP_ESCAPE ||
				                                              (op->kind == AC_OP_ASSIGN && !(op->dst >= 0 && ptr[op->dst]))))
					ok = false; /* a copy of pp elsewhere, &*pp */
			}
			for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs && ok; a++) {
				AcOperand o = op->call->args[a];
				if (o.place >= 0 && (o.kind == AC_OPND_ADDR ? below_ptr(fn, o.place, ptr, false)
				                                            : o.kind != AC_OPND_INT && o.kind != AC_OPND_NULL && ptr[o.place]))
					ok = false; /* pp handed on */
			}
		}
		if (blk->term == AC_TERM_RETURN && blk->ret.place >= 0 && blk->ret.kind != AC_OPND_NONE &&
		    blk->ret.kind != AC_OPND_INT && blk->ret.kind != AC_OPND_NULL && below_ptr(fn, blk->ret.place, ptr, false) &&
		    (blk->ret.kind == AC_OPND_ADDR || ptr[blk->ret.place]))
			ok = false;
	}
	ac_free(ptr);
	return ok;
}

/* Whether the function writes anything below parameter p or its copies
 * (alias[] == p + 1): p[i] = x, p->f = x. */
static bool written_below(const AcFunc *fn, int p, const int *alias)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			int d = fn->blocks[b].ops[i].dst;
			if (d >= 0 && below_param(fn, d, p, alias))
				return true;
		}
	}
	return false;
}

/* Whether every write to place q sets it to NULL (or 0) after a call
 * handed q earlier in the same block: free(*pp); *pp = NULL; leaves what
 * the call got the caller's pointer. */
static bool cleared_after_use(const AcFunc *fn, int q)
{
	if (fn->places[q].addr_taken)
		return false;
	for (size_t b = 0; b < fn->nblocks; b++) {
		bool handed = false;
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++)
				handed |= op->call->args[a].kind == AC_OPND_PLACE && op->call->args[a].place == q;
			if (op->dst != q)
				continue;
			bool clear = op->kind == AC_OP_ASSIGN &&
			             (op->src.kind == AC_OPND_NULL || (op->src.kind == AC_OPND_INT && op->src.ival == 0));
			if (!clear || !handed)
				return false;
		}
	}
	return true;
}

/* Whether place a is q or lies on q's way up (o, o->in for o->in->buf). */
static bool on_path(const AcFunc *fn, int a, int q)
{
	for (int r = q; r >= 0; r = fn->places[r].parent) {
		if (r == a)
			return true;
	}
	return false;
}

/* Whether slot place q below parameter p (or a copy, alias[] == p + 1)
 * holds what the caller stored there wherever it is read: nothing writes
 * q or a place on its way (*o = x; o->arr[i] = x for o->arr[2]), takes
 * their address, or hands p or those places to a call, which may store
 * there. Writes into the block q points to (o->buf[0] = c) change
 * nothing; with clears, neither do those cleared_after_use allows. */
static bool slot_unchanged(const AcFlow *fl, int q, int p, const int *alias, bool clears)
{
	const AcFunc *fn = fl->fn;
	if (fn->places[q].addr_taken || (fl->var_written[q] && !(clears && cleared_after_use(fn, q))))
		return false;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			int d = op->dst;
			if (d >= 0 && d != q && below_param(fn, d, p, alias) &&
			    (on_path(fn, d, q) || (fn->places[d].kind == AC_PLACE_ELEM && fn->places[d].index < 0 &&
			                           on_path(fn, fn->places[d].parent, q))))
				return false;
			const AcOperand o[2] = {op->src, op->src2};
			for (int j = 0; j < 2; j++) {
				if (o[j].kind == AC_OPND_ADDR && o[j].place >= 0 && on_path(fn, o[j].place, q))
					return false;
			}
			for (size_t a = 0; op->kind == AC_OP_CALL && a < op->call->nargs; a++) {
				AcOperand x = op->call->args[a];
				if (x.place < 0 || x.kind == AC_OPND_NONE || x.kind == AC_OPND_NULL || x.kind == AC_OPND_INT)
					continue;
				if (x.place == p || alias[x.place] == p + 1 || (x.place != q && on_path(fn, x.place, q)))
					return false;
			}
		}
	}
	return true;
}

/* The parameter (1 + its index) a slot of which place q is, read as it
 * was on entry: *pp never written, or pp[2], pp->held, h.held of a
 * parameter nothing below which is written; its slot in *sl. 0 for none. */
static int entry_slot(const AcFlow *fl, int q, const int *alias, AcSlot *sl)
{
	const AcFunc *fn = fl->fn;
	const AcPlace *pl = &fn->places[q];
	int pp = pl->parent;
	if (!pl->is_pointer || pp < 0 || (fl->var_written[q] && !cleared_after_use(fn, q)))
		return 0;
	if (pl->kind == AC_PLACE_DEREF) {
		*sl = (AcSlot){0};
		return (size_t)pp < fn->nparams && fn->places[pp].is_pointer ? pp + 1 : alias[pp];
	}
	if (pl->kind != AC_PLACE_MEMBER && pl->kind != AC_PLACE_ELEM)
		return 0;
	int base = slot_base(fn, q, sl);
	int from = base < 0 ? 0 : (size_t)base < fn->nparams ? base + 1 : alias[base];
	return from && slot_unchanged(fl, q, from - 1, alias, true) ? from : 0;
}

/* The slots of the lifetime effects into the summary's per-parameter
 * slots (ps), which pd may have set already: a parameter whose pd slot
 * differs keeps only pd. Returns the parameters whose effects stay. */
static unsigned settle_life_slots(AcArena *arena, const AcFunc *fn, AcSummary *s, const LifeSlots *ls)
{
	unsigned keep = ~ls->clash;
	static const AcSlot itself = {0};
	for (size_t p = 0; p < fn->nparams && p < 32; p++) {
		if (!(ls->seen >> p & 1u) || (ls->clash >> p & 1u))
			continue;
		const AcSlot *pd = s->pointee_slot ? &s->pointee_slot[p] : &itself;
		if ((s->pointee_derefs >> p & 1u) && !same_slot(pd, &ls->slot[p])) {
			keep &= ~(1u << p);
			continue;
		}
		if (!ls->slot[p].nsteps)
			continue;
		if (!s->pointee_slot)
			s->pointee_slot = AC_ARENA_ARRAY(arena, AcSlot, fn->nparams);
		((AcSlot *)s->pointee_slot)[p] = ls->slot[p];
	}
	return keep;
}

/* void sink(char **pp) { char *p = *pp; free(p); } or { ... show(p); }:
 * the pointer the caller stored at *pp is released, or read through, on
 * every path that returns (summary.h pf, pr): sink(&p) is a release or a
 * read of p's block for the lifetime rules. The same for a pointer read
 * from pp[2], pp->held or a struct parameter's h.held (the slot goes into
 * ps): sink(slots) releases slots[2]. loaded_locals[q] is 1 + the
 * parameter a slot of which the local q holds (slot[q], which one);
 * alias[q], 1 + the parameter it copies. */
static void find_pointee_lifetime(AcArena *arena, const AcFlow *fl, AcSummary *s, const int *alias,
                                  const int *loaded_locals, const AcSlot *slot)
{
	const AcFunc *fn = fl->fn;
	int family = -2;
	/* ... and the slot itself, as it was on entry (free(*pp), free(pp[2])) */
	int *loaded = ac_calloc(fn->nplaces, sizeof *loaded);
	AcSlot *qslot = ac_calloc(fn->nplaces, sizeof *qslot);
	for (size_t q = 0; q < fn->nplaces; q++) {
		loaded[q] = loaded_locals[q];
		qslot[q] = slot[q];
		if (loaded[q] && slot[q].nsteps && written_below(fn, loaded[q] - 1, alias))
			loaded[q] = 0; /* p->held = x; data = p->held: not the caller's */
		if (!loaded[q])
			loaded[q] = entry_slot(fl, (int)q, alias, &qslot[q]);
	}
	LifeSlots ls = {.seen = 0};
	unsigned frees = 0, reads = 0;
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		bool every = before_every_return(fl, (int)b);
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (!every)
				continue;
			if (op->kind == AC_OP_DEREF && op->src.kind == AC_OPND_PLACE && op->src.place >= 0 &&
			    loaded[op->src.place]) {
				reads |= 1u << (loaded[op->src.place] - 1);
				note_slot(&ls, loaded[op->src.place] - 1, &qslot[op->src.place]);
			}
			if (op->kind == AC_OP_CALL)
				call_on_pointees(fl, op, k, loaded, qslot, &ls, &frees, &reads, &family);
		}
	}
	for (size_t p = 0; p < fn->nparams && p < 32; p++) {
		if (fl->var_written[p]) /* pp moved: *pp is another pointer */
			frees &= ~(1u << p), reads &= ~(1u << p);
	}
	unsigned keep = settle_life_slots(arena, fn, s, &ls);
	frees &= keep, reads &= keep;
	s->pointee_frees = frees;
	s->pointee_reads = reads;
	s->pointee_family = frees && family >= 0 ? family : -1;
	for (size_t p = 0; p < fn->nparams && p < 32; p++) {
		if (((frees | reads) >> p & 1u) && pointee_unchanged(fl, (int)p, alias))
			s->pointee_kept |= 1u << p;
	}
	ac_free(qslot);
	ac_free(loaded);
}

/* Whether parameter p may hold an object with pointers inside: a pointer,
 * or a struct passed by value. */
static bool holds_slots(const AcFunc *fn, size_t p)
{
	return fn->places[p].is_pointer || has_parts(fn, (int)p);
}

/* void sink(char **pp) { char *p = *pp; p[0] = 0; } (also through a copy
 * of pp, char **q = (char **)v), and the same for a pointer read from
 * slots[2], from holder->held or from a struct parameter's h.held: that
 * pointer, which the caller stored there, is dereferenced on every path
 * that returns, never tested (summary.h pd, ps). */
static void find_pointee_derefs(AcArena *arena, const AcFlow *fl, AcSummary *s)
{
	const AcFunc *fn = fl->fn;
	if (!fn->nparams || fn->nparams > 32 || !fn->nplaces)
		return;
	int *nassign = ac_calloc(fn->nplaces, sizeof *nassign);
	int *alias = ac_calloc(fn->nplaces, sizeof *alias);   /* 1 + the parameter a local copies */
	int *loaded = ac_calloc(fn->nplaces, sizeof *loaded); /* 1 + the parameter a slot of which a local holds */
	AcSlot *slot = ac_calloc(fn->nplaces, sizeof *slot);  /* ... which slot */
	AcSlot *slots = NULL;                                 /* per parameter, for pd */
	for (size_t b = 0; b < fn->nblocks; b++)
		for (size_t i = 0; i < fn->blocks[b].nops; i++)
			if (fn->blocks[b].ops[i].dst >= 0)
				nassign[fn->blocks[b].ops[i].dst]++;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->kind != AC_OP_ASSIGN || op->dst < 0 || op->src.kind != AC_OPND_PLACE || op->src.place < 0)
				continue;
			const AcPlace *d = &fn->places[op->dst];
			int sp = op->src.place;
			if (d->kind != AC_PLACE_VAR || d->storage != AC_STORAGE_LOCAL || d->addr_taken || nassign[op->dst] != 1 ||
			    !d->is_pointer || !before_every_return(fl, (int)b))
				continue;
			if ((size_t)sp < fn->nparams && fn->places[sp].is_pointer)
				alias[op->dst] = sp + 1;
			else if (alias[sp])
				alias[op->dst] = alias[sp];
			else {
				int base = slot_base(fn, sp, &slot[op->dst]);
				int from = base < 0 ? 0 : (size_t)base < fn->nparams ? base + 1 : alias[base];
				if (from)
					loaded[op->dst] = from;
			}
		}
	}
	/* ... and the slots themselves, as they were on entry (o->buf[0] = c) */
	int *direct = ac_calloc(fn->nplaces, sizeof *direct);
	for (size_t q = 0; q < fn->nplaces; q++) {
		direct[q] = loaded[q];
		if (!direct[q] && fn->places[q].kind != AC_PLACE_DEREF) {
			AcSlot sl;
			direct[q] = entry_slot(fl, (int)q, alias, &sl);
			if (direct[q] && (!sl.nsteps || !slot_unchanged(fl, (int)q, direct[q] - 1, alias, false)))
				direct[q] = 0;
			if (direct[q])
				slot[q] = sl;
		}
	}
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			int used = -1;
			if (op->kind == AC_OP_DEREF && op->src.kind == AC_OPND_PLACE && op->src.place >= 0 && direct[op->src.place])
				used = op->src.place;
			if (op->kind == AC_OP_CALL) {
				const AcCallInfo *ci = &fl->calls[k];
				const AcCall *c = ci->call ? ci->call : op->call;
				unsigned mask = ci->nonnull | c->nonnull;
				for (size_t a = 0; a < c->nargs && a < 32 && used < 0; a++)
					if ((mask >> a & 1u) && c->args[a].kind == AC_OPND_PLACE && c->args[a].place >= 0 &&
					    direct[c->args[a].place])
						used = c->args[a].place;
			}
			if (used < 0 || place_tested(fn, used) || !before_every_return(fl, (int)b))
				continue;
			size_t p = (size_t)direct[used] - 1;
			if (s->pointee_derefs >> p & 1u)
				continue;
			if (!s->pointee_derefs)
				s->pointee_loc = op->loc;
			s->pointee_derefs |= 1u << p;
			if (slot[used].nsteps && !slots)
				slots = AC_ARENA_ARRAY(arena, AcSlot, fn->nparams);
			if (slot[used].nsteps)
				slots[p] = slot[used];
		}
	}
	ac_free(direct);
	s->pointee_slot = slots;
	for (size_t p = 0; p < fn->nparams; p++) {
		if (holds_slots(fn, p) && pointee_only_read(fl, (int)p, alias, loaded))
			s->pointee_borrowed |= 1u << p;
	}
	find_pointee_lifetime(arena, fl, s, alias, loaded, slot);
	ac_free(slot);
	ac_free(loaded);
	ac_free(alias);
	ac_free(nassign);
}

/* The global pointer whose block place q holds on entry: q itself, or a
 * local that always copies it (fl->var_global), the global never written
 * by the function; else -1. */
static int global_of(const AcFlow *fl, int q)
{
	const AcPlace *g = &fl->fn->places[q];
	if (fl->var_global && fl->var_global[q] >= 0)
		return fl->var_global[q];
	bool read_only = g->kind == AC_PLACE_VAR && g->storage == AC_STORAGE_GLOBAL && g->link_key && g->is_pointer &&
	                 fl->var_written && !fl->var_written[q];
	return read_only ? q : -1;
}

enum { MAX_GLOBAL_DEREFS = 8 };

/* The place (a global pointer, or a local copying one: global_of) whose
 * block call op k dereferences (reads false: an argument the callee declares
 * nonnull or its body dereferences) or reads through (reads true: data,
 * &data[0] handed to a callee that reads it); else -1. */
static int global_arg(const AcFlow *fl, size_t k, const AcOp *op, bool reads)
{
	const AcFunc *fn = fl->fn;
	const AcCallInfo *ci = &fl->calls[k];
	const AcCall *c = ci->call ? ci->call : op->call;
	unsigned mask = ci->nonnull | c->nonnull;
	for (size_t a = 0; a < c->nargs && a < 32; a++) {
		if (reads) {
			bool whole;
			int q = block_pointer(fn, c->args[a], &whole);
			if (q >= 0 && global_of(fl, q) >= 0 && call_reads_arg(ci, c, a))
				return q;
			continue;
		}
		bool body = ci->sum && !ci->fn && a < ci->sum->nparams && ci->sum->param_derefs[a];
		if (((mask >> a & 1u) || body) && c->args[a].kind == AC_OPND_PLACE && c->args[a].place >= 0 &&
		    global_of(fl, c->args[a].place) >= 0)
			return c->args[a].place;
	}
	return -1;
}

static bool has_key(const char *const *keys, size_t n, const char *key)
{
	for (size_t j = 0; j < n; j++)
		if (strcmp(keys[j], key) == 0)
			return true;
	return false;
}

/* The globals (link keys, in op order, at most MAX_GLOBAL_DEREFS) whose
 * block the caller left there is dereferenced, never tested (reads false),
 * or read through, tested or not and not already in s->derefs_globals
 * (reads true), on every path that returns; *loc is set to the first one's
 * use. */
static size_t global_uses(const AcFlow *fl, bool reads, const AcSummary *s, const char **keys, AcLoc *loc)
{
	const AcFunc *fn = fl->fn;
	size_t n = 0;
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		if (!before_every_return(fl, (int)b)) {
			k += fn->blocks[b].nops; /* k counts the ops of every block: fl->calls is indexed by it */
			continue;
		}
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			int used = -1;
			if (op->kind == AC_OP_DEREF && op->src.kind == AC_OPND_PLACE && op->src.place >= 0 &&
			    global_of(fl, op->src.place) >= 0)
				used = op->src.place;
			if (op->kind == AC_OP_CALL)
				used = global_arg(fl, k, op, reads);
			if (used < 0)
				continue;
			int g = global_of(fl, used);
			if (!reads && (place_tested(fn, used) || place_tested(fn, g)))
				continue;
			const char *key = fn->places[g].link_key;
			if (n == MAX_GLOBAL_DEREFS || has_key(keys, n, key) ||
			    (reads && has_key(s->derefs_globals, s->nderefs_globals, key)))
				continue;
			if (!n)
				*loc = op->loc;
			keys[n++] = key;
		}
	}
	return n;
}

static const char **arena_keys(AcArena *arena, const char *const *keys, size_t n)
{
	const char **out = n ? AC_ARENA_ARRAY(arena, const char *, n) : NULL;
	if (n)
		memcpy(out, keys, n * sizeof *keys);
	return out;
}

/* static char *held; void sink(void) { char *data = held; data[0] = 0; }:
 * the block the caller left in held is dereferenced on every path that
 * returns, never tested (summary.h gd). */
static void find_global_derefs(AcArena *arena, const AcFlow *fl, AcSummary *s)
{
	const char *keys[MAX_GLOBAL_DEREFS];
	s->nderefs_globals = global_uses(fl, false, s, keys, &s->global_deref_loc);
	s->derefs_globals = arena_keys(arena, keys, s->nderefs_globals);
}

/* static char *held; void sink(void) { char *data = held; show(data); }:
 * the block the caller left in held is read through on every path that
 * returns, tested or not (summary.h gr): held = p; free(p); sink(); is a
 * use after free. The globals gd names already are left out. */
static void find_global_reads(AcArena *arena, const AcFlow *fl, AcSummary *s)
{
	const char *keys[MAX_GLOBAL_DEREFS];
	AcLoc first;
	s->nreads_globals = global_uses(fl, true, s, keys, &first);
	s->reads_globals = arena_keys(arena, keys, s->nreads_globals);
}

/* Parameters dereferenced, never tested, on every path that returns: a
 * caller passing a block that may be NULL uses it unchecked. */
static void find_derefs(AcArena *arena, const AcFlow *fl, AcSummary *s)
{
	const AcFunc *fn = fl->fn;
	if (!fn->nparams)
		return;
	bool *checked = ac_calloc(fn->nparams, sizeof *checked);
	mark_checked(fn, checked);
	/* ... and those handed to an assertion helper (assert_ptr(p, NULL, NE)) */
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			const AcSummary *cs = fl->calls[k].sum;
			if (op->kind != AC_OP_CALL || !cs || !cs->param_asserts)
				continue;
			for (size_t a = 0; a < op->call->nargs && a < cs->nparams; a++) {
				if (cs->param_asserts[a] != AC_ASSERT_NONE && reads_place(op->call->args[a], fn->nparams))
					checked[op->call->args[a].place] = true;
			}
		}
	}
	for (size_t b = 0, k = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		for (size_t i = 0; i < blk->nops; i++, k++) {
			const AcOp *op = &blk->ops[i];
			if (op->kind == AC_OP_CALL) {
				call_derefs(fl, op, &fl->calls[k], checked, s, (int)b);
				continue;
			}
			if (op->kind != AC_OP_DEREF || op->src.kind != AC_OPND_PLACE || op->src.place < 0 ||
			    (size_t)op->src.place >= fn->nparams)
				continue;
			note_deref(fl, s, checked, (size_t)op->src.place, (int)b, op->loc);
		}
	}
	find_flag_derefs(fl, s, checked);
	find_pointee_derefs(arena, fl, s);
	ac_free(checked);
}

/* Whether block b reads parameter i in its branch condition. */
static bool branch_reads_param(const AcBlock *blk, size_t i)
{
	if (blk->term != AC_TERM_BRANCH)
		return false;
	if (blk->cond.kind == AC_OPND_PLACE && blk->cond.place == (int)i)
		return true;
	for (size_t k = 0; blk->cond_key && k < blk->cond_key->nreads; k++) {
		if (blk->cond_key->reads[k] == (int)i)
			return true;
	}
	return false;
}

/* Pointer parameters tested by a branch one of whose edges cannot return
 * (every path from it ends in a call that never returns): the function is
 * an assertion on them. Which way is told by the walk: non-NULL at every
 * return, or else unknown (assert_ptr(a, b, pred), with pred deciding). */
static void find_asserts(AcArena *arena, const AcFlow *fl, AcSummary *s)
{
	const AcFunc *fn = fl->fn;
	if (!fn->nparams || !fn->nblocks)
		return;
	/* the blocks from which a return is reachable, through no call that ends the path */
	bool *returns = ac_calloc(fn->nblocks, sizeof *returns);
	bool changed = true;
	while (changed) {
		changed = false;
		for (size_t b = fn->nblocks; b-- > 0;) {
			const AcBlock *blk = &fn->blocks[b];
			if (returns[b] || blk->term == AC_TERM_NORETURN)
				continue;
			bool ends = false;
			for (size_t i = 0; i < blk->nops && !ends; i++)
				ends = blk->ops[i].kind == AC_OP_CALL && fl->calls[fl->op_base[b] + i].ends_path;
			if (ends)
				continue;
			bool r = blk->term == AC_TERM_RETURN;
			for (size_t k = 0; !r && k < blk->nsucc; k++)
				r = blk->succ[k] >= 0 && returns[blk->succ[k]];
			if (r) {
				returns[b] = true;
				changed = true;
			}
		}
	}
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *blk = &fn->blocks[b];
		if (blk->term != AC_TERM_BRANCH || !returns[b] || blk->nsucc != 2 || blk->succ[0] < 0 || blk->succ[1] < 0 ||
		    returns[blk->succ[0]] == returns[blk->succ[1]])
			continue;
		for (size_t i = 0; i < fn->nparams; i++) {
			/* a test of the variable after it was given another block tests that one */
			if (!fn->places[i].is_pointer || (fl->var_written && fl->var_written[i]) || !branch_reads_param(blk, i))
				continue;
			if (!s->param_asserts)
				s->param_asserts = AC_ARENA_ARRAY(arena, uint8_t, fn->nparams);
			s->param_asserts[i] = fl->param_ret_maybe_null[i] ? AC_ASSERT_EITHER : AC_ASSERT_NONNULL;
			if (s->param_asserts[i] == AC_ASSERT_EITHER && !s->nret_conds && !fl->ret_conds_lost &&
			    fl->nret_conds) {
				AcRetCond *rc = AC_ARENA_ARRAY(arena, AcRetCond, fl->nret_conds);
				memcpy(rc, fl->ret_conds, fl->nret_conds * sizeof *rc);
				s->ret_conds = rc;
				s->nret_conds = fl->nret_conds;
			}
		}
	}
	ac_free(returns);
}

enum { MAX_WRITES = 64 }; /* past this many globals written: "may write any" */

int ac_summary_call_writes_arg(const AcCallInfo *ci, const AcCall *c, size_t i)
{
	bool is_const = i < 32 && (c->const_args >> i & 1u);
	if (ci->fn) {
		AcRole r = ci->fn->role;
		if (r == AC_ROLE_ALLOC || r == AC_ROLE_REALLOC || r == AC_ROLE_DEALLOC || ci->fn->reads_only || is_const)
			return 0; /* a release or a move changes no memory the caller reads */
		return c->callback_arg ? 2 : 1;
	}
	const AcSummary *s = ci->sum;
	if (s && s->known && s->wr_known) {
		if (i >= s->nparams || i >= 32)
			return 2; /* a variadic argument, or past the masks */
		return (s->wr_deep >> i & 1u) ? 2 : (s->wr_params >> i & 1u) ? 1 : 0;
	}
	if (is_const && !s)
		return 0; /* declared pointer to const, no body: only read (clang's rule) */
	if (!s && c->name && c->system_header && !c->callback_arg)
		return 1;
	return 2;
}

bool ac_summary_call_fields(const AcCallInfo *ci, const char *const **fields, size_t *n)
{
	const AcSummary *s = ci->sum;
	if (ci->fn || !s || !s->known || !s->wr_known || !s->wr_typed)
		return false;
	*fields = s->wr_fields;
	*n = s->nwr_fields;
	return true;
}

bool ac_summary_call_writes_other(const AcCallInfo *ci, const AcCall *c)
{
	if (ci->fn)
		return c->callback_arg;
	const AcSummary *s = ci->sum;
	if (s && s->known && s->wr_known)
		return s->wr_other;
	return s || !(c->name && c->system_header && !c->callback_arg);
}

bool ac_summary_call_writes_any(const AcCallInfo *ci, const AcCall *c)
{
	if (ci->fn)
		return false; /* a library function of the family table */
	if (ci->sum)
		return ci->sum->writes_any;
	return !(c->name && c->system_header && !c->callback_arg);
}

/* Whether written, an entry of a summary's write list, is global name
 * itself (member NULL) or covers its member: "server" covers every member,
 * "server.dirty" only that one. */
static bool covers(const char *written, const char *name, const char *member)
{
	size_t n = strlen(name);
	if (strncmp(written, name, n) != 0)
		return false;
	if (written[n] == '\0')
		return true;
	return written[n] == '.' && (!member || strcmp(written + n + 1, member) == 0);
}

bool ac_summary_call_writes(const AcCallInfo *ci, const char *name)
{
	return ac_summary_call_writes_member(ci, name, NULL);
}

bool ac_summary_call_writes_member(const AcCallInfo *ci, const char *name, const char *member)
{
	for (size_t i = 0; ci->sum && i < ci->sum->nwrites; i++) {
		if (covers(ci->sum->writes[i], name, member))
			return true;
	}
	return false;
}

/* buf[0..*n) holds the names gathered so far: the count travels with the
 * buffer, so no reader (nor an analyser of ours) sees a slot unwritten. */
static void add_write(AcSummary *s, const char **buf, size_t *n, const char *name)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp(buf[i], name) == 0)
			return;
	}
	if (*n == MAX_WRITES)
		s->writes_any = true;
	else
		buf[(*n)++] = name;
}

/* What writing place p (rooted at a global variable) writes, as a summary
 * names it: "server.dirty" for a member of the global struct server reached
 * through no pointer (server.dirty++, server.stats.n = 0), else "server". */
static const char *written_name(AcArena *arena, const AcFunc *fn, int p)
{
	int root = fn->places[p].root, first = -1;
	for (int q = p; q != root; q = fn->places[q].parent) {
		const AcPlace *pl = &fn->places[q];
		if (pl->kind == AC_PLACE_DEREF || pl->through_ptr || pl->parent < 0)
			return fn->places[root].name;
		first = q;
	}
	const AcPlace *m = first >= 0 ? &fn->places[first] : NULL;
	size_t n = strlen(fn->places[root].name);
	if (!m || m->kind != AC_PLACE_MEMBER || !m->name || strncmp(m->name, fn->places[root].name, n) != 0 ||
	    m->name[n] != '.')
		return fn->places[root].name;
	return ac_arena_strdup(arena, m->name);
}

/* The globals fn writes, itself or through its callees. */
static void find_writes(AcArena *arena, const AcFlow *fl, AcSummary *s)
{
	const AcFunc *fn = fl->fn;
	const char *buf[MAX_WRITES] = {0};
	size_t nbuf = 0;
	size_t k = 0;
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++, k++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			if (op->dst >= 0) {
				const AcPlace *root = &fn->places[fn->places[op->dst].root];
				if (root->storage == AC_STORAGE_GLOBAL && root->kind == AC_PLACE_VAR && root->name)
					add_write(s, buf, &nbuf, written_name(arena, fn, op->dst));
			}
			if (op->kind != AC_OP_CALL)
				continue;
			const AcCallInfo *ci = &fl->calls[k];
			if (ac_summary_call_writes_any(ci, op->call))
				s->writes_any = true;
			for (size_t w = 0; ci->sum && w < ci->sum->nwrites; w++)
				add_write(s, buf, &nbuf, ci->sum->writes[w]);
		}
	}
	s->nwrites = nbuf;
	s->writes = AC_ARENA_ARRAY(arena, const char *, nbuf ? nbuf : 1);
	memcpy(s->writes, buf, nbuf * sizeof *buf);
}

/* The first parameter through which the returns stored a fresh block
 * (void make(char **out) { *out = malloc(n); }), and how the caller learns
 * that the block is there (AcOutMode). */
static void find_out_param(const AcFlow *fl, AcSummary *s)
{
	for (size_t i = 0; fl->out_seen && i < fl->fn->nparams && fl->nreturns; i++) {
		unsigned seen = fl->out_seen[i];
		if (fl->out_family[i] < 0 || !(seen & AC_SEEN_STORED))
			continue;
		s->out_param = (int)i;
		s->out_family = fl->out_family[i];
		if (!(seen & (AC_SEEN_NULL | AC_SEEN_STORED_NOT0 | AC_SEEN_NOT_NOTNZ)) && (seen & AC_SEEN_NOT))
			s->out_mode = AC_OUT_STATUS; /* if (!p) return -1; *out = p; return 0; */
		else if (!(seen & AC_SEEN_NOT) && (!(seen & AC_SEEN_NULL) || !(seen & AC_SEEN_VALUE))) {
			/* A block that may be NULL, from a function whose result may
			 * say so: the caller may test that instead. */
			s->out_mode = AC_OUT_ALWAYS;
			s->out_can_null = (seen & AC_SEEN_NULL) != 0;
		} else
			s->out_mode = AC_OUT_SOME;
		return;
	}
}

/* return realloc (p, n): the parameter every fresh block returned was
 * reallocated from, when it is otherwise only borrowed (a wrapper that
 * frees it on failure FREES it: the caller's block is gone either way). */
static void find_grown_param(const AcFlow *fl, AcSummary *s)
{
	if (s->ret_family < 0 || !fl->block_returned)
		return;
	uint64_t m = fl->grown_params & fl->grown_seen;
	for (size_t i = 0; m && i < fl->fn->nparams && i < 64; i++) {
		/* released only where moved into the block returned (tested not
		 * NULL there), and the caller's where it returns otherwise: the
		 * move is the reallocation's, the parameter only borrowed */
		uint8_t f = fl->param_freed[i];
		bool moved = (f & 4) && !(f & 8) && (f & 2) && !fl->param_kept[i];
		if ((m >> i & 1u) && (s->params[i] == AC_PARAM_BORROWS || moved)) {
			s->params[i] = AC_PARAM_BORROWS;
			s->grows_param = (int)i;
			return;
		}
	}
}

/* The test of an integer parameter every return had (AcSummary.ret_if_param):
 * its value 0 or not 0 first, then its comparison with a constant. */
static void find_ret_guard(const AcFlow *fl, AcSummary *s)
{
	if (fl->ret_guard_state != 1 || !fl->nreturns)
		return;
	uint64_t m = fl->ret_zero_params | fl->ret_nonzero_params;
	for (size_t i = 0; m && i < fl->fn->nparams && i < 64; i++) {
		if (m >> i & 1u) {
			s->ret_if_param = (int)i;
			s->ret_if_shape = AC_CMP_VAR_EQ_CONST;
			s->ret_if_const = 0;
			s->ret_if_truth = fl->ret_zero_params >> i & 1u;
			return;
		}
	}
	/* a range (level > FAIL false) says more than one value (level == USER false) */
	static const AcCmpShape order[] = {AC_CMP_VAR_LT_CONST, AC_CMP_CONST_LT_VAR, AC_CMP_VAR_AND_CONST,
	                                   AC_CMP_VAR_EQ_CONST};
	for (size_t o = 0; o < sizeof order / sizeof *order; o++) {
		for (size_t g = 0; g < fl->nret_guards; g++) {
			const AcCondKey *k = fl->keys[fl->ret_guards[g] >> 1];
			if (k->shape != order[o])
				continue;
			s->ret_if_param = k->cmp_var;
			s->ret_if_shape = (uint8_t)k->shape;
			s->ret_if_const = k->cmp_const;
			s->ret_if_truth = fl->ret_guards[g] & 1u;
			return;
		}
	}
}

bool ac_summary_call_cannot_return(const AcSummary *s, const AcCall *c)
{
	if (s->ret_if_param < 0 || (size_t)s->ret_if_param >= c->nargs)
		return false;
	AcOperand a = c->args[s->ret_if_param];
	long long x;
	if (a.kind == AC_OPND_NULL)
		x = 0;
	else if (a.kind == AC_OPND_INT)
		x = a.ival;
	else
		return false;
	if (x < 0 && !(s->ret_if_shape == AC_CMP_VAR_EQ_CONST && s->ret_if_const == 0))
		return false; /* the parameter's type may read it as a large unsigned number */
	if (s->ret_if_shape == AC_CMP_NONE)
		return false;
	return ac_cmp_holds((AcCmpShape)s->ret_if_shape, x, s->ret_if_const) != s->ret_if_truth;
}

/* The member of the struct every return hands back that holds a fresh
 * block, NULL at the returns without one (make_span). */
static void find_ret_member(const AcFlow *fl, AcSummary *s)
{
	if (!fl->nreturns || fl->ret_member_family < 0 || !fl->ret_member_key || s->ret_family >= 0 || s->ret_released)
		return;
	bool zero_elsewhere = fl->nret_zero_keys < 0;
	for (int i = 0; i < fl->nret_zero_keys; i++)
		zero_elsewhere |= fl->ret_zero_keys[i] == fl->ret_member_key;
	if (!zero_elsewhere)
		return;
	s->ret_member_key = fl->ret_member_key;
	s->ret_member_family = fl->ret_member_family;
	s->ret_member_null = fl->ret_member_null;
}

AcSummary *ac_summary_make(AcArena *arena, const AcFlow *fl, bool complete)
{
	const AcFunc *fn = fl->fn;
	AcSummary *s = new_summary(arena, fn->name, fn->loc, fn->nparams, fl->families);
	if (!complete || fn->unreliable)
		return s; /* not known: calls stay opaque */
	s->known = true;
	s->noreturn = (fl->nreturns == 0 && fn->nblocks > 0) || fn->declared_noreturn;
	if (fl->nreturns && fl->ret_family >= 0) {
		bool obj_null = fl->ret_obj_null && !fl->ret_fatal;
		s->ret_family = fl->ret_family;
		s->ret_can_null = fl->ret_can_null || obj_null;
		s->null_loc = fl->ret_can_null ? fl->ret_null_loc : obj_null ? fl->ret_obj_null_loc : (AcLoc){0};
		s->ret_via = fl->ret_via;
		for (size_t i = 0; s->ret_can_null && fl->ret_can_null && i < fn->nparams && i < 64; i++) {
			if (fl->null_params >> i & 1u) {
				s->null_if_null = (int)i;
				break;
			}
		}
		for (size_t i = 0; fl->block_returned && i < fn->nparams && i < 64; i++) {
			if (fl->block_params >> i & 1u) {
				s->block_if_param = (int)i;
				break;
			}
		}
		if (s->ret_can_null && fl->null_guard_state == 1) {
			const AcCondKey *k = fl->keys[fl->null_guards[0] >> 1];
			s->null_if_param = k->cmp_var;
			s->null_if_mask = k->cmp_const;
			s->null_if_truth = fl->null_guards[0] & 1u;
			s->null_if_eq = k->shape == AC_CMP_VAR_EQ_CONST;
		}
		for (size_t i = 0; s->ret_can_null && s->null_if_param < 0 && i < fn->nparams && i < 64; i++) {
			if (fl->null_zero_params >> i & 1u) {
				s->null_if_param = (int)i; /* NULL only where (PARAM == 0) */
				s->null_if_mask = 0;
				s->null_if_truth = true;
				s->null_if_eq = true;
			}
		}
	}
	if (fl->nreturns && fl->ret_param >= 0)
		s->ret_param = fl->ret_param;
	/* a parameter released and returned is the caller's block: FREES says so */
	s->ret_released = fl->nreturns && fl->ret_released == 1 && s->ret_family < 0 && s->ret_param < 0;
	if (fl->nreturns && fl->ret_nonheap >= 0 && s->ret_family < 0 && s->ret_param < 0)
		s->ret_nonheap = fl->ret_nonheap;
	if (fl->ret_const_state == 1 && s->ret_family < 0 && s->ret_param < 0) {
		s->ret_is_const = true;
		s->ret_const = fl->ret_const;
	}
	for (size_t i = 0; i < fn->nparams; i++) {
		/* A parameter that is not a pointer (a gsize, a struct by value)
		 * carries no block the walk follows, so what the callee does with
		 * a pointer converted to it is unknown: taken to keep, as an
		 * opaque callee would (glib g_once_init_leave (&loc, (gsize) tmp)
		 * stores it atomically: false leaks in gutils.c). */
		uint8_t freed = fl->param_freed[i] & 3;
		if (fl->param_kept[i] || freed == 3 || !fn->places[i].is_pointer)
			s->params[i] = AC_PARAM_KEEPS;
		else if (freed == 1)
			s->params[i] = AC_PARAM_FREES;
		else
			s->params[i] = AC_PARAM_BORROWS;
		if (s->params[i] == AC_PARAM_FREES && fl->param_free_family[i] >= 0)
			s->param_family[i] = fl->param_free_family[i];
	}
	find_grown_param(fl, s);
	s->untouched = s->noreturn ? 0 : ac_param_uses_untouched(fl);
	if (!s->noreturn)
		find_ret_guard(fl, s);
	find_out_param(fl, s);
	if (s->out_param >= 0 && s->out_param < 32)
		s->out_unread = ac_param_uses_unread(fl) & 1u << s->out_param;
	find_ret_member(fl, s);
	if (!s->noreturn) {
		find_flag_effects(fl, s);
		find_derefs(arena, fl, s);
		find_global_derefs(arena, fl, s);
		find_global_reads(arena, fl, s);
		find_asserts(arena, fl, s);
	}
	find_writes(arena, fl, s);
	unsigned all = fn->nparams >= 32 ? ~0u : (1u << fn->nparams) - 1u;
	s->wr_known = true;
	s->wr_params = (fl->wr_params | fl->wr_deep) & all;
	s->wr_deep = fl->wr_deep & all;
	s->wr_other = fl->wr_other;
	s->wr_typed = !fl->wr_untyped;
	if (s->wr_typed) {
		s->nwr_fields = fl->nwr_fields;
		s->wr_fields = AC_ARENA_ARRAY(arena, const char *, fl->nwr_fields ? fl->nwr_fields : 1);
		for (size_t i = 0; i < fl->nwr_fields; i++)
			s->wr_fields[i] = ac_arena_strdup(arena, fl->wr_fields[i]); /* some live in the walk's scratch */
	}
	return s;
}

const AcSummary *ac_summary_translate(AcArena *arena, const AcSummary *s, const AcFamilies *to)
{
	if (s->fams == to)
		return s;
	AcSummary *t = new_summary(arena, s->name, s->loc, s->nparams, to);
	int *pf = t->param_family;
	AcParamEffect *pe = t->params;
	bool *pd = t->param_derefs;
	AcLoc *dl = t->deref_loc;
	*t = *s;
	t->fams = to;
	t->params = pe;
	t->param_family = pf;
	t->param_derefs = pd;
	t->deref_loc = dl;
	if (s->nparams) {
		memcpy(pe, s->params, s->nparams * sizeof *pe);
		memcpy(pd, s->param_derefs, s->nparams * sizeof *pd);
		memcpy(dl, s->deref_loc, s->nparams * sizeof *dl);
	}
	/* param_asserts and param_reads are shared: they hold no family */
	if (s->ret_family >= 0)
		t->ret_family = ac_families_find(to, ac_families_id(s->fams, s->ret_family));
	if (s->out_param >= 0) {
		t->out_family = ac_families_find(to, ac_families_id(s->fams, s->out_family));
		t->out_param = t->out_family >= 0 ? s->out_param : -1;
	}
	for (size_t i = 0; i < s->nparams; i++)
		pf[i] = s->param_family[i] >= 0 ? ac_families_find(to, ac_families_id(s->fams, s->param_family[i])) : -1;
	if (s->frees_if_family >= 0)
		t->frees_if_family = ac_families_find(to, ac_families_id(s->fams, s->frees_if_family));
	if (s->pointee_family >= 0)
		t->pointee_family = ac_families_find(to, ac_families_id(s->fams, s->pointee_family));
	if (s->global_free_family >= 0)
		t->global_free_family = ac_families_find(to, ac_families_id(s->fams, s->global_free_family));
	if (s->ret_member_key) {
		t->ret_member_family = ac_families_find(to, ac_families_id(s->fams, s->ret_member_family));
		t->ret_member_key = t->ret_member_family >= 0 ? s->ret_member_key : NULL;
	}
	return t;
}

/* ---- text ----------------------------------------------------------------------- */

static void putf(AcText *b, const char *fmt, long long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, fmt, v);
	ac_text_put(b, tmp);
}

static bool special(unsigned char c)
{
	return c <= ' ' || c == '%' || c == ',' || c == ':' || c == ';' || c == '=' || c == 127;
}

static void put_str(AcText *b, const char *s)
{
	if (!s || !*s) {
		ac_text_put(b, "-");
		return;
	}
	if (strcmp(s, "-") == 0) {
		ac_text_put(b, "%2D");
		return;
	}
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		char tmp[4] = {(char)*c, 0};
		if (special(*c))
			snprintf(tmp, sizeof tmp, "%%%02X", *c);
		ac_text_put(b, tmp);
	}
}

/* KEY=NAME,NAME...: a list of globals (gw=, gf=). */
static void put_names(AcText *b, const char *key, const char *const *names, size_t n)
{
	ac_text_put(b, key);
	for (size_t i = 0; i < n; i++) {
		ac_text_put(b, i ? "," : "");
		put_str(b, names[i]);
	}
}

static void put_loc(AcText *b, AcLoc l)
{
	put_str(b, l.file);
	putf(b, ":%lld", l.line);
	putf(b, ":%lld", l.col);
}

static void put_family(AcText *b, const AcSummary *s, int fam)
{
	put_str(b, fam >= 0 ? ac_families_id(s->fams, fam) : NULL);
}

char *ac_summary_encode(AcArena *arena, const AcSummary *s)
{
	AcText b = {0};
	ac_text_put(&b, "s1 name=");
	put_str(&b, s->name);
	putf(&b, " known=%lld", s->known);
	putf(&b, " np=%lld", (long long)s->nparams);
	if (s->known) {
		putf(&b, " noret=%lld", s->noreturn);
		ac_text_put(&b, " ret=");
		put_family(&b, s, s->ret_family);
		putf(&b, " null=%lld", s->ret_can_null);
		ac_text_put(&b, " nloc=");
		put_loc(&b, s->null_loc);
		ac_text_put(&b, " via=");
		put_str(&b, s->ret_via);
		putf(&b, " retp=%lld", s->ret_param);
		if (s->ret_released)
			ac_text_put(&b, " rel=1");
		if (s->ret_nonheap >= 0)
			putf(&b, " rnh=%lld", s->ret_nonheap);
		if (s->ret_is_const)
			putf(&b, " const=%lld", s->ret_const);
		if (s->null_if_null >= 0)
			putf(&b, " nullifnull=%lld", s->null_if_null);
		if (s->block_if_param >= 0)
			putf(&b, " blockif=%lld", s->block_if_param);
		if (s->grows_param >= 0)
			putf(&b, " grows=%lld", s->grows_param);
		if (s->ret_if_param >= 0) {
			putf(&b, " retif=%lld", s->ret_if_param);
			putf(&b, ",%lld", s->ret_if_shape);
			putf(&b, ",%lld", s->ret_if_const);
			putf(&b, ",%lld", s->ret_if_truth);
		}
		if (s->null_if_param >= 0) {
			putf(&b, " nullif=%lld", s->null_if_param);
			putf(&b, ",%lld", s->null_if_mask);
			putf(&b, ",%lld", s->null_if_truth);
			if (s->null_if_eq)
				ac_text_put(&b, ",1");
		}
		ac_text_put(&b, " loc=");
		put_loc(&b, s->loc);
		ac_text_put(&b, " params=");
		for (size_t i = 0; i < s->nparams; i++) {
			ac_text_put(&b, i ? "," : "");
			ac_text_put(&b, s->params[i] == AC_PARAM_BORROWS ? "b" : s->params[i] == AC_PARAM_KEEPS ? "k" : "f/");
			if (s->params[i] == AC_PARAM_FREES)
				put_family(&b, s, s->param_family[i]);
		}
		ac_text_put(&b, " derefs=");
		for (size_t i = 0; i < s->nparams; i++) {
			ac_text_put(&b, i ? "," : "");
			ac_text_put(&b, s->param_derefs[i] ? "1" : "0");
		}
		ac_text_put(&b, " dloc=");
		for (size_t i = 0; i < s->nparams; i++) {
			ac_text_put(&b, i ? ";" : "");
			put_loc(&b, s->deref_loc[i]);
		}
		if (s->pointee_derefs) {
			putf(&b, " pd=%lld,", (long long)s->pointee_derefs);
			put_loc(&b, s->pointee_loc);
		}
		if (s->pointee_slot) {
			ac_text_put(&b, " ps=");
			for (size_t i = 0; i < s->nparams; i++) {
				const AcSlot *sl = &s->pointee_slot[i];
				ac_text_put(&b, i ? ";" : "");
				ac_text_put(&b, sl->nsteps ? "" : "-");
				for (size_t k = 0; k < sl->nsteps; k++) {
					ac_text_put(&b, k ? "," : "");
					if (sl->step[k].key) {
						ac_text_put(&b, "m");
						put_str(&b, sl->step[k].key);
					} else
						putf(&b, "i%lld", sl->step[k].index);
				}
			}
		}
		if (s->pointee_borrowed)
			putf(&b, " pb=%lld", (long long)s->pointee_borrowed);
		if (s->pointee_frees) {
			putf(&b, " pf=%lld,", (long long)s->pointee_frees);
			put_family(&b, s, s->pointee_family);
		}
		if (s->pointee_reads)
			putf(&b, " pr=%lld", (long long)s->pointee_reads);
		if (s->pointee_kept)
			putf(&b, " pk=%lld", (long long)s->pointee_kept);
		if (s->untouched)
			putf(&b, " nt=%lld", (long long)s->untouched);
		if (s->out_unread)
			putf(&b, " ou=%lld", (long long)s->out_unread);
		if (s->derefs_if_mask) {
			putf(&b, " dif=%lld,", (long long)s->derefs_if_mask);
			put_str(&b, s->derefs_if_global);
			putf(&b, ",%lld", s->derefs_if_truth);
		}
		if (s->frees_if_mask || s->reads_if_mask) {
			if (s->flag_global) {
				ac_text_put(&b, " lf=g,");
				put_str(&b, s->flag_global);
			} else {
				putf(&b, " lf=p,%lld", s->flag_param);
			}
			putf(&b, ",%lld", (long long)s->frees_if_mask);
			putf(&b, ",%lld,", s->frees_if_truth);
			put_family(&b, s, s->frees_if_family);
			putf(&b, ",%lld", (long long)s->reads_if_mask);
			putf(&b, ",%lld", s->reads_if_truth);
		}
		if (s->param_reads) {
			ac_text_put(&b, " rd=");
			for (size_t i = 0; i < s->nparams; i++)
				ac_text_put(&b, i ? (s->param_reads[i] ? ",1" : ",0") : (s->param_reads[i] ? "1" : "0"));
		}
		if (s->param_asserts) {
			ac_text_put(&b, " as=");
			for (size_t i = 0; i < s->nparams; i++)
				putf(&b, i ? ",%lld" : "%lld", s->param_asserts[i]);
		}
		for (size_t i = 0; i < s->nret_conds; i++) {
			const AcRetCond *rc = &s->ret_conds[i];
			putf(&b, " rc=%lld", (long long)rc->nonnull);
			putf(&b, ",%lld", (long long)rc->null);
			putf(&b, ",%lld", (long long)rc->nsel);
			for (size_t k = 0; k < rc->nsel; k++) {
				putf(&b, ",%lld", (long long)rc->sel[k].param);
				putf(&b, ",%lld", rc->sel[k].value);
			}
			putf(&b, ",%lld", (long long)rc->nrel);
			for (size_t k = 0; k < rc->nrel; k++) {
				putf(&b, ",%lld", (long long)rc->rel[k].a);
				putf(&b, ",%lld", (long long)rc->rel[k].b);
				putf(&b, ",%lld", (long long)rc->rel[k].eq);
			}
		}
		if (s->ret_member_key) {
			ac_text_put(&b, " rm=");
			put_str(&b, s->ret_member_key);
			ac_text_put(&b, ",");
			put_family(&b, s, s->ret_member_family);
			putf(&b, ",%lld", s->ret_member_null);
		}
		if (s->out_param >= 0) {
			putf(&b, " out=%lld,", s->out_param);
			put_family(&b, s, s->out_family);
			putf(&b, ",%lld", (long long)s->out_mode);
			putf(&b, ",%lld", s->out_can_null);
		}
		if (s->wr_known) {
			putf(&b, " wr=%lld", (long long)s->wr_params);
			putf(&b, ",%lld", (long long)s->wr_deep);
			putf(&b, ",%lld", s->wr_other);
			if (s->wr_typed)
				put_names(&b, " wf=", s->wr_fields, s->nwr_fields);
		}
		putf(&b, " gwany=%lld", s->writes_any);
		put_names(&b, " gw=", s->writes, s->nwrites);
		if (s->nfrees_globals)
			put_names(&b, " gf=", s->frees_globals, s->nfrees_globals);
		if (s->nfrees_globals && s->global_free_family >= 0) {
			ac_text_put(&b, " gff=");
			put_family(&b, s, s->global_free_family);
		}
		if (s->nreads_globals)
			put_names(&b, " gr=", s->reads_globals, s->nreads_globals);
		if (s->nderefs_globals) {
			ac_text_put(&b, " gd=");
			put_loc(&b, s->global_deref_loc);
			put_names(&b, ",", s->derefs_globals, s->nderefs_globals);
		}
		for (size_t i = 0; i < s->nfreed_members; i++) {
			const AcMemberRelease *m = &s->freed_members[i];
			putf(&b, " fm=%lld", m->param);
			putf(&b, ",%lld,", m->unconditional);
			put_str(&b, m->field_key);
			ac_text_put(&b, ",");
			put_str(&b, m->field);
			ac_text_put(&b, ",");
			put_str(&b, m->by);
			ac_text_put(&b, ",");
			put_loc(&b, m->loc);
		}
	}
	char *out = ac_arena_strdup(arena, b.v ? b.v : "");
	AC_VEC_FREE(&b);
	return out;
}

/* ---- decoding ------------------------------------------------------------------- */

typedef struct Reader {
	AcArena *arena;
	AcIntern *names;
	const AcFamilies *fams;
	bool bad;
} Reader;

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The string s[0..n) unescaped and interned; NULL for "-". */
static const char *get_str(Reader *r, const char *s, size_t n)
{
	if (n == 1 && s[0] == '-')
		return NULL;
	char *tmp = ac_malloc(n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			tmp[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else if (s[i] == '%') {
			r->bad = true;
			break;
		} else {
			tmp[k++] = s[i];
		}
	}
	tmp[k] = '\0';
	const char *out = ac_intern(r->names, tmp);
	ac_free(tmp);
	return out;
}

static long long get_int(Reader *r, const char *s, size_t n)
{
	char tmp[32];
	if (n == 0 || n >= sizeof tmp) {
		r->bad = true;
		return 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *end;
	long long v = strtoll(tmp, &end, 10);
	if (*end)
		r->bad = true;
	return v;
}

static AcLoc get_loc(Reader *r, const char *s, size_t n)
{
	/* FILE:LINE:COL; FILE holds no raw ':' */
	const char *c1 = memchr(s, ':', n);
	const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(s + n - c1 - 1)) : NULL;
	if (!c1 || !c2) {
		r->bad = true;
		return (AcLoc){0};
	}
	AcLoc l = {get_str(r, s, (size_t)(c1 - s)), (unsigned)get_int(r, c1 + 1, (size_t)(c2 - c1 - 1)),
	           (unsigned)get_int(r, c2 + 1, (size_t)(s + n - c2 - 1))};
	return l;
}

static int get_family(Reader *r, const char *s, size_t n)
{
	const char *id = get_str(r, s, n);
	return id ? ac_families_find(r->fams, id) : -1;
}

/* Splits s[0..n) at sep into at most max items; returns their number. */
static size_t split(const char *s, size_t n, char sep, const char **items, size_t *lens, size_t max)
{
	size_t k = 0;
	const char *start = s, *end = s + n;
	for (const char *c = s; c <= end && k < max; c++) {
		if (c == end || *c == sep) {
			items[k] = start;
			lens[k++] = (size_t)(c - start);
			start = c + 1;
		}
	}
	return k;
}

/* Splits a per-parameter list A,A,...: one item a parameter, else r->bad.
 * The caller frees *items and *lens. */
static size_t split_params(Reader *r, const AcSummary *s, const char *v, size_t n, const char ***items,
                           size_t **lens)
{
	*items = ac_calloc(s->nparams + 1, sizeof **items);
	*lens = ac_calloc(s->nparams + 1, sizeof **lens);
	size_t k = s->nparams ? split(v, n, ',', *items, *lens, s->nparams + 1) : 0;
	if (k != s->nparams)
		r->bad = true;
	return k;
}

static void get_params(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char **items;
	size_t *lens;
	size_t k = split_params(r, s, v, n, &items, &lens);
	for (size_t i = 0; i < k && i < s->nparams; i++) {
		if (lens[i] == 1 && items[i][0] == 'b')
			s->params[i] = AC_PARAM_BORROWS;
		else if (lens[i] == 1 && items[i][0] == 'k')
			s->params[i] = AC_PARAM_KEEPS;
		else if (lens[i] >= 2 && items[i][0] == 'f' && items[i][1] == '/') {
			s->params[i] = AC_PARAM_FREES;
			s->param_family[i] = get_family(r, items[i] + 2, lens[i] - 2);
		} else
			r->bad = true;
	}
	ac_free(items);
	ac_free(lens);
}

static void get_derefs(Reader *r, AcSummary *s, const char *v, size_t n, bool locs)
{
	const char **items = ac_calloc(s->nparams + 1, sizeof *items);
	size_t *lens = ac_calloc(s->nparams + 1, sizeof *lens);
	size_t k = s->nparams ? split(v, n, locs ? ';' : ',', items, lens, s->nparams + 1) : 0;
	if (k != s->nparams)
		r->bad = true;
	for (size_t i = 0; i < k && i < s->nparams; i++) {
		if (locs)
			s->deref_loc[i] = get_loc(r, items[i], lens[i]);
		else
			s->param_derefs[i] = lens[i] == 1 && items[i][0] == '1';
	}
	ac_free(items);
	ac_free(lens);
}

/* fm=PARAM,UNCONDITIONAL,KEY,FIELD,BY,LOC: a member of a parameter released
 * and left dangling on every path (transfer_release.c). */
static void get_freed_member(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[6];
	size_t lens[6];
	if (split(v, n, ',', items, lens, 6) != 6) {
		r->bad = true;
		return;
	}
	AcMemberRelease m = {get_str(r, items[2], lens[2]), get_str(r, items[3], lens[3]),
	                     get_str(r, items[4], lens[4]), get_loc(r, items[5], lens[5]), NULL,
	                     (int)get_int(r, items[0], lens[0]), get_int(r, items[1], lens[1]) != 0};
	if (m.param < 0 || (size_t)m.param >= s->nparams)
		r->bad = true;
	AcMemberRelease *all = AC_ARENA_ARRAY(r->arena, AcMemberRelease, s->nfreed_members + 1);
	if (s->nfreed_members)
		memcpy(all, s->freed_members, s->nfreed_members * sizeof *all);
	all[s->nfreed_members] = m;
	s->freed_members = all;
	s->nfreed_members++;
}

/* NAME,NAME...: a list of globals (gw=, gf=); at most MAX_WRITES. */
static size_t get_names(Reader *r, const char *v, size_t n, const char ***out)
{
	const char *items[MAX_WRITES + 1];
	size_t lens[MAX_WRITES + 1];
	size_t k = n ? split(v, n, ',', items, lens, MAX_WRITES + 1) : 0;
	if (k > MAX_WRITES) {
		r->bad = true;
		k = 0;
	}
	*out = AC_ARENA_ARRAY(r->arena, const char *, k ? k : 1);
	for (size_t i = 0; i < k; i++)
		(*out)[i] = get_str(r, items[i], lens[i]);
	return k;
}

/* gd=LOC,NAME,...: the globals whose blocks are dereferenced on every path
 * that returns, first at LOC. */
static void get_global_derefs(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *comma = memchr(v, ',', n);
	if (!comma) {
		r->bad = true;
		return;
	}
	s->global_deref_loc = get_loc(r, v, (size_t)(comma - v));
	s->nderefs_globals = get_names(r, comma + 1, n - (size_t)(comma - v) - 1, &s->derefs_globals);
	r->bad |= s->nderefs_globals == 0;
}

/* as=A,A,...: what each parameter's test on the way to a path that cannot
 * return says (AcParamAssert). */
static void get_asserts(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char **items;
	size_t *lens;
	size_t k = split_params(r, s, v, n, &items, &lens);
	s->param_asserts = AC_ARENA_ARRAY(r->arena, uint8_t, s->nparams ? s->nparams : 1);
	for (size_t i = 0; i < k && i < s->nparams; i++) {
		long long a = get_int(r, items[i], lens[i]);
		if (a < AC_ASSERT_NONE || a > AC_ASSERT_EITHER)
			r->bad = true;
		else
			s->param_asserts[i] = (uint8_t)a;
	}
	ac_free(items);
	ac_free(lens);
}

/* rc=NONNULL,NULL,NSEL,(PARAM,VALUE)...,NREL,(A,B,EQ)...: what held at one
 * return (AcRetCond); one field per return. */
static void get_ret_cond(Reader *r, AcSummary *s, const char *v, size_t n)
{
	enum { MAX_ITEMS = 4 + 2 * AC_RET_FACTS + 3 * AC_RET_FACTS };
	const char *items[MAX_ITEMS + 1];
	size_t lens[MAX_ITEMS + 1];
	size_t k = split(v, n, ',', items, lens, MAX_ITEMS + 1), at = 0;
	AcRetCond rc;
	memset(&rc, 0, sizeof rc);
	long long x[MAX_ITEMS];
	for (size_t i = 0; i < k && i < MAX_ITEMS; i++)
		x[i] = get_int(r, items[i], lens[i]);
	if (k < 4 || k > MAX_ITEMS || s->nret_conds >= AC_RET_CONDS) {
		r->bad = true;
		return;
	}
	rc.nonnull = (uint64_t)x[at++];
	rc.null = (uint64_t)x[at++];
	long long nsel = x[at++];
	if (nsel < 0 || nsel > AC_RET_FACTS || at + 2 * (size_t)nsel + 1 > k) {
		r->bad = true;
		return;
	}
	for (rc.nsel = 0; rc.nsel < nsel; rc.nsel++, at += 2) {
		rc.sel[rc.nsel].param = (uint8_t)x[at];
		rc.sel[rc.nsel].value = x[at + 1];
		r->bad |= x[at] < 0 || (size_t)x[at] >= s->nparams;
	}
	long long nrel = x[at++];
	if (nrel < 0 || nrel > AC_RET_FACTS || at + 3 * (size_t)nrel != k) {
		r->bad = true;
		return;
	}
	for (rc.nrel = 0; rc.nrel < nrel; rc.nrel++, at += 3) {
		rc.rel[rc.nrel].a = (uint8_t)x[at];
		rc.rel[rc.nrel].b = (uint8_t)x[at + 1];
		rc.rel[rc.nrel].eq = x[at + 2] != 0;
		r->bad |= x[at] < 0 || (size_t)x[at] >= s->nparams || x[at + 1] < 0 || (size_t)x[at + 1] >= s->nparams;
	}
	AcRetCond *all = AC_ARENA_ARRAY(r->arena, AcRetCond, s->nret_conds + 1);
	if (s->nret_conds)
		memcpy(all, s->ret_conds, s->nret_conds * sizeof *all);
	all[s->nret_conds++] = rc;
	s->ret_conds = all;
}

/* rd=0|1,...: per parameter, read through on every path that returns. */
static void get_reads(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char **items;
	size_t *lens;
	size_t k = split_params(r, s, v, n, &items, &lens);
	s->param_reads = AC_ARENA_ARRAY(r->arena, bool, s->nparams ? s->nparams : 1);
	for (size_t i = 0; i < k && i < s->nparams; i++)
		s->param_reads[i] = lens[i] == 1 && items[i][0] == '1';
	ac_free(items);
	ac_free(lens);
}

/* nullif=PARAM,MASK,TRUTH[,EQ]: NULL is returned only where (PARAM & MASK)
 * != 0 is TRUTH, or with EQ 1 where (PARAM == MASK) is. */
static void get_null_if(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[4];
	size_t lens[4];
	size_t k = split(v, n, ',', items, lens, 4);
	if (k != 3 && k != 4) {
		r->bad = true;
		return;
	}
	s->null_if_param = (int)get_int(r, items[0], lens[0]);
	s->null_if_mask = get_int(r, items[1], lens[1]);
	s->null_if_truth = get_int(r, items[2], lens[2]) != 0;
	s->null_if_eq = k == 4 && get_int(r, items[3], lens[3]) != 0;
	if (s->null_if_param < 0 || (size_t)s->null_if_param >= s->nparams || s->null_if_mask < 0 ||
	    (s->null_if_mask == 0 && !s->null_if_eq))
		r->bad = true;
}

/* retif=PARAM,SHAPE,CONST,TRUTH: every return had (PARAM SHAPE CONST) TRUTH,
 * SHAPE an AcCmpShape. */
static void get_ret_if(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[4];
	size_t lens[4];
	if (split(v, n, ',', items, lens, 4) != 4) {
		r->bad = true;
		return;
	}
	s->ret_if_param = (int)get_int(r, items[0], lens[0]);
	long long shape = get_int(r, items[1], lens[1]);
	s->ret_if_const = get_int(r, items[2], lens[2]);
	s->ret_if_truth = get_int(r, items[3], lens[3]) != 0;
	if (s->ret_if_param < 0 || (size_t)s->ret_if_param >= s->nparams || shape <= AC_CMP_NONE ||
	    shape > AC_CMP_VAR_AND_CONST || s->ret_if_const < 0)
		r->bad = true;
	s->ret_if_shape = (uint8_t)shape;
}

/* dif=MASK,GLOBAL,TRUTH: the parameters in MASK are dereferenced on every
 * path that returns where GLOBAL (a link key) tested at entry is TRUTH. */
static void get_deref_if(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[3];
	size_t lens[3];
	if (split(v, n, ',', items, lens, 3) != 3) {
		r->bad = true;
		return;
	}
	long long mask = get_int(r, items[0], lens[0]);
	s->derefs_if_global = get_str(r, items[1], lens[1]);
	s->derefs_if_truth = get_int(r, items[2], lens[2]) != 0;
	if (mask <= 0 || mask > (long long)UINT32_MAX || (s->nparams < 32 && (mask >> s->nparams)) || !s->derefs_if_global)
		r->bad = true;
	else
		s->derefs_if_mask = (unsigned)mask;
}

/* A mask of parameters (bit i: parameter i), or bad. */
static unsigned get_mask(Reader *r, const AcSummary *s, const char *v, size_t n)
{
	long long mask = get_int(r, v, n);
	if (mask < 0 || mask > (long long)UINT32_MAX || (s->nparams < 32 && (mask >> s->nparams)))
		r->bad = true;
	return r->bad ? 0 : (unsigned)mask;
}

/* lf=g,GLOBAL,... or lf=p,PARAM,FMASK,FTRUTH,FAMILY,RMASK,RTRUTH: the
 * parameters released, and those read through, on every path that returns
 * where the flag the function tests first has the truth given. */
static void get_flag_effects(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[7];
	size_t lens[7];
	if (split(v, n, ',', items, lens, 7) != 7 || lens[0] != 1 || (items[0][0] != 'g' && items[0][0] != 'p')) {
		r->bad = true;
		return;
	}
	if (items[0][0] == 'g') {
		s->flag_global = get_str(r, items[1], lens[1]);
		r->bad |= !s->flag_global;
	} else {
		s->flag_param = (int)get_int(r, items[1], lens[1]);
		r->bad |= s->flag_param < 0 || (size_t)s->flag_param >= s->nparams;
	}
	s->frees_if_mask = get_mask(r, s, items[2], lens[2]);
	s->frees_if_truth = get_int(r, items[3], lens[3]) != 0;
	s->frees_if_family = get_family(r, items[4], lens[4]);
	s->reads_if_mask = get_mask(r, s, items[5], lens[5]);
	s->reads_if_truth = get_int(r, items[6], lens[6]) != 0;
}

/* pd=MASK,LOC: the pointers stored at *parameter (bit i: parameter i) are
 * dereferenced on every path that returns, first at LOC. */
static void get_pointee_derefs(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *comma = memchr(v, ',', n);
	if (!comma) {
		r->bad = true;
		return;
	}
	long long mask = get_int(r, v, (size_t)(comma - v));
	s->pointee_loc = get_loc(r, comma + 1, n - (size_t)(comma - v) - 1);
	if (mask <= 0 || mask > (long long)UINT32_MAX || (s->nparams < 32 && (mask >> s->nparams)))
		r->bad = true;
	else
		s->pointee_derefs = (unsigned)mask;
}

/* ps=SLOT;SLOT;...: per parameter, where the pointer pd names lies inside
 * its object (AcSlot): "-" for *p, else steps iN (element N) or mKEY (the
 * member with field key KEY) joined by ','. */
static void get_pointee_slots(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char **items = ac_calloc(s->nparams + 1, sizeof *items);
	size_t *lens = ac_calloc(s->nparams + 1, sizeof *lens);
	size_t k = s->nparams ? split(v, n, ';', items, lens, s->nparams + 1) : 0;
	AcSlot *slots = AC_ARENA_ARRAY(r->arena, AcSlot, s->nparams ? s->nparams : 1);
	r->bad |= k != s->nparams;
	for (size_t i = 0; i < k && i < s->nparams && !r->bad; i++) {
		if (lens[i] == 1 && items[i][0] == '-')
			continue;
		const char *steps[AC_SLOT_STEPS + 1];
		size_t slens[AC_SLOT_STEPS + 1];
		size_t m = split(items[i], lens[i], ',', steps, slens, AC_SLOT_STEPS + 1);
		r->bad |= m > AC_SLOT_STEPS;
		for (size_t j = 0; j < m && j < AC_SLOT_STEPS && !r->bad; j++) {
			if (slens[j] >= 2 && steps[j][0] == 'm')
				slots[i].step[j].key = get_str(r, steps[j] + 1, slens[j] - 1);
			else if (slens[j] >= 2 && steps[j][0] == 'i')
				slots[i].step[j].index = (long)get_int(r, steps[j] + 1, slens[j] - 1);
			else
				r->bad = true;
		}
		slots[i].nsteps = (uint8_t)(m <= AC_SLOT_STEPS ? m : 0);
	}
	s->pointee_slot = slots;
	ac_free(items);
	ac_free(lens);
}

/* out=PARAM,FAMILY,MODE,NULL: a fresh block stored through a parameter. */
static void get_out(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[4];
	size_t lens[4];
	if (split(v, n, ',', items, lens, 4) != 4) {
		r->bad = true;
		return;
	}
	s->out_param = (int)get_int(r, items[0], lens[0]);
	s->out_family = get_family(r, items[1], lens[1]);
	long long mode = get_int(r, items[2], lens[2]);
	s->out_can_null = get_int(r, items[3], lens[3]) != 0;
	if (s->out_param < 0 || (size_t)s->out_param >= s->nparams || mode <= AC_OUT_NONE || mode > AC_OUT_SOME)
		r->bad = true;
	else if (s->out_family < 0)
		s->out_param = -1; /* a family this table does not have */
	else
		s->out_mode = (AcOutMode)mode;
}

/* rm=KEY,FAMILY,NULL: the member of the struct returned that holds a fresh block. */
static void get_ret_member(Reader *r, AcSummary *s, const char *v, size_t n)
{
	const char *items[3];
	size_t lens[3];
	if (split(v, n, ',', items, lens, 3) != 3) {
		r->bad = true;
		return;
	}
	s->ret_member_family = get_family(r, items[1], lens[1]);
	s->ret_member_key = s->ret_member_family >= 0 ? get_str(r, items[0], lens[0]) : NULL;
	s->ret_member_null = get_int(r, items[2], lens[2]) != 0;
}

/* One KEY=VALUE field of a known summary. */
static void get_field(Reader *r, AcSummary *s, const char *k, size_t kn, const char *v, size_t vn)
{
#define KEY(x) (kn == sizeof(x) - 1 && memcmp(k, x, kn) == 0)
	if (KEY("noret"))
		s->noreturn = get_int(r, v, vn) != 0;
	else if (KEY("ret"))
		s->ret_family = get_family(r, v, vn);
	else if (KEY("null"))
		s->ret_can_null = get_int(r, v, vn) != 0;
	else if (KEY("nloc"))
		s->null_loc = get_loc(r, v, vn);
	else if (KEY("via"))
		s->ret_via = get_str(r, v, vn);
	else if (KEY("retp"))
		s->ret_param = (int)get_int(r, v, vn);
	else if (KEY("rel"))
		s->ret_released = get_int(r, v, vn) != 0;
	else if (KEY("rnh")) {
		long long w = get_int(r, v, vn);
		if (w != AC_NONHEAP_LITERAL_ADDR && w != AC_NONHEAP_FUNCTION_ADDR && w != AC_NONHEAP_STATIC_ADDR)
			r->bad = true;
		else
			s->ret_nonheap = (int)w;
	}
	else if (KEY("const")) {
		s->ret_is_const = true;
		s->ret_const = get_int(r, v, vn);
	} else if (KEY("loc"))
		s->loc = get_loc(r, v, vn);
	else if (KEY("params"))
		get_params(r, s, v, vn);
	else if (KEY("derefs"))
		get_derefs(r, s, v, vn, false);
	else if (KEY("dloc"))
		get_derefs(r, s, v, vn, true);
	else if (KEY("fm"))
		get_freed_member(r, s, v, vn);
	else if (KEY("nullifnull")) {
		s->null_if_null = (int)get_int(r, v, vn);
		if (s->null_if_null < 0 || (size_t)s->null_if_null >= s->nparams)
			r->bad = true;
	} else if (KEY("blockif")) {
		s->block_if_param = (int)get_int(r, v, vn);
		if (s->block_if_param < 0 || (size_t)s->block_if_param >= s->nparams)
			r->bad = true;
	} else if (KEY("grows")) {
		s->grows_param = (int)get_int(r, v, vn);
		if (s->grows_param < 0 || (size_t)s->grows_param >= s->nparams)
			r->bad = true;
	} else if (KEY("nullif"))
		get_null_if(r, s, v, vn);
	else if (KEY("retif"))
		get_ret_if(r, s, v, vn);
	else if (KEY("as"))
		get_asserts(r, s, v, vn);
	else if (KEY("rd"))
		get_reads(r, s, v, vn);
	else if (KEY("rc"))
		get_ret_cond(r, s, v, vn);
	else if (KEY("pd"))
		get_pointee_derefs(r, s, v, vn);
	else if (KEY("ps"))
		get_pointee_slots(r, s, v, vn);
	else if (KEY("pb")) {
		long long mask = get_int(r, v, vn);
		if (mask <= 0 || mask > (long long)UINT32_MAX || (s->nparams < 32 && (mask >> s->nparams)))
			r->bad = true;
		else
			s->pointee_borrowed = (unsigned)mask;
	}
	else if (KEY("dif"))
		get_deref_if(r, s, v, vn);
	else if (KEY("lf"))
		get_flag_effects(r, s, v, vn);
	else if (KEY("pf")) {
		const char *items[2];
		size_t lens[2];
		if (split(v, vn, ',', items, lens, 2) != 2) {
			r->bad = true;
		} else {
			s->pointee_frees = get_mask(r, s, items[0], lens[0]);
			s->pointee_family = get_family(r, items[1], lens[1]);
		}
	} else if (KEY("pr"))
		s->pointee_reads = get_mask(r, s, v, vn);
	else if (KEY("pk"))
		s->pointee_kept = get_mask(r, s, v, vn);
	else if (KEY("nt"))
		s->untouched = get_mask(r, s, v, vn);
	else if (KEY("ou"))
		s->out_unread = get_mask(r, s, v, vn);
	else if (KEY("out"))
		get_out(r, s, v, vn);
	else if (KEY("rm"))
		get_ret_member(r, s, v, vn);
	else if (KEY("wr")) {
		const char *items[3];
		size_t lens[3];
		if (split(v, vn, ',', items, lens, 3) != 3) {
			r->bad = true;
		} else {
			s->wr_known = true;
			s->wr_params = get_mask(r, s, items[0], lens[0]);
			s->wr_deep = get_mask(r, s, items[1], lens[1]);
			s->wr_other = get_int(r, items[2], lens[2]) != 0;
			if (s->wr_deep & ~s->wr_params)
				r->bad = true;
		}
	} else if (KEY("wf")) {
		s->nwr_fields = get_names(r, v, vn, &s->wr_fields);
		s->wr_typed = true;
	} else if (KEY("gwany"))
		s->writes_any = get_int(r, v, vn) != 0;
	else if (KEY("gw"))
		s->nwrites = get_names(r, v, vn, &s->writes);
	else if (KEY("gf"))
		s->nfrees_globals = get_names(r, v, vn, &s->frees_globals);
	else if (KEY("gd"))
		get_global_derefs(r, s, v, vn);
	else if (KEY("gff"))
		s->global_free_family = get_family(r, v, vn);
	else if (KEY("gr"))
		s->nreads_globals = get_names(r, v, vn, &s->reads_globals);
#undef KEY
}

AcSummary *ac_summary_decode(AcArena *arena, AcIntern *names, const char *text, const AcFamilies *fams)
{
	Reader r = {arena, names, fams, false};
	if (strncmp(text, "s1 name=", 8) != 0)
		return NULL;
	const char *p = text + 3;
	const char *name = NULL;
	long long known = -1, np = -1;
	/* the header: name, known, np, in this order */
	for (int i = 0; i < 3; i++) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (!eq)
			return NULL;
		size_t kn = (size_t)(eq - p), vn = n - kn - 1;
		if (i == 0 && kn == 4 && memcmp(p, "name", 4) == 0)
			name = get_str(&r, eq + 1, vn);
		else if (i == 1 && kn == 5 && memcmp(p, "known", 5) == 0)
			known = get_int(&r, eq + 1, vn);
		else if (i == 2 && kn == 2 && memcmp(p, "np", 2) == 0)
			np = get_int(&r, eq + 1, vn);
		else
			return NULL;
		p = end ? end + 1 : p + n;
	}
	if (r.bad || !name || known < 0 || np < 0 || np > 4096)
		return NULL;
	AcSummary *s = new_summary(arena, name, (AcLoc){0}, (size_t)np, fams);
	s->known = known != 0;
	while (s->known && *p) {
		const char *end = strchr(p, ' ');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		const char *eq = memchr(p, '=', n);
		if (!eq)
			return NULL;
		get_field(&r, s, p, (size_t)(eq - p), eq + 1, n - (size_t)(eq - p) - 1);
		p = end ? end + 1 : p + n;
	}
	if (r.bad)
		return NULL;
	if (s->ret_param >= (int)s->nparams)
		s->ret_param = -1;
	return s;
}
