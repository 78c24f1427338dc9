/* The wakeup state machine (model/wakeup.h) fed by hand: waking then
 * wakeup, wakeup_new, a preempted task, a switch with no wakeup before it,
 * lost data between wakeup and switch, eviction, exit. */
#include "check.h"
#include "model/wakeup.h"

static struct sched_event ev_switch(int32_t prev, char state, int32_t next)
{
	return (struct sched_event){ .kind = SCHED_SWITCH, .pid = prev, .prev_state = state, .next_pid = next };
}

static struct sched_event ev_wake(enum sched_kind kind, int32_t pid)
{
	return (struct sched_event){ .kind = kind, .pid = pid, .cpu = -1 };
}

/* Feed an event; the wait it ended (run_ts 0 if none). */
static struct wakeup_wait feed(struct wakeup *w, int cpu, uint64_t ts, int32_t waker, struct sched_event ev)
{
	struct wakeup_wait done = { 0 };

	if (!wakeup_event(w, cpu, ts, waker, &ev, &done))
		done.run_ts = 0;
	return done;
}

static void waking_then_wakeup(void)
{
	struct wakeup *waking = wakeup_new(true), *wakeup = wakeup_new(false);
	struct wakeup_wait d;

	for (int i = 0; i < 2; i++) {
		struct wakeup *w = i ? wakeup : waking;

		feed(w, 0, 10, 7, ev_switch(7, 'S', 0));		/* 7 sleeps */
		feed(w, 1, 100, 9, ev_wake(SCHED_WAKING, 7));
		feed(w, 1, 105, 9, ev_wake(SCHED_WAKEUP, 7));
		CHECK_EQ_INT(wakeup_open_waits(w), 1);
		d = feed(w, 0, 150, 0, ev_switch(0, 'R', 7));
		CHECK_EQ_INT(d.run_ts, 150);
		CHECK_EQ_INT(d.wake_ts, i ? 105 : 100);		/* the machine's wakeup event */
		CHECK_EQ_INT(d.pid, 7);
		CHECK_EQ_INT(d.waker, 9);
		CHECK_EQ_INT(d.wake_cpu, 1);
		CHECK_EQ_INT(d.run_cpu, 0);
		CHECK_EQ_INT(d.slept, 'S');
		CHECK_EQ_INT(wakeup_open_waits(w), 0);
	}
	CHECK(wakeup_uses_waking(waking) && !wakeup_uses_waking(wakeup));
	wakeup_free(waking);
	wakeup_free(wakeup);
}

static void wakeup_new_of_unseen_task(void)
{
	struct wakeup *w = wakeup_new(true);
	struct wakeup_wait d;

	feed(w, 0, 10, 5, ev_wake(SCHED_WAKEUP_NEW, 6));	/* counts with either machine */
	d = feed(w, 1, 30, 0, ev_switch(0, 'R', 6));
	CHECK_EQ_INT(d.run_ts - d.wake_ts, 20);
	CHECK_EQ_INT(d.slept, '?');				/* never seen before */
	CHECK(wakeup_find(w, 6) != NULL);
	CHECK_EQ_INT(wakeup_find(w, 6)->state, WAKEUP_RUNNING);
	wakeup_free(w);
}

/* A task switched out in R is runnable: waking it is no wait. */
static void preempted_is_no_wait(void)
{
	struct wakeup *w = wakeup_new(true);
	struct wakeup_wait d;

	feed(w, 0, 10, 0, ev_switch(0, 'R', 4));
	feed(w, 0, 50, 4, ev_switch(4, 'R', 8));		/* 4 preempted */
	feed(w, 1, 60, 8, ev_wake(SCHED_WAKING, 4));
	CHECK_EQ_INT(wakeup_find(w, 4)->state, WAKEUP_PREEMPTED);
	d = feed(w, 0, 70, 8, ev_switch(8, 'S', 4));
	CHECK_EQ_INT(d.run_ts, 0);
	/* a running task woken: no wait either */
	feed(w, 1, 80, 9, ev_wake(SCHED_WAKING, 4));
	CHECK_EQ_INT(wakeup_open_waits(w), 0);
	wakeup_free(w);
}

static void switch_without_wakeup(void)
{
	struct wakeup *w = wakeup_new(false);
	struct wakeup_wait d;

	d = feed(w, 0, 10, 0, ev_switch(0, 'R', 3));		/* first sight: running */
	CHECK_EQ_INT(d.run_ts, 0);
	feed(w, 0, 20, 3, ev_switch(3, 'D', 0));
	d = feed(w, 1, 30, 0, ev_switch(0, 'R', 3));		/* its wakeup was not traced */
	CHECK_EQ_INT(d.run_ts, 0);
	CHECK_EQ_INT(wakeup_find(w, 3)->slept, 'D');
	/* pid 0 is no task */
	feed(w, 0, 40, 3, ev_wake(SCHED_WAKEUP, 0));
	CHECK(wakeup_find(w, 0) == NULL);
	wakeup_free(w);
}

/* A wait open when data was lost is dropped: the switch that ended it may
 * be among the lost events. */
static void lost_data_drops_waits(void)
{
	struct wakeup *w = wakeup_new(false);
	struct wakeup_wait d;

	feed(w, 0, 10, 2, ev_switch(2, 'S', 0));
	feed(w, 0, 11, 3, ev_switch(3, 'S', 0));
	feed(w, 1, 100, 0, ev_wake(SCHED_WAKEUP, 2));
	wakeup_lost(w, 1, 120);					/* another CPU's gap counts too */
	feed(w, 1, 130, 0, ev_wake(SCHED_WAKEUP, 3));		/* after the gap: counts */
	d = feed(w, 0, 150, 0, ev_switch(0, 'R', 2));
	CHECK_EQ_INT(d.run_ts, 0);
	CHECK_EQ_INT(wakeup_dropped(w), 1);
	d = feed(w, 1, 160, 0, ev_switch(0, 'R', 3));
	CHECK_EQ_INT(d.run_ts - d.wake_ts, 30);
	/* a dropped task sleeps again: its next wakeup is a wait */
	feed(w, 0, 200, 2, ev_switch(2, 'S', 0));
	feed(w, 1, 210, 0, ev_wake(SCHED_WAKEUP, 2));
	d = feed(w, 0, 260, 0, ev_switch(0, 'R', 2));
	CHECK_EQ_INT(d.run_ts - d.wake_ts, 50);
	wakeup_free(w);
}

static void eviction_forgets_old_waits(void)
{
	struct wakeup *w = wakeup_new(false);

	feed(w, 0, 10, 2, ev_switch(2, 'S', 0));
	feed(w, 0, 11, 3, ev_switch(3, 'S', 0));
	feed(w, 1, 100, 0, ev_wake(SCHED_WAKEUP, 2));
	feed(w, 1, 300, 0, ev_wake(SCHED_WAKEUP, 3));
	wakeup_forget_before(w, 200);
	CHECK_EQ_INT(wakeup_dropped(w), 1);
	CHECK_EQ_INT(wakeup_open_waits(w), 1);
	CHECK_EQ_INT(wakeup_find(w, 3)->state, WAKEUP_WAITING);
	CHECK_EQ_INT(wakeup_find(w, 2)->state, WAKEUP_SLEEPING);
	wakeup_free(w);
}

/* An exited task sleeps for good; a new task on its pid starts afresh. */
static void exit_then_reused_pid(void)
{
	struct wakeup *w = wakeup_new(true);
	struct wakeup_wait d;

	feed(w, 0, 10, 0, ev_switch(0, 'R', 5));
	feed(w, 0, 20, 5, ev_switch(5, 'X', 0));
	CHECK_EQ_INT(wakeup_find(w, 5)->state, WAKEUP_SLEEPING);
	feed(w, 1, 30, 1, ev_wake(SCHED_WAKEUP_NEW, 5));
	d = feed(w, 1, 45, 1, ev_switch(1, 'S', 5));
	CHECK_EQ_INT(d.run_ts - d.wake_ts, 15);
	CHECK_EQ_INT(wakeup_nr_tasks(w), 2);			/* 5 and 1 */
	wakeup_free(w);
}

CHECK_MAIN(CASE(waking_then_wakeup), CASE(wakeup_new_of_unseen_task), CASE(preempted_is_no_wait),
	   CASE(switch_without_wakeup), CASE(lost_data_drops_waits), CASE(eviction_forgets_old_waits),
	   CASE(exit_then_reused_pid))
