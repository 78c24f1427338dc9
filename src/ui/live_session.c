#include "ui/live_session.h"
#include "capture/live.h"
#include "capture/reader.h"
#include "capture/tracedat_write.h"

#include <event-parse.h>
#include <fcntl.h>
#include <kbuffer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tracefs.h>
#include <unistd.h>

/* For the crash handler: the instance's tracing_on, to stop tracing. */
static char crash_tracing_on[512];

void live_session_crash_cleanup(void)
{
	int fd;

	if (!crash_tracing_on[0])
		return;
	fd = open(crash_tracing_on, O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "0", 1) < 0)
			(void)0;
		close(fd);
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct tracedat_writer *live_writer_open(const struct live *l, const char *path, int version, enum compression c,
					 char *err, size_t errlen)
{
	struct live_meta_texts t;
	struct tracedat_meta m = { 0 };
	struct tracedat_write_opts wo = { .version = version, .compression = version == 6 ? COMPRESSION_NONE : c };
	struct tracedat_writer *w;

	live_read_texts(l, &t);
	m.big_endian = l->big_endian;
	m.file_long_size = (int)sizeof(long);
	m.page_size = (uint32_t)l->page_size;
	m.header_page = &l->header_page;
	m.formats = l->formats;
	m.nr_formats = l->nr_formats;
	m.kallsyms = &t.kallsyms;
	m.printk = &t.printk;
	m.cmdlines = &t.cmdlines;
	m.trace_clock = t.trace_clock;
	m.uname = t.uname;
	m.cpus = l->nr_cpus;
	w = tracedat_writer_open(path, &wo, &m, err, errlen);
	if (w && tracedat_writer_add_buffer(w, "", l->clock, (uint32_t)l->page_size, l->nr_cpus) < 0) {
		snprintf(err, errlen, "%s", tracedat_writer_error(w));
		tracedat_writer_abort(w);
		w = NULL;
	}
	live_free_texts(&t);
	return w;
}

static int make_store(struct live_session *ls)
{
	struct live *l = ls->l;
	struct store_layout layout = { .big_endian = l->big_endian, .long_size = l->long_size };

	if (store_layout_from_tep(&layout, l->tep))
		return -1;
	ls->ss.store = store_new(&layout);
	ls->stream_of_cpu = malloc((size_t)l->nr_cpus * sizeof(int));
	if (!ls->ss.store || !ls->stream_of_cpu || store_add_buffer(ls->ss.store, "", (uint32_t)l->page_size, NULL) < 0)
		return -1;
	for (int cpu = 0; cpu < l->nr_cpus; cpu++)
		ls->stream_of_cpu[cpu] = l->cpus[cpu] ? store_add_stream(ls->ss.store, 0, cpu) : -1;
	ls->pool = pagepool_new((uint32_t)l->page_size, ls->ss.store->nr_streams);
	if (!ls->pool)
		return -1;
	ls->pool_src.pp = ls->pool;
	ls->pool_src.stream_of_cpu = ls->stream_of_cpu;
	ls->pool_src.nr_cpus = l->nr_cpus;
	pagepool_source(&ls->pool_src, &ls->ss.src);
	ls->ss.tep = l->tep;
	ls->ss.in_usecs = true;
	ls->kb = store_kbuffer_new(ls->ss.store);
	return ls->kb && !store_pos_init(&ls->fed, ls->ss.store, 0) ? 0 : -1;
}

int live_session_open(struct live_session *ls, struct live_args *a, char *err, size_t errlen)
{
	memset(ls, 0, sizeof(*ls));
	ls->l = live_open(&a->opts, err, errlen);
	if (!ls->l)
		return -1;
	snprintf(crash_tracing_on, sizeof(crash_tracing_on), "%s/instances/%s/tracing_on", tracefs_tracing_dir(),
		 ls->l->name);
	if (make_store(ls)) {
		snprintf(err, errlen, "out of memory");
		live_session_close(ls, NULL, 0);
		return -1;
	}
	ls->stats = taskstats_new(ls->l->tep, ls->l->nr_cpus);
	ls->budget = (size_t)(a->memory_mb > 0 ? a->memory_mb : 256) << 20;
	ls->output = a->output;
	if (a->output)
		ls->w = live_writer_open(ls->l, a->output, a->file_version, a->compression, err, errlen);
	if (!ls->stats || (a->output && !ls->w)) {
		if (!ls->stats)
			snprintf(err, errlen, "out of memory");
		live_session_close(ls, NULL, 0);
		return -1;
	}
	/* a queue as large as the memory budget: pages wait there while the
	 * screen or the compression is busy, instead of in the kernel */
	ls->reader = reader_start(ls->l, ls->budget);
	if (!ls->reader) {
		snprintf(err, errlen, "cannot start the capture threads");
		live_session_close(ls, NULL, 0);
		return -1;
	}
	ls->started = now_s();
	return 0;
}

static void on_page(void *ctx, int cpu, const void *page);

static void write_page(void *ctx, int cpu, const void *page)
{
	struct live_session *ls = ctx;

	tracedat_writer_add_page(ls->w, 0, cpu, page);
}

int live_session_close(struct live_session *ls, char *err, size_t errlen)
{
	int ret = 0;

	reader_stop(ls->reader);	/* the capture is the main thread's again */
	if (ls->l && ls->w) {
		/* what is queued or still in the kernel's buffers goes into the
		 * file; nothing needs indexing any more */
		live_stop(ls->l);
		if (ls->reader)
			reader_take(ls->reader, write_page, ls);
		live_read(ls->l, false, write_page, ls);
		live_read(ls->l, true, write_page, ls);
	}
	reader_free(ls->reader);
	live_close(ls->l);
	crash_tracing_on[0] = '\0';
	if (ls->w) {
		struct metadata_blob cmdlines = { 0 };
		char buf[512];

		/* tasks born during the capture have their comms by now */
		if (live_read_cmdlines(&cmdlines) == 0)
			tracedat_writer_set_cmdlines(ls->w, &cmdlines);
		free(cmdlines.data);
		ret = tracedat_writer_close(ls->w, err ? err : buf, err ? errlen : sizeof(buf));
	}
	for (int i = 0; i < ls->nr_history; i++)
		taskstats_interval_free(ls->history[i]);
	taskstats_free(ls->stats);
	store_pos_done(&ls->fed);
	store_kbuffer_free(ls->kb);
	pagepool_free(ls->pool);
	store_free(ls->ss.store);
	free(ls->stream_of_cpu);
	memset(ls, 0, sizeof(*ls));
	return ret;
}

static void on_page(void *ctx, int cpu, const void *page)
{
	struct live_session *ls = ctx;
	int stream = cpu < ls->l->nr_cpus ? ls->stream_of_cpu[cpu] : -1;
	int64_t no;

	if (stream < 0)
		return;
	no = pagepool_add(ls->pool, stream, page);
	if (no >= 0)
		store_add_page(ls->ss.store, stream, ls->kb, (uint64_t)no, pagepool_get(ls->pool, stream, (uint64_t)no));
	if (ls->w)
		tracedat_writer_add_page(ls->w, 0, cpu, page);
	ls->pages++;
}

/* Give the new events, in time order, to the task statistics. */
static void feed(struct live_session *ls)
{
	const struct store *s = ls->ss.store;
	struct tep_record rec;
	int stream;
	uint64_t index;

	for (int i = 0; i < ls->fed.nr; i++)
		if (ls->fed.pos[i] < s->streams[i].base)
			ls->fed.pos[i] = s->streams[i].base;
	while (store_pos_next(&ls->fed, s, &stream, &index)) {
		const struct store_event *e = store_event_at(s, stream, index);

		if (!ls->first_ts)
			ls->first_ts = e->ts;
		if (e->ts > ls->last_ts)
			ls->last_ts = e->ts;
		ls->events_total++;
		if (store_record(s, &ls->ss.src, stream, index, &rec))
			taskstats_event(ls->stats, s->streams[stream].cpu, e->ts, &rec, e->type);
	}
}

/* Bytes the capture holds: pages and their index. */
static size_t used(const struct live_session *ls)
{
	const struct store *s = ls->ss.store;
	size_t n = 0;

	for (int i = 0; i < s->nr_streams; i++)
		n += s->streams[i].nr_pages * (ls->l->page_size + sizeof(struct store_page)) +
		     s->streams[i].nr_ev * sizeof(struct store_event);
	return n;
}

/* Over budget: drop a quarter of the pages of the stream that reaches
 * furthest back. */
static void evict(struct live_session *ls)
{
	struct store *s = ls->ss.store;

	while (used(ls) > ls->budget) {
		int oldest = -1;
		uint64_t oldest_ts = UINT64_MAX;
		size_t k;

		for (int i = 0; i < s->nr_streams; i++) {
			const struct store_stream *st = &s->streams[i];

			if (st->nr_pages > 1 && st->nr_ev && st->ev[0].ts < oldest_ts) {
				oldest = i;
				oldest_ts = st->ev[0].ts;
			}
		}
		if (oldest < 0)
			return;
		k = s->streams[oldest].nr_pages / 4 ? s->streams[oldest].nr_pages / 4 : 1;
		pagepool_evict(ls->pool, oldest, s->streams[oldest].pages[k].page);
		store_evict_pages(s, oldest, k);
	}
}

int live_session_poll(struct live_session *ls)
{
	int n = reader_take(ls->reader, on_page, ls);	/* the session never runs without its reader */

	if (n < 0)
		return -1;
	feed(ls);
	evict(ls);
	return n;
}

const struct task_interval *live_session_cut(struct live_session *ls)
{
	struct task_interval *iv = taskstats_cut(ls->stats, ls->last_ts);

	if (!iv)
		return NULL;
	if (ls->nr_history == LIVE_HISTORY) {
		taskstats_interval_free(ls->history[0]);
		memmove(ls->history, ls->history + 1, (LIVE_HISTORY - 1) * sizeof(ls->history[0]));
		ls->nr_history--;
	}
	ls->history[ls->nr_history++] = iv;
	return iv;
}

uint64_t live_session_lost(const struct live_session *ls)
{
	uint64_t lost = 0;

	for (int cpu = 0; cpu < ls->l->nr_cpus; cpu++)
		if (ls->l->cpus[cpu])
			lost += live_lost(ls->l, cpu);
	/* pages the queue had no room for hold events too: count them as lost
	 * pages (their events are not known) */
	return lost + (ls->reader ? reader_dropped(ls->reader) : 0);
}

size_t live_session_memory(const struct live_session *ls)
{
	return pagepool_memory(ls->pool) + store_memory(ls->ss.store);
}

int live_session_save(struct live_session *ls, const char *path, double seconds, char *err, size_t errlen)
{
	const struct store *s = ls->ss.store;
	uint64_t from = ls->last_ts > (uint64_t)(seconds * 1e9) ? ls->last_ts - (uint64_t)(seconds * 1e9) : 0;
	struct tracedat_writer *w = live_writer_open(ls->l, path, 7, COMPRESSION_ZSTD, err, errlen);

	if (!w)
		return -1;
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		for (size_t p = 0; p < st->nr_pages; p++) {
			const struct store_event *last = store_event_at(s, i, p + 1 < st->nr_pages ? st->pages[p + 1].first - 1
										   : st->base + st->nr_ev - 1);
			const void *page = pagepool_get(ls->pool, i, st->pages[p].page);

			if (page && (!last || last->ts >= from))
				tracedat_writer_add_page(w, 0, st->cpu, page);
		}
	}
	return tracedat_writer_close(w, err, errlen);
}
