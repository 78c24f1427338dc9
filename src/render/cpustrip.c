#include "render/cpustrip.h"
#include "model/sched.h"
#include "model/store.h"

static const char *const heights_utf8[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

/* One cell of the interrupt strip: the kind with more time in it, as tall
 * as both kinds' share (UTF-8 and colours), or a letter (ASCII, mono). */
static void irq_cell(struct grid *g, int gx, int gy, const struct cpu_activity *a, uint64_t from, uint64_t to)
{
	uint64_t hard = cpumarks_irq_time(a, IRQ_HARD, from, to);
	uint64_t soft = cpumarks_irq_time(a, IRQ_SOFT, from, to);
	uint64_t span = to > from ? to - from : 1, e;
	bool is_hard = hard >= soft;

	if (!hard && !soft)
		return;
	e = ((hard + soft) * 8 + span / 2) / span;
	e = e < 1 ? 1 : e > 8 ? 8 : e;
	if (g->ascii || !g->colours)
		grid_put(g, gx, gy, is_hard ? (e > 4 ? "I" : "i") : (e > 4 ? "S" : "s"),
			 is_hard ? ROLE_IRQ : ROLE_SOFTIRQ);
	else
		grid_put(g, gx, gy, heights_utf8[e], is_hard ? ROLE_IRQ : ROLE_SOFTIRQ);
}

/* Whether a run of c that ends in [from, to) was preempted (switched out
 * runnable).  Up to PREEMPT_SAMPLES runs a cell, evenly spread. */
#define PREEMPT_SAMPLES 48

static bool preempted_in(const struct run_cpu *c, uint64_t from, uint64_t to)
{
	int64_t i0 = runs_at(c, from), i1 = runs_at(c, to - 1);
	int64_t stride;

	if (i1 < 0)
		return false;
	if (i0 < 0)
		i0 = 0;
	stride = (i1 - i0) / PREEMPT_SAMPLES + 1;
	for (int64_t i = i0; i < i1; i += stride) {
		const struct run *r = &c->runs[i];

		if (r->end == RUN_SWITCHED && r->state == 'R' && r->pid > 0 && run_end(c, (size_t)i) >= from)
			return true;
	}
	return false;
}

/* The mark of a cell, most telling first: migration, preemption, wakeup. */
static void mark_cell(struct grid *g, int gx, int gy, const struct cpu_activity *a, const struct run_cpu *c,
		      uint64_t from, uint64_t to)
{
	if (cpumarks_first(a, MARK_MIGRATE, from, to))
		grid_put(g, gx, gy, g->ascii ? ">" : "→", ROLE_MARK);
	else if (c && c->nr && preempted_in(c, from, to))
		grid_put(g, gx, gy, g->ascii ? "v" : "↓", ROLE_MARK);
	else if (cpumarks_first(a, MARK_WAKEUP, from, to))
		grid_put(g, gx, gy, g->ascii ? "^" : "↑", ROLE_MARK);
}

void cpustrip_irqs(struct grid *g, int gx, int gy, int plot_w, const struct store *s, const struct sched *sc,
		   int cpu, const struct timeline_view *v, bool with_marks)
{
	const struct cpu_activity *a = sc ? cpumarks_cpu(sc->marks, cpu) : NULL;
	const struct run_cpu *c = sched_cpu(sc, cpu);
	int stream = store_find_stream(s, 0, cpu);

	for (int col = 0; col < plot_w; col++) {
		uint64_t from = timeline_time_at(v, plot_w, col), to = timeline_time_at(v, plot_w, col + 1);

		if (a)
			irq_cell(g, gx + col, gy, a, from, to);
		if (with_marks && (a || c))
			mark_cell(g, gx + col, gy, a, c, from, to);
	}
	if (with_marks && stream >= 0)
		cpustrip_lost(g, gx, gy, plot_w, s, stream, v);
}

void cpustrip_marks(struct grid *g, int gx, int gy, int plot_w, const struct store *s, const struct sched *sc,
		    int cpu, const struct timeline_view *v)
{
	const struct cpu_activity *a = sc ? cpumarks_cpu(sc->marks, cpu) : NULL;
	const struct run_cpu *c = sched_cpu(sc, cpu);
	int stream = store_find_stream(s, 0, cpu);

	for (int col = 0; col < plot_w && (a || c); col++)
		mark_cell(g, gx + col, gy, a, c, timeline_time_at(v, plot_w, col), timeline_time_at(v, plot_w, col + 1));
	if (stream >= 0)
		cpustrip_lost(g, gx, gy, plot_w, s, stream, v);
}

void cpustrip_lost(struct grid *g, int gx, int gy, int plot_w, const struct store *s, int stream,
		   const struct timeline_view *v)
{
	const struct store_stream *st = &s->streams[stream];

	for (size_t p = 0; p < st->nr_pages; p++) {
		const struct store_event *e;
		int col;

		if (!st->pages[p].missed || !(e = store_event_at(s, stream, st->pages[p].first)))
			continue;
		col = timeline_column(v, plot_w, e->ts);
		if (col >= 0 && col < plot_w)
			grid_put(g, gx + col, gy, "!", ROLE_LOST);
	}
}
