#include "model/fgraph_view.h"

#include <stdlib.h>
#include <string.h>

enum {
	ST_FOLDED = 1,
	ST_ROOT = 2,		/* a root of the view */
};

/* ---- setup and filters ---------------------------------------------------- */

int graph_view_init(struct graph_view *v, const struct fgraph *g)
{
	size_t n = (size_t)g->nr_nodes + 1;

	memset(v, 0, sizeof(*v));
	v->g = g;
	v->cpu = -1;
	v->pid = -1;
	v->state = calloc(n, 1);
	v->rows = calloc(n, sizeof(*v->rows));
	v->roots = malloc(n * sizeof(*v->roots));
	v->func_mask = calloc((size_t)g->nr_funcs + 1, sizeof(*v->func_mask));
	if (!v->state || !v->rows || !v->roots || !v->func_mask) {
		graph_view_done(v);
		return -1;
	}
	v->cpu_w = 1;
	for (int c = g->max_cpu; c >= 10; c /= 10)
		v->cpu_w++;
	graph_view_filter(v, -1, -1, NULL);
	return 0;
}

void graph_view_done(struct graph_view *v)
{
	free(v->state);
	free(v->rows);
	free(v->roots);
	free(v->skids);
	free(v->spos);
	free(v->func_mask);
	free(v->func);
	memset(v, 0, sizeof(*v));
}

static const struct fgraph_node *nd(const struct graph_view *v, uint32_t n)
{
	return &v->g->nodes[n];
}

static bool is_call(const struct fgraph_node *n)
{
	return n->kind == FGRAPH_CALL || n->kind == FGRAPH_FUNC;
}

static bool passes(const struct graph_view *v, const struct fgraph_node *n)
{
	if (v->cpu >= 0 && n->cpu != v->cpu)
		return false;
	if (v->pid >= 0 && (n->kind == FGRAPH_LOST || n->pid != v->pid))
		return false;
	return true;
}

/* The sort key: known durations first, longest first; then time order. */
static int cmp_duration(const void *a, const void *b, void *arg)
{
	const struct fgraph_node *nodes = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	bool kx = nodes[x].flags & FGRAPH_EXIT, ky = nodes[y].flags & FGRAPH_EXIT;

	if (kx != ky)
		return kx ? -1 : 1;
	if (kx && nodes[x].duration != nodes[y].duration)
		return nodes[x].duration > nodes[y].duration ? -1 : 1;
	if (nodes[x].start != nodes[y].start)
		return nodes[x].start < nodes[y].start ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int cmp_start(const void *a, const void *b, void *arg)
{
	const struct fgraph_node *nodes = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	if (nodes[x].start != nodes[y].start)
		return nodes[x].start < nodes[y].start ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void order_roots(struct graph_view *v)
{
	qsort_r(v->roots, v->nr_roots, sizeof(*v->roots), v->sorted ? cmp_duration : cmp_start, v->g->nodes);
}

static void reset_rows(struct graph_view *v)
{
	memset(v->rows, 0, ((size_t)v->g->nr_nodes + 1) * sizeof(*v->rows));
}

static void home(struct graph_view *v)
{
	graph_first(v, &v->cursor);
	v->top = v->cursor;
}

int graph_view_filter(struct graph_view *v, int cpu, int32_t pid, const char *func)
{
	const struct fgraph *g = v->g;
	bool any = false;
	int ret = 0;

	for (uint32_t i = 0; i < v->nr_roots; i++)
		v->state[v->roots[i]] &= (uint8_t)~ST_ROOT;
	v->nr_roots = 0;
	v->cpu = cpu;
	v->pid = pid;
	/* func may be v->func itself ('t' passes it back): copy before freeing */
	char *copy = func ? strdup(func) : NULL;
	free(v->func);
	v->func = copy;
	func = copy;
	if (func) {
		char *end;
		unsigned long long addr = strtoull(func, &end, 16);
		bool is_addr = *func && !*end;

		for (uint32_t f = 0; f < g->nr_funcs; f++) {
			v->func_mask[f] = (g->funcs[f].name && !strcmp(g->funcs[f].name, func)) ||
					  (is_addr && g->funcs[f].addr == addr);
			any |= v->func_mask[f];
		}
		if (!any)
			ret = -1;
	}
	if (!func) {
		for (uint32_t r = 0; r < g->nr_roots; r++)
			if (passes(v, nd(v, g->roots[r])))
				v->roots[v->nr_roots++] = g->roots[r];
	} else if (any) {
		/* the outermost calls of the function: a walk that does not go
		 * into a match */
		uint32_t *stack = malloc(((size_t)g->nr_nodes + 1) * sizeof(*stack)), sp = 0;

		if (!stack)
			return -1;
		for (uint32_t r = g->nr_roots; r-- > 0;)
			stack[sp++] = g->roots[r];
		while (sp) {
			uint32_t n = stack[--sp];
			const struct fgraph_node *x = nd(v, n);

			if (is_call(x) && v->func_mask[x->func]) {
				if (passes(v, x))
					v->roots[v->nr_roots++] = n;
				continue;
			}
			for (uint32_t k = x->nr_kids; k-- > 0;)
				stack[sp++] = fgraph_kid(g, n, k);
		}
		free(stack);
	}
	for (uint32_t i = 0; i < v->nr_roots; i++)
		v->state[v->roots[i]] |= ST_ROOT;
	order_roots(v);
	reset_rows(v);
	home(v);
	return ret;
}

int graph_view_sort(struct graph_view *v, bool by_duration)
{
	const struct fgraph *g = v->g;

	if (by_duration && !v->skids) {
		size_t n = (size_t)g->nr_nodes + 1;

		v->skids = malloc(n * sizeof(*v->skids));
		v->spos = malloc(n * sizeof(*v->spos));
		if (!v->skids || !v->spos) {
			free(v->skids);
			free(v->spos);
			v->skids = v->spos = NULL;
			return -1;
		}
		memcpy(v->skids, g->kids, (size_t)g->nr_nodes * sizeof(*v->skids));
		for (uint32_t i = 0; i < g->nr_nodes; i++) {
			const struct fgraph_node *x = nd(v, i);

			if (x->nr_kids > 1)
				qsort_r(v->skids + x->kids, x->nr_kids, sizeof(*v->skids), cmp_duration, g->nodes);
			for (uint32_t k = 0; k < x->nr_kids; k++)
				v->spos[v->skids[x->kids + k]] = k;
		}
	}
	v->sorted = by_duration;
	order_roots(v);
	home(v);
	return 0;
}

/* ---- structure as the view shows it ---------------------------------------- */

static uint32_t kid(const struct graph_view *v, uint32_t n, uint32_t i)
{
	const struct fgraph_node *x = nd(v, n);

	return v->sorted ? v->skids[x->kids + i] : v->g->kids[x->kids + i];
}

static uint32_t place(const struct graph_view *v, uint32_t n)
{
	return v->sorted ? v->spos[n] : nd(v, n)->kid_pos;
}

bool graph_folded(const struct graph_view *v, uint32_t node)
{
	return v->state[node] & ST_FOLDED;
}

bool graph_expanded(const struct graph_view *v, uint32_t n)
{
	return nd(v, n)->nr_kids && !(v->state[n] & ST_FOLDED);
}

static void invalidate(struct graph_view *v, uint32_t n)
{
	for (; n != FGRAPH_NONE; n = nd(v, n)->parent)
		v->rows[n] = 0;
}

void graph_fold(struct graph_view *v, uint32_t node, bool folded)
{
	if (node >= v->g->nr_nodes || graph_folded(v, node) == folded)
		return;
	v->state[node] ^= ST_FOLDED;
	invalidate(v, node);
}

void graph_toggle(struct graph_view *v, uint32_t node)
{
	if (node < v->g->nr_nodes)
		graph_fold(v, node, !graph_folded(v, node));
}

/* Apply fn to every node in the view's trees, with its level in the view. */
static void walk_view(struct graph_view *v, void (*fn)(struct graph_view *v, uint32_t n, int level, void *arg),
		      void *arg)
{
	struct item { uint32_t n; int level; } *stack;
	size_t sp = 0;

	stack = malloc(((size_t)v->g->nr_nodes + 1) * sizeof(*stack));
	if (!stack)
		return;
	for (uint32_t r = v->nr_roots; r-- > 0;)
		stack[sp++] = (struct item){ v->roots[r], 0 };
	while (sp) {
		struct item it = stack[--sp];
		const struct fgraph_node *x = nd(v, it.n);

		fn(v, it.n, it.level, arg);
		for (uint32_t k = x->nr_kids; k-- > 0;)
			stack[sp++] = (struct item){ v->g->kids[x->kids + k], it.level + 1 };
	}
	free(stack);
}

static void set_fold(struct graph_view *v, uint32_t n, int level, void *arg)
{
	int limit = *(int *)arg;

	if (level >= limit - 1)
		v->state[n] |= ST_FOLDED;
	else
		v->state[n] &= (uint8_t)~ST_FOLDED;
}

void graph_fold_all(struct graph_view *v, bool folded)
{
	graph_fold_to_depth(v, folded ? 1 : 65536);
}

static bool shown_as(const struct graph_view *v, uint32_t node, struct graph_pos *pos);

void graph_fold_to_depth(struct graph_view *v, int levels)
{
	uint32_t keep = v->cursor.node;

	walk_view(v, set_fold, &levels);
	reset_rows(v);
	/* the cursor stays on its call, or on what now hides it */
	if (keep == FGRAPH_NONE || !shown_as(v, keep, &v->cursor))
		home(v);
	v->top = v->cursor;
}

/* The view root of node's tree, and its index in roots. */
static bool root_of(const struct graph_view *v, uint32_t node, uint32_t *root_index)
{
	uint32_t n = node;

	while (n != FGRAPH_NONE && !(v->state[n] & ST_ROOT))
		n = nd(v, n)->parent;
	if (n == FGRAPH_NONE)
		return false;
	for (uint32_t i = 0; i < v->nr_roots; i++)
		if (v->roots[i] == n) {
			*root_index = i;
			return true;
		}
	return false;
}

/* The row that shows node: its own, or that of the outermost folded call
 * around it. */
static bool shown_as(const struct graph_view *v, uint32_t node, struct graph_pos *pos)
{
	uint32_t shown = node, r;

	if (!root_of(v, node, &r))
		return false;
	for (uint32_t n = node; n != v->roots[r]; ) {
		n = nd(v, n)->parent;
		if (v->state[n] & ST_FOLDED)
			shown = n;
	}
	*pos = (struct graph_pos){ shown, r, false };
	return true;
}

bool graph_reveal(struct graph_view *v, uint32_t node, struct graph_pos *pos)
{
	uint32_t r;

	if (node >= v->g->nr_nodes || !root_of(v, node, &r))
		return false;
	for (uint32_t n = node; n != v->roots[r]; ) {
		n = nd(v, n)->parent;
		graph_fold(v, n, false);
	}
	*pos = (struct graph_pos){ node, r, false };
	return true;
}

/* ---- moving ---------------------------------------------------------------- */

static struct graph_pos last_row(const struct graph_view *v, uint32_t n, uint32_t root)
{
	return (struct graph_pos){ n, root, graph_expanded(v, n) };
}

bool graph_first(const struct graph_view *v, struct graph_pos *pos)
{
	if (!v->nr_roots) {
		*pos = (struct graph_pos){ FGRAPH_NONE, 0, false };
		return false;
	}
	*pos = (struct graph_pos){ v->roots[0], 0, false };
	return true;
}

bool graph_last(const struct graph_view *v, struct graph_pos *pos)
{
	if (!v->nr_roots) {
		*pos = (struct graph_pos){ FGRAPH_NONE, 0, false };
		return false;
	}
	*pos = last_row(v, v->roots[v->nr_roots - 1], v->nr_roots - 1);
	return true;
}

static bool is_view_root(const struct graph_view *v, const struct graph_pos *pos)
{
	return v->roots[pos->root] == pos->node;
}

bool graph_next(const struct graph_view *v, struct graph_pos *pos)
{
	uint32_t n = pos->node, p;

	if (n == FGRAPH_NONE)
		return false;
	if (!pos->close && graph_expanded(v, n)) {
		pos->node = kid(v, n, 0);
		return true;
	}
	if (is_view_root(v, pos)) {
		if (pos->root + 1 >= v->nr_roots)
			return false;
		*pos = (struct graph_pos){ v->roots[pos->root + 1], pos->root + 1, false };
		return true;
	}
	p = nd(v, n)->parent;
	if (place(v, n) + 1 < nd(v, p)->nr_kids)
		*pos = (struct graph_pos){ kid(v, p, place(v, n) + 1), pos->root, false };
	else
		*pos = (struct graph_pos){ p, pos->root, true };
	return true;
}

bool graph_prev(const struct graph_view *v, struct graph_pos *pos)
{
	uint32_t n = pos->node, p;

	if (n == FGRAPH_NONE)
		return false;
	if (pos->close) {
		*pos = last_row(v, kid(v, n, nd(v, n)->nr_kids - 1), pos->root);
		return true;
	}
	if (is_view_root(v, pos)) {
		if (!pos->root)
			return false;
		*pos = last_row(v, v->roots[pos->root - 1], pos->root - 1);
		return true;
	}
	p = nd(v, n)->parent;
	if (place(v, n) > 0)
		*pos = last_row(v, kid(v, p, place(v, n) - 1), pos->root);
	else
		*pos = (struct graph_pos){ p, pos->root, false };
	return true;
}

bool graph_parent(const struct graph_view *v, struct graph_pos *pos)
{
	if (pos->node == FGRAPH_NONE)
		return false;
	if (pos->close) {	/* a closing line belongs to its call */
		pos->close = false;
		return true;
	}
	if (is_view_root(v, pos))
		return false;
	*pos = (struct graph_pos){ nd(v, pos->node)->parent, pos->root, false };
	return true;
}

bool graph_next_sibling(const struct graph_view *v, struct graph_pos *pos)
{
	uint32_t n = pos->node, p;

	if (n == FGRAPH_NONE)
		return false;
	if (is_view_root(v, pos)) {
		if (pos->root + 1 >= v->nr_roots)
			return false;
		*pos = (struct graph_pos){ v->roots[pos->root + 1], pos->root + 1, false };
		return true;
	}
	p = nd(v, n)->parent;
	if (place(v, n) + 1 >= nd(v, p)->nr_kids)
		return false;
	*pos = (struct graph_pos){ kid(v, p, place(v, n) + 1), pos->root, false };
	return true;
}

bool graph_prev_sibling(const struct graph_view *v, struct graph_pos *pos)
{
	uint32_t n = pos->node, p;

	if (n == FGRAPH_NONE)
		return false;
	if (is_view_root(v, pos)) {
		if (!pos->root)
			return false;
		*pos = (struct graph_pos){ v->roots[pos->root - 1], pos->root - 1, false };
		return true;
	}
	p = nd(v, n)->parent;
	if (!place(v, n))
		return false;
	*pos = (struct graph_pos){ kid(v, p, place(v, n) - 1), pos->root, false };
	return true;
}

bool graph_slowest_child(struct graph_view *v, struct graph_pos *pos)
{
	uint32_t n = pos->node, best = FGRAPH_NONE;

	if (n == FGRAPH_NONE || !nd(v, n)->nr_kids)
		return false;
	for (uint32_t k = 0; k < nd(v, n)->nr_kids; k++) {
		uint32_t c = v->g->kids[nd(v, n)->kids + k];
		const struct fgraph_node *x = nd(v, c);

		if ((x->flags & FGRAPH_EXIT) && (best == FGRAPH_NONE || x->duration > nd(v, best)->duration))
			best = c;
	}
	if (best == FGRAPH_NONE)
		return false;
	graph_fold(v, n, false);
	*pos = (struct graph_pos){ best, pos->root, false };
	return true;
}

/* The node after n in pre-order within the tree of view root r, or NONE. */
static uint32_t preorder_next(const struct graph_view *v, uint32_t n, uint32_t r)
{
	if (nd(v, n)->nr_kids)
		return kid(v, n, 0);
	while (n != r) {
		uint32_t p = nd(v, n)->parent;

		if (place(v, n) + 1 < nd(v, p)->nr_kids)
			return kid(v, p, place(v, n) + 1);
		n = p;
	}
	return FGRAPH_NONE;
}

bool graph_next_slower(struct graph_view *v, struct graph_pos *pos, uint64_t ns)
{
	uint32_t r = pos->root, n;

	if (pos->node == FGRAPH_NONE)
		return false;
	n = pos->close ? FGRAPH_NONE : preorder_next(v, pos->node, v->roots[r]);
	if (pos->close) {
		/* after the closing line: what follows the call */
		for (uint32_t m = pos->node; m != v->roots[r]; m = nd(v, m)->parent) {
			uint32_t p = nd(v, m)->parent;

			if (place(v, m) + 1 < nd(v, p)->nr_kids) {
				n = kid(v, p, place(v, m) + 1);
				break;
			}
		}
	}
	for (;;) {
		if (n == FGRAPH_NONE) {
			if (++r >= v->nr_roots)
				return false;
			n = v->roots[r];
		}
		if (nd(v, n)->kind == FGRAPH_CALL && (nd(v, n)->flags & FGRAPH_EXIT) && nd(v, n)->duration > ns)
			break;
		n = preorder_next(v, n, v->roots[r]);
	}
	return graph_reveal(v, n, pos);
}

/* ---- counting ---------------------------------------------------------------- */

/* Rows of n's subtree as shown, counted once and kept until a fold changes. */
static uint32_t count_rows(struct graph_view *v, uint32_t n)
{
	struct item { uint32_t n, k; uint64_t sum; } *stack;
	size_t sp = 0, cap = 64;
	uint32_t result = 0;

	if (v->rows[n])
		return v->rows[n];
	if (!graph_expanded(v, n))
		return v->rows[n] = 1;
	stack = malloc(cap * sizeof(*stack));
	if (!stack)
		return 1;
	stack[sp++] = (struct item){ n, 0, 2 };
	while (sp) {
		struct item *it = &stack[sp - 1];

		if (it->k == nd(v, it->n)->nr_kids) {
			uint32_t rows = it->sum > UINT32_MAX ? UINT32_MAX : (uint32_t)it->sum;

			v->rows[it->n] = rows;
			sp--;
			if (sp)
				stack[sp - 1].sum += rows;
			else
				result = rows;
			continue;
		}
		{
			uint32_t c = kid(v, it->n, it->k++);

			if (v->rows[c]) {
				it->sum += v->rows[c];
			} else if (!graph_expanded(v, c)) {
				v->rows[c] = 1;
				it->sum += 1;
			} else {
				if (sp == cap) {
					struct item *bigger = realloc(stack, cap * 2 * sizeof(*stack));

					if (!bigger) {
						free(stack);
						return 1;
					}
					stack = bigger;
					cap *= 2;
				}
				stack[sp++] = (struct item){ c, 0, 2 };
			}
		}
	}
	free(stack);
	return result;
}

uint64_t graph_total_rows(struct graph_view *v)
{
	uint64_t total = 0;

	for (uint32_t r = 0; r < v->nr_roots; r++)
		total += count_rows(v, v->roots[r]);
	return total;
}

uint64_t graph_row_of(struct graph_view *v, const struct graph_pos *pos)
{
	uint64_t row = 0;
	uint32_t n = pos->node;

	if (n == FGRAPH_NONE)
		return 0;
	if (pos->close)
		row += count_rows(v, n) - 1;
	while (!(v->state[n] & ST_ROOT)) {
		uint32_t p = nd(v, n)->parent;

		row += 1;	/* the parent's opening line */
		for (uint32_t k = 0; k < place(v, n); k++)
			row += count_rows(v, kid(v, p, k));
		n = p;
	}
	for (uint32_t r = 0; r < pos->root; r++)
		row += count_rows(v, v->roots[r]);
	return row;
}

bool graph_pos_at_row(struct graph_view *v, uint64_t row, struct graph_pos *pos)
{
	uint32_t r = 0, n;

	if (!v->nr_roots)
		return graph_first(v, pos);
	for (;; r++) {
		uint64_t rows = count_rows(v, v->roots[r]);

		if (row < rows || r + 1 == v->nr_roots) {
			if (row >= rows)
				row = rows - 1;
			break;
		}
		row -= rows;
	}
	n = v->roots[r];
	for (;;) {
		uint64_t rows = count_rows(v, n);

		if (!row || rows == 1) {
			*pos = (struct graph_pos){ n, r, false };
			return true;
		}
		if (row == rows - 1) {
			*pos = (struct graph_pos){ n, r, true };
			return true;
		}
		row -= 1;
		for (uint32_t k = 0;; k++) {
			uint32_t c = kid(v, n, k);
			uint64_t cr = count_rows(v, c);

			if (row < cr) {
				n = c;
				break;
			}
			row -= cr;
		}
	}
}

bool graph_pos_eq(const struct graph_pos *a, const struct graph_pos *b)
{
	return a->node == b->node && a->close == b->close && a->root == b->root;
}

void graph_scroll_to_cursor(struct graph_view *v, int h)
{
	struct graph_pos p = v->top;

	if (v->cursor.node == FGRAPH_NONE || h <= 0)
		return;
	/* is the cursor within h rows from top? */
	for (int i = 0; i < h; i++) {
		if (graph_pos_eq(&p, &v->cursor))
			return;
		if (!graph_next(v, &p))
			break;
	}
	/* above top, or below: is it within h rows before top? then top = cursor */
	p = v->top;
	for (int i = 0; i < h && graph_prev(v, &p); i++)
		if (graph_pos_eq(&p, &v->cursor)) {
			v->top = v->cursor;
			return;
		}
	/* far away: put it on the last line */
	v->top = v->cursor;
	for (int i = 1; i < h && graph_prev(v, &v->top); i++)
		;
}
