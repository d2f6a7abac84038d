// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tree traits decided by behaviour: each trait is a small program run on
 * this tree's own iommu.c / io-pgtable code, and what the code does
 * decides it. A patch may spell a change any way it likes (a helper, the
 * guard moved into the caller, another condition); only what the code then
 * does matters to the corpus (docs/shim.md, "Tree traits").
 *
 * The probes run in a child process: the kernel code may WARN, BUG, loop
 * or crash on a tree we have never seen, and the caller may be in the
 * middle of a run whose arena and hooks must not be touched. A probe that
 * dies, hangs, or sees something in neither known form leaves its trait
 * undecided, and the probes after it run in a new child; nothing stops
 * the build or the binary.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/io-pgtable.h>
#include <linux/iommu.h>

#include "arena.h"
#include "driver_id.h"
#include "core_features.h"
#include "iotlb.h"
#include "kshim_runtime.h"
#include "kstack.h"
#include "sim_device.h"
#include "tree_traits.h"

/* CPU seconds a probe may take before its trait is left undecided. */
#define PROBE_SECONDS 5
#define PROBE_EXIT_BUG 3

struct probe_result {
	enum kstack_trait_state state;
	char behaviour[240];
};

/* What the probe domain's driver saw (child process only). */
static struct {
	unsigned int syncs;
	bool synced_empty; /* the last sync's gather held no range */
	bool unmap_finds_nothing; /* unmap_pages unmaps nothing */
} drv;

static int probe_map_pages(struct iommu_domain *domain, unsigned long iova,
			   phys_addr_t paddr, size_t pgsize, size_t pgcount,
			   int prot, gfp_t gfp, size_t *mapped)
{
	(void)domain, (void)iova, (void)paddr, (void)prot, (void)gfp;
	*mapped = pgsize * pgcount;
	return 0;
}

/* A driver that never fills the gather, as arm-smmu and half the others. */
static size_t probe_unmap_pages(struct iommu_domain *domain,
				unsigned long iova, size_t pgsize,
				size_t pgcount,
				struct iommu_iotlb_gather *gather)
{
	(void)domain, (void)iova, (void)gather;
	return drv.unmap_finds_nothing ? 0 : pgsize * pgcount;
}

static phys_addr_t probe_iova_to_phys(struct iommu_domain *domain,
				      dma_addr_t iova)
{
	(void)domain, (void)iova;
	return 0;
}

static void probe_iotlb_sync(struct iommu_domain *domain,
			     struct iommu_iotlb_gather *gather)
{
	(void)domain;
	drv.syncs++;
	drv.synced_empty = gather->start >= gather->end;
}

static const struct iommu_domain_ops probe_domain_ops = {
	.map_pages = probe_map_pages,
	.unmap_pages = probe_unmap_pages,
	.iova_to_phys = probe_iova_to_phys,
	.iotlb_sync = probe_iotlb_sync,
};

static struct iommu_domain probe_domain(void)
{
	struct iommu_domain d;

	memset(&d, 0, sizeof(d));
	d.type = IOMMU_DOMAIN_UNMANAGED;
	d.ops = &probe_domain_ops;
	d.pgsize_bitmap = SZ_4K;
	d.geometry.aperture_end = (1UL << 32) - 1;
	d.geometry.force_aperture = true;
	return d;
}

/* Did one iommu_iotlb_sync() of @g reach the driver? */
static bool direct_sync_reaches(struct iommu_domain *d,
				struct iommu_iotlb_gather *g)
{
	unsigned int before = drv.syncs;

	iommu_iotlb_sync(d, g);
	return drv.syncs != before;
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

/*
 * sync-skips-empty-gather: an unmap that leaves its gather empty (it
 * unmapped nothing) does not reach the driver's iotlb_sync. Observed on
 * iommu_unmap() itself, so a guard in the caller counts as one in
 * iommu_iotlb_sync(); the direct sync of an empty gather decides only
 * where the unmap path hands the driver a gather that is not empty.
 * Control: a gather holding a range, filled either way the helpers fill
 * one, must reach the driver; else the guard is in neither known form.
 */
static void probe_sync_skips_empty_gather(struct probe_result *r)
{
	struct iommu_domain d = probe_domain();
	struct iommu_iotlb_gather g;
	bool empty, range, page, unmap;
	size_t ret;

	iommu_iotlb_gather_init(&g);
	empty = direct_sync_reaches(&d, &g);
	iommu_iotlb_gather_init(&g);
	iommu_iotlb_gather_add_range(&g, 0, SZ_4K);
	range = direct_sync_reaches(&d, &g);
	iommu_iotlb_gather_init(&g);
	iommu_iotlb_gather_add_page(&d, &g, 0, SZ_4K);
	page = direct_sync_reaches(&d, &g);

	unsigned int before = drv.syncs;

	drv.unmap_finds_nothing = true;
	ret = iommu_unmap(&d, 0, SZ_4K);
	drv.unmap_finds_nothing = false;
	unmap = drv.syncs != before;

	snprintf(r->behaviour, sizeof(r->behaviour),
		 "iommu_unmap() of nothing synced: %s%s; direct sync of an empty gather: %s; of an add_range gather: %s; of an add_page gather: %s",
		 yes_no(unmap), unmap && !drv.synced_empty ? " (gather not empty)" : "",
		 yes_no(empty), yes_no(range), yes_no(page));
	if (!range || !page || ret) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		return;
	}
	if (unmap && !drv.synced_empty)
		r->state = empty ? KSTACK_TRAIT_ABSENT : KSTACK_TRAIT_PRESENT;
	else
		r->state = unmap ? KSTACK_TRAIT_ABSENT : KSTACK_TRAIT_PRESENT;
}

/*
 * core-fills-empty-gather: iommu_unmap_fast() with a driver that unmaps
 * but never fills the gather hands the gather back holding a range.
 */
static void probe_core_fills_empty_gather(struct probe_result *r)
{
	struct iommu_domain d = probe_domain();
	struct iommu_iotlb_gather g;
	size_t ret;

	iommu_iotlb_gather_init(&g);
	ret = iommu_unmap_fast(&d, 0x10000, 2 * SZ_4K, &g);
	if (ret != 2 * SZ_4K) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "iommu_unmap_fast() of 8K the driver unmapped returned 0x%zx",
			 ret);
		return;
	}
	if (g.start < g.end) {
		r->state = KSTACK_TRAIT_PRESENT;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "iommu_unmap_fast() of [0x10000, 0x12000) left the driver's empty gather holding [0x%lx, 0x%lx]",
			 g.start, g.end);
	} else {
		r->state = KSTACK_TRAIT_ABSENT;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "iommu_unmap_fast() of 8K left the driver's empty gather empty");
	}
}

static void noop_flush_all(void *cookie)
{
	(void)cookie;
}

static void noop_flush_walk(unsigned long iova, size_t size, size_t granule,
			    void *cookie)
{
	(void)iova, (void)size, (void)granule, (void)cookie;
}

static void noop_add_page(struct iommu_iotlb_gather *gather,
			  unsigned long iova, size_t granule, void *cookie)
{
	(void)gather, (void)iova, (void)granule, (void)cookie;
}

static const struct iommu_flush_ops noop_flush_ops = {
	.tlb_flush_all = noop_flush_all,
	.tlb_flush_walk = noop_flush_walk,
	.tlb_add_page = noop_add_page,
};

static int probe_cookie;

static struct io_pgtable_ops *probe_pgtable(enum io_pgtable_fmt fmt,
					    unsigned long pgsizes,
					    unsigned int ias, unsigned int oas,
					    struct io_pgtable_cfg *cfg)
{
	*cfg = (struct io_pgtable_cfg){
		.pgsize_bitmap = pgsizes,
		.ias = ias,
		.oas = oas,
		.coherent_walk = true,
		.tlb = &noop_flush_ops,
	};
	return alloc_io_pgtable_ops(fmt, cfg, &probe_cookie);
}

/*
 * Unmapping the first 4K of a @block either splits it (4K unmapped, the
 * rest still maps) or is refused (nothing unmapped, the block whole).
 */
static void probe_splits_partial_unmap(struct probe_result *r,
				       enum io_pgtable_fmt fmt,
				       const char *what, unsigned long pgsizes,
				       unsigned long block)
{
	const unsigned long base = block;
	struct io_pgtable_cfg cfg;
	struct io_pgtable_ops *ops = probe_pgtable(fmt, pgsizes, 32, 32, &cfg);
	struct iommu_iotlb_gather g;
	size_t mapped = 0, ret;
	phys_addr_t first, rest;

	if (!ops) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "io-pgtable refused a %s table (pgsizes 0x%lx, 32 bits)",
			 what, pgsizes);
		return;
	}
	if (ops->map_pages(ops, base, base, block, 1, IOMMU_READ | IOMMU_WRITE,
			   GFP_KERNEL, &mapped) ||
	    mapped != block) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "mapping a %s block of 0x%lx failed (mapped 0x%zx)",
			 what, block, mapped);
		return;
	}
	iommu_iotlb_gather_init(&g);
	ret = ops->unmap_pages(ops, base, SZ_4K, 1, &g);
	first = ops->iova_to_phys(ops, base);
	rest = ops->iova_to_phys(ops, base + SZ_4K);
	snprintf(r->behaviour, sizeof(r->behaviour),
		 "unmap of 4K of a %s block of 0x%lx returned 0x%zx; then IOVA 0x%lx -> 0x%llx, 0x%lx -> 0x%llx",
		 what, block, ret, base, (unsigned long long)first,
		 base + SZ_4K, (unsigned long long)rest);
	if (ret == SZ_4K && !first && rest)
		r->state = KSTACK_TRAIT_PRESENT;
	else if (!ret && first == base && rest == base + SZ_4K)
		r->state = KSTACK_TRAIT_ABSENT;
	else
		r->state = KSTACK_TRAIT_UNKNOWN;
	free_io_pgtable_ops(ops);
}

/* v7s-splits-partial-unmap: the case above for a 1M section. */
static void probe_v7s_splits_partial_unmap(struct probe_result *r)
{
	probe_splits_partial_unmap(r, ARM_V7S, "v7s",
				   SZ_4K | SZ_64K | SZ_1M | SZ_16M, SZ_1M);
}

/*
 * lpae-splits-partial-unmap: the case above for a 2M LPAE block (split
 * before 6.13, refused since).
 */
static void probe_lpae_splits_partial_unmap(struct probe_result *r)
{
	probe_splits_partial_unmap(r, ARM_64_LPAE_S1, "LPAE",
				   SZ_4K | SZ_2M | SZ_1G, SZ_2M);
}

/*
 * dart-3-levels: a 4K-granule DART with a 36-bit IOVA space, which two
 * table levels under four TTBRs cannot cover, is accepted (with a third
 * level) or refused. Control: a 32-bit space, which two levels cover, is
 * accepted.
 */
static void probe_dart_3_levels(struct probe_result *r)
{
	struct io_pgtable_cfg cfg;
	struct io_pgtable_ops *small, *wide;
	int levels = -1;

	small = probe_pgtable(APPLE_DART, SZ_4K, 32, 36, &cfg);
	if (small)
		free_io_pgtable_ops(small);
	wide = probe_pgtable(APPLE_DART, SZ_4K, 36, 36, &cfg);
#ifdef IOTLBFUZZ_PGTABLE_DART_HAS_N_LEVELS
	if (wide)
		levels = cfg.apple_dart_cfg.n_levels - 1; /* less the TTBRs */
#endif
	if (wide)
		free_io_pgtable_ops(wide);
	snprintf(r->behaviour, sizeof(r->behaviour),
		 "4K-granule DART, 32-bit IOVA space: %s; 36-bit: %s",
		 small ? "accepted" : "refused",
		 wide ? "accepted" : "refused");
	if (wide && levels > 0) {
		size_t n = strlen(r->behaviour);

		snprintf(r->behaviour + n, sizeof(r->behaviour) - n,
			 " with %d table levels", levels);
	}
	if (!small)
		r->state = KSTACK_TRAIT_UNKNOWN;
	else
		r->state = wide ? KSTACK_TRAIT_PRESENT : KSTACK_TRAIT_ABSENT;
}

/* The posted invalidations of the probes' simulated devices, one at a time. */
static struct sim_posted posted[SIM_MAX_POSTED];

/*
 * amd-v1-unmap-reaches-driver: on the AMD v1 domain this build makes of
 * the tree, does iommu_unmap() reach the driver's unmap_pages (6.x: the
 * driver's own table code, where findings F9 and F19's flush-queue form
 * live), or does the core hand it to a generic_pt engine instead (7.x)?
 * Control: the unmap must take the page away either way.
 */
static void probe_amd_v1_unmap_reaches_driver(struct probe_result *r)
{
	static struct event_log log;
	struct sim_device dev = { .log = &log, .posted = posted };
	const struct kstack_params params = {
		.fmt = PT_AMD_V1,
		.pgsize_bitmap = SZ_4K | SZ_2M,
		.ias = 48,
		.oas = 48,
		.coherent_walk = true,
		.driver = DRIVER_ID(DRV_AMD_V1_64),
	};
	const uint64_t base = SZ_1M;
	char err[160];
	struct kstack *ks = kstack_create(&params, &dev, err, sizeof(err));
	uint64_t ret, calls;

	if (!ks) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "no AMD v1 domain: %s", err);
		return;
	}
	if (kstack_map(ks, base, base, SZ_4K, IOMMU_READ | IOMMU_WRITE)) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "mapping a 4K page failed");
		kstack_destroy(ks);
		return;
	}
	ret = kstack_unmap(ks, base, SZ_4K);
	calls = kstack_driver_unmap_calls(ks);
	snprintf(r->behaviour, sizeof(r->behaviour),
		 "unmap of a 4K AMD v1 page returned 0x%llx after %llu calls of the driver's unmap_pages",
		 (unsigned long long)ret, (unsigned long long)calls);
	if (ret != SZ_4K || kstack_iova_to_phys(ks, base))
		r->state = KSTACK_TRAIT_UNKNOWN;
	else
		r->state = calls ? KSTACK_TRAIT_PRESENT : KSTACK_TRAIT_ABSENT;
	kstack_destroy(ks);
}

static void probe_generic_pt_quirks(struct probe_result *r,
				    enum pt_format fmt, int driver,
				    unsigned long quirks);

/* generic-pt-<fmt>: the format as its driver sets it up by default */
static void probe_generic_pt(struct probe_result *r, enum pt_format fmt,
			     int driver)
{
	probe_generic_pt_quirks(r, fmt, driver, 0);
}

/*
 * generic-pt-<fmt>: does a domain of @driver for programs of @fmt (with
 * the program quirks @quirks) stand on the tree's generic_pt tables (and
 * map and unmap a 4K page there)? Absent: the domain is refused, as on
 * trees without the format.
 */
static void probe_generic_pt_quirks(struct probe_result *r,
				    enum pt_format fmt, int driver,
				    unsigned long quirks)
{
	static struct event_log log;
	struct sim_device dev = { .log = &log, .posted = posted };
	const struct kstack_params params = {
		.fmt = fmt,
		.pgsize_bitmap = SZ_4K | SZ_2M,
		.ias = 48,
		.oas = 48,
		.quirks = quirks,
		.coherent_walk = true,
		.driver = driver,
	};
	const uint64_t base = SZ_1M;
	char err[160];
	struct kstack *ks = kstack_create(&params, &dev, err, sizeof(err));
	const char *name;
	uint64_t ret;

	if (!ks) {
		r->state = KSTACK_TRAIT_ABSENT;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "%s domain refused: %s", pt_format_name(fmt), err);
		return;
	}
	name = kstack_generic_pt_format(ks);
	if (!name) {
		r->state = KSTACK_TRAIT_ABSENT;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "the %s domain is not on generic_pt tables",
			 pt_format_name(fmt));
		kstack_destroy(ks);
		return;
	}
	if (kstack_map(ks, base, base, SZ_4K, IOMMU_READ | IOMMU_WRITE) ||
	    kstack_iova_to_phys(ks, base) != base) {
		r->state = KSTACK_TRAIT_UNKNOWN;
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "generic_pt %s did not map a 4K page", name);
		kstack_destroy(ks);
		return;
	}
	ret = kstack_unmap(ks, base, SZ_4K);
	snprintf(r->behaviour, sizeof(r->behaviour),
		 "the %s domain is generic_pt %s: 4K mapped, unmap returned 0x%llx",
		 pt_format_name(fmt), name, (unsigned long long)ret);
	r->state = ret == SZ_4K && !kstack_iova_to_phys(ks, base) ?
			   KSTACK_TRAIT_PRESENT :
			   KSTACK_TRAIT_UNKNOWN;
	kstack_destroy(ks);
}

static void probe_generic_pt_amdv1(struct probe_result *r)
{
	probe_generic_pt(r, PT_AMD_V1, DRIVER_ID(DRV_AMD_V1_64));
}

static void probe_generic_pt_vtdss(struct probe_result *r)
{
	probe_generic_pt(r, PT_VTD_SS, DRIVER_ID(DRV_INTEL));
}

static void probe_generic_pt_x86_64(struct probe_result *r)
{
	probe_generic_pt(r, PT_X86_64, DRIVER_ID(DRV_AMD_V2));
}

static void probe_generic_pt_riscv64(struct probe_result *r)
{
	probe_generic_pt(r, PT_RISCV, DRIVER_ID(DRV_RISCV));
}

/*
 * generic-pt-riscv64-svpbmt: the same for an IOMMU with Svpbmt, whose
 * domains 7.3.4 refuses (its format is built without the feature the
 * driver asks for).
 */
static void probe_generic_pt_riscv64_svpbmt(struct probe_result *r)
{
	probe_generic_pt_quirks(r, PT_RISCV, DRIVER_ID(DRV_RISCV),
				Q_RISCV_SVPBMT);
}

static void probe_warn(void *arg, const char *file, int line, const char *what)
{
	/* a WARN is how some trees refuse: the probe judges the result */
	(void)arg, (void)file, (void)line, (void)what;
}

static void probe_bug(void *arg, const char *file, int line, const char *what)
{
	(void)arg, (void)file, (void)line, (void)what;
	_exit(PROBE_EXIT_BUG);
}

static const struct {
	const char *name;
	void (*run)(struct probe_result *r);
} probes[] = {
	{ "sync-skips-empty-gather", probe_sync_skips_empty_gather },
	{ "core-fills-empty-gather", probe_core_fills_empty_gather },
	{ "v7s-splits-partial-unmap", probe_v7s_splits_partial_unmap },
	{ "dart-3-levels", probe_dart_3_levels },
	{ "lpae-splits-partial-unmap", probe_lpae_splits_partial_unmap },
	{ "amd-v1-unmap-reaches-driver", probe_amd_v1_unmap_reaches_driver },
	{ "generic-pt-amdv1", probe_generic_pt_amdv1 },
	{ "generic-pt-vtdss", probe_generic_pt_vtdss },
	{ "generic-pt-x86-64", probe_generic_pt_x86_64 },
	{ "generic-pt-riscv64", probe_generic_pt_riscv64 },
	{ "generic-pt-riscv64-svpbmt", probe_generic_pt_riscv64_svpbmt },
};

#define NR_PROBES (sizeof(probes) / sizeof(probes[0]))

/* One probe's verdict as the child sends it up the pipe. */
struct probe_record {
	unsigned int index;
	struct probe_result result;
};

/*
 * Give the next probe its own limits: a CPU-time limit, so a kernel loop
 * that never ends is a verdict, and a wall-clock one for a probe that
 * blocks. RLIMIT_CPU counts the whole process, so the limit is what the
 * child has used so far plus the probe's share.
 */
static void limit_probe(void)
{
	struct rusage used;
	struct rlimit cpu;
	rlim_t soft;

	getrusage(RUSAGE_SELF, &used);
	soft = (rlim_t)(used.ru_utime.tv_sec + used.ru_stime.tv_sec) + 1 +
	       PROBE_SECONDS;
	if (getrlimit(RLIMIT_CPU, &cpu) ||
	    (cpu.rlim_max != RLIM_INFINITY && cpu.rlim_max < soft))
		return;
	cpu.rlim_cur = soft;
	setrlimit(RLIMIT_CPU, &cpu);
	alarm(6 * PROBE_SECONDS);
}

/*
 * IOTLBFUZZ_PROBE_FAULT=<trait>:<segv|bug|loop> makes that trait's probe
 * die the way a broken tree's code would, so that tests can show the
 * other probes still decide (tests/traits/probe-fault.sh).
 */
static void inject_probe_fault(const char *name)
{
	const char *want = getenv("IOTLBFUZZ_PROBE_FAULT");
	size_t n = strlen(name);

	if (!want || strncmp(want, name, n) || want[n] != ':')
		return;
	want += n + 1;
	if (!strcmp(want, "segv"))
		raise(SIGSEGV);
	else if (!strcmp(want, "bug"))
		_exit(PROBE_EXIT_BUG);
	else if (!strcmp(want, "loop"))
		for (volatile unsigned long spin = 0;; spin++)
			;
}

/*
 * The probes from @first on, one after another in this child. Each starts
 * from a reset arena and shim, as every fuzzing input does; one child for
 * all of them rather than one each, because a fork is most of a process's
 * start-up under MSan (its depots are locked and copied).
 */
static void run_in_child(unsigned int first, int fd)
{
	static const struct kshim_hooks hooks = {
		.warn = probe_warn,
		.bug = probe_bug,
	};

	signal(SIGXCPU, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	for (unsigned int i = first; i < NR_PROBES; i++) {
		struct probe_record rec = {
			.index = i,
			.result.state = KSTACK_TRAIT_UNKNOWN,
		};

		limit_probe();
		arena_reset();
		kshim_reset();
		kshim_set_hooks(&hooks);
		kshim_set_verbose(false);
		hw_work_set_limit(0);
		memset(&drv, 0, sizeof(drv));
		inject_probe_fault(probes[i].name);
		probes[i].run(&rec.result);
		if (write(fd, &rec, sizeof(rec)) != (ssize_t)sizeof(rec))
			_exit(2);
	}
	_exit(0);
}

/* Read one whole record, or say there is none (the child is gone). */
static bool read_record(int fd, struct probe_record *rec)
{
	ssize_t n = 0, got;

	while (n < (ssize_t)sizeof(*rec)) {
		got = read(fd, (char *)rec + n, sizeof(*rec) - (size_t)n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		n += got;
	}
	return true;
}

/* Why the child stopped before it sent probe @r's verdict. */
static void explain_lost_probe(struct probe_result *r, pid_t waited, int status)
{
	r->state = KSTACK_TRAIT_UNKNOWN;
	if (waited < 0)
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "the probe's process ended with no verdict");
	else if (WIFSIGNALED(status) &&
		 (WTERMSIG(status) == SIGXCPU || WTERMSIG(status) == SIGALRM))
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "the probe did not finish in %d s: the kernel code loops",
			 PROBE_SECONDS);
	else if (WIFSIGNALED(status))
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "the probe died of signal %d", WTERMSIG(status));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == PROBE_EXIT_BUG)
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "the kernel code hit a BUG");
	else
		snprintf(r->behaviour, sizeof(r->behaviour),
			 "the probe exited with %d",
			 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/*
 * Run the probes from @first on in one child, filling @results; return
 * the index of the first probe without a verdict (NR_PROBES when every
 * one has one). A probe that kills its child is explained and skipped,
 * and the caller starts a new child after it.
 */
static unsigned int run_probes_from(unsigned int first,
				    struct probe_result *results)
{
	struct probe_record rec;
	unsigned int next = first;
	int fds[2], status = 0;
	pid_t pid, waited;

	if (pipe(fds)) {
		snprintf(results[first].behaviour, sizeof(results[0].behaviour),
			 "not probed: pipe: %s", strerror(errno));
		return first + 1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(results[first].behaviour, sizeof(results[0].behaviour),
			 "not probed: fork: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return first + 1;
	}
	if (!pid) {
		close(fds[0]);
		run_in_child(first, fds[1]);
	}
	close(fds[1]);
	while (next < NR_PROBES && read_record(fds[0], &rec) &&
	       rec.index == next) {
		rec.result.behaviour[sizeof(rec.result.behaviour) - 1] = 0;
		if (rec.result.state > KSTACK_TRAIT_UNKNOWN)
			rec.result.state = KSTACK_TRAIT_UNKNOWN;
		results[next++] = rec.result;
	}
	close(fds[0]);
	while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	if (next == NR_PROBES)
		return next;
	/* with SIGCHLD ignored there is no status: the verdicts say it all */
	explain_lost_probe(&results[next], waited, status);
	return next + 1;
}

static struct {
	bool done;
	struct kstack_trait traits[NR_PROBES];
	struct probe_result results[NR_PROBES];
	char lists[3][512]; /* by enum kstack_trait_state */
} decided;

/* "name=reading ..." from detect-traits.sh */
static const char *source_reading(const char *name, char *buf, size_t len)
{
	const char *all = IOTLBFUZZ_SOURCE_TRAIT_READINGS;
	size_t n = strlen(name);

	for (const char *p = all; *p;) {
		size_t w = strcspn(p, " ");

		if (w > n && p[n] == '=' && !strncmp(p, name, n)) {
			snprintf(buf, len, "%.*s", (int)(w - n - 1), p + n + 1);
			return buf;
		}
		p += w;
		p += strspn(p, " ");
	}
	snprintf(buf, len, "unrecognised");
	return buf;
}

static void decide(void)
{
	static char sources[NR_PROBES][16];

	if (decided.done)
		return;
	decided.done = true;
	/*
	 * Map and poison the table memory here, once: a child that does it
	 * itself writes all 32 MB of its ASan shadow again (fresh pages),
	 * which made the probes a twentieth of a 20,000-run campaign. Not
	 * a reset: the CLI first asks for the traits in the middle of a run
	 * (a divergence to explain), whose tables must stay.
	 */
	arena_init();
	for (unsigned int i = 0; i < NR_PROBES; i++)
		decided.results[i] = (struct probe_result){
			.state = KSTACK_TRAIT_UNKNOWN,
		};
	for (unsigned int next = 0; next < NR_PROBES;)
		next = run_probes_from(next, decided.results);
	for (unsigned int i = 0; i < NR_PROBES; i++) {
		struct probe_result *r = &decided.results[i];
		char *list;
		size_t used;

		decided.traits[i] = (struct kstack_trait){
			.name = probes[i].name,
			.state = r->state,
			.behaviour = r->behaviour,
			.source = source_reading(probes[i].name, sources[i],
						 sizeof(sources[i])),
		};
		list = decided.lists[r->state];
		used = strlen(list);
		snprintf(list + used, sizeof(decided.lists[0]) - used, "%s%s",
			 used ? " " : "", probes[i].name);
	}
}

unsigned int kstack_nr_tree_traits(void)
{
	return NR_PROBES;
}

const struct kstack_trait *kstack_tree_trait(unsigned int i)
{
	decide();
	return i < NR_PROBES ? &decided.traits[i] : NULL;
}

const char *kstack_tree_traits(void)
{
	decide();
	return decided.lists[KSTACK_TRAIT_PRESENT];
}

const char *kstack_absent_tree_traits(void)
{
	decide();
	return decided.lists[KSTACK_TRAIT_ABSENT];
}

const char *kstack_unknown_tree_traits(void)
{
	decide();
	return decided.lists[KSTACK_TRAIT_UNKNOWN];
}
