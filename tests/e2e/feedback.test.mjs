// Feedback through the real stack (nginx + workers), CONTRACTS_NOW pinned:
// double-blind on every page, the private part never shown to the other
// side or a stranger, escaping, 400/409 refusals that change nothing, the
// 14-day window closing at midnight UTC, the 28-day response, and the
// notifications (left, revealed, reminder) made once without a click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

const T = (s) => Date.parse(s) / 1000;
// Ends Friday 2026-11-20 15:00: the window closes Saturday 2026-12-05
// 00:00 UTC, the reminder is due Wednesday 2026-12-02 00:00 UTC.
const ENDED = '2026-11-20T15:00:00Z';
const CLOSES = '2026-12-05T00:00:00Z';

function end(st, id, by, at = ENDED) {
  st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${T(at)}, ended_by = ${by}, ` +
    `end_reason = 'The work is done' WHERE id = ${id}`);
}

// Feedback written straight into the database (as if left earlier).
function leave(st, { contract, side, author, recipient, comment, reason, at }) {
  const cols = side === 'client'
    ? ['skills', 'quality', 'availability', 'schedule', 'communication', 'cooperation']
    : ['clarity', 'communication', 'schedule', 'cooperation', 'availability'];
  st.sql(`INSERT INTO feedback (contract_id, side, author_id, recipient_id, ${cols.join(', ')}, ` +
    `overall, comment, private_reason, private_score, created_at) VALUES (${contract}, '${side}', ` +
    `${author}, ${recipient}, ${cols.map(() => 4).join(', ')}, 400, '${comment}', '${reason}', 7, ${T(at)})`);
}

const CLIENT_FB = {
  skills: '5', quality: '4', availability: '5', schedule: '4', communication: '5', cooperation: '5',
};
const FREELANCER_FB = { clarity: '4', communication: '5', schedule: '3', cooperation: '5', availability: '4' };

// Every page a user can load that could show feedback; their HTML joined.
async function everyPage(c, ids, contract) {
  const paths = ['/contracts', '/contracts?status=ended', `/contracts/${contract}`,
    `/contracts/${contract}/feedback`, `/contracts/${contract}/checklist`,
    `/users/${ids.client}`, `/users/${ids.freelancer}`, '/notifications', '/help/ending-a-contract'];
  let all = '';
  for (const p of paths) {
    const r = await c.get(p);
    all += `\n<!-- ${p} ${r.status} -->\n${r.text}`;
  }
  return all;
}

async function as(stack, email) {
  const c = new Client(stack);
  await c.login(email);
  return c;
}

const kinds = (s, uid, contract) => s.sql(`SELECT kind, body, created_at FROM notifications ` +
  `WHERE user_id = ${uid} AND contract_id = ${contract} ORDER BY id`);

test('double-blind: hidden from the other side and strangers on every page until both left; private part never shown', async () => {
  let ids;
  const s = await startStack({
    now: '2026-11-25T10:00:00Z',
    setup: (st) => { ids = cast(st); end(st, ids.hourly, ids.client); },
  });
  try {
    const id = ids.hourly;
    const client = await as(s, 'client@example.com');
    const freelancer = await as(s, 'freelancer@example.com');
    const stranger = await as(s, 'stranger@example.com');

    let r = await client.get(`/contracts/${id}/feedback`);
    assert.equal(r.status, 200);
    assert.match(mainText(r.text), /up to 5,000 characters/);
    assert.match(r.text, /maxlength="5000"/);
    // Stars are radios in a fieldset with a legend, labelled, per category.
    for (const f of ['skills', 'quality', 'availability', 'schedule', 'communication', 'cooperation']) {
      assert.match(r.text, new RegExp(`<fieldset class="rating" id="${f}">\\s*<legend>`));
      for (let n = 1; n <= 5; n++) {
        assert.match(r.text, new RegExp(`<input type="radio" id="${f}-${n}" name="${f}" value="${n}"`));
        assert.match(r.text, new RegExp(`<label for="${f}-${n}">`));
      }
    }
    assert.doesNotMatch(r.text, /name="clarity"/);

    r = await client.post(`/contracts/${id}/feedback`, {
      ...CLIENT_FB, comment: '<script>alert("x")</script> PUBMARK-client',
      private_reason: 'PRIVMARK-client-reason', private_score: '3',
    });
    assert.equal(r.status, 303);
    assert.equal(r.location, `/contracts/${id}/feedback`);
    const row = s.sql(`SELECT overall, private_score, author_id, recipient_id FROM feedback WHERE contract_id = ${id}`)[0];
    assert.deepEqual(row, { overall: 467, private_score: 3, author_id: ids.client, recipient_id: ids.freelancer });

    // The author sees all of it, escaped.
    r = await client.get(`/contracts/${id}/feedback`);
    assert.match(r.text, /Your feedback is saved/);
    assert.match(r.text, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; PUBMARK-client/);
    assert.doesNotMatch(r.text, /<script>/);
    assert.match(mainText(r.text), /4\.67 out of 5 overall/);
    assert.match(r.text, /PRIVMARK-client-reason/);

    // The other side: only that it was left.
    let all = await everyPage(freelancer, ids, id);
    assert.doesNotMatch(all, /PUBMARK-client/);
    assert.doesNotMatch(all, /PRIVMARK/);
    assert.doesNotMatch(all, /4\.67/);
    r = await freelancer.get(`/contracts/${id}`);
    assert.match(mainText(r.text), /Clara Client's feedback Left; you will see it once you leave yours/);
    r = await freelancer.get('/contracts');
    assert.match(mainText(r.text), /Feedback theirs left, yours not yet/);
    // A stranger: the contract does not exist, the profile shows nothing hidden.
    for (const p of [`/contracts/${id}`, `/contracts/${id}/feedback`, `/contracts/${id}/checklist`]) {
      assert.equal((await stranger.get(p)).status, 404, p);
    }
    all = await everyPage(stranger, ids, id);
    assert.doesNotMatch(all, /PUBMARK|PRIVMARK/);
    assert.equal(kinds(s, ids.freelancer, id).map((n) => n.kind).join(), 'feedback_left');
    assert.doesNotMatch(kinds(s, ids.freelancer, id)[0].body, /PUBMARK/);

    // A second submission: 409, nothing changes.
    let before = s.snapshot();
    r = await client.post(`/contracts/${id}/feedback`, { ...CLIENT_FB, comment: 'again', private_score: '5' });
    assert.equal(r.status, 409);
    assert.match(mainText(r.text), /already left feedback/);
    assert.deepEqual(s.snapshot(), before);

    // Bad input from the freelancer: 400 naming the field; nothing changes.
    const bad = [
      [{ ...FREELANCER_FB, clarity: '6', private_score: '5' }, /Clarity of requirements: .*1 to 5/],
      [{ ...FREELANCER_FB, clarity: '0', private_score: '5' }, /Clarity of requirements: .*1 to 5/],
      [{ ...FREELANCER_FB, clarity: '4.5', private_score: '5' }, /Clarity of requirements: .*1 to 5/],
      [{ ...FREELANCER_FB, clarity: undefined, private_score: '5' }, /Clarity of requirements: .*1 to 5/],
      [{ ...FREELANCER_FB, skills: '5', private_score: '5' }, /Skills is rated by Clara Client, not by you/],
      [{ ...FREELANCER_FB, private_score: '11' }, /How likely you are to recommend Clara Client: .*0 to 10/],
      [{ ...FREELANCER_FB, private_score: '-1' }, /How likely you are to recommend Clara Client: .*0 to 10/],
      [{ ...FREELANCER_FB }, /How likely you are to recommend Clara Client: choose/],
      [{ ...FREELANCER_FB, private_score: '5', comment: 'é'.repeat(5001) }, /comment is 5001 characters long; the limit is 5000/],
      [{ ...FREELANCER_FB, private_score: '5', private_reason: 'x'.repeat(1001) }, /private reason is 1001 characters/],
    ];
    before = s.snapshot();
    for (const [fields, why] of bad) {
      const f = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      r = await freelancer.post(`/contracts/${id}/feedback`, f);
      assert.equal(r.status, 400, JSON.stringify(f).slice(0, 80));
      assert.match(mainText(r.text), why);
      assert.doesNotMatch(mainText(r.text), /private_score|\((clarity|skills)\)/, 'no internal field names');
      if (!fields.skills) assert.match(r.text, /aria-describedby="err-/);
      assert.match(r.text, /role="alert"/);
    }
    assert.deepEqual(s.snapshot(), before);

    // 5,000 characters are within the limit, even of four bytes each
    // (20 KB of UTF-8, shown on every page below).
    r = await freelancer.post(`/contracts/${id}/feedback`, {
      ...FREELANCER_FB, comment: `PUBMARK-free ${'😀'.repeat(4987)}`, private_reason: 'PRIVMARK-free-reason', private_score: '8',
    });
    assert.equal(r.status, 303);
    assert.equal(s.sql(`SELECT overall FROM feedback WHERE side = 'freelancer'`)[0].overall, 420);

    // Both left: each sees the other's public part at once, everywhere.
    all = await everyPage(freelancer, ids, id);
    assert.match(all, /PUBMARK-client/);
    assert.doesNotMatch(all, /<script>alert/);
    assert.doesNotMatch(all, /PRIVMARK-client/);
    r = await freelancer.get(`/contracts/${id}`);
    assert.match(mainText(r.text), /Clara Client's feedback ★+☆* 4\.67 out of 5/);
    r = await freelancer.get('/contracts');
    assert.match(mainText(r.text), /both left · theirs ★+☆* 4\.67/);
    r = await freelancer.get(`/users/${ids.freelancer}`);
    assert.match(mainText(r.text), /4\.67 out of 5 From 1 review/);
    all = await everyPage(client, ids, id);
    assert.match(all, /PUBMARK-free/);
    assert.ok(all.includes('😀'.repeat(4987)));
    assert.doesNotMatch(all, /PRIVMARK-free/);
    all = await everyPage(stranger, ids, id);
    assert.match(all, /PUBMARK-client/);
    assert.match(all, /PUBMARK-free/);
    assert.doesNotMatch(all, /PRIVMARK/);
    assert.deepEqual(kinds(s, ids.freelancer, id).map((n) => n.kind), ['feedback_left', 'feedback_revealed']);
    assert.deepEqual(kinds(s, ids.client, id).map((n) => n.kind), ['feedback_left', 'feedback_revealed']);
    for (const n of s.sql('SELECT body FROM notifications')) assert.doesNotMatch(n.body, /MARK/);

    // One response each, to the feedback received.
    before = s.snapshot();
    r = await freelancer.post(`/contracts/${id}/feedback/response`, { response: '   ' });
    assert.equal(r.status, 400);
    assert.match(mainText(r.text), /response.*empty/);
    assert.match(r.text, /aria-describedby="err-response"/);
    assert.deepEqual(s.snapshot(), before);
    r = await freelancer.post(`/contracts/${id}/feedback/response`, { response: 'Thanks <b>Clara</b> RESPMARK' });
    assert.equal(r.status, 303);
    r = await freelancer.post(`/contracts/${id}/feedback/response`, { response: 'Second try' });
    assert.equal(r.status, 409);
    assert.match(mainText(r.text), /already responded/);
    assert.equal(s.sql(`SELECT response FROM feedback WHERE side = 'client'`)[0].response, 'Thanks <b>Clara</b> RESPMARK');
    r = await client.get(`/contracts/${id}/feedback`);
    assert.match(r.text, /Thanks &lt;b&gt;Clara&lt;\/b&gt; RESPMARK/);
    r = await stranger.get(`/users/${ids.freelancer}`);
    assert.match(mainText(r.text), /Response from Felix Freelancer Thanks <b>Clara<\/b> RESPMARK/);
    assert.deepEqual(kinds(s, ids.client, id).map((n) => n.kind).at(-1), 'feedback_response');
  } finally { await s.stop(); }
});

test('feedback refused before the end (409) and to strangers (404)', async () => {
  let ids;
  const s = await startStack({ now: '2026-11-25T10:00:00Z', setup: (st) => { ids = cast(st); } });
  try {
    const client = await as(s, 'client@example.com');
    const before = s.snapshot();
    let r = await client.post(`/contracts/${ids.hourly}/feedback`, { ...CLIENT_FB, private_score: '5' });
    assert.equal(r.status, 409);
    assert.match(mainText(r.text), /opens when the contract ends/);
    r = await client.get(`/contracts/${ids.hourly}/feedback`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /type="radio"/);
    const stranger = await as(s, 'stranger@example.com');
    r = await stranger.post(`/contracts/${ids.hourly}/feedback`, { ...CLIENT_FB, private_score: '5' });
    assert.equal(r.status, 404);
    r = await client.post(`/contracts/${ids.hourly}/feedback`, { ...CLIENT_FB, private_score: '5', csrf: 'nope' });
    assert.equal(r.status, 403);
    assert.deepEqual(s.snapshot(), before);
  } finally { await s.stop(); }
});

// One left, the other not: hidden through 23:59:59, revealed at midnight.
function windowSetup(st) {
  const ids = cast(st);
  end(st, ids.hourly, ids.client);
  end(st, ids.fixed, ids.client);
  leave(st, { contract: ids.hourly, side: 'client', author: ids.client, recipient: ids.freelancer,
    comment: 'PUBMARK-window', reason: 'PRIVMARK-window', at: '2026-11-21T09:00:00Z' });
  return ids;
}

test('window: the last second before midnight UTC, hidden and still open', async () => {
  let ids;
  const s = await startStack({ now: '2026-12-04T23:59:59Z', setup: (st) => { ids = windowSetup(st); } });
  try {
    const freelancer = await as(s, 'freelancer@example.com');
    const all = await everyPage(freelancer, ids, ids.hourly);
    assert.doesNotMatch(all, /PUBMARK|PRIVMARK/);
    const stranger = await as(s, 'stranger@example.com');
    assert.doesNotMatch(await everyPage(stranger, ids, ids.hourly), /PUBMARK|PRIVMARK/);
    assert.match(s.tick(), /reveals 0,/, 'a second before the close, nothing to reveal');
    assert.equal(s.sql(`SELECT count(*) AS n FROM notifications WHERE kind = 'feedback_revealed'`)[0].n, 0);
    const r = await freelancer.post(`/contracts/${ids.fixed}/feedback`, { ...FREELANCER_FB, private_score: '6' });
    assert.equal(r.status, 303);
  } finally { await s.stop(); }
});

test('window: at midnight UTC feedback is revealed everywhere, once notified, and late feedback is 409', async () => {
  let ids;
  const s = await startStack({ now: CLOSES, setup: (st) => { ids = windowSetup(st); } });
  try {
    const freelancer = await as(s, 'freelancer@example.com');
    const all = await everyPage(freelancer, ids, ids.hourly);
    assert.match(all, /PUBMARK-window/);
    assert.doesNotMatch(all, /PRIVMARK/);
    assert.equal(kinds(s, ids.freelancer, ids.hourly).filter((n) => n.kind === 'feedback_revealed').length, 0,
      'pages show the reveal; only the scheduled step tells of it');
    assert.match(s.tick(), /reveals 1,/);
    assert.match(s.tick(), /reveals 0,/);
    const told = kinds(s, ids.freelancer, ids.hourly).filter((n) => n.kind === 'feedback_revealed');
    assert.equal(told.length, 1);
    assert.equal(told[0].created_at, T(CLOSES));
    assert.doesNotMatch(told[0].body, /PUBMARK/);
    const author = kinds(s, ids.client, ids.hourly).filter((n) => n.kind === 'feedback_revealed');
    assert.equal(author.length, 1, 'the author is told too');
    assert.match(author[0].body, /can now read your feedback/);
    let r = await freelancer.get(`/contracts/${ids.hourly}`);
    assert.match(mainText(r.text), /Your feedback Not left; the window closed on Sat, Dec 5, 2026, 00:00 UTC/);
    const before = s.snapshot();
    r = await freelancer.post(`/contracts/${ids.hourly}/feedback`, { ...FREELANCER_FB, private_score: '6' });
    assert.equal(r.status, 409);
    assert.match(mainText(r.text), /feedback window closed on Sat, Dec 5, 2026, 00:00 UTC/);
    r = await freelancer.post(`/contracts/${ids.fixed}/feedback`, { ...FREELANCER_FB, private_score: '6' });
    assert.equal(r.status, 409);
    assert.deepEqual(s.snapshot(), before);
    const stranger = await as(s, 'stranger@example.com');
    r = await stranger.get(`/users/${ids.freelancer}`);
    assert.match(mainText(r.text), /PUBMARK-window/);
    assert.doesNotMatch(r.text, /PRIVMARK/);
    // Revealed by the close: the response is open from now.
    r = await freelancer.get(`/contracts/${ids.hourly}/feedback`);
    assert.match(r.text, /action="\/contracts\/\d+\/feedback\/response"/);
  } finally { await s.stop(); }
});

// The response: 28 days from the reveal (the close, here).
for (const [now, status] of [['2027-01-01T23:59:59Z', 303], ['2027-01-02T00:00:00Z', 409]]) {
  test(`response 28 days after the reveal: at ${now} → ${status}`, async () => {
    let ids;
    const s = await startStack({ now, setup: (st) => { ids = windowSetup(st); } });
    try {
      const freelancer = await as(s, 'freelancer@example.com');
      const r = await freelancer.post(`/contracts/${ids.hourly}/feedback/response`, { response: 'Thank you' });
      assert.equal(r.status, status);
      if (status === 409) assert.match(mainText(r.text), /time to respond ended on Sat, Jan 2, 2027, 00:00 UTC/);
      assert.equal(s.sql(`SELECT count(*) AS n FROM feedback WHERE response IS NOT NULL`)[0].n, status === 303 ? 1 : 0);
    } finally { await s.stop(); }
  });
}

// The reminder: due 3 days before the window closes, to a side that has
// not left its feedback, made once by the scheduled step.
for (const [now, due] of [['2026-12-01T23:59:59Z', false], ['2026-12-02T00:00:00Z', true]]) {
  test(`reminder at ${now}: ${due ? 'sent once' : 'not yet'}`, async () => {
    let ids;
    const s = await startStack({ now, setup: (st) => { ids = windowSetup(st); } });
    try {
      const client = await as(s, 'client@example.com');
      const freelancer = await as(s, 'freelancer@example.com');
      for (let i = 0; i < 2; i++) {
        await freelancer.get('/contracts');
        await client.get('/contracts');
        s.tick();
      }
      const rem = (uid, c) => kinds(s, uid, c).filter((n) => n.kind === 'feedback_reminder');
      assert.equal(rem(ids.freelancer, ids.hourly).length, due ? 1 : 0);
      assert.equal(rem(ids.freelancer, ids.fixed).length, due ? 1 : 0);
      assert.equal(rem(ids.client, ids.fixed).length, due ? 1 : 0);
      assert.equal(rem(ids.client, ids.hourly).length, 0);	// the client left theirs
      if (due) {
        assert.equal(rem(ids.freelancer, ids.hourly)[0].created_at, T('2026-12-02T00:00:00Z'));
        assert.match(rem(ids.freelancer, ids.hourly)[0].body, /3 days left.*end of Fri, Dec 4, 2026/);
        // The header's unread count includes it.
        const r = await freelancer.get('/contracts');
        assert.match(r.text, /class="count">[1-9]/);
      }
    } finally { await s.stop(); }
  });
}
