/* How a task looks on the timeline, the lanes and the task view: a stable
 * slot (0 .. TASK_HUES - 1) from its place in the task table, drawn
 *  - on 256-colour terminals in one of 64 colours, the cell's height
 *    (block glyphs) saying how much of the cell it ran;
 *  - on 16/8-colour terminals in one of 8 (6) colours plus a glyph pattern,
 *    so that tasks of the same colour still differ; a cell it ran little
 *    of shows a low block instead of the pattern;
 *  - monochrome and ASCII: the pattern alone (low glyphs for little).
 * Neighbouring slots have far-apart colours, and tasks seen one after the
 * other get neighbouring slots, so tasks that alternate on a CPU differ. */
#ifndef FTUI_TASKSTYLE_H
#define FTUI_TASKSTYLE_H

#include <stddef.h>
#include <stdint.h>

#include "render/grid.h"

struct sched;
struct tep_handle;

/* The task's slot: its index in the task table, or a hash of pid. */
int task_slot(const struct sched *sc, int32_t pid);
/* The role of slot on g's terminal. */
enum role task_role(const struct grid *g, int slot);
/* Put a cell that the task of slot ran eighths/8 of (1 .. 8). */
void task_put(struct grid *g, int x, int y, int slot, int eighths);
/* Eighths (1 .. 8) of part in whole, rounded, at least 1 when part > 0. */
int task_eighths(uint64_t part, uint64_t whole);

/* "comm-pid" of a task into buf; returns its length. */
int task_name(char *buf, size_t len, const struct sched *sc, struct tep_handle *tep, int32_t pid);
/* The label column of rows naming pids[0 .. n): as wide as the longest
 * comm-pid (at least TIMELINE_LABEL_W - 1, at most max and w / 3), plus a
 * separator. */
int task_label_column(const struct sched *sc, struct tep_handle *tep, const int32_t *pids, int n, int max, int w);
/* Write pid's name inside the bar of n cells from x, as much as fits, when
 * n >= TASK_LABEL_MIN. */
#define TASK_LABEL_MIN 4
void task_label(struct grid *g, int x, int y, int n, const struct sched *sc, struct tep_handle *tep, int32_t pid);

#endif
