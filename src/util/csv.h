/*
 * csv: rows of text as RFC 4180 CSV, for the exports.  A cell is quoted
 * when it holds a comma, a double quote, CR or LF (quotes doubled);
 * lines end with CRLF.  A cell that begins with '=', '+', '-', '@', a tab
 * or CR gets a leading "'" so that no spreadsheet runs it as a formula
 * (DESIGN.md section 2, "Exports").  The text is written as it is given:
 * UTF-8 in, UTF-8 out.
 */
#ifndef CSV_H
#define CSV_H
#include <stdbool.h>
#include <stdint.h>

#include "util/buf.h"

/* Append cell s (NULL: empty) to b, after a comma unless first. */
void	 csv_cell(struct buf *, const char *s, bool first);
void	 csv_int(struct buf *, int64_t, bool first);
/* n empty cells, each after a comma: columns a record does not fill. */
void	 csv_skip(struct buf *, int n);
void	 csv_row_end(struct buf *);

#endif
