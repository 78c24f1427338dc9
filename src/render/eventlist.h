/* The event list: events from a position on, one trace-cmd-style line each,
 * skipping those a predicate rejects (filters). */
#ifndef FTUI_EVENTLIST_H
#define FTUI_EVENTLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/event_text.h"
#include "render/grid.h"

struct store;
struct store_pos;
struct store_source;
struct tep_handle;
struct tep_record;

/* Is this event shown?  rec is the decoded record. */
struct event_pred {
	bool (*match)(void *ctx, int stream, uint64_t index, struct tep_record *rec);
	void *ctx;
};

struct eventlist_line {
	int stream;
	uint64_t index;
	uint64_t ts;
};

struct eventlist_view {
	int selected;		/* line index of the selection, -1 none */
	bool focused;
	int hscroll;		/* columns scrolled right */
	enum time_style style;
	const char *highlight;	/* search text to mark, or NULL */
};

/* Draw up to h lines from top (not moved).  Fills lines[] with what was
 * drawn and returns how many. */
int render_eventlist(struct grid *g, int x, int y, int w, int h, const struct store *s,
		     const struct store_source *src, struct tep_handle *tep, const struct store_pos *top,
		     const struct event_pred *pred, const struct eventlist_view *v, struct eventlist_line *lines);

/* The text of one event line (no newline), into buf. */
bool eventlist_format(const struct store *s, const struct store_source *src, struct tep_handle *tep,
		      int stream, uint64_t index, enum time_style style, char *buf, size_t len);

#endif
