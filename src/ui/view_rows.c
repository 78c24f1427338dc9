#include "ui/view_rows.h"
#include "model/sched.h"
#include "model/store_seek.h"
#include "render/lanes.h"
#include "render/taskview.h"
#include "ui/view.h"
#include "ui/view_draw.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_CPUS 65536

static void rows_message(struct view *v, bool error, const char *text)
{
	snprintf(v->message, sizeof(v->message), "%s", text);
	v->message_error = error;
}

/* The shown row of cpu, or -1. */
static int row_of_cpu(const struct view *v, int cpu)
{
	if (!v->tl.rows)
		return cpu >= 0 && cpu < v->nr_rows ? cpu : -1;
	for (int i = 0; i < v->tl.nr_rows; i++)
		if (v->tl.rows[i] == cpu)
			return i;
	return -1;
}

int view_rows_update(struct view *v)
{
	int n = 0;

	free(v->row_cpus);
	v->row_cpus = NULL;
	v->tl.rows = NULL;
	v->tl.nr_rows = 0;
	if (v->cpu_shown) {
		v->row_cpus = malloc((size_t)(v->nr_rows > 0 ? v->nr_rows : 1) * sizeof(*v->row_cpus));
		if (!v->row_cpus)
			return -1;
		for (int c = 0; c < v->nr_rows && c < MAX_CPUS; c++)
			if (v->cpu_shown[c])
				v->row_cpus[n++] = c;
		v->tl.rows = v->row_cpus;
		v->tl.nr_rows = n;
	}
	if (!v->task_view && row_of_cpu(v, v->tl.selected) < 0)
		v->tl.selected = timeline_nr_shown(&v->tl, v->ss->store, v->sched) ? timeline_row_cpu(&v->tl, 0) : -1;
	view_rows_follow(v);
	return 0;
}

/* Rows of the current mode, and the index of the selected one (-1: none,
 * the lanes, which scroll without a selection). */
static int mode_rows(const struct view *v, int *sel)
{
	if (v->task_view) {
		*sel = v->tl.selected;
		return v->nr_task_rows;
	}
	if (v->zoom_cpu >= 0) {
		*sel = -1;
		return cpu_lanes_count(v->sched, v->zoom_cpu, &v->tl);
	}
	*sel = row_of_cpu(v, v->tl.selected);
	return timeline_nr_shown(&v->tl, v->ss->store, v->sched);
}

static void clamp_first(struct view *v, int n)
{
	int vis = v->rows_visible > 0 ? v->rows_visible : 1;

	if (v->tl.first_row > n - vis)
		v->tl.first_row = n - vis;
	if (v->tl.first_row < 0)
		v->tl.first_row = 0;
}

/* After a change of mode (task view, lanes, CPU rows) the rows on screen
 * are those of the new mode: lay out again before following. */
void view_rows_follow(struct view *v)
{
	int sel, n, vis;

	if (v->w > 0 && v->h > 0)
		view_layout(v);
	n = mode_rows(v, &sel);
	vis = v->rows_visible > 0 ? v->rows_visible : 1;

	if (sel >= 0 && sel < v->tl.first_row)
		v->tl.first_row = sel;
	if (sel >= v->tl.first_row + vis)
		v->tl.first_row = sel - vis + 1;
	clamp_first(v, n);
}

void view_rows_step(struct view *v, int dir, bool page)
{
	int sel, n = mode_rows(v, &sel);
	int by = page ? (v->rows_visible > 1 ? v->rows_visible : 1) : 1;

	if (n <= 0)
		return;
	if (sel < 0 && v->zoom_cpu >= 0) {	/* lanes: scroll */
		v->tl.first_row += dir * by;
		clamp_first(v, n);
		return;
	}
	sel = (sel < 0 ? 0 : sel) + dir * by;
	sel = sel < 0 ? 0 : sel >= n ? n - 1 : sel;
	if (page)	/* a page moves the rows too, the selection keeps its place */
		v->tl.first_row += dir * by;
	v->tl.selected = v->task_view ? sel : timeline_row_cpu(&v->tl, sel);
	view_rows_follow(v);
}

bool view_rows_show_cpu(struct view *v, int cpu)
{
	if (row_of_cpu(v, cpu) < 0)
		return false;
	if (v->task_view)
		v->task_view = false;
	if (v->zoom_cpu >= 0)
		v->zoom_cpu = cpu;
	v->tl.selected = cpu;
	view_rows_follow(v);
	return true;
}

void view_rows_position(const struct view *v, char *buf, size_t len)
{
	int sel, n = mode_rows(v, &sel), last;

	buf[0] = '\0';
	if (n <= v->rows_visible || v->rows_visible <= 0)
		return;
	last = v->tl.first_row + v->rows_visible - 1;
	last = last < n ? last : n - 1;
	if (v->task_view)
		snprintf(buf, len, "tasks %d-%d of %d", v->tl.first_row + 1, last + 1, n);
	else if (v->zoom_cpu >= 0)
		snprintf(buf, len, "lanes %d-%d of %d", v->tl.first_row + 1, last + 1, n);
	else if (v->tl.rows)
		snprintf(buf, len, "CPU %d-%d (%d-%d of %d shown)", timeline_row_cpu(&v->tl, v->tl.first_row),
			 timeline_row_cpu(&v->tl, last), v->tl.first_row + 1, last + 1, n);
	else
		snprintf(buf, len, "CPU %d-%d of %d", v->tl.first_row, last, n);
}

int view_rows_tasks(struct view *v, int pin)
{
	int cap = v->sched->nr_tasks + 1;
	int32_t *rows = malloc((size_t)cap * sizeof(*rows));
	int n = 0;

	if (!rows)
		return -1;
	if (pin > 0)
		rows[n++] = pin;
	n += taskview_busiest(v->sched, rows + n, cap - n);
	free(v->task_rows);
	v->task_rows = rows;
	v->nr_task_rows = n;
	v->tl.first_row = 0;
	return 0;
}

static void goto_cpu_done(void *arg, const char *text)
{
	struct view *v = arg;
	char *end, msg[128];
	long cpu = strtol(text, &end, 10);

	if (!*text || *end || cpu < 0 || cpu >= v->nr_rows) {
		snprintf(msg, sizeof(msg), "no CPU \"%.20s\": give 0 to %d", text, v->nr_rows - 1);
		rows_message(v, true, msg);
		return;
	}
	if (!view_rows_show_cpu(v, (int)cpu)) {
		snprintf(msg, sizeof(msg), "CPU %ld is filtered out (c, C clears)", cpu);
		rows_message(v, true, msg);
		return;
	}
	v->focus = FOCUS_TIMELINE;
	snprintf(msg, sizeof(msg), "CPU %ld", cpu);
	rows_message(v, false, msg);
}

static int goto_cpu_check(void *arg, const char *text, char *err, size_t errlen)
{
	struct view *v = arg;
	size_t i = 0;
	long cpu = 0;

	for (; text[i] >= '0' && text[i] <= '9'; i++)
		if (cpu <= v->nr_rows)	/* (no overflow) */
			cpu = cpu * 10 + (text[i] - '0');
	if (text[i])
		return prompt_reject(err, errlen, i + 1, "expected a CPU number, 0 to %d", v->nr_rows - 1);
	if (!i || cpu >= v->nr_rows)
		return prompt_reject(err, errlen, 1, "no CPU \"%.20s\": give 0 to %d", text, v->nr_rows - 1);
	return 0;
}

const struct prompt_def view_goto_cpu_prompt = {
	.label = "go to CPU: ", .validate = goto_cpu_check, .done = goto_cpu_done,
};

/* The event to seek from: the list's selection, or with the timeline
 * focused the first event at the cursor of the selected CPU's running task. */
static bool seek_origin(struct view *v, int *stream, uint64_t *index)
{
	if (v->list_sel >= 0 && v->list_sel < v->nr_lines) {
		*stream = v->lines[v->list_sel].stream;
		*index = v->lines[v->list_sel].index;
		return true;
	}
	return false;
}

void view_rows_seek(struct view *v, int dir, bool by_task)
{
	const struct store *s = v->ss->store;
	struct store_match m = { 0 };
	const struct store_event *e;
	int stream, to_stream;
	uint64_t index, to_index;
	char msg[128];

	if (!seek_origin(v, &stream, &index) || !(e = store_event_at(s, stream, index))) {
		rows_message(v, true, "no event selected");
		return;
	}
	m.by_pid = by_task, m.pid = e->pid;
	m.by_type = !by_task, m.type = e->type;
	if (!store_seek(s, stream, index, dir, &m, &to_stream, &to_index)) {
		snprintf(msg, sizeof(msg), "no %s event of this %s", dir > 0 ? "later" : "earlier",
			 by_task ? "task" : "type");
		rows_message(v, true, msg);
		return;
	}
	view_show_time(v, store_event_at(s, to_stream, to_index)->ts);
	for (int i = 0; i < v->nr_lines; i++)	/* events at one time: the very one */
		if (v->lines[i].stream == to_stream && v->lines[i].index == to_index && !v->lines[i].dropped)
			v->list_sel = i;
	if (!v->task_view && v->zoom_cpu < 0)
		view_rows_show_cpu(v, s->streams[to_stream].cpu);
}
