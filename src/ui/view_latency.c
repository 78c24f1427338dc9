#include "ui/view_latency.h"
#include "model/latency.h"
#include "render/latency_text.h"
#include "model/session.h"
#include "render/grid.h"
#include "ui/keymap.h"
#include "ui/pane.h"

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

enum latency_action {
	LA_UP = 1, LA_DOWN, LA_PAGE_UP, LA_PAGE_DOWN, LA_FIRST, LA_LAST, LA_HISTOGRAM, LA_SORT_NEXT, LA_SORT_PREV,
	LA_REVERSE, LA_ENTER, LA_BACK, LA_CLOSE,
};

static const struct action_info actions[] = {
	{ LA_UP, "up", "previous line" },
	{ LA_DOWN, "down", "next line" },
	{ LA_PAGE_UP, "page-up", "ten lines back" },
	{ LA_PAGE_DOWN, "page-down", "ten lines on" },
	{ LA_FIRST, "first", "the first line" },
	{ LA_LAST, "last", "the last line" },
	{ LA_HISTOGRAM, "histogram", "log2 histogram of the waits, or the table again" },
	{ LA_SORT_NEXT, "sort-next", "sort by the next column" },
	{ LA_SORT_PREV, "sort-prev", "sort by the previous column" },
	{ LA_REVERSE, "reverse", "reverse the order" },
	{ LA_ENTER, "enter", "a task's worst waits; on a wait, mark it (A wakeup, B switch) and show it" },
	{ LA_BACK, "back", "back to the task table, or close the pane" },
	{ LA_CLOSE, "close", "close the pane" },
};

static const struct key_binding defaults[] = {
	{ K_UP, LA_UP }, { 'k', LA_UP }, { K_DOWN, LA_DOWN }, { 'j', LA_DOWN },
	{ K_PGUP, LA_PAGE_UP }, { K_PGDN, LA_PAGE_DOWN }, { ' ', LA_PAGE_DOWN },
	{ 'g', LA_FIRST }, { K_HOME, LA_FIRST }, { 'G', LA_LAST }, { K_END, LA_LAST },
	{ 'H', LA_HISTOGRAM }, { '>', LA_SORT_NEXT }, { '<', LA_SORT_PREV }, { 'I', LA_REVERSE },
	{ K_ENTER, LA_ENTER }, { K_ESC, LA_BACK }, { K_BACKSPACE, LA_BACK }, { 'q', LA_BACK }, { 'L', LA_CLOSE },
};

const struct keymap_def latency_keymap = {
	"latency", "wakeup latency keys", actions, sizeof(actions) / sizeof(actions[0]), defaults,
	sizeof(defaults) / sizeof(defaults[0]),
};

static bool compute(struct session *ss, struct latency_pane *p)
{
	latency_free(p->lat);
	free(p->rows);
	p->rows = NULL;
	p->lat = latency_build(ss->store, &ss->src, ss->tep, p->from, p->to);
	if (!p->lat)
		return false;
	p->rows = calloc((size_t)(p->lat->nr_tasks ? p->lat->nr_tasks : 1), sizeof(*p->rows));
	if (!p->rows)
		return false;
	p->nr_rows = latency_rows_by(p->lat, -1, p->rows, p->lat->nr_tasks, p->sort, !p->ascending);
	return true;
}

static void free_state(struct latency_pane *p)
{
	latency_free(p->lat);
	free(p->rows);
	free(p);
}

static void latency_close(struct pane *pn)
{
	free_state(pn->state);
}

static void latency_refresh(struct pane *pn)
{
	struct latency_pane *p = pn->state;
	int32_t pid = p->task ? p->task->pid : -1;

	if (!compute(pn->host->ss, p))
		return;
	p->task = pid >= 0 ? latency_task(p->lat, pid) : NULL;
	if (p->sel >= (p->task ? (int)p->task->count : p->nr_rows))
		p->sel = 0, p->first = 0;
}

static int nr_lines(const struct latency_pane *p)
{
	return p->task ? (int)p->task->count : p->nr_rows;
}

static enum pane_result enter(struct pane *pn)
{
	struct latency_pane *p = pn->state;

	if (!p->task && p->sel >= 0 && p->sel < p->nr_rows) {
		p->task = p->rows[p->sel];
		p->sel = p->first = 0;
	} else if (p->task && p->sel >= 0 && (uint64_t)p->sel < p->task->count) {
		const struct lat_sample *s = &p->lat->samples[p->task->worst[p->sel]];

		pn->host->ops->show_markers(pn->host->ctx, s->wake_ts, s->run_ts);
		if (pn->host->ops->show_cpu)	/* the CPU it waited for, in view */
			pn->host->ops->show_cpu(pn->host->ctx, s->run_cpu);
		return PANE_CLOSE;
	}
	return PANE_REDRAW;
}

static enum pane_result latency_action(struct pane *pn, int a, int key)
{
	struct latency_pane *p = pn->state;
	int n = nr_lines(p);

	switch (a) {
	case LA_UP: p->sel--; break;
	case LA_DOWN: p->sel++; break;
	case LA_PAGE_UP: p->sel -= 10; break;
	case LA_PAGE_DOWN: p->sel += 10; break;
	case LA_FIRST: p->sel = 0; break;
	case LA_LAST: p->sel = n - 1; break;
	case LA_HISTOGRAM: p->histogram = !p->histogram; break;
	case LA_SORT_NEXT: case LA_SORT_PREV: case LA_REVERSE:
		if (a == LA_REVERSE)
			p->ascending = !p->ascending;
		else
			p->sort = (p->sort + (a == LA_SORT_NEXT ? 1 : LAT_COLS - 1)) % LAT_COLS;
		p->nr_rows = latency_rows_by(p->lat, -1, p->rows, p->lat->nr_tasks, p->sort, !p->ascending);
		break;
	case LA_ENTER:
		if (enter(pn) == PANE_CLOSE)
			return PANE_CLOSE;
		break;
	case LA_BACK:
		if (!p->task)
			return PANE_CLOSE;
		p->task = NULL;
		p->sel = p->first = 0;
		break;
	case LA_CLOSE: return PANE_CLOSE;
	default: return PANE_UNHANDLED;
	}
	n = nr_lines(p);
	if (p->sel >= n)
		p->sel = n - 1;
	if (p->sel < 0)
		p->sel = 0;
	return PANE_REDRAW;
}

static void latency_draw(struct pane *pn, struct grid *g, int y, int h);

static const struct pane_class latency_class = {
	.name = "latency", .keys = &latency_keymap, .action = latency_action, .draw = latency_draw,
	.refresh = latency_refresh, .close = latency_close,
};

bool latency_pane_open(struct pane_host *h)
{
	struct latency_pane *p = calloc(1, sizeof(*p));
	struct pane *pn;

	if (!p)
		return false;
	p->from = 0;
	p->to = UINT64_MAX;
	p->sort = LAT_COL_MAX;
	h->ops->range(h->ctx, &p->from, &p->to);
	if (!compute(h->ss, p) || !(pn = pane_new(&latency_class, h, p))) {
		free_state(p);
		return false;
	}
	return pane_host_push(h, pn);
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

static void latency_draw(struct pane *pn, struct grid *g, int y, int h)
{
	struct latency_pane *p = pn->state;
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
			latency_sample_text(p->lat, p->task->worst[i], pn->host->ss->tep, line, sizeof(line));
		else
			latency_row_text(p->rows[i], line, sizeof(line));
		grid_text(g, 0, y + 2 + i - p->first, g->w, line, i == p->sel ? ROLE_SELECTED : ROLE_NORMAL);
		if (i == p->sel)
			grid_role(g, 0, y + 2 + i - p->first, g->w, ROLE_SELECTED);
	}
}
