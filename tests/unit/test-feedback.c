/*
 * test-feedback: the feedback rules (src/domain/feedback.c): the
 * window, the double-blind reveal, the response, each side's categories,
 * character counting for the 5,000-character comment, the score format,
 * and the moments the notifications fall due: the reminder 3 days before
 * the window closes, the reveal at exactly midnight UTC.
 *
 * The contract under test ends Thursday 2026-11-26 14:05 UTC: the window
 * closes Friday 2026-12-11 00:00 UTC, the reminder is due from Tuesday
 * 2026-12-08 00:00 UTC.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "domain/feedback.h"
#include "http/parse.h"
#include "unit.h"

static void
test_feedback_window(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");
	int64_t	 closes = T("2026-12-11T00:00:00Z");

	(void)state;
	assert_int_equal(feedback_closes(ended), closes);
	/* Any moment of the ending day gives the same midnight. */
	assert_int_equal(feedback_closes(T("2026-11-26T00:00:00Z")), closes);
	assert_int_equal(feedback_closes(T("2026-11-26T23:59:59Z")), closes);
	assert_int_equal(feedback_closes(T("2026-11-27T00:00:00Z")),
	    closes + DAY_SECS);

	assert_true(feedback_open(ended, ended));
	assert_true(feedback_open(ended, T("2026-12-10T23:59:59Z")));
	assert_false(feedback_open(ended, T("2026-12-11T00:00:00Z")));
	assert_false(feedback_open(ended, T("2026-12-11T00:00:01Z")));
}

static void
test_feedback_visible(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");
	int64_t	 closes = T("2026-12-11T00:00:00Z");

	(void)state;
	/* Nothing left: nothing to see, ever. */
	assert_false(feedback_visible(false, false, ended, closes + 1));
	assert_false(feedback_visible(false, true, ended, closes + 1));
	/* Left, the other side not yet: hidden until the window closes. */
	assert_false(feedback_visible(true, false, ended, ended));
	assert_false(feedback_visible(true, false, ended, closes - 1));
	assert_true(feedback_visible(true, false, ended, closes));
	assert_true(feedback_visible(true, false, ended, closes + 1));
	/* Both left: visible at once. */
	assert_true(feedback_visible(true, true, ended, ended));
	assert_true(feedback_visible(true, true, ended, closes - 1));
	assert_true(feedback_visible(true, true, ended, closes + 1));
}

static void
test_feedback_revealed_at(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");
	int64_t	 closes = T("2026-12-11T00:00:00Z");
	int64_t	 a = T("2026-11-28T10:00:00Z"), r = T("2026-12-01T09:00:00Z");

	(void)state;
	/* Both left: the later submission, whichever side. */
	assert_int_equal(feedback_revealed_at(a, r, ended), r);
	assert_int_equal(feedback_revealed_at(r, a, ended), r);
	assert_int_equal(feedback_revealed_at(a, a, ended), a);
	/* One or none: the window's close. */
	assert_int_equal(feedback_revealed_at(a, 0, ended), closes);
	assert_int_equal(feedback_revealed_at(0, r, ended), closes);
	assert_int_equal(feedback_revealed_at(0, 0, ended), closes);
	/* Never later than the close. */
	assert_int_equal(feedback_revealed_at(a, closes + 5, ended), closes);
	assert_int_equal(feedback_revealed_at(a, closes - 1, ended),
	    closes - 1);
}

static void
test_feedback_reminder(void **state)
{
	int64_t	 ended = T("2026-11-26T14:05:00Z");

	(void)state;
	assert_int_equal(feedback_reminder_at(ended),
	    T("2026-12-08T00:00:00Z"));
	assert_int_equal(feedback_closes(ended) - feedback_reminder_at(ended),
	    3 * DAY_SECS);
}

static void
test_feedback_response(void **state)
{
	int64_t	 rev = T("2026-12-01T09:00:00Z");
	int64_t	 end = T("2026-12-29T09:00:00Z");

	(void)state;
	assert_int_equal(feedback_response_closes(rev), end);
	assert_false(feedback_response_open(rev, rev - 1));
	assert_true(feedback_response_open(rev, rev));
	assert_true(feedback_response_open(rev, end - 1));
	assert_false(feedback_response_open(rev, end));
	assert_false(feedback_response_open(rev, end + 1));
}

static void
test_feedback_overall(void **state)
{
	static const int64_t s54[] = { 5, 4 };
	static const int64_t s554[] = { 5, 5, 4 };
	static const int64_t s445[] = { 4, 4, 5 };
	static const int64_t all5[] = { 5, 5, 5, 5, 5, 5 };
	static const int64_t one[] = { 1 };
	/* 33 / 8 = 4.125: exactly half a hundredth, rounds up. */
	static const int64_t half[] = { 5, 5, 5, 5, 5, 4, 2, 2 };
	static const int64_t zero[] = { 5, 0, 5 };
	static const int64_t six[] = { 5, 6 };

	(void)state;
	assert_int_equal(feedback_overall(s54, 2), 450);
	assert_int_equal(feedback_overall(s554, 3), 467);
	assert_int_equal(feedback_overall(s445, 3), 433);
	assert_int_equal(feedback_overall(all5, 6), 500);
	assert_int_equal(feedback_overall(one, 1), 100);
	assert_int_equal(feedback_overall(half, 8), 413);
	/* No valid score: 0. */
	assert_int_equal(feedback_overall(s54, 0), 0);
	assert_int_equal(feedback_overall(NULL, 2), 0);
	assert_int_equal(feedback_overall(zero, 3), 0);
	assert_int_equal(feedback_overall(six, 2), 0);
}

static void
test_feedback_categories(void **state)
{
	static const char *const client[] = { "skills", "quality", "availability",
	    "schedule", "communication", "cooperation" };
	static const char *const freelancer[] = { "clarity", "communication",
	    "schedule", "cooperation", "availability" };
	const enum feedback_cat	*cats;
	size_t			 i, n;

	(void)state;
	cats = feedback_side_categories(true, &n);
	assert_int_equal(n, 6);
	for (i = 0; i < n; i++)
		assert_string_equal(feedback_categories[cats[i]].field, client[i]);
	cats = feedback_side_categories(false, &n);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++)
		assert_string_equal(feedback_categories[cats[i]].field, freelancer[i]);

	assert_true(feedback_rates(true, FEEDBACK_SKILLS));
	assert_true(feedback_rates(true, FEEDBACK_QUALITY));
	assert_false(feedback_rates(true, FEEDBACK_CLARITY));
	assert_true(feedback_rates(false, FEEDBACK_CLARITY));
	assert_false(feedback_rates(false, FEEDBACK_SKILLS));
	assert_false(feedback_rates(false, FEEDBACK_QUALITY));
	assert_true(feedback_rates(false, FEEDBACK_AVAILABILITY));
	/* The table follows the feedback table's column order. */
	assert_string_equal(feedback_categories[FEEDBACK_SKILLS].field, "skills");
	assert_string_equal(feedback_categories[FEEDBACK_CLARITY].field, "clarity");
}

static void
test_text_chars(void **state)
{
	char	 big[FEEDBACK_COMMENT_MAX * 4 + 1];
	size_t	 i;

	(void)state;
	assert_int_equal(text_chars("", 0), 0);
	assert_int_equal(text_chars("abc", 3), 3);
	assert_int_equal(text_chars("\xc3\xa9t\xc3\xa9", 5), 3);	/* été */
	assert_int_equal(text_chars("\xe2\x98\x85", 3), 1);		/* ★ */
	assert_int_equal(text_chars("\xf0\x9f\x98\x80!", 5), 2);	/* 😀! */
	/* 5,000 four-byte characters are 5,000 characters, 20,000 bytes. */
	for (i = 0; i < FEEDBACK_COMMENT_MAX; i++)
		memcpy(big + 4 * i, "\xf0\x9f\x98\x80", 4);
	big[4 * FEEDBACK_COMMENT_MAX] = '\0';
	assert_int_equal(text_chars(big, strlen(big)), FEEDBACK_COMMENT_MAX);

	assert_true(text_blank(NULL));
	assert_true(text_blank(""));
	assert_true(text_blank(" \r\n\t "));
	assert_false(text_blank("  x "));
}

static void
test_score_format(void **state)
{
	char	 s[8];

	(void)state;
	feedback_score_format(467, s);
	assert_string_equal(s, "4.67");
	feedback_score_format(500, s);
	assert_string_equal(s, "5.00");
	feedback_score_format(100, s);
	assert_string_equal(s, "1.00");
	feedback_score_format(405, s);
	assert_string_equal(s, "4.05");
	feedback_score_format(999, s);
	assert_string_equal(s, "9.99");
	feedback_score_format(7, s);
	assert_string_equal(s, "0.07");
	feedback_score_format(-1, s);
	assert_string_equal(s, "0.00");
	feedback_score_format(1000, s);
	assert_string_equal(s, "0.00");
}

static void
test_due_reminder(void **state)
{
	struct feedback_duty	 d = { .ended_at = T("2026-11-26T14:05:00Z") };
	int64_t			 at = T("2026-12-08T00:00:00Z");
	int64_t			 closes = T("2026-12-11T00:00:00Z");

	(void)state;
	assert_int_equal(feedback_reminder_at(d.ended_at), at);
	assert_int_equal(feedback_due(&d, at - 1), 0);
	assert_int_equal(feedback_due(&d, at), FEEDBACK_DUE_REMIND);
	assert_int_equal(feedback_due(&d, closes - 1), FEEDBACK_DUE_REMIND);
	/* Once the window has closed, no reminder. */
	assert_int_equal(feedback_due(&d, closes), 0);
	/* Sent once. */
	d.reminded = true;
	assert_int_equal(feedback_due(&d, at), 0);
	/* Not to a side that left its feedback. */
	d.reminded = false;
	d.mine_left = true;
	assert_int_equal(feedback_due(&d, at), 0);
}

static void
test_due_reveal(void **state)
{
	struct feedback_duty	 d = { .ended_at = T("2026-11-26T14:05:00Z") };
	int64_t			 closes = T("2026-12-11T00:00:00Z");

	(void)state;
	/* The other side left, this one not: hidden until midnight UTC. */
	d.other_left = true;
	d.reminded = true;
	assert_int_equal(feedback_due(&d, closes - 1), 0);
	assert_int_equal(feedback_due(&d, closes), FEEDBACK_DUE_REVEAL);
	assert_int_equal(feedback_due(&d, closes + 1), FEEDBACK_DUE_REVEAL);
	d.reveal_told = true;
	assert_int_equal(feedback_due(&d, closes + 1), 0);
	/* Both left: revealed at once. */
	d.reveal_told = false;
	d.mine_left = true;
	assert_int_equal(feedback_due(&d, d.ended_at + 60), FEEDBACK_DUE_REVEAL);
	/* Nothing to reveal when the other side never left any. */
	d.other_left = false;
	assert_int_equal(feedback_due(&d, closes + 1), 0);
	/* Reminder and reveal together: the other left, mine not, the
	 * reminder not sent; in the last 3 days only the reminder. */
	d = (struct feedback_duty){ .ended_at = d.ended_at, .other_left = true };
	assert_int_equal(feedback_due(&d, closes - 1), FEEDBACK_DUE_REMIND);
	assert_int_equal(feedback_due(&d, closes), FEEDBACK_DUE_REVEAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feedback_window),
		cmocka_unit_test(test_feedback_visible),
		cmocka_unit_test(test_feedback_revealed_at),
		cmocka_unit_test(test_feedback_reminder),
		cmocka_unit_test(test_feedback_response),
		cmocka_unit_test(test_feedback_overall),
		cmocka_unit_test(test_feedback_categories),
		cmocka_unit_test(test_text_chars),
		cmocka_unit_test(test_score_format),
		cmocka_unit_test(test_due_reminder),
		cmocka_unit_test(test_due_reveal),
	};

	return cmocka_run_group_tests_name("feedback", tests, NULL, NULL);
}
