// Least privilege: started as root, serve.sh runs the FastCGI workers (and
// multiwatch, and the scheduled step) as the unprivileged user that owns
// the data, never as root; only nginx's master stays root (to bind and to
// read its configuration), its workers being nobody.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { Client, startStack, engine } from './lib.mjs';

// The real uid (the effective, saved and file-system ones follow it).
const uidOf = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)[1]);

// The processes whose command line names any of marks (the stack's
// directory: nginx; its database: multiwatch and the workers).
function processes(...marks) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (marks.some((m) => cmd.includes(m))) out.push({ pid: Number(d), cmd, uid: uidOf(d) });
    } catch { /* gone */ }
  }
  return out;
}

test('as root, the workers run as the app\'s user, who owns the database', { skip: process.getuid() !== 0 && 'needs root' }, async () => {
  const appUid = Number(execFileSync('id', ['-u', 'contracts'], { encoding: 'utf8' }));
  assert.notEqual(appUid, 0);
  const s = await startStack({ env: { TICK_EVERY: '0' } });
  try {
    const procs = processes(s.dir, s.db);
    const workers = s.workers();
    assert.equal(workers.length, 2);
    for (const w of workers) assert.equal(uidOf(w), appUid, `worker ${w} runs as contracts`);
    const mw = procs.find((p) => p.cmd.startsWith('/usr/bin/multiwatch'));
    assert.ok(mw, 'multiwatch found');
    assert.equal(mw.uid, appUid, 'multiwatch runs as contracts');
    // The positive control: the same reading sees nginx's master as root.
    const master = procs.find((p) => p.cmd.startsWith('nginx: master'));
    assert.ok(master, 'nginx master found');
    assert.equal(master.uid, 0);
    if (engine === 'sqlite') {	// a file (PostgreSQL's server owns its own)
      assert.equal(statSync(s.db).uid, appUid, 'the database belongs to contracts');
      assert.equal(statSync(s.dir).uid, appUid, 'so does its directory (WAL, shm)');
    }
    // And it can write there: a sign-in stores a session.
    s.ctl('user', 'add', '--email', 'w@example.com', '--name', 'W', '--password', 'password-1');
    await new Client(s).login('w@example.com');
    assert.equal(s.sql('SELECT count(*) AS n FROM sessions')[0].n, 1);
  } finally {
    await s.stop();
  }
});

test('a worker started as root refuses to run', { skip: process.getuid() !== 0 && 'needs root' }, () => {
  let err;
  try {
    execFileSync(new URL('../../cgi-bin/contracts.fcgi', import.meta.url).pathname, ['-d', '/nonexistent/x.db'],
      { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) { err = e; }
  assert.ok(err, 'it exits with an error');
  assert.equal(err.status, 1);
  assert.match(err.stderr, /refusing to run as root/);
});
