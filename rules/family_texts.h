/*
 * family_texts: the JSON files of rules/families/, embedded at build time by
 * rules/embed_families.cmake, so the built-in allocator families need no data
 * files at run time. family.c parses them at start-up.
 */
#ifndef AC_FAMILY_TEXTS_H
#define AC_FAMILY_TEXTS_H

#include <stddef.h>

#include "family.h"

/* {"rules/families/<file>.json", its text}, in file-name order. */
extern const AcFamilySource ac_family_texts[];
extern const size_t ac_nfamily_texts;

#endif
