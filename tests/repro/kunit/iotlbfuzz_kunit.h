/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fixture the KUnit test case bodies of `iotlbfuzz export --format
 * kunit` call (docs/reproducers.md). A kernel test suite that takes
 * iotlbfuzz reproducers includes this header and implements
 * iotlbfuzz_kunit_domain() for the driver under test: a paging domain whose
 * io-pgtable is set up as @cfg says (format, page sizes, address sizes,
 * quirks, walker coherency), attached so that iotlb_sync and
 * flush_iotlb_all reach the driver. io-pgtable may narrow the page sizes
 * and address sizes, as it does for iotlbfuzz. Programs found on a
 * generic_pt table name its format instead (@generic_pt, e.g. "amdv1",
 * drivers/iommu/generic_pt/fmt/iommu_<name>.c): the domain is then the
 * driver's pt_iommu_<name> domain, set up as the driver does, with the
 * page sizes narrowed to @pgsize_bitmap and the VA size @ias. Programs
 * found on a driver's own tables (AMD v1 before generic_pt) name their
 * hardware format in @tables. Returning NULL fails the
 * test (KUNIT_ASSERT_NOT_NULL), e.g. for a format the driver does not
 * drive. The domain is the test's: free it in the suite's exit hook.
 */
#ifndef IOTLBFUZZ_KUNIT_H
#define IOTLBFUZZ_KUNIT_H

#include <linux/io-pgtable.h>
#include <linux/iommu.h>
#include <linux/types.h>

struct kunit;

struct iotlbfuzz_kunit_config {
	enum io_pgtable_fmt fmt;
	const char *generic_pt; /* a generic_pt format's name, or NULL */
	/*
	 * Tables no io-pgtable or generic_pt format of the tree builds: the
	 * driver's own, in this hardware format ("amd-v1"), or NULL
	 */
	const char *tables;
	unsigned long pgsize_bitmap;
	unsigned int ias, oas;
	/*
	 * IO_PGTABLE_QUIRK_*; on a generic_pt format, the driver's variant
	 * (iotlbfuzz's Q_*, docs/program-format.md): BIT(32) an IOMMU with
	 * Svpbmt (PT_FEAT_RISCV_SVPBMT), BIT(33) a VT-d nesting parent
	 * (IOMMU_HWPT_ALLOC_NEST_PARENT), BIT(34) cache coherency enforced
	 * before the first map (enforce_cache_coherency)
	 */
	unsigned long quirks;
	bool coherent_walk;
	/*
	 * Unmaps are dma-iommu's deferred ones: the bodies pass a gather
	 * with queued set and complete them with iommu_flush_iotlb_all().
	 */
	bool deferred;
	const char *driver; /* the iotlbfuzz driver model it was found on */
};

struct iommu_domain *
iotlbfuzz_kunit_domain(struct kunit *test,
		       const struct iotlbfuzz_kunit_config *cfg);

#endif
