#include "model/store_seek.h"

static bool matches(const struct store_event *e, const struct store_match *m)
{
	return (!m->by_pid || e->pid == m->pid) && (!m->by_type || e->type == m->type);
}

/* Whether (ts, stream) a comes before (ts, stream) b in the merged order. */
static bool before(uint64_t ts_a, int st_a, uint64_t ts_b, int st_b)
{
	return ts_a < ts_b || (ts_a == ts_b && st_a < st_b);
}

struct found {
	int stream;		/* -1: none yet */
	uint64_t index, ts;
};

static void scan_forward(const struct store *s, int j, uint64_t from, const struct store_match *m,
			 struct found *f)
{
	const struct store_stream *st = &s->streams[j];

	for (uint64_t i = from; i < st->base + st->nr_ev; i++) {
		const struct store_event *e = &st->ev[i - st->base];

		if (f->stream >= 0 && !before(e->ts, j, f->ts, f->stream))
			return;
		if (matches(e, m)) {
			*f = (struct found){ j, i, e->ts };
			return;
		}
	}
}

static void scan_backward(const struct store *s, int j, uint64_t from, const struct store_match *m,
			  struct found *f)
{
	const struct store_stream *st = &s->streams[j];

	for (uint64_t i = from; i > st->base; i--) {	/* from is one past the first to look at */
		const struct store_event *e = &st->ev[i - 1 - st->base];

		if (f->stream >= 0 && !before(f->ts, f->stream, e->ts, j))
			return;
		if (matches(e, m)) {
			*f = (struct found){ j, i - 1, e->ts };
			return;
		}
	}
}

bool store_seek(const struct store *s, int stream, uint64_t index, int dir, const struct store_match *m,
		int *out_stream, uint64_t *out_index)
{
	const struct store_event *cur = store_event_at(s, stream, index);
	struct found f = { -1, 0, 0 };

	if (!cur)
		return false;
	if (dir > 0)
		scan_forward(s, stream, index + 1, m, &f);
	else
		scan_backward(s, stream, index, m, &f);
	for (int j = 0; j < s->nr_streams; j++) {
		uint64_t at;

		if (j == stream)
			continue;
		/* events at cur's time come after it on higher streams */
		at = store_find_time(s, j, cur->ts);
		while (j < stream && at < s->streams[j].base + s->streams[j].nr_ev &&
		       store_event_at(s, j, at)->ts == cur->ts)
			at++;
		if (dir > 0)
			scan_forward(s, j, at, m, &f);
		else
			scan_backward(s, j, at, m, &f);
	}
	if (f.stream < 0)
		return false;
	*out_stream = f.stream;
	*out_index = f.index;
	return true;
}
