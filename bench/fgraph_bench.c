/* fgraph_bench FILE: how long the function-graph pane takes on FILE.
 * Loads the file (not timed as the pane's cost), then times: building the
 * call trees, preparing a view, drawing the first 200x60 screen, jumping to
 * the middle row (counts every row once) and drawing there, folding
 * everything and unfolding it, sorting by duration and drawing. */
#include "capture/tracedat.h"
#include "model/fgraph.h"
#include "model/load.h"
#include "model/store.h"
#include "render/graph.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void step(const char *what, double t0)
{
	printf("  %-34s %9.1f ms\n", what, (now() - t0) * 1000);
}

int main(int argc, char **argv)
{
	struct load_options opt = { 0 };
	struct store_source src;
	struct tracedat *td;
	struct store *s;
	struct fgraph *g;
	struct graph_view v;
	struct grid *grid;
	char err[512];
	double t;
	uint64_t rows;

	if (argc != 2) {
		fprintf(stderr, "usage: fgraph_bench FILE\n");
		return 2;
	}
	t = now();
	td = tracedat_open(argv[1], err, sizeof(err));
	s = td ? load_tracedat(td, &opt, err, sizeof(err)) : NULL;
	if (!s || load_source_new(td, &src)) {
		fprintf(stderr, "fgraph_bench: %s\n", err);
		return 1;
	}
	printf("%s: %llu records\n", argv[1], (unsigned long long)store_nr_events(s));
	step("load (index the file)", t);

	t = now();
	g = fgraph_build(s, &src, td->tep, 0);
	if (!g) {
		fprintf(stderr, "fgraph_bench: out of memory\n");
		return 1;
	}
	step("build the call trees", t);
	printf("  (%llu calls, %u roots, %llu without entry, %llu without exit, %u nodes of %zu bytes)\n",
	       (unsigned long long)g->nr_calls, g->nr_roots, (unsigned long long)g->nr_orphans,
	       (unsigned long long)g->nr_unfinished, g->nr_nodes, sizeof(struct fgraph_node));

	grid = grid_new(200, 60, false);
	t = now();
	if (!grid || graph_view_init(&v, g))
		return 1;
	v.show_task = true;
	step("prepare a view", t);
	t = now();
	render_graph(grid, 0, 0, 200, 60, &v, true);
	step("draw the first screen (200x60)", t);

	t = now();
	rows = graph_total_rows(&v);
	graph_pos_at_row(&v, rows / 2, &v.cursor);
	graph_scroll_to_cursor(&v, 60);
	render_graph(grid, 0, 0, 200, 60, &v, true);
	step("count all rows, draw the middle one", t);
	printf("  (%llu rows unfolded)\n", (unsigned long long)rows);

	t = now();
	graph_fold_all(&v, true);
	render_graph(grid, 0, 0, 200, 60, &v, true);
	step("fold everything and draw", t);
	t = now();
	graph_fold_all(&v, false);
	render_graph(grid, 0, 0, 200, 60, &v, true);
	step("unfold everything and draw", t);
	t = now();
	graph_view_sort(&v, true);
	render_graph(grid, 0, 0, 200, 60, &v, true);
	step("sort by duration and draw", t);
	t = now();
	graph_view_filter(&v, -1, -1, "vfs_read");
	render_graph(grid, 0, 0, 200, 60, &v, true);
	step("filter to one function and draw", t);

	graph_view_done(&v);
	grid_free(grid);
	fgraph_free(g);
	load_source_free(&src);
	store_free(s);
	tracedat_close(td);
	return 0;
}
