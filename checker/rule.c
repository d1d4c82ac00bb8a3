/*
 * rule: dispatching engine events to the enabled rules, and ac_report, the
 * one way a rule creates a finding.
 */
#include "rule.h"

#include <stdarg.h>
#include <string.h>

#include "mem.h"

int ac_rule_index(const char *id)
{
	for (size_t i = 0; i < ac_nrules; i++) {
		if (strcmp(ac_rules[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

void ac_rules_dispatch(const AcRuleSet *set, const AcFunc *fn, AcFindings *out, const AcEvent *ev)
{
	for (size_t i = 0; i < ac_nrules && i < AC_MAX_RULES; i++) {
		if (!set->enabled[i] || !ac_rules[i].on_event)
			continue;
		AcRuleCtx cx = {.rule = &ac_rules[i], .fn = fn, .out = out};
		ac_rules[i].on_event(&cx, ev);
	}
}

void ac_report(AcRuleCtx *cx, const AcEvent *ev, const char *site_note, const char *fmt, ...)
{
	AcArena tmp = {0};
	va_list ap;
	va_start(ap, fmt);
	char *msg = ac_arena_vprintf(&tmp, fmt, ap);
	va_end(ap);
	size_t n = ev->npath + 3;
	AcNote *notes = AC_ARENA_ARRAY(&tmp, AcNote, n);
	size_t k = 0;
	if (site_note && ev->site)
		notes[k++] = (AcNote){ev->site->loc, site_note};
	if (site_note && ev->site && ev->site->origin)
		notes[k++] = *ev->site->origin;
	for (size_t i = 0; i < ev->npath; i++)
		notes[k++] = ev->path[i];
	if (ev->extra)
		notes[k++] = *ev->extra;
	AcFinding f = {
		.rule = cx->rule->id,
		.severity = cx->rule->severity,
		.loc = ev->loc,
		.message = msg,
		.function = cx->fn ? cx->fn->name : NULL,
		.notes = notes,
		.nnotes = k,
	};
	ac_findings_add(cx->out, &f);
	ac_arena_free(&tmp);
}
