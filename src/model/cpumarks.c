#include "model/cpumarks.h"
#include "model/grow.h"

#include <event-parse.h>
#include <stdlib.h>
#include <string.h>

static int event_id(struct tep_handle *tep, const char *sys, const char *name)
{
	struct tep_event *e = tep ? tep_find_event_by_name(tep, sys, name) : NULL;

	return e ? e->id : -1;
}

struct cpumarks *cpumarks_new(struct tep_handle *tep, int nr_cpus)
{
	struct cpumarks *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->entry_id[IRQ_HARD] = event_id(tep, "irq", "irq_handler_entry");
	m->exit_id[IRQ_HARD] = event_id(tep, "irq", "irq_handler_exit");
	m->entry_id[IRQ_SOFT] = event_id(tep, "irq", "softirq_entry");
	m->exit_id[IRQ_SOFT] = event_id(tep, "irq", "softirq_exit");
	if (cpumarks_grow(m, nr_cpus > 0 ? nr_cpus : 1)) {
		cpumarks_free(m);
		return NULL;
	}
	return m;
}

void cpumarks_free(struct cpumarks *m)
{
	if (!m)
		return;
	for (int c = 0; c < m->nr_cpus; c++) {
		for (int k = 0; k < IRQ_KINDS; k++)
			free(m->cpus[c].irq[k]);
		for (int k = 0; k < MARK_KINDS; k++)
			free(m->cpus[c].marks[k]);
	}
	free(m->cpus);
	free(m);
}

int cpumarks_grow(struct cpumarks *m, int nr_cpus)
{
	struct cpu_activity *n;

	if (nr_cpus <= m->nr_cpus)
		return 0;
	n = realloc(m->cpus, (size_t)nr_cpus * sizeof(*n));
	if (!n)
		return -1;
	memset(n + m->nr_cpus, 0, (size_t)(nr_cpus - m->nr_cpus) * sizeof(*n));
	m->cpus = n;
	m->nr_cpus = nr_cpus;
	return 0;
}

bool cpumarks_have_irqs(const struct cpumarks *m)
{
	return m && (m->entry_id[IRQ_HARD] >= 0 || m->entry_id[IRQ_SOFT] >= 0);
}

static void close_span(struct cpumarks *m, struct cpu_activity *a, int k, uint64_t end)
{
	uint64_t start = a->open_irq[k] - 1;
	size_t n = a->nr_irq[k];
	uint64_t before = n ? a->irq[k][n - 1].before + (a->irq[k][n - 1].end - a->irq[k][n - 1].start) : 0;

	a->open_irq[k] = 0;
	if (n && start < a->irq[k][n - 1].end)	/* never overlap the one before */
		start = a->irq[k][n - 1].end;
	if (end < start)
		return;
	if (!grow_array((void **)&a->irq[k], &a->cap_irq[k], n + 1, sizeof(*a->irq[k]))) {
		m->failed = true;
		return;
	}
	a->irq[k][a->nr_irq[k]++] = (struct irq_span){ start, end, before };
}

void cpumarks_feed(struct cpumarks *m, int cpu, uint64_t ts, int type)
{
	struct cpu_activity *a;

	if (cpu < 0 || (cpu >= m->nr_cpus && cpumarks_grow(m, cpu + 1)))
		return;
	a = &m->cpus[cpu];
	for (int k = 0; k < IRQ_KINDS; k++) {
		if (type == m->entry_id[k]) {
			a->open_irq[k] = ts + 1;	/* an entry without its exit is dropped */
		} else if (type == m->exit_id[k]) {
			if (a->open_irq[k])	/* an exit without its entry (the trace began in it) is too */
				close_span(m, a, k, ts);
		}
	}
}

void cpumarks_mark(struct cpumarks *m, int cpu, enum mark_kind kind, uint64_t ts, int32_t pid, int32_t from_cpu)
{
	struct cpu_activity *a;
	size_t n;

	if (cpu < 0 || (cpu >= m->nr_cpus && cpumarks_grow(m, cpu + 1)))
		return;
	a = &m->cpus[cpu];
	n = a->nr_marks[kind];
	if (n && ts < a->marks[kind][n - 1].ts)	/* keep them sorted */
		ts = a->marks[kind][n - 1].ts;
	if (!grow_array((void **)&a->marks[kind], &a->cap_marks[kind], n + 1, sizeof(*a->marks[kind]))) {
		m->failed = true;
		return;
	}
	a->marks[kind][a->nr_marks[kind]++] = (struct cpu_mark){ ts, pid, from_cpu };
}

void cpumarks_lost(struct cpumarks *m, int cpu)
{
	if (cpu >= 0 && cpu < m->nr_cpus)
		for (int k = 0; k < IRQ_KINDS; k++)
			m->cpus[cpu].open_irq[k] = 0;
}

/* The first span of kind ending after ts. */
static size_t span_after(const struct cpu_activity *a, int k, uint64_t ts)
{
	size_t lo = 0, hi = a->nr_irq[k];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->irq[k][mid].end <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t mark_at(const struct cpu_activity *a, int k, uint64_t ts)
{
	size_t lo = 0, hi = a->nr_marks[k];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (a->marks[k][mid].ts < ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void cpumarks_forget_before(struct cpumarks *m, uint64_t ts)
{
	for (int c = 0; c < m->nr_cpus; c++) {
		struct cpu_activity *a = &m->cpus[c];

		for (int k = 0; k < IRQ_KINDS; k++) {
			size_t n = span_after(a, k, ts);

			if (n == 0)
				continue;
			memmove(a->irq[k], a->irq[k] + n, (a->nr_irq[k] - n) * sizeof(*a->irq[k]));
			a->nr_irq[k] -= n;
		}
		for (int k = 0; k < MARK_KINDS; k++) {
			size_t n = mark_at(a, k, ts);

			if (n == 0)
				continue;
			memmove(a->marks[k], a->marks[k] + n, (a->nr_marks[k] - n) * sizeof(*a->marks[k]));
			a->nr_marks[k] -= n;
		}
	}
}

static void trim_array(void **arr, size_t *cap, size_t nr, size_t elem)
{
	void *p;

	if (!nr || nr == *cap || !(p = realloc(*arr, nr * elem)))
		return;
	*arr = p;
	*cap = nr;
}

void cpumarks_trim(struct cpumarks *m)
{
	for (int c = 0; c < m->nr_cpus; c++) {
		struct cpu_activity *a = &m->cpus[c];

		for (int k = 0; k < IRQ_KINDS; k++)
			trim_array((void **)&a->irq[k], &a->cap_irq[k], a->nr_irq[k], sizeof(*a->irq[k]));
		for (int k = 0; k < MARK_KINDS; k++)
			trim_array((void **)&a->marks[k], &a->cap_marks[k], a->nr_marks[k], sizeof(*a->marks[k]));
	}
}

size_t cpumarks_memory(const struct cpumarks *m)
{
	size_t n = sizeof(*m) + (size_t)m->nr_cpus * sizeof(*m->cpus);

	for (int c = 0; c < m->nr_cpus; c++) {
		for (int k = 0; k < IRQ_KINDS; k++)
			n += m->cpus[c].cap_irq[k] * sizeof(struct irq_span);
		for (int k = 0; k < MARK_KINDS; k++)
			n += m->cpus[c].cap_marks[k] * sizeof(struct cpu_mark);
	}
	return n;
}

const struct cpu_activity *cpumarks_cpu(const struct cpumarks *m, int cpu)
{
	return m && cpu >= 0 && cpu < m->nr_cpus ? &m->cpus[cpu] : NULL;
}

/* Time of kind's spans in [0, ts), counted from the first kept. */
static uint64_t irq_before(const struct cpu_activity *a, int k, uint64_t ts)
{
	size_t i = span_after(a, k, ts);
	const struct irq_span *s;

	if (i == a->nr_irq[k]) {
		if (!i)
			return 0;
		s = &a->irq[k][i - 1];
		return s->before + (s->end - s->start);
	}
	s = &a->irq[k][i];
	return s->before + (ts > s->start ? ts - s->start : 0);
}

uint64_t cpumarks_irq_time(const struct cpu_activity *a, enum irq_kind kind, uint64_t from, uint64_t to)
{
	if (!a || !a->nr_irq[kind] || to <= from)
		return 0;
	return irq_before(a, kind, to) - irq_before(a, kind, from);
}

const struct cpu_mark *cpumarks_first(const struct cpu_activity *a, enum mark_kind kind, uint64_t from, uint64_t to)
{
	size_t i;

	if (!a || !a->nr_marks[kind])
		return NULL;
	i = mark_at(a, kind, from);
	return i < a->nr_marks[kind] && a->marks[kind][i].ts < to ? &a->marks[kind][i] : NULL;
}
