/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef IOTLBFUZZ_FORGET_COVERAGE_H
#define IOTLBFUZZ_FORGET_COVERAGE_H

/*
 * Zero libFuzzer's edge counters (-fsanitize=fuzzer's inline 8-bit
 * counters) for the input in flight, so it brings no feature and does not
 * enter the corpus. Nothing without those counters (AFL++, plain builds).
 */
void forget_coverage(void);

#endif
