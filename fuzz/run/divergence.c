// SPDX-License-Identifier: GPL-2.0-only
#include "divergence.h"

#include <stdio.h>
#include <stdlib.h>

#include "crash_class.h"

static const struct crash_class classes[DIV_NR] = {
	[DIV_NONE] = { "clean", "no divergence" },
#define DIVERGENCE_INFO(id, fn, n, w) [DIV_##id] = { n, w },
	DIVERGENCE_CLASSES(DIVERGENCE_INFO)
#undef DIVERGENCE_INFO
};

CRASH_CLASS_LOOKUPS(enum divergence_class, classes, DIV_NR, divergence_name,
		    divergence_description, divergence_by_name)

#define DIVERGENCE_ABORT(id, fn, n, w) CRASH_CLASS_FRAMES(fn##_divergence)
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
