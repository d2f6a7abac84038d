/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Random numbers for the kernel's tests (generic_pt's KUnit): a fixed
 * xorshift sequence, so a failing run fails the same way again.
 */
#ifndef KSHIM_STUBS_RANDOM_H
#define KSHIM_STUBS_RANDOM_H

#include "../dup/types.h"

static inline u32 kshim_random_u32(void)
{
	static u64 state = 0x9e3779b97f4a7c15ull;

	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (u32)(state >> 32);
}

static inline u32 get_random_u32(void)
{
	return kshim_random_u32();
}

static inline u64 get_random_u64(void)
{
	return (u64)kshim_random_u32() << 32 | kshim_random_u32();
}

/* [0, ceil): ceil 0 gives 0, as nothing is below it to pick */
static inline u32 get_random_u32_below(u32 ceil)
{
	return ceil ? (u32)(((u64)kshim_random_u32() * ceil) >> 32) : 0;
}

static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

#endif
