/* `ftui [FILE]`: the interactive browser, on the terminal or headless. */
#include "ui/app.h"
#include "ui/commands.h"
#include "ui/config.h"
#include "ui/headless.h"
#include "ui/log.h"
#include "model/session.h"
#include "ui/term.h"
#include "ui/view.h"

#include <getopt.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

struct ui_opts {
	const char *file;
	const char *theme;
	const char *keys;
	int headless_w, headless_h;
	int colours;		/* --colors: 0 the terminal's, -1 none */
	bool ascii, mono, mouse;
};

const char cmd_ui_options[] =
	"  --ascii            ASCII glyphs only\n"
	"  --mono             no colours (also when NO_COLOR is set)\n"
	"  --colors N         use N colours (256, 16, 8, 0) whatever the terminal says\n"
	"  --theme NAME       colour theme: default, light, mono, or a file\n"
	"  --mouse            clicks move the cursor and the selection (off by default)\n"
	"  --headless=WxH     no terminal: run --keys and print screens as text\n"
	"  --keys=SCRIPT      keys for --headless (\"+ + <Enter> !dump q\"; @FILE reads a file)\n";

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui [options] [FILE]\n"
		"Browse FILE (default ./trace.dat): per-CPU timeline and event list.\n"
		"%s"
		"Press ? in the browser for the keys; see ftui(1).\n", cmd_ui_options);
}

static int parse_args(int argc, char **argv, struct ui_opts *o)
{
	enum { OPT_ASCII = 256, OPT_MONO, OPT_THEME, OPT_HEADLESS, OPT_KEYS, OPT_MOUSE, OPT_COLOURS };
	static const struct option longopts[] = {
		{ "ascii", no_argument, NULL, OPT_ASCII },
		{ "mono", no_argument, NULL, OPT_MONO },
		{ "theme", required_argument, NULL, OPT_THEME },
		{ "headless", required_argument, NULL, OPT_HEADLESS },
		{ "keys", required_argument, NULL, OPT_KEYS },
		{ "mouse", no_argument, NULL, OPT_MOUSE },
		{ "colors", required_argument, NULL, OPT_COLOURS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_ASCII: o->ascii = true; break;
		case OPT_MONO: o->mono = true; break;
		case OPT_THEME: o->theme = optarg; break;
		case OPT_KEYS: o->keys = optarg; break;
		case OPT_MOUSE: o->mouse = true; break;
		case OPT_COLOURS:
			o->colours = atoi(optarg);
			if (strcmp(optarg, "256") && strcmp(optarg, "16") && strcmp(optarg, "8") && strcmp(optarg, "0")) {
				fprintf(stderr, "ftui: bad --colors \"%s\" (256, 16, 8 or 0)\n", optarg);
				return -1;
			}
			if (!o->colours)
				o->colours = -1;
			break;
		case OPT_HEADLESS:
			if (sscanf(optarg, "%dx%d", &o->headless_w, &o->headless_h) != 2 || o->headless_w < 1 ||
			    o->headless_h < 1 || o->headless_w > 1000 || o->headless_h > 1000) {
				fprintf(stderr, "ftui: bad --headless size \"%s\" (e.g. 80x24)\n", optarg);
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (optind < argc)
		o->file = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "ftui: unexpected argument \"%s\"\n", argv[optind]);
		return -1;
	}
	if (!o->file)
		o->file = "trace.dat";
	return 0;
}

/* Loading a big file: a progress line on stderr; q or Ctrl-C stops it.  The
 * terminal is put in non-canonical mode meanwhile so q arrives at once. */
static volatile sig_atomic_t load_interrupted;

static void on_load_signal(int sig)
{
	(void)sig;
	load_interrupted = 1;
}

static bool quit_pressed(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
	char c;

	while (poll(&p, 1, 0) > 0 && read(STDIN_FILENO, &c, 1) == 1)
		if (c == 'q' || c == 3)
			return true;
	return false;
}

static int progress(void *ctx, uint64_t done, uint64_t total)
{
	const char *file = ctx;

	fprintf(stderr, "\rftui: indexing %s: %3d%% (%llu/%llu pages)  q stops", file,
		total ? (int)(done * 100 / total) : 100, (unsigned long long)done, (unsigned long long)total);
	return load_interrupted || quit_pressed();
}

static int open_with_progress(struct session *ss, const char *file, struct load_options *lo, char *err,
			      size_t errlen)
{
	struct sigaction sa = { .sa_handler = on_load_signal }, old_int, old_term;
	struct termios saved, raw;
	bool tty = tcgetattr(STDIN_FILENO, &saved) == 0;
	int ret;

	if (tty) {
		raw = saved;
		raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	ret = session_open(ss, file, lo, err, errlen);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	if (tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	fprintf(stderr, "\r\033[K");
	return ret;
}

/* The user's config file: bindings and colours; a bad line is reported in
 * the status line, not fatal. */
static void load_user_config(struct theme *t, struct keymap *km, struct view *v)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[1024], err[512];

	if (xdg && *xdg)
		snprintf(path, sizeof(path), "%s/ftui/config", xdg);
	else if (home)
		snprintf(path, sizeof(path), "%s/.config/ftui/config", home);
	else
		return;
	if (access(path, R_OK))
		return;
	if (config_load(path, t, km, err, sizeof(err)))
		{
		snprintf(v->message, sizeof(v->message), "%.250s", err);
		v->message_error = true;
	}
}

int cmd_ui(int argc, char **argv)
{
	struct ui_opts o = { 0 };
	struct load_options lo = { 0 };
	struct theme theme;
	struct keymap *km;
	struct session ss;
	struct view v;
	struct app app;
	char err[512];
	int ret = 1;
	bool interactive;

	if (parse_args(argc, argv, &o))
		return 2;
	interactive = !o.headless_w;
	if (!interactive && !o.keys) {
		fprintf(stderr, "ftui: --headless needs --keys\n");
		return 2;
	}
	if (interactive && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, "ftui: the browser needs a terminal (try ftui report or ftui stat)\n");
		return 2;
	}
	if (!o.ascii && !strstr(nl_langinfo(CODESET), "UTF-8"))
		o.ascii = true;
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o.mono = true;
	theme_default(&theme);
	if (o.mono)
		theme_mono(&theme);
	if (o.theme && theme_load(o.theme, &theme, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 2;
	}
	if (interactive && isatty(STDERR_FILENO)) {
		lo.progress = progress;
		lo.ctx = (void *)o.file;
	}
	if (lo.progress ? open_with_progress(&ss, o.file, &lo, err, sizeof(err))
			: session_open(&ss, o.file, &lo, err, sizeof(err))) {
		fprintf(stderr, "ftui: %s\n", err);
		return 1;
	}
	km = keymap_new();
	if (!km || view_init(&v, &ss, km, strrchr(o.file, '/') ? strrchr(o.file, '/') + 1 : o.file, o.ascii)) {
		fprintf(stderr, "ftui: out of memory\n");
		goto out;
	}
	load_user_config(&theme, km, &v);
	view_app(&v, &app);
	app.colours = o.mono ? -1 : o.colours;
	if (interactive) {
		ret = term_run(&app, &theme, !o.mono, o.mouse, err, sizeof(err)) ? 1 : 0;
	} else {
		char *script = headless_read_script(o.keys);

		ret = !script || headless_run(&app, o.headless_w, o.headless_h, script, stdout, err, sizeof(err)) ? 1 : 0;
		if (!script)
			snprintf(err, sizeof(err), "cannot read %s", o.keys);
		free(script);
	}
	if (ret)
		fprintf(stderr, "ftui: %s\n", err);
	view_done(&v);
out:
	keymap_free(km);
	session_close(&ss);
	log_clear();
	return ret;
}
