/* SPDX-License-Identifier: GPL-2.0-only */
/* printk's log levels (the messages themselves: custom/bug.h). */
#ifndef KSHIM_DUP_PRINTK_H
#define KSHIM_DUP_PRINTK_H

#define KERN_ERR "<3>"
#define KERN_WARNING "<4>"
#define KERN_INFO "<6>"
#define KERN_DEBUG "<7>"
#define KERN_CONT ""

#endif
