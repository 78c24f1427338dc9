#include "render/timeline.h"
#include "render/cpustrip.h"
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
static int32_t draw_sched_cell(struct grid *g, int gx, int gy, const struct sched *sc, const struct run_cpu *c,
			       uint64_t from, uint64_t to)
{
	uint64_t busy;
	int32_t top;

	if (!c->nr || to <= c->runs[0].start || from >= c->end)
		return RUN_UNKNOWN;
	busy = runs_busy(c, from, to);
	if (runs_unknown(c, from, to) * 2 > to - from) {
		draw_idle(g, gx, gy, true);
		return RUN_UNKNOWN;
	}
	if (!busy || !timeline_cell_task(c, from, to, &top)) {
		draw_idle(g, gx, gy, false);
		return RUN_IDLE;
	}
	task_put(g, gx, gy, task_slot(sc, top), task_eighths(busy, to - from));
	return top;
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
		if (c->runs[i].pid > 0 && end - col >= TASK_LABEL_MIN && (!v->dim_tasks || c->runs[i].pid == v->pid_shown))
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

static void draw_marker_column(struct grid *g, int gx, int y0, int rows, int col, int plot_w, const char *mark,
			       enum role role)
{
	if (col < 0 || col >= plot_w)
		return;
	grid_put(g, gx + col, y0 - 1, mark, role);
	for (int r = 0; r < rows; r++)
		grid_role(g, gx + col, y0 + r, 1, role);
}

/* Whether the event filter shows any event of the stream in [from, to):
 * up to FILTER_SAMPLES events, evenly spread, are asked. */
#define FILTER_SAMPLES 8

static bool cell_has_shown(const struct store *s, int stream, uint64_t from, uint64_t to,
			   const struct timeline_view *v)
{
	uint64_t i0, i1, stride;

	if (stream < 0)
		return false;
	i0 = store_find_time(s, stream, from);
	i1 = store_find_time(s, stream, to);
	stride = (i1 - i0) / FILTER_SAMPLES + 1;
	for (uint64_t i = i0; i < i1; i += stride)
		if (v->event_shown(v->event_ctx, stream, i))
			return true;
	return false;
}

/* The task bar of one CPU: who ran, names in long runs, what the filters
 * leave out dim. */
static void draw_task_bar(struct grid *g, int gx, int gy, int plot_w, const struct store *s, const struct sched *sc,
			  struct tep_handle *tep, int cpu, const struct timeline_view *v)
{
	int stream = store_find_stream(s, 0, cpu);
	const struct run_cpu *c = sched_cpu(sc, cpu);

	/* without sched_switch the runs come from each record's task */
	if (c && c->nr) {
		for (int col = 0; col < plot_w; col++) {
			uint64_t from = timeline_time_at(v, plot_w, col), to = timeline_time_at(v, plot_w, col + 1);
			int32_t top = draw_sched_cell(g, gx + col, gy, sc, c, from, to);

			if ((v->dim_tasks && top > 0 && top != v->pid_shown) ||
			    (v->event_shown && top > 0 && !cell_has_shown(s, stream, from, to, v)))
				grid_role(g, gx + col, gy, 1, ROLE_DIM);
		}
		label_runs(g, gx, gy, plot_w, sc, tep, c, v);
	} else if (stream >= 0) {
		draw_density_row(g, gx, gy, plot_w, s, stream, v);
	}
	if (stream >= 0)
		cpustrip_lost(g, gx, gy, plot_w, s, stream, v);
}

int timeline_row_lines(int nr_rows, int h)
{
	int lines = TIMELINE_LINES_MAX;

	while (lines > 1 && TIMELINE_AXIS_H + nr_rows * lines > h)
		lines--;
	return lines;
}

int timeline_rows_fit(int h, int lines)
{
	int n = (h - TIMELINE_AXIS_H) / (lines > 0 ? lines : 1);

	return n > 0 ? n : 0;
}

int timeline_height_for(int nr_rows, int body_h, int split)
{
	int list_min = 4, max = body_h - list_min, h;

	if (nr_rows < 1)
		nr_rows = 1;
	if (split > 0 && split < TIMELINE_SPLITS)
		h = body_h * split / TIMELINE_SPLITS;
	else {
		int lines = timeline_row_lines(nr_rows, body_h / 2);

		h = TIMELINE_AXIS_H + nr_rows * lines;
		if (h > body_h / 2)	/* many CPUs: up to two thirds, a line each */
			h = h < body_h * 2 / 3 ? h : body_h * 2 / 3;
	}
	if (h > max)
		h = max;
	return h < TIMELINE_AXIS_H + 1 ? TIMELINE_AXIS_H + 1 : h;
}

int timeline_nr_shown(const struct timeline_view *v, const struct store *s, const struct sched *sc)
{
	return v->rows ? v->nr_rows : timeline_rows(s, sc);
}

int timeline_row_cpu(const struct timeline_view *v, int i)
{
	return v->rows ? v->rows[i] : i;
}

void timeline_describe(char *buf, size_t len, const struct sched *sc, struct tep_handle *tep, int cpu,
		       uint64_t ts)
{
	const struct run_cpu *c = sched_cpu(sc, cpu);
	int64_t i = c ? runs_at(c, ts) : -1;
	char name[64], since[40], dur[40], how[40];
	const struct run *r;

	buf[0] = '\0';
	if (i < 0 || ts >= c->end)
		return;
	r = &c->runs[i];
	format_time(since, sizeof(since), r->start, 1);
	format_duration(dur, sizeof(dur), run_end(c, (size_t)i) - r->start);
	run_end_text(r, how, sizeof(how));
	if (r->pid == RUN_UNKNOWN) {
		snprintf(buf, len, "CPU%d unknown since %s (%s): events lost", cpu, since, dur);
		return;
	}
	if (r->pid == RUN_IDLE) {
		snprintf(buf, len, "CPU%d idle since %s (%s)", cpu, since, dur);
		return;
	}
	task_name(name, sizeof(name), sc, tep, r->pid);
	snprintf(buf, len, "CPU%d %s running since %s (%s), then %s", cpu, name, since, dur, how);
}

static const char *strip_label(int line, int lines)
{
	return line == 1 ? (lines == 2 ? "  irq^" : "  irq") : "  mark";
}

int render_timeline(struct grid *g, int x, int y, int w, int h, const struct store *s,
		    const struct sched *sc, struct tep_handle *tep, const struct timeline_view *v)
{
	int nrows = timeline_nr_shown(v, s, sc);
	int plot_w = w - TIMELINE_LABEL_W, gx = x + TIMELINE_LABEL_W;
	int lines = v->lines > 0 ? v->lines : timeline_row_lines(nrows, h);
	int shown = 0;
	char label[16];

	if (plot_w < 4 || h < TIMELINE_AXIS_H)
		return 0;
	draw_axis(g, x, y, w, v);
	for (int i = v->first_row < 0 ? 0 : v->first_row; i < nrows && shown + lines <= h - TIMELINE_AXIS_H; i++) {
		int cpu = timeline_row_cpu(v, i), gy = y + TIMELINE_AXIS_H + shown;

		snprintf(label, sizeof(label), "CPU%d", cpu);
		grid_text(g, x, gy, TIMELINE_LABEL_W - 1, label,
			  cpu == v->selected ? (v->focused ? ROLE_SELECTED : ROLE_TITLE) : ROLE_TITLE);
		draw_task_bar(g, gx, gy, plot_w, s, sc, tep, cpu, v);
		for (int l = 1; l < lines; l++)
			grid_text(g, x, gy + l, TIMELINE_LABEL_W - 1, strip_label(l, lines), ROLE_DIM);
		if (lines >= 2)
			cpustrip_irqs(g, gx, gy + 1, plot_w, s, sc, cpu, v, lines == 2);
		if (lines >= 3)
			cpustrip_marks(g, gx, gy + 2, plot_w, s, sc, cpu, v);
		shown += lines;
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
