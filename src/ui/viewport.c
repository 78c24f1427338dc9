#include "ui/viewport.h"

uint64_t vp_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

uint64_t vp_sub(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

uint64_t vp_span(struct viewport p)
{
	return p.t1 > p.t0 ? p.t1 - p.t0 : 1;
}

/* The window of span from t0, moved down as far as it must to end at or
 * before UINT64_MAX (so that t1 - t0 is span). */
static struct viewport place(struct viewport p, uint64_t t0, uint64_t span)
{
	p.t0 = t0 > UINT64_MAX - span ? UINT64_MAX - span : t0;
	p.t1 = p.t0 + span;
	return p;
}

struct viewport vp_clamp(struct viewport p)
{
	uint64_t last = p.last < p.first ? p.first : p.last;
	uint64_t end = vp_add(last, 1);	/* the trace is [first, end) */
	uint64_t full = end > p.first ? end - p.first : 1;
	uint64_t span = vp_span(p), t0 = p.t0;

	if (span > full)
		span = full;
	if (span < VP_MIN_SPAN)
		span = VP_MIN_SPAN;
	if (full < span || t0 < p.first)
		t0 = p.first;	/* (a trace narrower than the window: all of it) */
	else if (t0 > end - span)
		t0 = end - span;
	return place(p, t0, span);
}

struct viewport vp_fit(struct viewport p)
{
	p.t0 = p.first;
	p.t1 = vp_add(p.last, 1);
	return vp_clamp(p);
}

struct viewport vp_zoom(struct viewport p, uint64_t cursor, int in)
{
	uint64_t span = vp_span(p), nspan, off;
	double frac = 0.5, d;

	if (cursor >= p.t0 && cursor < p.t1)
		frac = (double)(cursor - p.t0) / (double)span;
	nspan = in ? span / 2 : (span > UINT64_MAX / 2 ? UINT64_MAX : span * 2);
	if (nspan < VP_MIN_SPAN)
		nspan = VP_MIN_SPAN;
	/* the cursor's share of the window stays the same */
	d = frac * (double)nspan;
	off = d >= 18446744073709551616.0 ? UINT64_MAX : (uint64_t)d;
	if (off >= nspan)
		off = nspan - 1;	/* frac < 1, but rounding can make it 1 */
	return vp_clamp(place(p, vp_sub(cursor, off), nspan));
}

struct viewport vp_follow(struct viewport p, uint64_t cursor)
{
	uint64_t span = vp_span(p), t0 = p.t0;

	if (cursor < p.t0 || cursor >= p.t1)
		t0 = vp_sub(cursor, span / 2);
	return vp_clamp(place(p, t0, span));
}

struct viewport vp_page(struct viewport p, int dir)
{
	uint64_t span = vp_span(p);

	return vp_clamp(place(p, dir > 0 ? vp_add(p.t0, span) : vp_sub(p.t0, span), span));
}

struct viewport vp_follow_end(struct viewport p)
{
	uint64_t span = vp_span(p);

	return vp_clamp(place(p, vp_sub(vp_add(p.last, 1), span), span));
}

struct viewport vp_between(struct viewport p, uint64_t a, uint64_t b)
{
	p.t0 = a < b ? a : b;
	p.t1 = vp_add(a < b ? b : a, 1);
	return vp_clamp(p);
}

struct viewport vp_around(struct viewport p, uint64_t a, uint64_t b)
{
	uint64_t lo = a < b ? a : b, hi = a < b ? b : a;
	uint64_t room = hi > lo ? hi - lo : 1000;

	p.t0 = vp_sub(lo, room);
	p.t1 = vp_add(vp_add(hi, room), 1);
	return vp_clamp(p);
}

uint64_t vp_clamp_time(struct viewport p, uint64_t ts)
{
	if (ts < p.first)
		ts = p.first;
	if (ts > p.last)
		ts = p.last;
	return ts;
}

uint64_t vp_step(struct viewport p, int plot_w)
{
	uint64_t step = vp_span(p) / (uint64_t)(plot_w > 0 ? plot_w : 80);

	return step ? step : 1;
}

uint64_t vp_middle(struct viewport p)
{
	return p.t1 > p.t0 ? p.t0 + (p.t1 - p.t0) / 2 : p.t0;
}
