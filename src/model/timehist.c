#include "model/timehist.h"
#include "model/grow.h"
#include "model/sched.h"
#include "model/sched_event.h"

#include <stdlib.h>

struct th_wake {
	uint64_t ts;
	int32_t pid, waker;
	int16_t cpu;
};

struct th_run {			/* a run of the model, with its CPU and end */
	uint64_t start, end;
	int32_t pid;
	int16_t cpu;
	uint8_t how;		/* enum run_end */
	uint8_t flags;		/* enum run_flags */
	char state;
	bool switched;		/* it ended at a traced sched_switch */
};

struct th_builder {
	const struct timehist_opts *o;
	struct timehist *th;
	size_t cap_lines;
	struct th_wake *wakes;	/* by time, then by pid and time */
	size_t nr_wakes, cap_wakes;
	struct th_run *runs;	/* by pid, then start */
	size_t nr_runs, cap_runs;
};

static bool add_line(struct th_builder *b, const struct th_line *l)
{
	if (!grow_array((void **)&b->th->lines, &b->cap_lines, b->th->nr + 1, sizeof(*l)))
		return false;
	b->th->lines[b->th->nr++] = *l;
	return true;
}

static bool trace_has(const struct store *s, int id)
{
	for (int i = 0; id >= 0 && i < s->nr_streams; i++)
		for (size_t k = 0; k < s->streams[i].nr_ev; k++)
			if (s->streams[i].ev[k].type == id)
				return true;
	return false;
}

static bool is_wakeup(struct timehist *th, enum sched_kind k)
{
	return k == SCHED_WAKEUP_NEW || k == (th->used_waking ? SCHED_WAKING : SCHED_WAKEUP);
}

/* The wakeups of the top-level buffer, in time order. */
static bool collect_wakes(struct th_builder *b, const struct store *s, const struct store_source *src,
			  const struct sched_fields *f)
{
	struct store_iter it;
	int stream;
	uint64_t index;
	bool ok = true;

	if (store_iter_init(&it, s, 0, UINT64_MAX))
		return false;
	while (ok && store_iter_next(&it, &stream, &index)) {
		const struct store_event *e = store_event_at(s, stream, index);
		struct store_raw raw;
		struct sched_event ev;

		if (s->streams[stream].buffer != 0 || !is_wakeup(b->th, sched_kind_of(f, e->type)) ||
		    store_read_raw(s, src, stream, index, &raw))
			continue;
		sched_decode(f, e->type, raw.data, raw.size, &ev);
		if (ev.pid <= 0)
			continue;
		ok = grow_array((void **)&b->wakes, &b->cap_wakes, b->nr_wakes + 1, sizeof(*b->wakes));
		if (ok)
			b->wakes[b->nr_wakes++] = (struct th_wake){ e->ts, ev.pid, e->pid, (int16_t)s->streams[stream].cpu };
	}
	store_iter_done(&it);
	return ok;
}

static bool want(const struct timehist_opts *o, int cpu, int32_t pid, int32_t other)
{
	return (o->cpu < 0 || o->cpu == cpu) && (o->pid < 0 || o->pid == pid || o->pid == other);
}

static bool wake_lines(struct th_builder *b)
{
	for (size_t i = 0; i < b->nr_wakes; i++) {
		const struct th_wake *w = &b->wakes[i];
		struct th_line l = { .ts = w->ts, .pid = w->waker, .other = w->pid, .cpu = w->cpu, .kind = TH_WAKEUP };

		if (want(b->o, w->cpu, w->waker, w->pid) && !add_line(b, &l))
			return false;
	}
	return true;
}

static bool collect_runs(struct th_builder *b, const struct sched *sc)
{
	for (int cpu = 0; cpu < sc->nr_cpus; cpu++) {
		const struct run_cpu *c = sched_cpu(sc, cpu);

		for (size_t i = 0; c && i < c->nr; i++) {
			const struct run *r = &c->runs[i];

			if (r->pid == RUN_UNKNOWN)
				continue;
			if (!grow_array((void **)&b->runs, &b->cap_runs, b->nr_runs + 1, sizeof(*b->runs)))
				return false;
			b->runs[b->nr_runs++] = (struct th_run){
				r->start, run_end(c, i), r->pid, (int16_t)cpu, r->end, r->flags, r->state,
				/* a switch ends a run where the next begins with it */
				i + 1 < c->nr && (c->runs[i + 1].flags & RUN_FROM_SWITCH),
			};
		}
	}
	return true;
}

static int cmp_run(const void *a, const void *b)
{
	const struct th_run *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

static int cmp_wake(const void *a, const void *b)
{
	const struct th_wake *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return (x->ts > y->ts) - (x->ts < y->ts);
}

static int cmp_line(const void *a, const void *b)
{
	const struct th_line *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	if (x->cpu != y->cpu)
		return x->cpu < y->cpu ? -1 : 1;
	return (x->kind > y->kind) - (x->kind < y->kind);
}

/* The first wakeup of pid in [lo, hi], or 0 (wakes sorted by pid, ts). */
static uint64_t first_wake(const struct th_builder *b, int32_t pid, uint64_t lo, uint64_t hi)
{
	size_t l = 0, h = b->nr_wakes;

	while (l < h) {
		size_t m = l + (h - l) / 2;
		const struct th_wake *w = &b->wakes[m];

		if (w->pid < pid || (w->pid == pid && w->ts < lo))
			l = m + 1;
		else
			h = m;
	}
	if (l < b->nr_wakes && b->wakes[l].pid == pid && b->wakes[l].ts <= hi)
		return b->wakes[l].ts;
	return 0;
}

/* The line of run r, which follows prev (NULL: its first run). */
static struct th_line switch_line(const struct th_builder *b, const struct th_run *r, const struct th_run *prev)
{
	struct th_line l = { .ts = r->end, .start = r->start, .pid = r->pid, .cpu = r->cpu, .kind = TH_SWITCH,
			     .state = r->state };
	uint64_t ready = 0;

	if (r->flags & RUN_FROM_SWITCH)
		l.flags |= TH_FROM_SWITCH;
	if (r->pid == RUN_IDLE)
		return l;
	if (!prev || prev->how == RUN_LOST || prev->end > r->start) {
		l.flags |= TH_WAIT_UNKNOWN;
		ready = first_wake(b, r->pid, prev ? prev->end : 0, r->start);
	} else {
		l.wait = r->start - prev->end;
		if (prev->how == RUN_SWITCHED && prev->state == 'R') {
			l.flags |= TH_PREEMPTED;
			ready = prev->end;
		} else {
			ready = first_wake(b, r->pid, prev->end, r->start);
		}
	}
	if (ready && ready <= r->start)
		l.delay = r->start - ready;
	return l;
}

static bool switch_lines(struct th_builder *b)
{
	for (size_t i = 0; i < b->nr_runs; i++) {
		const struct th_run *r = &b->runs[i];
		const struct th_run *prev = i && b->runs[i - 1].pid == r->pid ? &b->runs[i - 1] : NULL;
		struct th_line l;

		if (!r->switched)
			continue;
		if (!want(b->o, r->cpu, r->pid, -2))
			continue;
		l = switch_line(b, r, prev);
		if (!add_line(b, &l))
			return false;
	}
	return true;
}

struct timehist *timehist_build(const struct sched *sc, const struct store *s, const struct store_source *src,
				struct tep_handle *tep, const struct timehist_opts *o)
{
	struct th_builder b = { .o = o };
	struct sched_fields f;
	bool ok;

	b.th = calloc(1, sizeof(*b.th));
	if (!b.th)
		return NULL;
	sched_fields_find(&f, tep);
	b.th->have_switch = sc->have_switch;
	b.th->used_waking = trace_has(s, f.ev[SCHED_WAKING].id);
	ok = collect_wakes(&b, s, src, &f) && (!o->wakeups || wake_lines(&b)) && collect_runs(&b, sc);
	if (ok) {
		if (b.nr_wakes)		/* qsort's base may not be NULL */
			qsort(b.wakes, b.nr_wakes, sizeof(*b.wakes), cmp_wake);
		if (b.nr_runs)
			qsort(b.runs, b.nr_runs, sizeof(*b.runs), cmp_run);
		ok = switch_lines(&b);
	}
	free(b.wakes);
	free(b.runs);
	if (!ok) {
		timehist_free(b.th);
		return NULL;
	}
	if (b.th->nr)
		qsort(b.th->lines, b.th->nr, sizeof(*b.th->lines), cmp_line);
	return b.th;
}

void timehist_free(struct timehist *th)
{
	if (!th)
		return;
	free(th->lines);
	free(th);
}
