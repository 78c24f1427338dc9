#include "ui/view.h"
#include "model/filter.h"
#include "model/sched.h"
#include "render/event_text.h"
#include "render/taskview.h"
#include "ui/app.h"
#include "ui/timeparse.h"
#include "ui/view_draw.h"
#include "ui/view_filter.h"
#include "ui/view_graph.h"
#include "ui/view_hist.h"
#include "ui/view_host.h"
#include "ui/view_latency.h"
#include "ui/view_list.h"
#include "ui/view_rows.h"
#include "ui/view_search.h"
#include "ui/viewport.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void view_message(struct view *v, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
	v->message_error = error;
}

/* ---- the timeline's window (viewport.h) ---- */

static struct viewport port(const struct view *v)
{
	return (struct viewport){ v->first_ts, v->last_ts, v->tl.t0, v->tl.t1 };
}

static void set_port(struct view *v, struct viewport p)
{
	v->tl.t0 = p.t0;
	v->tl.t1 = p.t1;
}

static void set_cursor(struct view *v, uint64_t ts, bool sync_list)
{
	v->tl.cursor = vp_clamp_time(port(v), ts);
	set_port(v, vp_follow(port(v), v->tl.cursor));
	if (sync_list)
		view_list_seek(v, v->tl.cursor);
}

/* ---- the list ---- */

static void sync_cursor_from_list(struct view *v)
{
	const struct eventlist_line *l;

	view_list_fill(v);
	if (v->list_sel < 0 || v->list_sel >= v->nr_lines)
		return;
	l = &v->lines[v->list_sel];
	set_cursor(v, l->ts, false);
	if (l->dropped) {	/* say what the line means */
		int32_t n = store_missed_before(v->ss->store, l->stream, l->index);
		int cpu = v->ss->store->streams[l->stream].cpu;

		if (n > 0)
			view_message(v, false, "CPU %d lost %d events here (the ring buffer was full)", cpu, (int)n);
		else
			view_message(v, false, "CPU %d lost events here (how many is not known)", cpu);
	}
}

/* ---- prompts ---- */

/* The message a filter's setter leaves, if any. */
static void filter_message(struct view *v, bool ok, const char *msg)
{
	if (*msg)
		view_message(v, !ok, "%s", msg);
}

static void search(struct view *v, bool forward)
{
	if (!v->search[0]) {
		view_message(v, true, "no search yet: press /");
		return;
	}
	if (!view_search_start(v, forward)) {
		view_message(v, true, "out of memory");
		return;
	}
	view_message(v, false, "searching /%s: 0%% (Esc stops)", v->search);
}

bool view_busy(const struct view *v)
{
	return v->srch.active;
}

void view_work(struct view *v)
{
	struct eventlist_line f;
	bool forward = v->srch.forward;

	switch (view_search_step(v, &f)) {
	case SEARCH_MORE:
		view_message(v, false, "searching /%s: %d%% (Esc stops)", v->search, view_search_percent(v));
		break;
	case SEARCH_NOT_FOUND:
		view_message(v, true, "\"%s\" not found %s", v->search,
			     forward ? "after the selection" : "before the selection");
		break;
	case SEARCH_FOUND:
		set_cursor(v, f.ts, true);
		for (int i = 0; i < v->nr_lines; i++)	/* events at one time: the very line */
			if (v->lines[i].stream == f.stream && v->lines[i].index == f.index &&
			    v->lines[i].dropped == f.dropped)
				v->list_sel = i;
		view_message(v, false, "/%s", v->search);
		break;
	}
}

static void goto_done(void *arg, const char *text)
{
	struct view *v = arg;
	uint64_t t;

	if (parse_time(text, v->tl.cursor, &t)) {
		view_message(v, true, "bad time \"%s\": use 12.345678 or +5ms", text);
		return;
	}
	set_cursor(v, t, true);
}

static int goto_check(void *arg, const char *text, char *err, size_t errlen)
{
	struct view *v = arg;
	uint64_t t;

	return parse_time_err(text, v->tl.cursor, &t, err, errlen);
}

static int search_check(void *arg, const char *text, char *err, size_t errlen)
{
	struct view *v = arg;

	return *text || v->search[0] ? 0 : prompt_reject(err, errlen, 1, "type the text to search for");
}

static void search_done(void *arg, const char *text)
{
	struct view *v = arg;

	if (*text)
		snprintf(v->search, sizeof(v->search), "%s", text);
	search(v, true);
}

static void filter_done(void *arg, const char *text)
{
	struct view *v = arg;
	char msg[512];
	bool ok = view_filter_events(v, text, msg, sizeof(msg));

	filter_message(v, ok, msg);
	view_list_seek(v, v->tl.cursor);
}

static void hide_done(void *arg, const char *text)
{
	struct view *v = arg;
	char msg[512];
	bool ok = view_filter_hide(v, text, msg, sizeof(msg));

	filter_message(v, ok, msg);
	view_list_seek(v, v->tl.cursor);
}

static void cpu_done(void *arg, const char *text)
{
	struct view *v = arg;
	char msg[512];
	bool ok = view_filter_cpus(v, text, msg, sizeof(msg));

	filter_message(v, ok, msg);
	view_list_seek(v, v->tl.cursor);
}

static void task_done(void *arg, const char *text)
{
	struct view *v = arg;
	char msg[512];
	bool ok = view_filter_task(v, text, msg, sizeof(msg));

	filter_message(v, ok, msg);
	view_list_seek(v, v->tl.cursor);
}

/* Each checks its text on Enter (prompt.h): wrong text keeps the prompt open. */
static const struct prompt_def goto_prompt = { .label = "go to time: ", .validate = goto_check, .done = goto_done };
static const struct prompt_def search_prompt = { .label = "search: /", .validate = search_check, .done = search_done };
static const struct prompt_def filter_prompt = {
	.label = "filter: ", .validate = view_check_filter, .done = filter_done,
};
static const struct prompt_def hide_prompt = { .label = "hide (filter): ", .validate = view_check_filter, .done = hide_done };
static const struct prompt_def cpu_prompt = { .label = "cpus: ", .validate = view_check_cpus, .done = cpu_done };
static const struct prompt_def task_prompt = {
	.label = "task (pid or comm): ", .validate = view_check_task, .done = task_done,
};

void view_prompt(struct view *v, const struct prompt_def *def, void *arg)
{
	prompt_open(&v->prompt, def, arg);
	v->message[0] = '\0';
}

/* ---- actions ---- */

static void move_horizontal(struct view *v, int dir)
{
	uint64_t step = vp_step(port(v), v->plot_w);

	if (v->focus == FOCUS_LIST) {
		v->hscroll += dir * 8;
		if (v->hscroll < 0)
			v->hscroll = 0;
		return;
	}
	set_cursor(v, dir < 0 ? vp_sub(v->tl.cursor, step) : vp_add(v->tl.cursor, step), true);
}

static void move_vertical(struct view *v, int dir, bool page)
{
	if (v->focus == FOCUS_LIST) {
		int n = page ? (v->list_h > 1 ? v->list_h - 1 : 1) : 1;

		if (dir > 0)
			view_list_down(v, n);
		else
			view_list_up(v, n);
		sync_cursor_from_list(v);
		return;
	}
	if (page) {
		set_port(v, vp_page(port(v), dir));
		set_cursor(v, vp_middle(port(v)), true);
		return;
	}
	view_rows_step(v, dir, false);
}

static void enter(struct view *v)
{
	if (v->focus == FOCUS_LIST) {
		sync_cursor_from_list(v);
		return;
	}
	if (v->task_view) {
		if (v->tl.selected >= 0 && v->tl.selected < v->nr_task_rows) {
			v->task_pid = v->task_rows[v->tl.selected];
			view_list_seek(v, v->tl.cursor);
			view_message(v, false, "event list: task %d only (C clears)", v->task_pid);
		}
		return;
	}
	if (v->zoom_cpu >= 0 || v->tl.selected < 0 || v->tl.selected >= v->nr_rows)
		return;
	v->zoom_cpu = v->tl.selected;	/* the selection is a CPU number */
	v->tl.first_row = 0;
	view_list_seek(v, v->tl.cursor);
	view_message(v, false, "CPU %d: one lane per task; Esc goes back", v->zoom_cpu);
}

static void toggle_tasks(struct view *v)
{
	v->task_view = !v->task_view;
	v->zoom_cpu = -1;
	v->tl.first_row = 0;
	if (!v->task_view) {
		v->tl.selected = v->task_cpu;
		view_rows_follow(v);
		v->message[0] = '\0';
		return;
	}
	v->task_cpu = v->tl.selected;
	v->tl.selected = 0;
	if (!v->sched->have_switch) {
		v->task_view = false;
		view_message(v, true, "no sched_switch events: no task states to show");
		return;
	}
	if (view_rows_tasks(v, v->task_pid)) {
		v->task_view = false;
		v->tl.selected = v->task_cpu;
		view_message(v, true, "out of memory");
		return;
	}
	view_message(v, false, "tasks: running █, runnable ▒, sleeping ·, blocked (D) ▓; T goes back");
	if (v->ascii)
		view_message(v, false, "tasks: running #, runnable r, sleeping ., blocked D; T goes back");
}

static void back(struct view *v)
{
	if (v->task_view) {
		toggle_tasks(v);
		return;
	}
	if (v->zoom_cpu >= 0) {
		v->zoom_cpu = -1;
		view_rows_follow(v);
		view_list_seek(v, v->tl.cursor);
		v->message[0] = '\0';
	}
}

static void zoom_markers(struct view *v)
{
	uint64_t a = v->tl.a, b = v->tl.b;

	if (!v->tl.has_a || !v->tl.has_b || a == b) {
		view_message(v, true, "set markers A and B first (a, b)");
		return;
	}
	set_port(v, vp_between(port(v), a, b));
	set_cursor(v, a < b ? a : b, true);
}

void view_set_markers(struct view *v, uint64_t a, uint64_t b)
{
	v->tl.has_a = v->tl.has_b = true;
	v->tl.a = a;
	v->tl.b = b;
	set_port(v, vp_around(port(v), a, b));
	set_cursor(v, a, true);
	v->task_view = false;
	v->zoom_cpu = -1;
}

void view_show_time(struct view *v, uint64_t ts)
{
	set_cursor(v, ts, true);
}

static void open_graph(struct view *v)
{
	if (!graph_pane_open(&v->host))
		view_message(v, true, "out of memory");
}

static void open_latency(struct view *v)
{
	if (!latency_pane_open(&v->host))
		view_message(v, true, "out of memory");
}

static void clear_filters(struct view *v)
{
	char msg[512];

	view_filter_events(v, "", msg, sizeof(msg));
	view_filter_hide(v, "", msg, sizeof(msg));
	view_filter_cpus(v, "", msg, sizeof(msg));
	view_filter_task(v, "", msg, sizeof(msg));
	view_list_seek(v, v->tl.cursor);
	view_message(v, false, "filters cleared");
}

static void change_split(struct view *v)
{
	static const char *const names[TIMELINE_SPLITS] = { "as tall as the CPU count asks", "a quarter of the screen",
							     "half of the screen", "three quarters of the screen" };

	v->split = (v->split + 1) % TIMELINE_SPLITS;
	view_layout(v);
	view_rows_follow(v);
	view_list_seek(v, v->tl.cursor);
	view_message(v, false, "timeline: %s", names[v->split]);
}

static void run_action(struct view *v, enum action a)
{
	switch (a) {
	case ACT_QUIT: v->quit = true; break;
	case ACT_HELP: v->help = true; v->help_scroll = 0; break;
	case ACT_LEFT: move_horizontal(v, -1); break;
	case ACT_RIGHT: move_horizontal(v, 1); break;
	case ACT_UP: move_vertical(v, -1, false); break;
	case ACT_DOWN: move_vertical(v, 1, false); break;
	case ACT_PAGE_UP: move_vertical(v, -1, true); break;
	case ACT_PAGE_DOWN: move_vertical(v, 1, true); break;
	case ACT_FIRST: set_cursor(v, v->first_ts, true); break;
	case ACT_LAST: set_cursor(v, v->last_ts, true); break;
	case ACT_ZOOM_IN: set_port(v, vp_zoom(port(v), v->tl.cursor, 1)); break;
	case ACT_ZOOM_OUT: set_port(v, vp_zoom(port(v), v->tl.cursor, 0)); break;
	case ACT_FIT: set_port(v, vp_fit(port(v))); break;
	case ACT_ZOOM_AB: zoom_markers(v); break;
	case ACT_FOCUS: v->focus = v->focus == FOCUS_LIST ? FOCUS_TIMELINE : FOCUS_LIST; break;
	case ACT_ENTER: enter(v); break;
	case ACT_BACK: back(v); break;
	case ACT_MARK_A: v->tl.has_a = true; v->tl.a = v->tl.cursor; break;
	case ACT_MARK_B: v->tl.has_b = true; v->tl.b = v->tl.cursor; break;
	case ACT_JUMP_MARK: v->pending_jump = true; break;
	case ACT_GOTO: view_prompt(v, &goto_prompt, v); break;
	case ACT_SEARCH: view_prompt(v, &search_prompt, v); break;
	case ACT_SEARCH_NEXT: search(v, true); break;
	case ACT_SEARCH_PREV: search(v, false); break;
	case ACT_FILTER: view_prompt(v, &filter_prompt, v); break;
	case ACT_CPU_FILTER: view_prompt(v, &cpu_prompt, v); break;
	case ACT_TASK_FILTER: view_prompt(v, &task_prompt, v); break;
	case ACT_CLEAR_FILTERS: clear_filters(v); break;
	case ACT_TASKS: toggle_tasks(v); break;
	case ACT_LATENCY: open_latency(v); break;
	case ACT_HIST: hist_pane_ask(&v->host); break;
	case ACT_GRAPH: open_graph(v); break;
	case ACT_REDRAW: v->repaint = true; break;
	case ACT_ROWS_DOWN: view_rows_step(v, 1, true); break;
	case ACT_ROWS_UP: view_rows_step(v, -1, true); break;
	case ACT_GOTO_CPU: view_prompt(v, &view_goto_cpu_prompt, v); break;
	case ACT_NEXT_TASK_EVENT: view_rows_seek(v, 1, true); break;
	case ACT_PREV_TASK_EVENT: view_rows_seek(v, -1, true); break;
	case ACT_NEXT_TYPE_EVENT: view_rows_seek(v, 1, false); break;
	case ACT_PREV_TYPE_EVENT: view_rows_seek(v, -1, false); break;
	case ACT_HIDE_FILTER: view_prompt(v, &hide_prompt, v); break;
	case ACT_CLEAR_MARKERS: v->tl.has_a = v->tl.has_b = false; view_message(v, false, "markers cleared"); break;
	case ACT_SPLIT: change_split(v); break;
	default: break;
	}
}

static void jump_mark(struct view *v, int key)
{
	v->pending_jump = false;
	if (key == 'a' && v->tl.has_a)
		set_cursor(v, v->tl.a, true);
	else if (key == 'b' && v->tl.has_b)
		set_cursor(v, v->tl.b, true);
	else if (key == 'a' || key == 'b')
		view_message(v, true, "marker %c is not set", key - 32);
}

static void help_key(struct view *v, enum action a)
{
	if (a == ACT_UP || a == ACT_DOWN)
		v->help_scroll += a == ACT_UP ? -1 : 1;
	else if (a == ACT_PAGE_DOWN || a == ACT_PAGE_UP)
		v->help_scroll += a == ACT_PAGE_UP ? -10 : 10;
	else
		v->help = false;
	if (v->help_scroll < 0)
		v->help_scroll = 0;
}

/* The focused pane's table first; of the global one, only what works everywhere. */
static void pane_dispatch(struct view *v, struct pane *p, int key, enum action a)
{
	switch (pane_key(p, key)) {
	case PANE_UNHANDLED:
		if (action_everywhere(a))
			run_action(v, a);
		break;
	case PANE_REFRESH:
		if (p->cls->refresh)
			p->cls->refresh(p);
		break;
	case PANE_CLOSE:
		pane_stack_remove(&v->panes, p);
		break;
	case PANE_QUIT:
		v->quit = true;
		break;
	case PANE_REDRAW:
		break;
	}
}

/* Who gets a key, in order: see pane.h. */
bool view_key(struct view *v, int key)
{
	struct pane *top = view_top_pane(v);
	enum action a;

	if (key == K_RESIZE)
		return !v->quit;
	if (view_busy(v)) {
		if (key == K_ESC || key == K_CTRL_C) {
			view_message(v, false, "search stopped at %d%%", view_search_percent(v));
			view_search_stop(v);
		}
		return true;
	}
	if (prompt_is_open(&v->prompt)) {
		prompt_key(&v->prompt, key);
		return !v->quit;
	}
	if (v->pending_jump) {
		jump_mark(v, key);
		return true;
	}
	a = keymap_lookup(v->keys, key);
	if (v->help) {
		help_key(v, a);
		return true;
	}
	if (top) {
		pane_dispatch(v, top, key, a);
		return !v->quit;
	}
	if (a != ACT_GOTO && a != ACT_SEARCH && a != ACT_NONE)
		v->message[0] = '\0';
	if (a == ACT_BACK && v->zoom_cpu < 0 && !v->task_view && key == K_ESC)
		return true;
	run_action(v, a);
	return !v->quit;
}

bool view_push_pane(struct view *v, struct pane *p)
{
	return pane_stack_push(&v->panes, p);
}

struct pane *view_top_pane(const struct view *v)
{
	return pane_stack_top(&v->panes);
}

bool view_at_base(const struct view *v)
{
	return !v->panes.n && !v->help && !prompt_is_open(&v->prompt) && v->zoom_cpu < 0 && !v->task_view;
}

/* ---- setup ---- */

static void trace_extent(struct view *v)
{
	const struct store *s = v->ss->store;

	v->first_ts = UINT64_MAX;
	v->last_ts = 0;
	for (int i = 0; i < s->nr_streams; i++) {
		const struct store_stream *st = &s->streams[i];

		if (!st->nr_ev)
			continue;
		if (st->ev[0].ts < v->first_ts)
			v->first_ts = st->ev[0].ts;
		if (st->ev[st->nr_ev - 1].ts > v->last_ts)
			v->last_ts = st->ev[st->nr_ev - 1].ts;
	}
	if (v->first_ts > v->last_ts)
		v->first_ts = v->last_ts = 0;
}

int view_init(struct view *v, struct session *ss, const struct keymap *keys, const char *title, bool ascii)
{
	memset(v, 0, sizeof(*v));
	v->ss = ss;
	v->keys = keys;
	v->title = title;
	v->ascii = ascii;
	v->zoom_cpu = -1;
	v->task_pid = -1;
	v->host = view_host(v);
	v->sched = sched_build(ss->store, &ss->src, ss->tep, ss->nr_cpus);
	event_text_warm(ss->tep);	/* not in the frame that first prints a symbol */
	if (!v->sched || store_pos_init(&v->top, ss->store, 0))
		return -1;
	trace_extent(v);
	v->nr_rows = timeline_rows(ss->store, v->sched);
	v->tl.selected = 0;
	v->tl.cursor = v->first_ts;
	set_port(v, vp_fit(port(v)));
	if (!v->sched->have_switch)
		view_message(v, false, "no sched_switch events: who ran is taken from each event's task");
	return 0;
}

void view_refresh(struct view *v)
{
	bool at_end = v->tl.cursor >= v->last_ts;
	bool showing_end = v->tl.t1 > v->last_ts;

	if (view_busy(v)) {	/* live: the positions a search holds may be gone */
		for (int i = 0; i < v->srch.pos.nr && i < v->ss->store->nr_streams; i++)
			if (v->srch.pos.pos[i] < v->ss->store->streams[i].base) {
				view_search_stop(v);
				view_message(v, true, "search stopped: its events were dropped from memory");
				break;
			}
	}
	sched_update(v->sched, v->ss->store, &v->ss->src);	/* (out of memory: what it has) */
	trace_extent(v);
	if (timeline_rows(v->ss->store, v->sched) != v->nr_rows) {
		v->nr_rows = timeline_rows(v->ss->store, v->sched);
		view_rows_update(v);
	}
	/* a view of the newest events keeps following them */
	set_port(v, showing_end ? vp_follow_end(port(v)) : vp_clamp(port(v)));
	if (at_end)
		set_cursor(v, v->last_ts, v->focus != FOCUS_LIST);
	else if (v->tl.cursor < v->first_ts)
		set_cursor(v, v->first_ts, true);
	pane_stack_refresh(&v->panes);
}

void view_done(struct view *v)
{
	view_search_stop(v);
	pane_stack_clear(&v->panes);
	sched_free(v->sched);
	store_pos_done(&v->top);
	event_filter_free(v->filter);
	free(v->filter_text);
	free(v->cpu_shown);
	free(v->cpu_text);
	free(v->hide_text);
	free(v->task_rows);
	free(v->row_cpus);
}

void view_resize(struct view *v, int w, int h)
{
	v->w = w;
	v->h = h;
	view_layout(v);
	view_list_seek(v, v->tl.cursor);
}

void view_draw(struct view *v, struct grid *g)
{
	view_paint(v, g);
}

void view_click(struct view *v, int x, int y)
{
	if (v->help || prompt_is_open(&v->prompt) || v->panes.n)
		return;
	if (y >= v->tl_y && y < v->tl_y + v->tl_h && x >= TIMELINE_LABEL_W && v->plot_w > 0) {
		int row = y - v->tl_y - TIMELINE_AXIS_H;

		v->focus = FOCUS_TIMELINE;
		if (row >= 0 && v->zoom_cpu < 0 && row < (v->task_view ? v->nr_task_rows : v->nr_rows))
			v->tl.selected = row;
		set_cursor(v, timeline_time_at(&v->tl, v->plot_w, x - TIMELINE_LABEL_W), true);
	} else if (y >= v->list_y && y < v->list_y + v->nr_lines) {
		v->focus = FOCUS_LIST;
		v->list_sel = y - v->list_y;
		sync_cursor_from_list(v);
	}
}

static void app_resize(void *ctx, int w, int h)
{
	view_resize(ctx, w, h);
}

static void app_draw(void *ctx, struct grid *g)
{
	view_draw(ctx, g);
}

static bool app_key(void *ctx, int key)
{
	return view_key(ctx, key);
}

static void app_click(void *ctx, int x, int y)
{
	view_click(ctx, x, y);
}

static bool app_repaint(void *ctx)
{
	struct view *v = ctx;
	bool r = v->repaint;

	v->repaint = false;
	return r;
}

static bool app_busy(void *ctx)
{
	return view_busy(ctx);
}

static void app_work(void *ctx)
{
	view_work(ctx);
}

void view_app(struct view *v, struct app *a)
{
	memset(a, 0, sizeof(*a));
	a->ctx = v;
	a->resize = app_resize;
	a->draw = app_draw;
	a->key = app_key;
	a->click = app_click;
	a->repaint = app_repaint;
	a->busy = app_busy;
	a->work = app_work;
	a->ascii = v->ascii;
}
