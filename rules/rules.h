/*
 * rules: the event hooks of each rule, one file per rule (rules/<id>.c),
 * listed once in rules/registry.c.
 */
#ifndef AC_RULES_H
#define AC_RULES_H

#include "rule.h"

void ac_rule_leak(AcRuleCtx *cx, const AcEvent *ev);            /* rules/leak.c */
void ac_rule_unchecked_alloc(AcRuleCtx *cx, const AcEvent *ev); /* rules/unchecked_alloc.c */
void ac_rule_realloc_self_assign(AcRuleCtx *cx, const AcEvent *ev); /* rules/realloc_self_assign.c */
void ac_rule_dealloc_mismatch(AcRuleCtx *cx, const AcEvent *ev); /* rules/dealloc_mismatch.c */
void ac_rule_double_free(AcRuleCtx *cx, const AcEvent *ev);     /* rules/double_free.c */
void ac_rule_use_after_free(AcRuleCtx *cx, const AcEvent *ev);  /* rules/use_after_free.c */
void ac_rule_free_nonheap(AcRuleCtx *cx, const AcEvent *ev);    /* rules/free_nonheap.c */
void ac_rule_free_offset(AcRuleCtx *cx, const AcEvent *ev);     /* rules/free_offset.c */

#endif
