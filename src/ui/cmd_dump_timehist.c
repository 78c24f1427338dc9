/* `ftui dump timehist`: a line per context switch with the task's wait
 * time, scheduling delay and run time, as `perf sched timehist` prints. */
#include "ui/commands.h"
#include "model/sched.h"
#include "model/session.h"
#include "model/timehist.h"
#include "render/timehist_text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct th_args {
	const char *file;
	struct timehist_opts o;
	bool csv;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui dump timehist [--pid P] [--cpu N] [--csv] [-w] [FILE]\n"
		"A line per context switch of FILE (default ./trace.dat), as perf sched timehist:\n"
		"the task switched out, its wait time (since its previous run ended), its scheduling\n"
		"delay (since it became runnable: its wakeup, or its preemption) and its run time,\n"
		"in milliseconds.\n"
		"  --pid P   only the switches of task P (and with -w its wakeups)\n"
		"  --cpu N   only CPU N\n"
		"  -w, --wakeups  add a line per wakeup: the waker and the task it woke\n"
		"  --csv     ts_ns,cpu,event,pid,comm,wait_ns,sch_delay_ns,run_ns,state,from_switch,\n"
		"            woken_pid,woken_comm (event: switch or wakeup)\n");
}

static int number(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct th_args *a)
{
	enum { OPT_PID = 256, OPT_CPU, OPT_CSV };
	static const struct option longopts[] = {
		{ "pid", required_argument, NULL, OPT_PID },
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "csv", no_argument, NULL, OPT_CSV },
		{ "wakeups", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	long v;
	int c;

	a->o.pid = -1;
	a->o.cpu = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hw", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_PID:
			if (number(optarg, 0, INT32_MAX, &v))
				goto bad;
			a->o.pid = (int32_t)v;
			break;
		case OPT_CPU:
			if (number(optarg, 0, 65535, &v))
				goto bad;
			a->o.cpu = (int)v;
			break;
		case OPT_CSV: a->csv = true; break;
		case 'w': a->o.wakeups = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		a->file = argv[optind++];
	if (optind < argc) {
		usage(stderr);
		return -1;
	}
	if (!a->file)
		a->file = "trace.dat";
	return 0;
bad:
	fprintf(stderr, "ftui: bad number \"%s\"\n", optarg);
	return -1;
}

int cmd_dump_timehist(int argc, char **argv)
{
	struct th_args a = { 0 };
	struct load_options lo = { 0 };
	struct session ss;
	struct sched *sc;
	struct timehist *th = NULL;
	char err[512];
	int ret = 1;

	if (parse_args(argc, argv, &a))
		return 2;
	if (session_open(&ss, a.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	sc = sched_build(ss.store, &ss.src, ss.tep, ss.nr_cpus);
	if (sc)
		th = timehist_build(sc, ss.store, &ss.src, ss.tep, &a.o);
	if (!th)
		fprintf(stderr, "ftui: out of memory\n");
	else {
		ret = timehist_text_write(stdout, th, sc, ss.tep, a.csv, ss.in_usecs) || fflush(stdout) ? 1 : 0;
		if (ret)
			fprintf(stderr, "ftui: write error\n");
	}
	timehist_free(th);
	sched_free(sc);
	session_close(&ss);
	return ret;
}
