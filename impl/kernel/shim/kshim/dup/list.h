/* SPDX-License-Identifier: GPL-2.0-only */
/* Doubly linked lists with the kernel's interface. */
#ifndef KSHIM_DUP_LIST_H
#define KSHIM_DUP_LIST_H

#include "compiler.h"
#include "types.h"

struct list_head {
	struct list_head *next, *prev;
};
struct hlist_node {
	struct hlist_node *next, **pprev;
};
struct hlist_head {
	struct hlist_node *first;
};
struct rcu_head {
	void *next;
	void (*func)(struct rcu_head *head);
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void list_insert_between(struct list_head *entry,
				       struct list_head *prev,
				       struct list_head *next)
{
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	prev->next = entry;
}

static inline void list_add(struct list_head *entry, struct list_head *head)
{
	list_insert_between(entry, head, head->next);
}

static inline void list_add_tail(struct list_head *entry,
				 struct list_head *head)
{
	list_insert_between(entry, head->prev, head);
}

static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = NULL;
	entry->prev = NULL;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* Moves @list's entries to the front of @head; @list is left stale. */
static inline void list_splice(const struct list_head *list,
			       struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head;
	list->prev->next = head->next;
	head->next->prev = list->prev;
	head->next = list->next;
}

static inline void list_splice_init(struct list_head *list,
				    struct list_head *head)
{
	list_splice(list, head);
	INIT_LIST_HEAD(list);
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member)                                   \
	list_entry((ptr)->next, type, member)
#define list_next_entry(pos, member)                                          \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)
#define list_for_each_entry(pos, head, member)                                \
	for (pos = list_first_entry(head, __typeof__(*pos), member);          \
	     &pos->member != (head); pos = list_next_entry(pos, member))
#define list_for_each_entry_safe(pos, n, head, member)                        \
	for (pos = list_first_entry(head, __typeof__(*pos), member),          \
	    n = list_next_entry(pos, member);                                 \
	     &pos->member != (head); pos = n, n = list_next_entry(n, member))

#endif
