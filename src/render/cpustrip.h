/* The lines under a CPU's task bar in the timeline: the interrupt strip
 * (hard irqs and softirqs, each cell as tall as the share of it the CPU
 * spent in them) and the marks (a wakeup onto the CPU, a migration onto
 * it, a preemption, lost events), from the sched model's cpumarks and runs
 * and the store's pages. */
#ifndef FTUI_CPUSTRIP_H
#define FTUI_CPUSTRIP_H

#include <stdbool.h>

#include "render/grid.h"
#include "render/timeline.h"

struct store;
struct sched;

/* The interrupt strip of cpu at gx, gy, plot_w cells; with_marks: marks
 * over it (one line for both). */
void cpustrip_irqs(struct grid *g, int gx, int gy, int plot_w, const struct store *s, const struct sched *sc,
		   int cpu, const struct timeline_view *v, bool with_marks);
/* The marks line of cpu. */
void cpustrip_marks(struct grid *g, int gx, int gy, int plot_w, const struct store *s, const struct sched *sc,
		    int cpu, const struct timeline_view *v);
/* The lost-events marks ('!') of a stream on one line. */
void cpustrip_lost(struct grid *g, int gx, int gy, int plot_w, const struct store *s, int stream,
		   const struct timeline_view *v);

#endif
