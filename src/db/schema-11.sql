-- Schema 11: a diary write touches only the dashboard columns it changes.
--
-- The dashboard line of a contract shows the latest week with minutes
-- logged (week, week_minutes).  Until now a diary write marked the whole
-- contract stale, and the rebuild deleted and inserted each of its lines:
-- the line's table and its five indexes, twelve pages of WAL for one diary
-- entry on the demo data, each written and synced by the request.  Only
-- those two columns depend on the Work Diary, and no index holds them: an
-- UPDATE of them writes the lines' own pages and nothing else (three pages
-- in all for the same entry).
DROP TRIGGER diary_entries_ai;
DROP TRIGGER diary_entries_au;
DROP TRIGGER diary_entries_ad;

-- A contract's latest week with minutes logged: at most one row each.
CREATE VIEW diary_latest_week (contract_id, week, minutes) AS
	SELECT w.contract_id, w.week, w.minutes FROM diary_weeks w
	WHERE w.week = (SELECT max(x.week) FROM diary_weeks x
	    WHERE x.contract_id = w.contract_id AND x.minutes <> 0);

-- Inserting a contract's id here sets its lines' week from the diary; no
-- row is stored (like dashboard_stale, without a table to write).
CREATE VIEW dashboard_week_refresh (contract_id) AS SELECT NULL WHERE 0;
CREATE TRIGGER dashboard_week_refresh INSTEAD OF INSERT ON dashboard_week_refresh BEGIN
	UPDATE dashboard_lines SET (week, week_minutes) = (SELECT coalesce(max(l.week), 0),
	    coalesce(max(l.minutes), 0) FROM diary_latest_week l
	    WHERE l.contract_id = new.contract_id)
	    WHERE contract_id = new.contract_id;
END;

CREATE TRIGGER diary_entries_ai AFTER INSERT ON diary_entries BEGIN
	INSERT INTO diary_weeks (contract_id, week, minutes)
	    VALUES (new.contract_id, new.week, new.minutes)
	    ON CONFLICT (contract_id, week) DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO dashboard_week_refresh VALUES (new.contract_id);
END;
CREATE TRIGGER diary_entries_au AFTER UPDATE OF contract_id, day, week, minutes
    ON diary_entries BEGIN
	UPDATE diary_weeks SET minutes = minutes - old.minutes
	    WHERE contract_id = old.contract_id AND week = old.week;
	INSERT INTO diary_weeks (contract_id, week, minutes)
	    VALUES (new.contract_id, new.week, new.minutes)
	    ON CONFLICT (contract_id, week) DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO dashboard_week_refresh SELECT old.contract_id UNION SELECT new.contract_id;
END;
CREATE TRIGGER diary_entries_ad AFTER DELETE ON diary_entries BEGIN
	UPDATE diary_weeks SET minutes = minutes - old.minutes
	    WHERE contract_id = old.contract_id AND week = old.week;
	INSERT INTO dashboard_week_refresh VALUES (old.contract_id);
END;
