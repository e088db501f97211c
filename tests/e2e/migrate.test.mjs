// Migrations 2, 3, 5, 6, 8, 9, 10 and 11 (src/db/schema-2.sql,
// schema-3.sql, schema-5.sql, schema-6.sql, schema-8.sql, schema-9.sql,
// schema-10.sql, schema-11.sql) on a database that an earlier schema made: the dashboard's lines, the weekly minutes,
// each diary entry's week and the unread counts are built from what is
// there, and every dashboard reads the same as on a database that had them
// from the start; sessions from before schema 5 go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, Client, TOP, onlySqlite } from './lib.mjs';

// Each test builds an older SQLite schema by hand (sqlite_schema, PRAGMA
// user_version).  PostgreSQL's migrations are tests/pg/schema.test.mjs's.
const skip = onlySqlite && 'SQLite only: migrations of SQLite\'s older schemas';

// The version this build migrates to: one per file in the Makefile's SCHEMAS.
const LATEST = readFileSync(join(TOP, 'Makefile'), 'utf8').match(/^SCHEMAS\s*=((?:.*\\\n)*.*)$/m)[1]
  .match(/src\/db\/schema[-0-9]*\.sql/g).length;

const NOW = '2026-11-25T10:00:00Z';
const USERS = ['client@example.com', 'freelancer@example.com', 'owner@example.com',
  'ana@example.com', 'bruno@example.com', 'stranger@example.com'];
const PAGES = ['/contracts', '/contracts?status=active', '/contracts?status=ended', '/contracts?page=2',
  '/contracts?sort=title', '/contracts?sort=other&page=2', '/contracts?sort=end'];

// Schema 11 taken away and the version set back to 10: schema 10's diary
// triggers, which mark the whole dashboard line stale, again.
function backToSchema10(st) {
  const triggers = st.sql("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'diary_entries_a_' AND sql LIKE '%dashboard_week_refresh%'");
  assert.equal(triggers.length, 3, 'schema 11 is there to take away');
  const old = readFileSync(join(TOP, 'src/db/schema-10.sql'), 'utf8').match(/CREATE TRIGGER diary_entries_a[\s\S]*?END;\n/g);
  assert.equal(old.length, 3);
  st.sql(triggers.map((t) => `DROP TRIGGER "${t.name}"`).join('; ') +
    `; DROP VIEW dashboard_week_refresh; DROP VIEW diary_latest_week; ${old.join(' ')} PRAGMA user_version = 10`);
}

// Schema 10 taken away and the version set back to 9: diary entries
// without their week, schema 2's diary triggers again.
function backToSchema9(st) {
  backToSchema10(st);
  const triggers = st.sql("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'diary_entries_%'");
  assert.equal(triggers.length, 5, 'schema 10 is there to take away');
  const old = readFileSync(join(TOP, 'src/db/schema-2.sql'), 'utf8').match(/CREATE TRIGGER diary_entries_[\s\S]*?END;\n/g);
  assert.equal(old.length, 3);
  st.sql(triggers.map((t) => `DROP TRIGGER "${t.name}"`).join('; ') +
    `; ALTER TABLE diary_entries DROP COLUMN week; ${old.join(' ')} PRAGMA user_version = 9`);
}

// Schema 9 taken away and the version set back to 8: payments without
// the week of the invoice they pay.
function backToSchema8(st) {
  backToSchema9(st);
  assert.equal(st.sql("SELECT count(*) AS n FROM pragma_table_info('payments') WHERE name = 'week'")[0].n, 1,
    'schema 9 is there to take away');
  st.sql('DROP INDEX payments_week; ALTER TABLE payments DROP COLUMN week; PRAGMA user_version = 8');
}

// Schema 8 taken away and the version set back to 7: no diary undo
// table, the dashboard's lines without decides, schema 2's view again.
function backToSchema7(st) {
  backToSchema8(st);
  assert.equal(st.sql("SELECT count(*) AS n FROM pragma_table_info('dashboard_lines') WHERE name = 'decides'")[0].n, 1,
    'schema 8 is there to take away');
  const view = readFileSync(join(TOP, 'src/db/schema-2.sql'), 'utf8').match(/CREATE VIEW dashboard_source[\s\S]*?;\n/)[0];
  st.sql(`DROP TABLE diary_deleted; DROP VIEW dashboard_source; ${view} ALTER TABLE dashboard_lines DROP COLUMN decides; PRAGMA user_version = 7`);
}

// Schema 7's indexes dropped and the version set back to 6.
function backToSchema6(st) {
  backToSchema7(st);
  const idx = st.sql("SELECT name FROM sqlite_schema WHERE type = 'index' AND name LIKE 'dashboard_lines_by_%'");
  assert.equal(idx.length, 4, 'schema 7 is there to take away');
  st.sql(idx.map((i) => `DROP INDEX "${i.name}"`).join('; ') + '; PRAGMA user_version = 6');
}

// The demo data without its message thread: what a database made before
// schema 6 has, to compare a migrated one with.
function seedWithoutMessages(st) {
  st.ctl('seed-demo');
  assert.ok(st.sql('SELECT count(*) AS n FROM messages')[0].n > 0, 'the demo has a thread to take away');
  st.sql('DELETE FROM message_unread; DELETE FROM messages');
}

// Schema 6's triggers, tables and columns dropped and the version set
// back to 5: the database as schema 5 left it.
function backToSchema5(st) {
  backToSchema6(st);
  const triggers = st.sql("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'message%_unread_%'");
  assert.equal(triggers.length, 4, 'schema 6 is there to take away');
  st.sql(triggers.map((t) => `DROP TRIGGER "${t.name}"`).join('; ') +
    '; DROP TABLE message_unread; DROP TABLE messages; ALTER TABLE users DROP COLUMN unread_messages;' +
    ' ALTER TABLE users DROP COLUMN timezone; PRAGMA user_version = 5');
}

// Schema 5's column dropped and the version set back to 4: the database
// as schema 4 left it.
function backToSchema4(st) {
  backToSchema5(st);
  assert.ok(st.sql("SELECT 1 AS x FROM pragma_table_info('sessions') WHERE name = 'agent'").length === 1,
    'schema 5 is there to take away');
  st.sql('ALTER TABLE sessions DROP COLUMN agent; PRAGMA user_version = 4');
}

// Schema 4's tables and indexes dropped as well, the version set back to 3.
function backToSchema3(st) {
  backToSchema4(st);
  st.sql(`DROP TABLE deadlines_done; DROP TABLE email_off; DROP TABLE outbox; DROP TABLE tick_stats;
    DROP INDEX contracts_ended; DROP INDEX diary_weeks_week; DROP INDEX invoices_week;
    DROP INDEX disputes_open; PRAGMA user_version = 3`);
}

// Schema 3's triggers and column dropped and the version set back to 2:
// the database as schema 2 left it, with all its rows.
function backToSchema2(st) {
  backToSchema3(st);
  const triggers = st.sql("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'notifications_unread_%'");
  assert.equal(triggers.length, 3, 'schema 3 is there to take away');
  st.sql(triggers.map((t) => `DROP TRIGGER "${t.name}"`).join('; ') +
    '; ALTER TABLE users DROP COLUMN unread; PRAGMA user_version = 2');
}

// Schemas 3 and 2 taken away as well: the database as schema 1 left it.
function backToSchema1(st) {
  backToSchema2(st);
  const objects = st.sql(`SELECT type, name FROM sqlite_schema WHERE type IN ('trigger', 'view')
    OR (type = 'table' AND name IN ('dashboard_lines', 'diary_weeks', 'dashboard_stale'))
    ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 ELSE 2 END`);
  assert.ok(objects.length > 20, 'schema 2 is there to take away');
  st.sql(objects.map((o) => `DROP ${o.type.toUpperCase()} "${o.name}"`).join('; ') +
    '; PRAGMA user_version = 1');
}

async function dashboards(st) {
  const out = {};
  for (const email of USERS) {
    const c = new Client(st);
    await c.login(email, 'demo-password');
    for (const p of PAGES) {
      const r = await c.get(p);
      assert.equal(r.status, 200, `${email} ${p}`);
      out[`${email} ${p}`] = r.text.replace(/name="csrf" value="[^"]*"/g, '');
    }
  }
  return out;
}

test('schema 1 data migrated to the latest schema: lines and counts equal their sources, dashboards the same', { skip }, async () => {
  const fresh = await startStack({ now: NOW, setup: seedWithoutMessages });
  let migrated;
  try {
    const want = await dashboards(fresh);
    migrated = await startStack({
      now: NOW,
      setup(st) {
        st.ctl('seed-demo');
        backToSchema1(st);
        assert.equal(st.sql('PRAGMA user_version')[0].user_version, 1);
      },
    });
    assert.equal(migrated.sql('PRAGMA user_version')[0].user_version, LATEST);
    assert.deepEqual(migrated.summariesDrift(), []);
    const lines = migrated.sql('SELECT count(*) AS n FROM dashboard_lines')[0].n;
    assert.equal(lines, fresh.sql('SELECT count(*) AS n FROM dashboard_lines')[0].n);
    assert.ok(lines > 20);
    assert.ok(migrated.sql('SELECT count(*) AS n FROM diary_weeks WHERE minutes > 0')[0].n > 0);
    const got = await dashboards(migrated);
    assert.deepEqual(Object.keys(got), Object.keys(want));
    for (const k of Object.keys(want)) assert.equal(got[k], want[k], k);
  } finally {
    await fresh.stop();
    if (migrated) await migrated.stop();
  }
});

// Unread counts built by migration 3 from notifications some of which are
// read: each user's count is what a count of the table says, and every
// page's unread badge reads as before.
test('schema 2 data migrated to the latest schema: unread counts built from the notifications', { skip }, async () => {
  const prepare = (st) => {
    seedWithoutMessages(st);
    st.sql(`UPDATE notifications SET read_at = created_at + 60 WHERE id % 2 = 0`);
  };
  const fresh = await startStack({ now: NOW, setup: prepare });
  let migrated;
  try {
    const counts = 'SELECT id, unread FROM users ORDER BY id';
    const want = fresh.sql(counts);
    assert.ok(want.filter((u) => u.unread > 0).length >= 2, 'users have unread notifications');
    assert.ok(fresh.sql('SELECT count(*) AS n FROM notifications WHERE read_at IS NOT NULL')[0].n > 0);
    const pages = await dashboards(fresh);
    migrated = await startStack({
      now: NOW,
      setup(st) {
        prepare(st);
        backToSchema2(st);
        assert.equal(st.sql('PRAGMA user_version')[0].user_version, 2);
      },
    });
    assert.equal(migrated.sql('PRAGMA user_version')[0].user_version, LATEST);
    assert.deepEqual(migrated.sql(counts), want);
    assert.deepEqual(migrated.summariesDrift(), []);
    const got = await dashboards(migrated);
    for (const k of Object.keys(pages)) assert.equal(got[k], pages[k], k);
  } finally {
    await fresh.stop();
    if (migrated) await migrated.stop();
  }
});

// Migration 4: before it, pages sent the feedback reminder and the reveal
// lazily.  What they sent counts as done: the scheduled step does not
// send it again on a migrated database, and does on one without them
// (the positive control).
test('schema 3 data migrated to schema 4: reminders and reveals already sent are not sent again', { skip }, async () => {
  const ENDED = '2026-11-18T10:00:00Z';		// window closes Dec 3, reminder Nov 30
  const LATER = '2026-12-04T10:00:00Z';		// after the close
  const build = (st, sent) => {
    const pw = 'password-1';
    st.ctl('user', 'add', '--email', 'c@example.com', '--name', 'Cora', '--password', pw);
    st.ctl('user', 'add', '--email', 'f@example.com', '--name', 'Finn', '--password', pw);
    const id = st.ctl('contract', 'add', '--title', 'Old one', '--client', 'c@example.com',
      '--freelancer', 'f@example.com', '--hourly', '40.00', '--started', '2026-10-01');
    const t = Date.parse(ENDED) / 1000;
    st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${t}, ended_by = client_id WHERE id = ${id}`);
    st.sql(`INSERT INTO feedback (contract_id, side, author_id, recipient_id, skills, quality, availability,
      schedule, communication, cooperation, overall, comment, private_reason, private_score, created_at)
      SELECT id, 'client', client_id, freelancer_id, 5, 5, 5, 5, 5, 5, 500, 'fine', '', 9, ${t + 3600}
      FROM contracts WHERE id = ${id}`);
    if (sent) {
      st.sql(`INSERT INTO notifications (user_id, contract_id, kind, body, created_at)
        SELECT freelancer_id, id, 'feedback_reminder', 'lazy reminder', ${t + 12 * 86400} FROM contracts WHERE id = ${id};
        INSERT INTO notifications (user_id, contract_id, kind, body, created_at)
        SELECT freelancer_id, id, 'feedback_revealed', 'lazy reveal', ${t + 15 * 86400} FROM contracts WHERE id = ${id}`);
    }
    backToSchema3(st);
    return id;
  };
  for (const sent of [true, false]) {
    let id;
    const st = await startStack({ now: LATER, setup: (s) => { id = build(s, sent); } });
    try {
      assert.equal(st.sql('PRAGMA user_version')[0].user_version, LATEST);
      const out = st.tick();
      const n = (kind) => st.sql(`SELECT count(*) AS n FROM notifications WHERE contract_id = ${id} AND kind = '${kind}'`)[0].n;
      if (sent) {
        assert.match(out, /reveals 0,/);
        assert.equal(n('feedback_revealed'), 1);
        assert.equal(n('feedback_reminder'), 1);
      } else {
        assert.match(out, /reveals 1,/, 'without the lazy notifications the step reveals');
        assert.equal(n('feedback_revealed'), 2);
      }
    } finally { await st.stop(); }
  }
});

// Migration 10 gives each diary entry its week, worked out once by the
// app's own week_start(): every entry's is its day's Monday (by SQLite's
// calendar here), the weekly minutes agree, contractsctl check is content,
// and a page that adds and moves entries keeps diary_weeks in step.
test('schema 9 data migrated to schema 10: each diary entry filed under its week', { skip }, async () => {
  const st = await startStack({
    now: NOW,
    setup(s) {
      s.ctl('seed-demo');
      backToSchema9(s);
      assert.equal(s.sql("SELECT count(*) AS n FROM pragma_table_info('diary_entries') WHERE name = 'week'")[0].n, 0);
    },
  });
  try {
    assert.equal(st.sql('PRAGMA user_version')[0].user_version, LATEST);
    const entries = st.sql(`SELECT id, week, CAST(strftime('%s', day, 'unixepoch', '-6 days', 'weekday 1') AS INTEGER)
      AS monday FROM diary_entries`);
    assert.ok(entries.length > 5, 'the demo has diary entries');
    assert.deepEqual(entries.filter((e) => e.week !== e.monday), []);
    assert.deepEqual(st.summariesDrift(), []);
    assert.deepEqual(st.ctlRaw('check'), { status: 0, stdout: 'ok\n', stderr: '' });
    const c = new Client(st);
    await c.login('freelancer@example.com', 'demo-password');
    const [{ id }] = st.sql("SELECT id FROM contracts WHERE title = 'Mobile app API'");
    await c.get(`/contracts/${id}/diary`);
    assert.equal((await c.post(`/contracts/${id}/diary`, { date: '2026-11-24', minutes: '45', memo: 'after 9' })).status, 303);
    assert.deepEqual(st.summariesDrift(), []);
  } finally { await st.stop(); }
});

test('schema 5 data migrated to schema 6: every user in UTC with no unread messages; threads work', { skip }, async () => {
  const st = await startStack({
    now: NOW,
    setup(s) {
      s.ctl('seed-demo');
      backToSchema5(s);
      assert.equal(s.sql("SELECT count(*) AS n FROM pragma_table_info('users') WHERE name = 'timezone'")[0].n, 0);
    },
  });
  try {
    assert.equal(st.sql('PRAGMA user_version')[0].user_version, LATEST);
    assert.deepEqual(st.sql('SELECT DISTINCT timezone, unread_messages FROM users'), [{ timezone: 'UTC', unread_messages: 0 }]);
    const c = new Client(st);
    await c.login('client@example.com', 'demo-password');
    const [{ id }] = st.sql("SELECT id FROM contracts WHERE title = 'Mobile app API'");
    await c.get(`/contracts/${id}/messages`);
    assert.equal((await c.post(`/contracts/${id}/messages`, { body: 'After the upgrade' })).status, 303);
    assert.equal(st.sql("SELECT unread_messages AS n FROM users WHERE email = 'freelancer@example.com'")[0].n, 1);
  } finally { await st.stop(); }
});
