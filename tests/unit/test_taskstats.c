/* The live task table (model/taskstats.h) fed record by record, as live
 * capture feeds it, against the file's views of the same records: the
 * latency pane's model (model/latency.h) and the run model (model/sched.h)
 * must give the same latencies and runtimes. */
#include "check.h"
#include "model/latency.h"
#include "model/sched.h"
#include "model/taskstats.h"
#include "trace.h"

#include <event-parse.h>

/* The top-level buffer's last event (a live capture has that one only). */
static uint64_t last_ts(const struct store *s)
{
	uint64_t last = 0;

	for (int i = 0; i < s->nr_streams; i++)
		if (s->streams[i].buffer == 0 && s->streams[i].nr_ev &&
		    s->streams[i].ev[s->streams[i].nr_ev - 1].ts > last)
			last = s->streams[i].ev[s->streams[i].nr_ev - 1].ts;
	return last;
}

/* The live path: every top-level record, merged in time order, one by one;
 * one interval over the whole trace. */
static struct task_interval *live_path(struct trace *t, struct taskstats **tsp)
{
	struct taskstats *ts = taskstats_new(t->td->tep, t->td->cpus);
	struct store_iter it;
	struct tep_record rec;
	int stream;
	uint64_t index;

	*tsp = ts;
	if (!ts || store_iter_init(&it, t->s, 0, UINT64_MAX))
		return NULL;
	while (store_iter_next(&it, &stream, &index)) {
		if (t->s->streams[stream].buffer != 0 || !store_record(t->s, &t->src, stream, index, &rec))
			continue;
		taskstats_event(ts, t->s->streams[stream].cpu, rec.ts, &rec, store_event_at(t->s, stream, index)->type);
	}
	store_iter_done(&it);
	return taskstats_cut(ts, last_ts(t->s));
}

static const struct task_row *row_of(const struct task_interval *iv, int32_t tid)
{
	for (int i = 0; i < iv->nr_rows; i++)
		if (iv->rows[i].tid == tid)
			return &iv->rows[i];
	return NULL;
}

/* Returns the waits compared. */
static uint64_t same_latencies(const struct latency *lat, const struct task_interval *iv)
{
	uint64_t waits = 0;

	for (int i = 0; i < lat->nr_tasks; i++) {
		const struct lat_task *lt = &lat->tasks[i];
		const struct task_row *r = row_of(iv, lt->pid);

		if (!lt->count)
			continue;
		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK_EQ_INT(r->lat_count, lt->count);
		CHECK_EQ_INT(r->lat_max, lt->max);
		CHECK_EQ_INT(r->lat_sum, lt->total);
		waits += lt->count;
	}
	for (int i = 0; i < iv->nr_rows; i++)
		if (iv->rows[i].lat_count)
			CHECK(latency_task(lat, iv->rows[i].tid) != NULL);
	return waits;
}

static uint64_t same_runtimes(const struct sched *sc, const struct task_interval *iv)
{
	uint64_t total = 0;

	for (int i = 0; i < sc->nr_tasks; i++) {
		const struct task *t = &sc->tasks[i];
		const struct task_row *r = row_of(iv, t->pid);
		uint64_t runtime = sched_task_runtime(sc, t);

		if (!runtime)
			continue;
		CHECK(r != NULL);
		if (r)
			CHECK_EQ_INT(r->runtime, runtime);
		total += runtime;
	}
	for (int cpu = 0; cpu < iv->nr_cpus; cpu++)
		CHECK_EQ_INT(iv->busy[cpu], runs_busy(sched_cpu(sc, cpu), 0, UINT64_MAX));
	return total;
}

static void file_and_live_agree(const char *path, bool want_waits)
{
	struct trace t;
	struct latency *lat = NULL;
	struct sched *sc = NULL;
	struct taskstats *ts = NULL;
	struct task_interval *iv = NULL;

	if (!trace_open(&t, path)) {
		CHECK(false);
		goto out;
	}
	lat = latency_build(t.s, &t.src, t.td->tep, 0, UINT64_MAX);
	sc = sched_build(t.s, &t.src, t.td->tep, t.td->cpus);
	iv = live_path(&t, &ts);
	CHECK(lat && sc && iv);
	if (!lat || !sc || !iv)
		goto out;
	CHECK_EQ_INT(taskstats_uses_waking(ts), lat->used_waking);
	if (want_waits)
		CHECK(same_latencies(lat, iv) > 10);
	else
		same_latencies(lat, iv);
	CHECK(same_runtimes(sc, iv) > 0);
out:
	taskstats_interval_free(iv);
	taskstats_free(ts);
	sched_free(sc);
	latency_free(lat);
	trace_close(&t);
}

static void agree_sched_v7(void)
{
	file_and_live_agree(FIXTURE("sched_v7_zstd.dat"), true);
}

static void agree_sched_v6(void)
{
	file_and_live_agree(FIXTURE("sched_v6.dat"), true);
}

static void agree_lost_events(void)
{
	file_and_live_agree(FIXTURE("lost_events_v7.dat"), true);
}

static void agree_two_buffers(void)
{
	file_and_live_agree(FIXTURE("two_buffers_v7.dat"), false);
}

static void agree_many_cpus(void)
{
	file_and_live_agree(FIXTURE("manycpu_256_v7.dat"), true);
}

/* Intervals add up to the whole: runtime over several cuts is the total. */
static void intervals_add_up(void)
{
	struct trace t;
	struct taskstats *ts;
	struct sched *sc;
	struct store_iter it;
	struct tep_record rec;
	uint64_t busy = 0, runtime = 0, want = 0, next_cut;
	int stream, cuts = 0;
	uint64_t index;

	if (!trace_open(&t, FIXTURE("sched_v7_zstd.dat"))) {
		CHECK(false);
		trace_close(&t);
		return;
	}
	ts = taskstats_new(t.td->tep, t.td->cpus);
	sc = sched_build(t.s, &t.src, t.td->tep, t.td->cpus);
	CHECK(ts && sc && !store_iter_init(&it, t.s, 0, UINT64_MAX));
	next_cut = 0;
	while (ts && sc && store_iter_next(&it, &stream, &index)) {
		const struct store_event *e = store_event_at(t.s, stream, index);

		if (!next_cut)
			next_cut = e->ts + 10000000;
		if (e->ts >= next_cut) {	/* a cut every 10 ms, as the live view makes them */
			struct task_interval *iv = taskstats_cut(ts, next_cut);

			for (int i = 0; iv && i < iv->nr_rows; i++)
				runtime += iv->rows[i].runtime_iv;
			for (int c = 0; iv && c < iv->nr_cpus; c++)
				busy += iv->busy[c];
			taskstats_interval_free(iv);
			next_cut += 10000000;
			cuts++;
		}
		if (store_record(t.s, &t.src, stream, index, &rec))
			taskstats_event(ts, t.s->streams[stream].cpu, rec.ts, &rec, e->type);
	}
	store_iter_done(&it);
	if (ts && sc) {
		struct task_interval *iv = taskstats_cut(ts, last_ts(t.s));

		for (int i = 0; iv && i < iv->nr_rows; i++)
			runtime += iv->rows[i].runtime_iv;
		for (int c = 0; iv && c < iv->nr_cpus; c++)
			busy += iv->busy[c];
		taskstats_interval_free(iv);
		for (int i = 0; i < sc->nr_tasks; i++)
			want += sched_task_runtime(sc, &sc->tasks[i]);
		CHECK(cuts > 5);
		CHECK(want > 0);
		/* (a run inferred back across a cut is counted from the cut on) */
		CHECK(runtime <= want && runtime * 100 >= want * 99);
		CHECK_EQ_INT(busy, runtime);
	}
	sched_free(sc);
	taskstats_free(ts);
	trace_close(&t);
}

CHECK_MAIN(CASE(agree_sched_v7), CASE(agree_sched_v6), CASE(agree_lost_events), CASE(agree_two_buffers),
	   CASE(agree_many_cpus), CASE(intervals_add_up))
