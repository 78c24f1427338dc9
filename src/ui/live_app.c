/* `ftui live`: the top-like screen over a live capture, and the browser on
 * the same data (Enter on a task, or Tab). */
#include "ui/app.h"
#include "ui/commands.h"
#include "ui/config.h"
#include "ui/headless.h"
#include "ui/keymap.h"
#include "ui/live_session.h"
#include "ui/term.h"
#include "ui/view.h"
#include "capture/tracedat_write.h"
#include "render/livetop.h"
#include "render/timeline.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TIDS 8192
#define STRIP_NS (10ULL * 1000000000)	/* the live timeline shows the last 10 s */

enum live_mode { MODE_TOP, MODE_BROWSER };

struct live_app {
	struct live_session ls;
	struct live_args *args;
	struct keymap *keys;
	enum live_mode mode;
	struct view view;
	bool view_ready;
	struct livetop_view top;
	int32_t tids[MAX_TIDS];
	int nr_tids;
	double refresh, next_cut;
	bool paused;
	bool help;
	bool prompting;			/* / typed: filter text follows */
	char filter[64];
	int filter_len;
	char message[256];
	int w, h;
	pid_t child;
	bool child_done;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The process a thread belongs to, from /proc (live only). */
static int tgid_of(int tid)
{
	char path[64], line[128];
	FILE *f;
	int tgid = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "Tgid:", 5)) {
			tgid = atoi(line + 5);
			break;
		}
	fclose(f);
	return tgid;
}

static const struct task_interval *shown_interval(const struct live_app *la)
{
	int i = la->ls.nr_history - 1 - la->top.history_back;

	return i >= 0 ? la->ls.history[i] : NULL;
}

static void update_top(struct live_app *la)
{
	const struct task_interval *iv = shown_interval(la);

	la->top.iv = iv;
	la->top.seconds = iv && iv->end > iv->start ? (iv->end - iv->start) / 1e9 : la->refresh;
	la->top.uptime = now_s() - la->ls.started;
	la->top.events_total = la->ls.events_total;
	la->top.lost_total = live_session_lost(&la->ls);
	la->top.memory = live_session_memory(&la->ls);
	la->top.paused = la->paused;
	la->top.filter = la->filter[0] ? la->filter : NULL;
	la->top.output = la->ls.output;
	la->top.output_failed = la->ls.w && tracedat_writer_error(la->ls.w)[0];
	la->top.tgid = tgid_of;
}

static bool tick(void *ctx)
{
	struct live_app *la = ctx;
	bool redraw = false;

	if (live_session_poll(&la->ls) < 0)
		snprintf(la->message, sizeof(la->message), "reading tracefs failed");
	if (la->child > 0 && !la->child_done && waitpid(la->child, NULL, WNOHANG) == la->child) {
		la->child_done = true;
		snprintf(la->message, sizeof(la->message), "the command has ended; q quits");
		redraw = true;
	}
	if (now_s() >= la->next_cut) {
		la->next_cut = now_s() + la->refresh;
		live_session_cut(&la->ls);
		/* paused: the table stays, capture goes on (like htop's Z) */
		if (la->paused && la->top.history_back < LIVE_HISTORY - 1)
			la->top.history_back++;
		if (la->top.history_back >= la->ls.nr_history)
			la->top.history_back = la->ls.nr_history - 1;
		if (la->view_ready)
			view_refresh(&la->view);
		update_top(la);
		redraw = true;
	}
	return redraw;
}

static void open_browser(struct live_app *la, int32_t tid)
{
	char err[256];

	if (!la->view_ready) {
		if (view_init(&la->view, &la->ls.ss, la->keys, "live", la->args->ascii)) {
			snprintf(la->message, sizeof(la->message), "out of memory");
			return;
		}
		la->view_ready = true;
		view_resize(&la->view, la->w, la->h);
	}
	view_refresh(&la->view);
	la->view.task_pid = tid;
	la->view.tl.cursor = la->view.last_ts;
	view_key(&la->view, K_END);
	if (tid > 0)
		snprintf(la->view.message, sizeof(la->view.message), "task %d; q or Esc back to the task table", tid);
	(void)err;
	la->mode = MODE_BROWSER;
}

static void write_recent(struct live_app *la)
{
	char path[128], err[512];
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(path, sizeof(path), "ftui-live-%Y%m%d-%H%M%S.dat", &tm);
	if (live_session_save(&la->ls, path, 60, err, sizeof(err)))
		snprintf(la->message, sizeof(la->message), "cannot write: %.200s", err);
	else
		snprintf(la->message, sizeof(la->message), "wrote the last 60 s held in memory to %s", path);
}

static bool filter_key(struct live_app *la, int key)
{
	if (key == K_ENTER || key == K_ESC) {
		la->prompting = false;
		if (key == K_ESC)
			la->filter[0] = '\0', la->filter_len = 0;
	} else if (key == K_BACKSPACE) {
		if (la->filter_len)
			la->filter[--la->filter_len] = '\0';
	} else if (key >= 32 && key < 127 && la->filter_len < (int)sizeof(la->filter) - 1) {
		la->filter[la->filter_len++] = (char)key;
		la->filter[la->filter_len] = '\0';
	}
	la->top.selected = 0;
	la->top.first_row = 0;
	update_top(la);
	return true;
}

static void move_selection(struct live_app *la, int delta)
{
	int rows = la->h - 5;

	la->top.selected += delta;
	if (la->top.selected >= la->nr_tids)
		la->top.selected = la->nr_tids - 1;
	if (la->top.selected < 0)
		la->top.selected = 0;
	if (la->top.selected < la->top.first_row)
		la->top.first_row = la->top.selected;
	if (rows > 0 && la->top.selected >= la->top.first_row + rows)
		la->top.first_row = la->top.selected - rows + 1;
}

static bool top_key(struct live_app *la, int key)
{
	la->message[0] = '\0';
	if (la->help) {
		la->help = false;
		return true;
	}
	if (la->prompting)
		return filter_key(la, key);
	switch (key) {
	case 'q': case K_CTRL_C: return false;
	case '?': case K_F1: la->help = true; break;
	case '<': la->top.sort = (la->top.sort + COL_COUNT - 1) % COL_COUNT; break;
	case '>': case K_F6: la->top.sort = (la->top.sort + 1) % COL_COUNT; break;
	case 'I': la->top.descending = !la->top.descending; break;
	case 'i': la->top.interval = !la->top.interval; break;
	case '/': la->prompting = true; la->filter_len = 0; la->filter[0] = '\0'; break;
	case K_UP: case 'k': move_selection(la, -1); break;
	case K_DOWN: case 'j': move_selection(la, 1); break;
	case K_PGUP: move_selection(la, -(la->h - 6)); break;
	case K_PGDN: move_selection(la, la->h - 6); break;
	case 'z': case ' ': la->paused = !la->paused; if (!la->paused) la->top.history_back = 0; break;
	case 't': if (la->top.history_back < la->ls.nr_history - 1) la->top.history_back++; break;
	case 'T': if (la->top.history_back > 0) la->top.history_back--; break;
	case 'w': write_recent(la); break;
	case K_ENTER:
		if (la->top.selected >= 0 && la->top.selected < la->nr_tids)
			open_browser(la, la->tids[la->top.selected]);
		break;
	case K_TAB: open_browser(la, -1); break;
	default: break;
	}
	update_top(la);
	return true;
}

static bool key(void *ctx, int k)
{
	struct live_app *la = ctx;

	if (la->mode == MODE_BROWSER) {
		bool at_top = !la->view.help && la->view.prompt == PROMPT_NONE && la->view.zoom_cpu < 0 &&
			      !la->view.task_view && !la->view.lat && !la->view.hist && !la->view.graph;

		if (k == 'q' || (k == K_ESC && at_top)) {
			la->mode = MODE_TOP;
			return true;
		}
		if (k == K_CTRL_C)
			return false;
		view_key(&la->view, k);
		return true;
	}
	return top_key(la, k);
}

static void resize(void *ctx, int w, int h)
{
	struct live_app *la = ctx;

	la->w = w;
	la->h = h;
	if (la->view_ready)
		view_resize(&la->view, w, h);
}

static void draw_help(struct grid *g)
{
	static const char *const lines[] = {
		"ftui live keys (any key closes)",
		"",
		"Up/Down j/k  select a task          Enter  its timeline and events",
		"< >          sort by another column I      reverse the order",
		"i            counts and latency of the last interval / since the start",
		"/            show tasks whose comm contains text (Esc clears)",
		"z Space      pause the table (capture goes on)",
		"t T          step back / forward through past intervals",
		"w            write the last 60 s held in memory to a trace.dat",
		"Tab          the browser on all live data (q or Esc comes back)",
		"q C-c        quit (tracing is stopped and its instance removed)",
	};
	int y = 2;

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && y < g->h - 1; i++, y++) {
		grid_fill(g, 2, y, g->w - 4, " ", ROLE_NORMAL);
		grid_text(g, 3, y, g->w - 6, lines[i], i == 0 ? ROLE_TITLE : ROLE_NORMAL);
	}
}

static void draw(void *ctx, struct grid *g)
{
	struct live_app *la = ctx;
	char status[320];

	if (la->mode == MODE_BROWSER) {
		view_draw(&la->view, g);
		return;
	}
	la->top.strip_rows = TIMELINE_AXIS_H + la->ls.ss.store->nr_streams;
	if (la->top.strip_rows > 10)
		la->top.strip_rows = 10;
	la->nr_tids = render_livetop(g, &la->top, la->tids, MAX_TIDS);
	if (la->nr_tids > MAX_TIDS)
		la->nr_tids = MAX_TIDS;
	if (la->top.strip_y >= 0 && la->ls.last_ts) {
		/* the last STRIP_SECONDS as event density, scrolling with time */
		struct timeline_view tv = { .selected = -1 };

		tv.t1 = la->ls.last_ts + 1;
		tv.t0 = tv.t1 > STRIP_NS ? tv.t1 - STRIP_NS : 0;
		tv.cursor = la->ls.last_ts;
		render_timeline(g, 0, la->top.strip_y, g->w, la->top.strip_rows, la->ls.ss.store, NULL, NULL, &tv);
	}
	if (la->prompting)
		snprintf(status, sizeof(status), "filter: %s_", la->filter);
	else if (la->message[0])
		snprintf(status, sizeof(status), "%s", la->message);
	else
		snprintf(status, sizeof(status), "sort: %s%s  ? help  Enter timeline  </> sort  / filter  z pause  "
			 "t/T history  w write  q quit", livetop_col_name(la->top.sort), la->top.descending ? " v" : " ^");
	grid_fill(g, 0, g->h - 1, g->w, " ", ROLE_STATUS);
	grid_text(g, 0, g->h - 1, g->w, status, la->message[0] ? ROLE_MESSAGE : ROLE_STATUS);
	if (la->help)
		draw_help(g);
}

static int run(struct live_app *la, const struct theme *theme, bool mono, const char *headless, const char *keys,
	       char *err, size_t errlen)
{
	struct app app = {
		.ctx = la, .resize = resize, .draw = draw, .key = key, .tick = tick, .tick_ms = 20,
		.ascii = la->args->ascii,
	};
	int w, h;

	if (!headless)
		return term_run(&app, theme, !mono, false, err, errlen);
	if (sscanf(headless, "%dx%d", &w, &h) != 2 || w < 1 || h < 1 || w > 1000 || h > 1000) {
		snprintf(err, errlen, "bad --headless size \"%s\"", headless);
		return -1;
	}
	return headless_run(&app, w, h, keys ? keys : "!sleep=2 !dump", stdout, err, errlen);
}

/* ftui live [capture options] [--headless=WxH --keys=SCRIPT] [-- COMMAND] */
int cmd_live(int argc, char **argv)
{
	struct live_app *la = calloc(1, sizeof(*la));
	struct live_args a;
	struct theme theme;
	const char *headless = NULL, *keys = NULL;
	char err[512], *script = NULL;
	int ret = 1, kept = 1;

	if (!la)
		return 1;
	/* --headless and --keys are ours; the rest are capture options */
	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--headless=", 11))
			headless = argv[i] + 11;
		else if (!strncmp(argv[i], "--keys=", 7))
			keys = argv[i] + 7;
		else
			argv[kept++] = argv[i];
		if (!strcmp(argv[i], "--"))
			for (i++; i < argc; i++)
				argv[kept++] = argv[i];
	}
	argc = kept;
	if (live_args_parse(argc, argv, &a, false)) {
		free(la);
		return 2;
	}
	if (!headless && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "ftui: live needs a terminal (or --headless=WxH --keys=SCRIPT; ftui record has no screen)\n");
		free(la);
		live_args_free(&a);
		return 2;
	}
	if (!a.ascii && !strstr(nl_langinfo(CODESET), "UTF-8"))
		a.ascii = true;
	theme_default(&theme);
	if (a.mono || (getenv("NO_COLOR") && *getenv("NO_COLOR")))
		theme_mono(&theme), a.mono = true;
	la->args = &a;
	a.opts.symbols = true;	/* the browser prints events */
	la->refresh = a.refresh;
	la->top.sort = COL_CPU_PCT;
	la->top.descending = true;
	la->keys = keymap_new();
	la->child = -1;
	script = keys ? headless_read_script(keys) : NULL;
	if (!la->keys || (keys && !script)) {
		fprintf(stderr, "ftui: %s\n", la->keys ? "cannot read the key script" : "out of memory");
		goto out;
	}
	if (a.argv && live_spawn(&a, &la->child, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		goto out;
	}
	if (live_session_open(&la->ls, &a, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		live_spawn_abort(la->child);
		goto out;
	}
	term_on_crash(live_session_crash_cleanup);
	live_spawn_go(la->child);
	la->next_cut = now_s() + la->refresh;
	update_top(la);
	ret = run(la, &theme, a.mono, headless, script, err, sizeof(err)) ? 1 : 0;
	if (ret)
		fprintf(stderr, "ftui: %s\n", err);
	if (la->view_ready)
		view_done(&la->view);
	if (live_session_close(&la->ls, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		ret = 1;
	}
	if (la->child > 0 && !la->child_done) {
		kill(la->child, SIGTERM);
		waitpid(la->child, NULL, 0);
	}
	if (!ret && term_stopped_by())
		ret = 0;
out:
	free(script);
	keymap_free(la->keys);
	live_args_free(&a);
	free(la);
	return ret;
}
