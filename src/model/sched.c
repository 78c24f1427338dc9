#include "model/sched.h"
#include "model/grow.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CPUS 65536		/* what the trace.dat reader accepts */

static struct task *task_find(struct sched *sc, int32_t pid)
{
	int i = pid > 0 ? pidmap_find(&sc->by_pid, pid) : -1;

	return i >= 0 ? &sc->tasks[i] : NULL;
}

/* The task of pid, added when new; NULL for idle (and when memory ran out). */
static struct task *task_get(struct sched *sc, int32_t pid)
{
	struct task *t = task_find(sc, pid);

	if (t || pid <= 0)
		return t;
	if (sc->nr_tasks == INT32_MAX ||
	    !grow_array((void **)&sc->tasks, &sc->cap_tasks, (size_t)sc->nr_tasks + 1, sizeof(*sc->tasks)) ||
	    pidmap_add(&sc->by_pid, pid, sc->nr_tasks)) {
		sc->failed = true;
		return NULL;
	}
	t = &sc->tasks[sc->nr_tasks++];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->cpu = -1;
	return t;
}

/* Append a state change; states stay in time order (a change at the time
 * of the last one replaces it). */
static void push_state(struct sched *sc, struct task *t, uint64_t ts, char state)
{
	size_t n = t->nr_states;

	if (n && ts <= t->states[n - 1].ts) {
		if (n >= 2 && t->states[n - 2].state == state)
			t->nr_states--;
		else
			t->states[n - 1].state = state;
		return;
	}
	if (n && t->states[n - 1].state == state)
		return;
	if (!grow_array((void **)&t->states, &t->cap_states, n + 1, sizeof(*t->states))) {
		sc->failed = true;
		return;
	}
	t->states[t->nr_states++] = (struct task_state){ ts, state };
}

/* Events come in time order: the newest name wins (a task renames itself
 * with exec or prctl). */
static void set_comm(struct task *t, const char *comm)
{
	if (t && comm[0])
		memcpy(t->comm, comm, sizeof(t->comm));
}

/* The run model tells when runs open and close: the task table follows. */
static void run_opened(void *ctx, int cpu, const struct run *run)
{
	struct sched *sc = ctx;
	struct task *t = task_get(sc, run->pid);

	if (!t)
		return;
	t->cpu = cpu;
	if (run->flags & RUN_FROM_SWITCH)
		t->switches++;
	push_state(sc, t, run->start, TASK_RUNNING);
}

static char state_after(const struct run *run)
{
	switch (run->end) {
	case RUN_SWITCHED:
		return run->state;
	case RUN_EXITED:
		return 'X';
	default:
		return '?';
	}
}

static void run_closed(void *ctx, int cpu, const struct run *run, uint64_t end)
{
	struct sched *sc = ctx;
	struct task *t = task_find(sc, run->pid);

	if (!t)
		return;
	t->runtime += end - run->start;
	if (t->cpu == cpu)
		t->cpu = -1;
	if (end > t->not_before)
		t->not_before = end;
	push_state(sc, t, end, state_after(run));
}

/* When pid could start to run on cpu: not before its last wakeup or run's
 * end, nor before its last evidence on the CPU it still runs on. */
static uint64_t not_before(struct sched *sc, int32_t pid, int cpu)
{
	const struct task *t = task_find(sc, pid);
	uint64_t nb;

	if (!t)
		return 0;
	nb = t->not_before;
	if (t->cpu >= 0 && t->cpu != cpu && sched_cpu(sc, t->cpu)->last_ts > nb)
		nb = sched_cpu(sc, t->cpu)->last_ts;
	return nb;
}

static void evidence(struct sched *sc, int cpu, uint64_t ts, int32_t pid)
{
	const struct run_cpu *c = sched_cpu(sc, cpu);

	/* the common case, the running task's own record, needs no lookup */
	if (c && c->nr && c->runs[c->nr - 1].pid == pid)
		runs_evidence(sc->runs, cpu, ts, pid, 0);
	else
		runs_evidence(sc->runs, cpu, ts, pid, not_before(sc, pid, cpu));
}

static void on_switch(struct sched *sc, int cpu, uint64_t ts, const struct sched_event *ev)
{
	runs_switch(sc->runs, cpu, ts, ev->pid, ev->prev_state, ev->next_pid, not_before(sc, ev->pid, cpu));
	set_comm(task_get(sc, ev->next_pid), ev->next_comm);
	set_comm(task_get(sc, ev->pid), ev->comm);
}

/* A woken task is runnable from then on, and cannot run before. */
static void on_wakeup(struct sched *sc, uint64_t ts, const struct sched_event *ev)
{
	struct task *t = task_get(sc, ev->pid);

	if (!t)
		return;
	set_comm(t, ev->comm);
	if (ts > t->not_before)
		t->not_before = ts;
	if (t->cpu < 0 && (!t->nr_states || t->states[t->nr_states - 1].state != 'R'))
		push_state(sc, t, ts, 'R');
}

/* Entering a new page of a stream: whether the page (or empty pages just
 * before it) lost events, a gap before this event. */
static bool enter_page(struct sched *sc, const struct store *s, int stream, uint64_t index)
{
	const struct store_stream *st = &s->streams[stream];
	const struct store_page *pg = store_page_of(s, stream, index);
	size_t p;

	if (!pg) {
		sc->page_end[stream] = index + 1;
		return false;
	}
	p = (size_t)(pg - st->pages);
	sc->page_end[stream] = p + 1 < st->nr_pages ? st->pages[p + 1].first : st->base + st->nr_ev;
	for (size_t q = p; pg->first == index; q--) {
		if (st->pages[q].missed)
			return true;
		if (!q || st->pages[q - 1].first != index)
			break;
	}
	return false;
}

/* A wakeup or a migration, marked on the CPU the task goes to. */
static void mark(struct sched *sc, int cpu, uint64_t ts, enum sched_kind k, const struct sched_event *ev)
{
	int to = ev->cpu >= 0 && ev->cpu < sc->nr_cpus ? ev->cpu : cpu;

	if (k == SCHED_MIGRATE)
		cpumarks_mark(sc->marks, to, MARK_MIGRATE, ts, ev->pid, ev->orig_cpu);
	else
		cpumarks_mark(sc->marks, to, MARK_WAKEUP, ts, ev->pid, -1);
}

void sched_feed(struct sched *sc, int cpu, uint64_t ts, int32_t pid, int type, const void *data, int size,
		bool lost)
{
	enum sched_kind k = data ? sched_kind_of(&sc->f, type) : SCHED_NONE;
	struct sched_event ev;

	if (cpu < 0 || cpu >= MAX_CPUS || (cpu >= sc->runs->nr_cpus && runs_grow(sc->runs, cpu + 1)))
		return;
	sc->nr_cpus = sc->runs->nr_cpus;
	if (lost) {
		runs_lost(sc->runs, cpu, ts);
		cpumarks_lost(sc->marks, cpu);
	}
	cpumarks_feed(sc->marks, cpu, ts, type);
	if (k == SCHED_NONE) {
		evidence(sc, cpu, ts, pid);
		return;
	}
	sched_decode(&sc->f, type, data, size, &ev);
	if (k == SCHED_SWITCH) {
		on_switch(sc, cpu, ts, &ev);
		return;
	}
	evidence(sc, cpu, ts, pid);
	if (k == SCHED_WAKING || k == SCHED_WAKEUP || k == SCHED_WAKEUP_NEW)
		on_wakeup(sc, ts, &ev);
	if (k == SCHED_MIGRATE || k == SCHED_WAKEUP_NEW ||
	    k == (sched_has(&sc->f, SCHED_WAKEUP) ? SCHED_WAKEUP : SCHED_WAKING))
		mark(sc, cpu, ts, k, &ev);
	else if (k == SCHED_EXIT)
		runs_exit(sc->runs, cpu, ev.pid);
	if (k == SCHED_EXIT || k == SCHED_FORK)
		set_comm(task_get(sc, ev.pid), ev.comm);
}

static void feed(struct sched *sc, const struct store *s, const struct store_source *src, int stream,
		 uint64_t index)
{
	const struct store_event *e = store_event_at(s, stream, index);
	bool lost = index >= sc->page_end[stream] && enter_page(sc, s, stream, index);
	struct store_raw raw = { NULL, 0, 0 };

	/* only the scheduler's events need their bytes */
	if (sched_kind_of(&sc->f, e->type) != SCHED_NONE && store_read_raw(s, src, stream, index, &raw))
		raw.data = NULL;
	sched_feed(sc, s->streams[stream].cpu, e->ts, e->pid, e->type, raw.data, raw.size, lost);
}

/* The CPUs of the store's top-level streams, and their count. */
static int store_cpus(const struct store *s)
{
	int n = 0;

	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].buffer == 0 && s->streams[i].cpu >= n && s->streams[i].cpu < MAX_CPUS)
			n = s->streams[i].cpu + 1;
	return n;
}

/* Room for streams the store added since (and their CPUs). */
static int track_streams(struct sched *sc, const struct store *s)
{
	uint64_t *pos, *end;

	if (s->nr_streams <= sc->nr_streams)
		return 0;
	pos = realloc(sc->pos, (size_t)s->nr_streams * sizeof(*pos));
	if (pos)
		sc->pos = pos;
	end = realloc(sc->page_end, (size_t)s->nr_streams * sizeof(*end));
	if (end)
		sc->page_end = end;
	if (!pos || !end || runs_grow(sc->runs, store_cpus(s)))
		return -1;
	for (int i = sc->nr_streams; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		sc->pos[i] = st->buffer == 0 && st->cpu >= 0 && st->cpu < MAX_CPUS ? st->base : UINT64_MAX;
		sc->page_end[i] = 0;
	}
	sc->nr_streams = s->nr_streams;
	sc->nr_cpus = sc->runs->nr_cpus;
	return 0;
}

struct sched *sched_new(struct tep_handle *tep, int nr_cpus)
{
	struct sched *sc = calloc(1, sizeof(*sc));
	struct runs_observer obs = { run_opened, run_closed, sc };

	if (!sc)
		return NULL;
	sc->tep = tep;
	sched_fields_find(&sc->f, tep);
	sc->have_switch = sched_has(&sc->f, SCHED_SWITCH);
	sc->runs = runs_new(nr_cpus < MAX_CPUS ? nr_cpus : MAX_CPUS, &obs);
	sc->marks = cpumarks_new(tep, nr_cpus < MAX_CPUS ? nr_cpus : MAX_CPUS);
	if (!sc->runs || !sc->marks) {
		sched_free(sc);
		return NULL;
	}
	sc->nr_cpus = sc->runs->nr_cpus;
	return sc;
}

/* Drop the task states older than ts (but the one in force at ts). */
static void forget_states(struct task *t, uint64_t ts)
{
	size_t k = 0;

	while (k + 1 < t->nr_states && t->states[k + 1].ts <= ts)
		k++;
	if (!k)
		return;
	memmove(t->states, t->states + k, (t->nr_states - k) * sizeof(*t->states));
	t->nr_states -= k;
}

void sched_forget_before(struct sched *sc, uint64_t ts)
{
	runs_forget_before(sc->runs, ts);
	cpumarks_forget_before(sc->marks, ts);
	for (int i = 0; i < sc->nr_tasks; i++)
		forget_states(&sc->tasks[i], ts);
}

void sched_set_end(struct sched *sc, uint64_t ts)
{
	runs_set_end(sc->runs, ts);
}

/* What eviction took: unfed events are lost data; what is older than every
 * event kept is forgotten. */
static void follow_eviction(struct sched *sc, const struct store *s)
{
	uint64_t evicted = 0, oldest = UINT64_MAX;

	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		if (sc->pos[i] == UINT64_MAX)
			continue;
		evicted += st->base;
		if (st->nr_ev && st->ev[0].ts < oldest)
			oldest = st->ev[0].ts;
		if (sc->pos[i] < st->base) {
			runs_lost(sc->runs, st->cpu, st->nr_ev ? st->ev[0].ts : 0);
			sc->pos[i] = st->base;
		}
	}
	if (evicted == sc->evicted || oldest == UINT64_MAX)
		return;
	sc->evicted = evicted;
	sched_forget_before(sc, oldest);
}

int sched_update(struct sched *sc, const struct store *s, const struct store_source *src)
{
	struct store_iter it;
	int stream;
	uint64_t index, last = 0;

	if (track_streams(sc, s))
		return -1;
	follow_eviction(sc, s);
	if (store_iter_init_at(&it, s, sc->pos))
		return -1;
	while (store_iter_next(&it, &stream, &index))
		feed(sc, s, src, stream, index);
	store_iter_done(&it);
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		if (sc->pos[i] == UINT64_MAX)
			continue;
		sc->pos[i] = st->base + st->nr_ev;
		if (st->nr_ev && st->ev[st->nr_ev - 1].ts > last)
			last = st->ev[st->nr_ev - 1].ts;
	}
	runs_set_end(sc->runs, last);
	return sc->failed || sc->runs->failed ? -1 : 0;
}

/* A file is fed once: give back what growing the arrays reserved. */
static void trim(struct sched *sc)
{
	runs_trim(sc->runs);
	cpumarks_trim(sc->marks);
	for (int i = 0; i < sc->nr_tasks; i++) {
		struct task *t = &sc->tasks[i];
		struct task_state *p = t->nr_states < t->cap_states ?
					       realloc(t->states, t->nr_states * sizeof(*p)) : NULL;

		if (p) {
			t->states = p;
			t->cap_states = t->nr_states;
		}
	}
}

struct sched *sched_build(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			  int nr_cpus)
{
	struct sched *sc = sched_new(tep, nr_cpus);

	if (sc && sched_update(sc, s, src)) {
		sched_free(sc);
		return NULL;
	}
	if (sc)
		trim(sc);
	return sc;
}

void sched_free(struct sched *sc)
{
	if (!sc)
		return;
	runs_free(sc->runs);
	cpumarks_free(sc->marks);
	for (int i = 0; i < sc->nr_tasks; i++)
		free(sc->tasks[i].states);
	free(sc->tasks);
	pidmap_free(&sc->by_pid);
	free(sc->pos);
	free(sc->page_end);
	free(sc);
}

const struct run_cpu *sched_cpu(const struct sched *sc, int cpu)
{
	return sc ? runs_cpu(sc->runs, cpu) : NULL;
}

const struct task *sched_task(const struct sched *sc, int32_t pid)
{
	int i = sc && pid > 0 ? pidmap_find(&sc->by_pid, pid) : -1;

	return i >= 0 ? &sc->tasks[i] : NULL;
}

uint64_t sched_task_runtime(const struct sched *sc, const struct task *t)
{
	const struct run_cpu *c = t->cpu >= 0 ? sched_cpu(sc, t->cpu) : NULL;
	uint64_t open = 0;

	if (c && c->nr && c->runs[c->nr - 1].pid == t->pid)
		open = run_end(c, c->nr - 1) - c->runs[c->nr - 1].start;
	return t->runtime + open;
}

const char *sched_comm(const struct sched *sc, struct tep_handle *tep, int32_t pid)
{
	const struct task *t = sched_task(sc, pid);

	if (pid == 0)
		return "<idle>";
	if (pid == RUN_UNKNOWN)
		return "<unknown>";
	if (t && t->comm[0])
		return t->comm;
	return tep_data_comm_from_pid(tep, pid);
}

/* Index of the task's last state change at or before ts, or -1. */
static int64_t state_index(const struct task *t, uint64_t ts)
{
	size_t lo = 0, hi = t->nr_states;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->states[mid].ts <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)lo - 1;
}

char sched_task_state(const struct task *t, uint64_t ts)
{
	int64_t i = state_index(t, ts);

	return i < 0 ? '?' : t->states[i].state;
}

bool sched_task_ran(const struct task *t, uint64_t from, uint64_t to)
{
	int64_t i = state_index(t, from);

	if (i >= 0 && t->states[i].state == TASK_RUNNING)
		return true;
	/* any change to running inside the range; one in a few changes is one */
	for (size_t k = (size_t)(i + 1), n = 0; k < t->nr_states && t->states[k].ts < to; k++, n++)
		if (t->states[k].state == TASK_RUNNING || n > 64)
			return true;
	return false;
}

size_t sched_memory(const struct sched *sc)
{
	size_t n = sizeof(*sc) + runs_memory(sc->runs) + cpumarks_memory(sc->marks) +
		   sc->cap_tasks * sizeof(*sc->tasks) +
		   sc->by_pid.cap * 2 * sizeof(int32_t) + (size_t)sc->nr_streams * 2 * sizeof(uint64_t);

	for (int i = 0; i < sc->nr_tasks; i++)
		n += sc->tasks[i].cap_states * sizeof(struct task_state);
	return n;
}
