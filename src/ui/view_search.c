#include "ui/view_search.h"
#include "render/event_text.h"
#include "ui/view.h"
#include "ui/view_filter.h"
#include "ui/view_list.h"

#include <string.h>

/* Whether a line holds the search text (false for a DROPPED line that is
 * not there). */
static bool matches(struct view *v, int stream, uint64_t index, bool dropped)
{
	struct eventlist_line l = { stream, index, 0, dropped };
	char buf[4096];

	return eventlist_line_text(v->ss->store, &v->ss->src, v->ss->tep, &l, event_time_style(v->ss->in_usecs, false),
				   buf, sizeof(buf)) &&
	       strstr(buf, v->search);
}

static uint64_t pos_sum(const struct store_pos *p)
{
	uint64_t n = 0;

	for (int i = 0; i < p->nr; i++)
		n += p->pos[i];
	return n;
}

void view_search_stop(struct view *v)
{
	store_pos_done(&v->srch.pos);
	v->srch.active = false;
	v->srch.pending = false;
}

bool view_search_start(struct view *v, bool forward)
{
	struct view_search *sr = &v->srch;
	int stream, line;
	uint64_t index;

	view_search_stop(v);
	view_list_fill(v);
	if (store_pos_copy(&sr->pos, &v->top))
		return false;
	sr->active = true;
	sr->forward = forward;
	line = v->list_sel >= 0 && v->list_sel < v->nr_lines ? v->list_sel : -1;
	/* to the selected line's event: the next step reads it */
	for (int i = 0, n = line >= 0 ? view_list_events_before(v, line) : 0; i < n; i++)
		view_list_next(v, &sr->pos, &stream, &index);
	if (line >= 0) {
		const struct eventlist_line *sel = &v->lines[line];

		/* its other line is still to read: forward from its DROPPED line
		 * its text, back from its text its DROPPED line */
		if (forward)
			view_list_next(v, &sr->pos, &stream, &index);
		sr->pending = forward == sel->dropped;
		sr->pend = *sel;
		sr->pend.dropped = !sel->dropped;
	}
	sr->start = pos_sum(&sr->pos);
	return true;
}

int view_search_percent(const struct view *v)
{
	const struct view_search *sr = &v->srch;
	const struct store *s = v->ss->store;
	uint64_t now = pos_sum(&sr->pos), first = 0, last = 0;

	if (!sr->active)
		return 100;
	for (int i = 0; i < s->nr_streams; i++) {
		first += s->streams[i].base;
		last += s->streams[i].base + s->streams[i].nr_ev;
	}
	if (sr->forward)
		return last > sr->start ? (int)((now - sr->start) * 100 / (last - sr->start)) : 100;
	return sr->start > first ? (int)((sr->start - now) * 100 / (sr->start - first)) : 100;
}

static enum search_result hit(struct view *v, int stream, uint64_t index, bool dropped, struct eventlist_line *found)
{
	found->stream = stream;
	found->index = index;
	found->ts = store_event_at(v->ss->store, stream, index)->ts;
	found->dropped = dropped;
	view_search_stop(v);
	return SEARCH_FOUND;
}

enum search_result view_search_step(struct view *v, struct eventlist_line *found)
{
	struct view_search *sr = &v->srch;
	const struct store *s = v->ss->store;
	bool first = sr->forward;	/* the line read first: the DROPPED one going forward */
	int stream;
	uint64_t index;

	if (!sr->active)
		return SEARCH_NOT_FOUND;
	if (sr->pending) {
		sr->pending = false;
		if (matches(v, sr->pend.stream, sr->pend.index, sr->pend.dropped))
			return hit(v, sr->pend.stream, sr->pend.index, sr->pend.dropped, found);
	}
	for (int n = 0; n < VIEW_SEARCH_SLICE; n++) {
		if (!(sr->forward ? store_pos_next(&sr->pos, s, &stream, &index)
				  : store_pos_prev(&sr->pos, s, &stream, &index))) {
			view_search_stop(v);
			return SEARCH_NOT_FOUND;
		}
		if (!view_shown(v, stream, index))
			continue;
		if (matches(v, stream, index, first))
			return hit(v, stream, index, first, found);
		if (matches(v, stream, index, !first))
			return hit(v, stream, index, !first, found);
	}
	return SEARCH_MORE;
}
