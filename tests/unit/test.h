/*
 * test.h: the unit tests' one assertion, after chibicc's test/test.h.
 *
 * ASSERT(expected, actual) compares two integers (pointers and bools are
 * compared as integers too) and, on a mismatch, prints the file, the line and
 * the text of the actual expression: "test_arena.c:31: n => 3, expected 4".
 * ASSERT_STR does the same for strings (NULL allowed). A test keeps going
 * after a failure so that one run shows all of them; main ends with
 * `return test_done();`, which prints a summary and returns the exit status.
 * The counters are per test program, which is one translation unit.
 */
#ifndef AC_TEST_H
#define AC_TEST_H

#include <stdio.h>
#include <string.h>

static int test_checks;   /* assertions run */
static int test_failures; /* assertions that failed */

static inline void test_assert(long long expected, long long actual, const char *code, const char *file,
			       int line)
{
	test_checks++;
	if (expected == actual)
		return;
	test_failures++;
	printf("%s:%d: %s => %lld, expected %lld\n", file, line, code, actual, expected);
}

static inline void test_assert_str(const char *expected, const char *actual, const char *code,
				   const char *file, int line)
{
	test_checks++;
	if (expected == actual || (expected && actual && strcmp(expected, actual) == 0))
		return;
	test_failures++;
	printf("%s:%d: %s => \"%s\", expected \"%s\"\n", file, line, code, actual ? actual : "(null)",
	       expected ? expected : "(null)");
}

#define ASSERT(expected, actual) \
	test_assert((long long)(expected), (long long)(actual), #actual, __FILE__, __LINE__)
#define ASSERT_STR(expected, actual) test_assert_str((expected), (actual), #actual, __FILE__, __LINE__)

static inline int test_done(void)
{
	if (test_failures) {
		printf("FAIL: %d of %d checks\n", test_failures, test_checks);
		return 1;
	}
	printf("OK: %d checks\n", test_checks);
	return 0;
}

#endif
