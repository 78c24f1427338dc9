/* `ftui report`'s modes that print facts about the file instead of its
 * events: --stat, -P, -E and --first-event, as trace-cmd report 3.1.6 prints
 * them (see report.h). */
#include "render/report.h"
#include "capture/tracedat.h"
#include "model/session.h"
#include "render/event_text.h"

#include <event-parse.h>
#include <trace-seq.h>

/* --stat: the CPUSTAT text trace-cmd record saved, then where each CPU's data
 * of the top-level buffer lies in the file. */
static void print_stat(struct session *ss, FILE *out)
{
	const struct tracedat *td = ss->td;

	fputs("\nKernel buffer statistics:\n"
	      "  Note: \"entries\" are the entries left in the kernel ring buffer and are not\n"
	      "        recorded in the trace data. They should all be zero.\n\n", out);
	if (td->cpustats)
		fprintf(out, "%s\n", td->cpustats);
	else
		fputs(" No stats in this file\n", out);
	if (!td->has_top_buffer)
		return;
	/* CPUs up to the highest with data (unlisted ones at 0); trace-cmd
	 * gives compressed data the offsets it would have decompressed, one
	 * after the other from the first page on */
	const struct tracedat_buffer *b = &td->buffers[0];
	uint64_t next = td->page_size;

	for (int c = 0; c < b->nr_cpus; c++) {
		const struct tracedat_cpu *cpu = &b->cpus[c];
		uint64_t off = cpu->offset, size = cpu->size;

		if (b->compressed && size) {
			off = next;
			size = cpu->data_size;
			next = (next + size + td->page_size - 1) & ~(uint64_t)(td->page_size - 1);
		}
		fprintf(out, "CPU%d data recorded at offset=0x%llx\n    %lld bytes in size\n", c,
			(unsigned long long)off, (long long)size);
	}
}

/* -E: system:name of every event format, sorted as libtraceevent sorts by
 * system. */
static int print_event_list(struct session *ss, FILE *out)
{
	struct tep_event **events = tep_list_events(ss->td->tep, TEP_EVENT_SORT_SYSTEM);

	if (!events)
		return -1;
	for (int i = 0; events[i]; i++) {
		if (events[i]->system)
			fprintf(out, "%s:", events[i]->system);
		fprintf(out, "%s\n", events[i]->name);
	}
	return 0;
}

/* --first-event: each CPU of the top-level buffer that has a record, with the
 * timestamp of its first one. */
static void print_first_events(struct session *ss, enum time_style style, FILE *out)
{
	const struct tracedat *td = ss->td;
	struct trace_seq s;

	trace_seq_init(&s);
	fprintf(out, "List of CPUs in %s with data:\n", td->path);
	for (int c = 0; td->has_top_buffer && c < td->buffers[0].nr_cpus; c++) {
		int stream = store_find_stream(ss->store, 0, c);
		struct tep_record rec;

		if (stream < 0 || !ss->store->streams[stream].nr_ev || !session_record(ss, stream, 0, &rec))
			continue;
		trace_seq_reset(&s);
		event_text_time(&s, rec.ts, style);
		trace_seq_terminate(&s);
		fprintf(out, "  %d\tFirst event:%s\n", c, s.buffer);
	}
	trace_seq_destroy(&s);
}

int report_print_info(struct session *ss, const struct report_opts *o, FILE *out, char *err, size_t errlen)
{
	switch (o->mode) {
	case REPORT_PRINTK:
		/* libtraceevent prints the table itself, on stdout */
		fflush(out);
		tep_print_printk(ss->td->tep);
		fflush(stdout);
		return 0;
	case REPORT_EVENT_LIST:
		if (print_event_list(ss, out)) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		return 0;
	case REPORT_FIRST_EVENT:
		print_first_events(ss, event_time_style(ss->in_usecs, o->nsec), out);
		return 0;
	case REPORT_STAT:
		fprintf(out, "cpus=%d\n", ss->td->cpus);
		if (ss->td->latency_text)
			fprintf(out, "%s\n", ss->td->latency_text);
		else
			print_stat(ss, out);
		return 0;
	case REPORT_EVENTS:
		break;
	}
	return 0;
}
