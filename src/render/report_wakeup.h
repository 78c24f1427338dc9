/* `trace-cmd report -w`: the time from a task's wakeup to the switch that runs
 * it, appended to that sched_switch line, and a summary at the end.
 *
 * As trace-cmd 3.1.6 does it: only printed records count, a second wakeup of a
 * task restarts its clock, a switch to a task with no pending wakeup adds
 * nothing, and a task whose next_prio is at most 99 also counts as RT. */
#ifndef FTUI_REPORT_WAKEUP_H
#define FTUI_REPORT_WAKEUP_H

#include <stdio.h>

struct tep_handle;
struct tep_record;
struct trace_seq;
struct report_wakeup;

/* NULL when the file lacks sched_wakeup or sched_switch (or their pid and
 * prio fields), as trace-cmd then prints no latencies either, or on ENOMEM
 * (*oom set). */
struct report_wakeup *report_wakeup_new(struct tep_handle *tep, int *oom);
void report_wakeup_free(struct report_wakeup *w);

/* Account for a printed record; after a switch that ends a wakeup, append
 * " Latency: U.NNN usecs" to s.  -1 on ENOMEM. */
int report_wakeup_record(struct report_wakeup *w, struct tep_record *rec, struct trace_seq *s);

/* The averages, maxima and minima (nothing if no switch ended a wakeup). */
void report_wakeup_summary(const struct report_wakeup *w, FILE *out);

#endif
