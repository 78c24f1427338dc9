/* `ftui dump map`: the run model laid out as perf sched map. */
#include "ui/commands.h"
#include "model/sched.h"
#include "model/schedmap.h"
#include "model/session.h"
#include "render/schedmap_text.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui dump map [--cpu LIST] [FILE]\n"
		"What every CPU of FILE (default ./trace.dat) runs, as perf sched map: a row each time\n"
		"a task starts on a CPU, a column per CPU with the task's two-character code ('*' marks\n"
		"the row's CPU, '+' a start inferred without a traced switch, '.' idle, '?' unknown\n"
		"after lost events); \"A0 => comm:pid\" where a code first appears.\n"
		"  --cpu LIST   only these CPUs' columns and rows (0,2-3)\n");
}

int cmd_dump_map(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = "trace.dat", *cpus = NULL;
	struct load_options lo = { 0 };
	struct session ss;
	struct sched *sc;
	struct schedmap *m = NULL;
	bool *mask = NULL;
	char err[512];
	int c, ret = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'c')
			cpus = optarg;
		else if (c == 'h') {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc)
		file = argv[optind++];
	if (optind < argc) {
		usage(stderr);
		return 2;
	}
	if (session_open(&ss, file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	sc = sched_build(ss.store, &ss.src, ss.tep, ss.nr_cpus);
	m = sc ? schedmap_build(sc) : NULL;
	if (!m)
		fprintf(stderr, "ftui: out of memory\n");
	else if (cpus && (!(mask = calloc((size_t)sc->nr_cpus, sizeof(*mask))) ||
			  parse_cpu_list(cpus, mask, sc->nr_cpus)))
		fprintf(stderr, "ftui: bad CPU list \"%s\"\n", cpus);
	else if (schedmap_text_write(stdout, m, mask, sc, ss.tep, ss.in_usecs) || fflush(stdout))
		fprintf(stderr, "ftui: write error\n");
	else
		ret = 0;
	free(mask);
	schedmap_free(m);
	sched_free(sc);
	session_close(&ss);
	return ret;
}
