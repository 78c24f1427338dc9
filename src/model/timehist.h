/* Per-switch scheduling history, as `perf sched timehist` prints it: a line
 * per sched_switch with the task switched out, how long it waited before
 * that run (wait time), how much of the wait it was runnable (sch delay) and
 * how long it ran (run time); optionally a line per wakeup.
 *
 * Built on the run model (model/runs.h through model/sched.h), so that runs
 * whose switch was not traced or that follow lost events are bounded the
 * way every other view bounds them:
 *  - run time: the run's length (switch in to switch out);
 *  - wait time: from the end of the task's previous run (on any CPU) to the
 *    start of this one; 0 when it has no previous run or that run ended in
 *    lost data (TH_WAIT_UNKNOWN);
 *  - sch delay: from when the task became runnable to the start of the run.
 *    Runnable: switched out in state R (preempted) at the end of its previous
 *    run, else its first wakeup after that run ended (sched_waking when the
 *    trace holds any, else sched_wakeup; sched_wakeup_new always); 0 when
 *    there is none.
 * Lines come for runs that end at a sched_switch (switched out, or exited),
 * for idle too (wait and delay 0).  The model owns its memory. */
#ifndef FTUI_TIMEHIST_H
#define FTUI_TIMEHIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/store.h"

struct sched;
struct tep_handle;

enum th_kind { TH_SWITCH, TH_WAKEUP };

enum th_flags {
	TH_FROM_SWITCH = 1,	/* the run began at a traced sched_switch (else inferred) */
	TH_WAIT_UNKNOWN = 2,	/* no previous run known: wait time is 0 */
	TH_PREEMPTED = 4,	/* it was runnable since its previous run (state R) */
};

struct th_line {		/* 48 bytes */
	uint64_t ts;		/* TH_SWITCH: the switch out; TH_WAKEUP: the wakeup */
	uint64_t start;		/* TH_SWITCH: the switch in */
	uint64_t wait, delay;	/* ns */
	int32_t pid;		/* TH_SWITCH: the task switched out; TH_WAKEUP: the waker */
	int32_t other;		/* TH_WAKEUP: the task woken; TH_SWITCH: 0 */
	int16_t cpu;
	uint8_t kind;		/* enum th_kind */
	uint8_t flags;		/* enum th_flags */
	char state;		/* TH_SWITCH: the prev_state letter it left in */
};

struct timehist {
	struct th_line *lines;	/* by time, then CPU */
	size_t nr;
	bool used_waking;	/* sched_waking was the wakeup event */
	bool have_switch;	/* the trace holds sched_switch */
};

struct timehist_opts {
	bool wakeups;		/* add TH_WAKEUP lines */
	int32_t pid;		/* only lines of this task (switched out, or woken); -1 all */
	int cpu;		/* only this CPU; -1 all */
};

/* From the run model sc (built on store s) and the store's wakeups.  NULL
 * when memory runs out. */
struct timehist *timehist_build(const struct sched *sc, const struct store *s, const struct store_source *src,
				struct tep_handle *tep, const struct timehist_opts *o);
void timehist_free(struct timehist *th);

/* Run time of a TH_SWITCH line. */
static inline uint64_t th_run(const struct th_line *l)
{
	return l->ts - l->start;
}

#endif
