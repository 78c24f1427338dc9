/* `ftui dump timeline` and `ftui dump graph`: views of the browser printed
 * as text, for scripts and tests (the timeline, the function-graph call
 * trees).  The other dump views have files of their own (cmd_dump_*.c);
 * commands.c dispatches them all. */
#include "ui/commands.h"
#include "model/session.h"
#include "ui/timeparse.h"
#include "model/fgraph.h"
#include "model/sched.h"
#include "render/graph.h"
#include "render/lanes.h"
#include "render/timeline.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct dump_opts {
	const char *file, *from, *to;
	int width, cpu;
	bool ascii;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui dump timeline [--width N] [--from T] [--to T] [--cpu N] [--ascii] [FILE]\n"
		"Print the timeline of FILE (default ./trace.dat) as text: an axis and a row per CPU,\n"
		"or with --cpu a lane per task that ran on that CPU.  T is seconds (363.75) or\n"
		"relative to the first event (+5ms).\n");
}

static void usage_graph(FILE *f)
{
	fprintf(f,
		"usage: ftui dump graph [--cpu N] [--pid P] [--depth N] [--function F] [--sort] [--time]\n"
		"                       [--width N] [FILE]\n"
		"Print the function-graph call trees of FILE as the kernel's function_graph tracer\n"
		"prints them: per task, with durations and the kernel's overhead markers.\n"
		"  --cpu N, --pid P  only the calls that started on CPU N, of task P\n"
		"  --function F      only the outermost calls of F and what they call\n"
		"  --depth N         show N levels, the deeper calls folded (with their call count)\n"
		"  --sort            children by duration, longest first\n"
		"  --time            a column with the time of each line's record\n");
}

static int parse_args(int argc, char **argv, struct dump_opts *o)
{
	enum { OPT_WIDTH = 256, OPT_FROM, OPT_TO, OPT_CPU, OPT_ASCII };
	static const struct option longopts[] = {
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->width = 100;
	o->cpu = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_WIDTH: o->width = atoi(optarg); break;
		case OPT_FROM: o->from = optarg; break;
		case OPT_TO: o->to = optarg; break;
		case OPT_CPU: o->cpu = atoi(optarg); break;
		case OPT_ASCII: o->ascii = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc || o->width < 20 || o->width > 10000) {
		usage(stderr);
		return -1;
	}
	if (!o->file)
		o->file = "trace.dat";
	return 0;
}

static void extent(const struct store *s, uint64_t *first, uint64_t *last)
{
	*first = UINT64_MAX;
	*last = 0;
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		if (st->nr_ev && st->ev[0].ts < *first)
			*first = st->ev[0].ts;
		if (st->nr_ev && st->ev[st->nr_ev - 1].ts > *last)
			*last = st->ev[st->nr_ev - 1].ts;
	}
	if (*first > *last)
		*first = *last = 0;
}

static int dump_timeline(struct session *ss, const struct dump_opts *o)
{
	struct sched *sc = sched_build(ss->store, &ss->src, ss->tep, ss->nr_cpus);
	struct timeline_view tv = { .selected = -1 };
	int rows = sc ? timeline_rows(ss->store, sc) : 0;
	uint64_t first, last;
	struct grid *g;
	char *text;

	if (!sc) {
		fprintf(stderr, "ftui: out of memory\n");
		return -1;
	}
	extent(ss->store, &first, &last);
	tv.t0 = first;
	tv.t1 = last + 1;
	if ((o->from && parse_time(o->from, first, &tv.t0)) || (o->to && parse_time(o->to, first, &tv.t1)) ||
	    tv.t1 <= tv.t0) {
		fprintf(stderr, "ftui: bad time range (--from %s --to %s)\n", o->from ? o->from : "start",
			o->to ? o->to : "end");
		sched_free(sc);
		return -1;
	}
	tv.cursor = tv.t0;
	g = grid_new(o->width, TIMELINE_AXIS_H + (o->cpu >= 0 ? MAX_LANES : rows), o->ascii);
	if (!g) {
		sched_free(sc);
		return -1;
	}
	if (o->cpu >= 0) {
		if (o->cpu >= rows) {
			fprintf(stderr, "ftui: no CPU %d in %s\n", o->cpu, o->file);
			grid_free(g);
			sched_free(sc);
			return -1;
		}
		g->h = render_cpu_lanes(g, 0, 0, g->w, g->h, ss->store, sc, ss->tep, o->cpu, &tv);
	} else {
		g->h = render_timeline(g, 0, 0, g->w, g->h, ss->store, sc, ss->tep, &tv);
	}
	text = grid_to_text(g);
	fputs(text ? text : "", stdout);
	free(text);
	grid_free(g);
	sched_free(sc);
	return 0;
}

struct graph_opts {
	const char *file, *function;
	int cpu, pid, depth, width;
	bool sort, time, ascii;
};

static int parse_graph_args(int argc, char **argv, struct graph_opts *o)
{
	enum { OPT_CPU = 256, OPT_PID, OPT_DEPTH, OPT_FUNCTION, OPT_SORT, OPT_TIME, OPT_WIDTH, OPT_ASCII };
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "pid", required_argument, NULL, OPT_PID },
		{ "depth", required_argument, NULL, OPT_DEPTH },
		{ "function", required_argument, NULL, OPT_FUNCTION },
		{ "sort", no_argument, NULL, OPT_SORT },
		{ "time", no_argument, NULL, OPT_TIME },
		{ "width", required_argument, NULL, OPT_WIDTH },
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->cpu = o->pid = -1;
	o->width = 400;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CPU: o->cpu = atoi(optarg); break;
		case OPT_PID: o->pid = atoi(optarg); break;
		case OPT_DEPTH: o->depth = atoi(optarg); break;
		case OPT_FUNCTION: o->function = optarg; break;
		case OPT_SORT: o->sort = true; break;
		case OPT_TIME: o->time = true; break;
		case OPT_WIDTH: o->width = atoi(optarg); break;
		case OPT_ASCII: o->ascii = true; break;
		case 'h': usage_graph(stdout); exit(0);
		default: usage_graph(stderr); return -1;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc || o->depth < 0 || o->width < 20 || o->width > 10000 || o->cpu < -1 || o->pid < -1) {
		usage_graph(stderr);
		return -1;
	}
	if (!o->file)
		o->file = "trace.dat";
	return 0;
}

/* The trees, drawn a screen at a time by the pane's renderer. */
static int dump_graph(struct session *ss, const struct graph_opts *o)
{
	struct fgraph *g = fgraph_build(ss->store, &ss->src, ss->tep, 0);
	struct graph_view v;
	struct grid *grid = NULL;
	char header[512];
	int ret = -1;

	if (!g) {
		fprintf(stderr, "ftui: out of memory\n");
		return -1;
	}
	if (!g->nr_calls) {
		fprintf(stderr, "ftui: %s has no function-graph or function records\n", o->file);
		fgraph_free(g);
		return -1;
	}
	if (graph_view_init(&v, g)) {
		fgraph_free(g);
		return -1;
	}
	v.show_time = o->time;
	v.show_task = o->pid < 0;
	if (graph_view_filter(&v, o->cpu, o->pid, o->function)) {
		fprintf(stderr, "ftui: no function \"%s\" in %s\n", o->function, o->file);
		goto out;
	}
	if (o->sort && graph_view_sort(&v, true))
		goto out;
	if (o->depth)
		graph_fold_to_depth(&v, o->depth);
	grid = grid_new(o->width, 256, o->ascii);
	if (!grid)
		goto out;
	graph_header(&v, header, sizeof(header));
	printf("%s\n", header);
	while (v.top.node != FGRAPH_NONE) {
		int rows;
		char *text;

		grid_clear(grid);
		rows = render_graph(grid, 0, 0, grid->w, grid->h, &v, false);
		grid->h = rows;
		text = grid_to_text(grid);
		fputs(text ? text : "", stdout);
		free(text);
		grid->h = 256;
		for (int i = 0; i < rows; i++)
			if (!graph_next(&v, &v.top)) {
				v.top.node = FGRAPH_NONE;
				break;
			}
	}
	ret = 0;
out:
	grid_free(grid);
	graph_view_done(&v);
	fgraph_free(g);
	return ret;
}

int cmd_dump_graph(int argc, char **argv)
{
	struct graph_opts o = { 0 };
	struct load_options lo = { 0 };
	struct session ss;
	char err[512];
	int ret;

	if (parse_graph_args(argc, argv, &o))
		return 2;
	if (session_open(&ss, o.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	ret = dump_graph(&ss, &o);
	session_close(&ss);
	return ret ? 1 : 0;
}

int cmd_dump_timeline(int argc, char **argv)
{
	struct dump_opts o = { 0 };
	struct load_options lo = { 0 };
	struct session ss;
	char err[512];
	int ret;

	if (parse_args(argc, argv, &o))
		return 2;
	if (session_open(&ss, o.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	ret = dump_timeline(&ss, &o);
	session_close(&ss);
	return ret ? 1 : 0;
}
