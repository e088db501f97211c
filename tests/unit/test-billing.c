/*
 * test-billing: the weekly invoice's dates and states at their
 * boundaries (src/domain/billing.c).
 *
 * The week under test is Monday 2026-11-23 .. Sunday 2026-11-29; it is
 * invoiced Monday 2026-11-30 12:00, reviewed through Friday 2026-12-04
 * 23:59:59 and paid out Wednesday 2026-12-09.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "domain/billing.h"
#include "unit.h"

static void
test_billing_dates(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	assert_int_equal(billing_invoiced_at(w), T("2026-11-30T12:00:00Z"));
	assert_int_equal(billing_review_closes(w), T("2026-12-05"));
	/* Shown as Friday 23:59, its last minute. */
	assert_int_equal(billing_review_until(w), T("2026-12-04T23:59:00Z"));
	assert_int_equal(week_day(billing_review_closes(w)), 5); /* Sat */
	assert_int_equal(billing_available_at(w), T("2026-12-09"));
	assert_int_equal(week_day(billing_available_at(w)), 2);	 /* Wed */
	assert_int_equal(billing_available_at(w) - w, 16 * DAY_SECS);
	/* Any moment of the week names the week. */
	assert_int_equal(billing_invoiced_at(T("2026-11-29T23:59:59Z")),
	    T("2026-11-30T12:00:00Z"));
	assert_int_equal(billing_review_closes(T("2026-11-25T08:00:00Z")),
	    T("2026-12-05"));
	assert_int_equal(billing_available_at(T("2026-11-27")),
	    T("2026-12-09"));
	/* Across a year's end. */
	assert_int_equal(billing_invoiced_at(T("2025-12-29")),
	    T("2026-01-05T12:00:00Z"));
	assert_int_equal(billing_available_at(T("2025-12-29")),
	    T("2026-01-14"));
}

static void
test_billing_state(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	assert_int_equal(billing_state(w, false, T("2026-11-23")),
	    INVOICE_IN_PROGRESS);
	assert_int_equal(billing_state(w, false, T("2026-11-29T23:59:59Z")),
	    INVOICE_IN_PROGRESS);
	assert_int_equal(billing_state(w, false, T("2026-11-30")),
	    INVOICE_PENDING);
	assert_int_equal(billing_state(w, false, T("2026-11-30T11:59:59Z")),
	    INVOICE_PENDING);
	assert_int_equal(billing_state(w, false, T("2026-11-30T12:00:00Z")),
	    INVOICE_IN_REVIEW);
	assert_int_equal(billing_state(w, false, T("2026-12-04T23:59:59Z")),
	    INVOICE_IN_REVIEW);
	assert_int_equal(billing_state(w, false, T("2026-12-05")),
	    INVOICE_CLEARED);
	assert_int_equal(billing_state(w, false, T("2026-12-08T23:59:59Z")),
	    INVOICE_CLEARED);
	assert_int_equal(billing_state(w, false, T("2026-12-09")),
	    INVOICE_PAID);
	assert_int_equal(billing_state(w, false, T("2027-06-01")),
	    INVOICE_PAID);
}

static void
test_billing_state_disputed(void **state)
{
	int64_t	 w = T("2026-11-23");

	(void)state;
	/* Not before the invoice exists. */
	assert_int_equal(billing_state(w, true, T("2026-11-26")),
	    INVOICE_IN_PROGRESS);
	assert_int_equal(billing_state(w, true, T("2026-11-30T11:59:59Z")),
	    INVOICE_PENDING);
	/* Once invoiced, a dispute shows through every later state. */
	assert_int_equal(billing_state(w, true, T("2026-11-30T12:00:00Z")),
	    INVOICE_DISPUTED);
	assert_int_equal(billing_state(w, true, T("2026-12-05")),
	    INVOICE_DISPUTED);
	assert_int_equal(billing_state(w, true, T("2026-12-09")),
	    INVOICE_DISPUTED);
}

static void
test_invoice_state_words(void **state)
{
	int	 i;

	(void)state;
	assert_string_equal(invoice_states[INVOICE_IN_PROGRESS],
	    "in progress");
	assert_string_equal(invoice_states[INVOICE_PENDING], "pending");
	assert_string_equal(invoice_states[INVOICE_IN_REVIEW], "in review");
	assert_string_equal(invoice_states[INVOICE_DISPUTED], "disputed");
	assert_string_equal(invoice_states[INVOICE_CLEARED], "cleared");
	assert_string_equal(invoice_states[INVOICE_PAID], "paid");
	for (i = 0; i < INVOICE_STATE__MAX; i++)
		assert_non_null(invoice_states[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_billing_dates),
		cmocka_unit_test(test_billing_state),
		cmocka_unit_test(test_billing_state_disputed),
		cmocka_unit_test(test_invoice_state_words),
	};

	return cmocka_run_group_tests_name("billing", tests, NULL, NULL);
}
