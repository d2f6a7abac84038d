/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What one operation of a run did, kept once for every observer: its
 * result, what the device saw for an access, the run's probes of the page
 * tables and iova_to_phys in the order they were taken, and where its
 * events begin in the run's log. The core's unmaps and iotlb_sync calls of
 * the op are the gather contract's lists (gather_contract.h), each sync
 * with what it had to complete.
 */
#ifndef IOTLBFUZZ_OP_RECORD_H
#define IOTLBFUZZ_OP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iotlb.h"

enum op_probe_kind {
	PROBE_WALK, /* the tables as the hardware reads them */
	PROBE_LOOKUP, /* iommu_iova_to_phys() */
};

struct op_probe {
	enum op_probe_kind kind;
	uint64_t iova;
	struct walk_result walk; /* PROBE_WALK */
	uint64_t pa; /* PROBE_LOOKUP */
};

struct op_record {
	size_t op;
	size_t first_event; /* in the run's event log */
	/* map's return value, the bytes an unmap returned */
	bool has_result;
	int64_t result;
	/* an access or prefetch: what the device saw */
	bool has_access;
	struct xlate_result access;
	struct op_probe *probes;
	size_t nr_probes, cap_probes;
};

void op_record_begin(struct op_record *rec, size_t op, size_t first_event);
void op_record_release(struct op_record *rec);
void op_record_result(struct op_record *rec, int64_t value);
void op_record_access(struct op_record *rec, const struct xlate_result *x);
void op_record_walk(struct op_record *rec, uint64_t iova,
		    const struct walk_result *w);
void op_record_lookup(struct op_record *rec, uint64_t iova, uint64_t pa);

#endif
