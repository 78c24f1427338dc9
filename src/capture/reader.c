#include "capture/reader.h"
#include "capture/live.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define READ_BATCH 256		/* pages per CPU before looking at the stop flag */

struct qpage {
	int cpu;
	uint8_t *data;
};

struct reader {
	struct live *l;
	pthread_t thread;
	bool running;
	atomic_bool stop;
	pthread_mutex_t lock;
	struct qpage *q;		/* the queue, filled by the thread */
	size_t n, cap;
	size_t max_pages;
	atomic_uint_fast64_t dropped;
};

static void enqueue(void *ctx, int cpu, const void *page)
{
	struct reader *r = ctx;
	uint8_t *copy = malloc((size_t)r->l->page_size);
	bool kept = false;

	if (copy) {
		memcpy(copy, page, (size_t)r->l->page_size);
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
				r->q[r->n++] = (struct qpage){ cpu, copy };
				kept = true;
			}
		}
		pthread_mutex_unlock(&r->lock);
	}
	if (!kept) {
		free(copy);
		atomic_fetch_add(&r->dropped, 1);
	}
}

static void *run(void *arg)
{
	struct reader *r = arg;

	/* in batches, so that a flood of events cannot keep it from stopping */
	while (!atomic_load(&r->stop)) {
		int n = live_read(r->l, false, READ_BATCH, enqueue, r);

		if (n < 0)
			break;
		if (n == 0)
			live_wait(r->l, 50);
	}
	return NULL;
}

struct reader *reader_start(struct live *l, size_t max_bytes)
{
	struct reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->l = l;
	r->max_pages = max_bytes / (size_t)l->page_size + 64;
	pthread_mutex_init(&r->lock, NULL);
	if (pthread_create(&r->thread, NULL, run, r)) {
		pthread_mutex_destroy(&r->lock);
		free(r);
		return NULL;
	}
	r->running = true;
	return r;
}

void reader_stop(struct reader *r)
{
	if (!r || !r->running)
		return;
	atomic_store(&r->stop, true);
	pthread_join(r->thread, NULL);
	r->running = false;
}

void reader_free(struct reader *r)
{
	if (!r)
		return;
	reader_stop(r);
	for (size_t i = 0; i < r->n; i++)
		free(r->q[i].data);
	free(r->q);
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
	for (size_t i = 0; i < n; i++) {
		fn(ctx, q[i].cpu, q[i].data);
		free(q[i].data);
	}
	free(q);
	return (int)n;
}

uint64_t reader_dropped(const struct reader *r)
{
	return atomic_load(&((struct reader *)r)->dropped);
}
