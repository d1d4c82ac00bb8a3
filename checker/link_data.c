/*
 * link_data: see link_data.h. Moved out of jobs.c so that alloccheck-cc
 * (wrapper.c), which analyses one TU as a program of its own, records the
 * same link data as a run's TUs do.
 */
#include "link_data.h"

#include <string.h>

#include "intern.h"

/* A TU's record of a call through a file-scope pointer to a function names
 * the pointer with this prefix (no function's name has a space). */
#define FNPTR_PREFIX "pointer "

/* What an external name reaches now: its summary's text, or "-"; for a
 * pointer (FNPTR_PREFIX), the function it is known to hold, or "-". */
const char *ac_link_current_text(const AcProgram *p, char *const *sums, const char *name)
{
	if (strncmp(name, FNPTR_PREFIX, sizeof FNPTR_PREFIX - 1) == 0)
		return ac_program_fnptr_text(p, name + sizeof FNPTR_PREFIX - 1);
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

void ac_link_data_collect(const AcProgram *p, char *const *sums, size_t t, AcLinkData *l)
{
	ac_program_tu_fnstores(p, t, add_fnstore, l);
	const AcTu *tu = p->tus[t];
	for (size_t f = 0; f < tu->nfuncs; f++) {
		int g = ac_program_func(p, t, f);
		if (!tu->funcs[f].is_static && sums[g])
			ac_link_data_add(l, 0, tu->funcs[f].name, sums[g]);
	}
	AcArena a = {0};
	AcIntern seen;
	ac_intern_init(&seen, &a);
	for (size_t f = 0; f < tu->nfuncs; f++) {
		const AcFunc *fn = &tu->funcs[f];
		for (size_t b = 0; b < fn->nblocks; b++) {
			for (size_t i = 0; i < fn->blocks[b].nops; i++) {
				const AcOp *op = &fn->blocks[b].ops[i];
				char key[512];
				if (op->kind == AC_OP_CALL && !op->call->name &&
				    ac_program_place_key(fn, op->call->via, key, sizeof key)) {
					char *rec = ac_arena_printf(&a, "%s%s", FNPTR_PREFIX, key);
					size_t before = seen.count;
					const char *name = ac_intern(&seen, rec);
					if (seen.count != before)
						ac_link_data_add(l, 1, name, ac_link_current_text(p, sums, name));
					continue;
				}
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

