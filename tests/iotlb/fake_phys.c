// SPDX-License-Identifier: GPL-2.0-only
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_phys.h"

#define FAKE_PHYS_MAX_REGIONS 64

struct fake_region {
	uint64_t pa, size;
	uint8_t *data;
	bool freed;
};

struct fake_phys {
	struct fake_region regions[FAKE_PHYS_MAX_REGIONS];
	unsigned int nr;
	unsigned long reads;
};

struct fake_phys *fake_phys_create(void)
{
	struct fake_phys *fp = calloc(1, sizeof(*fp));

	if (!fp)
		abort();
	return fp;
}

void fake_phys_destroy(struct fake_phys *fp)
{
	unsigned int i;

	for (i = 0; i < fp->nr; i++)
		free(fp->regions[i].data);
	free(fp);
}

static struct fake_region *find(struct fake_phys *fp, uint64_t pa,
				uint64_t len)
{
	unsigned int i;

	for (i = 0; i < fp->nr; i++) {
		struct fake_region *r = &fp->regions[i];

		if (pa - r->pa < r->size && len <= r->size - (pa - r->pa))
			return r;
	}
	return NULL;
}

void fake_phys_add(struct fake_phys *fp, uint64_t pa, uint64_t size)
{
	struct fake_region *r;
	unsigned int i;
	bool clash = fp->nr == FAKE_PHYS_MAX_REGIONS || !size;

	for (i = 0; i < fp->nr; i++)
		if (pa <= fp->regions[i].pa + (fp->regions[i].size - 1) &&
		    fp->regions[i].pa <= pa + (size - 1))
			clash = true;
	if (clash) {
		fprintf(stderr, "fake_phys: bad region 0x%llx+0x%llx\n",
			(unsigned long long)pa, (unsigned long long)size);
		abort();
	}
	r = &fp->regions[fp->nr++];
	r->pa = pa;
	r->size = size;
	r->data = calloc(1, size);
	r->freed = false;
	if (!r->data)
		abort();
}

void fake_phys_free(struct fake_phys *fp, uint64_t pa)
{
	struct fake_region *r = find(fp, pa, 1);

	if (!r)
		abort();
	r->freed = true;
}

static void store(struct fake_phys *fp, uint64_t pa, uint64_t val,
		  unsigned int len)
{
	struct fake_region *r = find(fp, pa, len);
	unsigned int i;

	if (!r) {
		fprintf(stderr, "fake_phys: store to unbacked 0x%llx\n",
			(unsigned long long)pa);
		abort();
	}
	for (i = 0; i < len; i++)
		r->data[pa - r->pa + i] = (uint8_t)(val >> (8 * i));
}

void fake_phys_write64(struct fake_phys *fp, uint64_t pa, uint64_t val)
{
	store(fp, pa, val, 8);
}

void fake_phys_write32(struct fake_phys *fp, uint64_t pa, uint32_t val)
{
	store(fp, pa, val, 4);
}

uint64_t fake_phys_read64(struct fake_phys *fp, uint64_t pa)
{
	struct fake_region *r = find(fp, pa, 8);
	uint64_t val = 0;
	unsigned int i;

	if (!r)
		abort();
	for (i = 8; i--;)
		val = (val << 8) | r->data[pa - r->pa + i];
	return val;
}

static enum phys_read_status fake_read(void *ctx, uint64_t pa, void *buf,
				       size_t len)
{
	struct fake_phys *fp = ctx;
	struct fake_region *r = find(fp, pa, len);

	fp->reads++;
	if (!r)
		return PHYS_READ_UNBACKED;
	if (r->freed)
		return PHYS_READ_FREED;
	memcpy(buf, r->data + (pa - r->pa), len);
	return PHYS_READ_OK;
}

struct phys_reader fake_phys_reader(struct fake_phys *fp)
{
	return (struct phys_reader){ .read = fake_read, .ctx = fp };
}

unsigned long fake_phys_reads(const struct fake_phys *fp)
{
	return fp->reads;
}

struct fake_phys *fake_phys_chain(uint64_t base, unsigned int nr,
				  const uint64_t *off, const uint64_t *desc)
{
	struct fake_phys *fp = fake_phys_create();
	unsigned int i;

	fake_phys_add(fp, base, (nr + 1ull) * 0x1000);
	for (i = 0; i < nr; i++)
		fake_phys_write64(fp, base + i * 0x1000ull + off[i], desc[i]);
	return fp;
}

struct walk_result fake_phys_walk(const struct hw_context *hw,
				  struct fake_phys *fp, uint64_t iova)
{
	struct phys_reader mem = fake_phys_reader(fp);

	return hw_walk(hw, &mem, NULL, iova);
}
