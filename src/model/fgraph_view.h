/* The function-graph view-model: which rows of the call trees of
 * model/fgraph.h a view shows, and where its cursor is (render/graph.h
 * draws them as the kernel's function_graph tracer prints them).
 *
 * A view keeps a fold state per node and counts rows lazily: drawing a
 * screen walks only the rows it shows, and counts (for a scroll position)
 * are cached per node and dropped along the path of a fold change.  Children
 * show in time order, or sorted by duration.  Filters: one CPU, one task, one
 * function (only the outermost calls of it and what they call, as
 * set_graph_function does).
 *
 * A row is a position: a node, and for an unfolded call with children
 * whether it is its closing line.
 */
#ifndef FTUI_FGRAPH_VIEW_H
#define FTUI_FGRAPH_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "model/fgraph.h"

struct graph_pos {
	uint32_t node;		/* FGRAPH_NONE: none (empty view, or past an end) */
	uint32_t root;		/* index in the view's roots of its tree */
	bool close;		/* the closing line of an unfolded call */
};

struct graph_view {
	const struct fgraph *g;
	/* filters (set with graph_view_filter) */
	int cpu;		/* -1: all */
	int32_t pid;		/* -1: all */
	char *func;		/* NULL: all */
	bool sorted;		/* children by duration (graph_view_sort) */
	/* columns */
	bool show_time;		/* timestamp of the line's record */
	bool show_task;		/* comm-pid */
	/* the rows shown */
	uint32_t *roots;
	uint32_t nr_roots;
	struct graph_pos top, cursor;
	/* private */
	uint8_t *state;		/* per node: folded, view root */
	uint32_t *rows;		/* per node: rows of its subtree when shown, 0 = not counted */
	uint32_t *skids, *spos;	/* children sorted by duration; place in that order */
	bool *func_mask;	/* per function: matches func */
	int cpu_w;
};

int graph_view_init(struct graph_view *v, const struct fgraph *g);
void graph_view_done(struct graph_view *v);

/* Show only CPU cpu (-1 all), task pid (-1 all), and the calls of function
 * func (NULL all).  Returns -1 if func names no function of the trace (the
 * view then shows nothing).  Moves the cursor and the top to the first row. */
int graph_view_filter(struct graph_view *v, int cpu, int32_t pid, const char *func);
/* Children (and roots) by duration, longest first; or in time order. */
int graph_view_sort(struct graph_view *v, bool by_duration);

bool graph_folded(const struct graph_view *v, uint32_t node);
/* Shown with its children between an opening and a closing line. */
bool graph_expanded(const struct graph_view *v, uint32_t node);
void graph_fold(struct graph_view *v, uint32_t node, bool folded);
void graph_toggle(struct graph_view *v, uint32_t node);
/* Fold or unfold every call of the view. */
void graph_fold_all(struct graph_view *v, bool folded);
/* Show `levels` levels of every tree: the calls at the last one folded. */
void graph_fold_to_depth(struct graph_view *v, int levels);

/* Moving between rows; false (pos unchanged) at an end. */
bool graph_pos_eq(const struct graph_pos *a, const struct graph_pos *b);
bool graph_first(const struct graph_view *v, struct graph_pos *pos);
bool graph_last(const struct graph_view *v, struct graph_pos *pos);
bool graph_next(const struct graph_view *v, struct graph_pos *pos);
bool graph_prev(const struct graph_view *v, struct graph_pos *pos);
/* The opening line of the enclosing call (from a closing line: of its call). */
bool graph_parent(const struct graph_view *v, struct graph_pos *pos);
bool graph_next_sibling(const struct graph_view *v, struct graph_pos *pos);
bool graph_prev_sibling(const struct graph_view *v, struct graph_pos *pos);
/* The child with the longest duration (unfolds pos's node). */
bool graph_slowest_child(struct graph_view *v, struct graph_pos *pos);
/* The next call after pos (in the whole view, folded or not) longer than
 * ns; unfolds what hides it. */
bool graph_next_slower(struct graph_view *v, struct graph_pos *pos, uint64_t ns);
/* Unfold what hides node and put pos on it; false if node is not in the view. */
bool graph_reveal(struct graph_view *v, uint32_t node, struct graph_pos *pos);

/* Rows of the whole view (counts what is not counted yet), and the row of pos. */
uint64_t graph_total_rows(struct graph_view *v);
uint64_t graph_row_of(struct graph_view *v, const struct graph_pos *pos);
/* The position of row (clamped to the last). */
bool graph_pos_at_row(struct graph_view *v, uint64_t row, struct graph_pos *pos);
/* Move top so that the cursor is among the h rows from it. */
void graph_scroll_to_cursor(struct graph_view *v, int h);

#endif
