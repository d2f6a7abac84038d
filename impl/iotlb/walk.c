// SPDX-License-Identifier: GPL-2.0-only
/*
 * Walker dispatch and the helpers every walker shares: descriptor fetches
 * through the phys_reader, walk-cache probing, result construction.
 */
#include "walk_internal.h"

const char *pt_format_name(enum pt_format fmt)
{
	switch (fmt) {
	case PT_ARM_32_LPAE_S1:
		return "arm-32-lpae-s1";
	case PT_ARM_32_LPAE_S2:
		return "arm-32-lpae-s2";
	case PT_ARM_64_LPAE_S1:
		return "arm-64-lpae-s1";
	case PT_ARM_64_LPAE_S2:
		return "arm-64-lpae-s2";
	case PT_ARM_V7S:
		return "arm-v7s";
	case PT_APPLE_DART:
		return "apple-dart";
	case PT_APPLE_DART2:
		return "apple-dart2";
	case PT_AMD_V1:
		return "amd-v1";
	case PT_VTD_SS:
		return "vtd-ss";
	case PT_X86_64:
		return "x86-64";
	case PT_RISCV:
		return "riscv";
	case PT_NR_FORMATS:
		break;
	}
	return "unknown";
}

const char *xlate_status_name(enum xlate_status st)
{
	switch (st) {
	case XLATE_OK:
		return "ok";
	case XLATE_FAULT_TRANSLATION:
		return "translation-fault";
	case XLATE_FAULT_PERMISSION:
		return "permission-fault";
	case XLATE_FAULT_ADDRESS_SIZE:
		return "address-size-fault";
	case XLATE_WALK_FREED:
		return "walk-read-freed-table";
	case XLATE_WALK_UNBACKED:
		return "walk-read-unbacked-memory";
	}
	return "unknown";
}

struct walk_result hw_walk(const struct hw_context *hw,
			   const struct phys_reader *mem,
			   const struct walk_cache_ops *wc, uint64_t iova)
{
	switch (hw->fmt) {
	case PT_ARM_32_LPAE_S1:
	case PT_ARM_32_LPAE_S2:
	case PT_ARM_64_LPAE_S1:
	case PT_ARM_64_LPAE_S2:
		return walk_lpae(hw, mem, wc, iova);
	case PT_ARM_V7S:
		return walk_v7s(hw, mem, wc, iova);
	case PT_APPLE_DART:
	case PT_APPLE_DART2:
		return walk_dart(hw, mem, wc, iova);
	case PT_AMD_V1:
		return walk_amdv1(hw, mem, wc, iova);
	case PT_VTD_SS:
		return walk_vtdss(hw, mem, wc, iova);
	case PT_X86_64:
		return walk_x86_64(hw, mem, wc, iova);
	case PT_RISCV:
		return walk_riscv(hw, mem, wc, iova);
	case PT_NR_FORMATS:
		break;
	}
	/* A context nobody could have programmed translates nothing. */
	return walk_fault(XLATE_FAULT_TRANSLATION, WALK_LEVEL_NONE, iova, 0, 0);
}

uint64_t walk_work;
static uint64_t work_limit;

uint64_t hw_work(void)
{
	return walk_work;
}

void hw_work_add(uint64_t units)
{
	walk_work += units;
}

void hw_work_set_limit(uint64_t limit)
{
	work_limit = limit;
}

bool hw_work_exceeded(void)
{
	return work_limit && walk_work > work_limit;
}

int walk_cache_probe(const struct walk_cache_ops *wc, int shallowest,
		     int deepest, uint64_t iova, uint64_t *table_pa)
{
	int level;

	for (level = deepest; level >= shallowest; level--) {
		if (!wc->lookup(wc->ctx, level, iova, table_pa))
			continue;
		if (wc->charge_skipped_reads)
			walk_work += (uint64_t)(level - shallowest + 1);
		return level;
	}
	return shallowest - 1;
}

int walk_cache_probe_down(const struct walk_cache_ops *wc, int shallowest,
			  int deepest, uint64_t iova, uint64_t *table_pa)
{
	int level;

	for (level = deepest; level <= shallowest; level++) {
		if (!wc->lookup(wc->ctx, level, iova, table_pa))
			continue;
		if (wc->charge_skipped_reads)
			walk_work += (uint64_t)(shallowest - level + 1);
		return level;
	}
	return shallowest + 1;
}

void walk_cache_insert(const struct walk_cache_ops *wc, int level,
		       uint64_t iova, unsigned int span_shift,
		       uint64_t table_pa)
{
	struct walk_cache_entry e = {
		.level = level,
		.iova = iova & ~walk_span_mask(span_shift),
		.span = 1ull << span_shift,
		.next_table_pa = table_pa,
	};

	wc->insert(wc->ctx, &e);
}

uint64_t walk_hole_run(const struct phys_reader *mem, uint64_t table,
		       uint64_t idx, uint64_t end, unsigned int shift,
		       uint64_t iova, uint64_t until, uint64_t present)
{
	uint64_t last = until < iova ? 0 : (until - iova) >> shift;
	uint64_t n = 1, desc;

	while (n <= last && idx + n < end &&
	       walk_read_desc(mem, table + (idx + n) * 8, 8, &desc) ==
		       XLATE_OK &&
	       !(desc & present))
		n++;
	return n;
}
