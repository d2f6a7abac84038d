/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's structure-clearing helpers over libc's string functions:
 * clear what follows a member, or what starts at one.
 */
#ifndef KSHIM_DUP_STRING_H
#define KSHIM_DUP_STRING_H

#include <stddef.h>
#include <string.h>

#include "types.h"

static inline void *memset64(u64 *s, u64 v, size_t count)
{
	for (size_t i = 0; i < count; i++)
		s[i] = v;
	return s;
}

#define memset_after(obj, v, member)                                       \
	memset((char *)(obj) + offsetofend(__typeof__(*(obj)), member), v, \
	       sizeof(*(obj)) - offsetofend(__typeof__(*(obj)), member))

#define memset_startat(obj, v, member)                                  \
	memset((char *)(obj) + offsetof(__typeof__(*(obj)), member), v, \
	       sizeof(*(obj)) - offsetof(__typeof__(*(obj)), member))

#endif
