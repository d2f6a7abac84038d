/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The compact byte form of a program, for byte-level fuzzing (AFL++ on
 * OSS-Fuzz never loads a custom mutator): an input that starts with
 * BYTECODE_MAGIC is read as a configuration and 4-byte operations, and
 * every such byte string is a valid program. IOVAs, sizes and PAs are drawn
 * from a small window of pages and blocks so that operations meet. A byte
 * that protobuf can never start our message with (field 22, wire type 7)
 * keeps the two forms apart, so malformed protobuf is still rejected.
 *
 * Layout: magic, c0 (format; bits 3+ the LPAE granule, or for AMD_V1
 * which page sizes and whether the window sits at the top of the 64-bit
 * space: bytecode.c, amd_v1_sizes), c1 (driver), c2
 * (bit 0 deferred, 1 non-coherent walk, 2 no walk cache, 3 cache
 * not-present entries, bits 4-5 which block size above the page: 0 the
 * next one up, so 1M and 16M v7s sections or 1G LPAE blocks need 1-3,
 * bits 6-7 fault injection: 0 none, else config.fail_alloc 1, 2 or 4),
 * then [opcode, where, how much, what] per operation.
 *
 * BYTECODE_MAGIC_PLACED (field 23, wire type 7: no protobuf either) adds
 * one configuration byte after c2, c3, for where the page tables sit
 * (config.table_base): bits 0-3 a boundary (bytecode.c, placements[]),
 * bits 4-5 where the tables are against it (0 all below, 1 straddling
 * it by 2 MiB, 2 all above, 3 straddling it by 128 MiB), bit 6 the
 * format's widest output size (v7s: MTK_EXT, oas 35), bit 7 on v7s
 * MTK_TTBR_EXT as well. Inputs with the first magic keep their meaning.
 *
 * BYTECODE_MAGIC_CACHED (field 24, wire type 7) reads c3 as the placed
 * form does and one more byte, c4, for the device's IOTLB: bits 0-1 how it
 * holds a block (config.iotlb.entries: whole, splintered, mixed; 3 is
 * whole), bit 2 range invalidation with level hints. Older inputs keep
 * their meaning.
 *
 * BYTECODE_MAGIC_GENERIC_PT (field 25, wire type 7) is for the page
 * tables of the kernel's generic_pt engine (7.x trees), which the older
 * magics never reach: their format lists stop before them, and growing
 * a list would give old inputs other formats. Its layout is the cached
 * form's, with c0 and c1 read anew: c1 picks among the usable drivers
 * that drive VTD_SS, X86_64 or RISCV (amd-v2, amd-v2-npcache, intel,
 * intel-cm, riscv, intel-fs), which decides the format; c0 is its
 * geometry: bits 0-1 the address width (48, 39, 57, 57; x86-64 48 for
 * 39: 4 or 5 levels), bits 2-3 the page sizes (VT-d and x86-64 4K|2M|1G, 4K|2M,
 * 4K, 4K|2M|1G; RISC-V 4K|64K|2M|1G, 4K|2M|1G, 4K|64K|2M, 4K; c2 bits
 * 4-5 pick the block among them as before), bit 4 the window at the top
 * of the IOVAs the engine takes (below 2^ias, or 2^(ias-1) for
 * sign-extended RISC-V and Intel's first stage, and AMD's v2), with sizes cut at the end so that
 * none runs past it, and bits 5-6 the format's quirks (VT-d: bit 5
 * VTDSS_NEST_PARENT, bit 6 VTDSS_FORCE_COHERENCE; RISC-V: RISCV_SVPBMT
 * when both are set; x86-64: none). c2 bit 3 holds only for the models with an
 * iotlb_sync_map (NpCache, caching mode), and c3 bit 6 gives the
 * format's widest output size (52, RISC-V 56). Trees without the format
 * refuse the domain: the input is rejected, never diverges.
 */
#ifndef IOTLBFUZZ_BYTECODE_H
#define IOTLBFUZZ_BYTECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "program.h"

#define BYTECODE_MAGIC 0xb7
#define BYTECODE_MAGIC_PLACED 0xbf
#define BYTECODE_MAGIC_CACHED 0xc7
#define BYTECODE_MAGIC_GENERIC_PT 0xcf

static inline bool bytecode_is(const uint8_t *data, size_t len)
{
	return len &&
	       (data[0] == BYTECODE_MAGIC || data[0] == BYTECODE_MAGIC_PLACED ||
		data[0] == BYTECODE_MAGIC_CACHED ||
		data[0] == BYTECODE_MAGIC_GENERIC_PT);
}

/* Always succeeds for inputs that bytecode_is(). */
void program_from_bytecode(const uint8_t *data, size_t len,
			   struct program *out);

/*
 * A fuzz input in either form: the byte form, or a binary protobuf
 * (program_decode). Returns 0, or -1 with @why set.
 */
int program_from_input(const uint8_t *data, size_t len, struct program *out,
		       char *why, size_t whylen);

#endif
