/* ftui: the ftrace terminal UI.  Dispatches to the subcommands (commands.c),
 * or opens the browser. */
#include "ui/commands.h"
#include "ui/keymap.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: ftui [options] [FILE]  browse a trace.dat (default ./trace.dat)\n");
	commands_usage(f, NULL);
	fprintf(f,
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
	int status;

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
	if (commands_run(argc, argv, &status))
		return status;
	return cmd_ui(argc, argv);
}
