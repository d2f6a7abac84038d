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

#include <string.h>

#include "iotlb.h"

/* Reported as the level of a fault no descriptor is responsible for. */
#define WALK_LEVEL_NONE (-1)

/*
 * Every walk of the harness's lookups and probes comes through these
 * helpers, several times a walk: under the sanitizers the compiler leaves
 * them out of line, and the calls (with the stack redzones of their
 * address-taken arguments) were a third of a walk's time.
 */
#define WALK_INLINE static inline __attribute__((always_inline))

/* Descriptors read since the process started (hw_work()). */
extern uint64_t walk_work;

WALK_INLINE uint64_t walk_bits(uint64_t v, unsigned int hi, unsigned int lo)
{
	return (v >> lo) & (~0ull >> (63 - (hi - lo)));
}

WALK_INLINE uint64_t walk_span_mask(unsigned int shift)
{
	return (1ull << shift) - 1;
}

/* Fetch a little-endian descriptor of @size (4 or 8) bytes at @pa. */
WALK_INLINE enum xlate_status walk_read_desc(const struct phys_reader *mem,
					     uint64_t pa, unsigned int size,
					     uint64_t *desc)
{
	uint8_t buf[8];
	uint64_t v = 0;

	walk_work++;

	switch (mem->read(mem->ctx, pa, buf, size)) {
	case PHYS_READ_OK:
		break;
	case PHYS_READ_FREED:
		return XLATE_WALK_FREED;
	default:
		return XLATE_WALK_UNBACKED;
	}
	/*
	 * Tables are little-endian whatever the host is. A fixed-size copy is
	 * one load, where a byte at a time was a tenth of a walk under ASan.
	 */
	switch (size) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	case 8:
		memcpy(&v, buf, 8);
		break;
	case 4: {
		uint32_t v32;

		memcpy(&v32, buf, 4);
		v = v32;
		break;
	}
#endif
	default:
		while (size--)
			v = (v << 8) | buf[size];
		break;
	}
	*desc = v;
	return XLATE_OK;
}

/*
 * Probe the walk cache from @deepest up to @shallowest table level. Returns
 * the level of the deepest cached descriptor for @iova (its next table in
 * *@table_pa), or @shallowest - 1 if nothing is cached.
 */
int walk_cache_probe(const struct walk_cache_ops *wc, int shallowest,
		     int deepest, uint64_t iova, uint64_t *table_pa);

WALK_INLINE int walk_cache_find(const struct walk_cache_ops *wc, int shallowest,
				int deepest, uint64_t iova, uint64_t *table_pa)
{
	if (!wc)
		return shallowest - 1;
	return walk_cache_probe(wc, shallowest, deepest, iova, table_pa);
}

/*
 * walk_cache_find() for the formats whose levels count down to the leaf
 * (AMD, VT-d, x86-64, RISC-V): there the deepest table level has the
 * lowest number, so the probe runs up the numbers from @deepest to
 * @shallowest, and "nothing cached" must be @shallowest + 1 for the
 * caller's level below it to be the root. Returns the level of the deepest
 * cached descriptor for @iova (its next table in *@table_pa), or
 * @shallowest + 1.
 */
int walk_cache_probe_down(const struct walk_cache_ops *wc, int shallowest,
			  int deepest, uint64_t iova, uint64_t *table_pa);

WALK_INLINE int walk_cache_find_down(const struct walk_cache_ops *wc,
				     int shallowest, int deepest, uint64_t iova,
				     uint64_t *table_pa)
{
	if (!wc)
		return shallowest + 1;
	return walk_cache_probe_down(wc, shallowest, deepest, iova, table_pa);
}

void walk_cache_insert(const struct walk_cache_ops *wc, int level,
		       uint64_t iova, unsigned int span_shift,
		       uint64_t table_pa);

/* Record the table descriptor read at @level whose region holds @iova. */
WALK_INLINE void walk_cache_add(const struct walk_cache_ops *wc, int level,
				uint64_t iova, unsigned int span_shift,
				uint64_t table_pa)
{
	/* most walks are lookups without a cache: no entry to build */
	if (wc)
		walk_cache_insert(wc, level, iova, span_shift, table_pa);
}

/*
 * A failed walk. @span_shift: log2 of the region the responsible descriptor
 * covers, or 0 when no descriptor is responsible.
 */
WALK_INLINE struct walk_result walk_fault(enum xlate_status status, int level,
					  uint64_t iova,
					  unsigned int span_shift, uint64_t pte)
{
	struct walk_result r;

	/*
	 * Field by field: an initializer that leaves fields zero is a
	 * memset() of the whole result, which a sanitizer intercepts, on
	 * every walk.
	 */
	r.status = status;
	r.pa = 0;
	r.block_iova = span_shift ? iova & ~walk_span_mask(span_shift) : 0;
	r.block_size = span_shift ? 1ull << span_shift : 0;
	r.block_pa = 0;
	r.perm = 0;
	r.level = level;
	r.pte = pte;
	r.hole_size = r.block_size;
	return r;
}

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
WALK_INLINE struct walk_result walk_leaf(uint64_t iova, unsigned int shift,
					 uint64_t oa, unsigned int perm,
					 int level, uint64_t pte)
{
	uint64_t mask = walk_span_mask(shift);
	struct walk_result r;

	/* field by field, as in walk_fault() */
	r.status = XLATE_OK;
	r.block_iova = iova & ~mask;
	r.block_size = 1ull << shift;
	r.block_pa = oa & ~mask;
	r.pa = r.block_pa | (iova & mask);
	r.perm = perm;
	r.level = level;
	r.pte = pte;
	r.hole_size = 0;
	return r;
}

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
