/*
 * hash: a 128-bit content hash, streamed, for the result cache (cache.c):
 * the keys of its entries and the digests of the files a TU read.
 *
 * Not cryptographic. It only has to tell apart files and keys that differ
 * by accident; whoever can write the cache directory can write any entry
 * anyway. It is fast instead (two independent 64-bit lanes over 8-byte
 * words, each step a bijection of the lane), because a warm run hashes
 * every header of every TU and must stay far cheaper than a parse.
 */
#ifndef AC_HASH_H
#define AC_HASH_H

#include <stddef.h>
#include <stdint.h>

enum { AC_HASH_HEX = 32 }; /* hex digits of a digest */

typedef struct AcHash {
	uint64_t a, b;          /* the two lanes */
	uint64_t len;           /* bytes hashed so far */
	unsigned char tail[8];  /* bytes not yet forming a whole word */
	size_t ntail;
} AcHash;

void ac_hash_init(AcHash *h);
void ac_hash_update(AcHash *h, const void *data, size_t n);
/* s and its terminating NUL, so that ("ab", "c") and ("a", "bc") differ;
 * NULL hashes differently from "". */
void ac_hash_str(AcHash *h, const char *s);
void ac_hash_u64(AcHash *h, uint64_t v);
/* The digest as AC_HASH_HEX lowercase hex digits and a NUL; h is unchanged. */
void ac_hash_hex(const AcHash *h, char out[AC_HASH_HEX + 1]);

/* The digest of the contents of path into out. Returns 0, or -1 with errno
 * set when the file cannot be read; prints nothing. */
int ac_hash_file(const char *path, char out[AC_HASH_HEX + 1]);

#endif
