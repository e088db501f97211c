-- Schema 2: the dashboard's lines, kept by the database itself.
--
-- "All contracts" shows, for each contract a user sees, figures drawn from
-- seven tables.  Reading them on every page view cost about ten b-tree
-- searches a row; instead each write that changes a figure rebuilds that
-- contract's lines in the same transaction (the triggers below), and the
-- dashboard reads one line per row in the order it shows them.
--
-- A user sees a contract as its client, as its freelancer, or as an owner
-- or admin of the freelancer's agency (not twice when that admin is the
-- freelancer).

-- Minutes logged per contract and week (Monday 00:00 UTC), for "this
-- week" on the dashboard.
CREATE TABLE diary_weeks (
	contract_id	INTEGER NOT NULL,
	week		INTEGER NOT NULL,
	minutes		INTEGER NOT NULL,
	PRIMARY KEY (contract_id, week)
) WITHOUT ROWID;

CREATE TABLE dashboard_lines (
	user_id		INTEGER NOT NULL,
	started_at	INTEGER NOT NULL,
	contract_id	INTEGER NOT NULL,
	side		TEXT NOT NULL,		-- the user's side
	title		TEXT NOT NULL,
	other_name	TEXT NOT NULL,		-- the other side's name
	agency_name	TEXT NOT NULL,		-- '' without an agency
	kind		TEXT NOT NULL,
	rate		INTEGER NOT NULL,
	status		TEXT NOT NULL,
	ended_at	INTEGER NOT NULL,	-- 0 while active
	mine_left	INTEGER NOT NULL,	-- the user's side left feedback
	theirs_left	INTEGER NOT NULL,	-- the other side did
	theirs_overall	INTEGER NOT NULL,	-- and its overall score
	ticks		INTEGER NOT NULL,	-- the user's side's checklist items done
	refundable_at	INTEGER NOT NULL,	-- latest payment not wholly refunded, 0: none
	week		INTEGER NOT NULL,	-- the latest week with minutes logged, 0: none
	week_minutes	INTEGER NOT NULL,	-- and those minutes
	PRIMARY KEY (user_id, started_at, contract_id, side)
) WITHOUT ROWID;
CREATE INDEX dashboard_lines_contract ON dashboard_lines(contract_id);

CREATE VIEW dashboard_who (user_id, contract_id, side, other_id) AS
	SELECT client_id, id, 'client', freelancer_id FROM contracts
	UNION ALL
	SELECT freelancer_id, id, 'freelancer', client_id FROM contracts
	UNION ALL
	SELECT m.user_id, c.id, 'freelancer', c.client_id FROM contracts c
	JOIN agency_members m ON m.agency_id = c.agency_id
	WHERE m.role IN ('owner', 'admin') AND m.user_id <> c.freelancer_id;

CREATE VIEW dashboard_source (user_id, started_at, contract_id, side,
    title, other_name, agency_name, kind, rate, status, ended_at, mine_left,
    theirs_left, theirs_overall, ticks, refundable_at, week, week_minutes) AS
	SELECT w.user_id, c.started_at, c.id AS contract_id, w.side,
	c.title, o.name, coalesce(a.name, ''), c.kind, c.rate,
	c.status, coalesce(c.ended_at, 0),
	EXISTS (SELECT 1 FROM feedback f WHERE f.contract_id = c.id AND f.side = w.side),
	fo.id IS NOT NULL, coalesce(fo.overall, 0),
	(SELECT count(*) FROM checklist_ticks t WHERE t.contract_id = c.id AND t.side = w.side),
	coalesce((SELECT max(p.paid_at) FROM payments p
	    WHERE p.contract_id = c.id AND p.refunded < p.amount), 0),
	coalesce(lw.week, 0), coalesce(lw.minutes, 0)
	FROM dashboard_who w
	JOIN contracts c ON c.id = w.contract_id
	JOIN users o ON o.id = w.other_id
	LEFT JOIN agencies a ON a.id = c.agency_id
	LEFT JOIN feedback fo ON fo.contract_id = c.id
	    AND fo.side = CASE w.side WHEN 'client' THEN 'freelancer' ELSE 'client' END
	LEFT JOIN diary_weeks lw ON lw.contract_id = c.id AND lw.week =
	    (SELECT max(week) FROM diary_weeks x WHERE x.contract_id = c.id AND x.minutes <> 0);

-- Inserting a contract's id here rebuilds its lines; the row does not stay.
-- The triggers below insert the ids of the contracts a write touched (old
-- and new, on an update: UNION makes them one when they are the same).
CREATE TABLE dashboard_stale (contract_id INTEGER PRIMARY KEY);
CREATE TRIGGER dashboard_rebuild AFTER INSERT ON dashboard_stale BEGIN
	DELETE FROM dashboard_lines WHERE contract_id = new.contract_id;
	INSERT INTO dashboard_lines
	    SELECT * FROM dashboard_source WHERE contract_id = new.contract_id;
	DELETE FROM dashboard_stale WHERE contract_id = new.contract_id;
END;

CREATE TRIGGER contracts_ai AFTER INSERT ON contracts BEGIN
	INSERT INTO dashboard_stale VALUES (new.id);
END;
CREATE TRIGGER contracts_au AFTER UPDATE ON contracts BEGIN
	INSERT INTO dashboard_stale SELECT old.id UNION SELECT new.id;
END;
CREATE TRIGGER contracts_ad AFTER DELETE ON contracts BEGIN
	DELETE FROM dashboard_lines WHERE contract_id = old.id;
	DELETE FROM diary_weeks WHERE contract_id = old.id;
END;

CREATE TRIGGER users_au AFTER UPDATE OF name ON users BEGIN
	INSERT INTO dashboard_stale SELECT id FROM contracts
	    WHERE client_id = new.id OR freelancer_id = new.id;
END;
CREATE TRIGGER agencies_au AFTER UPDATE OF name ON agencies BEGIN
	INSERT INTO dashboard_stale SELECT id FROM contracts WHERE agency_id = new.id;
END;
CREATE TRIGGER agency_members_ai AFTER INSERT ON agency_members BEGIN
	INSERT INTO dashboard_stale SELECT id FROM contracts WHERE agency_id = new.agency_id;
END;
CREATE TRIGGER agency_members_au AFTER UPDATE ON agency_members BEGIN
	INSERT INTO dashboard_stale SELECT id FROM contracts
	    WHERE agency_id = old.agency_id OR agency_id = new.agency_id;
END;
CREATE TRIGGER agency_members_ad AFTER DELETE ON agency_members BEGIN
	INSERT INTO dashboard_stale SELECT id FROM contracts WHERE agency_id = old.agency_id;
END;

CREATE TRIGGER feedback_ai AFTER INSERT ON feedback BEGIN
	INSERT INTO dashboard_stale VALUES (new.contract_id);
END;
CREATE TRIGGER feedback_au AFTER UPDATE OF contract_id, side, overall ON feedback BEGIN
	INSERT INTO dashboard_stale SELECT old.contract_id UNION SELECT new.contract_id;
END;
CREATE TRIGGER feedback_ad AFTER DELETE ON feedback BEGIN
	INSERT INTO dashboard_stale VALUES (old.contract_id);
END;

CREATE TRIGGER checklist_ticks_ai AFTER INSERT ON checklist_ticks BEGIN
	INSERT INTO dashboard_stale VALUES (new.contract_id);
END;
CREATE TRIGGER checklist_ticks_au AFTER UPDATE ON checklist_ticks BEGIN
	INSERT INTO dashboard_stale SELECT old.contract_id UNION SELECT new.contract_id;
END;
CREATE TRIGGER checklist_ticks_ad AFTER DELETE ON checklist_ticks BEGIN
	INSERT INTO dashboard_stale VALUES (old.contract_id);
END;

CREATE TRIGGER payments_ai AFTER INSERT ON payments BEGIN
	INSERT INTO dashboard_stale VALUES (new.contract_id);
END;
CREATE TRIGGER payments_au AFTER UPDATE OF contract_id, amount, refunded, paid_at
    ON payments BEGIN
	INSERT INTO dashboard_stale SELECT old.contract_id UNION SELECT new.contract_id;
END;
CREATE TRIGGER payments_ad AFTER DELETE ON payments BEGIN
	INSERT INTO dashboard_stale VALUES (old.contract_id);
END;

-- The week of a day: its Monday (1970-01-05 was one) at 00:00 UTC.
CREATE TRIGGER diary_entries_ai AFTER INSERT ON diary_entries BEGIN
	INSERT INTO diary_weeks (contract_id, week, minutes)
	    VALUES (new.contract_id,
	    new.day - ((new.day - 345600) % 604800 + 604800) % 604800, new.minutes)
	    ON CONFLICT (contract_id, week) DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO dashboard_stale VALUES (new.contract_id);
END;
CREATE TRIGGER diary_entries_au AFTER UPDATE OF contract_id, day, minutes
    ON diary_entries BEGIN
	UPDATE diary_weeks SET minutes = minutes - old.minutes
	    WHERE contract_id = old.contract_id
	    AND week = old.day - ((old.day - 345600) % 604800 + 604800) % 604800;
	INSERT INTO diary_weeks (contract_id, week, minutes)
	    VALUES (new.contract_id,
	    new.day - ((new.day - 345600) % 604800 + 604800) % 604800, new.minutes)
	    ON CONFLICT (contract_id, week) DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO dashboard_stale SELECT old.contract_id UNION SELECT new.contract_id;
END;
CREATE TRIGGER diary_entries_ad AFTER DELETE ON diary_entries BEGIN
	UPDATE diary_weeks SET minutes = minutes - old.minutes
	    WHERE contract_id = old.contract_id
	    AND week = old.day - ((old.day - 345600) % 604800 + 604800) % 604800;
	INSERT INTO dashboard_stale VALUES (old.contract_id);
END;

-- What is there already.
INSERT INTO diary_weeks (contract_id, week, minutes)
	SELECT contract_id, day - ((day - 345600) % 604800 + 604800) % 604800, sum(minutes)
	FROM diary_entries GROUP BY 1, 2;
INSERT INTO dashboard_lines SELECT * FROM dashboard_source;
