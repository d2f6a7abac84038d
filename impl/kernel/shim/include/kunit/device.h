/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: see kshim/custom/kunit.h. */
#include "../../kshim.h"
#include "../../kshim/custom/kunit.h"
