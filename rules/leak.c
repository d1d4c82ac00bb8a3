/*
 * leak (CWE-401): an owned block, not known to be NULL, becomes unreachable.
 * OWNED --return / end of scope / overwrite / discard--> report
 * Doc: rules/leak.md. Fixtures: fixtures/leak/.
 */
#include "rules.h"

static const char *how_text(AcLeakHow how)
{
	switch (how) {
	case AC_LEAK_RETURN:
		return "when the function returns";
	case AC_LEAK_END:
		return "at the end of the function";
	case AC_LEAK_SCOPE:
		return "when it goes out of scope";
	case AC_LEAK_OVERWRITE:
		return "when it is overwritten";
	case AC_LEAK_DISCARD:
		return "because the result is never stored";
	case AC_LEAK_CONTAINER:
		return "when the memory holding it is released";
	case AC_LEAK_ARRAY_SCOPE:
		return "when the array goes out of scope";
	case AC_LEAK_REALLOC_FAILED:
		return "when the function returns after its reallocation failed";
	}
	return "";
}

void ac_rule_leak(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_LEAK)
		return;
	const char *alloc = ev->site->allocator ? ev->site->allocator : "an allocator";
	if (ev->how == AC_LEAK_DISCARD || !ev->place) {
		ac_report(cx, ev, NULL, "memory allocated by '%s' is leaked %s", alloc, how_text(ev->how));
		return;
	}
	const char *held = ev->how == AC_LEAK_ARRAY_SCOPE ? "stored in an element of" : "pointed to by";
	ac_report(cx, ev, "memory is allocated here", "memory allocated by '%s' and %s '%s' is leaked %s", alloc, held,
	          ev->place, how_text(ev->how));
}
