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

void view_list_fill(struct view *v)
{
	struct store_pos p = { 0 };
	int stream;
	uint64_t index;

	v->nr_lines = 0;
	if (store_pos_copy(&p, &v->top))
		return;
	while (v->nr_lines < v->list_h && v->nr_lines < MAX_LIST_LINES && view_list_next(v, &p, &stream, &index)) {
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

void view_list_seek(struct view *v, uint64_t ts)
{
	int stream, back = 0;
	uint64_t index;

	store_pos_seek(&v->top, v->ss->store, ts);
	while (back < v->list_h / 2 && view_list_prev(v, &v->top, &stream, &index))
		back++;
	/* view_list_prev leaves top on the event it returned: the list starts there */
	v->list_sel = back;
	view_list_fill(v);
}

/* Whether a shown event follows the last line on screen. */
static bool more_below(struct view *v)
{
	struct store_pos probe = { 0 };
	int stream;
	uint64_t index;
	bool more;

	if (store_pos_copy(&probe, &v->top))
		return false;
	for (int i = 0; i < v->nr_lines; i++)
		view_list_next(v, &probe, &stream, &index);
	more = view_list_next(v, &probe, &stream, &index);
	store_pos_done(&probe);
	return more;
}

void view_list_down(struct view *v, int n)
{
	int stream;
	uint64_t index;

	view_list_fill(v);
	while (n-- > 0) {
		if (v->list_sel + 1 < v->nr_lines) {
			v->list_sel++;
			continue;
		}
		if (v->nr_lines < v->list_h || !more_below(v))
			break;	/* the last event is on screen */
		view_list_next(v, &v->top, &stream, &index);
		view_list_fill(v);
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
		{
			struct store_pos probe = { 0 };

			if (store_pos_copy(&probe, &v->top))
				return;
			if (view_list_prev(v, &probe, &stream, &index))
				store_pos_copy(&v->top, &probe);
			else
				n = 0;
			store_pos_done(&probe);
		}
		view_list_fill(v);
	}
}
