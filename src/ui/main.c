/* ftui: the ftrace terminal UI.  Dispatches to the subcommands. */
#include "ui/commands.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui [FILE]                 browse a trace.dat (default ./trace.dat)\n"
		"       ftui report [options] [FILE] print the events as `trace-cmd report` does\n"
		"       ftui stat [FILE]            summary: version, CPUs, events, lost events\n"
		"       ftui --help | --version\n"
		"See ftui(1) for the options of each command.\n");
}

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--version")) {
		printf("ftui %s\n", FTUI_VERSION);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "report"))
		return cmd_report(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "stat"))
		return cmd_stat(argc - 1, argv + 1);
	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "ftui: unknown option \"%s\"\n", argv[1]);
		usage(stderr);
		return 2;
	}
	/* The interactive browser comes with the UI; until then, the summary. */
	return cmd_stat(argc, argv);
}
