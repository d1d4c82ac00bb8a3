/*
 * finding: copying findings into the run arena, sorting, de-duplicating.
 */
#include "finding.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

static const char *dup_or_null(AcArena *a, const char *s)
{
	return s ? ac_arena_strdup(a, s) : NULL;
}

static AcLoc copy_loc(AcArena *a, AcLoc loc)
{
	loc.file = dup_or_null(a, loc.file);
	return loc;
}

void ac_findings_add(AcFindings *fs, const AcFinding *f)
{
	AcFinding c = *f;
	c.loc = copy_loc(&fs->arena, f->loc);
	c.message = dup_or_null(&fs->arena, f->message);
	c.function = dup_or_null(&fs->arena, f->function);
	c.origin = dup_or_null(&fs->arena, f->origin);
	c.notes = AC_ARENA_ARRAY(&fs->arena, AcNote, f->nnotes ? f->nnotes : 1);
	for (size_t i = 0; i < f->nnotes; i++) {
		c.notes[i].loc = copy_loc(&fs->arena, f->notes[i].loc);
		c.notes[i].msg = dup_or_null(&fs->arena, f->notes[i].msg);
	}
	AC_VEC_PUSH(&fs->list, c);
}

static int strcmp_null(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Findings compared as one: the same misuse at the same place. */
static int cmp_place(const AcFinding *a, const AcFinding *b)
{
	int c = strcmp_null(a->loc.file, b->loc.file);
	if (c)
		return c;
	if (a->loc.line != b->loc.line)
		return a->loc.line < b->loc.line ? -1 : 1;
	if (a->loc.col != b->loc.col)
		return a->loc.col < b->loc.col ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)))
		return c;
	return strcmp_null(a->message, b->message);
}

static int cmp_finding(const void *pa, const void *pb)
{
	const AcFinding *a = pa, *b = pb;
	int c = cmp_place(a, b);
	return c ? c : strcmp_null(a->function, b->function);
}

/* The statement a finding left in generated C comes from: its first note
 * ("in mod.pyx:13: ...", cython_locate.h), or NULL. */
static const char *origin_of(const AcFinding *f)
{
	return f->origin && f->nnotes ? f->notes[0].msg : NULL;
}

static int cmp_by_origin(const void *pa, const void *pb)
{
	const AcFinding *a = *(const AcFinding *const *)pa, *b = *(const AcFinding *const *)pb;
	int c = strcmp(origin_of(a), origin_of(b));
	if (!c)
		c = strcmp(a->rule, b->rule);
	if (!c)
		c = strcmp_null(a->message, b->message);
	return c ? c : (a > b) - (a < b); /* the first in report order first */
}

/* Findings left in generated C (--cython-locations c) stay at each copy's
 * own line: the repeats of one finding made in several functions (see
 * ac_findings_sort) are told by the statement they come from instead, and
 * all but the first are dropped. */
static void drop_origin_repeats(AcFindings *fs)
{
	size_t n = 0;
	for (size_t i = 0; i < fs->list.n; i++)
		n += origin_of(&fs->list.v[i]) != NULL;
	if (n < 2)
		return;
	AcFinding **by = ac_malloc(n * sizeof *by);
	bool *drop = ac_malloc(fs->list.n * sizeof *drop);
	memset(drop, 0, fs->list.n * sizeof *drop);
	n = 0;
	for (size_t i = 0; i < fs->list.n; i++) {
		if (origin_of(&fs->list.v[i]))
			by[n++] = &fs->list.v[i];
	}
	qsort(by, n, sizeof *by, cmp_by_origin);
	for (size_t i = 1; i < n; i++) {
		const AcFinding *a = by[i - 1], *b = by[i];
		drop[b - fs->list.v] = strcmp(origin_of(a), origin_of(b)) == 0 && strcmp(a->rule, b->rule) == 0 &&
		                       strcmp_null(a->message, b->message) == 0;
	}
	size_t out = 0;
	for (size_t i = 0; i < fs->list.n; i++) {
		if (!drop[i])
			fs->list.v[out++] = fs->list.v[i];
	}
	fs->list.n = out;
	ac_free(drop);
	ac_free(by);
}

void ac_findings_sort(AcFindings *fs)
{
	if (fs->list.n < 2)
		return;
	qsort(fs->list.v, fs->list.n, sizeof *fs->list.v, cmp_finding);
	size_t out = 1;
	for (size_t i = 1; i < fs->list.n; i++) {
		/* one per place: a header's function made twice by one file
		 * (a template included under two macros), a Cython fused
		 * function emitted once per type it takes, is one report, named
		 * by the first function */
		if (cmp_place(&fs->list.v[out - 1], &fs->list.v[i]) != 0)
			fs->list.v[out++] = fs->list.v[i];
	}
	fs->list.n = out;
	drop_origin_repeats(fs);
}

void ac_findings_free(AcFindings *fs)
{
	AC_VEC_FREE(&fs->list);
	ac_arena_free(&fs->arena);
}
