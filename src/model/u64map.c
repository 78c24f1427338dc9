#include "model/u64map.h"

#include <stdlib.h>
#include <string.h>

static uint32_t u64map_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (uint32_t)k;
}

bool u64map_get(const struct u64map *m, uint64_t key, uint32_t *val)
{
	if (!m->cap)
		return false;
	for (uint32_t i = u64map_hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return false;
		if (m->keys[i] == key + 1) {
			*val = m->vals[i];
			return true;
		}
	}
}

int u64map_put(struct u64map *m, uint64_t key, uint32_t val)
{
	uint32_t i;

	if ((m->used + 1) * 2 > m->cap) {
		struct u64map n = { .cap = m->cap ? m->cap * 2 : 256 };

		n.keys = calloc(n.cap, sizeof(*n.keys));
		n.vals = malloc(n.cap * sizeof(*n.vals));
		if (!n.keys || !n.vals) {
			free(n.keys);
			free(n.vals);
			return -1;
		}
		for (uint32_t j = 0; j < m->cap; j++)
			if (m->keys[j]) {
				for (i = u64map_hash(m->keys[j] - 1) & (n.cap - 1); n.keys[i]; i = (i + 1) & (n.cap - 1))
					;
				n.keys[i] = m->keys[j];
				n.vals[i] = m->vals[j];
				n.used++;
			}
		free(m->keys);
		free(m->vals);
		*m = n;
	}
	for (i = u64map_hash(key) & (m->cap - 1); m->keys[i] && m->keys[i] != key + 1; i = (i + 1) & (m->cap - 1))
		;
	if (!m->keys[i])
		m->used++;
	m->keys[i] = key + 1;
	m->vals[i] = val;
	return 0;
}

void u64map_free(struct u64map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
