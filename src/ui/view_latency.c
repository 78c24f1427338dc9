#include "ui/view_latency.h"
#include "model/latency.h"
#include "render/latency_text.h"
#include "ui/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct latency_pane {
	struct latency *lat;
	const struct lat_task **rows;
	int nr_rows;
	int sel, first;
	const struct lat_task *task;	/* showing its worst waits, or NULL */
	bool histogram;
	int sort;			/* enum lat_col */
	bool ascending;
	uint64_t from, to;
};

static bool compute(struct view *v, struct latency_pane *p)
{
	latency_free(p->lat);
	free(p->rows);
	p->rows = NULL;
	p->lat = latency_build(v->ss->store, &v->ss->src, v->ss->tep, p->from, p->to);
	if (!p->lat)
		return false;
	p->rows = calloc((size_t)(p->lat->nr_tasks ? p->lat->nr_tasks : 1), sizeof(*p->rows));
	if (!p->rows)
		return false;
	p->nr_rows = latency_rows_by(p->lat, -1, p->rows, p->lat->nr_tasks, p->sort, !p->ascending);
	return true;
}

bool latency_pane_open(struct view *v)
{
	struct latency_pane *p = calloc(1, sizeof(*p));

	if (!p)
		return false;
	p->from = 0;
	p->to = UINT64_MAX;
	p->sort = LAT_COL_MAX;
	if (v->tl.has_a && v->tl.has_b && v->tl.a != v->tl.b) {
		p->from = v->tl.a < v->tl.b ? v->tl.a : v->tl.b;
		p->to = (v->tl.a < v->tl.b ? v->tl.b : v->tl.a) + 1;
	}
	if (!compute(v, p)) {
		latency_free(p->lat);
		free(p->rows);
		free(p);
		return false;
	}
	v->lat = p;
	return true;
}

void latency_pane_close(struct view *v)
{
	if (!v->lat)
		return;
	latency_free(v->lat->lat);
	free(v->lat->rows);
	free(v->lat);
	v->lat = NULL;
}

void latency_pane_refresh(struct view *v)
{
	struct latency_pane *p = v->lat;
	int32_t pid = p && p->task ? p->task->pid : -1;

	if (!p || !compute(v, p))
		return;
	p->task = pid >= 0 ? latency_task(p->lat, pid) : NULL;
	if (p->sel >= (p->task ? (int)p->task->count : p->nr_rows))
		p->sel = 0, p->first = 0;
}

static int nr_lines(const struct latency_pane *p)
{
	return p->task ? (int)p->task->count : p->nr_rows;
}

static void jump_to_sample(struct view *v, const struct lat_sample *s)
{
	view_set_markers(v, s->wake_ts, s->run_ts);
	latency_pane_close(v);
}

bool latency_pane_key(struct view *v, int key)
{
	struct latency_pane *p = v->lat;
	int n = nr_lines(p);

	switch (key) {
	case K_UP: case 'k': p->sel--; break;
	case K_DOWN: case 'j': p->sel++; break;
	case K_PGUP: p->sel -= 10; break;
	case K_PGDN: case ' ': p->sel += 10; break;
	case 'g': case K_HOME: p->sel = 0; break;
	case 'G': case K_END: p->sel = n - 1; break;
	case 'H': p->histogram = !p->histogram; break;
	case '<': case '>': case 'I':
		if (key == 'I')
			p->ascending = !p->ascending;
		else
			p->sort = (p->sort + (key == '>' ? 1 : LAT_COLS - 1)) % LAT_COLS;
		p->nr_rows = latency_rows_by(p->lat, -1, p->rows, p->lat->nr_tasks, p->sort, !p->ascending);
		break;
	case K_ENTER:
		if (!p->task && p->sel >= 0 && p->sel < p->nr_rows) {
			p->task = p->rows[p->sel];
			p->sel = p->first = 0;
		} else if (p->task && p->sel >= 0 && (uint64_t)p->sel < p->task->count) {
			jump_to_sample(v, &p->lat->samples[p->task->worst[p->sel]]);
			return false;
		}
		break;
	case K_ESC: case K_BACKSPACE: case 'q':
		if (p->task) {
			p->task = NULL;
			p->sel = p->first = 0;
			break;
		}
		latency_pane_close(v);
		return false;
	case 'L':
		latency_pane_close(v);
		return false;
	default:
		break;
	}
	n = nr_lines(p);
	if (p->sel >= n)
		p->sel = n - 1;
	if (p->sel < 0)
		p->sel = 0;
	return true;
}

static void draw_histogram(struct latency_pane *p, struct grid *g, int y, int h)
{
	char *text = latency_text_histogram(p->lat, p->task, g->w > 80 ? g->w - 40 : 30);
	char *line, *save = NULL;
	int row = 0;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line && row < h; line = strtok_r(NULL, "\n", &save)) {
		grid_text(g, 0, y + row, g->w, line, row == 0 ? ROLE_TITLE : ROLE_NORMAL);
		row++;
	}
	free(text);
}

void latency_pane_draw(struct view *v, struct grid *g, int y, int h)
{
	struct latency_pane *p = v->lat;
	char line[512], title[256];
	int n = nr_lines(p), rows = h - 2;

	if (p->task)
		snprintf(title, sizeof(title), "wakeup latency of %s-%d: %llu waits, longest first; Enter marks one "
			 "(A wakeup, B switch), H histogram, Esc back", p->task->comm, p->task->pid,
			 (unsigned long long)p->task->count);
	else
		snprintf(title, sizeof(title), "wakeup latency (%s%s): %llu waits, %llu still open; by %s%s (< > I); Enter: "
			 "a task's waits, H histogram, Esc", p->lat->used_waking ? "sched_waking" : "sched_wakeup",
			 p->to != UINT64_MAX ? ", between markers A and B" : "", (unsigned long long)p->lat->nr_samples,
			 (unsigned long long)p->lat->open_waits, latency_col_name(p->sort), p->ascending ? " ^" : " v");
	grid_fill(g, 0, y, g->w, " ", ROLE_TITLE);
	grid_text(g, 0, y, g->w, title, ROLE_TITLE);
	if (p->histogram) {
		draw_histogram(p, g, y + 1, h - 1);
		return;
	}
	if (!p->task)
		grid_text(g, 0, y + 1, g->w, latency_header_text(), ROLE_TITLE);
	if (p->sel < p->first)
		p->first = p->sel;
	if (rows > 0 && p->sel >= p->first + rows)
		p->first = p->sel - rows + 1;
	if (!n)
		grid_text(g, 0, y + 2, g->w, "(no wakeups to measure: the trace needs sched_switch and wakeup events)",
			  ROLE_DIM);
	for (int i = p->first; i < n && i - p->first < rows; i++) {
		if (p->task)
			latency_sample_text(p->lat, p->task->worst[i], v->ss->tep, line, sizeof(line));
		else
			latency_row_text(p->rows[i], line, sizeof(line));
		grid_text(g, 0, y + 2 + i - p->first, g->w, line, i == p->sel ? ROLE_SELECTED : ROLE_NORMAL);
		if (i == p->sel)
			grid_role(g, 0, y + 2 + i - p->first, g->w, ROLE_SELECTED);
	}
}
