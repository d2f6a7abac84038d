/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated IOMMU as a driver sees it: the commands it can issue to the
 * device's IOTLB. Every command is logged. Plain C.
 */
#ifndef IOTLBFUZZ_SIM_DEVICE_H
#define IOTLBFUZZ_SIM_DEVICE_H

#include "events.h"
#include "iotlb.h"

struct sim_device {
	struct iotlb *tlb; /* NULL until the context is programmed */
	struct event_log *log;
};

void sim_inv_all(struct sim_device *dev);
void sim_inv_leaf(struct sim_device *dev, uint64_t iova, uint64_t size);
void sim_inv_range(struct sim_device *dev, uint64_t iova, uint64_t size);

#endif
