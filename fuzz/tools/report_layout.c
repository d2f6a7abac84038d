// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the HTML and markdown reports show, in order (report_sink.h):
 * the verdict, how to reproduce it, the program, what the oracle allows,
 * and per run of the kernel-extracted stack the API state, the IOTLB and
 * the gathers before and after the divergent op, its syncs, the event log
 * and the kernel functions of the ops around it.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report_sink.h"

/* Table rows shown at most per table; the rest are counted. */
#define LAYOUT_MAX_ROWS 256
/* Lines of one op's call tree shown at most. */
#define LAYOUT_MAX_CALL_LINES 400

#define CELL 320

struct row {
	char cell[REPORT_MAX_COLS][CELL];
	const char *ptr[REPORT_MAX_COLS];
};

static const char *const *row_cells(struct row *r)
{
	for (int i = 0; i < REPORT_MAX_COLS; i++)
		r->ptr[i] = r->cell[i];
	return r->ptr;
}

static __attribute__((format(printf, 3, 4))) void set(struct row *r, int col,
						      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->cell[col], CELL, fmt, ap);
	va_end(ap);
}

static __attribute__((format(printf, 2, 3))) void para(struct report_sink *s,
						       const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	s->fmt->para(s, text);
}

static void kv(struct report_sink *s, const char *key, const char *value)
{
	const char *cells[2] = {key, value};

	s->fmt->table_row(s, cells, RS_PLAIN);
}

static void prot_text(unsigned int prot, char out[3])
{
	out[0] = (prot & ORACLE_PROT_READ) ? 'r' : '-';
	out[1] = (prot & ORACLE_PROT_WRITE) ? 'w' : '-';
	out[2] = 0;
}

static void op_text(const struct report_model *m, size_t op, char *buf,
		    size_t len)
{
	if (op >= m->prog.nr_ops)
		snprintf(buf, len, "teardown (free_io_pgtable_ops)");
	else
		program_format_op(&m->prog.ops[op], buf, len);
}

static bool traced_anything(const struct report_model *m)
{
	for (size_t i = 0; i < m->nr_impls; i++)
		if (m->impl[i].traced)
			return true;
	return false;
}

static void summary(struct report_sink *s, const struct report_model *m)
{
	static const char *const head[2] = {"", ""};
	char text[1024], op[200];

	s->fmt->table_begin(s, 2, head);
	snprintf(text, sizeof(text), "%s: %s", divergence_name(m->cls),
		 divergence_description(m->cls));
	kv(s, "divergence class", text);
	snprintf(text, sizeof(text), "ASSERTION FAILURE: %s: %s",
		 divergence_name(m->cls), m->msg);
	kv(s, "assertion", text);
	op_text(m, m->op, op, sizeof(op));
	snprintf(text, sizeof(text), "#%zu: %s", m->op, op);
	kv(s, "first divergent operation", text);
	kv(s, "kernel tree", m->kernel_release);
	text[0] = 0;
	for (size_t i = 0; i < m->nr_impls; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
			 "%s%s (#%d)", i ? ", " : "", m->impl[i].driver_name,
			 m->impl[i].driver);
	kv(s, m->nr_impls > 1 ? "driver models" : "driver model", text);
	if (m->nr_impls)
		kv(s, "configuration (as io-pgtable settled it)",
		   m->impl[0].config);
	if (m->input_path)
		kv(s, "input", m->input_path);
	kv(s, "kernel function trace",
	   traced_anything(m) ? "recorded for the divergent op and the two "
				"before it (the CLI's kernel files call trace "
				"hooks: -finstrument-functions)"
			      : "not recorded (this binary's kernel files are "
				"built without the trace hooks)");
	fputs(s->fmt->table_end, s->f);
}

static void reproduce(struct report_sink *s, const struct report_model *m)
{
	if (!m->nr_repro)
		return;
	s->fmt->heading(s, 2, "Reproduce", "reproduce");
	fputs(s->fmt->pre_begin, s->f);
	for (size_t i = 0; i < m->nr_repro; i++)
		s->fmt->pre_line(s, m->repro[i], RS_PLAIN);
	fputs(s->fmt->pre_end, s->f);
}

static void program(struct report_sink *s, const struct report_model *m)
{
	static const char *const head[3] = {"#", "operation", ""};
	size_t first = m->nr_impls ? m->impl[0].first_op : m->op;
	/* a plain run stops at its divergence; a cross-driver pair does not */
	bool ran_on = m->cls == DIV_CROSS_DRIVER;
	struct row r;

	s->fmt->heading(s, 2, "The program", "program");
	s->fmt->table_begin(s, 3, head);
	for (size_t i = 0; i < m->prog.nr_ops || i == m->op; i++) {
		set(&r, 0, "%zu", i);
		op_text(m, i, r.cell[1], CELL);
		set(&r, 2, "%s",
		    i == m->op		      ? "first divergence"
		    : i > m->op && !ran_on    ? "not run"
		    : i >= first && i < m->op ? "shown below"
					      : "");
		s->fmt->table_row(s, row_cells(&r),
			     i == m->op		    ? RS_DIVERGENT
			     : i > m->op && !ran_on ? RS_MUTED
						    : RS_PLAIN);
	}
	fputs(s->fmt->table_end, s->f);
	if (!m->program_text)
		return;
	s->fmt->para(s, "Its text form (iotlbfuzz print):");
	fputs(s->fmt->pre_begin, s->f);

	const char *line = m->program_text;

	while (*line) {
		size_t n = strcspn(line, "\n");
		char buf[1024];

		snprintf(buf, sizeof(buf), "%.*s", (int)n, line);
		s->fmt->pre_line(s, buf, RS_PLAIN);
		line += n + (line[n] == '\n');
	}
	fputs(s->fmt->pre_end, s->f);
}

static void oracle_allows(struct report_sink *s, const struct report_impl *impl)
{
	static const char *const head[2] = {"", ""};
	const struct oracle_view *v = &impl->view;
	uint64_t offset = impl->focus_iova & (impl->min_page - 1);
	char text[400], prot[3];

	s->fmt->heading(s, 3, "What the oracle allows at the IOVA in question",
		   NULL);
	s->fmt->table_begin(s, 2, head);
	snprintf(text, sizeof(text), "0x%" PRIx64, impl->focus_iova);
	kv(s, "iova", text);
	if (v->mapped) {
		prot_text(v->current.prot, prot);
		snprintf(text, sizeof(text),
			 "pa 0x%" PRIx64 " %s, by the map of [0x%" PRIx64
			 ", 0x%" PRIx64 "]",
			 v->current.pa + offset, prot, v->region_start,
			 v->region_end);
		kv(s, "mapped to", text);
	} else {
		kv(s, "mapped to", "nothing (not mapped)");
	}
	kv(s, "a fault is", v->none_allowed ? "legal" : "not legal");
	for (unsigned int i = 0; i < v->nr_stale; i++) {
		prot_text(v->stale[i].prot, prot);
		snprintf(text, sizeof(text), "pa 0x%" PRIx64 " %s",
			 v->stale[i].pa + offset, prot);
		kv(s, "still legal until its sync or flush", text);
	}
	fputs(s->fmt->table_end, s->f);
}

static bool has_extent(const struct report_state *st,
		       const struct report_extent *e)
{
	/* field by field: the struct's tail padding is never written */
	for (size_t i = 0; i < st->nr_mapped; i++) {
		const struct report_extent *m = &st->mapped[i];

		if (m->iova == e->iova && m->size == e->size &&
		    m->pa == e->pa && m->prot == e->prot)
			return true;
	}
	return false;
}

static void extent_row(struct report_sink *s, const struct report_extent *e,
		       const char *change, enum report_style style)
{
	struct row r;
	char prot[3];

	prot_text(e->prot, prot);
	set(&r, 0, "[0x%" PRIx64 ", 0x%" PRIx64 "]", e->iova,
	    e->iova + e->size - 1);
	set(&r, 1, "0x%" PRIx64, e->pa);
	set(&r, 2, "%s", prot);
	set(&r, 3, "%s", change);
	s->fmt->table_row(s, row_cells(&r), style);
}

/*
 * The API state after the op, against @ref: the state before it, or the
 * other driver model's state after it (cross-driver).
 */
static void mapped(struct report_sink *s, const struct report_model *m,
		   const struct report_impl *impl,
		   const struct report_state *ref, const char *ref_name)
{
	static const char *const head[4] = {"iova range", "pa", "prot",
					    "change"};
	const struct report_state *after = &impl->after;
	char text[200], gone[200], added[200];
	size_t rows = 0;

	snprintf(text, sizeof(text),
		 "Mapped after op #%zu (the API state, as the oracle keeps it)",
		 m->op);
	s->fmt->heading(s, 3, text, NULL);
	if (!after->taken) {
		s->fmt->para(s, "Not recorded.");
		return;
	}
	snprintf(text, sizeof(text),
		 "Mapped extents: %zu. Unmapped ranges still waiting for their "
		 "sync or flush: %zu.",
		 after->nr_mapped, after->nr_pending_unmaps);
	s->fmt->para(s, text);
	snprintf(added, sizeof(added), "not in %s", ref_name);
	snprintf(gone, sizeof(gone), "only in %s", ref_name);
	s->fmt->table_begin(s, 4, head);
	for (size_t i = 0; i < after->nr_mapped && rows < LAYOUT_MAX_ROWS;
	     i++) {
		bool same = ref->taken && has_extent(ref, &after->mapped[i]);

		extent_row(s, &after->mapped[i], same ? "" : added,
			   same ? RS_PLAIN : RS_NEW);
		rows++;
	}
	for (size_t i = 0;
	     ref->taken && i < ref->nr_mapped && rows < LAYOUT_MAX_ROWS; i++) {
		if (has_extent(after, &ref->mapped[i]))
			continue;
		extent_row(s, &ref->mapped[i], gone, RS_GONE);
		rows++;
	}
	fputs(s->fmt->table_end, s->f);
	if (rows >= LAYOUT_MAX_ROWS)
		para(s, "(only the first %d rows are shown)", LAYOUT_MAX_ROWS);
}

static void tlb_row(struct report_sink *s, const struct report_impl *impl,
		    const struct iotlb_entry *e, const char *change,
		    enum report_style style)
{
	bool covers = impl->have_view && impl->focus_iova >= e->iova &&
		      impl->focus_iova - e->iova < e->size;
	struct row r;

	set(&r, 0, "%s", covers ? "yes" : "");
	set(&r, 1, "[0x%" PRIx64 " +0x%" PRIx64 "]", e->iova, e->size);
	if (e->negative)
		set(&r, 2, "cached fault");
	else
		set(&r, 2, "0x%" PRIx64 " %c%c", e->pa,
		    (e->perm & HW_PERM_READ) ? 'r' : '-',
		    (e->perm & HW_PERM_WRITE) ? 'w' : '-');
	set(&r, 3, "device access #%" PRIu64, e->fill_seq);
	set(&r, 4, "%s", change);
	s->fmt->table_row(s, row_cells(&r), covers ? RS_DIVERGENT : style);
}

static void iotlb(struct report_sink *s, const struct report_model *m,
		  const struct report_impl *impl)
{
	char in_op[40];
	const char *const head[5] = {"covers the IOVA", "entry",
				     "translates to", "filled by", in_op};
	const struct report_state *b = &impl->before, *a = &impl->after;
	char text[300];
	size_t rows = 0;

	snprintf(in_op, sizeof(in_op), "in op #%zu", m->op);

	snprintf(text, sizeof(text),
		 "The simulated IOTLB before and after op #%zu", m->op);
	s->fmt->heading(s, 3, text, NULL);
	if (b->taken)
		snprintf(text, sizeof(text),
			 "Before: %zu entries, %zu walk-cache entries; after: "
			 "%zu entries, %zu walk-cache entries.",
			 b->nr_tlb, b->nr_walk_entries, a->nr_tlb,
			 a->nr_walk_entries);
	else
		snprintf(text, sizeof(text),
			 "After: %zu entries, %zu walk-cache entries.",
			 a->nr_tlb, a->nr_walk_entries);
	s->fmt->para(s, text);
	s->fmt->para(s, "The device keeps every entry until an invalidation removes "
		   "it; an entry the op should have invalidated and did not is "
		   "a stale translation.");
	if (!a->nr_tlb && (!b->taken || !b->nr_tlb))
		return;
	s->fmt->table_begin(s, 5, head);
	for (size_t i = 0; i < a->nr_tlb && rows < LAYOUT_MAX_ROWS;
	     i++, rows++) {
		bool kept = b->taken && report_state_has_entry(b, &a->tlb[i]);

		tlb_row(s, impl, &a->tlb[i],
			!b->taken ? ""
			: kept	  ? "kept"
				  : "filled",
			kept || !b->taken ? RS_PLAIN : RS_NEW);
	}
	for (size_t i = 0; b->taken && i < b->nr_tlb && rows < LAYOUT_MAX_ROWS;
	     i++) {
		if (report_state_has_entry(a, &b->tlb[i]))
			continue;
		tlb_row(s, impl, &b->tlb[i], "invalidated", RS_GONE);
		rows++;
	}
	fputs(s->fmt->table_end, s->f);
	if (rows >= LAYOUT_MAX_ROWS)
		para(s, "(only the first %d rows are shown)", LAYOUT_MAX_ROWS);
}

static void kernel_gather_text(const struct report_state *st, unsigned int g,
			       char *buf, size_t len)
{
	const struct kstack_gather *k = &st->gathers[g];

	if (!st->taken || !st->have_gathers)
		snprintf(buf, len, "-");
	else if (k->start > k->end)
		snprintf(buf, len, "empty%s", k->queued ? ", queued" : "");
	else
		snprintf(buf, len,
			 "[0x%" PRIx64 ", 0x%" PRIx64 "] pgsize 0x%" PRIx64
			 "%s",
			 k->start, k->end, k->pgsize,
			 k->queued ? ", queued" : "");
}

static void ranges_text(const struct report_ranges *r, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = 0;
	if (!r->nr) {
		snprintf(buf, len, "nothing");
		return;
	}
	for (size_t i = 0; i < r->nr && at < len; i++) {
		int n = snprintf(buf + at, len - at,
				 "%s[0x%" PRIx64 ", 0x%" PRIx64 "]",
				 i ? " " : "", r->v[i].first, r->v[i].last);

		if (n < 0)
			break;
		at += (size_t)n;
	}
}

static void gathers(struct report_sink *s, const struct report_model *m,
		    const struct report_impl *impl)
{
	static const char *const head[5] = {
		"gather", "kernel gather before", "kernel gather after",
		"unmapped into it since its last sync",
		"of that, not yet synced"};
	const struct report_state *b = &impl->before, *a = &impl->after;
	struct row r;

	s->fmt->heading(s, 3, "Gathers", NULL);
	s->fmt->para(s, "The kernel's struct iommu_iotlb_gather of each of the "
		   "program's gathers (unmap_fast and sync name them; "
		   "iommu_unmap() uses one of its own, on its stack), and what "
		   "the runner follows for each: the pages unmapped into it "
		   "since it was last synced, and which of them no iotlb_sync "
		   "has covered yet. The runner adds an op's unmaps after "
		   "checking the IOTLB, so a divergence found before that "
		   "shows them only in the list below.");
	if (impl->nr_unmaps) {
		char text[1024];
		size_t at = 0;

		at = (size_t)snprintf(
			text, sizeof(text),
			"Unmapped in op #%zu, by the core's trace point:",
			m->op);
		for (size_t i = 0; i < impl->nr_unmaps && at < sizeof(text);
		     i++)
			at += (size_t)snprintf(
				text + at, sizeof(text) - at,
				" iova 0x%" PRIx64 " size 0x%" PRIx64 "%s",
				impl->unmaps[i].iova, impl->unmaps[i].unmapped,
				i + 1 < impl->nr_unmaps ? ";" : ".");
		s->fmt->para(s, text);
	}
	s->fmt->table_begin(s, 5, head);
	for (unsigned int g = 0; g <= PROG_MAX_GATHERS; g++) {
		if (g < PROG_MAX_GATHERS) {
			set(&r, 0, "%u", g);
			kernel_gather_text(b, g, r.cell[1], CELL);
			kernel_gather_text(a, g, r.cell[2], CELL);
		} else {
			set(&r, 0, "iommu_unmap()'s own");
			set(&r, 1, "(on the kernel's stack)");
			set(&r, 2, "(on the kernel's stack)");
		}
		ranges_text(&a->unmapped[g], r.cell[3], CELL);
		ranges_text(&a->pending[g], r.cell[4], CELL);
		s->fmt->table_row(s, row_cells(&r),
			     a->pending[g].nr ? RS_DIVERGENT : RS_PLAIN);
	}
	fputs(s->fmt->table_end, s->f);
}

static void syncs(struct report_sink *s, const struct report_model *m,
		  const struct report_impl *impl)
{
	static const char *const head[4] = {"gather", "range", "pgsize", ""};
	char text[200];
	struct row r;

	snprintf(text, sizeof(text), "iotlb_sync calls of op #%zu", m->op);
	s->fmt->heading(s, 3, text, NULL);
	if (!impl->nr_syncs) {
		s->fmt->para(s, "None.");
		return;
	}
	s->fmt->table_begin(s, 4, head);
	for (size_t i = 0; i < impl->nr_syncs; i++) {
		const struct report_sync *y = &impl->syncs[i];

		if (y->gather >= PROG_MAX_GATHERS)
			set(&r, 0, "iommu_unmap()'s own");
		else
			set(&r, 0, "%d", y->gather);
		set(&r, 1, "[0x%" PRIx64 ", 0x%" PRIx64 "]", y->start, y->end);
		set(&r, 2, "0x%" PRIx64, y->pgsize);
		set(&r, 3, "%s", y->start > y->end ? "empty gather" : "");
		s->fmt->table_row(s, row_cells(&r), RS_PLAIN);
	}
	fputs(s->fmt->table_end, s->f);
}

static void posted(struct report_sink *s, const struct report_impl *impl)
{
	static const char *const kinds[] = {"all", "leaf", "range+walk"};
	static const char *const head[3] = {"when", "invalidation", "range"};
	const struct report_state *st[2] = {&impl->before, &impl->after};
	static const char *const when[2] = {"before the op", "after the op"};
	bool any = false;
	struct row r;

	s->fmt->heading(s, 3, "Posted invalidations not yet waited for", NULL);
	for (int i = 0; i < 2; i++)
		any = any || st[i]->nr_posted;
	if (!any) {
		s->fmt->para(s, "None, before or after the op.");
		return;
	}
	s->fmt->table_begin(s, 3, head);
	for (int i = 0; i < 2; i++) {
		for (size_t k = 0; k < st[i]->nr_posted && k < LAYOUT_MAX_ROWS;
		     k++) {
			const struct sim_posted *p = &st[i]->posted[k];

			set(&r, 0, "%s", when[i]);
			set(&r, 1, "%s",
			    p->kind <= SIM_INV_RANGE ? kinds[p->kind] : "?");
			set(&r, 2, "iova 0x%" PRIx64 " size 0x%" PRIx64,
			    p->iova, p->size);
			s->fmt->table_row(s, row_cells(&r),
				     i ? RS_DIVERGENT : RS_PLAIN);
		}
	}
	fputs(s->fmt->table_end, s->f);
}

static void device_view(struct report_sink *s, const struct report_impl *impl)
{
	static const char *const head[2] = {"", ""};
	const struct walk_result *w = &impl->walk;
	char text[300];

	if (!impl->have_walk && !impl->have_iova_to_phys)
		return;
	snprintf(text, sizeof(text), "The page tables at iova 0x%" PRIx64,
		 impl->focus_iova);
	s->fmt->heading(s, 3, text, NULL);
	s->fmt->table_begin(s, 2, head);
	if (impl->have_walk) {
		if (w->status == XLATE_OK)
			snprintf(text, sizeof(text),
				 "ok: pa 0x%" PRIx64 ", %" PRIu64
				 "K leaf at level %d, descriptor 0x%" PRIx64,
				 w->pa, w->block_size >> 10, w->level, w->pte);
		else
			snprintf(text, sizeof(text), "%s",
				 xlate_status_name(w->status));
		kv(s, "walked afresh, as the hardware reads them", text);
	}
	if (impl->have_iova_to_phys) {
		snprintf(text, sizeof(text), "0x%" PRIx64, impl->iova_to_phys);
		kv(s, "the kernel's iommu_iova_to_phys", text);
	}
	fputs(s->fmt->table_end, s->f);
}

static size_t op_events_end(const struct report_impl *impl, size_t op,
			    size_t last)
{
	return op < last ? impl->op_events[op + 1 - impl->first_op]
			 : impl->nr_events;
}

static bool is_sync_event(enum event_kind k)
{
	return k == EV_IOTLB_SYNC || k == EV_HW_INV_ALL ||
	       k == EV_HW_INV_LEAF || k == EV_HW_INV_RANGE ||
	       k == EV_HW_INV_LEAF_STEPPED || k == EV_HW_INV_LEAF_HINTED ||
	       k == EV_HW_POST || k == EV_HW_WAIT || k == EV_FLUSH_IOTLB_ALL;
}

static void sync_log(struct report_sink *s, const struct report_model *m,
		     const struct report_impl *impl)
{
	char text[600], op[200];
	size_t last = impl->op;

	snprintf(text, sizeof(text),
		 "What the kernel and the driver did, ops #%zu..#%zu (the "
		 "event log)",
		 impl->first_op, last);
	s->fmt->heading(s, 3, text, NULL);
	s->fmt->para(s,
		"io-pgtable's flush callbacks (tlb_flush_walk, tlb_add_page), "
		"the core's iotlb_sync with the gather it passed, the driver's "
		"invalidations as the device received them (issued, or posted "
		"and completed by a wait), and the map/unmap trace points.");
	if (impl->events_cut)
		s->fmt->para(s, "The event log was full: later events are missing.");
	fputs(s->fmt->pre_begin, s->f);
	for (size_t o = impl->first_op; o <= last; o++) {
		size_t from = impl->op_events[o - impl->first_op];
		size_t to = op_events_end(impl, o, last);

		op_text(m, o, op, sizeof(op));
		snprintf(text, sizeof(text), "op #%zu: %s%s", o, op,
			 o == m->op ? "   <= first divergence" : "");
		s->fmt->pre_line(s, text, o == m->op ? RS_DIVERGENT : RS_OP);
		for (size_t i = from; i < to; i++) {
			const struct event *e = &impl->events[i];
			char line[512];

			if (e->kind == EV_OP)
				continue;
			event_format(e, line, sizeof(line));
			snprintf(text, sizeof(text), "    %s", line);
			s->fmt->pre_line(s, text,
				    is_sync_event(e->kind) ? RS_SYNC
							   : RS_PLAIN);
		}
		if (from == to ||
		    (to - from == 1 && impl->events[from].kind == EV_OP))
			s->fmt->pre_line(s, "    (nothing)", RS_MUTED);
	}
	fputs(s->fmt->pre_end, s->f);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* "f, g, h": the distinct functions of op @op, by name. */
static void function_list(const struct report_impl *impl, size_t op, char *buf,
			  size_t len)
{
	const char **names =
		calloc(impl->nr_calls ? impl->nr_calls : 1, sizeof(*names));
	size_t n = 0, at = 0;

	buf[0] = 0;
	if (!names)
		return;
	for (size_t i = 0; i < impl->nr_calls; i++)
		if (impl->calls[i].op == op)
			names[n++] = impl->calls[i].name;
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n && at < len; i++) {
		if (i && !strcmp(names[i], names[i - 1]))
			continue;

		int w = snprintf(buf + at, len - at, "%s%s", at ? ", " : "",
				 names[i]);

		if (w < 0)
			break;
		at += (size_t)w;
	}
	free(names);
}

static void kernel_functions(struct report_sink *s,
			     const struct report_model *m,
			     const struct report_impl *impl)
{
	struct report_call_line *lines;
	char text[4096], op[200];

	snprintf(text, sizeof(text),
		 "Kernel functions that ran, ops #%zu..#%zu", impl->first_op,
		 impl->op);
	s->fmt->heading(s, 3, text, NULL);
	if (!impl->traced) {
		s->fmt->para(s, "Not recorded.");
		return;
	}
	s->fmt->para(s,
		"Every function of the kernel files (io-pgtable, the map/unmap "
		"path of iommu.c) the op called, as a call tree in call order; "
		"consecutive identical calls are folded into one line with a "
		"count. The harness's own iova_to_phys probes are left out. "
		"gcc builds also show the kernel's inline helpers; clang "
		"builds show the functions left after inlining.");
	if (impl->calls_dropped)
		para(s, "The trace was full: %zu later calls are missing.",
		     impl->calls_dropped);
	for (size_t o = impl->first_op; o <= impl->op; o++) {
		char line[4200];

		function_list(impl, o, text, sizeof(text));
		snprintf(line, sizeof(line), "In op #%zu: %s.", o,
			 text[0] ? text : "none");
		s->fmt->para(s, line);
	}
	lines = calloc(LAYOUT_MAX_CALL_LINES, sizeof(*lines));
	if (!lines)
		return;
	fputs(s->fmt->pre_begin, s->f);
	for (size_t o = impl->first_op; o <= impl->op; o++) {
		size_t n =
			report_call_tree(impl, o, lines, LAYOUT_MAX_CALL_LINES);

		op_text(m, o, op, sizeof(op));
		snprintf(text, sizeof(text), "op #%zu: %s%s", o, op,
			 o == m->op ? "   <= first divergence" : "");
		s->fmt->pre_line(s, text, o == m->op ? RS_DIVERGENT : RS_OP);
		if (!n)
			s->fmt->pre_line(s, "    (no kernel function)", RS_MUTED);
		for (size_t i = 0; i < n && i < LAYOUT_MAX_CALL_LINES; i++) {
			int indent = 4 + 2 * (int)(lines[i].depth < 40
							   ? lines[i].depth
							   : 40);

			if (lines[i].repeat > 1)
				snprintf(text, sizeof(text), "%*s%s  (x%zu)",
					 indent, "", lines[i].name,
					 lines[i].repeat);
			else
				snprintf(text, sizeof(text), "%*s%s", indent,
					 "", lines[i].name);
			s->fmt->pre_line(s, text, RS_PLAIN);
		}
		if (n > LAYOUT_MAX_CALL_LINES) {
			snprintf(text, sizeof(text), "    ... %zu more lines",
				 n - LAYOUT_MAX_CALL_LINES);
			s->fmt->pre_line(s, text, RS_MUTED);
		}
	}
	fputs(s->fmt->pre_end, s->f);
	free(lines);
}

static void implementation(struct report_sink *s, const struct report_model *m,
			   size_t i)
{
	const struct report_impl *impl = &m->impl[i];
	const struct report_impl *other =
		m->nr_impls > 1 ? &m->impl[1 - i] : NULL;
	char text[700], id[32];

	snprintf(text, sizeof(text),
		 "The kernel-extracted stack with driver model %s (#%d)",
		 impl->driver_name, impl->driver);
	snprintf(id, sizeof(id), "impl-%zu", i);
	s->fmt->heading(s, 2, text, id);
	s->fmt->para(s, impl->config);
	if (impl->result == RUN_DIVERGENCE)
		snprintf(text, sizeof(text), "This run: %s at op #%zu: %s",
			 divergence_name(impl->cls), impl->op, impl->msg);
	else
		snprintf(text, sizeof(text),
			 "This run is clean on its own; the divergence is what "
			 "it maps after op #%zu compared with %s.",
			 m->op, other ? other->driver_name : "the other model");
	s->fmt->para(s, text);

	if (impl->have_view)
		oracle_allows(s, impl);
	if (other) {
		char name[100];

		snprintf(name, sizeof(name), "%s", other->driver_name);
		mapped(s, m, impl, &other->after, name);
	} else {
		mapped(s, m, impl, &impl->before, "the state before the op");
	}
	iotlb(s, m, impl);
	device_view(s, impl);
	gathers(s, m, impl);
	syncs(s, m, impl);
	posted(s, impl);
	sync_log(s, m, impl);
	kernel_functions(s, m, impl);
}

void report_layout(struct report_sink *s, const struct report_model *m)
{
	char title[300];

	snprintf(title, sizeof(title), "iotlbfuzz: %s at op #%zu",
		 divergence_name(m->cls), m->op);
	if (s->fmt->begin)
		s->fmt->begin(s, title);
	s->fmt->heading(s, 1, title, "top");
	summary(s, m);
	reproduce(s, m);
	program(s, m);
	for (size_t i = 0; i < m->nr_impls; i++)
		implementation(s, m, i);
	s->fmt->heading(s, 2, "Reading this report", "reading");
	s->fmt->para(s, "docs/reading-a-report.md walks through a report section by "
		   "section; docs/divergence-classes.md says what each class "
		   "means; docs/findings.md lists the kernel bugs found so far "
		   "and how a confirmed one is suppressed.");
	fputs(s->fmt->end, s->f);
}

int report_render(FILE *f, const struct report_format *fmt,
		  const struct report_model *m)
{
	struct report_sink s = { .f = f, .fmt = fmt };

	report_layout(&s, m);
	return ferror(f) ? -1 : 0;
}
