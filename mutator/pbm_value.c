// SPDX-License-Identifier: GPL-2.0-only
/*
 * Value mutations: numbers (small steps, bit flips, the boundary values
 * parsers and range checks trip on), bools, enums (another valid value),
 * strings and bytes (edits that keep them short). The domain's value hook
 * gets the first say for numbers, bools and enums.
 */
#include "pbm_internal.h"

#include <stdlib.h>
#include <string.h>

/*
 * 0, 1, all ones, the signed extremes, powers of two and their
 * neighbours: where off-by-one and overflow bugs live.
 */
static uint64_t interesting(unsigned int bits, struct pbm_rng *rng)
{
	uint64_t mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	uint64_t p = 1ULL << pbm_rng_below(rng, bits);

	switch (pbm_rng_below(rng, 8)) {
	case 0:
		return 0;
	case 1:
		return 1;
	case 2:
		return mask; /* -1 */
	case 3:
		return mask >> 1; /* signed max */
	case 4:
		return (mask >> 1) + 1; /* signed min */
	case 5:
		return p;
	case 6:
		return p - 1;
	default:
		return p + 1;
	}
}

static uint64_t mutate_int(uint64_t v, unsigned int bits, struct pbm_rng *rng)
{
	uint64_t mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	uint64_t d = 1 + pbm_rng_below(rng, 16);

	switch (pbm_rng_below(rng, 6)) {
	case 0:
		v += d;
		break;
	case 1:
		v -= d;
		break;
	case 2:
		v ^= 1ULL << pbm_rng_below(rng, bits);
		break;
	case 3:
		v = interesting(bits, rng);
		break;
	case 4:
		v = pbm_rng_chance(rng, 1, 2) ? v << 1 : v >> 1;
		break;
	default:
		v = pbm_rng_chance(rng, 1, 2) ? pbm_rng_below(rng, 256)
					      : pbm_rng_next(rng);
	}
	return v & mask;
}

static double mutate_real(double v, struct pbm_rng *rng)
{
	static const double special[] = {0.0, -0.0,  1.0,    -1.0,
					 0.5, 1e308, -1e308, 1e-308};

	switch (pbm_rng_below(rng, 4)) {
	case 0:
		return v + (double)(int)(pbm_rng_below(rng, 33) - 16);
	case 1:
		return v * (pbm_rng_chance(rng, 1, 2) ? 2.0 : 0.5);
	case 2:
		return -v;
	default:
		return special[pbm_rng_below(rng, 8)];
	}
}

static void mutate_enum(const ProtobufCFieldDescriptor *f, int32_t *v,
			struct pbm_rng *rng, unsigned int flags)
{
	const ProtobufCEnumDescriptor *e = f->descriptor;

	/*
	 * Values outside the enum only test the consumer's rejection path,
	 * which one byte-level mutation reaches as well: opt-in.
	 */
	if ((flags & PBM_F_INVALID_ENUMS) && pbm_rng_chance(rng, 1, 16)) {
		*v = (int32_t)mutate_int((uint32_t)*v, 32, rng);
		return;
	}
	if (!e->n_values)
		return;
	if (e->n_values == 1) {
		*v = e->values[0].value;
		return;
	}
	/* another value than the current one */
	for (int tries = 0; tries < 4; tries++) {
		int32_t nv = e->values[pbm_rng_below(rng, e->n_values)].value;

		if (nv != *v) {
			*v = nv;
			return;
		}
	}
}

static const uint8_t printable_lo = 0x20, printable_span = 0x5f;

/*
 * Edits on a malloc'd buffer of @len bytes; @text keeps to printable
 * ASCII (a NUL would cut a C string short). Returns the new buffer.
 */
static uint8_t *edit_buffer(uint8_t *buf, size_t *len, bool text,
			    struct pbm_rng *rng)
{
	size_t n = *len;
	uint8_t c = text ? (uint8_t)(printable_lo +
				     pbm_rng_below(rng, printable_span))
			 : (uint8_t)pbm_rng_next(rng);
	/* one spare byte for a terminating NUL */
	uint8_t *nb;

	switch (n ? pbm_rng_below(rng, 6) : 0) {
	case 0: { /* insert a byte */
		size_t at = pbm_rng_below(rng, n + 1);

		nb = realloc(buf, n + 2);
		if (!nb)
			return buf;
		memmove(nb + at + 1, nb + at, n - at);
		nb[at] = c;
		*len = n + 1;
		return nb;
	}
	case 1: { /* delete a byte */
		size_t at = pbm_rng_below(rng, n);

		memmove(buf + at, buf + at + 1, n - at - 1);
		*len = n - 1;
		return buf;
	}
	case 2: /* replace a byte */
		buf[pbm_rng_below(rng, n)] = c;
		return buf;
	case 3: /* truncate */
		*len = pbm_rng_below(rng, n);
		return buf;
	case 4: /* repeat a piece at the end */ {
		size_t from = pbm_rng_below(rng, n);
		size_t k = 1 + pbm_rng_below(rng, n - from);

		nb = realloc(buf, n + k + 1);
		if (!nb)
			return buf;
		memcpy(nb + n, nb + from, k);
		*len = n + k;
		return nb;
	}
	default:
		if (text) {
			buf[pbm_rng_below(rng, n)] = c;
		} else {
			buf[pbm_rng_below(rng, n)] ^=
				(uint8_t)(1u << pbm_rng_below(rng, 8));
		}
		return buf;
	}
}

static void mutate_string(const ProtobufCFieldDescriptor *f, char **s,
			  struct pbm_rng *rng)
{
	size_t len = *s ? strlen(*s) : 0;
	uint8_t *buf = malloc(len + 1);

	if (!buf)
		return;
	memcpy(buf, *s ? *s : "", len);
	buf = edit_buffer(buf, &len, true, rng);
	buf[len] = 0;
	pbm_value_release(f, s);
	*s = (char *)buf;
}

static void mutate_bytes(const ProtobufCFieldDescriptor *f,
			 ProtobufCBinaryData *b, struct pbm_rng *rng)
{
	size_t len = b->len;
	uint8_t *buf = malloc(len + 1);

	if (!buf)
		return;
	if (len)
		memcpy(buf, b->data, len);
	buf = edit_buffer(buf, &len, false, rng);
	pbm_value_release(f, b);
	b->data = buf;
	b->len = len;
	if (!len) {
		free(buf);
		b->data = NULL;
	}
}

static bool hook_value(const struct pbm_site *site, void *value,
		       struct pbm_rng *rng, const struct pbm_hooks *hooks)
{
	ProtobufCType t = site->field->type;

	if (!hooks || !hooks->value || t == PROTOBUF_C_TYPE_STRING ||
	    t == PROTOBUF_C_TYPE_BYTES || t == PROTOBUF_C_TYPE_MESSAGE)
		return false;
	if (!hooks->value(hooks->ctx, site, value, rng))
		return false;
	if (hooks->stats)
		hooks->stats->hook_values++;
	return true;
}

void pbm_value_mutate(const struct pbm_site *site, void *value,
		      struct pbm_rng *rng, const struct pbm_hooks *hooks)
{
	const ProtobufCFieldDescriptor *f = site->field;

	if (hook_value(site, value, rng, hooks))
		return;
	switch (f->type) {
	case PROTOBUF_C_TYPE_INT32:
	case PROTOBUF_C_TYPE_SINT32:
	case PROTOBUF_C_TYPE_SFIXED32:
	case PROTOBUF_C_TYPE_UINT32:
	case PROTOBUF_C_TYPE_FIXED32:
		*(uint32_t *)value =
			(uint32_t)mutate_int(*(uint32_t *)value, 32, rng);
		break;
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
		*(uint64_t *)value = mutate_int(*(uint64_t *)value, 64, rng);
		break;
	case PROTOBUF_C_TYPE_FLOAT:
		*(float *)value = (float)mutate_real(*(float *)value, rng);
		break;
	case PROTOBUF_C_TYPE_DOUBLE:
		*(double *)value = mutate_real(*(double *)value, rng);
		break;
	case PROTOBUF_C_TYPE_BOOL:
		*(protobuf_c_boolean *)value = !*(protobuf_c_boolean *)value;
		break;
	case PROTOBUF_C_TYPE_ENUM:
		mutate_enum(f, value, rng, hooks ? hooks->flags : 0);
		break;
	case PROTOBUF_C_TYPE_STRING:
		mutate_string(f, value, rng);
		break;
	case PROTOBUF_C_TYPE_BYTES:
		mutate_bytes(f, value, rng);
		break;
	case PROTOBUF_C_TYPE_MESSAGE:
		break;
	}
}

void pbm_value_fresh(const struct pbm_site *site, void *value,
		     struct pbm_rng *rng, const struct pbm_hooks *hooks)
{
	if (hook_value(site, value, rng, hooks))
		return;
	/* half the time the default: it is what most real inputs hold */
	if (pbm_rng_chance(rng, 1, 2))
		pbm_value_mutate(site, value, rng, NULL);
}
