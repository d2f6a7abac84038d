/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A program in the text form the corpus is written in: the configuration
 * on one line, then one line per operation, addresses in hex, fields at
 * their defaults left out. Reading text stays protoc's job
 * (textproto.h); this is the writer minimized and exported programs need,
 * shaped like the hand-written corpus so they can be dropped into it.
 */
#ifndef IOTLBFUZZ_PROGRAM_TEXT_H
#define IOTLBFUZZ_PROGRAM_TEXT_H

#include <stdio.h>

#include "program.h"

void program_write_text(FILE *f, const struct program *p);
/* "ARM_64_LPAE_S1", "DRV_ARM_SMMU": the proto enum names. */
const char *program_format_proto_name(enum pt_format fmt);
const char *program_driver_proto_name(int driver);

#endif
