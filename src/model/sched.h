/* What ran where, and each task's states: the run model (model/runs.h) and
 * the task table, built from the store's top-level buffer (buffer 0).  The
 * timeline, the CPU lanes, the task view and `ftui dump runs` read it.
 *
 * The store's events are fed in time order (merged over the CPUs): every
 * record is evidence of who ran (its common_pid), sched_switch of who came
 * and went and how, the wakeups of when a task became runnable (so that a
 * switch that was not traced is put no earlier than the wakeup), the first
 * event of a page that lost events of a gap (the CPU's time is unknown until
 * the next evidence), sched_process_exit of the end of a task.
 *
 * One model for files and live data: sched_build() feeds a whole store once;
 * sched_update() feeds what the store gained since (live capture appends
 * pages) and forgets what eviction took (events evicted before they were
 * fed count as lost); sched_feed() takes records one by one from a caller
 * that has no store (the live task table, model/taskstats.h).  The model
 * owns its memory; pointers into it are valid until the next feeding. */
#ifndef FTUI_SCHED_H
#define FTUI_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/cpumarks.h"
#include "model/pidmap.h"
#include "model/runs.h"
#include "model/sched_event.h"
#include "model/store.h"

struct tep_handle;

/* A task's state from ts on: TASK_RUNNING, 'R' runnable (preempted or
 * woken), how it left the CPU ('S', 'D', 'T', 'P', ...), 'X' exited, or '?'
 * unknown (it left without a traced switch, or events were lost). */
#define TASK_RUNNING '+'

struct task_state {
	uint64_t ts;
	char state;
};

struct task {
	int32_t pid;			/* > 0: idle is no task */
	char comm[SCHED_COMM_LEN + 1];	/* "" until an event names it */
	uint64_t runtime;		/* ns, in runs that ended */
	uint64_t switches;		/* times switched in */
	struct task_state *states;	/* by time */
	size_t nr_states, cap_states;
	/* building */
	uint64_t not_before;		/* it cannot run before: its last wakeup or run's end */
	int32_t cpu;			/* the CPU it runs on now, -1 */
};

struct sched {
	struct runs *runs;		/* every CPU 0 .. nr_cpus - 1 */
	int nr_cpus;
	struct task *tasks;		/* in order of first sight */
	int nr_tasks;
	bool have_switch;		/* the trace's formats hold sched_switch */
	struct cpumarks *marks;		/* irq spans, wakeup and migration marks per CPU */
	/* building */
	size_t cap_tasks;
	struct pidmap by_pid;		/* pid -> index into tasks */
	struct tep_handle *tep;
	struct sched_fields f;
	uint64_t *pos;			/* per stream: the next event to feed (UINT64_MAX: not buffer 0) */
	uint64_t *page_end;		/* per stream: where the page of the last event fed ends */
	int nr_streams;
	uint64_t evicted;		/* the store's evicted events when last fed */
	bool failed;			/* memory ran out: the model is incomplete */
};

/* A model of nr_cpus CPUs (at least one; more as events of higher CPUs
 * come) with nothing fed yet.  NULL when out of memory. */
struct sched *sched_new(struct tep_handle *tep, int nr_cpus);
/* Feed what the store holds beyond what was fed, and forget what it
 * evicted.  Returns 0, or -1 when memory ran out. */
int sched_update(struct sched *sc, const struct store *s, const struct store_source *src);
/* sched_new() + sched_update(): the whole store.  nr_cpus: the trace's CPU
 * count (0: as many as the store has streams for). */
struct sched *sched_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			  int nr_cpus);
void sched_free(struct sched *sc);

/* One record of cpu at ts whose common_pid is pid, of event id type, with
 * its payload (NULL when not at hand: then it counts only as evidence of
 * pid); lost: the CPU lost data just before it.  In time order. */
void sched_feed(struct sched *sc, int cpu, uint64_t ts, int32_t pid, int type, const void *data, int size,
		bool lost);
/* The data reaches ts: runs still open last until then. */
void sched_set_end(struct sched *sc, uint64_t ts);
/* Forget runs (a block at a time) and task states older than ts. */
void sched_forget_before(struct sched *sc, uint64_t ts);

/* The runs of a CPU (NULL outside 0 .. nr_cpus - 1). */
const struct run_cpu *sched_cpu(const struct sched *sc, int cpu);

/* NULL for pids without a task (0 and below, or never seen). */
const struct task *sched_task(const struct sched *sc, int32_t pid);
/* Its runtime including runs still open at the end. */
uint64_t sched_task_runtime(const struct sched *sc, const struct task *t);
/* The task's state at ts ('?' before anything is known). */
char sched_task_state(const struct task *t, uint64_t ts);
/* Did the task run at some time in [from, to)? */
bool sched_task_ran(const struct task *t, uint64_t from, uint64_t to);
/* The task's comm, or the tep's cmdline for it, "<idle>" for 0,
 * "<unknown>" for RUN_UNKNOWN, or "<...>". */
const char *sched_comm(const struct sched *sc, struct tep_handle *tep, int32_t pid);

/* Bytes the model holds (runs, tasks and their states). */
size_t sched_memory(const struct sched *sc);

#endif
