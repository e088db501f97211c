// One 404 for everything that is not yours or does not exist (issue 13):
// every route of the route table (read from src/routes.c, so a new
// route is walked too), with a stranger's session, on ids that exist but
// are someone else's and on ids that exist nowhere, GET and POST, and
// addresses that match no route.  The error message must be the same,
// byte for byte, or a stranger learns which ids exist (a dispute's used
// to say "no contract" when the dispute existed, "no dispute" when not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, Client, cast, TOP } from './lib.mjs';

let s, ids;
const MISSING = 99999;

before(async () => {
  s = await startStack({
    setup(st) {
      ids = cast(st);
      ids.entry = st.ctl('diary', 'add', '--contract', String(ids.hourly), '--date', '2026-11-24', '--minutes', '60');
      ids.otherEntry = st.ctl('diary', 'add', '--contract', String(ids.agencyContract), '--date', '2026-11-24', '--minutes', '60');
      st.sql(`INSERT INTO invoices (contract_id, week, minutes, amount) VALUES (${ids.hourly}, ${Date.parse('2026-11-16') / 1000}, 120, 8000)`);
      st.sql(`INSERT INTO disputes (invoice_id, contract_id, minutes, amount, reason, opened_by, opened_at)
              VALUES ((SELECT max(id) FROM invoices), ${ids.hourly}, 30, 2000, 'too long', ${ids.client}, ${Date.parse('2026-11-24') / 1000})`);
      ids.dispute = st.sql('SELECT max(id) AS id FROM disputes')[0].id;
    },
  });
});
after(async () => { await s.stop(); });

// The route table: [pattern, has GET, has POST].
function routes() {
  const src = readFileSync(join(TOP, 'src/routes.c'), 'utf8');
  const table = src.slice(src.indexOf('routes[] = {'), src.indexOf('};', src.indexOf('routes[] = {')));
  return [...table.matchAll(/\{\s*"([^"]+)",\s*(\w+),\s*(\w+),/g)].map((m) => [m[1], m[2] !== 'NULL', m[3] !== 'NULL']);
}

// The error section of a page: what must not differ.
const errorOf = (html) => html.match(/<section class="error">[\s\S]*?<\/section>/)?.[0];

test('every route answers a stranger\'s and a missing id with the same 404, byte for byte', async () => {
  const stranger = new Client(s);
  await stranger.login('stranger@example.com');
  const table = routes();
  assert.ok(table.length >= 25, `${table.length} routes read from routes.c`);
  const seen = new Map();	// error section -> the requests that gave it
  const check = async (c, method, path) => {
    if (method === 'GET') await c.get('/contracts');	// a page's token for the POST
    const r = method === 'GET' ? await c.get(path) : await c.post(path, { decision: 'accept', confirm: '1', item: 'deliver-work', done: '1' });
    assert.equal(r.status, 404, `${method} ${path}`);
    const e = errorOf(r.text);
    assert.ok(e, `${method} ${path}: an error page`);
    seen.set(e, [...(seen.get(e) || []), `${method} ${path}`]);
  };
  let walked = 0;
  for (const [pattern, get, post] of table) {
    if (!pattern.includes('{id}')) continue;
    // Someone else's ids (a contract, then an entry of it; a dispute),
    // and ids that do not exist at all.
    const theirs = pattern.startsWith('/disputes/') ? [ids.dispute] : [ids.hourly, ids.entry];
    const variants = pattern.startsWith('/users/') ? [[MISSING]] : [theirs, [MISSING, MISSING], [theirs[0], MISSING]];
    for (const v of variants) {
      let i = 0;
      const path = pattern.replace(/\{id\}/g, () => String(v[Math.min(i++, v.length - 1)]));
      if (get) await check(stranger, 'GET', path);
      if (post) await check(stranger, 'POST', path);
      walked++;
    }
  }
  // No route at all, and an entry of another contract under one's own.
  for (const path of ['/nope', '/contracts/abc', `/contracts/${ids.hourly}/nope`, '/contracts/0', '/contracts/-1']) await check(stranger, 'GET', path);
  const freelancer = new Client(s);
  await freelancer.login('freelancer@example.com');
  await check(freelancer, 'POST', `/contracts/${ids.hourly}/diary/${ids.otherEntry}/delete`);
  await check(freelancer, 'POST', `/contracts/${ids.hourly}/diary/${MISSING}/delete`);
  assert.ok(walked >= 40, `${walked} paths walked`);
  assert.equal(seen.size, 1, `404 texts differ:\n${[...seen].map(([e, w]) => `${w.slice(0, 3).join(', ')}:\n${e}`).join('\n\n')}`);
  // The positive control: the freelancer's own entry is found (and deleted).
  assert.equal((await freelancer.post(`/contracts/${ids.hourly}/diary/${ids.entry}/delete`)).status, 303);
});
