// SPDX-License-Identifier: GPL-2.0-only
/*
 * A minimal ELF symbol-table reader for our own executable. Only what a
 * function name needs: the 64-bit, native-endian executable this process
 * runs, its .symtab (or .dynsym when stripped), function symbols only.
 */
#define _GNU_SOURCE
#include "symbolize.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

struct func_symbol {
	uintptr_t start, size;
	const char *name; /* in the mapped file */
};

static struct {
	bool loaded;
	struct func_symbol *v;
	size_t nr;
	uintptr_t load_bias;
} table;

static int main_object_bias(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	/* the first object the loader reports is the executable */
	*(uintptr_t *)arg = info->dlpi_addr;
	return 1;
}

static int by_start(const void *a, const void *b)
{
	const struct func_symbol *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* The section of @type, checked to lie inside the file; NULL if none. */
static const Elf64_Shdr *find_section(const uint8_t *img, size_t size,
				      uint32_t type)
{
	const Elf64_Ehdr *eh = (const void *)img;

	if (eh->e_shoff > size || eh->e_shentsize != sizeof(Elf64_Shdr) ||
	    eh->e_shnum > (size - eh->e_shoff) / sizeof(Elf64_Shdr))
		return NULL;

	const Elf64_Shdr *sh = (const void *)(img + eh->e_shoff);

	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != type)
			continue;
		if (sh[i].sh_offset > size ||
		    sh[i].sh_size > size - sh[i].sh_offset ||
		    sh[i].sh_link >= eh->e_shnum ||
		    sh[sh[i].sh_link].sh_offset > size ||
		    sh[sh[i].sh_link].sh_size >
			    size - sh[sh[i].sh_link].sh_offset)
			return NULL;
		return &sh[i];
	}
	return NULL;
}

static void load_symbols(const uint8_t *img, size_t size)
{
	const Elf64_Ehdr *eh = (const void *)img;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64)
		return;

	const Elf64_Shdr *symtab = find_section(img, size, SHT_SYMTAB);

	if (!symtab)
		symtab = find_section(img, size, SHT_DYNSYM);
	if (!symtab)
		return;

	const Elf64_Shdr *strtab =
		(const Elf64_Shdr *)(img + eh->e_shoff) + symtab->sh_link;
	const Elf64_Sym *sym = (const void *)(img + symtab->sh_offset);
	const char *names = (const char *)img + strtab->sh_offset;
	size_t nr = symtab->sh_size / sizeof(Elf64_Sym);

	table.v = calloc(nr ? nr : 1, sizeof(*table.v));
	if (!table.v)
		return;
	for (size_t i = 0; i < nr; i++) {
		if (ELF64_ST_TYPE(sym[i].st_info) != STT_FUNC ||
		    !sym[i].st_value || sym[i].st_name >= strtab->sh_size)
			continue;
		/* the string table must end inside the section */
		if (!memchr(names + sym[i].st_name, 0,
			    strtab->sh_size - sym[i].st_name))
			continue;
		table.v[table.nr++] =
			(struct func_symbol){sym[i].st_value, sym[i].st_size,
					     names + sym[i].st_name};
	}
	qsort(table.v, table.nr, sizeof(*table.v), by_start);
}

static void load_table(void)
{
	struct stat st;
	int fd;
	void *img;

	table.loaded = true;
	dl_iterate_phdr(main_object_bias, &table.load_bias);
	fd = open("/proc/self/exe", O_RDONLY);
	if (fd < 0)
		return;
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		/* kept mapped: the names point into it */
		img = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd,
			   0);
		if (img != MAP_FAILED)
			load_symbols(img, (size_t)st.st_size);
	}
	close(fd);
}

static const struct func_symbol *lookup(uintptr_t addr)
{
	size_t lo = 0, hi = table.nr;

	/* the last symbol starting at or before addr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (table.v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo;
	     i-- > 0 && table.v[i].start == table.v[lo - 1].start;)
		if (addr - table.v[i].start <
		    (table.v[i].size ? table.v[i].size : 1))
			return &table.v[i];
	return NULL;
}

bool symbolize_function(const void *addr, char *buf, size_t len)
{
	const struct func_symbol *s;

	if (!table.loaded)
		load_table();
	s = lookup((uintptr_t)addr - table.load_bias);
	if (!s) {
		snprintf(buf, len, "%p", addr);
		return false;
	}

	/* kernel function names have no dots: the rest is a clone suffix */
	size_t n = strcspn(s->name, ".");

	snprintf(buf, len, "%.*s", (int)n, s->name);
	return true;
}
