-- Schema 10 on PostgreSQL (src/db/schema-10.sql): each diary entry keeps
-- its week, the Monday 00:00 UTC of its day, set by the app (C's
-- week_start()) on every insert and update and read by the trigger that
-- keeps diary_weeks.
--
-- The entries already there get theirs from diary_week(), schema.sql's
-- twin of week_start().  SQLite refuses an entry without its week by
-- triggers (it cannot add a NOT NULL column to rows it has); here the
-- column is NOT NULL once filled.
--
-- Run by the engine as one string (PQexec) inside the transaction it
-- opens for the migration: no BEGIN or COMMIT here.
ALTER TABLE diary_entries ADD COLUMN week bigint;
-- The update trigger does not fire: it watches contract_id, day, minutes.
UPDATE diary_entries SET week = diary_week(day);
ALTER TABLE diary_entries ALTER COLUMN week SET NOT NULL;

-- schema.sql's function, reading the stored week.
CREATE OR REPLACE FUNCTION diary_entries_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		UPDATE diary_weeks SET minutes = minutes - old.minutes
		    WHERE contract_id = old.contract_id AND week = old.week;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO diary_weeks AS w (contract_id, week, minutes)
		    VALUES (new.contract_id, new.week, new.minutes)
		    ON CONFLICT (contract_id, week)
		    DO UPDATE SET minutes = w.minutes + excluded.minutes;
	END IF;
	PERFORM dashboard_rebuild(ARRAY[old.contract_id, new.contract_id]);
	RETURN NULL;
END
$$;
DROP TRIGGER diary_entries_au ON diary_entries;
CREATE TRIGGER diary_entries_au AFTER UPDATE OF contract_id, day, week, minutes ON diary_entries
	FOR EACH ROW EXECUTE FUNCTION diary_entries_changed();

UPDATE schema_version SET version = 10;
