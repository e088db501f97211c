-- Schema 10: each diary entry keeps its week.
--
-- A week is named by its Monday 00:00 UTC.  Until now the Monday of a day
-- was worked out in C (week_start()), again in schema 2's triggers and in
-- contractsctl check's statement.  Now C works it out alone, once per
-- write, and stores it: every insert and update of a diary entry sets
-- week = week_start(day), and the triggers that keep diary_weeks read it.
--
-- The entries already there get theirs here, once: week_start() in this
-- migration is the C function itself, lent to SQL by db_open().
ALTER TABLE diary_entries ADD COLUMN week INTEGER;

DROP TRIGGER diary_entries_ai;
DROP TRIGGER diary_entries_au;
DROP TRIGGER diary_entries_ad;

UPDATE diary_entries SET week = week_start(day);

-- An entry without its week would count in no week: refused.
CREATE TRIGGER diary_entries_week_bi BEFORE INSERT ON diary_entries
    WHEN new.week IS NULL BEGIN
	SELECT RAISE(ABORT, 'diary_entries.week is not set');
END;
CREATE TRIGGER diary_entries_week_bu BEFORE UPDATE OF week ON diary_entries
    WHEN new.week IS NULL BEGIN
	SELECT RAISE(ABORT, 'diary_entries.week is not set');
END;

-- Schema 2's triggers, reading the stored week.
CREATE TRIGGER diary_entries_ai AFTER INSERT ON diary_entries BEGIN
	INSERT INTO diary_weeks (contract_id, week, minutes)
	    VALUES (new.contract_id, new.week, new.minutes)
	    ON CONFLICT (contract_id, week) DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO dashboard_stale VALUES (new.contract_id);
END;
CREATE TRIGGER diary_entries_au AFTER UPDATE OF contract_id, day, week, minutes
    ON diary_entries BEGIN
	UPDATE diary_weeks SET minutes = minutes - old.minutes
	    WHERE contract_id = old.contract_id AND week = old.week;
	INSERT INTO diary_weeks (contract_id, week, minutes)
	    VALUES (new.contract_id, new.week, new.minutes)
	    ON CONFLICT (contract_id, week) DO UPDATE SET minutes = minutes + excluded.minutes;
	INSERT INTO dashboard_stale SELECT old.contract_id UNION SELECT new.contract_id;
END;
CREATE TRIGGER diary_entries_ad AFTER DELETE ON diary_entries BEGIN
	UPDATE diary_weeks SET minutes = minutes - old.minutes
	    WHERE contract_id = old.contract_id AND week = old.week;
	INSERT INTO dashboard_stale VALUES (old.contract_id);
END;
