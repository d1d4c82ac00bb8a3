/*
 * free-nonheap (CWE-590): a deallocator handed memory no allocator returned:
 * a local or parameter's address, a local array, a static or global object,
 * a string literal, alloca memory, a function, a constant address; also
 * when it holds such an address on some path only.
 * NONHEAP --release--> report at the release
 * Doc: rules/free-nonheap.md. Fixtures: fixtures/free-nonheap/.
 */
#include "rules.h"

static const char *what(AcArena *a, const AcEvent *ev)
{
	switch ((AcNonHeap)ev->nonheap) {
	case AC_NONHEAP_LOCAL:
		return ac_arena_printf(a, "the address of local variable '%s'", ev->target);
	case AC_NONHEAP_PARAM:
		return ac_arena_printf(a, "the address of parameter '%s'", ev->target);
	case AC_NONHEAP_GLOBAL:
		if (!ev->target)
			return "the address of a static or global object";
		return ac_arena_printf(a, "the address of static or global object '%s'", ev->target);
	case AC_NONHEAP_LITERAL:
		return "a string literal";
	case AC_NONHEAP_FUNCTION:
		return "the address of a function";
	case AC_NONHEAP_ALLOCA:
		return "stack memory from 'alloca'";
	case AC_NONHEAP_CONSTANT:
		return ac_arena_printf(a, "the constant address %s", ev->target);
	}
	return "memory that is not on the heap";
}

void ac_rule_free_nonheap(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_FREE_NONHEAP)
		return;
	AcArena a = {0};
	const char *w = what(&a, ev);
	if (ev->place)
		ac_report(cx, ev, NULL, "'%s' releases '%s', which holds %s, not memory from an allocator",
		          ev->deallocator, ev->place, w);
	else
		ac_report(cx, ev, NULL, "'%s' releases %s, not memory from an allocator", ev->deallocator, w);
	ac_arena_free(&a);
}
