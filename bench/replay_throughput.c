// SPDX-License-Identifier: GPL-2.0-only
/*
 * Programs per second through the whole runner (decode, kernel stack,
 * IOTLB, oracle, checks), over a set of binary programs, each run @rounds
 * times in one process. A benchmark, not a test: it asserts nothing.
 * Per-input times (the slowest, IOTLBFUZZ_BENCH_SLOW_MS) are CPU time, so
 * that they hold on a loaded machine; the rate is wall time.
 *
 * usage: replay_throughput ROUNDS FILE...
 *   IOTLBFUZZ_BENCH_SLOW_MS=N   name each program slower than N ms
 *   IOTLBFUZZ_BENCH_TIMES=FILE  write each program's CPU ms (last round)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_inputs.h"
#include "runner.h"

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s ROUNDS FILE...\n", argv[0]);
		return 2;
	}

	long rounds = atol(argv[1]);
	struct bench_inputs in;
	struct run_options opt;
	struct run_outcome out;
	long runs = 0, clean = 0;

	run_options_default(&opt);
	if (bench_inputs_read(&in, argc - 2, argv + 2))
		return 2;

	double slowest = 0;
	int slowest_i = 0;
	const char *slow_env = getenv("IOTLBFUZZ_BENCH_SLOW_MS");
	double slow_ms = slow_env ? atof(slow_env) : 0;
	/*
	 * IOTLBFUZZ_BENCH_TIMES=FILE: each program's CPU ms in the last round
	 * (the first touches the page-table arena and runs the tree probes)
	 */
	const char *times_path = getenv("IOTLBFUZZ_BENCH_TIMES");
	FILE *times = times_path ? fopen(times_path, "w") : NULL;

	if (times_path && !times) {
		perror(times_path);
		return 2;
	}
	double t0 = bench_now();

	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < in.n; i++) {
			double a = bench_cpu_now();

			clean += run_input(in.data[i], in.len[i], &opt, &out) ==
				 RUN_CLEAN;

			double t = bench_cpu_now() - a;

			if (t > slowest) {
				slowest = t;
				slowest_i = i;
			}
			/* IOTLBFUZZ_BENCH_SLOW_MS=N: name programs slower than N ms */
			if (times && r == rounds - 1)
				fprintf(times, "%.4f %s\n", t * 1e3,
					argv[i + 2]);
			if (slow_ms > 0 && t * 1e3 > slow_ms)
				printf("slow: %.1f ms %" PRIu64 " work units %s\n",
				       t * 1e3, out.work, argv[i + 2]);
			runs++;
		}
	}

	double secs = bench_now() - t0;

	printf("%ld runs of %d programs (%ld clean) in %.2f s: %.0f programs/s; slowest %.1f ms CPU (%s)\n",
	       runs, in.n, clean, secs, (double)runs / secs, slowest * 1e3,
	       argv[slowest_i + 2]);
	bench_inputs_free(&in);
	if (times)
		fclose(times);
	return 0;
}
