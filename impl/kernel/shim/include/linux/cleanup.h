/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: see kshim.h. */
#include "../../kshim.h"
