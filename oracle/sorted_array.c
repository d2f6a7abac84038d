// SPDX-License-Identifier: GPL-2.0-only
#include "sorted_array.h"

#include <stdio.h>
#include <stdlib.h>

void *array_grow(void *v, size_t *cap, size_t need, size_t elem,
		 const char *what)
{
	size_t cap2;

	if (need <= *cap)
		return v;
	cap2 = *cap ? *cap * 2 : 16;
	while (cap2 < need)
		cap2 *= 2;
	v = realloc(v, cap2 * elem);
	if (!v) {
		fprintf(stderr, "iotlbfuzz: out of memory for %zu %s\n", cap2,
			what);
		abort();
	}
	*cap = cap2;
	return v;
}
