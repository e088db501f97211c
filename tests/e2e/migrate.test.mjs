// Migration 2 (src/db/schema-2.sql) on a database that schema 1 made: the
// dashboard's lines and the weekly minutes are built from what is there,
// and every dashboard reads the same as on a database that had them from
// the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';
const USERS = ['client@example.com', 'freelancer@example.com', 'owner@example.com',
  'ana@example.com', 'bruno@example.com', 'stranger@example.com'];
const PAGES = ['/contracts', '/contracts?status=active', '/contracts?status=ended', '/contracts?page=2'];

// Schema 2's triggers, views and tables dropped and the version set back
// to 1: the database as schema 1 left it, with all its rows.
function backToSchema1(st) {
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

test('schema 1 data migrated to schema 2: lines equal their sources, dashboards the same', async () => {
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
    assert.equal(migrated.sql('PRAGMA user_version')[0].user_version, 2);
    assert.deepEqual(migrated.linesDrift(), []);
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
