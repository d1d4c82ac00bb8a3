/*
 * ir_file: the IR file of one TU (ir_file.h), version 1. The full format is
 * docs/ir-format.md; in short, a text file of whitespace-separated tokens:
 *
 *   alloccheck-ir 1
 *   S <n>                       string table: n lines, each one string with
 *   <string>                    '\' written \\ and a newline \n; a string is
 *   ...                         referred to by its index, NULL by -1
 *   H <path> <real> <options>   the TU's file, its real path, ac_ir_options_key
 *   R <nfunctions> <step_limited> <timed_out> <tus_timed_out> <nfindings>
 *   X <rule> <sev> LOC <message> <function> <origin> <nnotes> (LOC <msg>)...
 *   L <exports> <consumes> <members> <fnstores>     counts, then per entry
 *   E <name> <text>                                 one E line each
 *   T <nerrors> <first_error> <ndeclared> <nfninits> <nfuncs>
 *   D <name> <kind> <dealloc> <module> <arg> <returns_nonnull> LOC
 *   I <key> <fn>
 *   F <name> LOC LOC <nparams> <nplaces> <nkeys> <nblocks> <static> <noreturn> <unreliable>
 *   P <kind> <parent> <through_ptr> <index> <index_var> <name> <storage> <root>
 *     <param_index> <pointer> <addr_taken> <cleanup> <error_out> <generated>
 *     LOC <field_key> <union_member> <link_key> <read_only>
 *   K <key> <shape> <cmp_var> <cmp_const> <negated> <via_pointer> <via_memory> <nreads> <read>...
 *   B <nops> <term> OPND OPND <ret_precondition> <shared_exit> LOC <cond_text>
 *     <cond_negated> <cond_key> <raises> <nsucc> <succ>...
 *   O <kind> LOC <dst> OPND OPND <negate> <nkill> <kill>... <call>
 *   C <name> <macro> <inner_macro> <func> <system_header> <noreturn> <callback_arg> <const_args>
 *     <nonnull> <returns_nonnull> <string_args> <via> <nargs> (OPND LOC)...   (only after a CALL op)
 *   Z                           the end
 *
 * with LOC = <file> <line> <col> and OPND = <kind> then what that kind uses:
 * PLACE <place>; OFFSET, PLUS <place> <ival>; INT <ival>; ADDR <place>
 * <ival> <fn>; NONE, NULL, UNKNOWN nothing.
 * The results and link data come before the IR so that merge reads the IR
 * of a TU only when it analyses that TU again. Records are lines for the
 * reader of a dump; the reader itself sees a stream of tokens.
 *
 * Writing collects the strings as the records are printed into a memory
 * stream, then writes the table and the records. Reading unescapes the
 * string table in place in the file's text, validates every record as it
 * goes (a sticky error, the first one wins) and interns the TU's strings
 * into the TU, as the lowering does.
 */
#define _POSIX_C_SOURCE 200809L

#include "ir_file.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "int_text.h"
#include "mem.h"
#include "rule.h"
#include "textfile.h"

/* ---- the options key ------------------------------------------------------------ */

void ac_ir_options_key(const AcEngineOptions *engine, const char *const *allocators, size_t nallocators,
                       char out[AC_HASH_HEX + 1])
{
	AcHash h;
	ac_hash_init(&h);
	ac_hash_str(&h, AC_IR_FORMAT);
	ac_hash_str(&h, AC_VERSION);
	ac_hash_u64(&h, engine->max_disjuncts);
	ac_hash_u64(&h, engine->step_budget);
	ac_hash_u64(&h, engine->cython.locations);
	ac_hash_str(&h, engine->cython.source_root);
	for (size_t i = 0; i < ac_nrules; i++) {
		ac_hash_str(&h, ac_rules[i].id);
		ac_hash_u64(&h, engine->rules.enabled[i]);
	}
	ac_hash_u64(&h, nallocators);
	for (size_t i = 0; i < nallocators; i++) {
		char hex[AC_HASH_HEX + 1];
		ac_hash_str(&h, ac_hash_file(allocators[i], hex) == 0 ? hex : NULL);
	}
	ac_hash_hex(&h, out);
}

/* ---- writing -------------------------------------------------------------------- */

typedef struct StrSlot {
	const char *s; /* NULL: empty */
	long index;
} StrSlot;

enum { BY_PTR = 4096 }; /* slots of the writer's cache of string addresses (a power of two) */

typedef struct Writer {
	AC_VEC(char) out;    /* the records */
	StrSlot *slots;      /* open addressing by content */
	StrSlot *by_ptr;     /* BY_PTR slots, direct-mapped by address: most strings are interned
	                        names written again and again; NULL until the first */
	size_t cap, n;
	const char **order;  /* the strings by index */
	size_t norder, corder;
	bool digest;         /* writing a function for ac_ir_func_digest */
} Writer;

static size_t str_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (size_t)h;
}

static StrSlot *str_slot(StrSlot *tab, size_t cap, const char *s)
{
	size_t i = str_hash(s) & (cap - 1);
	while (tab[i].s && strcmp(tab[i].s, s) != 0)
		i = (i + 1) & (cap - 1);
	return &tab[i];
}

/* The index of s in the string table, added when new; -1 for NULL. */
static long str_index(Writer *w, const char *s)
{
	if (!s)
		return -1;
	if (!w->by_ptr)
		w->by_ptr = ac_calloc(BY_PTR, sizeof *w->by_ptr);
	StrSlot *seen = &w->by_ptr[((uintptr_t)s >> 3 ^ (uintptr_t)s >> 15) & (BY_PTR - 1)];
	if (seen->s == s) /* the same address holds the same text while the file is written */
		return seen->index;
	if ((w->n + 1) * 2 > w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 1024;
		StrSlot *tab = ac_calloc(cap, sizeof *tab);
		for (size_t i = 0; i < w->cap; i++)
			if (w->slots[i].s)
				*str_slot(tab, cap, w->slots[i].s) = w->slots[i];
		ac_free(w->slots);
		w->slots = tab;
		w->cap = cap;
	}
	StrSlot *sl = str_slot(w->slots, w->cap, s);
	if (!sl->s) {
		if (w->norder == w->corder) {
			w->corder = w->corder ? w->corder * 2 : 1024;
			w->order = ac_realloc(w->order, w->corder * sizeof *w->order);
		}
		sl->s = s;
		sl->index = (long)w->norder;
		w->order[w->norder++] = s;
		w->n++;
	}
	*seen = (StrSlot){s, sl->index};
	return sl->index;
}

/* The records are formatted by hand: an IR file holds a few hundred
 * thousand numbers, and stdio's formatting was most of merge's cost of
 * writing the files of the TUs it analysed again. */
static void w_put(Writer *w, const char *s, size_t n)
{
	AC_VEC_GROW(&w->out, w->out.n + n);
	memcpy(w->out.v + w->out.n, s, n);
	w->out.n += n;
}

/* A record's tag (or any text) as it is. */
static void w_tag(Writer *w, const char *s)
{
	w_put(w, s, strlen(s));
}

static void w_int(Writer *w, long long v)
{
	if (v >= 0 && v < 10) { /* most numbers: kinds, flags, small indexes */
		AC_VEC_GROW(&w->out, w->out.n + 2);
		w->out.v[w->out.n++] = ' ';
		w->out.v[w->out.n++] = (char)('0' + v);
		return;
	}
	char tmp[AC_INT_TEXT_MAX], *p = ac_int_text(tmp + sizeof tmp, v, ' ');
	w_put(w, p, (size_t)(tmp + sizeof tmp - p));
}

static void w_str(Writer *w, const char *s)
{
	w_int(w, str_index(w, s));
}

static void w_loc(Writer *w, AcLoc l)
{
	w_str(w, l.file);
	w_int(w, l.line);
	w_int(w, l.col);
}

/* An operand: its kind, then only the fields that kind uses. */
static void w_opnd(Writer *w, AcOperand o)
{
	w_int(w, (int)o.kind);
	switch (o.kind) {
	case AC_OPND_PLACE:
		w_int(w, o.place);
		break;
	case AC_OPND_OFFSET:
	case AC_OPND_PLUS:
		w_int(w, o.place);
		w_int(w, o.ival);
		break;
	case AC_OPND_INT:
		w_int(w, o.ival);
		break;
	case AC_OPND_ADDR:
		w_int(w, o.place);
		w_int(w, o.ival);
		w_str(w, o.fn);
		break;
	default:
		break;
	}
}

static void w_finding(Writer *w, const AcFinding *f)
{
	w_tag(w, "X");
	w_str(w, f->rule);
	w_int(w, f->severity);
	w_loc(w, f->loc);
	w_str(w, f->message);
	w_str(w, f->function);
	w_str(w, f->origin);
	w_int(w, (long long)f->nnotes);
	for (size_t i = 0; i < f->nnotes; i++) {
		w_loc(w, f->notes[i].loc);
		w_str(w, f->notes[i].msg);
	}
	w_tag(w, "\n");
}

static void w_entries(Writer *w, const AcLinkEntry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		w_tag(w, "E");
		w_str(w, v[i].name);
		w_str(w, v[i].text);
		w_tag(w, "\n");
	}
}

/* Index of key in keys[0..n), adding it when new. */
static long key_index(const AcCondKey ***keys, size_t *n, size_t *cap, const AcCondKey *key)
{
	for (size_t i = 0; i < *n; i++)
		if ((*keys)[i] == key)
			return (long)i;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*keys = ac_realloc(*keys, *cap * sizeof **keys);
	}
	(*keys)[*n] = key;
	return (long)(*n)++;
}

static void w_call(Writer *w, const AcCall *c)
{
	w_tag(w, "C");
	w_str(w, c->name);
	w_str(w, c->macro);
	w_str(w, c->inner_macro);
	/* a function of the same TU is named by its place there, which is not
	 * the same in another TU: a digest has whether it is one */
	long long func = w->digest && c->func >= 0 ? -2 : c->func;
	const long long v[] = {func, c->system_header, c->noreturn, c->callback_arg, c->const_args,
	                       c->nonnull, c->returns_nonnull, c->string_args, c->via, (long long)c->nargs};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		w_int(w, v[i]);
	for (size_t i = 0; i < c->nargs; i++) {
		w_opnd(w, c->args[i]);
		w_loc(w, c->arg_locs ? c->arg_locs[i] : (AcLoc){0});
	}
	w_tag(w, "\n");
}

static void w_func(Writer *w, const AcFunc *fn)
{
	/* The condition keys of the function, numbered in order of first use. */
	const AcCondKey **keys = NULL;
	size_t nkeys = 0, ckeys = 0;
	long *block_key = ac_calloc(fn->nblocks + 1, sizeof *block_key);
	for (size_t b = 0; b < fn->nblocks; b++)
		block_key[b] = fn->blocks[b].cond_key ? key_index(&keys, &nkeys, &ckeys, fn->blocks[b].cond_key) : -1;
	w_tag(w, "F");
	w_str(w, fn->name);
	w_loc(w, fn->loc);
	w_loc(w, fn->end_loc);
	const long long v[] = {(long long)fn->nparams, (long long)fn->nplaces, (long long)nkeys,
	                       (long long)fn->nblocks, fn->is_static, fn->declared_noreturn, fn->unreliable};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		w_int(w, v[i]);
	if (!w->digest) /* what a digest is of */
		w_str(w, fn->shared);
	w_tag(w, "\n");
	for (size_t i = 0; i < fn->nplaces; i++) {
		const AcPlace *p = &fn->places[i];
		w_tag(w, "P");
		const long long a[] = {(int)p->kind, p->parent, p->through_ptr, p->index, p->index_var};
		for (size_t k = 0; k < sizeof a / sizeof *a; k++)
			w_int(w, a[k]);
		w_str(w, p->name);
		const long long b[] = {(int)p->storage, p->root, p->param_index, p->is_pointer, p->addr_taken,
		                       p->cleanup, p->error_out, p->generated};
		for (size_t k = 0; k < sizeof b / sizeof *b; k++)
			w_int(w, b[k]);
		w_loc(w, p->decl_loc);
		w_str(w, p->field_key);
		w_int(w, p->union_member);
		w_str(w, p->link_key);
		w_int(w, p->read_only);
		w_tag(w, "\n");
	}
	for (size_t k = 0; k < nkeys; k++) {
		const AcCondKey *key = keys[k];
		w_tag(w, "K");
		w_str(w, key->key);
		const long long v[] = {(int)key->shape, key->cmp_var, key->cmp_const, key->negated,
		                       key->via_pointer, key->via_memory, (long long)key->nreads};
		for (size_t i = 0; i < sizeof v / sizeof *v; i++)
			w_int(w, v[i]);
		for (size_t r = 0; r < key->nreads; r++)
			w_int(w, key->reads[r]);
		w_tag(w, "\n");
	}
	for (size_t b = 0; b < fn->nblocks; b++) {
		const AcBlock *bl = &fn->blocks[b];
		w_tag(w, "B");
		w_int(w, (long long)bl->nops);
		w_int(w, (int)bl->term);
		w_opnd(w, bl->cond);
		w_opnd(w, bl->ret);
		w_int(w, bl->ret_precondition);
		w_int(w, bl->shared_exit);
		w_loc(w, bl->term_loc);
		w_str(w, bl->cond_text);
		w_int(w, bl->cond_negated);
		w_int(w, block_key[b]);
		w_str(w, bl->raises);
		w_int(w, (long long)bl->nsucc);
		for (size_t s = 0; s < bl->nsucc; s++)
			w_int(w, bl->succ[s]);
		w_tag(w, "\n");
		for (size_t i = 0; i < bl->nops; i++) {
			const AcOp *op = &bl->ops[i];
			w_tag(w, "O");
			w_int(w, (int)op->kind);
			w_loc(w, op->loc);
			w_int(w, op->dst);
			w_opnd(w, op->src);
			w_opnd(w, op->src2);
			w_int(w, op->negate);
			w_int(w, op->kind == AC_OP_KILL ? (long long)op->nkill : 0);
			for (size_t k = 0; op->kind == AC_OP_KILL && k < op->nkill; k++)
				w_int(w, op->kill[k]);
			w_tag(w, "\n");
			if (op->kind == AC_OP_CALL)
				w_call(w, op->call);
		}
	}
	ac_free(keys);
	ac_free(block_key);
}

void ac_ir_func_digest(const AcFunc *fn, AcHash *h)
{
	Writer w = {.digest = true};
	w_func(&w, fn);
	ac_hash_update(h, w.out.v, w.out.n);
	for (size_t i = 0; i < w.norder; i++) /* in order of first use: the indexes written */
		ac_hash_str(h, w.order[i]);
	AC_VEC_FREE(&w.out);
	ac_free(w.slots);
	ac_free(w.by_ptr);
	ac_free(w.order);
}

static void w_tu(Writer *w, const AcTu *tu, const AcTuWalks *walks)
{
	w_tag(w, "T");
	w_int(w, (long long)tu->nerrors);
	w_str(w, tu->first_error);
	size_t nwalks = walks && walks->nfuncs == tu->nfuncs ? ac_walks_count(walks) : 0;
	w_int(w, (long long)tu->ndeclared);
	w_int(w, (long long)tu->nfninits);
	w_int(w, (long long)tu->nfuncs);
	w_int(w, (long long)nwalks);
	w_tag(w, "\n");
	for (size_t i = 0; i < tu->ndeclared; i++) {
		const AcDeclaredFn *d = &tu->declared[i];
		w_tag(w, "D");
		w_str(w, d->name);
		w_int(w, d->kind);
		w_str(w, d->dealloc);
		w_str(w, d->module);
		w_int(w, d->arg);
		w_int(w, d->returns_nonnull);
		w_loc(w, d->loc);
		w_tag(w, "\n");
	}
	for (size_t i = 0; i < tu->nfninits; i++) {
		w_tag(w, "I");
		w_str(w, tu->fninits[i].key);
		w_str(w, tu->fninits[i].fn);
		w_tag(w, "\n");
	}
	for (size_t f = 0; f < tu->nfuncs; f++)
		w_func(w, &tu->funcs[f]);
	for (size_t f = 0; nwalks && f < walks->nfuncs; f++) {
		for (size_t k = 0; k < walks->funcs[f].n; k++) {
			w_tag(w, "W");
			w_int(w, (long long)f);
			w_str(w, walks->funcs[f].v[k].digest);
			w_str(w, walks->funcs[f].v[k].out);
			w_tag(w, "\n");
		}
	}
	w_tag(w, "Z\n"); /* the end: a file cut at a token boundary is not taken for whole */
}

/* One string of the table into b: '\' and newline escaped, then a newline. */
static void put_escaped(Writer *b, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\\\n");
		w_put(b, s, n);
		s += n;
		if (!*s)
			break;
		w_tag(b, *s == '\\' ? "\\\\" : "\\n");
		s++;
	}
	w_tag(b, "\n");
}

/* H, R, the findings, L and the link data: what a reader takes without
 * the IR (merge, until it analyses the TU again; the result cache). */
static void w_results(Writer *w, const char *path, const char *real, const AcJobResult *res, const char *options)
{
	w_tag(w, "H");
	w_str(w, path);
	w_str(w, real);
	w_str(w, options);
	w_tag(w, "\n");
	const AcFindings *fs = &res->findings;
	w_tag(w, "R");
	const long long r[] = {(long long)res->nfunctions, (long long)res->budget.step_limited,
	                       (long long)res->budget.timed_out, (long long)res->budget.tus_timed_out,
	                       (long long)fs->list.n};
	for (size_t i = 0; i < sizeof r / sizeof *r; i++)
		w_int(w, r[i]);
	w_tag(w, "\n");
	for (size_t i = 0; i < fs->list.n; i++)
		w_finding(w, &fs->list.v[i]);
	const AcLinkData *l = &res->link;
	w_tag(w, "L");
	w_int(w, (long long)l->exports.n);
	w_int(w, (long long)l->consumes.n);
	w_int(w, (long long)l->members.n);
	w_int(w, (long long)l->fnstores.n);
	w_tag(w, "\n");
	w_entries(w, l->exports.v, l->exports.n);
	w_entries(w, l->consumes.v, l->consumes.n);
	w_entries(w, l->members.v, l->members.n);
	w_entries(w, l->fnstores.v, l->fnstores.n);
}

/* The text of the file w holds the records of: the version line, the
 * string table, the records. Frees w's parts; the caller frees the text
 * with ac_free. */
static char *w_text(Writer *w, size_t *len)
{
	Writer out = {0};
	char head[64];
	int n = snprintf(head, sizeof head, "%s\nS %zu\n", AC_IR_FORMAT, w->norder);
	w_put(&out, head, (size_t)n);
	for (size_t i = 0; i < w->norder; i++)
		put_escaped(&out, w->order[i]);
	w_put(&out, w->out.v, w->out.n);
	AC_VEC_GROW(&out.out, out.out.n + 1);
	out.out.v[out.out.n] = '\0';
	AC_VEC_FREE(&w->out);
	ac_free(w->slots);
	ac_free(w->by_ptr);
	ac_free(w->order);
	*len = out.out.n;
	return out.out.v;
}

/* The whole file's text into out; false when a write failed. */
static bool write_all(FILE *out, const AcTu *tu, const char *real, const AcJobResult *res, const char *options,
                      const AcTuWalks *walks)
{
	Writer w = {0};
	w_results(&w, tu->path, real, res, options);
	w_tu(&w, tu, walks);
	size_t len;
	char *text = w_text(&w, &len);
	bool ok = fwrite(text, 1, len, out) == len;
	ac_free(text);
	return ok;
}

char *ac_ir_results_text(const char *path, const AcJobResult *res, size_t *len)
{
	Writer w = {0};
	w_results(&w, path, NULL, res, NULL);
	w_tag(&w, "Z\n");
	return w_text(&w, len);
}

typedef struct IrFileParts {
	const AcTu *tu;
	const char *real;
	const AcJobResult *res;
	const char *options;
	const AcTuWalks *walks;
} IrFileParts;

static bool fill_ir_file(FILE *out, const void *ctx)
{
	const IrFileParts *p = ctx;
	return write_all(out, p->tu, p->real, p->res, p->options, p->walks);
}

int ac_ir_write_file(const char *path, const AcTu *tu, const char *real, const AcJobResult *res,
                     const char *options, const AcTuWalks *walks)
{
	IrFileParts parts = {tu, real, res, options, walks};
	return ac_write_atomic(path, fill_ir_file, &parts);
}

/* ---- reading -------------------------------------------------------------------- */

typedef struct Reader {
	char *p, *end;        /* the tokens left */
	const char *why;      /* the first error, sticky */
	char *why_buf;
	size_t why_size;
	char **strs;          /* the string table, in the text */
	size_t nstrs;
	AcTu *tu;             /* the TU being read (its strings are interned into it), or NULL */
	char sep;             /* the character that ended the last token */
} Reader;

static void fail(Reader *r, const char *what)
{
	if (r->why)
		return;
	r->why = what;
	r->p = r->end; /* nothing more is read */
}

static bool space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The next token, NUL-terminated in place; "" at the end or after an error. */
static const char *token(Reader *r)
{
	while (r->p < r->end && space(*r->p))
		r->p++;
	if (r->p >= r->end) {
		fail(r, "truncated");
		return "";
	}
	char *start = r->p;
	while (r->p < r->end && !space(*r->p) && *r->p)
		r->p++;
	if (r->p < r->end && *r->p == '\0') {
		fail(r, "a NUL byte");
		return "";
	}
	r->sep = '\0'; /* the last token ends at the text's own terminator (text[len] == '\0') */
	if (r->p < r->end) {
		r->sep = *r->p;
		*r->p++ = '\0'; /* the separator becomes the terminator */
	}
	return start;
}

/* int_in for any token: the checks and their messages. */
static long long int_in_checked(Reader *r, long long lo, long long hi)
{
	const char *t = token(r);
	if (r->why)
		return lo;
	bool neg = *t == '-';
	const char *s = t + neg;
	if (!*s) {
		fail(r, "a bad number");
		return lo;
	}
	unsigned long long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (ULLONG_MAX - 9) / 10) {
			fail(r, "a bad number");
			return lo;
		}
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (v > (unsigned long long)LLONG_MAX + neg) {
		snprintf(r->why_buf, r->why_size, "a number out of range (%.24s)", t);
		fail(r, r->why_buf);
		return lo;
	}
	/* -LLONG_MIN does not fit: negate in unsigned arithmetic, then convert */
	long long x = neg ? (v == (unsigned long long)LLONG_MAX + 1 ? LLONG_MIN : -(long long)v) : (long long)v;
	if (x < lo || x > hi) {
		snprintf(r->why_buf, r->why_size, "a number out of range (%.24s, not in %lld..%lld)", t, lo, hi);
		fail(r, r->why_buf);
		return lo;
	}
	return x;
}

/* The next token as an integer in [lo, hi]. Most tokens are a few digits
 * and in range: read at once (reading a file's IR was a tenth of a first
 * merge); any other goes through int_in_checked. */
static long long int_in(Reader *r, long long lo, long long hi)
{
	char *q = r->p;
	while (q < r->end && space(*q))
		q++;
	char *d = q;
	unsigned long long v = 0;
	while (d < r->end && d - q < 18 && *d >= '0' && *d <= '9')
		v = v * 10 + (unsigned)(*d++ - '0');
	if (d == q || (d < r->end && !space(*d)) || (long long)v < lo || (long long)v > hi)
		return int_in_checked(r, lo, hi);
	r->p = d; /* as token() leaves it */
	r->sep = '\0';
	if (r->p < r->end) {
		r->sep = *r->p;
		*r->p++ = '\0';
	}
	return (long long)v;
}

static bool boolean(Reader *r)
{
	return int_in(r, 0, 1) != 0;
}

/* A count of things each taking at least min_bytes bytes of the text (two
 * per token: the token and its separator). */
static size_t count(Reader *r, size_t min_bytes)
{
	long long n = int_in(r, 0, LLONG_MAX);
	if ((unsigned long long)n > (size_t)(r->end - r->p) / (min_bytes ? min_bytes : 1)) {
		fail(r, "truncated (a count larger than the rest of the file)");
		return 0;
	}
	return (size_t)n;
}

/* A string: an index into the table, or -1 for NULL; interned into the TU
 * when one is being read. */
static const char *string(Reader *r)
{
	long long i = int_in(r, -1, (long long)r->nstrs - 1);
	if (r->why || i < 0)
		return NULL;
	return r->tu ? ac_intern(&r->tu->names, r->strs[i]) : r->strs[i];
}

static const char *string_nonnull(Reader *r)
{
	const char *s = string(r);
	if (!s)
		fail(r, "a missing name");
	return s ? s : "";
}

static void expect(Reader *r, const char *tag)
{
	const char *t = token(r);
	if (!r->why && strcmp(t, tag) != 0) {
		snprintf(r->why_buf, r->why_size, "expected a '%s' record, found '%.40s'", tag, t);
		fail(r, r->why_buf);
	}
}

static AcLoc loc(Reader *r)
{
	AcLoc l;
	l.file = string(r);
	l.line = (unsigned)int_in(r, 0, UINT_MAX);
	l.col = (unsigned)int_in(r, 0, UINT_MAX);
	return l;
}

/* The string table: "S n" then n lines, unescaped in place. */
static void read_strings(Reader *r, AcArena *a)
{
	expect(r, "S");
	size_t n = count(r, 1);
	if (r->why)
		return;
	if (r->sep != '\n' && n > 0)
		return fail(r, "a bad string table"); /* the strings start on the next line */
	r->strs = AC_ARENA_ARRAY(a, char *, n ? n : 1);
	r->nstrs = n;
	for (size_t i = 0; i < n; i++) {
		char *nl = r->p < r->end ? memchr(r->p, '\n', (size_t)(r->end - r->p)) : NULL;
		if (!nl)
			return fail(r, "truncated (in the string table)");
		*nl = '\0';
		/* most strings hold no escape: they stay where they are */
		char *out = r->p + strcspn(r->p, "\\");
		r->strs[i] = r->p;
		for (char *s = out; s < nl; s++) {
			if (*s == '\0')
				return fail(r, "a NUL byte");
			if (*s != '\\') {
				*out++ = *s;
				continue;
			}
			s++;
			if (s < nl && (*s == '\\' || *s == 'n'))
				*out++ = *s == 'n' ? '\n' : '\\';
			else
				return fail(r, "a bad escape in the string table");
		}
		*out = '\0';
		r->p = nl + 1;
	}
}

static void read_finding(Reader *r, AcFindings *out)
{
	expect(r, "X");
	const char *rule = string(r);
	int ri = rule ? ac_rule_index(rule) : -1;
	if (!r->why && ri < 0)
		return fail(r, "a finding of an unknown rule");
	AcFinding f = {.rule = ri >= 0 ? ac_rules[ri].id : NULL};
	f.severity = (AcSeverity)int_in(r, 0, AC_SEV_COUNT - 1);
	f.loc = loc(r);
	f.message = string(r);
	f.function = string(r);
	f.origin = string(r);
	f.nnotes = count(r, 8);
	f.notes = ac_calloc(f.nnotes + 1, sizeof *f.notes);
	for (size_t i = 0; i < f.nnotes && !r->why; i++) {
		f.notes[i].loc = loc(r);
		f.notes[i].msg = string(r);
	}
	if (!r->why)
		ac_findings_add(out, &f);
	ac_free(f.notes);
}

static void read_results(Reader *r, AcJobResult *res, AcIrInfo *info)
{
	expect(r, "H");
	const char *path = string_nonnull(r), *real = string(r), *options = string(r);
	info->path = ac_arena_strdup(&res->link.arena, path);
	info->real = real ? ac_arena_strdup(&res->link.arena, real) : NULL;
	info->options = options ? ac_arena_strdup(&res->link.arena, options) : NULL;
	expect(r, "R");
	res->nfunctions = (size_t)int_in(r, 0, LLONG_MAX);
	res->budget.step_limited = (size_t)int_in(r, 0, LLONG_MAX);
	res->budget.timed_out = (size_t)int_in(r, 0, LLONG_MAX);
	res->budget.tus_timed_out = (size_t)int_in(r, 0, LLONG_MAX);
	size_t nfindings = count(r, 20);
	for (size_t i = 0; i < nfindings && !r->why; i++)
		read_finding(r, &res->findings);
	expect(r, "L");
	size_t n[4];
	for (int k = 0; k < 4; k++)
		n[k] = count(r, 6);
	static const int which[4] = {0, 1, 2, 3}; /* exports, consumes, members, fnstores */
	for (int k = 0; k < 4; k++) {
		for (size_t i = 0; i < n[k] && !r->why; i++) {
			expect(r, "E");
			const char *name = string_nonnull(r), *text = string_nonnull(r);
			if (!r->why)
				ac_link_data_add(&res->link, which[k], name, text);
		}
	}
}

/* ---- the IR: read and checked against the invariants of cfg.h ---------------- */

static bool valid_place(const AcFunc *fn, long long p)
{
	return p >= 0 && (size_t)p < fn->nplaces;
}

static AcOperand operand(Reader *r, const AcFunc *fn)
{
	AcOperand o = {.place = -1};
	o.kind = (AcOperandKind)int_in(r, AC_OPND_NONE, AC_OPND_PLUS);
	long long place = -1;
	switch (o.kind) {
	case AC_OPND_PLACE:
	case AC_OPND_OFFSET:
	case AC_OPND_PLUS:
		place = int_in(r, 0, INT_MAX);
		if (o.kind != AC_OPND_PLACE)
			o.ival = int_in(r, LLONG_MIN, LLONG_MAX);
		if (!r->why && !valid_place(fn, place))
			fail(r, "an operand of a place out of range");
		break;
	case AC_OPND_INT:
		o.ival = int_in(r, LLONG_MIN, LLONG_MAX);
		break;
	case AC_OPND_ADDR:
		place = int_in(r, -1, INT_MAX);
		o.ival = int_in(r, LLONG_MIN, LLONG_MAX);
		o.fn = string(r);
		if (!r->why && place != -1 && !valid_place(fn, place))
			fail(r, "an address of a place out of range");
		break;
	default:
		break;
	}
	o.place = (int)place;
	return o;
}

static void read_place(Reader *r, AcFunc *fn, size_t i)
{
	expect(r, "P");
	AcPlace *p = &fn->places[i];
	p->kind = (AcPlaceKind)int_in(r, 0, AC_PLACE_KIND_COUNT - 1);
	p->parent = (int)int_in(r, -1, INT_MAX);
	p->through_ptr = boolean(r);
	p->index = (long)int_in(r, LONG_MIN, LONG_MAX);
	p->index_var = (int)int_in(r, -1, INT_MAX);
	p->name = string_nonnull(r);
	p->storage = (AcStorage)int_in(r, AC_STORAGE_LOCAL, AC_STORAGE_GLOBAL);
	p->root = (int)int_in(r, 0, INT_MAX);
	p->param_index = (int)int_in(r, -1, INT_MAX);
	p->is_pointer = boolean(r);
	p->addr_taken = boolean(r);
	p->cleanup = boolean(r);
	p->error_out = boolean(r);
	p->generated = boolean(r);
	p->decl_loc = loc(r);
	p->field_key = string(r);
	p->union_member = boolean(r);
	p->link_key = string(r);
	p->read_only = boolean(r);
	if (r->why)
		return;
	if (p->kind == AC_PLACE_VAR || p->kind == AC_PLACE_TEMP) {
		if (p->parent != -1 || p->root != (int)i || (p->kind == AC_PLACE_TEMP && p->storage != AC_STORAGE_LOCAL))
			return fail(r, "a variable with a parent or another root");
	} else {
		if (p->parent < 0 || (size_t)p->parent >= i)
			return fail(r, "a place whose parent does not come before it");
		const AcPlace *pp = &fn->places[p->parent];
		if (p->root != pp->root || p->storage != pp->storage || p->param_index != pp->param_index)
			return fail(r, "a place unlike its parent");
		if ((p->kind == AC_PLACE_DEREF && !p->through_ptr) || (p->kind != AC_PLACE_ELEM && p->index != -1))
			return fail(r, "a bad derived place");
	}
	if (p->index_var != -1 && (p->index_var >= (int)i || fn->places[p->index_var].kind != AC_PLACE_VAR))
		return fail(r, "a bad index variable");
	if (p->param_index != -1 && (size_t)p->param_index >= fn->nparams)
		return fail(r, "a parameter number out of range");
	if (i < fn->nparams && (p->kind != AC_PLACE_VAR || p->storage != AC_STORAGE_PARAM || p->param_index != (int)i))
		return fail(r, "a parameter that is not one");
	if (i >= fn->nparams && p->kind == AC_PLACE_VAR && p->storage == AC_STORAGE_PARAM)
		return fail(r, "a parameter after the parameters");
	if ((p->kind == AC_PLACE_VAR && p->storage == AC_STORAGE_PARAM) != (p->root == (int)i && p->param_index >= 0))
		return fail(r, "a parameter number on a place that is not a parameter");
}

static AcCondKey *read_key(Reader *r, AcArena *a, const AcFunc *fn)
{
	expect(r, "K");
	AcCondKey *k = AC_ARENA_NEW(a, AcCondKey);
	k->key = string_nonnull(r);
	k->shape = (AcCmpShape)int_in(r, AC_CMP_NONE, AC_CMP_VAR_LT_NONNEG);
	long long v = int_in(r, -1, INT_MAX);
	k->cmp_const = int_in(r, LLONG_MIN, LLONG_MAX);
	k->negated = boolean(r);
	k->via_pointer = boolean(r);
	k->via_memory = boolean(r);
	k->nreads = count(r, 2);
	k->reads = AC_ARENA_ARRAY(a, int, k->nreads ? k->nreads : 1);
	for (size_t i = 0; i < k->nreads && !r->why; i++) {
		long long q = int_in(r, 0, INT_MAX);
		if (!valid_place(fn, q) || fn->places[q].kind != AC_PLACE_VAR)
			fail(r, "a condition reading a place that is not a variable");
		k->reads[i] = (int)q;
	}
	if ((v != -1 && !valid_place(fn, v)) ||
	    (k->shape != AC_CMP_NONE && (!valid_place(fn, v) || fn->places[v].kind != AC_PLACE_VAR)))
		fail(r, "a comparison of a place that is not a variable");
	if (!ac_cmp_with_const(k->shape) && k->shape != AC_CMP_NONE && k->cmp_const != -1 &&
	    (!valid_place(fn, k->cmp_const) || fn->places[k->cmp_const].kind != AC_PLACE_VAR))
		fail(r, "a comparison with a place that is not a variable");
	k->cmp_var = (int)v;
	return k;
}

static AcCall *read_call(Reader *r, AcArena *a, const AcFunc *fn, size_t nfuncs)
{
	expect(r, "C");
	AcCall *c = AC_ARENA_NEW(a, AcCall);
	c->name = string(r);
	c->macro = string(r);
	c->inner_macro = string(r);
	long long func = int_in(r, -1, INT_MAX);
	if (func >= (long long)nfuncs)
		fail(r, "a call of a function out of range");
	c->func = (int)func;
	c->system_header = boolean(r);
	c->noreturn = boolean(r);
	c->callback_arg = boolean(r);
	c->const_args = (unsigned)int_in(r, 0, UINT_MAX);
	c->nonnull = (unsigned)int_in(r, 0, UINT_MAX);
	c->returns_nonnull = boolean(r);
	c->string_args = (unsigned)int_in(r, 0, UINT_MAX);
	long long via = int_in(r, -1, INT_MAX);
	if (via != -1 && !valid_place(fn, via))
		fail(r, "a call through a place out of range");
	c->via = (int)via;
	c->nargs = count(r, 8);
	c->args = AC_ARENA_ARRAY(a, AcOperand, c->nargs ? c->nargs : 1);
	c->arg_locs = AC_ARENA_ARRAY(a, AcLoc, c->nargs ? c->nargs : 1);
	for (size_t i = 0; i < c->nargs && !r->why; i++) {
		c->args[i] = operand(r, fn);
		c->arg_locs[i] = loc(r);
	}
	return c;
}

static void read_op(Reader *r, AcArena *a, const AcFunc *fn, size_t nfuncs, AcOp *op)
{
	expect(r, "O");
	op->kind = (AcOpKind)int_in(r, 0, AC_OP_KIND_COUNT - 1);
	op->loc = loc(r);
	long long dst = int_in(r, -1, INT_MAX);
	if (dst != -1 && !valid_place(fn, dst))
		fail(r, "an operation writing a place out of range");
	op->dst = (int)dst;
	op->src = operand(r, fn);
	op->src2 = operand(r, fn);
	op->negate = boolean(r);
	op->nkill = count(r, 2);
	op->kill = op->nkill ? AC_ARENA_ARRAY(a, int, op->nkill) : NULL;
	for (size_t k = 0; k < op->nkill && !r->why; k++) {
		long long q = int_in(r, 0, INT_MAX);
		if (!valid_place(fn, q) || (fn->places[q].kind != AC_PLACE_VAR && fn->places[q].kind != AC_PLACE_TEMP))
			fail(r, "a kill of a place that is not a variable");
		op->kill[k] = (int)q;
	}
	if (r->why)
		return;
	switch (op->kind) {
	case AC_OP_ASSIGN:
	case AC_OP_TEST:
	case AC_OP_CMP:
		if (op->dst < 0)
			fail(r, "an assignment without a destination");
		break;
	case AC_OP_DEREF:
		if (op->src.kind != AC_OPND_PLACE)
			fail(r, "a dereference of no place");
		break;
	case AC_OP_KILL:
		if (op->nkill == 0)
			fail(r, "a kill of nothing");
		break;
	case AC_OP_CALL:
		op->call = read_call(r, a, fn, nfuncs);
		break;
	default:
		break;
	}
	if (op->kind != AC_OP_KILL && op->nkill)
		fail(r, "a kill list on another operation");
}

static void read_block(Reader *r, AcArena *a, AcFunc *fn, size_t nfuncs, AcCondKey **keys, size_t nkeys,
                       size_t i)
{
	expect(r, "B");
	AcBlock *b = &fn->blocks[i];
	b->id = (int)i;
	b->nops = count(r, 20);
	b->term = (AcTermKind)int_in(r, AC_TERM_JUMP, AC_TERM_NORETURN);
	b->cond = operand(r, fn);
	b->ret = operand(r, fn);
	b->ret_precondition = boolean(r);
	b->shared_exit = boolean(r);
	b->term_loc = loc(r);
	b->cond_text = string(r);
	b->cond_negated = boolean(r);
	long long key = int_in(r, -1, (long long)nkeys - 1);
	b->cond_key = key >= 0 && !r->why ? keys[key] : NULL;
	b->raises = string(r);
	b->nsucc = count(r, 2);
	b->succ = AC_ARENA_ARRAY(a, int, b->nsucc ? b->nsucc : 1);
	for (size_t s = 0; s < b->nsucc && !r->why; s++) {
		long long t = int_in(r, 0, INT_MAX);
		if ((size_t)t >= fn->nblocks || t == 0)
			fail(r, "a jump out of range or to the entry");
		b->succ[s] = (int)t;
	}
	b->ops = AC_ARENA_ARRAY(a, AcOp, b->nops ? b->nops : 1);
	for (size_t k = 0; k < b->nops && !r->why; k++)
		read_op(r, a, fn, nfuncs, &b->ops[k]);
	if (r->why)
		return;
	switch (b->term) {
	case AC_TERM_BRANCH:
		if (b->nsucc != 2 || b->cond.kind == AC_OPND_NONE)
			fail(r, "a branch without two successors or a condition");
		break;
	case AC_TERM_RETURN:
		if (b->nsucc != 0)
			fail(r, "a return with successors");
		break;
	case AC_TERM_NORETURN:
		if (b->nsucc != 0 || b->nops == 0 || b->ops[b->nops - 1].kind != AC_OP_CALL ||
		    !b->ops[b->nops - 1].call->noreturn)
			fail(r, "a noreturn block that does not end in such a call");
		break;
	default:
		break;
	}
}

static void read_func(Reader *r, AcFunc *fn, size_t nfuncs)
{
	AcArena *a = &r->tu->arena;
	expect(r, "F");
	fn->name = string_nonnull(r);
	fn->loc = loc(r);
	fn->end_loc = loc(r);
	fn->nparams = count(r, 2);
	fn->nplaces = count(r, 40);
	size_t nkeys = count(r, 18);
	fn->nblocks = count(r, 30);
	fn->is_static = boolean(r);
	fn->declared_noreturn = boolean(r);
	fn->unreliable = boolean(r);
	fn->shared = string(r);
	if (r->why)
		return;
	if (fn->nblocks == 0 || fn->nparams > fn->nplaces)
		return fail(r, "a function without blocks or with more parameters than places");
	fn->places = AC_ARENA_ARRAY(a, AcPlace, fn->nplaces ? fn->nplaces : 1);
	for (size_t i = 0; i < fn->nplaces && !r->why; i++)
		read_place(r, fn, i);
	AcCondKey **keys = AC_ARENA_ARRAY(a, AcCondKey *, nkeys ? nkeys : 1);
	for (size_t k = 0; k < nkeys && !r->why; k++)
		keys[k] = read_key(r, a, fn);
	fn->blocks = AC_ARENA_ARRAY(a, AcBlock, fn->nblocks);
	for (size_t b = 0; b < fn->nblocks && !r->why; b++)
		read_block(r, a, fn, nfuncs, keys, nkeys, b);
	if (!r->why)
		ac_cfg_finish(a, fn);
}

/* A string of the table as it is there (not interned), or NULL. */
static const char *raw_string(Reader *r)
{
	long long i = int_in(r, -1, (long long)r->nstrs - 1);
	return r->why || i < 0 ? NULL : r->strs[i];
}

/* nwalks W records: "W <function> <digest> <outputs>" (walks.h), into
 * walks when not NULL. */
static void read_walks(Reader *r, size_t nwalks, size_t nfuncs, AcTuWalks *walks)
{
	if (walks)
		ac_walks_init(walks, nfuncs);
	for (size_t i = 0; i < nwalks && !r->why; i++) {
		expect(r, "W");
		size_t f = (size_t)int_in(r, 0, (long long)nfuncs - 1);
		const char *digest = raw_string(r);
		const char *out = raw_string(r);
		if (r->why)
			break;
		if (!digest || strlen(digest) != AC_HASH_HEX || strspn(digest, "0123456789abcdef") != AC_HASH_HEX || !out) {
			fail(r, "a bad walk record");
			break;
		}
		if (walks)
			ac_walks_add(walks, f, digest, ac_strdup(out));
	}
}

static void read_tu(Reader *r, AcTu *tu, AcTuWalks *walks)
{
	expect(r, "T");
	tu->nerrors = (size_t)int_in(r, 0, LLONG_MAX);
	tu->first_error = string(r);
	tu->ndeclared = count(r, 20);
	tu->nfninits = count(r, 6);
	tu->nfuncs = count(r, 30);
	size_t nwalks = count(r, 8);
	AcArena *a = &tu->arena;
	tu->declared = AC_ARENA_ARRAY(a, AcDeclaredFn, tu->ndeclared ? tu->ndeclared : 1);
	for (size_t i = 0; i < tu->ndeclared && !r->why; i++) {
		AcDeclaredFn *d = &tu->declared[i];
		expect(r, "D");
		d->name = string_nonnull(r);
		d->kind = (AcDeclKind)int_in(r, AC_DECL_ALLOC, AC_DECL_KEEP);
		d->dealloc = string(r);
		d->module = string(r);
		d->arg = (int)int_in(r, 0, INT_MAX);
		d->returns_nonnull = boolean(r);
		d->loc = loc(r);
	}
	tu->fninits = AC_ARENA_ARRAY(a, AcFnInit, tu->nfninits ? tu->nfninits : 1);
	for (size_t i = 0; i < tu->nfninits && !r->why; i++) {
		expect(r, "I");
		tu->fninits[i].key = string_nonnull(r);
		tu->fninits[i].fn = string(r);
	}
	tu->funcs = AC_ARENA_ARRAY(a, AcFunc, tu->nfuncs ? tu->nfuncs : 1);
	for (size_t f = 0; f < tu->nfuncs && !r->why; f++)
		read_func(r, &tu->funcs[f], tu->nfuncs);
	read_walks(r, nwalks, tu->nfuncs, walks);
	expect(r, "Z");
	while (!r->why && r->p < r->end && space(*r->p))
		r->p++;
	if (!r->why && r->p < r->end)
		fail(r, "text after the last function");
}

void ac_ir_tu_free(AcTu *tu)
{
	if (!tu)
		return;
	ac_intern_free(&tu->names);
	ac_arena_free(&tu->arena);
	ac_free(tu);
}

int ac_ir_read(char *text, size_t len, AcJobResult *res, AcIrInfo *info, AcTu **tu, AcTuWalks *walks,
               char *why_buf, size_t why_size, const char **why)
{
	AcArena scratch = {0};
	Reader r = {.p = text, .end = text + len, .why_buf = why_buf, .why_size = why_size};
	size_t hl = strlen(AC_IR_FORMAT);
	*info = (AcIrInfo){0};
	if (tu)
		*tu = NULL;
	if (len < 14 || memcmp(text, "alloccheck-ir ", 14) != 0)
		fail(&r, "not an alloccheck IR file");
	else if (len <= hl || memcmp(text, AC_IR_FORMAT, hl) != 0 || text[hl] != '\n')
		fail(&r, "an IR file of another version (rebuild with this alloccheck-cc)");
	else
		r.p = text + hl + 1;
	read_strings(&r, &scratch);
	read_results(&r, res, info);
	if (tu && !r.why) {
		AcTu *t = ac_calloc(1, sizeof *t);
		ac_intern_init(&t->names, &t->arena);
		t->path = ac_arena_strdup(&t->arena, info->path);
		r.tu = t;
		read_tu(&r, t, walks);
		if (r.why) {
			ac_ir_tu_free(t);
			ac_walks_free(walks);
		} else {
			*tu = t;
		}
	}
	ac_arena_free(&scratch);
	if (r.why) {
		ac_findings_free(&res->findings);
		ac_link_data_free(&res->link);
		memset(res, 0, sizeof *res);
		*info = (AcIrInfo){0};
		*why = r.why;
		return -1;
	}
	res->cached = true;
	return 0;
}

int ac_ir_load(const char *path, AcJobResult *res, AcIrInfo *info, AcTu **tu, AcTuWalks *walks, char *why_buf,
               size_t why_size, const char **why)
{
	size_t len;
	char *text = ac_textfile_read(path, &len);
	if (!text) {
		*why = strerror(errno);
		return -1;
	}
	int rc = ac_ir_read(text, len, res, info, tu, walks, why_buf, why_size, why);
	ac_free(text);
	return rc;
}
