// SPDX-License-Identifier: GPL-2.0-only
/*
 * The minimizer on regression programs padded with operations (and
 * configuration) that have nothing to do with their divergence: it must
 * keep the class, get back to at most the original's length, undo the
 * irrelevant configuration, and refuse programs that do not diverge.
 */
#include <string.h>

#include "check.h"
#include "minimize.h"
#include "program.pb-c.h"
#include "runner.h"

static struct program *new_program(int driver)
{
	static struct program p;

	memset(&p, 0, sizeof(p));
	p.cfg.fmt = PT_ARM_64_LPAE_S1;
	p.cfg.pgsize_bitmap = 0x40201000UL;
	p.cfg.ias = 48;
	p.cfg.oas = 48;
	p.cfg.coherent_walk = true;
	p.cfg.walk_cache = true;
	p.cfg.driver = driver;
	return &p;
}

static void add_op(struct program *p, struct prog_op op)
{
	p->ops[p->nr_ops++] = op;
}

static struct prog_op map_op(uint64_t iova, uint64_t pa, uint64_t size)
{
	return (struct prog_op){.kind = OP_MAP,
				.iova = iova,
				.paddr = pa,
				.size = size,
				.prot = 3};
}

static struct prog_op unmap_op(uint64_t iova, uint64_t size)
{
	return (struct prog_op){.kind = OP_UNMAP, .iova = iova, .size = size};
}

static struct prog_op read_op(uint64_t iova)
{
	return (struct prog_op){
		.kind = OP_ACCESS, .iova = iova, .access = HW_PERM_READ};
}

/*
 * Insert blocks of noise at pseudo-random places: a map of a far 64K
 * region, an access, an iova_to_phys and a prefetch in it.
 */
static void pad(struct program *p, unsigned int blocks, unsigned int seed)
{
	for (unsigned int b = 0; b < blocks; b++) {
		uint64_t r = 0x7f000000 + (uint64_t)b * 0x10000;
		struct prog_op noise[4] = {
			map_op(r, r, 0x10000),
			read_op(r),
			{.kind = OP_IOVA_TO_PHYS, .iova = r + 0x234},
			{.kind = OP_PREFETCH, .iova = r + 0x1000},
		};
		size_t at;

		seed = seed * 1103515245u + 12345u;
		at = (seed >> 16) % (p->nr_ops + 1);
		memmove(&p->ops[at + 4], &p->ops[at],
			(p->nr_ops - at) * sizeof(p->ops[0]));
		memcpy(&p->ops[at], noise, sizeof(noise));
		p->nr_ops += 4;
	}
}

static enum divergence_class class_of(const struct program *p,
				      const struct run_options *o)
{
	struct run_outcome out;

	run_program(p, o, &out);
	return out.result == RUN_DIVERGENCE ? out.cls : DIV_NONE;
}

static void quiet_options(struct run_options *o)
{
	run_options_default(o);
	o->allow_mutants = true;
}

/* Pad @orig, minimize, check; returns the minimized length. */
static size_t pad_and_minimize(const struct program *orig,
			       const struct run_options *o,
			       enum divergence_class want, unsigned int blocks,
			       unsigned int seed, struct program *out)
{
	struct minimize_stats st;
	char why[256];

	*out = *orig;
	pad(out, blocks, seed);
	/* the padding must not change what the program shows */
	CHECK(class_of(out, o) == want);
	CHECK(program_minimize(out, o, &st, why, sizeof(why)) == 0);
	CHECK(st.cls == want);
	CHECK_EQ_U64(st.ops_before, orig->nr_ops + 4 * blocks);
	CHECK_EQ_U64(st.ops_after, out->nr_ops);
	CHECK(out->nr_ops <= orig->nr_ops);
	CHECK(class_of(out, o) == want);
	return out->nr_ops;
}

static void test_completion(void)
{
	static struct program orig, min;
	struct run_options o;
	struct program *p = new_program(IOTLBFUZZ__DRIVER__BROKEN_NO_ADD_PAGE);

	quiet_options(&o);
	add_op(p, map_op(0x1000, 0x42000, 0x1000));
	add_op(p, read_op(0x1000));
	add_op(p, unmap_op(0x1000, 0x1000));
	orig = *p;
	for (unsigned int seed = 1; seed <= 4; seed++)
		pad_and_minimize(&orig, &o, DIV_COMPLETION, 8, seed, &min);
	/* nothing left to drop: map, access, unmap; addresses towards 0 */
	CHECK_EQ_U64(min.nr_ops, 3);
	CHECK(min.ops[0].kind == OP_MAP && min.ops[2].kind == OP_UNMAP);
	CHECK(min.ops[0].iova <= 0x1000 && min.ops[0].paddr <= 0x42000);
}

/* Irrelevant configuration is undone: quirk, walk cache, ias, mode. */
static void test_config_simplified(void)
{
	static struct program orig, min;
	struct run_options o;
	struct program *p = new_program(IOTLBFUZZ__DRIVER__BROKEN_UNMAP_SHORT);

	quiet_options(&o);
	p->cfg.quirks = HW_QUIRK_ARM_NS;
	p->cfg.walk_cache = false;
	p->cfg.ias = 40;
	p->cfg.deferred = true;
	add_op(p, map_op(0x1000, 0x42000, 0x2000));
	add_op(p, unmap_op(0x1000, 0x2000));
	orig = *p;
	pad_and_minimize(&orig, &o, DIV_UNMAP_RESULT, 6, 7, &min);
	CHECK_EQ_U64(min.cfg.quirks, 0);
	CHECK(min.cfg.walk_cache);
	CHECK_EQ_U64(min.cfg.ias, 48);
	CHECK(!min.cfg.deferred);
}

/* Maps and accesses far from 0 come down, together. */
static void test_addresses_shrink(void)
{
	static struct program orig, min;
	struct run_options o;
	struct program *p =
		new_program(IOTLBFUZZ__DRIVER__BROKEN_IOVA_TO_PHYS_NO_OFFSET);

	quiet_options(&o);
	add_op(p, map_op(0x12340000, 0x56780000, 0x1000));
	add_op(p,
	       (struct prog_op){.kind = OP_IOVA_TO_PHYS, .iova = 0x12340234});
	orig = *p;
	pad_and_minimize(&orig, &o, DIV_IOVA_TO_PHYS, 4, 3, &min);
	CHECK_EQ_U64(min.nr_ops, 2);
	CHECK(min.ops[0].iova < 0x12340000);
	CHECK(min.ops[0].paddr < 0x56780000);
	/* still the lookup of an offset inside the mapping */
	CHECK(min.ops[1].iova > min.ops[0].iova &&
	      min.ops[1].iova < min.ops[0].iova + min.ops[0].size);
}

/* An option that makes the divergence (--warn-fatal) is honoured. */
static void test_warn_fatal(void)
{
	static struct program orig, min;
	struct run_options o;
	struct minimize_stats st;
	char why[256];
	struct program *p = new_program(IOTLBFUZZ__DRIVER__REFERENCE);

	quiet_options(&o);
	add_op(p, unmap_op(0x1000, 0x1000));
	orig = *p;
	min = orig;
	CHECK(program_minimize(&min, &o, &st, why, sizeof(why)) == -1);
	CHECK(strstr(why, "does not diverge") != NULL);
	o.warn_fatal = true;
	pad_and_minimize(&orig, &o, DIV_KERNEL_WARN, 5, 11, &min);
	CHECK_EQ_U64(min.nr_ops, 1);
}

/* Clean, suppressed and rejected programs are refused, untouched. */
static void test_refusals(void)
{
	static struct program before, p;
	struct run_options o;
	struct minimize_stats st;
	char why[256];

	quiet_options(&o);
	/* clean: map, access, unmap on the reference glue */
	p = *new_program(IOTLBFUZZ__DRIVER__REFERENCE);
	add_op(&p, map_op(0x1000, 0x42000, 0x1000));
	add_op(&p, read_op(0x1000));
	add_op(&p, unmap_op(0x1000, 0x1000));
	before = p;
	CHECK(program_minimize(&p, &o, &st, why, sizeof(why)) == -1);
	CHECK(strstr(why, "clean") != NULL);
	CHECK(memcmp(&p, &before, sizeof(p)) == 0);

	/*
	 * suppressed: AMD's unmap from inside a 2M page, docs/findings.md F9.
	 * Its driver model's, so the same on every kernel tree (F2, of
	 * io-pgtable-arm-v7s, is not: docs/shim.md, "Tree traits").
	 */
	p = *new_program(IOTLBFUZZ__DRIVER__DRV_AMD_V2);
	add_op(&p, map_op(0x200000, 0x40200000, 0x200000));
	add_op(&p, unmap_op(0x201000, 0x1000));
	add_op(&p, read_op(0x200000));
	before = p;
	CHECK(program_minimize(&p, &o, &st, why, sizeof(why)) == -1);
	CHECK(strstr(why, "suppressed") != NULL);
	CHECK(memcmp(&p, &before, sizeof(p)) == 0);
	/* ... which --no-suppress shows, and then minimizes */
	o.no_suppress = true;
	CHECK(program_minimize(&p, &o, &st, why, sizeof(why)) == 0);
	CHECK(st.cls == DIV_UNMAP_RESULT);
	o.no_suppress = false;

	/* rejected: an IOVA off the page grid */
	p = *new_program(IOTLBFUZZ__DRIVER__BROKEN_NO_ADD_PAGE);
	add_op(&p, map_op(0x1800, 0x42000, 0x1000));
	before = p;
	CHECK(program_minimize(&p, &o, &st, why, sizeof(why)) == -1);
	CHECK(strstr(why, "rejected") != NULL);
	CHECK(memcmp(&p, &before, sizeof(p)) == 0);
}

int main(void)
{
	RUN_TEST(test_completion);
	RUN_TEST(test_config_simplified);
	RUN_TEST(test_addresses_shrink);
	RUN_TEST(test_warn_fatal);
	RUN_TEST(test_refusals);
	return check_summary();
}
