/* A screen as a grid of cells: one glyph and one style role per cell.
 * Renderers draw into a grid; the UI paints it with curses, the tests and
 * the headless mode print it as text. */
#ifndef FTUI_GRID_H
#define FTUI_GRID_H

#include <stdbool.h>

/* What a cell is, not what colour it has: themes map roles to colours. */
enum role {
	ROLE_NORMAL,
	ROLE_DIM,		/* idle time, secondary text */
	ROLE_TITLE,		/* pane titles, table headers */
	ROLE_AXIS,		/* time axis and tick labels */
	ROLE_CURSOR,		/* the time cursor */
	ROLE_MARKER_A,
	ROLE_MARKER_B,
	ROLE_SELECTED,		/* selected row or line */
	ROLE_STATUS,		/* status line */
	ROLE_MESSAGE,		/* status messages */
	ROLE_ERROR,
	ROLE_LOST,		/* lost events */
	ROLE_BUSY,		/* busy glyphs where many tasks share a cell */
	ROLE_KEY,		/* key names in help */
	ROLE_MATCH,		/* search matches */
	ROLE_RUNNING,		/* task states in the task view */
	ROLE_RUNNABLE,
	ROLE_BLOCKED,		/* uninterruptible sleep (D) */
	ROLE_TASK0,		/* tasks on 8/16-colour terminals (with a glyph pattern) */
	ROLE_TASK7 = ROLE_TASK0 + 7,
	ROLE_DUR_10US,		/* function-graph durations by the kernel's marker: '+' */
	ROLE_DUR_100US,		/* '!' */
	ROLE_DUR_1MS,		/* '#' */
	ROLE_DUR_10MS,		/* '*' */
	ROLE_DUR_100MS,		/* '@' */
	ROLE_DUR_1S,		/* '$' */
	ROLE_HUE0,		/* tasks on 256-colour terminals: 64 colours */
	ROLE_HUE63 = ROLE_HUE0 + 63,
	ROLE_IRQ,		/* hard interrupts in the timeline's strip */
	ROLE_SOFTIRQ,
	ROLE_MARK,		/* wakeup, migration and preemption marks */
	ROLE_COUNT
};

#define TASK_HUES 64		/* ROLE_HUE0 .. ROLE_HUE63 */

#define GLYPH_MAX 5		/* one UTF-8 character and a NUL */

enum cell_flags {
	CELL_INVERSE = 1,	/* text on the role's colour (names in bars) */
};

struct cell {
	char glyph[GLYPH_MAX];
	unsigned char role;
	unsigned char flags;	/* enum cell_flags */
};

struct grid {
	int w, h;
	struct cell *cells;
	bool ascii;		/* draw with ASCII glyphs only */
	int colours;		/* the terminal's: 256, 16, 8, or 0 (monochrome); 256 by default */
};

struct grid *grid_new(int w, int h, bool ascii);
void grid_free(struct grid *g);
void grid_clear(struct grid *g);
struct cell *grid_at(struct grid *g, int x, int y);

/* Put one glyph (a UTF-8 character) at x, y. */
void grid_put(struct grid *g, int x, int y, const char *glyph, enum role role);
/* Put text from x, cut at max_w cells (and at the grid's edge); returns
 * the cells used.  Non-printable bytes become '?'. */
int grid_text(struct grid *g, int x, int y, int max_w, const char *text, enum role role);
/* Set the role of n cells from x. */
void grid_role(struct grid *g, int x, int y, int n, enum role role);
/* Text as grid_text, drawn inverse (on the role's colour). */
int grid_label(struct grid *g, int x, int y, int max_w, const char *text, enum role role);
/* Fill a row segment with one glyph. */
void grid_fill(struct grid *g, int x, int y, int n, const char *glyph, enum role role);

/* The grid as text, one line per row, trailing spaces removed. */
char *grid_to_text(const struct grid *g);

/* The role for a task: idle is dim, others cycle through the task roles. */
enum role role_for_pid(int pid);

#endif
