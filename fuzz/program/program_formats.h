/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per page-table format: the defaults a program's configuration falls back
 * to and the limits it is held to (docs/program-format.md). Shared by the
 * decoder, which enforces them, and the structure-aware mutator, which
 * aims inside them.
 */
#ifndef IOTLBFUZZ_PROGRAM_FORMATS_H
#define IOTLBFUZZ_PROGRAM_FORMATS_H

#include "hw_context.h"

struct format_defaults {
	unsigned long pgsize_bitmap;
	unsigned int ias, oas;
	unsigned int max_ias, max_oas;
	unsigned long allowed_quirks;
	unsigned int min_ias; /* 0: 16 */
	const char *min_ias_why;
	/* log2 of the largest page size a bitmap may name; 0: 51 */
	unsigned int max_pgsize_shift;
	const char *max_oas_why; /* why max_oas, if not the format's own */
};

const struct format_defaults *program_format_defaults(enum pt_format fmt);
/*
 * The names of the known bits of @quirks (docs/program-format.md), as
 * "A | B" into @buf; empty if none.
 */
void program_quirk_names(unsigned long quirks, char *buf, size_t len);
/* proto Format value -> pt_format; PT_NR_FORMATS if unknown. */
enum pt_format program_format_of_proto(int format);

#endif
