// PostgreSQL only (make e2e-pg): the connection lost while a write
// commits.  The worker cannot know whether the COMMIT happened, so the
// answer is 503 with Retry-After, never the 303 that acknowledges a
// write; the next request connects again and works (issue 17).
//
// No fault is simulated: a deferred constraint trigger makes the COMMIT
// of a diary entry sleep, and while it sleeps the test ends that
// connection's server process with pg_terminate_backend(), as a failing
// database host would.  The COMMIT never completes, so the entry must be
// absent; the rightful retry stores it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, cast, signedIn, onlyPostgres, sleep } from './lib.mjs';


test('a connection lost during COMMIT answers 503, not 303; the next request works', { skip: onlyPostgres }, async () => {
  let ids;
  const s = await startStack({ now: '2026-11-25T10:00:00Z', setup(st) { ids = cast(st); } });
  try {
    // Sleep at COMMIT, only for the entry whose memo asks for it.
    s.sql(`CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.memo = 'slow' THEN PERFORM pg_sleep(3); END IF; RETURN NULL; END $$;
      CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON diary_entries
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();`);
    const f = await signedIn(s, 'freelancer@example.com');
    const path = `/contracts/${ids.hourly}/diary`;
    const pending = f.post(path, { date: '2026-11-24', minutes: '30', memo: 'slow' });
    let killed = [];
    for (let i = 0; i < 100 && killed.length === 0; i++) {
      await sleep(50);
      killed = s.sql(`SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query = 'COMMIT'`);
    }
    assert.equal(killed.length, 1, 'one worker was committing');
    const r = await pending;
    assert.equal(r.status, 503, r.text.slice(0, 400));
    assert.equal(r.headers.get('retry-after'), '2');
    assert.match(r.text, /cannot tell whether this was saved/);
    assert.equal(r.location, null);
    assert.equal(s.sql("SELECT count(*) AS n FROM diary_entries WHERE memo = 'slow'")[0].n, 0);
    assert.match(s.log(), /db: a COMMIT's outcome is unknown/);
    // Positive control: the same request, again, through either worker
    // (one of them connects again first), is stored and acknowledged.
    const again = await f.post(path, { date: '2026-11-24', minutes: '30', memo: 'after' });
    assert.equal(again.status, 303);
    const page = await f.get(path);
    assert.equal(page.status, 200);
    assert.equal(s.sql("SELECT count(*) AS n FROM diary_entries WHERE memo = 'after'")[0].n, 1);
  } finally {
    await s.stop();
  }
});

test('connections the server closed while the workers were idle are made again: 200, not 503', { skip: onlyPostgres }, async () => {
  const s = await startStack({ now: '2026-11-25T10:00:00Z', setup(st) { cast(st); } });
  try {
    const c = await signedIn(s, 'client@example.com');
    assert.equal((await c.get('/contracts')).status, 200);
    // As a restarted server or a failover would: every worker's
    // connection ends while no request runs.
    const ended = s.sql(`SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`);
    assert.equal(ended.length, 2, 'both workers were connected');
    // Gone, not only told to go: then no request can race them.
    for (let i = 0; i < 100 && s.sql(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()
      AND pid <> pg_backend_pid() AND backend_type = 'client backend'`)[0].n > 0; i++) await sleep(20);
    for (let i = 0; i < 6; i++) {
      const r = await c.get('/contracts');
      assert.equal(r.status, 200, `request ${i}: ${r.text.slice(0, 300)}`);
    }
    assert.match(s.log(), /db: the connection to PostgreSQL was closed while idle/);
    assert.match(s.log(), /db: connected again to PostgreSQL/);
    assert.doesNotMatch(s.log(), /aborted with 503/);
  } finally {
    await s.stop();
  }
});
