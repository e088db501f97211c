// Reload without failing requests: SIGHUP to serve.sh under load (wrk on
// loopback, 8 connections, 6 s, one thread) replaces every worker, one at a time, by
// one started from the binary on disk now, and has nginx re-read its
// configuration; wrk sees no error and no status but 2xx.  A short wrk
// run at a missing page and one at a closed port show that the reading
// of wrk's report sees failures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOP, freePort, startStack, sleep } from './lib.mjs';

const run = promisify(execFile);

// wrk's report: requests, and every kind of failure it counts.  A new
// connection for each request: nginx's old workers close idle keep-alive
// connections as they leave, and a request sent on one at that moment is
// lost to wrk, though any HTTP client retries it (RFC 9112 9.3.1); what
// is measured here is whether the app ever fails one.
async function wrk(url, seconds, connections) {
  let stdout;
  try {
    ({ stdout } = await run('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s',
      '-H', 'Connection: close', url]));
  } catch (e) {
    stdout = `${e.stdout}${e.stderr}`;	// e.g. nothing listens
  }
  const num = (re) => Number((stdout.match(re) || [0, 0])[1]);
  const sock = stdout.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  return {
    requests: num(/(\d+) requests in/),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: sock ? sock.slice(1).map(Number).reduce((a, b) => a + b)
      : /unable to connect/.test(stdout) ? 1 : 0,
    text: stdout,
  };
}

// The pids process pid forked.
function childrenOf(pid) {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

test('the reading of wrk\'s report sees failures', { timeout: 20_000 }, async () => {
  const s = await startStack({ env: { TICK_EVERY: '0' } });
  try {
    const missing = await wrk(`${s.base}/no-such-page`, 1, 1);
    assert.ok(missing.requests > 0 && missing.non2xx === missing.requests, missing.text);
  } finally {
    await s.stop();
  }
  const closed = await wrk(`http://127.0.0.1:${await freePort()}/`, 1, 1);
  assert.ok(closed.socketErrors > 0, closed.text);
});

test('SIGHUP under load: every worker replaced from the binary now on disk, nginx reloaded, no request fails', { timeout: 60_000 }, async (tc) => {
  const bin = mkdtempSync(join(tmpdir(), 'contracts-bin-'));
  chmodSync(bin, 0o755);
  const fcgi = join(bin, 'contracts.fcgi');
  copyFileSync(join(TOP, 'cgi-bin/contracts.fcgi'), fcgi);
  const s = await startStack({ env: { TICK_EVERY: '0', FCGI: fcgi } });
  try {
    const old = s.workers();
    assert.equal(old.length, 2);
    const master = Number(readFileSync(join(s.dir, 'run/nginx.pid'), 'utf8'));
    const nginxBefore = childrenOf(master);
    // The binary on disk changes: a new file (as make install writes it).
    copyFileSync(join(TOP, 'cgi-bin/contracts.fcgi'), `${fcgi}.new`);
    renameSync(`${fcgi}.new`, fcgi);
    const newIno = statSync(fcgi).ino;
    assert.notEqual(statSync(`/proc/${old[0]}/exe`).ino, newIno, 'the old workers run the old file');

    const load = wrk(`${s.base}/help/ending-a-contract`, 6, 8);
    await sleep(1500);
    s.proc.kill('SIGHUP');
    let fewest = 2;
    for (let i = 0; i < 80 && !/reload: 2 workers replaced/.test(s.log()); i++) {
      fewest = Math.min(fewest, s.workers().length);
      await sleep(50);
    }
    const result = await load;
    assert.match(s.log(), /reload: 2 workers replaced/);
    tc.diagnostic(`wrk during the reload: ${result.requests} requests, ${result.non2xx} not 2xx, ${result.socketErrors} socket errors`);
    assert.ok(result.requests > 100, result.text);
    assert.equal(result.non2xx, 0, result.text);
    assert.equal(result.socketErrors, 0, result.text);

    const now = s.workers();
    assert.equal(now.length, 2);
    assert.deepEqual(now.filter((p) => old.includes(p)), [], 'no old worker left');
    for (const p of now) assert.equal(statSync(`/proc/${p}/exe`).ino, newIno, `worker ${p} runs the new binary`);
    // One at a time: a worker was always there to accept.
    assert.ok(fewest >= 1, 'never no worker');
    const nginxAfter = childrenOf(master);
    assert.deepEqual(nginxAfter.filter((p) => nginxBefore.includes(p)), [], 'nginx started new worker processes');
  } finally {
    await s.stop();
    rmSync(bin, { recursive: true, force: true });
  }
});
