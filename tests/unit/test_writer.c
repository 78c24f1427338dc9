/* The trace.dat writer: fixtures rewritten in every version and compression
 * read back page for page, pages streamed in any order, the chunk layout,
 * runs of pages from one thread per CPU,
 * cmdlines given late, big-endian twins (convert_swap), and the error
 * paths. */
#include "check.h"
#include "capture/tracedat.h"
#include "capture/convert.h"
#include "capture/tracedat_write.h"

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <traceevent/event-parse.h>
#include <traceevent/kbuffer.h>
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

struct conv_opts {
	bool interleave;	/* pages of all (buffer, CPU) streams one after the other,
				 * in reverse CPU order, as a live capture may deliver them */
	bool big_endian;	/* swap the pages into a big-endian file */
	int nr_cmdlines;	/* tracedat_writer_set_cmdlines() after the pages, in turn */
	const struct metadata_blob *cmdlines[3];
};

static uint8_t swap_buf[1 << 16];

static int add_page(struct tracedat_writer *w, struct convert_swap *sw, int b, int cpu, uint32_t page_size,
		    const void *page)
{
	char err[256];

	if (sw) {
		if (!page || page_size > sizeof(swap_buf) || convert_swap_page(sw, page, swap_buf, page_size, err, sizeof(err))) {
			fprintf(stderr, "  swap: %s\n", page ? err : "no page");
			return -1;
		}
		page = swap_buf;
	}
	return tracedat_writer_add_page(w, b, cpu, page);
}

/* Rewrite in as out. */
static int convert_with(const char *in, const char *out, const struct combo *cb, const struct conv_opts *co)
{
	struct tracedat_write_opts o = { .version = cb->version, .compression = cb->comp };
	struct tracedat *td = open_file(in);
	struct convert_swap *sw = NULL;
	struct tracedat_pages *pg;
	struct tracedat_meta m;
	struct tracedat_writer *w;
	char err[512];
	int ret = 0;
	bool more = true, interleave = co->interleave;

	if (!td)
		return -1;
	tracedat_meta_from_file(td, &m);
	m.big_endian = co->big_endian;
	if (co->big_endian && !(sw = convert_swap_new(td->tep, td->kernel_long_size, td->big_endian, &td->printk,
						       err, sizeof(err)))) {
		fprintf(stderr, "  %s\n", err);
		tracedat_close(td);
		return -1;
	}
	w = tracedat_writer_open(out, &o, &m, err, sizeof(err));
	pg = tracedat_pages_new(td);
	if (!w || !pg) {
		fprintf(stderr, "  %s\n", w ? "out of memory" : err);
		tracedat_writer_abort(w);
		tracedat_pages_free(pg);
		convert_swap_free(sw);
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
					ret = add_page(w, sw, b, cpu, td->buffers[b].page_size,
						       tracedat_page(pg, b, cpu, p));
					if (interleave) {
						more = true;
						break;
					}
				}
			}
		more = more && interleave;
	}
	for (int i = 0; i < co->nr_cmdlines && !ret; i++)
		ret = tracedat_writer_set_cmdlines(w, co->cmdlines[i]);
	if (ret)
		fprintf(stderr, "  add: %s\n", tracedat_writer_error(w));
	if (sw && convert_swap_stats(sw)->inexact) {
		fprintf(stderr, "  %llu records swapped inexactly: %s\n",
			(unsigned long long)convert_swap_stats(sw)->inexact, convert_swap_stats(sw)->first_inexact);
		ret = -1;
	}
	if (tracedat_writer_close(w, err, sizeof(err))) {
		fprintf(stderr, "  close: %s\n", err);
		ret = -1;
	}
	tracedat_pages_free(pg);
	convert_swap_free(sw);
	tracedat_close(td);
	return ret;
}

static int convert(const char *in, const char *out, const struct combo *cb, bool interleave)
{
	return convert_with(in, out, cb, &(struct conv_opts){ .interleave = interleave });
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

/* Everything the reader sees must be the same, pages byte for byte (but for
 * a big-endian out: see check_twin()), the cmdlines those of in or, when
 * given, cmdlines. */
static void check_same_as(const char *in, const char *out, const struct combo *cb, const struct metadata_blob *cmdlines,
			  bool big_endian)
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
	check_blob(&b->cmdlines, cmdlines ? cmdlines : &a->cmdlines);
	CHECK_EQ_INT(b->big_endian, big_endian);
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
			for (uint64_t p = 0; p < n && !big_endian && tracedat_cpu_pages(b, i, c) == n; p++) {
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

static void check_same(const char *in, const char *out, const struct combo *cb)
{
	check_same_as(in, out, cb, NULL, false);
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

/* ---- pages in runs, one thread per CPU (as `ftui record` writes) ---- */

#define RUN_PAGES 57	/* per CPU: several chunks and a partial one */

struct cpu_feed {
	struct tracedat_writer *w;
	int cpu;
	const uint8_t *pages;	/* RUN_PAGES pages */
	uint32_t page_size;
	int ret;
};

/* Runs of 1, 3, 17, ... pages: both the copy into a partial chunk and the
 * whole chunks taken straight from the caller's memory. */
static void *feed_cpu(void *arg)
{
	static const size_t runs[] = { 1, 3, 17, 10, 2, 20 };
	struct cpu_feed *f = arg;
	size_t at = 0;

	for (size_t i = 0; at < RUN_PAGES && !f->ret; i++) {
		size_t n = runs[i % 6] < RUN_PAGES - at ? runs[i % 6] : RUN_PAGES - at;

		f->ret = tracedat_writer_add_pages(f->w, 0, f->cpu, f->pages + at * f->page_size, n);
		at += n;
	}
	return NULL;
}

/* The fixture's first pages of each CPU, repeated to RUN_PAGES. */
static uint8_t *cpu_pages(struct tracedat *td, struct tracedat_pages *pg, int cpu)
{
	uint64_t have = tracedat_cpu_pages(td, 0, cpu);
	uint8_t *pages = have ? malloc((size_t)RUN_PAGES * td->page_size) : NULL;

	for (uint64_t p = 0; pages && p < RUN_PAGES; p++) {
		const void *src = tracedat_page(pg, 0, cpu, p % have);

		if (!src) {
			free(pages);
			return NULL;
		}
		memcpy(pages + p * td->page_size, src, td->page_size);
	}
	return pages;
}

static int write_runs(struct tracedat *td, uint8_t **pages, const char *out, const struct combo *cb, bool threads)
{
	struct tracedat_write_opts o = { .version = cb->version, .compression = cb->comp };
	struct cpu_feed feeds[2];
	pthread_t t[2];
	struct tracedat_meta m;
	struct tracedat_writer *w;
	char err[512];
	int ret = 0;

	tracedat_meta_from_file(td, &m);
	w = tracedat_writer_open(out, &o, &m, err, sizeof(err));
	if (!w || tracedat_writer_add_buffer(w, "", td->clock, td->page_size, 2) != 0) {
		tracedat_writer_abort(w);
		return -1;
	}
	for (int c = 0; c < 2; c++) {
		feeds[c] = (struct cpu_feed){ .w = w, .cpu = c, .pages = pages[c], .page_size = td->page_size };
		if (!threads)
			for (int p = 0; p < RUN_PAGES && !ret; p++)
				ret = tracedat_writer_add_page(w, 0, c, pages[c] + (size_t)p * td->page_size);
		else if (pthread_create(&t[c], NULL, feed_cpu, &feeds[c]))
			feed_cpu(&feeds[c]), t[c] = 0;
	}
	for (int c = 0; c < 2 && threads; c++) {
		if (t[c])
			pthread_join(t[c], NULL);
		ret |= feeds[c].ret;
	}
	if (tracedat_writer_close(w, err, sizeof(err)))
		fprintf(stderr, "  close: %s\n", err), ret = -1;
	return ret;
}

static bool same_file(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca = 0, cb = 0;

	while (fa && fb && (ca = getc(fa)) == (cb = getc(fb)) && ca != EOF)
		;
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return fa && fb && ca == EOF && cb == EOF;
}

static void pages_in_runs_from_threads(void)
{
	struct tracedat *td;
	struct tracedat_pages *pg;
	uint8_t *pages[2] = { NULL, NULL };

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	td = open_file(FIXTURE("sched_v7_zstd.dat"));
	pg = td ? tracedat_pages_new(td) : NULL;
	CHECK(td && pg && td->buffers[0].nr_cpus == 2);
	for (int c = 0; pg && c < 2; c++)
		pages[c] = cpu_pages(td, pg, c);
	CHECK(pages[0] && pages[1]);
	for (size_t i = 0; pages[0] && pages[1] && i < sizeof(combos) / sizeof(combos[0]); i++) {
		char one[128], runs[128];
		struct tracedat *back;
		struct tracedat_pages *bp;

		snprintf(one, sizeof(one), "%s", tmp_path("one-by-one.dat"));
		snprintf(runs, sizeof(runs), "%s", tmp_path("runs.dat"));
		CHECK_EQ_INT(write_runs(td, pages, one, &combos[i], false), 0);
		CHECK_EQ_INT(write_runs(td, pages, runs, &combos[i], true), 0);
		CHECK(same_file(one, runs));
		back = open_file(runs);
		bp = back ? tracedat_pages_new(back) : NULL;
		CHECK(bp != NULL);
		for (int c = 0; bp && c < 2; c++) {
			int bad = 0;

			CHECK_EQ_INT(tracedat_cpu_pages(back, 0, c), RUN_PAGES);
			for (uint64_t p = 0; p < RUN_PAGES && tracedat_cpu_pages(back, 0, c) == RUN_PAGES; p++) {
				const void *got = tracedat_page(bp, 0, c, p);

				bad += !got || memcmp(got, pages[c] + p * td->page_size, td->page_size);
			}
			CHECK_EQ_INT(bad, 0);
		}
		tracedat_pages_free(bp);
		tracedat_close(back);
	}
	free(pages[0]);
	free(pages[1]);
	tracedat_pages_free(pg);
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

/* Cmdlines given after the pages (as `ftui record` does at its end): the last
 * ones given are in the file, in every version, and name the tasks; NULL
 * empties them. */
static void late_cmdlines(void)
{
	static char early[] = "1 early\n";
	static char late[] = "4242 latecomer\n77 other\n";
	const struct metadata_blob a = { .data = early, .size = sizeof(early) - 1 };
	const struct metadata_blob b = { .data = late, .size = sizeof(late) - 1 };
	const struct metadata_blob none = { 0 };
	const char *in = FIXTURE("two_buffers_v6.dat");

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	for (size_t i = 0; i < sizeof(combos) / sizeof(combos[0]); i++) {
		struct conv_opts co = { .nr_cmdlines = 2, .cmdlines = { &a, &b } };
		char name[64];
		const char *out;
		struct tracedat *td;

		snprintf(name, sizeof(name), "late.%s.dat", combos[i].tag);
		out = tmp_path(name);
		CHECK_EQ_INT(convert_with(in, out, &combos[i], &co), 0);
		check_same_as(in, out, &combos[i], &b, false);
		td = open_file(out);
		CHECK(td != NULL);
		if (td) {
			CHECK_EQ_STR(tep_data_comm_from_pid(td->tep, 4242), "latecomer");
			CHECK_EQ_STR(tep_data_comm_from_pid(td->tep, 77), "other");
			tracedat_close(td);
		}
		co = (struct conv_opts){ .nr_cmdlines = 2, .cmdlines = { &b, NULL } };
		snprintf(name, sizeof(name), "nocmd.%s.dat", combos[i].tag);
		out = tmp_path(name);
		CHECK_EQ_INT(convert_with(in, out, &combos[i], &co), 0);
		check_same_as(in, out, &combos[i], &none, false);
	}
}

/* printk formats whose last line has no newline (a fuzzer find: the
 * reader's clean-up copy of them overflowed by one byte). */
static void printk_without_newline(void)
{
	static char text[] = "0xffffffff81000000 : \"a format with no newline at the end\"";
	const struct metadata_blob printk = { .data = text, .size = sizeof(text) - 1 };
	struct tracedat_write_opts o = { .version = 6, .compression = COMPRESSION_NONE };
	struct tracedat *src = open_file(FIXTURE("sched_v6.dat")), *td;
	struct tracedat_writer *w;
	struct tracedat_meta m;
	const char *out;
	char err[512];

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	CHECK(src != NULL);
	if (!src)
		return;
	tracedat_meta_from_file(src, &m);
	m.printk = &printk;
	out = tmp_path("printk.dat");
	w = tracedat_writer_open(out, &o, &m, err, sizeof(err));
	CHECK(w != NULL);
	CHECK(w && tracedat_writer_add_buffer(w, "", src->clock, src->page_size, src->cpus) == 0);
	CHECK(w && tracedat_writer_close(w, err, sizeof(err)) == 0);
	td = open_file(out);	/* under ASan in the SAN run: no overflow */
	CHECK(td != NULL);
	if (td)
		CHECK(td->printk.size == printk.size);
	tracedat_close(td);
	tracedat_close(src);
}

/* Every field libtraceevent reads from a record of a and one of b (same
 * layout, each in its file's byte order) must have the same value. */
static int compare_fields(struct tep_handle *ta, struct tep_handle *tb, void *da, void *db, int size)
{
	struct tep_record ra = { .data = da, .size = size }, rb = { .data = db, .size = size };
	int id = tep_data_type(ta, &ra), bad = 0;
	struct tep_event *ea = tep_find_event(ta, id), *eb = tep_find_event(tb, tep_data_type(tb, &rb));
	struct tep_format_field *lists[2][2] = { { ea ? ea->format.common_fields : NULL, ea ? ea->format.fields : NULL },
						 { eb ? eb->format.common_fields : NULL, eb ? eb->format.fields : NULL } };

	if (id != tep_data_type(tb, &rb) || !ea != !eb)
		return 1;
	for (int l = 0; l < 2; l++) {
		struct tep_format_field *fa = lists[0][l], *fb = lists[1][l];

		for (; fa && fb; fa = fa->next, fb = fb->next) {
			int off = fa->offset, n = fa->size, e = (int)fa->elementsize;

			if (fa->offset != fb->offset || fa->size != fb->size)
				return 1;
			if (off + n > size)
				continue;
			if (fa->flags & TEP_FIELD_IS_DYNAMIC) {
				unsigned long long w = tep_read_number(ta, (char *)da + off, n);

				bad += w != tep_read_number(tb, (char *)db + off, n);
				if (n == 4 && (fa->flags & TEP_FIELD_IS_STRING)) {
					unsigned dof = (w & 0xffff) + ((fa->flags & TEP_FIELD_IS_RELATIVE) ? off + 4 : 0);

					if (dof + (w >> 16) <= (unsigned)size)
						bad += memcmp((char *)da + dof, (char *)db + dof, w >> 16) != 0;
				}
			} else if ((fa->flags & TEP_FIELD_IS_ARRAY) && !(fa->flags & TEP_FIELD_IS_STRING) &&
				   (e == 2 || e == 4 || e == 8)) {
				for (int k = 0; k + e <= n; k += e)
					bad += tep_read_number(ta, (char *)da + off + k, e) !=
					       tep_read_number(tb, (char *)db + off + k, e);
			} else if (!(fa->flags & TEP_FIELD_IS_ARRAY) && (n == 1 || n == 2 || n == 4 || n == 8)) {
				bad += tep_read_number(ta, (char *)da + off, n) != tep_read_number(tb, (char *)db + off, n);
			} else {
				bad += memcmp((char *)da + off, (char *)db + off, n) != 0;
			}
		}
	}
	return bad;
}

/* A little-endian page and its big-endian twin, read by kbuffer: the same
 * data size, lost events, timestamps, record sizes and field values. */
static int compare_twin_pages(struct tracedat *a, struct tracedat *b, const void *pa, const void *pb)
{
	enum kbuffer_long_size ls = a->kernel_long_size == 8 ? KBUFFER_LSIZE_8 : KBUFFER_LSIZE_4;
	struct kbuffer *ka = kbuffer_alloc(ls, KBUFFER_ENDIAN_LITTLE), *kb = kbuffer_alloc(ls, KBUFFER_ENDIAN_BIG);
	unsigned long long ta = 0, tb = 0;
	void *da, *db;
	int bad = 0;

	if (!ka || !kb || kbuffer_load_subbuffer(ka, (void *)pa) || kbuffer_load_subbuffer(kb, (void *)pb)) {
		kbuffer_free(ka);
		kbuffer_free(kb);
		return 1;
	}
	bad += kbuffer_subbuffer_size(ka) != kbuffer_subbuffer_size(kb);
	bad += kbuffer_missed_events(ka) != kbuffer_missed_events(kb);
	da = kbuffer_read_event(ka, &ta);
	db = kbuffer_read_event(kb, &tb);
	while (da || db) {
		if (!da || !db || ta != tb || kbuffer_event_size(ka) != kbuffer_event_size(kb)) {
			bad++;
			break;
		}
		bad += compare_fields(a->tep, b->tep, da, db, kbuffer_event_size(ka));
		da = kbuffer_next_event(ka, &ta);
		db = kbuffer_next_event(kb, &tb);
	}
	kbuffer_free(ka);
	kbuffer_free(kb);
	return bad;
}

/* out is the big-endian twin of the little-endian in: the same metadata,
 * every page read the same, and swapping it back gives in's page again. */
static void check_twin(const char *in, const char *out, const struct combo *cb)
{
	struct tracedat *a, *b;
	struct tracedat_pages *pa, *pb;
	struct convert_swap *back;
	static uint8_t page[1 << 16];
	char err[256];

	check_same_as(in, out, cb, NULL, true);
	a = open_file(in);
	b = open_file(out);
	pa = a ? tracedat_pages_new(a) : NULL;
	pb = b ? tracedat_pages_new(b) : NULL;
	back = b ? convert_swap_new(b->tep, b->kernel_long_size, true, &b->printk, err, sizeof(err)) : NULL;
	CHECK(a && b && pa && pb && back);
	if (a && b && pa && pb && back && a->nr_buffers == b->nr_buffers) {
		CHECK(!a->big_endian && b->big_endian);
		for (int i = 0; i < a->nr_buffers; i++)
			for (int c = 0; c < a->buffers[i].nr_cpus; c++) {
				uint64_t n = tracedat_cpu_pages(a, i, c);
				uint32_t ps = a->buffers[i].page_size;
				int bad = 0, back_bad = 0;

				for (uint64_t p = 0; p < n && ps <= sizeof(page); p++) {
					const void *u = tracedat_page(pa, i, c, p), *v = tracedat_page(pb, i, c, p);

					if (!u || !v) {
						bad++;
						continue;
					}
					bad += compare_twin_pages(a, b, u, v);
					bad += memcmp(u, v, ps) == 0 && n;	/* really swapped */
					back_bad += convert_swap_page(back, v, page, ps, err, sizeof(err)) ||
						    memcmp(u, page, ps);
				}
				CHECK_EQ_INT(bad, 0);
				CHECK_EQ_INT(back_bad, 0);
			}
		CHECK_EQ_INT(convert_swap_stats(back)->inexact, 0);
	}
	convert_swap_free(back);
	tracedat_pages_free(pa);
	tracedat_pages_free(pb);
	tracedat_close(a);
	tracedat_close(b);
}

static void big_endian_twins(void)
{
	static const char *const fixtures[] = {
		"sched_v6.dat", "irq_timer_syscalls_v7.dat", "two_buffers_v7.dat", "lost_events_v6.dat",
		"bprint_v7.dat", "clock_counter_v7.dat", "empty_v7.dat",
	};
	static const struct combo *const be_combos[] = { &combos[0], &combos[1], &combos[3] };	/* v7 zstd, none; v6 */

	if (!make_tmpdir())
		SKIP("cannot create a temporary directory");
	for (size_t f = 0; f < sizeof(fixtures) / sizeof(fixtures[0]); f++) {
		char in[256], name[128];

		snprintf(in, sizeof(in), FIXTURE("%s"), fixtures[f]);
		for (size_t i = 0; i < sizeof(be_combos) / sizeof(be_combos[0]); i++) {
			const char *out;

			snprintf(name, sizeof(name), "be.%s.%s", be_combos[i]->tag, fixtures[f]);
			out = tmp_path(name);
			CHECK_EQ_INT(convert_with(in, out, be_combos[i], &(struct conv_opts){ .big_endian = true }), 0);
			check_twin(in, out, be_combos[i]);
		}
	}
}

static uint64_t load_be(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_le(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A made-up page: the header words re-encoded, the stored lost-event count,
 * a record of an unknown event counted as inexact, and malformed pages. */
static void swap_page_by_hand(void)
{
	struct tracedat *td = open_file(FIXTURE("sched_v7_zstd.dat"));
	static uint8_t le[4096], be[4096], back[4096];
	struct convert_swap *sw, *sb;
	char err[256];
	size_t d = 16, size = 0;

	if (!td)
		SKIP("no fixture");
	CHECK(convert_swap_new(td->tep, 3, false, NULL, err, sizeof(err)) == NULL && strstr(err, "long"));
	sw = convert_swap_new(td->tep, 8, false, &td->printk, err, sizeof(err));
	CHECK(sw != NULL);
	if (!sw) {
		tracedat_close(td);
		return;
	}
	memset(le, 0, sizeof(le));
	put_le(le, 0x1122334455667788ULL, 8);
	put_le(le + d + size, 5U << 5 | 30, 4);	/* TIME_EXTEND, delta 5 */
	put_le(le + d + size + 4, 7, 4);
	size += 8;
	put_le(le + d + size, 9U << 5 | 0, 4);	/* long form: length word 4 + 12 */
	put_le(le + d + size + 4, 16, 4);
	put_le(le + d + size + 8, 0x7ff0, 2);	/* common_type: no such event */
	put_le(le + d + size + 12, 1234, 4);	/* common_pid */
	size += 20;
	put_le(le + d + size, 1U << 5 | 29, 4);	/* PADDING (a discarded record) of 4 + 8 */
	put_le(le + d + size + 4, 8, 4);
	size += 12;
	put_le(le + 8, size | 3ULL << 30, 8);	/* MISSING_EVENTS | MISSING_STORED */
	put_le(le + d + size, 99, 8);		/* the lost-event count */

	CHECK_EQ_INT(convert_swap_page(sw, le, be, sizeof(le), err, sizeof(err)), 0);
	CHECK_EQ_INT(load_be(be, 8), 0x1122334455667788ULL);
	CHECK_EQ_INT(load_be(be + 8, 8), size | 3ULL << 30);
	CHECK_EQ_INT(load_be(be + d, 4), 30U << 27 | 5);
	CHECK_EQ_INT(load_be(be + d + 4, 4), 7);
	CHECK_EQ_INT(load_be(be + d + 8, 4), 0U << 27 | 9);
	CHECK_EQ_INT(load_be(be + d + 12, 4), 16);
	CHECK_EQ_INT(load_be(be + d + 16, 2), 0x7ff0);	/* the common fields are swapped */
	CHECK_EQ_INT(load_be(be + d + 20, 4), 1234);
	CHECK_EQ_INT(load_be(be + d + 28, 4), 29U << 27 | 1);
	CHECK_EQ_INT(load_be(be + d + 32, 4), 8);
	CHECK_EQ_INT(load_be(be + d + size, 8), 99);
	CHECK_EQ_INT(convert_swap_stats(sw)->records, 1);
	CHECK_EQ_INT(convert_swap_stats(sw)->inexact, 1);
	CHECK(strstr(convert_swap_stats(sw)->first_inexact, "no format for event id 32752") != NULL);

	sb = convert_swap_new(td->tep, 8, true, NULL, err, sizeof(err));	/* and back */
	CHECK(sb != NULL);
	if (sb) {
		CHECK_EQ_INT(convert_swap_page(sb, be, back, sizeof(be), err, sizeof(err)), 0);
		CHECK(!memcmp(le, back, sizeof(le)));
		convert_swap_free(sb);
	}

	put_le(le + 8, 4096, 8);	/* more data than the page holds */
	CHECK_EQ_INT(convert_swap_page(sw, le, be, sizeof(le), err, sizeof(err)), -1);
	CHECK(strstr(err, "does not fit") != NULL);
	put_le(le + 8, 26, 8);		/* the long record cut short */
	CHECK_EQ_INT(convert_swap_page(sw, le, be, sizeof(le), err, sizeof(err)), -1);
	CHECK(strstr(err, "runs past the end") != NULL);
	convert_swap_free(sw);
	tracedat_close(td);
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
	w = tracedat_writer_open(out, &ok, &be, err, sizeof(err));	/* big-endian files are written */
	CHECK(w != NULL);
	tracedat_writer_abort(w);
	CHECK(access(out, F_OK) != 0);
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
		CHECK_EQ_INT(tracedat_writer_set_cmdlines(w, m.cmdlines), -1);
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
	CHECK_EQ_INT(tracedat_writer_set_cmdlines(NULL, m.cmdlines), -1);
	CHECK_EQ_INT(nr_fds(), fds);
	tracedat_close(src);
}

CHECK_MAIN(CASE(every_fixture_every_format), CASE(pages_in_any_order), CASE(chunk_layout), CASE(pages_in_runs_from_threads),
	   CASE(instance_page_size),
	   CASE(instances_only), CASE(late_cmdlines), CASE(printk_without_newline), CASE(big_endian_twins), CASE(swap_page_by_hand), CASE(errors))
