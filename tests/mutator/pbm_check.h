/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the pbm tests hold every mutated message to, checked from the
 * descriptors alone: it unpacks, repacks to the same bytes, every oneof
 * case names one of its members, required sub-messages are there, and
 * enum values are values of their enum.
 */
#ifndef PBM_CHECK_H
#define PBM_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <protobuf-c/protobuf-c.h>

/* NULL if fine, else what is wrong (static storage). */
const char *pbm_check_message(const ProtobufCMessage *m);
const char *pbm_check_wire(const ProtobufCMessageDescriptor *d,
			   const uint8_t *buf, size_t len);

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, \
				__LINE__, #cond);                              \
			fprintf(stderr, __VA_ARGS__);                          \
			fprintf(stderr, "\n");                                 \
			exit(1);                                               \
		}                                                              \
	} while (0)

#endif
