/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The iommu trace points the core emits. They feed the run's event log so a
 * divergence report shows what the core did.
 */
#ifndef KSHIM_CUSTOM_TRACE_H
#define KSHIM_CUSTOM_TRACE_H

#include "../dup/types.h"

void kshim_trace_map(unsigned long iova, phys_addr_t paddr, size_t size);
void kshim_trace_unmap(unsigned long iova, size_t size, size_t unmapped);

#define trace_map(iova, paddr, size) kshim_trace_map(iova, paddr, size)
#define trace_unmap(iova, size, unmapped)                                     \
	kshim_trace_unmap(iova, size, unmapped)

#endif
