/* Hist tables (model/hist.h) over real fixtures: keys, vals, sort, size,
 * the modifiers that change keys (.log2, .buckets, .usecs) and those that
 * only change the text (.hex, .sym, .execname), a filter, clear and pause,
 * the derived wakeup_lat, and the expressions that must be refused.
 * Expected counts come from `trace-cmd report` of the fixture (counted with
 * awk when the test was written) and, for wakeup_lat, from the independent
 * state machine of tests/latency_check.py. */
#include "check.h"
#include "model/hist.h"
#include "model/latency.h"
#include "trace.h"

#include <event-parse.h>

#define SCHED FIXTURE("sched_v7_zstd.dat")

/* A table of expr over the whole trace; NULL (and a FAIL) when it is refused. */
static struct hist *fill(struct trace *t, const char *event, const char *expr)
{
	char err[256] = "";
	struct hist *h = hist_new(t->td->tep, event, expr, err, sizeof(err));

	if (!h) {
		fprintf(stderr, "  %s: %s\n", expr, err);
		CHECK(h != NULL);
		return NULL;
	}
	CHECK_EQ_INT(hist_fill(h, t->s, &t->src, 0, UINT64_MAX), 0);
	return h;
}

/* The entry whose first key is key, or NULL. */
static const struct hist_entry *find(const struct hist *h, uint64_t key)
{
	for (size_t i = 0; i < h->cap; i++)
		if (h->entries[i].val[0] && h->entries[i].key[0] == key)
			return &h->entries[i];
	return NULL;
}

static uint64_t hits_of(const struct hist *h, uint64_t key)
{
	const struct hist_entry *e = find(h, key);

	return e ? e->val[0] : 0;
}

static uint64_t up_log2(uint64_t v)
{
	uint64_t b = 0;

	while (b < 64 && (1ULL << b) < v)
		b++;
	return b;
}

static uint64_t down_1000(uint64_t v)
{
	return v - v % 1000;
}

/* Whether every entry of g holds the hits of the entries of plain whose key
 * group() maps to its key. */
static bool regrouped(const struct hist *plain, const struct hist *g, uint64_t (*group)(uint64_t))
{
	for (size_t i = 0; i < g->cap; i++) {
		uint64_t want = 0;

		if (!g->entries[i].val[0])
			continue;
		for (size_t k = 0; k < plain->cap; k++)
			if (plain->entries[k].val[0] && group(plain->entries[k].key[0]) == g->entries[i].key[0])
				want += plain->entries[k].val[0];
		if (want != g->entries[i].val[0])
			return false;
	}
	return g->hits == plain->hits;
}

/* trace-cmd report sched_v7_zstd.dat: 965 sched_switch, by prev_pid
 * 5605 (ping) 402, 5606 (pong) 300, 0 (idle) 217, 15 (rcu_preempt) 14. */
static void keys_count_events(void)
{
	struct trace t;
	struct hist *h = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=prev_pid") : NULL;
	uint64_t sum = 0;

	if (h) {
		CHECK_EQ_INT(h->hits, 965);
		CHECK_EQ_INT(hits_of(h, 5605), 402);
		CHECK_EQ_INT(hits_of(h, 5606), 300);
		CHECK_EQ_INT(hits_of(h, 0), 217);
		CHECK_EQ_INT(hits_of(h, 15), 14);
		for (size_t i = 0; i < h->cap; i++)
			sum += h->entries[i].val[0];
		CHECK_EQ_INT(sum, 965);
		CHECK_EQ_INT(h->dropped, 0);
	}
	hist_free(h);
	trace_close(&t);
}

/* vals sum a field per key: by next_pid, the sum of prev_pid (awk over the
 * report: next_pid 5606: 300 switches, prev_pids adding up to 1642265;
 * next_pid 0: 235, 1219283).  A second key splits the entries. */
static void vals_sum_fields(void)
{
	struct trace t;
	struct hist *h = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=next_pid:vals=prev_pid") : NULL;
	struct hist *two = h ? fill(&t, "sched:sched_switch", "keys=next_pid,prev_pid") : NULL;

	if (h) {
		const struct hist_entry *e = find(h, 5606);

		CHECK_EQ_INT(h->nr_vals, 2);
		CHECK(e && e->val[0] == 300 && e->val[1] == 1642265);
		e = find(h, 0);
		CHECK(e && e->val[0] == 235 && e->val[1] == 1219283);
	}
	if (two) {
		CHECK_EQ_INT(two->nr_keys, 2);
		CHECK(two->nr > h->nr);
		CHECK_EQ_INT(two->hits, 965);
	}
	hist_free(two);
	hist_free(h);
	trace_close(&t);
}

static void sort_orders(void)
{
	struct trace t;
	struct hist *up = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=prev_pid") : NULL;
	struct hist *down = up ? fill(&t, "sched:sched_switch", "keys=prev_pid:sort=hitcount.descending") : NULL;
	struct hist *bykey = down ? fill(&t, "sched:sched_switch", "keys=prev_pid:sort=prev_pid") : NULL;
	struct hist_entry **l;
	size_t n;

	if (!bykey)
		goto out;
	/* the kernel's default: hitcount ascending */
	l = hist_sorted(up, &n);
	CHECK(l && n == up->nr && n > 3);
	for (size_t i = 1; l && i < n; i++)
		CHECK(l[i - 1]->val[0] <= l[i]->val[0]);
	CHECK(l && l[n - 1]->key[0] == 5605);
	free(l);
	l = hist_sorted(down, &n);
	for (size_t i = 1; l && i < n; i++)
		CHECK(l[i - 1]->val[0] >= l[i]->val[0]);
	CHECK(l && l[0]->key[0] == 5605 && l[0]->val[0] == 402);
	free(l);
	l = hist_sorted(bykey, &n);
	for (size_t i = 1; l && i < n; i++)
		CHECK(l[i - 1]->key[0] < l[i]->key[0]);
	CHECK(l && l[0]->key[0] == 0);
	free(l);
out:
	hist_free(bykey);
	hist_free(down);
	hist_free(up);
	trace_close(&t);
}

/* size=N keeps N entries and counts the hits that found no room. */
static void size_drops(void)
{
	struct trace t;
	struct hist *h = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=prev_pid:size=2") : NULL;

	if (h) {
		CHECK_EQ_INT(h->nr, 2);
		CHECK(h->dropped > 0);
		CHECK_EQ_INT(h->hits, 965);	/* hits count every matching event */
	}
	hist_free(h);
	trace_close(&t);
}

/* Modifiers that change the key: .log2 (rounded up), .buckets=N (down to a
 * multiple), .usecs (ns / 1000).  Those that only change the printing
 * (.hex, .sym, .execname) leave the keys as they are and show in the
 * trigger text. */
static void modifiers(void)
{
	struct trace t;
	struct hist *plain = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=prev_pid") : NULL;
	struct hist *l2 = plain ? fill(&t, "sched:sched_switch", "keys=prev_pid.log2") : NULL;
	struct hist *bk = l2 ? fill(&t, "sched:sched_switch", "keys=prev_pid.buckets=1000") : NULL;
	struct hist *us = bk ? fill(&t, "sched:sched_switch", "keys=common_timestamp.usecs:size=4096") : NULL;
	struct hist *hex = us ? fill(&t, "sched:sched_switch", "keys=prev_pid.hex,prev_prio.sym") : NULL;
	struct hist *ex = hex ? fill(&t, "sched:sched_switch", "keys=common_pid.execname") : NULL;
	char text[512];

	if (!ex)
		goto out;
	/* 5605 and 5606 both round up to 2^13; 0 stays 0, 15 goes to 4 */
	CHECK(hits_of(l2, 13) >= 702);
	CHECK_EQ_INT(hits_of(l2, 0), 217);
	CHECK(regrouped(plain, l2, up_log2));
	CHECK_EQ_INT(l2->hits, 965);
	/* buckets of 1000: 5605 and 5606 in the bucket 5000 */
	CHECK(hits_of(bk, 5000) >= 702);
	CHECK(regrouped(plain, bk, down_1000));
	/* usecs: every key is a timestamp in us, inside the trace (363.70 s on) */
	for (size_t i = 0; i < us->cap; i++)
		CHECK(!us->entries[i].val[0] || (us->entries[i].key[0] >= 363700000 && us->entries[i].key[0] < 364000000));
	/* .hex and .sym: the same keys as without */
	CHECK_EQ_INT(hex->hits, 965);
	CHECK(find(hex, 5605) != NULL);
	hist_trigger_text(hex, text, sizeof(text));
	CHECK_EQ_STR(text, "hist:keys=prev_pid.hex,prev_prio.sym:vals=hitcount:sort=hitcount:size=2048");
	/* .execname: the comm of the key's pid, from the switches */
	CHECK(find(ex, 5605) && !strcmp(find(ex, 5605)->comm, "ping"));
	CHECK(find(ex, 5606) && !strcmp(find(ex, 5606)->comm, "pong"));
out:
	hist_free(ex);
	hist_free(hex);
	hist_free(us);
	hist_free(bk);
	hist_free(l2);
	hist_free(plain);
	trace_close(&t);
}

/* A filter keeps the events it matches; clear empties the table; a paused
 * table takes nothing. */
static void filter_clear_pause(void)
{
	struct trace t;
	struct hist *h = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=prev_pid if prev_pid == 5605") : NULL;

	if (!h)
		goto out;
	CHECK_EQ_INT(h->nr, 1);
	CHECK_EQ_INT(hits_of(h, 5605), 402);
	hist_clear(h);
	CHECK(h->nr == 0 && h->hits == 0 && find(h, 5605) == NULL);
	h->paused = true;
	CHECK_EQ_INT(hist_fill(h, t.s, &t.src, 0, UINT64_MAX), 0);
	CHECK_EQ_INT(h->hits, 0);
	h->paused = false;
	CHECK_EQ_INT(hist_fill(h, t.s, &t.src, 0, UINT64_MAX), 0);
	CHECK_EQ_INT(hits_of(h, 5605), 402);
out:
	hist_free(h);
	trace_close(&t);
}

/* wakeup_lat: one hit per wait a switch ends.  tests/latency_check.py's
 * machine over trace-cmd's text counts 532 waits, 295 of ping (5605), 200
 * of pong (5606) and 10 of rcu_preempt (15), whose longest is 372240 ns
 * (log2 bucket 19).  The sums are the latency model's (one machine). */
static void wakeup_latency(void)
{
	struct trace t;
	struct hist *h = trace_open(&t, SCHED) ? fill(&t, "sched:sched_switch", "keys=next_pid:vals=wakeup_lat") : NULL;
	struct hist *l2 = h ? fill(&t, "sched:sched_switch", "keys=wakeup_lat.log2") : NULL;
	struct latency *lat = l2 ? latency_build(t.s, &t.src, t.td->tep, 0, UINT64_MAX) : NULL;
	uint64_t top = 0;

	if (!lat)
		goto out;
	CHECK(hist_needs_latency(h) && hist_needs_latency(l2));
	CHECK_EQ_INT(h->hits, 532);
	CHECK_EQ_INT(hits_of(h, 5605), 295);
	CHECK_EQ_INT(hits_of(h, 5606), 200);
	CHECK_EQ_INT(hits_of(h, 15), 10);
	CHECK_EQ_INT(lat->nr_samples, 532);
	for (int i = 0; i < lat->nr_tasks; i++) {
		const struct hist_entry *e = find(h, (uint64_t)lat->tasks[i].pid);

		if (!lat->tasks[i].count) {	/* seen, never waited */
			CHECK(e == NULL);
			continue;
		}
		if (!e || e->val[0] != lat->tasks[i].count || e->val[1] != lat->tasks[i].total)
			fprintf(stderr, "  pid %d: hist %llu %llu, latency %llu %llu\n", lat->tasks[i].pid,
				e ? (unsigned long long)e->val[0] : 0ULL, e ? (unsigned long long)e->val[1] : 0ULL,
				(unsigned long long)lat->tasks[i].count, (unsigned long long)lat->tasks[i].total);
		CHECK(e && e->val[0] == lat->tasks[i].count && e->val[1] == lat->tasks[i].total);
	}
	for (size_t i = 0; i < l2->cap; i++)
		if (l2->entries[i].val[0] && l2->entries[i].key[0] > top)
			top = l2->entries[i].key[0];
	CHECK_EQ_INT(top, 19);
	CHECK_EQ_INT(l2->hits, 532);
out:
	latency_free(lat);
	hist_free(l2);
	hist_free(h);
	trace_close(&t);
}

/* Refused, with one line saying why: no keys, an unknown field or
 * modifier, wakeup_lat off sched_switch, an unknown event, a bad filter. */
static void bad_expressions(void)
{
	static const char *const bad[][2] = {
		{ "sched:sched_switch", "" },
		{ "sched:sched_switch", "keys=nosuchfield" },
		{ "sched:sched_switch", "keys=prev_pid.nosuchmod" },
		{ "sched:sched_switch", "keys=prev_pid:sort=nosuchfield" },
		{ "sched:sched_wakeup", "keys=wakeup_lat" },
		{ "sched:nosuchevent", "keys=pid" },
		{ "sched:sched_switch", "keys=prev_pid if prev_pid ==" },
		{ "sched:sched_switch", "keys=a,b,c,d,e" },
	};
	struct trace t;

	if (!trace_open(&t, SCHED)) {
		CHECK(0);
		trace_close(&t);
		return;
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char err[256] = "";
		struct hist *h = hist_new(t.td->tep, bad[i][0], bad[i][1], err, sizeof(err));

		if (h)
			fprintf(stderr, "  accepted: %s %s\n", bad[i][0], bad[i][1]);
		CHECK(h == NULL);
		CHECK(err[0] != '\0' && !strchr(err, '\n'));
		hist_free(h);
	}
	trace_close(&t);
}

CHECK_MAIN(CASE(keys_count_events), CASE(vals_sum_fields), CASE(sort_orders), CASE(size_drops), CASE(modifiers),
	   CASE(filter_clear_pause), CASE(wakeup_latency), CASE(bad_expressions))
