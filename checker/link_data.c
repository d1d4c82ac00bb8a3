/*
 * link_data: see link_data.h. Moved out of jobs.c so that alloccheck-cc
 * (wrapper.c), which analyses one TU as a program of its own, records the
 * same link data as a run's TUs do.
 */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fchmod */

#include "link_data.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "intern.h"
#include "mem.h"
#include "null_args.h"
#include "textfile.h"

/* A TU's record of a call through a file-scope pointer to a function names
 * the pointer with this prefix (no function's name has a space). */
#define FNPTR_PREFIX "pointer "
/* ... and whether the address of a global variable it uses is taken anywhere
 * in the program (then any write through a pointer may change it), this. */
#define ESCAPED_PREFIX "escaped "
/* ... and the value the program gives an integer global it reads
 * (ac_program_global_value), or "-", this. */
#define VALUE_PREFIX "value "
/* ... and whether a function of its own that may release a member of a
 * parameter is registered as a type's destructor in the program (its
 * member releases pair with other functions' then), this. */
#define DESTRUCTOR_PREFIX "destructor "

/* What an external name reaches now: its summary's text, or "-"; for a
 * pointer (FNPTR_PREFIX), the function it is known to hold, or "-". */
const char *ac_link_current_text(const AcProgram *p, char *const *sums, const char *name)
{
	if (strncmp(name, FNPTR_PREFIX, sizeof FNPTR_PREFIX - 1) == 0)
		return ac_program_fnptr_text(p, name + sizeof FNPTR_PREFIX - 1);
	if (strncmp(name, ESCAPED_PREFIX, sizeof ESCAPED_PREFIX - 1) == 0)
		return ac_program_global_escaped(p, name + sizeof ESCAPED_PREFIX - 1) ? "1" : "0";
	if (strncmp(name, VALUE_PREFIX, sizeof VALUE_PREFIX - 1) == 0)
		return ac_program_global_value_text(p, name + sizeof VALUE_PREFIX - 1);
	if (strncmp(name, AC_NULL_ARGS_PREFIX, sizeof AC_NULL_ARGS_PREFIX - 1) == 0)
		return ac_null_args_text(p, name + sizeof AC_NULL_ARGS_PREFIX - 1);
	if (strncmp(name, DESTRUCTOR_PREFIX, sizeof DESTRUCTOR_PREFIX - 1) == 0)
		return ac_program_destructor(p, ac_program_lookup(p, name + sizeof DESTRUCTOR_PREFIX - 1)) ? "1" : "0";
	int g = ac_program_lookup(p, name);
	if (g < 0)
		return "-";
	if ((size_t)g < p->nbodies)
		return sums[g] ? sums[g] : "-";
	return p->externs.v[(size_t)g - p->nbodies].text;
}

static void add_fnstore(void *ctx, const char *key, const char *text)
{
	ac_link_data_add(ctx, 3, key, text);
}

/* Whether fn passes a member reached through a pointer to a deallocator of
 * its TU's families (free(self->buf)): whether it is a destructor may
 * change its findings. */
static bool releases_a_member(const AcFamilies *fams, const AcFunc *fn)
{
	for (size_t b = 0; b < fn->nblocks; b++) {
		for (size_t i = 0; i < fn->blocks[b].nops; i++) {
			const AcOp *op = &fn->blocks[b].ops[i];
			const AcFnInfo *fi = op->kind == AC_OP_CALL && op->call->name ? ac_families_lookup(fams, op->call->name) : NULL;
			if (!fi || fi->role != AC_ROLE_DEALLOC || fi->ptr_arg < 0 || (size_t)fi->ptr_arg >= op->call->nargs)
				continue;
			AcOperand a = op->call->args[fi->ptr_arg];
			if (a.kind == AC_OPND_PLACE && a.place >= 0 && fn->places[a.place].kind == AC_PLACE_MEMBER &&
			    fn->places[a.place].through_ptr)
				return true;
		}
	}
	return false;
}

void ac_link_data_collect(const AcProgram *p, char *const *sums, size_t t, AcLinkData *l)
{
	ac_program_tu_fnstores(p, t, add_fnstore, l);
	const AcTu *tu = p->tus[t];
	for (size_t f = 0; f < tu->nfuncs; f++) {
		int g = ac_program_standin(p, ac_program_func(p, t, f)); /* the copy walked */
		if (!tu->funcs[f].is_static && sums[g])
			ac_link_data_add(l, 0, tu->funcs[f].name, sums[g]);
	}
	AcArena a = {0};
	/* which parameters every call passes NULL: the TU's records, and what
	 * its analysis took of the program's solution */
	ac_link_data_add(l, 3, AC_NULL_ARGS_KEY, p->null_text[t] ? p->null_text[t] : "");
	for (size_t f = 0; f < tu->nfuncs; f++) {
		const AcFunc *fn = &tu->funcs[f];
		if (ac_null_args_consumed(fn)) {
			const char *rec = ac_arena_printf(&a, "%s%s", AC_NULL_ARGS_PREFIX, fn->name);
			ac_link_data_add(l, 1, rec, ac_link_current_text(p, sums, rec));
		}
		if (fn->is_static || !fn->name || !fn->nparams || !releases_a_member(p->families[t], fn))
			continue;
		const char *rec = ac_arena_printf(&a, "%s%s", DESTRUCTOR_PREFIX, fn->name);
		ac_link_data_add(l, 1, rec, ac_link_current_text(p, sums, rec));
	}
	AcIntern seen;
	ac_intern_init(&seen, &a);
	for (size_t f = 0; f < tu->nfuncs; f++) {
		const AcFunc *fn = &tu->funcs[f];
		for (size_t q = 0; q < fn->nplaces; q++) {
			const AcPlace *pl = &fn->places[q];
			if (pl->kind != AC_PLACE_VAR || pl->storage != AC_STORAGE_GLOBAL || !pl->name)
				continue;
			size_t before = seen.count;
			const char *name = ac_intern(&seen, ac_arena_printf(&a, "%s%s", ESCAPED_PREFIX, pl->name));
			if (seen.count != before)
				ac_link_data_add(l, 1, name, ac_link_current_text(p, sums, name));
			if (pl->is_pointer || !pl->link_key || strstr(pl->link_key, "::"))
				continue;
			before = seen.count;
			name = ac_intern(&seen, ac_arena_printf(&a, "%s%s", VALUE_PREFIX, pl->link_key));
			if (seen.count != before)
				ac_link_data_add(l, 1, name, ac_link_current_text(p, sums, name));
		}
		for (size_t b = 0; b < fn->nblocks; b++) {
			for (size_t i = 0; i < fn->blocks[b].nops; i++) {
				const AcOp *op = &fn->blocks[b].ops[i];
				char key[512], mkey[512];
				/* through a file-scope pointer, or a member that holds a
				 * function (its key by type, ac_program_member_key) */
				bool by_place = op->kind == AC_OP_CALL && !op->call->name &&
				                ac_program_place_key(fn, op->call->via, key, sizeof key);
				bool by_member = op->kind == AC_OP_CALL && !op->call->name &&
				                 ac_program_member_key(fn, op->call->via, mkey, sizeof mkey);
				for (int w = 0; w < 2; w++) {
					if (!(w ? by_member : by_place))
						continue;
					char *rec = ac_arena_printf(&a, "%s%s", FNPTR_PREFIX, w ? mkey : key);
					size_t before = seen.count;
					const char *name = ac_intern(&seen, rec);
					if (seen.count != before)
						ac_link_data_add(l, 1, name, ac_link_current_text(p, sums, name));
				}
				if (by_place || by_member)
					continue;
				if (op->kind != AC_OP_CALL || op->call->func >= 0 || !op->call->name)
					continue;
				size_t before = seen.count;
				const char *name = ac_intern(&seen, op->call->name);
				if (seen.count != before)
					ac_link_data_add(l, 1, name, ac_link_current_text(p, sums, name));
			}
		}
	}
	ac_intern_free(&seen);
	ac_arena_free(&a);
}


bool ac_link_summaries_read(const char *path, AcLinkData *l)
{
	size_t len;
	char *text = ac_textfile_read(path, &len);
	if (!text)
		return false;
	size_t hl = strlen(AC_PROGRAM_SUMMARIES_HEADER);
	bool ok = len > hl && memcmp(text, AC_PROGRAM_SUMMARIES_HEADER, hl) == 0 && text[hl] == '\n';
	for (char *line = ok ? text + hl + 1 : NULL, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *tab = strchr(line, '\t');
		if (!tab || tab == line)
			continue;
		*tab = '\0';
		ac_link_data_add(l, 0, line, tab + 1);
	}
	ac_free(text);
	return ok;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const AcLinkEntry *)a)->name, ((const AcLinkEntry *)b)->name);
}

typedef struct SortedEntries {
	const AcLinkEntry *v;
	size_t n;
} SortedEntries;

static bool fill_summaries(FILE *f, const void *ctx)
{
	const SortedEntries *e = ctx;
	bool ok = fprintf(f, "%s\n", AC_PROGRAM_SUMMARIES_HEADER) > 0;
	for (size_t i = 0; ok && i < e->n; i++) {
		if (i > 0 && strcmp(e->v[i].name, e->v[i - 1].name) == 0)
			continue;
		ok = fprintf(f, "%s\t%s\n", e->v[i].name, e->v[i].text) > 0;
	}
	return ok;
}

int ac_link_summaries_write(const char *path, const AcLinkEntry *exports, size_t n)
{
	AcLinkEntry *v = ac_calloc(n + 1, sizeof *v);
	if (n)
		memcpy(v, exports, n * sizeof *v);
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_entry);
	SortedEntries e = {v, n};
	int rc = ac_write_atomic(path, fill_summaries, &e), err = errno;
	ac_free(v);
	errno = err; /* free may change it */
	return rc;
}
