/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the oracle's unit tests: building oracles, calling the
 * checks with a `why` buffer the test can inspect, and collecting what
 * oracle_for_each_extent reports. Include after check.h.
 */
#ifndef IOTLBFUZZ_TEST_ORACLE_UTIL_H
#define IOTLBFUZZ_TEST_ORACLE_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "oracle.h"

#define SZ_4K 0x1000ull
#define SZ_8K 0x2000ull
#define SZ_16K 0x4000ull
#define SZ_1M 0x100000ull
#define SZ_2M 0x200000ull
#define SZ_4M 0x400000ull
#define SZ_1G 0x40000000ull

#define RW (ORACLE_PROT_READ | ORACLE_PROT_WRITE)
#define RO ORACLE_PROT_READ
#define WO ORACLE_PROT_WRITE

#define P_R ORACLE_PERM_READ
#define P_W ORACLE_PERM_WRITE
#define P_RW (ORACLE_PERM_READ | ORACLE_PERM_WRITE)

/* The last `why` a helper got back, for tests that check the wording. */
static char last_why[512];

static inline struct oracle *oracle_new_full(uint64_t min_page,
					     uint64_t iova_limit,
					     bool can_deny_write,
					     bool can_deny_read)
{
	struct oracle_config cfg = {
		.min_page = min_page,
		.iova_limit = iova_limit,
		.can_deny_write = can_deny_write,
		.can_deny_read = can_deny_read,
	};

	return oracle_create(&cfg);
}

/* A 4K-page, 48-bit domain that can express every permission. */
static inline struct oracle *oracle_new(void)
{
	return oracle_new_full(SZ_4K, 1ull << 48, true, true);
}

static inline enum oracle_verdict do_unmap(struct oracle *o, uint64_t iova,
					   uint64_t size, uint64_t unmapped,
					   int tag)
{
	last_why[0] = '\0';
	return oracle_unmap(o, iova, size, unmapped, tag, last_why,
			    sizeof(last_why));
}

static inline struct oracle_observation obs_ok(uint64_t pa, unsigned int perm)
{
	struct oracle_observation obs = { .ok = true, .pa = pa, .perm = perm };

	return obs;
}

static inline struct oracle_observation obs_fault(void)
{
	struct oracle_observation obs = { .ok = false };

	return obs;
}

static inline struct oracle_observation obs_perm_fault(void)
{
	struct oracle_observation obs = { .ok = false, .perm_fault = true };

	return obs;
}

static inline enum oracle_verdict do_access(const struct oracle *o,
					    uint64_t iova, unsigned int access,
					    struct oracle_observation obs)
{
	last_why[0] = '\0';
	return oracle_check_access(o, iova, access, &obs, last_why,
				   sizeof(last_why));
}

static inline enum oracle_verdict do_entry(const struct oracle *o,
					   uint64_t iova, uint64_t size,
					   uint64_t pa, unsigned int perm,
					   bool negative)
{
	last_why[0] = '\0';
	return oracle_check_entry(o, iova, size, pa, perm, negative, last_why,
				  sizeof(last_why));
}

static inline enum oracle_verdict do_state(const struct oracle *o,
					   uint64_t iova, bool mapped,
					   uint64_t pa)
{
	last_why[0] = '\0';
	return oracle_check_state(o, iova, mapped, pa, last_why,
				  sizeof(last_why));
}

static inline bool why_has(const char *needle)
{
	return strstr(last_why, needle) != NULL;
}

static inline bool why_one_line(void)
{
	return last_why[0] && !strchr(last_why, '\n');
}

struct extent_rec {
	uint64_t iova, size, pa;
	unsigned int prot;
};

struct extent_log {
	struct extent_rec v[16];
	size_t n, overflow;
};

static inline void extent_log_add(void *arg, uint64_t iova, uint64_t size,
				  uint64_t pa, unsigned int prot)
{
	struct extent_log *log = arg;

	if (log->n == sizeof(log->v) / sizeof(log->v[0])) {
		log->overflow++;
		return;
	}
	log->v[log->n].iova = iova;
	log->v[log->n].size = size;
	log->v[log->n].pa = pa;
	log->v[log->n].prot = prot;
	log->n++;
}

static inline struct extent_log collect_extents(const struct oracle *o)
{
	struct extent_log log;

	memset(&log, 0, sizeof(log));
	oracle_for_each_extent(o, extent_log_add, &log);
	return log;
}

#endif
