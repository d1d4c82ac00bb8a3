/*
 * realloc-self-assign (CWE-401): E = realloc(E, n) where both E are the same
 * place and the reallocator may return NULL: on failure the only pointer to
 * the old block is overwritten with NULL and the block is lost.
 * PENDING(old) --E = result, E held old, no other alias--> the failure path
 * returns or uses the result unchecked --> report once, at the call
 * Doc: rules/realloc-self-assign.md. Fixtures: fixtures/realloc-self-assign/.
 */
#include "rules.h"

void ac_rule_realloc_self_assign(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_REALLOC_SELF)
		return;
	const char *fn = ev->site->allocator ? ev->site->allocator : "realloc";
	ac_report(cx, ev, "if it fails, it returns NULL and the old block is lost; keep the result in a temporary "
	                  "and assign it only after checking it for NULL",
	          "the result of '%s' is assigned to the pointer it reallocates; the old block leaks when it fails",
	          fn);
}
