#include "model/runs.h"
#include "model/grow.h"
#include "model/sched_event.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct runs *runs_new(int nr_cpus, const struct runs_observer *obs)
{
	struct runs *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	if (obs)
		r->obs = *obs;
	if (runs_grow(r, nr_cpus > 0 ? nr_cpus : 1)) {
		runs_free(r);
		return NULL;
	}
	return r;
}

int runs_grow(struct runs *r, int nr_cpus)
{
	struct run_cpu *c;

	if (nr_cpus <= r->nr_cpus)
		return 0;
	c = realloc(r->cpus, (size_t)nr_cpus * sizeof(*c));
	if (!c)
		return -1;
	memset(c + r->nr_cpus, 0, (size_t)(nr_cpus - r->nr_cpus) * sizeof(*c));
	for (int i = r->nr_cpus; i < nr_cpus; i++)
		c[i].cpu = i;
	r->cpus = c;
	r->nr_cpus = nr_cpus;
	return 0;
}

void runs_free(struct runs *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->nr_cpus; i++) {
		free(r->cpus[i].runs);
		free(r->cpus[i].sums);
	}
	free(r->cpus);
	free(r);
}

static struct run_cpu *cpu_of(struct runs *r, int cpu)
{
	return cpu >= 0 && cpu < r->nr_cpus ? &r->cpus[cpu] : NULL;
}

static void add_time(struct run_sums *s, int32_t pid, uint64_t len)
{
	if (pid == RUN_UNKNOWN)
		s->unknown += len;
	else if (pid != RUN_IDLE)
		s->busy += len;
}

/* A new block starts at run index j: its sums are the previous block's
 * plus that block's runs (all closed now).  Room was made before. */
static void add_sums(struct run_cpu *c, size_t j)
{
	struct run_sums s = { 0, 0 };

	if (j) {
		s = c->sums[c->nr_sums - 1];
		for (size_t k = j - RUN_BLOCK; k < j; k++)
			add_time(&s, c->runs[k].pid, c->runs[k + 1].start - c->runs[k].start);
	}
	c->sums[c->nr_sums++] = s;
}

/* The open run (if any) ends at `at` as `how`; pid runs from there. */
static void transition(struct runs *r, struct run_cpu *c, uint64_t at, enum run_end how, char state, int32_t pid,
		       uint8_t flags)
{
	struct run *cur = c->nr ? &c->runs[c->nr - 1] : NULL;
	size_t j = c->nr;

	if (cur && at < cur->start)
		at = cur->start;	/* never before the open run: runs stay in order */
	if (!grow_array((void **)&c->runs, &c->cap, j + 1, sizeof(*c->runs)) ||
	    (j % RUN_BLOCK == 0 && !grow_array((void **)&c->sums, &c->cap_sums, c->nr_sums + 1, sizeof(*c->sums)))) {
		r->failed = true;
		return;
	}
	if (cur) {
		cur = &c->runs[c->nr - 1];	/* the array may have moved */
		cur->end = (uint8_t)how;
		cur->state = state;
		if (r->obs.closed)
			r->obs.closed(r->obs.ctx, c->cpu, cur, at);
	}
	c->runs[c->nr++] = (struct run){ .start = at, .pid = pid, .end = RUN_OPEN, .state = '?', .flags = flags };
	if (j % RUN_BLOCK == 0)
		add_sums(c, j);
	c->exited = false;
	if (at > c->end)
		c->end = at;
	if (r->obs.opened)
		r->obs.opened(r->obs.ctx, c->cpu, &c->runs[c->nr - 1]);
}

static void seen(struct runs *r, struct run_cpu *c, uint64_t ts)
{
	c->last_ts = ts;
	if (ts > c->end)
		c->end = ts;
	if (ts > r->end)
		r->end = ts;
}

/* When the switch that was not traced happened, between the CPU's last
 * evidence and ts: not before the new task could last not run.  Without
 * that to go by, an idle CPU stays idle until the record that shows
 * otherwise; a task is taken to have left right after its last record. */
static uint64_t untraced_switch(const struct run_cpu *c, int32_t running, uint64_t ts, uint64_t not_before)
{
	uint64_t at;

	if (not_before > c->last_ts)
		at = not_before;
	else
		at = running == RUN_IDLE ? ts : c->last_ts;
	return at < ts ? at : ts;
}

void runs_evidence(struct runs *r, int cpu, uint64_t ts, int32_t pid, uint64_t not_before)
{
	struct run_cpu *c = cpu_of(r, cpu);
	const struct run *cur;

	if (!c || pid == RUN_UNKNOWN)
		return;	/* (a corrupt record's pid -1 is no evidence) */
	cur = c->nr ? &c->runs[c->nr - 1] : NULL;
	if (!cur) {
		transition(r, c, ts, RUN_OPEN, '?', pid, 0);	/* the trace starts mid-run */
	} else if (cur->pid == RUN_UNKNOWN) {
		transition(r, c, ts, RUN_INFERRED, '?', pid, 0);
	} else if (cur->pid != pid) {
		uint64_t at = untraced_switch(c, cur->pid, ts, not_before);

		transition(r, c, at, c->exited ? RUN_EXITED : RUN_INFERRED, c->exited ? 'X' : '?', pid, 0);
	}
	seen(r, c, ts);
}

void runs_switch(struct runs *r, int cpu, uint64_t ts, int32_t prev, char state, int32_t next,
		 uint64_t prev_not_before)
{
	struct run_cpu *c = cpu_of(r, cpu);
	bool dead;

	if (!c)
		return;
	runs_evidence(r, cpu, ts, prev, prev_not_before);
	dead = c->exited || sched_state_exited(state);
	transition(r, c, ts, dead ? RUN_EXITED : RUN_SWITCHED, state, next, RUN_FROM_SWITCH);
	seen(r, c, ts);
}

void runs_exit(struct runs *r, int cpu, int32_t pid)
{
	struct run_cpu *c = cpu_of(r, cpu);

	if (c && c->nr && c->runs[c->nr - 1].pid == pid)
		c->exited = true;
}

void runs_lost(struct runs *r, int cpu, uint64_t ts)
{
	struct run_cpu *c = cpu_of(r, cpu);

	(void)ts;
	if (!c || !c->nr || c->runs[c->nr - 1].pid == RUN_UNKNOWN)
		return;
	transition(r, c, c->last_ts, c->exited ? RUN_EXITED : RUN_LOST, c->exited ? 'X' : '?', RUN_UNKNOWN, 0);
}

void runs_set_end(struct runs *r, uint64_t ts)
{
	if (ts > r->end)
		r->end = ts;
	for (int i = 0; i < r->nr_cpus; i++)
		if (r->cpus[i].nr && r->cpus[i].end < r->end)
			r->cpus[i].end = r->end;
}

static void forget_cpu(struct run_cpu *c, uint64_t ts)
{
	size_t k = 0, drop;

	/* whole blocks whose runs all ended by ts, keeping the open run */
	while ((k + 1) * RUN_BLOCK < c->nr && c->runs[(k + 1) * RUN_BLOCK].start <= ts)
		k++;
	drop = k * RUN_BLOCK;
	if (!k || drop * 4 < c->nr)	/* a quarter at least: the memmove pays off */
		return;
	memmove(c->runs, c->runs + drop, (c->nr - drop) * sizeof(*c->runs));
	c->nr -= drop;
	c->base += drop;
	{
		struct run_sums origin = c->sums[k];	/* (overwritten below when k is small) */

		for (size_t b = k; b < c->nr_sums; b++) {
			c->sums[b - k].busy = c->sums[b].busy - origin.busy;
			c->sums[b - k].unknown = c->sums[b].unknown - origin.unknown;
		}
	}
	c->nr_sums -= k;
}

void runs_forget_before(struct runs *r, uint64_t ts)
{
	for (int i = 0; i < r->nr_cpus; i++)
		forget_cpu(&r->cpus[i], ts);
}

/* Shrink *arr from *cap to n elements (kept as it is if realloc fails). */
static void shrink(void **arr, size_t *cap, size_t n, size_t elem)
{
	void *p;

	if (*cap <= n || !n)
		return;
	p = realloc(*arr, n * elem);
	if (p) {
		*arr = p;
		*cap = n;
	}
}

void runs_trim(struct runs *r)
{
	for (int i = 0; i < r->nr_cpus; i++) {
		struct run_cpu *c = &r->cpus[i];

		shrink((void **)&c->runs, &c->cap, c->nr, sizeof(*c->runs));
		shrink((void **)&c->sums, &c->cap_sums, c->nr_sums, sizeof(*c->sums));
	}
}

const struct run_cpu *runs_cpu(const struct runs *r, int cpu)
{
	return r && cpu >= 0 && cpu < r->nr_cpus ? &r->cpus[cpu] : NULL;
}

uint64_t run_end(const struct run_cpu *c, size_t i)
{
	return i + 1 < c->nr ? c->runs[i + 1].start : c->end;
}

int64_t runs_at(const struct run_cpu *c, uint64_t ts)
{
	size_t lo = 0, hi = c->nr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->runs[mid].start <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)lo - 1;
}

/* Busy and unknown time from runs[0].start to ts. */
static struct run_sums sums_until(const struct run_cpu *c, uint64_t ts)
{
	int64_t i = runs_at(c, ts);
	struct run_sums s = { 0, 0 };

	if (i < 0)
		return s;
	s = c->sums[(size_t)i / RUN_BLOCK];
	for (size_t k = (size_t)i / RUN_BLOCK * RUN_BLOCK; k <= (size_t)i; k++) {
		uint64_t e = run_end(c, k);

		if ((int64_t)k == i && ts < e)
			e = ts;
		add_time(&s, c->runs[k].pid, e - c->runs[k].start);
	}
	return s;
}

uint64_t runs_busy(const struct run_cpu *c, uint64_t from, uint64_t to)
{
	if (!c->nr || to <= from)
		return 0;
	return sums_until(c, to).busy - sums_until(c, from).busy;
}

uint64_t runs_unknown(const struct run_cpu *c, uint64_t from, uint64_t to)
{
	if (!c->nr || to <= from)
		return 0;
	return sums_until(c, to).unknown - sums_until(c, from).unknown;
}

bool runs_top(const struct run_cpu *c, uint64_t from, uint64_t to, int32_t *pid, uint64_t *nr_runs)
{
	int64_t first = runs_at(c, from), last = runs_at(c, to > from ? to - 1 : from);
	uint64_t best_len = 0;
	bool found = false;

	if (first < 0)
		first = 0;
	*nr_runs = last >= first ? (uint64_t)(last - first + 1) : 0;
	if (last < 0 || from >= c->end)
		return false;
	for (int64_t i = first; i <= last && i - first < 64; i++) {
		uint64_t s = c->runs[i].start > from ? c->runs[i].start : from;
		uint64_t e = run_end(c, (size_t)i);

		if (e > to)
			e = to;
		if (e > s && (!found || e - s > best_len)) {
			best_len = e - s;
			*pid = c->runs[i].pid;
			found = true;
		}
	}
	return found;
}

size_t runs_memory(const struct runs *r)
{
	size_t n = sizeof(*r) + (size_t)r->nr_cpus * sizeof(*r->cpus);

	for (int i = 0; i < r->nr_cpus; i++)
		n += r->cpus[i].cap * sizeof(struct run) + r->cpus[i].cap_sums * sizeof(struct run_sums);
	return n;
}

static const char *state_word(char state)
{
	switch (state) {
	case 'R': return "preempted";
	case 'S': return "sleeping";
	case 'D': return "blocked";
	case 'T': case 't': return "stopped";
	case 'X': case 'Z': return "exited";
	case 'P': return "parked";
	case 'I': return "idle";
	default: return "unknown";
	}
}

const char *run_end_text(const struct run *run, char *buf, size_t len)
{
	if (run->pid == RUN_UNKNOWN) {
		snprintf(buf, len, "unknown: events lost");
		return buf;
	}
	if (run->pid == RUN_IDLE && run->end == RUN_SWITCHED) {
		snprintf(buf, len, "switched out");	/* (idle leaves in state R) */
		return buf;
	}
	switch (run->end) {
	case RUN_SWITCHED:
		snprintf(buf, len, "%c %s", run->state, state_word(run->state));
		break;
	case RUN_EXITED:
		snprintf(buf, len, run->state != '?' ? "%c exited" : "exited", run->state);
		break;
	case RUN_INFERRED:
		snprintf(buf, len, "switch not traced");
		break;
	case RUN_LOST:
		snprintf(buf, len, "lost events");
		break;
	default:
		snprintf(buf, len, "trace end");
		break;
	}
	return buf;
}
