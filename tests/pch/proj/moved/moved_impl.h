/* moved/moved_impl.h: reads MOVED_WIDE, which mv4.c defines before it
 * includes moved.h: its #define must stay before the header (the file is
 * parsed whole), and the precompiled header of the others must not see it. */
#ifndef MOVED_IMPL_H
#define MOVED_IMPL_H

#ifdef MOVED_WIDE
#define MOVED_DROP(p) free(p)
#else
#define MOVED_DROP(p) ((void)(p))
#endif

#endif
