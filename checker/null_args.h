/*
 * null_args: part of the link step. The pointer parameters that every call
 * of a function passes NULL, so that the engine walks it with them NULL
 * (AcFlow.null_args: realloc(data, n) of a data that is NULL is a malloc,
 * the standard suites' goodG2B sinks).
 *
 * Which functions can have any: one whose every call the program sees. A
 * static function whose address is not taken where the program cannot
 * follow the calls through it; one with external linkage only when the
 * program is also closed: it defines main once (or the user says so,
 * --closed-program), and nothing says callers may be outside the run
 * (--per-file, alloccheck-cc's single file, --program-summaries, a TU that
 * could not be loaded or has parse errors, compile database entries left
 * out). A library's exported functions, a program's functions whose
 * address is taken, and names defined twice get nothing.
 *
 * Each TU gives a text of records (ac_null_args_records) that depends on
 * its IR alone, so a TU taken from the cache or from an IR file brings into
 * the link data what a parse now would give. The program solves the
 * records of every TU at once, from nothing NULL upwards (a parameter
 * passed on only to itself stays unknown). A TU's analysis used the masks
 * of its functions with external linkage: its link data consumes them
 * (AC_NULL_ARGS_PREFIX NAME), so its cached results are set aside when a
 * change elsewhere changes one.
 */
#ifndef AC_NULL_ARGS_H
#define AC_NULL_ARGS_H

#include <stdint.h>

#include "program.h"

/* The key of the link data entry (the fnstores list) holding a TU's records. */
#define AC_NULL_ARGS_KEY "nullargs"
/* The prefix of a consumed name: the mask of the function named after it. */
#define AC_NULL_ARGS_PREFIX "nullargs "

/* The records of tu, in a: made by the worker that lowered it (jobs.c),
 * else by ac_program_link. */
char *ac_null_args_records(AcArena *a, const AcTu *tu);

/* Solves the records of every TU of p into p->null_params (per body) and
 * the masks by external name; called by ac_program_link. */
void ac_null_args_solve(AcProgram *p);

/* The mask of the function with external linkage called name, as the link
 * data records it: hexadecimal, "0" when it has none or is not defined. */
const char *ac_null_args_text(const AcProgram *p, const char *name);

/* Whether fn's mask is recorded as consumed: external linkage and a pointer
 * among its first 32 parameters. */
bool ac_null_args_consumed(const AcFunc *fn);

#endif
