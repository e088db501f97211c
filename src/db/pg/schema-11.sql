-- Schema 11 on PostgreSQL (src/db/schema-11.sql): a diary write touches
-- only the dashboard columns it changes.
--
-- Of a dashboard line, only week and week_minutes (the contract's latest
-- week with minutes logged, and those minutes) depend on the Work Diary.
-- A diary write used to rebuild the contract's lines (delete and insert,
-- every index written); now it updates those two columns, which no index
-- holds, so the update is HOT: the lines' own heap pages and nothing else.
--
-- Run by the engine as one string (PQexec) inside the transaction it
-- opens for the migration: no BEGIN or COMMIT here.

-- A contract's latest week with minutes logged: at most one row each.
CREATE VIEW diary_latest_week (contract_id, week, minutes) AS
	SELECT w.contract_id, w.week, w.minutes FROM diary_weeks w
	WHERE w.week = (SELECT max(x.week) FROM diary_weeks x
	    WHERE x.contract_id = w.contract_id AND x.minutes <> 0);

-- Set the week of the lines of the contracts ids from the diary (NULLs
-- and repeats are ignored; 0 and 0 when no week has minutes).  As
-- dashboard_rebuild() does, it locks each contract first, in order of id,
-- and reads diary_weeks after, in a statement of its own: a writer that
-- skips the writers' lock still leaves the lines right.
CREATE FUNCTION dashboard_week_refresh(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	cid bigint;
BEGIN
	FOR cid IN SELECT DISTINCT id FROM unnest(ids) AS id
	    WHERE id IS NOT NULL ORDER BY id LOOP
		PERFORM pg_advisory_xact_lock(4201702, (cid % 2147483648)::int);
		UPDATE dashboard_lines SET (week, week_minutes) =
		    (SELECT coalesce(max(l.week), 0), coalesce(max(l.minutes), 0)
		    FROM diary_latest_week l WHERE l.contract_id = cid)
		    WHERE contract_id = cid;
	END LOOP;
END
$$;

-- schema-10.sql's function, refreshing the week instead of rebuilding.
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
	PERFORM dashboard_week_refresh(ARRAY[old.contract_id, new.contract_id]);
	RETURN NULL;
END
$$;

UPDATE schema_version SET version = 11;
