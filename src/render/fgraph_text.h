/* Function-graph records (ftrace:funcgraph_entry / funcgraph_exit) as
 * `trace-cmd report` 3.1.6 prints them (its lib/trace-cmd/trace-ftrace.c;
 * libtraceevent has no plugin for them):
 *
 *     funcgraph_entry:                   |  do_IRQ() {
 *     funcgraph_entry:         0.870 us  |    irq_enter();
 *     funcgraph_exit:       # 3242.027 us |  }
 *
 * An entry whose next record (the next one of the same buffer in time order,
 * on any CPU) is the exit of the same function by the same pid is a leaf: the
 * two print as one line and the exit is consumed.  Durations are rettime -
 * calltime with trace-cmd's four markers ('$' > 1 s, '#' > 1 ms, '!' > 100 µs,
 * '+' > 10 µs).  Options: tailprint (the function's name in a C comment after a closing
 * brace) and
 * depth (" (N)" after each call), trace-cmd's -O fgraph:tailprint and
 * -O fgraph:depth.
 *
 * The formatter keeps no state between records except its options and the
 * peek callback; it is registered as libtraceevent's handler for the two
 * events, so that event_text_line() prints them. */
#ifndef FTUI_FGRAPH_TEXT_H
#define FTUI_FGRAPH_TEXT_H

#include <stdbool.h>

struct tep_handle;
struct tep_record;
struct trace_seq;

enum {
	FGRAPH_TEXT_TAILPRINT = 1,
	FGRAPH_TEXT_DEPTH = 2,
};

/* The record that follows the one being printed, in trace-cmd's order (same
 * buffer, any CPU, ties to the lower CPU).  peek fills next and returns true,
 * or false at the end; consume steps over the record peek returned (its data
 * must stay valid until then; the record being printed may become invalid
 * once peek has run). */
struct fgraph_peek {
	bool (*peek)(void *ctx, struct tep_record *next);
	void (*consume)(void *ctx);
	void *ctx;
};

struct fgraph_text;

/* NULL if out of memory.  Does not register anything yet. */
struct fgraph_text *fgraph_text_new(struct tep_handle *tep, unsigned flags);
/* Unregisters the handlers if registered. */
void fgraph_text_free(struct fgraph_text *f);

/* Install the formatter as the tep's handler of funcgraph_entry/exit.
 * Returns 0, or -1 if the trace has no funcgraph events (nothing to do). */
int fgraph_text_register(struct fgraph_text *f);

/* The peek used by the registered handlers (NULL: entries never merge). */
void fgraph_text_set_peek(struct fgraph_text *f, const struct fgraph_peek *peek);

/* Is event id a funcgraph_entry or funcgraph_exit? */
bool fgraph_text_is_fgraph(const struct fgraph_text *f, int id);

/* Append the info text of a funcgraph record to s (what follows
 * "funcgraph_entry: ").  Returns 1 if it printed and consumed the next
 * record (a leaf), 0 if it printed, -1 if rec is not a funcgraph record. */
int fgraph_text_print(struct fgraph_text *f, struct trace_seq *s, struct tep_record *rec,
		      const struct fgraph_peek *peek);

/* trace-cmd's duration column: "<mark><usecs>.<nsecs> us <pad>|  ", with
 * its four markers. */
void fgraph_text_duration(struct trace_seq *s, unsigned long long ns);

#endif
