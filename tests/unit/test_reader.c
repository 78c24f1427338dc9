/* The trace.dat reader on real files recorded by trace-cmd on this machine. */
#include "check.h"
#include "capture/bytes.h"
#include "capture/tracedat.h"

#include <event-parse.h>
#include <unistd.h>

static struct tracedat *open_fixture(const char *path)
{
	char err[512];
	struct tracedat *td = tracedat_open(path, err, sizeof(err));

	if (!td)
		fprintf(stderr, "  %s\n", err);
	return td;
}

static void bytes_bounds(void)
{
	static const uint8_t data[] = { 1, 0, 0, 0, 'a', 'b', 0, 9 };
	struct bytes b;

	bytes_init(&b, data, sizeof(data), false);
	CHECK_EQ_INT(bytes_u32(&b), 1);
	CHECK_EQ_STR(bytes_cstr(&b), "ab");
	CHECK_EQ_INT(bytes_u8(&b), 9);
	CHECK(bytes_ok(&b));
	CHECK_EQ_INT(bytes_u16(&b), 0);	/* past the end */
	CHECK(!bytes_ok(&b));
	CHECK(bytes_take(&b, 1) == NULL);	/* stays bad */
	bytes_init(&b, data, sizeof(data), true);
	CHECK_EQ_INT(bytes_u32(&b), 0x01000000);
	CHECK(!bytes_skip(&b, (size_t)-1));
}

static void v6_layout(void)
{
	struct tracedat *td = open_fixture(FIXTURE("sched_v6.dat"));

	CHECK(td != NULL);
	if (!td)
		return;
	CHECK_EQ_INT(td->version, 6);
	CHECK_EQ_INT(td->cpus, 2);
	CHECK_EQ_INT(td->nr_buffers, 1);
	CHECK(td->has_top_buffer);
	CHECK_EQ_INT(td->kernel_long_size, 8);
	CHECK_EQ_STR(td->clock, "local");
	CHECK(td->in_usecs);
	CHECK(tep_find_event_by_name(td->tep, "sched", "sched_switch") != NULL);
	CHECK(tracedat_cpu_pages(td, 0, 0) + tracedat_cpu_pages(td, 0, 1) > 0);
	tracedat_close(td);
}

static void v7_compressed_and_not(void)
{
	struct tracedat *z = open_fixture(FIXTURE("sched_v7_zstd.dat"));
	struct tracedat *n = open_fixture(FIXTURE("sched_v7_none.dat"));

	CHECK(z && n);
	if (z && n) {
		CHECK_EQ_INT(z->version, 7);
		CHECK_EQ_INT(z->compression, COMPRESSION_ZSTD);
		CHECK_EQ_INT(n->compression, COMPRESSION_NONE);
		CHECK(z->buffers[0].compressed);
		CHECK(!n->buffers[0].compressed);
		/* the same pages, once compressed and once not */
		for (int cpu = 0; cpu < 2; cpu++) {
			uint64_t pages = tracedat_cpu_pages(z, 0, cpu);
			struct tracedat_pages *pz = tracedat_pages_new(z), *pn = tracedat_pages_new(n);

			CHECK_EQ_INT(pages, tracedat_cpu_pages(n, 0, cpu));
			for (uint64_t i = 0; i < pages; i++) {
				const void *a = tracedat_page(pz, 0, cpu, i), *b = tracedat_page(pn, 0, cpu, i);

				CHECK(a && b && !memcmp(a, b, z->buffers[0].page_size));
			}
			CHECK(tracedat_page(pz, 0, cpu, pages) == NULL);
			tracedat_pages_free(pz);
			tracedat_pages_free(pn);
		}
	}
	tracedat_close(z);
	tracedat_close(n);
}

static void two_buffers(void)
{
	const char *files[] = { FIXTURE("two_buffers_v6.dat"), FIXTURE("two_buffers_v7.dat") };

	for (int i = 0; i < 2; i++) {
		struct tracedat *td = open_fixture(files[i]);

		CHECK(td != NULL);
		if (!td)
			continue;
		CHECK_EQ_INT(td->nr_buffers, 2);
		CHECK_EQ_STR(td->buffers[0].name, "");
		CHECK_EQ_STR(td->buffers[1].name, "inst1");
		CHECK_EQ_INT(tracedat_find_buffer(td, "inst1"), 1);
		CHECK_EQ_INT(tracedat_find_buffer(td, "nope"), -1);
		tracedat_close(td);
	}
}

static void clocks_and_offsets(void)
{
	struct tracedat *c = open_fixture(FIXTURE("clock_counter_v7.dat"));
	struct tracedat *d = open_fixture(FIXTURE("date_offset_v7.dat"));
	struct tracedat *m = open_fixture(FIXTURE("clock_mono_v6.dat"));

	CHECK(c && d && m);
	if (c) {
		CHECK_EQ_STR(c->clock, "counter");
		CHECK(!c->in_usecs);	/* a counter prints raw */
	}
	if (d)
		CHECK(d->ts.offset > 1000000000LL * 1000000000LL);	/* DATE: wall clock ns */
	if (m) {
		CHECK_EQ_STR(m->clock, "mono");
		CHECK(m->in_usecs);
	}
	tracedat_close(c);
	tracedat_close(d);
	tracedat_close(m);
}

static void empty_trace(void)
{
	struct tracedat *td = open_fixture(FIXTURE("empty_v7.dat"));

	CHECK(td != NULL);
	if (td)
		for (int b = 0; b < td->nr_buffers; b++)
			for (int c = 0; c < td->buffers[b].nr_cpus; c++)
				CHECK_EQ_INT(tracedat_cpu_pages(td, b, c), 0);
	tracedat_close(td);
}

static void errors_name_the_problem(void)
{
	char err[512];
	char path[] = "/tmp/ftui-test-XXXXXX";
	int fd = mkstemp(path);

	CHECK(tracedat_open("/nonexistent/trace.dat", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "/nonexistent/trace.dat") && strstr(err, "No such file"));
	CHECK(fd >= 0);
	CHECK(write(fd, "hello, this is not a trace file", 31) == 31);
	close(fd);
	CHECK(tracedat_open(path, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "bad magic") != NULL);
	unlink(path);
	CHECK(tracedat_open("/tmp", err, sizeof(err)) == NULL);
	CHECK(strstr(err, "not a regular file") != NULL);
}

static void shared_samples(void)
{
	struct tracedat *td;

	if (access(SHARED_TRACE("armv7_rpi_v6_sched_switch_4cpu.dat"), R_OK))
		SKIP("../shared is absent");
	/* recorded on 64-bit trace-cmd for a 32-bit kernel: long sizes differ */
	td = open_fixture(SHARED_TRACE("armv7_rpi_v6_sched_switch_4cpu.dat"));
	CHECK(td != NULL);
	if (td) {
		CHECK_EQ_INT(td->kernel_long_size, 4);
		CHECK_EQ_INT(td->cpus, 4);
	}
	tracedat_close(td);
	/* no options block at all */
	td = open_fixture(SHARED_TRACE("i686_buildroot_v6_listen_no_options.dat"));
	CHECK(td != NULL);
	tracedat_close(td);
}

CHECK_MAIN(CASE(bytes_bounds), CASE(v6_layout), CASE(v7_compressed_and_not), CASE(two_buffers),
	   CASE(clocks_and_offsets), CASE(empty_trace), CASE(errors_name_the_problem), CASE(shared_samples))
