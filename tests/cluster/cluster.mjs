// make cluster for tests: scripts/cluster.sh on free ports in a temp
// CLUSTER_DIR (a new cluster: monitor, three nodes, three FastCGI hosts,
// nginx), and what a test needs to look at it and to break it.
//
//   const c = await startCluster();
//   c.base, c.hosts ['127.0.0.21:P', ...], c.uri (the app's URI)
//   c.state()          the monitor's view: [{ name, port, reported, assigned, health }]
//   c.primary()        the node both reported and assigned primary, or undefined
//   c.psql(sql)        rows as JSON values, on the primary (as the superuser)
//   c.psqlOn(port, sql)  the same on one node
//   c.kill(name)       SIGKILL to a component and everything under it:
//                      node1-3 (keeper, server), host1-3 (multiwatch, workers)
//   await c.stop()     SIGTERM to cluster.sh; resolves once it has exited
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOP, freePort, sleep } from '../e2e/lib.mjs';
import { wrap } from '../pg/pg.mjs';

const ROOT = process.getuid() === 0;
const SUPER = ROOT ? 'postgres' : (process.env.USER || 'postgres');

// Can a server listen on host:port?
function free(host, port) {
  return new Promise((ok) => {
    const s = createServer();
    s.once('error', () => ok(false));
    s.listen(port, host, () => s.close(() => ok(true)));
  });
}

// A port free on each of hosts.
async function portFreeOn(hosts) {
  for (;;) {
    const p = await freePort();
    if ((await Promise.all(hosts.map((h) => free(h, p)))).every(Boolean)) return p;
  }
}

// The first of n consecutive ports free on 127.0.0.1, in 20000-59999.
async function freeRun(n) {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 40000);
    let all = true;
    for (let i = 0; i < n && all; i++) all = await free('127.0.0.1', base + i);
    if (all) return base;
  }
}

// Every descendant of pid (from /proc), pid first.
export function tree(pid) {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(Number(d));
    } catch { /* gone */ }
  }
  const out = [];
  const walk = (p) => { out.push(p); for (const k of kids.get(p) || []) walk(k); };
  walk(pid);
  return out;
}

// The pids of processes whose command line names dir.
export function processesIn(dir) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(dir)) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

export async function startCluster({ now = '2026-11-25T10:00:00Z', env = {}, timeout = 240000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-cluster-'));
  chmodSync(dir, 0o755);	// PostgreSQL (postgres) and nginx (nobody) reach their files through it
  const addrs = ['127.0.0.21', '127.0.0.22', '127.0.0.23'];
  const fport = await portFreeOn(addrs);
  const pgPort = await freeRun(4);
  const port = await freePort();
  const c = {
    dir, port, pgPort,
    base: `http://127.0.0.1:${port}`,
    hosts: addrs.map((a) => `${a}:${fport}`),
    nodes: { node1: pgPort + 1, node2: pgPort + 2, node3: pgPort + 3 },
    monitorUri: `postgresql://autoctl_node@127.0.0.1:${pgPort}/pg_auto_failover?sslmode=disable`,
  };
  const nodeList = () => Object.values(c.nodes).map((p) => `127.0.0.1:${p}`).join(',');
  c.uri = `postgresql://contracts@${nodeList()}/contracts?target_session_attrs=read-write`;
  c.superUri = `postgresql://${SUPER}@${nodeList()}/contracts?target_session_attrs=read-write`;

  const run = (uri, sql) => {
    const q = wrap(sql);
    const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri],
      { input: q ?? sql, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 30000 });
    if (r.status !== 0) throw new Error(`psql: ${(r.stderr || r.error?.message || '').trim()}\n${sql}`);
    return q === null ? [] : JSON.parse(r.stdout.trim() || '[]');
  };
  c.psql = (sql) => run(c.superUri, sql);
  c.psqlOn = (port, sql) => run(`postgresql://${SUPER}@127.0.0.1:${port}/contracts`, sql);

  // pg_autoctl show state --json, as the user that runs PostgreSQL.
  c.state = () => {
    const args = ['show', 'state', '--json', '--monitor', c.monitorUri];
    const r = ROOT ? spawnSync('runuser', ['-u', 'postgres', '--', 'pg_autoctl', ...args], { encoding: 'utf8', timeout: 20000 })
      : spawnSync('pg_autoctl', args, { encoding: 'utf8', timeout: 20000 });
    if (r.status !== 0) return [];
    try {
      return JSON.parse(r.stdout).map((n) => ({
        name: n.nodename, port: n.nodeport, reported: n.current_group_state, assigned: n.assigned_group_state,
        health: n.health, lsn: n.reported_lsn,
      }));
    } catch { return []; }
  };
  c.primary = () => c.state().find((n) => n.reported === 'primary' && n.assigned === 'primary');

  const pidOf = (name) => {
    const f = join(dir, 'run', `${name}.pid`);
    return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : 0;
  };
  c.pidOf = pidOf;
  // All at once, as a machine that dies: nothing gets to clean up.
  c.kill = (name) => {
    const pids = [];
    const p = pidOf(name);
    if (!p) throw new Error(`${name} is not running`);
    pids.push(...tree(p));
    const pm = join(dir, 'pg', name, 'postmaster.pid');
    if (name.startsWith('node') && existsSync(pm)) pids.push(...tree(Number(readFileSync(pm, 'utf8').split('\n')[0])));
    // Frozen first, so that none reacts to another's death (multiwatch
    // restarting a worker, a worker's PR_SET_PDEATHSIG SIGTERM).
    for (const q of pids) { try { process.kill(q, 'SIGSTOP'); } catch { /* gone */ } }
    for (const q of pids) { try { process.kill(q, 'SIGKILL'); } catch { /* gone */ } }
    return pids;
  };
  c.log = () => { try { return readFileSync(join(dir, 'cluster.log'), 'utf8'); } catch { return ''; } };
  c.hostLog = (n) => { try { return readFileSync(join(dir, 'log', `host${n}.log`), 'utf8'); } catch { return ''; } };

  const logfd = openSync(join(dir, 'cluster.log'), 'a');
  c.proc = spawn(join(TOP, 'scripts/cluster.sh'), [], {
    env: {
      ...process.env, CONTRACTS_NOW: now ?? '', PORT: String(port), CLUSTER_DIR: dir,
      PG_PORT: String(pgPort), HOSTS: c.hosts.join(' '), WORKERS: '1',
      LOGIN_RATE: '6000r/m', LOGIN_BURST: '1000', TICK_EVERY: '5', ...env,
    },
    stdio: ['ignore', logfd, logfd],
  });
  let gone = false;
  c.exited = new Promise((r) => c.proc.once('exit', (code) => { gone = true; r(code); }));
  c.stop = async () => {
    if (!gone) c.proc.kill('SIGTERM');
    const code = await c.exited;
    // Nothing of it runs: no process names its directory, nothing
    // listens where it did (the workers' command lines do not name it).
    const left = processesIn(dir);
    const ports = [['127.0.0.1', port], ...[0, 1, 2, 3].map((i) => ['127.0.0.1', pgPort + i]),
      ...c.hosts.map((h) => [h.slice(0, h.lastIndexOf(':')), Number(h.slice(h.lastIndexOf(':') + 1))])];
    const busy = [];
    for (const [h, p] of ports) if (!(await free(h, p))) busy.push(`${h}:${p}`);
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`processes left behind: ${left.join(' ')}`);
    if (busy.length > 0) throw new Error(`still listening after the stop: ${busy.join(' ')}`);
    return code;
  };
  const t0 = Date.now();
  for (;;) {
    if (gone) throw new Error(`cluster.sh stopped while starting:\n${c.log()}`);
    try {
      const r = await fetch(`${c.base}/healthz`);
      if (r.status === 200 && existsSync(join(dir, 'run', 'nginx.pid'))) break;
    } catch { /* not yet */ }
    if (Date.now() - t0 > timeout) {
      await c.stop().catch(() => {});
      throw new Error(`the cluster did not start in ${timeout / 1000} s:\n${c.log()}`);
    }
    await sleep(500);
  }
  c.startedIn = (Date.now() - t0) / 1000;
  return c;
}
