/* `ftui report`: the text `trace-cmd report` prints, from ftui's own reader. */
#include "ui/commands.h"
#include "model/session.h"
#include "render/fgraph_text.h"
#include "render/report.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char outbuf[1 << 20];	/* stdout is written in large blocks */

struct report_args {
	const char *file;
	bool list_buffers;	/* --buffers */
	struct report_opts o;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui report [options] [FILE]\n"
		"Print the events of FILE (default ./trace.dat) as `trace-cmd report` does.\n"
		"  -i FILE          the trace file\n"
		"  --cpu LIST       only these CPUs (e.g. 0,2-3)\n"
		"  -F FILTER        only events matching FILTER (trace-cmd's filter syntax)\n"
		"  -v               the -F filters after it hide what they match\n"
		"  -B NAME          only the buffer (instance) NAME; \"\" is the top-level buffer\n"
		"  --buffers        list the buffers of the file and exit\n"
		"  -t               full nanosecond timestamps\n"
		"  -R               raw field values instead of the print format\n"
		"  -O fgraph:OPT    function-graph option: tailprint (name after '}') or depth\n"
		"  -h, --help       this help\n");
}

static int add_filter(struct report_opts *o, const char *str, bool neg)
{
	struct report_filter *f = realloc(o->filters, (o->nr_filters + 1) * sizeof(*f));

	if (!f)
		return -1;
	o->filters = f;
	f[o->nr_filters].str = str;
	f[o->nr_filters++].neg = neg;
	return 0;
}

static int add_buffer(struct report_opts *o, char *name)
{
	char **b = realloc(o->buffers, (o->nr_buffers + 1) * sizeof(*b));

	if (!b)
		return -1;
	o->buffers = b;
	b[o->nr_buffers++] = name;
	return 0;
}

/* trace-cmd's -O plugin:option, for the options of its function-graph printer */
static int add_option(struct report_opts *o, const char *opt)
{
	const char *name = strncmp(opt, "fgraph:", 7) ? opt : opt + 7;

	if (!strcmp(name, "tailprint"))
		o->fgraph_flags |= FGRAPH_TEXT_TAILPRINT;
	else if (!strcmp(name, "depth"))
		o->fgraph_flags |= FGRAPH_TEXT_DEPTH;
	else {
		fprintf(stderr, "ftui report: unknown option -O %s (fgraph:tailprint, fgraph:depth)\n", opt);
		return -1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct report_args *a)
{
	enum { OPT_CPU = 256, OPT_BUFFERS };
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "buffers", no_argument, NULL, OPT_BUFFERS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts *o = &a->o;
	bool neg = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:F:vB:tRO:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': a->file = optarg; break;
		case 'F': if (add_filter(o, optarg, neg)) return -1; break;
		case 'v': neg = true; break;
		case 'B': if (add_buffer(o, optarg)) return -1; break;
		case 't': o->nsec = true; break;
		case 'R': o->raw = true; break;
		case 'O': if (add_option(o, optarg)) { usage(stderr); return -1; } break;
		case OPT_CPU: o->cpus = optarg; break;
		case OPT_BUFFERS: a->list_buffers = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		a->file = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "ftui report: unexpected argument \"%s\"\n", argv[optind]);
		return -1;
	}
	if (!a->file)
		a->file = "trace.dat";
	return 0;
}

static void free_args(struct report_args *a)
{
	free(a->o.filters);
	free(a->o.buffers);
}

int cmd_report(int argc, char **argv)
{
	struct report_args a = { 0 };
	struct load_options lo = { 0 };
	struct session ss;
	char err[512];
	int ret = 0;

	if (parse_args(argc, argv, &a)) {
		free_args(&a);
		return 2;
	}
	if (session_open(&ss, a.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		free_args(&a);
		return 1;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	if (a.list_buffers)
		report_list_buffers(&ss, stdout);
	else if (report_print(&ss, &a.o, stdout, err, sizeof(err))) {
		fflush(stdout);
		fprintf(stderr, "ftui report: %s\n", err);
		ret = 1;
	}
	fflush(stdout);
	session_close(&ss);
	free_args(&a);
	return ret;
}
