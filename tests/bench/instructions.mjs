// Instructions a worker executes per request, counted by valgrind's
// callgrind: a measure the host's load does not move, for comparing two
// builds when the machine is shared (wall-clock ratios need it quiet).
//
//   node tests/bench/instructions.mjs BIN [BIN ...]
//
// For each build: the real stack (serve.sh, nginx, one worker under
// callgrind) on the demo data with the clock pinned, signed in as the
// demo client; each page asked 20 times in one run and 120 in another;
// the difference of the two runs' totals over 100 is the cost of one
// request, start-up and sign-in cancelling out.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStack, Client } from '../e2e/lib.mjs';

const bins = process.argv.slice(2).map((b) => resolve(b));
if (bins.length === 0) throw new Error('usage: node tests/bench/instructions.mjs BIN [BIN ...]');
// {c}: the demo's active hourly contract with a bit of everything.
const PAGES = ['/contracts', '/contracts/{c}', '/contracts/{c}/end', '/contracts/{c}/diary',
  '/contracts/{c}/billing', '/contracts/{c}/payments'];

const dir = mkdtempSync(join(tmpdir(), 'contracts-cg-'));
chmodSync(dir, 0o777);	// the workers run as the app's user
const wrapper = join(dir, 'vg.sh');
writeFileSync(wrapper, '#!/bin/sh\nexec valgrind --tool=callgrind --callgrind-out-file="$CG_OUT.%p" "$CG_BIN"\n');
chmodSync(wrapper, 0o755);

async function total(bin, path, n, tag) {
  const out = join(dir, tag);
  const stack = await startStack({
    now: '2026-11-25T15:00:00Z', setup(st) { st.ctlRaw('seed-demo'); },
    env: { FCGI: wrapper, WORKERS: '1', CG_BIN: bin, CG_OUT: out },
  });
  try {
    const c = new Client(stack);
    await c.login('client@example.com', 'demo-password');
    path = path.replace('{c}', stack.sql("SELECT id FROM contracts WHERE title = 'Mobile app API'")[0].id);
    for (let i = 0; i < n; i++) {
      const r = await c.get(path);
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
    }
  } finally { await stack.stop(); }
  const f = readdirSync(dir).find((x) => x.startsWith(`${tag}.`));
  return Number(readFileSync(join(dir, f), 'utf8').match(/^summary: (\d+)/m)[1]);
}

try {
  const rows = [];
  for (const path of PAGES) {
    const row = [path];
    for (const [i, bin] of bins.entries()) {
      const tag = `b${i}${path.replace(/\W/g, '_')}`;
      const a = await total(bin, path, 20, `${tag}-20`);
      const b = await total(bin, path, 120, `${tag}-120`);
      row.push(Math.round((b - a) / 100));
    }
    rows.push(row);
    console.log(row.join('\t') + (row.length === 3 ? `\t${((row[2] / row[1] - 1) * 100).toFixed(2)} %` : ''));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
