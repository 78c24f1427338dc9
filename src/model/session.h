/* A loaded trace: the open file, its event store and a page source, as every
 * command and the UI use them. */
#ifndef FTUI_SESSION_H
#define FTUI_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/load.h"
#include "model/store.h"

struct tracedat;
struct tep_handle;
struct tep_record;

struct session {
	struct tracedat *td;	/* the file, or NULL when live */
	struct tep_handle *tep;	/* the event formats (the file's, or the live system's) */
	bool in_usecs;		/* timestamps print as seconds.microseconds */
	int nr_cpus;		/* the trace's CPU count (header or CPUCOUNT); 0: as the store's streams say */
	struct store *store;
	struct store_source src;
};

/* Open and index path.  Prints nothing; on error fills err and returns -1. */
int session_open(struct session *ss, const char *path, const struct load_options *opt, char *err, size_t errlen);
void session_close(struct session *ss);

/* Fill rec for event index of stream; false if its bytes cannot be read. */
bool session_record(struct session *ss, int stream, uint64_t index, struct tep_record *rec);

/* Parse a CPU list like "0,2-3" into mask[0..n); -1 on a syntax error. */
int parse_cpu_list(const char *list, bool *mask, int n);
/* parse_cpu_list; on a syntax error the offset of the byte at fault in *bad
 * (a range ending below its start: its end's first digit). */
int parse_cpu_list_at(const char *list, bool *mask, int n, size_t *bad);

#endif
