/* The browser's event list against `ftui report`: walking the list line by
 * line, down and back up, gives report's lines in report's order, the
 * "CPU:N [n EVENTS DROPPED]" lines included where report prints them, with
 * a filter too; the DROPPED line is drawn in the lost-events style; a
 * search runs in slices and finds DROPPED lines too. */
#include "check.h"
#include "model/session.h"
#include "render/grid.h"
#include "render/report.h"
#include "ui/keymap.h"
#include "ui/view.h"
#include "ui/view_filter.h"
#include "ui/view_list.h"
#include "ui/view_search.h"

struct browser {
	struct session ss;
	struct keymap *km;
	struct view v;
};

static bool browser_open(struct browser *b, const char *file)
{
	struct load_options lo = { .threads = 1 };
	char err[512];

	memset(b, 0, sizeof(*b));
	b->km = keymap_new();
	if (!b->km || session_open(&b->ss, file, &lo, err, sizeof(err)))
		return false;
	if (view_init(&b->v, &b->ss, b->km, "test", true))
		return false;
	view_resize(&b->v, 100, 30);
	b->v.focus = FOCUS_LIST;
	return true;
}

static void browser_close(struct browser *b)
{
	view_done(&b->v);
	session_close(&b->ss);
	keymap_free(b->km);
}

static bool is_dropped(const char *line)
{
	return strstr(line, "EVENTS DROPPED]") != NULL;
}

/* report's lines (without the "cpus=N" header), filtered by filter if set;
 * only its DROPPED lines if drops_only */
static char **report_lines(const char *file, const char *filter, bool drops_only, int *n)
{
	struct session ss;
	struct load_options lo = { .threads = 1 };
	struct report_filter rf = { filter, false };
	struct report_opts o = { .threads = 1, .filters = filter ? &rf : NULL, .nr_filters = filter ? 1 : 0 };
	char err[512], line[4096];
	char **lines = NULL;
	FILE *f = tmpfile();

	*n = 0;
	if (!f || session_open(&ss, file, &lo, err, sizeof(err)))
		return NULL;
	if (report_print(&ss, &o, f, err, sizeof(err)))
		fprintf(stderr, "  report: %s\n", err);
	session_close(&ss);
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "cpus=", 5) || (drops_only && !is_dropped(line)))
			continue;
		lines = realloc(lines, sizeof(*lines) * (size_t)(*n + 1));
		lines[(*n)++] = strdup(line);
	}
	fclose(f);
	return lines;
}

static void free_lines(char **l, int n)
{
	for (int i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static bool selected_text(struct browser *b, char *buf, size_t len)
{
	struct view *v = &b->v;

	view_list_fill(v);
	return v->list_sel >= 0 && v->list_sel < v->nr_lines &&
	       eventlist_line_text(v->ss->store, &v->ss->src, v->ss->tep, &v->lines[v->list_sel],
				   event_time_style(v->ss->in_usecs, false), buf, len);
}

/* The selected line's identity, to see the walk stop. */
static struct eventlist_line selected(struct browser *b)
{
	struct eventlist_line none = { -1, 0, 0, false };

	return b->v.list_sel >= 0 && b->v.list_sel < b->v.nr_lines ? b->v.lines[b->v.list_sel] : none;
}

static bool same(struct eventlist_line a, struct eventlist_line b)
{
	return a.stream == b.stream && a.index == b.index && a.dropped == b.dropped;
}

/* Walk the list from its first line to its last and back, comparing with
 * report line by line; returns the DROPPED lines met going down.  Where
 * report prints function-graph lines its own way (a leaf's entry and exit
 * on one line), only the DROPPED lines are compared, in order. */
static int walk(const char *file, const char *filter, bool drops_only)
{
	struct browser b;
	char buf[4096];
	char **want;
	int n, i = 0, drops = 0;

	want = report_lines(file, filter, drops_only, &n);
	CHECK(want || !n);
	if (!browser_open(&b, file)) {
		CHECK(!"open");
		free_lines(want, n);
		return 0;
	}
	if (filter) {
		char msg[512];

		CHECK(view_filter_events(&b.v, filter, msg, sizeof(msg)));
		view_list_seek(&b.v, b.v.first_ts);
	}
	view_list_up(&b.v, 1);	/* onto a DROPPED line above the first event */
	for (int lines = 0;; lines++) {
		struct eventlist_line was;

		CHECK(selected_text(&b, buf, sizeof(buf)));
		if (drops_only && !is_dropped(buf)) {
			i--;
		} else if (i >= n || strcmp(buf, want[i])) {
			fprintf(stderr, "  %s line %d: \"%s\", report: \"%s\"\n", file, i, buf, i < n ? want[i] : "(end)");
			CHECK(!"same line as report");
			break;
		}
		drops += is_dropped(buf) && selected(&b).dropped;
		was = selected(&b);
		view_list_down(&b.v, 1);
		if (same(was, selected(&b)))
			break;
		i++;
	}
	CHECK_EQ_INT(i + 1, n);
	if (drops_only)
		i = 0;
	/* and back up to the first line */
	for (; i > 0; i--) {
		view_list_up(&b.v, 1);
		CHECK(selected_text(&b, buf, sizeof(buf)));
		if (strcmp(buf, want[i - 1])) {
			fprintf(stderr, "  %s up, line %d: \"%s\", report: \"%s\"\n", file, i - 1, buf, want[i - 1]);
			CHECK(!"same line going up");
			break;
		}
	}
	browser_close(&b);
	free_lines(want, n);
	return drops;
}

static void lost_counted(void)
{
	CHECK_EQ_INT(walk("tests/fixtures/lost_events_v7.dat", NULL, false), 8);
}

static void lost_unknown(void)
{
	/* CPU:0 [8 EVENTS DROPPED] and CPU:1 [EVENTS DROPPED] */
	CHECK_EQ_INT(walk("tests/fixtures/fgraph_lost_v6.dat", NULL, true), 2);
}

static void lost_filtered(void)
{
	/* the DROPPED line goes with the event after the loss, as in report */
	CHECK_EQ_INT(walk("tests/fixtures/lost_events_v7.dat", "sys_enter", false), 8);
	CHECK_EQ_INT(walk("tests/fixtures/lost_events_v7.dat", "sys_exit", false), 0);
}

static void no_loss(void)
{
	CHECK_EQ_INT(walk("tests/fixtures/sched_v7_zstd.dat", NULL, false), 0);
}

/* Drawn in the lost-events style, and the title counts the losses. */
static void dropped_style(void)
{
	struct browser b;
	struct grid *g = grid_new(100, 30, true);
	char *text;
	int row = -1;

	CHECK(g && browser_open(&b, "tests/fixtures/lost_events_v7.dat"));
	b.v.focus = FOCUS_TIMELINE;
	view_draw(&b.v, g);
	text = grid_to_text(g);
	CHECK(text && strstr(text, "\nCPU:0 [300385 EVENTS DROPPED]\n"));
	for (int y = 0; y < g->h; y++)
		if (!strncmp(grid_at(g, 0, y)->glyph, "C", 2) && !strncmp(grid_at(g, 3, y)->glyph, ":", 2))
			row = y;
	CHECK(row > 0);
	if (row > 0) {
		CHECK_EQ_INT(grid_at(g, 0, row)->role, ROLE_LOST);
		CHECK_EQ_INT(grid_at(g, 0, row + 1)->role, ROLE_TITLE);
	}
	free(text);
	browser_close(&b);
	grid_free(g);
}


/* A search runs in slices with its progress, finds DROPPED lines too, and
 * stopping it leaves the list as it was. */
static void search_slices(void)
{
	struct browser b;
	struct eventlist_line f = { 0 };
	int steps = 0, last = -1, sel;
	enum search_result r;

	CHECK(browser_open(&b, "tests/fixtures/manycpu_256_v7.dat"));
	sel = b.v.list_sel;
	snprintf(b.v.search, sizeof(b.v.search), "no-such-text");
	CHECK(view_search_start(&b.v, true));
	CHECK(view_busy(&b.v));
	while ((r = view_search_step(&b.v, &f)) == SEARCH_MORE) {
		int pc = view_search_percent(&b.v);

		CHECK(pc > last && pc < 100);
		last = pc;
		steps++;
	}
	CHECK_EQ_INT(r, SEARCH_NOT_FOUND);
	CHECK_EQ_INT(steps, 17658 / VIEW_SEARCH_SLICE);
	CHECK(!view_busy(&b.v));
	/* Esc stops it: nothing moved */
	CHECK(view_search_start(&b.v, true));
	CHECK_EQ_INT(view_search_step(&b.v, &f), SEARCH_MORE);
	CHECK(view_key(&b.v, K_ESC));
	CHECK(!view_busy(&b.v));
	CHECK_EQ_INT(b.v.list_sel, sel);
	CHECK(strstr(b.v.message, "search stopped at 23%") != NULL);
	browser_close(&b);

	CHECK(browser_open(&b, "tests/fixtures/lost_events_v7.dat"));
	snprintf(b.v.search, sizeof(b.v.search), "EVENTS DROPPED");
	CHECK(view_search_start(&b.v, true));
	CHECK_EQ_INT(view_search_step(&b.v, &f), SEARCH_FOUND);
	CHECK(f.dropped && f.stream == 1);	/* CPU:1 [300808 EVENTS DROPPED], the second */
	/* from the view: n then N come back to the first */
	CHECK(view_key(&b.v, 'n'));
	while (view_busy(&b.v))
		view_work(&b.v);
	CHECK(b.v.lines[b.v.list_sel].dropped && b.v.lines[b.v.list_sel].stream == 1);
	CHECK(view_key(&b.v, 'N'));
	while (view_busy(&b.v))
		view_work(&b.v);
	CHECK(b.v.lines[b.v.list_sel].dropped && b.v.lines[b.v.list_sel].stream == 0);
	CHECK(view_key(&b.v, 'N'));
	while (view_busy(&b.v))
		view_work(&b.v);
	CHECK_EQ_STR(b.v.message, "\"EVENTS DROPPED\" not found before the selection");
	browser_close(&b);
}

CHECK_MAIN(CASE(lost_counted), CASE(lost_unknown), CASE(lost_filtered), CASE(no_loss), CASE(dropped_style),
	   CASE(search_slices))
