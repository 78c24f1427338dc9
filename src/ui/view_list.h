/* The browser's event list: which lines it shows from its top position,
 * the selected line, and moving by lines and pages over the events the
 * filters (view_filter.h) let through.  An event that follows lost events
 * has a DROPPED line before it, as in `ftui report` (model/store.h's
 * store_missed_before()): a line of its own that the selection can rest on
 * (it stands for its event's time) and that scrolls like any other.  The list keeps a position in the
 * store (struct store_pos), never an index into the shown events: those
 * are not counted, so a filtered list of millions pages as fast as a short
 * one. */
#ifndef FTUI_VIEW_LIST_H
#define FTUI_VIEW_LIST_H

#include <stdbool.h>
#include <stdint.h>

struct store_pos;
struct view;

/* Step p to the next (previous) event the list shows; false at the end. */
bool view_list_next(struct view *v, struct store_pos *p, int *stream, uint64_t *index);
bool view_list_prev(struct view *v, struct store_pos *p, int *stream, uint64_t *index);
/* The lines from the top, as the next draw will show them; the selection
 * kept on one of them. */
void view_list_fill(struct view *v);
/* The line of the k-th event line (DROPPED lines not counted), -1 if not
 * on screen; the event lines above line. */
int view_list_event_line(const struct view *v, int k);
int view_list_events_before(const struct view *v, int line);
/* The first shown event at or after ts selected, half a page above it. */
void view_list_seek(struct view *v, uint64_t ts);
/* The selection n lines down (up), the list scrolling when it must. */
void view_list_down(struct view *v, int n);
void view_list_up(struct view *v, int n);

#endif
