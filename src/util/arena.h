/*
 * arena: a bump allocator that lives for one request (or one command).
 * Everything a request parses or formats is allocated here and released
 * at once by arena_reset().  Allocation never returns NULL: running out of
 * memory aborts the process (multiwatch restarts the worker).
 */
#ifndef ARENA_H
#define ARENA_H
#include <stddef.h>

struct arena_block;
struct arena {
	struct arena_block	*head;
};

void	*arena_alloc(struct arena *, size_t);		/* zeroed, 16-aligned */
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 arena_reset(struct arena *);			/* empties; keeps one block */
void	 arena_free(struct arena *);			/* frees every block */

#endif
