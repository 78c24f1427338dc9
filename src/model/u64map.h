/* A map from 64-bit keys to 32-bit values (open addressing, linear
 * probing): the function-graph builder's (pid, cpu) -> task, address ->
 * function and text hash -> offset lookups.  Any key. */
#ifndef FTUI_U64MAP_H
#define FTUI_U64MAP_H

#include <stdbool.h>
#include <stdint.h>

struct u64map {
	uint64_t *keys;		/* key + 1; 0 = empty */
	uint32_t *vals;
	uint32_t cap, used;	/* cap: 0 or a power of two */
};

/* The value stored for key, in *val; false if none. */
bool u64map_get(const struct u64map *m, uint64_t key, uint32_t *val);
/* Store val for key (replacing what was there).  -1 when memory runs out. */
int u64map_put(struct u64map *m, uint64_t key, uint32_t val);
void u64map_free(struct u64map *m);

#endif
