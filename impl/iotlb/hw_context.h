/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the simulated device-side IOMMU knows about a translation context:
 * the register values a driver would program (TTBR, TCR/VTCR fields, DART
 * TTBRs), never the kernel's internal page-table state. The walkers read
 * these the way hardware would, so they stay independent of io-pgtable.
 *
 * Plain C: this header must not depend on kernel headers.
 */
#ifndef IOTLBFUZZ_HW_CONTEXT_H
#define IOTLBFUZZ_HW_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum pt_format {
	PT_ARM_32_LPAE_S1,
	PT_ARM_32_LPAE_S2,
	PT_ARM_64_LPAE_S1,
	PT_ARM_64_LPAE_S2,
	PT_ARM_V7S,
	PT_APPLE_DART,
	PT_APPLE_DART2,
	/* no io-pgtable: tables a driver model builds itself (walk_amdv1.c) */
	PT_AMD_V1,
	/*
	 * The hardware formats of the kernel's generic_pt engine, built by
	 * the tree's own code on trees that have it (impl/gpt/; walkers
	 * walk_vtdss.c, walk_x86_64.c, walk_riscv.c).
	 */
	PT_VTD_SS,
	PT_X86_64,
	PT_RISCV,
	PT_NR_FORMATS
};

const char *pt_format_name(enum pt_format fmt);

/* Access permissions as the hardware grants them. */
#define HW_PERM_READ 0x1u
#define HW_PERM_WRITE 0x2u

/* Quirk bits the hardware walker must honour (mirrors of io-pgtable's). */
#define HW_QUIRK_ARM_NS (1u << 0)
#define HW_QUIRK_NO_PERMS (1u << 1)
#define HW_QUIRK_ARM_MTK_EXT (1u << 3)
#define HW_QUIRK_ARM_MTK_TTBR_EXT (1u << 4)
#define HW_QUIRK_ARM_TTBR1 (1u << 5)
#define HW_QUIRK_ARM_OUTER_WBWA (1u << 6)
#define HW_QUIRK_ARM_HD (1u << 7)

/*
 * Program quirks of the generic_pt formats (config.quirks): hardware and
 * driver variants that 7.x drivers set up through PT_FEAT_* bits, not
 * io-pgtable quirks. They sit above bit 31, where no IO_PGTABLE_QUIRK_*
 * (bits 0..9 as of 7.3) can ever meet them, and never reach hw->quirks
 * (32 bits): the adapters read them from the program and describe the
 * device in the format's own context fields.
 *
 * Q_RISCV_SVPBMT: the RISC-V IOMMU reports Svpbmt (capabilities.Svpbmt):
 *   the driver asks for PT_FEAT_RISCV_SVPBMT, the device walks PBMT.
 * Q_VTDSS_NEST_PARENT: a VT-d second stage allocated as a nesting parent
 *   (IOMMU_HWPT_ALLOC_NEST_PARENT): PT_FEAT_VTDSS_FORCE_WRITEABLE, read-only
 *   maps refused for erratum ERRATA_772415_SPR17.
 * Q_VTDSS_FORCE_COHERENCE: a VT-d second stage whose cache coherency was
 *   enforced (enforce_cache_coherency) before its first map:
 *   PT_FEAT_VTDSS_FORCE_COHERENCE, SNP in every leaf.
 */
#define Q_RISCV_SVPBMT (1ull << 32)
#define Q_VTDSS_NEST_PARENT (1ull << 33)
#define Q_VTDSS_FORCE_COHERENCE (1ull << 34)

struct hw_lpae_s1 {
	uint64_t ttbr;
	unsigned int tsz; /* TCR.T0SZ */
	unsigned int tg; /* TCR.TG0 encoding: 0 = 4K, 1 = 64K, 2 = 16K */
	unsigned int ips; /* TCR.IPS encoding */
};

struct hw_lpae_s2 {
	uint64_t vttbr;
	unsigned int tsz; /* VTCR.T0SZ */
	unsigned int sl; /* VTCR.SL0 encoding */
	unsigned int tg; /* VTCR.TG0 encoding */
	unsigned int ps; /* VTCR.PS encoding */
};

struct hw_v7s {
	uint32_t ttbr;
};

struct hw_dart {
	uint64_t ttbr[4];
	unsigned int n_ttbrs;
	/* table levels below the TTBRs; 0 means 2 (walk_dart.c) */
	unsigned int n_levels;
};

/* What an AMD IOMMU device table entry says of host translation. */
struct hw_amdv1 {
	uint64_t root; /* DTE Page Table Root Pointer: the top table's PA */
	unsigned int mode; /* DTE Mode: levels of tables, 1..6 */
};

/*
 * What an Intel VT-d context entry (or scalable-mode PASID entry) says of
 * second-stage translation.
 */
struct hw_vtdss {
	uint64_t root; /* SSPTPTR: the top table's PA (bits 11:0 unused) */
	unsigned int aw; /* AW: 1 = 39-bit/3-level, 2 = 48/4, 3 = 57/5 */
};

/*
 * x86-64 paging as an IOMMU's first stage walks it: AMD GCR3 tables or
 * VT-d first-stage tables.
 */
struct hw_x86_64 {
	uint64_t root; /* the CR3-like pointer: top table's PA (11:0 unused) */
	unsigned int levels; /* 4 (48-bit IOVA) or 5 (57-bit) */
	/* IOVAs are canonical (sign-extended) rather than zero-extended */
	bool sign_extend;
};

/* What a RISC-V IOMMU device context says of first-stage translation. */
struct hw_riscv {
	uint64_t root; /* iosatp.PPN << 12: the root table's PA */
	unsigned int levels; /* iosatp.MODE: 3 = Sv39, 4 = Sv48, 5 = Sv57 */
	bool svnapot; /* the IOMMU implements Svnapot 64K pages */
	bool svpbmt; /* the IOMMU implements Svpbmt: PBMT in leaves */
	bool hw_ad; /* DC.tc.SADE: the IOMMU sets A and D itself */
};

struct hw_context {
	enum pt_format fmt;
	unsigned int ias; /* input address bits the SMMU/DART is set up for */
	unsigned int oas; /* output address bits */
	uint32_t quirks; /* HW_QUIRK_* */
	unsigned long pgsize_bitmap; /* the granule family the context uses */
	bool coherent; /* the walker snoops CPU caches (else: DMA syncs only) */
	/*
	 * Not a register: the harness's own lookups (never the device's)
	 * want walk_result.hole_size measured past the faulting entry, as
	 * far as this last IOVA of interest (0: not at all).
	 */
	uint64_t scan_holes_until;
	union {
		struct hw_lpae_s1 s1;
		struct hw_lpae_s2 s2;
		struct hw_v7s v7s;
		struct hw_dart dart;
		struct hw_amdv1 amdv1;
		struct hw_vtdss vtdss;
		struct hw_x86_64 x86_64;
		struct hw_riscv riscv;
	};
};

/*
 * How the device reads table memory. Returns one of these; the walker never
 * dereferences host pointers itself.
 */
enum phys_read_status {
	PHYS_READ_OK,
	PHYS_READ_FREED, /* the page was a page table and has been freed */
	PHYS_READ_UNBACKED, /* no table memory lives at this address */
};

struct phys_reader {
	enum phys_read_status (*read)(void *ctx, uint64_t pa, void *buf,
				      size_t len);
	void *ctx;
};

#endif
