#include "render/event_text.h"
#include "render/info_cache.h"

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

static char *put_uint(char *p, unsigned long long v, int width, char pad)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (width-- > n)
		*p++ = pad;
	while (n)
		*p++ = digits[--n];
	return p;
}

static char *put_str(char *p, const char *str, size_t len)
{
	memcpy(p, str, len);
	return p + len;
}

/* "%16s-%-5d [%03d] <time>: <name>: " padded as trace-cmd pads it, built
 * without printf: this runs for every line of a report. */
static void put_head(struct trace_seq *s, const char *comm, int pid, int cpu, uint64_t ts,
		     enum time_style style, const char *name)
{
	static const char spaces[] = "                    ";
	size_t clen = strlen(comm), nlen = strlen(name);
	char buf[160], *p = buf;

	if (clen > 40 || nlen > 60 || style == TIME_RAW) {
		trace_seq_printf(s, "%16s-%-5d [%03d]", comm, pid, cpu);
		if (style != TIME_RAW)
			trace_seq_putc(s, ' ');
		event_text_time(s, ts, style);
		trace_seq_printf(s, ": %s: %s", name, nlen < 20 ? spaces + nlen : "");
		return;
	}
	if (clen < 16)
		p = put_str(p, spaces, 16 - clen);
	p = put_str(p, comm, clen);
	*p++ = '-';
	{
		char *start = p;

		if (pid < 0) {
			*p++ = '-';
			p = put_uint(p, (unsigned long long)-(long long)pid, 0, ' ');
		} else {
			p = put_uint(p, (unsigned long long)pid, 0, ' ');
		}
		while (p - start < 5)
			*p++ = ' ';
	}
	p = put_str(p, " [", 2);
	p = put_uint(p, (unsigned long long)cpu, 3, '0');
	p = put_str(p, "] ", 2);
	if (style == TIME_USECS) {
		ts = (ts + 500) / 1000;
		p = put_uint(p, ts / 1000000, 5, ' ');
		*p++ = '.';
		p = put_uint(p, ts % 1000000, 6, '0');
	} else {
		p = put_uint(p, ts / 1000000000, 5, ' ');
		*p++ = '.';
		p = put_uint(p, ts % 1000000000, 9, '0');
	}
	p = put_str(p, ": ", 2);
	p = put_str(p, name, nlen);
	p = put_str(p, ": ", 2);
	if (nlen < 20)
		p = put_str(p, spaces, 20 - nlen);
	*p = '\0';
	trace_seq_puts(s, buf);
}

void event_text_line(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec,
		     enum time_style style, bool raw, struct info_cache *cache)
{
	int pid = tep_data_pid(tep, rec);
	struct tep_event *ev = tep_find_event_by_record(tep, rec);

	put_head(s, tep_data_comm_from_pid(tep, pid), pid, rec->cpu, rec->ts, style, ev ? ev->name : "(NULL)");
	if (cache)
		info_cache_print(cache, s, rec);
	else
		event_text_info(s, tep, rec, raw);
	if (s->len && s->buffer[s->len - 1] == '\n')
		s->len--;
}
