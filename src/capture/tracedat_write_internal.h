/* Shared by the tracedat_write*.c files; not part of the writer's contract. */
#ifndef FTUI_TRACEDAT_WRITE_INTERNAL_H
#define FTUI_TRACEDAT_WRITE_INTERNAL_H

#include "capture/tracedat_internal.h"
#include "capture/tracedat_write.h"

#include <pthread.h>
#include <stdatomic.h>

/* A growable byte buffer; after a failed allocation it stays empty and
 * marked oom, so a builder checks once at the end.  Its integers are in the
 * file's byte order: start one with DBUF(w). */
struct dbuf {
	uint8_t *p;
	size_t len, cap;
	bool oom;
	bool big_endian;	/* kept by db_free() */
};

#define DBUF(w) { .big_endian = (w)->big_endian }

void db_put(struct dbuf *b, const void *data, size_t n);
void db_u16(struct dbuf *b, uint16_t v);	/* in b->big_endian order */
void db_u32(struct dbuf *b, uint32_t v);
void db_u64(struct dbuf *b, uint64_t v);
void db_str(struct dbuf *b, const char *s);	/* with its NUL */
void db_free(struct dbuf *b);
void put_u32(uint8_t *p, uint32_t v, bool big_endian);
void put_u64(uint8_t *p, uint64_t v, bool big_endian);

/* Compression of v7 blocks: one zstd frame (no content size, as trace-cmd)
 * or one zlib stream (compress2 level 9). */
struct compressor;

struct compressor *compressor_new(enum compression c);
void compressor_free(struct compressor *c);
const char *compressor_version(enum compression c);
/* Append src compressed to out; returns the compressed size or -1. */
long compressor_run(struct compressor *c, const void *src, size_t n, struct dbuf *out);

struct wseg {			/* a chunk of a CPU's data in the temporary file */
	uint64_t off;
	uint32_t csize;		/* bytes in the temporary file (= usize when not compressed) */
	uint32_t usize;		/* bytes of pages */
};

struct wcpu {
	struct compressor *cz;	/* each CPU its own: CPUs may be fed from threads of their own */
	struct dbuf zbuf;	/* compressed chunk, reused */
	uint8_t *pending;	/* pages not yet made into a chunk */
	uint32_t npending;
	struct wseg *segs;
	uint32_t nsegs, cap;
	uint64_t pages;
	uint64_t out_off, out_size;	/* where the data went in the file */
};

struct wbuffer {
	char *name, *clock;
	uint32_t page_size;
	uint32_t chunk_pages;	/* pages per chunk: 10, fewer for huge pages */
	int nr_cpus;
	struct wcpu *cpus;
};

#define WRITE_OUTBUF (1U << 20)

struct tracedat_writer {
	char *path;
	int fd;
	uint64_t pos;		/* file offset of the next byte written */
	uint8_t *out;		/* write buffer: bytes from pos - out_len */
	size_t out_len;
	atomic_bool failed;
	char err[320];
	pthread_mutex_t lock;	/* err, and the temporary file's end (tmp_fd, tmp_size) */

	int version;
	bool big_endian;	/* every integer the writer makes; pages come as they are */
	enum compression comp;
	struct compressor *cz;	/* for the metadata sections */

	int tmp_fd;		/* chunks of every CPU, -1 until the first one */
	uint64_t tmp_size;

	struct wbuffer *bufs;
	int nr_bufs;

	/* kept from the metadata */
	uint32_t page_size;
	int cpus;
	char *clock_text;	/* "[clock] ..." for v7 TRACECLOCK, NULL for none */
	char *clock_name;	/* the clock in brackets, NULL for none */
	char *uname;
	int64_t ts_offset;
	uint32_t tsc2nsec_mult, tsc2nsec_shift;
	struct dbuf hostguest;	/* TRACEID, TIME_SHIFT and GUEST options, laid out */

	/* The saved cmdlines, written at close (tracedat_writer_set_cmdlines()
	 * may replace them until then): v6 as the last metadata block, v7 as
	 * the CMDLINES section just before OPTIONS #1. */
	struct metadata_blob cmdlines;

	struct dbuf strings;	/* v7 section descriptions */
	uint64_t first_options_patch;	/* v7: the file header's first-options u64 */
	uint64_t meta_sec[OPT_CMDLINES + 1];	/* v7: metadata section offsets */
	uint64_t next_options_patch;	/* v7: where the last DONE's u64 is */
};

int wfail(struct tracedat_writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int w_write(struct tracedat_writer *w, const void *data, size_t n);
int w_zeros(struct tracedat_writer *w, size_t n);
int w_align(struct tracedat_writer *w, uint32_t align);
int w_flush(struct tracedat_writer *w);
/* Overwrite bytes already written (flushes first). */
int w_patch(struct tracedat_writer *w, uint64_t off, const void *data, size_t n);
int w_patch_u64(struct tracedat_writer *w, uint64_t off, uint64_t v);

/* tracedat_write_data.c: pages to chunks in the temporary file, and back out */
int wdata_add_page(struct tracedat_writer *w, struct wbuffer *b, int cpu, const void *page);
int wdata_add_pages(struct tracedat_writer *w, struct wbuffer *b, int cpu, const uint8_t *pages, size_t n);
int wdata_flush(struct tracedat_writer *w);
/* Align to the buffer's page size, then write the CPU's data as v6 / raw v7
 * pages or v7 chunks; sets out_off and out_size. */
int wdata_copy_cpu(struct tracedat_writer *w, struct wbuffer *b, struct wcpu *c);
void wdata_free(struct tracedat_writer *w);

/* tracedat_write_layout.c: the parts that follow the metadata */
/* tracedat_write_hostguest.c: lay out w->hostguest from m */
int whostguest_build(struct tracedat_writer *w, const struct tracedat_meta *m);

int wlayout_v7_open(struct tracedat_writer *w, const struct tracedat_meta *m);
int wlayout_v7_close(struct tracedat_writer *w);
int wlayout_v6_open(struct tracedat_writer *w, const struct tracedat_meta *m);
int wlayout_v6_close(struct tracedat_writer *w);

#endif
