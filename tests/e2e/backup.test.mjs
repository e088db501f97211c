// contractsctl backup --to FILE under a write load, and contractsctl
// check: every write acknowledged before the backup began is in the copy,
// writes made after it ended are not (so the comparison can fail), the
// copy passes check, a damaged copy does not, and the app starts on the
// copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, TOP, cast, startStack, sleep } from './lib.mjs';

const CTL = join(TOP, 'cgi-bin/contractsctl');
const run = promisify(execFile);
const days = ['2026-11-23', '2026-11-24', '2026-11-25'];
// Copies live outside the stack's directory, which stop() removes.
const keep = mkdtempSync(join(tmpdir(), 'contracts-backup-'));
test.after(() => rmSync(keep, { recursive: true, force: true }));

// contractsctl check on db: { status, stdout, stderr }.
function check(db) {
  try {
    return { status: 0, stdout: execFileSync(CTL, ['--db', db, 'check'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

test('a backup under write load holds every acknowledged write, none made after, and passes check', { timeout: 60_000 }, async (tc) => {
  let ids;
  const s = await startStack({ setup: (st) => { ids = cast(st); }, env: { TICK_EVERY: '0' } });
  const copy = join(keep, 'load.db');
  const acked = [];		// [memo, when acknowledged]
  let n = 0;
  let failed = 0;
  let loading = true;
  const writers = await Promise.all([1, 2, 3].map(async () => {
    const c = new Client(s);
    await c.login('freelancer@example.com');
    await c.get(`/contracts/${ids.hourly}/diary`);
    return c;
  }));
  const load = Promise.all(writers.map(async (c) => {
    while (loading) {
      const memo = `w${n++}`;
      const r = await c.post(`/contracts/${ids.hourly}/diary`, { date: days[n % 3], minutes: '1', memo });
      if (r.status === 303) acked.push([memo, performance.now()]);
      else failed++;
    }
  }));
  try {
    await sleep(700);
    const began = performance.now();
    const before = acked.filter(([, t]) => t < began).map(([m]) => m);
    const out = await run(CTL, ['--db', s.db, 'backup', '--to', copy]);
    const ended = performance.now();
    await sleep(400);
    loading = false;
    await load;
    assert.match(out.stderr, /pages copied/);
    const after = acked.filter(([, t]) => t > ended + 50).map(([m]) => m);
    tc.diagnostic(`${acked.length} writes acknowledged (${failed} refused), ${before.length} before the backup, ` +
      `${after.length} after it; the backup took ${Math.round(ended - began)} ms`);
    assert.equal(failed, 0);
    assert.ok(before.length >= 20, 'the load wrote before the backup');
    assert.ok(after.length >= 5, 'and after it');

    const inCopy = new Set(JSON.parse(execFileSync('sqlite3', ['-json', copy,
      'SELECT memo FROM diary_entries'], { encoding: 'utf8' }) || '[]').map((r) => r.memo));
    assert.deepEqual(before.filter((m) => !inCopy.has(m)), [], 'every write acknowledged before the backup is in the copy');
    assert.deepEqual(after.filter((m) => inCopy.has(m)), [], 'no write made after the backup is');

    assert.deepEqual(check(copy), { status: 0, stdout: 'ok\n', stderr: '' });
  } finally {
    loading = false;
    await load;
    await s.stop();
  }
});

// A stack with the cast and one diary entry, backed up to copy and
// stopped; returns the cast's ids.
async function backedUp(copy, entry) {
  let ids;
  const s = await startStack({ setup: (st) => { ids = cast(st); }, env: { TICK_EVERY: '0' } });
  try {
    const c = new Client(s);
    await c.login('freelancer@example.com');
    await c.get(`/contracts/${ids.hourly}/diary`);
    assert.equal((await c.post(`/contracts/${ids.hourly}/diary`, entry)).status, 303);
    await run(CTL, ['--db', s.db, 'backup', '--to', copy]);
  } finally {
    await s.stop();
  }
  return ids;
}

test('check: exit 1 with a reason for a kept table out of step, a diary entry in the wrong week, a broken foreign key; 0 when sound', async () => {
  const good = join(keep, 'good.db');
  await backedUp(good, { date: days[0], minutes: '30', memo: 'x' });
  assert.equal(check(good).status, 0);
  const damage = [
    ['UPDATE users SET unread = unread + 1 WHERE id = 1', /unread counts/],
    ['UPDATE diary_weeks SET minutes = minutes + 5', /diary_weeks/],
    // The triggers move the minutes along: only the entry's week is wrong.
    ['UPDATE diary_entries SET week = week + 86400', /diary entry \d+ is filed under week/],
    ['DELETE FROM dashboard_lines WHERE contract_id = (SELECT min(contract_id) FROM dashboard_lines)', /dashboard_lines lacks/],
    ['PRAGMA foreign_keys = OFF; DELETE FROM users WHERE id = 1', /foreign key/],
  ];
  for (const [sql, why] of damage) {
    const bad = join(keep, 'bad.db');
    copyFileSync(good, bad);
    execFileSync('sqlite3', [bad, sql]);
    const r = check(bad);
    assert.equal(r.status, 1, sql);
    assert.match(r.stderr, why, sql);
  }
});

test('the app starts on a backup', async () => {
  const copy = join(keep, 'restore.db');
  const ids = await backedUp(copy, { date: days[1], minutes: '42', memo: 'kept in the copy' });
  const t = await startStack({ setup: (st) => copyFileSync(copy, st.db), env: { TICK_EVERY: '0' } });
  try {
    const c = new Client(t);
    await c.login('freelancer@example.com');
    const page = await c.get(`/contracts/${ids.hourly}/diary?week=2026-11-24`);
    assert.equal(page.status, 200);
    assert.match(page.text, /kept in the copy/);
  } finally {
    await t.stop();
  }
});
