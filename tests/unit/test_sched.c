/* The run model as built from a store (model/sched.h): every CPU of the
 * trace's count, exited tasks, a store that grows page by page (live) and
 * one that evicts, against the model of the whole file. */
#include "check.h"
#include "model/sched.h"
#include "trace.h"

#include <event-parse.h>

static void every_cpu_of_the_count(void)
{
	static const char *const files[] = {
		FIXTURE("sched_v7_zstd.dat"), FIXTURE("empty_v7.dat"), FIXTURE("fgraph_markers_v7.dat"),
		FIXTURE("two_buffers_v6.dat"), FIXTURE("manycpu_256_v7.dat"),
	};

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct trace t;
		struct sched *sc = NULL;

		if (trace_open(&t, files[f]))
			sc = sched_build(t.s, &t.src, t.td->tep, t.td->cpus);
		CHECK(sc != NULL);
		if (sc) {
			CHECK_EQ_INT(sc->nr_cpus, t.td->cpus);
			for (int cpu = 0; cpu < sc->nr_cpus; cpu++)
				CHECK(sched_cpu(sc, cpu) && sched_cpu(sc, cpu)->cpu == cpu);
			CHECK(sched_cpu(sc, sc->nr_cpus) == NULL);
		}
		sched_free(sc);
		trace_close(&t);
	}
}

static const struct task *task_named(const struct sched *sc, const char *comm)
{
	for (int i = 0; i < sc->nr_tasks; i++)
		if (!strcmp(sc->tasks[i].comm, comm))
			return &sc->tasks[i];
	return NULL;
}

/* dirname runs once on CPU1 (its switch in is not traced) and exits. */
static void exited_task_stops_running(void)
{
	struct trace t;
	struct sched *sc = trace_open(&t, FIXTURE("sched_v7_zstd.dat")) ?
				   sched_build(t.s, &t.src, t.td->tep, t.td->cpus) : NULL;
	const struct task *d = sc ? task_named(sc, "dirname") : NULL;

	CHECK(d != NULL);
	if (d) {
		uint64_t exit_ts = d->states[d->nr_states - 1].ts;

		CHECK_EQ_INT(d->states[d->nr_states - 1].state, 'X');
		CHECK(sched_task_ran(d, exit_ts - 1, exit_ts));
		CHECK(!sched_task_ran(d, exit_ts + 1, UINT64_MAX));
		CHECK_EQ_INT(sched_task_state(d, exit_ts + 1000000), 'X');
		CHECK(sched_task_runtime(sc, d) > 0);
		CHECK_EQ_INT(d->switches, 0);			/* never switched in: records only */
	}
	sched_free(sc);
	trace_close(&t);
}

/* A store that receives the file's pages one at a time, the earliest page
 * first, as a live capture's would. */
struct growing {
	struct store *s;
	struct kbuffer *kb;
	struct tracedat_pages *pages;
	uint64_t *next;		/* per stream: the next page to add */
};

static bool growing_new(struct growing *g, const struct trace *t)
{
	memset(g, 0, sizeof(*g));
	g->s = store_new(&t->s->layout);
	g->next = calloc((size_t)t->s->nr_streams, sizeof(*g->next));
	if (!g->s || !g->next || store_add_buffer(g->s, "", t->s->buffers[0].page_size,
						  &t->s->buffers[0].adj) < 0)
		return false;
	for (int i = 0; i < t->s->nr_streams; i++)
		if (t->s->streams[i].buffer == 0 && store_add_stream(g->s, 0, t->s->streams[i].cpu) != i)
			return false;
	g->kb = store_kbuffer_new(g->s);
	g->pages = tracedat_pages_new(t->td);
	return g->kb && g->pages;
}

static void growing_free(struct growing *g)
{
	store_kbuffer_free(g->kb);
	tracedat_pages_free(g->pages);
	store_free(g->s);
	free(g->next);
}

/* Add the page that starts earliest; false when all are in. */
static bool growing_step(struct growing *g, const struct trace *t)
{
	int best = -1;
	uint64_t best_ts = UINT64_MAX;

	for (int i = 0; i < g->s->nr_streams; i++) {
		const struct store_stream *full = &t->s->streams[i];
		const struct store_event *e;

		if (g->next[i] >= full->nr_pages)
			continue;
		e = store_event_at(t->s, i, full->pages[g->next[i]].first);
		if (e && e->ts < best_ts) {
			best = i;
			best_ts = e->ts;
		}
	}
	if (best < 0)
		return false;
	store_add_page(g->s, best, g->kb, t->s->streams[best].pages[g->next[best]].page,
		       tracedat_page(g->pages, 0, g->s->streams[best].cpu, t->s->streams[best].pages[g->next[best]].page));
	g->next[best]++;
	return true;
}

/* The same runs, but where an untraced switch was placed (the wakeups
 * known then may differ): same pids, same ends, same switches. */
static void same_runs(const struct sched *a, const struct sched *b)
{
	CHECK_EQ_INT(a->nr_cpus, b->nr_cpus);
	for (int cpu = 0; cpu < a->nr_cpus && cpu < b->nr_cpus; cpu++) {
		const struct run_cpu *x = sched_cpu(a, cpu), *y = sched_cpu(b, cpu);

		CHECK_EQ_INT(x->nr + x->base, y->nr + y->base);
		for (size_t i = 0; i < x->nr && i < y->nr; i++) {
			CHECK_EQ_INT(x->runs[i].pid, y->runs[i].pid);
			CHECK_EQ_INT(x->runs[i].end, y->runs[i].end);
			CHECK_EQ_INT(x->runs[i].flags, y->runs[i].flags);
			if (x->runs[i].flags & RUN_FROM_SWITCH)
				CHECK_EQ_INT(x->runs[i].start, y->runs[i].start);
		}
		CHECK_EQ_INT(x->end, y->end);
	}
}

static void grown_page_by_page(const char *path)
{
	struct trace t;
	struct growing g;
	struct sched *whole = NULL, *grown = NULL;
	int updates = 0;

	if (!trace_open(&t, path) || !growing_new(&g, &t)) {
		CHECK(false);
		goto out;
	}
	whole = sched_build(t.s, &t.src, t.td->tep, t.td->cpus);
	grown = sched_new(t.td->tep, t.td->cpus);
	CHECK(whole && grown);
	while (whole && grown && growing_step(&g, &t)) {
		CHECK_EQ_INT(sched_update(grown, g.s, &t.src), 0);
		updates++;
	}
	CHECK(updates > 2);
	if (whole && grown)
		same_runs(whole, grown);
out:
	sched_free(whole);
	sched_free(grown);
	growing_free(&g);
	trace_close(&t);
}

static void grown_sched(void)
{
	grown_page_by_page(FIXTURE("sched_v6.dat"));
}

static void grown_lost_events(void)
{
	grown_page_by_page(FIXTURE("lost_events_v6.dat"));
}

static bool has_unknown(const struct run_cpu *c)
{
	for (size_t i = 0; i < c->nr; i++)
		if (c->runs[i].pid == RUN_UNKNOWN)
			return true;
	return false;
}

/* Eviction: what was fed and evicted stays known (the runs survive it);
 * what was evicted before it was fed is a gap. */
static void eviction(void)
{
	struct trace t;
	struct growing g;
	struct sched *sc = NULL;
	const struct run_cpu *c;

	if (!trace_open(&t, FIXTURE("sched_v6.dat")) || !growing_new(&g, &t)) {
		CHECK(false);
		goto out;
	}
	sc = sched_new(t.td->tep, t.td->cpus);
	CHECK(sc != NULL);
	if (!sc)
		goto out;
	for (int i = 0; i < 4 && growing_step(&g, &t); i++)
		;
	sched_update(sc, g.s, &t.src);
	c = sched_cpu(sc, 0);
	CHECK(c->nr > 0 && !has_unknown(c));
	{
		uint64_t from = c->runs[0].start, to = run_end(c, c->nr - 1), busy = runs_busy(c, from, to);

		for (int s = 0; s < g.s->nr_streams; s++)	/* fed, then evicted */
			store_evict_pages(g.s, s, g.s->streams[s].nr_pages);
		sched_update(sc, g.s, &t.src);
		CHECK_EQ_INT(runs_busy(c, from, to), busy);
		CHECK(!has_unknown(c));
	}
	while (g.s->streams[0].nr_pages < 3 && growing_step(&g, &t))	/* not fed, then evicted */
		;
	store_evict_pages(g.s, 0, 2);
	growing_step(&g, &t);
	CHECK_EQ_INT(sched_update(sc, g.s, &t.src), 0);
	CHECK(has_unknown(c));
	CHECK(!has_unknown(sched_cpu(sc, 1)));
out:
	sched_free(sc);
	growing_free(&g);
	trace_close(&t);
}

CHECK_MAIN(CASE(every_cpu_of_the_count), CASE(exited_task_stops_running), CASE(grown_sched),
	   CASE(grown_lost_events), CASE(eviction))
