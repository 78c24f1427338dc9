/* The report engine: every event of a loaded trace as the text
 * `trace-cmd report` prints, written to a stream.  `ftui report` parses its
 * options into report_opts and calls report_print(). */
#ifndef FTUI_REPORT_H
#define FTUI_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct session;

struct report_filter {
	const char *str;	/* trace-cmd's filter syntax */
	bool neg;		/* -v: hide what it matches */
};

struct report_opts {
	bool nsec;		/* -t */
	bool raw;		/* -R */
	const char *cpus;	/* --cpu LIST, NULL: all */
	char **buffers;		/* -B NAME: only these (none: all) */
	int nr_buffers;
	struct report_filter *filters;
	int nr_filters;
	unsigned fgraph_flags;	/* FGRAPH_TEXT_* of render/fgraph_text.h */
	bool latency;		/* -l: comm cut to 8, latency flags after the CPU */
	bool ts_diff;		/* --ts-diff: time since the previous line */
	bool wakeup;		/* -w: wakeup-to-switch latency after each switch, summary at the end */
	enum report_mode {
		REPORT_EVENTS,		/* the events (default) */
		REPORT_STAT,		/* --stat: the kernel's buffer statistics */
		REPORT_PRINTK,		/* -P: the printk formats */
		REPORT_EVENT_LIST,	/* -E: the events the file has formats for */
		REPORT_FIRST_EVENT,	/* --first-event: the CPUs with data, first timestamp */
	} mode;
	bool plugin_opts;	/* -O set a plugin's option */
	int threads;		/* formatting threads (0: as the machine allows) */
};

/* Print the trace.  0, or -1 with a one-line reason in err (nothing printed
 * yet when the options are wrong). */
int report_print(struct session *ss, const struct report_opts *o, FILE *out, char *err, size_t errlen);

/* The modes other than REPORT_EVENTS (render/report_info.c); 0 or -1 with
 * the reason in err. */
int report_print_info(struct session *ss, const struct report_opts *o, FILE *out, char *err, size_t errlen);

/* The buffers of the file, one a line ("(top)" for the top-level one). */
void report_list_buffers(struct session *ss, FILE *out);

#endif
