/*
 * registry: the one list of rules. A rule's position here is its index in
 * AcRuleSet; its doc is rules/<id>.md, embedded at build time.
 */
#include <stddef.h>

#include "rule.h"
#include "rules.h"

const AcRule ac_rules[] = {
	{"leak", 401, AC_SEV_WARNING,
	 "allocated memory not released on some path out of the function", ac_rule_leak,
	 "MemoryLeak", "5.3", "high"},
	{"unchecked-alloc", 690, AC_SEV_WARNING,
	 "allocation result used before it is checked for NULL", ac_rule_unchecked_alloc,
	 "UncheckedAllocation", "6.5", "high"}, /* a NULL dereference is a crash */
	{"realloc-self-assign", 401, AC_SEV_WARNING,
	 "p = realloc(p, n) loses the old block when the call fails", ac_rule_realloc_self_assign,
	 "ReallocSelfAssignment", "5.3", "very-high"},
	{"dealloc-mismatch", 762, AC_SEV_WARNING,
	 "memory released by a function of another allocator family", ac_rule_dealloc_mismatch,
	 "DeallocatorMismatch", "7.5", "high"}, /* heap corruption */
	{"double-free", 415, AC_SEV_WARNING,
	 "memory released twice on some path", ac_rule_double_free,
	 "DoubleFree", "8.1", "high"}, /* heap corruption an attacker can steer */
	{"use-after-free", 416, AC_SEV_WARNING,
	 "released memory used on some path", ac_rule_use_after_free,
	 "UseAfterFree", "8.1", "high"},
	{"free-nonheap", 590, AC_SEV_WARNING,
	 "memory that no allocator returned (stack, static, literal) is released", ac_rule_free_nonheap,
	 "FreeOfNonHeapMemory", "7.5", "high"},
	{"free-offset", 761, AC_SEV_WARNING,
	 "a pointer into a block, not to its start, is released", ac_rule_free_offset,
	 "FreeOfPointerNotAtStart", "7.5", "high"},
};

const size_t ac_nrules = sizeof ac_rules / sizeof ac_rules[0];
