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

#define DIVERGENCE_CLASSES(X)                                                 \
	X(STALE_TRANSLATION, stale_translation, "stale-translation",          \
	  "the device still translates an IOVA whose unmap has completed")    \
	X(MISSING_TRANSLATION, missing_translation, "missing-translation",    \
	  "the device faults on an IOVA whose map has returned")             \
	X(WRONG_TRANSLATION, wrong_translation, "wrong-translation",          \
	  "the device translates to an address no mapping ever gave")         \
	X(PERMISSION, permission, "permission",                               \
	  "the device is granted or denied access against the mapping's prot") \
	X(UNMAP_RESULT, unmap_result, "unmap-result",                         \
	  "iommu_unmap's return value breaks the API contract")               \
	X(MAP_RESULT, map_result, "map-result",                               \
	  "iommu_map failed where it must succeed, or left a wrong state")    \
	X(IOVA_TO_PHYS, iova_to_phys, "iova-to-phys",                         \
	  "iommu_iova_to_phys disagrees with the API state")                  \
	X(PGTABLE_STATE, pgtable_state, "pgtable-state",                      \
	  "the page tables, read as the hardware would, disagree with the API state") \
	X(TABLE_USE_AFTER_FREE, table_use_after_free, "table-use-after-free", \
	  "the device walked a page table that has been freed")               \
	X(BAD_WALK, bad_walk, "bad-walk",                                     \
	  "the device walked into memory that holds no page table")           \
	X(PGTABLE_LEAK, pgtable_leak, "pgtable-leak",                         \
	  "page-table memory or kernel objects left at teardown")             \
	X(COMPLETION, completion, "completion",                               \
	  "unmap, sync or flush_all returned with invalidations not complete") \
	X(GATHER_COVERAGE, gather_coverage, "gather-coverage",                \
	  "the gather reaching iotlb_sync misses pages unmapped since the last sync") \
	X(EMPTY_GATHER_SYNC, empty_gather_sync, "empty-gather-sync",          \
	  "a driver that computes a range from the gather was synced with an empty one") \
	X(CROSS_DRIVER, cross_driver, "cross-driver",                         \
	  "two driver models leave different mappings after the same operation") \
	X(OVER_INVALIDATION, over_invalidation, "over-invalidation",          \
	  "a sync invalidated pages never unmapped, beyond the driver's granularity") \
	X(NO_PROGRESS, no_progress, "no-progress",                            \
	  "a map/unmap loop or a kernel walk that does not end (or the watchdog stopped one)") \
	X(KERNEL_BUG, kernel_bug, "kernel-bug", "a BUG() in kernel code")     \
	X(KERNEL_WARN, kernel_warn, "kernel-warn",                            \
	  "a WARN in kernel code (only with --warn-fatal)")

enum divergence_class {
	DIV_NONE,
#define DIVERGENCE_ENUM(id, fn, name, what) DIV_##id,
	DIVERGENCE_CLASSES(DIVERGENCE_ENUM)
#undef DIVERGENCE_ENUM
	DIV_NR
};

const char *divergence_name(enum divergence_class cls);
const char *divergence_description(enum divergence_class cls);
/* By name ("stale-translation"); DIV_NONE for "clean", DIV_NR if unknown. */
enum divergence_class divergence_by_name(const char *name);

/*
 * Print "ASSERTION FAILURE: <class>: <msg>" and, if @fatal, abort through
 * the class's own functions. Returns only when !@fatal.
 */
void divergence_raise(enum divergence_class cls, const char *msg, bool fatal);
/* Abort through the class's functions, printing nothing (the watchdog). */
__attribute__((noreturn)) void divergence_abort(enum divergence_class cls);

#endif
