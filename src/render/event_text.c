#include "render/event_text.h"
#include "render/info_cache.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>
#include <trace-seq.h>

enum time_style event_time_style(bool in_usecs, bool nsec)
{
	if (!in_usecs)
		return TIME_RAW;
	return nsec ? TIME_NSECS : TIME_USECS;
}

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

/* The bytes an event's fields need: libtraceevent reads them without
 * looking at the record's size, and takes size - offset as the length of a
 * trailing array, which must not come out negative.  Arrays may be cut short
 * (kernel_stack's caller[] holds only the frames it has). */
static int min_payload(const struct tep_event *ev)
{
	int need = 0;

	for (int common = 0; common < 2; common++)
		for (struct tep_format_field *f = common ? ev->format.common_fields : ev->format.fields; f; f = f->next) {
			int end = f->offset + ((f->flags & TEP_FIELD_IS_DYNAMIC) ? 4 :
					       (f->flags & TEP_FIELD_IS_ARRAY) ? 0 : f->size);

			if (end > need)
				need = end;
		}
	return need;
}

/* libtraceevent trusts array lengths in print formats (__print_hex(buf,
 * REC->len), __print_array(...)): a corrupt length would make it read far
 * past the page.  A length must be a constant, a dynamic array's own length
 * (16 bits), or a field whose value in this record is small. */
#define MAX_PRINT_LEN 65536

static bool length_ok(struct tep_event *ev, const struct tep_print_arg *a, const struct tep_record *rec)
{
	struct tep_format_field *f;
	unsigned long long v = 0;

	if (!a)
		return true;
	switch (a->type) {
	case TEP_PRINT_ATOM:
		return strtoull(a->atom.atom, NULL, 0) <= MAX_PRINT_LEN;
	case TEP_PRINT_DYNAMIC_ARRAY_LEN:
		return true;
	case TEP_PRINT_FIELD:
		f = a->field.field ? a->field.field : tep_find_any_field(ev, a->field.name);
		return f && f->offset + f->size <= rec->size && !tep_read_number_field(f, rec->data, &v) &&
		       v <= MAX_PRINT_LEN;
	case TEP_PRINT_TYPE:
		return length_ok(ev, a->typecast.item, rec);
	case TEP_PRINT_OP:
		/* sums and quotients of small values stay small */
		return (!strcmp(a->op.op, "+") || !strcmp(a->op.op, "-") || !strcmp(a->op.op, "/")) &&
		       length_ok(ev, a->op.left, rec) && length_ok(ev, a->op.right, rec);
	default:
		return false;
	}
}

static bool lengths_ok(struct tep_event *ev, const struct tep_print_arg *a, const struct tep_record *rec)
{
	for (; a; a = a->next) {
		bool ok = true;

		switch (a->type) {
		case TEP_PRINT_HEX:
		case TEP_PRINT_HEX_STR:
			ok = length_ok(ev, a->hex.size, rec);
			break;
		case TEP_PRINT_INT_ARRAY:
			ok = length_ok(ev, a->int_array.count, rec) && length_ok(ev, a->int_array.el_size, rec);
			break;
		case TEP_PRINT_OP:
			ok = lengths_ok(ev, a->op.left, rec) && lengths_ok(ev, a->op.right, rec);
			break;
		case TEP_PRINT_TYPE:
			ok = lengths_ok(ev, a->typecast.item, rec);
			break;
		case TEP_PRINT_FUNC:
			ok = lengths_ok(ev, a->func.args, rec);
			break;
		default:
			break;
		}
		if (!ok)
			return false;
	}
	return true;
}

void event_text_info(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec, bool raw)
{
	struct tep_event *ev = tep_find_event_by_record(tep, rec);

	if (ev && rec->size < min_payload(ev)) {
		trace_seq_printf(s, "[record of %d bytes is shorter than the event's fields]", rec->size);
		return;
	}
	if (ev && !raw && !lengths_ok(ev, ev->print_fmt.args, rec))
		raw = true;	/* the fields, without the format's unbounded arrays */
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
	event_text_body(s, tep, rec, raw, cache);
}

void event_text_body(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec, bool raw,
		     struct info_cache *cache)
{
	if (cache)
		info_cache_print(cache, s, rec);
	else
		event_text_info(s, tep, rec, raw);
	if (s->len && s->buffer[s->len - 1] == '\n')
		s->len--;
}

void event_text_latency(struct trace_seq *s, struct tep_handle *tep, struct tep_record *rec)
{
	tep_print_event(tep, s, rec, "%s", TEP_PRINT_LATENCY);
}

void event_text_warm(struct tep_handle *tep)
{
	if (tep)
		(void)tep_find_function(tep, 0);	/* builds the sorted function map */
}
