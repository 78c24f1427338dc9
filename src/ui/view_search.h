/* Searching the event list (/, n, N): the next line after the selected
 * one, or the one before it, that the list shows and whose text as the
 * list draws it holds v->search -- an event's line or a DROPPED line.
 *
 * A search runs in slices: view_search_start() sets it up and the event
 * loop calls view_search_step() while no key is waiting (struct app's
 * busy/work), so a search of a huge trace shows its progress and Esc stops
 * it.  Nothing here moves the list: what is found is the caller's to show. */
#ifndef FTUI_VIEW_SEARCH_H
#define FTUI_VIEW_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "model/store.h"
#include "render/eventlist.h"

struct view;

struct view_search {
	bool active;
	bool forward;
	struct store_pos pos;	/* where the next step reads */
	uint64_t start;		/* progress: the sum of pos's indices at the start */
	bool pending;		/* the selected event's other line is still to read: */
	struct eventlist_line pend;
};

enum search_result { SEARCH_MORE, SEARCH_FOUND, SEARCH_NOT_FOUND };

/* Start a search from the selection (any running one stopped); false if
 * out of memory. */
bool view_search_start(struct view *v, bool forward);
/* Read up to VIEW_SEARCH_SLICE events; when found, the line in *found. */
enum search_result view_search_step(struct view *v, struct eventlist_line *found);
/* How far the running search is, 0 to 100. */
int view_search_percent(const struct view *v);
void view_search_stop(struct view *v);

/* Events one step reads: a few milliseconds' formatting. */
#define VIEW_SEARCH_SLICE 4096

#endif
