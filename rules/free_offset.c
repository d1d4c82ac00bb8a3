/*
 * free-offset (CWE-761): a deallocator handed a pointer into a block that
 * no longer points at its start (p++ in a loop, p += k, &p[i] with i != 0,
 * a strchr result into the block), or that was moved back before it
 * (p - 10, p--).
 * OWNED, interior pointer --release--> report at the release
 * Doc: rules/free-offset.md. Fixtures: fixtures/free-offset/.
 */
#include "rules.h"

void ac_rule_free_offset(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_FREE_OFFSET)
		return;
	if (!ev->site) {
		ac_report(cx, ev, NULL, "'%s' releases '%s', which was moved past the start of the block it points into",
		          ev->deallocator, ev->place ? ev->place : "a pointer");
		return;
	}
	const char *alloc = ev->site->allocator ? ev->site->allocator : "an allocator";
	if (ev->how && ev->place)
		ac_report(cx, ev, "the block starts here",
		          "'%s' releases '%s', which points before the start of the block from '%s'", ev->deallocator,
		          ev->place, alloc);
	else if (ev->how)
		ac_report(cx, ev, "the block starts here",
		          "'%s' releases a pointer before the start of the block from '%s'", ev->deallocator, alloc);
	else if (ev->place)
		ac_report(cx, ev, "the block starts here",
		          "'%s' releases '%s', which points inside the block from '%s', not to its start", ev->deallocator,
		          ev->place, alloc);
	else
		ac_report(cx, ev, "the block starts here",
		          "'%s' releases a pointer inside the block from '%s', not to its start", ev->deallocator, alloc);
}
