/*
 * compile_args: one compiler command line (GCC or Clang driver syntax, as a
 * build runs it) -> the inputs it compiles and the flags libclang needs to
 * parse them the same way. Shared by the compile database (compdb.c) and the
 * compiler wrapper (wrapper.c), so both read a command line identically.
 *
 * The driver name, the sources and the output-side flags are dropped (-c -S
 * -o X, -M* dependency flags, -save-temps, -###, -v), as are the GCC-only
 * flags clang rejects (libclang notes §8); everything else is kept in order.
 * A driver named like a C++ compiler (g++, c++, clang++) makes every input
 * C++; -x LANG applies to the inputs after it.
 */
#ifndef AC_COMPILE_ARGS_H
#define AC_COMPILE_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "vec.h"

typedef enum AcLang {
	AC_LANG_C,     /* .c, .i, -x c */
	AC_LANG_CXX,   /* .cc .cpp .cxx .C ..., -x c++, or a C++ driver */
	AC_LANG_ASM,   /* .s .S .sx, -x assembler* */
	AC_LANG_OTHER, /* objects, libraries, headers, "-" (stdin) */
} AcLang;

typedef struct AcCompileInput {
	const char *path; /* as written on the command line (into argv) */
	AcLang lang;
} AcCompileInput;

typedef struct AcCompileArgs {
	AC_VEC(const char *) flags;      /* for ac_tu_load: no driver, no inputs; into argv */
	AC_VEC(AcCompileInput) inputs;   /* every non-option argument, in order */
	bool preprocess_only;            /* -E, -M or -MM: no compile happens */
} AcCompileArgs;

/* Reads argv[0..argc) (argv[0] is the driver) into *c, which must be
 * zero-initialised; strings point into argv, which must outlive *c. Never
 * fails: unknown flags are kept for libclang. */
void ac_compile_args_parse(AcCompileArgs *c, const char *const *argv, size_t argc);

void ac_compile_args_free(AcCompileArgs *c); /* releases the lists; *c is empty again */

/* Splits a shell command string ("command" in compile_commands.json) into
 * words as sh would: single and double quotes, backslash escapes; no
 * expansion. The words are in arena; *argv is an array in arena too. Returns
 * 0, or -1 when a quote is not closed. */
int ac_compile_args_split(AcArena *arena, const char *cmd, const char ***argv, size_t *argc);

const char *ac_lang_name(AcLang lang); /* "C", "C++", "assembler", "other" */

#endif
