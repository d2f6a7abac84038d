/* SPDX-License-Identifier: GPL-2.0-only */
/* Bit and arithmetic helpers with the kernel's semantics (LP64). */
#ifndef KSHIM_BITOPS_H
#define KSHIM_BITOPS_H

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

/* linux/bitfield.h */
#define __bf_shf(x) (__builtin_ffsll(x) - 1)
#define FIELD_PREP(mask, val)                                                 \
	((__typeof__(mask))(((__typeof__(mask))(val) << __bf_shf(mask)) &    \
			    (mask)))
#define FIELD_GET(mask, reg)                                                  \
	((__typeof__(mask))(((reg) & (mask)) >> __bf_shf(mask)))
#define FIELD_MAX(mask) ((__typeof__(mask))((mask) >> __bf_shf(mask)))
#define FIELD_FIT(mask, val)                                                  \
	(!((((__typeof__(mask))(val)) << __bf_shf(mask)) & ~(mask)))

/* linux/sizes.h */
#define SZ_1 0x00000001
#define SZ_2 0x00000002
#define SZ_4 0x00000004
#define SZ_8 0x00000008
#define SZ_16 0x00000010
#define SZ_32 0x00000020
#define SZ_64 0x00000040
#define SZ_128 0x00000080
#define SZ_256 0x00000100
#define SZ_512 0x00000200
#define SZ_1K 0x00000400
#define SZ_2K 0x00000800
#define SZ_4K 0x00001000
#define SZ_8K 0x00002000
#define SZ_16K 0x00004000
#define SZ_32K 0x00008000
#define SZ_64K 0x00010000
#define SZ_128K 0x00020000
#define SZ_256K 0x00040000
#define SZ_512K 0x00080000
#define SZ_1M 0x00100000
#define SZ_2M 0x00200000
#define SZ_4M 0x00400000
#define SZ_8M 0x00800000
#define SZ_16M 0x01000000
#define SZ_32M 0x02000000
#define SZ_64M 0x04000000
#define SZ_128M 0x08000000
#define SZ_256M 0x10000000
#define SZ_512M 0x20000000
#define SZ_1G 0x40000000
#define SZ_2G 0x80000000
#define SZ_4G _AC(0x100000000, ULL)
#define SZ_8G _AC(0x200000000, ULL)
#define SZ_16G _AC(0x400000000, ULL)
#define SZ_32G _AC(0x800000000, ULL)
#define SZ_64G _AC(0x1000000000, ULL)
#define SZ_64T _AC(0x400000000000, ULL)
#define _AC(x, y) (x##y)

#endif
