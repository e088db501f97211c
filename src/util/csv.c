/*
 * csv: RFC 4180 cells and rows; see csv.h.
 */
#include <string.h>

#include "util/csv.h"

void
csv_cell(struct buf *b, const char *s, bool first)
{
	bool	 formula, quote;

	if (!first)
		buf_add(b, ",", 1);
	if (s == NULL || *s == '\0')
		return;
	formula = strchr("=+-@\t\r", *s) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_add(b, "\"", 1);
	if (formula)
		buf_add(b, "'", 1);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_add(b, "\"", 1);
		buf_add(b, s, 1);
	}
	if (quote)
		buf_add(b, "\"", 1);
}

void
csv_int(struct buf *b, int64_t v, bool first)
{
	char	 s[DIGITS_MAX + 1], *p;

	if (!first)
		buf_add(b, ",", 1);
	p = digits_u64(s + sizeof(s), v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof(s) - p));
}

void
csv_skip(struct buf *b, int n)
{
	for (; n > 0; n--)
		buf_add(b, ",", 1);
}

void
csv_row_end(struct buf *b)
{
	buf_add(b, "\r\n", 2);
}
