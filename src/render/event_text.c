#include "render/event_text.h"

#include <event-parse.h>
#include <string.h>
#include <trace-seq.h>

void event_text_time(struct trace_seq *s, uint64_t ts, enum time_style style)
{
	switch (style) {
	case TIME_USECS:
		ts = (ts + 500) / 1000;
		trace_seq_printf(s, "%5llu.%06llu", (unsigned long long)(ts / 1000000),
				 (unsigned long long)(ts % 1000000));
		break;
	case TIME_NSECS:
		trace_seq_printf(s, "%5llu.%09llu", (unsigned long long)(ts / 1000000000),
				 (unsigned long long)(ts % 1000000000));
		break;
	case TIME_RAW:
		trace_seq_printf(s, "%12llu", (unsigned long long)ts);
		break;
	}
}

void event_text_info(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec, bool raw)
{
	tep_print_event(tep, s, rec, "%s", raw ? TEP_PRINT_INFO_RAW : TEP_PRINT_INFO);
}

void event_text_line(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec,
		     enum time_style style, bool raw)
{
	static const char spaces[] = "                    ";
	int pid = tep_data_pid(tep, rec);
	struct tep_event *ev = tep_find_event_by_record(tep, rec);
	const char *name = ev ? ev->name : "(NULL)";
	size_t len = strlen(name);

	trace_seq_printf(s, "%16s-%-5d [%03d]", tep_data_comm_from_pid(tep, pid), pid, rec->cpu);
	if (style != TIME_RAW)
		trace_seq_putc(s, ' ');
	event_text_time(s, rec->ts, style);
	trace_seq_printf(s, ": %s: ", name);
	if (len < 20)
		trace_seq_puts(s, spaces + len);
	event_text_info(s, tep, rec, raw);
	if (s->len && s->buffer[s->len - 1] == '\n')
		s->len--;
}
