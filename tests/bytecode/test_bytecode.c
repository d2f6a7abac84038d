// SPDX-License-Identifier: GPL-2.0-only
/*
 * The byte form (fuzz/program/bytecode.c). Fuzzing campaigns, corpora and
 * reproducers hold byte-form inputs, so what an input with one of the
 * older magics decodes to must never change: a digest of the programs of
 * many such inputs is pinned here.
 */
#include <string.h>

#include "bytecode.h"
#include "check.h"
#include "fnv.h"
#include "program.h"

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

int main(void)
{
	RUN_TEST(test_older_magics_unchanged);
	return check_summary();
}
