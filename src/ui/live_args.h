/* Options shared by `ftui live` and `ftui record`, with trace-cmd's names:
 *   -e EVENT|SYSTEM  (repeatable)   -P PID (repeatable)   -M CPUMASK
 *   -b KB per CPU    -C CLOCK       -o FILE        -p TRACER    -r PRIO
 *   --file-version 6|7   --compression none|zstd|zlib
 *   -d SECONDS (live: refresh; default 1)   --duration SECONDS (record)
 *   --memory MB (live: the store's budget)  --command-output FILE (live)
 *   -- COMMAND ARGS...
 * and running COMMAND under tracing, following it and its children. */
#ifndef FTUI_LIVE_ARGS_H
#define FTUI_LIVE_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "capture/decompress.h"
#include "capture/live.h"

struct live_args {
	struct live_opts opts;
	const char **events;
	int *pids;
	const char *output;	/* -o */
	int file_version;
	enum compression compression;
	double refresh;		/* -d */
	double duration;	/* --duration */
	int memory_mb;
	char **argv;		/* the command after --, or NULL */
	const char *command_output;	/* live: the command's stdout and stderr go here (its stdin is
				 * /dev/null, it runs in a session of its own); NULL: ftui's */
	bool ascii, mono;
};

/* record: -o is required.  Returns 0, or -1 after printing the problem. */
int live_args_parse(int argc, char **argv, struct live_args *a, bool record);
void live_args_free(struct live_args *a);

/* Fork the command, stopped until live_spawn_go(); its pid joins the pids
 * to follow (with its children). */
int live_spawn(struct live_args *a, pid_t *child, char *err, size_t errlen);
void live_spawn_go(pid_t child);
void live_spawn_abort(pid_t child);

#endif
