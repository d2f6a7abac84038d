/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * FNV-1a, 64-bit: the one hash of the fuzz layer (state digests, observed
 * tables, the cost memo). Words are hashed as their little-endian bytes,
 * whatever the host, so digests compare across machines.
 */
#ifndef IOTLBFUZZ_FNV_H
#define IOTLBFUZZ_FNV_H

#include <stddef.h>
#include <stdint.h>

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

static inline uint64_t fnv1a_bytes(uint64_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

static inline uint64_t fnv1a_words(uint64_t h, const uint64_t *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (int b = 0; b < 64; b += 8) {
			h ^= (w[i] >> b) & 0xff;
			h *= FNV_PRIME;
		}
	}
	return h;
}

#endif
