// SPDX-License-Identifier: GPL-2.0-only
/*
 * A CPU-time limit per program (watchdog.h). The handler runs in the middle
 * of whatever loop went on too long, so it prints with write(2) only, what
 * the runner stored by plain assignments, and leaves through the class's
 * abort (which flushes stdio, as every divergence does) or _exit().
 */
#define _DEFAULT_SOURCE
#include "watchdog.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "divergence.h"

static unsigned int limit_seconds;
static bool abort_on_expiry;
static bool handler_installed;

/* where the run is; written by the runner, read by the handler */
static const char *volatile input_name;
static volatile size_t where_op;
static const char *volatile where_what;
static volatile uint64_t where_iova, where_size;
static const char *volatile where_driver;

/* write(2) a string, a decimal and a hex number: nothing else is safe */
struct line {
	char buf[768];
	size_t n;
};

static void put(struct line *l, const char *s)
{
	while (s && *s && l->n < sizeof(l->buf) - 1)
		l->buf[l->n++] = *s++;
}

static void put_num(struct line *l, uint64_t v, unsigned int base)
{
	char digits[24];
	int i = 0;

	do {
		digits[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v && i < (int)sizeof(digits));
	if (base == 16)
		put(l, "0x");
	while (i > 0 && l->n < sizeof(l->buf) - 1)
		l->buf[l->n++] = digits[--i];
}

static void put_where(struct line *l)
{
	put(l, "op #");
	put_num(l, where_op, 10);
	put(l, " (");
	put(l, where_what ? where_what : "setup");
	if (where_size) {
		put(l, " iova ");
		put_num(l, where_iova, 16);
		put(l, " size ");
		put_num(l, where_size, 16);
	} else if (where_iova) {
		put(l, " iova ");
		put_num(l, where_iova, 16);
	}
	if (where_driver) {
		put(l, ", driver ");
		put(l, where_driver);
	}
	put(l, ") still running after ");
	put_num(l, limit_seconds, 10);
	put(l, " s of CPU time");
}

static void on_expiry(int sig)
{
	struct line l = {.n = 0};
	ssize_t ignored;

	(void)sig;
	if (abort_on_expiry) {
		put(&l, "ASSERTION FAILURE: no-progress: watchdog: ");
		put_where(&l);
		put(&l, ": a loop that does not end\n");
	} else {
		put(&l, "iotlbfuzz: watchdog: ");
		put(&l, input_name ? input_name : "input");
		put(&l, ": ");
		put_where(&l);
		put(&l, " (limit: --watchdog SECONDS or IOTLBFUZZ_WATCHDOG): a "
			"loop that does not end (no-progress); stopped\n");
	}
	ignored = write(STDERR_FILENO, l.buf, l.n);
	(void)ignored;
	if (abort_on_expiry)
		divergence_abort(DIV_NO_PROGRESS);
	_exit(WATCHDOG_EXIT);
}

void watchdog_setup(unsigned int seconds, bool fatal)
{
	const char *env = getenv("IOTLBFUZZ_WATCHDOG");

	if (env && *env)
		seconds = (unsigned int)strtoul(env, NULL, 10);
	limit_seconds = seconds;
	abort_on_expiry = fatal;
	if (!seconds || handler_installed)
		return;

	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_expiry;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGVTALRM, &sa, NULL);
	handler_installed = true;
}

unsigned int watchdog_seconds(void)
{
	return limit_seconds;
}

void watchdog_set_input(const char *name)
{
	input_name = name;
}

/*
 * ITIMER_VIRTUAL counts this process's user CPU time: a loop of ours or of
 * the kernel code spins there, and a busy machine does not fire it early.
 */
static void set_timer(unsigned int seconds)
{
	struct itimerval t;

	memset(&t, 0, sizeof(t));
	t.it_value.tv_sec = seconds;
	setitimer(ITIMER_VIRTUAL, &t, NULL);
}

void watchdog_arm(void)
{
	if (!limit_seconds)
		return;
	where_op = 0;
	where_what = NULL;
	where_iova = 0;
	where_size = 0;
	where_driver = NULL;
	set_timer(limit_seconds);
}

void watchdog_disarm(void)
{
	if (limit_seconds)
		set_timer(0);
}

void watchdog_note_op(size_t op, const char *what, uint64_t iova, uint64_t size,
		      const char *driver)
{
	where_op = op;
	where_what = what;
	where_iova = iova;
	where_size = size;
	where_driver = driver;
}
