#include "model/taskstats.h"
#include "model/grow.h"
#include "model/pidmap.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

enum tstate { SLEEPING, PREEMPTED, WAITING, RUNNING };

struct tinfo {
	struct task_row row;
	enum tstate state;
	uint64_t wake_ts;
	bool active;			/* did something in this interval */
};

struct field_set {
	int switch_id, waking_id, wakeup_id, wakeup_new_id, migrate_id, fork_id;
	struct tep_format_field *prev_pid, *prev_state, *prev_comm, *next_pid, *next_comm;
	struct tep_format_field *waking_pid, *wakeup_pid, *wakeup_new_pid, *migrate_pid;
	struct tep_format_field *child_pid, *child_comm;
};

struct taskstats {
	struct field_set f;
	bool saw_waking;
	struct tinfo *tasks;		/* in order of first sight */
	size_t cap, nr;
	struct pidmap by_tid;		/* tid -> index into tasks */
	int nr_cpus;
	int32_t *cur;			/* per CPU: running tid, -1 unknown */
	uint64_t *since;		/* per CPU: when it started running (or the interval did) */
	uint64_t *busy;			/* per CPU: non-idle ns in the interval */
	uint64_t start;			/* the interval's start, 0 before any event */
	uint64_t events, switches, wakeups;
};

static int event_id(struct tep_handle *tep, const char *name, struct tep_event **ev)
{
	*ev = tep_find_event_by_name(tep, "sched", name);
	return *ev ? (*ev)->id : -1;
}

static void find_fields(struct tep_handle *tep, struct field_set *f)
{
	struct tep_event *ev;

	f->switch_id = event_id(tep, "sched_switch", &ev);
	f->prev_pid = ev ? tep_find_field(ev, "prev_pid") : NULL;
	f->prev_state = ev ? tep_find_field(ev, "prev_state") : NULL;
	f->prev_comm = ev ? tep_find_field(ev, "prev_comm") : NULL;
	f->next_pid = ev ? tep_find_field(ev, "next_pid") : NULL;
	f->next_comm = ev ? tep_find_field(ev, "next_comm") : NULL;
	f->waking_id = event_id(tep, "sched_waking", &ev);
	f->waking_pid = ev ? tep_find_field(ev, "pid") : NULL;
	f->wakeup_id = event_id(tep, "sched_wakeup", &ev);
	f->wakeup_pid = ev ? tep_find_field(ev, "pid") : NULL;
	f->wakeup_new_id = event_id(tep, "sched_wakeup_new", &ev);
	f->wakeup_new_pid = ev ? tep_find_field(ev, "pid") : NULL;
	f->migrate_id = event_id(tep, "sched_migrate_task", &ev);
	f->migrate_pid = ev ? tep_find_field(ev, "pid") : NULL;
	f->fork_id = event_id(tep, "sched_process_fork", &ev);
	f->child_pid = ev ? tep_find_field(ev, "child_pid") : NULL;
	f->child_comm = ev ? tep_find_field(ev, "child_comm") : NULL;
}

struct taskstats *taskstats_new(struct tep_handle *tep, int nr_cpus)
{
	struct taskstats *ts = calloc(1, sizeof(*ts));

	if (!ts)
		return NULL;
	find_fields(tep, &ts->f);
	ts->nr_cpus = nr_cpus > 0 ? nr_cpus : 1;
	ts->cur = malloc((size_t)ts->nr_cpus * sizeof(*ts->cur));
	ts->since = calloc((size_t)ts->nr_cpus, sizeof(*ts->since));
	ts->busy = calloc((size_t)ts->nr_cpus, sizeof(*ts->busy));
	if (!ts->cur || !ts->since || !ts->busy) {
		taskstats_free(ts);
		return NULL;
	}
	for (int i = 0; i < ts->nr_cpus; i++)
		ts->cur[i] = -1;
	return ts;
}

void taskstats_free(struct taskstats *ts)
{
	if (!ts)
		return;
	free(ts->tasks);
	pidmap_free(&ts->by_tid);
	free(ts->cur);
	free(ts->since);
	free(ts->busy);
	free(ts);
}

bool taskstats_uses_waking(const struct taskstats *ts)
{
	return ts->saw_waking;
}

static struct tinfo *task(struct taskstats *ts, int32_t tid)
{
	int i;
	struct tinfo *t;

	if (tid <= 0)
		return NULL;
	i = pidmap_find(&ts->by_tid, tid);
	if (i >= 0)
		return &ts->tasks[i];
	if (ts->nr >= INT32_MAX || !grow_array((void **)&ts->tasks, &ts->cap, ts->nr + 1, sizeof(*ts->tasks)) ||
	    pidmap_add(&ts->by_tid, tid, (int32_t)ts->nr))
		return NULL;
	t = &ts->tasks[ts->nr++];
	memset(t, 0, sizeof(*t));
	t->row.tid = tid;
	t->row.last_cpu = -1;
	t->state = SLEEPING;
	return t;
}

static unsigned long long val(struct tep_format_field *f, const struct tep_record *rec)
{
	unsigned long long v = 0;

	if (f)
		tep_read_number_field(f, rec->data, &v);
	return v;
}

static void set_comm(struct tinfo *t, struct tep_format_field *f, const struct tep_record *rec)
{
	size_t n;

	if (!t || !f || f->offset + f->size > rec->size)
		return;
	n = (size_t)f->size < sizeof(t->row.comm) - 1 ? (size_t)f->size : sizeof(t->row.comm) - 1;
	memcpy(t->row.comm, (const char *)rec->data + f->offset, n);
	t->row.comm[n] = '\0';
}

static void account(struct taskstats *ts, int cpu, uint64_t time)
{
	struct tinfo *t;
	uint64_t len;

	if (ts->cur[cpu] < 0 || time <= ts->since[cpu])
		return;
	len = time - ts->since[cpu];
	if (ts->cur[cpu] > 0) {
		ts->busy[cpu] += len;
		t = task(ts, ts->cur[cpu]);
		if (t) {
			t->row.runtime += len;
			t->row.runtime_iv += len;
			t->active = true;
		}
	}
}

static void on_switch(struct taskstats *ts, int cpu, uint64_t time, const struct tep_record *rec)
{
	int32_t prev = (int32_t)val(ts->f.prev_pid, rec), next = (int32_t)val(ts->f.next_pid, rec);
	struct tinfo *p, *n;

	if (ts->cur[cpu] < 0)
		ts->cur[cpu] = prev, ts->since[cpu] = ts->start;
	account(ts, cpu, time);
	ts->switches++;
	p = task(ts, prev);
	if (p) {
		bool preempted = (val(ts->f.prev_state, rec) & 0xff) == 0;

		p->state = preempted ? PREEMPTED : SLEEPING;
		if (preempted)
			p->row.invol++, p->row.iv.invol++;
		else
			p->row.vol++, p->row.iv.vol++;
		if (!p->row.comm[0])
			set_comm(p, ts->f.prev_comm, rec);
		p->active = true;
	}
	n = task(ts, next);
	if (n) {
		if (n->state == WAITING && time >= n->wake_ts) {
			uint64_t lat = time - n->wake_ts;

			n->row.lat_count++;
			n->row.lat_sum += lat;
			if (lat > n->row.lat_max)
				n->row.lat_max = lat;
			n->row.iv.lat_count++;
			n->row.iv.lat_sum += lat;
			if (lat > n->row.iv.lat_max)
				n->row.iv.lat_max = lat;
		}
		n->state = RUNNING;
		n->row.last_cpu = cpu;
		set_comm(n, ts->f.next_comm, rec);
		n->active = true;
	}
	ts->cur[cpu] = next;
	ts->since[cpu] = time;
}

static void on_wakeup(struct taskstats *ts, uint64_t time, int32_t tid)
{
	struct tinfo *t = task(ts, tid);

	if (!t)
		return;
	ts->wakeups++;
	t->row.wakeups++;
	t->row.iv.wakeups++;
	t->active = true;
	if (t->state == SLEEPING) {
		t->state = WAITING;
		t->wake_ts = time;
	}
}

void taskstats_event(struct taskstats *ts, int cpu, uint64_t time, const struct tep_record *rec, int type)
{
	const struct field_set *f = &ts->f;

	if (cpu < 0 || cpu >= ts->nr_cpus)
		return;
	if (!ts->start)
		ts->start = time;
	ts->events++;
	if (type == f->switch_id) {
		on_switch(ts, cpu, time, rec);
	} else if (type == f->waking_id) {
		ts->saw_waking = true;
		on_wakeup(ts, time, (int32_t)val(f->waking_pid, rec));
	} else if (type == f->wakeup_id) {
		if (!ts->saw_waking)
			on_wakeup(ts, time, (int32_t)val(f->wakeup_pid, rec));
	} else if (type == f->wakeup_new_id) {
		on_wakeup(ts, time, (int32_t)val(f->wakeup_new_pid, rec));
	} else if (type == f->migrate_id) {
		struct tinfo *t = task(ts, (int32_t)val(f->migrate_pid, rec));

		if (t)
			t->row.migrations++, t->row.iv.migrations++, t->active = true;
	} else if (type == f->fork_id) {
		set_comm(task(ts, (int32_t)val(f->child_pid, rec)), f->child_comm, rec);
	}
}

struct task_interval *taskstats_cut(struct taskstats *ts, uint64_t end)
{
	struct task_interval *iv = calloc(1, sizeof(*iv));
	int n = 0;

	if (!iv)
		return NULL;
	for (int cpu = 0; cpu < ts->nr_cpus; cpu++) {
		account(ts, cpu, end);
		if (ts->cur[cpu] >= 0 && end > ts->since[cpu])
			ts->since[cpu] = end;
	}
	iv->start = ts->start;
	iv->end = end;
	iv->rows = calloc(ts->nr ? (size_t)ts->nr : 1, sizeof(*iv->rows));
	iv->busy = calloc((size_t)ts->nr_cpus, sizeof(*iv->busy));
	if (!iv->rows || !iv->busy) {
		taskstats_interval_free(iv);
		return NULL;
	}
	for (size_t i = 0; i < ts->nr; i++) {
		struct tinfo *t = &ts->tasks[i];

		iv->rows[n++] = t->row;
		t->row.runtime_iv = 0;
		memset(&t->row.iv, 0, sizeof(t->row.iv));
		t->active = false;
	}
	iv->nr_rows = n;
	iv->nr_cpus = ts->nr_cpus;
	memcpy(iv->busy, ts->busy, (size_t)ts->nr_cpus * sizeof(*iv->busy));
	memset(ts->busy, 0, (size_t)ts->nr_cpus * sizeof(*ts->busy));
	iv->events = ts->events;
	iv->switches = ts->switches;
	iv->wakeups = ts->wakeups;
	ts->events = ts->switches = ts->wakeups = 0;
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
