/* `ftui dump runs`: the run model (what ran on each CPU, from when to when,
 * how it ended) as a table or as CSV. */
#include "ui/commands.h"
#include "model/sched.h"
#include "model/session.h"
#include "render/runs_text.h"
#include "ui/timeparse.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct runs_opts {
	const char *file, *cpus, *from, *to;
	bool csv;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui dump runs [--cpu LIST] [--from T] [--to T] [--csv] [FILE]\n"
		"What ran on each CPU of FILE (default ./trace.dat): every run of a task or of idle,\n"
		"from sched_switch and from every record's pid, with how it ended (switched out in\n"
		"state R/S/D/..., exited, switch not traced, lost events, trace end).  After lost\n"
		"events a CPU's time is unknown until its next event.\n"
		"  --cpu LIST   only these CPUs (0,2-3)\n"
		"  --from T, --to T  only runs that overlap [T, T); seconds (363.75) or relative to the\n"
		"               first event (+5ms)\n"
		"  --csv        cpu,start_ns,end_ns,pid,comm with absolute ns as trace-cmd report -t\n"
		"               prints them; unknown spans are left out\n");
}

static int parse_args(int argc, char **argv, struct runs_opts *o)
{
	enum { OPT_CPU = 256, OPT_FROM, OPT_TO, OPT_CSV };
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CPU: o->cpus = optarg; break;
		case OPT_FROM: o->from = optarg; break;
		case OPT_TO: o->to = optarg; break;
		case OPT_CSV: o->csv = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc) {
		usage(stderr);
		return -1;
	}
	if (!o->file)
		o->file = "trace.dat";
	return 0;
}

static uint64_t first_ts(const struct store *s)
{
	uint64_t first = UINT64_MAX;

	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].nr_ev && s->streams[i].ev[0].ts < first)
			first = s->streams[i].ev[0].ts;
	return first == UINT64_MAX ? 0 : first;
}

/* The options that need the trace: the CPU mask and the time range. */
static int resolve(const struct runs_opts *o, const struct session *ss, const struct sched *sc, bool **mask,
		   struct runs_text_opts *to)
{
	uint64_t base = first_ts(ss->store);

	to->from = 0;
	to->to = UINT64_MAX;
	if ((o->from && parse_time(o->from, base, &to->from)) || (o->to && parse_time(o->to, base, &to->to)) ||
	    to->to < to->from) {
		fprintf(stderr, "ftui: bad time range (--from %s --to %s)\n", o->from ? o->from : "start",
			o->to ? o->to : "end");
		return -1;
	}
	if (!o->cpus)
		return 0;
	*mask = calloc((size_t)sc->nr_cpus, sizeof(**mask));
	if (!*mask || parse_cpu_list(o->cpus, *mask, sc->nr_cpus)) {
		fprintf(stderr, *mask ? "ftui: bad CPU list \"%s\"\n" : "ftui: out of memory\n", o->cpus);
		return -1;
	}
	to->cpus = *mask;
	return 0;
}

int cmd_dump_runs(int argc, char **argv)
{
	struct runs_opts o = { 0 };
	struct load_options lo = { 0 };
	struct runs_text_opts to = { 0 };
	struct session ss;
	struct sched *sc;
	bool *mask = NULL;
	char err[512];
	int ret = 1;

	if (parse_args(argc, argv, &o))
		return 2;
	if (session_open(&ss, o.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	sc = sched_build(ss.store, &ss.src, ss.tep, ss.nr_cpus);
	if (!sc)
		fprintf(stderr, "ftui: out of memory\n");
	else if (!resolve(&o, &ss, sc, &mask, &to)) {
		to.csv = o.csv;
		to.in_usecs = ss.in_usecs;
		ret = runs_text_write(stdout, sc, ss.tep, &to) || fflush(stdout) ? 1 : 0;
		if (ret)
			fprintf(stderr, "ftui: write error\n");
	}
	free(mask);
	sched_free(sc);
	session_close(&ss);
	return ret;
}
