// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mutation loop: offer every operation that applies anywhere in the
 * tree, draw one by weight, apply it; a few times per input. As in
 * libprotobuf-mutator, structural operations are offered per element, so
 * long repeated fields are edited as often as their size warrants.
 */
#include "pbm_internal.h"

#include <stdlib.h>
#include <string.h>

/* Default weights; the weight hook scales or forbids them. */
static const unsigned int base_weight[PBM_NR_OPS] = {
	[PBM_OP_VALUE] = 4,  [PBM_OP_SET] = 2,	  [PBM_OP_CLEAR] = 1,
	[PBM_OP_INSERT] = 3, [PBM_OP_DELETE] = 1, [PBM_OP_DUPLICATE] = 1,
	[PBM_OP_SWAP] = 1,   [PBM_OP_MOVE] = 1,	  [PBM_OP_COPY] = 1,
	[PBM_OP_HOOK] = 4,
};

const char *pbm_op_name(enum pbm_op op)
{
	static const char *const names[PBM_NR_OPS] = {
		[PBM_OP_VALUE] = "value",   [PBM_OP_SET] = "set",
		[PBM_OP_CLEAR] = "clear",   [PBM_OP_INSERT] = "insert",
		[PBM_OP_DELETE] = "delete", [PBM_OP_DUPLICATE] = "duplicate",
		[PBM_OP_SWAP] = "swap",	    [PBM_OP_MOVE] = "move",
		[PBM_OP_COPY] = "copy",	    [PBM_OP_HOOK] = "hook",
	};

	return (unsigned int)op < PBM_NR_OPS ? names[op] : "?";
}

struct walker {
	struct pbm_pick pick;
	struct pbm_rng *rng;
	const struct pbm_hooks *hooks;
};

static void offer(struct walker *w, const struct pbm_node *node,
		  const ProtobufCFieldDescriptor *f, size_t index,
		  enum pbm_op op)
{
	unsigned int weight = base_weight[op];

	if (w->hooks && w->hooks->weight) {
		struct pbm_site s = {.node = node, .field = f, .index = index};

		weight = w->hooks->weight(w->hooks->ctx, &s, op, weight);
	}
	pbm_pick_offer(&w->pick, node, f, index, op, weight, w->rng);
}

static void walk(struct walker *w, const struct pbm_node *node);

/* A value that is there: change it, or go into it. */
static void offer_value(struct walker *w, const struct pbm_node *node,
			const ProtobufCFieldDescriptor *f, size_t index)
{
	if (f->type != PROTOBUF_C_TYPE_MESSAGE) {
		offer(w, node, f, index, PBM_OP_VALUE);
		return;
	}

	ProtobufCMessage *sub =
		*(ProtobufCMessage **)pbm_value_at(node->msg, f, index);
	struct pbm_node child = {
		.up = node, .msg = sub, .via = f, .index = index};

	if (!sub)
		return;
	offer(w, node, f, index, PBM_OP_COPY);
	walk(w, &child);
}

static void walk(struct walker *w, const struct pbm_node *node)
{
	const ProtobufCMessageDescriptor *d = node->msg->descriptor;

	if (pbm_depth(node) > PBM_MAX_DEPTH)
		return;
	if (w->hooks && w->hooks->mutate)
		offer(w, node, NULL, 0, PBM_OP_HOOK);
	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];

		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n = *pbm_count(node->msg, f);

			offer(w, node, f, 0, PBM_OP_INSERT);
			for (size_t j = 0; j < n; j++) {
				offer(w, node, f, j, PBM_OP_DELETE);
				offer(w, node, f, j, PBM_OP_DUPLICATE);
				if (n >= 2) {
					offer(w, node, f, j, PBM_OP_SWAP);
					offer(w, node, f, j, PBM_OP_MOVE);
				}
				offer_value(w, node, f, j);
			}
			continue;
		}
		if (f->label == PROTOBUF_C_LABEL_REQUIRED) {
			offer_value(w, node, f, 0);
			continue;
		}
		if (f->label == PROTOBUF_C_LABEL_NONE && !pbm_is_oneof(f) &&
		    f->type != PROTOBUF_C_TYPE_MESSAGE) {
			offer_value(w, node, f, 0); /* no presence to change */
			continue;
		}
		if (pbm_present(node->msg, f)) {
			offer(w, node, f, 0, PBM_OP_CLEAR);
			offer_value(w, node, f, 0);
		} else {
			offer(w, node, f, 0, PBM_OP_SET);
		}
	}
}

/* Give a value just made present (or inserted) its first contents. */
static void fill_new(const struct pbm_node *node,
		     const ProtobufCFieldDescriptor *f, size_t index,
		     struct pbm_rng *rng, const struct pbm_hooks *hooks)
{
	void *v = pbm_value_at(node->msg, f, index);

	if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
		struct pbm_node child = {
			.up = node,
			.msg = *(ProtobufCMessage **)v,
			.via = f,
			.index = index,
		};

		if (child.msg)
			pbm_fresh(&child, pbm_depth(&child), rng, hooks);
		return;
	}

	struct pbm_site s = {.node = node, .field = f, .index = index};

	pbm_value_fresh(&s, v, rng, hooks);
}

/*
 * The members of one oneof share their case member (quantifier_offset);
 * they need not be adjacent in the tag-sorted field table.
 */
static bool same_oneof(const ProtobufCFieldDescriptor *a,
		       const ProtobufCFieldDescriptor *b)
{
	return pbm_is_oneof(a) && pbm_is_oneof(b) &&
	       a->quantifier_offset == b->quantifier_offset;
}

static unsigned int oneof_first(const ProtobufCMessageDescriptor *d,
				unsigned int i)
{
	for (unsigned int j = 0; j < i; j++)
		if (same_oneof(&d->fields[j], &d->fields[i]))
			return j;
	return i;
}

static unsigned int oneof_size(const ProtobufCMessageDescriptor *d,
			       const ProtobufCFieldDescriptor *f)
{
	unsigned int n = 0;

	for (unsigned int j = 0; j < d->n_fields; j++)
		n += same_oneof(&d->fields[j], f);
	return n;
}

static const ProtobufCFieldDescriptor *
oneof_member(const ProtobufCMessageDescriptor *d,
	     const ProtobufCFieldDescriptor *f, uint64_t k)
{
	for (unsigned int j = 0; j < d->n_fields; j++)
		if (same_oneof(&d->fields[j], f) && !k--)
			return &d->fields[j];
	return f;
}

void pbm_fresh(const struct pbm_node *node, unsigned int depth,
	       struct pbm_rng *rng, const struct pbm_hooks *hooks)
{
	ProtobufCMessage *m = node->msg;
	const ProtobufCMessageDescriptor *d = m->descriptor;

	pbm_ensure_required(m, depth);
	for (unsigned int i = 0; i < d->n_fields && depth < PBM_MAX_DEPTH;
	     i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];

		if (pbm_is_oneof(f)) {
			const ProtobufCFieldDescriptor *pick;

			if (oneof_first(d, i) != i ||
			    !pbm_rng_chance(rng, 3, 4))
				continue;
			pick = oneof_member(
				d, f, pbm_rng_below(rng, oneof_size(d, f)));
			if (pbm_field_set(m, pick))
				fill_new(node, pick, 0, rng, hooks);
			continue;
		}
		if (f->label == PROTOBUF_C_LABEL_REQUIRED) {
			fill_new(node, f, 0, rng, hooks);
			continue;
		}
		/* optional scalars now and then; sub-messages stay absent */
		if (f->label == PROTOBUF_C_LABEL_OPTIONAL &&
		    f->type != PROTOBUF_C_TYPE_MESSAGE &&
		    pbm_rng_chance(rng, 1, 4) && pbm_field_set(m, f))
			fill_new(node, f, 0, rng, hooks);
	}
	if (hooks && hooks->fresh)
		hooks->fresh(hooks->ctx, node, rng);
}

/* Another position than @i among @n. */
static size_t other_index(size_t i, size_t n, struct pbm_rng *rng)
{
	size_t j = pbm_rng_below(rng, n - 1);

	return j >= i ? j + 1 : j;
}

static bool apply(struct walker *w)
{
	struct pbm_node *node = pbm_pick_node(&w->pick);
	const ProtobufCFieldDescriptor *f = w->pick.field;
	size_t i = w->pick.index;
	ProtobufCMessage *m = node->msg;
	struct pbm_rng *rng = w->rng;
	struct pbm_site site = {.node = node, .field = f, .index = i};
	size_t n = f && f->label == PROTOBUF_C_LABEL_REPEATED ? *pbm_count(m, f)
							      : 0;
	unsigned char tmp[sizeof(ProtobufCBinaryData) > 8
				  ? sizeof(ProtobufCBinaryData)
				  : 8];
	void *v;

	switch ((enum pbm_op)w->pick.op) {
	case PBM_OP_VALUE:
		pbm_value_mutate(&site, pbm_value_at(m, f, i), rng, w->hooks);
		return true;
	case PBM_OP_SET:
		if (!pbm_field_set(m, f))
			return false;
		fill_new(node, f, 0, rng, w->hooks);
		return true;
	case PBM_OP_CLEAR:
		pbm_field_clear(m, f);
		return true;
	case PBM_OP_INSERT:
		i = pbm_rng_below(rng, n + 1);
		v = pbm_array_insert(m, f, i);
		if (!v)
			return false;
		if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
			*(ProtobufCMessage **)v =
				pbm_message_new(f->descriptor);
			if (!*(ProtobufCMessage **)v) {
				pbm_array_delete(m, f, i);
				return false;
			}
		} else if (f->type == PROTOBUF_C_TYPE_STRING) {
			*(char **)v = pbm_strdup("");
			if (!*(char **)v) {
				pbm_array_delete(m, f, i);
				return false;
			}
		}
		fill_new(node, f, i, rng, w->hooks);
		return true;
	case PBM_OP_DELETE:
		pbm_array_delete(m, f, i);
		return true;
	case PBM_OP_DUPLICATE: {
		size_t to = pbm_rng_below(rng, n + 1);

		if (!pbm_value_copy(f, tmp, pbm_value_at(m, f, i)))
			return false;
		v = pbm_array_insert(m, f, to);
		if (!v) {
			pbm_value_release(f, tmp);
			return false;
		}
		memcpy(v, tmp, pbm_type_size(f->type));
		return true;
	}
	case PBM_OP_SWAP: {
		size_t j = other_index(i, n, rng), esz = pbm_type_size(f->type);

		memcpy(tmp, pbm_value_at(m, f, i), esz);
		memcpy(pbm_value_at(m, f, i), pbm_value_at(m, f, j), esz);
		memcpy(pbm_value_at(m, f, j), tmp, esz);
		return true;
	}
	case PBM_OP_MOVE:
		pbm_array_move(m, f, i, other_index(i, n, rng));
		return true;
	case PBM_OP_COPY: {
		ProtobufCMessage **slot = pbm_value_at(m, f, i);
		const ProtobufCMessage *from = pbm_find_of_type(
			w->pick.path[0].msg, f->descriptor, *slot, NULL, rng);
		ProtobufCMessage *copy = from ? pbm_message_clone(from) : NULL;

		if (!copy)
			return false;
		pbm_value_release(f, slot);
		*slot = copy;
		return true;
	}
	case PBM_OP_HOOK:
		return w->hooks->mutate(w->hooks->ctx, node, rng);
	case PBM_NR_OPS:
		break;
	}
	return false;
}

unsigned int pbm_mutate_message(ProtobufCMessage *msg, unsigned int nops,
				struct pbm_rng *rng,
				const struct pbm_hooks *hooks)
{
	struct pbm_node root = {.msg = msg};
	unsigned int done = 0;

	/* an operation may not apply (nothing to copy from): draw again */
	for (unsigned int tries = 0; done < nops && tries < 4 * nops; tries++) {
		struct walker w = {.rng = rng, .hooks = hooks};

		walk(&w, &root);
		if (!w.pick.have)
			break;
		if (!apply(&w))
			continue;
		done++;
		if (hooks && hooks->stats)
			hooks->stats->applied[w.pick.op]++;
	}
	return done;
}
