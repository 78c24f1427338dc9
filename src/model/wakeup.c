#include "model/wakeup.h"
#include "model/grow.h"
#include "model/pidmap.h"

#include <stdlib.h>
#include <string.h>

struct wakeup {
	bool use_waking;
	struct wakeup_task *tasks;	/* in order of first sight */
	size_t nr, cap;
	struct pidmap by_pid;		/* pid -> index into tasks */
	uint64_t waiting;		/* tasks in state WAITING */
	uint64_t dropped;
};

struct wakeup *wakeup_new(bool use_waking)
{
	struct wakeup *w = calloc(1, sizeof(*w));

	if (w)
		w->use_waking = use_waking;
	return w;
}

void wakeup_free(struct wakeup *w)
{
	if (!w)
		return;
	free(w->tasks);
	pidmap_free(&w->by_pid);
	free(w);
}

static struct wakeup_task *task(struct wakeup *w, int32_t pid)
{
	struct wakeup_task *t;
	int i;

	if (pid <= 0)
		return NULL;
	i = pidmap_find(&w->by_pid, pid);
	if (i >= 0)
		return &w->tasks[i];
	if (w->nr >= INT32_MAX || !grow_array((void **)&w->tasks, &w->cap, w->nr + 1, sizeof(*w->tasks)) ||
	    pidmap_add(&w->by_pid, pid, (int32_t)w->nr))
		return NULL;
	t = &w->tasks[w->nr++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->state = WAKEUP_SLEEPING;
	t->slept = '?';
	return t;
}

static void set_comm(char *dst, const char *comm, bool keep_old)
{
	if (comm[0] && !(keep_old && dst[0]))
		memcpy(dst, comm, SCHED_COMM_LEN + 1);
}

static void set_state(struct wakeup *w, struct wakeup_task *t, enum wakeup_state s)
{
	w->waiting += (s == WAKEUP_WAITING) - (t->state == WAKEUP_WAITING);
	t->state = (uint8_t)s;
}

static bool on_switch(struct wakeup *w, int cpu, uint64_t ts, const struct sched_event *ev, struct wakeup_wait *done)
{
	struct wakeup_task *p = task(w, ev->pid), *n;
	bool ended = false;

	if (p) {
		set_state(w, p, ev->prev_state == 'R' ? WAKEUP_PREEMPTED : WAKEUP_SLEEPING);
		p->slept = ev->prev_state;
		set_comm(p->comm, ev->comm, true);
	}
	n = task(w, ev->next_pid);
	if (!n)
		return false;
	if (n->state == WAKEUP_WAITING) {
		*done = n->open;
		done->run_ts = ts;
		done->run_cpu = (int16_t)cpu;
		ended = true;
	}
	set_state(w, n, WAKEUP_RUNNING);
	set_comm(n->comm, ev->next_comm, false);
	return ended;
}

static void on_wakeup(struct wakeup *w, int cpu, uint64_t ts, int32_t waker, const struct sched_event *ev)
{
	struct wakeup_task *t = task(w, ev->pid);

	if (!t)
		return;
	set_comm(t->comm, ev->comm, true);
	if (t->state != WAKEUP_SLEEPING)
		return;	/* running, preempted, or already woken: the first wakeup counts */
	set_state(w, t, WAKEUP_WAITING);
	t->open = (struct wakeup_wait){
		.wake_ts = ts, .pid = t->pid, .waker = waker, .wake_cpu = (int16_t)cpu, .run_cpu = -1,
		.slept = t->slept,
	};
}

bool wakeup_event(struct wakeup *w, int cpu, uint64_t ts, int32_t waker, const struct sched_event *ev,
		  struct wakeup_wait *done)
{
	switch (ev->kind) {
	case SCHED_SWITCH:
		return on_switch(w, cpu, ts, ev, done);
	case SCHED_WAKING:
		if (w->use_waking)
			on_wakeup(w, cpu, ts, waker, ev);
		return false;
	case SCHED_WAKEUP:
		if (!w->use_waking)
			on_wakeup(w, cpu, ts, waker, ev);
		return false;
	case SCHED_WAKEUP_NEW:
		on_wakeup(w, cpu, ts, waker, ev);
		return false;
	default:
		return false;
	}
}

void wakeup_forget_before(struct wakeup *w, uint64_t ts)
{
	for (size_t i = 0; w->waiting && i < w->nr; i++) {
		struct wakeup_task *t = &w->tasks[i];

		if (t->state == WAKEUP_WAITING && t->open.wake_ts < ts) {
			set_state(w, t, WAKEUP_SLEEPING);
			t->slept = '?';
			w->dropped++;
		}
	}
}

/* The switch that ended any open wait may be among the lost events, on
 * whichever CPU lost them: every wait open now is in doubt. */
void wakeup_lost(struct wakeup *w, int cpu, uint64_t ts)
{
	(void)cpu;
	wakeup_forget_before(w, ts);
}

bool wakeup_uses_waking(const struct wakeup *w)
{
	return w->use_waking;
}

uint64_t wakeup_open_waits(const struct wakeup *w)
{
	return w->waiting;
}

uint64_t wakeup_dropped(const struct wakeup *w)
{
	return w->dropped;
}

size_t wakeup_nr_tasks(const struct wakeup *w)
{
	return w->nr;
}

const struct wakeup_task *wakeup_task_at(const struct wakeup *w, size_t i)
{
	return i < w->nr ? &w->tasks[i] : NULL;
}

const struct wakeup_task *wakeup_find(const struct wakeup *w, int32_t pid)
{
	int i = pidmap_find(&w->by_pid, pid);

	return i >= 0 ? &w->tasks[i] : NULL;
}
