/*
 * unchecked-alloc (CWE-690): a maybe-NULL allocation result is used before
 * any NULL check on the path.
 * UNCHECKED --deref / non-NULL parameter--> report once, then non-NULL
 * Doc: rules/unchecked-alloc.md. Fixtures: fixtures/unchecked-alloc/.
 */
#include "rules.h"

/* "'p' from 'malloc'", or "result of 'malloc'" for a value never stored. */
static const char *subject(AcRuleCtx *cx, const AcEvent *ev, AcArena *a)
{
	(void)cx;
	const char *alloc = ev->site->allocator ? ev->site->allocator : "an allocator";
	if (ev->place)
		return ac_arena_printf(a, "'%s' from '%s'", ev->place, alloc);
	return ac_arena_printf(a, "result of '%s'", alloc);
}

void ac_rule_unchecked_alloc(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_NULL_USE)
		return;
	AcArena a = {0};
	const char *who = subject(cx, ev, &a);
	const char *fail = ev->site->failure ? ev->site->failure : "NULL";
	const char *state = ac_arena_printf(&a, ev->known_null ? "is %s on this path" : "may be %s", fail);
	const char *note = ac_arena_printf(&a, "allocated here; the result may be %s", fail);
	if (ev->how == AC_USE_NONNULL_ARG)
		ac_report(cx, ev, note, "%s %s and is passed to '%s' (argument %u), which must not be %s", who, state,
		          ev->callee ? ev->callee : "?", ev->argno, fail);
	else if (ev->known_null)
		ac_report(cx, ev, note, "%s %s and is dereferenced", who, state);
	else
		ac_report(cx, ev, note, "%s %s and is dereferenced without a check", who, state);
	ac_arena_free(&a);
}
