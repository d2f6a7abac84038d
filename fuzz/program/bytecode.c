// SPDX-License-Identifier: GPL-2.0-only
#include "bytecode.h"

#include <string.h>

#include "kstack.h"
#include "program_formats.h"
#include "program.pb-c.h"

static uint8_t next_byte(const uint8_t **p, const uint8_t *end)
{
	return *p < end ? *(*p)++ : 0;
}

/*
 * The newest driver value each magic picks from: a driver added later
 * would change what every input's driver byte means (b % the number of
 * drivers), so newer drivers wait for a magic of their own.
 */
#define BYTECODE_LAST_DRIVER IOTLBFUZZ__DRIVER__BROKEN_RISCV_SYNC_NO_NL
#define BYTECODE_GPT_LAST_DRIVER IOTLBFUZZ__DRIVER__DRV_INTEL_FIRST_STAGE

#define GPT_FORMATS ((1u << PT_VTD_SS) | (1u << PT_X86_64) | (1u << PT_RISCV))

/*
 * The drivers fuzzing may select up to @last: no test mutants, no
 * experimental models, in the order of their enum values; with
 * @formats, only those that drive one of them. The callers work their set
 * out once; it is fixed at build time.
 */
static unsigned int usable_drivers(int last, unsigned int formats, int *out,
				   unsigned int max)
{
	const ProtobufCEnumDescriptor *d = &iotlbfuzz__driver__descriptor;
	struct kstack_driver_traits t;
	unsigned int n = 0;

	for (unsigned int i = 0; i < d->n_values && n < max; i++) {
		int id = d->values[i].value;

		if (id > last || kstack_driver_is_mutant(id))
			continue;
		if (formats && !(kstack_driver_traits(id, &t) &&
				 (t.facts->formats & formats)))
			continue;
		out[n++] = id;
	}
	return n;
}

static int pick_driver(uint8_t b)
{
	static int usable[64];
	static unsigned int nr_usable;
	static bool ready;

	if (!ready) {
		nr_usable = usable_drivers(BYTECODE_LAST_DRIVER, 0, usable, 64);
		ready = true;
	}
	return nr_usable ? usable[b % nr_usable] : 0;
}

/*
 * BYTECODE_MAGIC_GENERIC_PT's drivers: the usable ones that drive a format
 * of generic_pt's (amd-v2, amd-v2-npcache, intel, intel-cm, riscv,
 * intel-fs), so that no input of that magic is spent on what the older
 * ones reach. A driver names its format on every tree (its facts); whether
 * the tree has such tables is the tree's to say, by refusing the domain.
 */
static int pick_gpt_driver(uint8_t b)
{
	static int gpt[16];
	static unsigned int nr_gpt;
	static bool ready;

	if (!ready) {
		nr_gpt = usable_drivers(BYTECODE_GPT_LAST_DRIVER, GPT_FORMATS,
					gpt, 16);
		ready = true;
	}
	return nr_gpt ? gpt[b % nr_gpt] : 0;
}

static const enum pt_format formats[] = {
	PT_ARM_64_LPAE_S1, PT_ARM_64_LPAE_S2, PT_ARM_32_LPAE_S1,
	PT_ARM_32_LPAE_S2, PT_ARM_V7S,	      PT_APPLE_DART,
	PT_APPLE_DART2,
	/* only for drivers that name it: a driver of "any" format has no
	 * tables of this kind, and its inputs keep their meaning */
	PT_AMD_V1,
};

#define SZ_4K 0x1000UL

/*
 * AMD v1: which of 6.1's page sizes (bits 0-1 of @b: all of them, 6.12's
 * cut at 2^51, amd-v1's overlap 4K|2M|1G, or the top two with 4K|2M),
 * and whether the window sits at the top of the 64-bit space (bit 2).
 * The block is a replicated 16K page, 2M, a level-5 page or a 2^52 page
 * by @rank, or the next size the bitmap has.
 */
static void amd_v1_sizes(uint8_t b, unsigned int rank, unsigned long *bitmap,
			 uint64_t *block, uint64_t *base)
{
	static const unsigned long bitmaps[] = {
		~0xfffUL & ~(1UL << 39),
		(~0xfffUL & ((1UL << 52) - 1)) & ~(1UL << 39),
		0x40201000UL,
		(3UL << 62) | 0x201000UL,
	};
	static const uint64_t blocks[] = { 0x4000, 1ULL << 21, 1ULL << 48,
					   1ULL << 52 };
	unsigned long bigger;

	*bitmap = bitmaps[b & 3];
	*block = blocks[rank & 3];
	bigger = *bitmap & ~(*block - 1);
	if (!(*bitmap & *block))
		*block = bigger ? bigger & -bigger :
				  1ULL << (63 - __builtin_clzl(*bitmap));
	/* four blocks below 2^64: what wraps is rejected, as it must be */
	*base = (b & 4) ? 0 - 4 * *block : 0;
}

/*
 * The page-size families a format is tried with: the small page and a
 * block, the @rank-th size above the page (rank 0 is the next one up, so
 * inputs written before the rank existed keep their meaning). A rank past
 * the largest size stays at the largest; without any, a 16-page unit.
 */
static void page_sizes(enum pt_format fmt, uint8_t b, unsigned int rank,
		       unsigned long *bitmap, uint64_t *page, uint64_t *block)
{
	static const unsigned long lpae[] = { 0x40201000UL, 0x2004000UL,
					      0x20010000UL };
	/*
	 * generic_pt's (BYTECODE_MAGIC_GENERIC_PT): all the engine offers,
	 * or hardware without 1G pages, or with 4K only (VT-d's SLLPS);
	 * RISC-V without Svnapot's 64K, without 1G, or with 4K only. No
	 * family has a hole, so the core's choice of sizes stays ordinary.
	 */
	static const unsigned long x86[] = { 0x40201000UL, 0x201000UL,
					     0x1000UL, 0x40201000UL };
	static const unsigned long riscv[] = { 0x40211000UL, 0x40201000UL,
					       0x211000UL, 0x1000UL };

	switch (fmt) {
	case PT_ARM_64_LPAE_S1:
	case PT_ARM_64_LPAE_S2:
		*bitmap = lpae[b % 3];
		break;
	case PT_ARM_32_LPAE_S1:
	case PT_ARM_32_LPAE_S2:
		*bitmap = lpae[0];
		break;
	case PT_ARM_V7S:
		*bitmap = 0x01111000UL; /* 4K 64K 1M 16M */
		break;
	case PT_APPLE_DART:
		*bitmap = (b & 1) ? 0x4000UL : 0x1000UL;
		break;
	case PT_VTD_SS:
	case PT_X86_64:
		*bitmap = x86[b & 3];
		break;
	case PT_RISCV:
		*bitmap = riscv[b & 3];
		break;
	default:
		*bitmap = 0x4000UL;
		break;
	}
	*page = *bitmap & -*bitmap;

	unsigned long rest = *bitmap & ~*page;

	*block = *page * 16;
	for (unsigned int i = 0; rest && i <= rank; i++) {
		*block = rest & -rest;
		rest &= rest - 1;
	}
}

/*
 * Where the page tables go (BYTECODE_MAGIC_PLACED's c3): against a
 * boundary where formats stop holding table addresses (v7s 32 bits,
 * MediaTek 33..35, DART 36 and 42, LPAE 40, 48 and 52), the default, low
 * memory, or the format's own output size (three of sixteen).
 */
#define PLACE_DEFAULT 0
#define PLACE_LOW 12
#define PLACE_OWN 13

static const uint8_t placement_bits[16] = {
	[1] = 32, [2] = 33, [3] = 34, [4] = 35,	 [5] = 36,
	[6] = 40, [7] = 42, [8] = 44, [9] = 48, [10] = 52, [11] = 31,
};

#define Q_NO_PERMS (1UL << 1)
#define Q_MTK_EXT (1UL << 3)
#define Q_MTK_TTBR_EXT (1UL << 4)

static void place_tables(struct prog_config *cfg, uint8_t c3)
{
	unsigned int which = c3 & 0xf, bits = placement_bits[which];
	uint64_t below[4] = { PROG_TABLE_BYTES, PROG_TABLE_ALIGN, 0,
			      PROG_TABLE_BYTES / 2 };
	uint64_t boundary, base;

	if ((c3 & 0x40) && cfg->fmt <= PT_ARM_64_LPAE_S2)
		cfg->oas = cfg->fmt >= PT_ARM_64_LPAE_S1 ? 52 : 40;
	/* generic_pt's VT-d and x86-64 52, RISC-V 56 */
	if ((c3 & 0x40) && ((1u << cfg->fmt) & GPT_FORMATS))
		cfg->oas = program_format_defaults(cfg->fmt)->max_oas;
	if ((c3 & 0xc0) && cfg->fmt == PT_ARM_V7S) {
		cfg->quirks = Q_MTK_EXT | Q_NO_PERMS |
			      ((c3 & 0x80) ? Q_MTK_TTBR_EXT : 0);
		cfg->oas = 35;
	}
	if (which == PLACE_DEFAULT)
		return;
	if (which == PLACE_LOW) {
		cfg->table_base = PROG_TABLE_ALIGN;
		return;
	}
	if (which >= PLACE_OWN)
		bits = cfg->fmt == PT_ARM_V7S && !(cfg->quirks & Q_MTK_TTBR_EXT) ?
			       32 :
			       cfg->oas;
	boundary = 1ULL << bits;
	base = boundary - below[(c3 >> 4) & 3];
	if (base > PROG_TABLE_LIMIT - PROG_TABLE_BYTES)
		base = PROG_TABLE_LIMIT - PROG_TABLE_BYTES;
	cfg->table_base = base;
}

/*
 * The older magics' format, page sizes and window: a format the driver
 * drives (c0), so that no byte string is wasted.
 */
static void choose_format(struct prog_config *cfg, uint8_t c0, uint8_t c2,
			  uint64_t *page, uint64_t *block, uint64_t *base,
			  uint64_t *pa_base, uint64_t *pa_mask)
{
	struct kstack_driver_traits traits;
	enum pt_format allowed[PT_NR_FORMATS];
	size_t nr_allowed = 0;
	unsigned int driven = kstack_driver_traits(cfg->driver, &traits) ?
				      traits.facts->formats :
				      0;

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if ((!driven && formats[i] != PT_AMD_V1) ||
		    (driven & (1u << formats[i])))
			allowed[nr_allowed++] = formats[i];
	cfg->fmt = nr_allowed ? allowed[c0 % nr_allowed] : formats[0];
	if (cfg->fmt == PT_AMD_V1) {
		amd_v1_sizes(c0 >> 3, (c2 >> 4) & 3, &cfg->pgsize_bitmap,
			     block, base);
		*page = SZ_4K;
		/* PAs of 52 bits; a huge block's only from PA 0 */
		*pa_base = *block >> 32 ? 0 : *pa_base;
		*pa_mask = (1ULL << 52) - 1;
	} else {
		page_sizes(cfg->fmt, c0 >> 3, (c2 >> 4) & 3,
			   &cfg->pgsize_bitmap, page, block);
	}
	cfg->ias = cfg->fmt == PT_ARM_32_LPAE_S1 || cfg->fmt == PT_ARM_V7S ||
				   cfg->fmt == PT_APPLE_DART ||
				   cfg->fmt == PT_APPLE_DART2 ?
			   32 :
			   cfg->fmt == PT_ARM_32_LPAE_S2 ? 40 :
			   cfg->fmt == PT_AMD_V1 ? 64 : 48;
	cfg->oas = cfg->fmt == PT_APPLE_DART ? 36 :
		   cfg->fmt == PT_APPLE_DART2 ? 42 :
		   cfg->fmt == PT_ARM_V7S ? 32 :
		   cfg->fmt <= PT_ARM_32_LPAE_S2 ? 40 :
		   cfg->fmt == PT_AMD_V1 ? 52 : 48;
}

/*
 * BYTECODE_MAGIC_GENERIC_PT: the driver's generic_pt format, its address
 * width (c0 bits 0-1: 48, 39, 57, 57; x86-64 has no 39-bit form, so 48),
 * page sizes (bits 2-3, page_sizes), whether the window sits at the
 * top of the IOVAs the engine takes (bit 4) and the format's quirks
 * (bits 5-6). Returns where those end: a sign-extended table (RISC-V,
 * Intel's first stage) and AMD's v2 (no sign extension, top bit cut off)
 * take one bit less than their width. Hardware that caches
 * faults has the model with an iotlb_sync_map, so only that one is told
 * to (c2 bit 3): the other would be rejected.
 */
static uint64_t choose_gpt_format(struct prog_config *cfg, uint8_t c0,
				  uint8_t c2, uint64_t *page, uint64_t *block,
				  uint64_t *base)
{
	static const uint8_t widths[4] = { 48, 39, 57, 57 };
	struct kstack_driver_traits t;
	unsigned int gpt = 0, va_bits;
	uint64_t limit, span;

	if (kstack_driver_traits(cfg->driver, &t)) {
		gpt = t.facts->formats & GPT_FORMATS;
		cfg->cache_not_present = (c2 & 8) && t.has_sync_map;
	}
	cfg->fmt = gpt ? (enum pt_format)__builtin_ctz(gpt) : PT_VTD_SS;
	cfg->ias = widths[c0 & 3];
	if (cfg->fmt == PT_X86_64 && cfg->ias < 48)
		cfg->ias = 48;
	cfg->oas = program_format_defaults(cfg->fmt)->oas;
	/*
	 * The drivers' variants of the format (c0 bits 5-6). Svpbmt takes
	 * both bits, a quarter of RISC-V inputs: trees whose format refuses
	 * it (7.3.4, finding F24) do not run them, and the rest stay
	 * runnable there.
	 */
	if (cfg->fmt == PT_VTD_SS)
		cfg->quirks = ((c0 & 0x20) ? Q_VTDSS_NEST_PARENT : 0) |
			      ((c0 & 0x40) ? Q_VTDSS_FORCE_COHERENCE : 0);
	else if (cfg->fmt == PT_RISCV && (c0 & 0x60) == 0x60)
		cfg->quirks = Q_RISCV_SVPBMT;
	page_sizes(cfg->fmt, (c0 >> 2) & 3, (c2 >> 4) & 3, &cfg->pgsize_bitmap,
		   page, block);
	va_bits = cfg->fmt == PT_VTD_SS ? cfg->ias : cfg->ias - 1;
	limit = 1ULL << va_bits;
	/*
	 * At the top, every op starts below the limit (the window's 64
	 * pages and 3 blocks fit under it) and a size past it is cut there
	 * (program_from_bytecode), so the last block is mapped and no input
	 * is rejected for running off the end.
	 */
	span = (64 * *page + 3 * *block + *block - 1) & ~(*block - 1);
	*base = (c0 & 0x10) ? limit - span : 0;
	return limit;
}

void program_from_bytecode(const uint8_t *data, size_t len,
			   struct program *out)
{
	const uint8_t *p = data + 1, *end = data + len;
	struct prog_config *cfg = &out->cfg;
	uint8_t c0 = next_byte(&p, end), c1 = next_byte(&p, end);
	uint8_t c2 = next_byte(&p, end);
	bool gpt = data[0] == BYTECODE_MAGIC_GENERIC_PT;
	bool cached = data[0] == BYTECODE_MAGIC_CACHED || gpt;
	uint8_t c3 = data[0] == BYTECODE_MAGIC_PLACED || cached
			     ? next_byte(&p, end)
			     : 0;
	uint8_t c4 = cached ? next_byte(&p, end) : 0;
	uint64_t page, block;
	uint64_t base = 0, pa_base = 0x80000000ULL, pa_mask = ~0ULL;
	uint64_t limit = 0; /* where op sizes are cut; 0: nowhere */

	memset(out, 0, sizeof(*out));
	if (gpt) {
		cfg->driver = pick_gpt_driver(c1);
		limit = choose_gpt_format(cfg, c0, c2, &page, &block, &base);
	} else {
		cfg->driver = pick_driver(c1);
		cfg->cache_not_present = c2 & 8;
		choose_format(cfg, c0, c2, &page, &block, &base, &pa_base,
			      &pa_mask);
	}
	cfg->deferred = c2 & 1;
	cfg->coherent_walk = !(c2 & 2);
	cfg->walk_cache = !(c2 & 4);
	cfg->iotlb_entries = (c4 & 3) == 3 ? 0 : c4 & 3;
	cfg->range_invalidation = c4 & 4;
	/* the 1st, 2nd or 4th allocation after setup fails (0: none) */
	cfg->fail_alloc = (c2 >> 6) ? 1u << ((c2 >> 6) - 1) : 0;
	place_tables(cfg, c3);

	/* ops: [opcode, where, how much / which, what / how] */
	while (p < end && out->nr_ops < PROG_MAX_OPS) {
		static const enum op_kind kinds[16] = {
			OP_MAP,	   OP_MAP,	   OP_MAP,	    OP_UNMAP,
			OP_UNMAP,  OP_UNMAP_FAST, OP_UNMAP_FAST, OP_SYNC,
			OP_SYNC,   OP_FLUSH_ALL,  OP_IOVA_TO_PHYS, OP_ACCESS,
			OP_ACCESS, OP_ACCESS,	  OP_PREFETCH,	 OP_ACCESS,
		};
		uint8_t op = next_byte(&p, end), a = next_byte(&p, end);
		uint8_t b = next_byte(&p, end), c = next_byte(&p, end);
		struct prog_op *o = &out->ops[out->nr_ops++];

		o->kind = kinds[op % 16];
		o->iova = base + (uint64_t)(a & 0x3f) * page +
			  (uint64_t)(a >> 6) * block;
		o->size = (b & 0x80) ? (uint64_t)((b & 3) + 1) * block :
				       (uint64_t)((b & 0xf) + 1) * page;
		if (o->kind == OP_UNMAP && (b & 0x40))
			o->size = 0; /* the empty unmaps of the 90c5def thread */
		if (limit && o->size > limit - o->iova)
			o->size = limit - o->iova;
		o->paddr = (pa_base + (uint64_t)(c & 0x3f) * page +
			    (uint64_t)(c >> 6) * block) &
			   pa_mask;
		o->prot = (c & 1) ? 1 : 3;
		o->gather = b & 3;
		o->access = (c & 2) ? HW_PERM_WRITE : HW_PERM_READ;
		if (o->kind == OP_ACCESS || o->kind == OP_PREFETCH ||
		    o->kind == OP_IOVA_TO_PHYS)
			o->iova += (uint64_t)(b & 0x7) * 0x10;
	}
}

int program_from_input(const uint8_t *data, size_t len, struct program *out,
		       char *why, size_t whylen)
{
	if (bytecode_is(data, len)) {
		program_from_bytecode(data, len, out);
		return 0;
	}
	return program_decode(data, len, out, why, whylen);
}
