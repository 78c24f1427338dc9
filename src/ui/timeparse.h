/* Times the user types, at the browser's go-to prompt and in the --from /
 * --to options of the dump commands. */
#ifndef FTUI_TIMEPARSE_H
#define FTUI_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

/* Absolute seconds ("12.345678") or relative to base ("+5ms", "-20us",
 * "+1.5s", "+300ns"; before 0 is 0).  -1 on error. */
int parse_time(const char *text, uint64_t base, uint64_t *out);
/* parse_time, and on error "column N: what is wrong" in err (errlen 0: none). */
int parse_time_err(const char *text, uint64_t base, uint64_t *out, char *err, size_t errlen);

#endif
