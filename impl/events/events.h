/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The run's event log: what the kernel code and the driver glue did, in
 * order (flush callbacks, syncs with their gathers, hardware invalidations,
 * trace points, WARNs). Reports show the events around a divergence, and
 * later checks (sync counts, gather ranges) read them. Plain C.
 */
#ifndef IOTLBFUZZ_EVENTS_H
#define IOTLBFUZZ_EVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum event_kind {
	EV_OP, /* a = op index */
	EV_TLB_FLUSH_ALL, /* io-pgtable -> glue */
	EV_TLB_FLUSH_WALK, /* a = iova, b = size, c = granule */
	EV_TLB_ADD_PAGE, /* a = iova, b = granule, c = gather index or -1 */
	EV_IOTLB_SYNC, /* a = start, b = end, c = pgsize; the gather seen */
	EV_FLUSH_IOTLB_ALL,
	EV_SYNC_MAP, /* a = iova, b = size */
	EV_HW_INV_ALL, /* glue -> device */
	EV_HW_INV_LEAF, /* a = iova, b = size */
	EV_HW_INV_RANGE, /* a = iova, b = size */
	EV_HW_POST, /* a = kind (sim_inv_kind), b = iova, c = size */
	EV_HW_WAIT, /* a = how many posted invalidations completed */
	EV_TRACE_MAP, /* a = iova, b = paddr, c = size */
	EV_TRACE_UNMAP, /* a = iova, b = size, c = unmapped */
	EV_WARN, /* text = file:line: condition */
	EV_FQ_FLUSH, /* the flush queue completed queued unmaps */
	EV_HW_INV_LEAF_STEPPED, /* a = iova, b = size, c = step */
	EV_HW_INV_LEAF_HINTED, /* a = iova, b = size, c = leaf size hinted */
	EV_NR_KINDS
};

struct event {
	enum event_kind kind;
	uint64_t a, b, c;
	const char *text; /* static strings only */
	int line;
};

#define EVENT_LOG_CAPACITY 8192

struct event_log {
	struct event ev[EVENT_LOG_CAPACITY];
	size_t n; /* total recorded; the log keeps the first CAPACITY */
	uint64_t count[EV_NR_KINDS];
};

void event_log_reset(struct event_log *log);
void event_log_add(struct event_log *log, enum event_kind kind, uint64_t a,
		   uint64_t b, uint64_t c);
void event_log_add_text(struct event_log *log, enum event_kind kind,
			const char *text, int line);
const char *event_kind_name(enum event_kind kind);
void event_print(FILE *out, const struct event *e);
/* The same line, without indentation or newline, into @buf. */
void event_format(const struct event *e, char *buf, size_t len);

#endif
