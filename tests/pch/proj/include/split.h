/* The header the files of split/one and split/two start with, found in the
 * include path: neither directory has a split.h of its own, so their files
 * share one precompiled header across the two directories. */
#ifndef SPLIT_H
#define SPLIT_H

#include <stdlib.h>

__attribute__((malloc)) void *split_alloc(size_t n);
#define SPLIT_FREE(p) free(p)

#endif
