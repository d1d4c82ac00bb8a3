/*
 * cython_words: Cython's generated C said in the user's words, for notes.
 *
 * An error check `t = CALL(args); if (unlikely(!t)) __PYX_ERR(...)` tests
 * whether a Python operation raised; which one is read back from the call
 * and the names Cython mangles into its arguments (__pyx_v_x: the variable
 * x, __pyx_n_s_attr: the name attr, __pyx_t_N: whatever the temporary was
 * last given). A branch on a temporary (`__pyx_t_1 = (n > 100); if
 * (unlikely(__pyx_t_1))`) is the condition of the .pyx statement the
 * marker quotes. Best effort, on the text: NULL whenever unsure, and the
 * caller falls back to the statement.
 */
#ifndef AC_CYTHON_WORDS_H
#define AC_CYTHON_WORDS_H

#include <stddef.h>

#include "arena.h"

enum { AC_CYTHON_TEMPS = 128 };

/* What each __pyx_t_N of one function holds, as the user would write it. */
typedef struct AcCythonTemps {
	const char *name[AC_CYTHON_TEMPS]; /* NULL: unknown */
} AcCythonTemps;

/* Updates t with the assignments to temporaries on one C line. */
void ac_cython_temps_line(AcCythonTemps *t, const char *line, size_t n, AcArena *a);

/* The Python operation whose failure the error check on this C line tests
 * ("random.normalvariate", "ran(...)", "total + x"), or NULL. */
const char *ac_cython_raising_op(const AcCythonTemps *t, const char *line, size_t n, AcArena *a);

/* The condition of a quoted .pyx statement ("n > 100" of "if n > 100:",
 * also elif and while), without a trailing comment; NULL for any other
 * statement. */
const char *ac_cython_condition(const char *stmt, AcArena *a);

/* The quoted statement without a trailing comment; in a. */
const char *ac_cython_statement(const char *stmt, AcArena *a);

#endif
