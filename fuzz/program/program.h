/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A decoded, validated program: the one in-memory form every
 * implementation is fed. Decoding is strict and total: any input either
 * becomes a program within the documented limits or is rejected with a
 * reason (docs/program-format.md lists the limits).
 */
#ifndef IOTLBFUZZ_PROGRAM_H
#define IOTLBFUZZ_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw_context.h"

#define PROG_MAX_OPS 256
#define PROG_MAX_GATHERS 4
#define PROG_MAX_CROSS 4
#define PROG_MAX_FAIL_ALLOC 4096
/* Leaf entries the maps of one program may create, at most. */
#define PROG_MAX_LEAVES (1UL << 13)
/*
 * Where the page tables may sit (config.table_base): the region the arena
 * reserves (runtime/arena.h, which the runner holds to these), placed in
 * steps of PROG_TABLE_ALIGN, all of it below PROG_TABLE_LIMIT.
 */
#define PROG_DEFAULT_TABLE_BASE 0x40000000ULL
#define PROG_TABLE_BYTES (256ULL << 20)
#define PROG_TABLE_ALIGN (2ULL << 20)
#define PROG_TABLE_LIMIT (1ULL << 52)
/* The smallest output size; where the tables sit may ask for more. */
#define PROG_MIN_OAS 16

enum op_kind {
	OP_MAP,
	OP_UNMAP,
	OP_UNMAP_FAST,
	OP_SYNC,
	OP_FLUSH_ALL,
	OP_IOVA_TO_PHYS,
	OP_ACCESS,
	OP_PREFETCH,
};

struct prog_op {
	enum op_kind kind;
	uint64_t iova;
	uint64_t paddr;
	uint64_t size;
	unsigned int prot;
	unsigned int gather;
	unsigned int access; /* HW_PERM_READ or HW_PERM_WRITE */
};

struct prog_config {
	enum pt_format fmt;
	unsigned long pgsize_bitmap;
	unsigned int ias, oas;
	unsigned long quirks;
	bool coherent_walk;
	bool deferred; /* flush-queue unmaps */
	bool walk_cache;
	bool cache_not_present;
	int iotlb_entries; /* enum iotlb_entry_policy */
	bool range_invalidation; /* the device takes level-hinted ranges */
	int driver;
	int also_run_on[PROG_MAX_CROSS]; /* the cross-driver check */
	size_t nr_also_run_on;
	unsigned int fail_alloc; /* the n-th allocation after setup fails */
	unsigned int fail_sync_map; /* the n-th iotlb_sync_map fails */
	uint64_t table_base; /* PA of the page-table memory; 0: the default */
};

struct program {
	struct prog_config cfg;
	size_t nr_ops;
	struct prog_op ops[PROG_MAX_OPS];
};

/*
 * Binary protobuf -> program. Applies the format defaults and checks
 * everything that does not depend on the page sizes io-pgtable settles on.
 * Returns 0, or -1 with @why set.
 */
int program_decode(const uint8_t *data, size_t len, struct program *out,
		   char *why, size_t whylen);

/*
 * The checks that need the domain's real page sizes (after io-pgtable), and
 * io-pgtable's own, which differ for driver models that build their pages
 * from stand-in leaves (glue_model.table_pgsizes).
 */
int program_validate_ops(const struct program *p, unsigned long pgsize_bitmap,
			 unsigned long table_bitmap, char *why, size_t whylen);

/* Program -> binary protobuf (malloc'd); for minimizers and exporters. */
uint8_t *program_encode(const struct program *p, size_t *len);

/* Where the program's page tables sit: table_base, or the default. */
uint64_t program_table_base(const struct prog_config *cfg);

const char *op_kind_name(enum op_kind kind);
/* One line, no newline: "map iova 0x1000 pa 0x2000 size 0x1000 prot rw". */
void program_format_op(const struct prog_op *op, char *buf, size_t len);
void program_format_config(const struct prog_config *cfg, char *buf,
			   size_t len);

#endif
