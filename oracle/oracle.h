/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simplified oracle: the IOMMU API contract as a flat model.
 *
 * It holds an interval map of what is mapped (IOVA -> PA, prot) and, for
 * every IOVA, the set of translations a device may legally see:
 *  - after map() returns: the new translation (plus any still-pending old
 *    translation of an earlier unsynced unmap of the same IOVA);
 *  - after a strict unmap() returns: none;
 *  - between unmap_fast(g) and sync(g), or a deferred (flush queue) unmap
 *    and the next flush_all: the old translation or none.
 *
 * It checks consistency, not one kernel's choices: where kernels
 * legitimately differ (a partial unmap of a block is split in 6.12 and
 * refused from 6.13, holes stop an unmap) each documented behaviour is
 * accepted, and the state must then match what the return value claims.
 *
 * Plain C, no kernel headers. Addresses are 64-bit; sizes are multiples of
 * the domain's smallest page.
 */
#ifndef IOTLBFUZZ_ORACLE_H
#define IOTLBFUZZ_ORACLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The IOMMU_* prot bits, same values as include/linux/iommu.h. */
#define ORACLE_PROT_READ 0x01u
#define ORACLE_PROT_WRITE 0x02u
#define ORACLE_PROT_CACHE 0x04u
#define ORACLE_PROT_NOEXEC 0x08u
#define ORACLE_PROT_MMIO 0x10u
#define ORACLE_PROT_PRIV 0x20u

/* Device-visible permissions (same values as HW_PERM_*). */
#define ORACLE_PERM_READ 0x1u
#define ORACLE_PERM_WRITE 0x2u

/* Who owns a pending (not yet completed) unmap. */
#define ORACLE_TAG_FQ (-1) /* deferred unmap, completed by flush_all */
/* tags 0..ORACLE_MAX_GATHERS-1 are caller-held gathers */
#define ORACLE_MAX_GATHERS 8

struct oracle_config {
	uint64_t min_page; /* smallest page size of the domain */
	uint64_t iova_limit; /* IOVAs are below this (1 << ias); 0: 2^64 */
	/*
	 * What the format can express. A format that cannot express
	 * "read-only" grants write to read-only mappings; one that cannot
	 * express "no read" grants read to write-only ones. Granting more
	 * than requested is accepted only where the format cannot say less.
	 */
	bool can_deny_write;
	bool can_deny_read;
};

/* One translation a device may see for a page. */
struct oracle_xlate {
	uint64_t pa; /* output address of the page start */
	unsigned int prot; /* ORACLE_PROT_* as mapped */
};

/* The legal view of one page. */
#define ORACLE_MAX_ALLOWED 8
struct oracle_view {
	bool mapped; /* the API state: mapped now */
	struct oracle_xlate current; /* valid if mapped */
	bool none_allowed; /* a fault is legal */
	/*
	 * Pending old translations still legal, newest first, each listed
	 * once. If more overlap the page, the newest ORACLE_MAX_ALLOWED are
	 * kept; the oracle's own checks never use this capped list.
	 */
	unsigned int nr_stale;
	struct oracle_xlate stale[ORACLE_MAX_ALLOWED];
	/*
	 * The map() call that made @current, both bytes inclusive (like the
	 * gather's end) so a region may end at 2^64 - 1.
	 */
	uint64_t region_start, region_end;
};

enum oracle_verdict {
	ORACLE_OK,
	ORACLE_STALE, /* device saw a translation that must be gone */
	ORACLE_MISSING, /* device faulted where a translation is required */
	ORACLE_WRONG, /* device saw a translation that was never legal */
	ORACLE_PERMISSION, /* right PA, wrong permissions */
	ORACLE_BAD_RESULT, /* return value breaks the contract */
};

const char *oracle_verdict_name(enum oracle_verdict v);

struct oracle;

/* NULL if min_page is not a power of two, or on allocation failure. */
struct oracle *oracle_create(const struct oracle_config *cfg);
void oracle_destroy(struct oracle *o);

/* The page's view; @iova need not be page aligned. */
void oracle_view(const struct oracle *o, uint64_t iova,
		 struct oracle_view *out);

/*
 * Only what the page maps now: true and its PA in *pa (the page's first
 * byte), or false. The view's current translation without its list of
 * pending ones, for the checks made page by page.
 */
bool oracle_current(const struct oracle *o, uint64_t iova, uint64_t *pa);

/* map(iova, pa, size, prot) returned 0: the whole range maps the new PA. */
void oracle_map_ok(struct oracle *o, uint64_t iova, uint64_t pa,
		   uint64_t size, unsigned int prot);

/*
 * map() failed. Each page of the range is either as before or unmapped
 * (the core unwinds what it mapped; io-pgtable may have torn down a table
 * first). @probe tells, per IOVA, what the implementation now maps
 * (mapped/pa); the oracle accepts it only if it is one of those two states,
 * otherwise returns ORACLE_BAD_RESULT and fills @why with the first
 * offending IOVA. Pages that went from mapped to unmapped must be gone at
 * once (the unwind is a strict unmap); they are removed from the state even
 * when the verdict is bad. Pages left with an illegal translation are not
 * adopted: the state keeps what the contract says they map.
 * @probe is called with page-aligned IOVAs; it may report a larger block
 * through *span (bytes from iova the answer holds for, >= min_page).
 * *@tore_down (if not NULL) tells whether pages that were mapped before
 * are gone.
 */
typedef void (*oracle_probe_fn)(void *arg, uint64_t iova, bool *mapped,
				uint64_t *pa, uint64_t *span);
enum oracle_verdict oracle_map_failed(struct oracle *o, uint64_t iova,
				      uint64_t size, oracle_probe_fn probe,
				      void *arg, bool *tore_down, char *why,
				      size_t whylen);

/*
 * unmap(iova, size) returned @unmapped. Checks the return value against the
 * contract (a multiple of min_page; an early stop only at a hole or where
 * the request cuts through a mapping; more than asked only to finish a
 * mapping the request cut into; the exact rules are in oracle_unmap.c) and
 * then removes [iova, iova + unmapped), also when the verdict is
 * ORACLE_BAD_RESULT: later checks then hold the implementation to what it
 * claimed.
 * @tag: -2 for a strict unmap (nothing may translate once it returns),
 * ORACLE_TAG_FQ, or a gather index whose sync completes it.
 */
#define ORACLE_TAG_STRICT (-2)
enum oracle_verdict oracle_unmap(struct oracle *o, uint64_t iova,
				 uint64_t size, uint64_t unmapped, int tag,
				 char *why, size_t whylen);

/*
 * Is an unmap of [iova, iova + size) one whose outcome the API leaves to
 * the implementation? It cuts into a map() region (split, refuse, or
 * remove the whole page), or it covers mappings with holes between them
 * (stop at the hole, or step over it).
 */
bool oracle_unmap_is_ambiguous(const struct oracle *o, uint64_t iova,
			       uint64_t size);

/* sync(gather @tag) returned: its pending unmaps are complete. */
void oracle_sync(struct oracle *o, int tag);
/* flush_all returned: every pending unmap is complete. */
void oracle_flush_all(struct oracle *o);

/*
 * A device access at @iova with @access (ORACLE_PERM_*) and @priv.
 * @ok: it translated to @pa granting @perm; otherwise it faulted
 * (@perm_fault: on permissions).
 */
struct oracle_observation {
	bool ok;
	bool perm_fault;
	uint64_t pa;
	unsigned int perm;
};
enum oracle_verdict oracle_check_access(const struct oracle *o, uint64_t iova,
					unsigned int access,
					const struct oracle_observation *obs,
					char *why, size_t whylen);

/*
 * A cached IOTLB entry [iova, iova + size) -> pa granting perm (or a cached
 * fault if @negative). Every page it covers must allow it.
 */
enum oracle_verdict oracle_check_entry(const struct oracle *o, uint64_t iova,
				       uint64_t size, uint64_t pa,
				       unsigned int perm, bool negative,
				       char *why, size_t whylen);

/*
 * What the implementation's tables (or iova_to_phys) say for @iova must be
 * the API state exactly: @mapped and, if so, @pa for that byte.
 */
enum oracle_verdict oracle_check_state(const struct oracle *o, uint64_t iova,
				       bool mapped, uint64_t pa, char *why,
				       size_t whylen);

/*
 * Iterate over current mappings as maximal extents, ascending: adjacent
 * mappings with contiguous PA and the same prot are reported as one, across
 * map() calls. A run of 2^64 bytes, which no size can express, is reported
 * in two parts. oracle_nr_extents() counts the same extents.
 */
void oracle_for_each_extent(const struct oracle *o,
			    void (*fn)(void *arg, uint64_t iova, uint64_t size,
				       uint64_t pa, unsigned int prot),
			    void *arg);
/*
 * The same extents, those that overlap [first, last] only (each whole):
 * what a per-op check needs, without a walk over the whole map.
 */
void oracle_for_each_extent_in(const struct oracle *o, uint64_t first,
			       uint64_t last,
			       void (*fn)(void *arg, uint64_t iova,
					  uint64_t size, uint64_t pa,
					  unsigned int prot),
			       void *arg);
/* Does anything map an address of [first, last]? */
bool oracle_maps_any_in(const struct oracle *o, uint64_t first, uint64_t last);
size_t oracle_nr_extents(const struct oracle *o);
/* Number of pending (unsynced) unmapped extents under @tag (or all: -3). */
#define ORACLE_TAG_ALL (-3)
size_t oracle_nr_pending(const struct oracle *o, int tag);
/* Does an unmap still pending (any owner) cover some of [first, last]? */
bool oracle_pending_in(const struct oracle *o, uint64_t first, uint64_t last);

#endif
