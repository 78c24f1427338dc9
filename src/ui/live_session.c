#include "ui/live_session.h"
#include "capture/live.h"
#include "capture/livewriter.h"
#include "capture/reader.h"
#include "capture/tracedat_write.h"

#include <event-parse.h>
#include <fcntl.h>
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

#define FEED_LAG_NS (200ULL * 1000000)	/* see feed() */
#define FEED_QUIET_S 0.3

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
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
	/* blocks small enough that every CPU's last block fits in an eighth of
	 * the budget: eviction frees whole blocks */
	ls->pool = pagepool_new((uint32_t)l->page_size, ls->ss.store->nr_streams,
				ls->budget / 8 / (size_t)(ls->ss.store->nr_streams ? ls->ss.store->nr_streams : 1));
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
	ls->budget = (size_t)(a->memory_mb > 0 ? a->memory_mb : 256) << 20;
	if (make_store(ls)) {
		snprintf(err, errlen, "out of memory");
		live_session_close(ls, NULL, 0);
		return -1;
	}
	ls->stats = taskstats_new(ls->l->tep, ls->l->nr_cpus);
	ls->output = a->output;
	/* before any thread runs: the writer is a process of its own */
	if (a->output)
		ls->out = livewriter_start(ls->l, a->output, a->file_version, a->compression, err, errlen);
	if (!ls->stats || (a->output && !ls->out)) {
		if (!ls->stats)
			snprintf(err, errlen, "out of memory");
		live_session_close(ls, NULL, 0);
		return -1;
	}
	/* pages wait in the queue while the screen is busy, instead of in the
	 * kernel; it counts in the budget (eviction makes room for it), and
	 * holds at most a quarter of it */
	ls->reader = reader_start(ls->l, ls->budget / 4);
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

	livewriter_add_page(ls->out, cpu, page);
}

int live_session_close(struct live_session *ls, char *err, size_t errlen)
{
	int ret = 0;

	reader_stop(ls->reader);	/* the capture is the main thread's again */
	if (ls->l && ls->out) {
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
	if (ls->out) {
		char buf[512];

		ret = livewriter_finish(ls->out, err ? err : buf, err ? errlen : sizeof(buf));
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
	if (ls->out)
		livewriter_add_page(ls->out, cpu, page);
	ls->pages++;
}

/* Give the new events, in time order, to the task statistics: those before
 * the horizon (FEED_LAG_NS before the newest), and all before `until`
 * (eviction is about to take them). */
static void feed(struct live_session *ls, uint64_t until)
{
	const struct store *s = ls->ss.store;
	struct tep_record rec;
	int stream;
	uint64_t index;

	uint64_t newest = 0, horizon;

	for (int i = 0; i < ls->fed.nr; i++) {
		const struct store_stream *st = &s->streams[i];

		if (ls->fed.pos[i] < st->base)
			ls->fed.pos[i] = st->base;
		if (st->nr_ev && st->ev[st->nr_ev - 1].ts > newest)
			newest = st->ev[st->nr_ev - 1].ts;
	}
	/* Each CPU's pages come from its own thread, at least every 100 ms: an
	 * event this close to the newest may still be followed by an earlier
	 * one of another CPU, and the statistics need time order (a wakeup
	 * seen after its switch made negative latencies). */
	ls->newest_ts = newest;
	horizon = newest > FEED_LAG_NS ? newest - FEED_LAG_NS : 0;
	/* Nothing newer for a while (a quiet capture, -P): every CPU has
	 * delivered since, so all up to the newest can go. */
	if (newest > ls->newest_fed_check) {
		ls->newest_fed_check = newest;
		ls->newest_arrived = now_s();
	} else if (now_s() - ls->newest_arrived > FEED_QUIET_S) {
		horizon = newest + 1;
	}
	if (until > horizon)
		horizon = until;
	while (store_pos_peek(&ls->fed, s, &stream, &index) && store_event_at(s, stream, index)->ts < horizon) {
		const struct store_event *e = store_event_at(s, stream, index);

		store_pos_next(&ls->fed, s, &stream, &index);

		if (!ls->first_ts)
			ls->first_ts = e->ts;
		if (e->ts > ls->last_ts)
			ls->last_ts = e->ts;
		ls->events_total++;
		if (store_record(s, &ls->ss.src, stream, index, &rec))
			taskstats_event(ls->stats, s->streams[stream].cpu, e->ts, &rec, e->type);
	}
}

static size_t history_memory(const struct live_session *ls)
{
	size_t n = 0;

	for (int i = 0; i < ls->nr_history; i++)
		n += sizeof(*ls->history[i]) + (size_t)ls->history[i]->nr_rows * sizeof(struct task_row) +
		     (size_t)ls->history[i]->nr_cpus * sizeof(uint64_t);
	return n;
}

/* What eviction can give back: the pages and their index. */
static size_t evictable(const struct live_session *ls)
{
	return pagepool_memory(ls->pool) + store_memory(ls->ss.store);
}

size_t live_session_memory(const struct live_session *ls)
{
	return evictable(ls) + (ls->reader ? reader_memory(ls->reader) : 0) + history_memory(ls) + ls->extra_memory;
}

/* The time of the oldest event held, on any CPU (UINT64_MAX: none). */
static uint64_t oldest_ts(const struct store *s)
{
	uint64_t t = UINT64_MAX;

	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].nr_ev && s->streams[i].ev[0].ts < t)
			t = s->streams[i].ev[0].ts;
	return t;
}

/* Drop every CPU's events before cut (the same time on all of them: a CPU
 * never keeps a second that another has lost). */
static void evict_before(struct live_session *ls, uint64_t cut)
{
	struct store *s = ls->ss.store;

	feed(ls, cut);
	for (int i = 0; i < s->nr_streams; i++)
		pagepool_evict(ls->pool, i, store_evict_before(s, i, cut));
	store_trim(s);	/* the index's arrays shrink with it */
	if (cut > ls->evicted_ts)
		ls->evicted_ts = cut;
}

/* Over budget: cut off the oldest eighth of what is held (by time, the
 * events arriving at about the same rate), again until under.  Pages go in
 * whole blocks, so one cut may free less than it takes. */
static void evict(struct live_session *ls)
{
	size_t data = evictable(ls), fixed = live_session_memory(ls) - data, keep;

	if (data + fixed <= ls->budget)
		return;
	/* what the history holds is not evictable: keep it within a quarter */
	while (ls->nr_history > 1 && history_memory(ls) > ls->budget / 4) {
		taskstats_interval_free(ls->history[0]);
		memmove(ls->history, ls->history + 1, (size_t)(ls->nr_history - 1) * sizeof(ls->history[0]));
		ls->nr_history--;
	}
	fixed = live_session_memory(ls) - data;
	/* the pages and index may keep what the rest leaves, less an eighth
	 * (so that eviction comes in steps, not at every page) */
	keep = ls->budget - ls->budget / 8 > fixed + ls->budget / 8 ? ls->budget - ls->budget / 8 - fixed : ls->budget / 8;
	for (int round = 0; round < 16 && (data = evictable(ls)) > keep; round++) {
		uint64_t first = oldest_ts(ls->ss.store), span;
		double frac = (double)(data - keep) / (double)data;

		if (first == UINT64_MAX || ls->newest_ts <= first)
			return;
		if (frac < 1.0 / 64)
			frac = 1.0 / 64;
		span = ls->newest_ts - first;
		evict_before(ls, first + (uint64_t)((double)span * frac) + 1);
	}
}

int live_session_poll(struct live_session *ls)
{
	int n = reader_take(ls->reader, on_page, ls);	/* the session never runs without its reader */

	if (n < 0)
		return -1;
	if (ls->out)
		livewriter_flush(ls->out);
	feed(ls, 0);
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


/* A copy of page without its records before the one at offset off (from
 * the page's start), whose timestamp is ts: the header's timestamp becomes
 * the one that record's delta counts from, its flags go (what came before
 * was left out on purpose).  The live pages are in the machine's byte
 * order. */
static void trim_page(const struct live *l, const uint8_t *page, size_t off, uint64_t ts, uint8_t *out)
{
	size_t start = 8 + (size_t)l->long_size;
	uint64_t commit = 0, base;
	uint32_t hdr;
	size_t size;

	memcpy(&hdr, page + off, 4);
	if (l->long_size == 8) {
		memcpy(&commit, page + 8, 8);
	} else {
		uint32_t c;

		memcpy(&c, page + 8, 4);
		commit = c;
	}
	size = (size_t)(commit & ((1U << 27) - 1));
	/* type_len is the low 5 bits on little-endian machines, the top 5 on big */
	base = ts - (l->big_endian ? (hdr & ((1U << 27) - 1)) : (hdr >> 5));
	memset(out, 0, (size_t)l->page_size);
	memcpy(out, &base, 8);
	size = start + size > off ? start + size - off : 0;
	if (off + size > (size_t)l->page_size)
		size = (size_t)l->page_size - off;
	if (l->long_size == 8) {
		uint64_t c = size;

		memcpy(out + 8, &c, 8);
	} else {
		uint32_t c = (uint32_t)size;

		memcpy(out + 8, &c, 4);
	}
	memcpy(out + start, page + off, size);
}

/* Write one stream's events from index `from` on: the first page trimmed
 * when it holds earlier ones (evicted, or before the window). */
static void save_stream(struct live_session *ls, struct tracedat_writer *w, int i, uint64_t from, uint8_t *tmp)
{
	const struct store *s = ls->ss.store;
	const struct store_stream *st = &s->streams[i];
	const struct store_page *pg = from < st->base + st->nr_ev ? store_page_of(s, i, from) : NULL;

	for (size_t p = pg ? (size_t)(pg - st->pages) : st->nr_pages; p < st->nr_pages; p++) {
		const uint8_t *page = pagepool_get(ls->pool, i, st->pages[p].page);
		const struct store_event *e = store_event_at(s, i, from);

		if (!page)
			continue;
		if (&st->pages[p] == pg && from > st->pages[p].first && e) {
			trim_page(ls->l, page, (size_t)e->off4 * 4, e->ts, tmp);
			page = tmp;
		}
		tracedat_writer_add_page(w, 0, st->cpu, page);
	}
}

int live_session_save(struct live_session *ls, const char *path, double seconds, double *covered, char *err,
		      size_t errlen)
{
	const struct store *s = ls->ss.store;
	uint64_t last = ls->newest_ts;
	uint64_t from = last > (uint64_t)(seconds * 1e9) ? last - (uint64_t)(seconds * 1e9) : 0;
	uint64_t oldest = oldest_ts(s);
	uint8_t *tmp = malloc((size_t)ls->l->page_size);
	struct tracedat_writer *w = tmp ? livewriter_open_tracedat(ls->l, path, 7, COMPRESSION_ZSTD, err, errlen) : NULL;

	if (!w) {
		if (!tmp)
			snprintf(err, errlen, "out of memory");
		free(tmp);
		return -1;
	}
	if (from < oldest)
		from = oldest;	/* less is held than asked for */
	*covered = oldest == UINT64_MAX || last < from ? 0 : (double)(last - from) / 1e9;
	for (int i = 0; i < s->nr_streams; i++)
		save_stream(ls, w, i, store_find_time(s, i, from), tmp);
	free(tmp);
	return tracedat_writer_close(w, err, errlen);
}
