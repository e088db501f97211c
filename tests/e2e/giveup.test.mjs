// When workers die again and again right after starting, multiwatch gives
// up on them; serve.sh must then stop everything and say why, instead of
// leaving nginx to answer 502 for ever.  Ctrl-C / SIGTERM leaves nothing
// listening.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, sleep } from './lib.mjs';



async function listening(port) {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`);
    return true;
  } catch {
    return false;
  }
}

test('a worker that keeps dying: multiwatch gives up, serve.sh stops and says so', async () => {
  const s = await startStack({ env: { WORKERS: '1' } });
  let code;
  s.exited.then((c) => { code = c; });
  for (let i = 0; i < 12 && code === undefined; i++) {
    for (const pid of s.workers()) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    await sleep(300);
  }
  for (let i = 0; i < 40 && code === undefined; i++) await sleep(100);
  const log = s.log();
  await s.stop();
  assert.equal(code, 1, 'serve.sh exits non-zero');
  assert.match(log, /the FastCGI workers are gone/);
  assert.equal(await listening(s.port), false, 'nginx was stopped too');
});

test('SIGTERM stops nginx and the workers; nothing is left listening', async () => {
  const s = await startStack({ env: { WORKERS: '2' } });
  assert.equal(s.workers().length, 2);
  // Timed to serve.sh's exit: stop() goes on to check the database.
  const t0 = Date.now();
  const stopped = s.exited.then(() => Date.now() - t0);
  await s.stop();
  assert.ok(await stopped < 3000, 'stops promptly');
  assert.equal(await listening(s.port), false);
  await sleep(200);
  assert.deepEqual(s.workers(), []);
});
