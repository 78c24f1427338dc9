#include "model/latency.h"
#include "model/grow.h"
#include "model/pidmap.h"
#include "model/sched.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

enum wstate { SLEEPING, PREEMPTED, WAITING, RUNNING };

struct lstate {			/* per task while building */
	int32_t pid;		/* 0: empty slot */
	enum wstate state;
	char slept;		/* how it last left the CPU */
	char comm[17];
	struct lat_sample open;	/* the wait in progress */
};

struct lfields {
	int switch_id, wake_id, wake_new_id;
	struct tep_format_field *prev_pid, *prev_state, *prev_comm, *next_pid, *next_comm;
	struct tep_format_field *wake_pid, *wake_comm, *wake_new_pid, *wake_new_comm;
};

struct builder {
	struct lfields f;
	struct lstate *tab;	/* in order of first sight */
	size_t cap, nr;
	struct pidmap by_pid;	/* pid -> index into tab */
	int32_t *running;	/* per CPU slot, what runs now */
	int nr_cpus;
	struct latency *lat;
	uint64_t cap_samples;
};

static bool find_fields(struct tep_handle *tep, const struct store *s, struct lfields *f, bool *waking)
{
	struct tep_event *sw = tep_find_event_by_name(tep, "sched", "sched_switch");
	struct tep_event *wk = tep_find_event_by_name(tep, "sched", "sched_waking");
	struct tep_event *wu = tep_find_event_by_name(tep, "sched", "sched_wakeup");
	struct tep_event *wn = tep_find_event_by_name(tep, "sched", "sched_wakeup_new");

	*waking = false;
	/* sched_waking if the trace holds any, else sched_wakeup */
	for (int i = 0; wk && i < s->nr_streams && !*waking; i++)
		for (size_t k = 0; k < s->streams[i].nr_ev; k++)
			if (s->streams[i].ev[k].type == wk->id) {
				*waking = true;
				break;
			}
	if (!*waking)
		wk = wu;
	if (!sw)
		return false;
	f->switch_id = sw->id;
	f->prev_pid = tep_find_field(sw, "prev_pid");
	f->prev_state = tep_find_field(sw, "prev_state");
	f->prev_comm = tep_find_field(sw, "prev_comm");
	f->next_pid = tep_find_field(sw, "next_pid");
	f->next_comm = tep_find_field(sw, "next_comm");
	f->wake_id = wk ? wk->id : -1;
	f->wake_pid = wk ? tep_find_field(wk, "pid") : NULL;
	f->wake_comm = wk ? tep_find_field(wk, "comm") : NULL;
	f->wake_new_id = wn ? wn->id : -1;
	f->wake_new_pid = wn ? tep_find_field(wn, "pid") : NULL;
	f->wake_new_comm = wn ? tep_find_field(wn, "comm") : NULL;
	return f->prev_pid && f->next_pid;
}

static unsigned long long val(struct tep_format_field *f, const struct tep_record *rec)
{
	unsigned long long v = 0;

	if (f && f->offset + f->size <= rec->size)
		tep_read_number_field(f, rec->data, &v);
	return v;
}

static void copy_comm(char *dst, struct tep_format_field *f, const struct tep_record *rec)
{
	size_t n;

	if (!f || f->offset + f->size > rec->size)
		return;
	n = f->size < 16 ? (size_t)f->size : 16;
	memcpy(dst, (const char *)rec->data + f->offset, n);
	dst[n] = '\0';
}

static struct lstate *task(struct builder *b, int32_t pid)
{
	int i;
	struct lstate *t;

	if (pid <= 0)
		return NULL;
	i = pidmap_find(&b->by_pid, pid);
	if (i >= 0)
		return &b->tab[i];
	if (b->nr >= INT32_MAX || !grow_array((void **)&b->tab, &b->cap, b->nr + 1, sizeof(*b->tab)) ||
	    pidmap_add(&b->by_pid, pid, (int32_t)b->nr))
		return NULL;
	t = &b->tab[b->nr++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->state = SLEEPING;
	t->slept = '?';
	return t;
}

static void add_sample(struct builder *b, const struct lat_sample *smp)
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
	lat->samples[lat->nr_samples++] = *smp;
}

static void on_switch(struct builder *b, int cpu, uint64_t ts, const struct tep_record *rec)
{
	int32_t prev = (int32_t)val(b->f.prev_pid, rec), next = (int32_t)val(b->f.next_pid, rec);
	struct lstate *p = task(b, prev), *n;
	char st = sched_state_char(val(b->f.prev_state, rec));

	if (p) {
		p->state = st == 'R' ? PREEMPTED : SLEEPING;
		p->slept = st;
		if (!p->comm[0])
			copy_comm(p->comm, b->f.prev_comm, rec);
	}
	n = task(b, next);
	if (n) {
		if (n->state == WAITING) {
			n->open.run_ts = ts;
			n->open.run_cpu = (int16_t)cpu;
			n->open.meanwhile = prev;
			add_sample(b, &n->open);
		}
		n->state = RUNNING;
		copy_comm(n->comm, b->f.next_comm, rec);
	}
	if (cpu < b->nr_cpus)
		b->running[cpu] = next;
}

static void on_wakeup(struct builder *b, int cpu, uint64_t ts, const struct tep_record *rec,
		      struct tep_format_field *pid_f, struct tep_format_field *comm_f, int32_t waker)
{
	struct lstate *t = task(b, (int32_t)val(pid_f, rec));

	if (!t)
		return;
	if (!t->comm[0])
		copy_comm(t->comm, comm_f, rec);
	if (t->state != SLEEPING)
		return;	/* running, preempted, or already woken: the first wakeup counts */
	t->state = WAITING;
	t->open = (struct lat_sample){
		.wake_ts = ts, .pid = t->pid, .waker = waker, .wake_cpu = (int16_t)cpu, .state = t->slept,
	};
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
	uint64_t *vals;
	int n = 0;

	lat->tasks = calloc(b->nr ? (size_t)b->nr : 1, sizeof(*lat->tasks));
	if (!lat->tasks)
		return -1;
	for (size_t i = 0; i < b->nr; i++) {
		struct lstate *st = &b->tab[i];

		if (st->state == WAITING)
			lat->open_waits++;
		lat->tasks[n].pid = st->pid;
		memcpy(lat->tasks[n].comm, st->comm, sizeof(st->comm));
		n++;
	}
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

struct latency *latency_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			      uint64_t from, uint64_t to)
{
	struct builder b = { 0 };
	struct store_iter it;
	struct tep_record rec;
	int stream;
	uint64_t index;
	bool ok = true;

	b.lat = calloc(1, sizeof(*b.lat));
	if (!b.lat)
		return NULL;
	if (!find_fields(tep, s, &b.f, &b.lat->used_waking))
		return b.lat;	/* no sched_switch: nothing to measure */
	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].cpu + 1 > b.nr_cpus)
			b.nr_cpus = s->streams[i].cpu + 1;
	b.running = calloc((size_t)(b.nr_cpus ? b.nr_cpus : 1), sizeof(*b.running));
	if (!b.running || store_iter_init(&it, s, from, to)) {
		free(b.running);
		latency_free(b.lat);
		return NULL;
	}
	while (store_iter_next(&it, &stream, &index)) {
		const struct store_event *e = store_event_at(s, stream, index);
		int cpu = s->streams[stream].cpu;

		if (s->streams[stream].buffer != 0 ||
		    (e->type != b.f.switch_id && e->type != b.f.wake_id && e->type != b.f.wake_new_id))
			continue;
		if (!store_record(s, src, stream, index, &rec))
			continue;
		if (e->type == b.f.switch_id)
			on_switch(&b, cpu, e->ts, &rec);
		else if (e->type == b.f.wake_id)
			on_wakeup(&b, cpu, e->ts, &rec, b.f.wake_pid, b.f.wake_comm, e->pid);
		else
			on_wakeup(&b, cpu, e->ts, &rec, b.f.wake_new_pid, b.f.wake_new_comm, e->pid);
	}
	store_iter_done(&it);
	ok = summarize(&b) == 0;
	free(b.tab);
	pidmap_free(&b.by_pid);
	free(b.running);
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
