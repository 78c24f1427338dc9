/* A CPU zoomed in: one lane per task that ran on it in the visible range,
 * busiest first, with the time axis above.  The label column is as wide as
 * the longest comm-pid (up to LANE_LABEL_MAX); each cell is as tall as the
 * share of it the task ran; long runs carry their name. */
#include "render/lanes.h"
#include "render/taskstyle.h"
#include "model/pidmap.h"
#include "model/sched.h"
#include "model/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LANE_LABEL_MAX 24
#define LANE_RUNS_MAX 200000	/* runs looked at in a frame; more are sampled */

struct lane {
	int32_t pid;
	uint64_t time;
};

struct lane_set {
	struct lane *lanes;
	int nr;
	struct pidmap by_pid;	/* pid -> lane (in first-seen order until sorted) */
};

static int cmp_lane(const void *a, const void *b)
{
	const struct lane *x = a, *y = b;

	if (x->time != y->time)
		return x->time > y->time ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* Runs of the CPU that overlap the view, [first, last], and the stride
 * that keeps them to LANE_RUNS_MAX. */
static uint64_t runs_in_view(const struct run_cpu *c, const struct timeline_view *tl, int64_t *first, int64_t *last)
{
	*first = runs_at(c, tl->t0);
	*last = runs_at(c, tl->t1 - 1);
	if (*first < 0)
		*first = 0;
	return *last < *first ? 1 : (uint64_t)(*last - *first) / LANE_RUNS_MAX + 1;
}

static uint64_t overlap(const struct run_cpu *c, int64_t i, uint64_t from, uint64_t to)
{
	uint64_t s = c->runs[i].start > from ? c->runs[i].start : from;
	uint64_t e = run_end(c, (size_t)i) < to ? run_end(c, (size_t)i) : to;

	return e > s ? e - s : 0;
}

static void lane_set_free(struct lane_set *ls)
{
	free(ls->lanes);
	pidmap_free(&ls->by_pid);
}

/* The tasks of the view, busiest first; -1 when memory runs out. */
static int lane_set_build(struct lane_set *ls, const struct run_cpu *c, const struct timeline_view *view)
{
	int64_t first, last;
	uint64_t stride = runs_in_view(c, view, &first, &last);
	int cap = 0;

	memset(ls, 0, sizeof(*ls));
	for (int64_t i = first; i <= last; i += (int64_t)stride) {
		int k = pidmap_find(&ls->by_pid, c->runs[i].pid);

		if (k < 0) {
			if (ls->nr == cap) {
				struct lane *n = realloc(ls->lanes, (size_t)(cap = cap ? cap * 2 : 64) * sizeof(*n));

				if (!n)
					return -1;
				ls->lanes = n;
			}
			if (pidmap_add(&ls->by_pid, c->runs[i].pid, ls->nr))
				return -1;
			k = ls->nr++;
			ls->lanes[k] = (struct lane){ c->runs[i].pid, 0 };
		}
		ls->lanes[k].time += overlap(c, i, view->t0, view->t1) * stride;
	}
	if (ls->nr)
		qsort(ls->lanes, (size_t)ls->nr, sizeof(*ls->lanes), cmp_lane);
	pidmap_free(&ls->by_pid);
	memset(&ls->by_pid, 0, sizeof(ls->by_pid));
	for (int k = 0; k < ls->nr; k++)
		if (pidmap_add(&ls->by_pid, ls->lanes[k].pid, k))
			return -1;
	return 0;
}

int cpu_lanes_count(const struct sched *sc, int cpu, const struct timeline_view *view)
{
	const struct run_cpu *c = sched_cpu(sc, cpu);
	struct lane_set ls;
	int n;

	if (!c || !c->nr)
		return 0;
	n = lane_set_build(&ls, c, view) ? 0 : ls.nr;
	lane_set_free(&ls);
	return n;
}

static int label_width(const struct lane_set *ls, int first, int rows, const struct sched *sc,
		       struct tep_handle *tep, int w)
{
	int32_t *pids = malloc((size_t)(rows > 0 ? rows : 1) * sizeof(*pids));
	int lw;

	if (!pids)
		return TIMELINE_LABEL_W;
	for (int k = 0; k < rows; k++)
		pids[k] = ls->lanes[first + k].pid;
	lw = task_label_column(sc, tep, pids, rows, LANE_LABEL_MAX, w);
	free(pids);
	return lw;
}

static void draw_lane_cell(struct grid *g, int gx, int gy, const struct sched *sc, int32_t pid, uint64_t t,
			   uint64_t span)
{
	if (!t)
		return;
	if (pid == RUN_UNKNOWN)
		grid_put(g, gx, gy, g->ascii ? "?" : "░", ROLE_LOST);
	else if (pid == RUN_IDLE)
		grid_put(g, gx, gy, g->ascii ? "." : "·", ROLE_DIM);
	else
		task_put(g, gx, gy, task_slot(sc, pid), task_eighths(t, span));
}

/* Per visible lane and column, the time its task ran there; then the cells. */
static int draw_lane_cells(struct grid *g, int gx, int gy, int plot_w, const struct sched *sc,
			   const struct run_cpu *c, const struct lane_set *ls, int first, int rows,
			   const struct timeline_view *view)
{
	uint64_t *t = calloc((size_t)rows * (size_t)plot_w, sizeof(*t));
	int64_t i0, i1;
	uint64_t stride = runs_in_view(c, view, &i0, &i1);

	if (!t)
		return -1;
	for (int64_t i = i0; i <= i1; i += (int64_t)stride) {
		int k = pidmap_find(&ls->by_pid, c->runs[i].pid) - first;
		int c0, c1;

		if (k < 0 || k >= rows)
			continue;
		c0 = timeline_column(view, plot_w, c->runs[i].start);
		c1 = timeline_column(view, plot_w, run_end(c, (size_t)i) - 1);
		for (int col = c0 < 0 ? 0 : c0; col <= c1 && col < plot_w; col++)
			t[(size_t)k * plot_w + col] += stride * overlap(c, i, timeline_time_at(view, plot_w, col),
									timeline_time_at(view, plot_w, col + 1));
	}
	for (int k = 0; k < rows; k++)
		for (int col = 0; col < plot_w; col++)
			draw_lane_cell(g, gx + col, gy + k, sc, ls->lanes[first + k].pid, t[(size_t)k * plot_w + col],
				       timeline_time_at(view, plot_w, col + 1) - timeline_time_at(view, plot_w, col));
	free(t);
	return 0;
}

/* Names in the runs wide enough for one, in their lanes. */
static void label_lanes(struct grid *g, int gx, int gy, int plot_w, const struct sched *sc, struct tep_handle *tep,
			const struct run_cpu *c, const struct lane_set *ls, int first, int rows,
			const struct timeline_view *view)
{
	for (int col = 0; col < plot_w;) {
		uint64_t t = timeline_time_at(view, plot_w, col);
		int64_t i = runs_at(c, t);
		int end, k;

		if (i < 0) {
			col++;
			continue;
		}
		if (c->runs[i].start > t)
			col++;
		end = timeline_column(view, plot_w, run_end(c, (size_t)i));
		end = end > plot_w ? plot_w : end;
		k = pidmap_find(&ls->by_pid, c->runs[i].pid) - first;
		if (k >= 0 && k < rows && end - col >= TASK_LABEL_MIN)
			task_label(g, gx + col, gy + k, end - col, sc, tep, c->runs[i].pid);
		col = end > col ? end : col + 1;
	}
}

int render_cpu_lanes(struct grid *g, int x, int y, int w, int h, const struct store *s, const struct sched *sc,
		     struct tep_handle *tep, int cpu, const struct timeline_view *view)
{
	const struct run_cpu *c = sched_cpu(sc, cpu);
	struct timeline_view tl = *view;
	struct lane_set ls;
	int rows = h - TIMELINE_AXIS_H, first = view->first_row, lw, plot_w;
	char name[64];

	tl.selected = -1;
	if (!c || !c->nr) {
		render_timeline(g, x, y, w, TIMELINE_AXIS_H, s, sc, tep, &tl);
		grid_text(g, x, y + TIMELINE_AXIS_H, w, "no events on this CPU", ROLE_DIM);
		return TIMELINE_AXIS_H + 1;
	}
	if (lane_set_build(&ls, c, view)) {
		lane_set_free(&ls);
		grid_text(g, x, y + TIMELINE_AXIS_H, w, "out of memory", ROLE_ERROR);
		return TIMELINE_AXIS_H + 1;
	}
	if (first > ls.nr - rows)
		first = ls.nr - rows;
	if (first < 0)
		first = 0;
	if (rows > ls.nr - first)
		rows = ls.nr - first;
	lw = label_width(&ls, first, rows, sc, tep, w);
	/* the axis shifted right so that its plot starts where the lanes' does */
	render_timeline(g, x + lw - TIMELINE_LABEL_W, y, w - lw + TIMELINE_LABEL_W, TIMELINE_AXIS_H, s, sc, tep, &tl);
	plot_w = w - lw;
	for (int k = 0; k < rows; k++) {
		int32_t pid = ls.lanes[first + k].pid;
		int slot = task_slot(sc, pid);

		task_name(name, sizeof(name), sc, tep, pid);
		grid_text(g, x, y + TIMELINE_AXIS_H + k, lw - 1, name,
			  pid == RUN_UNKNOWN ? ROLE_LOST : pid == RUN_IDLE ? ROLE_DIM : task_role(g, slot));
	}
	if (draw_lane_cells(g, x + lw, y + TIMELINE_AXIS_H, plot_w, sc, c, &ls, first, rows, view) == 0)
		label_lanes(g, x + lw, y + TIMELINE_AXIS_H, plot_w, sc, tep, c, &ls, first, rows, view);
	{
		int col = timeline_column(view, plot_w, view->cursor);

		for (int k = 0; col >= 0 && col < plot_w && k < rows; k++)
			grid_role(g, x + lw + col, y + TIMELINE_AXIS_H + k, 1, ROLE_CURSOR);
	}
	lane_set_free(&ls);
	return TIMELINE_AXIS_H + (rows ? rows : 1);
}
