/*
 * ir_file: one translation unit's lowered IR (the AcTu of cfg.h), its
 * results and its part in the link step, as a file: what alloccheck-cc
 * writes next to each TU's JSON result so that "alloccheck merge" can link
 * the program and analyse a TU again without parsing C (docs/ir-format.md).
 *
 * The file is text, versioned by its first line; the reader trusts nothing
 * in it: every count is bounded by the bytes left, every index is checked
 * against what it indexes, and the IR it returns satisfies the invariants
 * ac_cfg_verify asserts. Anything else is an error with a reason, never a
 * crash. This module does not touch libclang.
 */
#ifndef AC_IR_FILE_H
#define AC_IR_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cfg.h"
#include "engine.h"
#include "hash.h"
#include "jobs.h"
#include "walks.h"

/* The first line of every IR file of this version. */
#define AC_IR_FORMAT "alloccheck-ir 6"
/* The name suffix of IR files. */
#define AC_IR_SUFFIX ".acir"

/* The options a TU was analysed with (engine options, the contents of the
 * --allocators files, the tool's version) as a digest: merge analyses a TU
 * again when its own options differ. */
void ac_ir_options_key(const AcEngineOptions *engine, const char *const *allocators, size_t nallocators,
                       char out[AC_HASH_HEX + 1]);

/* Writes tu and what its analysis produced (res: findings without those of
 * the program-wide struct-member check, link data, counts; walks: the walks
 * of its functions, or NULL) to path (real: the real path of tu's file, or
 * NULL), atomically: a temporary file in the same directory renamed over
 * path. Returns 0, or -1 with errno set. */
int ac_ir_write_file(const char *path, const AcTu *tu, const char *real, const AcJobResult *res,
                     const char *options, const AcTuWalks *walks);

/* The text of an IR file without the IR (the TU's file path, no real path
 * nor options): res's results and link data, then the end record, which
 * ac_ir_read with tu NULL reads back. What the result cache keeps of a TU
 * (cache.c). The caller frees it with ac_free; *len is its length. */
char *ac_ir_results_text(const char *path, const AcJobResult *res, size_t *len);

/* The header of an IR file: where it came from. */
typedef struct AcIrInfo {
	const char *path;     /* the TU's main file, as the compiler was given it; in the
	                         result's link arena */
	const char *real;     /* its real path when known (the same file compiled twice is
	                         linked once), else NULL; in the same arena */
	const char *options;  /* ac_ir_options_key of its analysis; in the same arena */
} AcIrInfo;

/* Reads text[0..len) (text[len] must be '\0'; the text is modified). Fills
 * res (zero-initialised: findings, link data, nfunctions, budget; cached
 * set) and info; with tu not NULL also the IR into *tu (free it with
 * ac_ir_tu_free) and, with walks not NULL, the walks of its functions into
 * *walks (free them with ac_walks_free). Returns 0, or -1 with *why (static
 * text or in why_buf) saying what is wrong; res, *tu and *walks are then
 * empty. */
int ac_ir_read(char *text, size_t len, AcJobResult *res, AcIrInfo *info, AcTu **tu, AcTuWalks *walks,
               char *why_buf, size_t why_size, const char **why);

/* ac_ir_read on the file at path. */
int ac_ir_load(const char *path, AcJobResult *res, AcIrInfo *info, AcTu **tu, AcTuWalks *walks, char *why_buf,
               size_t why_size, const char **why);

void ac_ir_tu_free(AcTu *tu); /* NULL is fine */

/* Adds fn's IR, as an IR file holds it, to h: its name, places, blocks,
 * ops, calls and locations, with every string by its text, and without
 * what only names it in its TU (the index of a callee defined there; its
 * name is kept) nor AcFunc.shared. Two TUs that make the same function
 * from the same header add the same. */
void ac_ir_func_digest(const AcFunc *fn, AcHash *h);

#endif
