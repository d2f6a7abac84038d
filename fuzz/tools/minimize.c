// SPDX-License-Identifier: GPL-2.0-only
/*
 * The minimizer (minimize.h). Every step proposes a whole candidate
 * program and keeps it only if the runner still reports the same class;
 * the runner itself rejects candidates outside the limits (alignment,
 * ranges, page sizes, work), so validity needs no second set of rules
 * here. Value candidates are tried smallest first, so the first one that
 * keeps the divergence is taken.
 */
#include "minimize.h"

#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "program_formats.h"
#include "program_mutator.h"
#include "run_observer.h"
#include "run_trace.h"

#define MAX_ROUNDS 64
#define MAX_VALUE_CANDIDATES 96
/* Mutation chains tried without a gain before the random phase gives up. */
#define RANDOM_TRIES 1000
#define RANDOM_DEPTH 4
#define MUTATION_BUF 8192

struct minimizer {
	struct run_options opt;
	const struct minimize_goal *goal; /* NULL: diverge alike */
	enum divergence_class cls;
	struct program *best;
	struct program cand;
	struct run_outcome out; /* of best */
	unsigned long runs;
	uint64_t min_page; /* of the domain best gets */
	unsigned long bitmap;
	struct program_mutator pm;
	unsigned int seed;
};

static bool same_divergence(const struct minimizer *m,
			    const struct run_outcome *o)
{
	return o->result == RUN_DIVERGENCE && o->cls == m->cls;
}

static bool goal_holds(const struct minimizer *m, const struct program *p)
{
	size_t len;
	uint8_t *bytes = program_encode(p, &len);
	bool ok = bytes && m->goal->holds(bytes, len, m->goal->ctx);

	free(bytes);
	return ok;
}

/* Run m->cand; if it still diverges alike (or meets the goal), keep it. */
static bool try_candidate(struct minimizer *m)
{
	struct run_outcome o = { 0 };

	m->runs++;
	if (m->goal) {
		if (!goal_holds(m, &m->cand))
			return false;
	} else {
		run_program(&m->cand, &m->opt, &o);
		if (!same_divergence(m, &o))
			return false;
		m->out = o;
	}
	*m->best = m->cand;
	return true;
}

static void start_candidate(struct minimizer *m)
{
	m->cand = *m->best;
}

/* The page sizes the domain settles on, for aligned value candidates. */
static void learn_domain(struct minimizer *m)
{
	struct run_trace *t = calloc(1, sizeof(*t));
	struct run_options o = m->opt;
	struct run_observer watch;
	struct run_outcome out;

	m->bitmap = m->best->cfg.pgsize_bitmap;
	if (t) {
		run_trace_observer(t, &watch);
		o.observers = &watch;
		run_program(m->best, &o, &out);
		m->runs++;
		if (t->started && t->pgsize_bitmap)
			m->bitmap = t->pgsize_bitmap;
		free(t);
	}
	if (!m->bitmap)
		m->bitmap = 0x1000;
	m->min_page = m->bitmap & -m->bitmap;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static size_t add_value(uint64_t *v, size_t n, uint64_t x)
{
	if (n < MAX_VALUE_CANDIDATES)
		v[n++] = x;
	return n;
}

/* Sort, drop duplicates and everything not below @limit or under @floor. */
static size_t tidy_values(uint64_t *v, size_t n, uint64_t floor, uint64_t limit)
{
	size_t k = 0;

	qsort(v, n, sizeof(*v), cmp_u64);
	for (size_t i = 0; i < n; i++)
		if (v[i] >= floor && v[i] < limit && (!k || v[k - 1] != v[i]))
			v[k++] = v[i];
	return k;
}

/*
 * Addresses below @a that keep the smallest page's alignment: 0, @a with
 * one of its bits cleared, @a rounded down to each page size, half of @a.
 */
static size_t smaller_addresses(const struct minimizer *m, uint64_t a,
				uint64_t *v)
{
	uint64_t align = m->min_page;
	size_t n = 0;

	n = add_value(v, n, 0);
	for (int b = 63; b >= 0; b--)
		if (a & (1ULL << b))
			n = add_value(v, n, (a & ~(1ULL << b)) & ~(align - 1));
	for (int b = 0; b < 64; b++)
		if (m->bitmap & (1UL << b))
			n = add_value(v, n, a & ~((1ULL << b) - 1));
	n = add_value(v, n, (a / 2) & ~(align - 1));
	if (a >= align)
		n = add_value(v, n, a - align);
	return tidy_values(v, n, 0, a);
}

/* Sizes below @s, at least one smallest page: each page size, halves. */
static size_t smaller_sizes(const struct minimizer *m, uint64_t s, uint64_t *v)
{
	uint64_t align = m->min_page;
	size_t n = 0;

	for (int b = 0; b < 64; b++)
		if (m->bitmap & (1UL << b))
			n = add_value(v, n, 1ULL << b);
	n = add_value(v, n, (s / 2) & ~(align - 1));
	if (s > align)
		n = add_value(v, n, s - align);
	for (int b = 63; b >= 0; b--)
		if (s & (1ULL << b))
			n = add_value(v, n, (s & ~(1ULL << b)) & ~(align - 1));
	return tidy_values(v, n, align, s);
}

static bool ranged(const struct prog_op *op)
{
	return op->kind == OP_MAP || op->kind == OP_UNMAP ||
	       op->kind == OP_UNMAP_FAST;
}

static bool addressed(const struct prog_op *op)
{
	return ranged(op) || op->kind == OP_IOVA_TO_PHYS ||
	       op->kind == OP_ACCESS || op->kind == OP_PREFETCH;
}

/* Delta debugging over the operations: chunks from all to one. */
static bool drop_ops(struct minimizer *m)
{
	bool changed = false;
	size_t chunk = m->best->nr_ops;

	/* nothing after the divergent op ran */
	if (m->out.op + 1 < m->best->nr_ops) {
		start_candidate(m);
		m->cand.nr_ops = m->out.op + 1;
		changed |= try_candidate(m);
	}
	while (chunk >= 1) {
		size_t end = m->best->nr_ops;

		/* from the back, so the indices in front stay put */
		while (end > 0) {
			size_t start = end > chunk ? end - chunk : 0;
			size_t n = m->best->nr_ops;

			start_candidate(m);
			memmove(&m->cand.ops[start], &m->best->ops[end],
				(n - end) * sizeof(m->cand.ops[0]));
			m->cand.nr_ops = n - (end - start);
			changed |= try_candidate(m);
			end = start;
		}
		if (chunk == 1)
			break;
		chunk /= 2;
	}
	return changed;
}

/* Two ops of a kind whose ranges one op of that kind could cover. */
static bool mergeable(const struct prog_op *a, const struct prog_op *b)
{
	if (a->kind != b->kind || !ranged(a))
		return false;
	return a->kind != OP_UNMAP_FAST || a->gather == b->gather;
}

/*
 * Two maps (or unmaps) replaced by one that covers both, at the place of
 * the first: what delta debugging cannot find when neither can go alone
 * (two disjoint unmaps into one gather need two mapped ranges, which one
 * map covering both provides).
 */
static bool merge_ops(struct minimizer *m)
{
	bool changed = false;

	if (m->best->nr_ops > 64) /* quadratic: only once the rest is small */
		return false;
	for (size_t j = 0; j < m->best->nr_ops; j++) {
		for (size_t i = j + 1; i < m->best->nr_ops; i++) {
			const struct prog_op *a = &m->best->ops[j];
			const struct prog_op *b = &m->best->ops[i];
			uint64_t lo, a_last, b_last, hi;

			if (!mergeable(a, b) || !a->size || !b->size)
				continue;
			lo = a->iova < b->iova ? a->iova : b->iova;
			/* by last bytes: a range may end at 2^64 */
			a_last = a->iova + (a->size - 1);
			b_last = b->iova + (b->size - 1);
			hi = a_last > b_last ? a_last : b_last;
			if (a_last < a->iova || b_last < b->iova ||
			    hi - lo == UINT64_MAX)
				continue; /* wraps, or 2^64 bytes: no size */
			start_candidate(m);
			/* a map keeps the PA of the lower one's start */
			if (b->iova < a->iova)
				m->cand.ops[j].paddr = b->paddr;
			m->cand.ops[j].iova = lo;
			m->cand.ops[j].size = hi - lo + 1;
			memmove(&m->cand.ops[i], &m->cand.ops[i + 1],
				(m->cand.nr_ops - i - 1) *
					sizeof(m->cand.ops[0]));
			m->cand.nr_ops--;
			if (try_candidate(m)) {
				changed = true;
				i = j; /* op j is new: its partners again */
			}
		}
	}
	return changed;
}

/*
 * Move the IOVAs of a group of ops together: all of them (a rebase), or
 * those inside the range of op @anchor, so that maps, accesses and unmaps
 * of one region stay together.
 */
static bool in_group(const struct prog_op *anchor, const struct prog_op *op)
{
	uint64_t span = ranged(anchor) ? anchor->size : 1;

	return addressed(op) && op->iova >= anchor->iova &&
	       op->iova - anchor->iova < (span ? span : 1);
}

static bool move_iovas(struct minimizer *m, const struct prog_op *anchor_op,
		       uint64_t from, uint64_t to)
{
	struct prog_op anchor = { 0 }; /* gcc cannot see anchor_op guards it */

	if (anchor_op)
		anchor = *anchor_op;
	start_candidate(m);
	for (size_t i = 0; i < m->cand.nr_ops; i++) {
		struct prog_op *op = &m->cand.ops[i];

		if (!addressed(op) || op->iova < from)
			continue;
		if (anchor_op && !in_group(&anchor, op))
			continue;
		op->iova = op->iova - from + to;
	}
	return try_candidate(m);
}

static bool shrink_iovas(struct minimizer *m)
{
	uint64_t v[MAX_VALUE_CANDIDATES];
	uint64_t lo = UINT64_MAX;
	bool changed = false;
	size_t n;

	for (size_t i = 0; i < m->best->nr_ops; i++)
		if (addressed(&m->best->ops[i]) && m->best->ops[i].iova < lo)
			lo = m->best->ops[i].iova;
	if (lo != UINT64_MAX && lo) {
		n = smaller_addresses(m, lo, v);
		for (size_t k = 0; k < n; k++)
			if (move_iovas(m, NULL, lo, v[k])) {
				changed = true;
				break;
			}
	}
	for (size_t i = 0; i < m->best->nr_ops; i++) {
		const struct prog_op *op = &m->best->ops[i];

		if (!addressed(op) || !op->iova)
			continue;
		n = smaller_addresses(m, op->iova, v);
		for (size_t k = 0; k < n; k++) {
			struct prog_op anchor = m->best->ops[i];

			if (move_iovas(m, &anchor, anchor.iova, v[k])) {
				changed = true;
				break;
			}
			/* this op alone */
			start_candidate(m);
			m->cand.ops[i].iova = v[k];
			if (try_candidate(m)) {
				changed = true;
				break;
			}
		}
	}
	return changed;
}

static bool shrink_paddrs(struct minimizer *m)
{
	uint64_t v[MAX_VALUE_CANDIDATES];
	uint64_t lo = UINT64_MAX;
	bool changed = false;
	size_t n;

	for (size_t i = 0; i < m->best->nr_ops; i++)
		if (m->best->ops[i].kind == OP_MAP &&
		    m->best->ops[i].paddr < lo)
			lo = m->best->ops[i].paddr;
	if (lo != UINT64_MAX && lo) {
		n = smaller_addresses(m, lo, v);
		for (size_t k = 0; k < n && !changed; k++) {
			start_candidate(m);
			for (size_t i = 0; i < m->cand.nr_ops; i++)
				if (m->cand.ops[i].kind == OP_MAP)
					m->cand.ops[i].paddr -= lo - v[k];
			changed = try_candidate(m);
		}
	}
	for (size_t i = 0; i < m->best->nr_ops; i++) {
		uint64_t pa = m->best->ops[i].paddr;

		if (m->best->ops[i].kind != OP_MAP || !pa)
			continue;
		n = smaller_addresses(m, pa, v);
		for (size_t k = 0; k < n; k++) {
			start_candidate(m);
			m->cand.ops[i].paddr = v[k];
			if (try_candidate(m)) {
				changed = true;
				break;
			}
		}
	}
	return changed;
}

static bool shrink_sizes(struct minimizer *m)
{
	uint64_t v[MAX_VALUE_CANDIDATES];
	bool changed = false;

	for (size_t i = 0; i < m->best->nr_ops; i++) {
		uint64_t s = m->best->ops[i].size;
		size_t n;

		if (!ranged(&m->best->ops[i]))
			continue;
		n = smaller_sizes(m, s, v);
		for (size_t k = 0; k < n; k++) {
			/* every op of that size (a map and its unmap) */
			start_candidate(m);
			for (size_t j = 0; j < m->cand.nr_ops; j++)
				if (ranged(&m->cand.ops[j]) &&
				    m->cand.ops[j].size == s)
					m->cand.ops[j].size = v[k];
			if (try_candidate(m)) {
				changed = true;
				break;
			}
			start_candidate(m);
			m->cand.ops[i].size = v[k];
			if (try_candidate(m)) {
				changed = true;
				break;
			}
		}
	}
	return changed;
}

static bool simplify_op(struct minimizer *m, size_t i)
{
	const struct prog_op *cur = &m->best->ops[i];
	bool changed = false;

	/* the strict form of an unmap into a caller's gather */
	if (cur->kind == OP_UNMAP_FAST) {
		start_candidate(m);
		m->cand.ops[i].kind = OP_UNMAP;
		m->cand.ops[i].gather = 0;
		changed |= try_candidate(m);
	}
	cur = &m->best->ops[i];
	if ((cur->kind == OP_UNMAP_FAST || cur->kind == OP_SYNC) &&
	    cur->gather) {
		unsigned int g = cur->gather;

		/* the gather's other users follow it */
		start_candidate(m);
		for (size_t j = 0; j < m->cand.nr_ops; j++)
			if ((m->cand.ops[j].kind == OP_UNMAP_FAST ||
			     m->cand.ops[j].kind == OP_SYNC) &&
			    m->cand.ops[j].gather == g)
				m->cand.ops[j].gather = 0;
		if (!try_candidate(m)) {
			start_candidate(m);
			m->cand.ops[i].gather = 0;
			changed |= try_candidate(m);
		} else {
			changed = true;
		}
	}
	cur = &m->best->ops[i];
	if (cur->kind == OP_ACCESS && cur->access == HW_PERM_WRITE) {
		start_candidate(m);
		m->cand.ops[i].access = HW_PERM_READ;
		changed |= try_candidate(m);
	}
	cur = &m->best->ops[i];
	if (cur->kind == OP_MAP && cur->prot != 3) {
		/* the extra attributes first, then plain read-write */
		if (cur->prot & ~3u) {
			start_candidate(m);
			m->cand.ops[i].prot &= 3;
			changed |= try_candidate(m);
		}
		if (m->best->ops[i].prot != 3) {
			start_candidate(m);
			m->cand.ops[i].prot = 3;
			changed |= try_candidate(m);
		}
	}
	return changed;
}

static bool simplify_ops(struct minimizer *m)
{
	bool changed = false;

	for (size_t i = 0; i < m->best->nr_ops; i++)
		changed |= simplify_op(m, i);
	return changed;
}

static bool simplify_config(struct minimizer *m)
{
	const struct format_defaults *d;
	bool changed = false;
	struct prog_config *c;

#define TRY_CONFIG(cond, stmt)                       \
	do {                                         \
		if (cond) {                          \
			start_candidate(m);          \
			c = &m->cand.cfg;            \
			stmt;                        \
			changed |= try_candidate(m); \
		}                                    \
	} while (0)

	d = program_format_defaults(m->best->cfg.fmt);
	TRY_CONFIG(m->best->cfg.quirks, c->quirks = 0);
	for (int b = 63; b >= 0; b--)
		TRY_CONFIG(m->best->cfg.quirks & (1UL << b),
			   c->quirks &= ~(1UL << b));
	TRY_CONFIG(m->best->cfg.fail_alloc, c->fail_alloc = 0);
	TRY_CONFIG(m->best->cfg.fail_sync_map, c->fail_sync_map = 0);
	/* the tables back where they always were */
	TRY_CONFIG(m->best->cfg.table_base, c->table_base = 0);
	TRY_CONFIG(m->best->cfg.deferred, c->deferred = false);
	TRY_CONFIG(!m->best->cfg.coherent_walk, c->coherent_walk = true);
	TRY_CONFIG(!m->best->cfg.walk_cache, c->walk_cache = true);
	TRY_CONFIG(m->best->cfg.cache_not_present,
		   c->cache_not_present = false);
	TRY_CONFIG(m->best->cfg.iotlb_entries, c->iotlb_entries = 0);
	TRY_CONFIG(m->best->cfg.range_invalidation,
		   c->range_invalidation = false);
	TRY_CONFIG(m->best->cfg.ias != d->ias, c->ias = d->ias);
	TRY_CONFIG(m->best->cfg.oas != d->oas, c->oas = d->oas);
	/* fewer page sizes: the smallest alone, else drop the biggest */
	unsigned long bm = m->best->cfg.pgsize_bitmap;

	TRY_CONFIG(bm & (bm - 1), c->pgsize_bitmap = bm & -bm);
	for (int b = 63; b >= 0; b--) {
		bm = m->best->cfg.pgsize_bitmap;
		TRY_CONFIG((bm & (bm - 1)) && (bm & (1UL << b)),
			   c->pgsize_bitmap &= ~(1UL << b));
	}
	for (size_t i = m->best->cfg.nr_also_run_on; i-- > 0;) {
		if (m->best->cfg.nr_also_run_on < 2)
			break;
		start_candidate(m);
		c = &m->cand.cfg;
		memmove(&c->also_run_on[i], &c->also_run_on[i + 1],
			(c->nr_also_run_on - i - 1) *
				sizeof(c->also_run_on[0]));
		c->nr_also_run_on--;
		changed |= try_candidate(m);
	}
#undef TRY_CONFIG
	return changed;
}

/* The random phase mutates everything but the driver under test. */
static int mutation_driver;

static bool only_the_driver(int driver)
{
	return driver == mutation_driver;
}

static bool same_setting(const struct program *a, const struct program *b)
{
	return a->cfg.driver == b->cfg.driver && a->cfg.fmt == b->cfg.fmt &&
	       a->cfg.nr_also_run_on == b->cfg.nr_also_run_on &&
	       !memcmp(a->cfg.also_run_on, b->cfg.also_run_on,
		       sizeof(a->cfg.also_run_on));
}

/*
 * Some programs only get shorter through a step that makes something else
 * bigger: an unmap that grows across a block boundary makes the core sync
 * on its own, and the explicit sync can go. No one-way step finds that.
 * So, at the fixpoint, chains of the structure-aware mutator's mutations
 * (docs/mutator.md) from the best program, as libFuzzer's -minimize_crash
 * does with bytes, keeping a candidate with fewer operations and the same
 * class; seeded, so a run is repeatable. The driver, format and
 * cross-driver set stay as they are.
 */
static bool random_phase(struct minimizer *m)
{
	static uint8_t buf[MUTATION_BUF];

	mutation_driver = m->best->cfg.driver;
	program_mutator_init(&m->pm, only_the_driver);
	m->pm.formats = 1u << m->best->cfg.fmt;
	for (unsigned int t = 0; t < RANDOM_TRIES; t++) {
		size_t len;
		uint8_t *enc = program_encode(m->best, &len);

		if (!enc || len > sizeof(buf)) {
			free(enc);
			return false;
		}
		memcpy(buf, enc, len);
		free(enc);
		for (unsigned int d = 0; d < RANDOM_DEPTH; d++) {
			char why[128];

			len = program_mutate(&m->pm, buf, len, sizeof(buf),
					     m->seed++);
			if (!len)
				break;
			if (program_from_input(buf, len, &m->cand, why,
					       sizeof(why)) ||
			    m->cand.nr_ops >= m->best->nr_ops ||
			    !same_setting(&m->cand, m->best))
				continue;
			if (try_candidate(m))
				return true;
		}
	}
	return false;
}

/*
 * The minimized program must replay the same way from its encoded form,
 * which is what anyone else will run.
 */
static bool survives_encoding(struct minimizer *m)
{
	size_t len;
	uint8_t *bytes = program_encode(m->best, &len);
	struct run_outcome o;
	char why[256];
	bool ok = false;

	if (!bytes)
		return false;
	if (program_from_input(bytes, len, &m->cand, why, sizeof(why)) == 0) {
		m->runs++;
		if (m->goal) {
			ok = goal_holds(m, &m->cand);
		} else {
			run_program(&m->cand, &m->opt, &o);
			ok = same_divergence(m, &o);
		}
	}
	free(bytes);
	return ok;
}

int program_minimize_goal(struct program *p, const struct run_options *opt,
			  const struct minimize_goal *goal,
			  struct minimize_stats *st, char *why, size_t whylen)
{
	struct minimizer *m = calloc(1, sizeof(*m));
	struct program *work = malloc(sizeof(*work));
	int ret = -1;

	memset(st, 0, sizeof(*st));
	st->ops_before = p->nr_ops;
	if (!m || !work) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	m->opt = *opt;
	m->opt.fatal = false;
	m->opt.observers = NULL;
	m->goal = goal;
	m->seed = 1;
	*work = *p;
	m->best = work;
	m->runs = 1;
	if (goal && !goal_holds(m, work)) {
		snprintf(why, whylen,
			 "the program does not meet the goal to begin with: "
			 "nothing to minimize");
		goto out;
	}
	run_program(work, &m->opt, &m->out);
	if (!goal && m->out.result != RUN_DIVERGENCE) {
		snprintf(why, whylen,
			 "the program does not diverge (%s%s%s): nothing to "
			 "minimize",
			 run_result_name(m->out.result),
			 m->out.msg[0] ? ": " : "", m->out.msg);
		goto out;
	}
	m->cls = m->out.cls;
	for (st->rounds = 1; st->rounds <= MAX_ROUNDS; st->rounds++) {
		bool changed = false;

		changed |= drop_ops(m);
		changed |= merge_ops(m);
		learn_domain(m);
		changed |= simplify_ops(m);
		changed |= shrink_sizes(m);
		changed |= shrink_iovas(m);
		changed |= shrink_paddrs(m);
		changed |= simplify_config(m);
		if (!changed && m->best->nr_ops > 1)
			changed = random_phase(m);
		if (!changed)
			break;
	}
	if (!survives_encoding(m)) {
		snprintf(why, whylen,
			 "internal error: the minimized program does not "
			 "replay alike once encoded");
		goto out;
	}
	if (goal) /* what the runner here makes of the result */
		run_program(work, &m->opt, &m->out);
	*p = *work;
	ret = 0;
out:
	if (m) {
		st->runs = m->runs;
		st->cls = goal ? m->out.cls : m->cls;
		st->outcome = m->out;
	}
	st->ops_after = p->nr_ops;
	free(work);
	free(m);
	return ret;
}

int program_minimize(struct program *p, const struct run_options *opt,
		     struct minimize_stats *st, char *why, size_t whylen)
{
	return program_minimize_goal(p, opt, NULL, st, why, whylen);
}
