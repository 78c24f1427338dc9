/* The timeline's rows: interrupt spans and marks (model/cpumarks.h) fed by
 * hand and from a fixture checked against trace-cmd report's text; the row
 * layout (lines per CPU, the split, scrolling, a CPU list); what the status
 * line says of the task under the cursor. */
#include "check.h"
#include "trace.h"
#include "model/cpumarks.h"
#include "model/sched.h"
#include "render/timeline.h"

#include <stdint.h>
#include <stdlib.h>

static void irq_spans_by_hand(void)
{
	struct cpumarks *m = cpumarks_new(NULL, 1);
	const struct cpu_activity *a;

	CHECK(m != NULL);
	if (!m)
		return;
	CHECK(!cpumarks_have_irqs(m));
	m->entry_id[IRQ_HARD] = 10, m->exit_id[IRQ_HARD] = 11;
	m->entry_id[IRQ_SOFT] = 20, m->exit_id[IRQ_SOFT] = 21;
	CHECK(cpumarks_have_irqs(m));
	cpumarks_feed(m, 0, 50, 11);	/* an exit without its entry: dropped */
	cpumarks_feed(m, 0, 100, 10);
	cpumarks_feed(m, 0, 110, 11);	/* hard 100..110 */
	cpumarks_feed(m, 0, 200, 20);
	cpumarks_feed(m, 0, 210, 10);	/* a hard irq inside the softirq */
	cpumarks_feed(m, 0, 215, 11);
	cpumarks_feed(m, 0, 300, 21);	/* soft 200..300 */
	cpumarks_feed(m, 2, 400, 10);	/* a CPU beyond the model grows it */
	cpumarks_lost(m, 2);
	cpumarks_feed(m, 2, 450, 11);	/* its entry was before lost events: dropped */
	a = cpumarks_cpu(m, 0);
	CHECK_EQ_INT(a->nr_irq[IRQ_HARD], 2);
	CHECK_EQ_INT(a->nr_irq[IRQ_SOFT], 1);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_HARD, 0, 1000), 15);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_HARD, 105, 212), 7);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_HARD, 110, 210), 0);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_SOFT, 250, 260), 10);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_SOFT, 290, 400), 10);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_SOFT, 300, 200), 0);
	CHECK(m->nr_cpus == 3 && cpumarks_cpu(m, 2)->nr_irq[IRQ_HARD] == 0);
	CHECK(cpumarks_cpu(m, 3) == NULL);
	CHECK_EQ_INT(cpumarks_irq_time(NULL, IRQ_HARD, 0, 1000), 0);
	cpumarks_mark(m, 0, MARK_WAKEUP, 120, 7, -1);
	cpumarks_mark(m, 0, MARK_WAKEUP, 180, 8, -1);
	cpumarks_mark(m, 0, MARK_MIGRATE, 190, 7, 1);
	CHECK(cpumarks_first(a, MARK_WAKEUP, 0, 120) == NULL);
	CHECK(cpumarks_first(a, MARK_WAKEUP, 120, 121) && cpumarks_first(a, MARK_WAKEUP, 120, 121)->pid == 7);
	CHECK(cpumarks_first(a, MARK_WAKEUP, 121, 500) && cpumarks_first(a, MARK_WAKEUP, 121, 500)->pid == 8);
	CHECK(cpumarks_first(a, MARK_MIGRATE, 0, 500) && cpumarks_first(a, MARK_MIGRATE, 0, 500)->from_cpu == 1);
	/* forgetting keeps what ends later, and the sums stay right */
	cpumarks_forget_before(m, 150);
	CHECK_EQ_INT(a->nr_irq[IRQ_HARD], 1);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_HARD, 0, 1000), 5);
	CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_SOFT, 0, 1000), 100);
	CHECK_EQ_INT(a->nr_marks[MARK_WAKEUP], 1);
	CHECK(cpumarks_memory(m) > sizeof(*m));
	cpumarks_free(m);
}

struct expect {
	uint64_t irq[2][IRQ_KINDS];	/* per CPU: summed span time */
	uint64_t open[2][IRQ_KINDS];
	size_t wakeups[2];
};

/* Spans and wakeups of a 2-CPU trace from `trace-cmd report -t` text. */
static bool expect_from_report(const char *path, struct expect *x)
{
	char cmd[512], line[1024];
	FILE *p;

	memset(x, 0, sizeof(*x));
	snprintf(cmd, sizeof(cmd), "trace-cmd report -t %s 2>/dev/null", path);
	if (!(p = popen(cmd, "r")))
		return false;
	while (fgets(line, sizeof(line), p)) {
		char *br = strstr(line, "] "), *ev, *tgt;
		unsigned long long sec, nsec;
		int cpu, k = -1;
		bool entry;

		if (!br || br - line < 4 || sscanf(br - 4, "[%d] %llu.%llu:", &cpu, &sec, &nsec) != 3 || cpu < 0 ||
		    cpu > 1 || !(ev = strchr(br + 2, ':')) || !(ev = strchr(ev + 1, ':')))
			continue;
		ev = strstr(br, ": ") + 2;
		entry = !strncmp(ev, "irq_handler_entry:", 18) || !strncmp(ev, "softirq_entry:", 14);
		if (!strncmp(ev, "irq_handler_", 12))
			k = IRQ_HARD;
		else if (!strncmp(ev, "softirq_entry:", 14) || !strncmp(ev, "softirq_exit:", 13))
			k = IRQ_SOFT;
		if (k >= 0 && entry)
			x->open[cpu][k] = sec * 1000000000ULL + nsec + 1;
		else if (k >= 0 && x->open[cpu][k]) {
			x->irq[cpu][k] += sec * 1000000000ULL + nsec - (x->open[cpu][k] - 1);
			x->open[cpu][k] = 0;
		}
		if (!strncmp(ev, "sched_wakeup:", 13) && (tgt = strstr(ev, "target_cpu=")) && atoi(tgt + 11) >= 0 &&
		    atoi(tgt + 11) <= 1)
			x->wakeups[atoi(tgt + 11)]++;
	}
	return pclose(p) == 0;
}

static void irq_spans_match_report(void)
{
	const char *path = "tests/fixtures/irq_timer_syscalls_v7.dat";
	struct expect x;
	struct trace t;
	struct sched *sc;

	if (system("command -v trace-cmd >/dev/null") != 0)
		SKIP("trace-cmd is not installed");
	CHECK(expect_from_report(path, &x));
	CHECK(trace_open(&t, path));
	sc = t.s ? sched_build(t.s, &t.src, t.td->tep, 0) : NULL;
	CHECK(sc != NULL);
	for (int cpu = 0; sc && cpu < 2; cpu++) {
		const struct cpu_activity *a = cpumarks_cpu(sc->marks, cpu);

		CHECK(a != NULL);
		CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_HARD, 0, UINT64_MAX), x.irq[cpu][IRQ_HARD]);
		CHECK_EQ_INT(cpumarks_irq_time(a, IRQ_SOFT, 0, UINT64_MAX), x.irq[cpu][IRQ_SOFT]);
		CHECK_EQ_INT(a->nr_marks[MARK_WAKEUP], x.wakeups[cpu]);
	}
	CHECK(x.irq[0][IRQ_SOFT] + x.irq[1][IRQ_SOFT] > 0);
	sched_free(sc);
	trace_close(&t);
}

static void row_layout(void)
{
	/* a few CPUs get three lines each, many one, and never fewer than one */
	CHECK_EQ_INT(timeline_row_lines(2, 8), 3);
	CHECK_EQ_INT(timeline_row_lines(2, 7), 2);
	CHECK_EQ_INT(timeline_row_lines(8, 10), 1);
	CHECK_EQ_INT(timeline_row_lines(128, 40), 1);
	CHECK_EQ_INT(timeline_rows_fit(40, 1), 38);
	CHECK_EQ_INT(timeline_rows_fit(11, 3), 3);
	CHECK_EQ_INT(timeline_rows_fit(1, 3), 0);
	/* the split adapts: 2 CPUs of a 24-line terminal take 8 lines, 8 CPUs
	 * half the body, 128 CPUs two thirds of 60 lines; the list keeps 4 */
	CHECK_EQ_INT(timeline_height_for(2, 21, 0), 8);
	CHECK_EQ_INT(timeline_height_for(8, 21, 0), 10);
	CHECK_EQ_INT(timeline_height_for(8, 57, 0), 26);
	CHECK_EQ_INT(timeline_height_for(128, 57, 0), 38);
	CHECK_EQ_INT(timeline_height_for(128, 57, 3), 42);
	CHECK_EQ_INT(timeline_height_for(128, 57, 1), 14);
	CHECK_EQ_INT(timeline_height_for(128, 6, 3), 3);
	CHECK_EQ_INT(timeline_height_for(0, 3, 0), 3);
}

/* Row i is the i-th CPU of the list; rows scroll from first_row. */
static void rows_scroll_and_narrow(void)
{
	struct trace t;
	struct sched *sc;
	struct grid *g = grid_new(80, 12, true);
	struct timeline_view v = { 0 };
	int cpus[] = { 3, 77, 200 };
	char *text;

	CHECK(trace_open(&t, "tests/fixtures/manycpu_256_v7.dat"));
	sc = t.s ? sched_build(t.s, &t.src, t.td->tep, t.td->cpus) : NULL;
	if (!sc || !g) {
		CHECK(0);
		goto out;
	}
	v.t0 = t.s->streams[0].nr_ev ? t.s->streams[0].ev[0].ts : 0;
	v.t1 = v.t0 + 1000000000;
	v.first_row = 26;
	v.selected = 27;
	CHECK_EQ_INT(timeline_nr_shown(&v, t.s, sc), 256);
	CHECK_EQ_INT(render_timeline(g, 0, 0, 80, 12, t.s, sc, t.td->tep, &v), 12);
	text = grid_to_text(g);
	CHECK(text && strstr(text, "\nCPU26 ") && strstr(text, "\nCPU35 ") && !strstr(text, "CPU36"));
	CHECK(text && !strstr(text, "CPU25"));
	free(text);
	v.rows = cpus;
	v.nr_rows = 3;
	v.first_row = 0;
	grid_clear(g);
	CHECK_EQ_INT(timeline_nr_shown(&v, t.s, sc), 3);
	CHECK_EQ_INT(timeline_row_cpu(&v, 2), 200);
	/* three CPUs in 12 lines: three lines each (bar, irq strip, marks) */
	CHECK_EQ_INT(render_timeline(g, 0, 0, 80, 12, t.s, sc, t.td->tep, &v), 11);
	text = grid_to_text(g);
	CHECK(text && strstr(text, "\nCPU3 ") && strstr(text, "\nCPU77 ") && strstr(text, "\nCPU200 "));
	CHECK(text && strstr(text, "\n  irq") && strstr(text, "\n  mark"));
	free(text);
out:
	grid_free(g);
	sched_free(sc);
	trace_close(&t);
}

static void describe_task_under_cursor(void)
{
	struct trace t;
	struct sched *sc;
	const struct run_cpu *c;
	char buf[256];

	CHECK(trace_open(&t, "tests/fixtures/sched_v7_zstd.dat"));
	sc = t.s ? sched_build(t.s, &t.src, t.td->tep, 0) : NULL;
	c = sc ? sched_cpu(sc, 0) : NULL;
	CHECK(c && c->nr > 2);
	if (c && c->nr > 2) {
		size_t i;

		for (i = 0; i < c->nr && c->runs[i].pid <= 0; i++)
			;
		CHECK(i < c->nr);
		if (i < c->nr) {
			timeline_describe(buf, sizeof(buf), sc, t.td->tep, 0, c->runs[i].start);
			CHECK(strstr(buf, "CPU0 ") == buf && strstr(buf, " running since ") && strstr(buf, ", then "));
			fprintf(stderr, "  %s\n", buf);
		}
		timeline_describe(buf, sizeof(buf), sc, t.td->tep, 0, 0);
		CHECK_EQ_STR(buf, "");
		timeline_describe(buf, sizeof(buf), sc, t.td->tep, 9999, c->runs[0].start);
		CHECK_EQ_STR(buf, "");
	}
	sched_free(sc);
	trace_close(&t);
}

CHECK_MAIN(CASE(irq_spans_by_hand), CASE(irq_spans_match_report), CASE(row_layout), CASE(rows_scroll_and_narrow),
	   CASE(describe_task_under_cursor))
