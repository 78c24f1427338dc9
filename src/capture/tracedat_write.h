/* The trace.dat writer: file versions 6 and 7, v7 compressed with zstd, zlib
 * or not at all, any number of buffers (instances), little or big endian.
 *
 * The metadata (struct tracedat_meta) is written when the file is opened,
 * except the saved cmdlines: they are written at close, and
 * tracedat_writer_set_cmdlines() may replace them until then (a recording
 * reads saved_cmdlines at its end, as trace-cmd does).  Pages then stream in with tracedat_writer_add_page() in any order of CPUs and
 * buffers (as a live capture delivers them): each CPU's pages are gathered in
 * chunks of up to 10 pages, compressed at once when the file is compressed,
 * and kept in one temporary file next to the output.  tracedat_writer_close()
 * lays every CPU's data out contiguously and writes the options that point at
 * it.  What trace-cmd 3.1.6 and KernelShark read (except zlib, which Debian's
 * trace-cmd cannot decompress), laid out as `trace-cmd record` does (see
 * tracedat-format.md §4, §5.10 and §12).
 *
 * Every integer the writer makes is in the file's byte order; the pages are
 * written as given, so they must already be in that order (see
 * capture/convert.h to turn little-endian pages into big-endian ones).
 */
#ifndef FTUI_TRACEDAT_WRITE_H
#define FTUI_TRACEDAT_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/decompress.h"
#include "capture/tracedat.h"

/* Everything but the events.  Nothing here is kept after tracedat_writer_open()
 * returns: the caller may free it then. */
struct tracedat_meta {
	bool big_endian;		/* the file's byte order, which the pages must have */
	int file_long_size;		/* 4 or 8: user-space long of the recorder */
	uint32_t page_size;		/* file header page size (top buffer's sub-buffer size) */
	const struct metadata_blob *header_page;	/* text of events/header_page; NULL or empty for old kernels */
	const struct metadata_blob *formats;	/* system "ftrace" for ftrace events, else the system */
	int nr_formats;
	const struct metadata_blob *kallsyms, *printk, *cmdlines;	/* may be NULL or empty */
	/* (cmdlines is copied: tracedat_writer_set_cmdlines() may replace it) */
	/* The trace_clock text with the selected clock in brackets ("[local]
	 * global counter ...", "[mono]"), or just a clock name ("mono").  NULL or
	 * "" writes no TRACECLOCK option (then the buffers' clocks name it). */
	const char *trace_clock;
	const char *uname;		/* may be NULL */
	int cpus;			/* CPU count of the recording machine */
	/* Timestamp corrections, as read by tracedat_open() (0 for none):
	 * ts_offset becomes a DATE option (µs) when it is a whole number of µs,
	 * else an OFFSET option (ns); tsc2nsec_mult != 0 a TSC2NSEC option. */
	int64_t ts_offset;
	uint32_t tsc2nsec_mult, tsc2nsec_shift;
	/* Host and guest (written when set): the file's TRACEID, a guest's
	 * TIME_SHIFT (samples sorted by time), a host's GUEST options. */
	bool has_trace_id;
	uint64_t trace_id;
	const struct ts_shift *time_shift;	/* NULL for none */
	const struct tracedat_guest *guests;
	int nr_guests;
};

/* Fill m from an open file; the pointers stay valid while td is open.  A clock
 * that came only from a v7 BUFFER option (no TRACECLOCK option: trace-cmd then
 * prints raw counts as µs) is left out of trace_clock, so that a rewritten
 * file prints the same. */
void tracedat_meta_from_file(const struct tracedat *td, struct tracedat_meta *m);

struct tracedat_write_opts {
	int version;			/* 6 or 7 */
	enum compression compression;	/* v7 only; must be COMPRESSION_NONE for v6 */
};

struct tracedat_writer;

/* Create path and write the file header and the metadata.  On error returns
 * NULL with one line in err. */
struct tracedat_writer *tracedat_writer_open(const char *path, const struct tracedat_write_opts *o,
					     const struct tracedat_meta *m, char *err, size_t errlen);

/* Declare a buffer: name "" is the top-level buffer and, when there is one,
 * must be added first.  clock is the buffer's trace clock (NULL or "" for the
 * one in trace_clock, or "local"); page_size its sub-buffer size (v6 needs the
 * file header's); nr_cpus its CPU slots.  Returns the buffer index, or -1 on
 * error (see tracedat_writer_error()). */
int tracedat_writer_add_buffer(struct tracedat_writer *w, const char *name, const char *clock, uint32_t page_size,
			       int nr_cpus);

/* Append one page (the buffer's page_size bytes, in the file's byte order) to
 * a CPU of a buffer.
 * Returns 0, or -1 on error (the writer keeps the message; later calls fail
 * too and tracedat_writer_close() reports it). */
int tracedat_writer_add_page(struct tracedat_writer *w, int buffer, int cpu, const void *page);
/* The same for n consecutive pages of a CPU (whole chunks are compressed
 * straight from them, without a copy).
 * Threads: these two may run at once from several threads, as long as each
 * CPU of each buffer is fed by one thread at a time (a capture thread per
 * CPU); every other call must come when no page is being added. */
int tracedat_writer_add_pages(struct tracedat_writer *w, int buffer, int cpu, const void *pages, size_t n);

/* Replace the saved cmdlines (the text of tracefs saved_cmdlines; NULL or
 * empty for none), any time before tracedat_writer_close(), which writes the
 * last ones given.  The text is copied.  Returns 0, or -1 on error. */
int tracedat_writer_set_cmdlines(struct tracedat_writer *w, const struct metadata_blob *cmdlines);

/* The first error so far, "" if none. */
const char *tracedat_writer_error(const struct tracedat_writer *w);

/* Finish the file.  Frees w even on error; on error the output file is
 * removed and err holds one line.  Returns 0 or -1. */
int tracedat_writer_close(struct tracedat_writer *w, char *err, size_t errlen);

/* Drop a writer without finishing its file (which is removed). */
void tracedat_writer_abort(struct tracedat_writer *w);

#endif
