/* What ran where: per-CPU runs of tasks, from sched_switch, and the task
 * table (pid -> comm).  Built once from the store; the timeline reads it.
 *
 * A run is the time from one sched_switch on a CPU to the next: the task
 * switched in runs until it is switched out.  Before a CPU's first switch,
 * the task that switch takes off the CPU is taken to have run since the
 * CPU's first event.  pid 0 is the idle task. */
#ifndef FTUI_SCHED_H
#define FTUI_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "model/store.h"

struct tep_handle;

struct sched_run {
	uint64_t start;		/* timestamp the task was switched in */
	int32_t pid;
	char state;		/* how the previous task left: 'R', 'S', 'D', ... ('?' unknown) */
};

struct sched_cpu {
	int cpu;
	struct sched_run *runs;	/* by start time */
	uint64_t *busy;		/* busy[i]: non-idle time from runs[0].start to runs[i].start */
	uint64_t nr_runs;
	uint64_t end;		/* the CPU's last event: the end of its last run */
};

struct task {
	int32_t pid;
	char comm[16 + 1];
	uint64_t runtime;	/* on any CPU, in the trace */
	uint64_t switches;	/* times switched in */
	uint64_t first_state;	/* the task's state changes: states[first_state ..] */
	uint64_t nr_states;
};

/* A task's state from ts on: 'X' running, 'R' runnable (preempted or
 * woken), or how it left the CPU: 'S', 'D', 'T', 'Z', ... */
struct task_state {
	uint64_t ts;
	char state;
};

struct sched {
	struct sched_cpu *cpus;	/* one per CPU seen in the top-level buffer */
	int nr_cpus;
	struct task *tasks;	/* sorted by pid */
	int nr_tasks;
	struct task_state *states;	/* by task, then time */
	uint64_t nr_states;
	bool have_switch;	/* the trace has sched_switch events */
};

/* Build from the store's top-level buffer (buffer 0). */
struct sched *sched_build(const struct store *s, const struct store_source *src, struct tep_handle *tep);
void sched_free(struct sched *sc);

const struct sched_cpu *sched_cpu(const struct sched *sc, int cpu);
/* Index of the run covering ts (the last run starting at or before it), or
 * -1 when ts is before the first run. */
int64_t sched_run_at(const struct sched_cpu *c, uint64_t ts);
/* Non-idle time in [from, to) on this CPU. */
uint64_t sched_busy(const struct sched_cpu *c, uint64_t from, uint64_t to);
/* Time of each task in [from, to): the pid with the most time (idle counts
 * as pid 0), and how many runs overlap the range. */
int32_t sched_top_task(const struct sched_cpu *c, uint64_t from, uint64_t to, uint64_t *nr_runs);

const struct task *sched_task(const struct sched *sc, int32_t pid);
/* The task's state at ts ('?' before anything is known). */
char sched_task_state(const struct sched *sc, const struct task *t, uint64_t ts);
/* Did the task run at some time in [from, to)? */
bool sched_task_ran(const struct sched *sc, const struct task *t, uint64_t from, uint64_t to);
/* The task's comm, or the tep's cmdline for it, or "<...>". */
const char *sched_comm(const struct sched *sc, struct tep_handle *tep, int32_t pid);

#endif
