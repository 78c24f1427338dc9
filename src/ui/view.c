#include "ui/view.h"
#include "model/filter.h"
#include "model/sched.h"
#include "render/taskview.h"
#include "ui/app.h"
#include "ui/view_draw.h"
#include "ui/view_graph.h"
#include "ui/view_hist.h"
#include "ui/view_latency.h"

#include <ctype.h>
#include <event-parse.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CPUS 65536

static void set_message(struct view *v, bool error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_message(struct view *v, bool error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->message, sizeof(v->message), fmt, ap);
	va_end(ap);
	v->message_error = error;
}

/* ---- which events the list shows ---- */

static bool list_match(void *ctx, int stream, uint64_t index, struct tep_record *rec)
{
	struct view *v = ctx;
	const struct store_stream *st = &v->ss->store->streams[stream];

	(void)index;
	if (v->zoom_cpu >= 0 && st->cpu != v->zoom_cpu)
		return false;
	if (v->cpu_shown && (st->cpu >= MAX_CPUS || !v->cpu_shown[st->cpu]))
		return false;
	if (v->task_pid >= 0 && tep_data_pid(v->ss->tep, rec) != v->task_pid)
		return false;
	return !v->filter || event_filter_match(v->filter, rec);
}

static bool filtering(const struct view *v)
{
	return v->zoom_cpu >= 0 || v->cpu_shown || v->task_pid >= 0 || v->filter;
}

static struct event_pred list_pred(struct view *v)
{
	struct event_pred p = { filtering(v) ? list_match : NULL, v };

	return p;
}

static bool shown(struct view *v, int stream, uint64_t index)
{
	struct tep_record rec;

	if (!filtering(v))
		return true;
	return store_record(v->ss->store, &v->ss->src, stream, index, &rec) && list_match(v, stream, index, &rec);
}

/* Step a position over events the list does not show. */
static bool pos_next_shown(struct view *v, struct store_pos *p, int *stream, uint64_t *index)
{
	while (store_pos_next(p, v->ss->store, stream, index))
		if (shown(v, *stream, *index))
			return true;
	return false;
}

static bool pos_prev_shown(struct view *v, struct store_pos *p, int *stream, uint64_t *index)
{
	while (store_pos_prev(p, v->ss->store, stream, index))
		if (shown(v, *stream, *index))
			return true;
	return false;
}

static void fill_lines(struct view *v);

/* Show the list around time ts: the first shown event at or after ts is
 * selected, with half a page of events before it. */
static void list_seek(struct view *v, uint64_t ts)
{
	int stream, back = 0;
	uint64_t index;

	store_pos_seek(&v->top, v->ss->store, ts);
	while (back < v->list_h / 2 && pos_prev_shown(v, &v->top, &stream, &index))
		back++;
	/* pos_prev_shown leaves top on the event it returned: the list starts there */
	v->list_sel = back;
	fill_lines(v);
}

/* ---- the timeline's range ---- */

static uint64_t span_of(const struct view *v)
{
	return v->tl.t1 > v->tl.t0 ? v->tl.t1 - v->tl.t0 : 1;
}

static void clamp_range(struct view *v)
{
	uint64_t span = span_of(v), full = v->last_ts - v->first_ts + 1;

	if (span > full)
		span = full;
	if (span < 100)
		span = 100;
	if (v->tl.t0 < v->first_ts)
		v->tl.t0 = v->first_ts;
	if (v->tl.t0 + span > v->last_ts + 1 && v->last_ts + 1 >= span)
		v->tl.t0 = v->last_ts + 1 - span;
	if (v->tl.t0 < v->first_ts)
		v->tl.t0 = v->first_ts;
	v->tl.t1 = v->tl.t0 + span;
}

/* Keep the cursor visible by panning. */
static void follow_cursor(struct view *v)
{
	uint64_t span = span_of(v);

	if (v->tl.cursor < v->tl.t0)
		v->tl.t0 = v->tl.cursor > span / 2 ? v->tl.cursor - span / 2 : 0;
	else if (v->tl.cursor >= v->tl.t1)
		v->tl.t0 = v->tl.cursor - span / 2;
	v->tl.t1 = v->tl.t0 + span;
	clamp_range(v);
}

static void set_cursor(struct view *v, uint64_t ts, bool sync_list)
{
	if (ts < v->first_ts)
		ts = v->first_ts;
	if (ts > v->last_ts)
		ts = v->last_ts;
	v->tl.cursor = ts;
	follow_cursor(v);
	if (sync_list)
		list_seek(v, ts);
}

static void zoom(struct view *v, bool in)
{
	uint64_t span = span_of(v), cur = v->tl.cursor;
	double frac = (double)(cur - v->tl.t0) / (double)span;
	uint64_t nspan = in ? span / 2 : span * 2;

	if (nspan < 100)
		nspan = 100;
	if (cur < v->tl.t0 || cur >= v->tl.t1)
		frac = 0.5;
	v->tl.t0 = cur > (uint64_t)(frac * nspan) ? cur - (uint64_t)(frac * nspan) : 0;
	v->tl.t1 = v->tl.t0 + nspan;
	clamp_range(v);
}

static void fit(struct view *v)
{
	v->tl.t0 = v->first_ts;
	v->tl.t1 = v->last_ts + 1;
	clamp_range(v);
}

/* ---- the list's movement ---- */

static void sync_cursor_from_list(struct view *v)
{
	fill_lines(v);
	if (v->list_sel >= 0 && v->list_sel < v->nr_lines)
		set_cursor(v, v->lines[v->list_sel].ts, false);
}

/* The lines the list shows from top, as the next draw will show them. */
static void fill_lines(struct view *v)
{
	struct store_pos p = { 0 };
	int stream;
	uint64_t index;

	v->nr_lines = 0;
	if (store_pos_copy(&p, &v->top))
		return;
	while (v->nr_lines < v->list_h && v->nr_lines < MAX_LIST_LINES && pos_next_shown(v, &p, &stream, &index)) {
		struct eventlist_line *l = &v->lines[v->nr_lines++];

		l->stream = stream;
		l->index = index;
		l->ts = store_event_at(v->ss->store, stream, index)->ts;
	}
	store_pos_done(&p);
	if (v->list_sel >= v->nr_lines)
		v->list_sel = v->nr_lines - 1;
	if (v->list_sel < 0 && v->nr_lines)
		v->list_sel = 0;
}

static void list_down(struct view *v, int n)
{
	int stream;
	uint64_t index;

	fill_lines(v);
	while (n-- > 0) {
		if (v->list_sel + 1 < v->nr_lines) {
			v->list_sel++;
			continue;
		}
		if (v->nr_lines < v->list_h)
			break;	/* the last event is on screen */
		{
			struct store_pos probe = { 0 };
			bool more;

			if (store_pos_copy(&probe, &v->top))
				return;
			for (int i = 0; i < v->nr_lines; i++)
				pos_next_shown(v, &probe, &stream, &index);
			more = pos_next_shown(v, &probe, &stream, &index);
			store_pos_done(&probe);
			if (!more)
				break;
		}
		pos_next_shown(v, &v->top, &stream, &index);
		fill_lines(v);
	}
}

static void list_up(struct view *v, int n)
{
	int stream;
	uint64_t index;

	fill_lines(v);
	while (n-- > 0) {
		if (v->list_sel > 0) {
			v->list_sel--;
			continue;
		}
		{
			struct store_pos probe = { 0 };

			if (store_pos_copy(&probe, &v->top))
				return;
			if (pos_prev_shown(v, &probe, &stream, &index))
				store_pos_copy(&v->top, &probe);
			else
				n = 0;
			store_pos_done(&probe);
		}
		fill_lines(v);
	}
}

/* ---- prompts ---- */

int parse_time(const char *text, uint64_t base, uint64_t *out)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "µs", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "", 1e9 },
	};
	const char *p = text;
	int sign = 0;
	char *end;
	double val;

	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		sign = *p++ == '+' ? 1 : -1;
	if (!isdigit((unsigned char)*p) && *p != '.')
		return -1;
	val = strtod(p, &end);
	while (isspace((unsigned char)*end))
		end++;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit))
			continue;
		val *= units[i].ns;
		if (val < 0 || val > 1.8e19)
			return -1;
		if (!sign)
			*out = (uint64_t)(val + 0.5);
		else if (sign > 0)
			*out = base + (uint64_t)(val + 0.5);
		else
			*out = base > (uint64_t)(val + 0.5) ? base - (uint64_t)(val + 0.5) : 0;
		return 0;
	}
	return -1;
}

static void apply_filter(struct view *v, const char *text)
{
	char err[512];
	struct event_filter *f;

	if (!*text) {
		event_filter_free(v->filter);
		v->filter = NULL;
		free(v->filter_text);
		v->filter_text = NULL;
		set_message(v, false, "event filter cleared");
		return;
	}
	f = event_filter_new(v->ss->tep);
	if (!f || event_filter_add(f, text, false, err, sizeof(err))) {
		event_filter_free(f);
		set_message(v, true, "%s", f ? err : "out of memory");
		return;
	}
	event_filter_free(v->filter);
	v->filter = f;
	free(v->filter_text);
	v->filter_text = strdup(text);
	set_message(v, false, "filter: %s", text);
}

static void apply_cpu_filter(struct view *v, const char *text)
{
	bool *mask;

	if (!*text) {
		free(v->cpu_shown);
		v->cpu_shown = NULL;
		free(v->cpu_text);
		v->cpu_text = NULL;
		set_message(v, false, "CPU filter cleared");
		return;
	}
	mask = calloc(MAX_CPUS, sizeof(*mask));
	if (!mask || parse_cpu_list(text, mask, MAX_CPUS)) {
		free(mask);
		set_message(v, true, "bad CPU list \"%s\" (e.g. 0,2-3)", text);
		return;
	}
	free(v->cpu_shown);
	v->cpu_shown = mask;
	free(v->cpu_text);
	v->cpu_text = strdup(text);
}

static void apply_task_filter(struct view *v, const char *text)
{
	char *end;
	long pid;

	if (!*text) {
		v->task_pid = -1;
		set_message(v, false, "task filter cleared");
		return;
	}
	pid = strtol(text, &end, 10);
	if (*end || end == text) {
		pid = -1;
		for (int i = 0; v->sched && i < v->sched->nr_tasks; i++)
			if (!strcmp(v->sched->tasks[i].comm, text)) {
				pid = v->sched->tasks[i].pid;
				break;
			}
		if (pid < 0) {
			set_message(v, true, "no task \"%s\" (give a pid or a comm)", text);
			return;
		}
	}
	v->task_pid = (int32_t)pid;
}

/* Search from the selected line on (or back), in the formatted text. */
static void search(struct view *v, bool forward)
{
	struct store_pos p = { 0 };
	char buf[4096];
	int stream, found = 0;
	uint64_t index;
	long checked = 0;

	if (!v->search[0]) {
		set_message(v, true, "no search yet: press /");
		return;
	}
	if (store_pos_copy(&p, &v->top))
		return;
	/* start just after the selected line, or at it going back */
	for (int i = 0; i < v->list_sel + (forward ? 1 : 0); i++)
		pos_next_shown(v, &p, &stream, &index);
	while (!found && (forward ? pos_next_shown(v, &p, &stream, &index) : pos_prev_shown(v, &p, &stream, &index))) {
		if (++checked > 5000000)
			break;
		if (eventlist_format(v->ss->store, &v->ss->src, v->ss->tep, stream, index,
				     event_time_style(v->ss->in_usecs, false), buf, sizeof(buf)) && strstr(buf, v->search))
			found = 1;
	}
	store_pos_done(&p);
	if (!found) {
		set_message(v, true, "\"%s\" not found %s", v->search, forward ? "after the selection" : "before the selection");
		return;
	}
	set_cursor(v, store_event_at(v->ss->store, stream, index)->ts, true);
	set_message(v, false, "/%s", v->search);
}

static void goto_done(void *arg, const char *text)
{
	struct view *v = arg;
	uint64_t t;

	if (parse_time(text, v->tl.cursor, &t)) {
		set_message(v, true, "bad time \"%s\": use 12.345678 or +5ms", text);
		return;
	}
	set_cursor(v, t, true);
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

	apply_filter(v, text);
	list_seek(v, v->tl.cursor);
}

static void cpu_done(void *arg, const char *text)
{
	struct view *v = arg;

	apply_cpu_filter(v, text);
	list_seek(v, v->tl.cursor);
}

static void task_done(void *arg, const char *text)
{
	struct view *v = arg;

	apply_task_filter(v, text);
	list_seek(v, v->tl.cursor);
}

static const struct prompt_def goto_prompt = { .label = "go to time: ", .done = goto_done };
static const struct prompt_def search_prompt = { .label = "search: /", .done = search_done };
static const struct prompt_def filter_prompt = { .label = "filter: ", .done = filter_done };
static const struct prompt_def cpu_prompt = { .label = "cpus: ", .done = cpu_done };
static const struct prompt_def task_prompt = { .label = "task (pid or comm): ", .done = task_done };

static void open_prompt(struct view *v, const struct prompt_def *def, void *arg)
{
	prompt_open(&v->prompt, def, arg);
	v->message[0] = '\0';
}

/* ---- actions ---- */

static void move_horizontal(struct view *v, int dir)
{
	uint64_t step = span_of(v) / (uint64_t)(v->plot_w > 0 ? v->plot_w : 80);

	if (v->focus == FOCUS_LIST) {
		v->hscroll += dir * 8;
		if (v->hscroll < 0)
			v->hscroll = 0;
		return;
	}
	if (step == 0)
		step = 1;
	if (dir < 0)
		set_cursor(v, v->tl.cursor > step ? v->tl.cursor - step : 0, true);
	else
		set_cursor(v, v->tl.cursor + step, true);
}

static void move_vertical(struct view *v, int dir, bool page)
{
	if (v->focus == FOCUS_LIST) {
		int n = page ? (v->list_h > 1 ? v->list_h - 1 : 1) : 1;

		if (dir > 0)
			list_down(v, n);
		else
			list_up(v, n);
		sync_cursor_from_list(v);
		return;
	}
	if (page) {
		uint64_t span = span_of(v);

		v->tl.t0 = dir > 0 ? v->tl.t0 + span : (v->tl.t0 > span ? v->tl.t0 - span : 0);
		v->tl.t1 = v->tl.t0 + span;
		clamp_range(v);
		set_cursor(v, v->tl.t0 + (v->tl.t1 - v->tl.t0) / 2, true);
		return;
	}
	if (v->zoom_cpu >= 0)
		return;
	v->tl.selected += dir;
	if (v->tl.selected < 0)
		v->tl.selected = 0;
	if (v->tl.selected >= (v->task_view ? v->nr_task_rows : v->nr_rows))
		v->tl.selected = (v->task_view ? v->nr_task_rows : v->nr_rows) - 1;
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
			list_seek(v, v->tl.cursor);
			set_message(v, false, "event list: task %d only (C clears)", v->task_pid);
		}
		return;
	}
	if (v->zoom_cpu >= 0 || v->tl.selected < 0 || v->tl.selected >= v->nr_rows)
		return;
	v->zoom_cpu = v->tl.selected;	/* row N is CPU N */
	list_seek(v, v->tl.cursor);
	set_message(v, false, "CPU %d: one lane per task; Esc goes back", v->zoom_cpu);
}

static void toggle_tasks(struct view *v)
{
	v->task_view = !v->task_view;
	v->zoom_cpu = -1;
	v->tl.selected = 0;
	if (!v->task_view) {
		v->message[0] = '\0';
		return;
	}
	if (!v->sched->have_switch) {
		v->task_view = false;
		set_message(v, true, "no sched_switch events: no task states to show");
		return;
	}
	v->nr_task_rows = 0;
	if (v->task_pid > 0)
		v->task_rows[v->nr_task_rows++] = v->task_pid;
	v->nr_task_rows += taskview_busiest(v->sched, v->task_rows + v->nr_task_rows, 64 - v->nr_task_rows);
	set_message(v, false, "tasks: running █, runnable ▒, sleeping ·, blocked (D) ▓; T goes back");
	if (v->ascii)
		set_message(v, false, "tasks: running #, runnable r, sleeping ., blocked D; T goes back");
}

static void back(struct view *v)
{
	if (v->task_view) {
		toggle_tasks(v);
		return;
	}
	if (v->zoom_cpu >= 0) {
		v->zoom_cpu = -1;
		list_seek(v, v->tl.cursor);
		v->message[0] = '\0';
	}
}

static void zoom_markers(struct view *v)
{
	uint64_t a = v->tl.a, b = v->tl.b;

	if (!v->tl.has_a || !v->tl.has_b || a == b) {
		set_message(v, true, "set markers A and B first (a, b)");
		return;
	}
	if (a > b) {
		uint64_t t = a;

		a = b;
		b = t;
	}
	v->tl.t0 = a;
	v->tl.t1 = b + 1;
	clamp_range(v);
	set_cursor(v, a, true);
}

void view_set_markers(struct view *v, uint64_t a, uint64_t b)
{
	uint64_t span = b > a ? b - a : 1000;

	v->tl.has_a = v->tl.has_b = true;
	v->tl.a = a;
	v->tl.b = b;
	/* the pair in the middle of the view, with room on both sides */
	v->tl.t0 = a > span ? a - span : 0;
	v->tl.t1 = b + span + 1;
	clamp_range(v);
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
		set_message(v, true, "out of memory");
}

static void open_latency(struct view *v)
{
	if (!latency_pane_open(&v->host))
		set_message(v, true, "out of memory");
}

static void clear_filters(struct view *v)
{
	apply_filter(v, "");
	apply_cpu_filter(v, "");
	apply_task_filter(v, "");
	list_seek(v, v->tl.cursor);
	set_message(v, false, "filters cleared");
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
	case ACT_ZOOM_IN: zoom(v, true); break;
	case ACT_ZOOM_OUT: zoom(v, false); break;
	case ACT_FIT: fit(v); break;
	case ACT_ZOOM_AB: zoom_markers(v); break;
	case ACT_FOCUS: v->focus = v->focus == FOCUS_LIST ? FOCUS_TIMELINE : FOCUS_LIST; break;
	case ACT_ENTER: enter(v); break;
	case ACT_BACK: back(v); break;
	case ACT_MARK_A: v->tl.has_a = true; v->tl.a = v->tl.cursor; break;
	case ACT_MARK_B: v->tl.has_b = true; v->tl.b = v->tl.cursor; break;
	case ACT_JUMP_MARK: v->pending_jump = true; break;
	case ACT_GOTO: open_prompt(v, &goto_prompt, v); break;
	case ACT_SEARCH: open_prompt(v, &search_prompt, v); break;
	case ACT_SEARCH_NEXT: search(v, true); break;
	case ACT_SEARCH_PREV: search(v, false); break;
	case ACT_FILTER: open_prompt(v, &filter_prompt, v); break;
	case ACT_CPU_FILTER: open_prompt(v, &cpu_prompt, v); break;
	case ACT_TASK_FILTER: open_prompt(v, &task_prompt, v); break;
	case ACT_CLEAR_FILTERS: clear_filters(v); break;
	case ACT_TASKS: toggle_tasks(v); break;
	case ACT_LATENCY: open_latency(v); break;
	case ACT_HIST: hist_pane_ask(&v->host); break;
	case ACT_GRAPH: open_graph(v); break;
	case ACT_REDRAW: v->repaint = true; break;
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
		set_message(v, true, "marker %c is not set", key - 32);
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

/* ---- what the panes see (struct pane_host) ---- */

static uint64_t host_cursor(void *ctx)
{
	return ((struct view *)ctx)->tl.cursor;
}

static int host_cpu(void *ctx)
{
	struct view *v = ctx;

	if (v->zoom_cpu >= 0)
		return v->zoom_cpu;
	if (v->task_view || v->tl.selected < 0 || v->tl.selected >= v->nr_rows)
		return -1;
	return v->tl.selected;	/* row N is CPU N */
}

static uint64_t host_last_ts(void *ctx)
{
	return ((struct view *)ctx)->last_ts;
}

static bool host_range(void *ctx, uint64_t *from, uint64_t *to)
{
	struct view *v = ctx;

	if (!v->tl.has_a || !v->tl.has_b || v->tl.a == v->tl.b)
		return false;
	*from = v->tl.a < v->tl.b ? v->tl.a : v->tl.b;
	*to = (v->tl.a < v->tl.b ? v->tl.b : v->tl.a) + 1;
	return true;
}

static void host_show_time(void *ctx, uint64_t ts)
{
	set_cursor(ctx, ts, true);
}

static void host_show_markers(void *ctx, uint64_t a, uint64_t b)
{
	view_set_markers(ctx, a, b);
}

static void host_message(void *ctx, bool error, const char *text)
{
	set_message(ctx, error, "%s", text);
}

static void host_prompt(void *ctx, const struct prompt_def *def, void *arg)
{
	open_prompt(ctx, def, arg);
}

static bool host_push(void *ctx, struct pane *p)
{
	return view_push_pane(ctx, p);
}

static struct pane *host_top(void *ctx)
{
	return view_top_pane(ctx);
}

static const struct pane_host_ops host_ops = {
	.cursor = host_cursor, .cpu = host_cpu, .last_ts = host_last_ts, .range = host_range,
	.show_time = host_show_time, .show_markers = host_show_markers, .message = host_message,
	.prompt = host_prompt, .push = host_push, .top = host_top,
};

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
	v->host = (struct pane_host){ &host_ops, v, ss, keys, ascii };
	v->sched = sched_build(ss->store, &ss->src, ss->tep, ss->nr_cpus);
	if (!v->sched || store_pos_init(&v->top, ss->store, 0))
		return -1;
	trace_extent(v);
	v->nr_rows = timeline_rows(ss->store, v->sched);
	v->tl.selected = 0;
	v->tl.cursor = v->first_ts;
	fit(v);
	if (!v->sched->have_switch)
		set_message(v, false, "no sched_switch events: the timeline shows event density");
	return 0;
}

void view_refresh(struct view *v)
{
	bool at_end = v->tl.cursor >= v->last_ts;
	bool showing_end = v->tl.t1 > v->last_ts;
	uint64_t span = v->tl.t1 - v->tl.t0;

	sched_update(v->sched, v->ss->store, &v->ss->src);	/* (out of memory: what it has) */
	trace_extent(v);
	v->nr_rows = timeline_rows(v->ss->store, v->sched);
	/* a view of the newest events keeps following them */
	if (showing_end) {
		v->tl.t0 = v->last_ts + 1 > span ? v->last_ts + 1 - span : 0;
		v->tl.t1 = v->tl.t0 + span;
	}
	clamp_range(v);
	if (at_end)
		set_cursor(v, v->last_ts, v->focus != FOCUS_LIST);
	else if (v->tl.cursor < v->first_ts)
		set_cursor(v, v->first_ts, true);
	pane_stack_refresh(&v->panes);
}

void view_done(struct view *v)
{
	pane_stack_clear(&v->panes);
	sched_free(v->sched);
	store_pos_done(&v->top);
	event_filter_free(v->filter);
	free(v->filter_text);
	free(v->cpu_shown);
	free(v->cpu_text);
}

void view_resize(struct view *v, int w, int h)
{
	v->w = w;
	v->h = h;
	view_layout(v);
	list_seek(v, v->tl.cursor);
}

void view_draw(struct view *v, struct grid *g)
{
	struct event_pred pred = list_pred(v);

	view_paint(v, g, &pred);
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

void view_app(struct view *v, struct app *a)
{
	memset(a, 0, sizeof(*a));
	a->ctx = v;
	a->resize = app_resize;
	a->draw = app_draw;
	a->key = app_key;
	a->click = app_click;
	a->repaint = app_repaint;
	a->ascii = v->ascii;
}
