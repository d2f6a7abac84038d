// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keeping a message within a size budget: drop elements of repeated
 * fields, drawn uniformly over all elements in the tree (so the longest
 * field loses most), or clear an optional sub-message, string or bytes,
 * until it packs small enough. The weight hook may forbid either.
 */
#include "pbm_internal.h"

struct fitter {
	struct pbm_pick pick;
	struct pbm_rng *rng;
	const struct pbm_hooks *hooks;
};

static void offer(struct fitter *ft, const struct pbm_node *node,
		  const ProtobufCFieldDescriptor *f, size_t index,
		  enum pbm_op op)
{
	unsigned int w = 1;

	if (ft->hooks && ft->hooks->weight) {
		struct pbm_site s = {.node = node, .field = f, .index = index};

		w = ft->hooks->weight(ft->hooks->ctx, &s, op, w);
	}
	pbm_pick_offer(&ft->pick, node, f, index, op, w, ft->rng);
}

static bool clearable(const ProtobufCMessage *m,
		      const ProtobufCFieldDescriptor *f)
{
	return f->label != PROTOBUF_C_LABEL_REQUIRED &&
	       f->label != PROTOBUF_C_LABEL_REPEATED &&
	       (f->type == PROTOBUF_C_TYPE_MESSAGE ||
		f->type == PROTOBUF_C_TYPE_STRING ||
		f->type == PROTOBUF_C_TYPE_BYTES) &&
	       (pbm_is_oneof(f) || f->label == PROTOBUF_C_LABEL_OPTIONAL ||
		f->type == PROTOBUF_C_TYPE_MESSAGE) &&
	       pbm_present(m, f);
}

static void offer_elements(struct fitter *ft, const struct pbm_node *node)
{
	const ProtobufCMessageDescriptor *d = node->msg->descriptor;

	if (pbm_depth(node) > PBM_MAX_DEPTH)
		return;
	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		size_t n = 1;

		if (clearable(node->msg, f))
			offer(ft, node, f, 0, PBM_OP_CLEAR);
		if (f->label == PROTOBUF_C_LABEL_REPEATED)
			n = *pbm_count(node->msg, f);
		else if (f->type != PROTOBUF_C_TYPE_MESSAGE ||
			 !pbm_present(node->msg, f))
			continue;
		for (size_t j = 0; j < n; j++) {
			if (f->label == PROTOBUF_C_LABEL_REPEATED)
				offer(ft, node, f, j, PBM_OP_DELETE);
			if (f->type != PROTOBUF_C_TYPE_MESSAGE)
				continue;

			struct pbm_node child = {
				.up = node,
				.msg = *(ProtobufCMessage **)pbm_value_at(
					node->msg, f, j),
				.via = f,
				.index = j,
			};

			if (child.msg)
				offer_elements(ft, &child);
		}
	}
}

size_t pbm_fit(ProtobufCMessage *msg, size_t max, struct pbm_rng *rng,
	       const struct pbm_hooks *hooks)
{
	size_t len = protobuf_c_message_get_packed_size(msg);

	while (len > max) {
		struct fitter ft = {.rng = rng, .hooks = hooks};
		struct pbm_node root = {.msg = msg};
		struct pbm_node *node;

		offer_elements(&ft, &root);
		if (!ft.pick.have)
			return SIZE_MAX;
		node = pbm_pick_node(&ft.pick);
		if (ft.pick.op == PBM_OP_CLEAR)
			pbm_field_clear(node->msg, ft.pick.field);
		else
			pbm_array_delete(node->msg, ft.pick.field,
					 ft.pick.index);
		if (hooks && hooks->stats)
			hooks->stats->shrunk++;
		len = protobuf_c_message_get_packed_size(msg);
	}
	return len;
}
