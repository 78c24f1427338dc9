/* Checks of filter strings in trace-cmd's -F language before libtraceevent
 * parses them.  libtraceevent 1.7's filter parser crashes on many malformed
 * strings (a missing operand, an unterminated string, a bad regex after
 * "&&" free its tree twice or read a NULL), so every string goes through
 * here first.  The accepted language is what trace-cmd documents:
 *
 *   EVENTS[:EXPR]      EVENTS = [SYSTEM/]EVENT[,...] (names are regexes)
 *   EXPR  = TERM { (&& | ||) TERM }
 *   TERM  = ! TERM | ( EXPR ) | FIELD CMP VALUE | FIELD BITOP NUMBER
 *   CMP   = == != < <= > >= =~ !~      BITOP = &   (a nonzero result matches)
 *   VALUE = NUMBER (decimal, 0x hex, 0 octal) | "string" | 'c'
 *
 * Strings compare with == != =~ !~ only, regexes (=~ !~) must compile,
 * numbers do not take =~ !~.  An error names what is wrong and the column
 * (1 = the first byte of the string given). */
#ifndef FTUI_FILTER_CHECK_H
#define FTUI_FILTER_CHECK_H

#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>

struct tep_handle;

/* Longest filter expression accepted (libtraceevent copies the expression
 * and its error caret into a 1 KB buffer). */
#define FILTER_CHECK_MAX 400

/* Syntax of a whole filter string ("EVENTS[:EXPR]"). */
bool filter_check(const char *s, char *err, size_t errlen);

/* Syntax of an expression alone; columns in err count from col0 + 1. */
bool filter_check_expr(const char *expr, size_t col0, char *err, size_t errlen);

/* filter_check, and the events named exist in tep, and every field the
 * expression names is a field of at least one of them (or COMM, CPU). */
bool filter_check_tep(struct tep_handle *tep, const char *s, char *err, size_t errlen);

/* s for an error message: bytes that are not printable ASCII as '?', cut
 * to about 60 characters with "..." (messages stay one short line). */
void filter_quote(const char *s, char *buf, size_t len);

/* The checkers' error text, "column N: message", into err (when errlen is
 * not 0); column counts from 1. */
void filter_check_error(char *err, size_t errlen, size_t column, const char *fmt, va_list ap);

#endif
