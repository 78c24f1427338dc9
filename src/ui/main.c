/* ftui: the ftrace terminal UI.  Dispatches to the subcommands. */
#include "ui/commands.h"
#include "ui/keymap.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui [options] [FILE]        browse a trace.dat (default ./trace.dat)\n"
		"       ftui report [options] [FILE] print the events as `trace-cmd report` does\n"
		"       ftui stat [FILE]             summary: version, CPUs, events, lost events\n"
		"       ftui convert [options] IN OUT rewrite as trace.dat v6/v7, zstd/zlib/none\n"
		"       ftui dump timeline [options] [FILE] the timeline as text\n"
		"       ftui dump graph [options] [FILE] function-graph call trees as text\n"
		"       ftui dump runs [options] [FILE] what ran on each CPU, when, how it ended\n"
		"       ftui dump latency [options] [FILE] wakeup-to-switch latency per task\n"
		"       ftui dump timehist [options] [FILE] per-switch wait, delay, run time (perf sched timehist)\n"
		"       ftui dump map [--cpu LIST] [FILE] a row per switch, a column per CPU (perf sched map)\n"
		"       ftui dump hist --event SYS:EVENT --hist 'keys=...' [FILE] a hist table, kernel syntax\n"
		"       ftui live [options] [-- COMMAND] top-like live view from tracefs (-o records too)\n"
		"       ftui record -o FILE [options] [-- COMMAND] record tracefs events to a trace.dat\n"
		"       ftui --help | --version\n"
		"browser options:\n"
		"%s"
		"`ftui COMMAND --help` shows a command's options; ? in the browser shows the keys.\n"
		"See ftui(1).\n", cmd_ui_options);
}

/* The default key tables, for the manual and its test: the global one,
 * then each pane's, whose actions are "NAME.ACTION" in the config. */
static int list_keys(bool titles)
{
	struct keymap *km = keymap_new();
	char keys[64];

	if (!km)
		return 1;
	for (int t = 0; t < keymap_nr_tables(km); t++) {
		const struct keytable *kt = keymap_table_at(km, t);
		const struct keymap_def *d = keytable_def(kt);

		if (titles)
			printf("%s\t%s\n", d->name, d->title);
		for (int i = 0; !titles && i < d->nr_actions; i++) {
			keytable_describe(kt, d->actions[i].action, keys, sizeof(keys));
			printf("%s%s%s\t%s\t%s\n", t ? d->name : "", t ? "." : "", d->actions[i].name, keys,
			       d->actions[i].help);
		}
	}
	keymap_free(km);
	return 0;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("ftui %s\n", FTUI_VERSION);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--list-keys"))
		return list_keys(false);
	if (argc > 1 && !strcmp(argv[1], "--list-keymaps"))
		return list_keys(true);
	if (argc > 1 && !strcmp(argv[1], "report"))
		return cmd_report(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "stat"))
		return cmd_stat(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "live"))
		return cmd_live(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "record"))
		return cmd_record(argc - 1, argv + 1);
	if (argc > 2 && !strcmp(argv[1], "dump") && !strcmp(argv[2], "hist"))
		return cmd_dump_hist(argc - 2, argv + 2);
	if (argc > 2 && !strcmp(argv[1], "dump") && !strcmp(argv[2], "runs"))
		return cmd_dump_runs(argc - 2, argv + 2);
	if (argc > 2 && !strcmp(argv[1], "dump") && !strcmp(argv[2], "latency"))
		return cmd_dump_latency(argc - 2, argv + 2);
	if (argc > 2 && !strcmp(argv[1], "dump") && !strcmp(argv[2], "timehist"))
		return cmd_dump_timehist(argc - 2, argv + 2);
	if (argc > 2 && !strcmp(argv[1], "dump") && !strcmp(argv[2], "map"))
		return cmd_dump_map(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "dump"))
		return cmd_dump(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "convert"))
		return cmd_convert(argc - 1, argv + 1);
	return cmd_ui(argc, argv);
}
