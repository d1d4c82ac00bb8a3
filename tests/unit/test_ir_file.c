/*
 * test_ir_file: the IR file of alloccheck-cc (ir_file.h) keeps everything.
 * Each lowering test input (tests/cfg/ *.c) and each file of the fixture
 * programs is lowered, written with results and link data that hold every
 * character the string table escapes, and read back: the CFG dumps of both
 * TUs are equal, and writing the read TU again gives the same bytes (so
 * every field written is read). The walks of its functions (walks.h) are
 * written and read back too: analysing the read TU with them takes every
 * function from its walk and finds exactly what the walks found. Then broken files: every truncation of one,
 * a foreign file, another version, a bad escape, a NUL byte and indexes out
 * of range are each an error with a reason, never a crash or a leak.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream, mkdtemp */

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "family.h"
#include "frontend.h"
#include "ir_file.h"
#include "program.h"
#include "mem.h"
#include "rule.h"
#include "test.h"
#include "textfile.h"

#ifndef AC_SOURCE_DIR /* tests/unit.cmake defines it; a self-check run does not */
#define AC_SOURCE_DIR "."
#endif

static char dir[] = "/tmp/alloccheck-test-ir-XXXXXX";

/* The CFG dump of every function of tu (the caller frees it with free). */
static char *dump(const AcTu *tu)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out) {
		perror("open_memstream");
		exit(1);
	}
	for (size_t f = 0; f < tu->nfuncs; f++)
		ac_cfg_dump(out, &tu->funcs[f]);
	fclose(out);
	return buf;
}

/* Results that need every escape and every kind of entry. */
static void fake_results(AcJobResult *res)
{
	AcNote notes[2] = {{{"a.c", 3, 4}, "first\nsecond"}, {{NULL, 0, 0}, "back\\slash"}};
	AcFinding f = {ac_rules[0].id, AC_SEV_ERROR, {"a b.c", 7, 9}, "msg with \\n and\ttab", "fn", notes, 2,
	               "origin"};
	ac_findings_add(&res->findings, &f);
	res->nfunctions = 3;
	res->budget.step_limited = 1;
	ac_link_data_add(&res->link, 0, "buf_new", "s1 name=buf_new known=1 np=1");
	ac_link_data_add(&res->link, 1, "pointer hooks.allocate", "-");
	ac_link_data_add(&res->link, 2, "c:@S@buf@FI@data", "store libc");
	ac_link_data_add(&res->link, 3, "&hooks", "-");
}

/* tu analysed as a program of its own: its findings into fs (sorted),
 * taking the walks of in (may be NULL), recording its walks into out.
 * Returns the number of functions walked. */
static size_t analyse(AcTu *tu, const AcTuWalks *in, AcTuWalks *out, AcFindings *fs)
{
	AcEngineOptions opt;
	ac_engine_defaults(&opt);
	opt.tu_timeout = 0;
	AcTu *tus[1] = {tu};
	AcProgram p;
	ac_program_init(&p, tus, 1, ac_families_builtin());
	p.tu_only = true;
	ac_program_link(&p);
	AcBudget b = {0};
	const AcTuWalks *ins[1] = {in};
	AcProgramResult r = {.findings = fs, .budget = &b, .walks_in = in ? ins : NULL, .walks_out = out};
	ac_engine_run_program(&p, &opt, 1, &r);
	ac_program_free(&p);
	ac_findings_sort(fs);
	return r.nwalked;
}

/* The findings as text, one line each with their notes (free with free). */
static char *findings_text(const AcFindings *fs)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out) {
		perror("open_memstream");
		exit(1);
	}
	for (size_t i = 0; i < fs->list.n; i++) {
		const AcFinding *f = &fs->list.v[i];
		fprintf(out, "%s %d %s:%u:%u %s [%s] %s", f->rule, (int)f->severity, f->loc.file ? f->loc.file : "-",
		        f->loc.line, f->loc.col, f->message, f->function ? f->function : "-", f->origin ? f->origin : "-");
		for (size_t k = 0; k < f->nnotes; k++)
			fprintf(out, " | %s:%u:%u %s", f->notes[k].loc.file ? f->notes[k].loc.file : "-",
			        f->notes[k].loc.line, f->notes[k].loc.col, f->notes[k].msg);
		fputc('\n', out);
	}
	fclose(out);
	return buf;
}

/* Lowers path, writes its IR, reads it back and compares. */
static void round_trip(const char *path)
{
	AcTu *tu;
	if (ac_tu_load(path, NULL, 0, &tu) < 0) {
		ASSERT(0, 1); /* every input must load */
		return;
	}
	AcJobResult res = {0};
	fake_results(&res);
	char file[256], again[256];
	snprintf(file, sizeof file, "%s/t.acir", dir);
	snprintf(again, sizeof again, "%s/again.acir", dir);
	AcTuWalks walks = {0}, walks2 = {0}, again_walks = {0};
	AcFindings found = {0}, found2 = {0};
	size_t walked = analyse(tu, NULL, &walks, &found);
	ASSERT(0, ac_ir_write_file(file, tu, "/real/path.c", &res, "options", &walks));
	AcJobResult back = {0};
	AcIrInfo info;
	AcTu *tu2 = NULL;
	char buf[256];
	const char *why = NULL;
	ASSERT(0, ac_ir_load(file, &back, &info, &tu2, &walks2, buf, sizeof buf, &why));
	if (why)
		printf("%s: %s\n", path, why);
	if (tu2) {
		char *d1 = dump(tu), *d2 = dump(tu2);
		ASSERT_STR(d1, d2);
		free(d1);
		free(d2);
		ASSERT_STR(tu->path, info.path);
		ASSERT_STR("/real/path.c", info.real);
		ASSERT_STR("options", info.options);
		ASSERT(1, back.findings.list.n);
		ASSERT_STR("first\nsecond", back.findings.list.v[0].notes[0].msg);
		ASSERT_STR("msg with \\n and\ttab", back.findings.list.v[0].message);
		ASSERT(4, back.link.exports.n + back.link.consumes.n + back.link.members.n + back.link.fnstores.n);
		ASSERT(0, ac_ir_write_file(again, tu2, info.real, &back, info.options, &walks2));
		char *t1 = ac_textfile_read(file, NULL), *t2 = ac_textfile_read(again, NULL);
		ASSERT_STR(t1, t2);
		ac_free(t1);
		ac_free(t2);
		/* every walk recorded (none stopped by a bound) is taken again */
		size_t walked2 = analyse(tu2, &walks2, &again_walks, &found2);
		if (ac_walks_count(&walks) == walked)
			ASSERT(0, walked2);
		char *f1 = findings_text(&found), *f2 = findings_text(&found2);
		ASSERT_STR(f1, f2);
		free(f2);
		/* every other function walked again, seeing the taken ones'
		 * summaries as their walks give them: the same findings */
		for (size_t odd = 0; odd < 2; odd++) {
			for (size_t f = odd; f < walks2.nfuncs; f += 2) {
				for (size_t k = 0; k < walks2.funcs[f].n; k++)
					walks2.funcs[f].v[k].digest[0] ^= 0x40; /* no longer a hex digit */
			}
			AcTuWalks third = {0};
			AcFindings found3 = {0};
			analyse(tu2, &walks2, &third, &found3);
			f2 = findings_text(&found3);
			ASSERT_STR(f1, f2);
			free(f2);
			ac_walks_free(&third);
			ac_findings_free(&found3);
			for (size_t f = odd; f < walks2.nfuncs; f += 2) {
				for (size_t k = 0; k < walks2.funcs[f].n; k++)
					walks2.funcs[f].v[k].digest[0] ^= 0x40;
			}
		}
		free(f1);
	}
	ac_walks_free(&walks);
	ac_walks_free(&walks2);
	ac_walks_free(&again_walks);
	ac_findings_free(&found);
	ac_findings_free(&found2);
	ac_ir_tu_free(tu2);
	ac_findings_free(&back.findings);
	ac_link_data_free(&back.link);
	ac_findings_free(&res.findings);
	ac_link_data_free(&res.link);
	ac_tu_free(tu);
}

static void round_trip_dir(const char *d, int depth)
{
	DIR *dp = opendir(d);
	if (!dp) {
		ASSERT(0, 1);
		return;
	}
	struct dirent *e;
	struct stat st;
	while ((e = readdir(dp))) {
		size_t n = strlen(e->d_name);
		char sub[1024];
		int w = snprintf(sub, sizeof sub, "%s/%s", d, e->d_name);
		if (e->d_name[0] == '.' || w < 0 || (size_t)w >= sizeof sub)
			continue;
		if (n > 2 && strcmp(e->d_name + n - 2, ".c") == 0)
			round_trip(sub);
		else if (depth > 0 && stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			round_trip_dir(sub, depth - 1);
	}
	closedir(dp);
}

/* Reads text (a copy) and expects an error containing want. */
static void expect_error(const char *text, size_t len, const char *want)
{
	char *copy = ac_malloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	AcJobResult res = {0};
	AcIrInfo info;
	AcTu *tu = NULL;
	char buf[256];
	const char *why = NULL;
	int rc = ac_ir_read(copy, len, &res, &info, &tu, NULL, buf, sizeof buf, &why);
	ASSERT(-1, rc);
	ASSERT(0, tu != NULL);
	ASSERT(0, res.findings.list.n);
	ASSERT(1, why != NULL && strstr(why, want) != NULL);
	if (why && !strstr(why, want))
		printf("  got '%s', want '%s'\n", why, want);
	ac_free(copy);
}

/* One IR file, broken in every way the reader must notice. */
static void broken_files(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/cfg/calls.c", AC_SOURCE_DIR);
	AcTu *tu;
	ASSERT(0, ac_tu_load(path, NULL, 0, &tu));
	AcJobResult res = {0};
	fake_results(&res);
	char file[256];
	snprintf(file, sizeof file, "%s/b.acir", dir);
	ASSERT(0, ac_ir_write_file(file, tu, NULL, &res, "o", NULL));
	ac_findings_free(&res.findings);
	ac_link_data_free(&res.link);
	ac_tu_free(tu);
	size_t len;
	char *text = ac_textfile_read(file, &len);
	/* every truncation but the whole file (and trailing newline) */
	for (size_t n = 0; n + 1 < len; n++) {
		char *copy = ac_malloc(n + 1);
		memcpy(copy, text, n);
		copy[n] = '\0';
		AcJobResult r = {0};
		AcIrInfo info;
		AcTu *t = NULL;
		char buf[256];
		const char *why = NULL;
		ASSERT(-1, ac_ir_read(copy, n, &r, &info, &t, NULL, buf, sizeof buf, &why));
		ac_free(copy);
	}
	expect_error("hello\n", 6, "not an alloccheck IR file");
	expect_error("alloccheck-ir 0\nS 0\n", 20, "another version");
	expect_error("alloccheck-ir 1\nS 0\n", 20, "another version");
	expect_error("alloccheck-ir 2\nS 0\n", 20, "another version");
	expect_error("alloccheck-ir 3\nS 0\n", 20, "another version");
	expect_error("alloccheck-ir 4\nS 0\n", 20, "another version");
	const char esc[] = "alloccheck-ir 6\nS 1\nbad \\q escape\n";
	expect_error(esc, sizeof esc - 1, "bad escape");
	const char nul[] = "alloccheck-ir 6\nS 1\nnul \0 byte\n";
	expect_error(nul, sizeof nul - 1, "NUL");
	expect_error("alloccheck-ir 6\nS 99999\na\n", 26, "truncated");
	expect_error("alloccheck-ir 6\nS 1\na\nH 5 -1 -1\n", 32, "out of range");
	/* a place whose parent comes after it, in the real file */
	char *p = strstr(text, "\nP 2 ");
	if (p) {
		char *copy = ac_malloc(len + 16);
		size_t at = (size_t)(p - text) + 5;
		memcpy(copy, text, at);
		size_t k = at;
		while (text[k] != ' ')
			k++; /* the parent's id */
		int w = sprintf(copy + at, "%d", 999);
		memcpy(copy + at + w, text + k, len - k);
		size_t n = at + (size_t)w + (len - k);
		expect_error(copy, n, "parent");
		ac_free(copy);
	}
	ac_free(text);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror(dir);
		return 1;
	}
	ac_families_builtin(); /* built once and kept: before the block count */
	long base = ac_mem_live_blocks();
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/cfg", AC_SOURCE_DIR);
	round_trip_dir(path, 0);
	snprintf(path, sizeof path, "%s/fixtures", AC_SOURCE_DIR);
	round_trip_dir(path, 2);
	broken_files();
	char rm[256];
	snprintf(rm, sizeof rm, "%s/t.acir", dir);
	unlink(rm);
	snprintf(rm, sizeof rm, "%s/again.acir", dir);
	unlink(rm);
	snprintf(rm, sizeof rm, "%s/b.acir", dir);
	unlink(rm);
	rmdir(dir);
	ASSERT(base, ac_mem_live_blocks());
	return test_done();
}
