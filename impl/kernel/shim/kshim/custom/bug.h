/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN and BUG. Several WARNs fire by design (mapping over a leaf, unmapping
 * a hole), so a WARN is counted and logged, not fatal; the runner decides.
 * A BUG is a kernel crash and aborts through its own divergence class.
 * printk is logged for the reports.
 */
#ifndef KSHIM_CUSTOM_BUG_H
#define KSHIM_CUSTOM_BUG_H

#include "../dup/compiler.h"
#include "../dup/printk.h"

void kshim_warn(const char *file, int line, const char *what);
__attribute__((noreturn)) void kshim_bug(const char *file, int line,
					 const char *what);

#define WARN_ON(condition)                                                    \
	({                                                                    \
		int warn_on_ = !!(condition);                                 \
		if (unlikely(warn_on_))                                       \
			kshim_warn(__FILE__, __LINE__, #condition);           \
		unlikely(warn_on_);                                           \
	})
#define WARN(condition, ...)                                                  \
	({                                                                    \
		int warn_on_ = !!(condition);                                 \
		if (unlikely(warn_on_))                                       \
			kshim_warn(__FILE__, __LINE__, #condition);           \
		unlikely(warn_on_);                                           \
	})
/* Deterministic across fuzz inputs: "once" would carry state between them. */
#define WARN_ON_ONCE(condition) WARN_ON(condition)
#define WARN_ONCE(condition, ...) WARN(condition, __VA_ARGS__)
#define BUG() kshim_bug(__FILE__, __LINE__, "BUG()")
#define VM_BUG_ON(condition) BUG_ON(condition)
#define BUG_ON(condition)                                                     \
	do {                                                                  \
		if (unlikely(condition))                                      \
			kshim_bug(__FILE__, __LINE__, #condition);            \
	} while (0)

/* printk: logged for reports, printed only when verbose. */
void kshim_printk(int level, const char *fmt, ...);
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...) kshim_printk(0, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) kshim_printk(3, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) kshim_printk(4, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) kshim_printk(6, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) kshim_printk(6, fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...) kshim_printk(7, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited pr_err
#define pr_warn_once pr_warn
#define pr_crit(fmt, ...) kshim_printk(2, pr_fmt(fmt), ##__VA_ARGS__)
#define printk(fmt, ...) kshim_printk(6, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...) kshim_printk(3, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...) kshim_printk(4, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...) kshim_printk(6, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...) kshim_printk(7, fmt, ##__VA_ARGS__)

#endif
