/* Wakeup latency as text: the per-task table (with the worst waits), CSV,
 * and a log2 histogram with bars.  Each returns a malloc'd string. */
#ifndef FTUI_LATENCY_TEXT_H
#define FTUI_LATENCY_TEXT_H

#include <stdbool.h>
#include <stdint.h>

struct latency;
struct lat_task;
struct tep_handle;

/* Columns to sort the table by. */
enum lat_col { LAT_COL_PID, LAT_COL_COUNT, LAT_COL_MIN, LAT_COL_AVG, LAT_COL_P50, LAT_COL_P99, LAT_COL_MAX,
	       LAT_COL_TOTAL, LAT_COLS };
const char *latency_col_name(int col);

/* Rows in the order they are shown: longest max first, then pid. */
int latency_rows(const struct latency *lat, int pid, const struct lat_task **rows, int max);
/* The same, by any column (descending or not; ties by pid). */
int latency_rows_by(const struct latency *lat, int pid, const struct lat_task **rows, int max, int col,
		    bool descending);
/* One table row (no newline) and the table's header. */
void latency_row_text(const struct lat_task *t, char *buf, int len);
const char *latency_header_text(void);
/* One worst-wait line for sample index i. */
void latency_sample_text(const struct latency *lat, uint64_t i, struct tep_handle *tep, char *buf, int len);

char *latency_text_table(const struct latency *lat, int pid, int top, struct tep_handle *tep);
char *latency_text_csv(const struct latency *lat, int pid);
char *latency_text_histogram(const struct latency *lat, const struct lat_task *t, int bar_width);

#endif
