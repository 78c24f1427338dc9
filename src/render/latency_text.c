#include "render/latency_text.h"
#include "model/latency.h"

#include <event-parse.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct text {
	char *buf;
	size_t len, cap;
};

static void add(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (t->len + (size_t)n + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 4096;
		char *p;

		while (t->len + (size_t)n + 1 > cap)
			cap *= 2;
		p = realloc(t->buf, cap);
		if (!p)
			return;
		t->buf = p;
		t->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

static const char *const col_names[LAT_COLS] = { "PID", "COUNT", "MIN", "AVG", "P50", "P99", "MAX", "TOTAL" };

const char *latency_col_name(int col)
{
	return col >= 0 && col < LAT_COLS ? col_names[col] : "?";
}

struct order {
	int col;
	bool descending;
};

static uint64_t col_value(const struct lat_task *t, int col)
{
	switch (col) {
	case LAT_COL_PID: return (uint64_t)(uint32_t)t->pid;
	case LAT_COL_COUNT: return t->count;
	case LAT_COL_MIN: return t->min;
	case LAT_COL_AVG: return t->count ? t->total / t->count : 0;
	case LAT_COL_P50: return t->p50;
	case LAT_COL_P99: return t->p99;
	case LAT_COL_TOTAL: return t->total;
	default: return t->max;
	}
}

static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct lat_task *x = *(const struct lat_task *const *)a, *y = *(const struct lat_task *const *)b;
	const struct order *o = ctx;
	uint64_t vx = col_value(x, o->col), vy = col_value(y, o->col);

	if (vx != vy)
		return (vx < vy) == o->descending ? 1 : -1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

int latency_rows_by(const struct latency *lat, int pid, const struct lat_task **rows, int max, int col,
		    bool descending)
{
	struct order o = { col, descending };
	int n = 0;

	for (int i = 0; i < lat->nr_tasks && n < max; i++)
		if (lat->tasks[i].count && (pid < 0 || lat->tasks[i].pid == pid))
			rows[n++] = &lat->tasks[i];
	qsort_r(rows, (size_t)n, sizeof(*rows), cmp_rows, &o);
	return n;
}

int latency_rows(const struct latency *lat, int pid, const struct lat_task **rows, int max)
{
	return latency_rows_by(lat, pid, rows, max, LAT_COL_MAX, true);
}

static double us(uint64_t ns)
{
	return ns / 1000.0;
}

const char *latency_header_text(void)
{
	return "    PID COMM                COUNT    MIN(us)    AVG(us)    P50(us)    P99(us)    MAX(us)    TOTAL(us)";
}

void latency_row_text(const struct lat_task *t, char *buf, int len)
{
	snprintf(buf, (size_t)len, "%7d %-16.16s %8llu %10.3f %10.3f %10.3f %10.3f %10.3f %12.3f", t->pid,
		 t->comm[0] ? t->comm : "<...>", (unsigned long long)t->count, us(t->min),
		 us(t->count ? t->total / t->count : 0), us(t->p50), us(t->p99), us(t->max), us(t->total));
}

static const char *comm_of(const struct latency *lat, struct tep_handle *tep, int32_t pid)
{
	const struct lat_task *t = latency_task(lat, pid);

	if (pid == 0)
		return "<idle>";
	if (t && t->comm[0])
		return t->comm;
	return tep ? tep_data_comm_from_pid(tep, pid) : "<...>";
}

void latency_sample_text(const struct latency *lat, uint64_t i, struct tep_handle *tep, char *buf, int len)
{
	const struct lat_sample *s = &lat->samples[i];

	snprintf(buf, (size_t)len,
		 "%10.3f us  woken %llu.%06llu on CPU%d by %s-%d, ran %llu.%06llu on CPU%d after %s-%d; slept %c",
		 us(s->run_ts - s->wake_ts), (unsigned long long)(s->wake_ts / 1000000000),
		 (unsigned long long)(s->wake_ts % 1000000000 / 1000), s->wake_cpu, comm_of(lat, tep, s->waker), s->waker,
		 (unsigned long long)(s->run_ts / 1000000000), (unsigned long long)(s->run_ts % 1000000000 / 1000),
		 s->run_cpu, comm_of(lat, tep, s->meanwhile), s->meanwhile, s->state);
}

char *latency_text_table(const struct latency *lat, int pid, int top, struct tep_handle *tep)
{
	const struct lat_task **rows = calloc((size_t)(lat->nr_tasks ? lat->nr_tasks : 1), sizeof(*rows));
	struct text t = { 0 };
	char line[512];
	int n;

	if (!rows)
		return NULL;
	n = latency_rows(lat, pid, rows, lat->nr_tasks);
	add(&t, "# wakeup events: %s and sched_wakeup_new; %llu waits, %llu still open at the end\n",
	    lat->used_waking ? "sched_waking" : "sched_wakeup", (unsigned long long)lat->nr_samples,
	    (unsigned long long)lat->open_waits);
	add(&t, "%s\n", latency_header_text());
	for (int i = 0; i < n; i++) {
		latency_row_text(rows[i], line, sizeof(line));
		add(&t, "%s\n", line);
		for (int k = 0; k < top && (uint64_t)k < rows[i]->count; k++) {
			latency_sample_text(lat, rows[i]->worst[k], tep, line, sizeof(line));
			add(&t, "        %s\n", line);
		}
	}
	free(rows);
	if (!t.buf)
		add(&t, "%s", "");
	return t.buf;
}

char *latency_text_csv(const struct latency *lat, int pid)
{
	struct text t = { 0 };

	add(&t, "pid,comm,count,min_ns,avg_ns,p50_ns,p99_ns,max_ns,total_ns\n");
	for (int i = 0; i < lat->nr_tasks; i++) {
		const struct lat_task *k = &lat->tasks[i];

		if (!k->count || (pid >= 0 && k->pid != pid))
			continue;
		/* commas in a comm would break the columns */
		add(&t, "%d,", k->pid);
		for (const char *c = k->comm; *c; c++)
			add(&t, "%c", *c == ',' ? ';' : *c);
		add(&t, ",%llu,%llu,%llu,%llu,%llu,%llu,%llu\n", (unsigned long long)k->count,
		    (unsigned long long)k->min, (unsigned long long)(k->total / k->count), (unsigned long long)k->p50,
		    (unsigned long long)k->p99, (unsigned long long)k->max, (unsigned long long)k->total);
	}
	return t.buf;
}

static void bucket_label(char *buf, size_t len, int b)
{
	uint64_t ns = 1ULL << b;

	if (ns < 1000)
		snprintf(buf, len, "%llu ns", (unsigned long long)ns);
	else if (ns < 1000000)
		snprintf(buf, len, "%.1f us", ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, len, "%.1f ms", ns / 1e6);
	else
		snprintf(buf, len, "%.1f s", ns / 1e9);
}

char *latency_text_histogram(const struct latency *lat, const struct lat_task *task, int bar_width)
{
	uint64_t hist[LAT_BUCKETS], max = 0, total = 0;
	struct text t = { 0 };
	int lo = LAT_BUCKETS, hi = -1;

	latency_histogram(lat, task, hist);
	for (int b = 0; b < LAT_BUCKETS; b++) {
		if (!hist[b])
			continue;
		lo = b < lo ? b : lo;
		hi = b;
		max = hist[b] > max ? hist[b] : max;
		total += hist[b];
	}
	add(&t, "# wakeup latency of %s: %llu waits (log2 buckets)\n", task ? task->comm : "all tasks",
	    (unsigned long long)total);
	for (int b = lo; b <= hi; b++) {
		char from[32], to[32];
		int bar = max ? (int)((hist[b] * (uint64_t)bar_width + max - 1) / max) : 0;

		bucket_label(from, sizeof(from), b);
		bucket_label(to, sizeof(to), b + 1);
		add(&t, "[%9s, %9s) %10llu |", from, to, (unsigned long long)hist[b]);
		for (int i = 0; i < bar; i++)
			add(&t, "#");
		add(&t, "\n");
	}
	return t.buf;
}
