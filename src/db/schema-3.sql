-- Schema 3: each user's unread notifications, counted by the database.
--
-- Every signed-in page shows how many of the user's notifications are
-- unread.  Counting them on each page view took a step per unread
-- notification, with no bound; instead every write to notifications keeps
-- the count on the user's row, in the same transaction.

ALTER TABLE users ADD COLUMN unread INTEGER NOT NULL DEFAULT 0;
UPDATE users SET unread = (SELECT count(*) FROM notifications n
    WHERE n.user_id = users.id AND n.read_at IS NULL);

CREATE TRIGGER notifications_unread_ai AFTER INSERT ON notifications
WHEN new.read_at IS NULL BEGIN
	UPDATE users SET unread = unread + 1 WHERE id = new.user_id;
END;
CREATE TRIGGER notifications_unread_au AFTER UPDATE OF user_id, read_at ON notifications BEGIN
	UPDATE users SET unread = unread - 1 WHERE id = old.user_id AND old.read_at IS NULL;
	UPDATE users SET unread = unread + 1 WHERE id = new.user_id AND new.read_at IS NULL;
END;
CREATE TRIGGER notifications_unread_ad AFTER DELETE ON notifications
WHEN old.read_at IS NULL BEGIN
	UPDATE users SET unread = unread - 1 WHERE id = old.user_id;
END;
