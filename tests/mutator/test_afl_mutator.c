// SPDX-License-Identifier: GPL-2.0-only
/*
 * The AFL++ custom mutator library, loaded as afl-fuzz loads it (dlopen,
 * the afl_custom_* symbols): every output of afl_custom_fuzz on the seeds
 * is a valid program message within max_size; byte-form inputs are left
 * alone; pinned to a model's formats (IOTLBFUZZ_MUTATOR_FORMATS), every
 * output has one of them.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pbm_check.h"
#include "program.pb-c.h"

/*
 * The library is built uninstrumented, as afl-fuzz needs it, so under
 * MemorySanitizer what it writes reads as uninitialised: its output is
 * declared written where it crosses back into this program.
 */
#if defined(__has_feature)
#if __has_feature(memory_sanitizer)
#include <sanitizer/msan_interface.h>
#define from_library(p, n) __msan_unpoison(p, n)
#endif
#endif
#ifndef from_library
#define from_library(p, n) ((void)(p), (void)(n))
#endif

typedef void *(*init_fn)(void *, unsigned int);
typedef size_t (*fuzz_fn)(void *, uint8_t *, size_t, uint8_t **, uint8_t *,
			  size_t, size_t);
typedef void (*deinit_fn)(void *);

int main(int argc, char **argv)
{
	void *so, *m;
	init_fn init;
	fuzz_fn fuzz;
	deinit_fn deinit;
	DIR *d;
	struct dirent *e;
	static uint8_t prev[4096];
	size_t prev_len = 0;
	unsigned long made = 0, calls = 0;

	CHECK(argc == 3, "usage: %s <mutator.so> <seed dir>", argv[0]);
	so = dlopen(argv[1], RTLD_NOW);
	CHECK(so, "%s", dlerror());
	init = (init_fn)dlsym(so, "afl_custom_init");
	fuzz = (fuzz_fn)dlsym(so, "afl_custom_fuzz");
	deinit = (deinit_fn)dlsym(so, "afl_custom_deinit");
	CHECK(init && fuzz && deinit && dlsym(so, "afl_custom_describe"),
	      "missing entry points");
	m = init(NULL, 1);
	CHECK(m, "init");
	d = opendir(argv[2]);
	CHECK(d, "%s", argv[2]);
	while ((e = readdir(d))) {
		uint8_t buf[4096];
		char path[4096];
		size_t len;
		FILE *f;

		if (!strstr(e->d_name, ".pb"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[2], e->d_name);
		f = fopen(path, "rb");
		CHECK(f, "%s", path);
		len = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		for (int i = 0; i < 200; i++) {
			uint8_t *out = NULL;
			size_t max = i % 5 ? 4096 : len;
			size_t n = fuzz(m, buf, len, &out,
					prev_len ? prev : NULL, prev_len, max);

			calls++;
			if (!n)
				continue;
			made++;
			CHECK(n <= max && out, "%zu > %zu", n, max);
			from_library(out, n);
			const char *err = pbm_check_wire(
				&iotlbfuzz__program__descriptor, out, n);

			CHECK(!err, "%s", err);
			memcpy(prev, out, n);
			prev_len = n;
		}
	}
	closedir(d);
	{
		uint8_t bc[] = {0xb7, 1, 2, 3, 4, 5};
		uint8_t *out;

		CHECK(!fuzz(m, bc, sizeof(bc), &out, NULL, 0, 4096),
		      "byte form mutated");
	}
	deinit(m);
	printf("%lu of %lu calls produced a program\n", made, calls);
	CHECK(made > calls * 9 / 10, "made %lu of %lu", made, calls);

	/* pinned to the DART formats, as ci/afl.sh does for apple-dart */
	setenv("IOTLBFUZZ_MUTATOR_FORMATS", "0x60", 1);
	m = init(NULL, 2);
	CHECK(m, "init");
	{
		uint8_t *out = NULL;
		size_t n = 0;
		unsigned long dart = 0, programs = 0;

		for (int i = 0; i < 500; i++) {
			Iotlbfuzz__Program *p;

			n = fuzz(m, out ? out : prev, out ? n : prev_len, &out,
				 NULL, 0, 4096);
			if (!n)
				continue;
			from_library(out, n);
			p = iotlbfuzz__program__unpack(NULL, n, out);
			if (!p)
				continue;
			programs++;
			dart += p->config && p->config->has_format &&
				(p->config->format == IOTLBFUZZ__FORMAT__APPLE_DART ||
				 p->config->format == IOTLBFUZZ__FORMAT__APPLE_DART2);
			iotlbfuzz__program__free_unpacked(p, NULL);
		}
		printf("pinned: %lu of %lu programs in a DART format\n", dart,
		       programs);
		CHECK(programs > 0 && dart == programs, "%lu of %lu", dart,
		      programs);
	}
	deinit(m);
	dlclose(so);
	return 0;
}
