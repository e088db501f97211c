// contractsctl copy-to: a SQLite site's data moved into PostgreSQL
// (issue 17).  Runs where a PostgreSQL server is at hand (make e2e-pg):
// the demo data made in a SQLite file, copied into the stack's new
// PostgreSQL database; then every table holds the same rows, contractsctl
// check agrees with the kept tables, each user's dashboard is the same
// page as on the SQLite file, new rows get new ids, and a second copy
// into the database, no longer empty, is refused and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startStack, Client, onlyPostgres, TOP } from './lib.mjs';

const CTL = join(TOP, 'cgi-bin/contractsctl');
const NOW = '2026-11-25T15:00:00Z';

function ctl(db, ...args) {
  return spawnSync(CTL, ['--db', db, ...args], { env: { ...process.env, CONTRACTS_NOW: NOW }, encoding: 'utf8' });
}

// Every table's rows as SQLite holds them, each row as JSON.
function sqliteRows(file, table) {
  const out = execFileSync('sqlite3', ['-json', file, `SELECT * FROM "${table}"`], { encoding: 'utf8' });
  return out.trim() === '' ? [] : JSON.parse(out);
}

async function dashboard(stack, email) {
  const c = new Client(stack);
  await c.login(email, 'demo-password');
  const r = await c.get('/contracts?filter=all');
  assert.equal(r.status, 200);
  return r.text.replace(/name="csrf" value="[^"]*"/g, '');
}

test('copy-to: the same rows, the kept tables checked, the same pages; a second copy refused', { skip: onlyPostgres }, async () => {
  let file;
  let copied;
  const pg = await startStack({
    now: NOW,
    setup(st) {
      file = join(st.dir, 'site.db');
      assert.equal(ctl(file, 'seed-demo').status, 0);
      copied = ctl(file, 'copy-to', st.db);
    },
  });
  const lite = await startStack({ now: NOW, sqlite: file });
  try {
    assert.equal(copied.status, 0, copied.stderr);
    assert.match(copied.stdout, /^users\t7 rows$/m);
    // The same rows, table by table (the copy's own report lists them).
    const tables = [...copied.stdout.matchAll(/^(\w+)\t(\d+) rows$/gm)];
    assert.ok(tables.length >= 20, copied.stdout);
    for (const [, table, n] of tables) {
      if (table === 'sessions') continue;	// the SQLite stack's own sign-ins
      const want = sqliteRows(file, table);
      assert.equal(want.length, Number(n), table);
      const rows = (list) => list.map((r) => JSON.stringify(Object.values(r))).sort();
      assert.deepEqual(rows(pg.sql(`SELECT * FROM "${table}"`)), rows(want), table);
    }
    const check = ctl(pg.db, 'check');
    assert.equal(check.status, 0, check.stdout + check.stderr);
    for (const who of ['client', 'freelancer', 'owner', 'ana']) {
      assert.equal(await dashboard(pg, `${who}@example.com`), await dashboard(lite, `${who}@example.com`), who);
    }
    // The ids' sequences moved past the copied rows.
    const maxUser = pg.sql('SELECT max(id) AS m FROM users')[0].m;
    const id = pg.ctl('user', 'add', '--email', 'new@example.com', '--name', 'New One', '--password', 'password-1');
    assert.equal(id, maxUser + 1);
    // Again into the same database: refused, nothing changed.
    const before = pg.snapshot();
    const again = ctl(file, 'copy-to', pg.db);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /has users already/);
    assert.deepEqual(pg.snapshot(), before);
  } finally {
    await lite.stop();	// its file is in pg's directory
    await pg.stop();
  }
});
