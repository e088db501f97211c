/*
 * test-arena: the request arena (src/util/arena.c) and the growable
 * buffer (src/util/buf.c): alignment, zeroing, big allocations, reuse
 * after reset, NUL termination, growth and decimal numbers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/wait.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/buf.h"

static bool
all_zero(const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static void
test_alloc_aligned_zeroed(void **state)
{
	struct arena	 a = { 0 };
	unsigned char	*p;
	size_t		 sizes[] = { 0, 1, 3, 15, 16, 17, 100, 4095, 4096,
			    4097, 16383, 16384, 16385, 100000 };
	size_t		 i, j;

	(void)state;
	for (j = 0; j < 3; j++) {
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			p = arena_alloc(&a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % 16, 0);
			assert_true(all_zero(p, sizes[i]));
			/* Dirty it: the next allocation must still be zero. */
			memset(p, 0xa5, sizes[i]);
		}
	}
	arena_free(&a);
	assert_null(a.head);
}

static void
test_alloc_distinct(void **state)
{
	struct arena	 a = { 0 };
	char		*p[2000];
	size_t		 i;

	(void)state;
	/* Enough small allocations to span many blocks. */
	for (i = 0; i < 2000; i++) {
		p[i] = arena_alloc(&a, 40);
		memset(p[i], (int)(i & 0x7f), 40);
	}
	for (i = 0; i < 2000; i++) {
		assert_int_equal(p[i][0], (int)(i & 0x7f));
		assert_int_equal(p[i][39], (int)(i & 0x7f));
	}
	arena_free(&a);
}

static void
test_big_keeps_block(void **state)
{
	struct arena	 a = { 0 };
	char		*s1, *big, *s2;

	(void)state;
	s1 = arena_alloc(&a, 32);
	big = arena_alloc(&a, 1 << 20);
	s2 = arena_alloc(&a, 32);
	memset(big, 'x', 1 << 20);
	/* The small ones share the first block, next to each other. */
	assert_ptr_equal(s2, s1 + 32);
	assert_true(all_zero((unsigned char *)s2, 32));
	arena_free(&a);
}

static void
test_reset_reuse(void **state)
{
	struct arena	 a = { 0 };
	char		*s;
	int		 round;

	(void)state;
	arena_reset(&a);	/* reset of an empty arena is fine */
	for (round = 0; round < 5; round++) {
		s = arena_strdup(&a, "hello");
		assert_string_equal(s, "hello");
		(void)arena_alloc(&a, 50000);
		arena_free(&a);
		assert_null(a.head);
	}
}

/*
 * reset keeps one ordinary block for the next request: what it hands
 * out again is zeroed, including what a printf that did not fit wrote
 * into its free room.
 */
static void
test_reset_keeps_block_zeroed(void **state)
{
	struct arena	 a = { 0 };
	unsigned char	*p, *q;
	char		*s, big[9000];

	(void)state;
	p = arena_alloc(&a, 1000);
	memset(p, 0xab, 1000);
	s = arena_printf(&a, "%s-%d", "abc", 7);
	assert_string_equal(s, "abc-7");
	arena_reset(&a);
	q = arena_alloc(&a, 1000);
	assert_ptr_equal(p, q);
	assert_true(all_zero(q, 1000));
	q = arena_alloc(&a, 16);
	assert_true(all_zero(q, 16));
	/* Fill the block so that the next printf cannot fit in its room. */
	(void)arena_alloc(&a, 16384 - 1024 - 64);
	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = arena_printf(&a, "%s", big);
	assert_int_equal(strlen(s), sizeof(big) - 1);
	q = arena_alloc(&a, 200);
	assert_true(all_zero(q, 200));
	arena_free(&a);
	assert_null(a.head);
}

static void
test_strndup(void **state)
{
	struct arena	 a = { 0 };
	char		*s;

	(void)state;
	s = arena_strndup(&a, "abcdef", 3);
	assert_string_equal(s, "abc");
	s = arena_strndup(&a, "", 0);
	assert_string_equal(s, "");
	/* Bytes after an embedded NUL are copied too. */
	s = arena_strndup(&a, "a\0b", 3);
	assert_int_equal(s[0], 'a');
	assert_int_equal(s[1], '\0');
	assert_int_equal(s[2], 'b');
	assert_int_equal(s[3], '\0');
	arena_free(&a);
}

static void
test_printf(void **state)
{
	struct arena	 a = { 0 };
	char		*s, big[30000];

	(void)state;
	s = arena_printf(&a, "%s=%d", "x", 42);
	assert_string_equal(s, "x=42");
	s = arena_printf(&a, "%s", "");
	assert_string_equal(s, "");
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = arena_printf(&a, "<%s>", big);
	assert_int_equal(strlen(s), sizeof(big) + 1);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[sizeof(big)], '>');
	arena_free(&a);
}

/* An impossible size aborts the process instead of returning NULL. */
static void
test_oom_aborts(void **state)
{
	struct arena	 a = { 0 };
	pid_t		 pid;
	int		 status;

	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		freopen("/dev/null", "w", stderr);
		(void)arena_alloc(&a, SIZE_MAX - 8);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void
test_buf_basic(void **state)
{
	struct buf	 b = { 0 };

	(void)state;
	buf_add(&b, "", 0);
	assert_non_null(b.p);
	assert_string_equal(b.p, "");
	assert_int_equal(b.len, 0);
	buf_puts(&b, "abc");
	buf_add(&b, "defgh", 2);
	assert_string_equal(b.p, "abcde");
	assert_int_equal(b.len, 5);
	buf_printf(&b, "-%d-%s", 7, "z");
	assert_string_equal(b.p, "abcde-7-z");
	assert_int_equal(b.len, 9);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	buf_puts(&b, "again");
	assert_string_equal(b.p, "again");
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.cap, 0);
	buf_free(&b);		/* twice is harmless */
}

static void
test_buf_grow(void **state)
{
	struct buf	 b = { 0 };
	char		 big[5000];
	size_t		 i;

	(void)state;
	for (i = 0; i < 10000; i++)
		buf_add(&b, "0123456789", 10);
	assert_int_equal(b.len, 100000);
	assert_int_equal(b.p[b.len], '\0');
	assert_true(b.cap > b.len);
	assert_int_equal(memcmp(b.p + 99990, "0123456789", 10), 0);
	buf_reset(&b);

	/* A printf longer than the free space grows and formats again. */
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	buf_puts(&b, "[");
	buf_printf(&b, "%s]%d", big, 12345);
	assert_int_equal(b.len, 1 + sizeof(big) - 1 + 1 + 5);
	assert_int_equal(strlen(b.p), b.len);
	assert_string_equal(b.p + b.len - 6, "]12345");
	buf_free(&b);
}

/* Decimal without printf: the edges of the digit count and of uint64_t. */
static void
test_buf_putu(void **state)
{
	struct buf	 b = { 0 };
	uint64_t	 v[] = { 0, 7, 9, 10, 99, 100, 12345, 4294967296ULL, UINT64_MAX };
	char		 want[32];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		buf_reset(&b);
		buf_puts(&b, "x=");
		buf_putu(&b, v[i]);
		snprintf(want, sizeof(want), "x=%llu", (unsigned long long)v[i]);
		assert_string_equal(b.p, want);
		assert_int_equal(b.len, strlen(want));
	}
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_aligned_zeroed),
		cmocka_unit_test(test_alloc_distinct),
		cmocka_unit_test(test_big_keeps_block),
		cmocka_unit_test(test_reset_reuse),
		cmocka_unit_test(test_reset_keeps_block_zeroed),
		cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_oom_aborts),
		cmocka_unit_test(test_buf_basic),
		cmocka_unit_test(test_buf_grow),
		cmocka_unit_test(test_buf_putu),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
