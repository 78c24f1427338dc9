/* The subcommands of ftui; each returns the process exit status. */
#ifndef FTUI_COMMANDS_H
#define FTUI_COMMANDS_H

int cmd_report(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_ui(int argc, char **argv);
int cmd_dump(int argc, char **argv);
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
