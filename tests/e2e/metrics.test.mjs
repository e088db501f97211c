// GET /metrics: Prometheus text, the counts of every worker whichever one
// answers the scrape, busy retries, workers restarted; loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, TOP, startStack, sleep, onlySqlite } from './lib.mjs';

// { 'name{labels}': value } from a scrape.
function parse(text) {
  const out = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = line.match(/^(\S+) (\S+)$/);
    assert.ok(m, `a sample line: ${line}`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

async function scrape(s) {
  const r = await fetch(`${s.base}/metrics`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  return parse(await r.text());
}

test('every scrape counts the requests of all workers; latency histogram; restarts', async () => {
  const s = await startStack({ env: { TICK_EVERY: '0' } });
  try {
    await Promise.all(Array.from({ length: 40 }, () => fetch(`${s.base}/login`)));
    await Promise.all(Array.from({ length: 5 }, () => fetch(`${s.base}/no-such-page`)));
    // The positive control: both workers answered some of them, so a
    // worker that reported only its own would fall short.
    const pids = new Set([...s.log().matchAll(/^\S+ (\d+) GET \/login 200/gm)].map((m) => m[1]));
    assert.equal(pids.size, 2, 'both workers served /login');
    for (let i = 0; i < 6; i++) {
      const m = await scrape(s);
      assert.equal(m['contracts_requests_total{route="/login",status="200"}'], 40);
      assert.equal(m['contracts_requests_total{route="unmatched",status="404"}'], 5);
      const total = Object.entries(m).filter(([k]) => k.startsWith('contracts_requests_total'))
        .reduce((a, [, v]) => a + v, 0);
      assert.equal(m.contracts_request_duration_seconds_count, total, 'the histogram counts every request');
      assert.equal(m['contracts_request_duration_seconds_bucket{le="+Inf"}'], total);
      assert.ok(m['contracts_request_duration_seconds_bucket{le="0.001"}'] <= m['contracts_request_duration_seconds_bucket{le="0.25"}']);
      assert.equal(m.contracts_workers, 2);
      assert.equal(m.contracts_workers_restarted_total, 0);
      assert.equal(m.contracts_tick_runs_total, 0);
    }
    // A worker dies; multiwatch starts another in its place.
    const [victim] = s.workers();
    process.kill(victim, 'SIGKILL');
    let m;
    // Until the new one has taken the dead one's slot (a slot looks held
    // while its worker is a zombie multiwatch has not reaped yet).
    for (let i = 0; i < 100; i++) {
      m = await scrape(s);
      if (m.contracts_workers_restarted_total >= 1 && m.contracts_workers === 2) break;
      await sleep(50);
    }
    assert.equal(m.contracts_workers_restarted_total, 1);
    assert.equal(m.contracts_workers, 2);
    assert.equal(m['contracts_requests_total{route="/login",status="200"}'], 40, 'the dead worker\'s counts stay');
  } finally {
    await s.stop();
  }
});

test('a write that waits for another connection\'s lock counts busy retries',
  { skip: onlySqlite && 'SQLite only: busy retries on its file lock, held here by the sqlite3 CLI' }, async () => {
  const s = await startStack({ setup: (st) => st.ctl('user', 'add', '--email', 'a@example.com', '--name', 'A', '--password', 'password-1'),
    env: { TICK_EVERY: '0' } });
  try {
    // Nothing else writes now: the start (workers, checkpointer) only read.
    const before = (await scrape(s)).contracts_db_busy_retries_total;
    assert.equal(before, 0);
    // Hold the write lock for 400 ms while a sign-in writes its session:
    // the holder says 1 once BEGIN IMMEDIATE has it (a slow start of
    // sqlite3 on a busy host must not let the sign-in go first).
    const holder = spawn('sqlite3', [s.db], { stdio: ['pipe', 'pipe', 'inherit'] });
    const locked = new Promise((r) => holder.stdout.once('data', r));
    holder.stdin.write('BEGIN IMMEDIATE;\nSELECT 1;\n');
    await locked;
    const c = new Client(s);
    const login = c.login('a@example.com');
    await sleep(400);
    holder.stdin.end('COMMIT;\n');
    await login;
    const m = await scrape(s);
    assert.ok(m.contracts_db_busy_retries_total > before, `busy retries: ${m.contracts_db_busy_retries_total}`);
  } finally {
    await s.stop();
  }
});

// nginx denies /metrics to any address but loopback.  Seen from one of
// this machine's own non-loopback addresses (packets stay in the kernel):
// /healthz answers there, /metrics is 403.
const external = Object.values(networkInterfaces()).flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal);
test('/metrics is refused to a non-loopback address', { skip: !external && 'no non-loopback address' }, async () => {
  const conf = readFileSync(join(TOP, 'nginx.conf'), 'utf8')
    .replace('listen 127.0.0.1:@PORT@;', `listen 127.0.0.1:@PORT@;\n\t\tlisten ${external.address}:@PORT@;`);
  assert.ok(conf.includes(`listen ${external.address}`));
  const dir = mkdtempSync(join(tmpdir(), 'contracts-conf-'));
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const s = await startStack({ env: { TICK_EVERY: '0', NGINX_CONF: join(dir, 'nginx.conf') } });
  try {
    const there = `http://${external.address}:${s.port}`;
    assert.equal((await fetch(`${there}/healthz`)).status, 200);
    assert.equal((await fetch(`${there}/metrics`)).status, 403);
    assert.equal((await fetch(`${s.base}/metrics`)).status, 200);
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
