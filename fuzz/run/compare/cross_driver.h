/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The cross-driver comparison: the same program on several driver models
 * of one tree (config.also_run_on) must leave the same mappings after
 * every op. Each run fills a cross_run as it goes; two of them are then
 * compared. What is left out, and why, is in not_compared.h.
 */
#ifndef IOTLBFUZZ_CROSS_DRIVER_H
#define IOTLBFUZZ_CROSS_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "not_compared.h"
#include "program.h"

struct oracle;

struct cross_run {
	size_t nr_ops;
	/* a digest of the API state's mappings after each op */
	uint64_t state[PROG_MAX_OPS];
	/*
	 * The first op whose outcome the API leaves to the driver
	 * (NC_LEFT_TO_DRIVER); nr_ops if none.
	 */
	size_t first_ambiguous_op;
};

void cross_run_start(struct cross_run *c, size_t nr_ops);
/* op @op ended with the API state @orc */
void cross_run_record(struct cross_run *c, size_t op, const struct oracle *orc);
/* op @op is one whose outcome the API leaves to the driver */
void cross_run_ambiguous(struct cross_run *c, size_t op);

/*
 * Programs no partner may run for comparison (NC_REFUSALS_PER_DRIVER):
 * each driver would fail at another point.
 */
bool cross_driver_skips(const struct prog_config *c);

struct cross_difference {
	size_t op; /* the first op after which the mappings differ */
	/*
	 * Why the difference is not held against the drivers
	 * (NC_FINDING_PATH, NC_LEFT_TO_DRIVER) and the finding that
	 * says so; NC_NR and NULL if nothing explains it.
	 */
	enum not_compared_rule exempt;
	const char *finding;
};

/*
 * Compare two runs of one program; @noted_*: the known finding each run
 * took the path of (run_outcome.noted_finding), or NULL. True if the
 * mappings differ after some op, the first such in @d.
 */
bool cross_driver_compare(const struct cross_run *base, const char *noted_base,
			  const struct cross_run *other,
			  const char *noted_other, struct cross_difference *d);

#endif
