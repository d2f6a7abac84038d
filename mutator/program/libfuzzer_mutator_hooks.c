// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer's custom mutator hooks: the structure-aware mutator
 * (docs/mutator.md). Linked into iotlbfuzz_fuzzer_structured, and into the
 * bare structured benchmark target so that the two run the same kind of
 * inputs. A separate binary rather than a switch, because libFuzzer picks
 * custom mutators up by symbol at link time.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bytecode.h"
#include "cost_memo.h"
#include "fuzz_env.h"
#include "kstack.h"
#include "program_mutator.h"
#include "runner.h"

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
	if (bytecode_is(data1, size1) || bytecode_is(data2, size2))
		return 0;
	return program_crossover(data1, size1, data2, size2, out, max_out_size,
				 seed);
}
