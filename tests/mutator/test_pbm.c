// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic mutator on messages of every shape (alltypes.proto,
 * alltypes3.proto): thousands of chained mutations and crossovers, each
 * result checked (pbm_check.h); same seed, same output; max_size holds;
 * hooks are obeyed. Leaks and bad frees are ASan's to find.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alltypes.pb-c.h"
#include "alltypes3.pb-c.h"
#include "pbm.h"
#include "pbm_check.h"

#define MAX 4096

static size_t initial(const ProtobufCMessageDescriptor *d, uint8_t *buf)
{
	ProtobufCMessage *m = pbm_message_new(d);
	size_t n;

	CHECK(m, "pbm_message_new");
	n = protobuf_c_message_pack(m, buf);
	protobuf_c_message_free_unpacked(m, NULL);
	return n;
}

/* Chained mutation from the empty message; every output checked. */
static void chain(const ProtobufCMessageDescriptor *d, unsigned int steps,
		  const struct pbm_hooks *hooks, uint8_t (*keep)[MAX],
		  size_t *keep_len, size_t nkeep)
{
	static uint8_t buf[MAX];
	size_t len = initial(d, buf), produced = 0;

	for (unsigned int s = 0; s < steps; s++) {
		uint8_t out[MAX];
		size_t n;
		const char *err;

		if (s % 64 == 0)
			len = initial(d, buf); /* keep them small and varied */
		memcpy(out, buf, len);
		n = pbm_mutate(d, out, len, MAX, s, hooks);
		if (!n)
			continue;
		produced++;
		CHECK(n <= MAX, "size %zu", n);
		err = pbm_check_wire(d, out, n);
		CHECK(!err, "%s: step %u: %s", d->name, s, err);
		memcpy(buf, out, n);
		len = n;
		if (nkeep && s % (steps / nkeep) == 0 &&
		    s / (steps / nkeep) < nkeep) {
			memcpy(keep[s / (steps / nkeep)], out, n);
			keep_len[s / (steps / nkeep)] = n;
		}
	}
	/* an empty result is the only reason not to produce one */
	CHECK(produced > steps * 9 / 10, "%s: produced %zu of %u", d->name,
	      produced, steps);
}

static void test_all_ops(void)
{
	struct pbm_stats st = {0};
	struct pbm_hooks hooks = {.stats = &st};

	chain(&pbmtest__node__descriptor, 20000, &hooks, NULL, NULL, 0);
	chain(&pbmtest3__p3__descriptor, 5000, &hooks, NULL, NULL, 0);
	for (int op = 0; op < PBM_NR_OPS; op++) {
		printf("  %-10s %lu\n", pbm_op_name(op), st.applied[op]);
		if (op != PBM_OP_HOOK)
			CHECK(st.applied[op] > 0, "%s never applied",
			      pbm_op_name(op));
	}
}

static uint8_t samples[64][MAX];
static size_t sample_len[64];

static void test_deterministic(void)
{
	const ProtobufCMessageDescriptor *d = &pbmtest__node__descriptor;
	unsigned int distinct = 0;

	chain(d, 6400, NULL, samples, sample_len, 64);
	for (int i = 0; i < 64; i++) {
		for (unsigned int seed = 0; seed < 20; seed++) {
			uint8_t a[MAX], b[MAX];
			size_t na, nb;

			memcpy(a, samples[i], sample_len[i]);
			memcpy(b, samples[i], sample_len[i]);
			na = pbm_mutate(d, a, sample_len[i], MAX, seed, NULL);
			nb = pbm_mutate(d, b, sample_len[i], MAX, seed, NULL);
			CHECK(na == nb && !memcmp(a, b, na),
			      "sample %d seed %u differs", i, seed);
			distinct += na != sample_len[i] ||
				    memcmp(a, samples[i], na);
		}
	}
	/* a mutation that changes nothing happens, but rarely */
	CHECK(distinct > 64 * 20 * 8 / 10, "only %u changed", distinct);
}

static void test_max_size(void)
{
	const ProtobufCMessageDescriptor *d = &pbmtest__node__descriptor;
	static uint8_t big[MAX];
	size_t len = initial(d, big);
	unsigned int fitted = 0;

	/* grow one message without restarting */
	for (unsigned int s = 0; s < 3000; s++) {
		uint8_t out[MAX];
		size_t n;

		memcpy(out, big, len);
		n = pbm_mutate(d, out, len, MAX, 7000 + s, NULL);
		if (n > len) {
			memcpy(big, out, n);
			len = n;
		}
	}
	CHECK(len > 256, "grew to %zu only", len);
	for (unsigned int s = 0; s < 500; s++) {
		size_t max = len / (2 + s % 8);
		uint8_t out[MAX];
		size_t n;

		memcpy(out, big, len);
		n = pbm_mutate(d, out, len, max, s, NULL);
		CHECK(n <= max, "%zu > max %zu", n, max);
		if (n) {
			const char *err = pbm_check_wire(d, out, n);

			CHECK(!err, "%s", err);
			fitted++;
		}
	}
	CHECK(fitted > 250, "only %u of 500 fitted", fitted);
}

static void test_crossover(void)
{
	const ProtobufCMessageDescriptor *d = &pbmtest__node__descriptor;
	unsigned int made = 0, changed = 0;

	for (int i = 0; i < 64; i++) {
		for (int j = 0; j < 64; j++) {
			uint8_t a[MAX], b[MAX];
			size_t max = (i + j) % 3 ? MAX : sample_len[i];
			size_t na = pbm_crossover(d, samples[i], sample_len[i],
						  samples[j], sample_len[j], a,
						  max, i * 64 + j);
			size_t nb = pbm_crossover(d, samples[i], sample_len[i],
						  samples[j], sample_len[j], b,
						  max, i * 64 + j);

			CHECK(na == nb && !memcmp(a, b, na),
			      "not deterministic");
			CHECK(na <= max, "%zu > %zu", na, max);
			if (!na)
				continue;
			const char *err = pbm_check_wire(d, a, na);

			CHECK(!err, "crossover %d x %d: %s", i, j, err);
			made++;
			changed += na != sample_len[i] ||
				   memcmp(a, samples[i], na);
		}
	}
	printf("  crossover: %u made, %u changed\n", made, changed);
	CHECK(made > 64 * 64 / 2 && changed > made / 2, "made %u changed %u",
	      made, changed);
}

/* Hooks are obeyed: forbidden operations never run, values come from it. */
static unsigned int no_clear(void *ctx, const struct pbm_site *site,
			     enum pbm_op op, unsigned int w)
{
	(void)ctx;
	(void)site;
	return op == PBM_OP_CLEAR || op == PBM_OP_DELETE ? 0 : w;
}

static bool answer(void *ctx, const struct pbm_site *site, void *value,
		   struct pbm_rng *rng)
{
	(void)rng;
	if (strcmp(site->field->name, "i32"))
		return false;
	++*(unsigned int *)ctx;
	*(int32_t *)value = 42;
	return true;
}

static void check_i32(const Pbmtest__Node *n)
{
	if (!n)
		return;
	CHECK(!n->has_i32 || n->i32 == 42, "i32 = %d", n->i32);
	check_i32(n->child);
	for (size_t i = 0; i < n->n_children; i++)
		check_i32(n->children[i]);
	if (n->other_case == PBMTEST__NODE__OTHER_O_NODE)
		check_i32(n->o_node);
}

static void test_hooks(void)
{
	const ProtobufCMessageDescriptor *d = &pbmtest__node__descriptor;
	struct pbm_stats st = {0};
	unsigned int calls = 0;
	struct pbm_hooks hooks = {.ctx = &calls,
				  .weight = no_clear,
				  .value = answer,
				  .stats = &st};
	uint8_t buf[MAX];
	size_t len = initial(d, buf);

	for (unsigned int s = 0; s < 5000; s++) {
		uint8_t out[MAX];
		size_t n;
		Pbmtest__Node *m;

		memcpy(out, buf, len);
		n = pbm_mutate(d, out, len, MAX, s, &hooks);
		if (!n)
			continue;
		m = pbmtest__node__unpack(NULL, n, out);
		CHECK(m, "unpack");
		check_i32(m);
		pbmtest__node__free_unpacked(m, NULL);
		if (n < 2048) {
			memcpy(buf, out, n);
			len = n;
		}
	}
	CHECK(!st.applied[PBM_OP_CLEAR] && !st.applied[PBM_OP_DELETE],
	      "forbidden ops ran");
	CHECK(calls > 0 && st.hook_values == calls, "value hook: %u calls",
	      calls);
}

/* Not a message: nothing, and the caller falls back. */
static void test_garbage(void)
{
	uint8_t junk[] = {0xff, 0xff, 0xff};

	CHECK(!pbm_mutate(&pbmtest__node__descriptor, junk, 3, MAX, 1, NULL),
	      "garbage mutated");
	CHECK(!pbm_crossover(&pbmtest__node__descriptor, junk, 3, junk, 3, junk,
			     3, 1),
	      "garbage crossed");
}

int main(void)
{
	printf("all operations:\n");
	test_all_ops();
	printf("deterministic\n");
	test_deterministic();
	printf("max_size\n");
	test_max_size();
	printf("crossover\n");
	test_crossover();
	printf("hooks\n");
	test_hooks();
	test_garbage();
	printf("ok\n");
	return 0;
}
