/* SPDX-License-Identifier: GPL-2.0-only */
/* Bit and arithmetic helpers with the kernel's semantics (LP64). */
#ifndef KSHIM_DUP_BITOPS_H
#define KSHIM_DUP_BITOPS_H

#include "types.h"

#define BIT(nr) (1UL << (nr))
#define BIT_ULL(nr) (1ULL << (nr))
#define BIT_MASK(nr) (1UL << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr) ((nr) / BITS_PER_LONG)
#define GENMASK(h, l)                                                         \
	(((~0UL) - (1UL << (l)) + 1) & (~0UL >> (BITS_PER_LONG - 1 - (h))))
#define GENMASK_ULL(h, l)                                                     \
	(((~0ULL) - (1ULL << (l)) + 1) &                                      \
	 (~0ULL >> (BITS_PER_LONG_LONG - 1 - (h))))
#define BITS_TO_LONGS(n) (((n) + BITS_PER_LONG - 1) / BITS_PER_LONG)
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]

/* Like the kernel's: undefined for 0, callers must not pass it. */
static inline unsigned long __ffs(unsigned long word)
{
	return (unsigned long)__builtin_ctzl(word);
}

static inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - (unsigned long)__builtin_clzl(word);
}

static inline unsigned int __ffs64(u64 word)
{
	return (unsigned int)__builtin_ctzll(word);
}

#define ffs(x) __builtin_ffs(x)

static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline int fls_long(unsigned long x)
{
	return fls64(x);
}

static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

#define ilog2(n) ((int)(fls64((u64)(n)) - 1))
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n)-1)) == 0))

static inline unsigned long roundup_pow_of_two(unsigned long n)
{
	return 1UL << fls_long(n - 1);
}

static inline unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (fls_long(n) - 1);
}

#define __ALIGN_KERNEL_MASK(x, mask) (((x) + (mask)) & ~(mask))
#define ALIGN(x, a) __ALIGN_KERNEL_MASK(x, (__typeof__(x))(a)-1)
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a)-1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a)-1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define round_up(x, y) ((((x)-1) | ((__typeof__(x))((y)-1))) + 1)
#define round_down(x, y) ((x) & ~((__typeof__(x))((y)-1)))

#define min(a, b)                                                             \
	({                                                                    \
		__typeof__(a) min_a_ = (a);                                   \
		__typeof__(b) min_b_ = (b);                                   \
		min_a_ < min_b_ ? min_a_ : min_b_;                            \
	})
#define max(a, b)                                                             \
	({                                                                    \
		__typeof__(a) max_a_ = (a);                                   \
		__typeof__(b) max_b_ = (b);                                   \
		max_a_ > max_b_ ? max_a_ : max_b_;                            \
	})
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define swap(a, b)                                                            \
	do {                                                                  \
		__typeof__(a) swap_t_ = (a);                                  \
		(a) = (b);                                                    \
		(b) = swap_t_;                                                \
	} while (0)

#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n)&0xffffffff))

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	while (offset < size) {
		unsigned long word = addr[BIT_WORD(offset)] >>
				     (offset % BITS_PER_LONG);

		if (word)
			return min(size, offset + __ffs(word));
		offset = (offset | (BITS_PER_LONG - 1)) + 1;
	}
	return size;
}

#define for_each_set_bit(bit, addr, size)                                     \
	for ((bit) = find_next_bit((addr), (size), 0); (bit) < (size);        \
	     (bit) = find_next_bit((addr), (size), (bit) + 1))

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (addr[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

#endif
