/* `ftui dump latency`: wakeup-to-switch latency per task, as a table, CSV,
 * a log2 histogram, or the worst instances. */
#include "ui/commands.h"
#include "model/session.h"
#include "model/latency.h"
#include "render/latency_text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct lat_opts {
	const char *file;
	int pid;		/* -1: all */
	int top;		/* worst instances per task, 0: none */
	bool histogram, csv;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui dump latency [--pid P] [--top N] [--histogram] [--csv] [FILE]\n"
		"Wakeup-to-switch latency of each task in FILE (default ./trace.dat): count, min, avg,\n"
		"p50, p99, max and total in microseconds, one row per task.\n"
		"  --pid P       only task P\n"
		"  --top N       also the N longest waits of each task, with waker and CPUs\n"
		"  --histogram   a log2 histogram of all waits (of task P with --pid)\n"
		"  --csv         pid,comm,count,min_ns,avg_ns,p50_ns,p99_ns,max_ns,total_ns\n");
}

static int parse_args(int argc, char **argv, struct lat_opts *o)
{
	enum { OPT_PID = 256, OPT_TOP, OPT_HIST, OPT_CSV };
	static const struct option longopts[] = {
		{ "pid", required_argument, NULL, OPT_PID },
		{ "top", required_argument, NULL, OPT_TOP },
		{ "histogram", no_argument, NULL, OPT_HIST },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->pid = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_PID: o->pid = atoi(optarg); break;
		case OPT_TOP: o->top = atoi(optarg); break;
		case OPT_HIST: o->histogram = true; break;
		case OPT_CSV: o->csv = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc || o->top < 0) {
		usage(stderr);
		return -1;
	}
	if (!o->file)
		o->file = "trace.dat";
	return 0;
}

int cmd_dump_latency(int argc, char **argv)
{
	struct lat_opts o = { 0 };
	struct load_options lo = { 0 };
	struct session ss;
	struct latency *lat;
	char err[512];
	char *text;

	if (parse_args(argc, argv, &o))
		return 2;
	if (session_open(&ss, o.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	lat = latency_build(ss.store, &ss.src, ss.tep, 0, UINT64_MAX);
	if (!lat) {
		fprintf(stderr, "ftui: out of memory\n");
		session_close(&ss);
		return 1;
	}
	if (o.pid >= 0 && !latency_task(lat, o.pid)) {
		fprintf(stderr, "ftui: no task %d with wakeups in %s\n", o.pid, o.file);
		latency_free(lat);
		session_close(&ss);
		return 1;
	}
	if (o.csv)
		text = latency_text_csv(lat, o.pid);
	else if (o.histogram)
		text = latency_text_histogram(lat, o.pid >= 0 ? latency_task(lat, o.pid) : NULL, 50);
	else
		text = latency_text_table(lat, o.pid, o.top, ss.tep);
	if (text)
		fputs(text, stdout);
	free(text);
	latency_free(lat);
	session_close(&ss);
	return text ? 0 : 1;
}
