/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text form of programs, converted by protoc itself (--encode and
 * --decode) so there is no second parser to keep in step with the schema.
 */
#ifndef IOTLBFUZZ_TEXTPROTO_H
#define IOTLBFUZZ_TEXTPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Read a program file, text or binary; malloc'd bytes of the binary form. */
int program_file_read(const char *path, uint8_t **data, size_t *len,
		      char *why, size_t whylen);
/* Binary -> text on @out. */
int program_print_text(const uint8_t *data, size_t len, FILE *out, char *why,
		       size_t whylen);

#endif
