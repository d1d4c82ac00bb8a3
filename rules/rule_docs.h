/*
 * rule_docs: the Markdown docs of rules/<id>.md, embedded at build time by
 * rules/embed_docs.cmake, so --explain and (later) SARIF help need no files.
 */
#ifndef AC_RULE_DOCS_H
#define AC_RULE_DOCS_H

#include <stddef.h>

typedef struct AcRuleDoc {
	const char *id;   /* the file name without .md */
	const char *text; /* the whole Markdown text */
} AcRuleDoc;

extern const AcRuleDoc ac_rule_docs[];
extern const size_t ac_nrule_docs;

/* The doc of rule id, or NULL. */
const char *ac_rule_doc(const char *id);

#endif
