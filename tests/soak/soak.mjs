// make soak: a 60-second mixed load on the real stack, for errors and
// worker memory.  Starts nginx + the workers through scripts/serve.sh (via
// tests/e2e/lib.mjs) on a free port of 127.0.0.1 with a fresh database
// (60 hourly contracts for one freelancer, the clock pinned to a Sunday so
// the whole week can be logged), signs in, warms up, records every
// worker's VmRSS, runs wrk with tests/soak/soak.lua (dashboard, contract
// pages, diary writes), samples VmRSS every 10 s, and prints the counts.
// Fails when any request errs, when fewer diary rows were stored than
// writes were answered 303 (or more than wrk can have left unread: one a
// connection), when a worker was restarted, or when a worker's RSS grows
// by more than 10 % (and 2 MB) between the end of the warm-up and the end
// of the run.
//
//   node tests/soak/soak.mjs [--duration 60] [--connections 16] [--threads 2]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startStack, Client, TOP, sleep } from '../e2e/lib.mjs';

const opt = { duration: 60, connections: 16, threads: 2 };
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '');
  const v = Number(process.argv[i + 1]);
  if (!(k in opt) || !Number.isInteger(v) || v < 1) {
    console.error('usage: soak.mjs [--duration S] [--connections N] [--threads N]');
    process.exit(2);
  }
  opt[k] = v;
}

const NOW = '2026-11-29T10:00:00Z';	// Sunday: Monday 23 to Sunday 29 are open
const DAYS = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
const N = 60;
const WORKERS = Math.max(2, cpus().length);
let ids = [];


const s = await startStack({
  now: NOW,
  env: { WORKERS: String(WORKERS) },
  setup(st) {
    st.ctl('user', 'add', '--email', 'clara@example.com', '--name', 'Clara Client', '--password', 'password-1');
    st.ctl('user', 'add', '--email', 'felix@example.com', '--name', 'Felix Freelancer', '--password', 'password-1');
    for (let i = 0; i < N; i++) {
      const id = st.ctl('contract', 'add', '--title', `Soak contract ${i}`, '--client', 'clara@example.com',
        '--freelancer', 'felix@example.com', '--hourly', '40.00', '--weekly-limit', '40', '--started', '2026-09-01');
      ids.push(id);
      // A past week with a few entries, for the diary page the load reads.
      if (i < 6) for (const d of ['2026-11-16', '2026-11-17', '2026-11-18']) st.ctl('diary', 'add', '--contract', String(id), '--date', d, '--minutes', '90', '--memo', `Soak entry ${d}`);
      if (i % 10 === 0) st.ctl('payment', 'add', '--contract', String(id), '--amount', '120.00', '--paid-at', '2026-11-20');
    }
  },
});


// VmRSS in KB by pid.
function rss() {
  const out = {};
  for (const p of s.workers()) {
    const m = readFileSync(`/proc/${p}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    if (m) out[p] = Number(m[1]);
  }
  return out;
}
const fmt = (r) => Object.entries(r).map(([p, kb]) => `${p}:${(kb / 1024).toFixed(1)}MB`).join(' ');

let code = 0;
try {
  const c = new Client(s);
  await c.login('felix@example.com');
  await c.get('/contracts');
  const before = s.sql("SELECT count(*) AS n FROM diary_entries WHERE memo LIKE 'soak %'")[0].n;
  const env = {
    ...process.env, SOAK_COOKIE: `sid=${c.cookies.get('sid')}`, SOAK_CSRF: c.csrf,
    SOAK_IDS: ids.join(','), SOAK_DAYS: DAYS.join(','),
  };
  const wrk = (secs) => new Promise((ok, fail) => {
    const p = spawn('wrk', ['-t', String(opt.threads), '-c', String(opt.connections), '-d', `${secs}s`, '--latency',
      '-s', join(TOP, 'tests/soak/soak.lua'), `${s.base}/`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', fail);
    p.on('exit', (st) => (st === 0 ? ok(out) : fail(new Error(`wrk exited ${st}\n${out}`))));
  });

  const rss0 = rss();
  console.log(`soak: ${WORKERS} workers, RSS after start   ${fmt(rss0)}`);
  const warm = await wrk(5);
  const rss1 = rss();
  console.log(`soak: warm-up 5 s: ${warm.match(/soak-counts.*/)[0]}`);
  console.log(`soak: RSS after warm-up ${fmt(rss1)}`);

  // The run, with a sample every 10 s.
  const samples = [];
  const t0 = Date.now();
  const run = wrk(opt.duration);
  const timer = setInterval(() => samples.push([Math.round((Date.now() - t0) / 1000), rss()]), 10000);
  const out = await run;
  clearInterval(timer);
  const rss2 = rss();
  for (const [t, r] of samples) console.log(`soak: RSS at ${String(t).padStart(3)} s     ${fmt(r)}`);
  console.log(`soak: RSS at the end     ${fmt(rss2)}`);
  console.log(out.split('\n').filter((l) => /Requests\/sec|requests in|Non-2xx|Socket errors|soak-/.test(l)).map((l) => `soak: ${l.trim()}`).join('\n'));

  const counts = Object.fromEntries([...out.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  const wwarm = Number(warm.match(/writes=(\d+)/)[1]);
  const stored = s.sql("SELECT count(*) AS n FROM diary_entries WHERE memo LIKE 'soak %'")[0].n - before;
  console.log(`soak: writes acknowledged ${wwarm + counts.writes} (warm-up ${wwarm}), stored ${stored}`);
  const errs = counts.errors + counts.socket_errors;
  if (errs > 0) { console.log(`soak: FAIL: ${errs} errors`); code = 1; }
  // wrk stops with up to one request in flight per connection: those may
  // be stored without their 303 having been counted.
  const acked = wwarm + counts.writes;
  if (stored < acked || stored > acked + 2 * opt.connections) {
    console.log(`soak: FAIL: ${acked} writes acknowledged but ${stored} stored`);
    code = 1;
  }
  if (Object.keys(rss2).join() !== Object.keys(rss0).join()) { console.log('soak: FAIL: a worker was restarted during the run'); code = 1; }
  for (const [p, kb] of Object.entries(rss2)) {
    const base = rss1[p];
    const grew = kb - base;
    console.log(`soak: worker ${p}: ${(base / 1024).toFixed(1)} MB -> ${(kb / 1024).toFixed(1)} MB (${grew >= 0 ? '+' : ''}${grew} kB)`);
    if (grew > 2048 && grew > base * 0.10) { console.log(`soak: FAIL: worker ${p} grew by ${grew} kB`); code = 1; }
  }
  const log = s.log();
  const bad = log.split('\n').filter((l) => / [45]\d\d [\d.]+ms/.test(l) || /runtime error|AddressSanitizer/.test(l));
  if (bad.length) { console.log(`soak: FAIL: ${bad.length} error lines in the server log, e.g.\n${bad.slice(0, 5).join('\n')}`); code = 1; }
  console.log(code === 0 ? 'soak: ok, 0 errors' : 'soak: FAILED');
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  await sleep(100);
  await s.stop();
}
process.exit(code);
