/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slice of the driver model that include/linux/iommu.h declares
 * against. Most of it is opaque: the map/unmap path never touches it.
 */
#ifndef KSHIM_DEVICE_H
#define KSHIM_DEVICE_H

#include "list.h"
#include "locks.h"
#include "types.h"

struct dev_iommu;
struct module;
struct fwnode_handle;
struct of_phandle_args;
struct bus_type;
struct notifier_block;
struct mm_struct;
struct iommu_group;
struct pci_dev;
struct seq_file;
struct workqueue_struct;
struct msi_desc;
struct msi_msg;
struct kref {
	refcount_t refcount;
};

struct device {
	struct dev_iommu *iommu;
	int numa_node;
	struct device *parent;
	struct fwnode_handle *fwnode;
	const struct bus_type *bus;
	void *driver_data;
};

static inline int dev_to_node(struct device *dev)
{
	return dev ? dev->numa_node : -1;
}

static inline void set_dev_node(struct device *dev, int node)
{
	if (dev)
		dev->numa_node = node;
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline const char *dev_name(const struct device *dev)
{
	(void)dev;
	return "iotlbfuzz";
}

struct work_struct {
	void (*func)(struct work_struct *work);
	struct list_head entry;
};
struct delayed_work {
	struct work_struct work;
};
struct xarray {
	void *head;
};
struct ida {
	struct xarray xa;
};
struct idr {
	struct xarray xa;
};
struct attribute_group;
struct scatterlist;
struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents;
	unsigned int orig_nents;
};
struct iova_bitmap;
static inline void iova_bitmap_set(struct iova_bitmap *bitmap,
				   unsigned long iova, size_t length)
{
	(void)bitmap;
	(void)iova;
	(void)length;
}

/* Never reached on the map/unmap path. */
static inline int copy_struct_from_user(void *dst, size_t ksize,
					const void *src, size_t usize)
{
	(void)dst;
	(void)ksize;
	(void)src;
	(void)usize;
	return -EFAULT;
}
struct file;
struct eventfd_ctx;

/* linux/err.h */
#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long error)
{
	return (void *)error;
}
static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}
static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}
static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR_VALUE((unsigned long)ptr);
}

/* Initcalls become callable entry points for the selftest runner. */
#define subsys_initcall(fn)                                                   \
	int kshim_initcall_##fn(void)                                         \
	{                                                                     \
		return fn();                                                  \
	}
#define subsys_initcall_sync(fn) subsys_initcall(fn)
#define module_init(fn) subsys_initcall(fn)
#define module_exit(fn)

#endif
