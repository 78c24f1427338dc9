/* Between the function-graph builder (fgraph_build.c) and the finished
 * tree (fgraph.c); nothing outside the two uses it. */
#ifndef FTUI_FGRAPH_INTERNAL_H
#define FTUI_FGRAPH_INTERNAL_H

#include "model/fgraph.h"

/* The tree's derived parts, once its nodes, kids and roots are in place:
 * roots in time order, levels, call counts and self times, roots per CPU.
 * -1 when memory runs out. */
int fgraph_index(struct fgraph *g);

#endif
