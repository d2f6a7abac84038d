/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The iotlbfuzz domain for the generic protobuf-c mutator (mutator/pbm.h):
 * hooks that draw IOVAs, sizes and PAs from the configuration's page and
 * block sizes, re-use the ranges earlier operations touched (unmap exactly
 * them, half of them, across their end; map next to them), aim at the ends
 * of the input address space, keep configurations inside the decoder's
 * limits, and never leave an operation without its kind. See
 * docs/mutator.md.
 */
#ifndef IOTLBFUZZ_PROGRAM_MUTATOR_H
#define IOTLBFUZZ_PROGRAM_MUTATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pbm.h"

struct program_mutator {
	struct pbm_hooks hooks;
	/* drivers a mutation may pick; NULL: all but the BROKEN_* glues */
	bool (*driver_usable)(int driver);
	/*
	 * A campaign pinned to one driver model (IOTLBFUZZ_DRIVER): the
	 * formats (BIT(pt_format)) and page sizes it drives, so that no
	 * mutation builds a configuration it would reject. 0: any.
	 */
	unsigned int formats;
	uint64_t pgsize_mask;
};

void program_mutator_init(struct program_mutator *pm,
			  bool (*driver_usable)(int driver));

/* pbm_mutate() / pbm_crossover() of an iotlbfuzz.Program. */
size_t program_mutate(struct program_mutator *pm, uint8_t *data, size_t size,
		      size_t max_size, unsigned int seed);
/*
 * A cheaper variant of the program in place (a range halved, an op or an
 * also_run_on driver dropped), for a parent that cost much to run. 0 if
 * there is nothing to cut or @data is not a program.
 */
size_t program_cheapen(uint8_t *data, size_t size, size_t max_size,
		       unsigned int seed);
size_t program_crossover(const uint8_t *data1, size_t size1,
			 const uint8_t *data2, size_t size2, uint8_t *out,
			 size_t max_out, unsigned int seed);

#endif
