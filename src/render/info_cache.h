/* A cache of formatted event text, keyed by the record's bytes.
 *
 * Printing an event through its print format is what makes a report slow,
 * and traces repeat themselves: the same syscall with the same arguments, the
 * same two tasks switching.  For events whose text depends only on the bytes
 * of the record, the text of an identical record is reused.  Events whose
 * printing keeps state (the function plugin's call depth) or looks at more
 * than the record are always printed afresh. */
#ifndef FTUI_INFO_CACHE_H
#define FTUI_INFO_CACHE_H

#include <stdbool.h>

struct tep_handle;
struct tep_record;
struct trace_seq;
struct info_cache;

struct info_cache *info_cache_new(struct tep_handle *tep, bool raw);
void info_cache_free(struct info_cache *c);

/* Append the info text of rec (what follows "<event>: ") to s. */
void info_cache_print(struct info_cache *c, struct trace_seq *s, struct tep_record *rec);

#endif
