/* trace.dat options: the id/size/payload list of v6's options block and of
 * v7's OPTIONS sections.  Unknown ids are skipped by their size. */
#include "capture/tracedat_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The clock is the token in brackets of the trace_clock text ("local [mono] ...").
 * trace-cmd prints seconds.microseconds for nanosecond clocks, raw counts for
 * the others, unless TSC2NSEC converts them. */
void options_parse_clock(struct tracedat *td, const char *text)
{
	const char *open = strchr(text, '[');
	const char *close = open ? strchr(open, ']') : NULL;
	char *clock;

	if (!open || !close)
		return;
	clock = strndup(open + 1, (size_t)(close - open - 1));
	if (!clock)
		return;
	free(td->clock);
	td->clock = clock;
	if (td->ts.mult)
		return;
	if (strcmp(clock, "local") && strcmp(clock, "global") && strcmp(clock, "uptime") &&
	    strcmp(clock, "perf") && strncmp(clock, "mono", 4) && strcmp(clock, "tsc2nsec") &&
	    strcmp(clock, "tai"))
		td->in_usecs = false;
}

static char *append_text(char *acc, const uint8_t *data, uint32_t size)
{
	size_t old = acc ? strlen(acc) : 0;
	char *s = realloc(acc, old + size + 2);

	if (!s)
		return acc;
	memcpy(s + old, data, size);
	/* trace-cmd ends each CPUSTAT with a newline in place of its NUL */
	if (size && s[old + size - 1] == '\0')
		s[old + size - 1] = '\n';
	s[old + size] = '\0';
	return s;
}

static char *string_option(const uint8_t *data, uint32_t size)
{
	return strndup((const char *)data, size);
}

/* v7 BUFFER option: section offset, name, clock, page size, then the CPUs
 * that have data. */
static int v7_buffer_option(struct tdparse *p, struct bytes *b)
{
	uint64_t offset = bytes_u64(b);
	const char *name = bytes_cstr(b);
	const char *clock = bytes_cstr(b);
	uint32_t page_size = bytes_u32(b);
	uint32_t n = bytes_u32(b);
	struct tracedat_buffer *buf;
	uint16_t flags = 0;
	int max_cpu = -1;

	if (!bytes_ok(b) || n > bytes_left(b) / 20)
		return tdfail(p, "corrupt BUFFER option");
	if (page_size < 64 || page_size > (256U << 10))
		return tdfail(p, "corrupt page size %u in buffer \"%s\"", page_size, name);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t cpu = load_u32(b->base + b->pos + i * 20, b->big_endian);

		if (cpu > 65535)
			return tdfail(p, "corrupt CPU number %u in buffer \"%s\"", cpu, name);
		if ((int)cpu > max_cpu)
			max_cpu = (int)cpu;
	}
	if (v7_read_section(p, offset, OPT_BUFFER, NULL, NULL, &flags))
		return -1;
	if (buffer_add(p, name, clock, page_size, flags & SECTION_COMPRESSED, max_cpu + 1, &buf))
		return -1;
	if (!*name && !p->td->clock[0]) {
		free(p->td->clock);
		p->td->clock = strdup(clock);
	}
	for (uint32_t i = 0; i < n; i++) {
		uint32_t cpu = bytes_u32(b);
		struct tracedat_cpu *c = &buf->cpus[cpu];

		if (c->size)
			return tdfail(p, "CPU %u appears twice in buffer \"%s\"", cpu, name);
		c->offset = bytes_u64(b);
		c->size = bytes_u64(b);
		if (c->size && cpu_load_chunks(p, buf, c))
			return -1;
	}
	return 0;
}

static int buffer_option(struct tdparse *p, const uint8_t *data, uint32_t size)
{
	struct bytes b;

	bytes_init(&b, data, size, p->td->big_endian);
	if (p->td->version >= 7)
		return v7_buffer_option(p, &b);

	/* v6: offset of another flyrecord block, and the name; read after the options */
	struct pending_buffer *pb = realloc(p->v6_buffers, (p->nr_v6_buffers + 1) * sizeof(*pb));
	uint64_t offset = bytes_u64(&b);
	const char *name = bytes_cstr(&b);

	if (!pb)
		return tdfail(p, "out of memory");
	p->v6_buffers = pb;
	if (!name)
		return tdfail(p, "corrupt BUFFER option");
	pb[p->nr_v6_buffers].offset = offset;
	pb[p->nr_v6_buffers].name = strdup(name);
	p->nr_v6_buffers++;
	return 0;
}

/* TIME_SHIFT: a corrupt one makes trace-cmd refuse the file; ftui reads the
 * file without it and says so. */
static void time_shift_option(struct tracedat *td, const uint8_t *data, uint32_t size)
{
	struct ts_shift s;

	if (size < 16)
		return;		/* trace-cmd ignores it */
	if (ts_shift_parse(&s, data, size, td->big_endian)) {
		snprintf(td->warning, sizeof(td->warning), "corrupt TIME_SHIFT option ignored: guest times are not host times");
		return;
	}
	ts_shift_free(&td->time_shift);
	td->time_shift = s;
	td->has_time_shift = s.nr_cpus > 0;	/* trace-cmd enables it with CPUs only */
	td->ts.tsync = td->has_time_shift ? &td->time_shift : NULL;
}

/* GUEST: a corrupt one is dropped, as trace-cmd drops it. */
static void guest_option(struct tracedat *td, const uint8_t *data, uint32_t size)
{
	struct tracedat_guest g, *list;

	if (guest_parse(&g, data, size, td->big_endian))
		return;
	list = realloc(td->guests, (td->nr_guests + 1) * sizeof(*list));
	if (!list) {
		guest_free(&g);
		return;
	}
	td->guests = list;
	list[td->nr_guests++] = g;
}

static int one_option(struct tdparse *p, uint16_t id, const uint8_t *data, uint32_t size)
{
	struct tracedat *td = p->td;
	char *text;

	switch (id) {
	case OPT_DATE:		/* µs as text, "0x..." */
	case OPT_OFFSET:	/* ns as text */
		text = string_option(data, size);
		if (text) {
			long long v = strtoll(text, NULL, 0), ns;

			/* an offset that overflows is corrupt: ignore it */
			if (!__builtin_mul_overflow(v, id == OPT_DATE ? 1000LL : 1LL, &ns) &&
			    !__builtin_add_overflow(td->ts.offset, ns, &ns))
				td->ts.offset = ns;
		}
		free(text);
		return 0;
	case OPT_CPUSTAT:
		td->cpustats = append_text(td->cpustats, data, size);
		return 0;
	case OPT_BUFFER:
		return buffer_option(p, data, size);
	case OPT_BUFFER_TEXT:
		return v7_read_latency(p, data, size);
	case OPT_TRACECLOCK:
		td->clock_option = true;
		if (td->version < 7) {
			p->v6_clock_trailer = true;
			return 0;
		}
		text = string_option(data, size);
		if (text)
			options_parse_clock(td, text);
		free(text);
		return 0;
	case OPT_UNAME:
		free(td->uname);
		td->uname = string_option(data, size);
		return 0;
	case OPT_VERSION:
		free(td->recorder_version);
		td->recorder_version = string_option(data, size);
		return 0;
	case OPT_CPUCOUNT:
		if (size >= 4)
			p->cpucount = (int)(load_u32(data, td->big_endian) & 0xffff);
		return 0;
	case OPT_TSC2NSEC:
		/* a shift over 32 cannot come from a real clock: ignore it */
		if (size >= 16 && load_u32(data + 4, td->big_endian) <= 32) {
			td->ts.mult = load_u32(data, td->big_endian);
			td->ts.shift = load_u32(data + 4, td->big_endian);
			td->in_usecs = true;
		}
		return 0;
	case OPT_TRACEID:
		if (size >= 8) {
			td->trace_id = load_u64(data, td->big_endian);
			td->has_trace_id = true;
		}
		return 0;
	case OPT_TIME_SHIFT:
		time_shift_option(td, data, size);
		return 0;
	case OPT_GUEST:
		guest_option(td, data, size);
		return 0;
	case OPT_HEADER_INFO ... OPT_CMDLINES:
		if (size >= 8)
			p->section_off[id] = load_u64(data, td->big_endian);
		return 0;
	default:
		return 0;
	}
}

/* Read options until DONE.  v7's DONE carries the offset of the next OPTIONS
 * section (0 for none), returned in *next_options. */
int options_read_list(struct tdparse *p, struct bytes *b, uint64_t *next_options)
{
	*next_options = 0;
	for (;;) {
		uint16_t id = bytes_u16(b);
		uint32_t size;
		const uint8_t *data;

		if (!bytes_ok(b))
			return tdfail(p, "options end unexpectedly");
		if (id == OPT_DONE && p->td->version < 7)
			return 0;
		size = bytes_u32(b);
		data = size <= bytes_left(b) ? bytes_take(b, size) : NULL;
		if (!data)
			return tdfail(p, "corrupt size of option %u", id);
		if (id == OPT_DONE) {
			if (size >= 8)
				*next_options = load_u64(data, p->td->big_endian);
			return 0;
		}
		if (one_option(p, id, data, size))
			return -1;
	}
}
