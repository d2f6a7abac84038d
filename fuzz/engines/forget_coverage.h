/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef IOTLBFUZZ_FORGET_COVERAGE_H
#define IOTLBFUZZ_FORGET_COVERAGE_H

/*
 * Forget what the input in flight covered, so it brings no feature and
 * does not enter the corpus: zero libFuzzer's edge counters
 * (-fsanitize=fuzzer's inline 8-bit counters) and take back the stack
 * depth it reached (its stack-depth feature, which survived the counters
 * and let a rejected program into the corpus, and its smaller siblings
 * replace it there). forget_coverage_begin() notes the depth an input
 * starts at: call it first thing. Nothing without those counters (AFL++,
 * plain builds).
 */
void forget_coverage_begin(void);
void forget_coverage(void);

#endif
