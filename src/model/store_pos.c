/* A position in the merged, time-ordered sequence of all events, that can
 * step both ways: one head index per stream.  Forward takes the smallest
 * (timestamp, stream) head; backward undoes exactly that step. */
#include "model/store.h"

#include <stdlib.h>
#include <string.h>

int store_pos_init(struct store_pos *p, const struct store *s, uint64_t ts)
{
	p->nr = s->nr_streams;
	p->pos = calloc(p->nr ? p->nr : 1, sizeof(*p->pos));
	if (!p->pos)
		return -1;
	store_pos_seek(p, s, ts);
	return 0;
}

void store_pos_seek(struct store_pos *p, const struct store *s, uint64_t ts)
{
	for (int i = 0; i < p->nr; i++)
		p->pos[i] = store_find_time(s, i, ts);
}

void store_pos_done(struct store_pos *p)
{
	free(p->pos);
	p->pos = NULL;
	p->nr = 0;
}

int store_pos_copy(struct store_pos *dst, const struct store_pos *src)
{
	uint64_t *pos = malloc((src->nr ? src->nr : 1) * sizeof(*pos));

	if (!pos)
		return -1;
	memcpy(pos, src->pos, src->nr * sizeof(*pos));
	free(dst->pos);
	dst->pos = pos;
	dst->nr = src->nr;
	return 0;
}

bool store_pos_peek(const struct store_pos *p, const struct store *s, int *stream, uint64_t *index)
{
	int best = -1;
	uint64_t best_ts = 0;

	for (int i = 0; i < p->nr; i++) {
		const struct store_event *e = store_event_at(s, i, p->pos[i]);

		if (e && (best < 0 || e->ts < best_ts)) {
			best = i;
			best_ts = e->ts;
		}
	}
	if (best < 0)
		return false;
	*stream = best;
	*index = p->pos[best];
	return true;
}

bool store_pos_next(struct store_pos *p, const struct store *s, int *stream, uint64_t *index)
{
	if (!store_pos_peek(p, s, stream, index))
		return false;
	p->pos[*stream]++;
	return true;
}

bool store_pos_prev(struct store_pos *p, const struct store *s, int *stream, uint64_t *index)
{
	int best = -1;
	uint64_t best_ts = 0;

	for (int i = 0; i < p->nr; i++) {
		const struct store_event *e = p->pos[i] ? store_event_at(s, i, p->pos[i] - 1) : NULL;

		/* the last of the earlier events: ties go to the higher stream */
		if (e && (best < 0 || e->ts >= best_ts)) {
			best = i;
			best_ts = e->ts;
		}
	}
	if (best < 0)
		return false;
	p->pos[best]--;
	*stream = best;
	*index = p->pos[best];
	return true;
}
