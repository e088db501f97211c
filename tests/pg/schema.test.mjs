// src/db/pg/schema.sql and its migrations (src/db/pg/schema-N.sql)
// against the SQLite schema they mirror, both at the app's latest
// version: the same tables and views with the same columns, in the same
// order; then one scripted sequence of writes, run on a throwaway
// PostgreSQL with that schema (each migration run as the engine runs it:
// pgSchema() in pg.mjs) and on a fresh SQLite file made by contractsctl's
// own migrations, touching every trigger (contracts added, changed, ended
// and deleted, users and
// agencies renamed, members added, promoted and removed, feedback,
// checklist ticks, payments and refunds, diary entries added, moved
// between weeks and contracts, deleted, notifications read one and all at
// once, messages to an agency's contract and read).  After each step:
// the kept tables agree with what they are computed from on each engine
// (the checks of summariesDrift in tests/e2e/lib.mjs), and the two
// engines hold the same dashboard lines, diary weeks and unread counts,
// row for row.  Each check is shown to catch a kept row broken by hand,
// and two PostgreSQL writers to one contract at once (a payment and a
// tick; two diary entries), without the writers' lock, still leave its
// lines right.
//
//	node --test tests/pg/schema.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgSchema, startPg } from './pg.mjs';
import { TOP, sqliteFresh } from './sqlite.mjs';

// The writers' lock of every write transaction (src/db/pg/schema.sql).
const WRITE_LOCK = 'SELECT pg_advisory_xact_lock(4201701);';

// An engine runs a step (a write transaction, as db_begin_write() makes
// one) and then queries, in one client process (the machine is shared):
// step(sql, queries) gives { name: rows } for the queries { name: sql }.
function sqliteEngine(db) {
  return {
    name: 'sqlite',
    step(sql, queries = {}) {
      const names = Object.keys(queries);
      // Each query's rows follow a one-row result naming it (sqlite3 -json
      // prints nothing for no rows), as in tests/e2e/lib.mjs snapshot().
      const reads = names.map((n) => `SELECT '${n}' AS "-query-";\n${queries[n]};`).join('\n');
      const write = sql ? `PRAGMA foreign_keys = ON;\nBEGIN IMMEDIATE;\n${sql};\nCOMMIT;\n` : '';
      const out = execFileSync('sqlite3', ['-bail', '-json', db], { input: write + reads, encoding: 'utf8', maxBuffer: 1 << 26 });
      const res = Object.fromEntries(names.map((n) => [n, []]));
      let name = null, buf = '';
      for (const line of out.split('\n')) {
        buf += line;
        if (!buf.endsWith(']')) continue;
        const rows = JSON.parse(buf);
        buf = '';
        if (rows.length === 1 && '-query-' in rows[0]) name = rows[0]['-query-'];
        else res[name] = rows;
      }
      return res;
    },
  };
}

function pgEngine(pg) {
  return {
    name: 'postgresql',
    // The queries come back as one JSON object, after a marker line.
    step(sql, queries = {}) {
      const obj = Object.entries(queries)
        .map(([n, q]) => `'${n}', (SELECT coalesce(json_agg(q), '[]') FROM (${q}) q)`).join(', ');
      const write = sql ? `BEGIN;\n${WRITE_LOCK}\n${sql};\nCOMMIT;\n` : '';
      const out = pg.script(`${write}\\echo ---json---\nSELECT json_build_object(${obj});\n`);
      return JSON.parse(out.slice(out.lastIndexOf('---json---\n') + 11));
    },
  };
}

// ---- the checks: tests/e2e/lib.mjs summariesDrift, one query each ----

const WEEK = 'day - ((day - 345600) % 604800 + 604800) % 604800';
const WEEKS = `SELECT contract_id, ${WEEK} AS week, sum(minutes) AS minutes FROM diary_entries GROUP BY 1, 2`;
const KEPT = 'SELECT contract_id, week, minutes FROM diary_weeks';
const CHECKS = {
  'entry week': `SELECT id, day, week FROM diary_entries WHERE week <> ${WEEK}`,
  missing: 'SELECT * FROM dashboard_source EXCEPT SELECT * FROM dashboard_lines',
  extra: 'SELECT * FROM dashboard_lines EXCEPT SELECT * FROM dashboard_source',
  stale: 'SELECT * FROM dashboard_stale',
  week: `${KEPT} WHERE minutes <> 0 EXCEPT ${WEEKS}`,
  'week missing': `${WEEKS} EXCEPT ${KEPT}`,
  unread: `SELECT id, unread FROM users EXCEPT SELECT u.id,
    (SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) FROM users u`,
  'unread messages': `SELECT id, unread_messages FROM users EXCEPT SELECT u.id,
    (SELECT coalesce(sum(count), 0) FROM message_unread m WHERE m.user_id = u.id) FROM users u`,
  'thread unread': `SELECT user_id, contract_id, count FROM message_unread EXCEPT
    SELECT r.user_id, r.contract_id, (SELECT count(*) FROM messages m WHERE m.contract_id = r.contract_id
    AND m.id >= r.since_id AND m.author_id <> r.user_id) FROM message_unread r`,
};
// All of them in one query (the same text on both engines): the checks
// that find rows, with how many.
const DRIFT = Object.entries(CHECKS)
  .map(([what, q]) => `SELECT '${what}' AS what, count(*) AS n FROM (${q}) AS x`)
  .join('\nUNION ALL\n');

// Run a step on engine e (sql may be null) and read what it left: the
// failing checks, each with its rows ({} when all hold), and the tables
// the engines must hold alike.
function run(e, sql, extra = {}) {
  const res = e.step(sql, { drift: DRIFT, ...SAME, ...extra });
  const failing = res.drift.filter((r) => r.n > 0).map((r) => r.what);
  const detail = failing.length ? e.step(null, Object.fromEntries(failing.map((w) => [w, CHECKS[w]]))) : {};
  return { ...res, drift: detail };
}

// What the two engines must hold alike.
const SAME = {
  dashboard_lines: 'SELECT * FROM dashboard_lines ORDER BY user_id, started_at, contract_id, side',
  diary_weeks: 'SELECT * FROM diary_weeks ORDER BY contract_id, week',
  users: 'SELECT id, name, unread, unread_messages FROM users ORDER BY id',
  message_unread: 'SELECT * FROM message_unread ORDER BY user_id, contract_id',
};

// ---- tables and columns ----

// Each table's and view's columns on each engine, in order: name, type
// (a table's), and whether it refuses NULL.
const COLUMNS = {
  sqlite: `SELECT m.type AS kind, m.name AS rel, p.name, p.type, p."notnull" AS not_null, p.pk
    FROM sqlite_schema m, pragma_table_info(m.name) p
    WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
  postgresql: `SELECT CASE t.table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END AS kind,
    c.table_name AS rel, c.column_name AS name, c.data_type AS type,
    CASE c.is_nullable WHEN 'NO' THEN 1 ELSE 0 END AS not_null, 0 AS pk
    FROM information_schema.columns c JOIN information_schema.tables t
    ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`,
};
// SQLite's declared types as PostgreSQL's (src/db/pg/schema.sql).
const TYPES = { INTEGER: 'bigint', TEXT: 'text', BLOB: 'bytea' };
// Where the engines differ on purpose: what one engine alone has.
const ONLY = {
  // A view that takes INSERTs (an INSTEAD OF trigger sets the lines'
  // week): on PostgreSQL a function of the same name (schema-11.sql).
  'view dashboard_week_refresh': 'sqlite',
  // SQLite keeps the version as PRAGMA user_version.
  'table schema_version': 'postgresql',
};
const NOT_NULL_BY_TRIGGER = {
  // SQLite cannot add a NOT NULL column to rows it has: its triggers
  // refuse a NULL (schema-10.sql); PostgreSQL's column is NOT NULL.
  'diary_entries.week': true,
};

// { 'table users': [{ name, type, notnull }], ... }, the same for both
// engines where they agree by design.  A view's column types are not
// compared (SQLite's are whatever its expressions give).
function columns(rows, engine) {
  const out = {};
  for (const r of rows) {
    const rel = `${r.kind} ${r.rel}`;
    if (ONLY[rel] === engine) continue;
    const col = { name: r.name };
    if (r.kind === 'table') {
      col.type = TYPES[r.type] ?? r.type;
      // An INTEGER PRIMARY KEY is the rowid: never NULL, whatever it says.
      col.notnull = r.not_null === 1 || (r.pk > 0 && r.type === 'INTEGER') ||
        NOT_NULL_BY_TRIGGER[`${r.rel}.${r.name}`] === true;
    }
    (out[rel] ??= []).push(col);
  }
  return out;
}

// ---- the scripted sequence ----

const day = (s) => Date.parse(`${s}T00:00:00Z`) / 1000;
const MON = day('2026-11-23');		// a Monday
const PREV = day('2026-11-16');		// the Monday before
const T = day('2026-11-25') + 36000;	// "now"
// The week of a day, as the app stores it with each diary entry.
const weekOf = (d) => d - (((d - 345600) % 604800) + 604800) % 604800;

// Users: 1 Clara (client), 2 Felix (freelancer), 3 Olivia (owner of
// agency 1), 4 Ana (its member), 5 Bruno (client), 6 Adam (joins the
// agency), 7 Sam (on nothing).
const STEPS = [
  ['users added', `INSERT INTO users (id, email, name, pwhash, created_at) VALUES
    (1, 'client@example.com', 'Clara Client', 'x', ${T}),
    (2, 'freelancer@example.com', 'Felix Freelancer', 'x', ${T}),
    (3, 'owner@example.com', 'Olivia Owner', 'x', ${T}),
    (4, 'ana@example.com', 'Ana Member', 'x', ${T}),
    (5, 'bruno@example.com', 'Bruno Buyer', 'x', ${T}),
    (6, 'adam@example.com', 'Adam Admin', 'x', ${T}),
    (7, 'stranger@example.com', 'Sam Stranger', 'x', ${T})`],
  ['agency added with its owner', `INSERT INTO agencies (id, name, owner_id, created_at)
    VALUES (1, 'Northwind Studio', 3, ${T});
    INSERT INTO agency_members (agency_id, user_id, role) VALUES (1, 3, 'owner')`],
  ['contracts added', `INSERT INTO contracts (id, title, client_id, freelancer_id, agency_id, kind, rate,
    weekly_limit, started_at) VALUES
    (1, 'Mobile app API', 1, 2, NULL, 'hourly', 4500, 40, ${PREV - 86400 * 30}),
    (2, 'Brand guidelines', 1, 2, NULL, 'fixed', 120000, 0, ${PREV - 86400 * 20}),
    (3, 'Support retainer', 5, 4, 1, 'hourly', 6000, 20, ${PREV - 86400 * 10}),
    (4, 'Logo refresh', 5, 2, NULL, 'fixed', 50000, 0, ${PREV})`],
  ['agency member added after its contract', `INSERT INTO agency_members (agency_id, user_id, role)
    VALUES (1, 4, 'member'), (1, 6, 'member')`],
  ['member promoted to admin', "UPDATE agency_members SET role = 'admin' WHERE agency_id = 1 AND user_id = 6"],
  ['owner and admin of the same contract: the freelancer made admin', `UPDATE agency_members
    SET role = 'admin' WHERE agency_id = 1 AND user_id = 4`],
  ['freelancer back to member', "UPDATE agency_members SET role = 'member' WHERE agency_id = 1 AND user_id = 4"],
  ['diary entries added in two weeks', `INSERT INTO diary_entries (id, contract_id, day, week, minutes,
    memo, created_at, updated_at) VALUES
    (1, 1, ${PREV + 86400}, ${PREV}, 120, 'API design', ${T}, ${T}),
    (2, 1, ${PREV + 2 * 86400}, ${PREV}, 90, '', ${T}, ${T}),
    (3, 1, ${MON}, ${MON}, 60, 'tests', ${T}, ${T}),
    (4, 3, ${MON + 86400}, ${MON}, 45, 'tickets', ${T}, ${T}),
    (5, 3, ${PREV + 6 * 86400}, ${weekOf(PREV + 6 * 86400)}, 30, 'sunday', ${T}, ${T})`],
  ['diary entry moved to the other week', `UPDATE diary_entries SET day = ${MON + 2 * 86400},
    week = ${MON}, updated_at = ${T} WHERE id = 2`],
  ['diary entry minutes changed', 'UPDATE diary_entries SET minutes = 100 WHERE id = 1'],
  ['diary entry memo changed (no week moves)', "UPDATE diary_entries SET memo = 'API design, v2' WHERE id = 1"],
  ['diary entry moved to another contract', `UPDATE diary_entries SET contract_id = 3 WHERE id = 3`],
  ['diary entry deleted', 'DELETE FROM diary_entries WHERE id = 2'],
  ['a week emptied: the line falls back to the week before', 'DELETE FROM diary_entries WHERE id = 4'],
  ['an entry dated on a Sunday, then on the next Monday', `UPDATE diary_entries SET day = ${MON},
    week = ${weekOf(MON)} WHERE id = 5`],
  ['payments added', `INSERT INTO payments (id, contract_id, amount, paid_at, memo) VALUES
    (1, 1, 90000, ${PREV - 86400 * 7}, 'week 1'),
    (2, 1, 45000, ${PREV}, 'week 2'),
    (3, 2, 120000, ${PREV - 86400 * 5}, 'milestone')`],
  ['a partial refund', `UPDATE payments SET refunded = refunded + 1000 WHERE id = 2;
    INSERT INTO refunds (id, payment_id, contract_id, amount, reason, source, created_by, created_at)
    VALUES (1, 2, 1, 1000, 'overbilled', 'refund', 2, ${T})`],
  ['the latest payment refunded in full', `UPDATE payments SET refunded = amount WHERE id = 2;
    INSERT INTO refunds (id, payment_id, contract_id, amount, reason, source, created_by, created_at)
    VALUES (2, 2, 1, 44000, 'all of it', 'refund', 2, ${T})`],
  ['a payment moved between contracts', 'UPDATE payments SET contract_id = 4 WHERE id = 3'],
  ['a payment memo changed (not a figure)', "UPDATE payments SET memo = 'renamed' WHERE id = 1"],
  ['contract renamed', "UPDATE contracts SET title = 'Mobile app API v2' WHERE id = 1"],
  ['contracts ended', `UPDATE contracts SET status = 'ended', ended_at = ${T}, ended_by = 1,
    end_reason = 'done' WHERE id IN (1, 3)`],
  ['contract disputed', "UPDATE contracts SET status = 'disputed' WHERE id = 3"],
  ['users renamed', `UPDATE users SET name = 'Felix F. Freelancer' WHERE id = 2;
    UPDATE users SET name = 'Bruno B.' WHERE id = 5`],
  ['agency renamed', "UPDATE agencies SET name = 'Northwind & Co' WHERE id = 1"],
  ['feedback, client side', `INSERT INTO feedback (id, contract_id, side, author_id, recipient_id, skills,
    quality, availability, schedule, communication, cooperation, overall, comment, private_reason,
    private_score, created_at) VALUES
    (1, 1, 'client', 1, 2, 5, 4, 5, 4, 5, 5, 467, 'Great', 'done', 9, ${T})`],
  ['feedback, freelancer side', `INSERT INTO feedback (id, contract_id, side, author_id, recipient_id,
    clarity, communication, schedule, cooperation, availability, overall, comment, private_reason,
    private_score, created_at) VALUES
    (2, 1, 'freelancer', 2, 1, 5, 5, 5, 5, 4, 480, 'Clear', '', 10, ${T})`],
  ['feedback score changed', 'UPDATE feedback SET overall = 450 WHERE id = 1'],
  ['feedback response (not a figure)', `UPDATE feedback SET response = 'Thanks', response_at = ${T}
    WHERE id = 2`],
  ['feedback on the agency contract, then deleted', `INSERT INTO feedback (id, contract_id, side,
    author_id, recipient_id, overall, private_score, created_at) VALUES
    (3, 3, 'client', 5, 4, 300, 5, ${T});
    DELETE FROM feedback WHERE id = 3`],
  ['checklist ticked', `INSERT INTO checklist_ticks (contract_id, side, item, done_by, done_at) VALUES
    (1, 'client', 'revoke_access', 1, ${T}), (1, 'client', 'work_received', 1, ${T}),
    (1, 'freelancer', 'deliver', 2, ${T}), (3, 'freelancer', 'deliver', 4, ${T})`],
  ['checklist ticked twice (nothing changes)', `INSERT INTO checklist_ticks (contract_id, side, item,
    done_by, done_at) VALUES (1, 'client', 'revoke_access', 1, ${T + 60})
    ON CONFLICT (contract_id, side, item) DO NOTHING`],
  ['checklist item moved to the other side', `UPDATE checklist_ticks SET side = 'freelancer'
    WHERE contract_id = 1 AND side = 'client' AND item = 'work_received'`],
  ['checklist unticked', "DELETE FROM checklist_ticks WHERE contract_id = 1 AND side = 'client'"],
  ['notifications added, one already read', `INSERT INTO notifications (id, user_id, contract_id, kind,
    body, created_at, read_at) VALUES
    (1, 1, 1, 'contract_ended', 'a', ${T}, NULL), (2, 1, 1, 'feedback_left', 'b', ${T}, NULL),
    (3, 1, 2, 'invoice_issued', 'c', ${T}, ${T}), (4, 2, 1, 'contract_ended', 'd', ${T}, NULL),
    (5, 4, 3, 'contract_ended', 'e', ${T}, NULL), (6, 3, 3, 'contract_ended', 'f', ${T}, NULL)`],
  ['a notification read', `UPDATE notifications SET read_at = ${T + 60} WHERE id = 2 AND user_id = 1
    AND read_at IS NULL`],
  ['a notification marked unread again', 'UPDATE notifications SET read_at = NULL WHERE id = 3'],
  ['all of a user\'s notifications read', `UPDATE notifications SET read_at = ${T + 120}
    WHERE user_id = 1 AND read_at IS NULL`],
  ['an unread notification moved to another user', 'UPDATE notifications SET user_id = 6 WHERE id = 5'],
  ['notifications deleted, read and unread', 'DELETE FROM notifications WHERE id IN (1, 6)'],
  ['a message to the agency contract from its client', `INSERT INTO messages (id, contract_id, author_id,
    body, created_at) VALUES (1, 3, 5, 'Hello team', ${T})`],
  ['a second message and a reply', `INSERT INTO messages (id, contract_id, author_id, body, created_at)
    VALUES (2, 3, 5, 'Any news?', ${T + 60}), (3, 3, 4, 'Working on it', ${T + 120})`],
  ['a message on a plain contract', `INSERT INTO messages (id, contract_id, author_id, body, created_at)
    VALUES (4, 1, 2, 'Invoice attached', ${T + 180})`],
  ['a thread marked read', 'DELETE FROM message_unread WHERE user_id = 5 AND contract_id = 3'],
  // An admin who leaves stops reading the agency's threads: what was
  // unread for them goes too (else the thread-unread check, which counts
  // every message since since_id, would count messages after they left).
  ['an admin leaves the agency', `DELETE FROM agency_members WHERE agency_id = 1 AND user_id = 6;
    DELETE FROM message_unread WHERE user_id = 6
    AND contract_id IN (SELECT id FROM contracts WHERE agency_id = 1)`],
  ['a message after the admin left', `INSERT INTO messages (id, contract_id, author_id, body, created_at)
    VALUES (5, 3, 3, 'Olivia here', ${T + 240})`],
  ['a rebuild asked for by hand', 'INSERT INTO dashboard_stale (contract_id) VALUES (1), (3)'],
  ['a contract with nothing else deleted', `INSERT INTO contracts (id, title, client_id, freelancer_id,
    kind, rate, started_at) VALUES (5, 'Short gig', 7, 2, 'hourly', 1000, ${T});
    DELETE FROM contracts WHERE id = 5`],
];

test('PostgreSQL schema: every trigger, the invariants, and the same lines as SQLite', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-pgschema-'));
  const pg = await startPg();
  t.after(() => { pg.stop(); rmSync(dir, { recursive: true, force: true }); });
  // Both at the app's latest version: every SQLite migration has its
  // PostgreSQL twin.
  const version = pgSchema(pg);
  const db = join(dir, 'test.db');
  const how = sqliteFresh(db);
  const engines = [sqliteEngine(db), pgEngine(pg)];
  const [lite, post] = engines;
  assert.deepEqual(lite.step(null, { v: 'PRAGMA user_version' }).v, [{ user_version: version }],
    `SQLite made by ${how}, at the version of src/db/pg/schema-${version}.sql`);

  await t.test('the same tables and views, with the same columns in the same order', () => {
    const got = engines.map((e) => columns(e.step(null, { c: COLUMNS[e.name] }).c, e.name));
    assert.deepEqual(got[1], got[0]);
  });

  let last;
  await t.test('the scripted sequence, checked after each step', () => {
    for (const [step, sql] of STEPS) {
      const got = engines.map((e) => {
        try { return run(e, sql); } catch (err) { return assert.fail(`${e.name}, "${step}": ${err.stderr || err.message}`); }
      });
      for (const [i, e] of engines.entries()) assert.deepEqual(got[i].drift, {}, `${e.name}, after "${step}"`);
      for (const what of Object.keys(SAME)) {
        assert.deepEqual(got[1][what], got[0][what], `${what} differ between the engines after "${step}"`);
      }
      last = got[1];
    }
  });

  await t.test('the sequence left lines of every kind to compare', () => {
    const lines = last.dashboard_lines;
    assert.ok(lines.length >= 8, `${lines.length} lines`);
    assert.ok(lines.some((l) => l.user_id === 3 && l.contract_id === 3 && l.decides === 1), 'the owner sees the agency contract');
    assert.ok(lines.some((l) => l.user_id === 4 && l.contract_id === 3 && l.decides === 0), 'the member does not decide');
    assert.ok(!lines.some((l) => l.user_id === 6), 'the admin who left sees nothing');
    assert.ok(!lines.some((l) => l.contract_id === 5), 'a deleted contract has no lines');
    assert.ok(lines.some((l) => l.mine_left === 1 && l.theirs_left === 1), 'feedback both ways');
    assert.ok(lines.some((l) => l.week > 0 && l.week_minutes > 0), 'a week with minutes');
    assert.ok(lines.some((l) => l.ticks > 0), 'ticks');
    assert.ok(lines.some((l) => l.refundable_at > 0), 'a refundable payment');
    assert.ok(lines.some((l) => l.status === 'disputed'), 'a disputed contract');
    assert.ok(last.message_unread.length >= 3, 'unread threads');
    assert.ok(last.users.some((u) => u.unread > 0), 'unread notifications');
    assert.ok(last.diary_weeks.some((w) => w.minutes === 0), 'an emptied week kept at 0');
  });

  // Two transactions writing to one contract at once, without the
  // writers' lock (a repair script, say): the second one's rebuild waits
  // for the first to commit and then sees its write, so the lines hold
  // both.  (Without the rebuild's own lock, the second rebuild reads a
  // snapshot without the first's payment and its commit leaves the line
  // stale, or fails on the lines' key.)
  // A script in a psql of its own, at the same time as others.
  const psql = (sql) => new Promise((ok, fail) => {
    const p = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pg.uri], { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => { err += d; });
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(err))));
    p.stdin.end(sql);
  });
  await t.test('concurrent writers to one contract, without the writers\' lock', async () => {
    const first = psql(`BEGIN; INSERT INTO payments (id, contract_id, amount, paid_at) VALUES
      (10, 4, 500, ${T + 86400}); SELECT pg_sleep(1.5); COMMIT;`);
    await new Promise((r) => setTimeout(r, 500));
    const second = psql(`BEGIN; INSERT INTO checklist_ticks (contract_id, side, item, done_by, done_at)
      VALUES (4, 'client', 'revoke_access', 5, ${T}); COMMIT;`);
    await Promise.all([first, second]);
    const got = run(post, null);
    assert.deepEqual(got.drift, {});
    const line = got.dashboard_lines.find((l) => l.contract_id === 4 && l.side === 'client');
    assert.equal(line.refundable_at, T + 86400, 'the first writer\'s payment');
    assert.equal(line.ticks, 1, 'the second writer\'s tick');
    post.step('DELETE FROM checklist_ticks WHERE contract_id = 4; DELETE FROM payments WHERE id = 10');
  });

  // The same for the diary's week refresh (schema-11.sql): the first
  // writer logs a later week, the second an earlier one; the second's
  // refresh waits for the first to commit and then sees its week, the
  // latest, where from a snapshot of its own it would set the earlier.
  await t.test('concurrent diary writers to one contract, without the writers\' lock', async () => {
    const later = MON + 7 * 86400, earlier = PREV - 7 * 86400;
    const first = psql(`BEGIN; INSERT INTO diary_entries (id, contract_id, day, week, minutes, memo,
      created_at, updated_at) VALUES (10, 1, ${later}, ${later}, 30, '', ${T}, ${T});
      SELECT pg_sleep(1.5); COMMIT;`);
    await new Promise((r) => setTimeout(r, 500));
    const second = psql(`BEGIN; INSERT INTO diary_entries (id, contract_id, day, week, minutes, memo,
      created_at, updated_at) VALUES (11, 1, ${earlier}, ${earlier}, 45, '', ${T}, ${T}); COMMIT;`);
    await Promise.all([first, second]);
    const got = run(post, null);
    assert.deepEqual(got.drift, {});
    const line = got.dashboard_lines.find((l) => l.contract_id === 1 && l.side === 'client');
    assert.deepEqual([line.week, line.week_minutes], [later, 30], 'the first writer\'s week, the latest');
    post.step('DELETE FROM diary_entries WHERE id IN (10, 11)');
  });

  // Each check fails when a kept row is broken by hand, on both engines,
  // and passes again once the row is repaired.
  await t.test('each check catches a kept row broken by hand', () => {
    // A row of dashboard_stale left behind: the rebuild trigger is put
    // out of the way for the insert (each engine its own way).
    const staleRow = {
      sqlite: (e) => {
        const [{ sql }] = e.step(null, { t: "SELECT sql FROM sqlite_schema WHERE name = 'dashboard_rebuild'" }).t;
        return `DROP TRIGGER dashboard_rebuild; INSERT INTO dashboard_stale VALUES (1); ${sql}`;
      },
      postgresql: () => `ALTER TABLE dashboard_stale DISABLE TRIGGER dashboard_rebuild;
        INSERT INTO dashboard_stale VALUES (1);
        ALTER TABLE dashboard_stale ENABLE TRIGGER dashboard_rebuild`,
    };
    const LINE = `SELECT 999, started_at, contract_id, side, title, other_name, agency_name, kind, rate,
      status, ended_at, mine_left, theirs_left, theirs_overall, ticks, refundable_at, week, week_minutes,
      decides FROM dashboard_lines WHERE contract_id = 1 AND side = 'client'`;
    // The diary's kept weeks feed the lines too: their repairs rebuild.
    const REBUILD = 'INSERT INTO dashboard_stale (contract_id) VALUES (1)';
    const controls = [
      ['entry week', 'UPDATE diary_entries SET week = week + 604800 WHERE id = 1',
        'UPDATE diary_entries SET week = week - 604800 WHERE id = 1'],
      ['missing', "DELETE FROM dashboard_lines WHERE contract_id = 1 AND side = 'client'", REBUILD],
      ['extra', `INSERT INTO dashboard_lines ${LINE}`, 'DELETE FROM dashboard_lines WHERE user_id = 999'],
      ['stale', staleRow, 'DELETE FROM dashboard_stale'],
      ['week', 'UPDATE diary_weeks SET minutes = minutes + 1 WHERE contract_id = 1 AND minutes > 0',
        `UPDATE diary_weeks SET minutes = minutes - 1 WHERE contract_id = 1 AND minutes > 0; ${REBUILD}`],
      ['week missing', 'DELETE FROM diary_weeks WHERE contract_id = 1 AND minutes > 0',
        `INSERT INTO diary_weeks (contract_id, week, minutes)
        ${WEEKS.replace('GROUP BY', 'WHERE contract_id = 1 GROUP BY')} ON CONFLICT DO NOTHING; ${REBUILD}`],
      ['unread', 'UPDATE users SET unread = unread + 1 WHERE id = 2', 'UPDATE users SET unread = unread - 1 WHERE id = 2'],
      ['unread messages', 'UPDATE users SET unread_messages = unread_messages + 1 WHERE id = 1',
        'UPDATE users SET unread_messages = unread_messages - 1 WHERE id = 1'],
      ['thread unread', 'UPDATE message_unread SET count = count + 1 WHERE user_id = 4 AND contract_id = 3',
        'UPDATE message_unread SET count = count - 1 WHERE user_id = 4 AND contract_id = 3'],
    ];
    for (const e of engines) {
      for (const [what, brk, repair] of controls) {
        const found = run(e, typeof brk === 'object' ? brk[e.name](e) : brk).drift;
        assert.ok(what in found, `${e.name}: "${what}" not caught: ${JSON.stringify(found)}`);
        assert.deepEqual(run(e, repair).drift, {}, `${e.name}: after repairing "${what}"`);
      }
    }
  });
});
