/* The main view's rows: which CPUs the timeline shows (all, or those the
 * CPU filter keeps), which one is selected and which are on screen (rows
 * scroll so that the selection stays in view), paging, the go-to-CPU
 * prompt; the same scrolling for the task view's rows and a zoomed CPU's
 * lanes.  Also the timeline's other keys: next/previous event of a task or
 * an event type, the split between timeline and list, clearing markers. */
#ifndef FTUI_VIEW_ROWS_H
#define FTUI_VIEW_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/prompt.h"

struct view;

/* The rows after the CPU filter or the CPU count changed (the selection
 * moves to a shown CPU). */
int view_rows_update(struct view *v);
/* j/k (page: J/K) on the timeline, the task view or the lanes. */
void view_rows_step(struct view *v, int dir, bool page);
/* Select cpu's row and scroll it into view; false when it is not shown. */
bool view_rows_show_cpu(struct view *v, int cpu);
/* Scroll so that the selected row is on screen (after a resize). */
void view_rows_follow(struct view *v);
/* "CPU 26-51 of 128" when not every row is on screen, else "". */
void view_rows_position(const struct view *v, char *buf, size_t len);
/* The task view's rows: every task, busiest first (pin, when > 0, on top). */
int view_rows_tasks(struct view *v, int pin);

/* From the selected event of the list (or the task under the cursor on the
 * selected CPU), the next (dir > 0) or previous event of the same task
 * (by_task) or the same event type. */
void view_rows_seek(struct view *v, int dir, bool by_task);

extern const struct prompt_def view_goto_cpu_prompt;

#endif
