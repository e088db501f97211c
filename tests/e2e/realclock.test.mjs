// The real clock, as users meet it: no CONTRACTS_NOW, so the session
// refresh (every 5 minutes of a session's life, src/auth/auth.c) runs.
// Sessions come back after idle minutes (their last-seen time set back
// 6 minutes), all at once, some reading and some writing: no 5xx, every
// acknowledged write stored, and sign-out always ends the session, even
// while others write.  Before the refresh had its own write transaction,
// 62 of 144 such requests got a 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client } from './lib.mjs';

const WRITERS = 12;
const READERS = 36;
const ROUNDS = 3;

function cast(st) {
  const day = (d) => new Date(Date.now() - d * 86400e3).toISOString().slice(0, 10);
  st.ctl('user', 'add', '--email', 'client@example.com', '--name', 'Clara Client', '--password', 'password-1');
  const contracts = [];
  for (let i = 0; i < WRITERS; i++) {
    st.ctl('user', 'add', '--email', `w${i}@example.com`, '--name', `Writer ${i}`, '--password', 'password-1');
    contracts.push(st.ctl('contract', 'add', '--title', `Contract ${i}`, '--client', 'client@example.com',
      '--freelancer', `w${i}@example.com`, '--hourly', '40.00', '--started', day(30)));
  }
  for (let i = 0; i < READERS; i++)
    st.ctl('user', 'add', '--email', `r${i}@example.com`, '--name', `Reader ${i}`, '--password', 'password-1');
  return contracts;
}

// Every session idle for 6 minutes: the next request refreshes it.
const idle = (st) => st.sql(`UPDATE sessions SET seen_at = ${Math.floor(Date.now() / 1000) - 360}`);

test('sessions returning after idle minutes, 12 writing and 36 reading at once: no 5xx, every write stored', async () => {
  let contracts;
  const st = await startStack({ now: null, setup: (s) => { contracts = cast(s); } });
  try {
    const today = new Date().toISOString().slice(0, 10);
    const writers = [];
    const readers = [];
    for (let i = 0; i < WRITERS; i++) {
      const c = new Client(st);
      await c.login(`w${i}@example.com`);
      await c.get(`/contracts/${contracts[i]}/diary`);	// its CSRF token
      writers.push(c);
    }
    for (let i = 0; i < READERS; i++) {
      const c = new Client(st);
      await c.login(`r${i}@example.com`);
      readers.push(c);
    }
    const statuses = [];
    const acked = [];
    const stale = [];
    for (let round = 0; round < ROUNDS; round++) {
      idle(st);
      const before = st.sql('SELECT max(seen_at) AS t FROM sessions')[0].t;
      const work = [
        ...writers.map(async (c, i) => {
          const memo = `round ${round} writer ${i}`;
          const r = await c.post(`/contracts/${contracts[i]}/diary`, { date: today, minutes: '15', memo });
          statuses.push(r.status);
          if (r.status === 303) acked.push(memo);
        }),
        ...readers.map(async (c, i) => {
          const r = await c.get(i % 2 ? '/contracts' : '/notifications');
          statuses.push(r.status);
        }),
      ];
      await Promise.all(work);
      // The refresh ran: every session's last-seen time moved on.
      stale.push(st.sql(`SELECT count(*) AS n FROM sessions WHERE seen_at <= ${before}`)[0].n);
    }
    assert.equal(statuses.length, ROUNDS * (WRITERS + READERS));
    const bad = statuses.filter((s) => s >= 500);
    assert.deepEqual(bad, [], `5xx answers: ${bad.length} of ${statuses.length}`);
    assert.ok(statuses.every((s) => s === 200 || s === 303), statuses.join());
    assert.deepEqual(stale, stale.map(() => 0), 'sessions not refreshed, by round');
    const stored = new Set(st.sql('SELECT memo FROM diary_entries').map((r) => r.memo));
    assert.equal(acked.length, ROUNDS * WRITERS);
    for (const m of acked) assert.ok(stored.has(m), `acknowledged and missing: ${m}`);
    assert.doesNotMatch(st.log(), /not refreshed; going on/, 'no refresh had to be given up');
  } finally { await st.stop(); }
});

test('sign-out under a write load always ends the session on the server', async () => {
  let contracts;
  const st = await startStack({ now: null, setup: (s) => { contracts = cast(s); } });
  try {
    const today = new Date().toISOString().slice(0, 10);
    const writers = [];
    for (let i = 0; i < WRITERS; i++) {
      const c = new Client(st);
      await c.login(`w${i}@example.com`);
      await c.get(`/contracts/${contracts[i]}/diary`);
      writers.push(c);
    }
    const leaving = [];
    for (let i = 0; i < READERS; i++) {
      const c = new Client(st);
      await c.login(`r${i}@example.com`);
      await c.get('/contracts');
      leaving.push(c);
    }
    idle(st);
    const cookies = leaving.map((c) => c.cookies.get('sid'));
    assert.equal(st.sql('SELECT count(*) AS n FROM sessions')[0].n, WRITERS + READERS);
    let stop = false;
    const load = writers.map(async (c, i) => {
      for (let k = 0; !stop; k++)
        await c.post(`/contracts/${contracts[i]}/diary`, { date: today, minutes: '1', memo: `load ${i} ${k}` });
    });
    const outs = await Promise.all(leaving.map((c) => c.post('/logout')));
    stop = true;
    await Promise.all(load);
    assert.deepEqual(outs.map((r) => r.status).filter((s) => s !== 303), [], 'every sign-out answered 303');
    assert.equal(st.sql('SELECT count(*) AS n FROM sessions')[0].n, WRITERS, 'the signed-out sessions are gone');
    // The old cookies no longer sign anyone in.
    for (const sid of cookies.slice(0, 6)) {
      const r = await fetch(`${st.base}/contracts`, { redirect: 'manual', headers: { cookie: `sid=${sid}` } });
      assert.equal(r.status, 303);
      assert.match(r.headers.get('location'), /^\/login/);
    }
    // The positive control: a writer's session, still signed in, still works.
    assert.equal((await writers[0].get('/contracts')).status, 200);
  } finally { await st.stop(); }
});
