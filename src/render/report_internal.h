/* What the report engine's sequential printer (report.c) and its parallel
 * driver (report_par.c) share: the printer of one thread. */
#ifndef FTUI_REPORT_INTERNAL_H
#define FTUI_REPORT_INTERNAL_H

#include "render/event_text.h"
#include "render/report.h"

#include <stdbool.h>
#include <stdint.h>
#include <trace-seq.h>

#define REPORT_MAX_CPUS 65536

struct session;
struct store;
struct store_source;
struct store_iter;
struct tep_handle;
struct event_filter;
struct info_cache;
struct fgraph_text;
struct report_wakeup;

struct printer {
	struct session *ss;
	/* where this thread's records come from: the session's own or a
	 * worker's tep and page source */
	struct tep_handle *tep;
	const struct store_source *src;
	FILE *out;
	struct event_filter *filter;
	bool *cpu_mask;		/* NULL: all */
	bool *buffer_shown;	/* per buffer */
	int prefix_width;	/* > 0 when several buffers are printed */
	enum time_style style;
	bool raw;
	bool latency, ts_diff;		/* -l, --ts-diff: the slower line head */
	bool round_diff;		/* --ts-diff counts microseconds */
	uint64_t last_ts;		/* of the previous line, for --ts-diff */
	struct report_wakeup *wakeup;	/* -w */
	bool oom;			/* -w ran out of memory */
	struct info_cache *cache;
	struct trace_seq *seq;		/* where the text goes */
	/* function-graph leaves: the printer peeks at the next record of the
	 * buffer being printed and may consume it */
	struct fgraph_text *fgraph;
	struct store_iter *it;
	int buffer;			/* of the record being printed */
	int peek_stream;		/* what the last peek returned */
};

/* Append the text of one event (nothing when it is not shown) to p->seq. */
void report_format(struct printer *p, int stream, uint64_t index);
/* Fill p->filter from the options' -F filters, on p->tep. */
int report_setup_filters(struct printer *p, const struct report_opts *o, char *err, size_t errlen);

/* Print the events with several threads, byte for byte what the sequential
 * loop prints.  Returns 1 when the trace or the options need the sequential
 * loop (nothing printed then), else 0 or -1 with the reason in err. */
int report_par_print(struct printer *p, const struct report_opts *o, char *err, size_t errlen);

#endif
