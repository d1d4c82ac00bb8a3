/*
 * fingerprint: a finding's identity that survives edits elsewhere in the
 * file, for the JSON report now and for SARIF partialFingerprints, GitLab
 * Code Quality and baseline files later.
 *
 * A fingerprint is 16 lowercase hex digits: the 64-bit FNV-1a hash of
 *
 *   file NUL rule NUL function NUL normalised-text NUL occurrence
 *
 * where file is the path as the finding names it (as given on the command
 * line, leading "./" dropped), normalised-text is the source line the finding
 * points at with comments and all whitespace removed, and occurrence is the
 * decimal index of the finding among those of the run with the same first
 * four parts, in report order (0 for the first). Line and column numbers are
 * never part of it, so inserting or deleting lines above a finding, or
 * re-indenting it, or adding a comment on its line, keeps its fingerprint;
 * editing the statement itself, renaming the function or moving the file
 * changes it. Paths are taken as written, so runs that are compared must name
 * the files the same way (same working directory, same arguments).
 */
#ifndef AC_FINGERPRINT_H
#define AC_FINGERPRINT_H

#include <stddef.h>

#include "finding.h"

enum { AC_FINGERPRINT_HEX = 16 }; /* hex digits in a fingerprint */

typedef struct AcFingerprint {
	char hex[AC_FINGERPRINT_HEX + 1]; /* NUL-terminated lowercase hex */
} AcFingerprint;

/* What a fingerprint is made of, but the occurrence index. */
typedef struct AcFingerprintKey {
	const char *file;     /* the path as given; NULL: none */
	const char *rule;     /* the rule id */
	const char *function; /* the function the finding is in; NULL: none */
	const char *text;     /* the statement as written (it is normalised here); NULL: none */
	size_t ntext;         /* bytes in text */
} AcFingerprintKey;

/* Copies text[0..n) to out without whitespace and comments (a comment still
 * open at the end of the text is dropped too); comment openers inside string
 * and character literals are text. out has room for n bytes and is not
 * NUL-terminated. Returns the number of bytes written. */
size_t ac_fingerprint_normalise(const char *text, size_t n, char *out);

/* The fingerprint of key's finding that is the occurrence-th (0-based) with
 * this key in its report. */
AcFingerprint ac_fingerprint(const AcFingerprintKey *key, size_t occurrence);

/* The fingerprints of every finding of fs (sorted, as reporters get them):
 * out[i] for fs->list.v[i]; out has room for fs->list.n. The text of each
 * finding is its source line, read from the file named in its location; when
 * that line cannot be read, the finding's message stands in for it. The
 * occurrence indices make the fingerprints of one report distinct. */
void ac_fingerprints(const AcFindings *fs, AcFingerprint *out);

#endif
