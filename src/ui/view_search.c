#include "ui/view_search.h"
#include "model/store.h"
#include "render/event_text.h"
#include "render/eventlist.h"
#include "ui/view.h"
#include "ui/view_list.h"

#include <string.h>

bool view_search(struct view *v, bool forward, uint64_t *ts)
{
	struct store_pos p = { 0 };
	char buf[4096];
	int stream;
	uint64_t index;
	long checked = 0;
	bool found = false;

	if (store_pos_copy(&p, &v->top))
		return false;
	/* start just after the selected event, or at it going back (a DROPPED
	 * line stands for the event after it) */
	{
		int sel = v->list_sel >= 0 && v->list_sel < v->nr_lines ? v->list_sel : 0;
		int steps = view_list_events_before(v, sel) +
			    (forward && sel < v->nr_lines && !v->lines[sel].dropped ? 1 : 0);

		for (int i = 0; i < steps; i++)
			view_list_next(v, &p, &stream, &index);
	}
	while (!found && ++checked <= VIEW_SEARCH_MAX &&
	       (forward ? view_list_next(v, &p, &stream, &index) : view_list_prev(v, &p, &stream, &index)))
		found = eventlist_format(v->ss->store, &v->ss->src, v->ss->tep, stream, index,
					 event_time_style(v->ss->in_usecs, false), buf, sizeof(buf)) &&
			strstr(buf, v->search);
	store_pos_done(&p);
	if (found)
		*ts = store_event_at(v->ss->store, stream, index)->ts;
	return found;
}
