// SPDX-License-Identifier: GPL-2.0-only
#include "divergence.h"

#include <stdio.h>
#include <stdlib.h>

#include "crash_class.h"

CRASH_CLASS_FAMILY(enum divergence_class, DIVERGENCE_CLASSES, DIV_NR, "clean",
		   "no divergence", divergence_name, divergence_description,
		   divergence_by_name, divergence_abort)

void divergence_print(FILE *f, enum divergence_class cls, const char *msg)
{
	fprintf(f, "ASSERTION FAILURE: %s: %s\n", divergence_name(cls), msg);
}

void divergence_raise(enum divergence_class cls, const char *msg, bool fatal)
{
	divergence_print(stderr, cls, msg);
	if (fatal)
		divergence_abort(cls);
}
