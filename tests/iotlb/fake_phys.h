/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake physical memory for walker and IOTLB tests: a few regions of table
 * memory placed at chosen physical addresses, each of which can be marked
 * freed. Everything else is unbacked.
 */
#ifndef IOTLBFUZZ_TEST_FAKE_PHYS_H
#define IOTLBFUZZ_TEST_FAKE_PHYS_H

#include "iotlb.h"

struct fake_phys;

struct fake_phys *fake_phys_create(void);
void fake_phys_destroy(struct fake_phys *fp);

/* Back [pa, pa + size) with zeroed memory (regions must not overlap). */
void fake_phys_add(struct fake_phys *fp, uint64_t pa, uint64_t size);
/* Mark the region holding @pa freed: reads then fail with PHYS_READ_FREED. */
void fake_phys_free(struct fake_phys *fp, uint64_t pa);
/* Little-endian stores into backed memory (abort if unbacked). */
void fake_phys_write64(struct fake_phys *fp, uint64_t pa, uint64_t val);
void fake_phys_write32(struct fake_phys *fp, uint64_t pa, uint32_t val);
/* Little-endian load from backed memory, freed or not (abort if unbacked). */
uint64_t fake_phys_read64(struct fake_phys *fp, uint64_t pa);

struct phys_reader fake_phys_reader(struct fake_phys *fp);
/* Reads served (successful or not) since creation. */
unsigned long fake_phys_reads(const struct fake_phys *fp);

/*
 * Memory for one walk down @nr 4K tables laid out one after the other from
 * @base, with room for a spare table after them: entry @off[i] of table i
 * holds @desc[i]. The descriptors are the caller's to spell, so that each
 * test writes its format's bits down itself.
 */
struct fake_phys *fake_phys_chain(uint64_t base, unsigned int nr,
				  const uint64_t *off, const uint64_t *desc);

/* hw_walk() of @iova through @fp, without a walk cache. */
struct walk_result fake_phys_walk(const struct hw_context *hw,
				  struct fake_phys *fp, uint64_t iova);

#endif
