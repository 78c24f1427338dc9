/* The function-graph pane's lines: the rows of a model/fgraph_view.h view
 * drawn as the kernel's function_graph tracer prints them,
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
 */
#ifndef FTUI_GRAPH_H
#define FTUI_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "model/fgraph_view.h"
#include "render/grid.h"

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
