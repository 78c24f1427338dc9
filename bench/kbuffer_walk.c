/* kbuffer_walk: the bare page-walk baseline for bench/run.sh.
 *
 * Opens a trace.dat with ftui's reader (tracedat_open), then hands every page
 * of every CPU of every buffer to libtraceevent's kbuffer and steps through
 * its records, counting them.  Nothing is decoded, stored or indexed: this is
 * the least work any reader has to do (read/decompress the pages, walk the
 * record headers), so `ftui stat` time / this time is the cost of indexing.
 *
 * usage: kbuffer_walk [-j THREADS] FILE
 *   -j N  walk the per-CPU streams on N threads (default 1; 0 = one per
 *         online CPU, at most 8 -- what `ftui stat` uses).  Each thread has
 *         its own tracedat_pages handle and kbuffer, streams are taken
 *         largest first.
 * Prints: "events: N  pages: P  missed-pages: M  bad-pages: B".
 *
 * Build (bench/run.sh does it):
 *   make build/libftui.a
 *   cc -O2 -Isrc $(pkg-config --cflags libtraceevent libtracefs libzstd zlib ncursesw) \
 *      bench/kbuffer_walk.c build/libftui.a \
 *      $(pkg-config --libs libtraceevent libtracefs libzstd zlib ncursesw) -lpthread -lm
 */
#define _GNU_SOURCE
#include "capture/tracedat.h"

#include <kbuffer.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct stream {
	int buf, cpu;
	uint64_t pages;
};

struct job {
	struct tracedat *td;
	struct stream *streams;
	int nr_streams;
	atomic_int next;
	atomic_uint_fast64_t events, pages, missed, bad;
};

static struct kbuffer *new_kbuffer(const struct tracedat *td)
{
	struct kbuffer *kb = kbuffer_alloc(td->kernel_long_size == 8 ? KBUFFER_LSIZE_8 : KBUFFER_LSIZE_4,
					   td->big_endian ? KBUFFER_ENDIAN_BIG : KBUFFER_ENDIAN_LITTLE);

	if (kb && td->old_format)
		kbuffer_set_old_format(kb);
	return kb;
}

static void *walk(void *arg)
{
	struct job *job = arg;
	struct tracedat_pages *pages = tracedat_pages_new(job->td);
	struct kbuffer *kb = new_kbuffer(job->td);
	uint64_t events = 0, npages = 0, missed = 0, bad = 0;
	int i;

	if (!pages || !kb) {
		fprintf(stderr, "kbuffer_walk: out of memory\n");
		exit(1);
	}
	while ((i = atomic_fetch_add(&job->next, 1)) < job->nr_streams) {
		const struct stream *st = &job->streams[i];

		for (uint64_t p = 0; p < st->pages; p++) {
			const void *page = tracedat_page(pages, st->buf, st->cpu, p);
			unsigned long long ts;
			void *data;

			if (!page || kbuffer_load_subbuffer(kb, (void *)page) < 0) {
				bad++;
				continue;
			}
			npages++;
			if (kbuffer_missed_events(kb))
				missed++;
			for (data = kbuffer_read_event(kb, &ts); data; data = kbuffer_next_event(kb, &ts))
				events++;
		}
	}
	atomic_fetch_add(&job->events, events);
	atomic_fetch_add(&job->pages, npages);
	atomic_fetch_add(&job->missed, missed);
	atomic_fetch_add(&job->bad, bad);
	kbuffer_free(kb);
	tracedat_pages_free(pages);
	return NULL;
}

static int cmp_pages_desc(const void *a, const void *b)
{
	const struct stream *x = a, *y = b;

	return x->pages < y->pages ? 1 : x->pages > y->pages ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct job job = { 0 };
	char err[512];
	long threads = 1;
	pthread_t *tids;
	int opt;

	while ((opt = getopt(argc, argv, "j:h")) != -1) {
		switch (opt) {
		case 'j':
			threads = atol(optarg);
			break;
		default:
			fprintf(stderr, "usage: %s [-j THREADS] FILE\n", argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "usage: %s [-j THREADS] FILE\n", argv[0]);
		return 2;
	}
	job.td = tracedat_open(argv[optind], err, sizeof(err));
	if (!job.td) {
		fprintf(stderr, "kbuffer_walk: %s\n", err);
		return 1;
	}

	for (int b = 0; b < job.td->nr_buffers; b++)
		job.nr_streams += job.td->buffers[b].nr_cpus;
	job.streams = calloc(job.nr_streams ? job.nr_streams : 1, sizeof(*job.streams));
	if (!job.streams)
		return 1;
	job.nr_streams = 0;
	for (int b = 0; b < job.td->nr_buffers; b++)
		for (int c = 0; c < job.td->buffers[b].nr_cpus; c++) {
			uint64_t n = tracedat_cpu_pages(job.td, b, c);

			if (n)
				job.streams[job.nr_streams++] = (struct stream){ b, c, n };
		}
	qsort(job.streams, job.nr_streams, sizeof(*job.streams), cmp_pages_desc);

	if (threads <= 0)
		threads = sysconf(_SC_NPROCESSORS_ONLN);
	if (threads > 8)
		threads = 8;
	if (threads > job.nr_streams)
		threads = job.nr_streams;
	if (threads < 1)
		threads = 1;
	tids = calloc(threads, sizeof(*tids));
	for (long t = 1; t < threads; t++)
		if (pthread_create(&tids[t], NULL, walk, &job)) {
			fprintf(stderr, "kbuffer_walk: cannot start a thread\n");
			return 1;
		}
	walk(&job);
	for (long t = 1; t < threads; t++)
		pthread_join(tids[t], NULL);

	printf("events: %llu  pages: %llu  missed-pages: %llu  bad-pages: %llu\n",
	       (unsigned long long)job.events, (unsigned long long)job.pages, (unsigned long long)job.missed,
	       (unsigned long long)job.bad);
	free(tids);
	free(job.streams);
	tracedat_close(job.td);
	return 0;
}
