-- Schema version 1: the whole of DESIGN.md.  Times are UTC unix seconds,
-- money is integer cents, days are the unix second of 00:00 UTC.
CREATE TABLE users (
	id		INTEGER PRIMARY KEY,
	email		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name		TEXT NOT NULL,
	pwhash		TEXT NOT NULL,
	created_at	INTEGER NOT NULL
);
CREATE TABLE agencies (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL,
	owner_id	INTEGER NOT NULL REFERENCES users(id),
	created_at	INTEGER NOT NULL
);
CREATE TABLE agency_members (
	agency_id	INTEGER NOT NULL REFERENCES agencies(id),
	user_id		INTEGER NOT NULL REFERENCES users(id),
	role		TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
	PRIMARY KEY (agency_id, user_id)
) WITHOUT ROWID;
CREATE INDEX agency_members_user ON agency_members(user_id, role);
CREATE TABLE contracts (
	id		INTEGER PRIMARY KEY,
	title		TEXT NOT NULL,
	client_id	INTEGER NOT NULL REFERENCES users(id),
	freelancer_id	INTEGER NOT NULL REFERENCES users(id),
	agency_id	INTEGER REFERENCES agencies(id),
	kind		TEXT NOT NULL CHECK (kind IN ('hourly', 'fixed')),
	rate		INTEGER NOT NULL CHECK (rate > 0),	-- per hour, or the price
	weekly_limit	INTEGER NOT NULL DEFAULT 0,		-- hours, 0: none
	status		TEXT NOT NULL DEFAULT 'active'
			CHECK (status IN ('active', 'ended', 'disputed')),
	started_at	INTEGER NOT NULL,
	ended_at	INTEGER,
	ended_by	INTEGER REFERENCES users(id),
	end_reason	TEXT,
	CHECK (client_id <> freelancer_id)
);
-- With status: the dashboard orders and filters a user's contracts from
-- these alone, without reading the rows.
CREATE INDEX contracts_client ON contracts(client_id, started_at DESC, status);
CREATE INDEX contracts_freelancer ON contracts(freelancer_id, started_at DESC, status);
-- A user's ended contracts, by end: what every page load looks through
-- for feedback notifications falling due (AFTER_DUE), without the rest.
CREATE INDEX contracts_client_ended ON contracts(client_id, ended_at)
	WHERE ended_at IS NOT NULL;
CREATE INDEX contracts_freelancer_ended ON contracts(freelancer_id, ended_at)
	WHERE ended_at IS NOT NULL;
CREATE INDEX contracts_agency ON contracts(agency_id, started_at DESC)
	WHERE agency_id IS NOT NULL;
CREATE TABLE milestones (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	amount		INTEGER NOT NULL CHECK (amount > 0),
	funded		INTEGER NOT NULL DEFAULT 0,	-- in escrow
	released	INTEGER NOT NULL DEFAULT 0,	-- cents paid out
	returned	INTEGER NOT NULL DEFAULT 0,	-- cents back to the client
	created_at	INTEGER NOT NULL
);
CREATE INDEX milestones_contract ON milestones(contract_id);
CREATE TABLE diary_entries (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	day		INTEGER NOT NULL,
	minutes		INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
	memo		TEXT NOT NULL DEFAULT '',
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
CREATE INDEX diary_contract_day ON diary_entries(contract_id, day, minutes);
CREATE TABLE payments (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	amount		INTEGER NOT NULL CHECK (amount > 0),
	refunded	INTEGER NOT NULL DEFAULT 0 CHECK (refunded BETWEEN 0 AND amount),
	paid_at		INTEGER NOT NULL,
	memo		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX payments_contract ON payments(contract_id, paid_at DESC);
CREATE TABLE refunds (
	id		INTEGER PRIMARY KEY,
	payment_id	INTEGER NOT NULL REFERENCES payments(id),
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	amount		INTEGER NOT NULL CHECK (amount > 0),
	reason		TEXT NOT NULL DEFAULT '',
	source		TEXT NOT NULL DEFAULT 'refund'
			CHECK (source IN ('refund', 'dispute', 'escrow')),
	created_by	INTEGER REFERENCES users(id),
	created_at	INTEGER NOT NULL
);
CREATE INDEX refunds_contract ON refunds(contract_id, created_at);
CREATE TABLE invoices (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	week		INTEGER NOT NULL,		-- Monday 00:00
	minutes		INTEGER NOT NULL,		-- billable
	amount		INTEGER NOT NULL,
	refunded	INTEGER NOT NULL DEFAULT 0,
	UNIQUE (contract_id, week)
);
CREATE TABLE disputes (
	id		INTEGER PRIMARY KEY,
	invoice_id	INTEGER NOT NULL REFERENCES invoices(id),
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	minutes		INTEGER NOT NULL CHECK (minutes > 0),
	amount		INTEGER NOT NULL,
	reason		TEXT NOT NULL,
	opened_by	INTEGER NOT NULL REFERENCES users(id),
	opened_at	INTEGER NOT NULL,
	status		TEXT NOT NULL DEFAULT 'open'
			CHECK (status IN ('open', 'accepted', 'escalated')),
	decided_by	INTEGER REFERENCES users(id),
	decided_at	INTEGER
);
CREATE INDEX disputes_contract ON disputes(contract_id, opened_at);
CREATE INDEX disputes_invoice ON disputes(invoice_id);
CREATE TABLE escrow_requests (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL UNIQUE REFERENCES contracts(id),
	released	INTEGER NOT NULL,	-- cents released to the freelancer
	refund		INTEGER NOT NULL,	-- cents asked back
	requested_at	INTEGER NOT NULL,
	decision	INTEGER NOT NULL DEFAULT 0,	-- 1 accepted, -1 declined
	decided_by	INTEGER REFERENCES users(id),
	decided_at	INTEGER
);
CREATE TABLE checklist_ticks (
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	side		TEXT NOT NULL CHECK (side IN ('client', 'freelancer')),
	item		TEXT NOT NULL,
	done_by		INTEGER NOT NULL REFERENCES users(id),
	done_at		INTEGER NOT NULL,
	PRIMARY KEY (contract_id, side, item)
) WITHOUT ROWID;
CREATE TABLE feedback (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	side		TEXT NOT NULL CHECK (side IN ('client', 'freelancer')),
	author_id	INTEGER NOT NULL REFERENCES users(id),
	recipient_id	INTEGER NOT NULL REFERENCES users(id),
	skills		INTEGER CHECK (skills BETWEEN 1 AND 5),
	quality		INTEGER CHECK (quality BETWEEN 1 AND 5),
	availability	INTEGER CHECK (availability BETWEEN 1 AND 5),
	schedule	INTEGER CHECK (schedule BETWEEN 1 AND 5),
	communication	INTEGER CHECK (communication BETWEEN 1 AND 5),
	cooperation	INTEGER CHECK (cooperation BETWEEN 1 AND 5),
	clarity		INTEGER CHECK (clarity BETWEEN 1 AND 5),
	overall		INTEGER NOT NULL,		-- hundredths of a star
	comment		TEXT NOT NULL DEFAULT '',
	private_reason	TEXT NOT NULL DEFAULT '',
	private_score	INTEGER NOT NULL CHECK (private_score BETWEEN 0 AND 10),
	created_at	INTEGER NOT NULL,
	response	TEXT,
	response_at	INTEGER,
	UNIQUE (contract_id, side)
);
CREATE INDEX feedback_recipient ON feedback(recipient_id, created_at DESC);
CREATE TABLE notifications (
	id		INTEGER PRIMARY KEY,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	contract_id	INTEGER REFERENCES contracts(id),
	kind		TEXT NOT NULL,
	body		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	read_at		INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, id DESC);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;
-- "Was user U told about contract C?" (kind, latest time): one probe,
-- however many notifications U has (every page load asks, see AFTER_DUE).
CREATE INDEX notifications_about ON notifications(user_id, contract_id, kind, created_at);
CREATE TABLE sessions (
	id		INTEGER PRIMARY KEY,
	token_hash	BLOB NOT NULL UNIQUE,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	csrf		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	seen_at		INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE help_votes (
	article		TEXT NOT NULL,
	user_id		INTEGER NOT NULL REFERENCES users(id),
	helpful		INTEGER NOT NULL CHECK (helpful IN (0, 1)),
	voted_at	INTEGER NOT NULL,
	PRIMARY KEY (article, user_id)
) WITHOUT ROWID;
CREATE TABLE events (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	at		INTEGER NOT NULL,
	actor_id	INTEGER REFERENCES users(id),
	kind		TEXT NOT NULL,
	detail		TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_contract ON events(contract_id, at, id);
