/* trace.dat version 7: a header naming the compression, then sections
 * (16-byte header: id, flags, description, size), found through a chain of
 * OPTIONS sections. */
#include "capture/tracedat_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_OPTION_SECTIONS 4096
#define MAX_CHUNK_SIZE (64U << 20)

struct section {
	uint16_t id;
	uint16_t flags;
	uint64_t payload;	/* file offset of the payload */
	uint64_t size;		/* payload bytes */
};

static int section_header(struct tdparse *p, uint64_t offset, struct section *s)
{
	struct bytes b;

	bytes_init(&b, p->td->map, p->td->map_size, p->td->big_endian);
	if (offset > p->td->map_size || !bytes_seek(&b, offset))
		return tdfail(p, "section offset %llu is past the end of the file", (unsigned long long)offset);
	s->id = bytes_u16(&b);
	s->flags = bytes_u16(&b);
	bytes_u32(&b);		/* description: informational only */
	s->size = bytes_u64(&b);
	s->payload = b.pos;
	if (!bytes_ok(&b))
		return tdfail(p, "truncated section header at offset %llu", (unsigned long long)offset);
	if (s->size > p->td->map_size - s->payload)
		return tdfail(p, "truncated section %u at offset %llu", s->id, (unsigned long long)offset);
	return 0;
}

/* The payload of a (possibly compressed) block: u32 csize, u32 usize, data. */
static int inflate_block(struct tdparse *p, const uint8_t *src, uint64_t size, uint8_t **out, size_t *out_size)
{
	struct bytes b;
	uint32_t csize, usize;
	const uint8_t *data;
	struct decompressor *d;
	int ret;

	bytes_init(&b, src, size, p->td->big_endian);
	csize = bytes_u32(&b);
	usize = bytes_u32(&b);
	data = bytes_take(&b, csize);
	if (!data || usize > MAX_SECTION_SIZE)
		return tdfail(p, "corrupt compressed block");
	*out = malloc((size_t)usize + 1);
	d = decompressor_new(p->td->compression);
	if (!*out || !d) {
		decompressor_free(d);
		free(*out);
		*out = NULL;
		return tdfail(p, "out of memory");
	}
	ret = decompressor_run(d, data, csize, *out, usize);
	decompressor_free(d);
	if (ret) {
		free(*out);
		*out = NULL;
		return tdfail(p, "corrupt %s data in a section", compression_name(p->td->compression));
	}
	(*out)[usize] = '\0';
	*out_size = usize;
	return 0;
}

/* Read the section at offset, check its id, and hand back its payload,
 * decompressed and NUL-terminated (data may be NULL to read only the flags). */
int v7_read_section(struct tdparse *p, uint64_t offset, int want_id, uint8_t **data, size_t *size, uint16_t *flags)
{
	struct section s;

	if (section_header(p, offset, &s))
		return -1;
	if (s.id != want_id)
		return tdfail(p, "expected section %d at offset %llu, found %u", want_id,
			      (unsigned long long)offset, s.id);
	if (flags)
		*flags = s.flags;
	if (!data)
		return 0;
	if (s.flags & SECTION_COMPRESSED) {
		if (p->td->compression == COMPRESSION_NONE)
			return tdfail(p, "compressed section in an uncompressed file");
		return inflate_block(p, p->td->map + s.payload, s.size, data, size);
	}
	*data = malloc(s.size + 1);
	if (!*data)
		return tdfail(p, "out of memory");
	memcpy(*data, p->td->map + s.payload, s.size);
	(*data)[s.size] = '\0';
	*size = s.size;
	return 0;
}

static int read_options_chain(struct tdparse *p, uint64_t offset)
{
	for (int n = 0; offset; n++) {
		uint8_t *data;
		size_t size;
		struct bytes b;
		int ret;

		if (n >= MAX_OPTION_SECTIONS)
			return tdfail(p, "too many OPTIONS sections (a loop?)");
		if (v7_read_section(p, offset, OPT_DONE, &data, &size, NULL))
			return -1;
		bytes_init(&b, data, size, p->td->big_endian);
		ret = options_read_list(p, &b, &offset);
		free(data);
		if (ret)
			return -1;
	}
	return 0;
}

static int read_meta_section(struct tdparse *p, int id, bool required)
{
	uint8_t *data;
	size_t size;
	struct bytes b;
	struct tracedat *td = p->td;
	int ret;

	if (!p->section_off[id])
		return required ? tdfail(p, "no section %d (metadata missing)", id) : 0;
	if (v7_read_section(p, p->section_off[id], id, &data, &size, NULL))
		return -1;
	bytes_init(&b, data, size, td->big_endian);
	switch (id) {
	case OPT_HEADER_INFO: ret = meta_read_header_info(p, &b); break;
	case OPT_FTRACE_EVENTS: ret = meta_read_formats(p, &b, true); break;
	case OPT_EVENT_FORMATS: ret = meta_read_formats(p, &b, false); break;
	case OPT_KALLSYMS: ret = meta_read_text(p, &b, &td->kallsyms, 4); break;
	case OPT_PRINTK: ret = meta_read_text(p, &b, &td->printk, 4); break;
	default: ret = meta_read_text(p, &b, &td->cmdlines, 8); break;
	}
	free(data);
	return ret;
}

int v7_read(struct tdparse *p, struct bytes *b)
{
	const char *name = bytes_cstr(b);
	const char *version = bytes_cstr(b);
	uint64_t options = bytes_u64(b);
	int c;

	if (!bytes_ok(b))
		return tdfail(p, "truncated file header");
	c = compression_from_name(name);
	if (c < 0)
		return tdfail(p, "unsupported compression \"%s\"", name);
	p->td->compression = c;
	p->td->compression_version = strdup(version);
	if (read_options_chain(p, options))
		return -1;
	if (read_meta_section(p, OPT_HEADER_INFO, true) ||
	    read_meta_section(p, OPT_FTRACE_EVENTS, false) ||
	    read_meta_section(p, OPT_EVENT_FORMATS, false) ||
	    read_meta_section(p, OPT_KALLSYMS, false) ||
	    read_meta_section(p, OPT_PRINTK, false) ||
	    read_meta_section(p, OPT_CMDLINES, false))
		return -1;
	return 0;
}

/* Walk a CPU's data: raw pages, or u32 chunk count and the chunks.  The walk
 * goes by the count (the size written by trace-cmd 3.1 is 4 bytes short) and
 * stops at the end of the file, marking the CPU truncated. */
int cpu_load_chunks(struct tdparse *p, struct tracedat_buffer *buf, struct tracedat_cpu *c)
{
	struct tracedat *td = p->td;
	struct bytes b;
	uint32_t count;
	uint64_t ustart = 0;

	if (c->offset > td->map_size) {
		c->truncated = true;
		return 0;
	}
	if (!buf->compressed) {
		uint64_t avail = td->map_size - c->offset;

		c->data_size = c->size <= avail ? c->size : avail;
		c->truncated = c->size > avail;
		c->data_size -= c->data_size % buf->page_size;
		return 0;
	}
	bytes_init(&b, td->map, td->map_size, td->big_endian);
	bytes_seek(&b, c->offset);
	count = bytes_u32(&b);
	if (!bytes_ok(&b) || count > bytes_left(&b) / 8) {
		c->truncated = true;
		count = bytes_ok(&b) ? (uint32_t)(bytes_left(&b) / 8) : 0;
	}
	c->chunks = calloc(count ? count : 1, sizeof(*c->chunks));
	if (!c->chunks)
		return tdfail(p, "out of memory");
	for (uint32_t i = 0; i < count; i++) {
		struct tracedat_chunk *ch = &c->chunks[i];

		ch->csize = bytes_u32(&b);
		ch->usize = bytes_u32(&b);
		ch->file_off = b.pos;
		/* a few bytes do not expand to megabytes: a bound on what a corrupt
		 * size can make us allocate */
		if (!bytes_skip(&b, ch->csize) || ch->usize > MAX_CHUNK_SIZE ||
		    ch->usize % buf->page_size || (uint64_t)ch->usize > (uint64_t)ch->csize * 32768 + 65536) {
			c->truncated = true;
			break;
		}
		ch->ustart = ustart;
		ustart += ch->usize;
		c->nr_chunks = i + 1;
	}
	c->data_size = ustart;
	return 0;
}

/* BUFFER_TEXT: the latency tracer's text output, raw or in chunks. */
int v7_read_latency(struct tdparse *p, const uint8_t *option, uint32_t size)
{
	struct tracedat *td = p->td;
	struct tracedat_buffer tmp = { .page_size = 1, .compressed = true };
	struct tracedat_cpu c = { 0 };
	struct section s;
	struct decompressor *d;

	if (size < 8 || section_header(p, load_u64(option, td->big_endian), &s))
		return tdfail(p, "corrupt latency buffer");
	if (!(s.flags & SECTION_COMPRESSED)) {
		td->latency_text = strndup((const char *)td->map + s.payload, s.size);
		td->latency_size = td->latency_text ? strlen(td->latency_text) : 0;
		return 0;
	}
	c.offset = s.payload;
	if (cpu_load_chunks(p, &tmp, &c))
		return -1;
	if (c.data_size > (256U << 20)) {
		free(c.chunks);
		return tdfail(p, "corrupt latency buffer (%llu bytes)", (unsigned long long)c.data_size);
	}
	td->latency_text = calloc(1, c.data_size + 1);
	d = decompressor_new(td->compression);
	for (uint32_t i = 0; td->latency_text && d && i < c.nr_chunks; i++) {
		struct tracedat_chunk *ch = &c.chunks[i];

		if (decompressor_run(d, td->map + ch->file_off, ch->csize, td->latency_text + ch->ustart, ch->usize))
			break;
	}
	decompressor_free(d);
	free(c.chunks);
	td->latency_size = td->latency_text ? strlen(td->latency_text) : 0;
	return 0;
}
