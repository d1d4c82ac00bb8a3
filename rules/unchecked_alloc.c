/*
 * unchecked-alloc (CWE-690): a maybe-NULL allocation result is used before
 * any NULL check on the path.
 * UNCHECKED --deref / non-NULL parameter--> report once, then non-NULL
 * Doc: rules/unchecked-alloc.md. Fixtures: fixtures/unchecked-alloc/.
 */
#include "rules.h"

void ac_rule_unchecked_alloc(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_NULL_USE)
		return;
	const char *alloc = ev->site->allocator ? ev->site->allocator : "an allocator";
	const char *note = "allocated here; the result may be NULL";
	if (ev->how == AC_USE_NONNULL_ARG) {
		if (ev->place)
			ac_report(cx, ev, note, "'%s' from '%s' may be NULL and is passed to '%s' (argument %u) unchecked",
			          ev->place, alloc, ev->callee ? ev->callee : "?", ev->argno);
		else
			ac_report(cx, ev, note, "result of '%s' may be NULL and is passed to '%s' (argument %u) unchecked",
			          alloc, ev->callee ? ev->callee : "?", ev->argno);
		return;
	}
	if (ev->place)
		ac_report(cx, ev, note, "'%s' from '%s' may be NULL and is dereferenced without a check", ev->place, alloc);
	else
		ac_report(cx, ev, note, "result of '%s' may be NULL and is dereferenced without a check", alloc);
}
