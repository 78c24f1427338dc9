/* ftui: the ftrace terminal UI.  Dispatches to the subcommands. */
#include "ui/commands.h"
#include "ui/keymap.h"

#include <locale.h>
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
		"       ftui dump hist --event SYS:EVENT --hist 'keys=...' [FILE] a hist table, kernel syntax\n"
		"       ftui live [options] [-- COMMAND] top-like live view from tracefs (-o records too)\n"
		"       ftui record -o FILE [options] [-- COMMAND] record tracefs events to a trace.dat\n"
		"       ftui --help | --version\n"
		"browser options:\n"
		"%s"
		"`ftui COMMAND --help` shows a command's options; ? in the browser shows the keys.\n"
		"See ftui(1).\n", cmd_ui_options);
}

/* The default key table, for the manual and its test. */
static int list_keys(void)
{
	struct keymap *km = keymap_new();
	const struct action_info *acts;
	char keys[64];
	int n;

	if (!km)
		return 1;
	acts = action_table(&n);
	for (int i = 0; i < n; i++) {
		keymap_describe(km, acts[i].action, keys, sizeof(keys));
		printf("%s\t%s\t%s\n", acts[i].name, keys, acts[i].help);
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
		return list_keys();
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
	if (argc > 1 && !strcmp(argv[1], "dump"))
		return cmd_dump(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "convert"))
		return cmd_convert(argc - 1, argv + 1);
	return cmd_ui(argc, argv);
}
