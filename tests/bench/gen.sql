-- The benchmark's data, in bulk, for the sqlite3 command-line tool.
-- tests/bench/bench.mjs creates the schema through contractsctl (users 1,
-- the benchmark user, and 2, the writer) and then runs this file with
-- these parameters set:
--   @now @week		"now" and its Monday 00:00 (unix seconds, UTC)
--   @users @contracts	totals wanted (>= 52 and >= 150)
--   @diary @notifs	totals wanted
-- The benchmark user's own rows (contracts 1-50 with their diary, payments,
-- feedback, checklist and notifications, and their counterparts, users
-- 3-52) are the same whatever the totals, so that the small and the
-- large database render the same dashboard.  The rest is spread with a
-- multiplicative hash, h(x) = x * 2654435761 mod 2^32: reproducible, no
-- random().  Every user has user 1's password (one argon2id hash).
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
BEGIN;

INSERT INTO users (id, email, name, pwhash, created_at)
WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < @users)
SELECT i, 'user' || i || '@example.com',
    json_extract('["Ada","Ben","Chloe","Dmitri","Elena","Farid","Grace","Hiro",' ||
	'"Ines","Jonas","Kemi","Liam","Maya","Noor","Oscar","Priya"]', '$[' || (i % 16) || ']')
    || ' ' ||
    json_extract('["Okafor","Lindqvist","Moreau","Tanaka","Silva","Novak","Haddad",' ||
	'"Kowalski","Reyes","Byrne","Achterberg","Iyer","Fontaine","Mensah",' ||
	'"Castellanos","Duarte"]', '$[' || ((i / 16) % 16) || ']') || ' ' || i,
    (SELECT pwhash FROM users WHERE id = 1), @now - 400 * 86400
FROM n;

-- Contracts 1-50: the benchmark user's.  Even: the user hired user i+2;
-- odd: user i+2 hired the user.  Every third is fixed price; some ended,
-- a few of them within the 14-day feedback window.
INSERT INTO contracts (id, title, client_id, freelancer_id, kind, rate, weekly_limit,
    status, started_at, ended_at, ended_by, end_reason)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
SELECT i,
    json_extract('["Checkout redesign","Data pipeline","iOS app","Brand refresh",' ||
	'"API migration","Support macros","SEO audit","Warehouse dashboard"]',
	'$[' || (i % 8) || ']') || ' #' || i,
    CASE WHEN i % 2 = 0 THEN 1 ELSE i + 2 END,
    CASE WHEN i % 2 = 0 THEN i + 2 ELSE 1 END,
    CASE WHEN i % 3 = 0 THEN 'fixed' ELSE 'hourly' END,
    CASE WHEN i % 3 = 0 THEN 50000 + i * 1250 ELSE 2500 + (i * 731) % 7500 END,
    CASE WHEN i % 3 = 0 THEN 0 ELSE 40 END,
    CASE WHEN i % 4 = 0 OR i % 7 = 0 THEN 'ended' ELSE 'active' END,
    @now - i * 3 * 86400 - 3600,
    CASE WHEN i % 4 = 0 OR i % 7 = 0 THEN @now - i * 86400 / 2 END,
    CASE WHEN i % 4 = 0 OR i % 7 = 0 THEN 1 END,
    CASE WHEN i % 4 = 0 OR i % 7 = 0 THEN 'The work is done' END
FROM n;

-- Contracts 51-150: the writer's (user 2), hourly and active: the
-- benchmark's diary POSTs go here, away from the dashboard measured.
INSERT INTO contracts (id, title, client_id, freelancer_id, kind, rate, weekly_limit,
    status, started_at)
WITH RECURSIVE n(i) AS (SELECT 51 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
SELECT i, 'Writer contract #' || i, 3 + i % 50, 2, 'hourly', 4000, 0, 'active',
    @now - 60 * 86400
FROM n;

-- The rest: between users 3..@users, over three years.
INSERT INTO contracts (id, title, client_id, freelancer_id, kind, rate, weekly_limit,
    status, started_at, ended_at, ended_by, end_reason)
WITH RECURSIVE n(i) AS (SELECT 151 UNION ALL SELECT i + 1 FROM n WHERE i < @contracts),
h(i, c, f, s) AS (
    SELECT i, 3 + (i * 2654435761) % 4294967296 % (@users - 2),
	3 + ((i + 7919) * 2654435761) % 4294967296 % (@users - 2),
	@now - ((i + 31) * 2654435761) % 4294967296 % 1095 * 86400 - 7200
    FROM n)
SELECT i,
    json_extract('["Landing page","Bookkeeping","Translation","Logo","Shopify theme",' ||
	'"Backend fixes","Video edit","Market research"]', '$[' || (i % 8) || ']')
	|| ' #' || i,
    c, CASE WHEN f = c THEN 3 + (f - 2) % (@users - 2) ELSE f END,
    CASE WHEN i % 3 = 0 THEN 'fixed' ELSE 'hourly' END,
    CASE WHEN i % 3 = 0 THEN 20000 + (i % 40) * 2500 ELSE 1500 + (i * 37) % 9000 END,
    CASE WHEN i % 3 = 0 THEN 0 ELSE 10 + i % 30 END,
    CASE WHEN i % 5 = 0 THEN 'ended' ELSE 'active' END,
    s,
    CASE WHEN i % 5 = 0 THEN s + (@now - s) / 2 END,
    CASE WHEN i % 5 = 0 THEN c END,
    CASE WHEN i % 5 = 0 THEN 'Project complete' END
FROM h;

-- The benchmark user's hourly contracts: five entries this week (Monday
-- to Friday) and five a week for the six weeks before.  Each entry's week
-- is its Monday (schema 9).
INSERT INTO diary_entries (contract_id, day, week, minutes, memo, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50),
k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 34)
SELECT i, @week - (j / 5) * 604800 + (j % 5) * 86400, @week - (j / 5) * 604800,
    30 + (i * 7 + j * 13) % 300,
    'Worked on item ' || j, @week - (j / 5) * 604800 + (j % 5) * 86400 + 64800,
    @week - (j / 5) * 604800 + (j % 5) * 86400 + 64800
FROM n, k WHERE i % 3 <> 0;

-- The rest of the diary: hourly contracts 151.., over 200 days, one in
-- ten in the current week; the week by SQLite's calendar.
INSERT INTO diary_entries (contract_id, day, week, minutes, memo, created_at, updated_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < @diary - (SELECT count(*) FROM diary_entries)),
h(i, c, d) AS (
    SELECT i, 151 + (i * 2654435761) % 4294967296 % (@contracts - 150),
	CASE WHEN i % 10 = 0 THEN @week + (i % 7) * 86400
	ELSE @week - (1 + ((i + 3) * 2654435761) % 4294967296 % 200) * 86400 END
    FROM n)
SELECT CASE WHEN c % 3 = 0 THEN c - 1 ELSE c END, d,
    CAST(strftime('%s', d, 'unixepoch', '-6 days', 'weekday 1') AS INTEGER), 15 + i % 240,
    'Task ' || (i % 997), d + 36000, d + 36000
FROM h;

-- Payments: two on each of the benchmark user's contracts (one refunded
-- in part), one on every other contract of the rest.
INSERT INTO payments (contract_id, amount, refunded, paid_at, memo)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
SELECT i, 25000 + i * 100, 0, @now - 7 * 86400, 'Week payment' FROM n
UNION ALL
SELECT i, 40000 + i * 100, CASE WHEN i % 5 = 0 THEN 5000 ELSE 0 END, @now - 40 * 86400,
    'Milestone' FROM n;
INSERT INTO payments (contract_id, amount, refunded, paid_at, memo)
WITH RECURSIVE n(i) AS (SELECT 152 UNION ALL SELECT i + 2 FROM n WHERE i + 2 <= @contracts)
SELECT i, 10000 + (i % 50) * 1000, 0, @now - (i % 300) * 86400, 'Payment' FROM n;

-- Feedback on the benchmark user's ended contracts: the user's side on
-- some, the other side on others, both on a few.
INSERT INTO feedback (contract_id, side, author_id, recipient_id, skills, quality,
    availability, schedule, communication, cooperation, clarity, overall, comment,
    private_reason, private_score, created_at)
SELECT c.id, CASE WHEN c.client_id = 1 THEN 'client' ELSE 'freelancer' END, 1,
    CASE WHEN c.client_id = 1 THEN c.freelancer_id ELSE c.client_id END,
    CASE WHEN c.client_id = 1 THEN 5 END, CASE WHEN c.client_id = 1 THEN 4 END, 5, 4, 5, 5,
    CASE WHEN c.client_id = 1 THEN NULL ELSE 4 END,
    CASE WHEN c.client_id = 1 THEN 467 ELSE 460 END, 'Good work, on time.',
    'Project finished', 9, c.ended_at + 86400
FROM contracts c WHERE c.id <= 50 AND c.status = 'ended' AND c.id % 8 <> 4;
INSERT INTO feedback (contract_id, side, author_id, recipient_id, skills, quality,
    availability, schedule, communication, cooperation, clarity, overall, comment,
    private_reason, private_score, created_at)
SELECT c.id, CASE WHEN c.client_id = 1 THEN 'freelancer' ELSE 'client' END,
    CASE WHEN c.client_id = 1 THEN c.freelancer_id ELSE c.client_id END, 1,
    CASE WHEN c.client_id = 1 THEN NULL ELSE 4 END, CASE WHEN c.client_id = 1 THEN NULL ELSE 4 END,
    4, 5, 4, 5, CASE WHEN c.client_id = 1 THEN 5 END,
    CASE WHEN c.client_id = 1 THEN 460 ELSE 433 END, 'Clear brief, quick answers.',
    'Contract ended', 8, c.ended_at + 2 * 86400
FROM contracts c WHERE c.id <= 50 AND c.status = 'ended' AND c.id % 3 <> 0;

INSERT INTO checklist_ticks (contract_id, side, item, done_by, done_at)
SELECT c.id, 'client', 'revoke-access', 1, c.ended_at + 3600
FROM contracts c WHERE c.id <= 50 AND c.status = 'ended' AND c.client_id = 1
UNION ALL
SELECT c.id, 'freelancer', 'deliver-work', 1, c.ended_at + 3600
FROM contracts c WHERE c.id <= 50 AND c.status = 'ended' AND c.freelancer_id = 1;

-- Notifications: thirty for the benchmark user (ten unread), the rest
-- spread, one in five unread.
INSERT INTO notifications (user_id, contract_id, kind, body, created_at, read_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
SELECT 1, i, 'contract_ended', 'The other side ended the contract "Contract #' || i || '".',
    @now - i * 3600, CASE WHEN i > 10 THEN @now - i * 3600 + 60 END FROM n;
INSERT INTO notifications (user_id, contract_id, kind, body, created_at, read_at)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @notifs - 30)
SELECT 3 + (i * 2654435761) % 4294967296 % (@users - 2),
    151 + (i * 40503) % (@contracts - 150), 'feedback_left',
    'The other side left feedback on a contract.', @now - (i % 5000) * 3600,
    CASE WHEN i % 5 <> 0 THEN @now - (i % 5000) * 3600 + 600 END FROM n;

COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
