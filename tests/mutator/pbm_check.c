// SPDX-License-Identifier: GPL-2.0-only
#include "pbm_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char why[256];

static const char *fail(const ProtobufCMessage *m,
			const ProtobufCFieldDescriptor *f, const char *what)
{
	snprintf(why, sizeof(why), "%s.%s: %s", m->descriptor->name,
		 f ? f->name : "", what);
	return why;
}

static bool enum_ok(const ProtobufCFieldDescriptor *f, const void *v)
{
	return protobuf_c_enum_descriptor_get_value(f->descriptor,
						    *(const int *)v) != NULL;
}

static const char *check_value(const ProtobufCMessage *m,
			       const ProtobufCFieldDescriptor *f, const void *v)
{
	if (f->type == PROTOBUF_C_TYPE_ENUM && !enum_ok(f, v))
		return fail(m, f, "enum value outside the enum");
	if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
		const ProtobufCMessage *sub = *(ProtobufCMessage *const *)v;

		if (!sub)
			return fail(m, f, "NULL sub-message");
		if (sub->descriptor != f->descriptor)
			return fail(m, f, "sub-message of the wrong type");
		return pbm_check_message(sub);
	}
	return NULL;
}

static size_t elem_size(ProtobufCType t)
{
	switch (t) {
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
	case PROTOBUF_C_TYPE_DOUBLE:
		return 8;
	case PROTOBUF_C_TYPE_STRING:
	case PROTOBUF_C_TYPE_MESSAGE:
		return sizeof(void *);
	case PROTOBUF_C_TYPE_BYTES:
		return sizeof(ProtobufCBinaryData);
	default:
		return 4;
	}
}

const char *pbm_check_message(const ProtobufCMessage *m)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	const char *err;

	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		const char *base = (const char *)m;
		const void *v = base + f->offset;

		if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
			uint32_t c = *(const uint32_t *)(base +
							 f->quantifier_offset);
			bool member = !c;

			for (unsigned int j = 0; j < d->n_fields; j++)
				if ((d->fields[j].flags &
				     PROTOBUF_C_FIELD_FLAG_ONEOF) &&
				    d->fields[j].quantifier_offset ==
					    f->quantifier_offset &&
				    d->fields[j].id == c)
					member = true;
			if (!member)
				return fail(m, f, "oneof case is no member");
			if (c == f->id && (err = check_value(m, f, v)))
				return err;
			continue;
		}
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n =
				*(const size_t *)(base + f->quantifier_offset);
			const char *arr = *(char *const *)v;

			if (n && !arr)
				return fail(m, f, "elements but no array");
			for (size_t j = 0; j < n; j++)
				if ((err = check_value(
					     m, f,
					     arr + j * elem_size(f->type))))
					return err;
			continue;
		}
		if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
			if (!*(ProtobufCMessage *const *)v) {
				if (f->label == PROTOBUF_C_LABEL_REQUIRED)
					return fail(m, f, "required missing");
				continue;
			}
		} else if (f->label == PROTOBUF_C_LABEL_OPTIONAL &&
			   f->type != PROTOBUF_C_TYPE_STRING &&
			   !*(const protobuf_c_boolean
				      *)(base + f->quantifier_offset)) {
			continue;
		}
		if ((err = check_value(m, f, v)))
			return err;
	}
	return NULL;
}

const char *pbm_check_wire(const ProtobufCMessageDescriptor *d,
			   const uint8_t *buf, size_t len)
{
	ProtobufCMessage *m = protobuf_c_message_unpack(d, NULL, len, buf);
	const char *err;

	if (!m)
		return "does not unpack";
	err = pbm_check_message(m);
	if (!err) {
		size_t n = protobuf_c_message_get_packed_size(m);
		uint8_t *again = malloc(n ? n : 1);

		protobuf_c_message_pack(m, again);
		if (n != len || memcmp(again, buf, len))
			err = "repacks to other bytes";
		free(again);
	}
	protobuf_c_message_free_unpacked(m, NULL);
	return err;
}
