// Stop means stop: one SIGTERM or SIGINT to the whole process group (what
// Ctrl-C in a terminal and systemd's stop do) ends everything `make run`
// started: make, serve.sh, multiwatch, the workers (also any that
// multiwatch starts after the signal), nginx, the scheduled step and the
// checkpointer.
// 20 tries, each under light load; before each stop the same scan must
// find the stack's processes (the check can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync, readdirSync, readFileSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOP, freePort, sleep } from './lib.mjs';

// Processes in group pgid, and any process whose command line names dir
// (one that left the group would still be ours).
function leftovers(pgid, dir) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = fields[0];
      const pgrp = Number(fields[2]);
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (state === 'Z') continue;	// dead, waiting for its parent to reap it
      if (pgrp === pgid || cmd.includes(dir)) out.push(`${d} ${cmd}`);
    } catch { /* gone meanwhile */ }
  }
  return out;
}

test('one signal to make run\'s process group stops everything, 20 times out of 20', { timeout: 240_000 }, async (tc) => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-stop-'));
  chmodSync(dir, 0o755);
  const db = join(dir, 'stop.db');
  execFileSync(join(TOP, 'cgi-bin/contractsctl'), ['--db', db, 'user', 'add', '--email', 'a@example.com',
    '--name', 'A', '--password', 'password-1'], { stdio: 'ignore' });
  const log = openSync(join(dir, 'serve.log'), 'a');
  const tries = 20;
  const failures = [];
  for (let t = 0; t < tries; t++) {
    const port = await freePort();
    const sig = t % 2 === 0 ? 'SIGTERM' : 'SIGINT';
    const make = spawn('make', ['-s', 'run'], {
      cwd: TOP, detached: true, stdio: ['ignore', log, log],
      env: { ...process.env, DB: db, PORT: String(port), RUNDIR: join(dir, 'run'), SEED: '0', WORKERS: '2', TICK_EVERY: '1' },
    });
    let exited = false;
    const done = new Promise((r) => make.once('exit', () => { exited = true; r(); }));
    let up = false;
    for (let i = 0; i < 200 && !up && !exited; i++) {
      try { up = (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200; } catch { await sleep(50); }
    }
    if (!up) {	// another process took the port: try again
      try { process.kill(-make.pid, 'SIGKILL'); } catch { /* gone */ }
      await done;
      t--;
      continue;
    }
    let before = leftovers(make.pid, dir);
    for (let i = 0; i < 40 && !before.some((l) => / checkpoint --every /.test(l)); i++) {
      await sleep(50);
      before = leftovers(make.pid, dir);
    }
    assert.ok(before.length >= 7, `the scan sees the running stack (make, sh, multiwatch, 2 workers, nginx, ` +
      `the checkpointer):\n${before.join('\n')}`);
    assert.ok(before.some((l) => / checkpoint --every /.test(l)), `the checkpointer runs:\n${before.join('\n')}`);
    // Light load while the signal lands: requests keep arriving.
    let loading = true;
    const load = (async () => {
      while (loading) {
        await Promise.all([1, 2, 3].map(() => fetch(`http://127.0.0.1:${port}/login`).catch(() => {})));
      }
    })();
    await sleep(100 + 37 * t % 200);
    process.kill(-make.pid, sig);
    const t0 = Date.now();
    await Promise.race([done, sleep(8000)]);
    loading = false;
    await load;
    await sleep(100);
    const left = leftovers(make.pid, dir);
    if (!exited || left.length > 0) {
      failures.push(`try ${t + 1} (${sig}): make ${exited ? 'exited' : 'still runs'} after ${Date.now() - t0} ms; left:\n${left.join('\n')}`);
      try { process.kill(-make.pid, 'SIGKILL'); } catch { /* gone */ }
      for (const l of left) try { process.kill(Number(l.split(' ')[0]), 'SIGKILL'); } catch { /* gone */ }
      await done;
    }
  }
  const serveLog = readFileSync(join(dir, 'serve.log'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const late = serveLog.split('still runs 2 s after the signal').length - 1;
  tc.diagnostic(`${tries} stops; multiwatch had to be killed after 2 s in ${late}`);
  assert.deepEqual(failures, [], `stops that left something:\n${failures.join('\n')}\n--- log tail:\n${serveLog.slice(-3000)}`);
});
