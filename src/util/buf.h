/*
 * buf: a growable byte buffer for response bodies and log lines.
 * The buffer owns its memory (malloc); buf_free() releases it.
 * p is always NUL-terminated after any append.
 */
#ifndef BUF_H
#define BUF_H
#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putu(struct buf *, uint64_t);	/* decimal, no printf */
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_reset(struct buf *);	/* len = 0, keeps the memory */
void	 buf_free(struct buf *);

/*
 * The decimal digits of v, written backwards so that they end at end;
 * returns where they begin.  Room: DIGITS_MAX bytes before end.  For
 * numbers made on every request, without printf.
 */
#define DIGITS_MAX	20
char	*digits_u64(char *end, uint64_t v);

#endif
