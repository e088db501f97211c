// make bench: the real stack (scripts/serve.sh: nginx + spawn-fcgi +
// multiwatch workers, release build) on a free port of 127.0.0.1 with a
// generated database, measured with wrk, targets alternated round by
// round so that machine noise hits them alike:
//
//   static     nginx serving a byte-for-byte copy of the signed-in dashboard
//   floor      tests/bench/floor.c returning those bytes through the same nginx
//   dashboard  GET /contracts signed in (50 contracts, 25 on the page)
//   contract   GET /contracts/1, end  GET /contracts/1/end,
//   diary      GET /contracts/1/diary
//   write      POST /contracts/{id}/diary, each acknowledged by its 303
//   mixed      the dashboard read by 30 connections while 2 others write
//              (about one request in ten a write, paced), each side's
//              req/s and p99 reported apart, beside the read-only ones
//
// Then the large mode: a second stack on a generated database of 100,000
// contracts, 10,000 users, 1,000,000 diary entries and 200,000
// notifications; the dashboard of the same user on both, alternated, and
// the ratio of the p50s.  A target the app does not serve yet is skipped
// with "not available (status N)".
//
// Beside SQLite, PostgreSQL (issue 17; --no-pg skips it): the small
// database copied by contractsctl copy-to into a throwaway PostgreSQL 15
// (tests/pg/pg.mjs, with production's durability settings), a second
// stack on it with as many workers, and its dashboard, contract page and
// diary write measured in the same rounds, each right after SQLite's.
// Its server CPU counts PostgreSQL's backends too (the postmaster's
// children serving the app's connections).  Before the rounds, a few
// requests of each with every statement logged tell how many round trips
// a request makes and what the server spent on them.
//
//   node tests/bench/bench.mjs [--rounds 8] [--duration 2] [--connections 32]
//       [--threads 2] [--no-large] [--keep] [--open-rounds 2] [--open-seconds 10]
//       [--no-open] [--no-pg]
//
// Then the open loop (tests/bench/openloop.c): diary POSTs offered at
// 1,000, 2,000 and 2,500 a second whatever the answers, each timed from
// the moment it was due, with the WAL file's size sampled over the run;
// and the dashboard read at a steady 200 a second, alone and beside the
// writes at 2,000 a second.
// Expects build-rel/{contracts.fcgi,contractsctl,floor} (make bench builds
// them).  Prints the table; also writes build-rel/bench/last.md and .json.
import { spawn, execFileSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync,
  readdirSync, renameSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, sleep, workersOf } from '../e2e/lib.mjs';
import { startPg } from '../pg/pg.mjs';

const TOP = resolve(new URL('../..', import.meta.url).pathname);
const HERE = join(TOP, 'tests/bench');
const REL = join(TOP, 'build-rel');
const FCGI = 'build-rel/contracts.fcgi';	// relative to TOP, as serve.sh wants
const CTL = join(REL, 'contractsctl');
const FLOOR = join(REL, 'floor');
const NOW = '2026-11-29T20:00:00Z';		// a Sunday: the whole week is open
const NOW_S = Date.parse(NOW) / 1000;
const WEEK_S = Date.parse('2026-11-23T00:00:00Z') / 1000;
const PASSWORD = 'bench-password-1';

const SMALL = { users: 200, contracts: 400, diary: 3000, notifs: 500 };
const LARGE = { users: 10000, contracts: 100000, diary: 1000000, notifs: 200000 };

// ---- options ----
// Rounds many and short: the host's noise comes in bursts of seconds, and
// a round of every target (7 of them, about 16 s) keeps static, floor and
// dashboard within 6 s of each other.
const opt = {
  rounds: 8, duration: 2, connections: 32, threads: 2, large: true, keep: false,
  open: true, openRounds: 2, openSeconds: 10, openOnly: false, rates: [1000, 2000, 2500],
  baseline: null, pg: true,
};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const num = () => {
    const v = Number(process.argv[++i]);
    if (!Number.isInteger(v) || v < 1) usage(`${a} wants a whole number from 1`);
    return v;
  };
  if (a === '--rounds') opt.rounds = num();
  else if (a === '--duration') opt.duration = num();
  else if (a === '--connections') opt.connections = num();
  else if (a === '--threads') opt.threads = num();
  else if (a === '--no-large') opt.large = false;
  else if (a === '--keep') opt.keep = true;
  else if (a === '--no-open') opt.open = false;
  else if (a === '--open-rounds') opt.openRounds = num();
  else if (a === '--open-seconds') opt.openSeconds = num();
  else if (a === '--open-only') opt.openOnly = true;
  else if (a === '--no-pg') opt.pg = false;
  else if (a === '--rates') {
    opt.rates = String(process.argv[++i]).split(',').map(Number);
    if (!opt.rates.every((r) => Number.isInteger(r) && r > 0)) usage('--rates wants rates like 1000,2000');
  } else if (a === '--baseline') {
    opt.baseline = resolve(String(process.argv[++i]));
    if (!existsSync(opt.baseline)) usage(`--baseline ${opt.baseline}: no such worker binary`);
  }
  else usage(`unknown option ${a}`);
}

function usage(msg) {
  console.error(`bench: ${msg}`);
  process.exit(2);
}

// Fatal: the message, and whatever was started is stopped (main's catch).
class Fatal extends Error {}
function die(msg) {
  throw new Fatal(msg);
}

const log = (msg) => console.error(`bench: ${msg}`);

// ---- databases ----

// Users 1 (the benchmark user) and 2 (the writer) through contractsctl,
// which creates the schema; then the bulk through gen.sql.
function generate(db, size) {
  const env = { ...process.env, CONTRACTS_NOW: NOW };
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  for (const [email, name] of [['bench@example.com', 'Bench User'], ['writer@example.com', 'Wren Writer']])
    execFileSync(CTL, ['--db', db, 'user', 'add', '--email', email, '--name', name,
      '--password', PASSWORD], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const params = [
    `.parameter set @now ${NOW_S}`, `.parameter set @week ${WEEK_S}`,
    `.parameter set @users ${size.users}`, `.parameter set @contracts ${size.contracts}`,
    `.parameter set @diary ${size.diary}`, `.parameter set @notifs ${size.notifs}`,
    '.bail on', '',
  ].join('\n');
  execFileSync('sqlite3', [db], {
    input: params + readFileSync(join(HERE, 'gen.sql'), 'utf8'),
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

// The large database is kept in build-rel/bench/ between runs, made again
// when the schema, the generator or the sizes change.
function largeDb(dest) {
  const key = createHash('sha256')
    .update(readFileSync(join(TOP, 'src/db/schema.sql')))
    .update(readFileSync(join(TOP, 'src/db/schema-2.sql')))
    .update(readFileSync(join(TOP, 'src/db/schema-3.sql')))
    .update(readFileSync(join(HERE, 'gen.sql')))
    .update(JSON.stringify(LARGE)).digest('hex');
  const dir = join(REL, 'bench');
  const cached = join(dir, 'large.db');
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, 'large.key');
  if (!existsSync(cached) || !existsSync(keyFile) || readFileSync(keyFile, 'utf8') !== key) {
    const t0 = Date.now();
    log('generating the large database (kept in build-rel/bench/ for next time)');
    const tmp = join(dir, 'large.tmp.db');
    generate(tmp, LARGE);
    renameSync(tmp, cached);
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
    writeFileSync(keyFile, key);
    log(`large database made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  copyFileSync(cached, dest);
}

// ---- the stack ----

// The top-level nginx.conf with what the benchmark adds: the static copy
// and the floor's upstream, both through the same server block.
function nginxTemplate(path) {
  let conf = readFileSync(join(TOP, 'nginx.conf'), 'utf8');
  const put = (anchor, text) => {
    if (!conf.includes(anchor)) die(`nginx.conf has no "${anchor.trim()}" to add the benchmark's lines before`);
    conf = conf.replace(anchor, text + anchor);
  };
  put('\tupstream contracts {', '\tupstream floor {\n\t\tserver unix:@RUN@/floor.sock;\n\t}\n');
  put('\t\tlocation /static/ {',
    '\t\tlocation = /bench/static.html {\n\t\t\troot @RUN@/www;\n\t\t}\n' +
    '\t\tlocation = /bench/floor {\n\t\t\tinclude /etc/nginx/fastcgi_params;\n' +
    '\t\t\tfastcgi_pass floor;\n\t\t}\n');
  writeFileSync(path, conf);
}

async function startStack(name, dir, db, extra = {}) {
  const port = await freePort();
  const run = join(dir, `run-${name}`);
  mkdirSync(run, { recursive: true });
  const logfd = openSync(join(dir, `serve-${name}.log`), 'a');
  const proc = spawn(join(TOP, 'scripts/serve.sh'), [], {
    env: {
      ...process.env, CONTRACTS_NOW: NOW, PORT: String(port), DB: db, RUNDIR: run,
      FCGI, CTL, SEED: '0', LOGIN_RATE: '6000r/m', LOGIN_BURST: '1000',
      NGINX_CONF: join(dir, 'nginx-bench.conf'),
      // The load comes from one address on purpose; the scheduled step
      // stays out of the measurement.
      CONN_PER_ADDR: '4096', TICK_EVERY: '0', ...extra,
    },
    stdio: ['ignore', logfd, logfd],
  });
  const stack = { name, port, run, db, proc, base: `http://127.0.0.1:${port}`, dir };
  stack.exited = new Promise((r) => proc.once('exit', r));
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${stack.base}/healthz`)).status === 200) break;
    } catch { /* not yet */ }
    if (i > 200) {
      proc.kill('SIGTERM');
      die(`the ${name} stack did not start:\n${readFileSync(join(dir, `serve-${name}.log`), 'utf8').slice(-2000)}`);
    }
    await sleep(50);
  }
  return stack;
}

async function stopStack(stack) {
  if (stack.floor) {
    stack.floor.kill('SIGTERM');
    await stack.floorExited;
  }
  stack.proc.kill('SIGTERM');
  await stack.exited;
}

// The floor: floor.c under spawn-fcgi + multiwatch, as many workers as
// the app, on the socket the bench nginx.conf points at.
async function startFloor(stack, file) {
  const sock = join(stack.run, 'floor.sock');
  const owner = process.getuid() === 0 ? ['-U', 'nobody', '-G', 'nogroup'] : [];
  const logfd = openSync(join(stack.dir, `floor-${stack.name}.log`), 'a');
  stack.floor = spawn('spawn-fcgi', ['-n', '-s', sock, '-M', '0660', ...owner, '--',
    '/usr/bin/multiwatch', '-f', String(stack.pids.length), '--', FLOOR, file],
  { stdio: ['ignore', logfd, logfd] });
  stack.floorExited = new Promise((r) => stack.floor.once('exit', r));
  for (let i = 0; !existsSync(sock); i++) {
    if (i > 100) die('the floor did not start');
    await sleep(50);
  }
}

// The server side of a stack: nginx (its master names the stack's conf;
// its workers are the master's children), the app's workers and the
// floor's.  Their CPU time per request (user + system, from
// /proc/PID/stat) is the cost of a request that machine noise does not
// blur the way it blurs requests per second; wrk's own is left out.
// nginx's share and the FastCGI side's (the app's workers or the floor)
// are kept apart: the one is the same for every target, the other is
// what the code changes.  On PostgreSQL, its backends serving the
// database's connections as well (postgres); its background processes
// (checkpointer, WAL writer, autovacuum) apart (pgBackground), as
// SQLite's checkpointer is left out.
function serverPids(stack) {
  const all = [];
  const conf = join(stack.run, 'nginx.conf');
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      const ppid = Number(readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')[1]);
      all.push({ pid: Number(p), ppid, argv });
    } catch { /* gone */ }
  }
  const masters = all.filter((x) => x.argv[0].startsWith('nginx: master') && x.argv.join(' ').includes(conf))
    .map((x) => x.pid);
  const postmaster = stack.pg ? stack.pg.postmaster() : -1;
  const kids = all.filter((x) => x.ppid === postmaster);
  const backend = (x) => / contracts \[local\]/.test(x.argv[0]);
  return {
    postgres: kids.filter(backend).map((x) => x.pid),
    pgBackground: kids.filter((x) => !backend(x)).map((x) => x.pid),
    nginx: all.filter((x) => masters.includes(x.ppid)).map((x) => x.pid),
    fcgi: all.filter((x) => (x.argv[0] === join(TOP, FCGI) && x.argv.includes(stack.db)) ||
      (x.argv[0] === FLOOR && x.argv[1] !== undefined && x.argv[1].startsWith(stack.run)))
      .map((x) => x.pid),
  };
}

const TICK_US = 1e6 / 100;	// USER_HZ, 100 on Linux

function cpuUs(pids) {
  let ticks = 0;
  for (const p of pids) {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
      ticks += Number(f[11]) + Number(f[12]);	// utime, stime
    } catch { /* gone */ }
  }
  return ticks * TICK_US;
}

function rss(pids) {
  return pids.map((p) => {
    try {
      const m = readFileSync(`/proc/${p}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
      return m ? Number(m[1]) : 0;
    } catch { return 0; }
  });
}

// ---- PostgreSQL ----

// What the throwaway PostgreSQL runs with, beside tests/pg/pg.mjs's own
// (unix socket only, max_connections): production's durability (fsync,
// synchronous_commit and full_page_writes on, so that a diary write's
// COMMIT waits for its WAL on disk as SQLite's synchronous=FULL does),
// shared_buffers at its default (128 MB, many times the small
// database), autovacuum on.
const PG_SETTINGS = {
  fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on', shared_buffers: "'128MB'",
  autovacuum: 'on', max_connections: 50,
};

// A throwaway PostgreSQL holding a copy of the SQLite database db (copy-to
// migrates it first), VACUUM ANALYZEd as autovacuum would have done by the
// time a moved site serves.  Its socket's directory is opened to the
// workers' user.  pg.postmaster() is the server's pid, whose children are
// its backends.
async function benchPg(db) {
  const pg = await startPg({ settings: PG_SETTINGS });
  chmodSync(pg.dir, 0o755);
  execFileSync(CTL, ['--db', db, 'copy-to', pg.uri],
    { env: { ...process.env, CONTRACTS_NOW: NOW }, stdio: ['ignore', 'ignore', 'inherit'] });
  pg.script('VACUUM ANALYZE');
  pg.postmaster = () => {
    try {
      return Number(readFileSync(join(pg.dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
    } catch { return -1; }
  };
  return pg;
}

// Every statement of n requests of each target, made one at a time, as
// PostgreSQL logs them with log_min_duration_statement = 0 (outside the
// measured rounds: logging costs time).  Per request: the round trips (a
// prepared statement's execute, or a simple query: BEGIN, COMMIT,
// lastval()), the server's time in them, parse and bind included, and
// the request's own time as the client saw it; per statement, how many a
// request runs.
async function tracePg(pg, targets, n = 20) {
  const logAll = (v) => pg.script(`ALTER SYSTEM SET log_min_duration_statement = ${v};\n` +
    'SELECT pg_reload_conf();\n', { uri: pg.superuri });
  const out = {};
  for (const t of targets) {
    logAll(0);
    await sleep(200);	// the backends take the new setting before their next command
    const from = pg.log().length;
    const t0 = process.hrtime.bigint();
    let bad = 0;
    for (let i = 0; i < n; i++)
      if (await probe(t.stack, t.vary ? { ...t, ...t.vary(i) } : t) !== t.want) bad++;
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    logAll(-1);
    // A prepared statement's bind and execute are logged apart, under
    // its name (s<enum stmt>); a simple query under its text.
    const by = new Map();
    for (const line of pg.log().slice(from).split('\n')) {
      const m = line.match(/duration: ([\d.]+) ms {2}(parse|bind|execute|statement) ?([^:]*): (.*)$/);
      if (!m || /log_min_duration_statement|pg_reload_conf/.test(m[4])) continue;
      const id = m[2] === 'statement' ? m[4] : m[3];
      if (!by.has(id)) by.set(id, { what: m[4].replace(/\s+/g, ' ').slice(0, 60), n: 0, ms: 0 });
      const x = by.get(id);
      x.ms += Number(m[1]);
      if (m[2] === 'execute' || m[2] === 'statement') x.n++;
    }
    const statements = [...by.values()].map((x) => ({ what: x.what, perRequest: x.n / n, ms: x.ms / n }));
    out[t.name] = {
      requests: n, bad, msPerRequest: wall / n,
      serverMs: statements.reduce((a, x) => a + x.ms, 0),
      roundTrips: statements.reduce((a, x) => a + x.perRequest, 0), statements,
    };
    log(`${t.name}: ${out[t.name].roundTrips.toFixed(1)} round trips a request, ` +
      `${out[t.name].serverMs.toFixed(3)} ms in PostgreSQL, ${out[t.name].msPerRequest.toFixed(2)} ms a request one at a time` +
      `${bad ? `, ${bad} bad answers` : ''}`);
  }
  return out;
}

// ---- HTTP as a browser signs in ----

function cookiesOf(res) {
  const jar = {};
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0];
    const i = pair.indexOf('=');
    jar[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return jar;
}

const csrfOf = (text) => (text.match(/name="csrf" value="([^"]*)"/) || [])[1];

async function signIn(stack, email) {
  const form = await fetch(`${stack.base}/login`, { redirect: 'manual' });
  const lcsrf = cookiesOf(form).lcsrf;
  const token = csrfOf(await form.text());
  if (!lcsrf || !token) die(`GET /login gave no CSRF token (status ${form.status})`);
  const res = await fetch(`${stack.base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `lcsrf=${lcsrf}` },
    body: new URLSearchParams({ email, password: PASSWORD, csrf: token }).toString(),
  });
  const sid = cookiesOf(res).sid;
  if (res.status !== 303 || !sid) die(`signing in as ${email} failed (status ${res.status})`);
  const cookie = `sid=${sid}`;
  const page = await fetch(`${stack.base}/contracts`, { headers: { cookie }, redirect: 'manual' });
  const bytes = Buffer.from(await page.arrayBuffer());
  if (page.status !== 200) die(`GET /contracts signed in: status ${page.status}`);
  return { cookie, csrf: csrfOf(bytes.toString('utf8')), dashboard: bytes };
}

// ---- wrk ----

function wrk(stack, target, seconds) {
  const env = { ...process.env, BENCH_COOKIE: target.cookie || '', ...(target.env || {}) };
  const out = execFileSync('wrk', ['-t', String(opt.threads), '-c', String(opt.connections),
    '-d', `${seconds}s`, '--timeout', '2s', '-s', join(HERE, 'wrk.lua'),
    stack.base + target.path], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const m = out.match(/^BENCH (\{.*\})$/m);
  if (!m) die(`wrk printed no result for ${target.name}:\n${out}`);
  const r = JSON.parse(m[1]);
  r.errors = r.connect + r.read + r.write + r.timeout + r.status + r.bad;
  return r;
}

// One request as wrk would make it: its status, or 0 when refused.  A
// second try on a network error: the first may land on a pooled
// connection that nginx has closed meanwhile.
async function probe(stack, target) {
  const status = await probeOnce(stack, target);
  return status !== 0 ? status : probeOnce(stack, target);
}

async function probeOnce(stack, target) {
  try {
    const init = { redirect: 'manual', headers: { cookie: target.cookie || '' } };
    if (target.post) {
      init.method = 'POST';
      init.headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = target.post;
    }
    const res = await fetch(stack.base + target.path, init);
    await res.arrayBuffer();
    return res.status;
  } catch { return 0; }
}

// wrk in the background: resolves with its result.
function wrkAsync(stack, target, seconds, connections) {
  return new Promise((ok, fail) => {
    const env = { ...process.env, BENCH_COOKIE: target.cookie || '', ...(target.env || {}) };
    const p = spawn('wrk', ['-t', '1', '-c', String(connections), '-d', `${seconds}s`, '--timeout', '2s',
      '-s', join(HERE, 'wrk.lua'), stack.base + target.path], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('exit', () => {
      const m = out.match(/^BENCH (\{.*\})$/m);
      if (!m) return fail(new Fatal(`wrk printed no result for ${target.name}:\n${out}`));
      const r = JSON.parse(m[1]);
      r.errors = r.connect + r.read + r.write + r.timeout + r.status + r.bad;
      ok(r);
    });
  });
}

// The dashboard read while other sessions write, at once: readers on all
// connections but four, writers on four, their pause before each write
// set round by round so that about one request in ten is a write (the
// first round starts from the read-only rate).  Rounds as measure()'s;
// per side its rounds.
async function measureMixed(stack, read, write, readRps) {
  const WRITERS = 4;
  let pause = Math.max(1, Math.round(WRITERS * 1000 / Math.max(readRps / 9, 10)));
  const res = { reads: [], writes: [] };
  for (let round = 1; round <= opt.rounds; round++) {
    const w = { ...write, env: { ...write.env, BENCH_DELAY_MS: String(pause) } };
    const server = serverPids(stack);
    const c0 = cpuUs(server.nginx) + cpuUs(server.fcgi);
    const [r, x] = await Promise.all([
      wrkAsync(stack, read, opt.duration, Math.max(opt.connections - WRITERS, 1)),
      wrkAsync(stack, w, opt.duration, WRITERS),
    ]);
    const cpu = cpuUs(server.nginx) + cpuUs(server.fcgi) - c0;
    for (const [k, v] of [['reads', r], ['writes', x]]) {
      v.cpuUs = cpu; v.nginxUs = 0; v.fcgiUs = 0; v.rssBefore = []; v.rssAfter = [];
      res[k].push(v);
    }
    const share = x.requests / Math.max(x.requests + r.requests, 1);
    log(`mixed round ${round}/${opt.rounds} reads ${(r.requests / (r.duration_us / 1e6)).toFixed(0)}/s ` +
      `p99 ${(r.p99 / 1000).toFixed(2)} ms, writes ${(x.requests / (x.duration_us / 1e6)).toFixed(0)}/s ` +
      `p99 ${(x.p99 / 1000).toFixed(2)} ms (${(100 * share).toFixed(1)} %, pause ${pause} ms), ` +
      `errors ${r.errors + x.errors}`);
    // Each writer's cycle is its pause plus a write's latency; aim the
    // cycle at what makes writes a tenth of the requests.
    const cycle = WRITERS * (x.duration_us / 1000) / Math.max(x.requests, 1);
    const want = cycle * share / 0.1;
    pause = Math.max(0, Math.round(pause + want - cycle));
  }
  return res;
}

// ---- the open loop ----

const OPENLOOP = join(REL, 'openloop');

// One run of tests/bench/openloop.c; resolves with its result.
function openloop(stack, args) {
  return new Promise((ok, fail) => {
    const p = spawn(OPENLOOP, ['-p', String(stack.port), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('exit', () => {
      const m = out.match(/^OPENLOOP (\{.*\})$/m);
      return m ? ok(JSON.parse(m[1])) : fail(new Fatal(`openloop printed no result:\n${out}`));
    });
  });
}

// Writes offered at each rate, rounds of openSeconds; the WAL's largest
// size over each run sampled every 100 ms.  Then the dashboard at a
// steady rate alone and beside 2,000 writes a second.  With --baseline
// each side (this build, the baseline) runs every round in turn, so that
// the host's noise hits both alike.
async function measureOpen(sides, ids, days) {
  const walSize = (side) => { try { return statSync(`${side.stack.db}-wal`).size; } catch { return 0; } };
  const sampled = async (side, run) => {
    let max = walSize(side);
    const timer = setInterval(() => { max = Math.max(max, walSize(side)); }, 100);
    try { return { ...(await run), walMax: max }; } finally { clearInterval(timer); }
  };
  const writes = (side, rate) => openloop(side.stack, ['-r', String(rate), '-d', String(opt.openSeconds),
    '-c', '64', '-k', side.writer.cookie, '-t', side.writer.csrf, '-i', ids.join(','), '-D', days.join(',')]);
  const reads = (side) => openloop(side.stack, ['-r', '200', '-d', String(opt.openSeconds), '-c', '16',
    '-k', side.reader.cookie, '-g', '/contracts']);
  const out = {};
  for (const side of sides) out[side.name] = { writes: {}, dashAlone: [], dashBeside: [] };
  for (const rate of opt.rates) {
    for (const side of sides) out[side.name].writes[rate] = [];
    for (let round = 1; round <= opt.openRounds; round++) {
      for (const side of sides) {
        const r = await sampled(side, writes(side, rate));
        out[side.name].writes[rate].push(r);
        log(`open loop ${side.name} ${rate}/s round ${round}: p50 ${(r.p50 / 1000).toFixed(2)} ms, p99 ` +
          `${(r.p99 / 1000).toFixed(2)} ms, p99.9 ${(r.p999 / 1000).toFixed(2)} ms, max ` +
          `${(r.max / 1000).toFixed(1)} ms, errors ${r.errors + r.unanswered}, WAL max ` +
          `${(r.walMax / 1048576).toFixed(1)} MB, load ${loadavg()[0].toFixed(2)}`);
      }
    }
  }
  for (let round = 1; round <= opt.openRounds; round++) {
    for (const side of sides) {
      const o = out[side.name];
      o.dashAlone.push(await reads(side));
      const [d] = await Promise.all([reads(side), writes(side, 2000)]);
      o.dashBeside.push(d);
      log(`open loop ${side.name} dashboard 200/s round ${round}: p99 alone ` +
        `${(o.dashAlone.at(-1).p99 / 1000).toFixed(2)} ms, beside 2,000 writes/s ${(d.p99 / 1000).toFixed(2)} ms`);
    }
  }
  return out;
}

// Rounds of every target in turn.  Returns per target the rounds' results.
function measure(targets, label) {
  const res = new Map(targets.map((t) => [t.name, []]));
  for (const t of targets) wrk(t.stack, t, 1);	// warm-up, not counted
  for (let round = 1; round <= opt.rounds; round++) {
    for (const t of targets) {
      const before = rss(t.stack.pids);
      const server = serverPids(t.stack);
      const nginx0 = cpuUs(server.nginx), fcgi0 = cpuUs(server.fcgi);
      const pg0 = cpuUs(server.postgres), bg0 = cpuUs(server.pgBackground);
      const r = wrk(t.stack, t, opt.duration);
      r.nginxUs = cpuUs(server.nginx) - nginx0;
      r.fcgiUs = cpuUs(server.fcgi) - fcgi0;
      r.pgUs = cpuUs(server.postgres) - pg0;
      r.pgBgUs = cpuUs(server.pgBackground) - bg0;
      r.cpuUs = r.nginxUs + r.fcgiUs + r.pgUs;
      r.rssBefore = before;
      r.rssAfter = rss(t.stack.pids);
      res.get(t.name).push(r);
      log(`${label} round ${round}/${opt.rounds} ${t.name.padEnd(10)} ` +
        `${(r.requests / (r.duration_us / 1e6)).toFixed(0).padStart(7)} req/s  ` +
        `p50 ${(r.p50 / 1000).toFixed(2)} ms  p99 ${(r.p99 / 1000).toFixed(2)} ms  errors ${r.errors}  ` +
        `server CPU ${(r.cpuUs / Math.max(r.requests, 1)).toFixed(0)} us/req ` +
        `(nginx ${(r.nginxUs / Math.max(r.requests, 1)).toFixed(0)}, ` +
        `FastCGI ${(r.fcgiUs / Math.max(r.requests, 1)).toFixed(0)}` +
        `${t.stack.pg ? `, postgres ${(r.pgUs / Math.max(r.requests, 1)).toFixed(0)}` : ''})`);
    }
  }
  return res;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// Whole-run figures of one target: req/s over all rounds, the median of
// the rounds' p50 and the worst round's p99.
function summarize(rounds) {
  const reqs = rounds.reduce((a, r) => a + r.requests, 0);
  const secs = rounds.reduce((a, r) => a + r.duration_us, 0) / 1e6;
  return {
    rps: reqs / secs, requests: reqs,
    p50: median(rounds.map((r) => r.p50)) / 1000,
    p99: Math.max(...rounds.map((r) => r.p99)) / 1000,
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    cpu: rounds.reduce((a, r) => a + r.cpuUs, 0) / Math.max(reqs, 1),
    nginxCpu: rounds.reduce((a, r) => a + r.nginxUs, 0) / Math.max(reqs, 1),
    fcgiCpu: rounds.reduce((a, r) => a + r.fcgiUs, 0) / Math.max(reqs, 1),
    pgCpu: rounds.reduce((a, r) => a + (r.pgUs || 0), 0) / Math.max(reqs, 1),
    pgBgCpu: rounds.reduce((a, r) => a + (r.pgBgUs || 0), 0) / Math.max(reqs, 1),
    rssStart: rounds[0].rssBefore, rssEnd: rounds[rounds.length - 1].rssAfter,
    bytes: rounds.reduce((a, r) => a + r.bytes, 0) / Math.max(reqs, 1),
  };
}

// The dashboard against static and floor in each round, whose three runs
// were next to each other: the spread of the whole-run ratios.
function byRound(res) {
  const rps = (name, i) => {
    const r = res.get(name)[i];
    return r.requests / (r.duration_us / 1e6);
  };
  const spread = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0], median: median(s), max: s[s.length - 1] };
  };
  const rounds = res.get('dashboard').map((_, i) => i);
  return {
    static: spread(rounds.map((i) => rps('dashboard', i) / rps('static', i))),
    floor: spread(rounds.map((i) => rps('dashboard', i) / rps('floor', i))),
    p99: spread(res.get('dashboard').map((r) => r.p99 / 1000)),
  };
}

// ---- the run ----

// The targets measured on PostgreSQL as well.
const PG_TARGETS = ['dashboard', 'contract', 'write'];

// A page without its CSRF tokens: what two sessions' pages share.
const stripCsrf = (b) => b.toString('utf8').replace(/name="csrf" value="[^"]*"/g, '');

async function main() {
  for (const f of [join(TOP, FCGI), CTL, FLOOR])
    if (!existsSync(f)) die(`${f} is missing: run make bench`);
  const dir = mkdtempSync(join(tmpdir(), 'contracts-bench-'));
  chmodSync(dir, 0o755);	// nginx's workers (nobody) reach the sockets through it
  const stacks = [];
  let pg = null;
  cleanup = async () => {
    cleanup = async () => {};
    for (const s of stacks.reverse()) await stopStack(s);
    if (pg) pg.stop();
    if (!opt.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  };
  process.on('SIGINT', () => { cleanup().then(() => process.exit(130)); });
  process.on('SIGTERM', () => { cleanup().then(() => process.exit(143)); });

  nginxTemplate(join(dir, 'nginx-bench.conf'));
  const t0 = Date.now();
  const smallDb = join(dir, 'small.db');
  generate(smallDb, SMALL);
  if (opt.baseline) copyFileSync(smallDb, join(dir, 'base.db'));
  log(`small database: ${JSON.stringify(SMALL)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (opt.pg) {
    const t1 = Date.now();
    pg = await benchPg(smallDb);
    log(`PostgreSQL: the small database copied in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  }

  const small = await startStack('small', dir, smallDb);
  stacks.push(small);
  small.pids = workersOf(small.db);
  const bench = await signIn(small, 'bench@example.com');
  const writer = await signIn(small, 'writer@example.com');
  const rows = (bench.dashboard.toString('utf8').match(/<li class="contract">/g) || []).length;
  const www = join(small.run, 'www/bench');
  mkdirSync(www, { recursive: true });
  writeFileSync(join(www, 'static.html'), bench.dashboard);
  chmodSync(join(small.run, 'www'), 0o755);
  chmodSync(www, 0o755);
  await startFloor(small, join(www, 'static.html'));
  log(`stack on ${small.base}, ${small.pids.length} workers, dashboard ${bench.dashboard.length} bytes, ${rows} rows`);

  // The same data on PostgreSQL, as many workers, signed in the same way.
  let pgs = null, pgBench = null, pgWriter = null, pgSame = null;
  if (pg) {
    pgs = await startStack('pg', dir, pg.uri, { WORKERS: String(small.pids.length) });
    pgs.pg = pg;
    stacks.push(pgs);
    pgs.pids = workersOf(pg.uri);
    pgBench = await signIn(pgs, 'bench@example.com');
    pgWriter = await signIn(pgs, 'writer@example.com');
    pgSame = stripCsrf(pgBench.dashboard) === stripCsrf(bench.dashboard);
    log(`PostgreSQL stack on ${pgs.base}, ${pgs.pids.length} workers: dashboard ` +
      `${pgSame ? 'the same page as' : 'DIFFERS from'} SQLite's`);
  }

  // The writer's contracts 51-150, every day of the current week.
  const days = [];
  for (let d = 0; d < 7; d++) days.push(new Date((WEEK_S + d * 86400) * 1000).toISOString().slice(0, 10));
  const ids = [];
  for (let i = 51; i <= 150; i++) ids.push(i);

  const all = [
    { name: 'static', path: '/bench/static.html', cookie: bench.cookie, want: 200 },
    { name: 'floor', path: '/bench/floor', cookie: bench.cookie, want: 200 },
    { name: 'dashboard', path: '/contracts', cookie: bench.cookie, want: 200 },
    { name: 'contract', path: '/contracts/1', cookie: bench.cookie, want: 200 },
    { name: 'end', path: '/contracts/1/end', cookie: bench.cookie, want: 200 },
    { name: 'diary', path: '/contracts/1/diary', cookie: bench.cookie, want: 200 },
    {
      name: 'write', path: '/contracts/51/diary', cookie: writer.cookie, want: 303,
      post: `date=${days[6]}&minutes=1&memo=bench&csrf=${writer.csrf}`,
      env: { BENCH_MODE: 'post', BENCH_IDS: ids.join(','), BENCH_DAYS: days.join(','), BENCH_CSRF: writer.csrf },
    },
  ];
  // On PostgreSQL, each right after SQLite's: the two runs of a round are
  // seconds apart.
  if (pgs) {
    for (const name of PG_TARGETS) {
      const t = all.find((x) => x.name === name);
      const who = t.post ? pgWriter : pgBench;
      const twin = { ...t, name: `pg-${name}`, stack: pgs, cookie: who.cookie };
      if (t.post) {
        twin.post = `date=${days[6]}&minutes=1&memo=bench&csrf=${who.csrf}`;
        twin.env = { ...t.env, BENCH_CSRF: who.csrf };
        // Each traced write to another contract and day, as wrk's are.
        twin.vary = (i) => ({ path: `/contracts/${ids[i % ids.length]}/diary`,
          post: `date=${days[i % days.length]}&minutes=1&memo=bench&csrf=${who.csrf}` });
      }
      all.splice(all.indexOf(t) + 1, 0, twin);
    }
  }
  const targets = [];
  const skipped = [];
  for (const t of all) {
    t.stack ??= small;
    const status = await probe(t.stack, t);
    if (status === t.want) targets.push(t);
    else {
      skipped.push({ name: t.name, status });
      log(`${t.name}: not available (status ${status}), skipped`);
    }
  }
  for (const need of ['static', 'floor', 'dashboard'])
    if (!targets.some((t) => t.name === need)) die(`${need} is not available: nothing to compare`);
  const trace = pgs && !opt.openOnly ? await tracePg(pg, targets.filter((t) => t.stack === pgs)) : null;

  const res = measure(opt.openOnly ? [] : targets, 'small');
  const sum = Object.fromEntries([...res].map(([k, v]) => [k, summarize(v)]));
  if (!opt.openOnly) sum.dashboard.byRound = byRound(res);
  // Each PostgreSQL run against the SQLite run just before it: the ratio
  // of CPU per request round by round, which the host's noise moves less
  // than the whole run's.
  for (const name of PG_TARGETS) {
    const a = res.get(name), b = res.get(`pg-${name}`);
    if (!a || !b) continue;
    const per = (r) => r.cpuUs / Math.max(r.requests, 1);
    const xs = b.map((r, i) => per(r) / per(a[i])).sort((x, y) => x - y);
    sum[`pg-${name}`].cpuRatio = { min: xs[0], median: median(xs), max: xs[xs.length - 1] };
  }
  // Signed in still, every page as before?
  for (const t of targets) {
    if (t.post || opt.openOnly) continue;
    const status = await probe(t.stack, t);
    if (status !== t.want) {
      sum[t.name].errors++;
      log(`${t.name}: status ${status} after the run`);
    }
  }

  // Reads and writes at once (the write's 303 is what counts).
  let mixed = null;
  const write = targets.find((t) => t.name === 'write');
  if (write && !opt.openOnly) {
    const read = targets.find((t) => t.name === 'dashboard');
    const mr = await measureMixed(small, read, write, sum.dashboard.rps);
    mixed = { reads: summarize(mr.reads), writes: summarize(mr.writes) };
  }

  let open = null;
  if (opt.open && write) {
    const sides = [{ name: 'this build', stack: small, writer, reader: await signIn(small, 'bench@example.com') }];
    if (opt.baseline) {
      // The baseline's workers on a copy of the same database, without
      // the checkpointer (a build from before it checkpoints for itself).
      const bs = await startStack('base', dir, join(dir, 'base.db'), { FCGI: opt.baseline, CHECKPOINT_EVERY: '0' });
      stacks.push(bs);
      sides.unshift({ name: 'baseline', stack: bs, writer: await signIn(bs, 'writer@example.com'),
        reader: await signIn(bs, 'bench@example.com') });
      log(`baseline stack on ${bs.base}: ${opt.baseline}`);
    }
    open = await measureOpen(sides, ids, days);
  }

  let large = null;
  if (opt.large && !opt.openOnly) {
    const largePath = join(dir, 'large.db');
    largeDb(largePath);
    const ls = await startStack('large', dir, largePath);
    stacks.push(ls);
    ls.pids = workersOf(ls.db);
    const lb = await signIn(ls, 'bench@example.com');
    const same = stripCsrf(lb.dashboard) === stripCsrf(bench.dashboard);
    log(`large stack on ${ls.base}: dashboard ${same ? 'the same page as' : 'DIFFERS from'} the small one's`);
    const lt = [
      { name: 'dash-small', path: '/contracts', cookie: bench.cookie, stack: small },
      { name: 'dash-large', path: '/contracts', cookie: lb.cookie, stack: ls },
    ];
    const lr = measure(lt, 'large');
    large = {
      small: summarize(lr.get('dash-small')), large: summarize(lr.get('dash-large')), same,
    };
  }

  const report = opt.openOnly ? renderOpen(open).join('\n') :
    render(sum, skipped, large, bench.dashboard.length, rows, small.pids.length, mixed, open,
      pgs && { trace, same: pgSame });
  console.log(report);
  mkdirSync(join(REL, 'bench'), { recursive: true });
  writeFileSync(join(REL, 'bench/last.md'), report + '\n');
  writeFileSync(join(REL, 'bench/last.json'), JSON.stringify({ opt, sum, skipped, large, mixed, open,
    pg: pgs && { settings: PG_SETTINGS, trace, same: pgSame } }, null, 1));
  await cleanup();
  // A missed target is reported, not fatal: the numbers are the product.
}

function render(sum, skipped, large, pageBytes, rows, workers, mixed, open, pgr) {
  const f = (x, d = 2) => x.toFixed(d);
  const st = sum.static.rps;
  const fl = sum.floor.rps;
  const lines = [];
  lines.push(`wrk -t${opt.threads} -c${opt.connections}, ${opt.rounds} rounds x ${opt.duration} s per target, ` +
    `targets alternated; ${workers} app workers; dashboard page ${pageBytes} bytes, ${rows} rows; now pinned to ${NOW}`);
  lines.push('');
  lines.push('| target | req/s | p50 ms | p99 ms | errors | × static | × floor | server CPU µs/req | nginx + FastCGI (+ postgres) µs | worker RSS kB start → end |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [name, s] of Object.entries(sum)) {
    lines.push(`| ${name} | ${f(s.rps, 0)} | ${f(s.p50)} | ${f(s.p99)} | ${s.errors} | ` +
      `${f(s.rps / st)} | ${f(s.rps / fl)} | ${f(s.cpu, 0)} | ${f(s.nginxCpu, 0)} + ${f(s.fcgiCpu, 0)}` +
      `${name.startsWith('pg-') ? ` + ${f(s.pgCpu, 0)}` : ''} | ` +
      `${s.rssStart.join(', ')} → ${s.rssEnd.join(', ')} |`);
  }
  for (const s of skipped) lines.push(`| ${s.name} | not available (status ${s.status}) | | | | | | | | |`);
  lines.push('');
  const br = sum.dashboard.byRound;
  lines.push(`Dashboard round by round (min, median, max): × static ${f(br.static.min)}, ${f(br.static.median)}, ` +
    `${f(br.static.max)}; × floor ${f(br.floor.min)}, ${f(br.floor.median)}, ${f(br.floor.max)}; ` +
    `p99 ${f(br.p99.min)}, ${f(br.p99.median)}, ${f(br.p99.max)} ms (the table gives the worst round's).`);
  lines.push('');
  lines.push(`Server CPU per request (nginx + FastCGI workers, wrk excluded), less noisy than req/s on a shared machine: ` +
    `dashboard ${f(sum.static.cpu / sum.dashboard.cpu)}× static's efficiency, ${f(sum.floor.cpu / sum.dashboard.cpu)}× floor's.`);
  if (mixed) {
    lines.push('');
    lines.push('Reads and writes at once (the dashboard on all connections but four; paced diary writes on four), ' +
      'next to each alone:');
    lines.push('');
    lines.push('| | req/s | p50 ms | p99 ms | errors | alone: req/s | alone: p99 ms |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    lines.push(`| dashboard reads | ${f(mixed.reads.rps, 0)} | ${f(mixed.reads.p50)} | ${f(mixed.reads.p99)} | ` +
      `${mixed.reads.errors} | ${f(sum.dashboard.rps, 0)} | ${f(sum.dashboard.p99)} |`);
    lines.push(`| diary writes | ${f(mixed.writes.rps, 0)} | ${f(mixed.writes.p50)} | ${f(mixed.writes.p99)} | ` +
      `${mixed.writes.errors} | ${f(sum.write.rps, 0)} | ${f(sum.write.p99)} |`);
    lines.push('');
    lines.push(`Writes were ${f(100 * mixed.writes.rps / (mixed.writes.rps + mixed.reads.rps), 1)} % of the requests.`);
  }
  if (pgr) lines.push(...renderPg(sum, pgr));
  if (open) lines.push(...renderOpen(open));
  if (large) {
    lines.push('');
    lines.push(`Large database (${LARGE.contracts} contracts, ${LARGE.users} users, ${LARGE.diary} diary entries, ` +
      `${LARGE.notifs} notifications), the same user's dashboard${large.same ? ' (same page)' : ' (PAGE DIFFERS)'}, alternated with the small one:`);
    lines.push('');
    lines.push('| database | req/s | p50 ms | p99 ms | errors | server CPU µs/req |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const k of ['small', 'large'])
      lines.push(`| ${k} | ${f(large[k].rps, 0)} | ${f(large[k].p50)} | ${f(large[k].p99)} | ${large[k].errors} | ${f(large[k].cpu, 0)} |`);
    lines.push('');
    lines.push(`large/small: p50 ${f(large.large.p50 / large.small.p50)}×, req/s ${f(large.large.rps / large.small.rps)}×`);
  }
  // The issue's targets.
  const d = sum.dashboard;
  const checks = [
    ['dashboard ≥ 0.15× static', d.rps / st >= 0.15, `${f(d.rps / st)}×`],
    ['dashboard ≥ 0.5× floor', d.rps / fl >= 0.5, `${f(d.rps / fl)}×`],
    ['dashboard p99 < 5 ms', d.p99 < 5, `${f(d.p99)} ms`],
    // The app's targets; static is nginx alone, its count shown as well.
    ['no errors from the app', Object.entries(sum).every(([k, s]) => k === 'static' || s.errors === 0),
      Object.entries(sum).map(([k, s]) => `${k} ${s.errors}`).join(', ')],
  ];
  if (sum.write) checks.push(['writes ≥ 1,000 POSTs/s (synchronous=FULL)', sum.write.rps >= 1000, `${f(sum.write.rps, 0)}/s`]);
  if (pgr && sum['pg-dashboard']) {
    const ratio = sum['pg-dashboard'].cpu / d.cpu;
    checks.push(['PostgreSQL dashboard CPU/req ≤ 1.6× SQLite\'s', ratio <= 1.6, `${f(ratio)}×`]);
    checks.push(['PostgreSQL dashboard the same page', pgr.same, pgr.same ? 'same' : 'DIFFERS']);
  }
  if (large) checks.push(['large p50 ≤ 1.5× small', large.large.p50 <= 1.5 * large.small.p50,
    `${f(large.large.p50 / large.small.p50)}×`]);
  // Flat: no worker grows by more than 1 MB over the whole run (of the
  // SQLite stack's targets: they have its workers).
  const names = Object.keys(sum).filter((k) => !k.startsWith('pg-'));
  const first = sum[names[0]].rssStart;
  const last = sum[names[names.length - 1]].rssEnd;
  const grew = Math.max(...last.map((v, i) => v - (first[i] || 0)));
  checks.push(['worker RSS flat (< 1 MB growth)', grew < 1024, `${first.join(', ')} → ${last.join(', ')} kB`]);
  lines.push('');
  lines.push('| target | | measured |');
  lines.push('|---|---|---|');
  for (const [what, ok, val] of checks) lines.push(`| ${what} | ${ok ? 'pass' : 'FAIL'} | ${val} |`);
  return lines.join('\n');
}

// PostgreSQL beside SQLite, page by page: the two engines' figures from
// the same rounds, the server CPU split, the ratio of CPU per request;
// then what the trace counted.
function renderPg(sum, pgr) {
  const f = (x, d = 2) => x.toFixed(d);
  const lines = [''];
  lines.push('PostgreSQL beside SQLite: the same data (contractsctl copy-to), as many workers, each PostgreSQL run ' +
    'right after SQLite\'s in every round; server CPU per request split into nginx, the FastCGI workers and ' +
    'PostgreSQL\'s backends serving them:');
  lines.push('');
  lines.push('| page | engine | req/s | p50 ms | p99 ms | errors | server CPU µs/req | nginx | FastCGI | postgres | CPU PG ÷ SQLite | by round: min, median, max |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  let bg = 0, bgReq = 0;
  for (const name of PG_TARGETS) {
    const a = sum[name], b = sum[`pg-${name}`];
    if (!a || !b) continue;
    lines.push(`| ${name} | SQLite | ${f(a.rps, 0)} | ${f(a.p50)} | ${f(a.p99)} | ${a.errors} | ${f(a.cpu, 0)} | ` +
      `${f(a.nginxCpu, 0)} | ${f(a.fcgiCpu, 0)} | | | |`);
    const br = b.cpuRatio;
    lines.push(`| | PostgreSQL | ${f(b.rps, 0)} | ${f(b.p50)} | ${f(b.p99)} | ${b.errors} | ${f(b.cpu, 0)} | ` +
      `${f(b.nginxCpu, 0)} | ${f(b.fcgiCpu, 0)} | ${f(b.pgCpu, 0)} | ${f(b.cpu / a.cpu)}× | ` +
      `${br ? `${f(br.min)}, ${f(br.median)}, ${f(br.max)}` : ''} |`);
    bg += b.pgBgCpu * b.requests;
    bgReq += b.requests;
  }
  lines.push('');
  lines.push(`PostgreSQL's background processes (checkpointer, WAL writer, autovacuum; not counted above, as SQLite's ` +
    `checkpointer is not): ${f(bg / Math.max(bgReq, 1), 1)} µs per PostgreSQL request.  Settings: ` +
    `${Object.entries(PG_SETTINGS).map(([k, v]) => `${k}=${String(v).replace(/'/g, '')}`).join(', ')}.`);
  if (pgr.trace) {
    lines.push('');
    lines.push('Round trips of a request on PostgreSQL (every statement logged, outside the rounds):');
    lines.push('');
    lines.push('| page | requests | round trips each | PostgreSQL ms each | one at a time ms each | statements (per request) |');
    lines.push('|---|---:|---:|---:|---:|---|');
    for (const [name, t] of Object.entries(pgr.trace)) {
      const kinds = t.statements.map((x) => `${x.what.replace(/\|/g, '\\|')} ×${f(x.perRequest, 1)} ` +
        `${f(x.ms, 3)} ms`).join('; ');
      lines.push(`| ${name.replace(/^pg-/, '')} | ${t.requests} | ${f(t.roundTrips, 1)} | ${f(t.serverMs, 3)} | ` +
        `${f(t.msPerRequest)} | ${kinds} |`);
    }
  }
  return lines;
}

// The open loop's table: per side (this build, and the baseline when
// given) and rate, the worst round's figures.
function renderOpen(open) {
  const f = (x, d = 2) => x.toFixed(d);
  const worst = (rs, k) => Math.max(...rs.map((r) => r[k]));
  const names = Object.keys(open);
  const lines = [''];
  lines.push(`Open loop: diary POSTs offered at a fixed rate whatever the answers, timed from the moment each was due ` +
    `(${opt.openRounds} rounds × ${opt.openSeconds} s each${names.length > 1 ? ', the builds alternated round by round' : ''}; ` +
    `the worst round's figures; load average ${loadavg().map((x) => x.toFixed(2)).join(', ')} at the end):`);
  lines.push('');
  lines.push(`| ${names.length > 1 ? 'build | ' : ''}offered | p50 ms | p99 ms | p99.9 ms | max ms | errors | WAL max MB |`);
  lines.push(`|${names.length > 1 ? '---|' : ''}---:|---:|---:|---:|---:|---:|---:|`);
  for (const rate of opt.rates)
    for (const name of names) {
      const rs = open[name].writes[rate];
      lines.push(`| ${names.length > 1 ? `${name} | ` : ''}${rate.toLocaleString('en')}/s | ${f(worst(rs, 'p50') / 1000)} | ` +
        `${f(worst(rs, 'p99') / 1000)} | ${f(worst(rs, 'p999') / 1000)} | ${f(worst(rs, 'max') / 1000, 1)} | ` +
        `${rs.reduce((a, r) => a + r.errors + r.unanswered, 0)} | ${f(worst(rs, 'walMax') / 1048576, 1)} |`);
    }
  lines.push('');
  for (const name of names) {
    const da = worst(open[name].dashAlone, 'p99') / 1000;
    const db = worst(open[name].dashBeside, 'p99') / 1000;
    lines.push(`Dashboard at 200/s${names.length > 1 ? ` (${name})` : ''}: p99 ${f(da)} ms alone, ${f(db)} ms beside ` +
      `2,000 writes/s (${f(db / da)}×).`);
  }
  return lines;
}

let cleanup = async () => {};

main().catch(async (e) => {
  console.error(e instanceof Fatal ? `bench: ${e.message}` : e);
  await cleanup();
  process.exit(e instanceof Fatal ? 2 : 1);
});
