// SPDX-License-Identifier: GPL-2.0-only
/* Choosing at random in a message tree: an operation site, or a message. */
#include "pbm_internal.h"

void pbm_pick_offer(struct pbm_pick *p, const struct pbm_node *node,
		    const ProtobufCFieldDescriptor *f, size_t index, int op,
		    unsigned int weight, struct pbm_rng *rng)
{
	unsigned int d = pbm_depth(node);

	if (!weight || d > PBM_MAX_DEPTH)
		return;
	p->total += weight;
	if (pbm_rng_below(rng, p->total) >= weight)
		return;
	p->have = true;
	p->op = op;
	p->field = f;
	p->index = index;
	p->depth = d;
	for (const struct pbm_node *n = node; n; n = n->up)
		p->path[--d] = *n;
}

struct pbm_node *pbm_pick_node(struct pbm_pick *p)
{
	for (unsigned int i = 0; i < p->depth; i++)
		p->path[i].up = i ? &p->path[i - 1] : NULL;
	return &p->path[p->depth - 1];
}

struct finder {
	const ProtobufCMessageDescriptor *type;
	const ProtobufCMessage *exclude;
	const ProtobufCFieldDescriptor *nonempty;
	const ProtobufCMessage *found;
	uint64_t seen;
	struct pbm_rng *rng;
};

static void find(struct finder *fd, const ProtobufCMessage *m,
		 unsigned int depth)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;

	if (d == fd->type && m != fd->exclude &&
	    (!fd->nonempty || *pbm_count(m, fd->nonempty))) {
		if (!pbm_rng_below(fd->rng, ++fd->seen))
			fd->found = m;
	}
	if (depth >= PBM_MAX_DEPTH)
		return;
	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];

		if (f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			for (size_t j = 0; j < *pbm_count(m, f); j++)
				find(fd,
				     *(ProtobufCMessage **)pbm_value_at(m, f,
									j),
				     depth + 1);
		} else if (pbm_present(m, f)) {
			const ProtobufCMessage *sub =
				*(ProtobufCMessage **)pbm_member(m, f);

			if (sub)
				find(fd, sub, depth + 1);
		}
	}
}

const ProtobufCMessage *
pbm_find_of_type(const ProtobufCMessage *root,
		 const ProtobufCMessageDescriptor *type,
		 const ProtobufCMessage *exclude,
		 const ProtobufCFieldDescriptor *nonempty, struct pbm_rng *rng)
{
	struct finder fd = {
		.type = type,
		.exclude = exclude,
		.nonempty = nonempty,
		.rng = rng,
	};

	find(&fd, root, 1);
	return fd.found;
}
