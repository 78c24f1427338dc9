/* The trace.dat writer: fixtures rewritten in every version and compression
 * read back page for page, pages streamed in any order, the chunk layout,
 * and the error paths. */
#include "check.h"
#include "capture/tracedat.h"
#include "capture/tracedat_write.h"

#include <dirent.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];

static const char *tmp_path(const char *name)
{
	static char path[4][512];
	static int n;

	n = (n + 1) % 4;
	snprintf(path[n], sizeof(path[n]), "%s/%.200s", tmpdir, name);
	return path[n];
}

static void remove_tmpdir(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlink(tmp_path(e->d_name));
	if (d)
		closedir(d);
	rmdir(tmpdir);
}

/* One directory for the whole run, removed at exit. */
static bool make_tmpdir(void)
{
	if (tmpdir[0])
		return true;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/ftui-test-writer-XXXXXX");
	if (!mkdtemp(tmpdir)) {
		tmpdir[0] = '\0';
		return false;
	}
	atexit(remove_tmpdir);
	return true;
}

static struct tracedat *open_file(const char *path)
{
	char err[512];
	struct tracedat *td = tracedat_open(path, err, sizeof(err));

	if (!td)
		fprintf(stderr, "  %s\n", err);
	return td;
}

struct combo {
	int version;
	enum compression comp;
	const char *tag;
};

static const struct combo combos[] = {
	{ 7, COMPRESSION_ZSTD, "v7zstd" },
	{ 7, COMPRESSION_NONE, "v7none" },
	{ 7, COMPRESSION_ZLIB, "v7zlib" },
	{ 6, COMPRESSION_NONE, "v6" },
};

/* Rewrite in as out.  interleave: pages of all (buffer, CPU) streams one
 * after the other, in reverse CPU order, as a live capture may deliver them. */
static int convert(const char *in, const char *out, const struct combo *cb, bool interleave)
{
	struct tracedat_write_opts o = { .version = cb->version, .compression = cb->comp };
	struct tracedat *td = open_file(in);
	struct tracedat_pages *pg;
	struct tracedat_meta m;
	struct tracedat_writer *w;
	char err[512];
	int ret = 0;
	bool more = true;

	if (!td)
		return -1;
	tracedat_meta_from_file(td, &m);
	w = tracedat_writer_open(out, &o, &m, err, sizeof(err));
	pg = tracedat_pages_new(td);
	if (!w || !pg) {
		fprintf(stderr, "  %s\n", w ? "out of memory" : err);
		tracedat_writer_abort(w);
		tracedat_pages_free(pg);
		tracedat_close(td);
		return -1;
	}
	for (int b = 0; b < td->nr_buffers && !ret; b++) {
		const struct tracedat_buffer *buf = &td->buffers[b];

		ret = tracedat_writer_add_buffer(w, buf->name, *buf->clock ? buf->clock : td->clock, buf->page_size,
						 buf->nr_cpus) == b ? 0 : -1;
	}
	for (uint64_t i = 0; more && !ret; i++) {
		more = false;
		for (int b = 0; b < td->nr_buffers && !ret; b++)
			for (int k = 0; k < td->buffers[b].nr_cpus && !ret; k++) {
				int cpu = interleave ? td->buffers[b].nr_cpus - 1 - k : k;
				uint64_t n = tracedat_cpu_pages(td, b, cpu);

				for (uint64_t p = interleave ? i : 0; p < n && !ret; p++) {
					ret = tracedat_writer_add_page(w, b, cpu, tracedat_page(pg, b, cpu, p));
					if (interleave) {
						more = true;
						break;
					}
				}
			}
		more = more && interleave;
	}
	if (ret)
		fprintf(stderr, "  add: %s\n", tracedat_writer_error(w));
	if (tracedat_writer_close(w, err, sizeof(err))) {
		fprintf(stderr, "  close: %s\n", err);
		ret = -1;
	}
	tracedat_pages_free(pg);
	tracedat_close(td);
	return ret;
}

static void check_blob(const struct metadata_blob *a, const struct metadata_blob *b)
{
	size_t na = a->data ? a->size : 0, nb = b->data ? b->size : 0;

	CHECK_EQ_INT(na, nb);
	if (na == nb && na)
		CHECK(!memcmp(a->data, b->data, na));
}

static const char *buffer_clock(const struct tracedat *td, int b)
{
	return *td->buffers[b].clock ? td->buffers[b].clock : td->clock;
}

/* Everything the reader sees must be the same, pages byte for byte. */
static void check_same(const char *in, const char *out, const struct combo *cb)
{
	struct tracedat *a = open_file(in), *b = open_file(out);
	struct tracedat_pages *pa = a ? tracedat_pages_new(a) : NULL, *pb = b ? tracedat_pages_new(b) : NULL;

	CHECK(a && b && pa && pb);
	if (!a || !b || !pa || !pb)
		goto out;
	CHECK_EQ_INT(b->version, cb->version);
	if (cb->version == 7)
		CHECK_EQ_INT(b->compression, cb->comp);
	CHECK_EQ_INT(b->cpus, a->cpus);
	CHECK_EQ_STR(b->clock, a->clock);
	CHECK_EQ_INT(b->in_usecs, a->in_usecs);
	CHECK_EQ_INT(b->ts.offset, a->ts.offset);
	CHECK_EQ_INT(b->ts.mult, a->ts.mult);
	CHECK_EQ_INT(b->page_size, a->page_size);
	CHECK_EQ_INT(b->file_long_size, a->file_long_size);
	CHECK_EQ_INT(b->kernel_long_size, a->kernel_long_size);
	CHECK_EQ_STR(b->uname ? b->uname : "", a->uname ? a->uname : "");
	CHECK_EQ_INT(b->format_failures, a->format_failures);
	CHECK(!b->warning[0]);
	check_blob(&b->header_page, &a->header_page);
	check_blob(&b->kallsyms, &a->kallsyms);
	check_blob(&b->printk, &a->printk);
	check_blob(&b->cmdlines, &a->cmdlines);
	CHECK_EQ_INT(b->nr_formats, a->nr_formats);
	for (int i = 0; i < a->nr_formats && i < b->nr_formats; i++) {
		CHECK_EQ_STR(b->formats[i].system, a->formats[i].system);
		check_blob(&b->formats[i], &a->formats[i]);
	}
	CHECK_EQ_INT(b->nr_buffers, a->nr_buffers);
	for (int i = 0; i < a->nr_buffers && i < b->nr_buffers; i++) {
		const struct tracedat_buffer *x = &a->buffers[i], *y = &b->buffers[i];
		int cpus = x->nr_cpus > y->nr_cpus ? x->nr_cpus : y->nr_cpus;

		CHECK_EQ_STR(y->name, x->name);
		CHECK_EQ_INT(y->page_size, x->page_size);
		CHECK_EQ_STR(buffer_clock(b, i), buffer_clock(a, i));
		CHECK_EQ_INT(y->compressed, cb->version == 7 && cb->comp != COMPRESSION_NONE);
		for (int c = 0; c < cpus; c++) {
			uint64_t n = tracedat_cpu_pages(a, i, c);
			int bad = 0;

			CHECK_EQ_INT(tracedat_cpu_pages(b, i, c), n);
			if (c < y->nr_cpus) {
				CHECK(!y->cpus[c].truncated);
				CHECK_EQ_INT(y->cpus[c].offset % y->page_size, 0);
			}
			for (uint64_t p = 0; p < n && tracedat_cpu_pages(b, i, c) == n; p++) {
				const void *u = tracedat_page(pa, i, c, p), *v = tracedat_page(pb, i, c, p);

				bad += !u || !v || memcmp(u, v, x->page_size);
			}
			CHECK_EQ_INT(bad, 0);
		}
	}
out:
	tracedat_pages_free(pa);
	tracedat_pages_free(pb);
	tracedat_close(a);
	tracedat_close(b);
}

static int nr_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

static void every_fixture_every_format(void)
{
	static const char *const fixtures[] = {
		"sched_v6.dat", "sched_v7_zstd.dat", "two_buffers_v7.dat", "two_buffers_v6.dat", "lost_events_v7.dat",
		"date_offset_v7.dat", "clock_counter_v7.dat", "clock_mono_v6.dat", "empty_v7.dat",
	};
	int fds = nr_fds();

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	for (size_t f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		char in[256];

		snprintf(in, sizeof(in), FIXTURE("%s"), fixtures[f]);
		for (size_t i = 0; i < sizeof(combos) / sizeof(combos[0]); i++) {
			char name[128];
			const char *out;

			snprintf(name, sizeof(name), "%s.%s", combos[i].tag, fixtures[f]);
			out = tmp_path(name);
			CHECK_EQ_INT(convert(in, out, &combos[i], false), 0);
			check_same(in, out, &combos[i]);
		}
	}
	CHECK_EQ_INT(nr_fds(), fds);	/* temporary files closed */
}

/* Pages arriving one per stream in turn, CPUs backwards. */
static void pages_in_any_order(void)
{
	static const char *const fixtures[] = { "two_buffers_v7.dat", "lost_events_v7.dat", "sched_v6.dat" };

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	for (size_t f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		char in[256], name[128];

		snprintf(in, sizeof(in), FIXTURE("%s"), fixtures[f]);
		for (size_t i = 0; i < sizeof(combos) / sizeof(combos[0]); i += 3) {	/* v7 zstd, v6 */
			const char *out;

			snprintf(name, sizeof(name), "mixed.%s.%s", combos[i].tag, fixtures[f]);
			out = tmp_path(name);
			CHECK_EQ_INT(convert(in, out, &combos[i], true), 0);
			check_same(in, out, &combos[i]);
		}
	}
}

/* v7 compressed data: chunks of 10 pages, the size trace-cmd ≥ 3.2 writes. */
static void chunk_layout(void)
{
	const char *out;
	struct tracedat *td;

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	out = tmp_path("chunks.dat");
	CHECK_EQ_INT(convert(FIXTURE("sched_v6.dat"), out, &combos[0], false), 0);
	td = open_file(out);
	CHECK(td != NULL);
	if (!td)
		return;
	for (int c = 0; c < td->buffers[0].nr_cpus; c++) {
		const struct tracedat_cpu *cpu = &td->buffers[0].cpus[c];
		uint64_t pages = tracedat_cpu_pages(td, 0, c), size = 4;

		if (!pages)
			continue;
		CHECK_EQ_INT(cpu->nr_chunks, (pages + 9) / 10);
		for (uint32_t i = 0; i < cpu->nr_chunks; i++) {
			uint64_t want = i + 1 < cpu->nr_chunks ? 10 : pages - 10 * i;

			CHECK_EQ_INT(cpu->chunks[i].usize, want * td->page_size);
			size += 8 + cpu->chunks[i].csize;
		}
		CHECK_EQ_INT(cpu->size, size);
	}
	tracedat_close(td);
}

/* A v7 instance may have its own page size; a v6 file cannot. */
static void instance_page_size(void)
{
	struct tracedat *src = open_file(FIXTURE("sched_v7_zstd.dat"));
	struct tracedat_write_opts o7 = { 7, COMPRESSION_ZSTD }, o6 = { 6, COMPRESSION_NONE };
	struct tracedat_meta m;
	struct tracedat_writer *w;
	struct tracedat *td;
	struct tracedat_pages *pg;
	static uint8_t page[8192];
	char err[512];
	const char *out;

	if (!src || !make_tmpdir()) {
		tracedat_close(src);
		SKIP("no fixture or no temporary directory");
	}
	out = tmp_path("big_pages.dat");
	tracedat_meta_from_file(src, &m);
	w = tracedat_writer_open(out, &o7, &m, err, sizeof(err));
	CHECK(w != NULL);
	if (w) {
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "", NULL, 4096, 2), 0);
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "big", "mono", 8192, 4), 1);
		for (int i = 0; i < 23; i++) {
			memset(page, i + 1, sizeof(page));
			CHECK_EQ_INT(tracedat_writer_add_page(w, 1, 3, page), 0);
			CHECK_EQ_INT(tracedat_writer_add_page(w, 0, i & 1, page), 0);
		}
		CHECK_EQ_INT(tracedat_writer_close(w, err, sizeof(err)), 0);
	}
	td = open_file(out);
	pg = td ? tracedat_pages_new(td) : NULL;
	CHECK(td && pg);
	if (td && pg) {
		CHECK_EQ_INT(td->nr_buffers, 2);
		CHECK_EQ_STR(td->buffers[0].clock, "local");	/* from trace_clock */
		CHECK_EQ_STR(td->buffers[1].clock, "mono");
		CHECK_EQ_INT(td->buffers[1].page_size, 8192);
		CHECK_EQ_INT(td->buffers[1].nr_cpus, 4);	/* the highest CPU with data + 1 */
		CHECK_EQ_INT(tracedat_cpu_pages(td, 1, 3), 23);
		CHECK_EQ_INT(tracedat_cpu_pages(td, 1, 0), 0);
		CHECK_EQ_INT(tracedat_cpu_pages(td, 0, 0), 12);
		CHECK_EQ_INT(tracedat_cpu_pages(td, 0, 1), 11);
		for (uint64_t i = 0; i < 23; i++) {
			const uint8_t *p = tracedat_page(pg, 1, 3, i);

			CHECK(p && p[0] == i + 1 && p[8191] == i + 1);
		}
	}
	tracedat_pages_free(pg);
	tracedat_close(td);

	w = tracedat_writer_open(tmp_path("v6_big_pages.dat"), &o6, &m, err, sizeof(err));
	CHECK(w != NULL);
	if (w) {
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "", NULL, 4096, 2), 0);
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "big", NULL, 8192, 2), -1);
		CHECK(strstr(tracedat_writer_error(w), "page size") != NULL);
		CHECK_EQ_INT(tracedat_writer_close(w, err, sizeof(err)), -1);
		CHECK(strstr(err, "v6_big_pages.dat: ") && strstr(err, "page size"));
		CHECK(access(tmp_path("v6_big_pages.dat"), F_OK) != 0);	/* removed */
	}
	tracedat_close(src);
}

/* Instances only, no top-level buffer: v7 leaves it out, v6 writes an empty
 * top-level table (its layout needs one). */
static void instances_only(void)
{
	struct tracedat *src = open_file(FIXTURE("two_buffers_v7.dat"));
	struct tracedat_pages *spg = src ? tracedat_pages_new(src) : NULL;
	int sb = src ? tracedat_find_buffer(src, "inst1") : -1;

	if (!spg || sb < 0 || !make_tmpdir()) {
		tracedat_pages_free(spg);
		tracedat_close(src);
		SKIP("no fixture or no temporary directory");
	}
	for (int v = 6; v <= 7; v++) {
		struct tracedat_write_opts o = { v, v == 7 ? COMPRESSION_ZSTD : COMPRESSION_NONE };
		const char *out = tmp_path(v == 6 ? "inst_only_v6.dat" : "inst_only_v7.dat");
		const struct tracedat_buffer *buf = &src->buffers[sb];
		struct tracedat_meta m;
		struct tracedat_writer *w;
		struct tracedat *td;
		char err[512];
		int b;

		tracedat_meta_from_file(src, &m);
		w = tracedat_writer_open(out, &o, &m, err, sizeof(err));
		CHECK(w != NULL);
		if (!w)
			continue;
		b = tracedat_writer_add_buffer(w, "inst1", NULL, buf->page_size, buf->nr_cpus);
		CHECK_EQ_INT(b, 0);
		for (int c = 0; c < buf->nr_cpus; c++)
			for (uint64_t p = 0; p < tracedat_cpu_pages(src, sb, c); p++)
				CHECK_EQ_INT(tracedat_writer_add_page(w, b, c, tracedat_page(spg, sb, c, p)), 0);
		CHECK_EQ_INT(tracedat_writer_close(w, err, sizeof(err)), 0);
		td = open_file(out);
		CHECK(td != NULL);
		if (!td)
			continue;
		CHECK_EQ_INT(td->has_top_buffer, v == 6);
		CHECK_EQ_INT(td->nr_buffers, v == 6 ? 2 : 1);
		CHECK_EQ_INT(tracedat_find_buffer(td, "inst1"), v == 6 ? 1 : 0);
		for (int c = 0; c < buf->nr_cpus; c++) {
			CHECK_EQ_INT(tracedat_cpu_pages(td, tracedat_find_buffer(td, "inst1"), c),
				     tracedat_cpu_pages(src, sb, c));
			if (v == 6)
				CHECK_EQ_INT(tracedat_cpu_pages(td, 0, c), 0);
		}
		tracedat_close(td);
	}
	tracedat_pages_free(spg);
	tracedat_close(src);
}

static void errors(void)
{
	struct tracedat *src = open_file(FIXTURE("sched_v6.dat"));
	struct tracedat_write_opts ok = { 7, COMPRESSION_ZSTD };
	struct tracedat_write_opts bad_version = { 5, COMPRESSION_NONE }, v6_zstd = { 6, COMPRESSION_ZSTD };
	struct tracedat_meta m, be;
	struct tracedat_writer *w;
	char err[512];
	const char *out;
	int fds = nr_fds();

	if (!src || !make_tmpdir()) {
		tracedat_close(src);
		SKIP("no fixture or no temporary directory");
	}
	out = tmp_path("errors.dat");
	tracedat_meta_from_file(src, &m);

	CHECK(tracedat_writer_open("/nonexistent/dir/out.dat", &ok, &m, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "/nonexistent/dir/out.dat: ") && strstr(err, "No such file"));
	CHECK(tracedat_writer_open(tmpdir, &ok, &m, err, sizeof(err)) == NULL);	/* a directory */
	CHECK(strstr(err, "Is a directory") != NULL);
	CHECK(tracedat_writer_open(out, &bad_version, &m, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "version") != NULL);
	CHECK(access(out, F_OK) != 0);	/* refused before creating anything */
	CHECK(tracedat_writer_open(out, &v6_zstd, &m, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "cannot be compressed") != NULL);
	be = m;
	be.big_endian = true;
	CHECK(tracedat_writer_open(out, &ok, &be, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "big-endian") != NULL);
	be = m;
	be.trace_clock = "two words";
	CHECK(tracedat_writer_open(out, &ok, &be, err, sizeof(err)) == NULL);
	CHECK(strstr(err, "clock") != NULL);
	CHECK(!strchr(err, '\n'));

	/* the top buffer after an instance; the same name twice; bad CPUs */
	w = tracedat_writer_open(out, &ok, &m, err, sizeof(err));
	CHECK(w != NULL);
	if (w) {
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "inst", NULL, 4096, 2), 0);
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "", NULL, 4096, 2), -1);
		CHECK(strstr(tracedat_writer_error(w), "first") != NULL);
		tracedat_writer_abort(w);
		CHECK(access(out, F_OK) != 0);
	}
	w = tracedat_writer_open(out, &ok, &m, err, sizeof(err));
	CHECK(w != NULL);
	if (w) {
		static uint8_t page[4096];

		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "", NULL, 4096, 2), 0);
		CHECK_EQ_INT(tracedat_writer_add_page(w, 0, 1, page), 0);
		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "", NULL, 4096, 2), -1);
		CHECK(strstr(tracedat_writer_error(w), "twice") != NULL);
		CHECK_EQ_INT(tracedat_writer_add_page(w, 0, 0, page), -1);	/* failed stays failed */
		CHECK_EQ_INT(tracedat_writer_close(w, err, sizeof(err)), -1);
		CHECK(strstr(err, "twice") != NULL);
		CHECK(access(out, F_OK) != 0);
	}
	w = tracedat_writer_open(out, &ok, &m, err, sizeof(err));
	CHECK(w != NULL);
	if (w) {
		static uint8_t page[4096];

		CHECK_EQ_INT(tracedat_writer_add_buffer(w, "", NULL, 4096, 2), 0);
		CHECK_EQ_INT(tracedat_writer_add_page(w, 0, 2, page), -1);
		CHECK(strstr(tracedat_writer_error(w), "no CPU 2") != NULL);
		CHECK_EQ_INT(tracedat_writer_close(w, err, sizeof(err)), -1);
	}
	w = tracedat_writer_open(out, &ok, &m, err, sizeof(err));
	CHECK(w != NULL);
	if (w) {
		static uint8_t page[4096];

		CHECK_EQ_INT(tracedat_writer_add_page(w, 0, 0, page), -1);
		CHECK(strstr(tracedat_writer_error(w), "no buffer 0") != NULL);
		tracedat_writer_abort(w);
	}
	CHECK_EQ_INT(tracedat_writer_close(NULL, err, sizeof(err)), -1);
	CHECK_EQ_INT(nr_fds(), fds);
	tracedat_close(src);
}

CHECK_MAIN(CASE(every_fixture_every_format), CASE(pages_in_any_order), CASE(chunk_layout), CASE(instance_page_size),
	   CASE(instances_only), CASE(errors))
