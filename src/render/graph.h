/* The function-graph pane: the call trees of model/fgraph.h drawn as the
 * kernel's function_graph tracer prints them,
 *
 *      0)               |  do_syscall_64() {
 *      0) + 12.345 us   |    __x64_sys_read() { ... }  /- 23 calls -/
 *      0)   0.431 us    |    syscall_exit_to_user_mode();
 *      0) + 13.012 us   |  } /- do_syscall_64 -/
 *
 * (with C comments where this header shows /- -/): optionally an absolute
 * time column and a task column (the kernel's funcgraph-abstime and
 * funcgraph-proc), the CPU, the duration with the kernel's six overhead
 * markers ('$' > 1 s, '@' > 100 ms, '*' > 10 ms, '#' > 1 ms, '!' > 100 µs,
 * '+' > 10 µs), and the call indented by its level in the tree.
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
#ifndef FTUI_GRAPH_H
#define FTUI_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/fgraph.h"
#include "render/grid.h"

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
void graph_fold(struct graph_view *v, uint32_t node, bool folded);
void graph_toggle(struct graph_view *v, uint32_t node);
/* Fold or unfold every call of the view. */
void graph_fold_all(struct graph_view *v, bool folded);
/* Show `levels` levels of every tree: the calls at the last one folded. */
void graph_fold_to_depth(struct graph_view *v, int levels);

/* Moving between rows; false (pos unchanged) at an end. */
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

/* The kernel's overhead marker for a duration: '$', '@', '*', '#', '!', '+' or ' '. */
char graph_mark(uint64_t ns);
/* The role a marker is drawn with. */
enum role graph_mark_role(char mark);

/* The text of a row, without trailing newline.  Returns its length. */
size_t graph_line(const struct graph_view *v, const struct graph_pos *pos, char *buf, size_t len);
/* The column headings, as the kernel prints them (two lines, '\n' between). */
size_t graph_header(const struct graph_view *v, char *buf, size_t len);

/* Draw h rows from v->top into the rectangle; the cursor row is selected
 * when focused.  Returns the rows drawn. */
int render_graph(struct grid *g, int x, int y, int w, int h, const struct graph_view *v, bool focused);

#endif
