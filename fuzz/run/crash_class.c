// SPDX-License-Identifier: GPL-2.0-only
#include "crash_class.h"

#include <string.h>

const char *crash_class_name(const struct crash_class *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].name : "?";
}

const char *crash_class_what(const struct crash_class *t, int n, int i)
{
	return i >= 0 && i < n ? t[i].what : "?";
}

int crash_class_by_name(const struct crash_class *t, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(t[i].name, name))
			return i;
	return n;
}
