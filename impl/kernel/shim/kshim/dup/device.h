/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slice of the driver model that include/linux/iommu.h declares
 * against. Most of it is opaque: the map/unmap path never touches it.
 */
#ifndef KSHIM_DUP_DEVICE_H
#define KSHIM_DUP_DEVICE_H

#include "list.h"
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
struct file;
struct eventfd_ctx;

#endif
