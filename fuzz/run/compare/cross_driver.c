// SPDX-License-Identifier: GPL-2.0-only
#include "cross_driver.h"

#include "fnv.h"
#include "oracle.h"

void cross_run_start(struct cross_run *c, size_t nr_ops)
{
	c->nr_ops = nr_ops;
	c->first_ambiguous_op = nr_ops;
}

static void hash_extent(void *arg, uint64_t iova, uint64_t size, uint64_t pa,
			unsigned int prot)
{
	uint64_t *h = arg;
	uint64_t words[4] = {iova, size, pa, prot};

	*h = fnv1a_words(*h, words, 4);
}

void cross_run_record(struct cross_run *c, size_t op, const struct oracle *orc)
{
	uint64_t h = FNV_OFFSET;

	oracle_for_each_extent(orc, hash_extent, &h);
	c->state[op] = h;
}

void cross_run_ambiguous(struct cross_run *c, size_t op)
{
	if (c->first_ambiguous_op > op)
		c->first_ambiguous_op = op;
}

/*
 * Drivers allocate differently, so an injected failure, or a table that the
 * format must refuse where this program puts the tables (v7s above 4G, a
 * non-coherent walk past its DMA mask), hits each at another point. (LPAE
 * and DART refuse nothing: tables they cannot reach are rejected before
 * anything runs.)
 */
bool cross_driver_skips(const struct prog_config *c)
{
	return c->fail_alloc || c->fail_sync_map ||
	       (c->table_base && (c->fmt == PT_ARM_V7S || !c->coherent_walk));
}

bool cross_driver_compare(const struct cross_run *base, const char *noted_base,
			  const struct cross_run *other,
			  const char *noted_other, struct cross_difference *d)
{
	size_t n = base->nr_ops < other->nr_ops ? base->nr_ops : other->nr_ops;

	for (size_t k = 0; k < n; k++) {
		if (base->state[k] == other->state[k])
			continue;
		d->op = k;
		d->exempt = NC_NR;
		d->finding = noted_base ? noted_base : noted_other;
		if (d->finding)
			d->exempt = NC_FINDING_PATH;
		else if (base->first_ambiguous_op <= k ||
			 other->first_ambiguous_op <= k) {
			d->exempt = NC_LEFT_TO_DRIVER;
			d->finding = "F12";
		}
		return true;
	}
	return false;
}
