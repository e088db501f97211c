-- Schema 6: each contract's message thread, who has read it, and each
-- user's time zone.
--
-- A contract has one thread between its two sides (with the agency's
-- owners and admins).  A GET writes nothing, so reading cannot mark a
-- thread read by itself: message_unread holds, for each reader and
-- thread, how many messages arrived since the reader last marked it read
-- (posting in it, or the thread's "Mark as read" button) and the first
-- of them; a row exists only while there is something unread.  The
-- trigger below fills it for every reader of the thread but the author,
-- and users.unread_messages is its sum, kept by triggers, so that the
-- header's count costs nothing on each page.

CREATE TABLE messages (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	author_id	INTEGER NOT NULL REFERENCES users(id),
	body		TEXT NOT NULL,
	created_at	INTEGER NOT NULL
);
CREATE INDEX messages_contract ON messages(contract_id, id);

CREATE TABLE message_unread (
	user_id		INTEGER NOT NULL REFERENCES users(id),
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	count		INTEGER NOT NULL CHECK (count > 0),
	since_id	INTEGER NOT NULL,	-- the first unread message
	PRIMARY KEY (user_id, contract_id)
) WITHOUT ROWID;

ALTER TABLE users ADD COLUMN unread_messages INTEGER NOT NULL DEFAULT 0;
-- An IANA name, checked against the system's tzdata when it is set.
ALTER TABLE users ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';

-- The thread's readers: the client, the freelancer of record and the
-- agency's owners and admins (DESIGN.md section 1), but not the author.
CREATE TRIGGER messages_unread_ai AFTER INSERT ON messages BEGIN
	INSERT INTO message_unread (user_id, contract_id, count, since_id)
	SELECT u, new.contract_id, 1, new.id FROM (
		SELECT client_id AS u FROM contracts WHERE id = new.contract_id
		UNION SELECT freelancer_id FROM contracts WHERE id = new.contract_id
		UNION SELECT m.user_id FROM contracts c JOIN agency_members m
		    ON m.agency_id = c.agency_id
		    WHERE c.id = new.contract_id AND m.role IN ('owner', 'admin'))
	WHERE u <> new.author_id
	ON CONFLICT (user_id, contract_id) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER message_unread_ai AFTER INSERT ON message_unread BEGIN
	UPDATE users SET unread_messages = unread_messages + new.count
	    WHERE id = new.user_id;
END;
CREATE TRIGGER message_unread_au AFTER UPDATE OF count ON message_unread BEGIN
	UPDATE users SET unread_messages = unread_messages - old.count + new.count
	    WHERE id = new.user_id;
END;
CREATE TRIGGER message_unread_ad AFTER DELETE ON message_unread BEGIN
	UPDATE users SET unread_messages = unread_messages - old.count
	    WHERE id = old.user_id;
END;
