// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs per second through the whole runner (decode, kernel stack,
 * IOTLB, oracle, checks), over a set of binary programs, each run @rounds
 * times in one process. A benchmark, not a test: it asserts nothing.
 *
 * usage: replay_throughput ROUNDS FILE...
 */
#define _DEFAULT_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "runner.h"
#include "textproto.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s ROUNDS FILE...\n", argv[0]);
		return 2;
	}

	long rounds = atol(argv[1]);
	int n = argc - 2;
	uint8_t **data = calloc((size_t)n, sizeof(*data));
	size_t *len = calloc((size_t)n, sizeof(*len));
	struct run_options opt;
	struct run_outcome out;
	struct timespec t0, t1;
	long runs = 0, clean = 0;

	run_options_default(&opt);
	opt.quiet = true;
	for (int i = 0; i < n; i++) {
		char why[256];

		if (program_file_read(argv[i + 2], &data[i], &len[i], why,
				      sizeof(why))) {
			fprintf(stderr, "%s: %s\n", argv[i + 2], why);
			return 2;
		}
	}
	double slowest = 0;
	int slowest_i = 0;
	const char *slow_env = getenv("IOTLBFUZZ_BENCH_SLOW_MS");
	double slow_ms = slow_env ? atof(slow_env) : 0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < n; i++) {
			struct timespec a, b;

			clock_gettime(CLOCK_MONOTONIC, &a);
			clean += run_input(data[i], len[i], &opt, &out) ==
				 RUN_CLEAN;
			clock_gettime(CLOCK_MONOTONIC, &b);

			double t = (double)(b.tv_sec - a.tv_sec) +
				   (double)(b.tv_nsec - a.tv_nsec) / 1e9;

			if (t > slowest) {
				slowest = t;
				slowest_i = i;
			}
			/* IOTLBFUZZ_BENCH_SLOW_MS=N: name programs slower than N ms */
			if (slow_ms > 0 && t * 1e3 > slow_ms)
				printf("slow: %.1f ms %" PRIu64 " work units %s\n",
				       t * 1e3, out.work, argv[i + 2]);
			runs++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	double secs = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

	printf("%ld runs of %d programs (%ld clean) in %.2f s: %.0f programs/s; slowest %.1f ms (%s)\n",
	       runs, n, clean, secs, (double)runs / secs, slowest * 1e3,
	       argv[slowest_i + 2]);
	for (int i = 0; i < n; i++)
		free(data[i]);
	free(data);
	free(len);
	return 0;
}
