/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compiler attributes and helpers as the kernel defines them for a build
 * without sparse: READ_ONCE, container_of, BUILD_BUG_ON.
 */
#ifndef KSHIM_DUP_COMPILER_H
#define KSHIM_DUP_COMPILER_H

#include <stddef.h>

#define __noipa __attribute__((__noinline__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#undef __always_inline
#define __always_inline inline __attribute__((always_inline))
#define noinline __attribute__((__noinline__))
#define __packed __attribute__((packed))
#define __aligned(x) __attribute__((aligned(x)))
#define __must_check __attribute__((warn_unused_result))
#define __printf(a, b) __attribute__((format(printf, a, b)))
#define __cold
#define __rcu
#define __iomem
#define __user
#define __force
#define __bitwise
#define __counted_by(m)
#define __nocfi
#define __randomize_layout
#define __section(s)
#define fallthrough __attribute__((fallthrough))
#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define barrier() __asm__ __volatile__("" ::: "memory")

#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)                                                    \
	do {                                                                  \
		*(volatile __typeof__(x) *)&(x) = (val);                      \
	} while (0)

#define container_of(ptr, type, member)                                       \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

#define sizeof_field(type, member) sizeof(((type *)0)->member)
#define offsetofend(type, member) \
	(offsetof(type, member) + sizeof_field(type, member))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)
#define BUILD_BUG_ON_ZERO(e) (0)
#define static_assert(...) _Static_assert(__VA_ARGS__)

#endif
