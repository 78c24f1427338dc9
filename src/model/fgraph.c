#include "model/fgraph.h"
#include "model/fgraph_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the finished tree's indexes ---------------------------------------- */

static int cmp_roots(const void *a, const void *b, void *arg)
{
	const struct fgraph_node *nodes = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (nodes[x].start != nodes[y].start)
		return nodes[x].start < nodes[y].start ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Levels top-down, then call counts and self times bottom-up, over a
 * pre-order of the forest. */
static int measure(struct fgraph *g)
{
	uint32_t *order = malloc(((size_t)g->nr_nodes + 1) * sizeof(*order)), *stack, n = 0, sp = 0;

	stack = malloc(((size_t)g->nr_nodes + 1) * sizeof(*stack));
	if (!order || !stack) {
		free(order);
		free(stack);
		return -1;
	}
	for (uint32_t r = g->nr_roots; r-- > 0;)
		stack[sp++] = g->roots[r];
	while (sp) {
		uint32_t x = stack[--sp];
		const struct fgraph_node *nd = &g->nodes[x];

		order[n++] = x;
		for (uint32_t k = nd->nr_kids; k-- > 0;) {
			uint32_t c = g->kids[nd->kids + k];

			g->nodes[c].level = (uint16_t)(nd->level < 65535 ? nd->level + 1 : 65535);
			stack[sp++] = c;
		}
	}
	for (uint32_t i = n; i-- > 0;) {
		struct fgraph_node *nd = &g->nodes[order[i]];
		uint64_t inner = 0;

		nd->calls = nd->kind == FGRAPH_CALL || nd->kind == FGRAPH_FUNC;
		for (uint32_t k = 0; k < nd->nr_kids; k++) {
			const struct fgraph_node *c = &g->nodes[g->kids[nd->kids + k]];

			nd->calls += c->calls;
			if (c->kind == FGRAPH_CALL && (c->flags & FGRAPH_EXIT))
				inner += c->duration;
		}
		nd->self = nd->duration > inner ? nd->duration - inner : 0;
	}
	free(order);
	free(stack);
	return 0;
}

static int index_cpus(struct fgraph *g)
{
	int ncpu = g->max_cpu + 1;

	if (ncpu <= 0)
		return 0;
	g->cpu_roots = calloc((size_t)ncpu, sizeof(*g->cpu_roots));
	g->nr_cpu_roots = calloc((size_t)ncpu, sizeof(*g->nr_cpu_roots));
	if (!g->cpu_roots || !g->nr_cpu_roots)
		return -1;
	for (uint32_t r = 0; r < g->nr_roots; r++)
		g->nr_cpu_roots[g->nodes[g->roots[r]].cpu]++;
	for (int c = 0; c < ncpu; c++) {
		g->cpu_roots[c] = malloc(((size_t)g->nr_cpu_roots[c] + 1) * sizeof(uint32_t));
		if (!g->cpu_roots[c])
			return -1;
		g->nr_cpu_roots[c] = 0;
	}
	for (uint32_t r = 0; r < g->nr_roots; r++) {
		const struct fgraph_node *nd = &g->nodes[g->roots[r]];

		g->cpu_roots[nd->cpu][g->nr_cpu_roots[nd->cpu]++] = g->roots[r];
	}
	return 0;
}

int fgraph_index(struct fgraph *g)
{
	qsort_r(g->roots, g->nr_roots, sizeof(*g->roots), cmp_roots, g->nodes);
	for (uint32_t r = 0; r < g->nr_roots; r++)
		g->nodes[g->roots[r]].kid_pos = r;
	return measure(g) || index_cpus(g) ? -1 : 0;
}

void fgraph_free(struct fgraph *g)
{
	if (!g)
		return;
	if (g->cpu_roots)
		for (int c = 0; c <= g->max_cpu; c++)
			free(g->cpu_roots[c]);
	free(g->cpu_roots);
	free(g->nr_cpu_roots);
	free(g->nodes);
	free(g->kids);
	free(g->roots);
	free(g->funcs);
	free(g->texts);
	free(g->tasks);
	free(g);
}

/* ---- queries ------------------------------------------------------------ */

const char *fgraph_func_name(const struct fgraph *g, uint32_t func, char *buf, size_t len)
{
	if (func < g->nr_funcs && g->funcs[func].name)
		return g->funcs[func].name;
	snprintf(buf, len, "%llx", func < g->nr_funcs ? (unsigned long long)g->funcs[func].addr : 0ULL);
	return buf;
}

const char *fgraph_text(const struct fgraph *g, uint32_t n)
{
	const struct fgraph_node *nd = &g->nodes[n];

	if ((nd->kind != FGRAPH_EVENT && nd->kind != FGRAPH_LOST) || nd->func >= g->texts_len)
		return "";
	return g->texts + nd->func;
}

int64_t fgraph_find_func(const struct fgraph *g, const char *name)
{
	char *end;
	unsigned long long addr = strtoull(name, &end, 16);
	bool is_addr = *name && !*end;

	for (uint32_t i = 0; i < g->nr_funcs; i++)
		if ((g->funcs[i].name && !strcmp(g->funcs[i].name, name)) || (is_addr && g->funcs[i].addr == addr))
			return i;
	return -1;
}

const char *fgraph_comm(const struct fgraph *g, int32_t pid)
{
	int lo = 0, hi = g->nr_tasks;

	while (lo < hi) {
		int mid = (lo + hi) / 2;

		if (g->tasks[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < g->nr_tasks && g->tasks[lo].pid == pid)
		return g->tasks[lo].comm;
	return pid ? "<...>" : "<idle>";
}

static bool covers(const struct fgraph_node *n, int cpu, uint64_t ts)
{
	return (n->kind == FGRAPH_CALL || n->kind == FGRAPH_FUNC) && n->cpu == cpu && n->start <= ts && ts <= n->end;
}

/* The last of n entries of list (node indices, by start) that starts at or
 * before ts, or -1. */
static int64_t last_starting(const struct fgraph *g, const uint32_t *list, uint32_t n, uint64_t ts)
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (g->nodes[list[mid]].start <= ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int64_t)lo - 1;
}

uint32_t fgraph_call_at(const struct fgraph *g, int cpu, uint64_t ts)
{
	uint32_t best = FGRAPH_NONE;
	int64_t i;

	if (cpu < 0 || cpu > g->max_cpu || !g->nr_cpu_roots[cpu])
		return FGRAPH_NONE;
	/* roots of a CPU hardly overlap (a task blocked in a call does): look
	 * back a little */
	i = last_starting(g, g->cpu_roots[cpu], g->nr_cpu_roots[cpu], ts);
	for (int64_t j = i; j >= 0 && j > i - 64; j--)
		if (covers(&g->nodes[g->cpu_roots[cpu][j]], cpu, ts)) {
			best = g->cpu_roots[cpu][j];
			break;
		}
	while (best != FGRAPH_NONE) {
		const struct fgraph_node *nd = &g->nodes[best];
		uint32_t next = FGRAPH_NONE;

		i = last_starting(g, g->kids + nd->kids, nd->nr_kids, ts);
		for (int64_t j = i; j >= 0 && j > i - 8; j--)
			if (covers(&g->nodes[g->kids[nd->kids + j]], cpu, ts)) {
				next = g->kids[nd->kids + j];
				break;
			}
		if (next == FGRAPH_NONE)
			break;
		best = next;
	}
	return best;
}
