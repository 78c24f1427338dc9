/* A CPU zoomed in: one lane per task that ran on it in the visible range,
 * busiest first, with the time axis above. */
#include "render/lanes.h"
#include "model/sched.h"
#include "model/store.h"

#include <stdio.h>
#include <stdlib.h>

struct lane {
	int32_t pid;
	uint64_t time;
};

static int cmp_lane(const void *a, const void *b)
{
	const struct lane *x = a, *y = b;

	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Runs of the zoomed CPU that overlap the view: [first, last]. */
static void runs_in_view(const struct run_cpu *c, const struct timeline_view *tl, int64_t *first, int64_t *last)
{
	*first = runs_at(c, tl->t0);
	*last = runs_at(c, tl->t1 - 1);
	if (*first < 0)
		*first = 0;
}

static const char *lane_glyph(const struct grid *g, int32_t pid)
{
	if (pid == RUN_UNKNOWN)
		return g->ascii ? "?" : "░";
	if (pid == RUN_IDLE)
		return g->ascii ? "." : "·";
	return g->ascii ? "#" : "█";
}

static enum role lane_role(int32_t pid)
{
	return pid == RUN_UNKNOWN ? ROLE_LOST : role_for_pid(pid);
}

int render_cpu_lanes(struct grid *g, int x, int y, int w, int h, const struct store *s, const struct sched *sc,
		     struct tep_handle *tep, int cpu, const struct timeline_view *view)
{
	const struct run_cpu *c = sched_cpu(sc, cpu);
	struct timeline_view tl = *view;
	struct lane lanes[MAX_LANES * 4];
	int nl = 0, plot_w = w - TIMELINE_LABEL_W, rows = h - TIMELINE_AXIS_H;
	int64_t first, last;
	char label[32];

	tl.selected = -1;
	render_timeline(g, x, y, w, TIMELINE_AXIS_H, s, sc, &tl);
	if (!c || !c->nr || !sc->have_switch) {
		grid_text(g, x, y + TIMELINE_AXIS_H, w,
			  c && sc->have_switch ? "no events on this CPU" : "no sched_switch data for this CPU", ROLE_DIM);
		return TIMELINE_AXIS_H + 1;
	}
	runs_in_view(c, view, &first, &last);
	for (int64_t i = first; i <= last && i - first < 200000; i++) {
		uint64_t s = c->runs[i].start > view->t0 ? c->runs[i].start : view->t0;
		uint64_t e = run_end(c, (size_t)i) < view->t1 ? run_end(c, (size_t)i) : view->t1;
		int k;

		for (k = 0; k < nl && lanes[k].pid != c->runs[i].pid; k++)
			;
		if (k == nl) {
			if (nl == MAX_LANES * 4)
				continue;
			lanes[nl++] = (struct lane){ c->runs[i].pid, 0 };
		}
		lanes[k].time += e > s ? e - s : 0;
	}
	qsort(lanes, nl, sizeof(*lanes), cmp_lane);
	if (nl > rows)
		nl = rows;
	for (int k = 0; k < nl; k++) {
		snprintf(label, sizeof(label), "%s", sched_comm(sc, tep, lanes[k].pid));
		grid_text(g, x, y + TIMELINE_AXIS_H + k, TIMELINE_LABEL_W - 1, label, lane_role(lanes[k].pid));
	}
	for (int64_t i = first; i <= last && i - first < 200000; i++) {
		int c0 = timeline_column(view, plot_w, c->runs[i].start);
		int c1 = timeline_column(view, plot_w, run_end(c, (size_t)i) ? run_end(c, (size_t)i) - 1 : 0);

		for (int k = 0; k < nl; k++) {
			if (lanes[k].pid != c->runs[i].pid)
				continue;
			for (int col = c0 < 0 ? 0 : c0; col <= c1 && col < plot_w; col++)
				grid_put(g, x + TIMELINE_LABEL_W + col, y + TIMELINE_AXIS_H + k,
					 lane_glyph(g, lanes[k].pid), lane_role(lanes[k].pid));
		}
	}
	{
		int col = timeline_column(view, plot_w, view->cursor);

		for (int k = 0; col >= 0 && col < plot_w && k < nl; k++)
			grid_role(g, x + TIMELINE_LABEL_W + col, y + TIMELINE_AXIS_H + k, 1, ROLE_CURSOR);
	}
	return TIMELINE_AXIS_H + (nl ? nl : 1);
}

