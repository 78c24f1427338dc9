/* Per-task scheduling statistics, fed events in time order, for the live
 * top-like view: runtime, switches (voluntary when the task slept,
 * involuntary when preempted), wakeups, migrations, the CPU it last ran on,
 * and wakeup-to-switch latency.
 *
 * The same models as a file's views: records go through the run model
 * (model/sched.h: who ran where, also without a traced switch; runtime and
 * CPU busy time are read from its runs) and the wakeup state machine
 * (model/wakeup.h: perf sched latency's, as the latency pane uses), the
 * scheduler's events decoded once (model/sched_event.h).  Wakeups are
 * sched_waking when the formats have it (a live capture has the formats of
 * the events it enabled), else sched_wakeup; sched_wakeup_new always.  A
 * record that follows lost events (rec->missed_events) makes the time
 * before it unknown and drops the waits open then.  pid 0 is not a task. */
#ifndef FTUI_TASKSTATS_H
#define FTUI_TASKSTATS_H

#include <stdbool.h>
#include <stdint.h>

#include "model/store.h"

struct tep_handle;

struct task_row {			/* totals since the start, but runtime_iv */
	int32_t tid;
	char comm[17];
	uint64_t runtime_iv;		/* ns on any CPU in the interval */
	uint64_t runtime;		/* ns on any CPU */
	uint64_t vol, invol;		/* switches out */
	uint64_t wakeups;
	uint64_t migrations;
	int last_cpu;
	bool exited;			/* sched_process_exit seen: the task's last interval */
	int32_t parent;			/* from sched_process_fork, 0 if not seen */
	uint64_t lat_count, lat_sum, lat_max;
	struct {			/* the same, over the interval only */
		uint64_t vol, invol, wakeups, migrations, lat_count, lat_sum, lat_max;
	} iv;
};

/* One refresh interval: a row per task seen so far that has not exited
 * before it, and the interval's counts.  A task that exits is in the
 * interval of its exit (exited set), then leaves; events of its tid in the
 * next interval (its last switch) are not counted, unless a fork makes a
 * new task of that tid. */
struct task_interval {
	uint64_t start, end;		/* trace time */
	struct task_row *rows;
	int nr_rows;
	uint64_t events, switches, wakeups;
	uint64_t *busy;			/* per CPU slot: non-idle ns */
	int nr_cpus;
};

struct taskstats;

struct taskstats *taskstats_new(struct tep_handle *tep, int nr_cpus);
void taskstats_free(struct taskstats *ts);

/* Feed one event (in time order). */
void taskstats_event(struct taskstats *ts, int cpu, uint64_t time, const struct tep_record *rec, int type);

/* Close the interval ending at `end`: returns it (owned by the caller: free
 * with taskstats_interval_free) and starts the next. */
struct task_interval *taskstats_cut(struct taskstats *ts, uint64_t end);
void taskstats_interval_free(struct task_interval *iv);

/* Whether the events include sched_waking (the source of wakeups). */
bool taskstats_uses_waking(const struct taskstats *ts);

#endif
