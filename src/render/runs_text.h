/* The run model as text, for `ftui dump runs` and scripts: per CPU, every
 * run in time order, as CSV or as a readable table with how each run ended.
 *
 * CSV: the header is exactly "cpu,start_ns,end_ns,pid,comm", then a line
 * per run of a task or of idle (pid 0, comm "<idle>"); times are absolute
 * nanoseconds, the numbers `trace-cmd report -t` prints (raw counts for
 * counter clocks).  Spans whose task is unknown (after lost events) are left
 * out: between two lines of a CPU that do not touch, or before its first
 * one, nothing is known.  comm is the task's newest name, quoted as CSV
 * quotes ("a,b" -> "\"a,b\"") when it holds a comma or a quote.
 *
 * The table shows the unknown spans too. */
#ifndef FTUI_RUNS_TEXT_H
#define FTUI_RUNS_TEXT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct sched;
struct tep_handle;

struct runs_text_opts {
	const bool *cpus;	/* cpus[c]: show CPU c (nr_cpus entries); NULL: every CPU */
	uint64_t from, to;	/* runs that overlap [from, to) (a run of no length at from counts) */
	bool csv;
	bool in_usecs;		/* the table prints seconds (else raw counts, as the trace clock does) */
};

/* Write the runs to out.  Returns 0, or -1 when writing failed. */
int runs_text_write(FILE *out, const struct sched *sc, struct tep_handle *tep, const struct runs_text_opts *o);

#endif
