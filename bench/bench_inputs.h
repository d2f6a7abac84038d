/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the throughput benchmarks share: the input files read up front (so
 * no I/O is timed) and a monotonic clock in seconds.
 */
#ifndef IOTLBFUZZ_BENCH_INPUTS_H
#define IOTLBFUZZ_BENCH_INPUTS_H

#include <stddef.h>
#include <stdint.h>

struct bench_inputs {
	int n;
	uint8_t **data;
	size_t *len;
};

/* Read @n files (binary or .textproto); 0, or -1 after naming the bad one. */
int bench_inputs_read(struct bench_inputs *in, int n, char **paths);
void bench_inputs_free(struct bench_inputs *in);
double bench_now(void);
/*
 * This thread's CPU time: what one input costs, unmoved by other
 * processes on a shared machine.
 */
double bench_cpu_now(void);

#endif
