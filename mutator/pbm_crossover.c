// SPDX-License-Identifier: GPL-2.0-only
/*
 * Crossover of two messages of one type: splice a range of a repeated
 * field of the donor into the same field of the receiver (inserted at a
 * random position, or replacing the receiver's tail: a one-point
 * crossover), or replace a sub-message of the receiver by a copy of a
 * donor message of the same type found anywhere in the donor.
 */
#include "pbm_internal.h"

#include <string.h>

enum { SPLICE, REPLACE };

/*
 * What the donor holds, gathered in one pass: each message type found and,
 * per type, which of its repeated fields are non-empty somewhere. Asking
 * the donor tree itself for every field of every receiver node made
 * crossover cost (receiver size x donor size) and most of a campaign's
 * time (docs/benchmarks.md, "Where the time goes").
 */
#define DONOR_MAX_TYPES 32

struct donor_type {
	const ProtobufCMessageDescriptor *type;
	uint64_t nonempty; /* bit i: field i (i < 64) has elements */
	bool wide;	   /* a field past 63 has elements: ask the tree */
};

struct donor_index {
	struct donor_type types[DONOR_MAX_TYPES];
	unsigned int nr;
	bool overflow; /* more types than slots: ask the tree */
};

struct xwalk {
	struct pbm_pick pick;
	const ProtobufCMessage *donor;
	struct donor_index index;
	struct pbm_rng *rng;
};

static struct donor_type *donor_type(struct donor_index *ix,
				     const ProtobufCMessageDescriptor *t,
				     bool add)
{
	for (unsigned int i = 0; i < ix->nr; i++)
		if (ix->types[i].type == t)
			return &ix->types[i];
	if (!add)
		return NULL;
	if (ix->nr == DONOR_MAX_TYPES) {
		ix->overflow = true;
		return NULL;
	}
	ix->types[ix->nr] = (struct donor_type){.type = t};
	return &ix->types[ix->nr++];
}

static void index_donor(struct donor_index *ix, const ProtobufCMessage *m,
			unsigned int depth)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	struct donor_type *dt = donor_type(ix, d, true);

	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		size_t n = 1;

		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			n = *pbm_count(m, f);
			if (n && dt && i < 64)
				dt->nonempty |= 1ull << i;
			else if (n && dt)
				dt->wide = true;
		}
		/* pbm_find_of_type()'s depth limit: what it can find */
		if (f->type != PROTOBUF_C_TYPE_MESSAGE || depth >= PBM_MAX_DEPTH)
			continue;
		if (f->label != PROTOBUF_C_LABEL_REPEATED) {
			const ProtobufCMessage *sub =
				pbm_present(m, f) ?
					*(ProtobufCMessage **)pbm_member(m, f) :
					NULL;

			if (sub)
				index_donor(ix, sub, depth + 1);
			continue;
		}
		for (size_t j = 0; j < n; j++) {
			const ProtobufCMessage *sub =
				*(ProtobufCMessage **)pbm_value_at(m, f, j);

			if (sub)
				index_donor(ix, sub, depth + 1);
		}
	}
}

/*
 * Does the donor hold a message of this type (with elements in @nonempty)?
 * Any will do: the pick draws one later.
 */
static bool donor_has(struct xwalk *x, const ProtobufCMessageDescriptor *t,
		      const ProtobufCFieldDescriptor *nonempty)
{
	struct donor_type *dt = donor_type(&x->index, t, false);
	unsigned int i;

	if (!dt)
		return x->index.overflow &&
		       pbm_find_of_type(x->donor, t, NULL, nonempty, x->rng);
	if (!nonempty)
		return true;
	i = (unsigned int)(nonempty - t->fields);
	if (i < 64)
		return dt->nonempty & (1ull << i);
	return dt->wide &&
	       pbm_find_of_type(x->donor, t, NULL, nonempty, x->rng);
}

static void xwalk(struct xwalk *x, const struct pbm_node *node)
{
	const ProtobufCMessageDescriptor *d = node->msg->descriptor;

	if (pbm_depth(node) > PBM_MAX_DEPTH)
		return;
	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		size_t n = 1;

		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			n = *pbm_count(node->msg, f);
			if (donor_has(x, d, f))
				pbm_pick_offer(&x->pick, node, f, 0, SPLICE, 4,
					       x->rng);
		}
		if (f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		if (!donor_has(x, f->descriptor, NULL))
			continue;
		if (f->label != PROTOBUF_C_LABEL_REPEATED &&
		    !pbm_present(node->msg, f)) {
			/* absent: the donor's copy makes it present */
			pbm_pick_offer(&x->pick, node, f, 0, REPLACE, 1,
				       x->rng);
			continue;
		}
		for (size_t j = 0; j < n; j++) {
			struct pbm_node child = {
				.up = node,
				.msg = *(ProtobufCMessage **)pbm_value_at(
					node->msg, f, j),
				.via = f,
				.index = j,
			};

			if (!child.msg)
				continue;
			pbm_pick_offer(&x->pick, node, f, j, REPLACE, 1,
				       x->rng);
			xwalk(x, &child);
		}
	}
}

static bool splice(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
		   const ProtobufCMessage *from, struct pbm_rng *rng)
{
	size_t n = *pbm_count(m, f), k = *pbm_count(from, f);
	size_t j = pbm_rng_below(rng, k);
	size_t len = 1 + pbm_rng_below(rng, k - j);
	size_t at = pbm_rng_below(rng, n + 1);
	unsigned char tmp[sizeof(ProtobufCBinaryData) > 8
				  ? sizeof(ProtobufCBinaryData)
				  : 8];

	if (pbm_rng_chance(rng, 1, 2))
		while (*pbm_count(m, f) > at)
			pbm_array_delete(m, f, *pbm_count(m, f) - 1);
	for (size_t t = 0; t < len; t++) {
		void *v;

		if (!pbm_value_copy(f, tmp, pbm_value_at(from, f, j + t)))
			return t > 0;
		v = pbm_array_insert(m, f, at + t);
		if (!v) {
			pbm_value_release(f, tmp);
			return t > 0;
		}
		memcpy(v, tmp, pbm_type_size(f->type));
	}
	return true;
}

static bool replace(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
		    size_t i, const ProtobufCMessage *from)
{
	ProtobufCMessage *copy = pbm_message_clone(from);
	ProtobufCMessage **slot;

	if (!copy)
		return false;
	if (f->label == PROTOBUF_C_LABEL_REPEATED) {
		slot = pbm_value_at(m, f, i);
	} else {
		/* selects the oneof member / makes the field present */
		slot = pbm_field_set(m, f);
		if (!slot) {
			protobuf_c_message_free_unpacked(copy, NULL);
			return false;
		}
	}
	pbm_value_release(f, slot);
	*slot = copy;
	return true;
}

bool pbm_crossover_message(ProtobufCMessage *msg, const ProtobufCMessage *donor,
			   struct pbm_rng *rng)
{
	struct xwalk x = {.donor = donor, .rng = rng};
	struct pbm_node root = {.msg = msg};
	struct pbm_node *node;
	const ProtobufCMessage *from;

	index_donor(&x.index, donor, 1);
	xwalk(&x, &root);
	if (!x.pick.have)
		return false;
	node = pbm_pick_node(&x.pick);
	if (x.pick.op == SPLICE) {
		from = pbm_find_of_type(donor, node->msg->descriptor, NULL,
					x.pick.field, rng);
		return from && splice(node->msg, x.pick.field, from, rng);
	}
	from = pbm_find_of_type(donor, x.pick.field->descriptor, NULL, NULL,
				rng);
	return from && replace(node->msg, x.pick.field, x.pick.index, from);
}
