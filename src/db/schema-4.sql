-- Schema version 4: deadlines that run on their own, and email.
--
-- What the scheduled step (contractsctl tick) did once and must never do
-- again: one row per deadline met.  kind names the deadline, subject
-- tells its instances apart within a contract (a side: 0 client, 1
-- freelancer; or a week's Monday).
CREATE TABLE deadlines_done (
	kind		TEXT NOT NULL,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	subject		INTEGER NOT NULL,
	done_at		INTEGER NOT NULL,
	PRIMARY KEY (kind, contract_id, subject)
) WITHOUT ROWID;
-- The tick looks at contracts ended in the past weeks, of every user.
CREATE INDEX contracts_ended ON contracts(ended_at) WHERE ended_at IS NOT NULL;
-- ... and at the weeks just invoiced, of every contract.
CREATE INDEX diary_weeks_week ON diary_weeks(week);
CREATE INDEX invoices_week ON invoices(week);
CREATE INDEX disputes_open ON disputes(opened_at) WHERE status = 'open';

-- The kinds of email a user turned off in /settings (all are on unless
-- listed here).
CREATE TABLE email_off (
	user_id		INTEGER NOT NULL REFERENCES users(id),
	kind		TEXT NOT NULL,
	PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;

-- Mail to send: a notification's email, written in the same transaction
-- as the notification, sent by the scheduled step.  Its times are the
-- wall clock's (delivery is not a rule of the product and never pinned).
-- lease_until keeps two ticks from sending one message at once.
CREATE TABLE outbox (
	notification_id	INTEGER PRIMARY KEY REFERENCES notifications(id),
	queued_at	INTEGER NOT NULL,
	next_at		INTEGER NOT NULL,
	attempts	INTEGER NOT NULL DEFAULT 0,
	lease_until	INTEGER NOT NULL DEFAULT 0,
	sent_at		INTEGER,
	last_error	TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(next_at) WHERE sent_at IS NULL;

-- The scheduled step's runs, for /metrics: one row, counters only.
CREATE TABLE tick_stats (
	id		INTEGER PRIMARY KEY CHECK (id = 1),
	runs		INTEGER NOT NULL DEFAULT 0,
	failed		INTEGER NOT NULL DEFAULT 0,
	total_ms	INTEGER NOT NULL DEFAULT 0,
	last_at		INTEGER NOT NULL DEFAULT 0,
	last_ms		INTEGER NOT NULL DEFAULT 0,
	mail_sent	INTEGER NOT NULL DEFAULT 0,
	mail_failed	INTEGER NOT NULL DEFAULT 0
);
INSERT INTO tick_stats (id) VALUES (1);

-- What the pages did lazily before this version counts as done: the
-- feedback reminders and reveals already sent are not sent again.
INSERT INTO deadlines_done (kind, contract_id, subject, done_at)
	SELECT 'feedback_reminder', n.contract_id,
	    CASE WHEN n.user_id = c.client_id THEN 0 ELSE 1 END, min(n.created_at)
	FROM notifications n JOIN contracts c ON c.id = n.contract_id
	WHERE n.kind = 'feedback_reminder' GROUP BY 1, 2, 3;
INSERT INTO deadlines_done (kind, contract_id, subject, done_at)
	SELECT 'feedback_revealed', n.contract_id, 0, min(n.created_at)
	FROM notifications n WHERE n.kind = 'feedback_revealed' AND n.contract_id IS NOT NULL
	GROUP BY 1, 2, 3;
