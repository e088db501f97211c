// make install: the tree a Debian administrator gets (DESTDIR staging,
// GNU directory variables), and the systemd units accepted by
// `systemd-analyze verify` (which must also reject a unit with a typo,
// else the check could not fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOP } from './lib.mjs';

const units = ['contracts.socket', 'contracts.service', 'contracts-checkpoint.service', 'contracts-tick.service',
  'contracts-tick.timer'];

test('make install DESTDIR=... PREFIX=/usr puts each file where Debian expects it', () => {
  const dest = mkdtempSync(join(tmpdir(), 'contracts-install-'));
  try {
    execFileSync('make', ['-s', 'install', `DESTDIR=${dest}`, 'PREFIX=/usr'], { cwd: TOP, stdio: 'pipe' });
    const want = {
      '/usr/bin/contractsctl': 0o755,
      '/usr/libexec/contracts/contracts.fcgi': 0o755,
      '/usr/libexec/contracts/reload-workers': 0o755,
      '/usr/share/contracts/templates/layout.tpl': 0o644,
      '/usr/share/contracts/static/favicon.svg': 0o644,
      '/usr/share/doc/contracts/README.md': 0o644,
      '/usr/lib/sysusers.d/contracts.conf': 0o644,
      '/etc/default/contracts': 0o644,
      '/etc/logrotate.d/contracts': 0o644,
      '/etc/nginx/sites-available/contracts': 0o644,
      '/etc/nginx/sites-available/contracts-tls': 0o644,
      '/etc/nginx/snippets/contracts-locations.conf': 0o644,
      ...Object.fromEntries(units.map((u) => [`/usr/lib/systemd/system/${u}`, 0o644])),
    };
    for (const [path, mode] of Object.entries(want)) {
      assert.ok(existsSync(dest + path), `${path} installed`);
      assert.equal(statSync(dest + path).mode & 0o777, mode, `${path} mode`);
    }
    // Text files name real paths: no placeholder left, no staging dir.
    for (const path of Object.keys(want).filter((p) => !/bin\/|contracts\.fcgi/.test(p))) {
      const text = readFileSync(dest + path, 'utf8');
      assert.doesNotMatch(text, /@[A-Z_]+@/, `${path}: placeholders filled`);
      assert.ok(!text.includes(dest), `${path}: names no staging path`);
    }
    const service = readFileSync(`${dest}/usr/lib/systemd/system/contracts.service`, 'utf8');
    assert.match(service, /^User=contracts$/m);
    assert.match(service, /^NoNewPrivileges=yes$/m);
    assert.match(service, /^ProtectSystem=strict$/m);
    assert.match(service, /^PrivateTmp=yes$/m);
    assert.match(service, /^ExecReload=\/usr\/libexec\/contracts\/reload-workers \$MAINPID$/m);
    assert.match(readFileSync(`${dest}/usr/lib/systemd/system/contracts-tick.service`, 'utf8'), /^User=contracts$/m);
    // The checkpointer runs as the service's user, stops with it.
    const ckpt = readFileSync(`${dest}/usr/lib/systemd/system/contracts-checkpoint.service`, 'utf8');
    assert.match(ckpt, /^User=contracts$/m);
    assert.match(ckpt, /^PartOf=contracts\.service$/m);
    assert.match(ckpt, /^ExecStart=\/usr\/bin\/contractsctl --db \$\{DB\} checkpoint --every \$\{CHECKPOINT_EVERY\} --wal-max \$\{CHECKPOINT_WAL_MAX\}$/m);
    // logrotate reads the installed file without complaint.
    const lr = spawnSync('logrotate', ['--debug', `${dest}/etc/logrotate.d/contracts`], { encoding: 'utf8' });
    assert.equal(lr.status, 0, lr.stderr);
    assert.doesNotMatch(lr.stderr, /error/i);
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
});

test('systemd-analyze verify accepts the units, and rejects one with a typo', () => {
  // Installed for real under a temporary prefix, so that the programs the
  // units start exist at the paths they name (verify checks them).
  const root = mkdtempSync(join(tmpdir(), 'contracts-units-'));
  try {
    execFileSync('make', ['-s', 'install', `PREFIX=${root}/usr`, `sysconfdir=${root}/etc`], { cwd: TOP, stdio: 'pipe' });
    const dir = `${root}/usr/lib/systemd/system`;
    const verify = (...files) => spawnSync('systemd-analyze', ['verify', ...files], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_LEVEL: 'notice' },
    });
    const good = verify(...units);
    assert.equal(good.status, 0, good.stderr);
    assert.equal(good.stderr.trim(), '', 'no warning');
    const text = readFileSync(`${dir}/contracts.service`, 'utf8');
    writeFileSync(`${dir}/typo.service`, text.replace('NoNewPrivileges=yes', 'NoNewPrivilege=yes'));
    const bad = verify('typo.service');
    assert.match(bad.stderr, /Unknown key 'NoNewPrivilege'/);
    writeFileSync(`${dir}/missing.service`, text.replace(/^ExecStart=\S+/m, 'ExecStart=/nonexistent/multiwatch'));
    const missing = verify('missing.service');
    assert.notEqual(missing.status, 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
