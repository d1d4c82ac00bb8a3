/* paste/paste.h: pastes moved_ and level with ## in an #if, and reads the
 * macro p1.c defines before it includes the header: that #define must stay
 * there. The header never spells the name, so only the precompiled header
 * made with the moved names as stray tokens finds that it reads it. */
#ifndef PASTE_H
#define PASTE_H

#include <stdlib.h>

#define PASTE_CAT(a, b) a##b

#if PASTE_CAT(moved_, level) > 1
#define PASTE_DROP(p) free(p)
#else
#define PASTE_DROP(p) ((void)(p))
#endif

#endif
