/* The browser's time window: which slice [t0, t1) of a trace whose events
 * lie in [first, last] the timeline shows, and how zooming, panning, paging
 * and "show this time" move it.  Pure functions of their arguments (no
 * view, no store, no state), so that the edge cases -- a trace of one
 * event, a window at either end, spans near 2^64 -- are unit-tested
 * (tests/unit/test_viewport.c) rather than reached through goldens only.
 * Every sum saturates: no input wraps a time around zero.
 *
 * A window is at least VP_MIN_SPAN wide (zooming in stops there) and, when
 * the trace is wider than that, lies inside [first, last + 1). */
#ifndef FTUI_VIEWPORT_H
#define FTUI_VIEWPORT_H

#include <stdint.h>

#define VP_MIN_SPAN 100		/* ns */

struct viewport {
	uint64_t first, last;	/* the trace's first and last event times */
	uint64_t t0, t1;	/* the window shown: [t0, t1) */
};

/* t1 - t0, or 1 for an empty window. */
uint64_t vp_span(struct viewport p);
/* The window kept as wide as it is (but VP_MIN_SPAN .. the trace's width)
 * and moved inside the trace. */
struct viewport vp_clamp(struct viewport p);
/* The whole trace. */
struct viewport vp_fit(struct viewport p);
/* Half (in) or twice the span, the cursor staying at the same place on
 * screen (in the middle when it is outside the window). */
struct viewport vp_zoom(struct viewport p, uint64_t cursor, int in);
/* The window moved, when cursor is outside it, to have cursor in the middle. */
struct viewport vp_follow(struct viewport p, uint64_t cursor);
/* One window later (dir > 0) or earlier. */
struct viewport vp_page(struct viewport p, int dir);
/* The same span ending just after the trace's last event (a live view
 * following the newest events). */
struct viewport vp_follow_end(struct viewport p);
/* Exactly the markers a .. b (either order), both shown. */
struct viewport vp_between(struct viewport p, uint64_t a, uint64_t b);
/* The markers a .. b in the middle, with as much room on either side as
 * they are apart (1000 ns when they are the same time). */
struct viewport vp_around(struct viewport p, uint64_t a, uint64_t b);

/* ts moved inside [first, last]. */
uint64_t vp_clamp_time(struct viewport p, uint64_t ts);
/* How far the cursor moves for one of plot_w columns (80 when the plot has
 * no width yet); at least 1 ns. */
uint64_t vp_step(struct viewport p, int plot_w);
/* The middle of the window. */
uint64_t vp_middle(struct viewport p);
/* a + b and a - b, stopping at the ends of uint64_t. */
uint64_t vp_add(uint64_t a, uint64_t b);
uint64_t vp_sub(uint64_t a, uint64_t b);

#endif
