/* Wakeup-to-switch latency: how long each task waited between being woken
 * and running, over a range of the store's top-level buffer.
 *
 * The waits come from the wakeup state machine (model/wakeup.h: perf sched
 * latency's), fed the store's events in time order.  The wakeup events are
 * sched_waking when the trace holds any, else sched_wakeup; sched_wakeup_new
 * always.  Waits still open at the end are not counted (their number is
 * kept), nor those open when a CPU lost events (a page that lost events, or
 * a CPU whose oldest events were evicted): the switch that ended them may be
 * among the lost ones. */
#ifndef FTUI_LATENCY_H
#define FTUI_LATENCY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/store.h"

struct tep_handle;

struct lat_sample {
	uint64_t wake_ts, run_ts;	/* the wakeup, and the switch that ran the task */
	int32_t pid;
	int32_t waker;			/* the task that woke it (the wakeup's common_pid) */
	int32_t meanwhile;		/* what ran on the run CPU until the switch */
	int16_t wake_cpu, run_cpu;
	char state;			/* how it slept before: 'S', 'D', ... ('?' never seen) */
};

struct lat_task {
	int32_t pid;
	char comm[17];
	uint64_t count, min, max, total, p50, p99;	/* ns */
	uint64_t *worst;		/* sample indices, longest first (all of them) */
};

#define LAT_BUCKETS 64			/* log2 of the latency in ns */

struct latency {
	struct lat_sample *samples;
	uint64_t nr_samples;
	struct lat_task *tasks;		/* sorted by pid */
	int nr_tasks;
	uint64_t open_waits;
	uint64_t dropped_waits;		/* open when data was lost: not counted */
	bool used_waking;		/* sched_waking was the wakeup event */
	uint64_t hist[LAT_BUCKETS];	/* all samples */
};

/* Over the events in [from, to) of the store's top-level buffer. */
struct latency *latency_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			      uint64_t from, uint64_t to);
void latency_free(struct latency *lat);

const struct lat_task *latency_task(const struct latency *lat, int32_t pid);
/* Histogram of one task's samples (or all when t is NULL) into hist[LAT_BUCKETS]. */
void latency_histogram(const struct latency *lat, const struct lat_task *t, uint64_t *hist);
/* The bucket of a latency: floor(log2(ns)), 0 for 0 and 1. */
int latency_bucket(uint64_t ns);

#endif
