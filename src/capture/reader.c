#include "capture/reader.h"
#include "capture/live.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tracefs.h>
#include <unistd.h>

#define READ_BATCH 256		/* pages per CPU before looking at the stop flag */
#define READ_EVERY_MS 100	/* at least this often, even below buffer_percent */
#define READ_PAUSE_MS 20	/* after catching up with the kernel (see run_cpu) */
#define SPARE_PAGES 1024	/* pages kept for reuse: no malloc, no page faults per page */

struct qpage {
	int cpu;
	uint8_t *data;
};

struct reader_cpu {
	struct reader *r;
	int cpu;
	uint8_t *page;		/* the next page to read into */
	pthread_t thread;
	bool running;
	bool dropped;		/* a page was dropped since the last one queued */
};

struct reader {
	struct live *l;
	struct reader_cpu *cpus;	/* a thread per traced CPU */
	int wake[2];		/* written once to stop the threads */
	atomic_bool stop;
	pthread_mutex_t lock;
	struct qpage *q;		/* the queue, filled by the thread */
	size_t n, cap;
	size_t max_pages;
	size_t max_spare;	/* SPARE_PAGES, or an eighth of max_pages when less */
	uint8_t **spare;	/* pages given back by reader_take(), for reuse */
	size_t nr_spare;
	atomic_uint_fast64_t dropped;
};

static uint8_t *new_page(struct reader *r)
{
	uint8_t *page = NULL;

	pthread_mutex_lock(&r->lock);
	if (r->nr_spare)
		page = r->spare[--r->nr_spare];
	pthread_mutex_unlock(&r->lock);
	return page ? page : malloc((size_t)r->l->page_size);
}

/* Queue a page (malloc'd: the queue owns it now).  The first page after a
 * dropped one says so in its header, as the kernel does after overwriting:
 * readers of the store and of a trace.dat made from it then know that
 * events are missing there. */
static void enqueue(struct reader_cpu *c, uint8_t *page)
{
	struct reader *r = c->r;
	int cpu = c->cpu;
	bool kept = false;

	if (c->dropped)
		live_page_mark_missed(r->l, page);
	pthread_mutex_lock(&r->lock);
	if (r->n < r->max_pages) {
		if (r->n == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 256;
			struct qpage *q = realloc(r->q, cap * sizeof(*q));

			if (q) {
				r->q = q;
				r->cap = cap;
			}
		}
		if (r->n < r->cap) {
			r->q[r->n++] = (struct qpage){ cpu, page };
			kept = true;
		}
	}
	pthread_mutex_unlock(&r->lock);
	c->dropped = !kept;
	if (!kept) {
		free(page);
		atomic_fetch_add(&r->dropped, 1);
	}
}

/* One CPU: woken by the kernel when its buffer passes buffer_percent, or
 * every READ_EVERY_MS to pick up the last, partly filled page (the screen
 * shows what happened up to now, not up to the last full page). */
static void *run_cpu(void *arg)
{
	struct reader_cpu *c = arg;
	struct reader *r = c->r;
	struct pollfd p[2] = {
		{ .fd = r->l->fds[c->cpu], .events = POLLIN },
		{ .fd = r->wake[0], .events = POLLIN },
	};

	live_boost_thread(r->l);
	while (!atomic_load(&r->stop)) {
		int n = 0, taken = 0;
		bool caught_up = false;

		if (poll(p, 2, READ_EVERY_MS) < 0 && errno != EINTR)
			break;
		/* in batches, so that a flood of events cannot keep it from stopping */
		while (!atomic_load(&r->stop) && taken++ < READ_BATCH &&
		       (c->page || (c->page = new_page(r))) &&
		       (n = tracefs_cpu_read(r->l->cpus[c->cpu], c->page, true)) > 0) {
			size_t used;

			if (n < r->l->page_size)	/* a short read: zeros after it */
				memset(c->page + n, 0, (size_t)(r->l->page_size - n));
			/* the kernel hands out the page it is filling too, as a
			 * whole page: its commit says how much is in it */
			used = live_page_data(r->l, c->page);
			caught_up = used < (size_t)r->l->page_size / 2;
			if (used) {
				enqueue(c, c->page);
				c->page = NULL;
			}
			if (caught_up)
				break;
		}
		/* Caught up with the writer (or readable yet nothing to read): wait
		 * a little before reading again.  trace_pipe_raw hands out the page
		 * being filled, and polls readable as soon as one event is in, so
		 * reading at once would make a page of every few events (a
		 * measured 22 events a page instead of ~100: memory, file size and
		 * work per event).  The pause is shorter, or none, when much came:
		 * the kernel's buffer (1.4 MB a CPU by default) must not fill. */
		if ((caught_up || n <= 0) && taken < 64 && !atomic_load(&r->stop))
			poll(&p[1], 1, taken < 8 ? READ_PAUSE_MS : READ_PAUSE_MS / 4);
	}
	return NULL;
}

/* The threads take no signal: the UI's thread handles them. */
static int start_threads(struct reader *r)
{
	sigset_t all, old;
	int started = 0;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (int cpu = 0; cpu < r->l->nr_cpus; cpu++) {
		struct reader_cpu *c = &r->cpus[cpu];

		c->r = r;
		c->cpu = cpu;
		if (!r->l->cpus[cpu])
			continue;
		c->page = malloc((size_t)r->l->page_size);
		c->running = c->page && !pthread_create(&c->thread, NULL, run_cpu, c);
		started += c->running;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return started ? 0 : -1;
}

struct reader *reader_start(struct live *l, size_t max_bytes)
{
	struct reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->l = l;
	r->max_pages = max_bytes / (size_t)l->page_size + 64;
	r->max_spare = r->max_pages / 8 < SPARE_PAGES ? r->max_pages / 8 : SPARE_PAGES;
	r->wake[0] = r->wake[1] = -1;
	pthread_mutex_init(&r->lock, NULL);
	r->cpus = calloc((size_t)l->nr_cpus, sizeof(*r->cpus));
	r->spare = malloc(SPARE_PAGES * sizeof(*r->spare));
	if (!r->cpus || !r->spare || pipe2(r->wake, O_CLOEXEC) || start_threads(r)) {
		reader_free(r);
		return NULL;
	}
	return r;
}

void reader_stop(struct reader *r)
{
	if (!r || !r->cpus)
		return;
	atomic_store(&r->stop, true);
	if (r->wake[1] >= 0) {	/* wakes every poll() at once */
		ssize_t ignored = write(r->wake[1], "x", 1);

		(void)ignored;
	}
	for (int cpu = 0; cpu < r->l->nr_cpus; cpu++) {
		if (r->cpus[cpu].running)
			pthread_join(r->cpus[cpu].thread, NULL);
		r->cpus[cpu].running = false;
	}
}

void reader_free(struct reader *r)
{
	if (!r)
		return;
	reader_stop(r);
	for (int cpu = 0; r->cpus && cpu < r->l->nr_cpus; cpu++)
		free(r->cpus[cpu].page);
	free(r->cpus);
	if (r->wake[0] >= 0)
		close(r->wake[0]);
	if (r->wake[1] >= 0)
		close(r->wake[1]);
	for (size_t i = 0; i < r->n; i++)
		free(r->q[i].data);
	free(r->q);
	for (size_t i = 0; i < r->nr_spare; i++)
		free(r->spare[i]);
	free(r->spare);
	pthread_mutex_destroy(&r->lock);
	free(r);
}

int reader_take(struct reader *r, void (*fn)(void *ctx, int cpu, const void *page), void *ctx)
{
	struct qpage *q;
	size_t n;

	pthread_mutex_lock(&r->lock);
	q = r->q;
	n = r->n;
	r->q = NULL;
	r->n = r->cap = 0;
	pthread_mutex_unlock(&r->lock);
	for (size_t i = 0; i < n; i++)
		fn(ctx, q[i].cpu, q[i].data);
	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < n; i++) {
		if (r->nr_spare < r->max_spare)
			r->spare[r->nr_spare++] = q[i].data;
		else
			free(q[i].data);
	}
	pthread_mutex_unlock(&r->lock);
	free(q);
	return (int)n;
}

size_t reader_memory(const struct reader *r)
{
	size_t pages;

	pthread_mutex_lock((pthread_mutex_t *)&r->lock);
	pages = r->n + r->nr_spare;
	pthread_mutex_unlock((pthread_mutex_t *)&r->lock);
	return pages * (size_t)r->l->page_size + r->cap * sizeof(*r->q);
}

uint64_t reader_dropped(const struct reader *r)
{
	return atomic_load(&((struct reader *)r)->dropped);
}
