#include "render/taskview.h"
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

static void draw_cell(struct grid *g, int gx, int gy, const struct task *t, uint64_t from, uint64_t to)
{
	if (sched_task_ran(t, from, to)) {
		grid_put(g, gx, gy, g->ascii ? "#" : "█", ROLE_RUNNING);
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
	int plot_w = w - TIMELINE_LABEL_W, rows = 0;
	char label[40];

	tl.selected = -1;
	render_timeline(g, x, y, w, TIMELINE_AXIS_H, s, sc, &tl);
	for (int r = 0; r < nr_pids && rows < h - TIMELINE_AXIS_H; r++, rows++) {
		const struct task *t = sched_task(sc, pids[r]);
		int gy = y + TIMELINE_AXIS_H + rows;

		snprintf(label, sizeof(label), "%s", sched_comm(sc, tep, pids[r]));
		grid_text(g, x, gy, TIMELINE_LABEL_W - 1, label, r == view->selected ? ROLE_SELECTED : ROLE_TITLE);
		if (!t || !t->nr_states)
			continue;
		for (int col = 0; col < plot_w; col++)
			draw_cell(g, x + TIMELINE_LABEL_W + col, gy, t, timeline_time_at(view, plot_w, col),
				  timeline_time_at(view, plot_w, col + 1));
		{
			int col = timeline_column(view, plot_w, view->cursor);

			if (col >= 0 && col < plot_w)
				grid_role(g, x + TIMELINE_LABEL_W + col, gy, 1, ROLE_CURSOR);
		}
	}
	return TIMELINE_AXIS_H + rows;
}
