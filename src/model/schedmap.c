#include "model/schedmap.h"
#include "model/grow.h"
#include "model/sched.h"

#include <stdlib.h>

#define SMAP_CODES 520		/* A0..Z9, a0..z9 */

static int cmp_row(const void *a, const void *b)
{
	const struct smap_row *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return (x->cpu > y->cpu) - (x->cpu < y->cpu);
}

static bool collect(struct schedmap *m, const struct sched *sc)
{
	size_t cap = 0;

	for (int cpu = 0; cpu < sc->nr_cpus; cpu++) {
		const struct run_cpu *c = sched_cpu(sc, cpu);

		for (size_t i = 0; c && i < c->nr; i++) {
			const struct run *r = &c->runs[i];

			if (!grow_array((void **)&m->rows, &cap, m->nr + 1, sizeof(*m->rows)))
				return false;
			m->rows[m->nr++] = (struct smap_row){
				.ts = r->start, .pid = r->pid, .cpu = (int16_t)cpu,
				.flags = (r->flags & RUN_FROM_SWITCH) ? 0 : SMAP_INFERRED,
			};
		}
	}
	return true;
}

/* Codes in order of first appearance (rows sorted by time). */
static bool give_codes(struct schedmap *m)
{
	int32_t next = 0;

	for (size_t i = 0; i < m->nr; i++) {
		struct smap_row *r = &m->rows[i];

		if (r->pid == RUN_IDLE || r->pid == RUN_UNKNOWN || pidmap_find(&m->codes, r->pid) >= 0)
			continue;
		if (pidmap_add(&m->codes, r->pid, next++))
			return false;
		r->flags |= SMAP_NEW;
	}
	return true;
}

struct schedmap *schedmap_build(const struct sched *sc)
{
	struct schedmap *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->nr_cpus = sc->nr_cpus;
	if (!collect(m, sc)) {
		schedmap_free(m);
		return NULL;
	}
	if (m->nr)
		qsort(m->rows, m->nr, sizeof(*m->rows), cmp_row);
	if (!give_codes(m)) {
		schedmap_free(m);
		return NULL;
	}
	return m;
}

void schedmap_free(struct schedmap *m)
{
	if (!m)
		return;
	free(m->rows);
	pidmap_free(&m->codes);
	free(m);
}

const char *schedmap_code(const struct schedmap *m, int32_t pid, char *buf)
{
	int n;

	if (pid == RUN_IDLE)
		return ".";
	n = pidmap_find(&m->codes, pid);
	if (pid == RUN_UNKNOWN || n < 0)
		return "?";
	n %= SMAP_CODES;
	buf[0] = (char)((n < 260 ? 'A' : 'a') + n % 26);
	buf[1] = (char)('0' + n % 260 / 26);
	buf[2] = '\0';
	return buf;
}

void schedmap_replay(const struct schedmap *m, size_t row, int32_t *cur, size_t *done)
{
	if (*done == 0 || *done > row + 1) {
		for (int c = 0; c < m->nr_cpus; c++)
			cur[c] = RUN_UNKNOWN;
		*done = 0;
	}
	for (; *done <= row && *done < m->nr; (*done)++) {
		const struct smap_row *r = &m->rows[*done];

		if (r->cpu >= 0 && r->cpu < m->nr_cpus)
			cur[r->cpu] = r->pid;
	}
}
