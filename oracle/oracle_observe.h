/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Questions about the API state that the before/after differential asks
 * (fuzz/run/compare/observe.c): is a cached translation exactly what is mapped now, and
 * whose unfinished unmaps does a range touch. Plain C, no kernel headers.
 */
#ifndef IOTLBFUZZ_ORACLE_OBSERVE_H
#define IOTLBFUZZ_ORACLE_OBSERVE_H

#include <stdbool.h>
#include <stdint.h>

#include "oracle.h"

/*
 * Is a cached translation of [iova, iova + size) to @pa granting @perm
 * (ORACLE_PERM_*) what the API state maps there now, byte for byte? For a
 * @negative entry (a cached fault): is nothing mapped there? Such an entry
 * shows the device nothing a fresh walk would not. @size must not be 0.
 */
bool oracle_entry_is_current(const struct oracle *o, uint64_t iova,
			     uint64_t size, uint64_t pa, unsigned int perm,
			     bool negative);

/* The owner bit of the flush queue in oracle_pending_owners(). */
#define ORACLE_PENDING_FQ (1u << ORACLE_MAX_GATHERS)

/*
 * Who owns the pending (unmapped, not yet completed) translations that meet
 * [first, last]: bit g for caller-held gather g, ORACLE_PENDING_FQ for the
 * flush queue. 0: nothing there is in flight.
 */
unsigned int oracle_pending_owners(const struct oracle *o, uint64_t first,
				   uint64_t last);

#endif
