/* The report engine: the text `trace-cmd report` prints, from ftui's own
 * reader (see report.h). */
#include "render/report.h"
#include "capture/tracedat.h"
#include "model/filter.h"
#include "model/session.h"
#include "render/event_text.h"
#include "render/fgraph_text.h"
#include "render/info_cache.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

#define MAX_CPUS 65536

struct printer {
	struct session *ss;
	FILE *out;
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
	fwrite_unlocked(p->seq.buffer, 1, p->seq.len, p->out);	/* one thread writes */
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

static int setup_filters(struct printer *p, const struct report_opts *o, char *err, size_t errlen)
{
	if (!o->nr_filters)
		return 0;
	p->filter = event_filter_new(p->ss->td->tep);
	if (!p->filter)
		return -1;
	for (int i = 0; i < o->nr_filters; i++) {
		if (event_filter_add(p->filter, o->filters[i].str, o->filters[i].neg, err, errlen))
			return -1;
	}
	return 0;
}

static int setup_buffers(struct printer *p, const struct report_opts *o, char *err, size_t errlen)
{
	const struct tracedat *td = p->ss->td;
	int shown = 0, width = 0;

	p->buffer_shown = calloc(td->nr_buffers ? td->nr_buffers : 1, sizeof(bool));
	if (!p->buffer_shown)
		return -1;
	for (int i = 0; i < o->nr_buffers; i++) {
		int b = tracedat_find_buffer(td, o->buffers[i]);

		if (b < 0) {
			snprintf(err, errlen, "%s: no buffer \"%s\" (see --buffers)", td->path, o->buffers[i]);
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

void report_list_buffers(struct session *ss, FILE *out)
{
	const struct tracedat *td = ss->td;

	for (int b = 0; b < td->nr_buffers; b++)
		fprintf(out, "%s\n", *td->buffers[b].name ? td->buffers[b].name : "(top)");
}

int report_print(struct session *ss, const struct report_opts *o, FILE *out, char *err, size_t errlen)
{
	struct printer p = { .ss = ss, .out = out, .style = event_time_style(ss->in_usecs, o->nsec), .raw = o->raw };
	struct store_iter it;
	int stream, ret = -1;
	uint64_t index;

	snprintf(err, errlen, "out of memory");
	trace_seq_init(&p.seq);
	if (o->cpus) {
		p.cpu_mask = calloc(MAX_CPUS, sizeof(bool));
		if (!p.cpu_mask || parse_cpu_list(o->cpus, p.cpu_mask, MAX_CPUS)) {
			snprintf(err, errlen, "bad CPU list \"%s\"", o->cpus);
			goto out;
		}
	}
	if (setup_filters(&p, o, err, errlen) || setup_buffers(&p, o, err, errlen))
		goto out;
	p.cache = info_cache_new(ss->td->tep, o->raw);	/* NULL: print every event afresh */
	if (o->nsec)
		tep_set_flag(ss->td->tep, TEP_NSEC_OUTPUT);
	fprintf(out, "cpus=%d\n", ss->td->cpus);
	if (ss->td->latency_text) {
		fprintf(out, "%s\n", ss->td->latency_text);
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

