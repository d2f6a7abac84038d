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
#define _DEFAULT_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "textproto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
	struct timespec t0, t1;
	long runs = 0;

	for (int i = 0; i < n; i++) {
		char why[256];

		if (program_file_read(argv[i + 2], &data[i], &len[i], why,
				      sizeof(why))) {
			fprintf(stderr, "%s: %s\n", argv[i + 2], why);
			return 2;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long r = 0; r < rounds; r++) {
		for (int i = 0; i < n; i++) {
			LLVMFuzzerTestOneInput(data[i], len[i]);
			runs++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	double secs = (double)(t1.tv_sec - t0.tv_sec) +
		      (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;

	printf("%ld executions of %d inputs in %.2f s: %.0f exec/s\n", runs, n,
	       secs, (double)runs / secs);
	for (int i = 0; i < n; i++)
		free(data[i]);
	free(data);
	free(len);
	return 0;
}
