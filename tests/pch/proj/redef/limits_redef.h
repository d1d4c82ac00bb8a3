/* Defines again a macro its includers defined before including it. */
#ifndef LIMITS_REDEF_H
#define LIMITS_REDEF_H
#undef LIMIT
#define LIMIT 8
#define SHOUT(p) ((p) ? (p)[LIMIT] : 0)
#endif
