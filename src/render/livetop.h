/* The live view's top-like screen: a header (per-CPU busy bars, rates, lost
 * events, memory, capture time) and a sortable task table. */
#ifndef FTUI_LIVETOP_H
#define FTUI_LIVETOP_H

#include <stdbool.h>
#include <stdint.h>

#include "render/grid.h"

struct task_interval;
struct task_row;

enum livetop_col {
	COL_PID, COL_TID, COL_COMM, COL_CPU_PCT, COL_TIME, COL_SWITCHES, COL_WAKEUPS, COL_MIGRATIONS,
	COL_LAST_CPU, COL_LAT_MAX, COL_LAT_AVG, COL_COUNT
};

struct livetop_view {
	const struct task_interval *iv;	/* the interval shown */
	double seconds;			/* its length in seconds */
	double uptime;			/* seconds since capture started */
	uint64_t events_total, lost_total, memory;
	int sort;			/* enum livetop_col */
	bool descending;
	const char *filter;		/* comm substring, or NULL */
	int selected;			/* row in the sorted, filtered table */
	int first_row;
	bool paused;
	bool interval;			/* counts over the interval, not since the start */
	int history_back;		/* intervals stepped back with t (0: newest) */
	const char *output;		/* recording to, or NULL */
	bool output_failed;		/* writing it failed (the reason comes at exit) */
	void *tasks;			/* for the two below */
	int (*tgid)(void *tasks, int32_t tid);	/* process id of a thread, -1 if unknown; may be NULL */
	/* whether to show a row (asked in the order of first sight); may be NULL (all) */
	bool (*known)(void *tasks, const struct task_row *r);
	bool partial;			/* only some tasks' events are traced (-P): no CPU bars */
	const char *command;		/* "COMMAND ... output in FILE" line, or NULL */
	int strip_rows;			/* rows to leave free under the header (for a timeline) */
	int strip_y;			/* out: where those rows start */
};

/* Draw into g; returns the number of table rows after filtering, and fills
 * tids with the tids in display order (up to max). */
int render_livetop(struct grid *g, struct livetop_view *v, int32_t *tids, int max);
const char *livetop_col_name(int col);

#endif
