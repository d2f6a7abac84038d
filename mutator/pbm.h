/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pbm: a structure-aware mutator for protobuf-c messages, driven only by
 * the protobuf-c descriptors, so it works for any message type. It unpacks
 * an input, applies a few random operations on the message tree (repeated
 * fields: insert, delete, duplicate, swap, move; optional fields and
 * oneofs: set, clear, switch; scalars: tweak; sub-messages: recurse or
 * copy another of the same type) and packs it again. Everything it
 * allocates comes from malloc, like protobuf-c's default allocator, so a
 * mutated message is freed by protobuf_c_message_free_unpacked(m, NULL).
 *
 * A domain can steer it through struct pbm_hooks: re-weight or forbid
 * operations, supply values for fields, fill new messages, and offer its
 * own message-level mutations. The randomness is a private PRNG seeded by
 * the caller: same seed and same input give the same output.
 */
#ifndef PBM_H
#define PBM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

/* Deepest message nesting the mutator descends into or builds. */
#define PBM_MAX_DEPTH 32

struct pbm_rng {
	uint64_t state;
};

void pbm_rng_seed(struct pbm_rng *rng, uint64_t seed);
uint64_t pbm_rng_next(struct pbm_rng *rng);
/* Uniform in [0, n); n must not be 0. */
uint64_t pbm_rng_below(struct pbm_rng *rng, uint64_t n);
/* true with probability num/den. */
bool pbm_rng_chance(struct pbm_rng *rng, unsigned int num, unsigned int den);

enum pbm_op {
	PBM_OP_VALUE, /* change a number, bool, enum, string or bytes */
	PBM_OP_SET, /* make an absent optional field present / pick a oneof
		       member */
	PBM_OP_CLEAR, /* make a present optional field or oneof absent */
	PBM_OP_INSERT, /* insert a new element into a repeated field */
	PBM_OP_DELETE, /* delete an element of a repeated field */
	PBM_OP_DUPLICATE, /* copy an element to another position */
	PBM_OP_SWAP, /* swap two elements */
	PBM_OP_MOVE, /* move an element to another position */
	PBM_OP_COPY, /* overwrite a sub-message with a copy of another one */
	PBM_OP_HOOK, /* the domain's own mutation of a message */
	PBM_NR_OPS
};

const char *pbm_op_name(enum pbm_op op);

/*
 * A message in the tree and how it was reached: @via is the field of
 * up->msg that holds it (element @index if repeated). The root has no @up.
 */
struct pbm_node {
	const struct pbm_node *up;
	ProtobufCMessage *msg;
	const ProtobufCFieldDescriptor *via;
	size_t index;
};

/*
 * Where an operation applies: a field of node->msg (element @index of a
 * repeated one), or node->msg itself when @field is NULL.
 */
struct pbm_site {
	const struct pbm_node *node;
	const ProtobufCFieldDescriptor *field;
	size_t index;
};

struct pbm_stats {
	unsigned long applied[PBM_NR_OPS];
	unsigned long hook_values; /* values the hook supplied */
	unsigned long shrunk; /* elements dropped to respect max_size */
};

/* Allow enum values outside their enum (off: every value stays valid). */
#define PBM_F_INVALID_ENUMS (1u << 0)

struct pbm_hooks {
	void *ctx;
	/*
	 * The weight of a candidate operation (default weight @w); return 0
	 * to forbid it. Called for every candidate, keep it cheap.
	 */
	unsigned int (*weight)(void *ctx, const struct pbm_site *site,
			       enum pbm_op op, unsigned int w);
	/*
	 * A new value for a number, bool or enum field: @value points at the
	 * C member (or array element). Return false to leave it to the
	 * generic mutation.
	 */
	bool (*value)(void *ctx, const struct pbm_site *site, void *value,
		      struct pbm_rng *rng);
	/*
	 * A message was just created (inserted, set, switched to) and is in
	 * the tree at @node with its defaults and its oneofs possibly set;
	 * fill it the domain's way.
	 */
	void (*fresh)(void *ctx, const struct pbm_node *node,
		      struct pbm_rng *rng);
	/*
	 * PBM_OP_HOOK, offered at every message: mutate node->msg (and what
	 * hangs below it). Return false if nothing changed.
	 */
	bool (*mutate)(void *ctx, const struct pbm_node *node,
		       struct pbm_rng *rng);
	unsigned int flags; /* PBM_F_* */
	struct pbm_stats *stats; /* optional counters */
};

/*
 * Unpack @data, apply a few operations, pack into @data (capacity
 * @max_size). Returns the new size, or 0 if nothing was produced: the
 * input does not unpack, or the result could not be made to fit, or it
 * packs to nothing. The caller then falls back to byte mutations.
 */
size_t pbm_mutate(const ProtobufCMessageDescriptor *desc, uint8_t *data,
		  size_t size, size_t max_size, unsigned int seed,
		  const struct pbm_hooks *hooks);

/*
 * Splice two parents: a repeated field of the first gets elements of the
 * same field of a message of the same type in the second (inserted, or
 * replacing its tail), or a sub-message of the first is replaced by one of
 * the second. Returns the size written to @out, or 0 (see pbm_mutate()).
 */
size_t pbm_crossover(const ProtobufCMessageDescriptor *desc,
		     const uint8_t *data1, size_t size1, const uint8_t *data2,
		     size_t size2, uint8_t *out, size_t max_out,
		     unsigned int seed);

/* In-memory forms of the above, for callers that hold messages. */
unsigned int pbm_mutate_message(ProtobufCMessage *msg, unsigned int nops,
				struct pbm_rng *rng,
				const struct pbm_hooks *hooks);
bool pbm_crossover_message(ProtobufCMessage *msg, const ProtobufCMessage *donor,
			   struct pbm_rng *rng);
/*
 * Drop random elements of repeated fields, or clear optional
 * sub-messages, strings and bytes (PBM_OP_DELETE / PBM_OP_CLEAR, subject to
 * the weight hook), until @msg packs to at most @max bytes. Returns the
 * packed size, or SIZE_MAX if it cannot fit.
 */
size_t pbm_fit(ProtobufCMessage *msg, size_t max, struct pbm_rng *rng,
	       const struct pbm_hooks *hooks);

/*
 * Building blocks, for hooks. They keep the message freeable with
 * protobuf_c_message_free_unpacked().
 */
/* A new message with its defaults and its required sub-messages. */
ProtobufCMessage *pbm_message_new(const ProtobufCMessageDescriptor *desc);
/* A deep copy (NULL if out of memory). */
ProtobufCMessage *pbm_message_clone(const ProtobufCMessage *msg);
/* Absent again (not for required fields). */
void pbm_field_clear(ProtobufCMessage *msg,
		     const ProtobufCFieldDescriptor *field);
/*
 * Make a oneof member the selected one (clearing the previous member) or
 * an optional field present, with its default value or a new default
 * sub-message. Returns the member's address (for a message: the address
 * of its pointer), NULL if out of memory.
 */
void *pbm_field_set(ProtobufCMessage *msg,
		    const ProtobufCFieldDescriptor *field);
/* Field of @msg by name, or NULL. */
const ProtobufCFieldDescriptor *pbm_field(const ProtobufCMessage *msg,
					  const char *name);

#endif
