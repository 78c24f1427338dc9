#include "render/taskview.h"
#include "render/taskstyle.h"
#include "model/sched.h"

#include <stdio.h>
#include <stdlib.h>

struct by_runtime {
	int32_t pid;
	uint64_t runtime;
};

static int cmp_runtime(const void *a, const void *b)
{
	const struct by_runtime *x = a, *y = b;

	if (x->runtime != y->runtime)
		return x->runtime > y->runtime ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int taskview_busiest(const struct sched *sc, int32_t *pids, int max)
{
	struct by_runtime *all = calloc(sc->nr_tasks ? sc->nr_tasks : 1, sizeof(*all));
	int n = 0;

	if (!all)
		return 0;
	for (int i = 0; i < sc->nr_tasks; i++)
		all[n++] = (struct by_runtime){ sc->tasks[i].pid, sched_task_runtime(sc, &sc->tasks[i]) };
	qsort(all, n, sizeof(*all), cmp_runtime);
	if (n > max)
		n = max;
	for (int i = 0; i < n; i++)
		pids[i] = all[i].pid;
	free(all);
	return n;
}

/* Time in [from, to) the task was running, from its state changes; a cell
 * with more than TASK_CHANGES_MAX changes counts the first ones and scales. */
#define TASK_CHANGES_MAX 64

static uint64_t running_time(const struct task *t, uint64_t from, uint64_t to)
{
	size_t lo = 0, hi = t->nr_states, n = 0;
	uint64_t ran = 0, at = from;
	bool running;

	while (lo < hi) {	/* the last change at or before from */
		size_t mid = lo + (hi - lo) / 2;

		if (t->states[mid].ts <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	running = lo > 0 && t->states[lo - 1].state == TASK_RUNNING;
	for (size_t k = lo; k < t->nr_states && t->states[k].ts < to; k++, n++) {
		if (n == TASK_CHANGES_MAX)	/* scale what was seen to the cell */
			return at > from ? (uint64_t)((double)ran * (double)(to - from) / (double)(at - from)) : ran;
		if (running)
			ran += t->states[k].ts - at;
		at = t->states[k].ts;
		running = t->states[k].state == TASK_RUNNING;
	}
	if (running)
		ran += to - at;
	return ran;
}

static void draw_cell(struct grid *g, int gx, int gy, const struct sched *sc, const struct task *t, uint64_t from,
		      uint64_t to)
{
	uint64_t ran = running_time(t, from, to);

	if (ran) {
		task_put(g, gx, gy, task_slot(sc, t->pid), task_eighths(ran, to - from));
		return;
	}
	switch (sched_task_state(t, from)) {
	case 'R':
		grid_put(g, gx, gy, g->ascii ? "r" : "▒", ROLE_RUNNABLE);
		break;
	case 'D':
		grid_put(g, gx, gy, g->ascii ? "D" : "▓", ROLE_BLOCKED);
		break;
	case '?':	/* not known */
	case 'X':	/* exited: gone */
	case 'Z':
		break;
	default:	/* sleeping, stopped, parked */
		grid_put(g, gx, gy, g->ascii ? "." : "·", ROLE_DIM);
		break;
	}
}

int render_task_rows(struct grid *g, int x, int y, int w, int h, const struct store *s, const struct sched *sc,
		     struct tep_handle *tep, const int32_t *pids, int nr_pids, const struct timeline_view *view)
{
	struct timeline_view tl = *view;
	int rows = h - TIMELINE_AXIS_H, first = view->first_row, lw, plot_w;
	char name[64];

	if (first > nr_pids - rows)
		first = nr_pids - rows;
	if (first < 0)
		first = 0;
	if (rows > nr_pids - first)
		rows = nr_pids - first;
	lw = task_label_column(sc, tep, pids + first, rows, TASKVIEW_LABEL_MAX, w);
	plot_w = w - lw;
	tl.selected = -1;
	render_timeline(g, x + lw - TIMELINE_LABEL_W, y, w - lw + TIMELINE_LABEL_W, TIMELINE_AXIS_H, s, sc, tep, &tl);
	for (int r = 0; r < rows; r++) {
		const struct task *t = sched_task(sc, pids[first + r]);
		int gy = y + TIMELINE_AXIS_H + r;

		task_name(name, sizeof(name), sc, tep, pids[first + r]);
		grid_text(g, x, gy, lw - 1, name,
			  first + r == view->selected ? ROLE_SELECTED : task_role(g, task_slot(sc, pids[first + r])));
		if (!t || !t->nr_states)
			continue;
		for (int col = 0; col < plot_w; col++)
			draw_cell(g, x + lw + col, gy, sc, t, timeline_time_at(view, plot_w, col),
				  timeline_time_at(view, plot_w, col + 1));
		{
			int col = timeline_column(view, plot_w, view->cursor);

			if (col >= 0 && col < plot_w)
				grid_role(g, x + lw + col, gy, 1, ROLE_CURSOR);
		}
	}
	return TIMELINE_AXIS_H + rows;
}
