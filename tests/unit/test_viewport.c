/* The timeline window's maths (ui/viewport.c): zoom, pan, page, follow and
 * the markers at the trace's ends, on traces of one event and of 1 ns,
 * spans near 2^64, and a long random walk that checks the invariants after
 * every step. */
#include "check.h"
#include "ui/viewport.h"

#define MAX UINT64_MAX

static struct viewport trace(uint64_t first, uint64_t last)
{
	return vp_fit((struct viewport){ .first = first, .last = last });
}

/* What every window must be: at least VP_MIN_SPAN wide, not wrapped, and
 * inside the trace when the trace is wider than that. */
static int sane(struct viewport p)
{
	uint64_t end = vp_add(p.last, 1);

	if (p.t1 <= p.t0 || p.t1 - p.t0 < VP_MIN_SPAN)
		return 0;
	if (end - p.first >= VP_MIN_SPAN)
		return p.t0 >= p.first && p.t1 <= end;
	return p.t0 <= p.first || p.t1 == MAX;
}

static void saturating(void)
{
	CHECK(vp_add(MAX - 1, 5) == MAX);
	CHECK(vp_add(3, 4) == 7);
	CHECK(vp_sub(3, 4) == 0);
	CHECK(vp_sub(MAX, 1) == MAX - 1);
}

static void fit_whole_trace(void)
{
	struct viewport p = trace(1000, 5000);

	CHECK(p.t0 == 1000 && p.t1 == 5001);
	CHECK(vp_span(p) == 4001);
	CHECK(vp_middle(p) == 3000);
	/* an empty window counts as 1 ns, not a wrapped 2^64 */
	CHECK(vp_span((struct viewport){ .t0 = 9, .t1 = 3 }) == 1);
}

/* A trace of one event, and of two 1 ns apart: the window is VP_MIN_SPAN
 * wide from the first event, and neither zoom moves it. */
static void tiny_traces(void)
{
	uint64_t ends[] = { 500, 501 };

	for (int i = 0; i < 2; i++) {
		struct viewport p = trace(500, ends[i]);

		CHECK(p.t0 == 500 && p.t1 == 500 + VP_MIN_SPAN);
		CHECK(sane(p));
		for (int in = 0; in < 2; in++) {
			struct viewport z = vp_zoom(p, 500, in);

			CHECK(z.t0 == p.t0 && z.t1 == p.t1);
		}
		CHECK(vp_page(p, 1).t0 == 500 && vp_page(p, -1).t0 == 500);
	}
	/* a one-event trace at time 0 */
	CHECK(trace(0, 0).t0 == 0 && trace(0, 0).t1 == VP_MIN_SPAN);
}

static void zoom_in_keeps_cursor_place(void)
{
	struct viewport p = trace(0, 999999);	/* 1 ms */
	struct viewport z = vp_zoom(p, 250000, 1);

	CHECK(z.t1 - z.t0 == 500000);
	CHECK(z.t0 == 125000);	/* the cursor stays a quarter in */
	z = vp_zoom(z, 250000, 0);
	CHECK(z.t0 == 0 && z.t1 == 1000000);
	/* a cursor outside the window: it ends up in the middle */
	z = vp_zoom((struct viewport){ 0, 999999, 0, 1000 }, 500000, 1);
	CHECK(z.t0 == 500000 - 250 && z.t1 == 500000 + 250);
}

/* Zooming with the cursor on the first or the last event keeps the window
 * inside the trace and the cursor in it, down to VP_MIN_SPAN and back. */
static void zoom_at_the_ends(void)
{
	uint64_t first = 7000000, last = 7000000 + 123456789;
	uint64_t at[] = { first, last };

	for (int i = 0; i < 2; i++) {
		struct viewport p = trace(first, last);
		int steps = 0;

		while (vp_span(p) > VP_MIN_SPAN && steps < 100) {
			p = vp_zoom(p, at[i], 1);
			CHECK(sane(p));
			CHECK(at[i] >= p.t0 && at[i] < p.t1);
			steps++;
		}
		CHECK(vp_span(p) == VP_MIN_SPAN);
		CHECK(i ? p.t1 == last + 1 : p.t0 == first);
		p = vp_zoom(p, at[i], 1);
		CHECK(vp_span(p) == VP_MIN_SPAN);	/* no narrower */
		for (int k = 0; k < steps + 2; k++)
			p = vp_zoom(p, at[i], 0);
		CHECK(p.t0 == first && p.t1 == last + 1);	/* no wider than the trace */
	}
}

static void follow_and_page(void)
{
	struct viewport p = { 0, 1000000, 400000, 500000 };

	CHECK(vp_follow(p, 450000).t0 == 400000);	/* inside: stays */
	CHECK(vp_follow(p, 600000).t0 == 550000);	/* outside: centred */
	CHECK(vp_follow(p, 100000).t0 == 50000);
	CHECK(vp_follow(p, 10).t0 == 0);		/* not below 0 */
	CHECK(vp_follow(p, 1000000).t1 == 1000001);	/* not past the end */
	CHECK(vp_page(p, 1).t0 == 500000 && vp_page(p, -1).t0 == 300000);
	p = vp_page(vp_page(p, 1), 1);
	p = vp_page(vp_page(p, 1), 1);
	p = vp_page(vp_page(p, 1), 1);
	CHECK(p.t1 == 1000001 && vp_span(p) == 100000);	/* stops at the end */
	for (int i = 0; i < 20; i++)
		p = vp_page(p, -1);
	CHECK(p.t0 == 0 && vp_span(p) == 100000);
}

static void markers(void)
{
	struct viewport p = trace(0, 10000000);
	struct viewport b = vp_between(p, 3000, 2000);

	CHECK(b.t0 == 2000 && b.t1 == 3001);
	CHECK(vp_between(p, 2000, 3000).t0 == b.t0);
	b = vp_around(p, 2000, 3000);
	CHECK(b.t0 == 1000 && b.t1 == 4001);
	b = vp_around(p, 3000, 2000);	/* either order */
	CHECK(b.t0 == 1000 && b.t1 == 4001);
	b = vp_around(p, 5000, 5000);	/* one time: 1000 ns either side */
	CHECK(b.t0 == 4000 && b.t1 == 6001);
	b = vp_around(p, 10, 20);	/* room cut at the trace's start */
	CHECK(b.t0 == 0 && b.t1 >= 31);
	b = vp_around(p, 10000000 - 20, 10000000);
	CHECK(b.t1 == 10000001 && b.t0 <= 10000000 - 40);
	b = vp_around(trace(0, MAX), MAX - 5, MAX);	/* no wrap past 2^64 */
	CHECK(sane(b) && b.t1 == MAX);
}

static void step_and_times(void)
{
	struct viewport p = trace(0, 7999);

	CHECK(vp_step(p, 80) == 100);
	CHECK(vp_step(p, 0) == 100);	/* no plot yet: as if 80 columns */
	CHECK(vp_step(trace(0, 50), 200) == 1);	/* never 0 */
	CHECK(vp_clamp_time(p, 9000) == 7999);
	CHECK(vp_clamp_time((struct viewport){ .first = 50, .last = 60 }, 3) == 50);
}

/* A live trace growing: a window showing the end keeps its span and ends
 * just after the newest event. */
static void follow_end(void)
{
	struct viewport p = { 0, 5000, 4000, 5001 };

	p.last = 9000;
	p = vp_follow_end(p);
	CHECK(p.t0 == 8000 && p.t1 == 9001);
	p.last = 300;	/* narrower than the window now */
	p.first = 0;
	p = vp_follow_end(p);
	CHECK(p.t0 == 0 && p.t1 == 301);
}

/* Spans near 2^64: a trace from 0 to UINT64_MAX, and one at the very top. */
static void huge_spans(void)
{
	struct viewport p = trace(0, MAX);

	CHECK(p.t0 == 0 && p.t1 == MAX && sane(p));
	p = vp_zoom(p, MAX, 0);		/* twice the whole: stays the whole */
	CHECK(p.t0 == 0 && p.t1 == MAX);
	p = vp_zoom(p, MAX - 1, 1);
	CHECK(sane(p) && p.t1 == MAX && vp_span(p) == MAX / 2);
	p = vp_page(p, 1);
	CHECK(sane(p) && p.t1 == MAX);
	p = vp_follow(p, 3);
	CHECK(sane(p) && p.t0 == 0);
	CHECK(vp_step(p, 1) == vp_span(p));
	p = trace(MAX - 10, MAX);	/* narrower than VP_MIN_SPAN, at the top */
	CHECK(p.t1 == MAX && p.t1 - p.t0 == VP_MIN_SPAN);
	p = vp_zoom(p, MAX, 0);
	CHECK(p.t1 == MAX && p.t1 - p.t0 == VP_MIN_SPAN);
	p = vp_page(trace(MAX - 1000000, MAX), 1);
	CHECK(sane(p) && p.t1 == MAX);
}

static uint64_t rnd(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s ^ (*s >> 29);
}

/* Random traces (some at 0, some near 2^64, some tiny) and random steps:
 * every window stays sane, and a followed cursor is in it. */
static void random_walk(void)
{
	uint64_t s = 42;

	for (int t = 0; t < 2000; t++) {
		uint64_t w = rnd(&s) >> (rnd(&s) % 64), base;
		struct viewport p;

		switch (t % 4) {
		case 0: base = 0; break;
		case 1: base = MAX - w; break;
		default: base = rnd(&s); break;
		}
		if (base > MAX - w)
			base = MAX - w;
		p = trace(base, base + w);
		for (int k = 0; k < 50; k++) {
			uint64_t c = vp_clamp_time(p, base + (w ? rnd(&s) % w : 0));

			switch (rnd(&s) % 6) {
			case 0: p = vp_zoom(p, c, 1); break;
			case 1: p = vp_zoom(p, c, 0); break;
			case 2: p = vp_page(p, rnd(&s) & 1 ? 1 : -1); break;
			case 3: p = vp_around(p, c, vp_clamp_time(p, c + rnd(&s) % 1000)); break;
			case 4: p = vp_between(p, c, vp_clamp_time(p, c + 1 + rnd(&s) % 5000)); break;
			default:
				p = vp_follow(p, c);
				if (c < MAX && !(c >= p.t0 && c < p.t1)) {
					CHECK(c >= p.t0 && c < p.t1);
					return;
				}
			}
			if (!sane(p)) {
				fprintf(stderr, "  trace [%llu, %llu] window [%llu, %llu)\n", (unsigned long long)p.first,
					(unsigned long long)p.last, (unsigned long long)p.t0, (unsigned long long)p.t1);
				CHECK(sane(p));
				return;
			}
		}
	}
}

CHECK_MAIN(CASE(saturating), CASE(fit_whole_trace), CASE(tiny_traces), CASE(zoom_in_keeps_cursor_place),
	   CASE(zoom_at_the_ends), CASE(follow_and_page), CASE(markers), CASE(step_and_times), CASE(follow_end),
	   CASE(huge_spans), CASE(random_walk))
