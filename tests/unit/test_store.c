/* The event store: indexing, time search, merged order, lost events,
 * eviction, on fixtures and on hand-built ring-buffer pages. */
#include "check.h"
#include "capture/tracedat.h"
#include "model/load.h"
#include "model/pagepool.h"
#include "model/store.h"

#include <kbuffer.h>

static struct store *load(const char *path, struct tracedat **tdp, int threads)
{
	char err[512];
	struct load_options opt = { .threads = threads };
	struct tracedat *td = tracedat_open(path, err, sizeof(err));
	struct store *s = td ? load_tracedat(td, &opt, err, sizeof(err)) : NULL;

	if (!s)
		fprintf(stderr, "  %s\n", err);
	*tdp = td;
	return s;
}

static void streams_sorted_and_compact(void)
{
	struct tracedat *td;
	struct store *s = load(FIXTURE("sched_v7_zstd.dat"), &td, 2);

	CHECK(s != NULL);
	if (s) {
		CHECK(store_nr_events(s) > 1000);
		for (int i = 0; i < s->nr_streams; i++)
			for (size_t k = 1; k < s->streams[i].nr_ev; k++)
				CHECK(s->streams[i].ev[k - 1].ts <= s->streams[i].ev[k].ts);
		CHECK_EQ_INT(sizeof(struct store_event), 16);
	}
	store_free(s);
	tracedat_close(td);
}

static void parallel_equals_serial(void)
{
	struct tracedat *t1, *t2;
	struct store *a = load(FIXTURE("irq_timer_syscalls_v7.dat"), &t1, 1);
	struct store *b = load(FIXTURE("irq_timer_syscalls_v7.dat"), &t2, 2);

	CHECK(a && b);
	if (a && b) {
		CHECK_EQ_INT(a->nr_streams, b->nr_streams);
		for (int i = 0; i < a->nr_streams; i++) {
			CHECK_EQ_INT(a->streams[i].nr_ev, b->streams[i].nr_ev);
			CHECK(!memcmp(a->streams[i].ev, b->streams[i].ev, a->streams[i].nr_ev * sizeof(struct store_event)));
		}
	}
	store_free(a);
	store_free(b);
	tracedat_close(t1);
	tracedat_close(t2);
}

static void find_time_and_ranges(void)
{
	struct tracedat *td;
	struct store *s = load(FIXTURE("sched_v6.dat"), &td, 1);

	CHECK(s != NULL);
	if (!s)
		return;
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		for (size_t k = 0; k < st->nr_ev; k += 37) {
			uint64_t t = st->ev[k].ts;
			uint64_t idx = store_find_time(s, i, t);

			CHECK(idx <= k);
			CHECK(st->ev[idx].ts == t);
			CHECK(idx == 0 || st->ev[idx - 1].ts < t);
		}
		CHECK_EQ_INT(store_find_time(s, i, UINT64_MAX), st->nr_ev);
		CHECK_EQ_INT(store_count_range(s, i, 0, UINT64_MAX), st->nr_ev);
		CHECK(store_page_of(s, i, 0) == &st->pages[0]);
		CHECK(store_event_at(s, i, st->nr_ev) == NULL);
	}
	store_free(s);
	tracedat_close(td);
}

static void merged_order(void)
{
	struct tracedat *td;
	struct store *s = load(FIXTURE("two_buffers_v7.dat"), &td, 2);
	struct store_iter it;
	uint64_t n = 0, last_ts = 0, idx;
	int stream, last_stream = -1;

	CHECK(s != NULL);
	if (!s || store_iter_init(&it, s, 0, UINT64_MAX))
		return;
	while (store_iter_next(&it, &stream, &idx)) {
		uint64_t ts = store_event_at(s, stream, idx)->ts;

		CHECK(ts > last_ts || (ts == last_ts && stream >= last_stream) || n == 0);
		last_ts = ts;
		last_stream = stream;
		n++;
	}
	store_iter_done(&it);
	CHECK_EQ_INT(n, store_nr_events(s));
	store_free(s);
	tracedat_close(td);
}

static void lost_events_counted(void)
{
	struct tracedat *td;
	struct store *s = load(FIXTURE("lost_events_v7.dat"), &td, 2);
	uint64_t lost = 0;
	int shown = 0;

	CHECK(s != NULL);
	if (!s)
		return;
	for (int i = 0; i < s->nr_streams; i++) {
		lost += s->streams[i].lost + s->streams[i].lost_unknown;
		for (size_t p = 0; p < s->streams[i].nr_pages; p++)
			shown += s->streams[i].pages[p].missed_shown;
	}
	CHECK(lost > 0);
	CHECK(shown > 0);
	store_free(s);
	tracedat_close(td);
}

/* A little-endian, 64-bit-long ring-buffer page with n events of pid 100+i,
 * 10 ns apart; missed events flagged if lost != 0. */
static void make_page(uint8_t *page, int n, uint64_t ts, int64_t lost)
{
	uint8_t *p = page + 16;
	uint64_t commit;

	memset(page, 0, 4096 + 64);
	memcpy(page, &ts, 8);
	for (int i = 0; i < n; i++) {
		uint32_t hdr = 2 | (uint32_t)(i ? 10 : 0) << 5;	/* 2 words of payload */
		uint16_t type = 7;
		int32_t pid = 100 + i;

		memcpy(p, &hdr, 4);
		memcpy(p + 4, &type, 2);
		memcpy(p + 8, &pid, 4);
		p += 12;
	}
	commit = (uint64_t)(p - page - 16);
	if (lost) {
		commit |= 1ULL << 31;
		if (lost > 0) {
			commit |= 1ULL << 30;
			memcpy(p, &lost, 8);
		}
	}
	memcpy(page + 8, &commit, 8);
}

static void pages_by_hand(void)
{
	struct store_layout layout = { .long_size = 8, .type_off = 0, .type_size = 2, .pid_off = 4, .pid_size = 4 };
	struct store *s = store_new(&layout);
	struct kbuffer *kb;
	static uint8_t page[4096 + 64];
	int st;

	CHECK(s != NULL);
	store_add_buffer(s, "", 4096, NULL);
	st = store_add_stream(s, 0, 3);
	kb = store_kbuffer_new(s);
	make_page(page, 5, 1000, 0);
	CHECK_EQ_INT(store_add_page(s, st, kb, 0, page), 5);
	make_page(page, 3, 2000, 42);
	CHECK_EQ_INT(store_add_page(s, st, kb, 1, page), 3);
	make_page(page, 2, 3000, -1);
	CHECK_EQ_INT(store_add_page(s, st, kb, 2, page), 2);
	CHECK_EQ_INT(s->streams[st].nr_ev, 10);
	CHECK_EQ_INT(s->streams[st].ev[1].ts, 1010);
	CHECK_EQ_INT(s->streams[st].ev[1].pid, 101);
	CHECK_EQ_INT(s->streams[st].ev[1].type, 7);
	CHECK_EQ_INT(s->streams[st].lost, 42);
	CHECK_EQ_INT(s->streams[st].lost_unknown, 1);
	CHECK(s->streams[st].pages[1].missed_shown);
	/* a page claiming more data than it holds is refused, not read */
	make_page(page, 1, 4000, 0);
	page[8] = 0xff; page[9] = 0xff;
	CHECK_EQ_INT(store_add_page(s, st, kb, 3, page), -1);
	CHECK_EQ_INT(s->streams[st].bad_pages, 1);
	/* eviction keeps indices stable */
	store_evict_pages(s, st, 1);
	CHECK_EQ_INT(s->streams[st].base, 5);
	CHECK_EQ_INT(s->streams[st].nr_ev, 5);
	CHECK(store_event_at(s, st, 4) == NULL);
	CHECK_EQ_INT(store_event_at(s, st, 5)->ts, 2000);
	CHECK_EQ_INT(store_find_time(s, st, 2015), 7);
	CHECK(store_page_of(s, st, 8)->page == 2);
	/* a cut in time: the page holding it stays, its earlier events go */
	CHECK_EQ_INT(store_evict_before(s, st, 2015), 1);
	CHECK_EQ_INT(s->streams[st].base, 7);
	CHECK_EQ_INT(s->streams[st].nr_ev, 3);
	CHECK_EQ_INT(s->streams[st].nr_pages, 2);
	CHECK(store_event_at(s, st, 6) == NULL);
	CHECK_EQ_INT(store_event_at(s, st, 7)->ts, 2020);
	CHECK(store_page_of(s, st, 7)->page == 1);
	CHECK_EQ_INT(store_evict_before(s, st, 2015), 1);	/* again: nothing more goes */
	CHECK_EQ_INT(s->streams[st].nr_ev, 3);
	CHECK(store_evict_before(s, st, 5000) == UINT64_MAX);
	CHECK_EQ_INT(s->streams[st].nr_ev, 0);
	CHECK_EQ_INT(s->streams[st].nr_pages, 0);
	CHECK_EQ_INT(s->streams[st].base, 10);
	store_kbuffer_free(kb);
	store_free(s);
}

/* The live page pool: pages across blocks, eviction, slack after pages. */
static void pagepool_blocks(void)
{
	enum { PAGE = 4096, PAGES = 1500 };	/* several 2 MB blocks */
	struct pagepool *pp = pagepool_new(PAGE, 2, 0);
	static uint8_t page[PAGE];
	int bad = 0;

	CHECK(pp != NULL);
	if (!pp)
		return;
	for (int i = 0; i < PAGES; i++) {
		memset(page, i & 0xff, sizeof(page));
		page[0] = (uint8_t)(i >> 8);
		CHECK_EQ_INT(pagepool_add(pp, i % 2, page), i / 2);
	}
	for (int i = 0; i < PAGES; i++) {
		const uint8_t *p = pagepool_get(pp, i % 2, (uint64_t)(i / 2));

		bad += !p || p[0] != (uint8_t)(i >> 8) || p[1] != (uint8_t)(i & 0xff) || p[PAGE - 1] != (uint8_t)(i & 0xff);
	}
	CHECK_EQ_INT(bad, 0);
	CHECK(pagepool_get(pp, 0, PAGES / 2) == NULL);
	CHECK(pagepool_get(pp, 2, 0) == NULL);
	/* the last page of a block, and the last page held, have zeroed slack after them */
	{
		const uint8_t *last = pagepool_get(pp, 0, 511), *end = pagepool_get(pp, 0, PAGES / 2 - 1);
		int nonzero = 0;

		for (size_t k = 0; last && k < TRACEDAT_PAGE_SLACK; k += 4096)
			nonzero += last[PAGE + k] != 0;
		CHECK(last && end);
		CHECK_EQ_INT(nonzero, 0);
	}
	pagepool_evict(pp, 0, 600);
	CHECK(pagepool_get(pp, 0, 599) == NULL);
	CHECK(pagepool_get(pp, 0, 600) != NULL && ((const uint8_t *)pagepool_get(pp, 0, 600))[1] == (uint8_t)(1200 & 0xff));
	CHECK_EQ_INT(pagepool_first(pp, 0), 600);
	CHECK(pagepool_get(pp, 1, 0) != NULL);	/* the other stream keeps its pages */
	pagepool_evict(pp, 0, 100000);	/* everything: then adding starts afresh */
	CHECK(pagepool_get(pp, 0, PAGES / 2 - 1) == NULL);
	memset(page, 7, sizeof(page));
	CHECK_EQ_INT(pagepool_add(pp, 0, page), PAGES / 2);
	CHECK(pagepool_get(pp, 0, PAGES / 2) != NULL && ((const uint8_t *)pagepool_get(pp, 0, PAGES / 2))[5] == 7);
	CHECK(pagepool_memory(pp) > 0);
	pagepool_free(pp);
}

CHECK_MAIN(CASE(streams_sorted_and_compact), CASE(parallel_equals_serial), CASE(find_time_and_ranges),
	   CASE(merged_order), CASE(lost_events_counted), CASE(pages_by_hand), CASE(pagepool_blocks))
