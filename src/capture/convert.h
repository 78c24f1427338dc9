/* Converting a trace.dat: every page of every buffer copied into a writer
 * (capture/tracedat_write.h) as it is, or byte-swapped (`ftui convert`,
 * whose options are parsed in ui/cmd_convert.c).
 *
 * Byte-swapping ring-buffer pages (convert_swap.c): a little-endian page into the big-endian
 * page the same kernel on a big-endian machine would have written (or back),
 * for `ftui convert --big-endian`, which makes big-endian twins of files to
 * test the reader with.
 *
 * What a page holds (tracedat-format.md §7) is swapped integer by integer:
 * the page timestamp (u64) and commit (kernel long), the stored lost-event
 * count, every record header word (re-encoded: type_len is the low 5 bits of
 * a little-endian word and the high 5 bits of a big-endian one), the extra
 * words of PADDING, TIME_EXTEND and TIME_STAMP, the length word of long
 * records, and inside each data record every field its event format
 * declares, by the field's size: common and event fields, arrays per element,
 * __data_loc/__rel_loc words and the dynamic data they point at per element
 * (strings and char/u8 arrays stay as they are), the arguments of
 * ftrace:bprint per its printk format, and an ftrace event's last array
 * (kernel_stack's caller[]) to the end of the record.  Fields declared as
 * __be16/__le32 and the like are swapped too: the twin must read back the
 * same values through libtraceevent, which reads every field in the file's
 * byte order.  Bytes no field covers (alignment, the zeros after the data)
 * are copied as they are.
 *
 * A record that cannot be swapped exactly is still written, and counted as
 * inexact (see convert_swap_stats()).  An event with no format, or one whose
 * fields libtraceevent could not read, gets its common fields swapped (they
 * are the same for every event) and the rest copied unchanged; one whose
 * print format alone failed is swapped exactly.  Otherwise only the field at
 * fault is copied unchanged: a bprint buffer whose format is not among the
 * printk formats, a field past the end of its record or overlapping one
 * already swapped, a field of a size no integer has, a dynamic array of an
 * element type not known here.
 */
#ifndef FTUI_CONVERT_H
#define FTUI_CONVERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "capture/tracedat.h"
#include "capture/tracedat_write.h"

struct tep_handle;
struct convert_swap;

/* tep: a handle with the formats of the file the pages come from (td->tep);
 * long_size: the kernel long (td->kernel_long_size); from_big_endian: the byte
 * order of the pages given (they are written in the other one); printk: the
 * printk formats text, for bprint records (NULL or empty for none).  Returns
 * NULL with one line in err when the pages cannot be swapped at all (the old
 * pre-2.6.31 page format, a bad long size) or out of memory. */
struct convert_swap *convert_swap_new(struct tep_handle *tep, int long_size, bool from_big_endian,
					const struct metadata_blob *printk, char *err, size_t errlen);
void convert_swap_free(struct convert_swap *s);

/* Swap one page of page_size bytes from src into dst (which must not overlap
 * it).  Returns 0, or -1 with one line in err when the page is malformed
 * (data longer than the page, a record past the end of the data); dst then
 * holds an unfinished copy. */
int convert_swap_page(struct convert_swap *s, const void *src, void *dst, uint32_t page_size, char *err,
		       size_t errlen);

struct convert_swap_stats {
	uint64_t pages, records;	/* data records (not padding or time records) */
	uint64_t inexact;		/* records not swapped field for field */
	char first_inexact[160];	/* why, for the first of them */
};

const struct convert_swap_stats *convert_swap_stats(const struct convert_swap *s);

/* A CPU whose data ends early: msg says where (one line). */
typedef void (*convert_warn_fn)(void *ctx, const char *msg);

/* Add td's buffers to w and every page of every CPU of them, swapped by sw
 * when it is not NULL.  A page that cannot be read ends that CPU's data with
 * a warning (a truncated file converts to what it has); one that cannot be
 * swapped is an error.  Returns 0, or -1 with one line in err -- or with err
 * empty when the writer failed (tracedat_writer_error() says why). */
int convert_pages(struct tracedat *td, struct tracedat_writer *w, struct convert_swap *sw, convert_warn_fn warn,
		  void *ctx, char *err, size_t errlen);

#endif
