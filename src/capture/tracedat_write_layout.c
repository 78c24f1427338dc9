/* What the writer puts after the file header, as `trace-cmd record` 3.1 does
 * (tracedat-format.md §4 and §5.10):
 *
 * v7: the six metadata sections (compressed when the file is), OPTIONS #1
 *     (section offsets, TRACECLOCK, UNAME, DATE/OFFSET, TSC2NSEC, CPUCOUNT),
 *     then per buffer a BUFFER section with its page-aligned per-CPU data and
 *     an OPTIONS section with its BUFFER option, the DONE options chained to
 *     the next; a STRINGS section with the descriptions last.
 * v6: the metadata back to back; then the CPU count, the options
 *     (TRACECLOCK, UNAME, CPUCOUNT, a BUFFER option per instance), the top
 *     buffer's flyrecord table with the "[clock]" trailer and its data, then
 *     one flyrecord block per instance.
 *
 * Open writes everything up to the PRINTK metadata; close writes the rest,
 * starting with the CMDLINES metadata (v7: its section, then OPTIONS #1), so
 * that the cmdlines are the latest tracedat_writer_set_cmdlines() gave.
 * Nothing reaches the output between the two: the pages wait in the
 * temporary file.  Every integer is in the file's byte order (DBUF(w)).
 */
#include "capture/tracedat_write_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The kernel's events/header_event: fixed text, read and ignored by readers. */
static const char header_event[] =
	"# compressed entry header\n"
	"\ttype_len    :    5 bits\n"
	"\ttime_delta  :   27 bits\n"
	"\tarray       :   32 bits\n"
	"\n"
	"\tpadding     : type == 29\n"
	"\ttime_extend : type == 30\n"
	"\ttime_stamp : type == 31\n"
	"\tdata max type_len  == 28\n";

/* ---- metadata payloads (the same bytes in v6 and v7) ------------------- */

static size_t blob_size(const struct metadata_blob *b)
{
	return b && b->data ? b->size : 0;
}

static void build_header_info(struct dbuf *b, const struct metadata_blob *hp)
{
	size_t n = blob_size(hp);

	db_str(b, "header_page");
	db_u64(b, n);
	if (n)
		db_put(b, hp->data, n);
	db_str(b, "header_event");
	/* an old kernel without header_page had no header_event either */
	db_u64(b, n ? sizeof(header_event) - 1 : 0);
	if (n)
		db_put(b, header_event, sizeof(header_event) - 1);
}

static void put_format(struct dbuf *b, const struct metadata_blob *f)
{
	db_u64(b, f->size);
	db_put(b, f->data, f->size);
}

static void build_ftrace_events(struct dbuf *b, const struct tracedat_meta *m)
{
	uint32_t n = 0;

	for (int i = 0; i < m->nr_formats; i++)
		n += !strcmp(m->formats[i].system, "ftrace");
	db_u32(b, n);
	for (int i = 0; i < m->nr_formats; i++)
		if (!strcmp(m->formats[i].system, "ftrace"))
			put_format(b, &m->formats[i]);
}

/* Systems in the order they first appear, each with all of its formats. */
static void build_event_formats(struct dbuf *b, const struct tracedat_meta *m)
{
	uint32_t nr_systems = 0;

	for (int i = 0; i < m->nr_formats; i++) {
		const char *sys = m->formats[i].system;
		int first = i;

		for (int j = 0; j < i && first == i; j++)
			if (!strcmp(m->formats[j].system, sys))
				first = j;
		nr_systems += first == i && strcmp(sys, "ftrace");
	}
	db_u32(b, nr_systems);
	for (int i = 0; i < m->nr_formats; i++) {
		const char *sys = m->formats[i].system;
		uint32_t count = 0;
		bool seen = !strcmp(sys, "ftrace");

		for (int j = 0; j < i && !seen; j++)
			seen = !strcmp(m->formats[j].system, sys);
		if (seen)
			continue;
		for (int j = i; j < m->nr_formats; j++)
			count += !strcmp(m->formats[j].system, sys);
		db_str(b, sys);
		db_u32(b, count);
		for (int j = i; j < m->nr_formats; j++)
			if (!strcmp(m->formats[j].system, sys))
				put_format(b, &m->formats[j]);
	}
}

/* kallsyms and printk: u32 size; cmdlines: u64 size. */
static void build_text(struct dbuf *b, const struct metadata_blob *t, int size_bytes)
{
	size_t n = blob_size(t);

	if (size_bytes == 4)
		db_u32(b, (uint32_t)n);
	else
		db_u64(b, n);
	if (n)
		db_put(b, t->data, n);
}

static int build_meta(struct tracedat_writer *w, const struct tracedat_meta *m, int id, struct dbuf *b)
{
	switch (id) {
	case OPT_HEADER_INFO: build_header_info(b, m->header_page); break;
	case OPT_FTRACE_EVENTS: build_ftrace_events(b, m); break;
	case OPT_EVENT_FORMATS: build_event_formats(b, m); break;
	case OPT_KALLSYMS:
		if (blob_size(m->kallsyms) > UINT32_MAX)
			return wfail(w, "kallsyms too large");
		build_text(b, m->kallsyms, 4);
		break;
	case OPT_PRINTK:
		if (blob_size(m->printk) > UINT32_MAX)
			return wfail(w, "printk formats too large");
		build_text(b, m->printk, 4);
		break;
	default: build_text(b, &w->cmdlines, 8); break;	/* OPT_CMDLINES: m may be NULL */
	}
	return b->oom ? wfail(w, "out of memory") : 0;
}

/* ---- options ------------------------------------------------------------ */

static void opt(struct dbuf *b, uint16_t id, const void *data, uint32_t size)
{
	db_u16(b, id);
	db_u32(b, size);
	db_put(b, data, size);
}

static void opt_u32(struct dbuf *b, uint16_t id, uint32_t v)
{
	db_u16(b, id);
	db_u32(b, 4);
	db_u32(b, v);
}

static void opt_u64(struct dbuf *b, uint16_t id, uint64_t v)
{
	db_u16(b, id);
	db_u32(b, 8);
	db_u64(b, v);
}

static void opt_str(struct dbuf *b, uint16_t id, const char *s)
{
	opt(b, id, s, (uint32_t)strlen(s) + 1);
}

/* DATE (µs, hex) when the offset is whole µs, else OFFSET (ns); TSC2NSEC. */
static void opt_time(struct tracedat_writer *w, struct dbuf *b)
{
	char text[64];

	if (w->ts_offset) {
		int64_t v = w->ts_offset;
		uint64_t mag;

		if (v % 1000 == 0) {
			v /= 1000;
			mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
			snprintf(text, sizeof(text), "%s0x%" PRIx64, v < 0 ? "-" : "", mag);
			opt_str(b, OPT_DATE, text);
		} else {
			snprintf(text, sizeof(text), "%" PRId64, v);
			opt_str(b, OPT_OFFSET, text);
		}
	}
	if (w->tsc2nsec_mult) {
		db_u16(b, OPT_TSC2NSEC);
		db_u32(b, 16);
		db_u32(b, w->tsc2nsec_mult);
		db_u32(b, w->tsc2nsec_shift);
		db_u64(b, 0);
	}
	db_put(b, w->hostguest.p, w->hostguest.len);
}

/* ---- v7 ----------------------------------------------------------------- */

/* Offset of a description in the STRINGS section. */
static uint32_t add_string(struct tracedat_writer *w, const char *s)
{
	uint32_t off = (uint32_t)w->strings.len;

	db_str(&w->strings, s);
	return off;
}

/* Section header and payload, compressed as one block when asked. */
static int write_section(struct tracedat_writer *w, uint16_t id, uint32_t desc, bool compress,
			 const struct dbuf *payload, uint64_t *offset)
{
	struct dbuf b = DBUF(w);
	int ret;

	if (offset)
		*offset = w->pos;
	if (payload->oom)
		return wfail(w, "out of memory");
	if (payload->len > MAX_SECTION_SIZE)
		return wfail(w, "section %u too large (%zu bytes)", id, payload->len);
	db_u16(&b, id);
	db_u16(&b, compress ? SECTION_COMPRESSED : 0);
	db_u32(&b, desc);
	if (compress) {
		struct dbuf z = { 0 };
		long n = compressor_run(w->cz, payload->p ? payload->p : (const uint8_t *)"", payload->len, &z);

		if (n < 0) {
			db_free(&z);
			db_free(&b);
			return wfail(w, "%s compression failed", compression_name(w->comp));
		}
		db_u64(&b, 8 + (uint64_t)n);
		db_u32(&b, (uint32_t)n);
		db_u32(&b, (uint32_t)payload->len);
		db_put(&b, z.p, z.len);
		db_free(&z);
	} else {
		db_u64(&b, payload->len);
		db_put(&b, payload->p, payload->len);
	}
	ret = b.oom ? wfail(w, "out of memory") : w_write(w, b.p, b.len);
	db_free(&b);
	return ret;
}

/* An OPTIONS section ending with DONE(0); the previous DONE is pointed at it. */
static int write_options(struct tracedat_writer *w, struct dbuf *b)
{
	uint64_t off;

	opt_u64(b, OPT_DONE, 0);
	if (write_section(w, OPT_DONE, add_string(w, "options"), false, b, &off))
		return -1;
	if (w->next_options_patch && w_patch_u64(w, w->next_options_patch, off))
		return -1;
	w->next_options_patch = w->pos - 8;
	return 0;
}

static const char *const meta_desc[] = {
	[OPT_HEADER_INFO] = "headers",
	[OPT_FTRACE_EVENTS] = "ftrace events",
	[OPT_EVENT_FORMATS] = "events format",
	[OPT_KALLSYMS] = "kallsyms",
	[OPT_PRINTK] = "printk",
	[OPT_CMDLINES] = "command lines",
};

int wlayout_v7_open(struct tracedat_writer *w, const struct tracedat_meta *m)
{
	struct dbuf b = DBUF(w);
	int ret = 0;

	db_str(&b, compression_name(w->comp));
	db_str(&b, compressor_version(w->comp));
	ret = b.oom ? wfail(w, "out of memory") : w_write(w, b.p, b.len);
	db_free(&b);
	if (ret)
		return -1;
	w->first_options_patch = w->pos;
	if (w_zeros(w, 8))
		return -1;
	for (int id = OPT_HEADER_INFO; !ret && id <= OPT_PRINTK; id++) {
		ret = build_meta(w, m, id, &b) ||
		      write_section(w, id, add_string(w, meta_desc[id]), w->comp != COMPRESSION_NONE, &b,
				    &w->meta_sec[id]);
		db_free(&b);
	}
	return ret ? -1 : 0;
}

/* At close: the CMDLINES section, then OPTIONS #1 pointing at every metadata
 * section. */
static int write_meta_end_v7(struct tracedat_writer *w)
{
	struct dbuf b = DBUF(w);
	int ret;

	ret = build_meta(w, NULL, OPT_CMDLINES, &b) ||
	      write_section(w, OPT_CMDLINES, add_string(w, meta_desc[OPT_CMDLINES]), w->comp != COMPRESSION_NONE, &b,
			    &w->meta_sec[OPT_CMDLINES]);
	db_free(&b);
	if (ret)
		return -1;

	for (int id = OPT_HEADER_INFO; id <= OPT_PRINTK; id++)
		opt_u64(&b, id, w->meta_sec[id]);
	if (w->clock_text)
		opt_str(&b, OPT_TRACECLOCK, w->clock_text);
	if (w->uname)
		opt_str(&b, OPT_UNAME, w->uname);
	opt_time(w, &b);	/* after TRACECLOCK: TSC2NSEC overrides its µs decision */
	opt_u64(&b, OPT_CMDLINES, w->meta_sec[OPT_CMDLINES]);
	if (w->cpus > 0)
		opt_u32(&b, OPT_CPUCOUNT, (uint32_t)w->cpus);
	ret = w_patch_u64(w, w->first_options_patch, w->pos) || write_options(w, &b);
	db_free(&b);
	return ret ? -1 : 0;
}

static int write_buffer_v7(struct tracedat_writer *w, struct wbuffer *buf)
{
	struct dbuf b = DBUF(w);
	char *desc;
	uint64_t sec = w->pos;
	uint32_t with_data = 0;
	int ret;

	if (asprintf(&desc, "buffer flyrecord %s", buf->name) < 0)
		return wfail(w, "out of memory");
	db_u16(&b, OPT_BUFFER);
	db_u16(&b, w->comp != COMPRESSION_NONE ? SECTION_COMPRESSED : 0);
	db_u32(&b, add_string(w, desc));
	db_u64(&b, 0);		/* size, patched below */
	free(desc);
	ret = b.oom ? wfail(w, "out of memory") : w_write(w, b.p, b.len);
	db_free(&b);
	for (int c = 0; !ret && c < buf->nr_cpus; c++)
		if (buf->cpus[c].pages) {
			ret = wdata_copy_cpu(w, buf, &buf->cpus[c]);
			with_data++;
		}
	if (ret || w_patch_u64(w, sec + 8, w->pos - sec - 16))
		return -1;

	/* its BUFFER option: only the CPUs that have data */
	db_u16(&b, OPT_BUFFER);
	db_u32(&b, (uint32_t)(8 + strlen(buf->name) + 1 + strlen(buf->clock) + 1 + 4 + 4 + 20 * with_data));
	db_u64(&b, sec);
	db_str(&b, buf->name);
	db_str(&b, buf->clock);
	db_u32(&b, buf->page_size);
	db_u32(&b, with_data);
	for (int c = 0; c < buf->nr_cpus; c++)
		if (buf->cpus[c].pages) {
			db_u32(&b, (uint32_t)c);
			db_u64(&b, buf->cpus[c].out_off);
			db_u64(&b, buf->cpus[c].out_size);
		}
	ret = write_options(w, &b);
	db_free(&b);
	return ret;
}

int wlayout_v7_close(struct tracedat_writer *w)
{
	struct dbuf b = DBUF(w);
	uint32_t desc;
	int ret;

	if (wdata_flush(w) || write_meta_end_v7(w))
		return -1;
	for (int i = 0; i < w->nr_bufs; i++)
		if (write_buffer_v7(w, &w->bufs[i]))
			return -1;
	desc = add_string(w, "strings");	/* the section describes itself */
	if (w->strings.oom)
		return wfail(w, "out of memory");
	db_put(&b, w->strings.p, w->strings.len);
	ret = write_section(w, OPT_STRINGS, desc, w->comp != COMPRESSION_NONE, &b, NULL);
	db_free(&b);
	return ret;
}

/* ---- v6 ----------------------------------------------------------------- */

int wlayout_v6_open(struct tracedat_writer *w, const struct tracedat_meta *m)
{
	struct dbuf b = DBUF(w);
	int ret = 0;

	for (int id = OPT_HEADER_INFO; !ret && id <= OPT_PRINTK; id++)
		ret = build_meta(w, m, id, &b);
	if (!ret)
		ret = w_write(w, b.p, b.len);
	db_free(&b);
	return ret;
}

/* "flyrecord\0", the CPU table, the "[clock]" trailer, the data.  buf NULL
 * writes an empty table (a file with instances only). */
static int write_flyrecord(struct tracedat_writer *w, struct wbuffer *buf, int nr_cpus)
{
	struct dbuf table = DBUF(w);
	uint64_t table_off;
	int ret = 0;

	if (w_write(w, "flyrecord", 10))
		return -1;
	table_off = w->pos;
	if (w_zeros(w, (size_t)nr_cpus * 16))
		return -1;
	if (w->clock_name) {
		struct dbuf t = DBUF(w);

		db_u64(&t, strlen(w->clock_name) + 2);
		db_put(&t, "[", 1);
		db_put(&t, w->clock_name, strlen(w->clock_name));
		db_put(&t, "]", 1);
		ret = t.oom ? wfail(w, "out of memory") : w_write(w, t.p, t.len);
		db_free(&t);
	}
	for (int c = 0; !ret && c < nr_cpus; c++) {
		struct wcpu *cpu = buf && c < buf->nr_cpus ? &buf->cpus[c] : NULL;

		if (cpu && cpu->pages) {
			ret = wdata_copy_cpu(w, buf, cpu);
			db_u64(&table, cpu->out_off);
			db_u64(&table, cpu->out_size);
		} else {
			/* no data: size 0 at the next page-aligned offset */
			db_u64(&table, w->pos + (w->page_size - w->pos % w->page_size) % w->page_size);
			db_u64(&table, 0);
		}
	}
	if (!ret)
		ret = table.oom ? wfail(w, "out of memory") : w_patch(w, table_off, table.p, table.len);
	db_free(&table);
	return ret;
}

int wlayout_v6_close(struct tracedat_writer *w)
{
	struct dbuf b = DBUF(w);
	uint64_t *patch = calloc(w->nr_bufs ? w->nr_bufs : 1, sizeof(*patch));
	bool top = w->nr_bufs && !*w->bufs[0].name;
	int nr_cpus = w->cpus;
	int ret = 0;

	if (!patch)
		return wfail(w, "out of memory");
	/* the CMDLINES block ends the metadata; the rest follows it */
	if (wdata_flush(w) || build_meta(w, NULL, OPT_CMDLINES, &b)) {
		free(patch);
		db_free(&b);
		return -1;
	}
	/* one table size for every buffer: it must reach every CPU with data */
	for (int i = 0; i < w->nr_bufs; i++)
		for (int c = 0; c < w->bufs[i].nr_cpus; c++)
			if (w->bufs[i].cpus[c].pages && c >= nr_cpus)
				nr_cpus = c + 1;

	db_u32(&b, (uint32_t)nr_cpus);
	db_put(&b, "options  ", 10);
	opt_time(w, &b);
	/* Flags the "[clock]" trailer after the table.  trace-cmd record 3.1
	 * stores the whole text here too (older ones stored nothing, which
	 * trace-cmd's reader then parses from uninitialised memory). */
	if (w->clock_text)
		opt_str(&b, OPT_TRACECLOCK, w->clock_text);
	if (w->uname)
		opt_str(&b, OPT_UNAME, w->uname);
	opt_u32(&b, OPT_CPUCOUNT, (uint32_t)nr_cpus);
	for (int i = top; i < w->nr_bufs; i++) {
		db_u16(&b, OPT_BUFFER);
		db_u32(&b, (uint32_t)(8 + strlen(w->bufs[i].name) + 1));
		patch[i] = w->pos + b.len;	/* its offset, once known */
		db_u64(&b, 0);
		db_str(&b, w->bufs[i].name);
		opt_u32(&b, OPT_CPUCOUNT, (uint32_t)nr_cpus);
	}
	db_u16(&b, OPT_DONE);	/* v6: no size */
	ret = b.oom ? wfail(w, "out of memory") : w_write(w, b.p, b.len);
	db_free(&b);

	if (!ret)
		ret = write_flyrecord(w, top ? &w->bufs[0] : NULL, nr_cpus);
	for (int i = top; !ret && i < w->nr_bufs; i++) {
		ret = w_patch_u64(w, patch[i], w->pos);
		if (!ret)
			ret = write_flyrecord(w, &w->bufs[i], nr_cpus);
	}
	free(patch);
	return ret;
}
