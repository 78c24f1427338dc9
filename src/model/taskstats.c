#include "model/taskstats.h"
#include "model/grow.h"
#include "model/pidmap.h"
#include "model/sched.h"
#include "model/sched_event.h"
#include "model/wakeup.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

struct taskstats {
	struct tep_handle *tep;
	struct sched_fields f;
	struct sched *sc;		/* runs: runtime and busy time */
	struct wakeup *w;		/* latency */
	struct task_row *rows;		/* in order of first sight */
	size_t cap, nr;
	struct pidmap by_tid;		/* tid -> index into rows */
	int32_t *dead;			/* tids that left at the last cut (0: forked again) */
	size_t nr_dead, cap_dead;
	struct pidmap dead_by_tid;	/* tid -> index into dead */
	int nr_cpus;
	uint64_t start;			/* the interval's start, 0 before any event */
	uint64_t events, switches, wakeups;
};

struct taskstats *taskstats_new(struct tep_handle *tep, int nr_cpus)
{
	struct taskstats *ts = calloc(1, sizeof(*ts));

	if (!ts)
		return NULL;
	ts->tep = tep;
	sched_fields_find(&ts->f, tep);
	ts->nr_cpus = nr_cpus > 0 ? nr_cpus : 1;
	ts->sc = sched_new(tep, ts->nr_cpus);
	ts->w = wakeup_new(sched_has(&ts->f, SCHED_WAKING));
	if (!ts->sc || !ts->w) {
		taskstats_free(ts);
		return NULL;
	}
	return ts;
}

void taskstats_free(struct taskstats *ts)
{
	if (!ts)
		return;
	sched_free(ts->sc);
	wakeup_free(ts->w);
	free(ts->rows);
	pidmap_free(&ts->by_tid);
	free(ts->dead);
	pidmap_free(&ts->dead_by_tid);
	free(ts);
}

bool taskstats_uses_waking(const struct taskstats *ts)
{
	return wakeup_uses_waking(ts->w);
}

static bool is_dead(const struct taskstats *ts, int32_t tid)
{
	int i = pidmap_find(&ts->dead_by_tid, tid);

	return i >= 0 && ts->dead[i] == tid;
}

static struct task_row *row(struct taskstats *ts, int32_t tid)
{
	struct task_row *r;
	int i;

	if (tid <= 0)
		return NULL;
	i = pidmap_find(&ts->by_tid, tid);
	if (i >= 0)
		return &ts->rows[i];
	if (is_dead(ts, tid))
		return NULL;
	if (ts->nr >= INT32_MAX || !grow_array((void **)&ts->rows, &ts->cap, ts->nr + 1, sizeof(*ts->rows)) ||
	    pidmap_add(&ts->by_tid, tid, (int32_t)ts->nr))
		return NULL;
	r = &ts->rows[ts->nr++];
	memset(r, 0, sizeof(*r));
	r->tid = tid;
	r->last_cpu = -1;
	return r;
}

static void add_latency(struct taskstats *ts, const struct wakeup_wait *done)
{
	struct task_row *r = row(ts, done->pid);
	uint64_t lat = done->run_ts - done->wake_ts;

	if (!r)
		return;
	r->lat_count++;
	r->lat_sum += lat;
	if (lat > r->lat_max)
		r->lat_max = lat;
	r->iv.lat_count++;
	r->iv.lat_sum += lat;
	if (lat > r->iv.lat_max)
		r->iv.lat_max = lat;
}

static void on_switch(struct taskstats *ts, int cpu, const struct sched_event *ev)
{
	struct task_row *p = row(ts, ev->pid), *n;

	ts->switches++;
	if (p && ev->prev_state == 'R')
		p->invol++, p->iv.invol++;
	else if (p)
		p->vol++, p->iv.vol++;
	n = row(ts, ev->next_pid);
	if (n)
		n->last_cpu = cpu;
}

/* The wakeups the machine counts: sched_waking or sched_wakeup, and _new. */
static bool counted_wakeup(const struct taskstats *ts, enum sched_kind k)
{
	return k == SCHED_WAKEUP_NEW || k == (wakeup_uses_waking(ts->w) ? SCHED_WAKING : SCHED_WAKEUP);
}

void taskstats_event(struct taskstats *ts, int cpu, uint64_t time, const struct tep_record *rec, int type)
{
	int32_t pid = tep_data_pid(ts->tep, (struct tep_record *)rec);
	struct sched_event ev;
	struct wakeup_wait done;
	struct task_row *r;
	enum sched_kind k;

	if (cpu < 0 || cpu >= ts->nr_cpus)
		return;
	if (!ts->start)
		ts->start = time;
	ts->events++;
	sched_feed(ts->sc, cpu, time, pid, type, rec->data, rec->size, rec->missed_events != 0);
	if (rec->missed_events)
		wakeup_lost(ts->w, cpu, time);
	k = sched_decode(&ts->f, type, rec->data, rec->size, &ev);
	if (k == SCHED_NONE)
		return;
	if (wakeup_event(ts->w, cpu, time, pid, &ev, &done))
		add_latency(ts, &done);
	if (k == SCHED_SWITCH) {
		on_switch(ts, cpu, &ev);
	} else if (counted_wakeup(ts, k) && (r = row(ts, ev.pid))) {
		ts->wakeups++;
		r->wakeups++, r->iv.wakeups++;
	} else if (k == SCHED_MIGRATE && (r = row(ts, ev.pid))) {
		r->migrations++, r->iv.migrations++;
	} else if (k == SCHED_EXIT && (r = row(ts, ev.pid))) {
		r->exited = true;
	} else if (k == SCHED_FORK) {
		if (is_dead(ts, ev.pid))
			ts->dead[pidmap_find(&ts->dead_by_tid, ev.pid)] = 0;	/* a new task of that tid */
		if ((r = row(ts, ev.pid)))
			r->parent = ev.next_pid;
	}
}

/* Runtime in [from, to) of the tasks that ran on a CPU, from its runs. */
static void account_cpu(struct taskstats *ts, const struct run_cpu *c, uint64_t from, uint64_t to)
{
	int64_t first = runs_at(c, from);

	for (size_t i = first < 0 ? 0 : (size_t)first; i < c->nr && c->runs[i].start < to; i++) {
		uint64_t s = c->runs[i].start > from ? c->runs[i].start : from;
		uint64_t e = run_end(c, i) < to ? run_end(c, i) : to;
		struct task_row *r = e > s ? row(ts, c->runs[i].pid) : NULL;

		if (r) {
			r->runtime += e - s;
			r->runtime_iv += e - s;
		}
	}
}

/* The interval's runtime and busy time, from the runs: busy[] is filled. */
static void account(struct taskstats *ts, uint64_t end, uint64_t *busy)
{
	sched_set_end(ts->sc, end);
	for (int cpu = 0; cpu < ts->nr_cpus; cpu++) {
		const struct run_cpu *c = sched_cpu(ts->sc, cpu);

		if (!c)
			continue;
		busy[cpu] = runs_busy(c, ts->start, end);
		account_cpu(ts, c, ts->start, end);
	}
	sched_forget_before(ts->sc, end);	/* a long capture keeps what it still needs */
}

/* A row's name: the newest the run model has seen. */
static void name_row(struct taskstats *ts, struct task_row *r)
{
	const struct task *t = sched_task(ts->sc, r->tid);

	if (t && t->comm[0])
		memcpy(r->comm, t->comm, sizeof(r->comm));
}

/* The rows of tasks that exited leave (into the dead list, replacing the
 * last one); the map is made again. */
static void drop_exited(struct taskstats *ts)
{
	size_t kept = 0;

	pidmap_free(&ts->by_tid);
	pidmap_free(&ts->dead_by_tid);
	ts->nr_dead = 0;
	for (size_t i = 0; i < ts->nr; i++) {
		struct task_row *r = &ts->rows[i];

		if (!r->exited) {
			ts->rows[kept] = *r;
			pidmap_add(&ts->by_tid, r->tid, (int32_t)kept++);
		} else if (grow_array((void **)&ts->dead, &ts->cap_dead, ts->nr_dead + 1, sizeof(*ts->dead))) {
			pidmap_add(&ts->dead_by_tid, r->tid, (int32_t)ts->nr_dead);
			ts->dead[ts->nr_dead++] = r->tid;
		}
	}
	ts->nr = kept;
}

struct task_interval *taskstats_cut(struct taskstats *ts, uint64_t end)
{
	struct task_interval *iv = calloc(1, sizeof(*iv));

	if (!iv)
		return NULL;
	iv->busy = calloc((size_t)ts->nr_cpus, sizeof(*iv->busy));
	if (!iv->busy) {
		taskstats_interval_free(iv);
		return NULL;
	}
	if (end > ts->start)
		account(ts, end, iv->busy);
	iv->start = ts->start;
	iv->end = end;
	iv->rows = calloc(ts->nr ? ts->nr : 1, sizeof(*iv->rows));
	if (!iv->rows) {
		taskstats_interval_free(iv);
		return NULL;
	}
	for (size_t i = 0; i < ts->nr; i++) {
		struct task_row *r = &ts->rows[i];

		name_row(ts, r);
		iv->rows[i] = *r;
		r->runtime_iv = 0;
		memset(&r->iv, 0, sizeof(r->iv));
	}
	iv->nr_rows = (int)ts->nr;
	drop_exited(ts);
	iv->nr_cpus = ts->nr_cpus;
	iv->events = ts->events;
	iv->switches = ts->switches;
	iv->wakeups = ts->wakeups;
	ts->events = ts->switches = ts->wakeups = 0;
	if (end > ts->start)
		ts->start = end;
	return iv;
}

void taskstats_interval_free(struct task_interval *iv)
{
	if (!iv)
		return;
	free(iv->rows);
	free(iv->busy);
	free(iv);
}
