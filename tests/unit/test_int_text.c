/*
 * test_int_text: ac_text_ulong gives strtoul's value and end on every kind
 * of text the fast path must hand back (signs, blanks, 0x, overflow, no
 * digit), and ac_int_text writes what printf's %lld writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "int_text.h"
#include "test.h"

static void test_ulong_as_strtoul(void)
{
	static const char *const texts[] = {
		"0",     "7",     "123,",   "ffz",  "0x1f", "0X",    "00x1",  " 12",
		"-3",    "+4",    "",       "x",    ".5",   "9.",    "abc",   "1A2b,",
		"999999999999999",          "9999999999999999",      "fffffffffffffff",
		"ffffffffffffffff",         "12345678901234567890",  "18446744073709551616",
	};
	int bases[] = {10, 16};
	int same = 1;
	for (size_t b = 0; b < 2; b++)
		for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
			char *e1, *e2;
			unsigned long want = strtoul(texts[i], &e1, bases[b]);
			unsigned long got = ac_text_ulong(texts[i], &e2, bases[b]);
			if (want != got || e1 != e2) {
				fprintf(stderr, "base %d \"%s\": %lu +%td, strtoul %lu +%td\n", bases[b], texts[i], got,
					e2 - texts[i], want, e1 - texts[i]);
				same = 0;
			}
		}
	ASSERT(1, same);
	ASSERT(42ul, ac_text_ulong("42", NULL, 10));
}

static void test_int_text_as_printf(void)
{
	long long values[] = {0, 1, -1, 10, -987654321, 9223372036854775807ll, -9223372036854775807ll - 1};
	int same = 1;
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		char buf[AC_INT_TEXT_MAX + 1], want[32];
		buf[AC_INT_TEXT_MAX] = '\0';
		snprintf(want, sizeof want, ",%lld", values[i]);
		same &= strcmp(ac_int_text(buf + AC_INT_TEXT_MAX, values[i], ','), want) == 0;
	}
	ASSERT(1, same);
}

int main(void)
{
	test_ulong_as_strtoul();
	test_int_text_as_printf();
	return test_done();
}
