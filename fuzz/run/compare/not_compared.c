// SPDX-License-Identifier: GPL-2.0-only
#include "not_compared.h"

struct not_compared_row {
	unsigned int scope;
	const char *name, *why;
};

/* clang-format off */
#define NC_ROW(id, scope, name, why) [id] = { scope, name, why },
static const struct not_compared_row rows[NC_NR] = {
	NOT_COMPARED_RULES(NC_ROW)
};
/* clang-format on */

const char *not_compared_name(enum not_compared_rule rule)
{
	return (unsigned int)rule < NC_NR ? rows[rule].name : "?";
}

const char *not_compared_why(enum not_compared_rule rule)
{
	return (unsigned int)rule < NC_NR ? rows[rule].why : "?";
}

unsigned int not_compared_scope(enum not_compared_rule rule)
{
	return (unsigned int)rule < NC_NR ? rows[rule].scope : 0;
}
