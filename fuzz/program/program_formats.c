// SPDX-License-Identifier: GPL-2.0-only
#include "program_formats.h"

#include <stdio.h>

#include "program.pb-c.h"

/* Quirk bits, as IO_PGTABLE_QUIRK_* */
#define Q_NS (1UL << 0)
#define Q_NO_PERMS (1UL << 1)
#define Q_MTK_EXT (1UL << 3)
#define Q_MTK_TTBR_EXT (1UL << 4)
#define Q_OUTER_WBWA (1UL << 6)
/* the generic_pt formats' Q_RISCV_SVPBMT and Q_VTDSS_*: hw_context.h */
_Static_assert(sizeof(unsigned long) >= sizeof(uint64_t),
	       "allowed_quirks must hold the generic_pt quirks above bit 31");

/*
 * TTBR1 (sign-extended IOVAs) and HD (dirty tracking) change what the
 * walker must do in ways it does not model yet: they are rejected rather
 * than half supported. The MediaTek TTBR extension (v7s tables up to 35
 * bits, with MTK_EXT) is walked; it matters where tables sit high.
 */
#define FMT(bitmap, ias_, oas_, max_ias_, max_oas_, quirks_)                   \
	.pgsize_bitmap = (bitmap), .ias = (ias_), .oas = (oas_),              \
	.max_ias = (max_ias_), .max_oas = (max_oas_), .allowed_quirks = (quirks_)

static const struct format_defaults defaults[PT_NR_FORMATS] = {
	[PT_ARM_32_LPAE_S1] = { FMT(0x40201000UL, 32, 40, 32, 40, Q_NS | Q_OUTER_WBWA) },
	[PT_ARM_32_LPAE_S2] = { FMT(0x40201000UL, 40, 40, 40, 40, 0) },
	[PT_ARM_64_LPAE_S1] = { FMT(0x40201000UL, 48, 48, 52, 52, Q_NS | Q_OUTER_WBWA) },
	[PT_ARM_64_LPAE_S2] = { FMT(0x40201000UL, 48, 48, 52, 52, 0) },
	[PT_ARM_V7S] = {
		FMT(0x01111000UL, 32, 32, 32, 35,
		    Q_NS | Q_NO_PERMS | Q_MTK_EXT | Q_MTK_TTBR_EXT),
		/*
		 * TTBCR.N gives first-level tables for 25..32 bits; below 20
		 * io-pgtable-arm-v7s even shifts by a negative count (F3)
		 */
		.min_ias = 25,
		.min_ias_why = " (the hardware's TTBCR.N range; below 20 io-pgtable-arm-v7s shifts by a negative count, docs/findings.md F3)",
	},
	[PT_APPLE_DART] = { FMT(0x1000UL, 32, 36, 36, 36, 0) },
	/* 16K: with 4K pages DART2 loses PA bits, docs/findings.md F1 */
	[PT_APPLE_DART2] = { FMT(0x4000UL, 32, 42, 42, 42, 0) },
	/*
	 * The page sizes 6.1 offers (AMD_IOMMU_PGSIZES: 4K..2^63 but 512G)
	 * over a 64-bit IOVA space; outputs in the PTE's bits 51:12
	 */
	[PT_AMD_V1] = {
		FMT(~0xfffUL & ~(1UL << 39), 64, 52, 64, 52, 0),
		.max_pgsize_shift = 63,
		.max_oas_why = " (AMD v1 entries hold output address bits 51:12)",
	},
	/* generic_pt's: the engine settles page sizes and address sizes */
	[PT_VTD_SS] = {
		FMT(0x40201000UL, 48, 48, 57, 52,
		    Q_VTDSS_NEST_PARENT | Q_VTDSS_FORCE_COHERENCE),
		.min_ias = 39,
		.min_ias_why = " (VT-d second stage: 3 levels at least)",
	},
	[PT_X86_64] = {
		FMT(0x40201000UL, 48, 48, 57, 52, 0),
		.min_ias = 48,
		.min_ias_why = " (x86-64 paging: 4 levels at least)",
	},
	[PT_RISCV] = {
		FMT(0x40211000UL, 48, 48, 57, 56, Q_RISCV_SVPBMT),
		.min_ias = 39,
		.min_ias_why = " (RISC-V: Sv39 at least)",
	},
};

/* proto Format value <-> pt_format */
static const enum pt_format format_of_proto[] = {
	[IOTLBFUZZ__FORMAT__ARM_64_LPAE_S1] = PT_ARM_64_LPAE_S1,
	[IOTLBFUZZ__FORMAT__ARM_64_LPAE_S2] = PT_ARM_64_LPAE_S2,
	[IOTLBFUZZ__FORMAT__ARM_32_LPAE_S1] = PT_ARM_32_LPAE_S1,
	[IOTLBFUZZ__FORMAT__ARM_32_LPAE_S2] = PT_ARM_32_LPAE_S2,
	[IOTLBFUZZ__FORMAT__ARM_V7S] = PT_ARM_V7S,
	[IOTLBFUZZ__FORMAT__APPLE_DART] = PT_APPLE_DART,
	[IOTLBFUZZ__FORMAT__APPLE_DART2] = PT_APPLE_DART2,
	[IOTLBFUZZ__FORMAT__AMD_V1] = PT_AMD_V1,
	[IOTLBFUZZ__FORMAT__VTD_SS] = PT_VTD_SS,
	[IOTLBFUZZ__FORMAT__X86_64] = PT_X86_64,
	[IOTLBFUZZ__FORMAT__RISCV] = PT_RISCV,
};

/*
 * The names docs/program-format.md gives the quirk bits, for the text
 * form: a program's quirks are a number there, which says little.
 */
static const struct {
	unsigned long bit;
	const char *name;
} quirk_names[] = {
	{ Q_NS, "NS" },
	{ Q_NO_PERMS, "NO_PERMS" },
	{ Q_MTK_EXT, "ARM_MTK_EXT" },
	{ Q_MTK_TTBR_EXT, "ARM_MTK_TTBR_EXT" },
	{ Q_OUTER_WBWA, "OUTER_WBWA" },
	{ Q_RISCV_SVPBMT, "RISCV_SVPBMT" },
	{ Q_VTDSS_NEST_PARENT, "VTDSS_NEST_PARENT" },
	{ Q_VTDSS_FORCE_COHERENCE, "VTDSS_FORCE_COHERENCE" },
};

void program_quirk_names(unsigned long quirks, char *buf, size_t len)
{
	size_t n = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof(quirk_names) / sizeof(quirk_names[0]);
	     i++) {
		if (!(quirks & quirk_names[i].bit) || n >= len)
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%s",
				      n ? " | " : "", quirk_names[i].name);
	}
}

/* An unknown format gets arm-64-lpae-s1's. */
const struct format_defaults *program_format_defaults(enum pt_format fmt)
{
	return &defaults[fmt < PT_NR_FORMATS && defaults[fmt].pgsize_bitmap
				 ? fmt
				 : PT_ARM_64_LPAE_S1];
}

enum pt_format program_format_of_proto(int format)
{
	if (format < 0 ||
	    (unsigned int)format >= sizeof(format_of_proto) /
					    sizeof(format_of_proto[0]))
		return PT_NR_FORMATS;
	return format_of_proto[format];
}
