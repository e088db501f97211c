// Every page of the demo data as each demo user sees it, and every form
// of those pages posted back wrong, written to a directory: run it on two
// builds and diff the directories to show that a change rendered every
// page byte for byte as before (the structure issue's "byte-identical").
//   node tests/snap/pages.mjs OUTDIR
// The clock is pinned and the data seeded the same way each run; only the
// per-session CSRF token is replaced by a fixed word.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, Client } from '../e2e/lib.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: node tests/snap/pages.mjs OUTDIR');
const users = ['client', 'freelancer', 'owner', 'ana', 'bruno', 'dana', 'stranger'];

const stack = await startStack({ now: '2026-11-25T15:00:00Z', setup(st) { st.ctlRaw('seed-demo'); } });
let files = 0;
const keep = (name, r) => {
  const text = r.text.replace(/name="csrf" value="[^"]*"/g, 'name="csrf" value="CSRF"');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, name.replace(/[^A-Za-z0-9.-]+/g, '_')), `${r.status} ${r.location ?? ''}\n${text}`);
  files++;
};

// The forms of a page: action and fields, hidden values kept.
function forms(html) {
  const found = [];
  for (const m of html.matchAll(/<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const fields = {};
    for (const i of m[2].matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
      const name = i[2].match(/name="([^"]*)"/)?.[1];
      if (!name || name === 'csrf') continue;
      const hidden = /type="hidden"/.test(i[2]);
      fields[name] = hidden ? (i[2].match(/value="([^"]*)"/)?.[1] ?? '') : null;
    }
    found.push({ action: m[1].replace(/&amp;/g, '&'), fields });
  }
  return found;
}

try {
  const ids = stack.sql('SELECT id FROM contracts ORDER BY id').map((c) => c.id);
  const uids = stack.sql('SELECT id FROM users ORDER BY id').map((u) => u.id);
  const paths = ['/contracts', '/contracts?status=ended', '/contracts?sort=title&page=2',
    '/notifications', '/settings', '/help/ending-a-contract'];
  for (const id of ids) {
    for (const p of ['', '/end', '/diary', '/billing', '/payments', '/checklist', '/feedback',
      '/messages', '/payments.csv', '/diary.csv', '/billing.csv']) paths.push(`/contracts/${id}${p}`);
  }
  for (const id of uids) paths.push(`/users/${id}`);
  const anon = new Client(stack);
  keep('anon-login', await anon.get('/login'));
  keep('anon-help', await anon.get('/help/ending-a-contract'));
  for (const u of users) {
    const c = new Client(stack);
    await c.login(`${u}@example.com`, 'demo-password');
    const posts = [];
    for (const p of paths) {
      const r = await c.get(p);
      keep(`${u}${p}`, r);
      if (r.status === 200) posts.push(...forms(r.text).map((f) => ({ ...f, from: p })));
    }
    // Each form back with its visible fields empty, then with a word
    // where a number or a date belongs: the answers a form gives on a
    // mistake.  Sign-out is left for last.
    const seen = new Set();
    for (const f of posts) {
      if (f.action === '/logout' || seen.has(f.action)) continue;
      seen.add(f.action);
      for (const [how, v] of [['empty', ''], ['word', 'x']]) {
        const body = {};
        for (const [k, val] of Object.entries(f.fields)) body[k] = val ?? v;
        keep(`${u}-post-${how}${f.action}`, await c.post(f.action, body));
      }
    }
  }
  console.log(`${files} pages in ${out}`);
} finally {
  await stack.stop();
}
