#include "model/fgraph.h"

#include <event-parse.h>
#include <stdlib.h>
#include <trace-seq.h>

/* ---- from the store ------------------------------------------------------ */

enum rec_kind { K_OTHER, K_ENTRY, K_EXIT, K_FUNCTION, K_EVENT };

struct field {
	int offset, size;
};

struct reader {
	struct tep_handle *tep;
	uint8_t kind[65536];
	struct field flags;
	struct field ent_func, ent_depth;
	struct field ret_func, ret_depth, ret_calltime, ret_rettime, ret_overrun;
	struct field fn_ip, fn_parent;
	struct trace_seq seq;
};

static bool field_of(struct tep_event *ev, const char *name, struct field *f)
{
	struct tep_format_field *ff = ev ? tep_find_any_field(ev, name) : NULL;

	if (!ff || (ff->size != 1 && ff->size != 2 && ff->size != 4 && ff->size != 8)) {
		f->offset = -1;
		return false;
	}
	f->offset = ff->offset;
	f->size = ff->size;
	return true;
}

static uint64_t val(const struct reader *r, const struct store_raw *raw, const struct field *f)
{
	if (f->offset < 0 || f->offset + f->size > raw->size)
		return 0;
	return tep_read_number(r->tep, (const uint8_t *)raw->data + f->offset, f->size);
}

static void mark(struct reader *r, const char *sys, const char *name, enum rec_kind k)
{
	struct tep_event *ev = tep_find_event_by_name(r->tep, sys, name);

	if (ev && ev->id >= 0 && ev->id < 65536)
		r->kind[ev->id] = (uint8_t)k;
}

static bool setup_reader(struct reader *r, struct tep_handle *tep)
{
	struct tep_event *ent = tep_find_event_by_name(tep, "ftrace", "funcgraph_entry");
	struct tep_event *ret = tep_find_event_by_name(tep, "ftrace", "funcgraph_exit");
	struct tep_event *fn = tep_find_event_by_name(tep, "ftrace", "function");
	struct tep_event *any = ent ? ent : ret ? ret : fn;
	bool have = false;

	memset(r, 0, sizeof(*r));
	r->tep = tep;
	if (!any)
		return false;
	field_of(any, "common_flags", &r->flags);
	if (ent && field_of(ent, "func", &r->ent_func) && field_of(ent, "depth", &r->ent_depth)) {
		mark(r, "ftrace", "funcgraph_entry", K_ENTRY);
		have = true;
	}
	{
		struct tep_event *ra = tep_find_event_by_name(tep, "ftrace", "fgraph_retaddr_entry");
		struct field f, d;

		/* same func and depth as funcgraph_entry (and a retaddr after them) */
		if (ra && field_of(ra, "func", &f) && field_of(ra, "depth", &d) && f.offset == r->ent_func.offset &&
		    d.offset == r->ent_depth.offset)
			mark(r, "ftrace", "fgraph_retaddr_entry", K_ENTRY);
	}
	if (ret && field_of(ret, "func", &r->ret_func) && field_of(ret, "depth", &r->ret_depth) &&
	    field_of(ret, "calltime", &r->ret_calltime) && field_of(ret, "rettime", &r->ret_rettime)) {
		field_of(ret, "overrun", &r->ret_overrun);
		mark(r, "ftrace", "funcgraph_exit", K_EXIT);
		have = true;
	}
	if (fn && field_of(fn, "ip", &r->fn_ip) && field_of(fn, "parent_ip", &r->fn_parent)) {
		mark(r, "ftrace", "function", K_FUNCTION);
		have = true;
	}
	if (!have)
		return false;
	mark(r, "irq", "irq_handler_entry", K_EVENT);
	mark(r, "irq", "irq_handler_exit", K_EVENT);
	mark(r, "irq", "softirq_entry", K_EVENT);
	mark(r, "irq", "softirq_exit", K_EVENT);
	mark(r, "sched", "sched_switch", K_EVENT);
	trace_seq_init(&r->seq);
	return true;
}

static const char *tep_name(void *ctx, uint64_t addr, uint64_t *start)
{
	struct tep_handle *tep = ctx;
	const char *name = tep_find_function(tep, addr);

	if (name && start)
		*start = tep_find_function_address(tep, addr);
	return name;
}

static const char *tep_comm(void *ctx, int32_t pid)
{
	struct tep_handle *tep = ctx;

	if (!pid)
		return "<idle>";
	return tep_is_pid_registered(tep, pid) ? tep_data_comm_from_pid(tep, pid) : NULL;
}

static void add_event_text(struct fgraph_builder *b, struct reader *r, const struct store_raw *raw, uint64_t ts,
			   int cpu, int32_t pid, unsigned flags)
{
	struct tep_record rec = { .ts = ts, .cpu = cpu, .data = (void *)raw->data, .size = raw->size };

	trace_seq_reset(&r->seq);
	tep_print_event(r->tep, &r->seq, &rec, "%s: %s", TEP_PRINT_NAME, TEP_PRINT_INFO);
	trace_seq_terminate(&r->seq);
	for (char *p = r->seq.buffer; p && *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	fgraph_add_event(b, ts, cpu, pid, flags, r->seq.buffer ? r->seq.buffer : "");
}

struct loss {
	uint64_t index;		/* the first event after the loss */
	int32_t missed;
};

struct fgraph *fgraph_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			    int buffer)
{
	struct reader *r = malloc(sizeof(*r));
	struct fgraph_builder *b = fgraph_builder_new(tep_name, tep_comm, tep);
	struct loss **losses = calloc((size_t)s->nr_streams + 1, sizeof(*losses));
	size_t *nr_loss = calloc((size_t)s->nr_streams + 1, sizeof(*nr_loss));
	size_t *next_loss = calloc((size_t)s->nr_streams + 1, sizeof(*next_loss));
	struct store_iter it = { 0 };
	struct fgraph *g = NULL;
	bool have;
	int stream;
	uint64_t index;

	if (!r || !b || !losses || !nr_loss || !next_loss)
		goto out;
	have = setup_reader(r, tep);
	if (!have)
		goto done;
	/* the pages that lost events before them, per stream */
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		if (st->buffer != buffer)
			continue;
		for (size_t p = 0; p < st->nr_pages; p++)
			nr_loss[i] += st->pages[p].missed != 0;
		if (!nr_loss[i])
			continue;
		losses[i] = malloc(nr_loss[i] * sizeof(**losses));
		if (!losses[i])
			goto out;
		nr_loss[i] = 0;
		for (size_t p = 0; p < st->nr_pages; p++)
			if (st->pages[p].missed)
				losses[i][nr_loss[i]++] = (struct loss){ st->pages[p].first, st->pages[p].missed };
	}
	if (store_iter_init(&it, s, 0, UINT64_MAX))
		goto out;
	while (store_iter_next(&it, &stream, &index)) {
		const struct store_stream *st = &s->streams[stream];
		const struct store_event *e;
		struct store_raw raw;
		unsigned flags;
		uint8_t k;

		if (st->buffer != buffer)
			continue;
		e = &st->ev[index - st->base];
		while (next_loss[stream] < nr_loss[stream] && losses[stream][next_loss[stream]].index <= index) {
			const struct loss *l = &losses[stream][next_loss[stream]++];

			if (l->index == index)
				fgraph_add_lost(b, e->ts, st->cpu, l->missed > 0 ? (uint64_t)l->missed : 0);
		}
		k = r->kind[e->type];
		if (k == K_OTHER) {
			fgraph_add_other(b, e->ts, st->cpu, e->pid);
			continue;
		}
		if (store_read_raw(s, src, stream, index, &raw) || raw.size < 0)
			continue;
		flags = (unsigned)val(r, &raw, &r->flags);
		switch (k) {
		case K_ENTRY:
			fgraph_add_entry(b, e->ts, st->cpu, e->pid, flags, val(r, &raw, &r->ent_func),
					 (unsigned)val(r, &raw, &r->ent_depth));
			break;
		case K_EXIT:
			fgraph_add_exit(b, e->ts, st->cpu, e->pid, flags, val(r, &raw, &r->ret_func),
					(unsigned)val(r, &raw, &r->ret_depth), val(r, &raw, &r->ret_calltime),
					val(r, &raw, &r->ret_rettime), (uint32_t)val(r, &raw, &r->ret_overrun));
			break;
		case K_FUNCTION:
			fgraph_add_function(b, e->ts, st->cpu, e->pid, flags, val(r, &raw, &r->fn_ip),
					    val(r, &raw, &r->fn_parent));
			break;
		case K_EVENT:
			add_event_text(b, r, &raw, e->ts, st->cpu, e->pid, flags);
			break;
		}
		if (fgraph_builder_failed(b))
			break;
	}
	store_iter_done(&it);
	trace_seq_destroy(&r->seq);
done:
	g = fgraph_builder_finish(b);
	b = NULL;
out:
	fgraph_builder_free(b);
	for (int i = 0; losses && i < s->nr_streams; i++)
		free(losses[i]);
	free(losses);
	free(nr_loss);
	free(next_loss);
	free(r);
	return g;
}
