// SPDX-License-Identifier: GPL-2.0-only
/* The wire-level entry points: unpack, mutate or splice, fit, pack. */
#include "pbm_internal.h"

#include <string.h>

/* 1 operation half the time, 2 a quarter, ... at most 8. */
static unsigned int how_many(struct pbm_rng *rng)
{
	unsigned int n = 1;

	while (n < 8 && pbm_rng_chance(rng, 1, 2))
		n++;
	return n;
}

/* Pack @msg into @out if it fits in @max; 0 otherwise. Frees @msg. */
static size_t finish(ProtobufCMessage *msg, uint8_t *out, size_t max,
		     struct pbm_rng *rng, const struct pbm_hooks *hooks)
{
	size_t len = pbm_fit(msg, max, rng, hooks);

	if (len == SIZE_MAX || !len)
		len = 0;
	else
		protobuf_c_message_pack(msg, out);
	protobuf_c_message_free_unpacked(msg, NULL);
	return len;
}

size_t pbm_mutate(const ProtobufCMessageDescriptor *desc, uint8_t *data,
		  size_t size, size_t max_size, unsigned int seed,
		  const struct pbm_hooks *hooks)
{
	struct pbm_rng rng;
	ProtobufCMessage *msg;
	unsigned int nops;

	pbm_rng_seed(&rng, seed);
	nops = how_many(&rng);
	for (;;) {
		msg = protobuf_c_message_unpack(desc, NULL, size, data);
		if (!msg)
			return 0;
		pbm_mutate_message(msg, nops, &rng, hooks);
		/*
		 * Too big: fewer operations first, so the result is still a
		 * small step from the input; then pbm_fit() drops elements.
		 */
		if (nops == 1 ||
		    protobuf_c_message_get_packed_size(msg) <= max_size)
			break;
		protobuf_c_message_free_unpacked(msg, NULL);
		nops = 1;
	}
	return finish(msg, data, max_size, &rng, hooks);
}

size_t pbm_crossover(const ProtobufCMessageDescriptor *desc,
		     const uint8_t *data1, size_t size1, const uint8_t *data2,
		     size_t size2, uint8_t *out, size_t max_out,
		     unsigned int seed)
{
	struct pbm_rng rng;
	ProtobufCMessage *a, *b;
	bool spliced;

	pbm_rng_seed(&rng, seed);
	a = protobuf_c_message_unpack(desc, NULL, size1, data1);
	if (!a)
		return 0;
	b = protobuf_c_message_unpack(desc, NULL, size2, data2);
	if (!b) {
		protobuf_c_message_free_unpacked(a, NULL);
		return 0;
	}
	spliced = pbm_crossover_message(a, b, &rng);
	protobuf_c_message_free_unpacked(b, NULL);
	if (!spliced) {
		protobuf_c_message_free_unpacked(a, NULL);
		return 0;
	}
	return finish(a, out, max_out, &rng, NULL);
}
