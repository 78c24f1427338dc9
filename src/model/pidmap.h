/* pid → index into the caller's array of tasks: the lookup every analysis
 * of the model needs (scheduling runs, task statistics, wakeup latency).
 * Open addressing; any pid (a corrupt trace may hold negative ones). */
#ifndef FTUI_PIDMAP_H
#define FTUI_PIDMAP_H

#include <stdint.h>

struct pidmap {
	int32_t *keys;		/* pids */
	int32_t *vals;		/* their indexes, -1 = empty slot */
	uint32_t cap, nr;	/* cap: 0 or a power of two */
};

/* The index stored for pid, or -1. */
int pidmap_find(const struct pidmap *m, int32_t pid);
/* Store index (>= 0) for pid, which is not yet in the map.  Returns 0, or
 * -1 when memory runs out. */
int pidmap_add(struct pidmap *m, int32_t pid, int32_t index);
void pidmap_free(struct pidmap *m);

#endif
