/*
 * registry: the one list of rules. A rule's position here is its index in
 * AcRuleSet; its doc is rules/<id>.md, embedded at build time.
 */
#include <stddef.h>

#include "rule.h"
#include "rules.h"

const AcRule ac_rules[] = {
	{"leak", 401, AC_SEV_WARNING,
	 "allocated memory not released on some path out of the function", ac_rule_leak},
	{"unchecked-alloc", 690, AC_SEV_WARNING,
	 "allocation result used before it is checked for NULL", ac_rule_unchecked_alloc},
	{"realloc-self-assign", 401, AC_SEV_WARNING,
	 "p = realloc(p, n) loses the old block when the call fails", ac_rule_realloc_self_assign},
	{"dealloc-mismatch", 762, AC_SEV_WARNING,
	 "memory released by a function of another allocator family", ac_rule_dealloc_mismatch},
};

const size_t ac_nrules = sizeof ac_rules / sizeof ac_rules[0];
