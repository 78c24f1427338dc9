/* The sched map as text, laid out as `perf sched map`: a row per run start,
 * a column per CPU (the CPU where the row happens marked '*', or '+' when
 * the model inferred the start), each showing the two-character code of
 * what runs there ('.' idle, '?' unknown, blank before anything is known),
 * then the time, then "A0 => comm:pid" where a code appears first. */
#ifndef FTUI_SCHEDMAP_TEXT_H
#define FTUI_SCHEDMAP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct schedmap;
struct sched;
struct tep_handle;

/* Row row into buf (no newline); cur: what each CPU runs after it
 * (schedmap_replay); cpus: the columns shown (NULL: all). */
void schedmap_row_text(char *buf, size_t len, const struct schedmap *m, size_t row, const int32_t *cur,
		       const bool *cpus, const struct sched *sc, struct tep_handle *tep, bool in_usecs);
/* Every row to out.  Returns 0, or -1 when writing or memory failed. */
int schedmap_text_write(FILE *out, const struct schedmap *m, const bool *cpus, const struct sched *sc,
			struct tep_handle *tep, bool in_usecs);

#endif
