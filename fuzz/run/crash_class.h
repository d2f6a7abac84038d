/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the two families of crash classes share: the divergence classes
 * (divergence.h) and the before/after behaviour changes
 * (compare/before_after.h). Each family is an X-list of rows
 * X(ENUMERATOR, frame, "name", "what"); each class has a name table entry
 * and aborts through its own pair of functions, frame() and abort_frame(),
 * so that ClusterFuzz's crash state (the message and the top frames) and
 * libFuzzer's dedup token differ for every class.
 */
#ifndef IOTLBFUZZ_CRASH_CLASS_H
#define IOTLBFUZZ_CRASH_CLASS_H

#include <stdio.h>
#include <stdlib.h>

struct crash_class {
	const char *name;
	const char *what;
};

/* @t[@i]'s name or description; "?" past the @n entries */
const char *crash_class_name(const struct crash_class *t, int n, int i);
const char *crash_class_what(const struct crash_class *t, int n, int i);
/* the index of @name in @t, or @n */
int crash_class_by_name(const struct crash_class *t, int n, const char *name);

/*
 * The family's lookups over its table @t of @nr entries, for its enum
 * @type: name_fn(c), what_fn(c) ("?" if out of range), by_name_fn(name)
 * (@nr if unknown).
 */
#define CRASH_CLASS_LOOKUPS(type, t, nr, name_fn, what_fn, by_name_fn) \
	const char *name_fn(type c)                                    \
	{                                                              \
		return crash_class_name(t, nr, (int)c);                \
	}                                                              \
	const char *what_fn(type c)                                    \
	{                                                              \
		return crash_class_what(t, nr, (int)c);                \
	}                                                              \
	type by_name_fn(const char *name)                              \
	{                                                              \
		return (type)crash_class_by_name(t, nr, name);         \
	}

/* The two frames of one class: <name>() calls abort_<name>(). */
#define CRASH_CLASS_FRAMES(name)                                           \
	__attribute__((noinline, noreturn)) static void abort_##name(void) \
	{                                                                  \
		fflush(stdout);                                            \
		fflush(stderr);                                            \
		abort();                                                   \
	}                                                                  \
	__attribute__((noinline, noreturn)) static void name(void)         \
	{                                                                  \
		abort_##name();                                            \
		__builtin_unreachable();                                   \
	}

/* clang-format off */
/* What a family's header and .c file make of its rows */
#define CRASH_CLASS_ENUMERATOR(id, frame, name, what) id,
#define CRASH_CLASS_ENTRY(id, frame, name, what) [id] = { name, what },
#define CRASH_CLASS_FRAME_PAIR(id, frame, name, what) CRASH_CLASS_FRAMES(frame)
#define CRASH_CLASS_ABORT_CASE(id, frame, name, what) \
	case id:                                      \
		frame();

/*
 * A family's header: enum @tag { @none, the rows' enumerators..., @nr },
 * and what CRASH_CLASS_FAMILY defines for it: name_fn(c) and what_fn(c)
 * ("?" out of range), by_name_fn(name) (@nr if unknown; entry 0's name
 * gives @none), abort_fn(c), which aborts through c's frames.
 */
#define CRASH_CLASS_DECLARE(tag, list, none, nr, name_fn, what_fn,        \
			    by_name_fn, abort_fn)                         \
	enum tag { none, list(CRASH_CLASS_ENUMERATOR) nr };               \
	const char *name_fn(enum tag c);                                  \
	const char *what_fn(enum tag c);                                  \
	enum tag by_name_fn(const char *name);                            \
	__attribute__((noreturn)) void abort_fn(enum tag c);

/*
 * Everything a family's .c file defines from its X-list @list: the table
 * of @nr entries, entry 0 (@none_name, @none_what) for "no class", the
 * lookups (CRASH_CLASS_LOOKUPS), every class's frames, and abort_fn(c),
 * which aborts through c's.
 */
#define CRASH_CLASS_FAMILY(type, list, nr, none_name, none_what, name_fn, \
			   what_fn, by_name_fn, abort_fn)                 \
	static const struct crash_class list##_TABLE[nr] = {              \
		{ none_name, none_what },                                 \
		list(CRASH_CLASS_ENTRY)                                   \
	};                                                                \
	CRASH_CLASS_LOOKUPS(type, list##_TABLE, nr, name_fn, what_fn,     \
			    by_name_fn)                                   \
	list(CRASH_CLASS_FRAME_PAIR)                                      \
	void abort_fn(type c)                                             \
	{                                                                 \
		switch (c) {                                              \
			list(CRASH_CLASS_ABORT_CASE)                      \
		default:                                                  \
			abort();                                          \
		}                                                         \
	}

/* clang-format on */

#endif
