// SPDX-License-Identifier: GPL-2.0-only
/*
 * Protobuf <-> program, the format defaults, and the input limits. Every
 * limit is here so that bad input is rejected before any implementation
 * sees it: that is what keeps rejections from turning into crashes or
 * false divergences.
 */
#include "program.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "program.pb-c.h"
#include "program_formats.h"

#define GENMASK_RANGE(h, l) ((~0ULL >> (63 - (h))) & ~((1ULL << (l)) - 1))

static Iotlbfuzz__Format proto_of_format(enum pt_format fmt)
{
	for (size_t i = 0; i < PT_NR_FORMATS; i++)
		if (program_format_of_proto((int)i) == fmt)
			return (Iotlbfuzz__Format)i;
	return IOTLBFUZZ__FORMAT__ARM_64_LPAE_S1;
}

static int reject(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static int decode_config(const Iotlbfuzz__Config *c, struct prog_config *cfg,
			 char *why, size_t whylen)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->fmt = PT_ARM_64_LPAE_S1;
	cfg->coherent_walk = true;
	cfg->walk_cache = true;
	if (c) {
		if (c->has_format) {
			/* pt_format has values the proto has not (yet) */
			if (program_format_of_proto(c->format) == PT_NR_FORMATS)
				return reject(why, whylen,
					      "config.format %d is not a known format",
					      (int)c->format);
			cfg->fmt = program_format_of_proto(c->format);
		}
		if (c->has_coherent_walk)
			cfg->coherent_walk = c->coherent_walk;
		if (c->has_unmap_mode) {
			if ((unsigned int)c->unmap_mode > 1)
				return reject(why, whylen,
					      "config.unmap_mode %d is unknown",
					      (int)c->unmap_mode);
			cfg->deferred = c->unmap_mode ==
					IOTLBFUZZ__UNMAP_MODE__DEFERRED;
		}
		if (c->iotlb) {
			if (c->iotlb->has_walk_cache)
				cfg->walk_cache = c->iotlb->walk_cache;
			if (c->iotlb->has_cache_not_present)
				cfg->cache_not_present =
					c->iotlb->cache_not_present;
			if (c->iotlb->has_entries &&
			    (unsigned int)c->iotlb->entries > 2)
				return reject(
					why, whylen,
					"config.iotlb.entries %d is unknown",
					(int)c->iotlb->entries);
			if (c->iotlb->has_entries)
				cfg->iotlb_entries = (int)c->iotlb->entries;
			if (c->iotlb->has_range_invalidation)
				cfg->range_invalidation =
					c->iotlb->range_invalidation;
		}
		if (c->has_driver)
			cfg->driver = (int)c->driver;
		if (c->n_also_run_on > PROG_MAX_CROSS)
			return reject(why, whylen,
				      "config.also_run_on names %zu drivers, at most %d",
				      c->n_also_run_on, PROG_MAX_CROSS);
		for (size_t i = 0; i < c->n_also_run_on; i++) {
			if (!protobuf_c_enum_descriptor_get_value(
				    &iotlbfuzz__driver__descriptor,
				    c->also_run_on[i]))
				return reject(why, whylen,
					      "config.also_run_on[%zu] %d is unknown",
					      i, (int)c->also_run_on[i]);
			cfg->also_run_on[i] = (int)c->also_run_on[i];
		}
		cfg->nr_also_run_on = c->n_also_run_on;
		if (c->has_fail_alloc) {
			if (c->fail_alloc > PROG_MAX_FAIL_ALLOC)
				return reject(why, whylen,
					      "config.fail_alloc %u is above %d",
					      c->fail_alloc,
					      PROG_MAX_FAIL_ALLOC);
			cfg->fail_alloc = c->fail_alloc;
		}
		if (c->has_fail_sync_map) {
			if (c->fail_sync_map > PROG_MAX_OPS)
				return reject(why, whylen,
					      "config.fail_sync_map %u is above %d",
					      c->fail_sync_map, PROG_MAX_OPS);
			cfg->fail_sync_map = c->fail_sync_map;
		}
		if (c->has_table_base) {
			if (c->table_base & (PROG_TABLE_ALIGN - 1))
				return reject(why, whylen,
					      "config.table_base 0x%" PRIx64
					      " is not a multiple of 2 MiB",
					      c->table_base);
			if (c->table_base > PROG_TABLE_LIMIT - PROG_TABLE_BYTES)
				return reject(why, whylen,
					      "config.table_base 0x%" PRIx64
					      ": the 256 MiB of page-table memory would run past 2^52, beyond any format's output size",
					      c->table_base);
			cfg->table_base = c->table_base;
		}
	}

	const struct format_defaults *d = program_format_defaults(cfg->fmt);

	cfg->pgsize_bitmap = d->pgsize_bitmap;
	cfg->ias = d->ias;
	cfg->oas = d->oas;
	if (c && c->has_pgsize_bitmap && c->pgsize_bitmap) {
		/*
		 * page sizes from 4K to 2^51: what any io-pgtable format can
		 * have; AMD v1 names sizes up to 2^63
		 */
		unsigned int top = d->max_pgsize_shift ? d->max_pgsize_shift :
							 51;

		if (c->pgsize_bitmap & ~GENMASK_RANGE(top, 12))
			return reject(why, whylen,
				      "config.pgsize_bitmap 0x%" PRIx64
				      " has sizes below 4K or above 2^%u for %s",
				      c->pgsize_bitmap, top,
				      pt_format_name(cfg->fmt));
		cfg->pgsize_bitmap = (unsigned long)c->pgsize_bitmap;
	}
	if (c && c->has_ias && c->ias) {
		unsigned int min_ias = d->min_ias ? d->min_ias : 16;

		if (c->ias < min_ias || c->ias > d->max_ias)
			return reject(why, whylen,
				      "config.ias %u outside %u..%u for %s%s",
				      c->ias, min_ias, d->max_ias,
				      pt_format_name(cfg->fmt),
				      d->min_ias_why ? d->min_ias_why : "");
		cfg->ias = c->ias;
	}
	if (c && c->has_oas && c->oas) {
		/*
		 * That the walker reaches the page tables is judged where
		 * they are known to be, with the output size io-pgtable
		 * settles on (the runner, program_check_placement()).
		 */
		if (c->oas < PROG_MIN_OAS || c->oas > d->max_oas)
			return reject(why, whylen,
				      "config.oas %u outside %u..%u for %s%s",
				      c->oas, PROG_MIN_OAS, d->max_oas,
				      pt_format_name(cfg->fmt),
				      d->max_oas_why ? d->max_oas_why : "");
		cfg->oas = c->oas;
	}
	if (c && c->has_quirks) {
		if (c->quirks & ~(uint64_t)d->allowed_quirks)
			return reject(why, whylen,
				      "config.quirks 0x%" PRIx64
				      " not supported for %s (allowed 0x%lx)",
				      c->quirks, pt_format_name(cfg->fmt),
				      d->allowed_quirks);
		cfg->quirks = (unsigned long)c->quirks;
	}
	if (!protobuf_c_enum_descriptor_get_value(&iotlbfuzz__driver__descriptor,
						  cfg->driver))
		return reject(why, whylen, "config.driver %d is unknown",
			      cfg->driver);
	return 0;
}

static int decode_op(const Iotlbfuzz__Op *in, size_t i, struct prog_op *op,
		     char *why, size_t whylen)
{
	memset(op, 0, sizeof(*op));
	switch (in->op_case) {
	case IOTLBFUZZ__OP__OP_MAP:
		op->kind = OP_MAP;
		op->iova = in->map->iova;
		op->paddr = in->map->paddr;
		op->size = in->map->size;
		op->prot = in->map->prot;
		break;
	case IOTLBFUZZ__OP__OP_UNMAP:
		op->kind = OP_UNMAP;
		op->iova = in->unmap->iova;
		op->size = in->unmap->size;
		break;
	case IOTLBFUZZ__OP__OP_UNMAP_FAST:
		op->kind = OP_UNMAP_FAST;
		op->iova = in->unmap_fast->iova;
		op->size = in->unmap_fast->size;
		op->gather = in->unmap_fast->gather;
		break;
	case IOTLBFUZZ__OP__OP_SYNC:
		op->kind = OP_SYNC;
		op->gather = in->sync->gather;
		break;
	case IOTLBFUZZ__OP__OP_FLUSH_ALL:
		op->kind = OP_FLUSH_ALL;
		break;
	case IOTLBFUZZ__OP__OP_IOVA_TO_PHYS:
		op->kind = OP_IOVA_TO_PHYS;
		op->iova = in->iova_to_phys->iova;
		break;
	case IOTLBFUZZ__OP__OP_ACCESS:
		op->kind = OP_ACCESS;
		op->iova = in->access->iova;
		if (in->access->access != IOTLBFUZZ__ACCESS__READ &&
		    in->access->access != IOTLBFUZZ__ACCESS__WRITE)
			return reject(why, whylen,
				      "op #%zu: access kind %d is unknown", i,
				      (int)in->access->access);
		op->access = in->access->access == IOTLBFUZZ__ACCESS__WRITE ?
				     HW_PERM_WRITE :
				     HW_PERM_READ;
		break;
	case IOTLBFUZZ__OP__OP_PREFETCH:
		op->kind = OP_PREFETCH;
		op->iova = in->prefetch->iova;
		break;
	default:
		return reject(why, whylen, "op #%zu has no operation", i);
	}
	if ((op->kind == OP_UNMAP_FAST || op->kind == OP_SYNC) &&
	    op->gather >= PROG_MAX_GATHERS)
		return reject(why, whylen, "op #%zu: gather %u, only 0..%d exist",
			      i, op->gather, PROG_MAX_GATHERS - 1);
	if (op->kind == OP_MAP) {
		if (!(op->prot & 3))
			return reject(why, whylen,
				      "op #%zu: map prot 0x%x has neither READ nor WRITE (io-pgtable maps nothing and the core loops forever)",
				      i, op->prot);
		if (op->prot & ~0x3fu)
			return reject(why, whylen,
				      "op #%zu: map prot 0x%x has unknown bits",
				      i, op->prot);
	}
	return 0;
}

int program_decode(const uint8_t *data, size_t len, struct program *out,
		   char *why, size_t whylen)
{
	Iotlbfuzz__Program *msg = iotlbfuzz__program__unpack(NULL, len, data);

	if (!msg)
		return reject(why, whylen,
			      "not a valid iotlbfuzz.Program protobuf (%zu bytes)",
			      len);

	int ret = 0;

	if (msg->n_ops > PROG_MAX_OPS) {
		ret = reject(why, whylen, "%zu operations, at most %d allowed",
			     msg->n_ops, PROG_MAX_OPS);
		goto out;
	}
	ret = decode_config(msg->config, &out->cfg, why, whylen);
	if (ret)
		goto out;
	out->nr_ops = msg->n_ops;
	for (size_t i = 0; i < msg->n_ops && !ret; i++)
		ret = decode_op(msg->ops[i], i, &out->ops[i], why, whylen);
out:
	iotlbfuzz__program__free_unpacked(msg, NULL);
	return ret;
}

/*
 * Entries one page of @pg takes: one, but AMD v1 replicates a page of a
 * size its level does not have in 2^((log2(pg) - 12) % 9) entries.
 */
static uint64_t entries_per_page(enum pt_format fmt, uint64_t pg)
{
	if (fmt != PT_AMD_V1)
		return 1;
	return 1ULL << ((__builtin_ctzll(pg) - 12) % 9);
}

/*
 * How many leaf entries a map creates at most: the core cuts the range into
 * runs of the largest page the alignment of IOVA and PA allows.
 */
static uint64_t leaves_for_map(enum pt_format fmt, uint64_t iova, uint64_t pa,
			       uint64_t size, unsigned long bitmap)
{
	uint64_t leaves = 0;

	while (size) {
		uint64_t fit = bitmap;
		uint64_t align = iova | pa;

		fit &= (size >= (1ULL << 63)) ? ~0ULL :
						((1ULL << (63 - __builtin_clzll(size))) << 1) - 1;
		if (align)
			fit &= (align & -align) | ((align & -align) - 1);
		if (!fit)
			return UINT64_MAX;

		uint64_t pg = 1ULL << (63 - __builtin_clzll(fit));
		/* until the next boundary of a bigger page, or the end */
		uint64_t bigger = bitmap & ~((pg << 1) - 1);
		uint64_t run = size;

		if (bigger) {
			uint64_t next = bigger & -bigger;
			uint64_t to_boundary = next - (iova & (next - 1));

			if (((iova ^ pa) & (next - 1)) == 0 &&
			    to_boundary < run)
				run = to_boundary;
		}
		run -= run % pg;
		leaves += run / pg * entries_per_page(fmt, pg);
		iova += run;
		pa += run;
		size -= run;
	}
	return leaves;
}

/*
 * io-pgtable-arm splits a block into blocks of the next level whether or
 * not the core was told about that size; if it was not, the core then
 * unmaps the split blocks one granule at a time (one table and a TLB
 * invalidation per granule: a single 2T unmap took 33M tlb_add_page calls
 * and 256 MiB of tables). Drivers always pass a whole family (SMMUv3 from
 * IDR5), so a block size must come with every block size below it.
 */
static int check_lpae_family(const struct prog_config *cfg,
			     unsigned long bitmap, char *why, size_t whylen)
{
	if (cfg->fmt > PT_ARM_64_LPAE_S2)
		return 0;

	unsigned int granule_shift = (unsigned int)__builtin_ctzl(bitmap);
	unsigned int bits = granule_shift - 3;

	for (unsigned int shift = granule_shift + bits; shift < 64;
	     shift += bits) {
		bool have = bitmap & (1UL << shift);
		bool bigger = bitmap >> shift >> 1;

		if (!have && bigger)
			return reject(why, whylen,
				      "pgsize_bitmap 0x%lx has a block size above 2^%u but not 2^%u: io-pgtable would split blocks into sizes the core does not use",
				      bitmap, shift, shift);
	}
	return 0;
}

int program_validate_ops(const struct program *p, unsigned long bitmap,
			 unsigned long table_bitmap, char *why, size_t whylen)
{
	const struct prog_config *cfg = &p->cfg;
	uint64_t min_page = bitmap & -bitmap;
	/* last bytes, not ends: with 64 bits the end is 2^64 */
	uint64_t iova_last = cfg->ias >= 64 ? UINT64_MAX :
					      (1ULL << cfg->ias) - 1;
	uint64_t pa_last = cfg->oas >= 64 ? UINT64_MAX : (1ULL << cfg->oas) - 1;
	uint64_t leaves = 0;

	if (!bitmap)
		return reject(why, whylen, "the domain has no page sizes");
	/*
	 * The core takes the smallest page as 1 << __ffs(pgsize_bitmap) in
	 * an int: past 2^31 that shift is undefined (docs/findings.md F17).
	 * No driver offers only such pages, but AMD v1's bitmap can be
	 * narrowed to them here: kept out at the door, as UBSan would stop
	 * the process inside kernel code.
	 */
	if (min_page > (1ULL << 31))
		return reject(why, whylen,
			      "the smallest page 0x%" PRIx64
			      " is above 2^31: the core's min_pagesz, 1 << __ffs(pgsize_bitmap) in an int, would shift past 31 bits (docs/findings.md F17)",
			      min_page);
	if (check_lpae_family(cfg, table_bitmap, why, whylen))
		return -1;
	/* io-pgtable builds no level at all, and every map fails */
	if (table_bitmap && iova_last < (table_bitmap & -table_bitmap))
		return reject(why, whylen,
			      "ias %u leaves no address bits above the 0x%lx granule",
			      cfg->ias, table_bitmap & -table_bitmap);
	for (size_t i = 0; i < p->nr_ops; i++) {
		const struct prog_op *op = &p->ops[i];
		bool ranged = op->kind == OP_MAP || op->kind == OP_UNMAP ||
			      op->kind == OP_UNMAP_FAST;
		bool addressed = ranged || op->kind == OP_IOVA_TO_PHYS ||
				 op->kind == OP_ACCESS ||
				 op->kind == OP_PREFETCH;

		if (!addressed)
			continue;
		if (op->iova > iova_last)
			return reject(why, whylen,
				      "op #%zu: iova 0x%" PRIx64
				      " is beyond the %u-bit input range", i,
				      op->iova, cfg->ias);
		if (!ranged)
			continue;
		if ((op->iova | op->size) & (min_page - 1))
			return reject(why, whylen,
				      "op #%zu: iova 0x%" PRIx64 " / size 0x%" PRIx64
				      " not aligned to the smallest page 0x%" PRIx64,
				      i, op->iova, op->size, min_page);
		if (op->size && op->size - 1 > iova_last - op->iova &&
		    cfg->ias >= 64)
			return reject(why, whylen,
				      "op #%zu: iova 0x%" PRIx64 " + size 0x%" PRIx64
				      " wraps past 2^64", i, op->iova,
				      op->size);
		if (op->size && op->size - 1 > iova_last - op->iova)
			return reject(why, whylen,
				      "op #%zu: iova 0x%" PRIx64 " + size 0x%" PRIx64
				      " runs past the %u-bit input range", i,
				      op->iova, op->size, cfg->ias);
		if (op->kind != OP_MAP)
			continue;
		if (op->paddr & (min_page - 1))
			return reject(why, whylen,
				      "op #%zu: pa 0x%" PRIx64
				      " not aligned to the smallest page 0x%" PRIx64,
				      i, op->paddr, min_page);
		if (op->paddr > pa_last ||
		    (op->size && op->size - 1 > pa_last - op->paddr))
			return reject(why, whylen,
				      "op #%zu: pa 0x%" PRIx64 " + size 0x%" PRIx64
				      " runs past the %u-bit output range", i,
				      op->paddr, op->size, cfg->oas);
		/* what the tables get: stand-in leaves, AMD replicas */
		uint64_t n = leaves_for_map(cfg->fmt, op->iova, op->paddr,
					    op->size, table_bitmap);
		if (n > PROG_MAX_LEAVES || leaves + n > PROG_MAX_LEAVES)
			return reject(why, whylen,
				      "op #%zu: the maps would create more than %lu page-table entries",
				      i, PROG_MAX_LEAVES);
		leaves += n;
	}
	return 0;
}

uint8_t *program_encode(const struct program *p, size_t *len)
{
	Iotlbfuzz__Program msg = IOTLBFUZZ__PROGRAM__INIT;
	Iotlbfuzz__Config cfg = IOTLBFUZZ__CONFIG__INIT;
	Iotlbfuzz__IotlbConfig tlb = IOTLBFUZZ__IOTLB_CONFIG__INIT;
	size_t n = p->nr_ops;
	Iotlbfuzz__Op *ops = calloc(n ? n : 1, sizeof(*ops));
	Iotlbfuzz__Op **op_ptrs = calloc(n ? n : 1, sizeof(*op_ptrs));
	/* one sub-message per op; a union of all kinds keeps this short */
	union sub {
		Iotlbfuzz__Map map;
		Iotlbfuzz__Unmap unmap;
		Iotlbfuzz__UnmapFast unmap_fast;
		Iotlbfuzz__Sync sync;
		Iotlbfuzz__FlushAll flush_all;
		Iotlbfuzz__IovaToPhys iova_to_phys;
		Iotlbfuzz__DeviceAccess access;
		Iotlbfuzz__Prefetch prefetch;
	} *subs = calloc(n ? n : 1, sizeof(*subs));
	uint8_t *buf = NULL;

	if (!ops || !op_ptrs || !subs)
		goto out;
	cfg.has_format = true;
	cfg.format = proto_of_format(p->cfg.fmt);
	cfg.has_pgsize_bitmap = true;
	cfg.pgsize_bitmap = p->cfg.pgsize_bitmap;
	cfg.has_ias = cfg.has_oas = true;
	cfg.ias = p->cfg.ias;
	cfg.oas = p->cfg.oas;
	cfg.has_quirks = p->cfg.quirks != 0;
	cfg.quirks = p->cfg.quirks;
	cfg.has_coherent_walk = !p->cfg.coherent_walk;
	cfg.coherent_walk = p->cfg.coherent_walk;
	cfg.has_unmap_mode = p->cfg.deferred;
	cfg.unmap_mode = p->cfg.deferred ? IOTLBFUZZ__UNMAP_MODE__DEFERRED :
					   IOTLBFUZZ__UNMAP_MODE__STRICT;
	tlb.has_walk_cache = !p->cfg.walk_cache;
	tlb.walk_cache = p->cfg.walk_cache;
	tlb.has_cache_not_present = p->cfg.cache_not_present;
	tlb.cache_not_present = p->cfg.cache_not_present;
	tlb.has_entries = p->cfg.iotlb_entries != 0;
	tlb.entries = (Iotlbfuzz__IotlbEntries)p->cfg.iotlb_entries;
	tlb.has_range_invalidation = p->cfg.range_invalidation;
	tlb.range_invalidation = p->cfg.range_invalidation;
	cfg.iotlb = &tlb;
	cfg.has_driver = p->cfg.driver != 0;
	cfg.driver = (Iotlbfuzz__Driver)p->cfg.driver;
	Iotlbfuzz__Driver also[PROG_MAX_CROSS];

	for (size_t i = 0; i < p->cfg.nr_also_run_on; i++)
		also[i] = (Iotlbfuzz__Driver)p->cfg.also_run_on[i];
	cfg.n_also_run_on = p->cfg.nr_also_run_on;
	cfg.also_run_on = also;
	cfg.has_fail_alloc = p->cfg.fail_alloc != 0;
	cfg.fail_alloc = p->cfg.fail_alloc;
	cfg.has_fail_sync_map = p->cfg.fail_sync_map != 0;
	cfg.fail_sync_map = p->cfg.fail_sync_map;
	cfg.has_table_base = p->cfg.table_base != 0;
	cfg.table_base = p->cfg.table_base;
	msg.config = &cfg;
	for (size_t i = 0; i < n; i++) {
		const struct prog_op *op = &p->ops[i];
		Iotlbfuzz__Op *o = &ops[i];

		iotlbfuzz__op__init(o);
		op_ptrs[i] = o;
		switch (op->kind) {
		case OP_MAP:
			iotlbfuzz__map__init(&subs[i].map);
			subs[i].map = (Iotlbfuzz__Map){
				.base = subs[i].map.base,
				.has_iova = true, .iova = op->iova,
				.has_paddr = true, .paddr = op->paddr,
				.has_size = true, .size = op->size,
				.has_prot = true, .prot = op->prot,
			};
			o->op_case = IOTLBFUZZ__OP__OP_MAP;
			o->map = &subs[i].map;
			break;
		case OP_UNMAP:
			iotlbfuzz__unmap__init(&subs[i].unmap);
			subs[i].unmap.has_iova = subs[i].unmap.has_size = true;
			subs[i].unmap.iova = op->iova;
			subs[i].unmap.size = op->size;
			o->op_case = IOTLBFUZZ__OP__OP_UNMAP;
			o->unmap = &subs[i].unmap;
			break;
		case OP_UNMAP_FAST:
			iotlbfuzz__unmap_fast__init(&subs[i].unmap_fast);
			subs[i].unmap_fast.has_iova = true;
			subs[i].unmap_fast.has_size = true;
			subs[i].unmap_fast.has_gather = true;
			subs[i].unmap_fast.iova = op->iova;
			subs[i].unmap_fast.size = op->size;
			subs[i].unmap_fast.gather = op->gather;
			o->op_case = IOTLBFUZZ__OP__OP_UNMAP_FAST;
			o->unmap_fast = &subs[i].unmap_fast;
			break;
		case OP_SYNC:
			iotlbfuzz__sync__init(&subs[i].sync);
			subs[i].sync.has_gather = true;
			subs[i].sync.gather = op->gather;
			o->op_case = IOTLBFUZZ__OP__OP_SYNC;
			o->sync = &subs[i].sync;
			break;
		case OP_FLUSH_ALL:
			iotlbfuzz__flush_all__init(&subs[i].flush_all);
			o->op_case = IOTLBFUZZ__OP__OP_FLUSH_ALL;
			o->flush_all = &subs[i].flush_all;
			break;
		case OP_IOVA_TO_PHYS:
			iotlbfuzz__iova_to_phys__init(&subs[i].iova_to_phys);
			subs[i].iova_to_phys.has_iova = true;
			subs[i].iova_to_phys.iova = op->iova;
			o->op_case = IOTLBFUZZ__OP__OP_IOVA_TO_PHYS;
			o->iova_to_phys = &subs[i].iova_to_phys;
			break;
		case OP_ACCESS:
			iotlbfuzz__device_access__init(&subs[i].access);
			subs[i].access.has_iova = subs[i].access.has_access = true;
			subs[i].access.iova = op->iova;
			subs[i].access.access = op->access == HW_PERM_WRITE ?
						       IOTLBFUZZ__ACCESS__WRITE :
						       IOTLBFUZZ__ACCESS__READ;
			o->op_case = IOTLBFUZZ__OP__OP_ACCESS;
			o->access = &subs[i].access;
			break;
		case OP_PREFETCH:
			iotlbfuzz__prefetch__init(&subs[i].prefetch);
			subs[i].prefetch.has_iova = true;
			subs[i].prefetch.iova = op->iova;
			o->op_case = IOTLBFUZZ__OP__OP_PREFETCH;
			o->prefetch = &subs[i].prefetch;
			break;
		}
	}
	msg.n_ops = n;
	msg.ops = op_ptrs;
	*len = iotlbfuzz__program__get_packed_size(&msg);
	buf = malloc(*len ? *len : 1);
	if (buf)
		iotlbfuzz__program__pack(&msg, buf);
out:
	free(ops);
	free(op_ptrs);
	free(subs);
	return buf;
}

uint64_t program_table_base(const struct prog_config *cfg)
{
	return cfg->table_base ? cfg->table_base : PROG_DEFAULT_TABLE_BASE;
}

const char *op_kind_name(enum op_kind kind)
{
	static const char *const names[] = {
		[OP_MAP] = "map", [OP_UNMAP] = "unmap",
		[OP_UNMAP_FAST] = "unmap_fast", [OP_SYNC] = "sync",
		[OP_FLUSH_ALL] = "flush_all",
		[OP_IOVA_TO_PHYS] = "iova_to_phys", [OP_ACCESS] = "access",
		[OP_PREFETCH] = "prefetch",
	};

	return kind <= OP_PREFETCH ? names[kind] : "?";
}

static const char *prot_string(unsigned int prot, char buf[8])
{
	buf[0] = (prot & 1) ? 'r' : '-';
	buf[1] = (prot & 2) ? 'w' : '-';
	buf[2] = (prot & 4) ? 'c' : '-';
	buf[3] = (prot & 8) ? 'x' : '-'; /* NOEXEC */
	buf[4] = (prot & 16) ? 'm' : '-';
	buf[5] = (prot & 32) ? 'p' : '-';
	buf[6] = 0;
	return buf;
}

void program_format_op(const struct prog_op *op, char *buf, size_t len)
{
	char prot[8];

	switch (op->kind) {
	case OP_MAP:
		snprintf(buf, len,
			 "map iova 0x%" PRIx64 " pa 0x%" PRIx64 " size 0x%" PRIx64
			 " prot %s", op->iova, op->paddr, op->size,
			 prot_string(op->prot, prot));
		break;
	case OP_UNMAP:
		snprintf(buf, len, "unmap iova 0x%" PRIx64 " size 0x%" PRIx64,
			 op->iova, op->size);
		break;
	case OP_UNMAP_FAST:
		snprintf(buf, len,
			 "unmap_fast iova 0x%" PRIx64 " size 0x%" PRIx64
			 " gather %u", op->iova, op->size, op->gather);
		break;
	case OP_SYNC:
		snprintf(buf, len, "sync gather %u", op->gather);
		break;
	case OP_FLUSH_ALL:
		snprintf(buf, len, "flush_all");
		break;
	case OP_IOVA_TO_PHYS:
		snprintf(buf, len, "iova_to_phys iova 0x%" PRIx64, op->iova);
		break;
	case OP_ACCESS:
		snprintf(buf, len, "access %s iova 0x%" PRIx64,
			 op->access == HW_PERM_WRITE ? "write" : "read",
			 op->iova);
		break;
	case OP_PREFETCH:
		snprintf(buf, len, "prefetch iova 0x%" PRIx64, op->iova);
		break;
	}
}

void program_format_config(const struct prog_config *cfg, char *buf,
			   size_t len)
{
	char tables[48] = "";

	if (cfg->table_base)
		snprintf(tables, sizeof(tables), ", tables at 0x%" PRIx64,
			 cfg->table_base);
	snprintf(buf, len,
		 "%s pgsize 0x%lx ias %u oas %u quirks 0x%lx%s%s%s, "
		 "iotlb%s%s%s%s, driver #%d",
		 pt_format_name(cfg->fmt), cfg->pgsize_bitmap, cfg->ias,
		 cfg->oas, cfg->quirks,
		 cfg->coherent_walk ? "" : ", non-coherent walk", tables,
		 cfg->deferred ? ", deferred (flush queue)" : ", strict",
		 cfg->walk_cache ? " +walk-cache" : " -walk-cache",
		 cfg->cache_not_present ? " +not-present" : "",
		 cfg->iotlb_entries == 1   ? " splintered"
		 : cfg->iotlb_entries == 2 ? " mixed"
					   : "",
		 cfg->range_invalidation ? " +range-hints" : "", cfg->driver);
}
