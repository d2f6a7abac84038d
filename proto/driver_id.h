/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A driver model's id is its value of the program's Driver enum
 * (program.proto): the one place driver ids are written. Models, the
 * suppression table and tests name them through this macro.
 */
#ifndef IOTLBFUZZ_DRIVER_ID_H
#define IOTLBFUZZ_DRIVER_ID_H

#include "program.pb-c.h"

/* DRIVER_ID(DRV_SPRD), DRIVER_ID(BROKEN_NO_ADD_PAGE), ... */
#define DRIVER_ID(name) ((int)IOTLBFUZZ__DRIVER__##name)

#endif
