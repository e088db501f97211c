-- Schema 8: an undo for a deleted diary entry, and who decides on the
-- dashboard.
--
-- A diary entry deleted from an open week can be added back from the
-- notice that follows the delete.  The notice's Undo is an ordinary add
-- (POST /contracts/{id}/diary) whose hidden fields are the entry's values;
-- they are kept here, not in a cookie or a URL (a memo of 1,000 characters
-- does not fit a query string), for the one page that follows.  The delete
-- that writes a row clears the contract's rows older than a day.
CREATE TABLE diary_deleted (
	id		INTEGER PRIMARY KEY,
	contract_id	INTEGER NOT NULL REFERENCES contracts(id),
	user_id		INTEGER NOT NULL REFERENCES users(id),
	day		INTEGER NOT NULL,
	minutes		INTEGER NOT NULL,
	memo		TEXT NOT NULL,
	deleted_at	INTEGER NOT NULL
);
CREATE INDEX diary_deleted_contract ON diary_deleted(contract_id, deleted_at);

-- The dashboard's (...) menu offers End contract, Give feedback and Give
-- refund only to a viewer who decides for their side (DESIGN.md section
-- 1): the client, a freelancer without an agency, and the agency's owner
-- and admins; not a plain member who is the freelancer of record.  The
-- line keeps it (decides, last, as ALTER TABLE puts it), rebuilt by the
-- agency_members triggers of schema 2 when a role changes.
ALTER TABLE dashboard_lines ADD COLUMN decides INTEGER NOT NULL DEFAULT 1;
DROP VIEW dashboard_source;
CREATE VIEW dashboard_source (user_id, started_at, contract_id, side,
    title, other_name, agency_name, kind, rate, status, ended_at, mine_left,
    theirs_left, theirs_overall, ticks, refundable_at, week, week_minutes,
    decides) AS
	SELECT w.user_id, c.started_at, c.id AS contract_id, w.side,
	c.title, o.name, coalesce(a.name, ''), c.kind, c.rate,
	c.status, coalesce(c.ended_at, 0),
	EXISTS (SELECT 1 FROM feedback f WHERE f.contract_id = c.id AND f.side = w.side),
	fo.id IS NOT NULL, coalesce(fo.overall, 0),
	(SELECT count(*) FROM checklist_ticks t WHERE t.contract_id = c.id AND t.side = w.side),
	coalesce((SELECT max(p.paid_at) FROM payments p
	    WHERE p.contract_id = c.id AND p.refunded < p.amount), 0),
	coalesce(lw.week, 0), coalesce(lw.minutes, 0),
	w.side = 'client' OR c.agency_id IS NULL OR EXISTS (SELECT 1
	    FROM agency_members m WHERE m.agency_id = c.agency_id
	    AND m.user_id = w.user_id AND m.role IN ('owner', 'admin'))
	FROM dashboard_who w
	JOIN contracts c ON c.id = w.contract_id
	JOIN users o ON o.id = w.other_id
	LEFT JOIN agencies a ON a.id = c.agency_id
	LEFT JOIN feedback fo ON fo.contract_id = c.id
	    AND fo.side = CASE w.side WHEN 'client' THEN 'freelancer' ELSE 'client' END
	LEFT JOIN diary_weeks lw ON lw.contract_id = c.id AND lw.week =
	    (SELECT max(week) FROM diary_weeks x WHERE x.contract_id = c.id AND x.minutes <> 0);
-- What is there already.
DELETE FROM dashboard_lines;
INSERT INTO dashboard_lines SELECT * FROM dashboard_source;
