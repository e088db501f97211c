/*
 * arena: a bump allocator for one request (or one command).
 *
 * Memory comes from malloc in blocks of ARENA_BLOCK bytes.  An
 * allocation too big to share a block gets a block of its own, sized to
 * fit, linked in behind the current block so the current block keeps
 * serving small allocations.  Blocks are calloc'd, and the one block
 * arena_reset() keeps is zeroed again, so every allocation is already
 * zeroed.  Running out of memory is not an error a caller can handle:
 * it aborts with a message.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/arena.h"

#define ARENA_BLOCK	16384	/* bytes in an ordinary block */
#define ARENA_ALIGN	16

struct arena_block {
	struct arena_block	*next;
	size_t			 size;	/* bytes usable after the header */
	size_t			 used;
	/* data follows, starting at offset HDR */
};

/* The header size, rounded up so data starts 16-aligned. */
#define HDR	((sizeof(struct arena_block) + ARENA_ALIGN - 1) & \
		    ~(size_t)(ARENA_ALIGN - 1))

static void
arena_oom(size_t n)
{
	fprintf(stderr, "arena: out of memory allocating %zu bytes\n", n);
	abort();
}

static unsigned char *
block_data(struct arena_block *b)
{
	return (unsigned char *)b + HDR;
}

/*
 * A new block with room for at least n bytes.  malloc'd memory is
 * aligned for any type (16 on the platforms we run on), and HDR keeps
 * the data on a 16-byte boundary.
 */
static struct arena_block *
block_new(size_t n)
{
	struct arena_block	*b;

	if (n > SIZE_MAX - HDR)
		arena_oom(n);
	if ((b = calloc(1, HDR + n)) == NULL)
		arena_oom(n);
	if (((uintptr_t)block_data(b) & (ARENA_ALIGN - 1)) != 0) {
		fprintf(stderr, "arena: malloc is not %d-aligned\n",
		    ARENA_ALIGN);
		abort();
	}
	b->size = n;
	return b;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block	*b;
	size_t			 off;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN)
		arena_oom(n);
	n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);

	b = a->head;
	if (b != NULL && b->size - b->used >= n) {
		off = b->used;
		b->used += n;
		return block_data(b) + off;
	}

	/*
	 * A big allocation gets its own block.  It goes second in the
	 * list so the block at the head, which still has room, stays in
	 * use for the small allocations that follow.
	 */
	if (n > ARENA_BLOCK / 4) {
		b = block_new(n);
		b->used = n;
		if (a->head == NULL)
			a->head = b;
		else {
			b->next = a->head->next;
			a->head->next = b;
		}
		return block_data(b);
	}

	b = block_new(ARENA_BLOCK);
	b->next = a->head;
	a->head = b;
	b->used = n;
	return block_data(b);
}

/* A NUL-terminated copy of the n bytes at s (which may hold a NUL). */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (n == SIZE_MAX)
		arena_oom(n);
	p = arena_alloc(a, n + 1);
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	struct arena_block	*b = a->head;
	va_list			 ap, aq;
	char			*p;
	size_t			 room = 0;
	int			 len;

	/* Formatted once straight into the head block when it fits there. */
	if (b != NULL && b->size > b->used)
		room = b->size - b->used;
	va_start(ap, fmt);
	va_copy(aq, ap);
	len = vsnprintf(room > 0 ? (char *)block_data(b) + b->used : NULL,
	    room, fmt, aq);
	va_end(aq);
	if (len < 0) {
		fprintf(stderr, "arena: bad format \"%s\"\n", fmt);
		abort();
	}
	if ((size_t)len < room) {
		p = (char *)block_data(b) + b->used;
		b->used += ((size_t)len + 1 + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
		if (b->used > b->size)
			b->used = b->size;
	} else {
		if (room > 0)	/* what did not fit is zeroed again */
			memset(block_data(b) + b->used, 0, room);
		p = arena_alloc(a, (size_t)len + 1);
		vsnprintf(p, (size_t)len + 1, fmt, ap);
	}
	va_end(ap);
	return p;
}

/*
 * Empties the arena for reuse.  An ordinary block at the head is kept
 * (zeroed again where it was used), so a request that fits one block
 * costs no malloc; every other block is freed.
 */
void
arena_reset(struct arena *a)
{
	struct arena_block	*b, *next, *keep = NULL;

	b = a->head;
	if (b != NULL && b->size == ARENA_BLOCK) {
		keep = b;
		b = b->next;
		memset(block_data(keep), 0, keep->used);
		keep->used = 0;
		keep->next = NULL;
	}
	for (; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = keep;
}

/* Frees every block, the kept one too. */
void
arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}
