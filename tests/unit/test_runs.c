/* The run model (model/runs.h) fed by hand: switches, records without a
 * switch, exits, migration, lost events, CPUs without events, the block
 * sums and forgetting. */
#include "check.h"
#include "model/runs.h"

static const struct run *run_of(const struct runs *r, int cpu, size_t i)
{
	const struct run_cpu *c = runs_cpu(r, cpu);

	return c && i < c->nr ? &c->runs[i] : NULL;
}

#define CHECK_RUN(r, cpu, i, start_, end_, pid_, how) do { \
	const struct run *_run = run_of(r, cpu, i); \
	CHECK(_run != NULL); \
	if (_run) { \
		CHECK_EQ_INT(_run->start, start_); \
		CHECK_EQ_INT(run_end(runs_cpu(r, cpu), i), end_); \
		CHECK_EQ_INT(_run->pid, pid_); \
		CHECK_EQ_INT(_run->end, how); \
	} \
} while (0)

static void run_is_16_bytes(void)
{
	CHECK_EQ_INT(sizeof(struct run), 16);
	CHECK_EQ_INT(sizeof(struct run_sums), 16);
}

/* This machine's CPU1: a task switches to idle, idle is never switched out,
 * the next task's records just appear.  The new run starts at its wakeup. */
static void no_idle_to_task_switch(void)
{
	struct runs *r = runs_new(2, NULL);

	runs_evidence(r, 1, 50, 100, 0);			/* A runs when the trace starts */
	runs_switch(r, 1, 100, 100, 'S', 0, 0);		/* A -> idle */
	runs_evidence(r, 1, 180, 0, 0);			/* an idle record (irq) */
	runs_evidence(r, 1, 300, 200, 250);		/* B's record; B was woken at 250 */
	runs_evidence(r, 1, 320, 200, 250);
	runs_set_end(r, 400);
	CHECK_EQ_INT(runs_cpu(r, 1)->nr, 3);
	CHECK_RUN(r, 1, 0, 50, 100, 100, RUN_SWITCHED);
	CHECK_EQ_INT(run_of(r, 1, 0)->state, 'S');
	CHECK_RUN(r, 1, 1, 100, 250, RUN_IDLE, RUN_INFERRED);
	CHECK_RUN(r, 1, 2, 250, 400, 200, RUN_OPEN);
	CHECK(!(run_of(r, 1, 2)->flags & RUN_FROM_SWITCH));
	CHECK(run_of(r, 1, 1)->flags & RUN_FROM_SWITCH);
	/* without a wakeup to go by, idle lasts until the record that shows
	 * otherwise, a task is taken to have left after its last record */
	runs_switch(r, 1, 500, 200, 'R', 0, 0);
	runs_evidence(r, 1, 700, 300, 0);
	CHECK_RUN(r, 1, 3, 500, 700, RUN_IDLE, RUN_INFERRED);
	runs_evidence(r, 1, 800, 301, 0);
	CHECK_RUN(r, 1, 4, 700, 700, 300, RUN_INFERRED);
	CHECK_RUN(r, 1, 5, 700, 800, 301, RUN_OPEN);
	runs_free(r);
}

static void starts_mid_run(void)
{
	struct runs *r = runs_new(1, NULL);

	/* the first record is a switch: prev ran since then (a point), next from it */
	runs_switch(r, 0, 10, 7, 'R', 8, 0);
	runs_evidence(r, 0, 15, 8, 0);
	runs_switch(r, 0, 20, 8, 'D', 7, 0);
	runs_set_end(r, 30);
	CHECK_EQ_INT(runs_cpu(r, 0)->nr, 3);
	CHECK_RUN(r, 0, 0, 10, 10, 7, RUN_SWITCHED);
	CHECK_RUN(r, 0, 1, 10, 20, 8, RUN_SWITCHED);
	CHECK_EQ_INT(run_of(r, 0, 1)->state, 'D');
	CHECK_RUN(r, 0, 2, 20, 30, 7, RUN_OPEN);
	/* before the first evidence nothing is known */
	CHECK_EQ_INT(runs_at(runs_cpu(r, 0), 5), -1);
	CHECK_EQ_INT(runs_at(runs_cpu(r, 0), 10), 1);
	CHECK_EQ_INT(runs_busy(runs_cpu(r, 0), 0, 30), 20);
	runs_free(r);
}

static void exit_ends_run(void)
{
	struct runs *r = runs_new(1, NULL);
	char buf[32];

	runs_evidence(r, 0, 10, 5, 0);
	runs_exit(r, 0, 5);
	runs_switch(r, 0, 20, 5, 'X', 0, 0);		/* the dead task's last switch */
	runs_evidence(r, 0, 30, 6, 0);
	runs_exit(r, 0, 6);
	runs_evidence(r, 0, 40, 7, 0);			/* no switch logged after 6 died */
	runs_exit(r, 0, 99);				/* another task's exit: no effect */
	runs_switch(r, 0, 50, 7, 'S', 0, 0);
	CHECK_RUN(r, 0, 0, 10, 20, 5, RUN_EXITED);
	CHECK_EQ_INT(run_of(r, 0, 0)->state, 'X');
	/* 6's record came without a switch: idle ran until it */
	CHECK_RUN(r, 0, 1, 20, 30, RUN_IDLE, RUN_INFERRED);
	CHECK_RUN(r, 0, 2, 30, 30, 6, RUN_EXITED);
	CHECK_RUN(r, 0, 3, 30, 50, 7, RUN_SWITCHED);
	CHECK_EQ_STR(run_end_text(run_of(r, 0, 2), buf, sizeof(buf)), "X exited");
	CHECK_EQ_STR(run_end_text(run_of(r, 0, 3), buf, sizeof(buf)), "S sleeping");
	/* prev_state Z ends as exited too, even without sched_process_exit */
	runs_switch(r, 0, 60, 0, 'R', 8, 0);
	runs_switch(r, 0, 70, 8, 'Z', 0, 0);
	CHECK_EQ_INT(run_of(r, 0, 5)->end, RUN_EXITED);
	runs_free(r);
}

static void migration(void)
{
	struct runs *r = runs_new(2, NULL);

	runs_switch(r, 0, 100, 0, 'R', 42, 0);
	runs_switch(r, 0, 200, 42, 'R', 0, 0);		/* preempted on CPU0 */
	runs_switch(r, 1, 250, 0, 'R', 42, 0);		/* runs on CPU1 */
	runs_evidence(r, 1, 260, 42, 200);
	runs_switch(r, 1, 300, 42, 'S', 0, 0);
	runs_set_end(r, 400);
	CHECK_RUN(r, 0, 1, 100, 200, 42, RUN_SWITCHED);
	CHECK_EQ_INT(run_of(r, 0, 1)->state, 'R');
	CHECK_RUN(r, 0, 2, 200, 400, RUN_IDLE, RUN_OPEN);
	CHECK_RUN(r, 1, 1, 250, 300, 42, RUN_SWITCHED);
	CHECK_EQ_INT(runs_busy(runs_cpu(r, 0), 0, 400), 100);
	CHECK_EQ_INT(runs_busy(runs_cpu(r, 1), 0, 400), 50);
	runs_free(r);
}

/* After lost events the CPU's time is unknown until the next evidence. */
static void lost_events(void)
{
	struct runs *r = runs_new(1, NULL);
	const struct run_cpu *c;
	int32_t pid;
	uint64_t n;

	runs_switch(r, 0, 100, 0, 'R', 5, 0);
	runs_evidence(r, 0, 150, 5, 0);
	runs_lost(r, 0, 400);
	runs_lost(r, 0, 400);				/* said twice: one span */
	runs_evidence(r, 0, 400, 6, 0);
	runs_switch(r, 0, 500, 6, 'S', 0, 0);
	runs_set_end(r, 600);
	c = runs_cpu(r, 0);
	CHECK_EQ_INT(c->nr, 5);
	CHECK_RUN(r, 0, 1, 100, 150, 5, RUN_LOST);
	CHECK_RUN(r, 0, 2, 150, 400, RUN_UNKNOWN, RUN_INFERRED);
	CHECK_RUN(r, 0, 3, 400, 500, 6, RUN_SWITCHED);
	CHECK_EQ_INT(runs_unknown(c, 0, 600), 250);
	CHECK_EQ_INT(runs_unknown(c, 200, 300), 100);
	CHECK_EQ_INT(runs_busy(c, 0, 600), 150);
	CHECK(runs_top(c, 160, 390, &pid, &n));
	CHECK_EQ_INT(pid, RUN_UNKNOWN);
	/* a switch right after the loss: prev is known to run at it */
	runs_lost(r, 0, 700);
	runs_switch(r, 0, 700, 9, 'S', 0, 0);
	CHECK_EQ_INT(run_of(r, 0, 5)->pid, RUN_UNKNOWN);
	CHECK_RUN(r, 0, 6, 700, 700, 9, RUN_SWITCHED);
	runs_free(r);
}

static void cpus_without_events(void)
{
	struct runs *r = runs_new(256, NULL);
	int32_t pid = 1;
	uint64_t n = 1;

	runs_switch(r, 0, 100, 0, 'R', 5, 0);
	runs_switch(r, 255, 100, 0, 'R', 6, 0);
	runs_set_end(r, 1000);
	CHECK_EQ_INT(r->nr_cpus, 256);
	for (int cpu = 0; cpu < 256; cpu++) {
		CHECK(runs_cpu(r, cpu) != NULL);
		CHECK_EQ_INT(runs_cpu(r, cpu)->cpu, cpu);
	}
	CHECK(runs_cpu(r, 256) == NULL);
	CHECK(runs_cpu(r, -1) == NULL);
	CHECK_EQ_INT(runs_cpu(r, 249)->nr, 0);
	CHECK_EQ_INT(runs_at(runs_cpu(r, 249), 500), -1);
	CHECK_EQ_INT(runs_busy(runs_cpu(r, 249), 0, 1000), 0);
	CHECK(!runs_top(runs_cpu(r, 249), 0, 1000, &pid, &n));
	CHECK_EQ_INT(run_end(runs_cpu(r, 255), 1), 1000);
	/* feeding a CPU outside the model is ignored; runs_grow adds CPUs */
	runs_evidence(r, 300, 10, 1, 0);
	CHECK_EQ_INT(runs_grow(r, 301), 0);
	runs_evidence(r, 300, 10, 1, 0);
	CHECK_EQ_INT(runs_cpu(r, 300)->nr, 1);
	runs_free(r);
}

/* busy time over blocks of sums equals the sum over runs. */
static uint64_t busy_by_hand(const struct run_cpu *c, uint64_t from, uint64_t to)
{
	uint64_t busy = 0;

	for (size_t i = 0; i < c->nr; i++) {
		uint64_t s = c->runs[i].start > from ? c->runs[i].start : from;
		uint64_t e = run_end(c, i) < to ? run_end(c, i) : to;

		if (e > s && c->runs[i].pid > 0)
			busy += e - s;
	}
	return busy;
}

static void busy_sums_and_forget(void)
{
	struct runs *r = runs_new(1, NULL);
	const struct run_cpu *c;
	uint64_t t = 1000, seed = 12345;

	for (int i = 0; i < 1000; i++) {
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		t += 1 + (seed >> 33) % 5000;
		runs_switch(r, 0, t, i % 3 ? 7 : 0, 'R', (i + 1) % 3 ? 7 : 0, 0);
		if (i % 3 == 1)
			runs_evidence(r, 0, t + 1, 7, 0);
	}
	runs_set_end(r, t + 100);
	c = runs_cpu(r, 0);
	for (uint64_t from = 0; from < t; from += t / 37)
		for (uint64_t to = from; to < t + 200; to += t / 11)
			CHECK_EQ_INT(runs_busy(c, from, to), busy_by_hand(c, from, to));
	{
		uint64_t half = c->runs[c->nr / 2].start, before = runs_busy(c, half, t + 100);
		size_t nr = c->nr;

		runs_forget_before(r, half);
		CHECK(c->base > 0);
		CHECK_EQ_INT(c->base % RUN_BLOCK, 0);
		CHECK_EQ_INT(c->nr + c->base, nr);
		CHECK(c->runs[0].start <= half);
		CHECK_EQ_INT(runs_busy(c, half, t + 100), before);
		CHECK_EQ_INT(runs_busy(c, half, t), busy_by_hand(c, half, t));
	}
	runs_free(r);
}

struct seen {
	int opened, closed;
	uint64_t closed_time;
};

static void on_open(void *ctx, int cpu, const struct run *run)
{
	((struct seen *)ctx)->opened++;
}

static void on_close(void *ctx, int cpu, const struct run *run, uint64_t end)
{
	struct seen *s = ctx;

	s->closed++;
	if (run->pid > 0)
		s->closed_time += end - run->start;
}

static void observer_sees_every_run(void)
{
	struct seen s = { 0 };
	struct runs_observer obs = { on_open, on_close, &s };
	struct runs *r = runs_new(2, &obs);

	runs_switch(r, 0, 10, 0, 'R', 1, 0);
	runs_switch(r, 0, 30, 1, 'S', 2, 0);
	runs_evidence(r, 1, 35, 3, 0);
	runs_switch(r, 0, 40, 2, 'S', 0, 0);
	CHECK_EQ_INT(s.opened, 5);
	CHECK_EQ_INT(s.closed, 3);
	CHECK_EQ_INT(s.closed_time, 30);
	CHECK(runs_memory(r) >= 5 * sizeof(struct run));
	runs_free(r);
}

CHECK_MAIN(CASE(run_is_16_bytes), CASE(no_idle_to_task_switch), CASE(starts_mid_run), CASE(exit_ends_run),
	   CASE(migration), CASE(lost_events), CASE(cpus_without_events), CASE(busy_sums_and_forget),
	   CASE(observer_sees_every_run))
