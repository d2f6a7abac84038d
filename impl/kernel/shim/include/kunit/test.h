/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: see kshim/kunit.h. */
#include "../../kshim.h"
#include "../../kshim/kunit.h"
