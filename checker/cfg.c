/*
 * cfg: predecessor lists, the IR verifier and the text dump (cfg.h).
 *
 * The dump is the oracle of the lowering tests (tests/cfg/NAME.cfg), so it is
 * deterministic (ids in order, no pointers) and shows every field the engine
 * reads: place kinds and flags, each op with its line:col, terminators with
 * their condition text. Format:
 *
 *   func NAME @FILE:L:C-L:C [static] [noreturn] [unreliable]
 *   params: NAME...            (or "-")
 *   places:
 *     ID NAME var local|param#I|global [ptr] [addr] [cleanup] @L:C
 *     ID NAME temp [ptr]
 *     ID NAME member(.)|member(->)|elem|elem(->)|deref of PARENT [ptr] [addr] [cleanup]
 *   B0:
 *     OP                                   @L:C
 *     TERMINATOR                           @L:C ["condition text"]
 *   B1: (preds B0 ...)          or "(unreachable)" when it has none
 *
 * Ops: `d = v`, `d = test v` / `d = test !v`, `[d = ]call NAME(ARG @L:C, ...)`
 * then [macro=M] [inner=M2] [func=N] [sys] [noreturn] [callback], `deref p`, `kill a b`,
 * `escape v`. Operands: a place's name (suffixed #ID when two places share
 * it), NULL, an integer, &name or &<const>, offset(name), ? (unknown), -.
 * Terminators: `jump B1 [B2...]` (or `jump -`), `branch v ? B1 : B2`,
 * `return [v]`, `noreturn`. A location in another file than the function
 * prints as @FILE:L:C.
 */
#include "cfg.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void ac_cfg_finish(AcArena *arena, AcFunc *fn)
{
	for (size_t i = 0; i < fn->nblocks; i++)
		fn->blocks[i].npred = 0;
	for (size_t i = 0; i < fn->nblocks; i++)
		for (size_t j = 0; j < fn->blocks[i].nsucc; j++)
			fn->blocks[fn->blocks[i].succ[j]].npred++;
	for (size_t i = 0; i < fn->nblocks; i++) {
		AcBlock *b = &fn->blocks[i];
		b->pred = AC_ARENA_ARRAY(arena, int, b->npred);
		b->npred = 0;
	}
	/* One entry per edge, in (source block, successor) order. */
	for (size_t i = 0; i < fn->nblocks; i++) {
		const AcBlock *b = &fn->blocks[i];
		for (size_t j = 0; j < b->nsucc; j++) {
			AcBlock *s = &fn->blocks[b->succ[j]];
			s->pred[s->npred++] = (int)i;
		}
	}
}

/* --- verifier --------------------------------------------------------------- */

#ifndef NDEBUG /* every check is an assert: nothing to compile without them */

static bool valid_place(const AcFunc *fn, int p)
{
	return p >= 0 && (size_t)p < fn->nplaces;
}

static void verify_operand(const AcFunc *fn, AcOperand v)
{
	switch (v.kind) {
	case AC_OPND_PLACE:
	case AC_OPND_OFFSET:
	case AC_OPND_PLUS:
		assert(valid_place(fn, v.place));
		break;
	case AC_OPND_ADDR:
		assert(v.place == -1 || valid_place(fn, v.place));
		break;
	default:
		assert(v.kind <= AC_OPND_PLUS);
		break;
	}
}

static void verify_place(const AcFunc *fn, size_t i)
{
	const AcPlace *p = &fn->places[i];
	assert(p->kind < AC_PLACE_KIND_COUNT && p->name);
	if (p->kind == AC_PLACE_VAR || p->kind == AC_PLACE_TEMP) {
		assert(p->parent == -1 && p->root == (int)i);
		assert(p->kind == AC_PLACE_VAR || p->storage == AC_STORAGE_LOCAL);
	} else {
		assert(p->parent >= 0 && (size_t)p->parent < i);
		const AcPlace *pp = &fn->places[p->parent];
		assert(p->root == pp->root && p->storage == pp->storage);
		assert(p->param_index == pp->param_index);
		assert(p->kind != AC_PLACE_DEREF || p->through_ptr);
		assert(p->kind == AC_PLACE_ELEM || p->index == -1);
	}
	if (i < fn->nparams)
		assert(p->kind == AC_PLACE_VAR && p->storage == AC_STORAGE_PARAM &&
		       p->param_index == (int)i);
}

static void verify_op(const AcFunc *fn, const AcOp *op)
{
	assert(op->kind < AC_OP_KIND_COUNT);
	assert(op->dst == -1 || valid_place(fn, op->dst));
	verify_operand(fn, op->src);
	switch (op->kind) {
	case AC_OP_ASSIGN:
	case AC_OP_TEST:
		assert(op->dst >= 0);
		break;
	case AC_OP_CMP:
		assert(op->dst >= 0);
		verify_operand(fn, op->src2);
		break;
	case AC_OP_DEREF:
		assert(op->src.kind == AC_OPND_PLACE);
		break;
	case AC_OP_CALL:
		assert(op->call && (op->call->nargs == 0 || op->call->args));
		for (size_t i = 0; i < op->call->nargs; i++)
			verify_operand(fn, op->call->args[i]);
		break;
	case AC_OP_KILL:
		assert(op->nkill > 0 && op->kill);
		for (size_t i = 0; i < op->nkill; i++) {
			assert(valid_place(fn, op->kill[i]));
			AcPlaceKind k = fn->places[op->kill[i]].kind;
			assert(k == AC_PLACE_VAR || k == AC_PLACE_TEMP);
		}
		break;
	default:
		break;
	}
}

static void verify_block(const AcFunc *fn, size_t i)
{
	const AcBlock *b = &fn->blocks[i];
	assert(b->id == (int)i);
	for (size_t j = 0; j < b->nops; j++)
		verify_op(fn, &b->ops[j]);
	for (size_t j = 0; j < b->nsucc; j++)
		assert(b->succ[j] >= 0 && (size_t)b->succ[j] < fn->nblocks);
	switch (b->term) {
	case AC_TERM_JUMP:
		break;
	case AC_TERM_BRANCH:
		assert(b->nsucc == 2 && b->cond.kind != AC_OPND_NONE);
		verify_operand(fn, b->cond);
		break;
	case AC_TERM_RETURN:
		assert(b->nsucc == 0);
		verify_operand(fn, b->ret);
		break;
	case AC_TERM_NORETURN:
		assert(b->nsucc == 0 && b->nops > 0);
		assert(b->ops[b->nops - 1].kind == AC_OP_CALL && b->ops[b->nops - 1].call->noreturn);
		break;
	default:
		assert(!"bad terminator");
	}
	for (size_t j = 0; j < b->npred; j++) {
		const AcBlock *p = &fn->blocks[b->pred[j]];
		bool found = false;
		for (size_t k = 0; k < p->nsucc; k++)
			found |= p->succ[k] == (int)i;
		assert(found);
	}
}

void ac_cfg_verify(const AcFunc *fn)
{
	assert(fn->name && fn->nblocks >= 1 && fn->nparams <= fn->nplaces);
	assert(fn->blocks[0].npred == 0);
	for (size_t i = 0; i < fn->nplaces; i++)
		verify_place(fn, i);
	size_t nsucc = 0, npred = 0;
	for (size_t i = 0; i < fn->nblocks; i++) {
		verify_block(fn, i);
		nsucc += fn->blocks[i].nsucc;
		npred += fn->blocks[i].npred;
	}
	assert(nsucc == npred);
}

#else

void ac_cfg_verify(const AcFunc *fn)
{
	(void)fn;
}

#endif

/* --- dump ----------------------------------------------------------------------- */

typedef struct Dump {
	FILE *out;
	const AcFunc *fn;
	bool *shared; /* places[i].name is also another place's name */
} Dump;

typedef struct NameIdx {
	const char *name;
	size_t id;
} NameIdx;

static int cmp_name_idx(const void *a, const void *b)
{
	const NameIdx *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->id > y->id) - (x->id < y->id);
}

static bool *shared_names(const AcFunc *fn)
{
	size_t n = fn->nplaces;
	bool *shared = ac_calloc(n ? n : 1, sizeof *shared);
	NameIdx *v = ac_malloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (NameIdx){fn->places[i].name, i};
	qsort(v, n, sizeof *v, cmp_name_idx);
	for (size_t i = 1; i < n; i++)
		if (strcmp(v[i].name, v[i - 1].name) == 0)
			shared[v[i].id] = shared[v[i - 1].id] = true;
	ac_free(v);
	return shared;
}

static int print_place_name(const Dump *d, int p)
{
	if (d->shared[p])
		return fprintf(d->out, "%s#%d", d->fn->places[p].name, p);
	return fprintf(d->out, "%s", d->fn->places[p].name);
}

static int print_operand(const Dump *d, AcOperand v)
{
	switch (v.kind) {
	case AC_OPND_NONE:
		return fprintf(d->out, "-");
	case AC_OPND_PLACE:
		return print_place_name(d, v.place);
	case AC_OPND_NULL:
		return fprintf(d->out, "NULL");
	case AC_OPND_INT:
		return fprintf(d->out, "%lld", v.ival);
	case AC_OPND_ADDR:
		if (v.place < 0)
			return fprintf(d->out, "&<const>");
		fputc('&', d->out);
		return 1 + print_place_name(d, v.place);
	case AC_OPND_OFFSET: {
		/* Sequenced: the order of the operands of + is unspecified. */
		int w = fprintf(d->out, v.ival == AC_OFFSET_CODE ? "code(" : "offset(");
		w += print_place_name(d, v.place);
		return w + fprintf(d->out, ")");
	}
	case AC_OPND_PLUS: {
		int w = print_place_name(d, v.place);
		return w + fprintf(d->out, "%+lld", v.ival);
	}
	case AC_OPND_UNKNOWN:
	default:
		return fprintf(d->out, "?");
	}
}

static int print_loc(const Dump *d, AcLoc loc)
{
	if (!loc.line)
		return fprintf(d->out, "@?");
	if (loc.file && d->fn->loc.file && loc.file != d->fn->loc.file &&
	    strcmp(loc.file, d->fn->loc.file) != 0)
		return fprintf(d->out, "@%s:%u:%u", loc.file, loc.line, loc.col);
	return fprintf(d->out, "@%u:%u", loc.line, loc.col);
}

enum { LOC_COLUMN = 44 };

/* Ends an op or terminator line: pads to the location column. */
static void end_line(const Dump *d, int width, AcLoc loc)
{
	fprintf(d->out, "%*s", width < LOC_COLUMN ? LOC_COLUMN - width : 1, "");
	print_loc(d, loc);
}

static int print_call(const Dump *d, const AcCall *c)
{
	FILE *o = d->out;
	int w = fprintf(o, "call %s(", c->name ? c->name : "(*)");
	for (size_t i = 0; i < c->nargs; i++) {
		w += fprintf(o, "%s", i ? ", " : "");
		w += print_operand(d, c->args[i]);
		w += fprintf(o, " ");
		w += print_loc(d, c->arg_locs[i]);
	}
	w += fprintf(o, ")");
	if (c->macro)
		w += fprintf(o, " macro=%s", c->macro);
	if (c->inner_macro)
		w += fprintf(o, " inner=%s", c->inner_macro);
	if (c->func >= 0)
		w += fprintf(o, " func=%d", c->func);
	if (c->system_header)
		w += fprintf(o, " sys");
	if (c->noreturn)
		w += fprintf(o, " noreturn");
	if (c->callback_arg)
		w += fprintf(o, " callback");
	if (c->const_args && !c->system_header)
		w += fprintf(o, " const=%#x", c->const_args);
	if (c->nonnull)
		w += fprintf(o, " nonnull=%#x", c->nonnull);
	if (c->returns_nonnull)
		w += fprintf(o, " returns_nonnull");
	return w;
}

static void dump_op(const Dump *d, const AcOp *op)
{
	FILE *o = d->out;
	int w = fprintf(o, "  ");
	if (op->dst >= 0) {
		w += print_place_name(d, op->dst);
		w += fprintf(o, " = ");
	}
	switch (op->kind) {
	case AC_OP_ASSIGN:
		w += print_operand(d, op->src);
		break;
	case AC_OP_TEST:
		w += fprintf(o, "test %s", op->negate ? "!" : "");
		w += print_operand(d, op->src);
		break;
	case AC_OP_CALL:
		w += print_call(d, op->call);
		break;
	case AC_OP_DEREF:
		w += fprintf(o, "deref ");
		w += print_operand(d, op->src);
		break;
	case AC_OP_KILL:
		w += fprintf(o, "kill");
		for (size_t i = 0; i < op->nkill; i++) {
			w += fprintf(o, " ");
			w += print_place_name(d, op->kill[i]);
		}
		break;
	case AC_OP_ESCAPE:
		w += fprintf(o, "escape ");
		w += print_operand(d, op->src);
		break;
	case AC_OP_CMP:
		w += fprintf(o, "cmp ");
		w += print_operand(d, op->src);
		w += fprintf(o, " %s ", op->negate ? "!=" : "==");
		w += print_operand(d, op->src2);
		break;
	default:
		w += fprintf(o, "op%d", (int)op->kind);
		break;
	}
	end_line(d, w, op->loc);
	fputc('\n', o);
}

static void print_text(FILE *o, const char *s)
{
	fputs(" \"", o);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', o);
		fputc(*s, o);
	}
	fputc('"', o);
}

static void dump_term(const Dump *d, const AcBlock *b)
{
	FILE *o = d->out;
	int w = 0;
	switch (b->term) {
	case AC_TERM_JUMP:
		w = fprintf(o, "  jump");
		for (size_t i = 0; i < b->nsucc; i++)
			w += fprintf(o, " B%d", b->succ[i]);
		if (!b->nsucc)
			w += fprintf(o, " -");
		break;
	case AC_TERM_BRANCH:
		w = fprintf(o, "  branch ");
		w += print_operand(d, b->cond);
		w += fprintf(o, " ? B%d : B%d", b->succ[0], b->succ[1]);
		break;
	case AC_TERM_RETURN:
		w = fprintf(o, "  return");
		if (b->ret.kind != AC_OPND_NONE) {
			w += fprintf(o, " ");
			w += print_operand(d, b->ret);
		}
		if (b->ret_precondition)
			w += fprintf(o, " (precondition)");
		break;
	case AC_TERM_NORETURN:
		w = fprintf(o, "  noreturn");
		break;
	}
	if (b->term_loc.line || b->term != AC_TERM_JUMP)
		end_line(d, w, b->term_loc);
	if (b->term == AC_TERM_BRANCH && b->cond_text) {
		if (b->cond_negated)
			fputs(" not", o);
		print_text(o, b->cond_text);
	}
	if (b->term == AC_TERM_BRANCH && b->cond_key)
		fprintf(o, " key%s %s%s", b->cond_key->negated ? " not" : "", b->cond_key->key,
		        b->cond_key->via_memory ? " mem" : "");
	fputc('\n', o);
}

static void dump_block(const Dump *d, const AcBlock *b)
{
	FILE *o = d->out;
	fprintf(o, "B%d:", b->id);
	if (b->npred) {
		fprintf(o, " (preds");
		for (size_t i = 0; i < b->npred; i++)
			fprintf(o, " B%d", b->pred[i]);
		fputc(')', o);
	} else if (b->id != 0) {
		fprintf(o, " (unreachable)");
	}
	fputc('\n', o);
	for (size_t i = 0; i < b->nops; i++)
		dump_op(d, &b->ops[i]);
	dump_term(d, b);
}

static const char *place_kind(const AcPlace *p)
{
	switch (p->kind) {
	case AC_PLACE_VAR: return "var";
	case AC_PLACE_TEMP: return "temp";
	case AC_PLACE_MEMBER: return p->through_ptr ? "member(->)" : "member(.)";
	case AC_PLACE_ELEM: return p->through_ptr ? "elem(->)" : "elem";
	case AC_PLACE_DEREF: return "deref";
	default: return "?";
	}
}

static void dump_place(const Dump *d, size_t i)
{
	const AcPlace *p = &d->fn->places[i];
	FILE *o = d->out;
	fprintf(o, "  %zu ", i);
	print_place_name(d, (int)i);
	fprintf(o, " %s", place_kind(p));
	if (p->kind == AC_PLACE_VAR) {
		if (p->storage == AC_STORAGE_PARAM)
			fprintf(o, " param#%d", p->param_index);
		else
			fprintf(o, " %s", p->storage == AC_STORAGE_GLOBAL ? "global" : "local");
	} else if (p->kind != AC_PLACE_TEMP) {
		fprintf(o, " of %d", p->parent);
	}
	fprintf(o, "%s%s%s", p->is_pointer ? " ptr" : "", p->addr_taken ? " addr" : "",
		p->cleanup ? " cleanup" : "");
	if (p->kind == AC_PLACE_VAR) {
		fputc(' ', o);
		print_loc(d, p->decl_loc);
	}
	fputc('\n', o);
}

void ac_cfg_dump(FILE *out, const AcFunc *fn)
{
	Dump d = {out, fn, shared_names(fn)};
	fprintf(out, "func %s @%s:%u:%u-%u:%u%s%s%s\n", fn->name,
		fn->loc.file ? fn->loc.file : "?", fn->loc.line, fn->loc.col, fn->end_loc.line,
		fn->end_loc.col, fn->is_static ? " static" : "",
		fn->declared_noreturn ? " noreturn" : "", fn->unreliable ? " unreliable" : "");
	fprintf(out, "params:");
	for (size_t i = 0; i < fn->nparams; i++) {
		fputc(' ', out);
		print_place_name(&d, (int)i);
	}
	fprintf(out, "%s\nplaces:\n", fn->nparams ? "" : " -");
	for (size_t i = 0; i < fn->nplaces; i++)
		dump_place(&d, i);
	for (size_t i = 0; i < fn->nblocks; i++)
		dump_block(&d, &fn->blocks[i]);
	fputc('\n', out);
	ac_free(d.shared);
}
