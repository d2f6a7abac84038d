// SPDX-License-Identifier: GPL-2.0-only
/*
 * Inputs per second through one fuzz target's LLVMFuzzerTestOneInput, over
 * a fixed set of inputs, each run @rounds times in one process: the same
 * inputs for every target, so two targets' rates compare (libFuzzer's own
 * exec/s depends on what each target's feedback made it generate).
 * A benchmark, not a test: it asserts nothing.
 *
 * usage: target_throughput ROUNDS FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench_inputs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s ROUNDS FILE...\n", argv[0]);
		return 2;
	}

	long rounds = atol(argv[1]);
	struct bench_inputs in;
	long runs = 0;

	if (bench_inputs_read(&in, argc - 2, argv + 2))
		return 2;

	double t0 = bench_now();

	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < in.n; i++) {
			LLVMFuzzerTestOneInput(in.data[i], in.len[i]);
			runs++;
		}
	}

	double secs = bench_now() - t0;

	printf("%ld executions of %d inputs in %.2f s: %.0f exec/s\n", runs,
	       in.n, secs, (double)runs / secs);
	bench_inputs_free(&in);
	return 0;
}
