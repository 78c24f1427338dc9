#include "render/livetop.h"
#include "model/taskstats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const col_names[COL_COUNT] = {
	"PID", "TID", "COMM", "CPU%", "TIME", "SW v/i", "WAKE", "MIGR", "CPU", "LATmax", "LATavg",
};

const char *livetop_col_name(int col)
{
	return col >= 0 && col < COL_COUNT ? col_names[col] : "?";
}

struct sorted {
	const struct task_row *r;
	int pid;
};

struct order {
	int col;
	bool desc;
	bool interval;
};

/* A row as shown: totals, or the interval's counts. */
static struct task_row shown(const struct task_row *r, bool interval)
{
	struct task_row t = *r;

	if (interval) {
		t.vol = r->iv.vol;
		t.invol = r->iv.invol;
		t.wakeups = r->iv.wakeups;
		t.migrations = r->iv.migrations;
		t.lat_count = r->iv.lat_count;
		t.lat_sum = r->iv.lat_sum;
		t.lat_max = r->iv.lat_max;
	}
	return t;
}

static uint64_t key(const struct sorted *s, int col, bool interval)
{
	struct task_row row = shown(s->r, interval);
	const struct task_row *r = &row;

	switch (col) {
	case COL_PID: return (uint64_t)(uint32_t)s->pid;
	case COL_TID: return (uint64_t)r->tid;
	case COL_CPU_PCT: return r->runtime_iv;
	case COL_TIME: return r->runtime;
	case COL_SWITCHES: return r->vol + r->invol;
	case COL_WAKEUPS: return r->wakeups;
	case COL_MIGRATIONS: return r->migrations;
	case COL_LAST_CPU: return (uint64_t)(uint32_t)r->last_cpu;
	case COL_LAT_MAX: return r->lat_max;
	case COL_LAT_AVG: return r->lat_count ? r->lat_sum / r->lat_count : 0;
	default: return 0;
	}
}

static int cmp_rows(const void *a, const void *b, void *ctx)
{
	const struct sorted *x = a, *y = b;
	const struct order *o = ctx;
	int c;

	if (o->col == COL_COMM) {
		c = strcmp(x->r->comm, y->r->comm);
	} else {
		uint64_t kx = key(x, o->col, o->interval), ky = key(y, o->col, o->interval);

		c = (kx > ky) - (kx < ky);
	}
	if (o->desc)
		c = -c;
	return c ? c : (x->r->tid > y->r->tid) - (x->r->tid < y->r->tid);
}

static void fmt_ns(char *buf, size_t len, uint64_t ns)
{
	if (!ns)
		snprintf(buf, len, "-");
	else if (ns < 1000000)
		snprintf(buf, len, "%.1fus", ns / 1e3);
	else if (ns < 1000000000)
		snprintf(buf, len, "%.2fms", ns / 1e6);
	else
		snprintf(buf, len, "%.2fs", ns / 1e9);
}

static void fmt_time(char *buf, size_t len, uint64_t ns)
{
	uint64_t cs = ns / 10000000;

	snprintf(buf, len, "%llu:%02llu.%02llu", (unsigned long long)(cs / 6000), (unsigned long long)(cs / 100 % 60),
		 (unsigned long long)(cs % 100));
}

static int draw_header(struct grid *g, const struct livetop_view *v)
{
	const struct task_interval *iv = v->iv;
	char buf[256], mem[32];
	int y = 0, x = 0, bar_w;
	double secs = v->seconds > 0 ? v->seconds : 1;

	snprintf(mem, sizeof(mem), "%.1f MB", v->memory / 1048576.0);
	snprintf(buf, sizeof(buf), " ftui live  %d CPUs  up %02d:%02d:%02d  events %llu  lost %llu  memory %s%s%s%s",
		 iv ? iv->nr_cpus : 0, (int)v->uptime / 3600, (int)v->uptime / 60 % 60, (int)v->uptime % 60,
		 (unsigned long long)v->events_total, (unsigned long long)v->lost_total, mem,
		 v->paused ? "  [paused]" : "",
		 !v->output ? "" : v->output_failed ? "  NOT recording (write failed): " : "  recording to ",
		 v->output ? v->output : "");
	grid_fill(g, 0, y, g->w, " ", ROLE_STATUS);
	grid_text(g, 0, y, g->w, buf, ROLE_STATUS);
	if (v->lost_total)
		grid_role(g, (int)(strstr(buf, "lost") - buf), y, 4 + 1 + snprintf(NULL, 0, "%llu",
			  (unsigned long long)v->lost_total), ROLE_LOST);
	y++;
	if (v->command)
		grid_text(g, 0, y++, g->w, v->command, ROLE_NORMAL);
	/* per-CPU busy bars, as many per line as fit */
	bar_w = g->w >= 120 ? 30 : 20;
	if (v->partial)
		grid_text(g, 0, y, g->w, " per-CPU load unknown: only the followed tasks' events are traced (-P)",
			  ROLE_DIM);
	for (int cpu = 0; iv && !v->partial && cpu < iv->nr_cpus; cpu++) {
		double pct = iv->busy[cpu] * 100.0 / (secs * 1e9);
		int fill = (int)(pct * (bar_w - 12) / 100 + 0.5), cx;

		if (pct > 100)
			pct = 100, fill = bar_w - 12;
		if (x + bar_w > g->w) {
			x = 0;
			y++;
		}
		snprintf(buf, sizeof(buf), "%3d[", cpu);
		cx = x + grid_text(g, x, y, 4, buf, ROLE_TITLE);
		grid_fill(g, cx, y, fill, g->ascii ? "|" : "▮", ROLE_BUSY);
		snprintf(buf, sizeof(buf), "%5.1f%%]", pct);
		grid_text(g, x + bar_w - 8, y, 7, buf, ROLE_NORMAL);
		x += bar_w + 1;
	}
	y++;
	if (iv) {
		snprintf(buf, sizeof(buf), " %.0f switches/s  %.0f wakeups/s  %.0f events/s%s   interval %.1f s   counts: %s%s",
			 iv->switches / secs, iv->wakeups / secs, iv->events / secs,
			 v->partial ? " (of the followed tasks)" : "", secs,
			 v->interval ? "this interval (i: since start)" : "since start (i: this interval)",
			 v->history_back ? "  (history: T goes forward)" : "");
		grid_text(g, 0, y, g->w, buf, ROLE_NORMAL);
	}
	return y + 1;
}

static void draw_table_header(struct grid *g, int y, const struct livetop_view *v)
{
	static const int widths[COL_COUNT] = { 7, 7, 16, 6, 9, 11, 7, 6, 4, 9, 9 };
	int x = 0;

	grid_fill(g, 0, y, g->w, " ", ROLE_TITLE);
	for (int c = 0; c < COL_COUNT && x < g->w; c++) {
		char buf[32];

		snprintf(buf, sizeof(buf), c == COL_COMM ? "%-*s" : "%*s", widths[c], col_names[c]);
		grid_text(g, x, y, widths[c], buf, c == v->sort ? ROLE_SELECTED : ROLE_TITLE);
		x += widths[c] + 1;
	}
}

static void draw_row(struct grid *g, int y, const struct sorted *s, const struct livetop_view *v, bool sel)
{
	struct task_row row = shown(s->r, v->interval);
	const struct task_row *r = &row;
	char line[256], t[16], lmax[16], lavg[16], pid[12];
	double pct = r->runtime_iv * 100.0 / ((v->seconds > 0 ? v->seconds : 1) * 1e9);

	fmt_time(t, sizeof(t), r->runtime);
	fmt_ns(lmax, sizeof(lmax), r->lat_max);
	fmt_ns(lavg, sizeof(lavg), r->lat_count ? r->lat_sum / r->lat_count : 0);
	if (s->pid > 0)
		snprintf(pid, sizeof(pid), "%d", s->pid);
	else
		snprintf(pid, sizeof(pid), "-");
	snprintf(line, sizeof(line), "%7s %7d %-16.16s %6.1f %9s %5llu/%-5llu %7llu %6llu %4d %9s %9s", pid, r->tid,
		 r->comm[0] ? r->comm : "<...>", pct, t, (unsigned long long)r->vol, (unsigned long long)r->invol,
		 (unsigned long long)r->wakeups, (unsigned long long)r->migrations, r->last_cpu, lmax, lavg);
	grid_text(g, 0, y, g->w, line, sel ? ROLE_SELECTED : ROLE_NORMAL);
	if (sel)
		grid_role(g, 0, y, g->w, ROLE_SELECTED);
}

int render_livetop(struct grid *g, struct livetop_view *v, int32_t *tids, int max)
{
	const struct task_interval *iv = v->iv;
	struct sorted *rows;
	int n = 0, y, shown = 0;

	grid_clear(g);
	y = draw_header(g, v);
	v->strip_y = y;
	if (g->h - y > v->strip_rows + 6)	/* keep room for the table */
		y += v->strip_rows;
	else
		v->strip_y = -1;
	draw_table_header(g, y++, v);
	if (!iv) {
		grid_text(g, 0, y, g->w, "waiting for the first interval...", ROLE_DIM);
		return 0;
	}
	rows = calloc(iv->nr_rows ? (size_t)iv->nr_rows : 1, sizeof(*rows));
	if (!rows)
		return 0;
	for (int i = 0; i < iv->nr_rows; i++) {
		if (v->filter && *v->filter && !strstr(iv->rows[i].comm, v->filter))
			continue;
		if (v->known && !v->known(v->tasks, &iv->rows[i]))
			continue;
		rows[n].r = &iv->rows[i];
		rows[n].pid = v->tgid ? v->tgid(v->tasks, iv->rows[i].tid) : -1;
		n++;
	}
	{
		struct order o = { v->sort, v->descending, v->interval };

		qsort_r(rows, (size_t)n, sizeof(*rows), cmp_rows, &o);
	}
	for (int i = v->first_row; i < n && y < g->h - 1; i++, shown++)
		draw_row(g, y++, &rows[i], v, i == v->selected);
	for (int i = 0; i < n && i < max; i++)
		tids[i] = rows[i].r->tid;
	free(rows);
	return n;
}
