// Every template auto-escapes: the worker refuses to start when one lacks
// the {{%AUTOESCAPE context="HTML"}} pragma (ctemplate would not warn), or
// when one does not parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOP } from './lib.mjs';

const FCGI = join(TOP, 'cgi-bin/contracts.fcgi');

function start(tpldir, db) {
  // Without a FastCGI socket on stdin the worker would fail at accept; it
  // must fail earlier, at start-up, with the template named.  A worker
  // refuses to run as root: as root, it runs as the app's user.
  const asUser = process.getuid() === 0 ? ['setpriv', '--reuid=contracts', '--regid=contracts', '--clear-groups'] : [];
  const argv = [...asUser, FCGI, '-d', db, '-t', tpldir];
  return spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', timeout: 10000, stdio: ['ignore', 'pipe', 'pipe'] });
}

test('every template in the tree starts with the HTML auto-escape pragma', () => {
  const files = readdirSync(join(TOP, 'templates')).filter((f) => f.endsWith('.tpl'));
  assert.ok(files.length >= 14);
  for (const f of files) {
    assert.match(readFileSync(join(TOP, 'templates', f), 'utf8'), /^\{\{%AUTOESCAPE context="HTML"\}\}\n/, f);
  }
});

test('a template without the pragma, or broken, stops the worker at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-tpl-'));
  chmodSync(dir, 0o755);
  try {
    const tpl = join(dir, 'templates');
    cpSync(join(TOP, 'templates'), tpl, { recursive: true });
    const file = join(tpl, 'dashboard.tpl');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(/^\{\{%AUTOESCAPE context="HTML"\}\}\n/, ''));
    let r = start(tpl, join(dir, 'a.db'));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /dashboard\.tpl does not start with \{\{%AUTOESCAPE context="HTML"\}\}/);
    writeFileSync(file, `${good}{{#UNCLOSED}}\n`);
    r = start(tpl, join(dir, 'a.db'));
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /dashboard\.tpl does not load/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// :x-app (render.cc) emits a value as it is, as :none would: it may only
// mark what the app writes itself, never a name, title or anything else
// a user typed.  A new use has to be added here, on purpose.
test(':x-app marks only values the app writes itself, and :none is not used', () => {
  const app = new Set(['ID', 'TERMS', 'STARTED', 'STATUS', 'WEEK_HOURS', 'DONE',
    'FB_TEXT', 'FB_STARS', 'FB_SCORE']);
  let uses = 0;
  for (const f of readdirSync(join(TOP, 'templates')).filter((n) => n.endsWith('.tpl'))) {
    const text = readFileSync(join(TOP, 'templates', f), 'utf8');
    assert.doesNotMatch(text, /\{\{[^!}][^}]*:none/, `${f} uses :none`);
    for (const m of text.matchAll(/\{\{([A-Z_]+)((?::[a-z-]+(?:=[^:}]*)?)*)\}\}/g)) {
      if (!m[2].split(':').includes('x-app')) continue;
      uses++;
      assert.ok(app.has(m[1]), `${f}: ${m[1]} is marked :x-app`);
    }
  }
  // The dashboard rows, the confirmation pages and the filters use it.
  assert.ok(uses >= 15, `${uses} uses of :x-app`);
});
