/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Divergence classes. Each aborts through its own pair of functions, with a
 * line "ASSERTION FAILURE: <class>: ..." first, so that ClusterFuzz files one
 * bug per class and libFuzzer's -minimize_crash (which compares stack-based
 * dedup tokens) cannot drift from one class into another.
 */
#ifndef IOTLBFUZZ_DIVERGENCE_H
#define IOTLBFUZZ_DIVERGENCE_H

#include <stdbool.h>
#include <stdio.h>

#include "crash_class.h"

/* X(enumerator, abort frame, "name", "what"): crash_class.h */
#define DIVERGENCE_CLASSES(X)                                                  \
	X(DIV_STALE_TRANSLATION, stale_translation_divergence,                 \
	  "stale-translation",                                                 \
	  "the device still translates an IOVA whose unmap has completed")     \
	X(DIV_MISSING_TRANSLATION, missing_translation_divergence,             \
	  "missing-translation",                                               \
	  "the device faults on an IOVA whose map has returned")               \
	X(DIV_WRONG_TRANSLATION, wrong_translation_divergence,                 \
	  "wrong-translation",                                                 \
	  "the device translates to an address no mapping ever gave")          \
	X(DIV_PERMISSION, permission_divergence, "permission",                 \
	  "the device is granted or denied access against the mapping's prot") \
	X(DIV_UNMAP_RESULT, unmap_result_divergence, "unmap-result",           \
	  "iommu_unmap's return value breaks the API contract")                \
	X(DIV_MAP_RESULT, map_result_divergence, "map-result",                 \
	  "iommu_map failed where it must succeed, or left a wrong state")     \
	X(DIV_IOVA_TO_PHYS, iova_to_phys_divergence, "iova-to-phys",           \
	  "iommu_iova_to_phys disagrees with the API state")                   \
	X(DIV_PGTABLE_STATE, pgtable_state_divergence, "pgtable-state",        \
	  "the page tables, read as the hardware would, disagree with the "    \
	  "API state")                                                         \
	X(DIV_TABLE_USE_AFTER_FREE, table_use_after_free_divergence,           \
	  "table-use-after-free",                                              \
	  "the device walked a page table that has been freed")                \
	X(DIV_BAD_WALK, bad_walk_divergence, "bad-walk",                       \
	  "the device walked into memory that holds no page table")            \
	X(DIV_PGTABLE_LEAK, pgtable_leak_divergence, "pgtable-leak",           \
	  "page-table memory or kernel objects left at teardown")              \
	X(DIV_COMPLETION, completion_divergence, "completion",                 \
	  "unmap, sync or flush_all returned with invalidations not complete") \
	X(DIV_GATHER_COVERAGE, gather_coverage_divergence, "gather-coverage",  \
	  "the gather reaching iotlb_sync misses pages unmapped since the "    \
	  "last sync")                                                         \
	X(DIV_GATHER_PGSIZE, gather_pgsize_divergence, "gather-pgsize",        \
	  "a driver that invalidates by the gather's page size was synced "    \
	  "with pages of another size in it")                                  \
	X(DIV_EMPTY_GATHER_SYNC, empty_gather_sync_divergence,                 \
	  "empty-gather-sync",                                                 \
	  "a driver that computes a range from the gather was synced with an " \
	  "empty one")                                                         \
	X(DIV_CROSS_DRIVER, cross_driver_divergence, "cross-driver",           \
	  "two driver models leave different mappings after the same "         \
	  "operation")                                                         \
	X(DIV_OVER_INVALIDATION, over_invalidation_divergence,                 \
	  "over-invalidation",                                                 \
	  "a sync invalidated pages never unmapped, beyond the driver's "      \
	  "granularity")                                                       \
	X(DIV_EXCESS_SYNC, excess_sync_divergence, "excess-sync",              \
	  "an operation made more iotlb_sync calls than the gather rules "     \
	  "need")                                                              \
	X(DIV_QUEUED_INVALIDATION, queued_invalidation_divergence,             \
	  "queued-invalidation",                                               \
	  "a flush-queue unmap synced or invalidated pages itself, which "     \
	  "the queue's flush does")                                            \
	X(DIV_NO_PROGRESS, no_progress_divergence, "no-progress",              \
	  "a map/unmap loop or a kernel walk that does not end (or the "       \
	  "watchdog stopped one)")                                             \
	X(DIV_KERNEL_BUG, kernel_bug_divergence, "kernel-bug",                 \
	  "a BUG() in kernel code")                                            \
	X(DIV_KERNEL_WARN, kernel_warn_divergence, "kernel-warn",              \
	  "a WARN in kernel code (only with --warn-fatal)")

/*
 * enum divergence_class { DIV_NONE, DIV_STALE_TRANSLATION, ..., DIV_NR };
 * divergence_name(), divergence_description(), divergence_by_name()
 * ("stale-translation"; "clean" gives DIV_NONE) and divergence_abort()
 * (through the class's functions, printing nothing: the watchdog).
 */
CRASH_CLASS_DECLARE(divergence_class, DIVERGENCE_CLASSES, DIV_NONE, DIV_NR,
		    divergence_name, divergence_description, divergence_by_name,
		    divergence_abort)

/* "ASSERTION FAILURE: <class>: <msg>" on @f */
void divergence_print(FILE *f, enum divergence_class cls, const char *msg);
/*
 * Print "ASSERTION FAILURE: <class>: <msg>" on stderr and, if @fatal,
 * abort through the class's own functions. Returns only when !@fatal.
 */
void divergence_raise(enum divergence_class cls, const char *msg, bool fatal);

#endif
