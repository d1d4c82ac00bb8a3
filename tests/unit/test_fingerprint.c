/*
 * test_fingerprint: fingerprints ignore layout (whitespace, comments, the
 * lines above a finding), tell apart everything else (file, rule, function,
 * statement, occurrence), and stay exactly what baselines already hold (one
 * value pinned). Writes test_fingerprint.tmp.c in the working directory.
 */
#include <stdio.h>
#include <string.h>

#include "fingerprint.h"
#include "finding.h"
#include "mem.h"
#include "test.h"

static const char tmp_path[] = "test_fingerprint.tmp.c";

/* ac_fingerprint_normalise of s as a NUL-terminated string in buf. */
static const char *norm(char *buf, const char *s)
{
	buf[ac_fingerprint_normalise(s, strlen(s), buf)] = '\0';
	return buf;
}

static void test_normalise(void)
{
	char buf[128];
	ASSERT_STR("return-1;", norm(buf, "\t\treturn -1; // expect: leak"));
	ASSERT_STR("free(p);", norm(buf, "free( p ) ;\r"));
	ASSERT_STR("x=y;", norm(buf, "x /* set */ = y; /* unclosed"));
	ASSERT_STR("puts(\"a//b\");", norm(buf, "puts(\"a // b\");"));
	ASSERT_STR("c='\"';d=1;", norm(buf, "c = '\"'; d = 1; // '\""));
	ASSERT_STR("s=\"\\\"/*\";", norm(buf, "s = \"\\\"/*\";"));
	ASSERT_STR("", norm(buf, "   // only a comment"));
	ASSERT_STR("a/b", norm(buf, "a / b"));
}

static AcFingerprint fp(const char *file, const char *rule, const char *fn, const char *text, size_t occ)
{
	AcFingerprintKey k = {file, rule, fn, text, text ? strlen(text) : 0};
	return ac_fingerprint(&k, occ);
}

static void test_key(void)
{
	AcFingerprint base = fp("a.c", "leak", "f", "return -1;", 0);
	/* the recipe of fingerprint.h; baselines hold values made with it */
	ASSERT_STR("ff51ccabe6fad10d", base.hex);
	ASSERT(AC_FINGERPRINT_HEX, strlen(base.hex));
	ASSERT_STR("ff51ccabe6fad10d", fp("./a.c", "leak", "f", "  return  -1 ; /* x */", 0).hex);
	ASSERT(1, strcmp(fp("b.c", "leak", "f", "return -1;", 0).hex, "ff51ccabe6fad10d") != 0);
	ASSERT(1, strcmp(fp("a.c", "unchecked-alloc", "f", "return -1;", 0).hex, "ff51ccabe6fad10d") != 0);
	ASSERT(1, strcmp(fp("a.c", "leak", "g", "return -1;", 0).hex, "ff51ccabe6fad10d") != 0);
	ASSERT(1, strcmp(fp("a.c", "leak", "f", "return -2;", 0).hex, "ff51ccabe6fad10d") != 0);
	ASSERT(1, strcmp(fp("a.c", "leak", "f", "return -1;", 1).hex, "ff51ccabe6fad10d") != 0);
	/* fields are delimited: moving a byte from one to the next changes it */
	ASSERT(1, strcmp(fp("a.c", "leak", "fr", "eturn -1;", 0).hex, "ff51ccabe6fad10d") != 0);
	ASSERT(1, strcmp(fp(NULL, "leak", "f", NULL, 0).hex, fp("", "leak", "f", "", 0).hex) == 0);
}

static void write_file(const char *text)
{
	FILE *f = fopen(tmp_path, "w");
	ASSERT(1, f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

/* The source for test_report: two error returns leaking in f, a dereference
 * in g; shift blank lines first. */
static void write_source(unsigned shift)
{
	char text[512] = "";
	for (unsigned i = 0; i < shift; i++)
		strcat(text, "\n");
	strcat(text, "int f(void)\n"            /* 1 */
		     "{\n"                      /* 2 */
		     "\tchar *p = malloc(1);\n" /* 3 */
		     "\tif (x)\n"               /* 4 */
		     "\t\treturn -1;\n"         /* 5 */
		     "\tif (y)\n"               /* 6 */
		     "\t\treturn -1;\n"         /* 7 */
		     "\treturn 0;\n"            /* 8 */
		     "}\n"                      /* 9 */
		     "void g(int *v) { v[0] = 1; }\n"); /* 10 */
	write_file(text);
}

static void add(AcFindings *fs, const char *rule, unsigned line, unsigned col, const char *fn)
{
	AcFinding f = {rule, AC_SEV_WARNING, {tmp_path, line, col}, "message", fn, NULL, 0, NULL};
	ac_findings_add(fs, &f);
}

/* The fingerprints of a report on the source with shift lines prepended. */
static void report(unsigned shift, AcFingerprint out[4])
{
	write_source(shift);
	AcFindings fs = {0};
	add(&fs, "leak", 5 + shift, 3, "f");
	add(&fs, "leak", 7 + shift, 3, "f");
	add(&fs, "unchecked-alloc", 10 + shift, 18, "g");
	add(&fs, "leak", 8 + shift, 2, "f");
	ac_findings_sort(&fs);
	ac_fingerprints(&fs, out);
	ac_findings_free(&fs);
}

static void test_report(void)
{
	AcFingerprint a[4], b[4];
	report(0, a);
	report(5, b);
	for (int i = 0; i < 4; i++)
		ASSERT_STR(a[i].hex, b[i].hex);
	/* the two identical returns differ by their occurrence index, in order */
	ASSERT_STR(fp(tmp_path, "leak", "f", "return -1;", 0).hex, a[0].hex);
	ASSERT_STR(fp(tmp_path, "leak", "f", "return -1;", 1).hex, a[1].hex);
	ASSERT_STR(fp(tmp_path, "leak", "f", "return 0;", 0).hex, a[2].hex);
	ASSERT_STR(fp(tmp_path, "unchecked-alloc", "g", "void g(int *v) { v[0] = 1; }", 0).hex, a[3].hex);
	for (int i = 0; i < 4; i++) {
		for (int j = i + 1; j < 4; j++)
			ASSERT(1, strcmp(a[i].hex, a[j].hex) != 0);
	}
	/* an unreadable file: the message stands in for the line */
	remove(tmp_path);
	AcFindings fs = {0};
	add(&fs, "leak", 5, 3, "f");
	AcFingerprint c[1];
	ac_fingerprints(&fs, c);
	ASSERT_STR(fp(tmp_path, "leak", "f", "message", 0).hex, c[0].hex);
	ac_findings_free(&fs);
	AcFindings none = {0};
	ac_fingerprints(&none, c);
}

int main(void)
{
	test_normalise();
	test_key();
	test_report();
	ASSERT(0, ac_mem_live_blocks());
	return test_done();
}
