/*
 * engine: the path-aware dataflow over abstract heap objects.
 *
 * Runs every function of a lowered TU, callees first so that functions
 * defined in the TU are used through their summaries, and sends the events it
 * finds to the enabled rules. Findings go to out; nothing is printed except
 * the -v note when a function exhausts its step budget.
 */
#ifndef AC_ENGINE_H
#define AC_ENGINE_H

#include <stddef.h>

#include "cfg.h"
#include "family.h"
#include "finding.h"
#include "rule.h"

typedef struct AcEngineOptions {
	size_t max_disjuncts; /* states kept per program point before joining (default 16) */
	size_t step_budget;   /* block visits per function before giving up (default 200000) */
	AcRuleSet rules;      /* which rules receive events */
	const AcFamilies *families; /* allocator knowledge; NULL means the built-in families */
} AcEngineOptions;

void ac_engine_defaults(AcEngineOptions *opt); /* all rules enabled */

void ac_engine_run(const AcTu *tu, const AcEngineOptions *opt, AcFindings *out);

#endif
