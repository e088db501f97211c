// Email, through a real SMTP server (Debian's python3-aiosmtpd writing a
// maildir): every kind of notification also arrives by email, once, with
// its contract's title, what happened and a link to where one acts on
// it, and never a word of anyone's feedback.  While the server is down
// the mail waits in the outbox; when it is back, each message arrives
// once (its Message-ID is the notification's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, Client, freePort, sleep } from './lib.mjs';

const NOW = '2026-12-01T09:00:00Z';

// A real SMTP server on a free loopback port; stop() ends it.
async function smtpServer(port) {
  // The handler makes the maildir only where nothing is yet.
  const dir = join(mkdtempSync(join(tmpdir(), 'contracts-mail-')), 'maildir');
  port ??= await freePort();
  const proc = spawn('/usr/bin/python3', ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`,
    '-c', 'aiosmtpd.handlers.Mailbox', dir], { stdio: 'ignore' });
  const exited = new Promise((r) => proc.once('exit', r));
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((ok) => {
      import('node:net').then(({ connect }) => {
        const s = connect(port, '127.0.0.1', () => { s.end(); ok(true); });
        s.on('error', () => ok(false));
      });
    });
    if (up) break;
    await sleep(50);
  }
  return {
    port, url: `smtp://127.0.0.1:${port}`,
    // Each message: its headers (lower-case names) and its body.
    messages() {
      const d = join(dir, 'new');
      if (!existsSync(d)) return [];
      return readdirSync(d).map((f) => {
        const raw = readFileSync(join(d, f), 'utf8').replace(/\r\n/g, '\n');
        const i = raw.indexOf('\n\n');
        const headers = {};
        for (const line of raw.slice(0, i).replace(/\n[ \t]+/g, ' ').split('\n')) {
          const k = line.indexOf(':');
          headers[line.slice(0, k).toLowerCase()] = line.slice(k + 1).trim();
        }
        return { headers, body: raw.slice(i + 2) };
      });
    },
    async stop() { proc.kill('SIGTERM'); await exited; },
  };
}

const CLIENT_FB = { skills: '5', quality: '4', availability: '5', schedule: '4', communication: '5', cooperation: '5' };
const FREELANCER_FB = { clarity: '4', communication: '5', schedule: '3', cooperation: '5', availability: '4' };

function cast(st) {
  const u = (email, name) => st.ctl('user', 'add', '--email', email, '--name', name, '--password', 'password-1');
  const ids = { client: u('client@example.com', 'Clara Client'), freelancer: u('freelancer@example.com', 'Félix Freelancer') };
  const hourly = (title) => st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '40.00', '--started', '2026-11-02');
  ids.a = hourly('Billing “work”');
  st.ctl('diary', 'add', '--contract', String(ids.a), '--date', '2026-11-24', '--minutes', '600');
  ids.payment = st.ctl('payment', 'add', '--contract', String(ids.a), '--amount', '100.00', '--paid-at', '2026-11-20');
  ids.c = st.ctl('contract', 'add', '--title', 'Logo', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--fixed', '500.00', '--started', '2026-11-02');
  st.ctl('milestone', 'add', '--contract', String(ids.c), '--amount', '500.00', '--funded');
  ids.d = hourly('Both reviewed');
  ids.e = hourly('One reviewed');
  return ids;
}

// Every kind of notification, through the pages and the scheduled step.
async function everyKind(st, ids) {
  const at = (when, env = {}) => st.tick({ CONTRACTS_NOW: when, ...env });
  at('2026-11-30T12:00:00Z');					// invoice issued
  const c = new Client(st);
  await c.login('client@example.com');
  const f = new Client(st);
  await f.login('freelancer@example.com');
  const ok = (r) => assert.equal(r.status, 303, r.text.slice(0, 400));
  await c.get(`/contracts/${ids.a}/billing`);
  ok(await c.post(`/contracts/${ids.a}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'one' }));
  const [d1] = st.sql('SELECT id FROM disputes ORDER BY id DESC LIMIT 1');
  await f.get(`/contracts/${ids.a}/billing`);
  ok(await f.post(`/disputes/${d1.id}`, { decision: 'accept', confirm: '1' }));	// dispute answered
  ok(await c.post(`/contracts/${ids.a}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'two' }));
  await f.get(`/contracts/${ids.a}/payments`);
  ok(await f.post(`/contracts/${ids.a}/refunds`, { payment: String(ids.payment), amount: '10.00', reason: 'sorry', confirm: '1' }));
  await c.get(`/contracts/${ids.c}/end`);
  ok(await c.post(`/contracts/${ids.c}/end`, { reason: 'done', release: '200.00' }));	// ended + escrow request
  await f.get(`/contracts/${ids.c}`);
  ok(await f.post(`/contracts/${ids.c}/escrow`, { decision: 'accept', confirm: '1' }));	// escrow settled
  for (const id of [ids.d, ids.e]) {
    await c.get(`/contracts/${id}/end`);
    ok(await c.post(`/contracts/${id}/end`, { reason: 'done' }));
    ok(await c.post(`/contracts/${id}/feedback`, { ...CLIENT_FB, comment: 'PUBMARK client', private_reason: 'PRIVMARK client', private_score: '7' }));
  }
  ok(await c.post(`/contracts/${ids.d}/checklist/remind`, {}));		// property reminder
  await f.get(`/contracts/${ids.d}/feedback`);
  ok(await f.post(`/contracts/${ids.d}/feedback`, { ...FREELANCER_FB, comment: 'PUBMARK freelancer', private_reason: 'PRIVMARK freelancer', private_score: '8' }));
  await c.get(`/contracts/${ids.d}/feedback`);
  ok(await c.post(`/contracts/${ids.d}/feedback/response`, { response: 'PUBMARK response' }));
  await f.get(`/contracts/${ids.a}/messages`);
  ok(await f.post(`/contracts/${ids.a}/messages`, { body: 'Can we talk about next week?' }));	// message
  at('2026-12-04T09:00:00Z');	// the second dispute escalated
  at('2026-12-09T00:00:00Z');	// funds available
  at('2026-12-13T00:00:00Z');	// feedback reminder on E
  at('2026-12-16T00:00:00Z');	// E's feedback revealed at the close
  const kinds = st.sql('SELECT DISTINCT kind FROM notifications ORDER BY kind').map((k) => k.kind);
  assert.deepEqual(kinds, ['contract ended', 'dispute answered', 'dispute escalated', 'dispute opened',
    'escrow request', 'escrow settled', 'feedback_left', 'feedback_reminder', 'feedback_response',
    'feedback_revealed', 'funds available', 'invoice issued', 'message', 'property_reminder', 'refund']);
}

test('every kind of notification arrives by email once, with title and link, never feedback', async () => {
  let ids;
  const smtp = await smtpServer();
  const st = await startStack({ now: NOW, setup: (s) => { ids = cast(s); } });
  try {
    await everyKind(st, ids);
    const notes = st.sql(`SELECT n.id, n.kind, n.body, n.contract_id, u.email, c.title FROM notifications n
      JOIN users u ON u.id = n.user_id LEFT JOIN contracts c ON c.id = n.contract_id ORDER BY n.id`);
    assert.equal(smtp.messages().length, 0, 'nothing is sent without the step');
    assert.match(st.tick({ SMTP_URL: smtp.url }), new RegExp(`mail sent ${notes.length}, mail failed 0`));
    assert.match(st.tick({ SMTP_URL: smtp.url }), /mail sent 0,/);
    const got = smtp.messages();
    assert.equal(got.length, notes.length);
    const byId = new Map(got.map((m) => [m.headers['message-id'], m]));
    assert.equal(byId.size, notes.length, 'one message a notification');
    const squeeze = (s) => s.replace(/\s+/g, ' ').trim();
    for (const n of notes) {
      const m = byId.get(`<notification-${n.id}@localhost>`);
      assert.ok(m, `no mail for notification ${n.id} (${n.kind})`);
      assert.match(m.headers.to, new RegExp(`<${n.email}>$`));
      assert.match(m.headers['content-type'], /text\/plain; charset=UTF-8/);
      assert.ok(squeeze(m.body).includes(squeeze(n.body)), `${n.kind}: the body says what happened`);
      assert.match(m.body, new RegExp(`http://127\\.0\\.0\\.1:8080/contracts/${n.contract_id}(/|\\n)`));
      assert.doesNotMatch(m.body, /PUBMARK|PRIVMARK/);
      assert.ok(m.headers.subject.length > 0);
    }
    // The subject carries the title, encoded where it is not ASCII.
    const sub = byId.get(`<notification-${notes.find((n) => n.kind === 'invoice issued').id}@localhost>`).headers.subject;
    const decoded = sub.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/g, (_, b) => Buffer.from(b, 'base64').toString('utf8'));
    assert.equal(decoded, 'A weekly invoice was issued: Billing “work”');
    assert.equal(st.ctlRaw('outbox').stdout, '', 'nothing left in the outbox');
  } finally { await st.stop(); await smtp.stop(); }
});

test('the SMTP server down for a while: mail waits, then arrives once each', async () => {
  let ids;
  const st = await startStack({ now: NOW, setup: (s) => { ids = cast(s); } });
  const port = await freePort();	// after the stack's, so that nginx cannot take it
  let smtp;
  try {
    st.tick({ CONTRACTS_NOW: '2026-11-30T12:00:00Z' });
    const c = new Client(st);
    await c.login('client@example.com');
    for (const id of [ids.c, ids.d, ids.e]) {
      await c.get(`/contracts/${id}/end`);
      assert.equal((await c.post(`/contracts/${id}/end`, { reason: 'done', ...(id === ids.c ? { release: '500.00' } : {}) })).status, 303);
    }
    const want = st.sql('SELECT count(*) AS n FROM notifications')[0].n;
    assert.ok(want >= 4);
    const env = { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_RETRY_BASE: '3' };
    // Right after a failed try, a step leaves the message be until its
    // next try is due (the wall clock's); then it tries again.
    const failThenWait = async (what) => {
      assert.match(st.tick(env), new RegExp(`mail sent 0, mail failed ${want}`), what);
      assert.match(st.tick(env), /mail sent 0, mail failed 0/, 'the back-off has not run out yet');
      const [{ t }] = st.sql('SELECT max(next_at) AS t FROM outbox WHERE sent_at IS NULL');
      await sleep(t * 1000 - Date.now() + 1100);
    };
    await failThenWait('the server is down');
    assert.equal(st.ctlRaw('outbox').stdout.trim().split('\n').length, want);
    assert.match(st.ctlRaw('outbox').stdout, /tries 1/);
    await failThenWait('still down: tried again');
    assert.match(st.ctlRaw('outbox').stdout, /tries 2/);
    smtp = await smtpServer(port);
    assert.match(st.tick(env), new RegExp(`mail sent ${want}, mail failed 0`));
    await sleep(1100);
    assert.match(st.tick(env), /mail sent 0, mail failed 0/);
    const ids2 = smtp.messages().map((m) => m.headers['message-id']);
    assert.equal(ids2.length, want);
    assert.equal(new Set(ids2).size, want, 'each message once');
    assert.deepEqual(st.sql('SELECT attempts FROM outbox GROUP BY attempts').map((r) => r.attempts), [3]);
  } finally { await st.stop(); if (smtp) await smtp.stop(); }
});

test('/settings turns each kind of email off and on; the notification stays, the email does not go', async () => {
  let ids;
  const smtp = await smtpServer();
  const st = await startStack({ now: NOW, setup: (s) => { ids = cast(s); } });
  try {
    const c = new Client(st);
    await c.login('client@example.com');
    let r = await c.get('/settings');
    assert.equal(r.status, 200);
    assert.match(r.text, /name="email_refund" value="1" aria-label="A refund was given: email" checked/);
    // A value that is neither 1 nor 0: the form again, 400, nothing changed.
    const before = st.snapshot();
    r = await c.post('/settings', { email_refund: 'maybe', email_contract_ended: '0' });
    assert.equal(r.status, 400);
    assert.match(r.text, /role="alert" id="email-error">“A refund was given”: choose Email or No email/);
    assert.match(r.text, /name="email_contract_ended" value="0" aria-label="[^"]*" checked/, 'what was chosen is kept');
    assert.deepEqual(st.snapshot(), before);
    r = await c.post('/settings', { email_refund: '0', email_contract_ended: '0' });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/settings#email-h');
    assert.match((await c.get('/settings')).text, /name="email_refund" value="0" aria-label="[^"]*" checked/);
    // The freelancer refunds and ends; the client is told of both in the app.
    const f = new Client(st);
    await f.login('freelancer@example.com');
    await f.get(`/contracts/${ids.a}/payments`);
    assert.equal((await f.post(`/contracts/${ids.a}/refunds`, { payment: String(ids.payment), amount: '5.00', reason: 'x', confirm: '1' })).status, 303);
    await f.get(`/contracts/${ids.d}/end`);
    assert.equal((await f.post(`/contracts/${ids.d}/end`, { reason: 'done' })).status, 303);
    st.tick({ CONTRACTS_NOW: '2026-11-30T12:00:00Z' });	// invoice issued: still emailed
    const mine = st.sql(`SELECT n.kind, CAST(o.notification_id IS NOT NULL AS INTEGER) AS mailed FROM notifications n
      LEFT JOIN outbox o ON o.notification_id = n.id WHERE n.user_id = ${ids.client} ORDER BY n.id`);
    assert.deepEqual(mine.map((n) => [n.kind, n.mailed]), [['refund', 0], ['contract ended', 0], ['invoice issued', 1]]);
    st.tick({ SMTP_URL: smtp.url });
    assert.deepEqual(smtp.messages().map((m) => m.headers.to), ['Clara Client <client@example.com>']);
    // And on again: the next refund is emailed.
    assert.equal((await c.post('/settings', { email_refund: '1' })).status, 303);
    assert.equal((await f.post(`/contracts/${ids.a}/refunds`, { payment: String(ids.payment), amount: '5.00', reason: 'y', confirm: '1' })).status, 303);
    assert.match(st.tick({ SMTP_URL: smtp.url }), /mail sent 1,/);
  } finally { await st.stop(); await smtp.stop(); }
});
