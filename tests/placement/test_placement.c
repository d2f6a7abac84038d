// SPDX-License-Identifier: GPL-2.0-only
/*
 * config.table_base: what each format must refuse and what the hardware
 * reaches (placement.c, from io-pgtable's code), the decoder's limits, the
 * protobuf round trip, and the byte form (old inputs unchanged, the
 * placement byte of the second magic).
 */
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "check.h"
#include "placement.h"
#include "program.h"

#define MiB (1ULL << 20)
#define Q_NO_PERMS (1UL << 1)
#define Q_MTK_EXT (1UL << 3)
#define Q_MTK_TTBR_EXT (1UL << 4)

static struct prog_config config(enum pt_format fmt, unsigned int oas,
				 uint64_t table_base)
{
	return (struct prog_config){
		.fmt = fmt,
		.oas = oas,
		.coherent_walk = true,
		.table_base = table_base,
	};
}

static bool accepted(const struct prog_config *c, unsigned int oas)
{
	struct table_placement pl;
	char why[256];

	placement_of(c, oas, &pl);
	return placement_check(c, oas, &pl, why, sizeof(why)) == 0;
}

static void test_v7s(void)
{
	struct prog_config c = config(PT_ARM_V7S, 32, 0);
	struct table_placement pl;

	placement_of(&c, 32, &pl);
	CHECK_EQ_U64(pl.base, 0x40000000ULL);
	CHECK_EQ_U64(pl.end, 0x50000000ULL);
	CHECK_EQ_U64(pl.fit, 1ULL << 32);
	CHECK_EQ_U64(pl.reach, 1ULL << 32);
	CHECK_EQ_U64(pl.dma, 0);
	/* io-pgtable refuses what lies above 4G: nothing to reject */
	c.table_base = 1ULL << 33;
	CHECK(accepted(&c, 32));
	c.table_base = (1ULL << 32) - 2 * MiB;
	CHECK(accepted(&c, 32));
	/* the output size does not bound where plain v7s tables are */
	c.oas = 20;
	CHECK(accepted(&c, 20));

	/* MediaTek: 35-bit data, table addresses still 32 bits */
	c = config(PT_ARM_V7S, 35, 0x700000000ULL);
	c.quirks = Q_MTK_EXT | Q_NO_PERMS;
	placement_of(&c, 35, &pl);
	CHECK_EQ_U64(pl.fit, 1ULL << 32);
	CHECK_EQ_U64(pl.reach, 1ULL << 35);
	/* ... and its output reaches only 2^oas */
	c = config(PT_ARM_V7S, 31, 0x78000000ULL);
	c.quirks = Q_MTK_EXT | Q_NO_PERMS;
	CHECK(!accepted(&c, 31));
	c.table_base = 0x70000000ULL;
	CHECK(accepted(&c, 31));

	/* the TTBR extension: tables below 2^oas */
	c = config(PT_ARM_V7S, 34, 0);
	c.quirks = Q_MTK_EXT | Q_NO_PERMS | Q_MTK_TTBR_EXT;
	placement_of(&c, 34, &pl);
	CHECK_EQ_U64(pl.fit, 1ULL << 34);
	CHECK_EQ_U64(pl.reach, 1ULL << 34);
	/* the TTBR extension without MTK_EXT means nothing */
	c.quirks = Q_MTK_TTBR_EXT;
	placement_of(&c, 34, &pl);
	CHECK_EQ_U64(pl.fit, 1ULL << 32);

	/* a non-coherent walk: the DMA mask is tighter */
	c = config(PT_ARM_V7S, 31, 0);
	c.coherent_walk = false;
	placement_of(&c, 31, &pl);
	CHECK_EQ_U64(pl.dma, 1ULL << 31);
	CHECK_EQ_U64(pl.fit, 1ULL << 31);
}

static void test_lpae(void)
{
	struct prog_config c = config(PT_ARM_64_LPAE_S1, 48, 0);
	struct table_placement pl;

	placement_of(&c, 48, &pl);
	CHECK_EQ_U64(pl.fit, UINT64_MAX); /* io-pgtable-arm never checks */
	CHECK_EQ_U64(pl.reach, 1ULL << 48);
	c.table_base = (1ULL << 48) - 256 * MiB;
	CHECK(accepted(&c, 48));
	c.table_base = (1ULL << 48) - 2 * MiB;
	CHECK(!accepted(&c, 48));
	/* judged with the output size io-pgtable settles on (4K: 48) */
	c.oas = 52;
	c.table_base = 1ULL << 49;
	CHECK(accepted(&c, 52));
	CHECK(!accepted(&c, 48));
	/* below 2^31 only what the default placement needs */
	c = config(PT_ARM_64_LPAE_S1, 32, 0);
	CHECK(accepted(&c, 32));
	c.table_base = 0xf8000000ULL;
	CHECK(!accepted(&c, 32));

	/* non-coherent: the DMA API refuses beyond the mask */
	c = config(PT_ARM_64_LPAE_S1, 40, (1ULL << 40) - 2 * MiB);
	c.coherent_walk = false;
	placement_of(&c, 40, &pl);
	CHECK_EQ_U64(pl.fit, 1ULL << 40);
	CHECK(accepted(&c, 40));
	c.coherent_walk = true;
	CHECK(!accepted(&c, 40));
}

static void test_dart(void)
{
	struct prog_config c = config(PT_APPLE_DART, 36, 0xff0000000ULL);

	CHECK(accepted(&c, 36));
	c.table_base = 0xff0200000ULL;
	CHECK(!accepted(&c, 36));
	c = config(PT_APPLE_DART2, 42, 0x3fff0000000ULL);
	CHECK(accepted(&c, 42));
	c.table_base = 1ULL << 42;
	CHECK(!accepted(&c, 42));
}

static int decode(const struct program *p, struct program *out, char *why,
		  size_t whylen)
{
	size_t len;
	uint8_t *buf = program_encode(p, &len);
	int ret;

	CHECK(buf != NULL);
	ret = program_decode(buf, len, out, why, whylen);
	free(buf);
	return ret;
}

static void test_decode(void)
{
	static struct program p, q;
	char why[256];

	memset(&p, 0, sizeof(p));
	p.cfg = config(PT_ARM_64_LPAE_S1, 48, 0);
	p.cfg.pgsize_bitmap = 0x40201000UL;
	p.cfg.ias = 48;
	p.cfg.walk_cache = true;
	CHECK(decode(&p, &q, why, sizeof(why)) == 0);
	CHECK_EQ_U64(q.cfg.table_base, 0);
	CHECK_EQ_U64(program_table_base(&q.cfg), 0x40000000ULL);

	p.cfg.table_base = (1ULL << 52) - 256 * MiB;
	CHECK(decode(&p, &q, why, sizeof(why)) == 0);
	CHECK_EQ_U64(q.cfg.table_base, (1ULL << 52) - 256 * MiB);

	p.cfg.table_base = (1ULL << 52) - 254 * MiB;
	CHECK(decode(&p, &q, why, sizeof(why)) != 0);
	CHECK(strstr(why, "past 2^52") != NULL);
	p.cfg.table_base = ~0ULL << 21; /* base + size would wrap */
	CHECK(decode(&p, &q, why, sizeof(why)) != 0);
	p.cfg.table_base = 0xf0001000ULL;
	CHECK(decode(&p, &q, why, sizeof(why)) != 0);
	CHECK(strstr(why, "2 MiB") != NULL);

	/* where the tables are decides the oas floor, not the decoder */
	p.cfg.table_base = 0;
	p.cfg.oas = PROG_MIN_OAS;
	CHECK(decode(&p, &q, why, sizeof(why)) == 0);
	p.cfg.oas = PROG_MIN_OAS - 1;
	CHECK(decode(&p, &q, why, sizeof(why)) != 0);
}

static void from_bytes(const uint8_t *b, size_t len, struct program *out)
{
	CHECK(bytecode_is(b, len));
	program_from_bytecode(b, len, out);
}

static void test_bytecode(void)
{
	static struct program p;
	/* reference driver (c1 0), ARM_V7S (c0 4), then one map */
	uint8_t old[] = {BYTECODE_MAGIC, 4, 0, 0, 0, 0, 0, 0};
	uint8_t placed[] = {BYTECODE_MAGIC_PLACED, 4, 0, 0, 0, 0, 0, 0, 0};

	from_bytes(old, sizeof(old), &p);
	CHECK_EQ_U64(p.cfg.fmt, PT_ARM_V7S);
	CHECK_EQ_U64(p.cfg.table_base, 0);
	CHECK_EQ_U64(p.nr_ops, 1);
	/* the same bytes after the placement byte: the same program */
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.fmt, PT_ARM_V7S);
	CHECK_EQ_U64(p.cfg.table_base, 0);
	CHECK_EQ_U64(p.nr_ops, 1);
	CHECK_EQ_U64(p.ops[0].kind, OP_MAP);

	/* 2^32: all below, straddling, above, straddling by 128M */
	placed[4] = 0x01;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.table_base, (1ULL << 32) - 256 * MiB);
	placed[4] = 0x11;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.table_base, (1ULL << 32) - 2 * MiB);
	placed[4] = 0x21;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.table_base, 1ULL << 32);
	placed[4] = 0x31;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.table_base, (1ULL << 32) - 128 * MiB);
	/* above 2^52 is past the limit: the highest placement there is */
	placed[4] = 0x2a;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.table_base, (1ULL << 52) - 256 * MiB);
	/* low memory */
	placed[4] = 0x0c;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.table_base, 2 * MiB);
	/* v7s MediaTek with the TTBR extension, at its own limit */
	placed[4] = 0x8d;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.quirks, Q_MTK_EXT | Q_NO_PERMS | Q_MTK_TTBR_EXT);
	CHECK_EQ_U64(p.cfg.oas, 35);
	CHECK_EQ_U64(p.cfg.table_base, (1ULL << 35) - 256 * MiB);
	/* LPAE (c0 0): the widest output, at its own limit */
	placed[1] = 0;
	placed[4] = 0x5e;
	from_bytes(placed, sizeof(placed), &p);
	CHECK_EQ_U64(p.cfg.fmt, PT_ARM_64_LPAE_S1);
	CHECK_EQ_U64(p.cfg.oas, 52);
	CHECK_EQ_U64(p.cfg.table_base, (1ULL << 52) - 256 * MiB);
	CHECK_EQ_U64(p.cfg.quirks, 0);
	/* every placement byte gives a base the decoder would take */
	for (unsigned int b = 0; b < 256; b++) {
		placed[4] = (uint8_t)b;
		for (unsigned int f = 0; f < 7; f++) {
			placed[1] = (uint8_t)f;
			from_bytes(placed, sizeof(placed), &p);
			CHECK_EQ_U64(p.cfg.table_base & (2 * MiB - 1), 0);
			CHECK(p.cfg.table_base <= (1ULL << 52) - 256 * MiB);
		}
	}
}

/* BYTECODE_MAGIC_CACHED: the placed form plus the IOTLB byte (c4). */
static void test_bytecode_cached(void)
{
	static struct program p;
	uint8_t cached[] = {
		BYTECODE_MAGIC_CACHED, 4, 0, 0, 0x21, 0, 0, 0, 0, 0};

	from_bytes(cached, sizeof(cached), &p);
	CHECK_EQ_U64(p.cfg.fmt, PT_ARM_V7S);
	CHECK_EQ_U64(p.cfg.table_base, 1ULL << 32);
	CHECK_EQ_U64(p.cfg.iotlb_entries, 0);
	CHECK(!p.cfg.range_invalidation);
	CHECK_EQ_U64(p.nr_ops, 1);
	CHECK_EQ_U64(p.ops[0].kind, OP_MAP);
	cached[5] = 0x05;
	from_bytes(cached, sizeof(cached), &p);
	CHECK_EQ_U64(p.cfg.iotlb_entries, 1);
	CHECK(p.cfg.range_invalidation);
	cached[5] = 0x02;
	from_bytes(cached, sizeof(cached), &p);
	CHECK_EQ_U64(p.cfg.iotlb_entries, 2);
	CHECK(!p.cfg.range_invalidation);
	/* 3 is not a policy: whole, as the default */
	cached[5] = 0xfb;
	from_bytes(cached, sizeof(cached), &p);
	CHECK_EQ_U64(p.cfg.iotlb_entries, 0);
	CHECK(!p.cfg.range_invalidation);
	/* the older forms never set either */
	cached[0] = BYTECODE_MAGIC_PLACED;
	cached[5] = 0x07;
	from_bytes(cached, sizeof(cached), &p);
	CHECK_EQ_U64(p.cfg.iotlb_entries, 0);
	CHECK(!p.cfg.range_invalidation);
}

int main(void)
{
	RUN_TEST(test_v7s);
	RUN_TEST(test_bytecode_cached);
	RUN_TEST(test_lpae);
	RUN_TEST(test_dart);
	RUN_TEST(test_decode);
	RUN_TEST(test_bytecode);
	return check_summary();
}
