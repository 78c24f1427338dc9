/* Searching the event list (/, n, N): the next event after the selected
 * line, or the one before it, that the list shows and whose text as the
 * list formats it holds v->search.  What is found is the caller's to show. */
#ifndef FTUI_VIEW_SEARCH_H
#define FTUI_VIEW_SEARCH_H

#include <stdbool.h>
#include <stdint.h>

struct view;

/* Search forward or back from the selection; the time of the event found
 * in *ts.  false: none within VIEW_SEARCH_MAX events (or no memory). */
bool view_search(struct view *v, bool forward, uint64_t *ts);

/* How many events one search reads at most, so that a search of a huge
 * trace gives up instead of hanging the UI. */
#define VIEW_SEARCH_MAX 5000000

#endif
