#include "model/latency.h"
#include "model/grow.h"
#include "model/sched_event.h"
#include "model/wakeup.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

struct builder {
	struct sched_fields f;
	struct wakeup *w;
	struct latency *lat;
	uint64_t cap_samples;
};

/* A point where data was lost: a page that lost events before it, or the
 * first event left of a stream whose older events were evicted. */
struct loss {
	uint64_t ts;
	int cpu;
};

static void add_sample(struct builder *b, const struct wakeup_wait *wt, int32_t meanwhile)
{
	struct latency *lat = b->lat;

	if (lat->nr_samples == b->cap_samples) {
		uint64_t cap = b->cap_samples ? b->cap_samples * 2 : 4096;
		struct lat_sample *p = realloc(lat->samples, cap * sizeof(*p));

		if (!p)
			return;
		lat->samples = p;
		b->cap_samples = cap;
	}
	lat->samples[lat->nr_samples++] = (struct lat_sample){
		.wake_ts = wt->wake_ts, .run_ts = wt->run_ts, .pid = wt->pid, .waker = wt->waker,
		.meanwhile = meanwhile, .wake_cpu = wt->wake_cpu, .run_cpu = wt->run_cpu, .state = wt->slept,
	};
}

/* sched_waking if the trace holds any, else sched_wakeup. */
static bool trace_has_waking(const struct store *s, const struct sched_fields *f)
{
	int id = f->ev[SCHED_WAKING].id;

	for (int i = 0; id >= 0 && i < s->nr_streams; i++)
		for (size_t k = 0; k < s->streams[i].nr_ev; k++)
			if (s->streams[i].ev[k].type == id)
				return true;
	return false;
}

static int cmp_loss(const void *a, const void *b)
{
	const struct loss *x = a, *y = b;

	return (x->ts > y->ts) - (x->ts < y->ts);
}

/* The losses of the top-level buffer, in time order. */
static struct loss *find_losses(const struct store *s, size_t *n)
{
	struct loss *l = NULL;
	size_t cap = 0;

	*n = 0;
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		if (st->buffer != 0 || !st->nr_ev)
			continue;
		for (size_t p = 0; p <= st->nr_pages; p++) {
			const struct store_event *e;

			if (p < st->nr_pages ? !st->pages[p].missed : !st->base)
				continue;
			/* p == nr_pages stands for the eviction of the stream's start */
			e = store_event_at(s, i, p < st->nr_pages ? st->pages[p].first : st->base);
			if (!e || !grow_array((void **)&l, &cap, *n + 1, sizeof(*l)))
				continue;
			l[(*n)++] = (struct loss){ e->ts, st->cpu };
		}
	}
	if (*n)
		qsort(l, *n, sizeof(*l), cmp_loss);
	return l;
}

static int cmp_task(const void *a, const void *b)
{
	const struct lat_task *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Longest first, then earliest. */
static int cmp_worst(const void *a, const void *b, void *ctx)
{
	const struct lat_sample *s = ctx;
	const struct lat_sample *x = &s[*(const uint64_t *)a], *y = &s[*(const uint64_t *)b];
	uint64_t lx = x->run_ts - x->wake_ts, ly = y->run_ts - y->wake_ts;

	if (lx != ly)
		return lx > ly ? -1 : 1;
	return (x->wake_ts > y->wake_ts) - (x->wake_ts < y->wake_ts);
}

/* nearest-rank percentile of sorted values */
static uint64_t percentile(const uint64_t *v, uint64_t n, unsigned pct)
{
	uint64_t rank = (n * pct + 99) / 100;

	return n ? v[rank ? rank - 1 : 0] : 0;
}

static int summarize(struct builder *b)
{
	struct latency *lat = b->lat;
	size_t nr = wakeup_nr_tasks(b->w);
	uint64_t *vals;
	int n = 0;

	lat->tasks = calloc(nr ? nr : 1, sizeof(*lat->tasks));
	if (!lat->tasks)
		return -1;
	for (size_t i = 0; i < nr; i++) {
		const struct wakeup_task *st = wakeup_task_at(b->w, i);

		lat->tasks[n].pid = st->pid;
		memcpy(lat->tasks[n].comm, st->comm, sizeof(st->comm));
		n++;
	}
	lat->open_waits = wakeup_open_waits(b->w);
	lat->dropped_waits = wakeup_dropped(b->w);
	lat->nr_tasks = n;
	qsort(lat->tasks, (size_t)n, sizeof(*lat->tasks), cmp_task);
	for (uint64_t i = 0; i < lat->nr_samples; i++) {
		struct lat_task *t = (struct lat_task *)latency_task(lat, lat->samples[i].pid);
		uint64_t l = lat->samples[i].run_ts - lat->samples[i].wake_ts;

		if (!t)
			continue;
		if (!t->count || l < t->min)
			t->min = l;
		if (l > t->max)
			t->max = l;
		t->count++;
		t->total += l;
		lat->hist[latency_bucket(l)]++;
	}
	for (int i = 0; i < n; i++)
		if (lat->tasks[i].count && !(lat->tasks[i].worst = malloc(lat->tasks[i].count * sizeof(uint64_t))))
			return -1;
	{
		uint64_t *fill = calloc((size_t)(n ? n : 1), sizeof(*fill));

		if (!fill)
			return -1;
		for (uint64_t i = 0; i < lat->nr_samples; i++) {
			struct lat_task *t = (struct lat_task *)latency_task(lat, lat->samples[i].pid);

			if (t)
				t->worst[fill[t - lat->tasks]++] = i;
		}
		free(fill);
	}
	for (int i = 0; i < n; i++) {
		struct lat_task *t = &lat->tasks[i];

		if (!t->count)
			continue;
		vals = malloc(t->count * sizeof(*vals));
		if (!vals)
			return -1;
		for (uint64_t k = 0; k < t->count; k++)
			vals[k] = lat->samples[t->worst[k]].run_ts - lat->samples[t->worst[k]].wake_ts;
		qsort(vals, t->count, sizeof(*vals), cmp_u64);
		t->p50 = percentile(vals, t->count, 50);
		t->p99 = percentile(vals, t->count, 99);
		free(vals);
		qsort_r(t->worst, t->count, sizeof(*t->worst), cmp_worst, lat->samples);
	}
	return 0;
}

static void feed(struct builder *b, const struct store *s, const struct store_source *src, int stream,
		 uint64_t index)
{
	const struct store_event *e = store_event_at(s, stream, index);
	enum sched_kind k = sched_kind_of(&b->f, e->type);
	struct store_raw raw;
	struct sched_event ev;
	struct wakeup_wait done;
	int cpu = s->streams[stream].cpu;

	if ((k != SCHED_SWITCH && k != SCHED_WAKING && k != SCHED_WAKEUP && k != SCHED_WAKEUP_NEW) ||
	    store_read_raw(s, src, stream, index, &raw))
		return;
	sched_decode(&b->f, e->type, raw.data, raw.size, &ev);
	if (wakeup_event(b->w, cpu, e->ts, e->pid, &ev, &done))
		add_sample(b, &done, ev.pid);
}

struct latency *latency_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			      uint64_t from, uint64_t to)
{
	struct builder b = { 0 };
	struct store_iter it;
	struct loss *losses = NULL;
	size_t nr_losses = 0, next_loss = 0;
	int stream;
	uint64_t index;
	bool ok = true;

	b.lat = calloc(1, sizeof(*b.lat));
	if (!b.lat)
		return NULL;
	sched_fields_find(&b.f, tep);
	if (!sched_has(&b.f, SCHED_SWITCH))
		return b.lat;	/* no sched_switch: nothing to measure */
	b.lat->used_waking = trace_has_waking(s, &b.f);
	b.w = wakeup_new(b.lat->used_waking);
	losses = find_losses(s, &nr_losses);
	if (!b.w || store_iter_init(&it, s, from, to)) {
		wakeup_free(b.w);
		free(losses);
		latency_free(b.lat);
		return NULL;
	}
	while (store_iter_next(&it, &stream, &index)) {
		uint64_t ts = store_event_at(s, stream, index)->ts;

		if (s->streams[stream].buffer != 0)
			continue;
		for (; next_loss < nr_losses && losses[next_loss].ts <= ts; next_loss++)
			wakeup_lost(b.w, losses[next_loss].cpu, losses[next_loss].ts);
		feed(&b, s, src, stream, index);
	}
	store_iter_done(&it);
	ok = summarize(&b) == 0;
	wakeup_free(b.w);
	free(losses);
	if (!ok) {
		latency_free(b.lat);
		return NULL;
	}
	return b.lat;
}

void latency_free(struct latency *lat)
{
	if (!lat)
		return;
	for (int i = 0; i < lat->nr_tasks; i++)
		free(lat->tasks[i].worst);
	free(lat->tasks);
	free(lat->samples);
	free(lat);
}

const struct lat_task *latency_task(const struct latency *lat, int32_t pid)
{
	int lo = 0, hi = lat->nr_tasks;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (lat->tasks[mid].pid < pid)
			lo = mid + 1;
		else if (lat->tasks[mid].pid > pid)
			hi = mid;
		else
			return &lat->tasks[mid];
	}
	return NULL;
}

int latency_bucket(uint64_t ns)
{
	int b = 0;

	while (ns > 1 && b < LAT_BUCKETS - 1) {
		ns >>= 1;
		b++;
	}
	return b;
}

void latency_histogram(const struct latency *lat, const struct lat_task *t, uint64_t *hist)
{
	memset(hist, 0, LAT_BUCKETS * sizeof(*hist));
	if (!t) {
		memcpy(hist, lat->hist, sizeof(lat->hist));
		return;
	}
	for (uint64_t k = 0; k < t->count; k++) {
		const struct lat_sample *s = &lat->samples[t->worst[k]];

		hist[latency_bucket(s->run_ts - s->wake_ts)]++;
	}
}
