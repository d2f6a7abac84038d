/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What each operation of one run did, per implementation: the kernel
 * stack's return value, what the API contract (the oracle) expected before
 * the operation ran, what the device saw for an access, and which events of
 * the run's log the operation caused. Recorded only by a run that has it
 * as an observer (run_trace_observer()), for `iotlbfuzz export` (its trace
 * and KUnit forms); a fuzzing run never pays for it.
 */
#ifndef IOTLBFUZZ_RUN_TRACE_H
#define IOTLBFUZZ_RUN_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "program.h"

enum trace_expect {
	TRACE_EXPECT_NONE, /* the operation returns nothing */
	TRACE_EXPECT_EXACT, /* the contract fixes the value: expected */
	/*
	 * The API leaves the result to the driver: a map over a live
	 * mapping, an unmap that cuts into a mapping or covers holes.
	 */
	TRACE_EXPECT_DRIVER,
};

struct op_trace {
	bool ran; /* it started */
	bool finished; /* it returned: not cut short by a kernel BUG */
	/*
	 * The kernel stack's result: iommu_map's return value, the bytes an
	 * unmap returned, iommu_iova_to_phys's PA.
	 */
	int64_t ret;
	enum trace_expect expect;
	uint64_t expected;
	/* an access or prefetch: what the device saw (enum xlate_status) */
	int access_status;
	uint64_t access_pa;
	unsigned int access_perm;
	bool access_hit; /* from the IOTLB, not a fresh walk */
	/* ... and the contract's view of that IOVA before the access */
	bool view_mapped;
	uint64_t view_pa; /* of the accessed byte */
	unsigned int view_prot;
	bool fault_legal;
	unsigned int nr_stale; /* old translations still legal */
	/* its events: log->ev[first_event .. end_event) (if finished) */
	size_t first_event, end_event;
};

struct run_trace {
	struct op_trace ops[PROG_MAX_OPS];
	/* the run's event log: valid until the next run */
	const struct event_log *log;
	/* what io-pgtable and the driver settled on */
	unsigned long pgsize_bitmap;
	unsigned int ias, oas;
	const char *driver_name;
	/* the domain's generic_pt format (docs/generic-pt.md), or NULL */
	const char *generic_pt;
	bool deferred; /* unmaps are queued (the driver has a flush queue) */
	bool started; /* the domain was created and ops ran */
};

/* @o watches a run for @t: put it in run_options.observers. */
struct run_observer;
void run_trace_observer(struct run_trace *t, struct run_observer *o);

#endif
