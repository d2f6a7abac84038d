// SPDX-License-Identifier: GPL-2.0-only
/*
 * The body of a KUnit test case for the kernel: the program as
 * iommu_map / iommu_unmap / iommu_unmap_fast / iommu_iotlb_sync /
 * iommu_flush_iotlb_all / iommu_iova_to_phys calls on a domain the test
 * suite's fixture provides (iotlbfuzz_kunit_domain(), docs/reproducers.md),
 * each return value checked against what the API contract says (the
 * oracle's expectation before the call, from the traced run). What only
 * the device sees (its IOTLB) KUnit cannot observe: those expectations are
 * comments.
 */
#include <ctype.h>
#include <inttypes.h>
#include <string.h>

#include "export.h"
#include "kstack.h"
#include "program_text.h"

static void comment_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		fputc(*s, f);
		if (*s == '*' && s[1] == '/')
			fputc(' ', f);
	}
}

static void function_name(FILE *f, const char *name)
{
	fprintf(f, "iotlbfuzz_");
	for (const char *s = name; *s; s++)
		fputc(isalnum((unsigned char)*s) ? tolower((unsigned char)*s)
						 : '_',
		      f);
}

static void prot_expr(FILE *f, unsigned int prot)
{
	static const char *const bits[] = {"IOMMU_READ",  "IOMMU_WRITE",
					   "IOMMU_CACHE", "IOMMU_NOEXEC",
					   "IOMMU_MMIO",  "IOMMU_PRIV"};
	bool first = true;

	for (unsigned int b = 0; b < 6; b++) {
		if (!(prot & (1u << b)))
			continue;
		fprintf(f, "%s%s", first ? "" : " | ", bits[b]);
		first = false;
	}
	if (first)
		fprintf(f, "0");
}

static bool uses_gather(const struct program *p, unsigned int g)
{
	for (size_t i = 0; i < p->nr_ops; i++)
		if ((p->ops[i].kind == OP_UNMAP_FAST ||
		     p->ops[i].kind == OP_SYNC) &&
		    p->ops[i].gather == g)
			return true;
	return false;
}

/* Whether unmaps were queued: only drivers with a flush queue get one. */
static bool queued_unmaps(const struct reproducer *r)
{
	return r->trace.started ? r->trace.deferred : r->prog.cfg.deferred;
}

static bool uses_queued_unmap(const struct reproducer *r)
{
	const struct program *p = &r->prog;

	if (!queued_unmaps(r))
		return false;
	for (size_t i = 0; i < p->nr_ops; i++)
		if (p->ops[i].kind == OP_UNMAP)
			return true;
	return false;
}

/* The flush queue flushed during this op (a map reusing a queued IOVA). */
static bool flushed_queue(const struct run_trace *t, const struct op_trace *ot)
{
	size_t end = ot->finished ? ot->end_event : t->log->n;

	if (end > EVENT_LOG_CAPACITY)
		end = EVENT_LOG_CAPACITY;

	for (size_t i = ot->first_event; i < end; i++)
		if (t->log->ev[i].kind == EV_FQ_FLUSH)
			return true;
	return false;
}

/* The call of a ranged op, without a trailing semicolon. */
static void unmap_call(FILE *f, bool queued, const struct prog_op *op)
{
	if (op->kind == OP_UNMAP_FAST)
		fprintf(f,
			"iommu_unmap_fast(domain, 0x%" PRIx64 "UL, 0x%" PRIx64
			"UL, &gather[%u])",
			op->iova, op->size, op->gather);
	else if (queued)
		fprintf(f,
			"iommu_unmap_fast(domain, 0x%" PRIx64 "UL, 0x%" PRIx64
			"UL, &fq)",
			op->iova, op->size);
	else
		fprintf(f,
			"iommu_unmap(domain, 0x%" PRIx64 "UL, 0x%" PRIx64 "UL)",
			op->iova, op->size);
}

/*
 * The body is for the tree the program ran on, and iommu_map() took its
 * gfp_t argument only from 6.3 on.
 */
static bool map_takes_gfp(void)
{
	unsigned int major = 0, minor = 0;

	if (sscanf(kstack_kernel_release(), "%u.%u", &major, &minor) != 2)
		return true; /* not a release: assume a current tree */
	return major > 6 || (major == 6 && minor >= 3);
}

static void map_call(FILE *f, const struct prog_op *op)
{
	fprintf(f,
		"iommu_map(domain, 0x%" PRIx64 "UL, 0x%" PRIx64
		"ULL, 0x%" PRIx64 "UL, ",
		op->iova, op->paddr, op->size);
	prot_expr(f, op->prot);
	fprintf(f, map_takes_gfp() ? ", GFP_KERNEL)" : ")");
}

static void device_comment(FILE *f, const struct prog_op *op,
			   const struct op_trace *ot)
{
	if (op->kind == OP_PREFETCH) {
		fprintf(f,
			"\t/* device: a speculative walk at 0x%" PRIx64
			" may cache any valid translation */\n",
			op->iova);
		return;
	}
	fprintf(f, "\t/* device %s at 0x%" PRIx64 ": ",
		op->access == HW_PERM_WRITE ? "write" : "read", op->iova);
	if (!ot->ran) {
		fprintf(f, "(not reached in iotlbfuzz's run) */\n");
		return;
	}
	if (ot->view_mapped)
		fprintf(f, "must translate to 0x%" PRIx64 " (%s%s)",
			ot->view_pa, (ot->view_prot & 1) ? "r" : "-",
			(ot->view_prot & 2) ? "w" : "-");
	else if (!ot->nr_stale)
		fprintf(f, "must fault: nothing is mapped and no unmap is "
			   "pending");
	else
		fprintf(f, "may fault");
	if (ot->nr_stale)
		fprintf(f,
			", or see the old translation until the pending "
			"unmap completes (sync, or the flush queue's flush)");
	fprintf(f, " */\n");
}

static void write_op(FILE *f, const struct reproducer *r, size_t i)
{
	const struct program *p = &r->prog;
	const struct prog_op *op = &p->ops[i];
	const struct op_trace *ot = &r->trace.ops[i];
	const struct run_outcome *o = &r->out;
	char line[160];
	bool exact = ot->ran && ot->expect == TRACE_EXPECT_EXACT;

	program_format_op(op, line, sizeof(line));
	fprintf(f, "\n\t/* #%zu %s */\n", i, line);
	if (!ot->ran && op->kind != OP_ACCESS && op->kind != OP_PREFETCH)
		fprintf(f, "\t/* not reached in iotlbfuzz's run: no "
			   "expectation */\n");
	else if (ot->ran && !ot->finished)
		fprintf(f, "\t/* in iotlbfuzz's run the kernel BUG()ed in this "
			   "call */\n");
	else if (ot->ran && ot->expect == TRACE_EXPECT_DRIVER)
		fprintf(f,
			"\t/* the API leaves this result to the driver; "
			"iotlbfuzz's model returned 0x%" PRIx64 " */\n",
			(uint64_t)ot->ret);
	switch (op->kind) {
	case OP_MAP:
		if (ot->ran && flushed_queue(&r->trace, ot))
			fprintf(f, "\t/* dma-iommu flushes its queue before "
				   "reusing a queued IOVA */\n"
				   "\tiommu_flush_iotlb_all(domain);\n");
		if (exact) {
			fprintf(f, "\tKUNIT_EXPECT_EQ(test, ");
			map_call(f, op);
			/* 0, or the nesting parent's refusal, -EINVAL */
			fprintf(f, ", %s);\n", ot->expected ? "-EINVAL" : "0");
		} else {
			fprintf(f, "\t(void)");
			map_call(f, op);
			fprintf(f, ";\n");
		}
		break;
	case OP_UNMAP:
	case OP_UNMAP_FAST:
		if (op->kind == OP_UNMAP && queued_unmaps(r))
			fprintf(f, "\t/* dma-iommu's deferred unmap: a queued "
				   "gather, completed by the flush queue */\n"
				   "\tiommu_iotlb_gather_init(&fq);\n"
				   "\tfq.queued = true;\n");
		if (exact) {
			fprintf(f, "\tKUNIT_EXPECT_EQ(test, ");
			unmap_call(f, queued_unmaps(r), op);
			fprintf(f, ", (size_t)0x%" PRIx64 "UL);\n",
				ot->expected);
		} else {
			fprintf(f, "\t(void)");
			unmap_call(f, queued_unmaps(r), op);
			fprintf(f, ";\n");
		}
		break;
	case OP_SYNC:
		fprintf(f, "\tiommu_iotlb_sync(domain, &gather[%u]);\n",
			op->gather);
		break;
	case OP_FLUSH_ALL:
		fprintf(f, "\tiommu_flush_iotlb_all(domain);\n");
		break;
	case OP_IOVA_TO_PHYS:
		if (exact)
			fprintf(f,
				"\tKUNIT_EXPECT_EQ(test, "
				"iommu_iova_to_phys(domain, 0x%" PRIx64
				"UL), (phys_addr_t)0x%" PRIx64 "ULL);\n",
				op->iova, ot->expected);
		else
			fprintf(f,
				"\t(void)iommu_iova_to_phys(domain, 0x%" PRIx64
				"UL);\n",
				op->iova);
		break;
	case OP_ACCESS:
	case OP_PREFETCH:
		device_comment(f, op, ot);
		break;
	}
	if (o->result == RUN_DIVERGENCE && o->op == i &&
	    o->cls != DIV_CROSS_DRIVER) {
		fprintf(f,
			"\t/* iotlbfuzz: %s here: ", divergence_name(o->cls));
		comment_text(f, o->msg);
		fprintf(f, " */\n");
	}
}

void export_kunit(FILE *f, const struct reproducer *r)
{
	const struct program *p = &r->prog;
	const struct run_outcome *o = &r->out;
	bool any_gather = false;

	fprintf(f, "/*\n * iotlbfuzz reproducer ");
	comment_text(f, r->name);
	fprintf(f, " (`iotlbfuzz export --format kunit`).\n");
	fprintf(f, " * On iotlbfuzz's model of %s, kernel %s: %s",
		r->trace.driver_name ? r->trace.driver_name : "?",
		kstack_kernel_release(), run_outcome_label(o));
	if (o->result == RUN_DIVERGENCE && o->op < r->prog.nr_ops)
		fprintf(f, " at op #%zu", o->op);
	else if (o->result == RUN_DIVERGENCE)
		fprintf(f, " at teardown");
	if (o->msg[0]) {
		fprintf(f, ":\n *   ");
		comment_text(f, o->msg);
	}
	fprintf(f, "\n * Expectations are the IOMMU API contract's; what only "
		   "the device sees\n"
		   " * (its IOTLB) is a comment. The domain comes from the "
		   "suite's fixture,\n"
		   " * iotlbfuzz_kunit_domain() (docs/reproducers.md).\n");
	if (p->cfg.nr_also_run_on)
		fprintf(f,
			" * iotlbfuzz also ran it on %zu more driver model%s "
			"and compared the\n"
			" * mappings after every call: run it on each of those "
			"drivers too.\n",
			p->cfg.nr_also_run_on,
			p->cfg.nr_also_run_on > 1 ? "s" : "");
	if (p->cfg.fail_alloc)
		fprintf(f,
			" * iotlbfuzz made allocation #%u after the domain's "
			"setup fail (-ENOMEM):\n"
			" * inject that failure (e.g. with failslab or "
			"fail_page_alloc) to reproduce.\n",
			p->cfg.fail_alloc);
	if (p->cfg.fail_sync_map)
		fprintf(f,
			" * iotlbfuzz made iotlb_sync_map call #%u fail (-EIO): "
			"the driver's\n"
			" * sync_map must fail there to reproduce.\n",
			p->cfg.fail_sync_map);
	if (p->cfg.table_base)
		fprintf(f,
			" * iotlbfuzz put the page tables at PA 0x%" PRIx64
			" and up: the kernel's\n"
			" * page allocator must hand out table memory there "
			"(memmap=, or a DMA\n"
			" * zone used up) to reproduce.\n",
			p->cfg.table_base);
	if (!p->cfg.walk_cache || p->cfg.cache_not_present ||
	    p->cfg.iotlb_entries)
		fprintf(f, " * iotlbfuzz's IOTLB was set up%s%s%s.\n",
			p->cfg.walk_cache ? "" : " without a walk cache",
			p->cfg.cache_not_present ? " caching translation faults"
						 : "",
			p->cfg.iotlb_entries == 1   ? " splintering blocks"
			: p->cfg.iotlb_entries == 2 ? " splintering some blocks"
						    : "");
	if (p->cfg.range_invalidation)
		fprintf(f, " * The SMMU took range invalidations (IDR3.RIL): "
			   "the driver's TTL hint\n"
			   " * must name the level of every leaf the TLB "
			   "holds in the range.\n");
	fprintf(f, " */\nstatic void ");
	function_name(f, r->name);
	fprintf(f, "(struct kunit *test)\n{\n");
	fprintf(f, "\tstatic const struct iotlbfuzz_kunit_config cfg = {\n");
	/*
	 * io-pgtable's formats by their enum; a generic_pt table by the
	 * tree's name for it; a driver's own tables by their hardware format
	 */
	if (r->trace.generic_pt)
		fprintf(f, "\t\t.generic_pt = \"%s\",\n", r->trace.generic_pt);
	else if (p->cfg.fmt <= PT_APPLE_DART2)
		fprintf(f, "\t\t.fmt = %s,\n",
			program_format_proto_name(p->cfg.fmt));
	else
		fprintf(f, "\t\t.tables = \"%s\",\n",
			pt_format_name(p->cfg.fmt));
	fprintf(f, "\t\t.pgsize_bitmap = 0x%lxUL,\n", p->cfg.pgsize_bitmap);
	fprintf(f, "\t\t.ias = %u,\n\t\t.oas = %u,\n", p->cfg.ias, p->cfg.oas);
	fprintf(f, "\t\t.quirks = 0x%lxUL,\n", p->cfg.quirks);
	fprintf(f, "\t\t.coherent_walk = %s,\n",
		p->cfg.coherent_walk ? "true" : "false");
	fprintf(f, "\t\t.deferred = %s,\n",
		queued_unmaps(r) ? "true" : "false");
	fprintf(f, "\t\t.driver = \"%s\",\n",
		r->trace.driver_name ? r->trace.driver_name : "?");
	fprintf(f, "\t};\n");
	fprintf(f, "\tstruct iommu_domain *domain = "
		   "iotlbfuzz_kunit_domain(test, &cfg);\n");
	for (unsigned int g = 0; g < PROG_MAX_GATHERS; g++)
		any_gather |= uses_gather(p, g);
	if (any_gather)
		fprintf(f, "\tstruct iommu_iotlb_gather gather[%d];\n",
			PROG_MAX_GATHERS);
	if (uses_queued_unmap(r))
		fprintf(f, "\tstruct iommu_iotlb_gather fq;\n");
	fprintf(f, "\n\tKUNIT_ASSERT_NOT_NULL(test, domain);\n");
	if (any_gather)
		fprintf(f,
			"\tfor (int i = 0; i < %d; i++)\n"
			"\t\tiommu_iotlb_gather_init(&gather[i]);\n",
			PROG_MAX_GATHERS);
	for (size_t i = 0; i < p->nr_ops; i++)
		write_op(f, r, i);
	if (o->result == RUN_DIVERGENCE && o->op >= p->nr_ops)
		fprintf(f, "\n\t/* iotlbfuzz: %s at teardown: ",
			divergence_name(o->cls));
	if (o->result == RUN_DIVERGENCE && o->op >= p->nr_ops) {
		comment_text(f, o->msg);
		fprintf(f, " */\n");
	}
	fprintf(f, "}\n/* KUNIT_CASE(");
	function_name(f, r->name);
	fprintf(f, "), */\n");
}
