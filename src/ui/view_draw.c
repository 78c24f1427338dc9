#include "ui/view_draw.h"
#include "model/sched.h"
#include "render/lanes.h"
#include "render/taskview.h"
#include "ui/view.h"
#include "ui/view_list.h"
#include "ui/view_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_H 1
#define STATUS_H 1
#define LIST_HEADER_H 1

static int timeline_height(const struct view *v)
{
	int body = v->h - TITLE_H - STATUS_H - LIST_HEADER_H;
	int rows = v->zoom_cpu >= 0 ? cpu_lanes_count(v->sched, v->zoom_cpu, &v->tl)
		   : v->task_view ? v->nr_task_rows : timeline_nr_shown(&v->tl, v->ss->store, v->sched);

	if (v->zoom_cpu >= 0 || v->task_view) {	/* a line each, up to half (or the split) */
		int h = TIMELINE_AXIS_H + (rows > 0 ? rows : 1);
		int max = v->split ? timeline_height_for(rows, body, v->split) : body / 2;

		return h < max ? h : max > TIMELINE_AXIS_H ? max : TIMELINE_AXIS_H + 1;
	}
	return timeline_height_for(rows, body, v->split);
}

void view_layout(struct view *v)
{
	int tl_h = timeline_height(v);

	v->plot_w = v->w - TIMELINE_LABEL_W;
	v->list_h = v->h - TITLE_H - tl_h - LIST_HEADER_H - STATUS_H;
	if (v->list_h < 1)
		v->list_h = 1;
	if (v->list_h > MAX_LIST_LINES)
		v->list_h = MAX_LIST_LINES;
	if (v->zoom_cpu >= 0 || v->task_view)
		v->rows_visible = tl_h - TIMELINE_AXIS_H;
	else
		v->rows_visible = timeline_rows_fit(tl_h, timeline_row_lines(timeline_nr_shown(&v->tl, v->ss->store,
											 v->sched), tl_h));
}

static void draw_title(struct view *v, struct grid *g)
{
	const struct store *s = v->ss->store;
	uint64_t lost = 0;
	char buf[512], pos[64];
	int n;

	for (int i = 0; i < s->nr_streams; i++)
		lost += s->streams[i].lost;
	view_rows_position(v, pos, sizeof(pos));
	n = snprintf(buf, sizeof(buf), " ftui  %s  %d CPUs  %llu events%s%s", v->title, v->nr_rows,
		     (unsigned long long)store_nr_events(s), pos[0] ? "  " : "", pos);
	grid_fill(g, 0, 0, g->w, " ", ROLE_STATUS);
	grid_text(g, 0, 0, g->w, buf, ROLE_STATUS);
	if (lost) {
		int len = snprintf(buf, sizeof(buf), "  %llu lost", (unsigned long long)lost);
		int x = n + len <= g->w ? n : g->w - len;

		grid_text(g, x, 0, len, buf, ROLE_LOST);
		n = x + len;
	}
	/* the hint only where it covers nothing: the title's numbers come first */
	snprintf(buf, sizeof(buf), "? help  q quit ");
	if (g->w > 60 && n + 1 + (int)strlen(buf) <= g->w)
		grid_text(g, g->w - (int)strlen(buf), 0, (int)strlen(buf), buf, ROLE_STATUS);
}

static void draw_list_header(struct view *v, struct grid *g, int y)
{
	char buf[512];
	int n;

	if (g->ascii)
		n = snprintf(buf, sizeof(buf), "%s events", v->focus == FOCUS_LIST ? ">" : "-");
	else
		n = snprintf(buf, sizeof(buf), "%s events", v->focus == FOCUS_LIST ? "▶" : "─");
	if (v->zoom_cpu >= 0)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  [CPU %d]", v->zoom_cpu);
	if (v->cpu_text)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  [cpus %s]", v->cpu_text);
	if (v->task_pid >= 0)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  [task %s-%d]",
			      sched_comm(v->sched, v->ss->tep, v->task_pid), v->task_pid);
	if (v->filter_text)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  [filter %s]", v->filter_text);
	if (v->hide_text)
		snprintf(buf + n, sizeof(buf) - (size_t)n, "  [hide %s]", v->hide_text);
	grid_fill(g, 0, y, g->w, g->ascii ? "-" : "─", ROLE_DIM);
	grid_text(g, 0, y, g->w, buf, v->focus == FOCUS_LIST ? ROLE_TITLE : ROLE_DIM);
}

static void draw_status(struct view *v, struct grid *g)
{
	char buf[512], t0[32], t1[32], cur[32], span[32], d[32];
	int y = g->h - 1, n;
	uint64_t step = (v->tl.t1 - v->tl.t0) / (uint64_t)(v->plot_w > 0 ? v->plot_w : 1);

	grid_fill(g, 0, y, g->w, " ", ROLE_STATUS);
	if (prompt_is_open(&v->prompt)) {
		prompt_draw(&v->prompt, g, y);
		return;
	}
	if (v->message[0]) {
		grid_text(g, 0, y, g->w, v->message, v->message_error ? ROLE_ERROR : ROLE_MESSAGE);
		return;
	}
	format_time(t0, sizeof(t0), v->tl.t0, step ? step : 1);
	format_time(t1, sizeof(t1), v->tl.t1, step ? step : 1);
	format_time(cur, sizeof(cur), v->tl.cursor, 1000);
	format_duration(span, sizeof(span), v->tl.t1 - v->tl.t0);
	n = snprintf(buf, sizeof(buf), "%s  [%s..%s] %s", cur, t0, t1, span);
	if (v->tl.has_a && v->tl.has_b) {
		format_duration(d, sizeof(d), v->tl.a > v->tl.b ? v->tl.a - v->tl.b : v->tl.b - v->tl.a);
		snprintf(buf + n, sizeof(buf) - (size_t)n, "  A-B %s", d);
	} else if (v->tl.has_a) {
		format_duration(d, sizeof(d), v->tl.a > v->tl.cursor ? v->tl.a - v->tl.cursor : v->tl.cursor - v->tl.a);
		snprintf(buf + n, sizeof(buf) - (size_t)n, "  A-cursor %s", d);
	}
	n = (int)strlen(buf);
	if (!v->task_view && (v->zoom_cpu >= 0 || v->tl.selected >= 0)) {
		char who[160];

		timeline_describe(who, sizeof(who), v->sched, v->ss->tep, v->zoom_cpu >= 0 ? v->zoom_cpu : v->tl.selected,
				  v->tl.cursor);
		if (who[0])
			n += snprintf(buf + n, sizeof(buf) - (size_t)n, "  %s", who);
	}
	grid_text(g, 0, y, g->w, buf, ROLE_STATUS);
}

/* One help line: a heading (action < 0) or an action's keys and help. */
static void help_line(struct grid *g, int x, int y, int w, const struct keytable *t, const struct keytable *shadow,
		      const struct action_info *ai)
{
	char keys[64], line[256];

	if (!ai) {
		grid_text(g, x + 1, y, w - 2, keytable_def(t)->title, ROLE_TITLE);
		return;
	}
	keytable_describe_over(t, ai->action, shadow, keys, sizeof(keys));
	snprintf(line, sizeof(line), "%-16s", keys);
	grid_text(g, x + 1, y, 16, line, ROLE_KEY);
	grid_text(g, x + 18, y, w - 19, ai->help, ROLE_NORMAL);
}

/* The focused pane's keys, then the global ones (over a pane, those that
 * work everywhere); the first heading stays, the rest scrolls. */
static void draw_help(struct view *v, struct grid *g)
{
	int w = g->w > 76 ? 76 : g->w - 2, h = g->h - 2, x = (g->w - w) / 2, y = 1, row = 0, n = 0;
	struct pane *top = view_top_pane(v);
	const struct keytable *global = keymap_table(v->keys, &main_keymap);
	const struct keytable *first = top ? top->keys : global;
	const struct keymap_def *fd = keytable_def(first), *gd = &main_keymap;
	char title[128];

	for (int r = 0; r < h; r++)
		grid_fill(g, x, y + r, w, " ", ROLE_NORMAL);
	snprintf(title, sizeof(title), "%s (any other key closes; Up/Down scroll)", fd->title);
	grid_text(g, x + 1, y, w - 2, title, ROLE_TITLE);
	/* the scrolling lines: the first table's actions; over a pane, a gap,
	 * the global heading and the global actions that work there */
	for (int i = 0; i < fd->nr_actions; i++, n++)
		if (n >= v->help_scroll && row < h - 2)
			help_line(g, x, y + 2 + row++, w, first, NULL, &fd->actions[i]);
	for (int i = top ? -2 : gd->nr_actions; i < gd->nr_actions; i++) {
		if (i >= 0 && !action_everywhere(gd->actions[i].action))
			continue;
		if (n++ >= v->help_scroll && row < h - 2) {
			if (i == -1)
				help_line(g, x, y + 2 + row, w, global, NULL, NULL);
			else if (i >= 0)
				help_line(g, x, y + 2 + row, w, global, first, &gd->actions[i]);
			row++;
		}
	}
	if (v->help_scroll >= n)
		v->help_scroll = n - 1;
}

/* A pane over the browser's body, or over the whole screen. */
static void draw_pane(struct pane *p, struct grid *g)
{
	if (p->cls->fullscreen) {
		p->cls->draw(p, g, 0, g->h);
		return;
	}
	for (int r = TITLE_H; r < g->h - STATUS_H; r++)
		grid_fill(g, 0, r, g->w, " ", ROLE_NORMAL);
	p->cls->draw(p, g, TITLE_H, g->h - TITLE_H - STATUS_H);
}

void view_paint(struct view *v, struct grid *g)
{
	struct eventlist_view ev = { 0 };
	int y, tl_h;

	grid_clear(g);
	if (g->w < MIN_COLS || g->h < MIN_ROWS) {
		char msg[80];

		grid_text(g, 0, 0, g->w, "terminal too small", ROLE_ERROR);
		snprintf(msg, sizeof(msg), "need %dx%d, have %dx%d", MIN_COLS, MIN_ROWS, g->w, g->h);
		grid_text(g, 0, 1, g->w, msg, ROLE_ERROR);
		grid_text(g, 0, 2, g->w, "q quits", ROLE_NORMAL);
		return;
	}
	v->w = g->w;
	v->h = g->h;
	view_layout(v);
	if (view_top_pane(v) && view_top_pane(v)->cls->fullscreen) {
		draw_pane(view_top_pane(v), g);
		prompt_draw(&v->prompt, g, g->h - 1);
		if (v->help)
			draw_help(v, g);
		return;
	}
	draw_title(v, g);
	tl_h = timeline_height(v);
	v->tl.focused = v->focus == FOCUS_TIMELINE;
	if (v->task_view)
		render_task_rows(g, 0, TITLE_H, g->w, tl_h, v->ss->store, v->sched, v->ss->tep, v->task_rows,
				 v->nr_task_rows, &v->tl);
	else if (v->zoom_cpu >= 0)
		render_cpu_lanes(g, 0, TITLE_H, g->w, tl_h, v->ss->store, v->sched, v->ss->tep, v->zoom_cpu, &v->tl);
	else
		render_timeline(g, 0, TITLE_H, g->w, tl_h, v->ss->store, v->sched, v->ss->tep, &v->tl);
	y = TITLE_H + tl_h;
	v->tl_y = TITLE_H;
	v->tl_h = tl_h;
	v->list_y = y + LIST_HEADER_H;
	draw_list_header(v, g, y);
	ev.focused = v->focus == FOCUS_LIST;
	ev.hscroll = v->hscroll;
	ev.style = event_time_style(v->ss->in_usecs, false);
	ev.highlight = v->search[0] ? v->search : NULL;
	view_list_fill(v);
	ev.selected = v->list_sel;
	render_eventlist(g, 0, y + LIST_HEADER_H, g->w, v->list_h, v->ss->store, &v->ss->src, v->ss->tep, v->lines,
			 v->nr_lines, &ev);
	if (v->nr_lines == 0)
		grid_text(g, 0, y + LIST_HEADER_H, g->w, "(no events to show)", ROLE_DIM);
	if (view_top_pane(v))
		draw_pane(view_top_pane(v), g);
	draw_status(v, g);
	if (v->help)
		draw_help(v, g);
}
