/* Wakeup-to-switch latency over a store (model/latency.h): the summaries
 * agree with the samples, a time range keeps only its waits, the planted
 * long wait of the many-CPU fixture is found, the wait across its lost
 * events is not counted. */
#include "check.h"
#include "model/latency.h"
#include "trace.h"

static uint64_t len(const struct lat_sample *s)
{
	return s->run_ts - s->wake_ts;
}

static void buckets(void)
{
	CHECK_EQ_INT(latency_bucket(0), 0);
	CHECK_EQ_INT(latency_bucket(1), 0);
	CHECK_EQ_INT(latency_bucket(2), 1);
	CHECK_EQ_INT(latency_bucket(1023), 9);
	CHECK_EQ_INT(latency_bucket(1024), 10);
	CHECK_EQ_INT(latency_bucket(UINT64_MAX), 63);
}

/* Every task's numbers are those of its samples. */
static void summaries_match_samples(const struct latency *lat)
{
	uint64_t hist[LAT_BUCKETS], all = 0;

	for (int i = 0; i < lat->nr_tasks; i++) {
		const struct lat_task *t = &lat->tasks[i];
		uint64_t total = 0;

		if (i)
			CHECK(lat->tasks[i - 1].pid < t->pid);
		for (uint64_t k = 0; k < t->count; k++) {
			const struct lat_sample *s = &lat->samples[t->worst[k]];

			CHECK_EQ_INT(s->pid, t->pid);
			CHECK(s->run_ts >= s->wake_ts);
			if (k)
				CHECK(len(&lat->samples[t->worst[k - 1]]) >= len(s));
			total += len(s);
		}
		if (!t->count)
			continue;
		CHECK_EQ_INT(total, t->total);
		CHECK_EQ_INT(t->max, len(&lat->samples[t->worst[0]]));
		CHECK_EQ_INT(t->min, len(&lat->samples[t->worst[t->count - 1]]));
		CHECK(t->min <= t->p50 && t->p50 <= t->p99 && t->p99 <= t->max);
		all += t->count;
	}
	CHECK_EQ_INT(all, lat->nr_samples);
	latency_histogram(lat, NULL, hist);
	all = 0;
	for (int b = 0; b < LAT_BUCKETS; b++)
		all += hist[b];
	CHECK_EQ_INT(all, lat->nr_samples);
}

static void fixtures_are_consistent(void)
{
	static const char *const files[] = {
		FIXTURE("sched_v7_zstd.dat"), FIXTURE("sched_v6.dat"), FIXTURE("lost_events_v7.dat"),
		FIXTURE("manycpu_128_v7.dat"),
	};

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		struct trace t;
		struct latency *lat = trace_open(&t, files[f]) ?
					      latency_build(t.s, &t.src, t.td->tep, 0, UINT64_MAX) : NULL;

		CHECK(lat != NULL);
		if (lat) {
			CHECK(lat->nr_samples > 10);
			summaries_match_samples(lat);
		}
		latency_free(lat);
		trace_close(&t);
	}
}

/* A range holds the waits whose wakeup and switch both lie in it. */
static void range_keeps_its_waits(void)
{
	struct trace t;
	struct latency *all = NULL, *part = NULL;

	if (trace_open(&t, FIXTURE("sched_v7_zstd.dat")))
		all = latency_build(t.s, &t.src, t.td->tep, 0, UINT64_MAX);
	CHECK(all && all->nr_samples > 20);
	if (all && all->nr_samples > 20) {
		uint64_t from = all->samples[5].wake_ts, to = all->samples[all->nr_samples - 5].run_ts, inside = 0;

		part = latency_build(t.s, &t.src, t.td->tep, from, to);
		for (uint64_t i = 0; i < all->nr_samples; i++)
			inside += all->samples[i].wake_ts >= from && all->samples[i].run_ts < to;
		CHECK(part != NULL);
		if (part) {
			CHECK_EQ_INT(part->nr_samples, inside);
			summaries_match_samples(part);
		}
	}
	latency_free(all);
	latency_free(part);
	trace_close(&t);
}

static void planted_waits(void)
{
	struct trace t;
	struct latency *lat = trace_open(&t, FIXTURE("manycpu_256_v7.dat")) ?
				      latency_build(t.s, &t.src, t.td->tep, 0, UINT64_MAX) : NULL;
	const struct lat_task *pg = lat ? latency_task(lat, 9242) : NULL;

	CHECK(pg != NULL);
	if (pg) {
		const struct lat_sample *s = &lat->samples[pg->worst[0]];

		CHECK(pg->max > 49000000 && pg->max < 51000000);
		CHECK_EQ_INT(s->wake_cpu, 200);
		CHECK_EQ_INT(s->run_cpu, 200);
		CHECK_EQ_INT(s->waker, 31337);		/* stress-ng-cpu */
		CHECK_EQ_INT(s->meanwhile, 31337);
		CHECK(lat->used_waking);
		for (int i = 0; i < lat->nr_tasks; i++)	/* the longest of all */
			CHECK(lat->tasks[i].pid == 9242 || lat->tasks[i].max < pg->max);
	}
	/* the task woken on CPU 7 just before its events were lost */
	CHECK(lat && lat->dropped_waits >= 1);
	latency_free(lat);
	trace_close(&t);
}

CHECK_MAIN(CASE(buckets), CASE(fixtures_are_consistent), CASE(range_keeps_its_waits), CASE(planted_waits))
