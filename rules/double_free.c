/*
 * double-free (CWE-415): a block released again on some path: directly,
 * through an alias or a releasing helper, in a loop, on a goto cleanup path;
 * and a struct member released and left dangling by one function, then
 * released unconditionally by the type's destructor.
 * FREED --release--> report at the second release (the first is its note)
 * Doc: rules/double-free.md. Fixtures: fixtures/double-free/.
 */
#include "rules.h"

void ac_rule_double_free(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_DOUBLE_FREE)
		return;
	AcArena a = {0};
	if (ev->other_fn) {
		const char *note = ac_arena_printf(&a, "'%s' releases '%s' here and does not set it to NULL", ev->other_fn,
		                                   ev->place);
		ac_report(cx, ev, note, "'%s' may be released twice: '%s' releases it and leaves it dangling, and this "
		                        "destructor releases it unconditionally",
		          ev->place, ev->other_fn);
		ac_arena_free(&a);
		return;
	}
	const char *note = ac_arena_printf(&a, "first released here by '%s'", ev->released_by);
	if (ev->place)
		ac_report(cx, ev, note, "memory pointed to by '%s' is released twice: '%s' releases it again",
		          ev->place, ev->deallocator);
	else
		ac_report(cx, ev, note, "memory is released twice: '%s' releases it again", ev->deallocator);
	ac_arena_free(&a);
}
