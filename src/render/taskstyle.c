#include "render/taskstyle.h"
#include "render/timeline.h"
#include "model/sched.h"

#include <stdio.h>

/* Full cells: one pattern per group of colours. */
static const char *const patterns_utf8[] = { "█", "▓", "▒", "▚", "▞", "▙", "▟", "▜" };
static const char *const patterns_ascii[] = { "#", "%", "@", "&", "=", "+", "*", "x" };
#define NR_PATTERNS 8
/* Cells the task ran part of: by eighths. */
static const char *const heights_utf8[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
static const char *const heights_ascii[] = { " ", "_", "_", "-", "-", "-", "-", "-", "-" };
/* Below this a cell shows its height, not the task's pattern (16/8 colours, mono). */
#define PATTERN_FROM 6

int task_slot(const struct sched *sc, int32_t pid)
{
	const struct task *t = sched_task(sc, pid);

	if (t)
		return (int)((t - sc->tasks) % TASK_HUES);
	return (int)((uint32_t)pid * 2654435761U >> 26) % TASK_HUES;
}

/* Colours of the terminal that tell tasks apart (0: none). */
static int task_colours(const struct grid *g)
{
	return g->colours >= 256 ? TASK_HUES : g->colours >= 16 ? 8 : g->colours >= 8 ? 6 : 0;
}

enum role task_role(const struct grid *g, int slot)
{
	int n = task_colours(g);

	if (n == TASK_HUES)
		return (enum role)(ROLE_HUE0 + slot % TASK_HUES);
	if (n)
		return (enum role)(ROLE_TASK0 + slot % n);
	return ROLE_NORMAL;
}

int task_eighths(uint64_t part, uint64_t whole)
{
	uint64_t e;

	if (!part || !whole)
		return 0;
	e = (part * 8 + whole / 2) / whole;
	return e < 1 ? 1 : e > 8 ? 8 : (int)e;
}

void task_put(struct grid *g, int x, int y, int slot, int eighths)
{
	int n = task_colours(g);
	const char *glyph;

	if (eighths < 1)
		eighths = 1;
	if (eighths > 8)
		eighths = 8;
	if (n == TASK_HUES && !g->ascii)
		glyph = heights_utf8[eighths];
	else if (eighths < PATTERN_FROM)
		glyph = g->ascii ? heights_ascii[eighths] : heights_utf8[eighths];
	else
		glyph = (g->ascii ? patterns_ascii : patterns_utf8)[(n && n < TASK_HUES ? slot / n : slot) %
								     NR_PATTERNS];
	grid_put(g, x, y, glyph, task_role(g, slot));
}

int task_name(char *buf, size_t len, const struct sched *sc, struct tep_handle *tep, int32_t pid)
{
	int n;

	if (pid <= 0)
		n = snprintf(buf, len, "%s", sched_comm(sc, tep, pid));
	else
		n = snprintf(buf, len, "%s-%d", sched_comm(sc, tep, pid), pid);
	return n < 0 ? 0 : (size_t)n >= len ? (int)len - 1 : n;
}

void task_label(struct grid *g, int x, int y, int n, const struct sched *sc, struct tep_handle *tep, int32_t pid)
{
	char name[64];

	if (n < TASK_LABEL_MIN || pid <= 0)
		return;
	task_name(name, sizeof(name), sc, tep, pid);
	grid_label(g, x, y, n, name, task_role(g, task_slot(sc, pid)));
}

int task_label_column(const struct sched *sc, struct tep_handle *tep, const int32_t *pids, int n, int max, int w)
{
	char name[64];
	int lw = TIMELINE_LABEL_W - 1;

	for (int r = 0; r < n; r++) {
		int len = task_name(name, sizeof(name), sc, tep, pids[r]);

		if (len > lw)
			lw = len;
	}
	if (lw > max)
		lw = max;
	if (lw > w / 3)
		lw = w / 3;
	return lw + 1;
}
