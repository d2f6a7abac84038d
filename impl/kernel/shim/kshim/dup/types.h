/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel scalar types on an LP64 host, which matches arm64's; limits;
 * IS_ENABLED() the kernel's way.
 */
#ifndef KSHIM_DUP_TYPES_H
#define KSHIM_DUP_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int32_t __s32;
typedef uint16_t __le16;
typedef uint32_t __le32;
typedef uint64_t __le64;
/* uapi structs (7.x iommu.h pulls in uapi/linux/iommufd.h) */
typedef uint64_t __aligned_u64 __attribute__((aligned(8)));
typedef uint64_t __aligned_le64 __attribute__((aligned(8)));

typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef unsigned int gfp_t;
typedef unsigned int slab_flags_t;
typedef unsigned int fmode_t;
typedef int pid_t;
typedef long ssize_t;
typedef u32 ioasid_t;
typedef unsigned long uintptr_kernel_t;
typedef unsigned long pgoff_t;

typedef struct {
	int counter;
} atomic_t;
typedef struct {
	long counter;
} atomic_long_t;
typedef struct {
	atomic_t refs;
} refcount_t;

#ifndef ULONG_MAX
#define ULONG_MAX (~0UL)
#endif
#define LONG_MAX ((long)(~0UL >> 1))
#define UINT_MAX (~0U)
#define INT_MAX ((int)(~0U >> 1))
#define U8_MAX ((u8)~0U)
#define U16_MAX ((u16)~0U)
#define U32_MAX ((u32)~0U)
#define U64_MAX ((u64)~0ULL)
#define S64_MAX ((s64)(U64_MAX >> 1))

#define BITS_PER_LONG 64
#define BITS_PER_LONG_LONG 64
#define BITS_PER_BYTE 8

/* Kconfig tests, the kernel's way: an option is on if defined to 1. */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option) __is_defined(option)
#define IS_BUILTIN(option) __is_defined(option)
#define IS_REACHABLE(option) __is_defined(option)

#endif
