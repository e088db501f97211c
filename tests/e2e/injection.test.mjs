// Injection through the real stack: every free-text field (diary memo, end
// reason_other, dispute reason, refund reason, feedback comment and
// private_reason, feedback response, dashboard search q) takes HTML,
// script, attribute break-outs, SQL metacharacters, format strings and
// template markers, and stores them byte for byte and renders them escaped;
// NUL, control characters and invalid UTF-8 are refused with 400 and a
// message; values over each field's limit and over the parser's 20000-byte
// cap are refused with 400; malformed numbers, dates, ids and amounts are
// 400 naming the field; a body over 64 KB is 413.  No request is ever
// answered with a 5xx, and every refusal leaves the database as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText, unix } from './lib.mjs';

const NOW = '2026-11-25T10:00:00Z';	// Wednesday: week of Nov 16 in review
let s, ids;
const statuses = [];	// every status this file received, for the 5xx check

// What ctemplate's HTML escaping makes of text.
const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// Single-line payloads: valid UTF-8 without C0 controls, at most 300
// characters, so that every free-text field (reason_other is the tightest)
// must store them exactly.
const PAYLOADS = [
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)> \' autofocus onfocus=\'alert(2)',
  "' OR '1'='1'; DROP TABLE contracts; --",
  'Robert\'); DELETE FROM feedback WHERE (\'1\'=\'1',
  '" ; -- /* */ %s %n %99999d \\x00 {{TITLE}} {{>LAYOUT}} {{#ROWS}}',
  '&amp; &lt;b&gt; &#0; <!-- --> ]]> <![CDATA[x]]>',
  'Ünïcödé — 日本語 🎉 \u202eRTL\u202c \u0085NEL \ufeffBOM',
  'javascript:alert(1)',
];
// For the multiline fields (dispute and refund reasons, comment,
// private_reason, response): line breaks and tabs are kept.
const MULTILINE = 'line one <b>\r\nline two\t"tab"\n\n</textarea><script>x()</script>';

function setup(st) {
  ids = cast(st);
  ids.bundles = [];
  const add = (title) => {
    const id = st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
      '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-10-01');
    st.ctl('diary', 'add', '--contract', String(id), '--date', '2026-11-16', '--minutes', '600');
    const pay = st.ctl('payment', 'add', '--contract', String(id), '--amount', '100.00', '--paid-at', '2026-11-01');
    return { id, pay };
  };
  for (let i = 0; i < PAYLOADS.length + 2; i++) ids.bundles.push(add(`Injection ${i}`));
  ids.bad = add('Refusals');
  ids.escrow = st.ctl('contract', 'add', '--title', 'Escrowed', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--fixed', '300.00', '--started', '2026-10-01');
  st.ctl('milestone', 'add', '--contract', String(ids.escrow), '--amount', '200.00', '--funded');
  ids.ended = st.ctl('contract', 'add', '--title', 'Ended earlier', '--client', 'client@example.com',
    '--freelancer', 'freelancer@example.com', '--hourly', '30.00', '--started', '2026-10-01');
  st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${unix('2026-11-20')}, ended_by = client_id, end_reason = 'done' WHERE id = ${ids.ended}`);
}

before(async () => { s = await startStack({ now: NOW, setup }); });
after(async () => {
  await s.stop();
});

async function as(email) {
  const c = new Client(s);
  await c.login(email);
  const req = c.request.bind(c);
  c.request = async (...a) => {
    const r = await req(...a);
    statuses.push([r.status, a[0], a[1]]);
    assert.ok(r.status < 500, `${a[0]} ${a[1]}: ${r.status}`);
    return r;
  };
  return c;
}

const ok303 = (r, what) => assert.equal(r.status, 303, `${what}: ${r.status} ${mainText(r.text).slice(0, 300)}`);

// Every free-text write of one contract, each field set to a text built
// from t.  Returns what each field was given.
async function writeAll(cl, fr, b, t) {
  const v = {
    memo: t.memo ?? t, dispute: `D:${t.multi ?? t}`, refund: `R:${t.multi ?? t}`,
    other: t.other ?? t, comment: `C:${t.multi ?? t}`, cpriv: `CP:${t.multi ?? t}`,
    fcomment: `FC:${t.multi ?? t}`, fpriv: `FP:${t.multi ?? t}`,
    fresp: `FR:${t.multi ?? t}`, cresp: `CR:${t.multi ?? t}`,
  };
  if (t.exact) Object.assign(v, t.exact);
  const id = b.id;
  ok303(await fr.post(`/contracts/${id}/diary`, { date: '2026-11-24', minutes: '30', memo: v.memo }), 'memo');
  ok303(await cl.post(`/contracts/${id}/disputes`, { invoice: '2026-11-16', minutes: '30', reason: v.dispute }), 'dispute');
  ok303(await fr.post(`/contracts/${id}/refunds`, { payment: String(b.pay), amount: '1.00', reason: v.refund, confirm: '1' }), 'refund');
  ok303(await cl.post(`/contracts/${id}/end`, { reason: 'other', reason_other: v.other }), 'end');
  ok303(await cl.post(`/contracts/${id}/feedback`, {
    skills: '5', quality: '4', availability: '5', schedule: '4', communication: '5', cooperation: '3',
    comment: v.comment, private_reason: v.cpriv, private_score: '9',
  }), 'client feedback');
  ok303(await fr.post(`/contracts/${id}/feedback`, {
    clarity: '4', communication: '5', schedule: '3', cooperation: '5', availability: '4',
    comment: v.fcomment, private_reason: v.fpriv, private_score: '8',
  }), 'freelancer feedback');
  ok303(await fr.post(`/contracts/${id}/feedback/response`, { response: v.fresp }), 'freelancer response');
  ok303(await cl.post(`/contracts/${id}/feedback/response`, { response: v.cresp }), 'client response');
  return v;
}

// The database holds exactly what was sent.
function assertStored(b, v) {
  const id = b.id;
  const one = (q) => s.sql(q)[0];
  assert.equal(one(`SELECT memo FROM diary_entries WHERE contract_id = ${id} AND day = ${unix('2026-11-24')}`).memo, v.memo);
  assert.equal(one(`SELECT reason FROM disputes WHERE contract_id = ${id}`).reason, v.dispute);
  assert.equal(one(`SELECT reason FROM refunds WHERE contract_id = ${id}`).reason, v.refund);
  assert.equal(one(`SELECT end_reason FROM contracts WHERE id = ${id}`).end_reason, v.other);
  const fb = Object.fromEntries(s.sql(`SELECT side, comment, private_reason, response FROM feedback WHERE contract_id = ${id}`).map((r) => [r.side, r]));
  assert.deepEqual(fb.client, { side: 'client', comment: v.comment, private_reason: v.cpriv, response: v.fresp });
  assert.deepEqual(fb.freelancer, { side: 'freelancer', comment: v.fcomment, private_reason: v.fpriv, response: v.cresp });
}

// Each text appears escaped where it is shown, never raw, and the other
// side's private reason nowhere.
async function assertRendered(cl, fr, b, v, { multiline = false } = {}) {
  const id = b.id;
  const pages = {
    diary: (await cl.get(`/contracts/${id}/diary?week=2026-11-24`)).text,
    contract: (await cl.get(`/contracts/${id}`)).text,
    billing: (await fr.get(`/contracts/${id}/billing`)).text,
    payments: (await cl.get(`/contracts/${id}/payments`)).text,
    clFeedback: (await cl.get(`/contracts/${id}/feedback`)).text,
    frFeedback: (await fr.get(`/contracts/${id}/feedback`)).text,
    profile: (await cl.get(`/users/${ids.freelancer}`)).text,
  };
  for (const [name, html] of Object.entries(pages)) assert.doesNotMatch(html, /<script>|<img src=x|<svg onload/i, name);
  // ctemplate's HTML escaping turns line breaks and tabs into spaces; the
  // textarea-free pages show them as text.
  const shown = (t) => (multiline ? esc(t).replace(/[\r\n\t]/g, ' ') : esc(t));
  const has = (page, t) => {
    const html = pages[page];
    assert.ok(html.includes(shown(t)) || html.includes(esc(t)), `${page} shows ${JSON.stringify(t)} escaped`);
    if (/[<>"']/.test(t)) assert.ok(!html.includes(t), `${page} never shows ${JSON.stringify(t)} raw`);
  };
  has('diary', v.memo);
  has('contract', v.other);
  has('billing', v.dispute);
  has('payments', v.refund);
  has('clFeedback', v.fcomment);	// the freelancer's comment, revealed to the client
  has('clFeedback', v.fresp);	// the freelancer's response to the client's
  has('frFeedback', v.comment);
  has('frFeedback', v.cresp);
  has('profile', v.comment);
  for (const t of [v.fpriv]) assert.ok(!pages.clFeedback.includes(esc(t)) && !pages.profile.includes(esc(t)), 'the freelancer\'s private reason stays private');
  for (const t of [v.cpriv]) assert.ok(!pages.frFeedback.includes(esc(t)) && !pages.billing.includes(esc(t)), 'the client\'s private reason stays private');
}

test('HTML, script, SQL and template text is stored exactly in every free-text field and rendered escaped', async () => {
  const cl = await as('client@example.com');
  const fr = await as('freelancer@example.com');
  for (let i = 0; i < PAYLOADS.length; i++) {
    const v = await writeAll(cl, fr, ids.bundles[i], PAYLOADS[i]);
    assertStored(ids.bundles[i], v);
    await assertRendered(cl, fr, ids.bundles[i], v);
  }
  // The SQL in the text did nothing.
  assert.ok(s.sql('SELECT count(*) AS n FROM contracts')[0].n >= PAYLOADS.length + 3);
  assert.equal(s.sql('SELECT count(*) AS n FROM feedback')[0].n, 2 * PAYLOADS.length);
});

test('line breaks and tabs are kept in the multiline fields; each field at exactly its limit is stored', async () => {
  const cl = await as('client@example.com');
  const fr = await as('freelancer@example.com');
  const b = ids.bundles[PAYLOADS.length];
  const v = await writeAll(cl, fr, b, { multi: MULTILINE, memo: 'memo <b>one line</b>', other: 'other <i>one line</i>' });
  assertStored(b, v);
  await assertRendered(cl, fr, b, v, { multiline: true });
  // Limits count characters, not bytes: 'é' is 2 bytes, '日' 3, '🎉' 4.
  // The 5,000-character response in '🎉' is 20,000 bytes: the parser's cap.
  const lim = ids.bundles[PAYLOADS.length + 1];
  const w = await writeAll(cl, fr, lim, {
    exact: {
      memo: 'é'.repeat(1000), other: '日'.repeat(300), dispute: 'é'.repeat(2000), refund: '日'.repeat(1000),
      comment: '日'.repeat(5000), cpriv: 'é'.repeat(1000), fcomment: 'x'.repeat(5000), fpriv: '日'.repeat(1000),
      fresp: '🎉'.repeat(5000), cresp: 'é'.repeat(5000),
    },
  });
  assertStored(lim, w);
});

// POST a raw urlencoded body (the value already %-encoded by the caller).
async function rawPost(c, path, body) {
  return c.request('POST', path, { body: `csrf=${encodeURIComponent(c.csrf)}&${body}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

// For each free-text field: the form it is part of (other fields valid),
// who sends it, and where.
function forms(b) {
  const id = b.id;
  const fb = 'skills=5&quality=4&availability=5&schedule=4&communication=5&cooperation=3&private_score=9';
  return [
    { field: 'memo', who: 'fr', path: `/contracts/${id}/diary`, rest: 'date=2026-11-24&minutes=30', max: 1000, label: /Memo/ },
    { field: 'reason_other', who: 'cl', path: `/contracts/${id}/end`, rest: 'reason=other', max: 300, label: /Other reason/ },
    { field: 'reason', who: 'cl', path: `/contracts/${id}/disputes`, rest: 'invoice=2026-11-16&minutes=30', max: 2000, label: /Reason/ },
    { field: 'reason', who: 'fr', path: `/contracts/${id}/refunds`, rest: `payment=${b.pay}&amount=1.00`, max: 1000, label: /Reason/ },
    { field: 'comment', who: 'cl', path: `/contracts/${id}/feedback`, rest: fb, max: 5000, label: /public comment/, ended: true },
    { field: 'private_reason', who: 'cl', path: `/contracts/${id}/feedback`, rest: fb, max: 1000, label: /private reason/, ended: true },
    { field: 'response', who: 'fr', path: `/contracts/${id}/feedback/response`, rest: '', max: 5000, label: /response/, ended: true, revealed: true },
  ];
}

const BAD_BYTES = [
  ['NUL', 'a%00b', /control characters are not allowed/],
  ['SOH', 'a%01b', /control characters are not allowed/],
  ['ESC', 'a%1B[31m', /control characters are not allowed/],
  ['DEL', 'a%7Fb', /control characters are not allowed/],
  ['lone continuation', '%C3%28', /not valid UTF-8/],
  ['0xFF', 'a%FFb', /not valid UTF-8/],
  ['overlong /', '%C0%AF', /not valid UTF-8/],
  ['surrogate', '%ED%A0%80', /not valid UTF-8/],
  ['over U+10FFFF', '%F4%90%80%80', /not valid UTF-8/],
  ['truncated', '%E6%97', /not valid UTF-8/],
  ['bad escape', '%zz', /%-escape is not two hex digits/],
  ['half escape', 'ab%4', /%-escape is not two hex digits/],
];

test('NUL, control characters, invalid UTF-8 and over-long values are 400 with a message and change nothing', async () => {
  const cl = await as('client@example.com');
  const fr = await as('freelancer@example.com');
  const b = ids.bad;
  // The refusals are checked in the states where the writes would
  // otherwise succeed: active for the first four, then ended and revealed.
  const run = async (stage) => {
    const before = s.snapshot();
    let n = 0;
    for (const f of forms(b).filter(stage.which)) {
      const c = f.who === 'cl' ? cl : fr;
      await c.get(f.path.replace(/\/(disputes|refunds|feedback\/response)$/, (m) => (m === '/disputes' ? '/billing' : m === '/refunds' ? '/payments' : '/feedback')));
      const sep = f.rest ? '&' : '';
      const cases = [
        ...BAD_BYTES.map(([name, raw, re]) => [name, `${f.rest}${sep}${f.field}=${raw}`, re]),
        [`${f.max + 1} characters`, `${f.rest}${sep}${f.field}=${encodeURIComponent('é'.repeat(f.max + 1))}`,
          new RegExp(`(at most|limit is) ${f.max.toLocaleString('en-US').replace(',', ',?')}`)],
        ['20001 bytes', `${f.rest}${sep}${f.field}=${'x'.repeat(20001)}`, /a field is too long/],
      ];
      if (f.field === 'memo' || f.field === 'reason_other') {
        cases.push(['line break in a one-line field', `${f.rest}${sep}${f.field}=a%0D%0Ab`, /without control characters or line breaks/]);
      }
      for (const [name, body, re] of cases) {
        const r = await rawPost(c, f.path, body);
        assert.equal(r.status, 400, `${f.path} ${f.field} ${name}: ${r.status}`);
        assert.match(mainText(r.text), re, `${f.path} ${f.field} ${name}`);
        assert.doesNotMatch(r.text, /<script>/);
        n++;
      }
    }
    assert.deepEqual(s.snapshot(), before, `nothing changed (${stage.name})`);
    return n;
  };
  let n = await run({ name: 'active', which: (f) => !f.ended });
  // End it, leave the freelancer's feedback, then the client's refusals;
  // then the client's feedback so the response can be tried.
  ok303(await cl.post(`/contracts/${b.id}/end`, { reason: 'done' }), 'end');
  ok303(await fr.post(`/contracts/${b.id}/feedback`, { clarity: '4', communication: '5', schedule: '3', cooperation: '5', availability: '4', private_score: '8' }), 'fb');
  const before = s.snapshot();
  for (const f of forms(b).filter((x) => x.ended && !x.revealed)) {
    for (const [name, raw, re] of BAD_BYTES) {
      const r = await rawPost(cl, f.path, `${f.rest}&${f.field}=${raw}`);
      assert.equal(r.status, 400, `${f.field} ${name}`);
      assert.match(mainText(r.text), re, `${f.field} ${name}`);
      n++;
    }
    const long = await rawPost(cl, f.path, `${f.rest}&${f.field}=${encodeURIComponent('日'.repeat(f.max + 1))}`);
    assert.equal(long.status, 400);
    assert.match(mainText(long.text), new RegExp(`${f.label.source}.*${f.max + 1} characters long; the limit is ${f.max}`, 'i'));
    // The form comes back with what was typed, escaped.
    const x = await rawPost(cl, f.path, `${f.rest.replace('skills=5', 'skills=9')}&${f.field}=${encodeURIComponent('<script>alert(1)</script>')}`);
    assert.equal(x.status, 400);
    assert.ok(x.text.includes(esc('<script>alert(1)</script>')), 'the refused form keeps the text, escaped');
    n += 2;
  }
  assert.deepEqual(s.snapshot(), before);
  ok303(await cl.post(`/contracts/${b.id}/feedback`, { skills: '5', quality: '4', availability: '5', schedule: '4', communication: '5', cooperation: '3', private_score: '9' }), 'fb');
  n += await run({ name: 'revealed', which: (f) => f.revealed });
  assert.ok(n >= 100, `${n} cases`);
  console.log(`injection: ${n} refused free-text cases`);
});

test('malformed numbers, dates, ids and amounts are 400 naming the field, and change nothing', async () => {
  const cl = await as('client@example.com');
  const fr = await as('freelancer@example.com');
  const h = ids.hourly;
  await cl.get(`/contracts/${h}`);
  await fr.get(`/contracts/${h}`);
  s.ctl('payment', 'add', '--contract', String(h), '--amount', '50.00', '--paid-at', '2026-11-10');
  const pay = s.sql(`SELECT id FROM payments WHERE contract_id = ${h}`)[0].id;
  const before = s.snapshot();
  const NUMS = ['abc', '', ' 30', '30 ', '+30', '3e1', '0x1E', '1.5', '30.', '-0', '99999999999999999999999', '３０', 'NaN', 'Infinity', '1,5'];
  const DATES = ['', '2026-02-30', '2026-13-01', '2026-11-5', '26-11-25', '2026/11/24', '24/11/2026', '2026-11-24T00:00:00Z',
    '2026-11-24 ', '+2026-11-24', '2026-11-24x', 'yesterday', '0000-00-00', '9999999999-01-01'];
  const AMOUNTS = ['abc', '', '-1', '1e3', '12,50', '0.001', '1.2.3', '99999999999999999999', '１２', 'NaN', 'Infinity', '$5', '5 ', '0x10', '1_000'];
  const IDS = ['', 'abc', '0', '-1', '01', '1.0', '1e2', ' 1', '99999999999999999999', '9007199254740993'];
  const cases = [];
  for (const m of NUMS) cases.push([fr, `/contracts/${h}/diary`, { date: '2026-11-24', minutes: m }, /Minutes:/]);
  for (const d of DATES) cases.push([fr, `/contracts/${h}/diary`, { date: d, minutes: '30' }, /Date:/]);
  for (const a of AMOUNTS) cases.push([fr, `/contracts/${h}/refunds`, { payment: String(pay), amount: a, confirm: '1' }, /Amount:/]);
  for (const i of IDS) cases.push([fr, `/contracts/${h}/refunds`, { payment: i, amount: '1.00', confirm: '1' }, /Payment:/]);
  for (const i of [...IDS, ...DATES.slice(1, 6)]) cases.push([cl, `/contracts/${h}/disputes`, { invoice: i, minutes: '30', reason: 'x' }, /Invoice:/]);
  for (const m of NUMS) cases.push([cl, `/contracts/${h}/disputes`, { invoice: '2026-11-16', minutes: m, reason: 'x' }, /Minutes you dispute:/]);
  for (const a of AMOUNTS) cases.push([cl, `/contracts/${ids.escrow}/end`, { reason: 'done', release: a }, /Release:/]);
  for (const r of ['', 'bogus', 'DONE', 'done ', 'other\u0085']) cases.push([cl, `/contracts/${h}/end`, { reason: r }, /Reason for ending:/]);
  for (const i of ['', 'nope', 'revoke-access ', 'REVOKE-ACCESS']) cases.push([cl, `/contracts/${ids.ended}/checklist`, { item: i, done: '1' }, /item/i]);
  for (const d of ['', '2', 'yes', '-1', '01']) cases.push([cl, `/contracts/${ids.ended}/checklist`, { item: 'revoke-access', done: d }, /Done/]);
  for (const v of ['', 'maybe', 'YES', '1']) cases.push([cl, '/help/ending-a-contract/vote', { helpful: v }, /Helpful/]);
  for (const d of ['', 'maybe', 'ACCEPT']) cases.push([fr, `/contracts/${ids.escrow}/escrow`, { decision: d }, /Decision:|escrow/]);
  let n = 0;
  for (const [c, path, fields, re] of cases) {
    const r = await c.post(path, fields);
    const why = `${path} ${JSON.stringify(fields)}`;
    if (path.endsWith('/escrow')) { assert.ok([400, 409].includes(r.status), `${why}: ${r.status}`); n++; continue; }
    assert.equal(r.status, 400, `${why}: ${r.status} ${mainText(r.text).slice(0, 200)}`);
    assert.match(mainText(r.text), re, why);
    n++;
  }
  // Query strings: weeks, pages, status, search.
  for (const q of ['week=2026-02-30', 'week=abc', 'week=', 'week=2026-11-24T00:00:00Z']) {
    const r = await fr.get(`/contracts/${h}/diary?${q}`);
    assert.ok(r.status === 400 || (q === 'week=' && r.status === 200), `${q}: ${r.status}`);
    if (r.status === 400) assert.match(mainText(r.text), /Week:/);
    n++;
  }
  for (const q of ['page=abc', 'page=0', 'page=1e2', 'page=99999999999999999999999', 'status=ACTIVE', 'status=', 'q=%C3%28', 'q=%FF', 'q=%00', 'q=a%0Ab', `q=${'x'.repeat(101)}`]) {
    const r = await cl.get(`/contracts?${q}`);
    assert.ok(r.status === 400 || (q === 'status=' && r.status === 200), `${q}: ${r.status}`);
    n++;
  }
  for (const q of ['page=abc', 'page=-1']) assert.equal((await cl.get(`/notifications?${q}`)).status, 400, q);
  // Ids in the path are part of the address: a malformed one names no page.
  for (const p of ['/contracts/1e2', '/contracts/%31', '/contracts/99999999999999999999', '/contracts/-1', '/users/0', '/disputes/abc']) {
    const r = p.startsWith('/disputes') ? await fr.post(p, { decision: 'accept', confirm: '1' }) : await cl.get(p);
    assert.equal(r.status, 404, p);
    n++;
  }
  assert.deepEqual(s.snapshot(), before);
  console.log(`injection: ${n} malformed number/date/id/amount cases`);
});

test('search text with HTML and SQL wildcards is searched literally and shown escaped', async () => {
  const cl = await as('client@example.com');
  for (const q of [...PAYLOADS.filter((p) => Buffer.byteLength(p) <= 100), '%', '_', "'", '"', '\\', '%_%', "' OR 1=1 --", 'Injection 1']) {
    const r = await cl.get(`/contracts?status=all&q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, q);
    if (/</.test(q)) assert.ok(!r.text.includes(q), `raw ${q}`);
    assert.ok(r.text.includes(`value="${esc(q)}"`), `the search box keeps ${q}`);
    const titles = [...r.text.matchAll(/<h2><a href="\/contracts\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]);
    if (q === 'Injection 1') assert.deepEqual(titles, ['Injection 10', 'Injection 1'].filter((t) => titles.includes(t)));
    else assert.deepEqual(titles, [], q);
  }
});

test('bodies: 64 KB exactly is read, one byte more is 413; too many fields, long keys, duplicates are 400', async () => {
  const fr = await as('freelancer@example.com');
  const h = ids.hourly;
  await fr.get(`/contracts/${h}/diary`);
  const before = s.snapshot();
  const head = `csrf=${fr.csrf}&date=2026-11-24&minutes=abc&memo=m`;
  const pad = (total) => {
    let b = head;
    let i = 0;
    while (b.length < total) {
      const room = total - b.length - `&p${i}=`.length;
      b += `&p${i}=` + 'x'.repeat(Math.max(0, Math.min(19000, room)));
      i++;
    }
    return b.slice(0, total);
  };
  const post = (body) => fr.request('POST', `/contracts/${h}/diary`, { body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  let r = await post(pad(65536));
  assert.equal(Buffer.byteLength(pad(65536)), 65536);
  assert.equal(r.status, 400, 'read in full, then refused for its minutes');
  assert.match(mainText(r.text), /Minutes:/);
  r = await post(pad(65537));
  assert.equal(r.status, 413);
  assert.match(r.text, /Too much data|too large/i);
  r = await post(`csrf=${fr.csrf}&date=2026-11-24&minutes=30&memo=${'x'.repeat(70000)}`);
  assert.equal(r.status, 413);
  r = await post(`csrf=${fr.csrf}&date=2026-11-24&minutes=30${'&a=1'.repeat(70)}`);
  assert.equal(r.status, 400);
  assert.match(mainText(r.text), /too many fields|malformed/i);
  r = await post(`csrf=${fr.csrf}&date=2026-11-24&minutes=30&${'k'.repeat(65)}=1`);
  assert.equal(r.status, 400);
  r = await post(`csrf=${fr.csrf}&date=2026-11-24&minutes=30&minutes=1440`);
  assert.equal(r.status, 400, 'the same field twice');
  assert.match(mainText(r.text), /twice|same|duplicate/i);
  r = await post(`csrf=${fr.csrf}&date=2026-11-24&minutes=30&memo%00=x`);
  assert.equal(r.status, 400);
  // A query string over 4096 bytes.
  r = await fr.get(`/contracts?q=${'x'.repeat(4097)}`);
  assert.equal(r.status, 400);
  // Odd cookies are ignored, never fatal.
  const odd = await fetch(`${s.base}/contracts`, { redirect: 'manual', headers: { cookie: `sid=${'%00'.repeat(10)}; ${'a=b; '.repeat(40)}x` } });
  assert.equal(odd.status, 303);
  assert.deepEqual(s.snapshot(), before);
});

test('sign-in: next never leaves the site or splits headers', async () => {
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/contracts%0D%0ASet-Cookie:%20a=b', '/contracts\r\nSet-Cookie: a=b', 'javascript:alert(1)', '/%2F%2Fevil.example']) {
    const c = new Client(s);
    await c.get('/login');
    const r = await c.post('/login', { email: 'client@example.com', password: 'password-1', next });
    assert.equal(r.status, 303, next);
    assert.equal(r.location, '/contracts', next);
    assert.ok(!r.headers.getSetCookie().some((x) => x.startsWith('a=')), next);
    const g = await c.get(`/login?next=${encodeURIComponent(next)}`);
    assert.ok(g.status === 303 || g.status === 200, next);
    assert.ok(!g.text.includes('evil.example"') || g.text.includes('value="/contracts"'), next);
  }
});

test('no request in this file was answered with a 5xx, and the log says so', () => {
  assert.ok(statuses.length > 300, `${statuses.length} requests`);
  assert.deepEqual(statuses.filter(([st]) => st >= 500), []);
  assert.doesNotMatch(s.log(), / 5\d\d [\d.]+ms/);
  console.log(`injection: ${statuses.length} requests, none 5xx`);
});
