// SPDX-License-Identifier: GPL-2.0-only
/*
 * Domain hooks for pbm on iotlbfuzz.Program. Bugs in the map/unmap/gather
 * path live where ranges meet: at page and block boundaries, where an
 * unmap cuts a block or a range another op mapped, at the end of the input
 * address space. Random 64-bit numbers almost never land there and are
 * mostly rejected (unaligned, beyond 2^ias), so the hooks draw addresses
 * and sizes from the configuration's page sizes and from the ranges the
 * program already uses. A share of values is still left to the generic
 * mutation so that the decoder's limits keep being probed.
 */
#include "program_mutator.h"

#include <stdlib.h>
#include <string.h>

#include "program.h"
#include "program.pb-c.h"
#include "program_formats.h"

/*
 * What the configuration makes of addresses (before io-pgtable). Ends are
 * last bytes: with 64 input bits the end of the space is 2^64, and
 * iova_last + 1 - x is then 2^64 - x, as modular arithmetic has it.
 */
struct geom {
	uint64_t sizes[52]; /* page sizes below 2^ias, ascending */
	unsigned int nsizes;
	uint64_t page, block;
	uint64_t iova_last, pa_last;
	/* a 64-bit space: aim at its top more often than anywhere else */
	bool top_heavy;
	const struct format_defaults *limits;
};

static void geom_of(const Iotlbfuzz__Config *c, struct geom *g)
{
	enum pt_format fmt = PT_ARM_64_LPAE_S1;
	unsigned int ias, oas, top;
	uint64_t bitmap;

	if (c && c->has_format &&
	    program_format_of_proto(c->format) != PT_NR_FORMATS)
		fmt = program_format_of_proto(c->format);
	g->limits = program_format_defaults(fmt);
	bitmap = g->limits->pgsize_bitmap;
	ias = g->limits->ias;
	oas = g->limits->oas;
	top = g->limits->max_pgsize_shift ? g->limits->max_pgsize_shift : 51;
	/* the decoder's checks, loosely: a rejected value means default */
	if (c && c->has_pgsize_bitmap && c->pgsize_bitmap &&
	    !(c->pgsize_bitmap & ~((~0ULL >> (63 - top)) & ~0xfffULL)))
		bitmap = c->pgsize_bitmap;
	if (c && c->has_ias && c->ias >= 16 && c->ias <= g->limits->max_ias)
		ias = c->ias;
	if (c && c->has_oas && c->oas >= PROG_MIN_OAS &&
	    c->oas <= g->limits->max_oas)
		oas = c->oas;
	g->iova_last = ias >= 64 ? ~0ULL : (1ULL << ias) - 1;
	g->pa_last = oas >= 64 ? ~0ULL : (1ULL << oas) - 1;
	g->top_heavy = ias >= 64;
	g->nsizes = 0;
	for (unsigned int b = 12; b < 64 && (1ULL << b) - 1 < g->iova_last;
	     b++)
		if (bitmap & (1ULL << b))
			g->sizes[g->nsizes++] = 1ULL << b;
	if (!g->nsizes)
		g->sizes[g->nsizes++] = 0x1000;
	g->page = g->sizes[0];
	g->block = g->nsizes > 1 ? g->sizes[1] : g->page * 16;
}

/*
 * One of the largest sizes the configuration has, for the top of the
 * space; for a map, one its physical range can still hold.
 */
static uint64_t big_size(const struct geom *g, bool map, struct pbm_rng *rng)
{
	unsigned int n = g->nsizes, from;

	while (map && n > 1 && g->sizes[n - 1] - 1 > g->pa_last)
		n--;
	from = n > 3 ? n - 3 : 0;
	return g->sizes[from + pbm_rng_below(rng, n - from)];
}

static const Iotlbfuzz__Program *root_program(const struct pbm_node *node)
{
	while (node->up)
		node = node->up;
	if (node->msg->descriptor != &iotlbfuzz__program__descriptor)
		return NULL;
	return (const Iotlbfuzz__Program *)node->msg;
}

/* The op a node is, or is inside of: its index in Program.ops. */
static size_t op_index(const struct pbm_node *node)
{
	for (; node; node = node->up)
		if (node->msg->descriptor == &iotlbfuzz__op__descriptor)
			return node->index;
	return 0;
}

struct range {
	uint64_t iova, size, pa;
	bool map;
};

static bool op_range(const Iotlbfuzz__Op *op, struct range *r)
{
	memset(r, 0, sizeof(*r));
	switch (op->op_case) {
	case IOTLBFUZZ__OP__OP_MAP:
		r->iova = op->map->iova;
		r->size = op->map->size;
		r->pa = op->map->paddr;
		r->map = true;
		break;
	case IOTLBFUZZ__OP__OP_UNMAP:
		r->iova = op->unmap->iova;
		r->size = op->unmap->size;
		break;
	case IOTLBFUZZ__OP__OP_UNMAP_FAST:
		r->iova = op->unmap_fast->iova;
		r->size = op->unmap_fast->size;
		break;
	default:
		return false;
	}
	return r->size != 0;
}

/*
 * A range another op of the program uses; earlier ops (what is mapped
 * when this one runs) and maps are preferred.
 */
static bool related(const Iotlbfuzz__Program *p, size_t self,
		    struct pbm_rng *rng, struct range *out)
{
	uint64_t total = 0;
	bool have = false;

	for (size_t j = 0; p && j < p->n_ops; j++) {
		struct range r;
		unsigned int w;

		if (j == self || !op_range(p->ops[j], &r))
			continue;
		w = (j < self ? 3 : 1) * (r.map ? 2 : 1);
		total += w;
		if (pbm_rng_below(rng, total) < w) {
			*out = r;
			have = true;
		}
	}
	return have;
}

/*
 * A gather for an unmap_fast or a sync: mostly one another unmap_fast of
 * the program fills, the nearest before @self first, because batching
 * (disjoint ranges, page-size changes, one sync for several unmaps) is
 * where gathers go wrong; otherwise any.
 */
static uint32_t pick_gather(const Iotlbfuzz__Program *p, size_t self,
			    struct pbm_rng *rng)
{
	if (p && pbm_rng_chance(rng, 3, 4)) {
		for (size_t j = self < p->n_ops ? self : p->n_ops; j-- > 0;)
			if (p->ops[j]->op_case == IOTLBFUZZ__OP__OP_UNMAP_FAST &&
			    p->ops[j]->unmap_fast->has_gather)
				return p->ops[j]->unmap_fast->gather %
				       PROG_MAX_GATHERS;
	}
	return (uint32_t)pbm_rng_below(rng, PROG_MAX_GATHERS);
}

static uint64_t any_size(const struct geom *g, struct pbm_rng *rng)
{
	/* small pages more often: below(below(n)+1) leans to 0 */
	return g->sizes[pbm_rng_below(rng, pbm_rng_below(rng, g->nsizes) + 1)];
}

static uint64_t half(const struct geom *g, uint64_t size)
{
	uint64_t h = (size / 2) & ~(g->page - 1);

	return h ? h : g->page;
}

static uint64_t align(const struct geom *g, uint64_t v)
{
	return v & ~(g->page - 1);
}

static uint64_t pick_iova(const struct geom *g, const Iotlbfuzz__Program *p,
			  size_t self, uint64_t own_size, struct pbm_rng *rng)
{
	struct range r;
	uint64_t v;

	switch (pbm_rng_below(rng, 10)) {
	case 0:
	case 1: /* a small window of pages, so that ops meet */
		v = pbm_rng_below(rng, 16) * g->page;
		break;
	case 2: /* a page before or after a block boundary */
		v = (1 + pbm_rng_below(rng, 4)) * g->block;
		v = pbm_rng_chance(rng, 1, 2) ? v - g->page : v + g->page;
		break;
	case 3:
		v = pbm_rng_below(rng, 8) * any_size(g, rng);
		break;
	case 4:
	case 5:
	case 6:
		if (!related(p, self, rng, &r)) {
			v = pbm_rng_below(rng, 4) * g->block;
			break;
		}
		switch (pbm_rng_below(rng, 5)) {
		case 0:
			v = r.iova;
			break;
		case 1:
			v = r.iova + r.size; /* next to it */
			break;
		case 2:
			v = r.iova + half(g, r.size);
			break;
		case 3:
			v = r.iova + r.size - g->page; /* its last page */
			break;
		default:
			v = r.iova - g->page; /* the page before */
		}
		break;
	case 7: { /* the end of the address space */
		uint64_t back[] = {g->page, g->block, any_size(g, rng),
				   own_size ? own_size : g->page};

		v = g->iova_last + 1 - back[pbm_rng_below(rng, 4)];
		break;
	}
	case 8:
		v = pbm_rng_next(rng) & g->iova_last;
		break;
	default:
		/* 64 bits: the last pages and the huge pages below 2^64 */
		if (g->top_heavy) {
			uint64_t back[] = {g->page, 2 * g->page, g->block,
					   big_size(g, false, rng),
					   2 * big_size(g, false, rng)};

			v = 0 - back[pbm_rng_below(rng, 5)];
			break;
		}
		v = pbm_rng_below(rng, 4) * g->block;
	}
	v = align(g, v);
	return v <= g->iova_last ? v : g->iova_last + 1 - g->page;
}

static uint64_t pick_size(const struct geom *g, const Iotlbfuzz__Program *p,
			  size_t self, uint64_t own_iova, bool map,
			  struct pbm_rng *rng)
{
	struct range r;
	uint64_t v;

	switch (pbm_rng_below(rng, 10)) {
	case 0:
	case 1:
		v = g->page * (1 + pbm_rng_below(rng, 4));
		break;
	case 2:
		v = any_size(g, rng);
		break;
	case 3:
		v = g->block;
		break;
	case 4:
		v = pbm_rng_chance(rng, 1, 2) ? g->block - g->page
					      : g->block + g->page;
		break;
	case 5:
	case 6:
		if (!related(p, self, rng, &r)) {
			v = g->page;
			break;
		}
		switch (pbm_rng_below(rng, 4)) {
		case 0:
			v = r.size;
			break;
		case 1:
			v = half(g, r.size);
			break;
		case 2:
			v = r.size + g->page;
			break;
		default:
			v = 2 * r.size;
		}
		break;
	case 7: /* up to the end of the address space (0 if that is 2^64) */
		v = own_iova <= g->iova_last ? g->iova_last - own_iova + 1 :
					       g->page;
		break;
	case 8:
		v = any_size(g, rng) * (1 + pbm_rng_below(rng, 16));
		break;
	default:
		if (g->top_heavy && pbm_rng_chance(rng, 1, 2)) {
			v = big_size(g, map, rng);
			break;
		}
		/* nothing at all: the core's zero-size paths */
		v = pbm_rng_chance(rng, 1, 4) ? 0 : 2 * g->block;
	}
	v = align(g, v);
	if (own_iova <= g->iova_last && v &&
	    v - 1 > g->iova_last - own_iova)
		v = g->iova_last - own_iova + 1;
	return v;
}

static uint64_t pick_pa(const struct geom *g, const Iotlbfuzz__Program *p,
			size_t self, uint64_t iova, uint64_t size,
			struct pbm_rng *rng)
{
	struct range r;
	uint64_t v;

	switch (pbm_rng_below(rng, 7)) {
	case 0:
	case 1:
		v = iova; /* same alignment as the IOVA: blocks possible */
		break;
	case 2:
		v = iova + (1 + pbm_rng_below(rng, 4)) * g->block;
		break;
	case 3:
		if (related(p, self, rng, &r) && r.map)
			v = pbm_rng_chance(rng, 1, 2) ? r.pa : r.pa + r.size;
		else
			v = iova;
		break;
	case 4:
		v = pbm_rng_below(rng, 64) * g->page;
		break;
	case 5:
		v = size && size - 1 <= g->pa_last ? g->pa_last - (size - 1) :
						     0;
		break;
	default: /* anywhere, but congruent to the IOVA modulo a block */
		v = (pbm_rng_next(rng) & g->pa_last & ~(g->block - 1)) |
		    (iova & (g->block - 1));
	}
	v = align(g, v);
	if (v > g->pa_last || (size && size - 1 > g->pa_last - v))
		v = align(g, iova & g->pa_last);
	return v;
}

static uint32_t pick_prot(struct pbm_rng *rng)
{
	/* read/write mostly; the attribute bits in some combinations */
	static const uint32_t prots[] = {3,	3,	1,	2,     3 | 4,
					 1 | 8, 3 | 16, 3 | 32, 2 | 4, 0x3f};

	return prots[pbm_rng_below(rng, sizeof(prots) / sizeof(prots[0]))];
}

static int pick_driver(const struct program_mutator *pm, struct pbm_rng *rng)
{
	const ProtobufCEnumDescriptor *d = &iotlbfuzz__driver__descriptor;
	uint64_t seen = 0;
	int pick = IOTLBFUZZ__DRIVER__REFERENCE;

	for (unsigned int i = 0; i < d->n_values; i++) {
		int v = d->values[i].value;
		bool ok = pm->driver_usable ? pm->driver_usable(v)
					    : strncmp(d->values[i].name,
						      "BROKEN_", 7) != 0;

		if (ok && !pbm_rng_below(rng, ++seen))
			pick = v;
	}
	return pick;
}

/* Page-size families io-pgtable accepts, per format. */
static uint64_t pick_bitmap_any(enum pt_format fmt, struct pbm_rng *rng)
{
	static const uint64_t lpae[] = {
		0x40201000ULL, 0x201000ULL,	 0x1000ULL,
		0x2004000ULL,  0x4000ULL,	 0x20010000ULL,
		0x10000ULL,    0x40020010000ULL, 0x8040201000ULL};
	static const uint64_t v7s[] = {0x01111000ULL, 0x1000ULL,
				       0x11000ULL,    0x101000ULL,
				       0x111000ULL,   0x01101000ULL};
	static const uint64_t dart[] = {0x1000ULL, 0x4000ULL};
	/* AMD v1: high bits above all, which only it can have */
	static const uint64_t amd[] = {
		~0xfffULL & ~(1ULL << 39),
		(~0xfffULL & ((1ULL << 52) - 1)) & ~(1ULL << 39),
		0x40201000ULL,
		(1ULL << 63) | 0x1000ULL,
		(3ULL << 62) | 0x201000ULL,
		(1ULL << 63) | (3ULL << 51) | 0x5000ULL,
		(1ULL << 62) | (1ULL << 48) | 0x40201000ULL};

	if (!pbm_rng_below(rng, 8))
		return 0; /* the format's default */
	switch (fmt) {
	case PT_AMD_V1:
		if (pbm_rng_chance(rng, 1, 4))
			/* 4K and any mix above */
			return (pbm_rng_next(rng) & ~0x1fffULL &
				~(1ULL << 39)) |
			       0x1000ULL;
		return amd[pbm_rng_below(rng, sizeof(amd) / sizeof(amd[0]))];
	case PT_ARM_V7S:
		return v7s[pbm_rng_below(rng, 6)];
	case PT_APPLE_DART:
	case PT_APPLE_DART2:
		return dart[pbm_rng_below(rng, 2)];
	default:
		return lpae[pbm_rng_below(rng, 9)];
	}
}

/* ... and one the pinned driver offers a size of, when there is one. */
static uint64_t pick_bitmap(const struct program_mutator *pm,
			    enum pt_format fmt, struct pbm_rng *rng)
{
	uint64_t b = pick_bitmap_any(fmt, rng);

	for (int tries = 0; pm->pgsize_mask && tries < 16; tries++) {
		if ((b ? b : program_format_defaults(fmt)->pgsize_bitmap) &
		    pm->pgsize_mask)
			break;
		b = pick_bitmap_any(fmt, rng);
	}
	return b;
}

/* A format of the pinned driver's (as the proto's Format value). */
static int pick_format(const struct program_mutator *pm, struct pbm_rng *rng)
{
	const ProtobufCEnumDescriptor *d = &iotlbfuzz__format__descriptor;
	unsigned int seen = 0;
	int pick = d->values[0].value;

	for (unsigned int i = 0; i < d->n_values; i++) {
		enum pt_format f = program_format_of_proto(d->values[i].value);

		if (f != PT_NR_FORMATS && (pm->formats & (1u << f)) &&
		    !pbm_rng_below(rng, ++seen))
			pick = d->values[i].value;
	}
	return pick;
}

/* Bits an address below @end needs. */
static unsigned int bits_for(uint64_t end)
{
	return end > 1 ? 64 - (unsigned int)__builtin_clzll(end - 1) : 1;
}

static uint64_t table_end(const Iotlbfuzz__Config *c)
{
	return (c->has_table_base && c->table_base ? c->table_base :
						     PROG_DEFAULT_TABLE_BASE) +
	       PROG_TABLE_BYTES;
}

/*
 * Where the page tables go: against a boundary where some format stops
 * holding table addresses (v7s 32 bits, MediaTek 33..35, DART 36 and 42,
 * LPAE 40, 48 and 52) or this configuration's own output size, all of
 * them below it, straddling it, or above it (to meet the refusals);
 * sometimes the default, sometimes low memory.
 */
static uint64_t pick_table_base(const Iotlbfuzz__Config *c,
				const struct format_defaults *d,
				struct pbm_rng *rng)
{
	static const unsigned int boundaries[] = { 31, 32, 33, 34, 35, 36,
						   40, 42, 44, 48, 52 };
	unsigned int oas = d->oas;
	unsigned int nb = sizeof(boundaries) / sizeof(boundaries[0]);
	bool v7s = c->has_format &&
		   program_format_of_proto(c->format) == PT_ARM_V7S;
	unsigned int bits;
	uint64_t boundary, base;
	int64_t offsets[] = { -(int64_t)PROG_TABLE_BYTES,
			      -(int64_t)PROG_TABLE_ALIGN, 0,
			      -(int64_t)PROG_TABLE_BYTES / 2,
			      (int64_t)PROG_TABLE_ALIGN *
				      (int64_t)pbm_rng_below(rng, 64) -
				      (int64_t)PROG_TABLE_BYTES };

	if (c->has_oas && c->oas >= PROG_MIN_OAS && c->oas <= d->max_oas)
		oas = c->oas;
	switch (pbm_rng_below(rng, 8)) {
	case 0:
		return 0;
	case 1:
		return PROG_TABLE_ALIGN * (1 + pbm_rng_below(rng, 256));
	case 2:
	case 3:
	case 4:
		bits = oas;
		/* v7s holds 32 bits, unless MediaTek's TTBR extension */
		if (v7s && !(c->quirks & HW_QUIRK_ARM_MTK_TTBR_EXT))
			bits = 32;
		break;
	default:
		bits = boundaries[pbm_rng_below(rng, nb)];
		break;
	}
	/* every boundary is above 256 MiB: no offset wraps */
	boundary = 1ULL << bits;
	base = boundary + (uint64_t)offsets[pbm_rng_below(rng, 5)];
	if (base > PROG_TABLE_LIMIT - PROG_TABLE_BYTES)
		base = PROG_TABLE_LIMIT - PROG_TABLE_BYTES;
	return base & ~(PROG_TABLE_ALIGN - 1);
}

static bool config_value(const struct program_mutator *pm,
			 const Iotlbfuzz__Config *c, const char *name,
			 void *value, struct pbm_rng *rng)
{
	enum pt_format fmt = PT_ARM_64_LPAE_S1;
	const struct format_defaults *d;

	if (c->has_format &&
	    program_format_of_proto(c->format) != PT_NR_FORMATS)
		fmt = program_format_of_proto(c->format);
	d = program_format_defaults(fmt);
	if (!strcmp(name, "format") && pm->formats) {
		*(int *)value = pick_format(pm, rng);
	} else if (!strcmp(name, "pgsize_bitmap")) {
		*(uint64_t *)value = pick_bitmap(pm, fmt, rng);
	} else if (!strcmp(name, "ias")) {
		unsigned int lo = d->min_ias ? d->min_ias : 16;
		uint32_t pick[] = {
			0, d->ias, d->max_ias, lo,
			lo + (uint32_t)pbm_rng_below(rng, d->max_ias - lo + 1)};

		*(uint32_t *)value = pick[pbm_rng_below(rng, 5)];
	} else if (!strcmp(name, "oas")) {
		/* mostly enough to reach the tables */
		unsigned int lo = bits_for(table_end(c));

		if (lo > d->max_oas)
			lo = d->max_oas;
		uint32_t pick[] = {
			0, d->oas, d->max_oas,
			lo + (uint32_t)pbm_rng_below(rng, d->max_oas - lo + 1)};

		*(uint32_t *)value = pick[pbm_rng_below(rng, 4)];
	} else if (!strcmp(name, "table_base")) {
		*(uint64_t *)value = pick_table_base(c, d, rng);
	} else if (!strcmp(name, "quirks")) {
		*(uint64_t *)value = d->allowed_quirks & pbm_rng_next(rng);
	} else if (!strcmp(name, "driver") || !strcmp(name, "also_run_on")) {
		*(int *)value = pick_driver(pm, rng);
	} else if (!strcmp(name, "fail_sync_map")) {
		uint32_t pick[] = { 0, 1, 2,
				    1 + (uint32_t)pbm_rng_below(rng, 8) };

		*(uint32_t *)value = pick[pbm_rng_below(rng, 4)];
	} else if (!strcmp(name, "fail_alloc")) {
		/* mostly none; else early, where a map builds its tables */
		uint32_t pick[] = { 0, 0, 1 + (uint32_t)pbm_rng_below(rng, 8),
				    1 + (uint32_t)pbm_rng_below(rng, 64) };

		*(uint32_t *)value = pick[pbm_rng_below(rng, 4)];
	} else {
		return false;
	}
	return true;
}

static void fill_sub(const struct geom *g, const Iotlbfuzz__Program *p,
		     size_t self, ProtobufCMessage *m, struct pbm_rng *rng)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;

	if (d == &iotlbfuzz__map__descriptor) {
		Iotlbfuzz__Map *x = (Iotlbfuzz__Map *)m;

		x->has_iova = x->has_size = x->has_paddr = x->has_prot = true;
		x->iova = pick_iova(g, p, self, 0, rng);
		x->size = pick_size(g, p, self, x->iova, true, rng);
		x->paddr = pick_pa(g, p, self, x->iova, x->size, rng);
		x->prot = pick_prot(rng);
	} else if (d == &iotlbfuzz__unmap__descriptor) {
		Iotlbfuzz__Unmap *x = (Iotlbfuzz__Unmap *)m;

		x->has_iova = x->has_size = true;
		x->iova = pick_iova(g, p, self, 0, rng);
		x->size = pick_size(g, p, self, x->iova, false, rng);
	} else if (d == &iotlbfuzz__unmap_fast__descriptor) {
		Iotlbfuzz__UnmapFast *x = (Iotlbfuzz__UnmapFast *)m;

		x->has_iova = x->has_size = x->has_gather = true;
		x->iova = pick_iova(g, p, self, 0, rng);
		x->size = pick_size(g, p, self, x->iova, false, rng);
		x->gather = pick_gather(p, self, rng);
	} else if (d == &iotlbfuzz__sync__descriptor) {
		Iotlbfuzz__Sync *x = (Iotlbfuzz__Sync *)m;

		x->has_gather = true;
		x->gather = pick_gather(p, self, rng);
	} else if (d == &iotlbfuzz__iova_to_phys__descriptor) {
		Iotlbfuzz__IovaToPhys *x = (Iotlbfuzz__IovaToPhys *)m;

		x->has_iova = true;
		/* an offset into the page: iova_to_phys must keep it */
		x->iova =
			pick_iova(g, p, self, 0, rng) +
			(pbm_rng_chance(rng, 1, 2) ? pbm_rng_below(rng, g->page)
						   : 0);
	} else if (d == &iotlbfuzz__device_access__descriptor) {
		Iotlbfuzz__DeviceAccess *x = (Iotlbfuzz__DeviceAccess *)m;

		x->has_iova = x->has_access = true;
		x->iova = pick_iova(g, p, self, 0, rng);
		x->access = pbm_rng_chance(rng, 1, 2)
				    ? IOTLBFUZZ__ACCESS__READ
				    : IOTLBFUZZ__ACCESS__WRITE;
	} else if (d == &iotlbfuzz__prefetch__descriptor) {
		Iotlbfuzz__Prefetch *x = (Iotlbfuzz__Prefetch *)m;

		x->has_iova = true;
		x->iova = pick_iova(g, p, self, 0, rng);
	}
}

/* Make @op an op of kind @name; returns its (possibly new) body. */
static ProtobufCMessage *set_kind(Iotlbfuzz__Op *op, const char *name)
{
	const ProtobufCFieldDescriptor *f = pbm_field(&op->base, name);
	ProtobufCMessage **sub = f ? pbm_field_set(&op->base, f) : NULL;

	return sub ? *sub : NULL;
}

/* The kinds a new op gets, weighted towards the range operations. */
static const char *pick_kind(struct pbm_rng *rng)
{
	static const char *const kinds[] = {
		"map",		"map",	  "map",    "map",
		"unmap",	"unmap",  "unmap",  "unmap_fast",
		"unmap_fast",	"sync",	  "sync",   "flush_all",
		"iova_to_phys", "access", "access", "prefetch",
	};

	return kinds[pbm_rng_below(rng, sizeof(kinds) / sizeof(kinds[0]))];
}

static void op_fill(const struct geom *g, const Iotlbfuzz__Program *p,
		    size_t self, Iotlbfuzz__Op *op, const char *kind,
		    struct pbm_rng *rng)
{
	ProtobufCMessage *sub = set_kind(op, kind);

	if (sub)
		fill_sub(g, p, self, sub, rng);
}

/*
 * Rewrite @op to work on the range of another op: unmap exactly it, half
 * of it, across its end, around it; map next to it, over it, before it;
 * look into it.
 */
static bool relate(const struct geom *g, const Iotlbfuzz__Program *p,
		   size_t self, Iotlbfuzz__Op *op, struct pbm_rng *rng)
{
	struct range r;
	uint64_t h, iova, size;
	ProtobufCMessage *sub;

	if (!related(p, self, rng, &r))
		return false;
	h = half(g, r.size);
	switch (pbm_rng_below(rng, 10)) {
	case 0:
		iova = r.iova, size = r.size;
		break;
	case 1:
		iova = r.iova, size = h;
		break;
	case 2:
		iova = r.iova + h, size = r.size > h ? r.size - h : h;
		break;
	case 3:
		iova = r.iova + h, size = r.size;
		break;
	case 4:
		iova = r.iova - g->page, size = r.size + 2 * g->page;
		break;
	case 5: /* unmap_fast of exactly it, into some gather */
		sub = set_kind(op, "unmap_fast");
		if (!sub)
			return false;
		Iotlbfuzz__UnmapFast *uf = (Iotlbfuzz__UnmapFast *)sub;

		uf->has_iova = uf->has_size = uf->has_gather = true;
		uf->iova = r.iova;
		uf->size = r.size;
		uf->gather = pick_gather(p, self, rng);
		return true;
	case 6:
	case 7:
	case 8: { /* map next to it, over it, or just before it */
		Iotlbfuzz__Map *m;
		uint64_t at[] = {r.iova + r.size, r.iova, r.iova - r.size};
		unsigned int k = (unsigned int)pbm_rng_below(rng, 3);

		sub = set_kind(op, "map");
		if (!sub)
			return false;
		m = (Iotlbfuzz__Map *)sub;
		m->has_iova = m->has_size = m->has_paddr = m->has_prot = true;
		m->iova = at[k];
		m->size = pbm_rng_chance(rng, 1, 2) ? r.size : g->page;
		m->paddr = r.map && k == 0
				   ? r.pa + r.size
				   : pick_pa(g, p, self, m->iova, m->size, rng);
		m->prot = pick_prot(rng);
		return true;
	}
	default: { /* look at its last page through the IOTLB */
		Iotlbfuzz__DeviceAccess *a;

		sub = set_kind(op, "access");
		if (!sub)
			return false;
		a = (Iotlbfuzz__DeviceAccess *)sub;
		a->has_iova = a->has_access = true;
		a->iova = r.iova + r.size - g->page;
		a->access = pbm_rng_chance(rng, 1, 2)
				    ? IOTLBFUZZ__ACCESS__READ
				    : IOTLBFUZZ__ACCESS__WRITE;
		return true;
	}
	}
	sub = set_kind(op, "unmap");
	if (!sub)
		return false;
	Iotlbfuzz__Unmap *u = (Iotlbfuzz__Unmap *)sub;

	u->has_iova = u->has_size = true;
	u->iova = iova;
	u->size = size;
	return true;
}

/* Insert a new op at @at; NULL if full or out of memory. */
static Iotlbfuzz__Op *insert_op(Iotlbfuzz__Program *p, size_t at)
{
	Iotlbfuzz__Op **ops;
	ProtobufCMessage *op;

	if (p->n_ops >= PROG_MAX_OPS)
		return NULL;
	op = pbm_message_new(&iotlbfuzz__op__descriptor);
	if (!op)
		return NULL;
	/* malloc-family, as protobuf-c's unpacker allocates it */
	ops = realloc(p->ops, (p->n_ops + 1) * sizeof(*ops));
	if (!ops) {
		protobuf_c_message_free_unpacked(op, NULL);
		return NULL;
	}
	memmove(ops + at + 1, ops + at, (p->n_ops - at) * sizeof(*ops));
	ops[at] = (Iotlbfuzz__Op *)op;
	p->ops = ops;
	p->n_ops++;
	return ops[at];
}

/*
 * A device access right after a map or unmap, inside its range: a stale
 * translation only shows once the IOTLB holds it, and drivers that post
 * nothing (DART, sprd, sun50i) give no other sign of a missed
 * invalidation. False if the program has no range op.
 */
static bool touch_after(const struct geom *g, Iotlbfuzz__Program *p,
			struct pbm_rng *rng)
{
	size_t n = 0, pick = 0;
	struct range r;
	Iotlbfuzz__Op *op;
	Iotlbfuzz__DeviceAccess *a;

	for (size_t j = 0; j < p->n_ops; j++)
		if (op_range(p->ops[j], &r) && pbm_rng_below(rng, ++n) == 0)
			pick = j;
	if (!n || !op_range(p->ops[pick], &r))
		return false;
	op = insert_op(p, pick + 1);
	a = op ? (Iotlbfuzz__DeviceAccess *)set_kind(op, "access") : NULL;
	if (!a)
		return op != NULL; /* an empty op is still a valid one */
	a->has_iova = a->has_access = true;
	a->iova = pbm_rng_chance(rng, 1, 2) ? r.iova :
					       r.iova + r.size - g->page;
	a->access = pbm_rng_chance(rng, 1, 2) ? IOTLBFUZZ__ACCESS__READ :
						IOTLBFUZZ__ACCESS__WRITE;
	return true;
}

/*
 * Unmap two of the program's mapped ranges into one gather, then sync it:
 * how dma-iommu batches unmaps, and where a driver's gather merges or
 * splits disjoint ranges. False without two maps or room for three ops.
 */
static bool batch_unmaps(Iotlbfuzz__Program *p, struct pbm_rng *rng)
{
	size_t maps[2], n = 0, at = p->n_ops;
	uint32_t gather = (uint32_t)pbm_rng_below(rng, PROG_MAX_GATHERS);
	struct range r[2];

	for (size_t j = 0; j < p->n_ops; j++) {
		struct range x;

		if (!op_range(p->ops[j], &x) || !x.map)
			continue;
		/* reservoir-sample two of them, kept in program order */
		if (n < 2)
			maps[n++] = j;
		else if (pbm_rng_below(rng, j + 1) < 2)
			maps[0] = maps[1], maps[1] = j;
	}
	if (n < 2 || p->n_ops + 3 > PROG_MAX_OPS)
		return false;
	op_range(p->ops[maps[0]], &r[0]);
	op_range(p->ops[maps[1]], &r[1]);
	for (int k = 0; k < 2; k++) {
		Iotlbfuzz__Op *op = insert_op(p, at++);
		Iotlbfuzz__UnmapFast *uf = op ? (Iotlbfuzz__UnmapFast *)set_kind(
							op, "unmap_fast") :
						NULL;

		if (!uf)
			return op != NULL;
		uf->has_iova = uf->has_size = uf->has_gather = true;
		uf->iova = r[k].iova;
		uf->size = r[k].size;
		uf->gather = gather;
	}

	Iotlbfuzz__Op *op = insert_op(p, at);
	Iotlbfuzz__Sync *sync =
		op ? (Iotlbfuzz__Sync *)set_kind(op, "sync") : NULL;

	if (sync) {
		sync->has_gather = true;
		sync->gather = gather;
	}
	return op != NULL;
}

/* Append a map of [iova, +size) at a PA that suits it; false if no room. */
static bool append_map(const struct geom *g, Iotlbfuzz__Program *p,
		       uint64_t iova, uint64_t size, struct pbm_rng *rng)
{
	Iotlbfuzz__Op *op = insert_op(p, p->n_ops);
	Iotlbfuzz__Map *m = op ? (Iotlbfuzz__Map *)set_kind(op, "map") : NULL;

	if (!m)
		return false;
	m->has_iova = m->has_size = m->has_paddr = m->has_prot = true;
	m->iova = iova;
	m->size = size;
	m->paddr = pick_pa(g, p, p->n_ops - 1, iova, size, rng);
	m->prot = pick_prot(rng);
	return true;
}

/* Append an unmap, or an unmap_fast into @gather (< 0: a strict unmap). */
static bool append_unmap(Iotlbfuzz__Program *p, uint64_t iova, uint64_t size,
			 int gather)
{
	Iotlbfuzz__Op *op = insert_op(p, p->n_ops);

	if (!op)
		return false;
	if (gather < 0) {
		Iotlbfuzz__Unmap *u = (Iotlbfuzz__Unmap *)set_kind(op, "unmap");

		if (!u)
			return false;
		u->has_iova = u->has_size = true;
		u->iova = iova;
		u->size = size;
		return true;
	}
	Iotlbfuzz__UnmapFast *uf =
		(Iotlbfuzz__UnmapFast *)set_kind(op, "unmap_fast");

	if (!uf)
		return false;
	uf->has_iova = uf->has_size = uf->has_gather = true;
	uf->iova = iova;
	uf->size = size;
	uf->gather = (uint32_t)gather;
	return true;
}

/*
 * A block and the page after it, then one unmap of both: leaves of two
 * sizes in one gather, where iommu_iotlb_gather_add_page() must sync in
 * between (and a driver invalidating by the gather's page size sees
 * only one). At the top of the space when there is room for nothing
 * else. False without a block size or room for three ops.
 */
static bool mixed_leaf_unmap(const struct geom *g, Iotlbfuzz__Program *p,
			     struct pbm_rng *rng)
{
	uint64_t span = g->block + g->page, iova;
	int gather = pbm_rng_chance(rng, 1, 2)
			     ? -1
			     : (int)pbm_rng_below(rng, PROG_MAX_GATHERS);

	if (g->block <= g->page || span - 1 > g->iova_last ||
	    p->n_ops + 3 > PROG_MAX_OPS)
		return false;
	/* block aligned; the page may be the last one of the space */
	iova = pbm_rng_chance(rng, 1, 3)
		       ? (g->iova_last + 1 - span) & ~(g->block - 1)
		       : g->block * (1 + pbm_rng_below(rng, 4));
	if (iova > g->iova_last || span - 1 > g->iova_last - iova)
		iova = 0;
	/* or the page just below the next block, then that block */
	if (pbm_rng_chance(rng, 1, 2) && iova + g->block <= g->iova_last &&
	    g->block - 1 <= g->iova_last - (iova + g->block))
		return append_map(g, p, iova + g->block - g->page, g->page,
				  rng) &&
		       append_map(g, p, iova + g->block, g->block, rng) &&
		       append_unmap(p, iova + g->block - g->page, span, gather);
	return append_map(g, p, iova, g->block, rng) &&
	       append_map(g, p, iova + g->block, g->page, rng) &&
	       append_unmap(p, iova, span, gather);
}

/*
 * The device's IOTLB as the hint rules need it (docs/iotlb.md): range
 * invalidation with level hints, and sometimes splintered entries.
 */
static void pick_iotlb(Iotlbfuzz__Program *p, struct pbm_rng *rng)
{
	Iotlbfuzz__IotlbConfig *t;

	if (!p->config)
		p->config = (Iotlbfuzz__Config *)pbm_message_new(
			&iotlbfuzz__config__descriptor);
	if (!p->config)
		return;
	if (!p->config->iotlb)
		p->config->iotlb = (Iotlbfuzz__IotlbConfig *)pbm_message_new(
			&iotlbfuzz__iotlb_config__descriptor);
	t = p->config->iotlb;
	if (!t)
		return;
	t->has_range_invalidation = true;
	t->range_invalidation = pbm_rng_chance(rng, 3, 4);
	if (pbm_rng_chance(rng, 1, 3)) {
		t->has_entries = true;
		t->entries = (Iotlbfuzz__IotlbEntries)pbm_rng_below(rng, 3);
	}
}

/*
 * A block mapped, read by the device (so the IOTLB holds it), then unmapped
 * whole or in part (a part splits the block), on a device that takes
 * range invalidations with a level hint most of the time: the hint must
 * name the level of what the TLB holds. False without a block size or
 * room for three ops.
 */
static bool cached_block_unmap(const struct geom *g, Iotlbfuzz__Program *p,
			       struct pbm_rng *rng)
{
	uint64_t iova = g->block * (1 + pbm_rng_below(rng, 4));
	uint64_t size = pbm_rng_chance(rng, 1, 2)
				? g->block
				: g->page * (1 + pbm_rng_below(rng, 4));
	int gather = pbm_rng_chance(rng, 2, 3)
			     ? -1
			     : (int)pbm_rng_below(rng, PROG_MAX_GATHERS);
	Iotlbfuzz__DeviceAccess *a;
	Iotlbfuzz__Op *op;

	if (g->block <= g->page || p->n_ops + 3 > PROG_MAX_OPS ||
	    iova > g->iova_last || g->block - 1 > g->iova_last - iova)
		return false;
	if (!append_map(g, p, iova, g->block, rng))
		return false;
	op = insert_op(p, p->n_ops);
	a = op ? (Iotlbfuzz__DeviceAccess *)set_kind(op, "access") : NULL;
	if (!a)
		return false;
	a->has_iova = true;
	a->iova = iova + g->page * pbm_rng_below(rng, 4);
	pick_iotlb(p, rng);
	return append_unmap(p, iova, size, gather);
}

/*
 * One mapped range unmapped as two adjacent halves into one gather, then
 * synced: the gather must merge them into one range and one sync (and a
 * disjoint pair, batch_unmaps', must not be merged by a driver that keeps
 * them apart). False without a range of two pages or room for three ops.
 */
static bool split_into_gather(const struct geom *g, Iotlbfuzz__Program *p,
			      struct pbm_rng *rng)
{
	size_t n = 0, pick = 0;
	uint32_t gather = (uint32_t)pbm_rng_below(rng, PROG_MAX_GATHERS);
	struct range r;

	for (size_t j = 0; j < p->n_ops; j++)
		if (op_range(p->ops[j], &r) && r.map && r.size >= 2 * g->page &&
		    pbm_rng_below(rng, ++n) == 0)
			pick = j;
	if (!n || p->n_ops + 3 > PROG_MAX_OPS)
		return false;
	op_range(p->ops[pick], &r);

	uint64_t first = align(g, half(g, r.size));
	Iotlbfuzz__Op *op;
	Iotlbfuzz__Sync *sync;

	if (!first || first >= r.size)
		first = g->page;
	if (!append_unmap(p, r.iova, first, (int)gather) ||
	    !append_unmap(p, r.iova + first, r.size - first, (int)gather))
		return false;
	op = insert_op(p, p->n_ops);
	sync = op ? (Iotlbfuzz__Sync *)set_kind(op, "sync") : NULL;
	if (sync) {
		sync->has_gather = true;
		sync->gather = gather;
	}
	return op != NULL;
}

/* Program-level: a new op tied to the program's ranges or its gathers. */
static bool grow(const struct geom *g, Iotlbfuzz__Program *p,
		 struct pbm_rng *rng)
{
	if (pbm_rng_chance(rng, 1, 3) && touch_after(g, p, rng))
		return true;
	if (pbm_rng_chance(rng, 1, 6) && batch_unmaps(p, rng))
		return true;
	if (pbm_rng_chance(rng, 1, 8) && mixed_leaf_unmap(g, p, rng))
		return true;
	if (pbm_rng_chance(rng, 1, 8) && split_into_gather(g, p, rng))
		return true;
	if (pbm_rng_chance(rng, 1, 8) && cached_block_unmap(g, p, rng))
		return true;

	size_t at = pbm_rng_below(rng, p->n_ops + 1);
	Iotlbfuzz__Op *op = insert_op(p, at);

	if (!op)
		return false;
	switch (pbm_rng_below(rng, 4)) {
	case 0:
	case 1:
		if (relate(g, p, at, op, rng))
			break;
		/* nothing to relate to yet */
		__attribute__((fallthrough));
	case 2: /* complete gathers and queues */
		op_fill(g, p, at, op,
			pbm_rng_chance(rng, 3, 4) ? "sync" : "flush_all", rng);
		break;
	default: /* the top of the address space */
		op_fill(g, p, at, op, pick_kind(rng), rng);
		if (op->op_case == IOTLBFUZZ__OP__OP_MAP) {
			op->map->size =
				pbm_rng_chance(rng, 1, 2) ? g->block : g->page;
			if (g->top_heavy && pbm_rng_chance(rng, 1, 2))
				op->map->size = big_size(g, true, rng);
			op->map->iova = g->iova_last + 1 - op->map->size;
			op->map->paddr = pick_pa(g, p, at, op->map->iova,
						 op->map->size, rng);
		}
	}
	return true;
}

static unsigned int hook_weight(void *ctx, const struct pbm_site *site,
				enum pbm_op op, unsigned int w)
{
	const ProtobufCMessage *m = site->node->msg;
	const ProtobufCMessageDescriptor *d = m->descriptor;

	(void)ctx;
	if (op == PBM_OP_HOOK) {
		/* the domain's own moves, at the program and at each op */
		if (d == &iotlbfuzz__program__descriptor)
			return 16;
		return d == &iotlbfuzz__op__descriptor ? 2 : 0;
	}
	/* an op without its kind is rejected */
	if (d == &iotlbfuzz__op__descriptor && op == PBM_OP_CLEAR)
		return 0;
	if (d == &iotlbfuzz__program__descriptor && site->field &&
	    site->field->label == PROTOBUF_C_LABEL_REPEATED) {
		const Iotlbfuzz__Program *p = (const Iotlbfuzz__Program *)m;

		if ((op == PBM_OP_INSERT || op == PBM_OP_DUPLICATE) &&
		    p->n_ops >= PROG_MAX_OPS)
			return 0;
		/* one candidate for the whole field: make it count */
		if (op == PBM_OP_INSERT)
			return w * 4;
	}
	if (d == &iotlbfuzz__config__descriptor && site->field &&
	    site->field->label == PROTOBUF_C_LABEL_REPEATED &&
	    (op == PBM_OP_INSERT || op == PBM_OP_DUPLICATE) &&
	    ((const Iotlbfuzz__Config *)m)->n_also_run_on >= PROG_MAX_CROSS)
		return 0;
	return w;
}

static bool pinned_field(const struct program_mutator *pm, const char *name)
{
	return (pm->formats && !strcmp(name, "format")) ||
	       (pm->pgsize_mask && !strcmp(name, "pgsize_bitmap"));
}

static bool hook_value(void *ctx, const struct pbm_site *site, void *value,
		       struct pbm_rng *rng)
{
	const struct program_mutator *pm = ctx;
	const ProtobufCMessage *m = site->node->msg;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	const Iotlbfuzz__Program *p = root_program(site->node);
	const char *name = site->field->name;
	size_t self = op_index(site->node);
	struct geom g;
	struct range own;

	if (!p)
		return false;
	/* a pinned driver's limits hold always; the rest 3 times in 4 */
	if (d == &iotlbfuzz__config__descriptor)
		return (pinned_field(pm, name) || pbm_rng_chance(rng, 3, 4)) &&
		       config_value(pm, (const Iotlbfuzz__Config *)m, name,
				    value, rng);
	/* one value in eight stays generic: the limits get probed too */
	if (!pbm_rng_chance(rng, 7, 8))
		return false;
	geom_of(p->config, &g);
	if (self >= p->n_ops || !op_range(p->ops[self], &own))
		memset(&own, 0, sizeof(own));
	if (!strcmp(name, "iova")) {
		*(uint64_t *)value = pick_iova(&g, p, self, own.size, rng);
		if (d == &iotlbfuzz__iova_to_phys__descriptor &&
		    pbm_rng_chance(rng, 1, 2))
			*(uint64_t *)value += pbm_rng_below(rng, g.page);
	} else if (!strcmp(name, "size")) {
		*(uint64_t *)value =
			pick_size(&g, p, self, own.iova,
				  d == &iotlbfuzz__map__descriptor, rng);
	} else if (!strcmp(name, "paddr")) {
		*(uint64_t *)value =
			pick_pa(&g, p, self, own.iova, own.size, rng);
	} else if (!strcmp(name, "gather")) {
		*(uint32_t *)value = pick_gather(p, self, rng);
	} else if (!strcmp(name, "prot")) {
		*(uint32_t *)value = pick_prot(rng);
	} else {
		return false;
	}
	return true;
}

static void hook_fresh(void *ctx, const struct pbm_node *node,
		       struct pbm_rng *rng)
{
	const Iotlbfuzz__Program *p = root_program(node);
	ProtobufCMessage *m = node->msg;
	struct geom g;

	(void)ctx;
	if (!p)
		return;
	geom_of(p->config, &g);
	if (m->descriptor == &iotlbfuzz__op__descriptor)
		op_fill(&g, p, node->index, (Iotlbfuzz__Op *)m, pick_kind(rng),
			rng);
	else
		fill_sub(&g, p, op_index(node), m, rng);
}

static bool hook_mutate(void *ctx, const struct pbm_node *node,
			struct pbm_rng *rng)
{
	ProtobufCMessage *m = node->msg;
	const Iotlbfuzz__Program *p = root_program(node);
	struct geom g;

	(void)ctx;
	if (!p)
		return false;
	geom_of(p->config, &g);
	if (m->descriptor == &iotlbfuzz__program__descriptor)
		return grow(&g, (Iotlbfuzz__Program *)m, rng);
	if (m->descriptor == &iotlbfuzz__op__descriptor)
		return relate(&g, p, node->index, (Iotlbfuzz__Op *)m, rng);
	return false;
}

void program_mutator_init(struct program_mutator *pm,
			  bool (*driver_usable)(int driver))
{
	memset(pm, 0, sizeof(*pm));
	pm->driver_usable = driver_usable;
	pm->hooks.ctx = pm;
	pm->hooks.weight = hook_weight;
	pm->hooks.value = hook_value;
	pm->hooks.fresh = hook_fresh;
	pm->hooks.mutate = hook_mutate;
}

/*
 * A pinned driver's formats and page sizes for a mutated program whose
 * configuration lacks them (a fresh program has none; a crossover may bring
 * another's): the field hooks cannot fix a field no mutation touched.
 */
static size_t pin_config(const struct program_mutator *pm, uint8_t *data,
			 size_t len, size_t max_size, unsigned int seed)
{
	Iotlbfuzz__Program *p = iotlbfuzz__program__unpack(NULL, len, data);
	struct pbm_rng rng;
	Iotlbfuzz__Config *c;
	enum pt_format fmt;
	bool changed = false;

	if (!p)
		return len;
	pbm_rng_seed(&rng, seed ^ 0x9e3779b9u);
	if (!p->config) {
		p->config = (Iotlbfuzz__Config *)pbm_message_new(
			&iotlbfuzz__config__descriptor);
		changed = true;
	}
	c = p->config;
	fmt = program_format_of_proto(c->has_format ? c->format : 0);
	if (pm->formats &&
	    (fmt == PT_NR_FORMATS || !(pm->formats & (1u << fmt)))) {
		c->has_format = true;
		c->format = pick_format(pm, &rng);
		fmt = program_format_of_proto(c->format);
		changed = true;
	}
	if (pm->pgsize_mask && fmt != PT_NR_FORMATS &&
	    !((c->has_pgsize_bitmap && c->pgsize_bitmap
		       ? c->pgsize_bitmap
		       : program_format_defaults(fmt)->pgsize_bitmap) &
	      pm->pgsize_mask)) {
		c->has_pgsize_bitmap = true;
		c->pgsize_bitmap = pick_bitmap(pm, fmt, &rng);
		changed = true;
	}
	if (changed && iotlbfuzz__program__get_packed_size(p) <= max_size)
		len = iotlbfuzz__program__pack(p, data);
	iotlbfuzz__program__free_unpacked(p, NULL);
	return len;
}

size_t program_mutate(struct program_mutator *pm, uint8_t *data, size_t size,
		      size_t max_size, unsigned int seed)
{
	size_t len = pbm_mutate(&iotlbfuzz__program__descriptor, data, size,
				max_size, seed, &pm->hooks);

	if (len && (pm->formats || pm->pgsize_mask))
		len = pin_config(pm, data, len, max_size, seed);
	return len;
}

/* Op @i out of the program. */
static void delete_op(Iotlbfuzz__Program *p, size_t i)
{
	protobuf_c_message_free_unpacked(&p->ops[i]->base, NULL);
	memmove(p->ops + i, p->ops + i + 1,
		(p->n_ops - i - 1) * sizeof(*p->ops));
	p->n_ops--;
}

static uint64_t *range_size(Iotlbfuzz__Op *op)
{
	switch (op->op_case) {
	case IOTLBFUZZ__OP__OP_MAP:
		return &op->map->size;
	case IOTLBFUZZ__OP__OP_UNMAP:
		return &op->unmap->size;
	case IOTLBFUZZ__OP__OP_UNMAP_FAST:
		return &op->unmap_fast->size;
	default:
		return NULL;
	}
}

/*
 * What makes a program cost: the pages its ranges cover, the number of
 * ops, and the other drivers it also runs on (each a whole run). One of
 * them, cut: the largest range halved or its op dropped, an also_run_on
 * driver dropped, or any op dropped.
 */
static bool cheapen(Iotlbfuzz__Program *p, struct pbm_rng *rng)
{
	struct geom g;
	size_t largest = SIZE_MAX;
	uint64_t most = 0;

	geom_of(p->config, &g);
	for (size_t i = 0; i < p->n_ops; i++) {
		uint64_t *sz = range_size(p->ops[i]);

		if (sz && *sz > most) {
			most = *sz;
			largest = i;
		}
	}
	switch (pbm_rng_below(rng, 4)) {
	case 0:
	case 1:
		if (largest == SIZE_MAX)
			break;
		if (most > g.page && pbm_rng_chance(rng, 2, 3)) {
			*range_size(p->ops[largest]) =
				align(&g, most / 2) ? align(&g, most / 2) :
						      g.page;
			return true;
		}
		delete_op(p, largest);
		return true;
	case 2:
		if (p->config && p->config->n_also_run_on) {
			size_t i = pbm_rng_below(rng, p->config->n_also_run_on);

			memmove(p->config->also_run_on + i,
				p->config->also_run_on + i + 1,
				(p->config->n_also_run_on - i - 1) *
					sizeof(*p->config->also_run_on));
			p->config->n_also_run_on--;
			return true;
		}
		break;
	default:
		break;
	}
	if (p->n_ops < 2)
		return false;
	delete_op(p, pbm_rng_below(rng, p->n_ops));
	return true;
}

size_t program_cheapen(uint8_t *data, size_t size, size_t max_size,
		       unsigned int seed)
{
	Iotlbfuzz__Program *p = iotlbfuzz__program__unpack(NULL, size, data);
	struct pbm_rng rng;
	size_t len = 0;

	if (!p)
		return 0;
	pbm_rng_seed(&rng, seed);
	if (cheapen(p, &rng) &&
	    iotlbfuzz__program__get_packed_size(p) <= max_size)
		len = iotlbfuzz__program__pack(p, data);
	iotlbfuzz__program__free_unpacked(p, NULL);
	return len;
}

size_t program_crossover(const uint8_t *data1, size_t size1,
			 const uint8_t *data2, size_t size2, uint8_t *out,
			 size_t max_out, unsigned int seed)
{
	struct pbm_rng rng;
	Iotlbfuzz__Program *a, *b;
	size_t len = 0;

	a = iotlbfuzz__program__unpack(NULL, size1, data1);
	b = iotlbfuzz__program__unpack(NULL, size2, data2);
	pbm_rng_seed(&rng, seed);
	if (a && b && pbm_crossover_message(&a->base, &b->base, &rng)) {
		/* a splice may pass the op and partner limits: cut tails */
		while (a->n_ops > PROG_MAX_OPS)
			protobuf_c_message_free_unpacked(
				&a->ops[--a->n_ops]->base, NULL);
		if (a->config && a->config->n_also_run_on > PROG_MAX_CROSS)
			a->config->n_also_run_on = PROG_MAX_CROSS;
		len = pbm_fit(&a->base, max_out, &rng, NULL);
		if (len == SIZE_MAX)
			len = 0;
		if (len)
			iotlbfuzz__program__pack(a, out);
	}
	if (a)
		iotlbfuzz__program__free_unpacked(a, NULL);
	if (b)
		iotlbfuzz__program__free_unpacked(b, NULL);
	return len;
}
