#include "render/timeline.h"
#include "render/taskstyle.h"
#include "model/sched.h"
#include "model/store.h"

#include <stdio.h>
#include <string.h>

static const char *const blocks_utf8[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char *const blocks_ascii[] = { " ", ".", ".", ":", ":", "=", "=", "#", "#" };

int timeline_column(const struct timeline_view *v, int plot_w, uint64_t t)
{
	uint64_t span = v->t1 > v->t0 ? v->t1 - v->t0 : 1;

	if (t < v->t0)
		return -1 - (int)((v->t0 - t) / (span / (uint64_t)plot_w + 1));
	if (t >= v->t1)
		return plot_w + (int)((t - v->t1) / (span / (uint64_t)plot_w + 1));
	return (int)((double)(t - v->t0) * plot_w / (double)span);
}

uint64_t timeline_time_at(const struct timeline_view *v, int plot_w, int col)
{
	uint64_t span = v->t1 > v->t0 ? v->t1 - v->t0 : 1;

	return v->t0 + (uint64_t)((double)span * col / plot_w + 0.5);
}

void format_time(char *buf, size_t len, uint64_t ts, uint64_t step)
{
	int decimals = 0;

	for (uint64_t d = 1000000000; d > step && decimals < 9; d /= 10)
		decimals++;
	/* all nine decimals, then cut to the ones the step needs */
	snprintf(buf, len, "%llu.%09llu", (unsigned long long)(ts / 1000000000),
		 (unsigned long long)(ts % 1000000000));
	{
		char *dot = strchr(buf, '.');

		if (dot)
			dot[decimals ? decimals + 1 : 0] = '\0';
	}
}

void format_duration(char *buf, size_t len, uint64_t ns)
{
	if (ns < 1000)
		snprintf(buf, len, "%llu ns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.3f us", ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, len, "%.3f ms", ns / 1e6);
	else
		snprintf(buf, len, "%.6f s", ns / 1e9);
}

int timeline_rows(const struct store *s, const struct sched *sc)
{
	int n = 0;

	if (sc)
		return sc->nr_cpus;
	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].buffer == 0 && s->streams[i].cpu >= n)
			n = s->streams[i].cpu + 1;
	return n;
}

/* A round tick step (1, 2 or 5 times a power of ten ns) near span/want. */
static uint64_t tick_step(uint64_t span, int want)
{
	uint64_t raw = span / (uint64_t)(want > 0 ? want : 1), step = 1;

	while (step * 10 <= raw)
		step *= 10;
	if (step * 5 <= raw)
		return step * 5;
	if (step * 2 <= raw)
		return step * 2;
	return step;
}

static void draw_axis(struct grid *g, int x, int y, int w, const struct timeline_view *v)
{
	int plot_w = w - TIMELINE_LABEL_W;
	uint64_t step = tick_step(v->t1 - v->t0, plot_w / 14);
	char label[40];
	int free_from = 0;	/* labels must not touch */

	grid_fill(g, x + TIMELINE_LABEL_W, y + 1, plot_w, g->ascii ? "-" : "─", ROLE_AXIS);
	for (uint64_t t = (v->t0 + step - 1) / step * step; t < v->t1; t += step) {
		int col = timeline_column(v, plot_w, t);
		int len;

		format_time(label, sizeof(label), t, step);
		len = (int)strlen(label);
		grid_put(g, x + TIMELINE_LABEL_W + col, y + 1, g->ascii ? "+" : "┬", ROLE_AXIS);
		if (col >= free_from && col + len <= plot_w) {
			grid_text(g, x + TIMELINE_LABEL_W + col, y, len, label, ROLE_AXIS);
			free_from = col + len + 1;
		}
	}
	grid_text(g, x, y + 1, TIMELINE_LABEL_W, "time", ROLE_AXIS);
}

static void draw_idle(struct grid *g, int gx, int gy, bool unknown)
{
	if (unknown)
		grid_put(g, gx, gy, g->ascii ? "?" : "░", ROLE_LOST);
	else
		grid_put(g, gx, gy, g->ascii ? "." : "·", ROLE_DIM);
}

/* The task (not idle, not unknown) that ran longest in [from, to).  A cell
 * holding many runs is sampled (up to CELL_SAMPLES runs, evenly spread,
 * each weighed by the stride) so that a frame costs the same at any zoom. */
#define CELL_SAMPLES 48
#define CELL_TASKS 16

bool timeline_cell_task(const struct run_cpu *c, uint64_t from, uint64_t to, int32_t *pid)
{
	struct { int32_t pid; uint64_t t; } seen[CELL_TASKS];
	int64_t i0 = runs_at(c, from), i1 = runs_at(c, to - 1);
	int nseen = 0, best = -1;
	uint64_t stride;

	if (i1 < 0)
		return false;
	if (i0 < 0)
		i0 = 0;
	stride = (uint64_t)(i1 - i0) / CELL_SAMPLES + 1;
	for (int64_t i = i0; i <= i1; i += (int64_t)stride) {
		const struct run *r = &c->runs[i];
		uint64_t s = r->start > from ? r->start : from, e = run_end(c, (size_t)i);
		int k;

		if (r->pid == RUN_IDLE || r->pid == RUN_UNKNOWN)
			continue;
		e = e < to ? e : to;
		for (k = 0; k < nseen && seen[k].pid != r->pid; k++)
			;
		if (k == nseen) {
			if (nseen == CELL_TASKS)
				continue;
			seen[nseen].pid = r->pid;
			seen[nseen++].t = 0;
		}
		seen[k].t += (e > s ? e - s : 1) * stride;
		if (best < 0 || seen[k].t > seen[best].t)
			best = k;
	}
	if (best < 0)
		return false;
	*pid = seen[best].pid;
	return true;
}

/* A cell of a CPU row: the task that ran most of it, as tall as the CPU
 * was busy; idle; or unknown when most of it is. */
static void draw_sched_cell(struct grid *g, int gx, int gy, const struct sched *sc, const struct run_cpu *c,
			    uint64_t from, uint64_t to)
{
	uint64_t busy;
	int32_t top;

	if (!c->nr || to <= c->runs[0].start || from >= c->end)
		return;
	busy = runs_busy(c, from, to);
	if (runs_unknown(c, from, to) * 2 > to - from) {
		draw_idle(g, gx, gy, true);
		return;
	}
	if (!busy || !timeline_cell_task(c, from, to, &top)) {
		draw_idle(g, gx, gy, false);
		return;
	}
	task_put(g, gx, gy, task_slot(sc, top), task_eighths(busy, to - from));
}

/* Names in the bars: a run covering TASK_LABEL_MIN cells or more gets its
 * comm-pid written in it.  One lookup per cell or per run, whichever is
 * fewer. */
static void label_runs(struct grid *g, int gx, int gy, int plot_w, const struct sched *sc, struct tep_handle *tep,
		       const struct run_cpu *c, const struct timeline_view *v)
{
	for (int col = 0; col < plot_w;) {
		uint64_t t = timeline_time_at(v, plot_w, col);
		int64_t i = runs_at(c, t);
		int end;

		if (i < 0) {
			col++;
			continue;
		}
		if (c->runs[i].start > t)	/* starts inside the cell: from the next */
			col++;
		end = timeline_column(v, plot_w, run_end(c, (size_t)i));
		if (end > plot_w)
			end = plot_w;
		if (c->runs[i].pid > 0 && end - col >= TASK_LABEL_MIN)
			task_label(g, gx + col, gy, end - col, sc, tep, c->runs[i].pid);
		col = end > col ? end : col + 1;
	}
}

static void draw_density_row(struct grid *g, int gx, int gy, int plot_w, const struct store *s, int stream,
			     const struct timeline_view *v)
{
	const char *const *blocks = g->ascii ? blocks_ascii : blocks_utf8;
	uint64_t max = 1;

	for (int pass = 0; pass < 2; pass++) {
		for (int col = 0; col < plot_w; col++) {
			uint64_t n = store_count_range(s, stream, timeline_time_at(v, plot_w, col),
						       timeline_time_at(v, plot_w, col + 1));

			if (!pass && n > max)
				max = n;
			if (pass && n)
				grid_put(g, gx + col, gy, blocks[1 + (n * 7) / max], ROLE_BUSY);
		}
	}
}

static void draw_lost(struct grid *g, int gx, int gy, int plot_w, const struct store *s, int stream,
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

static void draw_marker_column(struct grid *g, int gx, int y0, int rows, int col, int plot_w, const char *mark,
			       enum role role)
{
	if (col < 0 || col >= plot_w)
		return;
	grid_put(g, gx + col, y0 - 1, mark, role);
	for (int r = 0; r < rows; r++)
		grid_role(g, gx + col, y0 + r, 1, role);
}

int render_timeline(struct grid *g, int x, int y, int w, int h, const struct store *s,
		    const struct sched *sc, struct tep_handle *tep, const struct timeline_view *v)
{
	int nrows = timeline_rows(s, sc);
	int plot_w = w - TIMELINE_LABEL_W, gx = x + TIMELINE_LABEL_W;
	int shown = 0;
	char label[16];

	if (plot_w < 4 || h < TIMELINE_AXIS_H)
		return 0;
	draw_axis(g, x, y, w, v);
	for (int cpu = v->first_row; cpu < nrows && shown < h - TIMELINE_AXIS_H; cpu++, shown++) {
		int stream = store_find_stream(s, 0, cpu), gy = y + TIMELINE_AXIS_H + shown;
		const struct run_cpu *c = sc && sc->have_switch ? sched_cpu(sc, cpu) : NULL;

		snprintf(label, sizeof(label), "CPU%d", cpu);
		grid_text(g, x, gy, TIMELINE_LABEL_W - 1, label,
			  cpu == v->selected ? (v->focused ? ROLE_SELECTED : ROLE_TITLE) : ROLE_TITLE);
		if (c) {
			for (int col = 0; col < plot_w; col++)
				draw_sched_cell(g, gx + col, gy, sc, c, timeline_time_at(v, plot_w, col),
						timeline_time_at(v, plot_w, col + 1));
			label_runs(g, gx, gy, plot_w, sc, tep, c, v);
		} else if (stream >= 0) {
			draw_density_row(g, gx, gy, plot_w, s, stream, v);
		}
		if (stream >= 0)
			draw_lost(g, gx, gy, plot_w, s, stream, v);
	}
	draw_marker_column(g, gx, y + TIMELINE_AXIS_H, shown, timeline_column(v, plot_w, v->cursor), plot_w,
			   g->ascii ? "|" : "▼", ROLE_CURSOR);
	if (v->has_a)
		draw_marker_column(g, gx, y + TIMELINE_AXIS_H, shown, timeline_column(v, plot_w, v->a), plot_w, "A",
				   ROLE_MARKER_A);
	if (v->has_b)
		draw_marker_column(g, gx, y + TIMELINE_AXIS_H, shown, timeline_column(v, plot_w, v->b), plot_w, "B",
				   ROLE_MARKER_B);
	return TIMELINE_AXIS_H + shown;
}
