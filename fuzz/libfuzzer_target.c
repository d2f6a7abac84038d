// SPDX-License-Identifier: GPL-2.0-only
/*
 * The libFuzzer entry point: the same runner as `iotlbfuzz replay`, with
 * every divergence aborting through its class function (options from the
 * environment: fuzz_env.h). Which rejected inputs stay out of the corpus:
 * rejected().
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "cost_memo.h"
#include "forget_coverage.h"
#include "fuzz_env.h"
#include "kstack.h"
#include "runner.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * What libFuzzer keeps of a rejected program. -1 keeps an input out of the
 * corpus from LLVM 15 on; clang 14's libFuzzer (Debian bookworm) ignores
 * it and kept every rejected program that reached new edges. Zeroing the
 * counters (forget_coverage()) drops it with any libFuzzer:
 * - over the work budget: always dropped, its mutants cost as much (15 ms
 *   each) and are rejected too;
 * - the structured target: every program that decodes is dropped; they
 *   were 8% of a 20,000-run corpus and the mutator needs no stepping
 *   stones to reach valid programs (docs/benchmarks.md, "Where the time
 *   goes");
 * - the plain target keeps the others (returns 0, so newer libFuzzers
 *   keep them too): byte mutation reaches a valid program through
 *   rejected ones, and without them the bounded seed-bug test missed 4 of
 *   its 14 cases within their budgets.
 * Bytes that do not decode keep their edges in both: the first input of a
 * campaign from nothing is such, and libFuzzer stops a campaign whose
 * first inputs bring no feature at all.
 */
static int rejected(const struct run_options *opt,
		    const struct run_outcome *out)
{
	bool drop = opt->work_budget && out->work > opt->work_budget;

#ifdef IOTLBFUZZ_STRUCTURED
	drop = drop || !out->undecoded;
#endif
	if (!drop)
		return out->undecoded ? -1 : 0;
	forget_coverage();
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct run_options opt;
	static bool ready;
	struct run_outcome out;

	if (!ready) {
		fuzz_options_from_env(&opt);
		/* the tree's probes run once, before any input is in flight */
		(void)kstack_tree_traits();
		ready = true;
	}
	enum run_result res = run_input(data, size, &opt, &out);

#ifdef IOTLBFUZZ_STRUCTURED
	cost_memo_note(data, size, out.work);
#endif
	switch (res) {
	case RUN_REJECTED:
		return rejected(&opt, &out);
	case RUN_SUPPRESSED:
		/* a known finding: worth nothing more once it is known */
		if (out.msg[0] &&
		    !strncmp(out.msg, "configuration not run", 21)) {
			forget_coverage();
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

#ifdef IOTLBFUZZ_STRUCTURED
/*
 * iotlbfuzz_fuzzer_structured: the same target with the structure-aware
 * mutator (docs/mutator.md). A separate binary, not a switch, because
 * libFuzzer picks custom mutators up by symbol at link time, and so that
 * benchmarks compare two fixed binaries.
 */
#include "program_mutator.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed);

static bool fuzzable_driver(int id)
{
	return !kstack_driver_is_mutant(id);
}

/* IOTLBFUZZ_DRIVER: mutate only into configurations that driver takes. */
static void pin_mutator_to_driver(struct program_mutator *pm)
{
	unsigned int formats;
	uint64_t pgsize_mask;

	if (!fuzz_mutator_pin(&formats, &pgsize_mask))
		return;
	pm->formats = formats;
	pm->pgsize_mask = pgsize_mask;
}

/*
 * Work units past which a program counts as costly: a tenth of the
 * budget, about 1.5 ms on the ASan build (docs/benchmarks.md, "Where the
 * time goes").
 */
#define COSTLY_WORK (RUN_WORK_BUDGET / 10)

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed)
{
	static struct program_mutator pm;
	static bool ready;
	uint64_t work;
	size_t n = 0;

	if (!ready) {
		program_mutator_init(&pm, fuzzable_driver);
		pin_mutator_to_driver(&pm);
		ready = true;
	}
	/* the byte form is for byte-level mutation */
	if (bytecode_is(data, size))
		return LLVMFuzzerMutate(data, size, max_size);
	/*
	 * The cost signal: a parent that cost much is cut down half the
	 * time, so that a cheaper variant reaching the same edges can take
	 * its place in the corpus (libFuzzer keeps the smaller of two inputs
	 * with the same features) and its mutants cost less.
	 */
	if (cost_memo_get(data, size, &work) && work >= COSTLY_WORK &&
	    (seed & 1)) {
		n = program_cheapen(data, size, max_size, seed >> 1);
		if (n)
			return n;
	}
	n = program_mutate(&pm, data, size, max_size, seed);
	if (n)
		return n;
	/*
	 * Not a program (libFuzzer's first input is "\n"): half the time
	 * start one from nothing, so a campaign from an empty corpus gets
	 * going, half the time mutate the bytes.
	 */
	if (seed & 1) {
		n = program_mutate(&pm, data, 0, max_size, seed >> 1);
		if (n)
			return n;
	}
	return LLVMFuzzerMutate(data, size, max_size);
}

size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed)
{
	/* byte-form parents or failures: 0 lets libFuzzer try again */
	if ((size1 && data1[0] == BYTECODE_MAGIC) ||
	    (size2 && data2[0] == BYTECODE_MAGIC))
		return 0;
	return program_crossover(data1, size1, data2, size2, out, max_out_size,
				 seed);
}
#endif
