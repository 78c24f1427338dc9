/* The event list: lines the caller chose (ui/view_list.c), one
 * trace-cmd-style line per event, and before an event that follows lost
 * events the line `trace-cmd report` prints there, "CPU:N [n EVENTS
 * DROPPED]", in the lost-events style. */
#ifndef FTUI_EVENTLIST_H
#define FTUI_EVENTLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/event_text.h"
#include "render/grid.h"

struct store;
struct store_source;
struct tep_handle;
struct tep_record;

struct eventlist_line {
	int stream;
	uint64_t index;
	uint64_t ts;
	bool dropped;		/* the DROPPED line before the event, not the event */
};

struct eventlist_view {
	int selected;		/* line index of the selection, -1 none */
	bool focused;
	int hscroll;		/* columns scrolled right */
	enum time_style style;
	const char *highlight;	/* search text to mark, or NULL */
};

/* Draw lines[0 .. n) (at most h of them) from row y on. */
void render_eventlist(struct grid *g, int x, int y, int w, int h, const struct store *s,
		      const struct store_source *src, struct tep_handle *tep, const struct eventlist_line *lines,
		      int n, const struct eventlist_view *v);

/* The text of one event line (no newline), into buf. */
bool eventlist_format(const struct store *s, const struct store_source *src, struct tep_handle *tep,
		      int stream, uint64_t index, enum time_style style, char *buf, size_t len);
/* The DROPPED line before event index, as report prints it (after the
 * buffer's name, as the event's line); false if none comes before it. */
bool eventlist_dropped_text(const struct store *s, int stream, uint64_t index, char *buf, size_t len);
/* The text of a line of either kind. */
bool eventlist_line_text(const struct store *s, const struct store_source *src, struct tep_handle *tep,
			 const struct eventlist_line *l, enum time_style style, char *buf, size_t len);

#endif
