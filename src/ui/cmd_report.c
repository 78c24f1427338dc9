/* `ftui report`: the text `trace-cmd report` prints, from ftui's own reader. */
#include "ui/commands.h"
#include "model/session.h"
#include "render/fgraph_text.h"
#include "render/report.h"

#include <ctype.h>
#include <event-parse.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <trace-seq.h>

static char outbuf[1 << 20];	/* stdout is written in large blocks */

#define MAX_PLUGIN_OPTS 32

struct report_args {
	const char *file;
	char *plugin_opts[MAX_PLUGIN_OPTS];	/* -O names for libtraceevent, to check */
	int nr_plugin_opts;
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
		"  -l               latency format: irqs-off, need-resched, irq context and\n"
		"                   preempt depth after the CPU (comm cut to 8)\n"
		"  --ts-diff        the time since the previous line after each timestamp\n"
		"  -w               wakeup latency after each sched_switch, summary at the end\n"
		"  -O [PLUGIN:]OPT[=VAL]  plugin option: fgraph:tailprint (name after '}'),\n"
		"                   fgraph:depth, function:parent/indent/offset...\n"
		"  --stat           the kernel's buffer statistics saved in the file\n"
		"  -P               the printk formats of the file\n"
		"  -E               the events the file has formats for\n"
		"  --first-event    the CPUs with data and the time of their first event\n"
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

/* An option's value as libtraceevent reads it: none means on. */
static bool option_on(const char *val)
{
	if (!val)
		return true;
	if (isdigit((unsigned char)*val))
		return atoi(val) != 0;
	return !strcasecmp(val, "true") || !strcasecmp(val, "yes") || !strcasecmp(val, "on");
}

/* trace-cmd's -O [plugin:]option[=value].  ftui prints function graphs
 * itself (fgraph:tailprint, fgraph:depth); every option also goes to
 * libtraceevent, whose plugins (function: parent, indent, offset...) take it
 * when the file opens. */
static int add_option(struct report_args *a, char *opt)
{
	char *val = strchr(opt, '=');
	const char *name;
	unsigned flag = 0;

	if (val)
		*val++ = '\0';
	name = strncmp(opt, "fgraph:", 7) ? opt : opt + 7;
	if (!strcmp(name, "tailprint"))
		flag = FGRAPH_TEXT_TAILPRINT;
	else if (!strcmp(name, "depth"))
		flag = FGRAPH_TEXT_DEPTH;
	if (flag && option_on(val))
		a->o.fgraph_flags |= flag;
	else if (flag)
		a->o.fgraph_flags &= ~flag;
	if (!flag && tep_plugin_add_option(opt, val)) {
		fprintf(stderr, "ftui report: -O %s: out of memory\n", opt);
		return -1;
	}
	a->o.plugin_opts |= !flag;
	if (!flag && a->nr_plugin_opts < MAX_PLUGIN_OPTS)
		a->plugin_opts[a->nr_plugin_opts++] = opt;
	return 0;
}

/* Whether a loaded plugin has the option "NAME" or "PLUGIN:NAME", from
 * libtraceevent's listing ("  plugin:\tP" then "  option:\tO" per option;
 * its tep_plugin_list_options() corrupts the heap in 1.7.1). */
static bool plugin_has_option(const char *listing, const char *opt)
{
	const char *colon = strchr(opt, ':');
	const char *p = listing;
	char plugin[64] = "", name[64];

	while ((p = strstr(p, ":\t"))) {
		const char *key = p;

		while (key > listing && key[-1] != ' ')
			key--;
		p += 2;
		if (!strncmp(key, "plugin:", 7)) {
			sscanf(p, "%63s", plugin);
		} else if (!strncmp(key, "option:", 7) && sscanf(p, "%63s", name) == 1) {
			if (colon ? (!strncmp(opt, plugin, (size_t)(colon - opt)) && !plugin[colon - opt] &&
				     !strcmp(colon + 1, name))
				  : !strcmp(opt, name))
				return true;
		}
	}
	return false;
}

/* Warn about -O options no loaded plugin has (trace-cmd ignores them
 * silently; so does the output, but a typo deserves a word). */
static void check_plugin_options(const struct report_args *a)
{
	struct trace_seq s;

	if (!a->nr_plugin_opts)
		return;
	trace_seq_init(&s);
	tep_plugin_print_options(&s);
	trace_seq_terminate(&s);
	for (int i = 0; i < a->nr_plugin_opts; i++)
		if (!s.buffer || !plugin_has_option(s.buffer, a->plugin_opts[i]))
			fprintf(stderr, "ftui report: warning: no plugin has the option -O %s\n", a->plugin_opts[i]);
	trace_seq_destroy(&s);
}

static int parse_args(int argc, char **argv, struct report_args *a)
{
	enum { OPT_CPU = 256, OPT_BUFFERS, OPT_TS_DIFF, OPT_STAT, OPT_FIRST };
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "buffers", no_argument, NULL, OPT_BUFFERS },
		{ "ts-diff", no_argument, NULL, OPT_TS_DIFF },
		{ "stat", no_argument, NULL, OPT_STAT },
		{ "first-event", no_argument, NULL, OPT_FIRST },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report_opts *o = &a->o;
	bool neg = false;
	int c;

	optind = 1;
	bool printk = false, events = false, first = false, stat = false;

	while ((c = getopt_long(argc, argv, "i:F:vB:tRO:lwPEh", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': a->file = optarg; break;
		case 'F': if (add_filter(o, optarg, neg)) return -1; break;
		case 'v': neg = true; break;
		case 'B': if (add_buffer(o, optarg)) return -1; break;
		case 't': o->nsec = true; break;
		case 'R': o->raw = true; break;
		case 'O': if (add_option(a, optarg)) return -1; break;
		case 'l': o->latency = true; break;
		case 'w': o->wakeup = true; break;
		case 'P': printk = true; break;
		case 'E': events = true; break;
		case OPT_TS_DIFF: o->ts_diff = true; break;
		case OPT_STAT: stat = true; break;
		case OPT_FIRST: first = true; break;
		case OPT_CPU: o->cpus = optarg; break;
		case OPT_BUFFERS: a->list_buffers = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	/* what wins when several are given, as in trace-cmd */
	o->mode = printk ? REPORT_PRINTK : events ? REPORT_EVENT_LIST : first ? REPORT_FIRST_EVENT :
		  stat ? REPORT_STAT : REPORT_EVENTS;
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
	check_plugin_options(&a);
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
