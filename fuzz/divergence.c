// SPDX-License-Identifier: GPL-2.0-only
#include "divergence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	const char *what;
} classes[DIV_NR] = {
	[DIV_NONE] = { "clean", "no divergence" },
#define DIVERGENCE_INFO(id, fn, n, w) [DIV_##id] = { n, w },
	DIVERGENCE_CLASSES(DIVERGENCE_INFO)
#undef DIVERGENCE_INFO
};

const char *divergence_name(enum divergence_class cls)
{
	return cls < DIV_NR ? classes[cls].name : "?";
}

const char *divergence_description(enum divergence_class cls)
{
	return cls < DIV_NR ? classes[cls].what : "?";
}

enum divergence_class divergence_by_name(const char *name)
{
	for (int i = 0; i < DIV_NR; i++)
		if (!strcmp(classes[i].name, name))
			return (enum divergence_class)i;
	return DIV_NR;
}

/*
 * Two frames per class: the crash state ClusterFuzz builds (message plus
 * the top frames) and libFuzzer's dedup token then differ for every class.
 */
#define DIVERGENCE_ABORT(id, fn, n, w)                                        \
	__attribute__((noinline, noreturn)) static void                       \
	abort_##fn##_divergence(void)                                         \
	{                                                                     \
		fflush(stdout);                                               \
		fflush(stderr);                                               \
		abort();                                                      \
	}                                                                     \
	__attribute__((noinline, noreturn)) static void                       \
	fn##_divergence(void)                                                 \
	{                                                                     \
		abort_##fn##_divergence();                                    \
		__builtin_unreachable();                                      \
	}
DIVERGENCE_CLASSES(DIVERGENCE_ABORT)
#undef DIVERGENCE_ABORT

void divergence_abort(enum divergence_class cls)
{
	switch (cls) {
#define DIVERGENCE_CASE(id, fn, n, w)                                         \
	case DIV_##id:                                                        \
		fn##_divergence();
		DIVERGENCE_CLASSES(DIVERGENCE_CASE)
#undef DIVERGENCE_CASE
	default:
		abort();
	}
}

void divergence_raise(enum divergence_class cls, const char *msg, bool fatal)
{
	fprintf(stderr, "ASSERTION FAILURE: %s: %s\n", divergence_name(cls),
		msg);
	if (fatal)
		divergence_abort(cls);
}
