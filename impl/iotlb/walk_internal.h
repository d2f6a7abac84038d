/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pieces shared by the per-family walkers; private to this library.
 *
 * Levels are numbered the way each architecture numbers them (LPAE 0..3,
 * v7s 1..2, DART 1..2, AMD 6..1, VT-d and x86-64 5..1, RISC-V 4..0), so
 * walk-cache entries and walk results speak the architecture's language.
 */
#ifndef IOTLBFUZZ_WALK_INTERNAL_H
#define IOTLBFUZZ_WALK_INTERNAL_H

#include "iotlb.h"

/* Reported as the level of a fault no descriptor is responsible for. */
#define WALK_LEVEL_NONE (-1)

static inline uint64_t walk_bits(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & (~0ull >> (63 - (hi - lo)));
}

static inline uint64_t walk_span_mask(unsigned int shift)
{
	return (1ull << shift) - 1;
}

/* Fetch a little-endian descriptor of @size (4 or 8) bytes at @pa. */
enum xlate_status walk_read_desc(const struct phys_reader *mem, uint64_t pa,
				 unsigned int size, uint64_t *desc);

/*
 * Probe the walk cache from @deepest up to @shallowest table level. Returns
 * the level of the deepest cached descriptor for @iova (its next table in
 * *@table_pa), or @shallowest - 1 if nothing is cached.
 */
int walk_cache_find(const struct walk_cache_ops *wc, int shallowest,
		    int deepest, uint64_t iova, uint64_t *table_pa);

/*
 * walk_cache_find() for the formats whose levels count down to the leaf
 * (AMD, VT-d, x86-64, RISC-V): there the deepest table level has the
 * lowest number, so the probe runs up the numbers from @deepest to
 * @shallowest, and "nothing cached" must be @shallowest + 1 for the
 * caller's level below it to be the root. Returns the level of the deepest
 * cached descriptor for @iova (its next table in *@table_pa), or
 * @shallowest + 1.
 */
int walk_cache_find_down(const struct walk_cache_ops *wc, int shallowest,
			 int deepest, uint64_t iova, uint64_t *table_pa);

/* Record the table descriptor read at @level whose region holds @iova. */
void walk_cache_add(const struct walk_cache_ops *wc, int level, uint64_t iova,
		    unsigned int span_shift, uint64_t table_pa);

/*
 * A failed walk. @span_shift: log2 of the region the responsible descriptor
 * covers, or 0 when no descriptor is responsible.
 */
struct walk_result walk_fault(enum xlate_status status, int level,
			      uint64_t iova, unsigned int span_shift,
			      uint64_t pte);

/*
 * For the harness's hole scan over a table of 64-bit entries that each
 * cover 1 << @shift bytes: how many entries of the table at @table, from
 * entry @idx (the one @iova selects) on, before entry @end and not past
 * @until, have none of the @present bits set. At least 1: the caller
 * already found entry @idx empty.
 */
uint64_t walk_hole_run(const struct phys_reader *mem, uint64_t table,
		       uint64_t idx, uint64_t end, unsigned int shift,
		       uint64_t iova, uint64_t until, uint64_t present);

/* A leaf of 1 << @shift bytes translating @iova; @oa is its output base. */
struct walk_result walk_leaf(uint64_t iova, unsigned int shift, uint64_t oa,
			     unsigned int perm, int level, uint64_t pte);

struct walk_result walk_lpae(const struct hw_context *hw,
			     const struct phys_reader *mem,
			     const struct walk_cache_ops *wc, uint64_t iova);
struct walk_result walk_v7s(const struct hw_context *hw,
			    const struct phys_reader *mem,
			    const struct walk_cache_ops *wc, uint64_t iova);
struct walk_result walk_dart(const struct hw_context *hw,
			     const struct phys_reader *mem,
			     const struct walk_cache_ops *wc, uint64_t iova);
struct walk_result walk_amdv1(const struct hw_context *hw,
			      const struct phys_reader *mem,
			      const struct walk_cache_ops *wc, uint64_t iova);
struct walk_result walk_vtdss(const struct hw_context *hw,
			      const struct phys_reader *mem,
			      const struct walk_cache_ops *wc, uint64_t iova);
struct walk_result walk_x86_64(const struct hw_context *hw,
			       const struct phys_reader *mem,
			       const struct walk_cache_ops *wc, uint64_t iova);
struct walk_result walk_riscv(const struct hw_context *hw,
			      const struct phys_reader *mem,
			      const struct walk_cache_ops *wc, uint64_t iova);

#endif
