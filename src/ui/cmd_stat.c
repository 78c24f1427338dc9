/* `ftui stat`: what is in a trace.dat, from a full index of it. */
#include "ui/commands.h"
#include "model/session.h"
#include "render/event_text.h"
#include "capture/tracedat.h"

#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

struct type_count {
	int id;
	uint64_t n;
};

static void print_ts(const struct session *ss, uint64_t ts)
{
	struct trace_seq s;

	trace_seq_init(&s);
	event_text_time(&s, ts, event_time_style(ss->in_usecs, false));
	trace_seq_terminate(&s);
	printf("%s", s.buffer);
	trace_seq_destroy(&s);
}

/* TRACEID, TIME_SHIFT (a guest's file) and GUEST (a host's). */
static void print_host_guest(const struct tracedat *td)
{
	const struct ts_shift *sh = &td->time_shift;

	if (td->has_trace_id)
		printf("trace id:    0x%llx\n", (unsigned long long)td->trace_id);
	if (td->has_time_shift) {
		printf("guest of:    host trace 0x%llx: TIME_SHIFT on %u CPUs%s (times are the host's)\n",
		       (unsigned long long)sh->peer_trace_id, sh->nr_cpus,
		       sh->flags & TS_SHIFT_INTERPOLATE ? ", interpolated" : "");
		for (uint32_t i = 0; i < sh->nr_cpus; i++) {
			const struct ts_shift_cpu *c = &sh->cpus[i];

			printf("  CPU %-3u    %u sample%s", i, c->nr, c->nr == 1 ? "" : "s");
			if (c->nr)
				printf(", at %lld .. %lld, offset %+lld .. %+lld, scaling %lld >> %lld",
				       (long long)c->samples[0].time, (long long)c->samples[c->nr - 1].time,
				       (long long)c->samples[0].offset, (long long)c->samples[c->nr - 1].offset,
				       (long long)c->samples[0].scaling, (long long)c->samples[0].fraction);
			printf("\n");
		}
	}
	for (int i = 0; i < td->nr_guests; i++) {
		const struct tracedat_guest *g = &td->guests[i];

		printf("guest:       \"%s\", trace id 0x%llx, %d vCPU%s\n", g->name, (unsigned long long)g->trace_id,
		       g->nr_vcpus, g->nr_vcpus == 1 ? "" : "s");
		for (int v = 0; v < g->nr_vcpus; v++)
			printf("  vCPU %-3d   host pid %d\n", v, g->vcpu_pid[v]);
	}
}

static void print_header(const struct session *ss)
{
	const struct tracedat *td = ss->td;

	printf("file:        %s\n", td->path);
	printf("version:     %d", td->version);
	if (td->version >= 7)
		printf(", compression %s%s%s", compression_name(td->compression),
		       td->compression_version && *td->compression_version ? " " : "",
		       td->compression_version ? td->compression_version : "");
	printf("\n");
	printf("endian:      %s, long %d (kernel %d), page size %u\n", td->big_endian ? "big" : "little",
	       td->file_long_size, td->kernel_long_size, td->page_size);
	printf("clock:       %s\n", *td->clock ? td->clock : "(not recorded)");
	printf("cpus:        %d\n", td->cpus);
	if (td->uname)
		printf("uname:       %s\n", td->uname);
	if (td->recorder_version)
		printf("recorder:    trace-cmd %s\n", td->recorder_version);
	print_host_guest(td);
	if (td->format_failures)
		printf("formats:     %d could not be parsed\n", td->format_failures);
	if (td->warning[0])
		printf("warning:     %s\n", td->warning);
}

static void print_buffer(const struct session *ss, int b, uint64_t *first, uint64_t *last)
{
	const struct store *s = ss->store;
	const struct tracedat_buffer *buf = &ss->td->buffers[b];

	printf("\nbuffer %s%s%s: clock %s, page size %u%s\n", *buf->name ? "\"" : "", *buf->name ? buf->name : "(top)",
	       *buf->name ? "\"" : "", *buf->clock ? buf->clock : ss->td->clock, buf->page_size,
	       buf->compressed ? ", compressed" : "");
	printf("  %4s %12s %10s %8s  %-16s %-16s\n", "CPU", "events", "lost", "pages", "first", "last");
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];
		const struct tracedat_cpu *c = &buf->cpus[st->cpu];

		if (st->buffer != b)
			continue;
		printf("  %4d %12zu %10llu%s %8zu  ", st->cpu, st->nr_ev, (unsigned long long)st->lost,
		       st->lost_unknown ? "+" : " ", st->nr_pages);
		if (st->nr_ev) {
			print_ts(ss, st->ev[0].ts);
			printf("  ");
			print_ts(ss, st->ev[st->nr_ev - 1].ts);
			if (st->ev[0].ts < *first)
				*first = st->ev[0].ts;
			if (st->ev[st->nr_ev - 1].ts > *last)
				*last = st->ev[st->nr_ev - 1].ts;
		}
		if (c->truncated)
			printf("  (truncated: the file ends inside this CPU's data)");
		if (st->bad_pages)
			printf("  (%llu unreadable pages skipped)", (unsigned long long)st->bad_pages);
		printf("\n");
	}
}

static int cmp_count(const void *a, const void *b)
{
	const struct type_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->id - y->id;
}

static void print_event_counts(const struct session *ss)
{
	uint64_t *counts = calloc(65536, sizeof(*counts));
	struct type_count *list;
	int n = 0;

	if (!counts)
		return;
	for (int i = 0; i < ss->store->nr_streams; i++) {
		const struct store_stream *st = &ss->store->streams[i];

		for (size_t k = 0; k < st->nr_ev; k++)
			counts[st->ev[k].type]++;
	}
	list = calloc(65536, sizeof(*list));
	for (int id = 0; list && id < 65536; id++)
		if (counts[id])
			list[n++] = (struct type_count){ id, counts[id] };
	if (list) {
		qsort(list, n, sizeof(*list), cmp_count);
		printf("\nevents by type:\n");
		for (int i = 0; i < n; i++) {
			struct tep_event *ev = tep_find_event(ss->td->tep, list[i].id);

			printf("  %12llu  %s:%s\n", (unsigned long long)list[i].n, ev ? ev->system : "?",
			       ev ? ev->name : "(unknown id)");
		}
	}
	free(list);
	free(counts);
}

static void print_summary(const struct session *ss)
{
	uint64_t first = UINT64_MAX, last = 0, lost = 0, lost_unknown = 0;

	for (int b = 0; b < ss->td->nr_buffers; b++)
		print_buffer(ss, b, &first, &last);
	for (int i = 0; i < ss->store->nr_streams; i++) {
		lost += ss->store->streams[i].lost;
		lost_unknown += ss->store->streams[i].lost_unknown;
	}
	printf("\nevents:      %llu\n", (unsigned long long)store_nr_events(ss->store));
	printf("lost events: %llu", (unsigned long long)lost);
	if (lost_unknown)
		printf(" (and %llu pages that lost an unknown number)", (unsigned long long)lost_unknown);
	printf("\n");
	if (first <= last) {
		printf("time span:   ");
		print_ts(ss, first);
		printf(" .. ");
		print_ts(ss, last);
		if (ss->td->in_usecs)
			printf("  (%.6f s)", (double)(last - first) / 1e9);
		printf("\n");
	}
	printf("index:       %zu bytes (%.1f bytes/event)\n", store_memory(ss->store),
	       store_nr_events(ss->store) ? (double)store_memory(ss->store) / (double)store_nr_events(ss->store) : 0.0);
	print_event_counts(ss);
}

int cmd_stat(int argc, char **argv)
{
	const char *file = argc > 1 ? argv[1] : "trace.dat";
	struct load_options lo = { 0 };
	struct session ss;
	char err[512];

	if (argc > 2 || (argc > 1 && argv[1][0] == '-' && argv[1][1])) {
		fprintf(stderr, "usage: ftui stat [FILE]\n");
		return 2;
	}
	if (session_open(&ss, file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	print_header(&ss);
	if (ss.td->latency_text)
		printf("latency:     %zu bytes of latency-tracer text\n", ss.td->latency_size);
	else
		print_summary(&ss);
	session_close(&ss);
	return 0;
}
