/* The subcommand table: what `ftui NAME...` runs, and the lines of `ftui
 * --help` that list them.  To add a command, write its cmd_X() (commands.h)
 * and add a row here; a dump view is a row named "dump VIEW". */
#include "ui/commands.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct command {
	const char *name;	/* one word, or "dump VIEW" */
	const char *synopsis;	/* the arguments, for --help */
	const char *help;	/* one line */
	int (*run)(int argc, char **argv);	/* argv[0]: the last word of name */
};

static const struct command commands[] = {
	{ "report", "[options] [FILE]", "print the events as `trace-cmd report` does", cmd_report },
	{ "stat", "[FILE]", "summary: version, CPUs, events, lost events", cmd_stat },
	{ "convert", "[options] IN OUT", "rewrite as trace.dat v6/v7, zstd/zlib/none", cmd_convert },
	{ "dump timeline", "[options] [FILE]", "the timeline as text", cmd_dump_timeline },
	{ "dump graph", "[options] [FILE]", "function-graph call trees as text", cmd_dump_graph },
	{ "dump runs", "[options] [FILE]", "what ran on each CPU, when, how it ended", cmd_dump_runs },
	{ "dump latency", "[options] [FILE]", "wakeup-to-switch latency per task", cmd_dump_latency },
	{ "dump timehist", "[options] [FILE]", "per-switch wait, delay, run time (perf sched timehist)", cmd_dump_timehist },
	{ "dump map", "[--cpu LIST] [FILE]", "a row per switch, a column per CPU (perf sched map)", cmd_dump_map },
	{ "dump hist", "--event SYS:EVENT --hist 'keys=...' [FILE]", "a hist table, kernel syntax", cmd_dump_hist },
	{ "live", "[options] [-- COMMAND]", "top-like live view from tracefs (-o records too)", cmd_live },
	{ "record", "-o FILE [options] [-- COMMAND]", "record tracefs events to a trace.dat", cmd_record },
};

#define NR_COMMANDS (sizeof(commands) / sizeof(commands[0]))

/* How many words of argv (from argv[1]) the command's name takes, or 0. */
static int words_matched(const struct command *c, int argc, char **argv)
{
	const char *name = c->name, *sp;
	int i = 1;

	for (; (sp = strchr(name, ' ')); name = sp + 1, i++)
		if (i >= argc || strncmp(argv[i], name, (size_t)(sp - name)) || argv[i][sp - name])
			return 0;
	return i < argc && !strcmp(argv[i], name) ? i : 0;
}

void commands_usage(FILE *f, const char *prefix)
{
	size_t plen = prefix ? strlen(prefix) : 0;

	for (size_t i = 0; i < NR_COMMANDS; i++)
		if (!prefix || (!strncmp(commands[i].name, prefix, plen) && commands[i].name[plen] == ' '))
			fprintf(f, "       ftui %s %s  %s\n", commands[i].name, commands[i].synopsis, commands[i].help);
}

int commands_run(int argc, char **argv, int *status)
{
	for (size_t i = 0; i < NR_COMMANDS; i++) {
		int n = words_matched(&commands[i], argc, argv);

		if (n) {
			*status = commands[i].run(argc - n, argv + n);
			return 1;
		}
	}
	if (argc > 1 && !strcmp(argv[1], "dump")) {	/* no view, or not one of them */
		bool help = argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"));

		if (argc > 2 && !help)
			fprintf(stderr, "ftui: no dump view \"%s\"\n", argv[2]);
		fprintf(help ? stdout : stderr, "usage: ftui dump VIEW [options] [FILE], VIEW one of:\n");
		commands_usage(help ? stdout : stderr, "dump");
		*status = help ? 0 : 2;
		return 1;
	}
	return 0;
}
