// SPDX-License-Identifier: GPL-2.0-only
/*
 * A program as one driver runs it: what the driver's hardware adds to its
 * configuration, or why that driver does not run it; the oracle's view of
 * the format; where the page tables go.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "driver_id.h"
#include "runner_priv.h"
#include "suppressions.h"

bool run_fit_to_driver(struct program *p, const struct run_options *opt,
		       struct kstack_driver_traits *t, struct run_outcome *out)
{
	char why[256];

	if (!opt->allow_mutants && kstack_driver_is_mutant(p->cfg.driver) &&
	    !(opt->allow_experimental &&
	      kstack_driver_is_experimental(p->cfg.driver))) {
		snprintf(why, sizeof(why),
			 "driver #%d is a deliberately broken test glue or an "
			 "experimental model; fuzzing runs checked driver "
			 "models only",
			 p->cfg.driver);
		run_reject_outcome(out, why);
		return false;
	}
	if (!kstack_driver_traits(p->cfg.driver, t)) {
		snprintf(why, sizeof(why), "config.driver %d is unknown",
			 p->cfg.driver);
		run_reject_outcome(out, why);
		return false;
	}
	kstack_driver_traits_on(p->cfg.driver, p->cfg.fmt, t);
	if (t->facts->formats && !(t->facts->formats & (1u << p->cfg.fmt))) {
		snprintf(
			why, sizeof(why),
			"driver #%d does not drive %s (its formats: mask 0x%x)",
			p->cfg.driver, pt_format_name(p->cfg.fmt),
			t->facts->formats);
		run_reject_outcome(out, why);
		return false;
	}
	/*
	 * Hardware that caches faults needs an iotlb_sync_map. Replay runs
	 * that configuration anyway with the reference glue, whose regression
	 * shows what goes wrong. A driver model (a cross-driver partner too)
	 * is held to its hardware as fuzzing holds it, and a deliberately
	 * broken glue to its model's, so that the only bug it shows is its
	 * own.
	 */
	if (p->cfg.cache_not_present && !t->has_sync_map &&
	    !(opt->allow_mutants && p->cfg.driver == DRIVER_ID(REFERENCE))) {
		snprintf(why, sizeof(why),
			 "driver #%d has no iotlb_sync_map, so hardware "
			 "caching faults would be a broken configuration",
			 p->cfg.driver);
		run_reject_outcome(out, why);
		return false;
	}
	p->cfg.quirks |= t->facts->quirks;
	/* without IOMMU_CAP_DEFERRED_FLUSH, dma-iommu stays strict */
	p->cfg.deferred = p->cfg.deferred && t->facts->supports_fq;
	/*
	 * Fault injection is for the kernel's error paths; a model with
	 * tables of its own would only test its own
	 */
	if (t->own_tables)
		p->cfg.fail_alloc = 0;
	if (!t->sync_map_can_fail)
		p->cfg.fail_sync_map = 0;
	if (t->facts->fixed_pgsizes)
		p->cfg.pgsize_bitmap = t->facts->pgsize_mask;
	if (t->facts->pgsize_mask) {
		p->cfg.pgsize_bitmap &= t->facts->pgsize_mask;
		if (!p->cfg.pgsize_bitmap) {
			snprintf(why, sizeof(why),
				 "none of the requested page sizes is offered "
				 "by driver #%d (0x%lx)",
				 p->cfg.driver, t->facts->pgsize_mask);
			run_reject_outcome(out, why);
			return false;
		}
	}

	const struct suppression *known =
		suppression_for_config(p, kstack_tree_traits());

	if (known && !run_unsuppressed(opt, known->id)) {
		out->result = RUN_SUPPRESSED;
		out->suppressed_by = known->id;
		snprintf(out->msg, sizeof(out->msg),
			 "configuration not run: %s", known->title);
		return false;
	}
	return true;
}

void oracle_config_for(const struct program *p, uint64_t min_page,
		       uint64_t iova_limit, struct oracle_config *oc)
{
	bool no_perms =
		p->cfg.fmt == PT_ARM_V7S && (p->cfg.quirks & HW_QUIRK_NO_PERMS);

	memset(oc, 0, sizeof(*oc));
	oc->min_page = min_page;
	oc->iova_limit = iova_limit;
	oc->can_deny_write = !no_perms;
	/* LPAE stage 1 and v7s have no "write-only"; stage 2, DART, AMD do */
	switch (p->cfg.fmt) {
	case PT_ARM_32_LPAE_S2:
	case PT_ARM_64_LPAE_S2:
	case PT_APPLE_DART:
	case PT_APPLE_DART2:
	case PT_AMD_V1:
		oc->can_deny_read = true;
		break;
	default:
		oc->can_deny_read = false;
		break;
	}
}

/* The page-table memory goes where the program puts it. */
bool place_tables(const struct table_placement *pl)
{
	if (!arena_place(pl->base))
		return false;
	arena_set_fit_limit(pl->fit == UINT64_MAX ? 0 : pl->fit);
	arena_set_dma_limit(pl->dma);
	return true;
}
