#include "ui/view_list.h"
#include "model/store.h"
#include "ui/view.h"
#include "ui/view_filter.h"

bool view_list_next(struct view *v, struct store_pos *p, int *stream, uint64_t *index)
{
	while (store_pos_next(p, v->ss->store, stream, index))
		if (view_shown(v, *stream, *index))
			return true;
	return false;
}

bool view_list_prev(struct view *v, struct store_pos *p, int *stream, uint64_t *index)
{
	while (store_pos_prev(p, v->ss->store, stream, index))
		if (view_shown(v, *stream, *index))
			return true;
	return false;
}

static bool dropped_before(struct view *v, int stream, uint64_t index)
{
	return store_missed_before(v->ss->store, stream, index) != 0;
}

static bool add_line(struct view *v, int stream, uint64_t index, bool dropped)
{
	struct eventlist_line *l;

	if (v->nr_lines >= v->list_h || v->nr_lines >= MAX_LIST_LINES)
		return false;
	l = &v->lines[v->nr_lines++];
	l->stream = stream;
	l->index = index;
	l->ts = store_event_at(v->ss->store, stream, index)->ts;
	l->dropped = dropped;
	return true;
}

void view_list_fill(struct view *v)
{
	struct store_pos p = { 0 };
	int stream;
	uint64_t index;
	bool first = true;

	v->nr_lines = 0;
	if (store_pos_copy(&p, &v->top))
		return;
	while (v->nr_lines < v->list_h && v->nr_lines < MAX_LIST_LINES && view_list_next(v, &p, &stream, &index)) {
		if (dropped_before(v, stream, index) && !(first && v->top_drop_hidden))
			add_line(v, stream, index, true);
		first = false;
		add_line(v, stream, index, false);
	}
	store_pos_done(&p);
	if (v->list_sel >= v->nr_lines)
		v->list_sel = v->nr_lines - 1;
	if (v->list_sel < 0 && v->nr_lines)
		v->list_sel = 0;
}

int view_list_event_line(const struct view *v, int k)
{
	for (int i = 0; i < v->nr_lines; i++)
		if (!v->lines[i].dropped && k-- == 0)
			return i;
	return -1;
}

int view_list_events_before(const struct view *v, int line)
{
	int k = 0;

	for (int i = 0; i < line && i < v->nr_lines; i++)
		k += !v->lines[i].dropped;
	return k;
}

/* The list one line further down: the top line goes. */
static void scroll_down(struct view *v)
{
	int stream;
	uint64_t index;

	if (v->nr_lines && v->lines[0].dropped) {
		v->top_drop_hidden = true;
	} else {
		view_list_next(v, &v->top, &stream, &index);
		v->top_drop_hidden = false;
	}
	view_list_fill(v);
}

void view_list_seek(struct view *v, uint64_t ts)
{
	int stream, back = 0, line;
	uint64_t index;

	store_pos_seek(&v->top, v->ss->store, ts);
	v->top_drop_hidden = false;
	while (back < v->list_h / 2 && view_list_prev(v, &v->top, &stream, &index))
		back++;
	/* view_list_prev leaves top on the event it returned: the list starts
	 * there, and the event at ts is the back-th event line (DROPPED lines
	 * may push it down, off the screen even: then the list scrolls) */
	view_list_fill(v);
	while ((line = view_list_event_line(v, back)) < 0 && back > 0 && v->nr_lines) {
		if (!v->lines[0].dropped)
			back--;
		scroll_down(v);
	}
	v->list_sel = line >= 0 ? line : 0;
	view_list_fill(v);
}

/* Whether a line follows the last line on screen. */
static bool more_below(struct view *v)
{
	struct store_pos probe = { 0 };
	int stream, events;
	uint64_t index;
	bool more;

	if (!v->nr_lines)
		return false;
	if (v->lines[v->nr_lines - 1].dropped)
		return true;	/* its event */
	if (store_pos_copy(&probe, &v->top))
		return false;
	events = view_list_events_before(v, v->nr_lines);
	for (int i = 0; i < events; i++)
		view_list_next(v, &probe, &stream, &index);
	more = view_list_next(v, &probe, &stream, &index);
	store_pos_done(&probe);
	return more;
}

void view_list_down(struct view *v, int n)
{
	view_list_fill(v);
	while (n-- > 0) {
		if (v->list_sel + 1 < v->nr_lines) {
			v->list_sel++;
			continue;
		}
		if (v->nr_lines < v->list_h || !more_below(v))
			break;	/* the last event is on screen */
		scroll_down(v);
	}
}

void view_list_up(struct view *v, int n)
{
	int stream;
	uint64_t index;

	view_list_fill(v);
	while (n-- > 0) {
		if (v->list_sel > 0) {
			v->list_sel--;
			continue;
		}
		if (v->nr_lines && v->top_drop_hidden && dropped_before(v, v->lines[0].stream, v->lines[0].index)) {
			v->top_drop_hidden = false;	/* the top event's DROPPED line back */
		} else {
			struct store_pos probe = { 0 };

			if (store_pos_copy(&probe, &v->top))
				return;
			if (view_list_prev(v, &probe, &stream, &index)) {
				store_pos_copy(&v->top, &probe);
				v->top_drop_hidden = true;	/* the event first, then its DROPPED line */
			} else {
				n = 0;
			}
			store_pos_done(&probe);
		}
		view_list_fill(v);
	}
}
