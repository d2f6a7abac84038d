// SPDX-License-Identifier: GPL-2.0-only
/*
 * The structure-aware mutator as an AFL++ custom mutator library
 * (AFL_CUSTOM_MUTATOR_LIBRARY=.../iotlbfuzz-afl-mutator.so; AFL++'s
 * docs/custom_mutators.md). Built without sanitizers or coverage: it runs
 * inside afl-fuzz, not in the target. Inputs in the byte form (any of
 * its magics, bytecode_is()) are left to AFL++'s own byte-level stages.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "program_mutator.h"

struct afl_pbm {
	struct program_mutator pm;
	struct pbm_rng rng; /* per-call seeds */
	uint8_t *out;
	size_t cap;
	const char *last;
};

/* only AFL++'s entry points leave the library (built -fvisibility=hidden) */
#define AFL_API __attribute__((visibility("default")))

AFL_API void *afl_custom_init(void *afl, unsigned int seed);
AFL_API size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
			       uint8_t **out_buf, uint8_t *add_buf,
			       size_t add_buf_size, size_t max_size);
AFL_API const char *afl_custom_describe(void *data, size_t max_description_len);
AFL_API void afl_custom_deinit(void *data);

void *afl_custom_init(void *afl, unsigned int seed)
{
	struct afl_pbm *m = calloc(1, sizeof(*m));
	const char *formats, *pgsizes;

	(void)afl;
	if (!m)
		return NULL;
	/* no kernel stack here to ask: the BROKEN_* glues are left out */
	program_mutator_init(&m->pm, NULL);
	/* a campaign pinned to one model (iotlbfuzz list --mutator-env) */
	formats = getenv("IOTLBFUZZ_MUTATOR_FORMATS");
	pgsizes = getenv("IOTLBFUZZ_MUTATOR_PGSIZES");
	if (formats)
		m->pm.formats = (unsigned int)strtoul(formats, NULL, 0);
	if (pgsizes)
		m->pm.pgsize_mask = strtoull(pgsizes, NULL, 0);
	pbm_rng_seed(&m->rng, seed);
	return m;
}

size_t afl_custom_fuzz(void *data, uint8_t *buf, size_t buf_size,
		       uint8_t **out_buf, uint8_t *add_buf, size_t add_buf_size,
		       size_t max_size)
{
	struct afl_pbm *m = data;
	unsigned int seed = (unsigned int)pbm_rng_next(&m->rng);
	size_t n = 0;

	*out_buf = buf;
	if (bytecode_is(buf, buf_size) || buf_size > max_size)
		return 0; /* 0: AFL++ skips this mutation */
	if (m->cap < max_size) {
		uint8_t *grown = realloc(m->out, max_size);

		if (!grown)
			return 0;
		m->out = grown;
		m->cap = max_size;
	}
	if (add_buf && add_buf_size && !bytecode_is(add_buf, add_buf_size) &&
	    !(seed % 4)) {
		n = program_crossover(buf, buf_size, add_buf, add_buf_size,
				      m->out, max_size, seed);
		m->last = "pbm-splice";
	}
	if (!n) {
		memcpy(m->out, buf, buf_size);
		n = program_mutate(&m->pm, m->out, buf_size, max_size, seed);
		m->last = "pbm";
	}
	if (!n) {
		/* not a program: start one from nothing */
		n = program_mutate(&m->pm, m->out, 0, max_size, seed);
		m->last = "pbm-new";
	}
	if (n)
		*out_buf = m->out;
	return n;
}

const char *afl_custom_describe(void *data, size_t max_description_len)
{
	struct afl_pbm *m = data;

	(void)max_description_len;
	return m->last ? m->last : "pbm";
}

void afl_custom_deinit(void *data)
{
	struct afl_pbm *m = data;

	free(m->out);
	free(m);
}
