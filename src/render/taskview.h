/* The task view: chosen tasks as rows across all CPUs, each cell showing
 * the task's state then: running (in the task's colour, as tall as the
 * share of the cell it ran), runnable (woken or preempted), sleeping (S),
 * blocked (D); nothing where it is not known or after it exited.  Rows
 * from view->first_row (scrolling); view->selected is the selected row. */
#ifndef FTUI_TASKVIEW_H
#define FTUI_TASKVIEW_H

#include <stdint.h>

#include "render/grid.h"
#include "render/timeline.h"

struct store;
struct sched;
struct tep_handle;

#define TASKVIEW_LABEL_MAX 24

/* Draw the axis and a row per pid; returns the rows used. */
int render_task_rows(struct grid *g, int x, int y, int w, int h, const struct store *s, const struct sched *sc,
		     struct tep_handle *tep, const int32_t *pids, int nr_pids, const struct timeline_view *view);

/* The busiest tasks (by runtime, idle excluded), at most max; returns how many. */
int taskview_busiest(const struct sched *sc, int32_t *pids, int max);

#endif
