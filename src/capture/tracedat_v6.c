/* trace.dat version 6: the metadata blocks back to back, the CPU count, an
 * optional options block, then "flyrecord" (per-CPU offsets and sizes of raw
 * page data) or "latency" (text to the end of the file). */
#include "capture/tracedat_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_metadata(struct tdparse *p, struct bytes *b)
{
	struct tracedat *td = p->td;

	if (meta_read_header_info(p, b) ||
	    meta_read_formats(p, b, true) ||
	    meta_read_formats(p, b, false) ||
	    meta_read_text(p, b, &td->kallsyms, 4) ||
	    meta_read_text(p, b, &td->printk, 4) ||
	    meta_read_text(p, b, &td->cmdlines, 8))
		return -1;
	return 0;
}

/* One flyrecord table: nr_cpus × { u64 offset; u64 size }. */
static int read_flyrecord(struct tdparse *p, struct bytes *b, const char *name, int nr_cpus)
{
	struct tracedat_buffer *buf;

	if ((uint64_t)nr_cpus * 16 > bytes_left(b))
		return tdfail(p, "truncated CPU table of buffer \"%s\"", name);
	if (buffer_add(p, name, "", p->td->page_size, false, nr_cpus, &buf))
		return -1;
	for (int cpu = 0; cpu < nr_cpus; cpu++) {
		struct tracedat_cpu *c = &buf->cpus[cpu];

		c->offset = bytes_u64(b);
		c->size = bytes_u64(b);
		if (c->size && cpu_load_chunks(p, buf, c))
			return -1;
	}
	return 0;
}

/* After the top buffer's table: u64 length + the trace_clock text, present
 * only when a TRACECLOCK option flagged it. */
static void read_clock_trailer(struct tdparse *p, struct bytes *b)
{
	uint64_t len = bytes_u64(b);
	const uint8_t *text = len <= bytes_left(b) ? bytes_take(b, len) : NULL;
	char *s;

	if (!text) {
		options_parse_clock(p->td, "[local]");
		snprintf(p->td->warning, sizeof(p->td->warning), "file has the trace_clock bug, using the local clock");
		return;
	}
	s = strndup((const char *)text, len);
	if (s)
		options_parse_clock(p->td, s);
	free(s);
}

static int read_instances(struct tdparse *p, int nr_cpus)
{
	for (int i = 0; i < p->nr_v6_buffers; i++) {
		struct bytes b;
		const uint8_t *magic;

		bytes_init(&b, p->td->map, p->td->map_size, p->td->big_endian);
		bytes_seek(&b, p->v6_buffers[i].offset);
		magic = bytes_take(&b, 10);
		if (!magic || memcmp(magic, "flyrecord", 10))
			return tdfail(p, "corrupt offset of buffer \"%s\"", p->v6_buffers[i].name);
		if (read_flyrecord(p, &b, p->v6_buffers[i].name, nr_cpus))
			return -1;
	}
	return 0;
}

int v6_read(struct tdparse *p, struct bytes *b)
{
	struct tracedat *td = p->td;
	const uint8_t *kind;
	int nr_cpus;

	if (read_metadata(p, b))
		return -1;
	p->header_cpus = bytes_u32(b);
	kind = bytes_take(b, 10);
	if (!kind)
		return tdfail(p, "truncated after the metadata");
	if (!memcmp(kind, "options", 7)) {
		uint64_t unused;

		if (options_read_list(p, b, &unused))
			return -1;
		kind = bytes_take(b, 10);
		if (!kind)
			return tdfail(p, "truncated after the options");
	}
	if (p->header_cpus > 65536)
		return tdfail(p, "corrupt CPU count %u", p->header_cpus);
	nr_cpus = p->cpucount >= 0 ? p->cpucount : (int)p->header_cpus;
	if (!memcmp(kind, "latency", 7)) {
		td->latency_size = bytes_left(b);
		td->latency_text = strndup((const char *)b->base + b->pos, td->latency_size);
		td->latency_size = td->latency_text ? strlen(td->latency_text) : 0;
		return 0;
	}
	if (memcmp(kind, "flyrecord", 9))
		return tdfail(p, "neither flyrecord nor latency data");
	if (read_flyrecord(p, b, "", nr_cpus))
		return -1;
	if (p->v6_clock_trailer)
		read_clock_trailer(p, b);
	return read_instances(p, nr_cpus);
}
