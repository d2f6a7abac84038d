// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mutator's own PRNG (splitmix64): no global state, so the same seed
 * always gives the same mutation whatever else runs in the process.
 */
#include "pbm.h"

void pbm_rng_seed(struct pbm_rng *rng, uint64_t seed)
{
	rng->state = seed ^ 0x6a09e667f3bcc909ULL;
}

uint64_t pbm_rng_next(struct pbm_rng *rng)
{
	uint64_t z = (rng->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t pbm_rng_below(struct pbm_rng *rng, uint64_t n)
{
	/* the modulo bias is below 2^-40 for the small n used here */
	return pbm_rng_next(rng) % n;
}

bool pbm_rng_chance(struct pbm_rng *rng, unsigned int num, unsigned int den)
{
	return pbm_rng_below(rng, den) < num;
}
