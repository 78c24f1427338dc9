#include "model/sched.h"
#include "model/grow.h"
#include "model/pidmap.h"
#include "model/sched_event.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

struct switch_fields {
	int id;
	struct tep_format_field *prev_pid, *prev_state, *next_pid, *next_comm, *prev_comm;
	int wakeup_ids[3];			/* sched_wakeup, _wakeup_new, _waking; -1 absent */
	struct tep_format_field *wakeup_pid[3];
};

struct transition {		/* while building: a state change of a task */
	uint64_t ts;
	int32_t pid;
	char state;
};

struct transitions {
	struct transition *t;
	size_t n, cap;
};

static bool find_fields(struct tep_handle *tep, struct switch_fields *f)
{
	struct tep_event *ev = tep_find_event_by_name(tep, "sched", "sched_switch");

	if (!ev)
		return false;
	f->id = ev->id;
	f->prev_pid = tep_find_field(ev, "prev_pid");
	f->prev_state = tep_find_field(ev, "prev_state");
	f->next_pid = tep_find_field(ev, "next_pid");
	f->next_comm = tep_find_field(ev, "next_comm");
	f->prev_comm = tep_find_field(ev, "prev_comm");
	/* wakeups make a task runnable; sched_waking comes first when present */
	{
		static const char *const names[3] = { "sched_wakeup", "sched_wakeup_new", "sched_waking" };

		for (int i = 0; i < 3; i++) {
			struct tep_event *w = tep_find_event_by_name(tep, "sched", names[i]);

			f->wakeup_ids[i] = w ? w->id : -1;
			f->wakeup_pid[i] = w ? tep_find_field(w, "pid") : NULL;
		}
	}
	return f->prev_pid && f->next_pid;
}

static unsigned long long field_val(struct tep_format_field *f, const void *data)
{
	unsigned long long v = 0;

	if (f)
		tep_read_number_field(f, data, &v);
	return v;
}

static int task_index(struct sched *sc, struct pidmap *m, int32_t pid)
{
	int i = pidmap_find(m, pid);
	struct task *t;

	if (i >= 0)
		return i;
	t = realloc(sc->tasks, (sc->nr_tasks + 1) * sizeof(*t));
	if (!t)
		return -1;
	sc->tasks = t;
	memset(&t[sc->nr_tasks], 0, sizeof(*t));
	t[sc->nr_tasks].pid = pid;
	if (pidmap_add(m, pid, sc->nr_tasks))
		return -1;
	return sc->nr_tasks++;
}

static void set_comm(struct task *t, struct tep_format_field *f, const void *data)
{
	size_t n;

	if (!f)
		return;
	n = (size_t)f->size < sizeof(t->comm) - 1 ? (size_t)f->size : sizeof(t->comm) - 1;
	memcpy(t->comm, (const char *)data + f->offset, n);
	t->comm[n] = '\0';
}

static int add_run(struct sched_cpu *c, size_t *cap, uint64_t start, int32_t pid, char state)
{
	if (!grow_array((void **)&c->runs, cap, c->nr_runs + 1, sizeof(*c->runs)))
		return -1;
	c->runs[c->nr_runs++] = (struct sched_run){ .start = start, .pid = pid, .state = state };
	return 0;
}

/* The runs of one CPU, from its sched_switch events. */
static int add_transition(struct transitions *tr, uint64_t ts, int32_t pid, char state)
{
	if (pid <= 0)
		return 0;
	if (!grow_array((void **)&tr->t, &tr->cap, tr->n + 1, sizeof(*tr->t)))
		return -1;
	tr->t[tr->n++] = (struct transition){ ts, pid, state };
	return 0;
}

static int wakeup_index(const struct switch_fields *f, int type)
{
	for (int i = 0; i < 3; i++)
		if (f->wakeup_ids[i] == type && f->wakeup_pid[i])
			return i;
	return -1;
}

static int build_cpu(struct sched *sc, struct pidmap *m, const struct store *s, const struct store_source *src,
		     int stream, const struct switch_fields *f, struct sched_cpu *c, struct transitions *tr)
{
	const struct store_stream *st = &s->streams[stream];
	size_t cap = 0;

	c->cpu = st->cpu;
	c->end = st->nr_ev ? st->ev[st->nr_ev - 1].ts : 0;
	for (size_t k = 0; k < st->nr_ev; k++) {
		struct store_raw raw;
		int32_t prev, next;
		int ti;

		int w = st->ev[k].type == f->id ? -1 : wakeup_index(f, st->ev[k].type);

		if ((st->ev[k].type != f->id && w < 0) || store_read_raw(s, src, stream, st->base + k, &raw))
			continue;
		if (w >= 0) {
			if (add_transition(tr, st->ev[k].ts, (int32_t)field_val(f->wakeup_pid[w], raw.data), 'R'))
				return -1;
			continue;
		}
		prev = (int32_t)field_val(f->prev_pid, raw.data);
		next = (int32_t)field_val(f->next_pid, raw.data);
		if (!c->nr_runs && add_run(c, &cap, st->ev[0].ts, prev, '?'))
			return -1;
		if (add_run(c, &cap, st->ev[k].ts, next, sched_state_char(field_val(f->prev_state, raw.data))) ||
		    add_transition(tr, st->ev[k].ts, prev, sched_state_char(field_val(f->prev_state, raw.data))) ||
		    add_transition(tr, st->ev[k].ts, next, 'X'))
			return -1;
		ti = task_index(sc, m, next);
		if (ti < 0)
			return -1;
		set_comm(&sc->tasks[ti], f->next_comm, raw.data);
		sc->tasks[ti].switches++;
		ti = task_index(sc, m, prev);
		if (ti < 0)
			return -1;
		if (!sc->tasks[ti].comm[0])
			set_comm(&sc->tasks[ti], f->prev_comm, raw.data);
	}
	return 0;
}

/* Prefix sums of non-idle time, and each task's runtime. */
static int finish_cpu(struct sched *sc, struct pidmap *m, struct sched_cpu *c)
{
	c->busy = calloc(c->nr_runs + 1, sizeof(*c->busy));
	if (!c->busy)
		return -1;
	for (uint64_t i = 0; i < c->nr_runs; i++) {
		uint64_t end = i + 1 < c->nr_runs ? c->runs[i + 1].start : c->end;
		uint64_t len = end > c->runs[i].start ? end - c->runs[i].start : 0;
		int ti = task_index(sc, m, c->runs[i].pid);

		c->busy[i + 1] = c->busy[i] + (c->runs[i].pid ? len : 0);
		if (ti < 0)
			return -1;
		sc->tasks[ti].runtime += len;
	}
	return 0;
}

static int cmp_transition(const void *a, const void *b)
{
	const struct transition *x = a, *y = b;

	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	/* at the same instant, running wins over the wakeup that led to it */
	return (x->state == 'X') - (y->state == 'X');
}

/* Sort the state changes by task and time and give each task its range
 * (the tasks are sorted by pid already). */
static int finish_states(struct sched *sc, struct transitions *tr)
{
	int ti = 0;

	if (!tr->n)
		return 0;
	qsort(tr->t, tr->n, sizeof(*tr->t), cmp_transition);
	sc->states = malloc(tr->n * sizeof(*sc->states));
	if (!sc->states)
		return -1;
	for (uint64_t i = 0; i < tr->n; i++) {
		sc->states[i] = (struct task_state){ tr->t[i].ts, tr->t[i].state };
		while (ti < sc->nr_tasks && sc->tasks[ti].pid < tr->t[i].pid)
			ti++;
		if (ti < sc->nr_tasks && sc->tasks[ti].pid == tr->t[i].pid) {
			if (!sc->tasks[ti].nr_states)
				sc->tasks[ti].first_state = i;
			sc->tasks[ti].nr_states++;
		}
	}
	sc->nr_states = tr->n;
	return 0;
}

static int cmp_task(const void *a, const void *b)
{
	const struct task *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

struct sched *sched_build(const struct store *s, const struct store_source *src, struct tep_handle *tep)
{
	struct sched *sc = calloc(1, sizeof(*sc));
	struct pidmap m = { 0 };
	struct switch_fields f = { .id = -1 };
	struct transitions tr = { 0 };
	int ok = 0;

	if (!sc)
		return NULL;
	sc->have_switch = find_fields(tep, &f);
	sc->cpus = calloc(s->nr_streams ? s->nr_streams : 1, sizeof(*sc->cpus));
	if (!sc->cpus)
		goto fail;
	for (int i = 0; i < s->nr_streams; i++) {
		struct sched_cpu *c;

		if (s->streams[i].buffer != 0)
			continue;
		c = &sc->cpus[sc->nr_cpus++];
		c->cpu = s->streams[i].cpu;
		if (sc->have_switch && (build_cpu(sc, &m, s, src, i, &f, c, &tr) || finish_cpu(sc, &m, c)))
			goto fail;
	}
	if (sc->nr_tasks)
		qsort(sc->tasks, sc->nr_tasks, sizeof(*sc->tasks), cmp_task);
	ok = finish_states(sc, &tr) == 0;
fail:
	pidmap_free(&m);
	free(tr.t);
	if (!ok) {
		sched_free(sc);
		return NULL;
	}
	return sc;
}

void sched_free(struct sched *sc)
{
	if (!sc)
		return;
	for (int i = 0; i < sc->nr_cpus; i++) {
		free(sc->cpus[i].runs);
		free(sc->cpus[i].busy);
	}
	free(sc->cpus);
	free(sc->tasks);
	free(sc->states);
	free(sc);
}

const struct sched_cpu *sched_cpu(const struct sched *sc, int cpu)
{
	for (int i = 0; i < sc->nr_cpus; i++)
		if (sc->cpus[i].cpu == cpu)
			return &sc->cpus[i];
	return NULL;
}

int64_t sched_run_at(const struct sched_cpu *c, uint64_t ts)
{
	uint64_t lo = 0, hi = c->nr_runs;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (c->runs[mid].start <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)lo - 1;
}

/* Non-idle time from the first run's start to ts. */
static uint64_t busy_until(const struct sched_cpu *c, uint64_t ts)
{
	int64_t i = sched_run_at(c, ts);
	uint64_t end;

	if (i < 0)
		return 0;
	end = (uint64_t)i + 1 < c->nr_runs ? c->runs[i + 1].start : c->end;
	if (ts > end)
		ts = end;
	return c->busy[i] + (c->runs[i].pid ? ts - c->runs[i].start : 0);
}

uint64_t sched_busy(const struct sched_cpu *c, uint64_t from, uint64_t to)
{
	if (!c->nr_runs || to <= from)
		return 0;
	return busy_until(c, to) - busy_until(c, from);
}

int32_t sched_top_task(const struct sched_cpu *c, uint64_t from, uint64_t to, uint64_t *nr_runs)
{
	int64_t first = sched_run_at(c, from), last = sched_run_at(c, to > from ? to - 1 : from);
	int32_t best = -1;
	uint64_t best_len = 0;

	if (first < 0)
		first = 0;
	*nr_runs = last >= first ? (uint64_t)(last - first + 1) : 0;
	if (last < 0 || (uint64_t)first >= c->nr_runs || from >= c->end)
		return -1;
	/* callers ask this only for ranges holding a few runs */
	for (int64_t i = first; i <= last && i - first < 64; i++) {
		uint64_t s = c->runs[i].start > from ? c->runs[i].start : from;
		uint64_t e = (uint64_t)i + 1 < c->nr_runs ? c->runs[i + 1].start : c->end;

		if (e > to)
			e = to;
		if (e > s && e - s > best_len) {
			best_len = e - s;
			best = c->runs[i].pid;
		}
	}
	return best;
}

const struct task *sched_task(const struct sched *sc, int32_t pid)
{
	int lo = 0, hi = sc->nr_tasks;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (sc->tasks[mid].pid < pid)
			lo = mid + 1;
		else if (sc->tasks[mid].pid > pid)
			hi = mid;
		else
			return &sc->tasks[mid];
	}
	return NULL;
}

const char *sched_comm(const struct sched *sc, struct tep_handle *tep, int32_t pid)
{
	const struct task *t = sc ? sched_task(sc, pid) : NULL;

	if (pid == 0)
		return "<idle>";
	if (t && t->comm[0])
		return t->comm;
	return tep_data_comm_from_pid(tep, pid);
}

/* Index of the task's last state change at or before ts, or -1. */
static int64_t state_index(const struct sched *sc, const struct task *t, uint64_t ts)
{
	uint64_t lo = 0, hi = t->nr_states;
	const struct task_state *st = sc->states + t->first_state;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (st[mid].ts <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)lo - 1;
}

char sched_task_state(const struct sched *sc, const struct task *t, uint64_t ts)
{
	int64_t i = state_index(sc, t, ts);

	return i < 0 ? '?' : sc->states[t->first_state + (uint64_t)i].state;
}

bool sched_task_ran(const struct sched *sc, const struct task *t, uint64_t from, uint64_t to)
{
	int64_t i = state_index(sc, t, from);
	const struct task_state *st = sc->states + t->first_state;

	if (i >= 0 && st[i].state == 'X')
		return true;
	/* any change to running inside the range; one in a few changes is one */
	for (uint64_t k = (uint64_t)(i + 1), n = 0; k < t->nr_states && st[k].ts < to; k++, n++)
		if (st[k].state == 'X' || n > 64)
			return true;
	return false;
}
