/*
 * dealloc-mismatch (CWE-762): a block of family A released (or reallocated)
 * by a function of family B, along a path, through same-file wrappers, or
 * across functions through a struct member that only family A fills.
 * OWNED(A) --release by B != A--> report at the release
 * Doc: rules/dealloc-mismatch.md. Fixtures: fixtures/dealloc-mismatch/.
 */
#include "rules.h"

void ac_rule_dealloc_mismatch(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_DEALLOC_MISMATCH)
		return;
	const char *alloc = ev->site && ev->site->allocator ? ev->site->allocator : ev->alloc_family;
	if (ev->field) {
		AcArena a = {0};
		const char *note = ac_arena_printf(&a, "'%s' holds memory from '%s' (family %s), stored here", ev->field,
		                                   alloc, ev->alloc_family);
		ac_report(cx, ev, note, "'%s' releases '%s', which only ever holds memory of family %s, with a function of "
		                        "family %s",
		          ev->deallocator, ev->field, ev->alloc_family, ev->dealloc_family);
		ac_arena_free(&a);
		return;
	}
	AcArena a = {0};
	const char *note = ac_arena_printf(&a, "allocated here by '%s' (family %s)", alloc, ev->alloc_family);
	ac_report(cx, ev, note, "memory allocated by '%s' (family %s) is released by '%s' (family %s)", alloc,
	          ev->alloc_family, ev->deallocator, ev->dealloc_family);
	ac_arena_free(&a);
}
