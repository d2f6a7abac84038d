// SPDX-License-Identifier: GPL-2.0-only
/*
 * The program hooks on the seed corpus: chained mutations and crossovers
 * stay valid messages (pbm_check.h), never lose an op's kind nor pass the
 * op limit, are deterministic, and are accepted by the decoder far more
 * often than the generic mutator's; they place the page tables, high too.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbm_check.h"
#include "program.h"
#include "program.pb-c.h"
#include "program_mutator.h"

#define MAX 4096
#define MAX_SEEDS 256

static uint8_t seeds[MAX_SEEDS][MAX];
static size_t seed_len[MAX_SEEDS];
static int nseeds;

static void load(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	CHECK(d, "%s", dir);
	while ((e = readdir(d)) && nseeds < MAX_SEEDS) {
		char path[4096];
		FILE *f;

		if (!strstr(e->d_name, ".pb"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "rb");
		CHECK(f, "%s", path);
		seed_len[nseeds] = fread(seeds[nseeds], 1, MAX, f);
		fclose(f);
		nseeds++;
	}
	closedir(d);
	CHECK(nseeds >= 10, "only %d seeds in %s", nseeds, dir);
}

/* What the fuzz target would run (or reject). */
static bool accepted(const uint8_t *buf, size_t len)
{
	static struct program p;
	char why[256];

	return !program_decode(buf, len, &p, why, sizeof(why)) &&
	       !program_validate_ops(&p, p.cfg.pgsize_bitmap,
				     p.cfg.pgsize_bitmap, why, sizeof(why));
}

/* Programs the hooks made with the page tables placed, and above 4G. */
static unsigned long placed, placed_high;

static void note_placement(const Iotlbfuzz__Config *c)
{
	if (!c || !c->has_table_base || !c->table_base ||
	    (c->table_base & (PROG_TABLE_ALIGN - 1)))
		return;
	placed++;
	placed_high += c->table_base >= 1ULL << 32;
}

static void check_program(const uint8_t *buf, size_t len)
{
	const char *err =
		pbm_check_wire(&iotlbfuzz__program__descriptor, buf, len);
	Iotlbfuzz__Program *p;

	CHECK(!err, "%s", err);
	p = iotlbfuzz__program__unpack(NULL, len, buf);
	CHECK(p->n_ops <= PROG_MAX_OPS, "%zu ops", p->n_ops);
	for (size_t i = 0; i < p->n_ops; i++)
		CHECK(p->ops[i]->op_case != IOTLBFUZZ__OP__OP__NOT_SET,
		      "op %zu has no kind", i);
	if (p->config)
		CHECK(p->config->n_also_run_on <= PROG_MAX_CROSS, "%zu",
		      p->config->n_also_run_on);
	note_placement(p->config);
	iotlbfuzz__program__free_unpacked(p, NULL);
}

/* Chained mutations from every seed; returns the share accepted (%). */
static unsigned int run(struct program_mutator *pm, unsigned int steps)
{
	unsigned long made = 0, ok = 0;

	for (int s = 0; s < nseeds; s++) {
		uint8_t buf[MAX];
		size_t len = seed_len[s];

		memcpy(buf, seeds[s], len);
		for (unsigned int i = 0; i < steps; i++) {
			uint8_t out[MAX];
			size_t n;
			unsigned int seed = s * steps + i;

			memcpy(out, buf, len);
			n = pm ? program_mutate(pm, out, len, MAX, seed)
			       : pbm_mutate(&iotlbfuzz__program__descriptor,
					    out, len, MAX, seed, NULL);
			if (!n)
				continue;
			made++;
			if (pm)
				check_program(out, n);
			else
				CHECK(!pbm_check_wire(
					      &iotlbfuzz__program__descriptor,
					      out, n),
				      "generic");
			ok += accepted(out, n);
			/* follow accepted programs, like a fuzzer would */
			if (accepted(out, n)) {
				memcpy(buf, out, n);
				len = n;
			}
		}
	}
	CHECK(made > (unsigned long)nseeds * steps * 9 / 10, "made %lu", made);
	return (unsigned int)(ok * 100 / made);
}

static void test_deterministic(struct program_mutator *pm)
{
	for (int s = 0; s < nseeds; s++) {
		for (unsigned int seed = 0; seed < 10; seed++) {
			uint8_t a[MAX], b[MAX];
			size_t na, nb;

			memcpy(a, seeds[s], seed_len[s]);
			memcpy(b, seeds[s], seed_len[s]);
			na = program_mutate(pm, a, seed_len[s], MAX, seed);
			nb = program_mutate(pm, b, seed_len[s], MAX, seed);
			CHECK(na == nb && !memcmp(a, b, na), "seed %d/%u", s,
			      seed);
			/* max_size holds, and a too small budget gives 0 */
			memcpy(a, seeds[s], seed_len[s]);
			na = program_mutate(pm, a, seed_len[s], seed_len[s] / 2,
					    seed);
			CHECK(na <= seed_len[s] / 2, "%zu", na);
			if (na)
				check_program(a, na);
		}
	}
}

static void test_crossover(void)
{
	unsigned long made = 0, ok = 0;

	for (int i = 0; i < nseeds; i++) {
		for (int j = 0; j < nseeds; j++) {
			uint8_t a[MAX], b[MAX];
			size_t na = program_crossover(seeds[i], seed_len[i],
						      seeds[j], seed_len[j], a,
						      MAX, i * 1000 + j);
			size_t nb = program_crossover(seeds[i], seed_len[i],
						      seeds[j], seed_len[j], b,
						      MAX, i * 1000 + j);

			CHECK(na == nb && !memcmp(a, b, na), "crossover");
			if (!na)
				continue;
			check_program(a, na);
			made++;
			ok += accepted(a, na);
		}
	}
	printf("  crossover: %lu made, %lu%% accepted\n", made,
	       made ? ok * 100 / made : 0);
	CHECK(made > (unsigned long)nseeds * nseeds / 2, "made %lu", made);
}

/*
 * A campaign pinned to amd-v1-64 (as IOTLBFUZZ_DRIVER pins it), from the
 * AMD_V1 seeds: its programs must keep reaching the top of the 64-bit
 * space (an op in its last 2^52 bytes, a map ending exactly at 2^64) and
 * bitmaps with sizes only AMD v1 names (above 2^51), and be accepted.
 */
static void test_amd_v1_64_top(void)
{
	struct program_mutator pm;
	unsigned long made = 0, ok = 0, top = 0, to_end = 0, high_bits = 0;
	static struct program p;
	int amd_seeds = 0;

	program_mutator_init(&pm, NULL);
	pm.formats = (1u << PT_AMD_V1) | (1u << PT_ARM_64_LPAE_S1);
	pm.pgsize_mask = ~0xfffULL & ~(1ULL << 39);
	for (int s = 0; s < nseeds; s++) {
		uint8_t buf[MAX];
		size_t len = seed_len[s];
		char why[256];

		if (program_decode(seeds[s], len, &p, why, sizeof(why)) ||
		    p.cfg.fmt != PT_AMD_V1)
			continue;
		amd_seeds++;
		memcpy(buf, seeds[s], len);
		for (unsigned int i = 0; i < 2000; i++) {
			uint8_t out[MAX];
			size_t n;

			memcpy(out, buf, len);
			n = program_mutate(&pm, out, len, MAX, s * 2000 + i);
			if (!n)
				continue;
			made++;
			if (!accepted(out, n))
				continue;
			ok++;
			program_decode(out, n, &p, why, sizeof(why));
			if (p.cfg.fmt == PT_AMD_V1 &&
			    (p.cfg.pgsize_bitmap >> 52))
				high_bits++;
			for (size_t k = 0; k < p.nr_ops; k++) {
				const struct prog_op *op = &p.ops[k];

				if (op->iova >= 0xfff0000000000000ULL)
					top++;
				if (op->kind == OP_MAP && op->size &&
				    op->iova + op->size == 0)
					to_end++;
			}
			memcpy(buf, out, n);
			len = n;
		}
	}
	printf("  amd-v1-64 pinned: %d seeds, %lu made, %lu accepted, %lu ops "
	       "in the last 2^52, %lu maps ending at 2^64, %lu bitmaps above "
	       "2^51\n",
	       amd_seeds, made, ok, top, to_end, high_bits);
	CHECK(amd_seeds >= 3, "%d AMD_V1 seeds", amd_seeds);
	CHECK(ok * 2 > made, "%lu of %lu accepted", ok, made);
	CHECK(top > 1000, "%lu ops at the top", top);
	CHECK(to_end > 20, "%lu maps to 2^64", to_end);
	CHECK(high_bits > 20, "%lu bitmaps", high_bits);
}

/*
 * What a program's run costs grows with: its ops, the pages its ranges
 * cover and the drivers it runs on. Every cut of program_cheapen()
 * lowers one of them and raises none, and stays a valid program.
 */
struct cost_shape {
	size_t ops, also;
	unsigned __int128 bytes;
};

static struct cost_shape shape_of(const uint8_t *buf, size_t len)
{
	Iotlbfuzz__Program *p = iotlbfuzz__program__unpack(NULL, len, buf);
	struct cost_shape c = {0};

	CHECK(p, "unpack");
	c.ops = p->n_ops;
	c.also = p->config ? p->config->n_also_run_on : 0;
	for (size_t i = 0; i < p->n_ops; i++) {
		const Iotlbfuzz__Op *op = p->ops[i];

		if (op->op_case == IOTLBFUZZ__OP__OP_MAP)
			c.bytes += op->map->size;
		else if (op->op_case == IOTLBFUZZ__OP__OP_UNMAP)
			c.bytes += op->unmap->size;
		else if (op->op_case == IOTLBFUZZ__OP__OP_UNMAP_FAST)
			c.bytes += op->unmap_fast->size;
	}
	iotlbfuzz__program__free_unpacked(p, NULL);
	return c;
}

static void test_cheapen(void)
{
	unsigned long made = 0;

	for (int i = 0; i < nseeds; i++) {
		struct cost_shape before = shape_of(seeds[i], seed_len[i]);

		for (unsigned int k = 0; k < 50; k++) {
			uint8_t a[MAX];
			size_t n;
			struct cost_shape after;

			memcpy(a, seeds[i], seed_len[i]);
			n = program_cheapen(a, seed_len[i], MAX, k);
			if (!n)
				continue;
			made++;
			check_program(a, n);
			after = shape_of(a, n);
			CHECK(after.ops <= before.ops && after.also <= before.also &&
				      after.bytes <= before.bytes &&
				      (after.ops < before.ops ||
				       after.also < before.also ||
				       after.bytes < before.bytes),
			      "seed %d, cut %u: not cheaper", i, k);
		}
	}
	printf("  cheapen: %lu cuts\n", made);
	CHECK(made > (unsigned long)nseeds * 25, "only %lu cuts", made);
	/* not a program: nothing to cut */
	CHECK(!program_cheapen((uint8_t *)"\xff\xff", 2, MAX, 1), "garbage");
}

int main(int argc, char **argv)
{
	struct program_mutator pm;
	unsigned int with, without;

	CHECK(argc == 2, "usage: %s <dir of binary seeds>", argv[0]);
	load(argv[1]);
	program_mutator_init(&pm, NULL);
	with = run(&pm, 200);
	without = run(NULL, 200);
	printf("  accepted by the decoder: %u%% with the hooks, %u%% generic\n",
	       with, without);
	/* the point of the hooks */
	CHECK(with >= 60 && with > without, "with %u%% without %u%%", with,
	      without);
	printf("  page tables placed: %lu, above 4G: %lu\n", placed,
	       placed_high);
	CHECK(placed_high > 0 && placed > placed_high, "placed %lu, high %lu",
	      placed, placed_high);
	test_deterministic(&pm);
	test_crossover();
	test_amd_v1_64_top();
	test_cheapen();
	printf("ok\n");
	return 0;
}
