/*
 * feedback: the feedback window, the double-blind reveal, the response,
 * the categories each side rates and the notifications that fall due
 * (see feedback.h).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/date.h"
#include "domain/feedback.h"

/*
 * "Window: 14 days from the end, closing at midnight UTC": the 14 whole
 * days after the day the contract ended, closing at the 15th midnight.
 */
int64_t
feedback_closes(int64_t ended_at)
{
	return day_start(ended_at) + (FEEDBACK_WINDOW_DAYS + 1) * DAY_SECS;
}

/* "After that no new feedback." */
bool
feedback_open(int64_t ended_at, int64_t now)
{
	return now < feedback_closes(ended_at);
}

/*
 * "Your public feedback becomes visible to the other side once they have
 * left theirs, or when the window closes, whichever is first."
 */
bool
feedback_visible(bool author_left, bool recipient_left, int64_t ended_at,
    int64_t now)
{
	if (!author_left)
		return false;
	return recipient_left || now >= feedback_closes(ended_at);
}

/*
 * Times of 0 (or less) mean "not left".  When both left, the later of
 * the two, but never after the window's close (which reveals anyway).
 */
int64_t
feedback_revealed_at(int64_t author_at, int64_t recipient_at,
    int64_t ended_at)
{
	int64_t	 closes = feedback_closes(ended_at), later;

	if (author_at <= 0 || recipient_at <= 0)
		return closes;
	later = author_at > recipient_at ? author_at : recipient_at;
	return later < closes ? later : closes;
}

/* "A reminder 3 days before your window closes." */
int64_t
feedback_reminder_at(int64_t ended_at)
{
	return feedback_closes(ended_at) - FEEDBACK_REMINDER_DAYS * DAY_SECS;
}

/* "The recipient may post one public response within 28 days." */
int64_t
feedback_response_closes(int64_t revealed_at)
{
	return revealed_at + FEEDBACK_RESPONSE_DAYS * DAY_SECS;
}

bool
feedback_response_open(int64_t revealed_at, int64_t now)
{
	return revealed_at <= now && now < feedback_response_closes(revealed_at);
}

/*
 * "An overall score (mean)", in hundredths, rounded half up: {5, 4} is
 * 450, {5, 5, 4} is 467.  Returns 0, which no valid score can be, when
 * there are no stars or one is outside 1..5.
 */
int64_t
feedback_overall(const int64_t *stars, int n)
{
	int64_t	 sum = 0;
	int	 i;

	if (stars == NULL || n <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (stars[i] < 1 || stars[i] > 5)
			return 0;
		sum += stars[i];
	}
	/* round(sum * 100 / n) = floor((200 * sum + n) / (2 * n)) */
	return (200 * sum + n) / (2 * (int64_t)n);
}

const struct feedback_category feedback_categories[FEEDBACK_CAT__MAX] = {
	{ "skills", "Skills", "Expertise for the job" },
	{ "quality", "Quality of work", "How good the delivered work was" },
	{ "availability", "Availability", "Reachable when needed" },
	{ "schedule", "Adherence to schedule", "Deadlines and hours kept" },
	{ "communication", "Communication", "Clear, timely answers" },
	{ "cooperation", "Cooperation", "Easy to work with" },
	{ "clarity", "Clarity of requirements", "Knew and said what was wanted" },
};

/* "client→freelancer: skills, quality of work, availability, adherence to
 * schedule, communication, cooperation" */
static const enum feedback_cat by_client[] = {
	FEEDBACK_SKILLS, FEEDBACK_QUALITY, FEEDBACK_AVAILABILITY,
	FEEDBACK_SCHEDULE, FEEDBACK_COMMUNICATION, FEEDBACK_COOPERATION,
};

/* "freelancer→client: clarity of requirements, communication, adherence
 * to schedule, cooperation, availability" */
static const enum feedback_cat by_freelancer[] = {
	FEEDBACK_CLARITY, FEEDBACK_COMMUNICATION, FEEDBACK_SCHEDULE,
	FEEDBACK_COOPERATION, FEEDBACK_AVAILABILITY,
};

const enum feedback_cat *
feedback_side_categories(bool client, size_t *n)
{
	if (client) {
		*n = sizeof(by_client) / sizeof(by_client[0]);
		return by_client;
	}
	*n = sizeof(by_freelancer) / sizeof(by_freelancer[0]);
	return by_freelancer;
}

bool
feedback_rates(bool client, enum feedback_cat cat)
{
	const enum feedback_cat	*cats;
	size_t			 i, n;

	cats = feedback_side_categories(client, &n);
	for (i = 0; i < n; i++)
		if (cats[i] == cat)
			return true;
	return false;
}

void
feedback_score_format(int64_t h, char out[8])
{
	if (h < 0 || h > 999)
		h = 0;
	/* d.dd without printf: the dashboard formats one a row. */
	out[0] = (char)('0' + h / 100);
	out[1] = '.';
	out[2] = (char)('0' + h / 10 % 10);
	out[3] = (char)('0' + h % 10);
	out[4] = '\0';
}

/*
 * "A reminder 3 days before your window closes if you have not left
 * yours": from feedback_reminder_at() until the window closes.
 * "Feedback revealed": when feedback_visible() says the other side's
 * feedback is visible to this side, by both leaving or by the close.
 */
unsigned
feedback_due(const struct feedback_duty *d, int64_t now)
{
	unsigned	 due = 0;

	if (!d->mine_left && !d->reminded &&
	    now >= feedback_reminder_at(d->ended_at) &&
	    feedback_open(d->ended_at, now))
		due |= FEEDBACK_DUE_REMIND;
	if (!d->reveal_told &&
	    feedback_visible(d->other_left, d->mine_left, d->ended_at, now))
		due |= FEEDBACK_DUE_REVEAL;
	return due;
}
