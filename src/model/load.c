#include "model/load.h"
#include "capture/tracedat.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define PROGRESS_EVERY 256	/* pages between progress reports */

struct load_job {
	struct tracedat *td;
	struct store *s;
	int *order;			/* streams, largest first */
	atomic_int next;		/* next entry of order to take */
	atomic_uint_fast64_t done;	/* pages indexed */
	atomic_bool stop;
	atomic_bool failed;
	uint64_t total;
	const struct load_options *opt;
};

static const void *file_page(void *ctx, int buffer, int cpu, uint64_t page)
{
	return tracedat_page(ctx, buffer, cpu, page);
}

int load_source_new(struct tracedat *td, struct store_source *src)
{
	src->page = file_page;
	src->ctx = tracedat_pages_new(td);
	return src->ctx ? 0 : -1;
}

void load_source_free(struct store_source *src)
{
	tracedat_pages_free(src->ctx);
	src->ctx = NULL;
}

static void index_stream(struct load_job *job, struct tracedat_pages *pages, struct kbuffer *kb,
			 int stream, bool report)
{
	struct store_stream *st = &job->s->streams[stream];
	uint64_t n = tracedat_cpu_pages(job->td, st->buffer, st->cpu);

	for (uint64_t i = 0; i < n && !atomic_load(&job->stop); i++) {
		const void *page = tracedat_page(pages, st->buffer, st->cpu, i);

		store_add_page(job->s, stream, kb, i, page);
		if ((atomic_fetch_add(&job->done, 1) + 1) % PROGRESS_EVERY == 0 && report &&
		    job->opt->progress && job->opt->progress(job->opt->ctx, atomic_load(&job->done), job->total))
			atomic_store(&job->stop, true);
	}
}

/* One worker: takes streams until none is left.  The first worker (the
 * calling thread) also reports progress. */
static void work(struct load_job *job, bool report)
{
	struct tracedat_pages *pages = tracedat_pages_new(job->td);
	struct kbuffer *kb = store_kbuffer_new(job->s);
	int i;

	if (!pages || !kb) {
		atomic_store(&job->failed, true);
	} else {
		while ((i = atomic_fetch_add(&job->next, 1)) < job->s->nr_streams)
			index_stream(job, pages, kb, job->order[i], report);
	}
	store_kbuffer_free(kb);
	tracedat_pages_free(pages);
}

static void *worker(void *arg)
{
	work(arg, false);
	return NULL;
}

static int add_streams(struct tracedat *td, struct store *s)
{
	for (int b = 0; b < td->nr_buffers; b++) {
		const struct tracedat_buffer *buf = &td->buffers[b];

		struct ts_adjust adj = tracedat_buffer_adjust(td, b);

		if (store_add_buffer(s, buf->name, buf->page_size, &adj) < 0)
			return -1;
		for (int c = 0; c < buf->nr_cpus; c++)
			if (buf->cpus[c].data_size && store_add_stream(s, b, c) < 0)
				return -1;
	}
	return 0;
}

static int thread_count(const struct load_options *opt, int streams)
{
	long n = opt->threads;
	const char *env = getenv("FTUI_THREADS");

	if (env)
		n = atol(env);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n > 8)
		n = 8;
	if (n > streams)
		n = streams;
	return n < 1 ? 1 : (int)n;
}

static int cmp_pages_desc(const void *a, const void *b, void *arg)
{
	struct load_job *job = arg;
	const struct store_stream *sa = &job->s->streams[*(const int *)a];
	const struct store_stream *sb = &job->s->streams[*(const int *)b];
	uint64_t na = tracedat_cpu_pages(job->td, sa->buffer, sa->cpu);
	uint64_t nb = tracedat_cpu_pages(job->td, sb->buffer, sb->cpu);

	if (na != nb)
		return na > nb ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

static int run_workers(struct load_job *job)
{
	int n = thread_count(job->opt, job->s->nr_streams);
	pthread_t *tids = calloc(n, sizeof(*tids));
	int started = 0;

	if (!tids)
		return -1;
	for (int i = 1; i < n; i++)
		if (!pthread_create(&tids[i], NULL, worker, job))
			started = i;
	work(job, true);
	for (int i = 1; i <= started; i++)
		pthread_join(tids[i], NULL);
	free(tids);
	return 0;
}

struct store *load_tracedat(struct tracedat *td, const struct load_options *opt, char *err, size_t errlen)
{
	struct store_layout layout = {
		.big_endian = td->big_endian,
		.long_size = td->kernel_long_size,
		.old_format = td->old_format,
	};
	struct load_job job = { .td = td, .opt = opt };
	struct store *s;

	if (store_layout_from_tep(&layout, td->tep)) {
		snprintf(err, errlen, "%s: corrupt common fields in the event formats", td->path);
		return NULL;
	}
	s = store_new(&layout);
	if (!s || add_streams(td, s)) {
		store_free(s);
		snprintf(err, errlen, "%s: out of memory", td->path);
		return NULL;
	}
	job.s = s;
	job.order = calloc(s->nr_streams ? s->nr_streams : 1, sizeof(*job.order));
	for (int i = 0; job.order && i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		job.order[i] = i;
		job.total += tracedat_cpu_pages(td, st->buffer, st->cpu);
	}
	if (job.order)
		qsort_r(job.order, s->nr_streams, sizeof(*job.order), cmp_pages_desc, &job);
	if (!job.order || run_workers(&job) || atomic_load(&job.failed)) {
		snprintf(err, errlen, "%s: out of memory", td->path);
		free(job.order);
		store_free(s);
		return NULL;
	}
	free(job.order);
	store_trim(s);
	if (atomic_load(&job.stop)) {
		snprintf(err, errlen, "%s: loading stopped", td->path);
		store_free(s);
		return NULL;
	}
	return s;
}
