// The checkpointer (issue 18): scripts/serve.sh runs `contractsctl
// checkpoint` beside the workers, which leave checkpoints to it.  It
// starts and stops with the stack and is started again when it dies;
// under a steady write load it keeps the WAL near its bound
// (CHECKPOINT_WAL_MAX), where without it the WAL grows (the control: the
// workers' own fallback is 128 MB away).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { startStack, Client, cast, sleep, onlySqlite } from './lib.mjs';

const skip = onlySqlite && 'SQLite only: its WAL and the checkpointer that bounds it';

// The pids of the checkpointers running on database db.
function checkpointers(db) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const state = readFileSync(`/proc/${d}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
      if (state !== 'Z' && argv[0].endsWith('contractsctl') && argv.includes(db) && argv.includes('checkpoint'))
        out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

async function waitFor(what, f, ms = 5000) {
  const t0 = Date.now();
  for (;;) {
    const v = f();
    if (v) return v;
    if (Date.now() - t0 > ms) assert.fail(`${what}: not within ${ms} ms`);
    await sleep(50);
  }
}

test('the checkpointer starts with the stack, comes back when killed, stops with it', { skip }, async () => {
  const s = await startStack({ setup: cast });
  let stopped = false;
  try {
    const [first] = await waitFor('a checkpointer runs', () => checkpointers(s.db).length === 1 && checkpointers(s.db));
    process.kill(first, 'SIGKILL');
    const [second] = await waitFor('a new checkpointer runs', () => {
      const now = checkpointers(s.db);
      return now.length === 1 && now[0] !== first && now;
    });
    assert.notEqual(second, first);
    assert.match(s.log(), /serve: the checkpointer stopped \(exit \d+\); starting it again/);
    await s.stop();
    stopped = true;
    assert.deepEqual(checkpointers(s.db), [], 'no checkpointer left after the stop');
  } finally {
    if (!stopped) await s.stop();
  }
});

// WRITES diary POSTs from 8 clients at once; the WAL file's largest size
// meanwhile, sampled every 20 ms.
const WRITES = 400;
async function walUnderWrites(env) {
  let ids;
  const s = await startStack({ setup: (st) => { ids = cast(st); }, env });
  try {
    const clients = await Promise.all(Array.from({ length: 8 }, async () => {
      const c = new Client(s);
      await c.login('freelancer@example.com');
      await c.get(`/contracts/${ids.hourly}/diary`);
      return c;
    }));
    const size = () => { try { return statSync(`${s.db}-wal`).size; } catch { return 0; } };
    let max = 0;
    const timer = setInterval(() => { max = Math.max(max, size()); }, 20);
    let n = 0;
    const statuses = {};
    await Promise.all(clients.map(async (c) => {
      while (n < WRITES) {
        n++;
        const day = ['2026-11-23', '2026-11-24', '2026-11-25'][n % 3];
        const r = await c.post(`/contracts/${ids.hourly}/diary`, { date: day, minutes: '1', memo: `w${n}` });
        statuses[r.status] = (statuses[r.status] || 0) + 1;
      }
    }));
    clearInterval(timer);
    max = Math.max(max, size());
    assert.deepEqual(statuses, { 303: WRITES });
    assert.equal(s.sql('SELECT count(*) AS n FROM diary_entries')[0].n, WRITES);
    return max;
  } finally {
    await s.stop();
  }
}

test('under a steady write load the checkpointer keeps the WAL bounded; without it the WAL grows', { skip }, async (tc) => {
  const MB = 1 << 20;
  const bounded = await walUnderWrites({ CHECKPOINT_EVERY: '20', CHECKPOINT_WAL_MAX: '1' });
  const control = await walUnderWrites({ CHECKPOINT_EVERY: '0' });
  tc.diagnostic(`WAL at most ${(bounded / MB).toFixed(1)} MB with the checkpointer (bound 1 MB), ` +
    `${(control / MB).toFixed(1)} MB without it, ${WRITES} writes each`);
  // The bound, plus what arrives between two passes and during one.
  assert.ok(bounded <= 4 * MB, `WAL ${bounded} bytes with a 1 MB bound`);
  // 400 diary writes of 3 WAL pages each (schema 11) and their sign-ins
  // come to some 6 MB when nothing checkpoints.
  assert.ok(control > 2 * bounded && control > 3 * MB, `without a checkpointer the WAL reached only ${control} bytes`);
});
