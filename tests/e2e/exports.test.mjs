// The CSV exports through the real stack (DESIGN.md section 2, "Exports";
// section 3): payments.csv, diary.csv?from=DAY&to=DAY and billing.csv of
// a contract, for its two sides only.  Each file is parsed as RFC 4180
// and every figure compared with the page it mirrors and with the
// database; text a user typed comes out whole, and a cell a spreadsheet
// would run as a formula starts with "'".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

let s, ids, c, f;

// RFC 4180: CRLF between records, "" for a quote inside a quoted field.
// Fails on anything else (a bare quote, a record that does not end).
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', i = 0, quoted = false, wasQuoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      cell += ch; i++; continue;
    }
    if (ch === '"') {
      assert.equal(cell, '', 'a quote inside an unquoted cell');
      assert.equal(wasQuoted, false);
      quoted = true; wasQuoted = true; i++; continue;
    }
    if (ch === ',') { row.push(cell); cell = ''; wasQuoted = false; i++; continue; }
    if (ch === '\r') {
      assert.equal(text[i + 1], '\n', 'CR without LF outside quotes');
      row.push(cell); rows.push(row); row = []; cell = ''; wasQuoted = false; i += 2; continue;
    }
    assert.notEqual(ch, '\n', 'LF without CR outside quotes');
    cell += ch; i++;
  }
  assert.equal(quoted, false, 'a quoted cell that does not end');
  assert.equal(row.length + cell.length, 0, 'the last record ends with CRLF');
  const [head, ...body] = rows;
  for (const r of body) assert.equal(r.length, head.length, `a row of ${r.length} cells under ${head.length} names`);
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

async function csv(client, path) {
  const r = await client.get(path);
  assert.equal(r.status, 200, r.text.slice(0, 300));
  assert.equal(r.headers.get('content-type'), 'text/csv; charset=utf-8');
  return { ...r, rows: parseCsv(r.text), head: r.text.slice(0, r.text.indexOf('\r\n')).split(',') };
}

const dollars = (cents) => (cents / 100).toFixed(2);
const money = (cents) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

const MEMO_FORMULA = '=HYPERLINK("http://evil.example","click")';
const MEMO_TEXT = 'Design, review and "polish" – café';

before(async () => {
  s = await startStack({
    now: '2026-11-30T12:00:00Z',
    setup(st) {
      ids = cast(st);
      const add = (date, minutes, memo) => st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', date,
        '--minutes', String(minutes), ...(memo ? ['--memo', memo] : []));
      add('2026-11-02', 90, MEMO_TEXT);
      add('2026-11-03', 600, '+SUM(A1:A9)');
      add('2026-11-10', 45);
      add('2026-11-23', 480, '-2+3');
      add('2026-11-24', 300, '@cmd');		// 13 hrs that week: over the 10-hour limit
      add('2026-11-30', 60, MEMO_FORMULA);	// today, the current week
      ids.pay1 = st.ctl('payment', 'add', '--contract', String(ids.hourly), '--amount', '1234.50', '--paid-at', '2026-06-01');
      ids.pay2 = st.ctl('payment', 'add', '--contract', String(ids.hourly), '--amount', '100.00', '--paid-at', '2026-11-20T08:30:00Z');
      // CR LF inside the literal itself: SQLite has char(), PostgreSQL chr().
      st.sql(`UPDATE payments SET memo = '=1+1, "weekly"\r\nsecond line' WHERE id = ${ids.pay2}`);
    },
  });
  c = new Client(s);
  await c.login('client@example.com');
  f = new Client(s);
  await f.login('freelancer@example.com');
  // A refund, and a dispute accepted: refunds of both sources.
  await f.get(`/contracts/${ids.hourly}/payments`);
  assert.equal((await f.post(`/contracts/${ids.hourly}/refunds`, { payment: String(ids.pay2), amount: '12.50', reason: '@once, "sorry"', confirm: '1' })).status, 303);
  await c.get(`/contracts/${ids.hourly}/billing`);
  assert.equal((await c.post(`/contracts/${ids.hourly}/disputes`, { invoice: '2026-11-23', minutes: '60', reason: 'Too long' })).status, 303);
  const [{ id: d }] = s.sql('SELECT id FROM disputes');
  await f.get(`/contracts/${ids.hourly}/billing`);
  assert.equal((await f.post(`/disputes/${d}`, { decision: 'accept', confirm: '1' })).status, 303);
});
after(async () => { await s.stop(); });

test('payments.csv: every payment and refund, as the page and the database have them', async () => {
  const r = await csv(c, `/contracts/${ids.hourly}/payments.csv`);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="contract-${ids.hourly}-mobile-app-api-payments.csv"`);
  assert.deepEqual(r.head, ['record', 'id', 'at_utc', 'amount', 'refunded', 'left', 'refundable_until', 'payment_id', 'source', 'by', 'note']);
  const pays = s.sql(`SELECT id, amount, refunded, paid_at, memo FROM payments WHERE contract_id = ${ids.hourly} ORDER BY paid_at`);
  const refunds = s.sql(`SELECT r.id, r.payment_id, r.amount, r.source, r.created_at, coalesce(u.name, '') AS by, r.reason
    FROM refunds r LEFT JOIN users u ON u.id = r.created_by WHERE r.contract_id = ${ids.hourly} ORDER BY r.created_at, r.id`);
  const disputes = s.sql(`SELECT d.id, i.week, d.minutes, d.amount, d.decided_at, u.name FROM disputes d
    JOIN invoices i ON i.id = d.invoice_id JOIN users u ON u.id = d.decided_by WHERE d.status = 'accepted'`);
  assert.deepEqual([pays.length, refunds.length, disputes.length], [2, 1, 1]);
  // The weeks Billing calls paid by Nov 30 are payments too, dated the
  // Wednesday their funds became available; they have no row until a
  // refund needs one.  Oldest first, among the recorded ones.
  const at = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;
  const invoices = [
    { id: '', paid_at: at('2026-11-18'), amount: 40000, refunded: 0, week: '2026-11-02' },	// 11.5 h logged, 10 billed
    { id: '', paid_at: at('2026-11-25'), amount: 3000, refunded: 0, week: '2026-11-09' },
  ];
  const all = [pays[0], invoices[0], pays[1], invoices[1]];
  assert.equal(r.rows.length, all.length + refunds.length + disputes.length, 'one row a record');
  const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  all.forEach((p, k) => {
    const row = r.rows[k];
    assert.deepEqual([row.record, row.id, row.at_utc, row.amount, row.refunded, row.left],
      ['payment', String(p.id), iso(p.paid_at), dollars(p.amount), dollars(p.refunded), dollars(p.amount - p.refunded)]);
    assert.equal(row.source, p.week ? 'invoice' : '');
    if (p.week) assert.equal(row.note, `the week of ${p.week}`);
  });
  assert.equal(r.rows[0].refundable_until, '2026-11-28', 'paid Jun 1: 180 days');
  assert.equal(r.rows[2].refundable_until, '2027-05-19', 'paid Nov 20: 180 days');
  assert.equal(r.rows[2].note, "'=1+1, \"weekly\"\r\nsecond line", 'a memo that looks like a formula, on two lines');
  refunds.forEach((x, k) => {
    const row = r.rows[all.length + k];
    assert.deepEqual([row.record, row.id, row.at_utc, row.amount, row.payment_id, row.source, row.by],
      ['refund', String(x.id), iso(x.created_at), dollars(x.amount), String(x.payment_id), x.source, x.by]);
  });
  const dr = r.rows.at(-1);
  assert.deepEqual([dr.record, dr.id, dr.at_utc, dr.amount, dr.payment_id, dr.source, dr.by, dr.note],
    ['dispute refund', String(disputes[0].id), iso(disputes[0].decided_at), dollars(disputes[0].amount), '', 'dispute',
      'Felix Freelancer', '60 minutes of the week of 2026-11-23']);
  assert.equal(r.rows.find((x) => x.source === 'refund').note, "'@once, \"sorry\"");
  // The page's totals are the file's sums.
  const page = mainText((await c.get(`/contracts/${ids.hourly}/payments`)).text);
  const paid = all.reduce((a, p) => a + p.amount, 0);
  const refunded = all.reduce((a, p) => a + p.refunded, 0);
  const sum = (rows, k) => Math.round(rows.reduce((a, x) => a + Number(x[k]) * 100, 0));
  assert.equal(sum(r.rows.filter((x) => x.record === 'payment'), 'amount'), paid);
  assert.equal(sum(r.rows.filter((x) => x.record === 'payment'), 'refunded'), refunded);
  // "Refunded" counts the payments' refunds and those through disputes.
  const back = refunded + sum(r.rows.filter((x) => x.record === 'dispute refund'), 'amount');
  assert.equal(back, refunded + disputes[0].amount);
  assert.match(page, new RegExp(`Paid ${money(paid).replace('$', '\\$')} Refunded ${money(back).replace('$', '\\$')} Net ${money(paid - back).replace('$', '\\$')}`));
  for (const p of all) assert.match(page, new RegExp(`${money(p.amount).replace('$', '\\$')} paid`));
  assert.match(page, /possible until Wed, May 19, 2027 .*closed after Sat, Nov 28, 2026/s);
  assert.match(page, new RegExp(`Refunded through disputes .* ${money(disputes[0].amount).replace('$', '\\$')}`));
  // Linked from the page it mirrors.
  assert.match((await c.get(`/contracts/${ids.hourly}/payments`)).text, new RegExp(`href="/contracts/${ids.hourly}/payments\\.csv"`));
});

test('diary.csv: the entries of a range of days, memos whole, formulas defused', async () => {
  const all = await csv(f, `/contracts/${ids.hourly}/diary.csv`);
  assert.deepEqual(all.head, ['entry_id', 'date', 'week_of', 'minutes', 'hours', 'memo']);
  const entries = s.sql(`SELECT id, day, week, minutes, memo FROM diary_entries WHERE contract_id = ${ids.hourly} ORDER BY day, id`);
  assert.equal(all.rows.length, entries.length);
  const day = (t) => new Date(t * 1000).toISOString().slice(0, 10);
  entries.forEach((e, k) => {
    const row = all.rows[k];
    assert.deepEqual([row.entry_id, row.date, row.minutes, row.hours], [String(e.id), day(e.day), String(e.minutes), String(+(e.minutes / 60).toFixed(2))]);
    assert.equal(row.week_of, day(e.week));
  });
  assert.deepEqual(all.rows.map((x) => x.memo), [MEMO_TEXT, "'+SUM(A1:A9)", '', "'-2+3", "'@cmd", `'${MEMO_FORMULA}`]);
  assert.match(all.headers.get('content-disposition'), new RegExp(`^attachment; filename="contract-${ids.hourly}-mobile-app-api-diary-2026-08-31-to-2026-11-30\\.csv"$`));

  // One week, both ends included, against the diary page of that week.
  const week = await csv(c, `/contracts/${ids.hourly}/diary.csv?from=2026-11-23&to=2026-11-29`);
  assert.deepEqual(week.rows.map((x) => x.date), ['2026-11-23', '2026-11-24']);
  const page = await c.get(`/contracts/${ids.hourly}/diary?week=2026-11-23`);
  assert.match(mainText(page.text), /Logged 13 hrs/);
  assert.equal(week.rows.reduce((a, x) => a + Number(x.minutes), 0), 13 * 60);
  assert.match(page.text, new RegExp(`href="/contracts/${ids.hourly}/diary\\.csv\\?from=2026-11-23&amp;to=2026-11-29"`));
  // The boundary days themselves: a range of one day.
  assert.deepEqual((await csv(c, `/contracts/${ids.hourly}/diary.csv?from=2026-11-24&to=2026-11-24`)).rows.map((x) => x.minutes), ['300']);
  assert.equal((await csv(c, `/contracts/${ids.hourly}/diary.csv?from=2026-11-25&to=2026-11-29`)).rows.length, 0);

  // Bad ranges: 400, a page that says which field.
  for (const q of ['from=2026-11-30&to=2026-11-29', 'from=yesterday', 'to=2026-02-30', 'from=2026-11-23&to=']) {
    const r = await c.get(`/contracts/${ids.hourly}/diary.csv?${q}`);
    assert.equal(r.status, 400, q);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.equal(r.headers.get('content-disposition'), null);
    assert.match(mainText(r.text), /From, to:/);
  }
});

test('billing.csv: each weekly invoice with the figures and dates of the billing page', async () => {
  const r = await csv(c, `/contracts/${ids.hourly}/billing.csv`);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="contract-${ids.hourly}-mobile-app-api-billing.csv"`);
  assert.deepEqual(r.rows.map((x) => x.week_start), ['2026-11-02', '2026-11-09', '2026-11-23', '2026-11-30']);
  const w = Object.fromEntries(r.rows.map((x) => [x.week_start, x]));
  // Week of Nov 2: 11.5 hrs logged, 10 billed (the limit) at $40.
  assert.deepEqual([w['2026-11-02'].logged_minutes, w['2026-11-02'].billed_minutes, w['2026-11-02'].amount], ['690', '600', '400.00']);
  assert.equal(w['2026-11-02'].state, 'paid');
  assert.equal(w['2026-11-02'].week_end, '2026-11-08');
  assert.equal(w['2026-11-02'].invoiced_at_utc, '2026-11-09T12:00:00Z');
  assert.equal(w['2026-11-02'].review_last_day, '2026-11-13');
  assert.equal(w['2026-11-02'].available_on, '2026-11-18');
  // Week of Nov 23: invoiced today at 12:00, in review, 1 hr refunded by the accepted dispute.
  const inv = s.sql(`SELECT minutes, amount, refunded FROM invoices WHERE contract_id = ${ids.hourly}`)[0];
  assert.deepEqual([w['2026-11-23'].billed_minutes, w['2026-11-23'].amount, w['2026-11-23'].refunded, w['2026-11-23'].disputed_minutes],
    [String(inv.minutes), dollars(inv.amount), dollars(inv.refunded), '60']);
  assert.equal(w['2026-11-23'].state, 'in review');
  assert.equal(w['2026-11-30'].state, 'in progress');
  // Every figure is on the page too.
  const page = mainText((await c.get(`/contracts/${ids.hourly}/billing`)).text);
  for (const x of r.rows) {
    assert.match(page, new RegExp(`Amount \\$${Number(x.amount).toLocaleString('en-US', { minimumFractionDigits: 2 })}`));
    assert.ok(page.includes(x.state), x.state);
  }
  assert.match(page, /Refunded \$40\.00/);
  // A fixed-price contract has no weekly invoices: the header row alone.
  const fixed = await csv(c, `/contracts/${ids.fixed}/billing.csv`);
  assert.equal(fixed.rows.length, 0);
  assert.equal(fixed.text, `${fixed.head.join(',')}\r\n`);
  assert.match((await c.get(`/contracts/${ids.hourly}/billing`)).text, new RegExp(`href="/contracts/${ids.hourly}/billing\\.csv"`));
});

test('the exports are 404 to anyone but the two sides, with the one text', async () => {
  const x = new Client(s);
  await x.login('stranger@example.com');
  const missing = await x.get('/contracts/999999/payments.csv');
  assert.equal(missing.status, 404);
  for (const what of ['payments.csv', 'diary.csv', 'billing.csv']) {
    const r = await x.get(`/contracts/${ids.hourly}/${what}`);
    assert.equal(r.status, 404, what);
    assert.equal(mainText(r.text), mainText(missing.text));
    assert.equal(r.headers.get('content-disposition'), null);
    assert.equal((await c.get(`/contracts/${ids.hourly}/${what}`)).status, 200, `positive control: ${what}`);
  }
  // Signed out: to the sign-in page, as every page.
  const anon = await new Client(s).get(`/contracts/${ids.hourly}/billing.csv`);
  assert.equal(anon.status, 303);
  assert.equal((await x.request('POST', `/contracts/${ids.hourly}/billing.csv`)).status, 405);
});
