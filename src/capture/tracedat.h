/* The trace.dat reader: file versions 6 and 7, compressed with zstd, zlib or
 * not at all, any number of buffers (instances).
 *
 * tracedat_open() parses the headers, the metadata and the options, and locates
 * every buffer's per-CPU ring-buffer data; it decodes no events.  The pages are
 * read on demand through a tracedat_pages handle: v6 and uncompressed v7 data
 * straight from the memory-mapped file, compressed v7 data one chunk at a time
 * into a small per-CPU cache.
 */
#ifndef FTUI_TRACEDAT_H
#define FTUI_TRACEDAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/decompress.h"
#include "capture/timeshift.h"

struct tep_handle;
struct tep_plugin_list;

struct tracedat_chunk {		/* one compressed chunk of a CPU's pages */
	uint64_t file_off;	/* where its compressed bytes start */
	uint32_t csize;
	uint32_t usize;
	uint64_t ustart;	/* offset of its first byte in the CPU's page data */
};

struct tracedat_cpu {
	uint64_t offset;	/* file offset of the CPU's data */
	uint64_t size;		/* bytes in the file (as the file says) */
	uint64_t data_size;	/* bytes of page data, after decompression */
	uint32_t nr_chunks;	/* 0 for uncompressed data */
	struct tracedat_chunk *chunks;
	bool truncated;		/* the file ends inside this CPU's data */
};

struct tracedat_buffer {
	char *name;		/* "" for the top-level buffer */
	char *clock;		/* trace clock, "" if unknown */
	uint32_t page_size;	/* ring-buffer sub-buffer size */
	bool compressed;
	int nr_cpus;		/* slots in cpus[] (highest CPU with data + 1, or the CPU count) */
	struct tracedat_cpu *cpus;
};

struct metadata_blob {		/* a metadata text, kept to parse into more tep handles */
	char *system;		/* for event formats */
	char *data;		/* NUL-terminated copy */
	size_t size;
	bool unsafe;		/* a format libtraceevent's parser crashes on: skipped */
};

struct tracedat {
	char *path;
	int fd;
	const uint8_t *map;	/* the whole file, read-only */
	size_t map_size;

	int version;		/* 6 or 7 */
	bool big_endian;
	int file_long_size;	/* user-space long of the recorder (file header) */
	int kernel_long_size;	/* from header_page: what ring-buffer pages use */
	uint32_t page_size;	/* file header page size */
	enum compression compression;
	char *compression_version;
	bool old_format;	/* header_page was empty */

	int cpus;		/* what `trace-cmd report` prints as cpus= */
	struct tracedat_buffer *buffers;	/* top-level buffer first, when present */
	int nr_buffers;
	bool has_top_buffer;

	struct ts_adjust ts;	/* ts.tsync points at time_shift when the file has one */
	struct ts_shift time_shift;	/* TIME_SHIFT: this is a guest's trace */
	bool has_time_shift;
	uint64_t trace_id;	/* TRACEID */
	bool has_trace_id;
	struct tracedat_guest *guests;	/* GUEST options: this is a host's trace */
	int nr_guests;
	bool in_usecs;		/* trace-cmd prints s.us (else raw clock counts) */
	char *clock;		/* trace clock of the top buffer, "" if unknown */
	bool clock_option;	/* the file has a TRACECLOCK option (report --ts-diff rounds then) */

	char *uname;
	char *recorder_version;
	char *cpustats;		/* concatenated CPUSTAT options */
	char *latency_text;	/* latency tracer output (no buffers then) */
	size_t latency_size;

	/* metadata, parsed into tep and kept for more handles */
	struct metadata_blob header_page;
	struct metadata_blob *formats;	/* ftrace formats first, system "ftrace" */
	int nr_formats;
	struct metadata_blob kallsyms, printk, cmdlines;

	struct tep_handle *tep;
	struct tep_plugin_list *plugins;
	int format_failures;	/* formats libtraceevent could not parse */
	char warning[256];	/* a non-fatal problem worth telling the user */
};

/* Open and parse a trace.dat.  On error returns NULL and writes one line
 * naming the problem into err. */
struct tracedat *tracedat_open(const char *path, char *err, size_t errlen);
void tracedat_close(struct tracedat *td);

/* A fresh tep handle with plugins and every metadata block of the file parsed
 * into it, for a second thread.  Free with tracedat_tep_free(). */
struct tep_handle *tracedat_tep_new(struct tracedat *td, struct tep_plugin_list **plugins);
void tracedat_tep_free(struct tep_handle *tep, struct tep_plugin_list *plugins);

/* Index of the buffer called name, or -1. */
int tracedat_find_buffer(const struct tracedat *td, const char *name);

/* Pages of one buffer's CPU (0 when the CPU has no data). */
uint64_t tracedat_cpu_pages(const struct tracedat *td, int buf, int cpu);

/* Per-thread access to pages, with a decompressed-chunk cache per CPU. */
struct tracedat_pages;

struct tracedat_pages *tracedat_pages_new(struct tracedat *td);
void tracedat_pages_free(struct tracedat_pages *p);

/* Readable bytes after every page tracedat_page() returns, with a NUL among
 * them: more than any event format can reach past a record (16-bit dynamic
 * offsets and lengths), so decoding a corrupt record never faults. */
#define TRACEDAT_PAGE_SLACK (256U << 10)

/* Page idx of (buf, cpu): page_size bytes, followed by TRACEDAT_PAGE_SLACK
 * readable bytes.  Valid until the next call for the same (buf, cpu).  NULL
 * when the page cannot be read (truncated file, corrupt chunk). */
const void *tracedat_page(struct tracedat_pages *p, int buf, int cpu, uint64_t idx);

/* The timestamp corrections of buffer buf: TIME_SHIFT applies to the
 * top-level buffer only (trace-cmd drops it for instances). */
struct ts_adjust tracedat_buffer_adjust(const struct tracedat *td, int buf);

#endif
