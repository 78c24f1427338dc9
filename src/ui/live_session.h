/* A live capture feeding the event store: pages from tracefs go into a page
 * pool and the store (every browser pane works on them), optionally into a
 * trace.dat, and through the task statistics; the memory budget evicts the
 * oldest pages. */
#ifndef FTUI_LIVE_SESSION_H
#define FTUI_LIVE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "model/pagepool.h"
#include "model/taskstats.h"
#include "ui/live_args.h"
#include "model/session.h"

struct kbuffer;
struct reader;
struct livewriter;

#define LIVE_HISTORY 600	/* intervals kept for stepping back */

struct live_session {
	struct live *l;
	struct reader *reader;		/* drains the kernel's buffers in its own thread */
	struct session ss;		/* tep, store and page source for the browser */
	struct pagepool *pool;
	struct pagepool_source pool_src;
	int *stream_of_cpu;
	struct kbuffer *kb;
	struct livewriter *out;		/* -o FILE (a process of its own), or NULL */
	const char *output;
	struct taskstats *stats;
	struct store_pos fed;		/* the next events for the statistics */
	size_t budget;			/* bytes for everything live_session_memory() counts */
	size_t extra_memory;		/* the browser's models (the UI says) */
	uint64_t evicted_ts;		/* every CPU's events before this are gone */
	uint64_t pages, events_total;
	uint64_t first_ts, last_ts;	/* of the events fed to the statistics */
	uint64_t newest_ts;		/* of the newest event held */
	uint64_t newest_fed_check;	/* the newest event when it last changed... */
	double newest_arrived;		/* ...and when (monotonic s) */
	struct task_interval *history[LIVE_HISTORY];
	int nr_history;			/* newest last */
	double started;			/* monotonic seconds */
};

int live_session_open(struct live_session *ls, struct live_args *a, char *err, size_t errlen);
/* Finish the recording (if any), remove the instance, free everything.
 * Returns -1 with err if the recording could not be finished. */
int live_session_close(struct live_session *ls, char *err, size_t errlen);

/* Read what tracefs has, index it, feed the statistics, evict if over the
 * budget.  Returns pages read, or -1. */
int live_session_poll(struct live_session *ls);
/* End the current interval: it joins the history. */
const struct task_interval *live_session_cut(struct live_session *ls);
uint64_t live_session_lost(const struct live_session *ls);
/* Bytes held for the capture: pages, their index, the reader's queue, the
 * history of intervals, and extra_memory.  Eviction keeps it within the
 * budget. */
size_t live_session_memory(const struct live_session *ls);
/* Write the events of the last `seconds` to path: every CPU from the same
 * time on (records before it left out of the first page), or from the
 * oldest event held when less is; *covered says how many seconds that is. */
int live_session_save(struct live_session *ls, const char *path, double seconds, double *covered, char *err,
		      size_t errlen);

/* Emergency cleanup from a crash handler: remove the instance (best effort). */
void live_session_crash_cleanup(void);

#endif
