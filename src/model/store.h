/* The event store: every event of a trace, per CPU and in time order, as a
 * 16-byte record (timestamp, event id, pid, where the raw record lives).
 *
 * Events come in as ring-buffer pages, from a trace.dat (model/load.c) or
 * from live tracefs capture; the store keeps only the index and asks its page
 * source for the raw bytes when an event must be decoded.  A stream is one
 * CPU of one buffer (instance).  Streams are independent, so several threads
 * may index different streams at once.
 *
 * Live capture appends pages as they arrive and evicts the oldest ones when
 * the store is over its memory budget.
 *
 * This contract -- a fixed 16-byte index, raw bytes decoded on demand, the
 * same calls for a file and for live pages -- is what keeps memory per
 * event small and lets every view run on a file or a live capture alike.
 */
#ifndef FTUI_STORE_H
#define FTUI_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/timeshift.h"

struct tep_handle;
struct kbuffer;

struct store_event {
	uint64_t ts;		/* adjusted timestamp (what is printed) */
	int32_t pid;		/* common_pid */
	uint16_t type;		/* common_type: the event id */
	uint16_t off4;		/* record offset in its page, divided by 4 */
};

struct store_page {		/* 16 bytes */
	uint64_t first;		/* stream index of the page's first event */
	uint32_t page : 31;	/* the source's page number */
	uint32_t missed_shown : 1;	/* trace-cmd reports the loss (the page starts with a data record) */
	int32_t missed;		/* events lost before this page: 0, a count, or -1 (unknown) */
};

struct store_stream {
	int buffer;		/* index into the source's buffers */
	int cpu;
	uint64_t base;		/* stream index of ev[0]: events evicted so far */
	struct store_event *ev;
	size_t nr_ev, cap_ev;
	struct store_page *pages;
	size_t nr_pages, cap_pages;
	uint64_t lost;		/* lost events with a known count */
	uint64_t lost_unknown;	/* pages that lost an unknown number of events */
	uint64_t bad_pages;	/* pages that could not be read or parsed */
	size_t page_hint;	/* the page store_page_of() found last: reads go in order */
};

/* How raw ring-buffer bytes are laid out: from the file or the live system. */
struct store_layout {
	bool big_endian;
	int long_size;		/* kernel long: 4 or 8 */
	bool old_format;
	uint32_t type_off, type_size;	/* common_type in a record */
	uint32_t pid_off, pid_size;	/* common_pid */
};

/* Where the store gets a page's bytes (page_size bytes, then readable slack:
 * see TRACEDAT_PAGE_SLACK). */
struct store_source {
	const void *(*page)(void *ctx, int buffer, int cpu, uint64_t page);
	void *ctx;
};

struct store_buffer {
	char *name;		/* "" for the top-level buffer */
	uint32_t page_size;
	struct ts_adjust adj;	/* raw timestamp to the printed one */
};

struct store {
	struct store_layout layout;
	struct store_buffer *buffers;
	int nr_buffers;
	struct store_stream *streams;	/* ordered by buffer, then CPU */
	int nr_streams;
};

struct store *store_new(const struct store_layout *layout);
void store_free(struct store *s);

/* Fill the layout's common_type/common_pid place from any event format. */
int store_layout_from_tep(struct store_layout *layout, struct tep_handle *tep);

/* adj: the buffer's timestamp corrections (copied; its tsync must outlive
 * the store), NULL for none. */
int store_add_buffer(struct store *s, const char *name, uint32_t page_size, const struct ts_adjust *adj);
/* Add the stream of (buffer, cpu); returns its index or -1. */
int store_add_stream(struct store *s, int buffer, int cpu);
int store_find_stream(const struct store *s, int buffer, int cpu);

/* A page walker, one per thread. */
struct kbuffer *store_kbuffer_new(const struct store *s);
void store_kbuffer_free(struct kbuffer *kb);

/* Index one page of a stream: append its events.  Returns the number of
 * events added, or -1 if the page is corrupt (it is counted and skipped). */
int store_add_page(struct store *s, int stream, struct kbuffer *kb, uint64_t page_no, const void *page);

/* Give back the memory that growing the arrays reserved (after a file load). */
void store_trim(struct store *s);

/* Drop the oldest pages of a stream, up to (not including) page index keep. */
void store_evict_pages(struct store *s, int stream, size_t keep);
/* Drop a stream's events before ts, and the pages that hold nothing after
 * it: the page that holds ts stays, without its earlier events in the
 * index (live eviction cuts every CPU at the same time).  Returns the
 * source page number of the first page still held, or UINT64_MAX when none
 * is. */
uint64_t store_evict_before(struct store *s, int stream, uint64_t ts);
size_t store_memory(const struct store *s);
uint64_t store_nr_events(const struct store *s);

/* Stream index of the first event at or after ts (nr_ev + base if none). */
uint64_t store_find_time(const struct store *s, int stream, uint64_t ts);
/* Events of a stream in [from, to). */
uint64_t store_count_range(const struct store *s, int stream, uint64_t from, uint64_t to);
const struct store_event *store_event_at(const struct store *s, int stream, uint64_t index);
/* The page record holding event index, or NULL. */
const struct store_page *store_page_of(const struct store *s, int stream, uint64_t index);

/* A decoded raw record: payload pointer and size, as libtraceevent wants. */
struct store_raw {
	const void *data;
	int size;		/* payload bytes */
	int record_size;	/* with the record header */
};

/* Read the raw record of event index through src.  Returns 0 or -1. */
int store_read_raw(const struct store *s, const struct store_source *src, int stream, uint64_t index,
		   struct store_raw *raw);

/* Fill a libtraceevent record for event index of stream (its data points
 * into the page, valid until the source reads another page of that CPU).
 * missed_events is set on the first event of a page that lost events, as
 * trace-cmd sets it.  false if the bytes cannot be read. */
struct tep_record;
bool store_record(const struct store *s, const struct store_source *src, int stream, uint64_t index,
		  struct tep_record *rec);

/* Events lost just before event index, where trace-cmd reports them (the
 * first event of a page that lost events and starts with a data record):
 * 0 none, a count, or -1 (an unknown number).  What store_record() puts in
 * missed_events; the event list shows it as a DROPPED row. */
int32_t store_missed_before(const struct store *s, int stream, uint64_t index);

/* Iterate all streams merged in time order.  Ties go to the lower stream
 * (top-level buffer first, then lower CPU), as `trace-cmd report` does. */
struct store_iter {
	const struct store *s;
	int *heap;		/* stream indices, earliest head first */
	int nr_heap;
	uint64_t *pos;		/* next index per stream */
	uint64_t *end;		/* end index per stream */
};

int store_iter_init(struct store_iter *it, const struct store *s, uint64_t from_ts, uint64_t to_ts);
/* From per-stream indices pos[0 .. nr_streams) (clamped to the events kept;
 * UINT64_MAX leaves a stream out) to each stream's last event: the events
 * added since an earlier pass stopped there. */
int store_iter_init_at(struct store_iter *it, const struct store *s, const uint64_t *pos);
void store_iter_done(struct store_iter *it);
/* The next event; false at the end. */
bool store_iter_next(struct store_iter *it, int *stream, uint64_t *index);
/* The event that comes next among the streams of one buffer (ties to the
 * lower CPU), without stepping; false if that buffer has no more. */
bool store_iter_peek(const struct store_iter *it, int buffer, int *stream, uint64_t *index);
/* Step over the next event of one stream, wherever it is in the merged order
 * (a record consumed along with another, like a function-graph leaf's exit). */
void store_iter_skip(struct store_iter *it, int stream);

/* A position in the merged sequence that steps both ways (for lists). */
struct store_pos {
	int nr;
	uint64_t *pos;		/* per stream: index of its next event */
};

int store_pos_init(struct store_pos *p, const struct store *s, uint64_t ts);
void store_pos_done(struct store_pos *p);
int store_pos_copy(struct store_pos *dst, const struct store_pos *src);
/* Move to the first event at or after ts. */
void store_pos_seek(struct store_pos *p, const struct store *s, uint64_t ts);
/* The event a forward step would return, without stepping. */
bool store_pos_peek(const struct store_pos *p, const struct store *s, int *stream, uint64_t *index);
bool store_pos_next(struct store_pos *p, const struct store *s, int *stream, uint64_t *index);
bool store_pos_prev(struct store_pos *p, const struct store *s, int *stream, uint64_t *index);

#endif
