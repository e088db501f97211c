/*
 * buf: a growable byte buffer for response bodies and log lines.
 *
 * A zeroed struct buf is an empty buffer.  Capacity doubles as needed
 * and one byte is always kept for the terminating NUL, so p is a C
 * string after every append (bytes appended may themselves hold NULs;
 * len is the truth).  Running out of memory aborts with a message.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define BUF_MIN	256

static void
buf_oom(size_t n)
{
	fprintf(stderr, "buf: out of memory growing to %zu bytes\n", n);
	abort();
}

/* Makes room for n more bytes plus the NUL. */
static void
buf_grow(struct buf *b, size_t n)
{
	size_t	 need, cap;
	char	*p;

	if (n > SIZE_MAX - b->len - 1)
		buf_oom(SIZE_MAX);
	need = b->len + n + 1;
	if (need <= b->cap)
		return;
	cap = b->cap > 0 ? b->cap : BUF_MIN;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((p = realloc(b->p, cap)) == NULL)
		buf_oom(cap);
	b->p = p;
	b->cap = cap;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

char *
digits_u64(char *end, uint64_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return end;
}

void
buf_putu(struct buf *b, uint64_t v)
{
	char	 s[DIGITS_MAX], *p = digits_u64(s + sizeof(s), v);

	buf_add(b, p, (size_t)(s + sizeof(s) - p));
}

/*
 * Formats straight into the free space; when that is too small, grows
 * to the length vsnprintf reported and formats again.
 */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 room;
	int	 len;

	buf_grow(b, 0);
	room = b->cap - b->len;
	va_start(ap, fmt);
	len = vsnprintf(b->p + b->len, room, fmt, ap);
	va_end(ap);
	if (len < 0) {
		fprintf(stderr, "buf: bad format \"%s\"\n", fmt);
		abort();
	}
	if ((size_t)len >= room) {
		buf_grow(b, (size_t)len);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, (size_t)len + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)len;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}
