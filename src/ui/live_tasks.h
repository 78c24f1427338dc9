/* What the live table knows about tasks beyond their events: the process
 * each thread belongs to (/proc while it runs, else the kernel's
 * saved_tgids, kept once known, so that a task that has already exited
 * still shows its PID), and with -P which tasks are followed (only those
 * are shown: the others' events are seen only where they meet a followed
 * one, so their numbers would be wrong). */
#ifndef FTUI_LIVE_TASKS_H
#define FTUI_LIVE_TASKS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/pidmap.h"

struct live;

struct live_tasks {
	const struct live *l;
	struct pidmap tgid;		/* tid -> its process id, once known */
	bool saved_read;		/* saved_tgids read since the last refresh */
	bool following;			/* -P: only the followed tasks are known */
	struct pidmap followed;		/* their tids (values unused) */
};

void live_tasks_init(struct live_tasks *t, const struct live *l, bool following);
void live_tasks_done(struct live_tasks *t);

/* At each refresh: the tasks followed now join the set (the kernel adds
 * the children as they fork). */
void live_tasks_refresh(struct live_tasks *t);

/* The process id of thread tid, or -1 when nothing says. */
int live_tasks_tgid(void *t, int32_t tid);

/* Whether the table shows row r: always, except with -P for tasks not
 * followed.  A task is followed when the kernel's set holds it at a
 * refresh, or when a followed task forked it (the kernel's event-fork: a
 * child that lived less than a refresh is never seen in the set).  Rows
 * come in the order of first sight, a child after its parent. */
struct task_row;
bool live_tasks_known(void *t, const struct task_row *r);

#endif
