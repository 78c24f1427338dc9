#include "model/pidmap.h"

#include <stdlib.h>
#include <string.h>

static uint32_t slot(int32_t pid, uint32_t cap)
{
	return (uint32_t)pid * 2654435761U & (cap - 1);
}

int pidmap_find(const struct pidmap *m, int32_t pid)
{
	if (!m->cap)
		return -1;
	for (uint32_t h = slot(pid, m->cap); m->vals[h] >= 0; h = (h + 1) & (m->cap - 1))
		if (m->keys[h] == pid)
			return m->vals[h];
	return -1;
}

static void put(struct pidmap *m, int32_t pid, int32_t val)
{
	uint32_t h = slot(pid, m->cap);

	while (m->vals[h] >= 0)
		h = (h + 1) & (m->cap - 1);
	m->keys[h] = pid;
	m->vals[h] = val;
}

/* Kept at most half full, so that probes stay short. */
static int grow(struct pidmap *m)
{
	struct pidmap n = { .cap = m->cap ? m->cap * 2 : 1024, .nr = m->nr };

	if (n.cap < m->cap)
		return -1;
	n.keys = malloc(n.cap * sizeof(*n.keys));
	n.vals = malloc(n.cap * sizeof(*n.vals));
	if (!n.keys || !n.vals) {
		pidmap_free(&n);
		return -1;
	}
	memset(n.vals, 0xff, n.cap * sizeof(*n.vals));	/* -1: empty */
	for (uint32_t i = 0; i < m->cap; i++)
		if (m->vals[i] >= 0)
			put(&n, m->keys[i], m->vals[i]);
	pidmap_free(m);
	*m = n;
	return 0;
}

int pidmap_add(struct pidmap *m, int32_t pid, int32_t index)
{
	if (index < 0)
		return -1;
	if (m->nr * 2 >= m->cap && grow(m))
		return -1;
	put(m, pid, index);
	m->nr++;
	return 0;
}

void pidmap_free(struct pidmap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}
