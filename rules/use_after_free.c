/*
 * use-after-free (CWE-416): a released block dereferenced, indexed, its
 * member read or written, passed to a function that reads it, or returned;
 * the old pointer after a realloc that succeeded (the block may have moved).
 * FREED --use--> report once, at the first use (the release is its note)
 * Doc: rules/use-after-free.md. Fixtures: fixtures/use-after-free/.
 */
#include "rules.h"

static const char *use_text(AcArena *a, const AcEvent *ev)
{
	switch (ev->how) {
	case AC_USE_NONNULL_ARG:
	case AC_USE_READ_ARG:
		return ac_arena_printf(a, "is passed to '%s' (argument %u), which reads it", ev->callee, ev->argno);
	case AC_USE_PASS_ARG:
		return ac_arena_printf(a, "is passed to '%s' (argument %u)", ev->callee, ev->argno);
	case AC_USE_CALLEE_READ:
		return ac_arena_printf(a, "is read by '%s'", ev->callee);
	case AC_USE_RETURN:
		return "is returned to the caller";
	default:
		return "is used";
	}
}

void ac_rule_use_after_free(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_USE_AFTER_FREE)
		return;
	AcArena a = {0};
	const char *use = use_text(&a, ev);
	if (ev->by_realloc) {
		const char *note = ac_arena_printf(&a, "'%s' succeeded here: the block may have moved", ev->released_by);
		ac_report(cx, ev, note, "the block %s%s%s %s after '%s' reallocated it", ev->place ? "'" : "",
		          ev->place ? ev->place : "pointer", ev->place ? "' points to" : "", use, ev->released_by);
	} else {
		const char *note = ac_arena_printf(&a, "released here by '%s'", ev->released_by);
		if (ev->place)
			ac_report(cx, ev, note, "memory pointed to by '%s' %s after it was released", ev->place, use);
		else
			ac_report(cx, ev, note, "released memory %s", use);
	}
	ac_arena_free(&a);
}
