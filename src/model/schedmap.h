/* perf sched map's view of the run model: a row each time a task starts
 * running on a CPU, and a short code (A0, B0, ... Z0, A1, ...) per task so
 * that a row can show what every CPU runs in two characters.
 *
 * Rows come from the runs (model/runs.h): a run that began at a traced
 * sched_switch is a switch row; one the model inferred (a record of another
 * task without a switch, or the first evidence after lost events) is a row
 * too, flagged.  What a CPU runs at a row is its current run then: replay
 * the rows from the start (schedmap_replay).  Codes are given in order of
 * first appearance: A0..Z0, A1..Z9, then a0..z9, then they repeat.  Idle has
 * no code ("."); an unknown span (after lost events) is "?". */
#ifndef FTUI_SCHEDMAP_H
#define FTUI_SCHEDMAP_H

#include <stddef.h>
#include <stdint.h>

#include "model/pidmap.h"

struct sched;

enum smap_flags {
	SMAP_NEW = 1,		/* the task's first row: the code is introduced */
	SMAP_INFERRED = 2,	/* the run's start was inferred, not a traced switch */
};

struct smap_row {		/* 16 bytes */
	uint64_t ts;
	int32_t pid;		/* the task that starts: a pid, RUN_IDLE or RUN_UNKNOWN */
	int16_t cpu;
	uint8_t flags;		/* enum smap_flags */
	uint8_t reserved;
};

struct schedmap {
	struct smap_row *rows;	/* by time, then CPU */
	size_t nr;
	int nr_cpus;
	struct pidmap codes;	/* pid -> code number (order of first appearance) */
};

/* NULL when memory runs out. */
struct schedmap *schedmap_build(const struct sched *sc);
void schedmap_free(struct schedmap *m);

/* The code of pid into buf (at least 3 bytes): "A0" ..., "." idle, "?". */
const char *schedmap_code(const struct schedmap *m, int32_t pid, char *buf);
/* What each CPU runs right after rows 0 .. row: cur[0 .. nr_cpus), RUN_UNKNOWN
 * for CPUs with no run yet.  Replays from *done (rows applied already; 0 to
 * start over) and sets it to row + 1. */
void schedmap_replay(const struct schedmap *m, size_t row, int32_t *cur, size_t *done);

#endif
