/* The writer's data path: byte buffers, compression, and each CPU's pages
 * gathered into chunks in one temporary file until the file is closed. */
#include "capture/tracedat_write_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

/* ---- byte buffers ------------------------------------------------------- */

void db_put(struct dbuf *b, const void *data, size_t n)
{
	if (b->oom || !n)
		return;
	if (n > SIZE_MAX / 2 - b->len) {
		b->oom = true;
		return;
	}
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		uint8_t *p;

		while (cap < b->len + n)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

void put_u32(uint8_t *p, uint32_t v, bool big_endian)
{
	for (int i = 0; i < 4; i++)
		p[big_endian ? 3 - i : i] = (uint8_t)(v >> (8 * i));
}

void put_u64(uint8_t *p, uint64_t v, bool big_endian)
{
	for (int i = 0; i < 8; i++)
		p[big_endian ? 7 - i : i] = (uint8_t)(v >> (8 * i));
}

void db_u16(struct dbuf *b, uint16_t v)
{
	uint8_t p[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	if (b->big_endian) {
		p[0] = (uint8_t)(v >> 8);
		p[1] = (uint8_t)v;
	}
	db_put(b, p, 2);
}

void db_u32(struct dbuf *b, uint32_t v)
{
	uint8_t p[4];

	put_u32(p, v, b->big_endian);
	db_put(b, p, 4);
}

void db_u64(struct dbuf *b, uint64_t v)
{
	uint8_t p[8];

	put_u64(p, v, b->big_endian);
	db_put(b, p, 8);
}

void db_str(struct dbuf *b, const char *s)
{
	db_put(b, s, strlen(s) + 1);
}

void db_free(struct dbuf *b)
{
	bool be = b->big_endian;

	free(b->p);
	memset(b, 0, sizeof(*b));
	b->big_endian = be;
}

/* ---- compression -------------------------------------------------------- */

struct compressor {
	enum compression alg;
	ZSTD_CCtx *zstd;
};

struct compressor *compressor_new(enum compression c)
{
	struct compressor *z = calloc(1, sizeof(*z));

	if (!z)
		return NULL;
	z->alg = c;
	if (c == COMPRESSION_ZSTD) {
		z->zstd = ZSTD_createCCtx();
		/* trace-cmd writes frames without the content size */
		if (!z->zstd || ZSTD_isError(ZSTD_CCtx_setParameter(z->zstd, ZSTD_c_contentSizeFlag, 0))) {
			compressor_free(z);
			return NULL;
		}
	}
	return z;
}

void compressor_free(struct compressor *c)
{
	if (!c)
		return;
	ZSTD_freeCCtx(c->zstd);
	free(c);
}

const char *compressor_version(enum compression c)
{
	switch (c) {
	case COMPRESSION_ZSTD: return ZSTD_versionString();
	case COMPRESSION_ZLIB: return zlibVersion();
	default: return "";
	}
}

long compressor_run(struct compressor *c, const void *src, size_t n, struct dbuf *out)
{
	size_t bound, got;

	if (n > UINT32_MAX / 2)
		return -1;
	bound = c->alg == COMPRESSION_ZSTD ? ZSTD_compressBound(n) : compressBound((uLong)n);
	if (out->oom || bound > SIZE_MAX / 2 - out->len)
		return -1;
	if (!out->p || bound > out->cap - out->len) {	/* room for the worst case */
		uint8_t *p = realloc(out->p, out->len + bound);

		if (!p)
			return -1;
		out->p = p;
		out->cap = out->len + bound;
	}
	if (c->alg == COMPRESSION_ZSTD) {
		got = ZSTD_compress2(c->zstd, out->p + out->len, bound, src, n);
		if (ZSTD_isError(got))
			return -1;
	} else {
		uLongf dlen = (uLongf)bound;

		if (compress2(out->p + out->len, &dlen, src, (uLong)n, Z_BEST_COMPRESSION) != Z_OK)
			return -1;
		got = dlen;
	}
	if (got > UINT32_MAX)
		return -1;
	out->len += got;
	return (long)got;
}

/* ---- per-CPU chunks in a temporary file ---------------------------------- */

/* An unnamed file next to the output (same file system, same space), or in
 * $TMPDIR when that directory cannot hold one.  Returns its fd, or -1 with
 * errno set. */
static int open_tmp(const struct tracedat_writer *w)
{
	char *copy = strdup(w->path);
	const char *dir;
	char *tmpl = NULL;
	int fd = -1;

	if (!copy)
		return -1;
	dir = dirname(copy);
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		const char *t = getenv("TMPDIR");

		if (asprintf(&tmpl, "%s/ftui-write-XXXXXX", t && *t ? t : "/tmp") < 0)
			tmpl = NULL;
		fd = tmpl ? mkostemp(tmpl, O_CLOEXEC) : -1;
		if (fd >= 0)
			unlink(tmpl);
	}
	free(copy);
	free(tmpl);
	return fd;
}

/* Append n bytes to the temporary file; *off gets where they went.  Room
 * is taken under the lock, the bytes written outside it, so that CPUs fed
 * from threads of their own write at once. */
static int tmp_append(struct tracedat_writer *w, const void *data, size_t n, uint64_t *off)
{
	const uint8_t *p = data;
	uint64_t at;

	pthread_mutex_lock(&w->lock);
	if (w->tmp_fd < 0 && (w->tmp_fd = open_tmp(w)) < 0) {
		int e = errno;

		pthread_mutex_unlock(&w->lock);
		return wfail(w, "cannot create a temporary file: %s", strerror(e));
	}
	at = *off = w->tmp_size;
	w->tmp_size += n;
	pthread_mutex_unlock(&w->lock);
	while (n) {
		ssize_t r = pwrite(w->tmp_fd, p, n, (off_t)at);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return wfail(w, "temporary file: %s", r < 0 ? strerror(errno) : "short write");
		p += r;
		n -= (size_t)r;
		at += (uint64_t)r;
	}
	return 0;
}

/* Make npages pages at src into a chunk of the CPU at the end of the
 * temporary file. */
static int write_chunk(struct tracedat_writer *w, struct wbuffer *b, struct wcpu *c, const uint8_t *src,
		       uint32_t npages)
{
	uint32_t usize = npages * b->page_size;
	struct wseg seg = { .csize = usize, .usize = usize };
	int ret;

	if (c->nsegs == c->cap) {
		uint32_t cap = c->cap ? c->cap * 2 : 16;
		struct wseg *s = cap > c->cap ? realloc(c->segs, cap * sizeof(*s)) : NULL;

		if (!s)
			return wfail(w, "out of memory");
		c->segs = s;
		c->cap = cap;
	}
	if (w->comp != COMPRESSION_NONE) {
		long n;

		if (!c->cz && !(c->cz = compressor_new(w->comp)))
			return wfail(w, "out of memory");
		c->zbuf.len = 0;	/* the buffer is kept from chunk to chunk */
		n = compressor_run(c->cz, src, usize, &c->zbuf);
		if (n < 0)
			return wfail(w, "%s compression failed", compression_name(w->comp));
		seg.csize = (uint32_t)n;
		ret = tmp_append(w, c->zbuf.p, c->zbuf.len, &seg.off);
	} else {
		ret = tmp_append(w, src, usize, &seg.off);
	}
	if (ret)
		return -1;
	c->segs[c->nsegs++] = seg;
	return 0;
}

/* Make the CPU's pending pages into a chunk. */
static int flush_chunk(struct tracedat_writer *w, struct wbuffer *b, struct wcpu *c)
{
	if (!c->npending)
		return 0;
	if (write_chunk(w, b, c, c->pending, c->npending))
		return -1;
	c->npending = 0;
	return 0;
}

int wdata_add_page(struct tracedat_writer *w, struct wbuffer *b, int cpu, const void *page)
{
	struct wcpu *c = &b->cpus[cpu];

	if (!c->pending) {
		c->pending = malloc((size_t)b->chunk_pages * b->page_size);
		if (!c->pending)
			return wfail(w, "out of memory");
	}
	memcpy(c->pending + (size_t)c->npending * b->page_size, page, b->page_size);
	c->npending++;
	c->pages++;
	if (c->npending == b->chunk_pages)
		return flush_chunk(w, b, c);
	return 0;
}

int wdata_add_pages(struct tracedat_writer *w, struct wbuffer *b, int cpu, const uint8_t *pages, size_t n)
{
	struct wcpu *c = &b->cpus[cpu];

	while (n > 0) {
		/* whole chunks straight from the caller's memory, without a copy */
		if (c->npending == 0 && n >= b->chunk_pages) {
			if (write_chunk(w, b, c, pages, b->chunk_pages))
				return -1;
			c->pages += b->chunk_pages;
			pages += (size_t)b->chunk_pages * b->page_size;
			n -= b->chunk_pages;
			continue;
		}
		if (wdata_add_page(w, b, cpu, pages))
			return -1;
		pages += b->page_size;
		n--;
	}
	return 0;
}

int wdata_flush(struct tracedat_writer *w)
{
	for (int i = 0; i < w->nr_bufs; i++) {
		struct wbuffer *b = &w->bufs[i];

		for (int c = 0; c < b->nr_cpus; c++) {
			if (flush_chunk(w, b, &b->cpus[c]))
				return -1;
			free(b->cpus[c].pending);
			b->cpus[c].pending = NULL;
		}
	}
	return 0;
}

/* Copy n bytes at off of the temporary file to the output. */
static int copy_tmp(struct tracedat_writer *w, uint64_t off, uint64_t n, uint8_t *buf, size_t cap)
{
	while (n) {
		size_t want = n < cap ? (size_t)n : cap;
		ssize_t r = pread(w->tmp_fd, buf, want, (off_t)off);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return wfail(w, "temporary file: %s", r < 0 ? strerror(errno) : "unexpected end");
		if (w_write(w, buf, (size_t)r))
			return -1;
		off += (uint64_t)r;
		n -= (uint64_t)r;
	}
	return 0;
}

int wdata_copy_cpu(struct tracedat_writer *w, struct wbuffer *b, struct wcpu *c)
{
	size_t cap = 1U << 20;
	uint8_t *buf;
	uint8_t hdr[8];
	int ret = 0;

	if (w_align(w, b->page_size))
		return -1;
	c->out_off = w->pos;
	c->out_size = 0;
	if (!c->pages)
		return 0;
	buf = malloc(cap);
	if (!buf)
		return wfail(w, "out of memory");
	if (w->comp != COMPRESSION_NONE) {
		put_u32(hdr, c->nsegs, w->big_endian);
		ret = w_write(w, hdr, 4);
	}
	for (uint32_t i = 0; !ret && i < c->nsegs; i++) {
		if (w->comp != COMPRESSION_NONE) {
			put_u32(hdr, c->segs[i].csize, w->big_endian);
			put_u32(hdr + 4, c->segs[i].usize, w->big_endian);
			ret = w_write(w, hdr, 8);
		}
		if (!ret)
			ret = copy_tmp(w, c->segs[i].off, c->segs[i].csize, buf, cap);
	}
	free(buf);
	/* compressed: 4 + Σ(8 + csize), the size trace-cmd ≥ 3.2 writes */
	c->out_size = w->pos - c->out_off;
	return ret;
}

void wdata_free(struct tracedat_writer *w)
{
	for (int i = 0; i < w->nr_bufs; i++) {
		struct wbuffer *b = &w->bufs[i];

		for (int c = 0; c < b->nr_cpus; c++) {
			free(b->cpus[c].pending);
			free(b->cpus[c].segs);
			compressor_free(b->cpus[c].cz);
			db_free(&b->cpus[c].zbuf);
		}
		free(b->cpus);
		free(b->name);
		free(b->clock);
	}
	free(w->bufs);
	w->bufs = NULL;
	w->nr_bufs = 0;
	if (w->tmp_fd >= 0)
		close(w->tmp_fd);
	w->tmp_fd = -1;
}
