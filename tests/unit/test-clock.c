/*
 * test-clock: pinning "now" through CONTRACTS_NOW (src/domain/clock.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "domain/clock.h"

/* clock_now() is the system time, give or take a slow test machine. */
static void
assert_system_time(void)
{
	int64_t	 before = (int64_t)time(NULL);
	int64_t	 now = clock_now();
	int64_t	 after = (int64_t)time(NULL);

	assert_true(before <= now && now <= after);
}

static void
test_unset(void **state)
{
	(void)state;
	assert_int_equal(unsetenv("CONTRACTS_NOW"), 0);
	assert_int_equal(clock_init(), 0);
	assert_system_time();
}

static void
test_empty_is_unset(void **state)
{
	(void)state;
	assert_int_equal(setenv("CONTRACTS_NOW", "", 1), 0);
	assert_int_equal(clock_init(), 0);
	assert_system_time();
}

static void
test_pinned_day(void **state)
{
	(void)state;
	assert_int_equal(setenv("CONTRACTS_NOW", "2026-11-26", 1), 0);
	assert_int_equal(clock_init(), 0);
	assert_int_equal(clock_now(), 1795651200);
}

static void
test_pinned_moment(void **state)
{
	(void)state;
	assert_int_equal(setenv("CONTRACTS_NOW", "2026-11-26T14:05:09Z", 1),
	    0);
	assert_int_equal(clock_init(), 0);
	assert_int_equal(clock_now(), 1795651200 + 14 * 3600 + 5 * 60 + 9);
	/* Pinned means pinned: it does not tick. */
	assert_int_equal(clock_now(), 1795651200 + 14 * 3600 + 5 * 60 + 9);
}

/* Read once at start: changing the variable later changes nothing. */
static void
test_read_once(void **state)
{
	(void)state;
	assert_int_equal(setenv("CONTRACTS_NOW", "2024-02-29", 1), 0);
	assert_int_equal(clock_init(), 0);
	assert_int_equal(setenv("CONTRACTS_NOW", "2030-01-01", 1), 0);
	assert_int_equal(clock_now(), 1709164800);
}

static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"tomorrow", "2026-13-01", "2023-02-29", "2026-11-26T25:00:00Z",
		"2026-11-26 ", "1795651200", "2026-11-26T14:05:09",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* Pin first, so a bad value visibly unpins. */
		assert_int_equal(setenv("CONTRACTS_NOW", "2026-11-26", 1), 0);
		assert_int_equal(clock_init(), 0);
		assert_int_equal(setenv("CONTRACTS_NOW", bad[i], 1), 0);
		if (clock_init() != -1)
			fail_msg("accepted CONTRACTS_NOW=\"%s\"", bad[i]);
		assert_system_time();
	}
}

static void
test_unpin_again(void **state)
{
	(void)state;
	assert_int_equal(setenv("CONTRACTS_NOW", "2026-11-26", 1), 0);
	assert_int_equal(clock_init(), 0);
	assert_int_equal(clock_now(), 1795651200);
	assert_int_equal(unsetenv("CONTRACTS_NOW"), 0);
	assert_int_equal(clock_init(), 0);
	assert_system_time();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unset),
		cmocka_unit_test(test_empty_is_unset),
		cmocka_unit_test(test_pinned_day),
		cmocka_unit_test(test_pinned_moment),
		cmocka_unit_test(test_read_once),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_unpin_again),
	};

	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
