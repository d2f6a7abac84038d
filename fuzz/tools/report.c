// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text report, printed on every divergence: the configuration, the
 * program with the divergent operation marked, what the oracle allows and
 * what the device and the kernel saw for the IOVA in question, the IOTLB
 * entries around it, and the events of the last few operations.
 */
#include <inttypes.h>

#include "report_model.h"

#define REPORT_MAX_ENTRIES 16

static void print_program(FILE *f, const struct report_model *m,
			  const struct report_impl *impl)
{
	char line[160];

	fprintf(f, "  config: %s (%s)\n", impl->config, impl->driver_name);
	for (size_t i = 0; i < m->prog.nr_ops; i++) {
		program_format_op(&m->prog.ops[i], line, sizeof(line));
		fprintf(f, "  %s #%-3zu %s\n", i == m->op ? "=>" : "  ", i,
			line);
	}
	if (m->op >= m->prog.nr_ops)
		fprintf(f, "  => teardown (free_io_pgtable_ops)\n");
}

static void print_prot(FILE *f, unsigned int prot)
{
	fprintf(f, "%c%c", (prot & ORACLE_PROT_READ) ? 'r' : '-',
		(prot & ORACLE_PROT_WRITE) ? 'w' : '-');
}

static void print_oracle_view(FILE *f, const struct report_impl *impl)
{
	const struct oracle_view *v = &impl->view;
	uint64_t iova = impl->focus_iova;
	uint64_t offset = iova & (impl->min_page - 1);

	fprintf(f, "  oracle (API contract) for iova 0x%" PRIx64 ":\n", iova);
	if (v->mapped) {
		fprintf(f, "    mapped to pa 0x%" PRIx64 " ",
			v->current.pa + offset);
		print_prot(f, v->current.prot);
		fprintf(f, " by map of [0x%" PRIx64 ", 0x%" PRIx64 "]\n",
			v->region_start, v->region_end);
	} else {
		fprintf(f, "    not mapped\n");
	}
	fprintf(f, "    a fault is %slegal\n", v->none_allowed ? "" : "not ");
	for (unsigned int i = 0; i < v->nr_stale; i++) {
		fprintf(f,
			"    still legal until its sync/flush: pa 0x%" PRIx64
			" ",
			v->stale[i].pa + offset);
		print_prot(f, v->stale[i].prot);
		fprintf(f, "\n");
	}
}

static void print_device_side(FILE *f, const struct report_impl *impl)
{
	const struct report_state *s = &impl->after;
	uint64_t iova = impl->focus_iova;
	unsigned int shown = 0;
	char line[160];

	fprintf(f,
		"  IOTLB (%zu entries, %zu walk-cache entries; * = covers the "
		"IOVA):\n",
		s->nr_tlb, s->nr_walk_entries);
	for (size_t i = 0; i < s->nr_tlb; i++) {
		const struct iotlb_entry *e = &s->tlb[i];
		bool involved = iova >= e->iova && iova - e->iova < e->size;

		if (shown >= REPORT_MAX_ENTRIES && !involved)
			continue;
		shown++;
		report_format_entry(e, line, sizeof(line));
		fprintf(f, "    %s %s\n", involved ? "*" : " ", line);
	}

	const struct walk_result *w = &impl->walk;

	fprintf(f, "  page tables, walked afresh: %s",
		xlate_status_name(w->status));
	if (w->status == XLATE_OK)
		fprintf(f,
			" -> pa 0x%" PRIx64 " (%" PRIu64
			"K leaf at level %d, descriptor 0x%" PRIx64 ")",
			w->pa, w->block_size >> 10, w->level, w->pte);
	fprintf(f, "\n");
	if (impl->have_iova_to_phys)
		fprintf(f, "  kernel iommu_iova_to_phys: 0x%" PRIx64 "\n",
			impl->iova_to_phys);
}

static void print_events(FILE *f, const struct report_model *m,
			 const struct report_impl *impl)
{
	fprintf(f, "  what the kernel and the driver did (ops #%zu..#%zu):\n",
		impl->first_op, m->op);
	for (size_t i = 0; i < impl->nr_events; i++)
		event_print(f, &impl->events[i]);
}

/* A cross-driver divergence: what each model maps after the op. */
static void print_cross_driver(FILE *f, const struct report_model *m)
{
	for (size_t i = 0; i < m->nr_impls; i++) {
		const struct report_state *s = &m->impl[i].after;

		fprintf(f, "  after op #%zu on %s, mapped:\n", m->op,
			m->impl[i].driver_name);
		for (size_t k = 0; k < s->nr_mapped; k++)
			fprintf(f,
				"    [0x%" PRIx64 ", 0x%" PRIx64
				"] -> 0x%" PRIx64 " prot 0x%x\n",
				s->mapped[k].iova,
				s->mapped[k].iova + s->mapped[k].size - 1,
				s->mapped[k].pa, s->mapped[k].prot);
	}
}

void report_render_text(FILE *f, const struct report_model *m)
{
	fprintf(f, "\n==== iotlbfuzz: %s at op #%zu (kernel %s) ====\n",
		divergence_name(m->cls), m->op, m->kernel_release);
	fprintf(f, "  %s\n", m->msg);
	if (m->cls == DIV_CROSS_DRIVER) {
		print_cross_driver(f, m);
		fprintf(f, "====\n");
		return;
	}
	fprintf(f, "  (%s)\n", divergence_description(m->cls));
	for (size_t i = 0; i < m->nr_impls; i++) {
		const struct report_impl *impl = &m->impl[i];

		print_program(f, m, impl);
		if (impl->have_view)
			print_oracle_view(f, impl);
		if (impl->have_walk)
			print_device_side(f, impl);
		print_events(f, m, impl);
	}
	fprintf(f, "====\n");
}
