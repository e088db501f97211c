/*
 * test-contract: what ending a contract now means for this week's hours
 * (src/domain/contract.c): Monday 00:00 and Sunday 23:59:59, the weekly
 * limit, the dates it promises.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/contract.h"
#include "unit.h"

static void
test_preview_mid_week(void **state)
{
	struct end_preview	 p;

	(void)state;
	/* 3.5 hours at $40.00: $140.00. */
	contract_end_preview(210, 10, 4000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.week, T("2026-11-23"));
	assert_int_equal(p.logged, 210);
	assert_int_equal(p.billable, 210);
	assert_int_equal(p.over, 0);
	assert_int_equal(p.amount, 14000);
	assert_int_equal(p.invoiced_at, T("2026-11-30T12:00:00Z"));
	assert_int_equal(p.dispute_until, T("2026-12-04T23:59:00Z"));
	assert_int_equal(p.available_at, T("2026-12-09"));
}

static void
test_preview_week_edges(void **state)
{
	struct end_preview	 p;

	(void)state;
	/* Sunday 23:59:59 is still the week of Monday the 23rd ... */
	contract_end_preview(60, 0, 4000, T("2026-11-29T23:59:59Z"), &p);
	assert_int_equal(p.week, T("2026-11-23"));
	assert_int_equal(p.invoiced_at, T("2026-11-30T12:00:00Z"));
	/* ... and Monday 00:00 starts the next: invoiced a week later. */
	contract_end_preview(60, 0, 4000, T("2026-11-30T00:00:00Z"), &p);
	assert_int_equal(p.week, T("2026-11-30"));
	assert_int_equal(p.invoiced_at, T("2026-12-07T12:00:00Z"));
	assert_int_equal(p.dispute_until, T("2026-12-11T23:59:00Z"));
}

static void
test_preview_limit(void **state)
{
	struct end_preview	 p;

	(void)state;
	/* 2-hour limit: 150 minutes logged, 120 billed, 30 over. */
	contract_end_preview(150, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.billable, 120);
	assert_int_equal(p.over, 30);
	assert_int_equal(p.amount, 10000);
	/* Exactly at the limit: nothing over. */
	contract_end_preview(120, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.over, 0);
	/* No hours: nothing billed; negative input is treated as none. */
	contract_end_preview(0, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.amount, 0);
	contract_end_preview(-5, 2, 5000, T("2026-11-25T10:00:00Z"), &p);
	assert_int_equal(p.logged, 0);
	assert_int_equal(p.over, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preview_mid_week),
		cmocka_unit_test(test_preview_week_edges),
		cmocka_unit_test(test_preview_limit),
	};

	return cmocka_run_group_tests_name("contract", tests, NULL, NULL);
}
