/* Inline suppressions (tests/ci_formats/ci.sh check_suppressions): every
 * function leaks p; only in_string and other_rule are reported. */
#include <stdlib.h>

int ignore_same_line(void)
{
	char *p = malloc(4); // alloccheck-ignore[leak]: at the allocation site
	return 0;
}

int ignore_line_above(void)
{
	char *p = malloc(4);
	/* alloccheck-ignore[leak]: the line above the finding */
	return 0;
}

int nolint(void)
{
	char *p = malloc(4);
	return 0; // NOLINT(alloccheck-leak)
}

int nolint_next_line(void)
{
	char *p = malloc(4);
	// NOLINTNEXTLINE(bugprone-unused, alloccheck-leak)
	return 0;
}

// NOLINTBEGIN(alloccheck-*)
int nolint_block(void)
{
	char *p = malloc(4);
	return 0;
}
// NOLINTEND(alloccheck-*)

int ignore_all_rules(void)
{
	char *p = malloc(4);
	return 0; // alloccheck-ignore: every rule
}

int in_string(void)
{
	const char *s = "// alloccheck-ignore[leak]"; char *p = malloc(4);
	return s[0];
}

int other_rule(void)
{
	char *p = malloc(4); // alloccheck-ignore[unchecked-alloc]
	return 0;
}

int unused(int x) // alloccheck-ignore[leak]: nothing here
{
	return x; // NOLINT(bugprone-x)
}
