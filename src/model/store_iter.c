/* Merged, time-ordered iteration over all streams of the store: a binary
 * min-heap of stream heads keyed by (timestamp, stream index). */
#include "model/store.h"

#include <stdlib.h>

static bool head_before(const struct store_iter *it, int a, int b)
{
	uint64_t ta = store_event_at(it->s, a, it->pos[a])->ts;
	uint64_t tb = store_event_at(it->s, b, it->pos[b])->ts;

	return ta < tb || (ta == tb && a < b);
}

static void sift_down(struct store_iter *it, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i, t;

		if (l < it->nr_heap && head_before(it, it->heap[l], it->heap[m]))
			m = l;
		if (r < it->nr_heap && head_before(it, it->heap[r], it->heap[m]))
			m = r;
		if (m == i)
			return;
		t = it->heap[i];
		it->heap[i] = it->heap[m];
		it->heap[m] = t;
		i = m;
	}
}

int store_iter_init(struct store_iter *it, const struct store *s, uint64_t from_ts, uint64_t to_ts)
{
	int n = s->nr_streams ? s->nr_streams : 1;

	it->s = s;
	it->nr_heap = 0;
	it->heap = calloc(n, sizeof(*it->heap));
	it->pos = calloc(n, sizeof(*it->pos));
	it->end = calloc(n, sizeof(*it->end));
	if (!it->heap || !it->pos || !it->end) {
		store_iter_done(it);
		return -1;
	}
	for (int i = 0; i < s->nr_streams; i++) {
		it->pos[i] = store_find_time(s, i, from_ts);
		it->end[i] = to_ts == UINT64_MAX ? s->streams[i].base + s->streams[i].nr_ev
						 : store_find_time(s, i, to_ts);
		if (it->pos[i] < it->end[i])
			it->heap[it->nr_heap++] = i;
	}
	for (int i = it->nr_heap / 2 - 1; i >= 0; i--)
		sift_down(it, i);
	return 0;
}

int store_iter_init_at(struct store_iter *it, const struct store *s, const uint64_t *pos)
{
	if (store_iter_init(it, s, UINT64_MAX, UINT64_MAX))
		return -1;
	it->nr_heap = 0;
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		it->end[i] = st->base + st->nr_ev;
		it->pos[i] = pos[i] < st->base ? st->base : pos[i] > it->end[i] ? it->end[i] : pos[i];
		if (it->pos[i] < it->end[i])
			it->heap[it->nr_heap++] = i;
	}
	for (int i = it->nr_heap / 2 - 1; i >= 0; i--)
		sift_down(it, i);
	return 0;
}

void store_iter_done(struct store_iter *it)
{
	free(it->heap);
	free(it->pos);
	free(it->end);
	it->heap = NULL;
	it->pos = it->end = NULL;
}

bool store_iter_next(struct store_iter *it, int *stream, uint64_t *index)
{
	int top;

	if (!it->nr_heap)
		return false;
	top = it->heap[0];
	*stream = top;
	*index = it->pos[top]++;
	if (it->pos[top] >= it->end[top])
		it->heap[0] = it->heap[--it->nr_heap];
	sift_down(it, 0);
	return true;
}

static void sift_up(struct store_iter *it, int i)
{
	while (i > 0) {
		int p = (i - 1) / 2, t;

		if (!head_before(it, it->heap[i], it->heap[p]))
			return;
		t = it->heap[i];
		it->heap[i] = it->heap[p];
		it->heap[p] = t;
		i = p;
	}
}

/* The earliest head among the streams of one buffer, as trace-cmd's
 * tracecmd_peek_next_data() sees it: ties go to the lower CPU. */
bool store_iter_peek(const struct store_iter *it, int buffer, int *stream, uint64_t *index)
{
	const struct store *s = it->s;
	int best = -1;
	uint64_t best_ts = 0;

	for (int i = 0; i < s->nr_streams; i++) {
		uint64_t ts;

		if (s->streams[i].buffer != buffer || it->pos[i] >= it->end[i])
			continue;
		ts = store_event_at(s, i, it->pos[i])->ts;
		if (best < 0 || ts < best_ts) {
			best = i;
			best_ts = ts;
		}
	}
	if (best < 0)
		return false;
	*stream = best;
	*index = it->pos[best];
	return true;
}

/* Step over the head of one stream (a record printed along with another). */
void store_iter_skip(struct store_iter *it, int stream)
{
	int i;

	if (it->pos[stream] >= it->end[stream])
		return;
	for (i = 0; i < it->nr_heap && it->heap[i] != stream; i++)
		;
	if (i == it->nr_heap)
		return;
	if (++it->pos[stream] < it->end[stream]) {
		sift_down(it, i);	/* its head only got later */
		return;
	}
	it->heap[i] = it->heap[--it->nr_heap];
	if (i < it->nr_heap) {
		sift_down(it, i);
		sift_up(it, i);
	}
}
