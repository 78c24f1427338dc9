/* Timehist as text (`ftui dump timehist`, and the browser's timehist pane):
 * perf sched timehist's columns, or CSV for scripts.
 *
 * Table: time (seconds, or raw counts for counter clocks), [cpu], the task
 * as comm[pid], wait time, sch delay and run time in milliseconds; wakeup
 * lines say "awakened: comm[pid]".
 *
 * CSV: the header is exactly
 *   ts_ns,cpu,event,pid,comm,wait_ns,sch_delay_ns,run_ns,state,from_switch,woken_pid,woken_comm
 * event is "switch" (pid/comm: the task switched out at ts_ns; state its
 * prev_state letter; from_switch 1 when its run began at a traced switch)
 * or "wakeup" (pid/comm: the waker; woken_*: the task woken); the columns
 * of the other kind are empty.  Times are absolute as `trace-cmd report -t`
 * prints them. */
#ifndef FTUI_TIMEHIST_TEXT_H
#define FTUI_TIMEHIST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct timehist;
struct th_line;
struct sched;
struct tep_handle;

/* The table's two header lines and its rule, one at a time (i 0..2). */
const char *timehist_header(int i);
/* One table line into buf (no newline). */
void timehist_line_text(char *buf, size_t len, const struct th_line *l, const struct sched *sc,
			struct tep_handle *tep, bool in_usecs);
/* The whole timehist to out.  Returns 0, or -1 when writing failed. */
int timehist_text_write(FILE *out, const struct timehist *th, const struct sched *sc, struct tep_handle *tep,
			bool csv, bool in_usecs);

#endif
