// SPDX-License-Identifier: GPL-2.0-only
/*
 * Field access and memory: the one place that knows how protobuf-c lays
 * out presence (has_ flags, oneof cases, NULL pointers, defaults) and who
 * owns what, so that every change leaves a message that packs and that
 * protobuf_c_message_free_unpacked() frees without leaks or double frees.
 */
#include "pbm_internal.h"

#include <stdlib.h>
#include <string.h>

char *pbm_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}

size_t pbm_type_size(ProtobufCType type)
{
	switch (type) {
	case PROTOBUF_C_TYPE_INT32:
	case PROTOBUF_C_TYPE_SINT32:
	case PROTOBUF_C_TYPE_SFIXED32:
	case PROTOBUF_C_TYPE_UINT32:
	case PROTOBUF_C_TYPE_FIXED32:
	case PROTOBUF_C_TYPE_ENUM:
		return 4;
	case PROTOBUF_C_TYPE_FLOAT:
		return sizeof(float);
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
		return 8;
	case PROTOBUF_C_TYPE_DOUBLE:
		return sizeof(double);
	case PROTOBUF_C_TYPE_BOOL:
		return sizeof(protobuf_c_boolean);
	case PROTOBUF_C_TYPE_STRING:
		return sizeof(char *);
	case PROTOBUF_C_TYPE_BYTES:
		return sizeof(ProtobufCBinaryData);
	case PROTOBUF_C_TYPE_MESSAGE:
		return sizeof(ProtobufCMessage *);
	}
	return 0;
}

static uint32_t *oneof_case(const ProtobufCMessage *msg,
			    const ProtobufCFieldDescriptor *f)
{
	return pbm_quantifier(msg, f);
}

/*
 * A string field's default: the string itself (proto2), or for proto3 a
 * pointer to protobuf-c's shared empty string.
 */
static const char *string_default(const ProtobufCFieldDescriptor *f)
{
	if (f->default_value == (const void *)&protobuf_c_empty_string)
		return protobuf_c_empty_string;
	return f->default_value;
}

/* Does the field point at memory protobuf-c did not allocate? */
static bool is_default_string(const ProtobufCFieldDescriptor *f, const char *s)
{
	return s == f->default_value || s == protobuf_c_empty_string;
}

static bool is_default_bytes(const ProtobufCFieldDescriptor *f,
			     const void *data)
{
	const ProtobufCBinaryData *d = f->default_value;

	return d && d->data == data;
}

bool pbm_present(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f)
{
	const void *m = pbm_member(msg, f);

	if (pbm_is_oneof(f))
		return *oneof_case(msg, f) == f->id;
	if (f->label == PROTOBUF_C_LABEL_REQUIRED)
		return true;
	if (f->type == PROTOBUF_C_TYPE_MESSAGE)
		return *(void *const *)m != NULL;
	if (f->type == PROTOBUF_C_TYPE_STRING) {
		const char *s = *(const char *const *)m;

		/* protobuf-c does not pack a string left at its default */
		return s && !is_default_string(f, s);
	}
	if (f->label == PROTOBUF_C_LABEL_OPTIONAL)
		return *(const protobuf_c_boolean *)pbm_quantifier(msg, f);
	return true; /* proto3 without presence: always has a value */
}

void *pbm_value_at(const ProtobufCMessage *msg,
		   const ProtobufCFieldDescriptor *f, size_t i)
{
	if (f->label == PROTOBUF_C_LABEL_REPEATED)
		return (char *)*pbm_array(msg, f) + i * pbm_type_size(f->type);
	return pbm_member(msg, f);
}

void pbm_value_release(const ProtobufCFieldDescriptor *f, void *value)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_STRING: {
		char **s = value;

		if (*s && !is_default_string(f, *s))
			free(*s);
		*s = NULL;
		break;
	}
	case PROTOBUF_C_TYPE_BYTES: {
		ProtobufCBinaryData *b = value;

		if (b->data && !is_default_bytes(f, b->data))
			free(b->data);
		b->data = NULL;
		b->len = 0;
		break;
	}
	case PROTOBUF_C_TYPE_MESSAGE: {
		ProtobufCMessage **m = value;

		if (*m && (const void *)*m != f->default_value)
			protobuf_c_message_free_unpacked(*m, NULL);
		*m = NULL;
		break;
	}
	default:
		memset(value, 0, pbm_type_size(f->type));
	}
}

bool pbm_value_copy(const ProtobufCFieldDescriptor *f, void *dst,
		    const void *src)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_STRING: {
		const char *s = *(const char *const *)src;

		*(char **)dst = NULL;
		if (!s)
			return true;
		*(char **)dst = pbm_strdup(s);
		return *(char **)dst != NULL;
	}
	case PROTOBUF_C_TYPE_BYTES: {
		const ProtobufCBinaryData *s = src;
		ProtobufCBinaryData *d = dst;

		d->len = 0;
		d->data = NULL;
		if (!s->len)
			return true;
		d->data = malloc(s->len);
		if (!d->data)
			return false;
		memcpy(d->data, s->data, s->len);
		d->len = s->len;
		return true;
	}
	case PROTOBUF_C_TYPE_MESSAGE: {
		const ProtobufCMessage *s = *(ProtobufCMessage *const *)src;

		*(ProtobufCMessage **)dst = NULL;
		if (!s)
			return true;
		*(ProtobufCMessage **)dst = pbm_message_clone(s);
		return *(ProtobufCMessage **)dst != NULL;
	}
	default:
		memcpy(dst, src, pbm_type_size(f->type));
		return true;
	}
}

/* protobuf-c cannot pack a required sub-message that is not there. */
bool pbm_ensure_required(ProtobufCMessage *m, unsigned int depth)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;

	if (depth > 2 * PBM_MAX_DEPTH)
		return false;
	for (unsigned int i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		void *v = pbm_member(m, f);

		if (f->label != PROTOBUF_C_LABEL_REQUIRED)
			continue;
		if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
			ProtobufCMessage **sub = v;

			if (!*sub)
				*sub = pbm_message_new(f->descriptor);
			if (!*sub || !pbm_ensure_required(*sub, depth + 1))
				return false;
		} else if (f->type == PROTOBUF_C_TYPE_STRING && !*(char **)v) {
			*(char **)v = pbm_strdup("");
			if (!*(char **)v)
				return false;
		}
	}
	return true;
}

ProtobufCMessage *pbm_message_new(const ProtobufCMessageDescriptor *desc)
{
	ProtobufCMessage *m = calloc(1, desc->sizeof_message);

	if (!m)
		return NULL;
	protobuf_c_message_init(desc, m);
	if (!pbm_ensure_required(m, 0)) {
		protobuf_c_message_free_unpacked(m, NULL);
		return NULL;
	}
	return m;
}

/*
 * Through the wire form: protobuf-c's own unpacker then does every
 * allocation exactly as for an input, which is what free_unpacked expects.
 */
ProtobufCMessage *pbm_message_clone(const ProtobufCMessage *msg)
{
	size_t len = protobuf_c_message_get_packed_size(msg);
	uint8_t *buf = malloc(len ? len : 1);
	ProtobufCMessage *copy = NULL;

	if (!buf)
		return NULL;
	protobuf_c_message_pack(msg, buf);
	copy = protobuf_c_message_unpack(msg->descriptor, NULL, len, buf);
	free(buf);
	return copy;
}

const ProtobufCFieldDescriptor *pbm_field(const ProtobufCMessage *msg,
					  const char *name)
{
	return protobuf_c_message_descriptor_get_field_by_name(msg->descriptor,
							       name);
}

/* The member of @f's oneof that is selected now, if any. */
static const ProtobufCFieldDescriptor *
oneof_selected(const ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f)
{
	uint32_t id = *oneof_case(msg, f);

	if (!id)
		return NULL;
	for (unsigned int i = 0; i < msg->descriptor->n_fields; i++) {
		const ProtobufCFieldDescriptor *g = &msg->descriptor->fields[i];

		if (pbm_is_oneof(g) &&
		    g->quantifier_offset == f->quantifier_offset && g->id == id)
			return g;
	}
	return NULL;
}

/* The value an absent field reads as. */
static void write_default(const ProtobufCFieldDescriptor *f, void *value)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_STRING:
		*(const char **)value = string_default(f);
		break;
	case PROTOBUF_C_TYPE_BYTES:
	case PROTOBUF_C_TYPE_MESSAGE:
		memset(value, 0, pbm_type_size(f->type));
		break;
	default:
		if (f->default_value)
			memcpy(value, f->default_value, pbm_type_size(f->type));
		else
			memset(value, 0, pbm_type_size(f->type));
	}
}

/* The value a field just made present starts with (owned memory). */
static bool write_initial(const ProtobufCFieldDescriptor *f, void *value)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_STRING: {
		const char *d = string_default(f) ? string_default(f) : "";

		*(char **)value = pbm_strdup(d);
		return *(char **)value != NULL;
	}
	case PROTOBUF_C_TYPE_BYTES: {
		const ProtobufCBinaryData *d = f->default_value;

		memset(value, 0, sizeof(ProtobufCBinaryData));
		return d ? pbm_value_copy(f, value, d) : true;
	}
	case PROTOBUF_C_TYPE_MESSAGE:
		*(ProtobufCMessage **)value = pbm_message_new(f->descriptor);
		return *(ProtobufCMessage **)value != NULL;
	default:
		write_default(f, value);
		return true;
	}
}

void pbm_field_clear(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f)
{
	void *m = pbm_member(msg, f);

	if (f->label == PROTOBUF_C_LABEL_REPEATED) {
		size_t *n = pbm_count(msg, f);
		void **arr = pbm_array(msg, f);

		for (size_t i = 0; i < *n; i++)
			pbm_value_release(f, pbm_value_at(msg, f, i));
		free(*arr);
		*arr = NULL;
		*n = 0;
		return;
	}
	if (pbm_is_oneof(f)) {
		if (*oneof_case(msg, f) != f->id)
			return;
		pbm_value_release(f, m);
		/* the union is as large as its largest member */
		memset(m, 0, pbm_type_size(f->type));
		*oneof_case(msg, f) = 0;
		return;
	}
	if (f->label == PROTOBUF_C_LABEL_REQUIRED)
		return;
	pbm_value_release(f, m);
	write_default(f, m);
	if (f->label == PROTOBUF_C_LABEL_OPTIONAL &&
	    f->type != PROTOBUF_C_TYPE_STRING &&
	    f->type != PROTOBUF_C_TYPE_MESSAGE)
		*(protobuf_c_boolean *)pbm_quantifier(msg, f) = 0;
}

void *pbm_field_set(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f)
{
	void *m = pbm_member(msg, f);

	if (f->label == PROTOBUF_C_LABEL_REPEATED)
		return NULL;
	if (pbm_present(msg, f))
		return m;
	if (pbm_is_oneof(f)) {
		const ProtobufCFieldDescriptor *old = oneof_selected(msg, f);

		if (old)
			pbm_field_clear(msg, old);
		if (!write_initial(f, m))
			return NULL;
		*oneof_case(msg, f) = f->id;
		return m;
	}
	if (f->type == PROTOBUF_C_TYPE_STRING ||
	    f->type == PROTOBUF_C_TYPE_MESSAGE)
		return write_initial(f, m) ? m : NULL;
	pbm_value_release(f, m);
	if (!write_initial(f, m))
		return NULL;
	if (f->label == PROTOBUF_C_LABEL_OPTIONAL)
		*(protobuf_c_boolean *)pbm_quantifier(msg, f) = 1;
	return m;
}

void *pbm_array_insert(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		       size_t pos)
{
	size_t *n = pbm_count(msg, f);
	void **arr = pbm_array(msg, f);
	size_t esz = pbm_type_size(f->type);
	char *grown = realloc(*arr, (*n + 1) * esz);

	if (!grown)
		return NULL;
	memmove(grown + (pos + 1) * esz, grown + pos * esz, (*n - pos) * esz);
	memset(grown + pos * esz, 0, esz);
	*arr = grown;
	(*n)++;
	return grown + pos * esz;
}

void pbm_array_delete(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		      size_t pos)
{
	size_t *n = pbm_count(msg, f);
	void **arr = pbm_array(msg, f);
	size_t esz = pbm_type_size(f->type);
	char *a = *arr;

	pbm_value_release(f, a + pos * esz);
	memmove(a + pos * esz, a + (pos + 1) * esz, (*n - pos - 1) * esz);
	if (!--*n) {
		free(*arr);
		*arr = NULL;
	}
}

void pbm_array_move(ProtobufCMessage *msg, const ProtobufCFieldDescriptor *f,
		    size_t from, size_t to)
{
	size_t esz = pbm_type_size(f->type);
	char *a = *pbm_array(msg, f);
	unsigned char tmp[sizeof(ProtobufCBinaryData) > 8
				  ? sizeof(ProtobufCBinaryData)
				  : 8];

	if (from == to)
		return;
	memcpy(tmp, a + from * esz, esz);
	if (from < to)
		memmove(a + from * esz, a + (from + 1) * esz,
			(to - from) * esz);
	else
		memmove(a + (to + 1) * esz, a + to * esz, (from - to) * esz);
	memcpy(a + to * esz, tmp, esz);
}
