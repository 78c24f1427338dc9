/* CSV output shared by the dump views that offer --csv. */
#ifndef FTUI_CSV_TEXT_H
#define FTUI_CSV_TEXT_H

#include <stdio.h>

/* s as one CSV field: quoted when it holds a comma, a quote or a newline
 * (quotes doubled, newlines turned into spaces). */
void csv_text_field(FILE *out, const char *s);

#endif
