/* The subcommands of ftui; each returns the process exit status.  The
 * table of them (name, --help line, function) is in commands.c. */
#ifndef FTUI_COMMANDS_H
#define FTUI_COMMANDS_H

#include <stdio.h>

/* Run the command argv[1...] names: returns 1 with its exit status in
 * *status, or 0 when argv names none (the browser then takes the args). */
int commands_run(int argc, char **argv, int *status);
/* The --help lines of the commands (prefix "dump": of its views alone). */
void commands_usage(FILE *f, const char *prefix);

int cmd_report(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_ui(int argc, char **argv);
int cmd_dump_timeline(int argc, char **argv);
int cmd_dump_graph(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_live(int argc, char **argv);
int cmd_dump_latency(int argc, char **argv);
int cmd_dump_hist(int argc, char **argv);
int cmd_dump_runs(int argc, char **argv);
int cmd_dump_timehist(int argc, char **argv);
int cmd_dump_map(int argc, char **argv);
int cmd_dump_pairs(int argc, char **argv);
int cmd_dump_notes(int argc, char **argv);
int cmd_convert(int argc, char **argv);

/* The browser's options, for `ftui --help` and `ftui FILE --help`. */
extern const char cmd_ui_options[];

#endif
