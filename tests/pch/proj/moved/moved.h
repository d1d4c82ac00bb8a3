/* moved/moved.h: the header the files of moved/ share after a #define of
 * their own; moved_impl.h, which it includes, reads one of those. */
#ifndef MOVED_H
#define MOVED_H

#include <stdlib.h>

#include "moved_impl.h"

char *moved_name(const char *tag);

#endif
