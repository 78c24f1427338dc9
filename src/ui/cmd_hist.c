/* `ftui dump hist`: a hist table, in the kernel's hist-trigger syntax and
 * output format, computed over a trace.dat. */
#include "ui/commands.h"
#include "model/session.h"
#include "ui/timeparse.h"
#include "model/hist.h"
#include "render/hist_text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui dump hist --event SYSTEM:EVENT --hist 'keys=...[:vals=...][:sort=...][:size=N] [if FILTER]'\n"
		"                      [--from T] [--to T] [FILE]\n"
		"A hist table as the kernel's hist file shows it, computed over FILE (default ./trace.dat).\n"
		"Modifiers: .execname .syscall .hex .sym .sym-offset .log2 .buckets=N .usecs; sched_switch\n"
		"also has wakeup_lat (the latency of the wait it ends, ns).  T: seconds, or +5ms from the start.\n");
}

int cmd_dump_hist(int argc, char **argv)
{
	enum { OPT_EVENT = 256, OPT_HIST, OPT_FROM, OPT_TO };
	static const struct option longopts[] = {
		{ "event", required_argument, NULL, OPT_EVENT }, { "hist", required_argument, NULL, OPT_HIST },
		{ "from", required_argument, NULL, OPT_FROM }, { "to", required_argument, NULL, OPT_TO },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *event = NULL, *spec = NULL, *file = "trace.dat", *from_s = NULL, *to_s = NULL;
	struct load_options lo = { 0 };
	uint64_t from = 0, to = UINT64_MAX, first = UINT64_MAX;
	struct session ss;
	struct hist *h;
	char err[512], *text;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_EVENT: event = optarg; break;
		case OPT_HIST: spec = optarg; break;
		case OPT_FROM: from_s = optarg; break;
		case OPT_TO: to_s = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		file = argv[optind++];
	if (!event || !spec || optind < argc) {
		usage(stderr);
		return 2;
	}
	if (session_open(&ss, file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	for (int i = 0; i < ss.store->nr_streams; i++)
		if (ss.store->streams[i].nr_ev && ss.store->streams[i].ev[0].ts < first)
			first = ss.store->streams[i].ev[0].ts;
	if ((from_s && parse_time(from_s, first, &from)) || (to_s && parse_time(to_s, first, &to))) {
		fprintf(stderr, "ftui: bad time (12.345678 or +5ms)\n");
		session_close(&ss);
		return 2;
	}
	h = hist_new(ss.tep, event, spec, err, sizeof(err));
	if (!h) {
		fprintf(stderr, "ftui: %s\n", err);
		session_close(&ss);
		return 1;
	}
	if (hist_fill(h, ss.store, &ss.src, from, to) || !(text = hist_text(h))) {
		fprintf(stderr, "ftui: out of memory\n");
		hist_free(h);
		session_close(&ss);
		return 1;
	}
	fputs(text, stdout);
	free(text);
	hist_free(h);
	session_close(&ss);
	return 0;
}
