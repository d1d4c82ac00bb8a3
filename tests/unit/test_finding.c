/*
 * test_finding: findings are deep-copied into the run arena, sorted by
 * (file, line, col, rule, message), and exact duplicates are dropped.
 */
#include <string.h>

#include "finding.h"
#include "mem.h"
#include "test.h"

/* Adds a finding whose strings live in a buffer that is then overwritten,
 * to show that ac_findings_add copies them. */
static void add(AcFindings *fs, const char *file, unsigned line, unsigned col, const char *rule,
		const char *msg)
{
	char fbuf[64], mbuf[64], nbuf[64];
	strcpy(fbuf, file);
	strcpy(mbuf, msg);
	strcpy(nbuf, "allocated here");
	AcNote note = {{fbuf, 1, 2}, nbuf};
	AcFinding f = {rule, AC_SEV_WARNING, {fbuf, line, col}, mbuf, "fn", &note, 1, NULL};
	ac_findings_add(fs, &f);
	memset(fbuf, 'X', sizeof fbuf - 1);
	memset(mbuf, 'X', sizeof mbuf - 1);
	memset(nbuf, 'X', sizeof nbuf - 1);
}

static void test_sort(void)
{
	AcFindings fs = {0};
	add(&fs, "b.c", 1, 1, "leak", "m");
	add(&fs, "a.c", 9, 1, "leak", "m");
	add(&fs, "a.c", 2, 7, "unchecked-alloc", "m");
	add(&fs, "a.c", 2, 7, "leak", "z");
	add(&fs, "a.c", 2, 7, "leak", "a");
	add(&fs, "a.c", 2, 3, "leak", "m");
	add(&fs, "a.c", 10, 1, "leak", "m"); /* 10 after 9: numeric, not text order */
	ac_findings_sort(&fs);
	ASSERT(7, fs.list.n);
	const AcFinding *v = fs.list.v;
	ASSERT(3, v[0].loc.col);
	ASSERT_STR("a", v[1].message);
	ASSERT_STR("z", v[2].message);
	ASSERT_STR("unchecked-alloc", v[3].rule);
	ASSERT(9, v[4].loc.line);
	ASSERT(10, v[5].loc.line);
	ASSERT_STR("b.c", v[6].loc.file);
	ASSERT_STR("allocated here", v[6].notes[0].msg); /* copied, not the clobbered buffer */
	ASSERT_STR("b.c", v[6].notes[0].loc.file);
	ac_findings_free(&fs);
	ASSERT(0, fs.list.n);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_dedupe(void)
{
	AcFindings fs = {0};
	for (int i = 0; i < 3; i++) {
		add(&fs, "a.c", 5, 2, "leak", "leaked");
		add(&fs, "a.c", 5, 2, "leak", "leaked twice");
	}
	add(&fs, "a.c", 5, 2, "unchecked-alloc", "leaked");
	ac_findings_sort(&fs);
	ASSERT(3, fs.list.n);
	ASSERT_STR("leaked", fs.list.v[0].message);
	ASSERT_STR("leaked twice", fs.list.v[1].message);
	ASSERT_STR("unchecked-alloc", fs.list.v[2].rule);
	ac_findings_sort(&fs); /* idempotent */
	ASSERT(3, fs.list.n);
	ac_findings_free(&fs);
	ASSERT(0, ac_mem_live_blocks());
}

static void test_empty_and_null_file(void)
{
	AcFindings fs = {0};
	ac_findings_sort(&fs);
	ASSERT(0, fs.list.n);
	AcFinding f = {"leak", AC_SEV_WARNING, {NULL, 0, 0}, "no location", NULL, NULL, 0, NULL};
	add(&fs, "a.c", 1, 1, "leak", "m");
	ac_findings_add(&fs, &f);
	ac_findings_sort(&fs);
	ASSERT(2, fs.list.n);
	ASSERT_STR(NULL, fs.list.v[0].loc.file); /* unknown file sorts first */
	ASSERT(0, fs.list.v[0].nnotes);
	ac_findings_free(&fs);
	ASSERT(0, ac_mem_live_blocks());
}

int main(void)
{
	test_sort();
	test_dedupe();
	test_empty_and_null_file();
	return test_done();
}
