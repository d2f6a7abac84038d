// SPDX-License-Identifier: GPL-2.0-only
/*
 * Phrasing of verdicts: every `why` is one line with hex addresses, so a
 * crash report can quote it verbatim.
 */
#include "oracle_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

const char *oracle_verdict_name(enum oracle_verdict v)
{
	switch (v) {
	case ORACLE_OK:
		return "ok";
	case ORACLE_STALE:
		return "stale";
	case ORACLE_MISSING:
		return "missing";
	case ORACLE_WRONG:
		return "wrong";
	case ORACLE_PERMISSION:
		return "permission";
	case ORACLE_BAD_RESULT:
		return "bad-result";
	}
	return "unknown";
}

void oracle_why(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	if (!why || !whylen)
		return;
	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
}

static const char *const rw_letters[4] = { "--", "r-", "-w", "rw" };

const char *oracle_perm_str(unsigned int perm)
{
	return rw_letters[(perm & ORACLE_PERM_READ ? 1 : 0) |
			  (perm & ORACLE_PERM_WRITE ? 2 : 0)];
}

const char *oracle_prot_str(unsigned int prot)
{
	return rw_letters[(prot & ORACLE_PROT_READ ? 1 : 0) |
			  (prot & ORACLE_PROT_WRITE ? 2 : 0)];
}

static void tag_str(int tag, char *buf, size_t len)
{
	if (tag == ORACLE_TAG_FQ)
		snprintf(buf, len, "fq");
	else
		snprintf(buf, len, "g%d", tag);
}

/* Append to @buf, keeping track of the used length; truncation is fine. */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*used >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (n > 0)
		*used += (size_t)n;
}

/* Beyond this many pending translations the description just counts. */
#define DESCRIBE_MAX_PENDING 4

void oracle_describe_legal(const struct oracle *o, uint64_t iova, char *buf,
			   size_t len)
{
	const struct extent *e = extent_map_find(&o->map, iova);
	size_t used = 0, shown = 0, more = 0;
	const char *sep = "";
	char tag[16];

	if (!len)
		return;
	buf[0] = '\0';
	if (e) {
		append(buf, len, &used, "pa 0x%" PRIx64 " %s",
		       extent_pa_at(e, iova), oracle_prot_str(e->prot));
		sep = ", ";
	}
	for (size_t i = o->pending.nr; i-- > 0;) {
		const struct past_xlate *p = &o->pending.v[i];

		if (!past_xlate_covers(p, iova))
			continue;
		if (shown == DESCRIBE_MAX_PENDING) {
			more++;
			continue;
		}
		tag_str(p->tag, tag, sizeof(tag));
		append(buf, len, &used, "%spending(%s) pa 0x%" PRIx64 " %s",
		       sep, tag, past_xlate_pa_at(p, iova),
		       oracle_prot_str(p->prot));
		sep = ", ";
		shown++;
	}
	if (more)
		append(buf, len, &used, "%s%zu more pending", sep, more);
	if (!e)
		append(buf, len, &used, "%snone", sep);
}
