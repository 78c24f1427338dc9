/* Panes over the browser: the focused pane's table is consulted before the
 * global one, `bind` reaches pane actions, redraw is an action, and `?` in a
 * pane lists its keys before the global ones.  On a real fixture. */
#include "check.h"
#include "model/session.h"
#include "render/grid.h"
#include "ui/config.h"
#include "ui/keymap.h"
#include "ui/view.h"

#include <unistd.h>

struct browser {
	struct session ss;
	struct keymap *km;
	struct view v;
	struct grid *g;
};

static bool browser_open(struct browser *b, const char *file, const char *config)
{
	struct load_options lo = { .threads = 1 };
	char err[512], path[] = "/tmp/ftui-panes-XXXXXX";
	int fd;

	memset(b, 0, sizeof(*b));
	b->km = keymap_new();
	if (!b->km || session_open(&b->ss, file, &lo, err, sizeof(err)))
		return false;
	if (config) {
		fd = mkstemp(path);
		if (fd < 0 || write(fd, config, strlen(config)) != (ssize_t)strlen(config))
			return false;
		close(fd);
		if (config_load(path, NULL, b->km, err, sizeof(err))) {
			fprintf(stderr, "  %s\n", err);
			unlink(path);
			return false;
		}
		unlink(path);
	}
	if (view_init(&b->v, &b->ss, b->km, "test", true))
		return false;
	b->g = grid_new(100, 30, true);
	view_resize(&b->v, 100, 30);
	return b->g != NULL;
}

static void browser_close(struct browser *b)
{
	view_done(&b->v);
	grid_free(b->g);
	session_close(&b->ss);
	keymap_free(b->km);
}

static char *screen(struct browser *b)
{
	view_draw(&b->v, b->g);
	return grid_to_text(b->g);
}

static void pane_keys_first(void)
{
	struct browser b;

	CHECK(browser_open(&b, "tests/fixtures/fgraph_irq_v7.dat", NULL));
	CHECK(view_key(&b.v, 'F'));
	CHECK(view_top_pane(&b.v) != NULL);
	/* c folds in the graph pane (the global c, the CPU filter prompt, does not run) */
	CHECK(view_key(&b.v, 'c'));
	CHECK(!prompt_is_open(&b.v.prompt));
	/* a global key that does not work over a pane is ignored */
	CHECK(view_key(&b.v, ':'));
	CHECK(!prompt_is_open(&b.v.prompt));
	/* q closes the pane; then q quits */
	CHECK(view_key(&b.v, 'q'));
	CHECK(view_top_pane(&b.v) == NULL);
	CHECK(!view_key(&b.v, 'q'));
	browser_close(&b);
}

static void bind_pane_action(void)
{
	struct browser b;
	char *text;

	CHECK(browser_open(&b, "tests/fixtures/fgraph_irq_v7.dat",
			   "bind x graph.close\nbind q graph.none\nbind y redraw\nbind w latency.close\n"));
	CHECK(view_key(&b.v, 'F'));
	CHECK(view_top_pane(&b.v) != NULL);
	/* q is unbound in the pane now: the global quit gets it */
	CHECK(view_key(&b.v, 'x'));
	CHECK(view_top_pane(&b.v) == NULL);
	CHECK(view_key(&b.v, 'y'));
	CHECK(b.v.repaint);
	CHECK(view_key(&b.v, 'F'));
	CHECK(!view_key(&b.v, 'q'));
	/* the help shows the new binding */
	b.v.quit = false;
	CHECK(view_key(&b.v, '?'));
	text = screen(&b);
	CHECK(text && strstr(text, "Esc F x Backspac"));	/* q is not there */
	free(text);
	browser_close(&b);
}

static void bad_bindings(void)
{
	struct keymap *km = keymap_new();

	CHECK_EQ_INT(keymap_bind_name(km, 'x', "graph.fold"), 0);
	CHECK_EQ_INT(keymap_bind_name(km, 'x', "graph.zoom-in"), -1);	/* not a graph action */
	CHECK_EQ_INT(keymap_bind_name(km, 'x', "nopane.fold"), -1);
	CHECK_EQ_INT(keymap_bind_name(km, 'x', "live.none"), 0);
	CHECK_EQ_INT(keymap_bind_name(NULL, 'x', "hist.drop"), 0);	/* checks only */
	keymap_free(km);
}

static void help_in_pane(void)
{
	struct browser b;
	char *text;

	CHECK(browser_open(&b, "tests/fixtures/sched_v7_zstd.dat", NULL));
	CHECK(view_key(&b.v, 'L'));
	CHECK(view_key(&b.v, '?'));
	text = screen(&b);
	CHECK(text && strstr(text, "wakeup latency keys (any other key closes"));
	CHECK(text && strstr(text, "log2 histogram of the waits"));
	/* then the global keys that work over a pane, without those it shadows */
	CHECK(text && strstr(text, "ftui keys"));
	CHECK(text && strstr(text, "C-c              quit"));
	CHECK(text && !strstr(text, "zoom in around the cursor"));
	free(text);
	/* any other key closes the help, and the pane is still there */
	CHECK(view_key(&b.v, 'x'));
	CHECK(!b.v.help && view_top_pane(&b.v) != NULL);
	browser_close(&b);
}

CHECK_MAIN(CASE(pane_keys_first), CASE(bind_pane_action), CASE(bad_bindings), CASE(help_in_pane))
