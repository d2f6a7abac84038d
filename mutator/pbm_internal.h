/* SPDX-License-Identifier: GPL-2.0-only */
/* What the pbm source files share and the public header does not show. */
#ifndef PBM_INTERNAL_H
#define PBM_INTERNAL_H

#include "pbm.h"

static inline void *pbm_member(const ProtobufCMessage *msg,
			       const ProtobufCFieldDescriptor *f)
{
	return (char *)msg + f->offset;
}

static inline void *pbm_quantifier(const ProtobufCMessage *msg,
				   const ProtobufCFieldDescriptor *f)
{
	return (char *)msg + f->quantifier_offset;
}

static inline bool pbm_is_oneof(const ProtobufCFieldDescriptor *f)
{
	return f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF;
}

static inline size_t *pbm_count(const ProtobufCMessage *msg,
				const ProtobufCFieldDescriptor *f)
{
	return pbm_quantifier(msg, f);
}

static inline void **pbm_array(const ProtobufCMessage *msg,
			       const ProtobufCFieldDescriptor *f)
{
	return pbm_member(msg, f);
}

/* strdup() is POSIX, not C11; malloc'd like protobuf-c's strings. */
char *pbm_strdup(const char *s);
/* Size of one value of the field's type in C (one array element). */
size_t pbm_type_size(ProtobufCType type);
/* Is a singular (non-repeated) field present? */
bool pbm_present(const ProtobufCMessage *msg,
		 const ProtobufCFieldDescriptor *f);
/* Address of a value: the member, or element @i of a repeated field. */
void *pbm_value_at(const ProtobufCMessage *msg,
		   const ProtobufCFieldDescriptor *f, size_t i);
/*
 * Release what a value owns (string, bytes, sub-message) without touching
 * defaults protobuf-c points at, and zero it.
 */
void pbm_value_release(const ProtobufCFieldDescriptor *f, void *value);
/* Deep-copy @src into @dst (both of the field's type); false on ENOMEM. */
bool pbm_value_copy(const ProtobufCFieldDescriptor *f, void *dst,
		    const void *src);
/* Room for one more element at @pos (zeroed). NULL on ENOMEM. */
void *pbm_array_insert(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		       size_t pos);
/* Remove element @pos after releasing it. */
void pbm_array_delete(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		      size_t pos);
/* Move element @from to @to, shifting those between. */
void pbm_array_move(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		    size_t from, size_t to);

/* Value mutations (pbm_value.c). */
void pbm_value_mutate(const struct pbm_site *site, void *value,
		      struct pbm_rng *rng, const struct pbm_hooks *hooks);
/* A first value for something new: default-ish, sometimes random. */
void pbm_value_fresh(const struct pbm_site *site, void *value,
		     struct pbm_rng *rng, const struct pbm_hooks *hooks);

/*
 * Create required sub-messages (and required strings) that are missing:
 * protobuf-c cannot pack them absent. False if out of memory.
 */
bool pbm_ensure_required(ProtobufCMessage *m, unsigned int depth);

/* Fill a message just put at @node (pbm_mutate.c). */
void pbm_fresh(const struct pbm_node *node, unsigned int depth,
	       struct pbm_rng *rng, const struct pbm_hooks *hooks);

/*
 * One candidate operation drawn from all offered, with probability
 * proportional to its weight (weighted reservoir sampling: one pass over
 * the tree, no list of candidates). The winner's path is copied, since the
 * nodes offered live on the walker's stack.
 */
struct pbm_pick {
	uint64_t total;
	bool have;
	int op;
	const ProtobufCFieldDescriptor *field;
	size_t index;
	unsigned int depth;
	struct pbm_node path[PBM_MAX_DEPTH];
};

void pbm_pick_offer(struct pbm_pick *p, const struct pbm_node *node,
		    const ProtobufCFieldDescriptor *f, size_t index, int op,
		    unsigned int weight, struct pbm_rng *rng);
/* The chosen site's node, its path re-linked. */
struct pbm_node *pbm_pick_node(struct pbm_pick *p);

/*
 * A random message of type @type in the tree under @root, other than
 * @exclude, and (if @nonempty) whose repeated field @nonempty has elements.
 */
const ProtobufCMessage *
pbm_find_of_type(const ProtobufCMessage *root,
		 const ProtobufCMessageDescriptor *type,
		 const ProtobufCMessage *exclude,
		 const ProtobufCFieldDescriptor *nonempty, struct pbm_rng *rng);

static inline unsigned int pbm_depth(const struct pbm_node *node)
{
	unsigned int d = 0;

	for (; node; node = node->up)
		d++;
	return d;
}

#endif
