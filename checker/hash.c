/*
 * hash: see hash.h. Each lane absorbs a word w as h = (h ^ w) * odd, then
 * h ^= h >> r: both steps are bijections, so two inputs that differ in one
 * word never collide within a lane, and the lanes use different constants
 * and shifts (and lane b sees the word rotated), so a collision has to
 * happen in both at once. The final mix (MurmurHash3's fmix64 constants)
 * folds in the length and spreads every bit over the digest.
 */
#define _POSIX_C_SOURCE 200809L

#include "hash.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const uint64_t mul_a = 0x9e3779b97f4a7c15u;
static const uint64_t mul_b = 0xc2b2ae3d27d4eb4fu;

static uint64_t rotl(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

static void absorb(AcHash *h, uint64_t w)
{
	h->a = (h->a ^ w) * mul_a;
	h->a ^= h->a >> 29;
	h->b = (h->b ^ rotl(w, 32)) * mul_b;
	h->b ^= h->b >> 31;
}

/* Little-endian whatever the machine, so digests are portable. */
static uint64_t load64(const unsigned char *p)
{
	uint64_t w = 0;
	for (int i = 7; i >= 0; i--)
		w = (w << 8) | p[i];
	return w;
}

void ac_hash_init(AcHash *h)
{
	memset(h, 0, sizeof *h);
	h->a = 0x243f6a8885a308d3u;
	h->b = 0x13198a2e03707344u;
}

void ac_hash_update(AcHash *h, const void *data, size_t n)
{
	const unsigned char *p = data;
	h->len += n;
	if (h->ntail > 0) {
		/* The tail never holds a whole word: it is absorbed the moment it
		 * does.  Masking the index says so to the compiler (gcc 12 -O2
		 * cannot prove it after inlining and warns of an overflow). */
		size_t room = sizeof h->tail - (h->ntail & 7);
		size_t take = n < room ? n : room;
		for (size_t i = 0; i < take; i++)
			h->tail[(h->ntail + i) & 7] = p[i];
		h->ntail += take;
		p += take;
		n -= take;
		if (h->ntail == sizeof h->tail) {
			absorb(h, load64(h->tail));
			h->ntail = 0;
		}
	}
	for (; n >= 8; p += 8, n -= 8)
		absorb(h, load64(p));
	memcpy(h->tail, p, n);
	h->ntail += n;
}

void ac_hash_str(AcHash *h, const char *s)
{
	if (!s) {
		ac_hash_update(h, "\377", 2); /* no C string is this */
		return;
	}
	ac_hash_update(h, s, strlen(s) + 1);
}

void ac_hash_u64(AcHash *h, uint64_t v)
{
	unsigned char b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	ac_hash_update(h, b, sizeof b);
}

static uint64_t fmix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdu;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53u;
	k ^= k >> 33;
	return k;
}

void ac_hash_hex(const AcHash *h, char out[AC_HASH_HEX + 1])
{
	AcHash c = *h;
	unsigned char last[8] = {0};
	memcpy(last, c.tail, c.ntail);
	absorb(&c, load64(last));
	absorb(&c, c.len);
	uint64_t a = fmix(c.a + c.b), b = fmix(c.b ^ rotl(c.a, 17));
	static const char digits[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		out[i] = digits[(a >> (60 - 4 * i)) & 15];
		out[16 + i] = digits[(b >> (60 - 4 * i)) & 15];
	}
	out[AC_HASH_HEX] = '\0';
}

int ac_hash_file(const char *path, char out[AC_HASH_HEX + 1])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	AcHash h;
	ac_hash_init(&h);
	unsigned char buf[65536];
	ssize_t got;
	while ((got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		ac_hash_update(&h, buf, (size_t)got);
	}
	close(fd);
	ac_hash_hex(&h, out);
	return 0;
}
