/*
 * double-free (CWE-415): a block released again on some path: directly,
 * through an alias or a releasing helper, in a loop, on a goto cleanup path;
 * and a struct member released and left dangling by one function, then
 * released unconditionally by the type's destructor.
 * FREED --release--> report at the second release (the first is its note)
 * Doc: rules/double-free.md. Fixtures: fixtures/double-free/.
 */
#include "rules.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Cython's name of a method's implementation, __pyx_pf_<n>module_<n>Class_<i>method,
 * as the user wrote it: Class.method; any other name as it is. */
static const char *method_name(AcArena *a, const char *fn)
{
	if (strncmp(fn, "__pyx_pf_", 9) != 0)
		return fn;
	const char *p = fn + 9, *cls = NULL;
	size_t cls_len = 0;
	for (int part = 0; part < 2; part++) {
		char *end;
		unsigned long n = strtoul(p, &end, 10);
		if (end == p || strlen(end) < n + 1 || end[n] != '_')
			return fn;
		cls = end;
		cls_len = n;
		p = end + n + 1;
	}
	while (isdigit((unsigned char)*p))
		p++;
	return *p ? ac_arena_printf(a, "%.*s.%s", (int)cls_len, cls, p) : fn;
}

void ac_rule_double_free(AcRuleCtx *cx, const AcEvent *ev)
{
	if (ev->kind != AC_EV_DOUBLE_FREE)
		return;
	AcArena a = {0};
	if (ev->other_fn) {
		const char *first = method_name(&a, ev->other_fn);
		const char *note = ac_arena_printf(&a, "'%s' releases '%s' here and does not set it to NULL", first,
		                                   ev->place);
		ac_report(cx, ev, note, "'%s' may be released twice: '%s' releases it and leaves it dangling, and this "
		                        "destructor releases it unconditionally",
		          ev->place, first);
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
