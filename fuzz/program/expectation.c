// SPDX-License-Identifier: GPL-2.0-only
#include "expectation.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

bool tree_traits_have(const char *list, const char *name, size_t n)
{
	for (const char *p = list; *p;) {
		size_t w = strcspn(p, " ");

		if (w == n && !strncmp(p, name, n))
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

static void copy_value(const char *p, char *buf, size_t len)
{
	while (*p == ' ')
		p++;
	size_t n = strcspn(p, " \r\n");

	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = 0;
}

enum expectation_status program_file_expectation(const char *path,
						 const char *traits,
						 const char *absent,
						 const char *undecided,
						 char *buf, size_t len)
{
	static const char plain[] = "# expect:", cond[] = "# expect-if ";
	FILE *f = fopen(path, "r");
	char line[256], fallback[64] = "", open_trait[64] = "";
	bool have_plain = false, matched = false;
	enum expectation_status st = EXPECTATION_FOUND;

	if (!f)
		return EXPECTATION_UNREADABLE;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, plain, strlen(plain))) {
			if (!have_plain)
				copy_value(line + strlen(plain), fallback,
					   sizeof(fallback));
			have_plain = true;
			continue;
		}
		if (strncmp(line, cond, strlen(cond)))
			continue;

		const char *name = line + strlen(cond);
		bool negated = *name == '!';

		name += negated;
		size_t n = strcspn(name, ":");

		/* every line's trait is checked, so a typo never hides */
		if (!name[n] ||
		    !(tree_traits_have(traits, name, n) ||
		      tree_traits_have(absent, name, n) ||
		      tree_traits_have(undecided, name, n))) {
			snprintf(buf, len, "%.*s", (int)strcspn(name, ":\r\n"),
				 name);
			st = EXPECTATION_UNKNOWN_TRAIT;
			break;
		}
		/* before the first match, a trait not decided leaves it open */
		if (!matched && !open_trait[0] &&
		    tree_traits_have(undecided, name, n)) {
			snprintf(open_trait, sizeof(open_trait), "%.*s", (int)n,
				 name);
			continue;
		}
		if (!matched && !open_trait[0] &&
		    tree_traits_have(traits, name, n) != negated) {
			copy_value(name + n + 1, buf, len);
			matched = true;
		}
	}
	fclose(f);
	if (st != EXPECTATION_FOUND)
		return st;
	if (!have_plain)
		return EXPECTATION_MISSING;
	if (open_trait[0]) {
		snprintf(buf, len, "%s", open_trait);
		return EXPECTATION_UNDECIDED;
	}
	if (!matched)
		snprintf(buf, len, "%s", fallback);
	return EXPECTATION_FOUND;
}
