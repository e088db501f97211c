// The ownership, roles and CSRF matrix: every POST route as a stranger
// (404), signed out, and with a missing, wrong or other session's token
// (403); then, row by row, every user whose action it is not, including
// an agency's owner, admin and member on the agency's contracts (403),
// each refusal leaving the database exactly as it was, and the same
// request by the rightful user changing it (the positive control that
// proves the row could have changed something).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';	// a Wednesday: last week's invoice is in review
const at = (s) => Date.parse(s) / 1000;
const LAST_WEEK = at('2026-11-16');
const EMAILS = ['client', 'freelancer', 'owner', 'admin', 'member', 'stranger'];
let s, ids, cells = 0;
const users = {};

before(async () => {
  s = await startStack({
    now: NOW,
    setup(st) {
      ids = cast(st);
      const add = (title, freelancer, ...terms) => st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
        '--freelancer', `${freelancer}@example.com`, ...terms);
      const agency = ['--agency', String(ids.agency)];
      const ended = (id, when) => st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${at(when)}, ended_by = client_id, end_reason = 'The work is done' WHERE id = ${id}`);
      const invoice = (id) => {
        st.sql(`INSERT INTO invoices (contract_id, week, minutes, amount) VALUES (${id}, ${LAST_WEEK}, 120, 8000)`);
        return st.sql('SELECT max(id) AS id FROM invoices')[0].id;
      };
      const dispute = (id, inv) => {
        st.sql(`INSERT INTO disputes (invoice_id, contract_id, minutes, amount, reason, opened_by, opened_at)
                VALUES (${inv}, ${id}, 30, 2000, 'too long', ${ids.client}, ${at('2026-11-24T16:00:00Z')})`);
        return st.sql('SELECT max(id) AS id FROM disputes')[0].id;
      };
      const escrowAsked = (id) => {
        st.ctl('milestone', 'add', '--contract', String(id), '--amount', '500.00', '--funded');
        ended(id, '2026-11-24T09:00:00Z');
        st.sql(`INSERT INTO escrow_requests (contract_id, released, refund, requested_at) VALUES (${id}, 0, 50000, ${at('2026-11-24T09:00:00Z')})`);
      };
      // Feedback from side (the author's) on contract id, revealed: the
      // window closed.
      const feedback = (id, side, author, recipient) => {
        const stars = side === 'client' ? 'skills, quality, availability, schedule, communication, cooperation'
          : 'clarity, communication, schedule, cooperation, availability';
        const fours = stars.split(',').map(() => 4).join(', ');
        st.sql(`INSERT INTO feedback (contract_id, side, author_id, recipient_id, ${stars}, overall, comment, private_score, created_at)
                VALUES (${id}, '${side}', ${author}, ${recipient}, ${fours}, 400, 'fine', 8, ${at('2026-11-06')})`);
      };

      // The freelancer's own contracts.
      const H = ids.hourly;
      ids.entry = st.ctl('diary', 'add', '--contract', String(H), '--date', '2026-11-24', '--minutes', '60', '--memo', 'work');
      ids.entry2 = st.ctl('diary', 'add', '--contract', String(H), '--date', '2026-11-23', '--minutes', '30', '--memo', 'more');
      ids.payment = st.ctl('payment', 'add', '--contract', String(H), '--amount', '100.00', '--paid-at', '2026-11-01');
      ids.dispute = dispute(H, invoice(H));
      ids.h2 = add('Second hourly', 'freelancer', '--hourly', '40.00', '--started', '2026-09-01');
      ids.invoice2 = invoice(ids.h2);
      ids.toEnd = add('To be ended', 'freelancer', '--hourly', '40.00', '--started', '2026-09-01');
      escrowAsked(ids.fixed);
      ids.ended = add('Ended hourly', 'freelancer', '--hourly', '40.00', '--started', '2026-09-01');
      ended(ids.ended, '2026-11-24T09:00:00Z');
      ids.ended2 = add('Ended long ago', 'freelancer', '--hourly', '40.00', '--started', '2026-09-01');
      ended(ids.ended2, '2026-11-05T09:00:00Z');
      feedback(ids.ended2, 'freelancer', ids.freelancer, ids.client);

      // The agency's contracts, Mia Member the freelancer of record.
      const AH = ids.agencyContract;
      ids.aEntry = st.ctl('diary', 'add', '--contract', String(AH), '--date', '2026-11-24', '--minutes', '60', '--memo', 'work');
      ids.aEntry2 = st.ctl('diary', 'add', '--contract', String(AH), '--date', '2026-11-23', '--minutes', '30', '--memo', 'more');
      ids.aPayment = st.ctl('payment', 'add', '--contract', String(AH), '--amount', '100.00', '--paid-at', '2026-11-01');
      ids.aDispute = dispute(AH, invoice(AH));
      ids.ah2 = add('Agency second hourly', 'member', ...agency, '--hourly', '35.00', '--started', '2026-10-15');
      ids.aInvoice2 = invoice(ids.ah2);
      ids.aFixed = add('Agency fixed', 'member', ...agency, '--fixed', '500.00', '--started', '2026-10-01');
      st.ctl('milestone', 'add', '--contract', String(ids.aFixed), '--amount', '500.00', '--funded');
      ids.aAsked = add('Agency escrow asked', 'member', ...agency, '--fixed', '500.00', '--started', '2026-10-01');
      escrowAsked(ids.aAsked);
      ids.aEnded = add('Agency ended', 'member', ...agency, '--hourly', '35.00', '--started', '2026-10-15');
      ended(ids.aEnded, '2026-11-24T09:00:00Z');
      ids.aEnded2 = add('Agency ended long ago', 'member', ...agency, '--hourly', '35.00', '--started', '2026-10-15');
      ended(ids.aEnded2, '2026-11-05T09:00:00Z');
      feedback(ids.aEnded2, 'client', ids.client, ids.member);
    },
  });
  for (const who of EMAILS) {
    users[who] = new Client(s);
    await users[who].login(`${who}@example.com`);
  }
});
after(async () => {
  await s.stop();
  console.log(`matrix: ${cells} cells checked`);
});

const CLIENT_STARS = { skills: '5', quality: '5', availability: '5', schedule: '5', communication: '5', cooperation: '5' };
const FREELANCER_STARS = { clarity: '5', communication: '5', schedule: '5', cooperation: '5', availability: '5' };
const PRIVATE = { comment: 'x', private_reason: 'x', private_score: '9' };

// Every POST route, each with fields valid for its rightful user (the
// first of allowed, who runs it last, as the positive control) and the
// users it is refused to with 403.  Order matters only in that each
// positive control leaves the rows after it valid.
function rows() {
  const H = ids.hourly, AH = ids.agencyContract;
  const diary = (id, entry, entry2) => [
    { path: `/contracts/${id}/diary`, fields: { date: '2026-11-24', minutes: '30', memo: 'x' } },
    { path: `/contracts/${id}/diary/${entry}`, fields: { date: '2026-11-24', minutes: '45', memo: 'y' } },
    { path: `/contracts/${id}/diary/${entry2}/delete`, fields: {} },
  ];
  return [
    // Between a client and a freelancer.
    { path: `/contracts/${ids.toEnd}/end`, fields: { reason: 'done', reason_other: '' }, allowed: ['client'], refused: [] },
    { path: `/contracts/${ids.fixed}/escrow`, fields: { decision: 'accept', confirm: '1' }, allowed: ['freelancer'], refused: ['client'] },
    ...diary(H, ids.entry, ids.entry2).map((r) => ({ ...r, allowed: ['freelancer'], refused: ['client'] })),
    { path: `/contracts/${ids.h2}/disputes`, fields: { invoice: String(ids.invoice2), minutes: '30', reason: 'too long' }, allowed: ['client'], refused: ['freelancer'] },
    { path: `/disputes/${ids.dispute}`, fields: { decision: 'accept', confirm: '1' }, allowed: ['freelancer'], refused: ['client'] },
    { path: `/contracts/${H}/refunds`, fields: { payment: String(ids.payment), amount: '1.00', reason: 'x', confirm: '1' }, allowed: ['freelancer'], refused: ['client'] },
    { path: `/contracts/${ids.ended}/checklist`, fields: { item: 'revoke-access', done: '1' }, allowed: ['client'], refused: [] },
    { path: `/contracts/${ids.ended}/checklist`, fields: { item: 'deliver-work', done: '1' }, allowed: ['freelancer'], refused: [] },
    { path: `/contracts/${ids.ended}/checklist/remind`, fields: {}, allowed: ['client'], refused: ['freelancer'] },
    { path: `/contracts/${ids.ended}/feedback`, fields: { ...CLIENT_STARS, ...PRIVATE }, allowed: ['client'], refused: [] },
    { path: `/contracts/${ids.ended2}/feedback/response`, fields: { response: 'thanks' }, allowed: ['client'], refused: [] },
    // On the agency's contracts: the owner and admins decide, Mia Member
    // (the freelancer of record) logs hours and ticks the checklist.
    { path: `/contracts/${ids.aFixed}/end`, fields: { reason: 'done', reason_other: '' }, allowed: ['owner'], refused: ['member'] },
    { path: `/contracts/${ids.aAsked}/escrow`, fields: { decision: 'accept', confirm: '1' }, allowed: ['admin'], refused: ['member', 'client'] },
    ...diary(AH, ids.aEntry, ids.aEntry2).map((r) => ({ ...r, allowed: ['member'], refused: ['owner', 'admin', 'client'] })),
    { path: `/contracts/${ids.ah2}/disputes`, fields: { invoice: String(ids.aInvoice2), minutes: '30', reason: 'too long' }, allowed: ['client'], refused: ['owner', 'admin', 'member'] },
    { path: `/disputes/${ids.aDispute}`, fields: { decision: 'accept', confirm: '1' }, allowed: ['admin'], refused: ['member', 'client'] },
    { path: `/contracts/${AH}/refunds`, fields: { payment: String(ids.aPayment), amount: '1.00', reason: 'x', confirm: '1' }, allowed: ['owner'], refused: ['member', 'client'] },
    { path: `/contracts/${ids.aEnded}/checklist`, fields: { item: 'deliver-work', done: '1' }, allowed: ['member'], refused: ['owner', 'admin'] },
    { path: `/contracts/${ids.aEnded}/checklist/remind`, fields: {}, allowed: ['client'], refused: ['owner', 'admin', 'member'] },
    { path: `/contracts/${ids.aEnded}/feedback`, fields: { ...FREELANCER_STARS, ...PRIVATE }, allowed: ['owner'], refused: ['member'] },
    { path: `/contracts/${ids.aEnded2}/feedback/response`, fields: { response: 'thanks' }, allowed: ['admin'], refused: ['member'] },
  ];
}

function gets() {
  const H = ids.hourly;
  return [`/contracts/${H}`, `/contracts/${H}/end`, `/contracts/${H}/diary`, `/contracts/${H}/billing`,
    `/contracts/${H}/payments`, `/contracts/${H}/checklist`, `/contracts/${H}/feedback`];
}

const others = [{ path: '/notifications/read', fields: {} }, { path: '/help/ending-a-contract/vote', fields: { helpful: 'yes' } },
  { path: '/settings/sessions/revoke', fields: {} }];

test('a stranger gets 404 for every contract route and method, and changes nothing', async () => {
  const c = users.stranger;
  const before = JSON.stringify(s.snapshot());
  for (const path of gets()) {
    const r = await c.get(path);
    assert.equal(r.status, 404, `GET ${path}`);
    cells++;
  }
  for (const { path, fields } of rows()) {
    const r = await c.post(path, fields);
    assert.equal(r.status, 404, `POST ${path}: ${r.status}`);
    cells++;
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('signed out: pages redirect to sign-in; POSTs are refused; nothing changes', async () => {
  const before = JSON.stringify(s.snapshot());
  const anon = new Client(s);
  for (const path of [...gets(), '/contracts', '/notifications', `/users/${ids.client}`, '/settings']) {
    const r = await anon.get(path);
    assert.equal(r.status, 303, path);
    assert.equal(r.location, `/login?next=${path}`);
    cells++;
  }
  await anon.get('/login'); // a sign-in form's token is not a session
  for (const { path, fields } of [...rows(), ...others]) {
    let r = await anon.post(path, fields);
    assert.equal(r.status, 303, `POST ${path}`);
    assert.equal(r.location, '/login');
    r = await anon.post(path, { ...fields, csrf: null });
    assert.equal(r.status, 403, `POST ${path} without a token`);
    cells += 2;
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('CSRF: every POST route refuses a missing, wrong or other session\'s token with 403', async () => {
  const before = JSON.stringify(s.snapshot());
  const all = [...rows(), ...others.map((o) => ({ ...o, allowed: ['client'] })), { path: '/logout', fields: {}, allowed: ['client'] },
    { path: '/login', fields: { email: 'client@example.com', password: 'password-1' }, allowed: ['client'] }];
  for (const { path, fields, allowed } of all) {
    const who = users[allowed[0]];
    const other = who === users.client ? users.freelancer : users.client;
    for (const csrf of [null, '', 'A'.repeat(43), other.csrf]) {
      const r = await who.post(path, { ...fields, csrf });
      assert.equal(r.status, 403, `POST ${path} csrf=${csrf}`);
      cells++;
    }
  }
  assert.equal(JSON.stringify(s.snapshot()), before);
});

test('each action refused (403, nothing changed) to everyone whose it is not; done by its rightful user', async () => {
  for (const { path, fields, allowed, refused } of rows()) {
    const contract = path.match(/^\/contracts\/(\d+)/)?.[1] ?? ids.hourly;
    for (const who of refused) {
      const c = users[who];
      await c.get(`/contracts/${contract}`); // a fresh token from a page
      const before = JSON.stringify(s.snapshot());
      const r = await c.post(path, fields);
      assert.equal(r.status, 403, `${who} POST ${path}: ${r.status}`);
      assert.doesNotMatch(r.text, /expired or did not come from this site/, 'refused for the role, not the token');
      assert.equal(JSON.stringify(s.snapshot()), before, `${who} POST ${path} changed something`);
      cells++;
    }
    // The positive control: the same request by its rightful user does.
    const c = users[allowed[0]];
    await c.get(`/contracts/${contract}`);
    const before = JSON.stringify(s.snapshot());
    const r = await c.post(path, fields);
    assert.equal(r.status, 303, `${allowed[0]} POST ${path}: ${r.status}\n${r.text.match(/<main[\s\S]*<\/main>/)?.[0]}`);
    assert.notEqual(JSON.stringify(s.snapshot()), before, `${allowed[0]} POST ${path} changed nothing`);
    cells++;
  }
});
