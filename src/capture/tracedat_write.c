/* Writing a trace.dat: the API, the output stream, and the file header.  The
 * layouts of v6 and v7 are in tracedat_write_layout.c, the page data in
 * tracedat_write_data.c. */
#include "capture/tracedat_write_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const uint8_t magic[10] = { 0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g' };

/* Chunks bigger than this are refused by readers (ftui's limit). */
#define MAX_CHUNK_BYTES (64U << 20)

int wfail(struct tracedat_writer *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	pthread_mutex_lock(&w->lock);
	if (w->failed) {	/* keep the first message */
		pthread_mutex_unlock(&w->lock);
		return -1;
	}
	n = snprintf(w->err, sizeof(w->err), "%s: ", w->path ? w->path : "trace.dat");
	if (n >= 0 && (size_t)n < sizeof(w->err)) {
		va_start(ap, fmt);
		vsnprintf(w->err + n, sizeof(w->err) - (size_t)n, fmt, ap);
		va_end(ap);
	}
	w->failed = true;
	pthread_mutex_unlock(&w->lock);
	return -1;
}

/* ---- the output stream -------------------------------------------------- */

/* All n bytes at the file position (at < 0) or at offset at, retrying
 * after signals. */
static int write_all(struct tracedat_writer *w, const uint8_t *p, size_t n, int64_t at)
{
	while (n) {
		ssize_t r = at < 0 ? write(w->fd, p, n) : pwrite(w->fd, p, n, (off_t)at);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return wfail(w, "%s", r < 0 ? strerror(errno) : "short write");
		p += r;
		n -= (size_t)r;
		if (at >= 0)
			at += r;
	}
	return 0;
}

int w_flush(struct tracedat_writer *w)
{
	int ret;

	if (w->failed)
		return -1;
	ret = write_all(w, w->out, w->out_len, -1);
	w->out_len = 0;
	return ret;
}

int w_write(struct tracedat_writer *w, const void *data, size_t n)
{
	if (w->failed)
		return -1;
	if (w->out_len + n > WRITE_OUTBUF) {
		if (w_flush(w))
			return -1;
		if (n >= WRITE_OUTBUF) {
			w->pos += n;
			return write_all(w, data, n, -1);
		}
	}
	memcpy(w->out + w->out_len, data, n);
	w->out_len += n;
	w->pos += n;
	return 0;
}

int w_zeros(struct tracedat_writer *w, size_t n)
{
	static const uint8_t zero[4096];

	while (n) {
		size_t k = n < sizeof(zero) ? n : sizeof(zero);

		if (w_write(w, zero, k))
			return -1;
		n -= k;
	}
	return 0;
}

int w_align(struct tracedat_writer *w, uint32_t align)
{
	return w_zeros(w, (size_t)((align - w->pos % align) % align));
}

int w_patch(struct tracedat_writer *w, uint64_t off, const void *data, size_t n)
{
	const uint8_t *p = data;

	if (w_flush(w))
		return -1;
	return write_all(w, p, n, (int64_t)off);
}

int w_patch_u64(struct tracedat_writer *w, uint64_t off, uint64_t v)
{
	uint8_t b[8];

	put_u64(b, v, w->big_endian);
	return w_patch(w, off, b, 8);
}

/* ---- metadata ----------------------------------------------------------- */

/* The trace clocks `trace-cmd report` prints as seconds (tracedat-format.md §8.3). */
static bool clock_in_usecs(const char *clock)
{
	return !strcmp(clock, "local") || !strcmp(clock, "global") || !strcmp(clock, "uptime") ||
	       !strcmp(clock, "perf") || !strncmp(clock, "mono", 4) || !strcmp(clock, "tsc2nsec") ||
	       !strcmp(clock, "tai");
}

void tracedat_meta_from_file(const struct tracedat *td, struct tracedat_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->big_endian = td->big_endian;
	m->file_long_size = td->file_long_size;
	m->page_size = td->page_size;
	m->header_page = &td->header_page;
	m->formats = td->formats;
	m->nr_formats = td->nr_formats;
	m->kallsyms = &td->kallsyms;
	m->printk = &td->printk;
	m->cmdlines = &td->cmdlines;
	m->uname = td->uname;
	m->cpus = td->cpus;
	m->ts_offset = td->ts.offset;
	m->tsc2nsec_mult = td->ts.mult;
	m->tsc2nsec_shift = td->ts.shift;
	m->has_trace_id = td->has_trace_id;
	m->trace_id = td->trace_id;
	m->time_shift = td->has_time_shift ? &td->time_shift : NULL;
	m->guests = td->guests;
	m->nr_guests = td->nr_guests;
	/* A raw-count clock printed as µs was named by a BUFFER option only. */
	if (td->clock && *td->clock && (td->ts.mult || clock_in_usecs(td->clock) || !td->in_usecs))
		m->trace_clock = td->clock;
}

/* "[mono] local ..." or "mono": the text for a v7 TRACECLOCK option and the
 * clock's name. */
static int keep_clock(struct tracedat_writer *w, const char *text)
{
	const char *open, *close;

	if (!text || !*text)
		return 0;
	open = strchr(text, '[');
	close = open ? strchr(open, ']') : NULL;
	if (open && close && close > open + 1) {
		w->clock_name = strndup(open + 1, (size_t)(close - open - 1));
		w->clock_text = strdup(text);
	} else if (!open && !strchr(text, ']') && !strpbrk(text, " \t\n")) {
		w->clock_name = strdup(text);
		if (w->clock_name && asprintf(&w->clock_text, "[%s]", text) < 0)
			w->clock_text = NULL;
	} else {
		return wfail(w, "cannot tell the clock in trace_clock \"%.40s\"", text);
	}
	return w->clock_name && w->clock_text ? 0 : wfail(w, "out of memory");
}

static int check_meta(const struct tracedat_write_opts *o, const struct tracedat_meta *m, const char **why)
{
	*why = NULL;
	if (!o || !m)
		*why = "no options or metadata";
	else if (o->version != 6 && o->version != 7)
		*why = "unsupported file version (6 and 7 are)";
	else if ((int)o->compression < COMPRESSION_NONE || o->compression > COMPRESSION_ZLIB)
		*why = "unknown compression";
	else if (o->version == 6 && o->compression != COMPRESSION_NONE)
		*why = "version 6 files cannot be compressed";
	else if (m->file_long_size != 4 && m->file_long_size != 8)
		*why = "long size must be 4 or 8";
	else if (m->page_size < 64 || m->page_size > (1U << 24))
		*why = "page size out of range";
	else if (m->nr_formats < 0 || (m->nr_formats && !m->formats))
		*why = "bad event format list";
	else if (m->cpus < 0 || m->cpus > 65536)
		*why = "CPU count out of range";
	if (!*why && m)
		for (int i = 0; i < m->nr_formats; i++)
			if (!m->formats[i].data || !m->formats[i].system)
				*why = "an event format has no text or no system";
	return *why ? -1 : 0;
}

static int write_file_header(struct tracedat_writer *w, const struct tracedat_meta *m)
{
	struct dbuf b = DBUF(w);
	int ret;

	db_put(&b, magic, sizeof(magic));
	db_str(&b, w->version == 6 ? "6" : "7");
	db_put(&b, &(uint8_t){ w->big_endian ? 1 : 0 }, 1);
	db_put(&b, &(uint8_t){ (uint8_t)m->file_long_size }, 1);
	db_u32(&b, m->page_size);
	ret = b.oom ? wfail(w, "out of memory") : w_write(w, b.p, b.len);
	db_free(&b);
	return ret;
}

static void writer_free(struct tracedat_writer *w, bool remove)
{
	wdata_free(w);
	if (w->fd >= 0) {
		close(w->fd);
		if (remove)
			unlink(w->path);
	}
	compressor_free(w->cz);
	db_free(&w->strings);
	free(w->out);
	free(w->path);
	free(w->clock_text);
	free(w->clock_name);
	free(w->uname);
	db_free(&w->hostguest);
	free(w->cmdlines.data);
	pthread_mutex_destroy(&w->lock);
	free(w);
}

/* A private copy of a metadata text (NULL or empty: none). */
static int copy_blob(struct tracedat_writer *w, struct metadata_blob *dst, const struct metadata_blob *src)
{
	size_t n = src && src->data ? src->size : 0;
	char *copy = NULL;

	if (n) {
		copy = malloc(n + 1);
		if (!copy)
			return wfail(w, "out of memory");
		memcpy(copy, src->data, n);
		copy[n] = '\0';
	}
	free(dst->data);
	dst->data = copy;
	dst->size = n;
	return 0;
}

struct tracedat_writer *tracedat_writer_open(const char *path, const struct tracedat_write_opts *o,
					     const struct tracedat_meta *m, char *err, size_t errlen)
{
	struct tracedat_writer *w;
	const char *why;
	int ret;

	err[0] = '\0';
	if (check_meta(o, m, &why)) {
		snprintf(err, errlen, "%s: %s", path, why);
		return NULL;
	}
	w = calloc(1, sizeof(*w));
	if (!w) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	w->fd = w->tmp_fd = -1;
	pthread_mutex_init(&w->lock, NULL);
	w->version = o->version;
	w->big_endian = m->big_endian;
	w->strings.big_endian = w->big_endian;
	w->comp = o->compression;
	w->page_size = m->page_size;
	w->cpus = m->cpus;
	w->ts_offset = m->ts_offset;
	w->tsc2nsec_mult = m->tsc2nsec_mult;
	w->tsc2nsec_shift = m->tsc2nsec_shift;
	w->path = strdup(path);
	w->out = malloc(WRITE_OUTBUF);
	w->uname = m->uname ? strdup(m->uname) : NULL;
	w->cz = w->comp != COMPRESSION_NONE ? compressor_new(w->comp) : NULL;
	if (!w->path || !w->out || (m->uname && !w->uname) || (w->comp != COMPRESSION_NONE && !w->cz))
		wfail(w, "out of memory");
	else if (!copy_blob(w, &w->cmdlines, m->cmdlines) && !keep_clock(w, m->trace_clock) &&
		 !whostguest_build(w, m)) {
		w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (w->fd < 0)
			wfail(w, "%s", strerror(errno));
	}
	ret = w->failed ? -1 : write_file_header(w, m);
	if (!ret)
		ret = w->version == 7 ? wlayout_v7_open(w, m) : wlayout_v6_open(w, m);
	if (ret || w->failed) {
		snprintf(err, errlen, "%s", w->err);
		writer_free(w, true);
		return NULL;
	}
	return w;
}

int tracedat_writer_add_buffer(struct tracedat_writer *w, const char *name, const char *clock, uint32_t page_size,
			       int nr_cpus)
{
	struct wbuffer *bufs, *b;

	if (!w || w->failed)
		return -1;
	if (!name)
		name = "";
	for (int i = 0; i < w->nr_bufs; i++)
		if (!strcmp(w->bufs[i].name, name))
			return wfail(w, "buffer \"%s\" added twice", name);
	if (!*name && w->nr_bufs)
		return wfail(w, "the top-level buffer must be added first");
	if (w->nr_bufs >= 1024)
		return wfail(w, "too many buffers");
	if (page_size < 64 || page_size > (1U << 24))
		return wfail(w, "page size %u of buffer \"%s\" out of range", page_size, name);
	if (page_size != w->page_size && (w->version == 6 || !*name))
		return wfail(w, "buffer \"%s\" has page size %u, the file %u%s", name, page_size, w->page_size,
			     w->version == 6 ? " (version 6 files have one page size)" : "");
	if (nr_cpus < 0 || nr_cpus > 65536)
		return wfail(w, "CPU count %d of buffer \"%s\" out of range", nr_cpus, name);
	if (!clock || !*clock)
		clock = w->clock_name ? w->clock_name : "local";
	bufs = realloc(w->bufs, (w->nr_bufs + 1) * sizeof(*bufs));
	if (!bufs)
		return wfail(w, "out of memory");
	w->bufs = bufs;
	b = &bufs[w->nr_bufs];
	memset(b, 0, sizeof(*b));
	b->page_size = page_size;
	b->chunk_pages = MAX_CHUNK_BYTES / page_size < 10 ? MAX_CHUNK_BYTES / page_size : 10;
	b->nr_cpus = nr_cpus;
	b->name = strdup(name);
	b->clock = strdup(clock);
	b->cpus = calloc(nr_cpus ? nr_cpus : 1, sizeof(*b->cpus));
	w->nr_bufs++;		/* even when incomplete: freed with the rest */
	if (!b->name || !b->clock || !b->cpus)
		return wfail(w, "out of memory");
	return w->nr_bufs - 1;
}

int tracedat_writer_add_page(struct tracedat_writer *w, int buffer, int cpu, const void *page)
{
	return tracedat_writer_add_pages(w, buffer, cpu, page, 1);
}

int tracedat_writer_add_pages(struct tracedat_writer *w, int buffer, int cpu, const void *pages, size_t n)
{
	if (!w || w->failed)
		return -1;
	if (buffer < 0 || buffer >= w->nr_bufs)
		return wfail(w, "no buffer %d", buffer);
	if (cpu < 0 || cpu >= w->bufs[buffer].nr_cpus)
		return wfail(w, "no CPU %d in buffer \"%s\"", cpu, w->bufs[buffer].name);
	if (!pages && n)
		return wfail(w, n == 1 ? "no page" : "no pages");
	return n == 1 ? wdata_add_page(w, &w->bufs[buffer], cpu, pages)
		      : wdata_add_pages(w, &w->bufs[buffer], cpu, pages, n);
}

int tracedat_writer_set_cmdlines(struct tracedat_writer *w, const struct metadata_blob *cmdlines)
{
	if (!w || w->failed)
		return -1;
	return copy_blob(w, &w->cmdlines, cmdlines);
}

const char *tracedat_writer_error(const struct tracedat_writer *w)
{
	return w ? w->err : "no writer";
}

int tracedat_writer_close(struct tracedat_writer *w, char *err, size_t errlen)
{
	int ret;

	err[0] = '\0';
	if (!w) {
		snprintf(err, errlen, "no writer");
		return -1;
	}
	ret = w->failed ? -1 : w->version == 7 ? wlayout_v7_close(w) : wlayout_v6_close(w);
	if (!ret)
		ret = w_flush(w);
	if (!ret) {
		int fd = w->fd;

		w->fd = -1;
		if (close(fd) < 0) {
			ret = wfail(w, "%s", strerror(errno));
			unlink(w->path);
		}
	}
	if (ret || w->failed) {
		snprintf(err, errlen, "%s", w->err[0] ? w->err : "write failed");
		writer_free(w, true);
		return -1;
	}
	writer_free(w, false);
	return 0;
}

void tracedat_writer_abort(struct tracedat_writer *w)
{
	if (w)
		writer_free(w, true);
}
