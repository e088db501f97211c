// Migrations 2, 3 and 5 (src/db/schema-2.sql, schema-3.sql,
// schema-5.sql) on a database that an earlier schema made: the
// dashboard's lines, the weekly minutes and the unread counts are built
// from what is there, and every dashboard reads the same as on a database
// that had them from the start; sessions from before schema 5 go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, Client, TOP } from './lib.mjs';

// The version this build migrates to: one per file in the Makefile's SCHEMAS.
const LATEST = readFileSync(join(TOP, 'Makefile'), 'utf8').match(/^SCHEMAS\s*=((?:.*\\\n)*.*)$/m)[1]
  .match(/src\/db\/schema[-0-9]*\.sql/g).length;

const NOW = '2026-11-25T10:00:00Z';
const USERS = ['client@example.com', 'freelancer@example.com', 'owner@example.com',
  'ana@example.com', 'bruno@example.com', 'stranger@example.com'];
const PAGES = ['/contracts', '/contracts?status=active', '/contracts?status=ended', '/contracts?page=2'];

// Schema 5's column dropped (schema 4 is a placeholder) and the version
// set back to 3: the database as schema 3 left it.
function backToSchema3(st) {
  assert.ok(st.sql("SELECT 1 AS x FROM pragma_table_info('sessions') WHERE name = 'agent'").length === 1,
    'schema 5 is there to take away');
  st.sql('ALTER TABLE sessions DROP COLUMN agent; PRAGMA user_version = 3');
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

test('schema 1 data migrated to the latest schema: lines and counts equal their sources, dashboards the same', async () => {
  const fresh = await startStack({ now: NOW, setup(st) { st.ctl('seed-demo'); } });
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
test('schema 2 data migrated to the latest schema: unread counts built from the notifications', async () => {
  const prepare = (st) => {
    st.ctl('seed-demo');
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
