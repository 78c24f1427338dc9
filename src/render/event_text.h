/* One event as a line of text, in the layout of `trace-cmd report`:
 *
 *     <comm>-<pid> [<cpu>] <time>: <event>: <info>
 *
 * Pure formatting into a trace_seq; the event list pane and `ftui report`
 * share it. */
#ifndef FTUI_EVENT_TEXT_H
#define FTUI_EVENT_TEXT_H

#include <stdbool.h>
#include <stdint.h>

struct tep_handle;
struct tep_record;
struct trace_seq;
struct info_cache;

enum time_style {
	TIME_USECS,	/* seconds.microseconds, rounded (trace-cmd's default) */
	TIME_NSECS,	/* seconds.nanoseconds (report -t) */
	TIME_RAW,	/* the clock's raw count (counter, x86-tsc, boot clocks) */
};

/* How trace-cmd prints a file's timestamps: seconds (in_usecs, the file's
 * clock counts nanoseconds) or the clock's raw count; nsec for report -t. */
enum time_style event_time_style(bool in_usecs, bool nsec);

/* The timestamp the way trace-cmd prints it, without the ':' */
void event_text_time(struct trace_seq *s, uint64_t ts, enum time_style style);

/* The whole line, without a trailing newline.  raw prints the fields
 * instead of the event's print format (report -R).  cache, if not NULL,
 * supplies the text of records seen before (and must have the same raw). */
void event_text_line(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec,
		     enum time_style style, bool raw, struct info_cache *cache);

/* The info part as event_text_line() ends with it (no trailing newline). */
void event_text_body(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec, bool raw,
		     struct info_cache *cache);

/* The latency columns of `trace-cmd report -l`: irqs-off (d, X: not
 * supported, .), need-resched (N, n, p or .), hard/soft irq (H, h, s or .),
 * preempt depth (hex digit or .) and what else the record's common fields
 * hold (migrate-disable depth), e.g. "d..2.". */
void event_text_latency(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec);

/* Pay now what the first line printed with a kernel symbol in it would
 * otherwise pay: libtraceevent sorts the trace's kallsyms on the first
 * lookup (about 15 ms for 100k symbols), inside a browser frame. */
void event_text_warm(struct tep_handle *tep);

/* Just the info part (what comes after "<event>: "). */
void event_text_info(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec, bool raw);

#endif
