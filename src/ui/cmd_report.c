/* `ftui report`: the text `trace-cmd report` prints, from ftui's own reader. */
#include "ui/commands.h"
#include "ui/session.h"
#include "capture/tracedat.h"
#include "model/filter.h"
#include "render/fgraph_text.h"
#include "render/info_cache.h"

#include <event-parse.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

#define MAX_CPUS 65536

static char outbuf[1 << 20];	/* stdout is written in large blocks */

struct report_opts {
	const char *file;
	bool nsec;		/* -t */
	bool raw;		/* -R */
	bool list_buffers;	/* --buffers */
	const char *cpus;	/* --cpu LIST */
	char **buffers;		/* -B NAME: only these */
	int nr_buffers;
	struct filter_arg { const char *str; bool neg; } *filters;
	int nr_filters;
	unsigned fgraph_flags;	/* -O fgraph:tailprint, -O fgraph:depth */
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
	struct filter_arg *f = realloc(o->filters, (o->nr_filters + 1) * sizeof(*f));

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

static int parse_args(int argc, char **argv, struct report_opts *o)
{
	enum { OPT_CPU = 256, OPT_BUFFERS };
	static const struct option longopts[] = {
		{ "cpu", required_argument, NULL, OPT_CPU },
		{ "buffers", no_argument, NULL, OPT_BUFFERS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool neg = false;
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "i:F:vB:tRO:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': o->file = optarg; break;
		case 'F': if (add_filter(o, optarg, neg)) return -1; break;
		case 'v': neg = true; break;
		case 'B': if (add_buffer(o, optarg)) return -1; break;
		case 't': o->nsec = true; break;
		case 'R': o->raw = true; break;
		case 'O': if (add_option(o, optarg)) { usage(stderr); return -1; } break;
		case OPT_CPU: o->cpus = optarg; break;
		case OPT_BUFFERS: o->list_buffers = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "ftui report: unexpected argument \"%s\"\n", argv[optind]);
		return -1;
	}
	if (!o->file)
		o->file = "trace.dat";
	return 0;
}

struct printer {
	struct session *ss;
	struct event_filter *filter;
	bool *cpu_mask;		/* NULL: all */
	bool *buffer_shown;	/* per buffer */
	int prefix_width;	/* > 0 when several buffers are printed */
	enum time_style style;
	bool raw;
	struct info_cache *cache;
	struct trace_seq seq;
	/* function-graph leaves: the printer peeks at the next record of the
	 * buffer being printed and may consume it */
	struct fgraph_text *fgraph;
	struct store_iter *it;
	int buffer;			/* of the record being printed */
	int peek_stream;		/* what the last peek returned */
};

static void print_prefix(struct printer *p, int buffer)
{
	const char *name = p->ss->td->buffers[buffer].name;

	if (p->prefix_width <= 0)
		return;
	if (*name)
		trace_seq_printf(&p->seq, "%*s: ", p->prefix_width, name);
	else
		trace_seq_printf(&p->seq, "%*s  ", p->prefix_width, "");
}

static void print_one(struct printer *p, int stream, uint64_t index)
{
	const struct store_stream *st = &p->ss->store->streams[stream];
	struct tep_record rec;

	if (!p->buffer_shown[st->buffer] || (p->cpu_mask && !p->cpu_mask[st->cpu]))
		return;
	if (!session_record(p->ss, stream, index, &rec))
		return;
	if (p->filter && !event_filter_match(p->filter, &rec))
		return;
	trace_seq_reset(&p->seq);
	p->buffer = st->buffer;
	print_prefix(p, st->buffer);
	if (rec.missed_events > 0)
		trace_seq_printf(&p->seq, "CPU:%d [%lld EVENTS DROPPED]\n", rec.cpu, rec.missed_events);
	else if (rec.missed_events < 0)
		trace_seq_printf(&p->seq, "CPU:%d [EVENTS DROPPED]\n", rec.cpu);
	event_text_line(&p->seq, p->ss->td->tep, &rec, p->style, p->raw, p->cache);
	trace_seq_putc(&p->seq, '\n');
	fwrite_unlocked(p->seq.buffer, 1, p->seq.len, stdout);	/* one thread writes */
}

static bool peek_next(void *ctx, struct tep_record *next)
{
	struct printer *p = ctx;
	uint64_t index;

	return store_iter_peek(p->it, p->buffer, &p->peek_stream, &index) &&
	       session_record(p->ss, p->peek_stream, index, next);
}

static void consume_next(void *ctx)
{
	struct printer *p = ctx;

	store_iter_skip(p->it, p->peek_stream);
}

static int setup_filters(struct printer *p, const struct report_opts *o)
{
	char err[512];

	if (!o->nr_filters)
		return 0;
	p->filter = event_filter_new(p->ss->td->tep);
	if (!p->filter)
		return -1;
	for (int i = 0; i < o->nr_filters; i++) {
		if (event_filter_add(p->filter, o->filters[i].str, o->filters[i].neg, err, sizeof(err))) {
			fprintf(stderr, "ftui report: %s\n", err);
			return -1;
		}
	}
	return 0;
}

static int setup_buffers(struct printer *p, const struct report_opts *o)
{
	const struct tracedat *td = p->ss->td;
	int shown = 0, width = 0;

	p->buffer_shown = calloc(td->nr_buffers ? td->nr_buffers : 1, sizeof(bool));
	if (!p->buffer_shown)
		return -1;
	for (int i = 0; i < o->nr_buffers; i++) {
		int b = tracedat_find_buffer(td, o->buffers[i]);

		if (b < 0) {
			fprintf(stderr, "ftui report: %s: no buffer \"%s\" (see --buffers)\n", td->path, o->buffers[i]);
			return -1;
		}
		p->buffer_shown[b] = true;
	}
	for (int b = 0; b < td->nr_buffers; b++) {
		if (!o->nr_buffers)
			p->buffer_shown[b] = true;
		if (!p->buffer_shown[b])
			continue;
		shown++;
		if ((int)strlen(td->buffers[b].name) > width)
			width = (int)strlen(td->buffers[b].name);
	}
	/* with several buffers, trace-cmd prefixes each line with its buffer's name */
	p->prefix_width = shown > 1 ? width : 0;
	return 0;
}

static void list_buffers(const struct tracedat *td)
{
	for (int b = 0; b < td->nr_buffers; b++)
		printf("%s\n", *td->buffers[b].name ? td->buffers[b].name : "(top)");
}

static int run(struct session *ss, const struct report_opts *o)
{
	struct printer p = { .ss = ss, .style = session_time_style(ss, o->nsec), .raw = o->raw };
	struct store_iter it;
	int stream, ret = -1;
	uint64_t index;

	if (o->list_buffers) {
		list_buffers(ss->td);
		return 0;
	}
	trace_seq_init(&p.seq);
	if (o->cpus) {
		p.cpu_mask = calloc(MAX_CPUS, sizeof(bool));
		if (!p.cpu_mask || parse_cpu_list(o->cpus, p.cpu_mask, MAX_CPUS)) {
			fprintf(stderr, "ftui report: bad CPU list \"%s\"\n", o->cpus);
			goto out;
		}
	}
	if (setup_filters(&p, o) || setup_buffers(&p, o))
		goto out;
	p.cache = info_cache_new(ss->td->tep, o->raw);	/* NULL: print every event afresh */
	if (o->nsec)
		tep_set_flag(ss->td->tep, TEP_NSEC_OUTPUT);
	printf("cpus=%d\n", ss->td->cpus);
	if (ss->td->latency_text) {
		printf("%s\n", ss->td->latency_text);
		ret = 0;
		goto out;
	}
	if (store_iter_init(&it, ss->store, 0, UINT64_MAX))
		goto out;
	p.it = &it;
	p.fgraph = fgraph_text_new(ss->td->tep, o->fgraph_flags);
	if (p.fgraph && !fgraph_text_register(p.fgraph)) {
		struct fgraph_peek peek = { peek_next, consume_next, &p };

		fgraph_text_set_peek(p.fgraph, &peek);
	}
	while (store_iter_next(&it, &stream, &index))
		print_one(&p, stream, index);
	store_iter_done(&it);
	ret = 0;
out:
	trace_seq_destroy(&p.seq);
	fgraph_text_free(p.fgraph);
	event_filter_free(p.filter);
	info_cache_free(p.cache);
	free(p.cpu_mask);
	free(p.buffer_shown);
	return ret;
}

int cmd_report(int argc, char **argv)
{
	struct report_opts o = { 0 };
	struct load_options lo = { 0 };
	struct session ss;
	char err[512];
	int ret;

	if (parse_args(argc, argv, &o)) {
		free(o.filters);
		free(o.buffers);
		return 2;
	}
	if (session_open(&ss, o.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		free(o.filters);
		free(o.buffers);
		return 1;
	}
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	ret = run(&ss, &o);
	fflush(stdout);
	session_close(&ss);
	free(o.filters);
	free(o.buffers);
	return ret ? 1 : 0;
}
