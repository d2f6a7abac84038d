// SPDX-License-Identifier: GPL-2.0-only
/*
 * The byte form (fuzz/program/bytecode.c). Fuzzing campaigns, corpora and
 * reproducers hold byte-form inputs, so what an input with one of the
 * older magics decodes to must never change: a digest of the programs of
 * many such inputs is pinned here. The generic_pt magic must reach each
 * of generic_pt's formats, drivers and address widths, and every input
 * with it must be a program the protobuf decoder would take, whose
 * operations stay inside the IOVAs the engine gives the domain.
 */
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "check.h"
#include "driver_id.h"
#include "fnv.h"
#include "program.h"
#include "program_formats.h"

#define GPT_FORMATS ((1u << PT_VTD_SS) | (1u << PT_X86_64) | (1u << PT_RISCV))

/* xorshift64: the same inputs on every machine */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint64_t digest_program(uint64_t h, const struct program *p)
{
	const struct prog_config *c = &p->cfg;
	uint64_t w[] = {
		c->fmt,
		c->pgsize_bitmap,
		c->ias,
		c->oas,
		c->quirks,
		c->coherent_walk,
		c->deferred,
		c->walk_cache,
		c->cache_not_present,
		(uint64_t)c->iotlb_entries,
		c->range_invalidation,
		(uint64_t)c->driver,
		c->nr_also_run_on,
		c->fail_alloc,
		c->fail_sync_map,
		c->table_base,
		p->nr_ops,
	};

	h = fnv1a_words(h, w, sizeof(w) / sizeof(w[0]));
	for (size_t i = 0; i < p->nr_ops; i++) {
		const struct prog_op *o = &p->ops[i];
		uint64_t ow[] = {o->kind, o->iova,   o->paddr, o->size,
				 o->prot, o->gather, o->access};

		h = fnv1a_words(h, ow, sizeof(ow) / sizeof(ow[0]));
	}
	return h;
}

/*
 * Every pair of format and driver bytes (c0, c1) with random others, and
 * random inputs of up to 64 bytes, for one magic.
 */
static uint64_t digest_magic(uint8_t magic)
{
	static struct program p;
	uint64_t h = FNV_OFFSET, s = 0x9e3779b97f4a7c15ULL ^ magic;
	uint8_t in[65];

	for (unsigned int c = 0; c < 0x10000; c++) {
		in[0] = magic;
		in[1] = (uint8_t)c;
		in[2] = (uint8_t)(c >> 8);
		for (size_t i = 3; i < 13; i++)
			in[i] = (uint8_t)next_random(&s);
		program_from_bytecode(in, 13, &p);
		h = digest_program(h, &p);
	}
	for (unsigned int n = 0; n < 20000; n++) {
		size_t len = 1 + next_random(&s) % 64;

		in[0] = magic;
		for (size_t i = 1; i < len; i++)
			in[i] = (uint8_t)next_random(&s);
		program_from_bytecode(in, len, &p);
		h = digest_program(h, &p);
	}
	return h;
}

/* Digests of the older magics' programs, as they decoded at f59d256. */
static void test_older_magics_unchanged(void)
{
	CHECK_EQ_U64(digest_magic(BYTECODE_MAGIC), 0xd0cc62688daacdc1ULL);
	CHECK_EQ_U64(digest_magic(BYTECODE_MAGIC_PLACED),
		     0x32fb8b7c3fe599b4ULL);
	CHECK_EQ_U64(digest_magic(BYTECODE_MAGIC_CACHED),
		     0x428eb613c2055a26ULL);
}

/* The byte can start no protobuf: its low bits are wire type 7. */
static void test_gpt_magic_is_no_protobuf(void)
{
	static struct program p;
	uint8_t in[3] = {BYTECODE_MAGIC_GENERIC_PT};
	char why[256];

	CHECK_EQ_U64(BYTECODE_MAGIC_GENERIC_PT & 7, 7);
	CHECK(bytecode_is(in, 1));
	for (unsigned int b = 0; b < 0x10000; b++) {
		in[1] = (uint8_t)b;
		in[2] = (uint8_t)(b >> 8);
		CHECK(program_decode(in, sizeof(in), &p, why, sizeof(why)) != 0);
	}
}

static struct program *gpt_program(uint8_t c0, uint8_t c1, uint8_t c2,
				   uint8_t c3, const uint8_t *ops, size_t len)
{
	static struct program p;
	uint8_t in[64] = {BYTECODE_MAGIC_GENERIC_PT, c0, c1, c2, c3, 0};

	if (len) /* memcpy's source must not be NULL, even for 0 bytes */
		memcpy(in + 6, ops, len);
	program_from_bytecode(in, 6 + len, &p);
	return &p;
}

/* Where the IOVAs a generic_pt domain of @c takes end (kstack.c). */
static uint64_t iova_limit(const struct prog_config *c)
{
	return 1ULL << (c->fmt == PT_VTD_SS ? c->ias : c->ias - 1);
}

/* c1 reaches each model on generic_pt tables, and only those. */
static void test_gpt_drivers(void)
{
	static const struct {
		int driver;
		enum pt_format fmt;
		bool sync_map;
	} want[] = {
		{DRIVER_ID(DRV_AMD_V2), PT_X86_64, false},
		{DRIVER_ID(DRV_AMD_V2_NP_CACHE), PT_X86_64, true},
		{DRIVER_ID(DRV_INTEL), PT_VTD_SS, false},
		{DRIVER_ID(DRV_INTEL_CACHING_MODE), PT_VTD_SS, true},
		{DRIVER_ID(DRV_RISCV), PT_RISCV, false},
		{DRIVER_ID(DRV_INTEL_FIRST_STAGE), PT_X86_64, false},
	};
	unsigned int seen = 0;

	for (unsigned int c1 = 0; c1 < 256; c1++) {
		/* c2 bit 3: cache not-present entries */
		struct program *p = gpt_program(0, (uint8_t)c1, 8, 0, NULL, 0);
		size_t i;

		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
			if (want[i].driver == p->cfg.driver)
				break;
		CHECK(i < sizeof(want) / sizeof(want[0]));
		if (i == sizeof(want) / sizeof(want[0]))
			continue;
		seen |= 1u << i;
		CHECK_EQ_U64(p->cfg.fmt, want[i].fmt);
		/* only hardware with a sync_map may cache faults */
		CHECK_EQ_U64(p->cfg.cache_not_present, want[i].sync_map);
		CHECK_EQ_U64(p->cfg.ias, 48);
		CHECK_EQ_U64(p->cfg.oas, 48);
	}
	CHECK_EQ_U64(seen, (1u << (sizeof(want) / sizeof(want[0]))) - 1);
}

/* The c1 that picks @driver. */
static uint8_t c1_of(int driver)
{
	for (unsigned int c1 = 0; c1 < 256; c1++)
		if (gpt_program(0, (uint8_t)c1, 0, 0, NULL, 0)->cfg.driver ==
		    driver)
			return (uint8_t)c1;
	CHECK(!"driver not reached");
	return 0;
}

/* c0's address widths, page sizes, and c3's widest output. */
static void test_gpt_geometry(void)
{
	uint8_t intel = c1_of(DRIVER_ID(DRV_INTEL));
	uint8_t riscv = c1_of(DRIVER_ID(DRV_RISCV));
	uint8_t amd = c1_of(DRIVER_ID(DRV_AMD_V2));
	static const unsigned int vtd_ias[4] = {48, 39, 57, 57};
	static const unsigned int x86_ias[4] = {48, 48, 57, 57};
	static const unsigned long vtd_sizes[4] = {0x40201000UL, 0x201000UL,
						   0x1000UL, 0x40201000UL};
	static const unsigned long rv_sizes[4] = {0x40211000UL, 0x40201000UL,
						  0x211000UL, 0x1000UL};

	for (unsigned int w = 0; w < 4; w++) {
		CHECK_EQ_U64(gpt_program(w, intel, 0, 0, NULL, 0)->cfg.ias,
			     vtd_ias[w]);
		CHECK_EQ_U64(gpt_program(w, riscv, 0, 0, NULL, 0)->cfg.ias,
			     vtd_ias[w]);
		CHECK_EQ_U64(gpt_program(w, amd, 0, 0, NULL, 0)->cfg.ias,
			     x86_ias[w]);
		CHECK_EQ_U64(gpt_program(w << 2, intel, 0, 0, NULL, 0)
				     ->cfg.pgsize_bitmap,
			     vtd_sizes[w]);
		CHECK_EQ_U64(gpt_program(w << 2, amd, 0, 0, NULL, 0)
				     ->cfg.pgsize_bitmap,
			     vtd_sizes[w]);
		CHECK_EQ_U64(gpt_program(w << 2, riscv, 0, 0, NULL, 0)
				     ->cfg.pgsize_bitmap,
			     rv_sizes[w]);
	}
	CHECK_EQ_U64(gpt_program(0, intel, 0, 0x40, NULL, 0)->cfg.oas, 52);
	CHECK_EQ_U64(gpt_program(0, amd, 0, 0x40, NULL, 0)->cfg.oas, 52);
	CHECK_EQ_U64(gpt_program(0, riscv, 0, 0x40, NULL, 0)->cfg.oas, 56);
	/* the placement byte as the placed form reads it: 2^48, above */
	CHECK_EQ_U64(gpt_program(0, intel, 0, 0x29, NULL, 0)->cfg.table_base,
		     1ULL << 48);
}

/* c0 bits 5-6: the format's quirks; x86-64 has none to take. */
static void test_gpt_quirks(void)
{
	uint8_t intel = c1_of(DRIVER_ID(DRV_INTEL));
	uint8_t riscv = c1_of(DRIVER_ID(DRV_RISCV));
	uint8_t amd = c1_of(DRIVER_ID(DRV_AMD_V2));

	CHECK_EQ_U64(gpt_program(0, intel, 0, 0, NULL, 0)->cfg.quirks, 0);
	CHECK_EQ_U64(gpt_program(0x20, intel, 0, 0, NULL, 0)->cfg.quirks,
		     Q_VTDSS_NEST_PARENT);
	CHECK_EQ_U64(gpt_program(0x40, intel, 0, 0, NULL, 0)->cfg.quirks,
		     Q_VTDSS_FORCE_COHERENCE);
	CHECK_EQ_U64(gpt_program(0x60, intel, 0, 0, NULL, 0)->cfg.quirks,
		     Q_VTDSS_NEST_PARENT | Q_VTDSS_FORCE_COHERENCE);
	CHECK_EQ_U64(gpt_program(0x20, riscv, 0, 0, NULL, 0)->cfg.quirks, 0);
	CHECK_EQ_U64(gpt_program(0x40, riscv, 0, 0, NULL, 0)->cfg.quirks, 0);
	CHECK_EQ_U64(gpt_program(0x60, riscv, 0, 0, NULL, 0)->cfg.quirks,
		     Q_RISCV_SVPBMT);
	CHECK_EQ_U64(gpt_program(0x60, amd, 0, 0, NULL, 0)->cfg.quirks, 0);
	/* the geometry bits keep their meaning beside them */
	CHECK_EQ_U64(gpt_program(0x61, intel, 0, 0, NULL, 0)->cfg.ias, 39);
}

/*
 * At the top: a block map at the window's last block ends at the limit,
 * a longer one is cut there, and the last page is reached.
 */
static void test_gpt_top(void)
{
	/* map 1 block at block 3; map 4 blocks there; access its last page */
	static const uint8_t ops[] = {0, 0xc0, 0x80, 0, 0, 0xc0, 0x83, 0,
				      0xb, 0xff, 0x07, 0};
	uint8_t intel = c1_of(DRIVER_ID(DRV_INTEL));
	uint8_t riscv = c1_of(DRIVER_ID(DRV_RISCV));
	uint8_t amd = c1_of(DRIVER_ID(DRV_AMD_V2));
	struct program *p;

	/* VT-d 39 bits, 4K|2M|1G, 2M blocks */
	p = gpt_program(0x11, intel, 0, 0, ops, sizeof(ops));
	CHECK_EQ_U64(p->nr_ops, 3);
	CHECK_EQ_U64(p->ops[0].iova, (1ULL << 39) - (2ULL << 20));
	CHECK_EQ_U64(p->ops[0].size, 2ULL << 20);
	CHECK_EQ_U64(p->ops[1].size, 2ULL << 20);
	CHECK_EQ_U64(p->ops[2].iova, (1ULL << 39) - (2ULL << 20) +
					     63 * 0x1000 + 7 * 0x10);
	/* RISC-V Sv57, 2M blocks, sign-extends: the lower half's top, 2^56 */
	p = gpt_program(0x16, riscv, 0, 0, ops, sizeof(ops));
	CHECK_EQ_U64(p->ops[0].iova + p->ops[0].size, 1ULL << 56);
	/* RISC-V 64K blocks: the window is wider than its four blocks */
	p = gpt_program(0x10, riscv, 0, 0, ops, sizeof(ops));
	CHECK_EQ_U64(p->ops[1].iova + p->ops[1].size, 1ULL << 47);
	CHECK(p->ops[2].iova < 1ULL << 47);
	/* AMD v2, 5 levels: 56 bits, with 1G blocks (c2 rank 1) */
	p = gpt_program(0x12, amd, 0x10, 0, ops, sizeof(ops));
	CHECK_EQ_U64(p->ops[0].iova, (1ULL << 56) - (1ULL << 30));
	CHECK_EQ_U64(p->ops[1].size, 1ULL << 30);
	/* not at the top: from 0, uncut */
	p = gpt_program(0x01, intel, 0, 0, ops, sizeof(ops));
	CHECK_EQ_U64(p->ops[0].iova, 3 * (2ULL << 20));
	CHECK_EQ_U64(p->ops[1].size, 4 * (2ULL << 20));
}

/* What of @o its kind reads, as the protobuf form keeps it. */
static struct prog_op op_as_kept(const struct prog_op *o)
{
	struct prog_op k = {.kind = o->kind, .iova = o->iova};

	switch (o->kind) {
	case OP_MAP:
		k.paddr = o->paddr;
		k.prot = o->prot;
		k.size = o->size;
		break;
	case OP_UNMAP_FAST:
		k.gather = o->gather;
		k.size = o->size;
		break;
	case OP_UNMAP:
		k.size = o->size;
		break;
	case OP_SYNC:
		k.gather = o->gather;
		k.iova = 0;
		break;
	case OP_FLUSH_ALL:
		k.iova = 0;
		break;
	case OP_ACCESS:
		k.access = o->access;
		break;
	default:
		break;
	}
	return k;
}

static bool same_program(const struct program *a, const struct program *b)
{
	static struct program ka, kb;

	ka = *a;
	kb = *b;
	for (size_t i = 0; i < ka.nr_ops; i++)
		ka.ops[i] = op_as_kept(&a->ops[i]);
	for (size_t i = 0; i < kb.nr_ops; i++)
		kb.ops[i] = op_as_kept(&b->ops[i]);
	return digest_program(FNV_OFFSET, &ka) ==
	       digest_program(FNV_OFFSET, &kb);
}

/*
 * Random inputs with the magic: programs the protobuf decoder takes as
 * they are, of generic_pt's formats at their widths, every operation
 * inside the domain's IOVAs and the output size, on its smallest page.
 */
static void test_gpt_random_valid(void)
{
	static struct program q;
	uint64_t s = 0x2545f4914f6cdd1dULL;
	uint8_t in[200];
	char why[256];
	int failed = 0;

	for (unsigned int n = 0; n < 20000 && failed < 10; n++) {
		static struct program p;
		size_t len = 1 + next_random(&s) % sizeof(in), enc_len;
		const struct format_defaults *d;
		uint64_t limit, min_page;
		uint8_t *enc;
		bool ok = true;

		in[0] = BYTECODE_MAGIC_GENERIC_PT;
		for (size_t i = 1; i < len; i++)
			in[i] = (uint8_t)next_random(&s);
		program_from_bytecode(in, len, &p);
		enc = program_encode(&p, &enc_len);
		ok &= enc && !program_decode(enc, enc_len, &q, why, sizeof(why));
		free(enc);
		ok &= ok && same_program(&p, &q);
		ok &= ((1u << p.cfg.fmt) & GPT_FORMATS) != 0;
		d = program_format_defaults(p.cfg.fmt);
		ok &= (p.cfg.pgsize_bitmap & ~d->pgsize_bitmap) == 0;
		ok &= p.cfg.ias == 39 || p.cfg.ias == 48 || p.cfg.ias == 57;
		ok &= p.cfg.fmt != PT_X86_64 || p.cfg.ias != 39;
		limit = iova_limit(&p.cfg);
		min_page = p.cfg.pgsize_bitmap & -p.cfg.pgsize_bitmap;
		for (size_t i = 0; i < p.nr_ops; i++) {
			const struct prog_op *o = &p.ops[i];

			ok &= o->iova < limit;
			if (o->kind == OP_MAP || o->kind == OP_UNMAP ||
			    o->kind == OP_UNMAP_FAST)
				ok &= o->size <= limit - o->iova &&
				      !(o->iova & (min_page - 1)) &&
				      !(o->size & (min_page - 1));
			if (o->kind == OP_MAP)
				ok &= !(o->paddr & (min_page - 1)) &&
				      o->paddr + o->size <= 1ULL << p.cfg.oas;
		}
		if (!ok) {
			failed++;
			fprintf(stderr, "random input #%u (%zu bytes): %s\n",
				n, len, why);
		}
		CHECK(ok);
	}
}

int main(void)
{
	RUN_TEST(test_older_magics_unchanged);
	RUN_TEST(test_gpt_magic_is_no_protobuf);
	RUN_TEST(test_gpt_drivers);
	RUN_TEST(test_gpt_geometry);
	RUN_TEST(test_gpt_quirks);
	RUN_TEST(test_gpt_top);
	RUN_TEST(test_gpt_random_valid);
	return check_summary();
}
