/*
 * doc_lookup: finds a rule's embedded Markdown doc by id. The table itself,
 * ac_rule_docs, is generated from rules/<id>.md at build time.
 */
#include "rule_docs.h"

#include <string.h>

const char *ac_rule_doc(const char *id)
{
	for (size_t i = 0; i < ac_nrule_docs; i++) {
		if (strcmp(ac_rule_docs[i].id, id) == 0)
			return ac_rule_docs[i].text;
	}
	return NULL;
}
