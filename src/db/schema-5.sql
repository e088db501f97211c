-- Schema 5: which browser each session is.
--
-- /settings lists your sessions (started, last seen, which browser) so
-- that one left signed in somewhere can be recognized and ended.  The
-- browser is a short summary in fixed words made at sign-in
-- (auth_agent_summary: "Firefox on Linux"), never the raw User-Agent;
-- sessions started before this schema show as "A browser".

ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT 'A browser';
