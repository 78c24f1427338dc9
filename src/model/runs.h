/* The run model: per CPU, the intervals each task ran, and how each ended.
 *
 * Evidence of who ran comes from two places:
 *  - sched_switch: prev ran until the switch, next runs from it;
 *  - every other record: its common_pid ran on its CPU at its time.  A
 *    kernel may leave a switch out (this machine's never logs CPU1 leaving
 *    idle), a trace starts mid-run, events get lost; when a record names
 *    another task than the one running, the switch that was not seen
 *    happened after the CPU's last evidence and after the new task could
 *    last not run (its wakeup or its switch out elsewhere: the caller's
 *    not_before), and the new run starts there; without such a bound an
 *    idle CPU stays idle until the record, a task is taken to have left
 *    right after its last record.
 * After lost events the CPU runs RUN_UNKNOWN from its last evidence to the
 * next.  Before a CPU's first evidence nothing is known and there are no runs.
 *
 * A CPU's runs tile its time: run i ends where run i + 1 starts; the last
 * run ends at the CPU's end (the latest time any CPU has data for, as
 * runs_set_end() says).  Idle is pid 0.  Every CPU of the trace's CPU count
 * has a struct run_cpu, events or not.
 *
 * Built incrementally: events are fed per CPU in time order (CPUs are
 * independent), for a file once, for live data as it arrives; runs older
 * than the data kept can be forgotten.  16 bytes a run, plus 16 bytes per
 * RUN_BLOCK runs for the sums that make busy time O(RUN_BLOCK) to ask; no
 * cost per event.  The model owns its memory. */
#ifndef FTUI_RUNS_H
#define FTUI_RUNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RUN_IDLE 0
#define RUN_UNKNOWN (-1)	/* the pid of a span after lost events */
#define RUN_BLOCK 64

enum run_end {
	RUN_SWITCHED,		/* a sched_switch took it off: state says how it left */
	RUN_EXITED,		/* it exited: switched out dead (X, Z) or sched_process_exit */
	RUN_INFERRED,		/* another task's record came without a sched_switch */
	RUN_LOST,		/* the CPU lost events after it */
	RUN_OPEN,		/* still running where the data ends (the trace end) */
};

enum run_flags {
	RUN_FROM_SWITCH = 1,	/* began with a sched_switch (else inferred from a record) */
};

struct run {			/* 16 bytes */
	uint64_t start;		/* ns, as trace-cmd report prints it */
	int32_t pid;		/* RUN_IDLE, a task, or RUN_UNKNOWN */
	uint8_t end;		/* enum run_end (RUN_OPEN for the last run) */
	char state;		/* RUN_SWITCHED/RUN_EXITED: prev_state letter ('R', 'S', 'D', 'X', ...), else '?' */
	uint8_t flags;		/* enum run_flags */
	uint8_t reserved;
};

struct run_sums {		/* time of the runs before a block, from runs[0] */
	uint64_t busy;		/* tasks (not idle, not unknown) */
	uint64_t unknown;
};

struct run_cpu {
	int cpu;
	struct run *runs;	/* by start time */
	size_t nr, cap;
	uint64_t base;		/* runs forgotten so far: runs[0] is run number base */
	uint64_t end;		/* where the last run ends */
	struct run_sums *sums;	/* sums[b]: the runs before runs[b * RUN_BLOCK] */
	size_t nr_sums, cap_sums;
	/* building */
	uint64_t last_ts;	/* the last evidence */
	bool exited;		/* the running task logged sched_process_exit */
};

/* Told when a run opens or closes (to keep per-task tables); any may be NULL. */
struct runs_observer {
	void (*opened)(void *ctx, int cpu, const struct run *run);
	void (*closed)(void *ctx, int cpu, const struct run *run, uint64_t end);
	void *ctx;
};

struct runs {
	struct run_cpu *cpus;	/* cpus[c].cpu == c */
	int nr_cpus;
	uint64_t end;		/* the latest time fed */
	struct runs_observer obs;
	bool failed;		/* memory ran out: runs are missing */
};

/* nr_cpus CPUs, 0 .. nr_cpus - 1 (at least one).  obs may be NULL. */
struct runs *runs_new(int nr_cpus, const struct runs_observer *obs);
void runs_free(struct runs *r);
/* Make room for CPUs up to nr_cpus - 1 (live: a CPU comes online).  0 or -1. */
int runs_grow(struct runs *r, int nr_cpus);

/* Feeding, per CPU in time order (CPUs outside the model are ignored). */
/* A record of pid on cpu at ts.  not_before: the task cannot have been
 * switched in earlier (its last wakeup or switch out; 0 if none). */
void runs_evidence(struct runs *r, int cpu, uint64_t ts, int32_t pid, uint64_t not_before);
/* sched_switch on cpu at ts: prev (left in state, a prev_state letter)
 * for next; prev_not_before as for runs_evidence. */
void runs_switch(struct runs *r, int cpu, uint64_t ts, int32_t prev, char state, int32_t next,
		 uint64_t prev_not_before);
/* sched_process_exit of pid on cpu: its run ends as exited. */
void runs_exit(struct runs *r, int cpu, int32_t pid);
/* cpu lost events after its last evidence (the next is at ts or later). */
void runs_lost(struct runs *r, int cpu, uint64_t ts);
/* Data reaches ts: open runs last until then. */
void runs_set_end(struct runs *r, uint64_t ts);
/* Drop runs that ended before ts, a block of RUN_BLOCK at a time. */
void runs_forget_before(struct runs *r, uint64_t ts);
/* Give back the room growing reserved (when no more will come: a file). */
void runs_trim(struct runs *r);

/* Reading. */
const struct run_cpu *runs_cpu(const struct runs *r, int cpu);
/* Where run i (0 .. c->nr - 1) ends. */
uint64_t run_end(const struct run_cpu *c, size_t i);
/* Index of the run covering ts, or -1 before the first run. */
int64_t runs_at(const struct run_cpu *c, uint64_t ts);
/* Time in [from, to) that tasks ran (idle and unknown excluded). */
uint64_t runs_busy(const struct run_cpu *c, uint64_t from, uint64_t to);
/* Time in [from, to) that is unknown (after lost events). */
uint64_t runs_unknown(const struct run_cpu *c, uint64_t from, uint64_t to);
/* The pid that had most of [from, to) (idle 0, RUN_UNKNOWN), and how many
 * runs overlap it; false when no run does.  Looks at up to 64 runs: for
 * ranges holding a few. */
bool runs_top(const struct run_cpu *c, uint64_t from, uint64_t to, int32_t *pid, uint64_t *nr_runs);
/* Bytes the model holds. */
size_t runs_memory(const struct runs *r);
/* How a run ended, into buf: "R preempted", "S sleeping", "X exited",
 * "switch not traced", "lost events", "trace end"; "switched out" for idle;
 * for an unknown span "unknown: events lost". */
const char *run_end_text(const struct run *run, char *buf, size_t len);

#endif
