// SPDX-License-Identifier: GPL-2.0-only
/*
 * The divergence report a reviewer reads: the configuration, the program
 * with the divergent operation marked, what the oracle allows and what the
 * device and the kernel saw for the IOVA in question, the IOTLB entries
 * around it, and the events of the last few operations.
 */
#include <inttypes.h>

#include "runner_priv.h"

#define REPORT_OPS_OF_EVENTS 3
#define REPORT_MAX_ENTRIES 16

static void print_program(FILE *f, const struct runner *r)
{
	char line[160];

	struct prog_config cfg = r->prog->cfg;

	if (r->ks) /* what io-pgtable settled on */
		cfg.pgsize_bitmap = kstack_pgsize_bitmap(r->ks);
	program_format_config(&cfg, line, sizeof(line));
	fprintf(f, "  config: %s (%s)\n", line,
		r->ks ? kstack_driver_name(r->ks) : "-");
	for (size_t i = 0; i < r->prog->nr_ops; i++) {
		program_format_op(&r->prog->ops[i], line, sizeof(line));
		fprintf(f, "  %s #%-3zu %s\n", i == r->op ? "=>" : "  ", i,
			line);
	}
	if (r->op >= r->prog->nr_ops)
		fprintf(f, "  => teardown (free_io_pgtable_ops)\n");
}

static void print_prot(FILE *f, unsigned int prot)
{
	fprintf(f, "%c%c", (prot & ORACLE_PROT_READ) ? 'r' : '-',
		(prot & ORACLE_PROT_WRITE) ? 'w' : '-');
}

static void print_oracle_view(FILE *f, const struct runner *r, uint64_t iova)
{
	struct oracle_view v;

	oracle_view(r->orc, iova, &v);
	fprintf(f, "  oracle (API contract) for iova 0x%" PRIx64 ":\n", iova);
	if (v.mapped) {
		fprintf(f, "    mapped to pa 0x%" PRIx64 " ",
			v.current.pa + (iova & (r->min_page - 1)));
		print_prot(f, v.current.prot);
		fprintf(f, " by map of [0x%" PRIx64 ", 0x%" PRIx64 "]\n",
			v.region_start, v.region_end);
	} else {
		fprintf(f, "    not mapped\n");
	}
	fprintf(f, "    a fault is %slegal\n", v.none_allowed ? "" : "not ");
	for (unsigned int i = 0; i < v.nr_stale; i++) {
		fprintf(f, "    still legal until its sync/flush: pa 0x%" PRIx64
			" ", v.stale[i].pa + (iova & (r->min_page - 1)));
		print_prot(f, v.stale[i].prot);
		fprintf(f, "\n");
	}
}

struct entry_print {
	FILE *f;
	uint64_t iova;
	unsigned int shown;
};

static void print_entry(void *arg, const struct iotlb_entry *e)
{
	struct entry_print *ep = arg;
	bool involved = ep->iova >= e->iova && ep->iova - e->iova < e->size;

	if (ep->shown >= REPORT_MAX_ENTRIES && !involved)
		return;
	ep->shown++;
	fprintf(ep->f, "    %s [0x%" PRIx64 " +0x%" PRIx64 "] ",
		involved ? "*" : " ", e->iova, e->size);
	if (e->negative)
		fprintf(ep->f, "cached fault");
	else
		fprintf(ep->f, "-> 0x%" PRIx64 " %c%c", e->pa,
			(e->perm & HW_PERM_READ) ? 'r' : '-',
			(e->perm & HW_PERM_WRITE) ? 'w' : '-');
	fprintf(ep->f, " (filled by device access #%" PRIu64 ")\n",
		e->fill_seq);
}

static void print_device_side(FILE *f, const struct runner *r, uint64_t iova)
{
	struct entry_print ep = { f, iova, 0 };

	fprintf(f, "  IOTLB (%zu entries, %zu walk-cache entries; * = covers the IOVA):\n",
		iotlb_nr_entries(r->tlb), iotlb_nr_walk_entries(r->tlb));
	iotlb_for_each(r->tlb, print_entry, &ep);

	struct walk_result w = hw_walk(&r->hw_tables, &r->mem, NULL, iova);

	fprintf(f, "  page tables, walked afresh: %s", xlate_status_name(w.status));
	if (w.status == XLATE_OK)
		fprintf(f, " -> pa 0x%" PRIx64 " (%" PRIu64 "K leaf at level %d, descriptor 0x%" PRIx64 ")",
			w.pa, w.block_size >> 10, w.level, w.pte);
	fprintf(f, "\n");
	if (r->ks)
		fprintf(f, "  kernel iommu_iova_to_phys: 0x%" PRIx64 "\n",
			kstack_iova_to_phys(r->ks, iova));
}

static void print_events(FILE *f, const struct runner *r)
{
	size_t first_op = r->op >= REPORT_OPS_OF_EVENTS ?
				  r->op - REPORT_OPS_OF_EVENTS + 1 :
				  0;
	size_t from = r->op_first_event[first_op];
	size_t to = r->log->n < EVENT_LOG_CAPACITY ? r->log->n :
						     EVENT_LOG_CAPACITY;

	fprintf(f, "  what the kernel and the driver did (ops #%zu..#%zu):\n",
		first_op, r->op);
	for (size_t i = from; i < to; i++)
		event_print(f, &r->log->ev[i]);
}

void report_divergence(FILE *f, const struct runner *r)
{
	fprintf(f, "\n==== iotlbfuzz: %s at op #%zu (kernel %s) ====\n",
		divergence_name(r->out->cls), r->op, kstack_kernel_release());
	fprintf(f, "  %s\n", r->out->msg);
	fprintf(f, "  (%s)\n", divergence_description(r->out->cls));
	print_program(f, r);
	if (r->orc)
		print_oracle_view(f, r, r->focus_iova);
	if (r->tlb)
		print_device_side(f, r, r->focus_iova);
	print_events(f, r);
	fprintf(f, "====\n");
}
