/* The wakeup state machine: how long each task waited between being woken
 * and running.  One machine for every view of it: the latency pane and
 * `ftui dump latency` (model/latency.c, from the store), hist's derived
 * wakeup_lat (through latency.c) and the live task table
 * (model/taskstats.c, record by record as capture delivers them).
 *
 * The states are perf sched latency's: a task switched out in state R is
 * preempted (runnable); in any other state it is sleeping; a task not seen
 * yet counts as sleeping.  A wakeup of a sleeping task starts a wait at the
 * wakeup's timestamp; wakeups of a running, preempted or already waiting
 * task are ignored (the first counts).  The sched_switch that switches the
 * waiting task in, on any CPU, ends the wait.  The wakeup events are either
 * sched_waking or sched_wakeup (the caller says which: see wakeup_new), and
 * sched_wakeup_new always.  pid 0 is not a task.
 *
 * Lost data: a wait open when data was lost (on any CPU: the switch that
 * ended it may be among the lost events) is dropped, not counted, and the
 * task counts as sleeping again.  The caller says when: wakeup_lost() for a
 * gap in one CPU's data, wakeup_forget_before() when everything before a
 * time is gone (eviction).
 *
 * Events must come in time order (the store's merged order). */
#ifndef FTUI_WAKEUP_H
#define FTUI_WAKEUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/sched_event.h"

enum wakeup_state { WAKEUP_SLEEPING, WAKEUP_PREEMPTED, WAKEUP_WAITING, WAKEUP_RUNNING };

struct wakeup_wait {		/* 32 bytes */
	uint64_t wake_ts, run_ts;	/* the wakeup, and the switch that ran the task */
	int32_t pid;
	int32_t waker;			/* the task that woke it (the wakeup's common_pid) */
	int16_t wake_cpu, run_cpu;
	char slept;			/* how it slept before: 'S', 'D', ... ('?' never seen) */
};

struct wakeup_task {
	int32_t pid;
	uint8_t state;			/* enum wakeup_state */
	char slept;			/* how it last left a CPU ('?' never seen) */
	char comm[SCHED_COMM_LEN + 1];	/* the newest name seen, "" if none */
	struct wakeup_wait open;	/* the wait in progress (state WAITING) */
};

struct wakeup;

/* use_waking: sched_waking starts waits (sched_wakeup is ignored); else
 * sched_wakeup does (sched_waking is ignored).  NULL when out of memory. */
struct wakeup *wakeup_new(bool use_waking);
void wakeup_free(struct wakeup *w);

/* Feed one decoded event of CPU cpu at ts whose record's common_pid is
 * waker (other kinds than switch and wakeups are ignored).  Returns true
 * when it ended a wait, which is copied to *done. */
bool wakeup_event(struct wakeup *w, int cpu, uint64_t ts, int32_t waker, const struct sched_event *ev,
		  struct wakeup_wait *done);

/* Data of cpu was lost just before ts (the next event fed is at ts or later). */
void wakeup_lost(struct wakeup *w, int cpu, uint64_t ts);
/* Everything before ts is gone: waits woken before ts are dropped. */
void wakeup_forget_before(struct wakeup *w, uint64_t ts);

bool wakeup_uses_waking(const struct wakeup *w);
/* Waits open now (woken, not yet run). */
uint64_t wakeup_open_waits(const struct wakeup *w);
/* Waits dropped because data was lost. */
uint64_t wakeup_dropped(const struct wakeup *w);

/* The tasks seen, in order of first sight; wakeup_find is NULL for an
 * unknown pid.  Pointers are valid until the next event is fed. */
size_t wakeup_nr_tasks(const struct wakeup *w);
const struct wakeup_task *wakeup_task_at(const struct wakeup *w, size_t i);
const struct wakeup_task *wakeup_find(const struct wakeup *w, int32_t pid);

#endif
