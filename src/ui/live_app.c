/* `ftui live`: the top-like table over a live capture, and the browser on
 * the same data (Enter on a task, or Tab).  The table is a fullscreen pane
 * over the browser: Enter or Tab closes it, q or Esc in the browser's main
 * view opens it again. */
#include "ui/app.h"
#include "ui/commands.h"
#include "ui/config.h"
#include "ui/headless.h"
#include "ui/keymap.h"
#include "ui/live_session.h"
#include "ui/live_tasks.h"
#include "ui/pane.h"
#include "ui/prompt.h"
#include "ui/term.h"
#include "ui/view.h"
#include "capture/livewriter.h"
#include "render/livetop.h"
#include "render/timeline.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_TIDS 8192
#define STRIP_NS (10ULL * 1000000000)	/* the live timeline shows the last 10 s */

struct live_app {
	struct live_session ls;
	struct live_args *args;
	struct keymap *keys;
	struct view view;		/* the browser, under the table */
	bool view_ready;		/* view_init done */
	bool browsed;			/* the browser has been shown: keep it up to date */
	struct livetop_view top;
	int32_t tids[MAX_TIDS];
	int nr_tids;
	double refresh, next_cut;
	bool paused;
	char filter[64];		/* comm filter of the table */
	char message[256];
	int w, h;
	pid_t child;
	bool child_done;
	struct live_tasks tasks;
	bool tasks_ready;
	char command_output[512];	/* the command's output file */
	char command_line[700];		/* the header's line about it */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
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
	la->top.output_failed = la->ls.out && livewriter_failed(la->ls.out);
	la->top.tasks = &la->tasks;
	la->top.tgid = live_tasks_tgid;
	la->top.known = live_tasks_known;
	la->top.partial = la->tasks.following;
	if (la->child > 0) {
		snprintf(la->command_line, sizeof(la->command_line), " command %s (pid %d, %s): output in %s",
			 la->args->argv[0], (int)la->child, la->child_done ? "ended" : "running", la->command_output);
		la->top.command = la->command_line;
	}
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
		live_tasks_refresh(&la->tasks);
		/* paused: the table stays, capture goes on (like htop's Z) */
		if (la->paused && la->top.history_back < LIVE_HISTORY - 1)
			la->top.history_back++;
		if (la->top.history_back >= la->ls.nr_history)
			la->top.history_back = la->ls.nr_history - 1;
		if (la->browsed)
			view_refresh(&la->view);
		update_top(la);
		redraw = true;
	}
	return redraw;
}

/* The browser on the live data, following the newest events: of task tid,
 * or of all (tid -1).  The table pane closes after this. */
static void open_browser(struct live_app *la, int32_t tid)
{
	la->browsed = true;
	view_refresh(&la->view);
	la->view.task_pid = tid;
	view_show_time(&la->view, la->view.last_ts);
	if (tid > 0)
		snprintf(la->view.message, sizeof(la->view.message), "task %d; q or Esc back to the task table", tid);
}

static void write_recent(struct live_app *la)
{
	char path[128], err[512];
	double covered = 0;
	time_t t = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(path, sizeof(path), "ftui-live-%Y%m%d-%H%M%S.dat", &tm);
	if (live_session_save(&la->ls, path, 60, &covered, err, sizeof(err)))
		snprintf(la->message, sizeof(la->message), "cannot write: %.200s", err);
	else if (covered < 59.95)
		snprintf(la->message, sizeof(la->message), "wrote the %.1f s held in memory (not 60: see --memory) to %s",
			 covered, path);
	else
		snprintf(la->message, sizeof(la->message), "wrote the last 60 s to %s", path);
}

static void filter_changed(void *arg, const char *text)
{
	struct live_app *la = arg;

	snprintf(la->filter, sizeof(la->filter), "%s", text);
	la->top.selected = 0;
	la->top.first_row = 0;
	update_top(la);
}

static void filter_cancelled(void *arg)
{
	filter_changed(arg, "");
}

static const struct prompt_def filter_prompt = {
	.label = "filter: ", .done = filter_changed, .changed = filter_changed, .cancelled = filter_cancelled,
};

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

enum live_action {
	LV_QUIT = 1, LV_SORT_PREV, LV_SORT_NEXT, LV_REVERSE, LV_INTERVAL, LV_FILTER, LV_UP, LV_DOWN, LV_PAGE_UP,
	LV_PAGE_DOWN, LV_PAUSE, LV_BACK, LV_FORWARD, LV_WRITE, LV_ENTER, LV_BROWSER,
};

static const struct action_info actions[] = {
	{ LV_UP, "up", "select the previous task" },
	{ LV_DOWN, "down", "select the next task" },
	{ LV_PAGE_UP, "page-up", "a page of tasks back" },
	{ LV_PAGE_DOWN, "page-down", "a page of tasks on" },
	{ LV_ENTER, "enter", "the selected task's timeline and events" },
	{ LV_SORT_PREV, "sort-prev", "sort by the previous column" },
	{ LV_SORT_NEXT, "sort-next", "sort by the next column" },
	{ LV_REVERSE, "reverse", "reverse the order" },
	{ LV_INTERVAL, "interval", "counts and latency of the last interval, or since the start" },
	{ LV_FILTER, "filter", "show tasks whose comm contains text (Esc clears)" },
	{ LV_PAUSE, "pause", "pause the table (capture goes on)" },
	{ LV_BACK, "history-back", "step back through past intervals" },
	{ LV_FORWARD, "history-forward", "step forward through past intervals" },
	{ LV_WRITE, "write", "write the last 60 s held in memory to a trace.dat" },
	{ LV_BROWSER, "browser", "the browser on all live data (q or Esc comes back)" },
	{ LV_QUIT, "quit", "quit (tracing is stopped and its instance removed)" },
};

static const struct key_binding defaults[] = {
	{ 'q', LV_QUIT }, { K_CTRL_C, LV_QUIT }, { '<', LV_SORT_PREV }, { '>', LV_SORT_NEXT }, { K_F6, LV_SORT_NEXT },
	{ 'I', LV_REVERSE }, { 'i', LV_INTERVAL }, { '/', LV_FILTER }, { K_UP, LV_UP }, { 'k', LV_UP },
	{ K_DOWN, LV_DOWN }, { 'j', LV_DOWN }, { K_PGUP, LV_PAGE_UP }, { K_PGDN, LV_PAGE_DOWN },
	{ 'z', LV_PAUSE }, { ' ', LV_PAUSE }, { 't', LV_BACK }, { 'T', LV_FORWARD }, { 'w', LV_WRITE },
	{ K_ENTER, LV_ENTER }, { K_TAB, LV_BROWSER },
};

const struct keymap_def live_keymap = {
	"live", "ftui live keys", actions, sizeof(actions) / sizeof(actions[0]), defaults,
	sizeof(defaults) / sizeof(defaults[0]),
};

/* The actions that leave the table. */
static enum pane_result leave(struct live_app *la, int a)
{
	if (a == LV_QUIT)
		return PANE_QUIT;
	if (a == LV_BROWSER) {
		open_browser(la, -1);
		return PANE_CLOSE;
	}
	if (la->top.selected < 0 || la->top.selected >= la->nr_tids)
		return PANE_REDRAW;
	open_browser(la, la->tids[la->top.selected]);
	return PANE_CLOSE;
}

static enum pane_result table_action(struct pane *p, int a, int key)
{
	struct live_app *la = p->state;

	la->message[0] = '\0';
	switch (a) {
	case LV_QUIT: case LV_BROWSER: case LV_ENTER: return leave(la, a);
	case LV_SORT_PREV: la->top.sort = (la->top.sort + COL_COUNT - 1) % COL_COUNT; break;
	case LV_SORT_NEXT: la->top.sort = (la->top.sort + 1) % COL_COUNT; break;
	case LV_REVERSE: la->top.descending = !la->top.descending; break;
	case LV_INTERVAL: la->top.interval = !la->top.interval; break;
	case LV_FILTER:
		filter_changed(la, "");
		p->host->ops->prompt(p->host->ctx, &filter_prompt, la);
		break;
	case LV_UP: move_selection(la, -1); break;
	case LV_DOWN: move_selection(la, 1); break;
	case LV_PAGE_UP: move_selection(la, -(la->h - 6)); break;
	case LV_PAGE_DOWN: move_selection(la, la->h - 6); break;
	case LV_PAUSE: la->paused = !la->paused; if (!la->paused) la->top.history_back = 0; break;
	case LV_BACK: if (la->top.history_back < la->ls.nr_history - 1) la->top.history_back++; break;
	case LV_FORWARD: if (la->top.history_back > 0) la->top.history_back--; break;
	case LV_WRITE: write_recent(la); break;
	default: return PANE_UNHANDLED;
	}
	update_top(la);
	return PANE_REDRAW;
}

static void draw_table(struct pane *p, struct grid *g, int y, int h);

static const struct pane_class table_class = {
	.name = "live", .keys = &live_keymap, .action = table_action, .draw = draw_table, .fullscreen = true,
};

/* The table over the browser (its state is the app: nothing to free). */
static void show_table(struct live_app *la)
{
	struct pane *p = pane_new(&table_class, &la->view.host, la);

	if (p)
		view_push_pane(&la->view, p);
}

static bool table_on_top(const struct live_app *la)
{
	const struct pane *p = view_top_pane(&la->view);

	return p && p->cls == &table_class;
}

static bool key(void *ctx, int k)
{
	struct live_app *la = ctx;
	const struct view *v = &la->view;
	bool quit_key = keymap_lookup(la->keys, k) == ACT_QUIT && k != K_CTRL_C;

	/* q in the browser (or Esc in its main view) goes back to the table;
	 * a search running takes Esc */
	if (!view_busy(v) && !table_on_top(la) && !v->panes.n && !v->help && !prompt_is_open(&v->prompt) &&
	    (quit_key || (k == K_ESC && view_at_base(v)))) {
		show_table(la);
		return true;
	}
	return view_key(&la->view, k);
}

static bool busy(void *ctx)
{
	struct live_app *la = ctx;

	return la->view_ready && view_busy(&la->view);
}

static void work(void *ctx)
{
	struct live_app *la = ctx;

	view_work(&la->view);
}

static bool repaint(void *ctx)
{
	struct live_app *la = ctx;
	bool r = la->view.repaint;

	la->view.repaint = false;
	return r;
}

static void resize(void *ctx, int w, int h)
{
	struct live_app *la = ctx;

	la->w = w;
	la->h = h;
	view_resize(&la->view, w, h);
}

static void draw(void *ctx, struct grid *g)
{
	struct live_app *la = ctx;

	view_draw(&la->view, g);
}

static void draw_table(struct pane *p, struct grid *g, int y, int h)
{
	struct live_app *la = p->state;
	char status[320];

	la->top.strip_rows = TIMELINE_AXIS_H + la->ls.ss.store->nr_streams;
	if (la->top.strip_rows > 10)
		la->top.strip_rows = 10;
	la->nr_tids = render_livetop(g, &la->top, la->tids, MAX_TIDS);
	if (la->nr_tids > MAX_TIDS)
		la->nr_tids = MAX_TIDS;
	if (la->top.strip_y >= 0 && la->ls.newest_ts) {
		/* the last STRIP_SECONDS as event density, scrolling with time */
		struct timeline_view tv = { .selected = -1 };

		tv.t1 = la->ls.newest_ts + 1;
		tv.t0 = tv.t1 > STRIP_NS ? tv.t1 - STRIP_NS : 0;
		tv.cursor = la->ls.newest_ts;
		render_timeline(g, 0, la->top.strip_y, g->w, la->top.strip_rows, la->ls.ss.store, NULL, NULL, &tv);
	}
	if (la->message[0])
		snprintf(status, sizeof(status), "%s", la->message);
	else
		snprintf(status, sizeof(status), "sort: %s%s  ? help  Enter timeline  </> sort  / filter  z pause  "
			 "t/T history  w write  q quit", livetop_col_name(la->top.sort), la->top.descending ? " v" : " ^");
	grid_fill(g, 0, g->h - 1, g->w, " ", ROLE_STATUS);
	grid_text(g, 0, g->h - 1, g->w, status, la->message[0] ? ROLE_MESSAGE : ROLE_STATUS);
}

static int run(struct live_app *la, const struct theme *theme, bool mono, const char *headless, const char *keys,
	       char *err, size_t errlen)
{
	struct app app = {
		.ctx = la, .resize = resize, .draw = draw, .key = key, .tick = tick, .tick_ms = 20, .repaint = repaint,
		.busy = busy, .work = work,
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

/* The command's output file: --command-output, else one named after ftui's
 * pid in $TMPDIR; made now, so that a bad path is said before anything
 * starts. */
static int command_output(struct live_app *la, struct live_args *a)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (a->command_output)
		snprintf(la->command_output, sizeof(la->command_output), "%s", a->command_output);
	else
		snprintf(la->command_output, sizeof(la->command_output), "%s/ftui-live-%d.out",
			 tmp && *tmp ? tmp : "/tmp", (int)getpid());
	a->command_output = la->command_output;
	fd = open(la->command_output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "ftui: cannot write the command's output to %s: %s\n", la->command_output,
			strerror(errno));
		return -1;
	}
	close(fd);
	return 0;
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
	if (a.argv && command_output(la, &a))
		goto out;
	if (a.argv && live_spawn(&a, &la->child, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		goto out;
	}
	if (live_session_open(&la->ls, &a, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		live_spawn_abort(la->child);
		goto out;
	}
	if (view_init(&la->view, &la->ls.ss, la->keys, "live", a.ascii)) {
		fprintf(stderr, "ftui: out of memory\n");
		live_session_close(&la->ls, err, sizeof(err));
		live_spawn_abort(la->child);
		goto out;
	}
	la->view_ready = true;
	live_tasks_init(&la->tasks, la->ls.l, a.opts.nr_pids > 0);
	la->tasks_ready = true;
	show_table(la);
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
		if (kill(-la->child, SIGTERM))	/* its session: it and its children */
			kill(la->child, SIGTERM);	/* (not yet in a session of its own) */
		waitpid(la->child, NULL, 0);
	}
	if (la->tasks_ready)
		live_tasks_done(&la->tasks);
	if (!ret && term_stopped_by())
		ret = 0;
out:
	free(script);
	keymap_free(la->keys);
	live_args_free(&a);
	free(la);
	return ret;
}
