/* The report engine: the text `trace-cmd report` prints, from ftui's own
 * reader (see report.h). */
#include "render/report.h"
#include "render/report_internal.h"
#include "capture/tracedat.h"
#include "model/filter.h"
#include "model/session.h"
#include "render/event_text.h"
#include "render/fgraph_text.h"
#include "render/info_cache.h"
#include "render/report_wakeup.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

static void print_prefix(struct printer *p, int buffer)
{
	const char *name = p->ss->td->buffers[buffer].name;

	if (p->prefix_width <= 0)
		return;
	if (*name)
		trace_seq_printf(p->seq, "%*s: ", p->prefix_width, name);
	else
		trace_seq_printf(p->seq, "%*s  ", p->prefix_width, "");
}

/* --ts-diff: "(+N)" since the previous line, in what trace-cmd counts:
 * microseconds when the file names its clock and -t is off, else the clock's
 * units.  The first line (and any after a zero timestamp) has none. */
static void print_ts_diff(struct printer *p, uint64_t ts)
{
	char buf[32] = "";

	if (p->round_diff)
		ts = (ts + 500) / 1000;
	if (p->last_ts)
		snprintf(buf, sizeof(buf), "(+%lld)", (long long)(ts - p->last_ts));
	p->last_ts = ts;
	trace_seq_printf(p->seq, " %-8s", buf);
}

/* The line head of -l and --ts-diff, in trace-cmd's own printf layout
 * (event_text_line's fast path covers the plain one). */
static void print_head(struct printer *p, struct tep_record *rec)
{
	static const char spaces[] = "                    ";
	struct tep_handle *tep = p->tep;
	struct tep_event *ev = tep_find_event_by_record(tep, rec);
	const char *name = ev ? ev->name : "(NULL)";
	int pid = tep_data_pid(tep, rec);
	const char *comm = tep_data_comm_from_pid(tep, pid);
	size_t len = strlen(name);

	if (p->latency) {
		trace_seq_printf(p->seq, "%8.8s-%-5d %3d", comm, pid, rec->cpu);
		if (p->raw)
			trace_seq_printf(p->seq, "-0x%x", tep_data_flags(tep, rec));
		else
			event_text_latency(p->seq, tep, rec);
	} else {
		trace_seq_printf(p->seq, "%16s-%-5d [%03d]", comm, pid, rec->cpu);
	}
	if (p->style != TIME_RAW)
		trace_seq_putc(p->seq, ' ');
	event_text_time(p->seq, rec->ts, p->style);
	trace_seq_putc(p->seq, ':');
	if (p->ts_diff)
		print_ts_diff(p, rec->ts);
	trace_seq_printf(p->seq, " %s: %s", name, len < 20 ? spaces + len : "");
}

void report_format(struct printer *p, int stream, uint64_t index)
{
	const struct store_stream *st = &p->ss->store->streams[stream];
	struct tep_record rec;

	if (!p->buffer_shown[st->buffer] || (p->cpu_mask && !p->cpu_mask[st->cpu]))
		return;
	if (!store_record(p->ss->store, p->src, stream, index, &rec))
		return;
	if (p->filter && !event_filter_match(p->filter, &rec))
		return;
	p->buffer = st->buffer;
	print_prefix(p, st->buffer);
	if (rec.missed_events > 0)
		trace_seq_printf(p->seq, "CPU:%d [%lld EVENTS DROPPED]\n", rec.cpu, rec.missed_events);
	else if (rec.missed_events < 0)
		trace_seq_printf(p->seq, "CPU:%d [EVENTS DROPPED]\n", rec.cpu);
	if (p->latency || p->ts_diff) {
		print_head(p, &rec);
		event_text_body(p->seq, p->tep, &rec, p->raw, p->cache);
	} else {
		event_text_line(p->seq, p->tep, &rec, p->style, p->raw, p->cache);
	}
	if (p->wakeup && report_wakeup_record(p->wakeup, &rec, p->seq))
		p->oom = true;
	trace_seq_putc(p->seq, '\n');
}

static void print_one(struct printer *p, int stream, uint64_t index)
{
	trace_seq_reset(p->seq);
	report_format(p, stream, index);
	if (p->seq->len)
		fwrite_unlocked(p->seq->buffer, 1, p->seq->len, p->out);	/* one thread writes */
}

static bool peek_next(void *ctx, struct tep_record *next)
{
	struct printer *p = ctx;
	uint64_t index;

	return store_iter_peek(p->it, p->buffer, &p->peek_stream, &index) &&
	       store_record(p->ss->store, p->src, p->peek_stream, index, next);
}

static void consume_next(void *ctx)
{
	struct printer *p = ctx;

	store_iter_skip(p->it, p->peek_stream);
}

int report_setup_filters(struct printer *p, const struct report_opts *o, char *err, size_t errlen)
{
	if (!o->nr_filters)
		return 0;
	p->filter = event_filter_new(p->tep);
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
	struct printer p = { .ss = ss, .out = out, .style = event_time_style(ss->in_usecs, o->nsec), .raw = o->raw,
			     .latency = o->latency, .ts_diff = o->ts_diff,
			     .round_diff = ss->td->clock_option && !o->nsec };
	struct store_iter it;
	struct trace_seq seq;
	int stream, ret = -1;
	uint64_t index;

	if (o->mode != REPORT_EVENTS)
		return report_print_info(ss, o, out, err, errlen);
	snprintf(err, errlen, "out of memory");
	trace_seq_init(&seq);
	p.seq = &seq;
	p.tep = ss->td->tep;
	p.src = &ss->src;
	if (o->cpus) {
		p.cpu_mask = calloc(REPORT_MAX_CPUS, sizeof(bool));
		if (!p.cpu_mask || parse_cpu_list(o->cpus, p.cpu_mask, REPORT_MAX_CPUS)) {
			snprintf(err, errlen, "bad CPU list \"%s\"", o->cpus);
			goto out;
		}
	}
	if (report_setup_filters(&p, o, err, errlen) || setup_buffers(&p, o, err, errlen))
		goto out;
	if (o->nsec)
		tep_set_flag(ss->td->tep, TEP_NSEC_OUTPUT);
	fprintf(out, "cpus=%d\n", ss->td->cpus);
	if (ss->td->latency_text) {
		fprintf(out, "%s\n", ss->td->latency_text);
		ret = 0;
		goto out;
	}
	if (!o->wakeup && !o->ts_diff) {
		ret = report_par_print(&p, o, err, errlen);
		if (ret <= 0)
			goto out;
		ret = -1;
	}
	p.cache = info_cache_new(ss->td->tep, o->raw);	/* NULL: print every event afresh */
	if (o->wakeup) {
		int oom;

		p.wakeup = report_wakeup_new(ss->td->tep, &oom);
		if (oom)
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
	report_wakeup_summary(p.wakeup, out);
	ret = p.oom ? -1 : 0;
out:
	report_wakeup_free(p.wakeup);
	trace_seq_destroy(&seq);
	fgraph_text_free(p.fgraph);
	event_filter_free(p.filter);
	info_cache_free(p.cache);
	free(p.cpu_mask);
	free(p.buffer_shown);
	return ret;
}

