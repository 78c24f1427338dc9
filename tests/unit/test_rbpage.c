/* capture/rbpage: ring-buffer pages made by hand in both byte orders (every
 * record kind, lost-event counts, corrupt lengths), and every page of real
 * recordings walked record by record: the data records counted equal the
 * events the store indexed. */
#include "check.h"
#include "trace.h"
#include "capture/rbpage.h"

#include <stdint.h>

static void put(uint8_t *p, uint64_t v, int n, bool be)
{
	for (int i = 0; i < n; i++)
		p[be ? n - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

static void put_word(uint8_t *p, uint32_t type_len, uint32_t delta, bool be)
{
	put(p, be ? type_len << 27 | delta : delta << 5 | type_len, 4, be);
}

/* A page with long 8: TIME_EXTEND, a short record of 3 words, a long one of
 * 10 bytes, a padding of 12, then (lost events stored) the count. */
static uint32_t make_page(uint8_t *pg, size_t len, bool be, int32_t lost)
{
	uint8_t *d = pg + 16;
	uint32_t size = 0;

	memset(pg, 0, len);
	put(pg, 0x1122334455667788ULL, 8, be);
	put_word(d + size, RBPAGE_TIME_EXTEND, 5, be);
	put(d + size + 4, 7, 4, be);
	size += 8;
	put_word(d + size, 3, 9, be);
	size += 16;
	put_word(d + size, 0, 1, be);
	put(d + size + 4, 14, 4, be);		/* 10 bytes of payload */
	size += 8 + 12;
	put_word(d + size, RBPAGE_PADDING, 1, be);
	put(d + size + 4, 12, 4, be);
	size += 16;
	put(pg + 8, size | (lost ? 3ULL << 30 : 0), 8, be);
	if (lost)
		put(d + size, (uint64_t)(int64_t)lost, 8, be);
	return size;
}

static void header_and_records(void)
{
	uint8_t pg[4096];
	struct rbpage_header h;
	struct rbpage_rec r;

	for (int be = 0; be < 2; be++) {
		uint32_t size = make_page(pg, sizeof(pg), be, 42);
		const uint8_t *d = pg + 16;

		CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), be, 8, &h), 0);
		CHECK_EQ_INT(h.ts, 0x1122334455667788ULL);
		CHECK_EQ_INT(h.data, 16);
		CHECK_EQ_INT(h.size, size);
		CHECK_EQ_INT(h.missed, 42);
		CHECK(h.count_stored);

		CHECK_EQ_INT(rbpage_record(d, size, 0, be, &r), 0);
		CHECK_EQ_INT(r.type_len, RBPAGE_TIME_EXTEND);
		CHECK_EQ_INT(r.delta, 5);
		CHECK(r.has_len);
		CHECK_EQ_INT(r.len, 7);
		CHECK_EQ_INT(r.next, 8);
		CHECK_EQ_INT(rbpage_record(d, size, 8, be, &r), 0);
		CHECK_EQ_INT(r.type_len, 3);
		CHECK_EQ_INT(r.delta, 9);
		CHECK_EQ_INT(r.payload, 12);
		CHECK_EQ_INT(r.payload_len, 12);
		CHECK_EQ_INT(r.next, 24);
		CHECK_EQ_INT(rbpage_record(d, size, 24, be, &r), 0);
		CHECK_EQ_INT(r.type_len, 0);
		CHECK_EQ_INT(r.payload, 32);
		CHECK_EQ_INT(r.payload_len, 10);
		CHECK_EQ_INT(r.next, 44);	/* rounded up to 4 */
		CHECK_EQ_INT(rbpage_record(d, size, 44, be, &r), 0);
		CHECK_EQ_INT(r.type_len, RBPAGE_PADDING);
		CHECK_EQ_INT(r.next, 60);
		CHECK_EQ_INT(r.next, size);
		/* a padding word alone at the very end ends the data */
		CHECK_EQ_INT(rbpage_record(d, 48, 44, be, &r), 0);
		CHECK(!r.has_len);
		CHECK_EQ_INT(r.next, 48);
	}
}

static void lost_and_corrupt(void)
{
	uint8_t pg[256];
	struct rbpage_header h;
	struct rbpage_rec r;
	uint32_t size = make_page(pg, sizeof(pg), false, 0);
	const uint8_t *d = pg + 16;

	CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), false, 8, &h), 0);
	CHECK_EQ_INT(h.missed, 0);
	CHECK(!h.count_stored);
	put(pg + 8, size | 1ULL << 31, 8, false);	/* lost, count not stored */
	CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), false, 8, &h), 0);
	CHECK_EQ_INT(h.missed, -1);
	put(pg + 8, 241, 8, false);		/* more data than the page holds */
	CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), false, 8, &h), -1);
	put(pg + 8, 236 | 3ULL << 30, 8, false);	/* the count does not fit after it */
	CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), false, 8, &h), -1);
	CHECK_EQ_INT(rbpage_header(pg, 15, false, 8, &h), -1);	/* no room for the header */
	CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), false, 6, &h), -1);	/* no such long */
	put(pg + 8, 0xf0, 4, false);		/* long 4: the commit word is 4 bytes */
	CHECK_EQ_INT(rbpage_header(pg, sizeof(pg), false, 4, &h), 0);
	CHECK_EQ_INT(h.data, 12);
	CHECK_EQ_INT(h.size, 0xf0);

	CHECK_EQ_INT(rbpage_record(d, size, size, false, &r), -1);	/* past the end */
	CHECK_EQ_INT(rbpage_record(d, 26, 24, false, &r), -1);		/* a header cut short */
	CHECK_EQ_INT(rbpage_record(d, 28, 24, false, &r), -1);		/* no room for the length */
	put(pg + 16 + 28, 3, 4, false);				/* a type-0 length below 4 */
	CHECK_EQ_INT(rbpage_record(d, size, 24, false, &r), -1);
	put(pg + 16 + 48, (uint32_t)-16, 4, false);		/* a padding that steps back */
	CHECK_EQ_INT(rbpage_record(d, size, 44, false, &r), 0);
	CHECK(r.next <= 44);
}

/* Walk every page of a recording as the store must: the data records are
 * the events it indexed. */
static void walk_file(const char *path)
{
	struct trace t;
	uint64_t records = 0;

	if (!trace_open(&t, path)) {
		CHECK(!"cannot open the fixture");
		trace_close(&t);
		return;
	}
	struct tracedat_pages *pages = tracedat_pages_new(t.td);

	CHECK(pages != NULL);
	for (int b = 0; pages && b < t.td->nr_buffers; b++)
		for (int cpu = 0; cpu < t.td->buffers[b].nr_cpus; cpu++)
			for (uint64_t i = 0; i < tracedat_cpu_pages(t.td, b, cpu); i++) {
				const uint8_t *pg = tracedat_page(pages, b, cpu, i);
				struct rbpage_header h;
				struct rbpage_rec r;

				CHECK(pg != NULL);
				if (!pg || rbpage_header(pg, t.td->buffers[b].page_size, t.td->big_endian,
							 t.td->kernel_long_size, &h)) {
					CHECK(!"a page of the fixture is not readable");
					continue;
				}
				for (int64_t off = 0; off < h.size; off = r.next) {
					if (rbpage_record(pg + h.data, h.size, (uint32_t)off, t.td->big_endian, &r) ||
					    r.next <= off) {
						CHECK(!"a record of the fixture is not readable");
						break;
					}
					records += r.type_len <= RBPAGE_DATA_MAX;
				}
			}
	CHECK_EQ_INT(records, store_nr_events(t.s));
	CHECK(records > 0);
	tracedat_pages_free(pages);
	trace_close(&t);
}

static void fixtures(void)
{
	walk_file(FIXTURE("sched_v7_zstd.dat"));	/* little-endian, v7 */
	walk_file(FIXTURE("sched_be_v6.dat"));		/* big-endian twin */
	walk_file(FIXTURE("two_buffers_v7.dat"));
}

CHECK_MAIN(CASE(header_and_records), CASE(lost_and_corrupt), CASE(fixtures))
