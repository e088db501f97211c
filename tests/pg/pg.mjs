// A throwaway PostgreSQL 15 for tests: a cluster made by initdb in a temp
// directory, listening only on a unix socket in that directory, with a
// role "app" owning a database "contracts", removed whole by stop().
//
//   const pg = await startPg();
//   pg.uri                      libpq URI of the app's database (as app)
//   pg.psql('SELECT 1 AS x')    [{ x: 1 }]: a query's rows, types kept
//   pg.psql('CREATE ...; ...')  runs a script, [] (see psql below)
//   pg.migration(sql)           runs sql as the engine runs a migration
//   pg.stop()                   stops the server and removes the directory
//   pgSchema(pg)                the app's schema: schema.sql, then each
//                               src/db/pg/schema-N.sql; returns its version
//
// initdb and the server refuse to run as root: as root they run as the
// user postgres, in a directory given to it.  The cluster trades
// durability for speed (fsync off): it lives for one test file.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const TOP = resolve(new URL('../..', import.meta.url).pathname);
const BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

// Run a PostgreSQL server program as the user that owns the cluster.
function asOwner(prog, args, opts = {}) {
  const cmd = join(BIN, prog);
  const [file, argv] = process.getuid() === 0
    ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]]
    : [cmd, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

function ownerIds() {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('no user postgres (install postgresql-15)');
  const f = line.split(':');
  return [Number(f[2]), Number(f[3])];
}

// A query becomes one JSON value, so that numbers stay numbers and NULL
// stays null: a SELECT (VALUES, TABLE, WITH) is wrapped as a subquery,
// and an INSERT, UPDATE or DELETE with RETURNING as a top-level WITH.
// Anything else (several statements, DDL, writes without RETURNING, a
// WITH whose statement is a write: PostgreSQL takes a data-modifying
// WITH only at the top level) runs as a script and gives [].  A
// statement's error throws, with psql's message.
export function wrap(sql) {
  const s = sql.trim().replace(/;\s*$/, '');
  const bare = s.replace(/'(?:[^']|'')*'/g, "''");	// string literals emptied
  if (/;/.test(bare)) return null;	// a script
  if (/^with\b/i.test(s) && /\b(insert|update|delete)\b/i.test(bare)) return null;
  if (/^(select|values|table|with)\b/i.test(s)) {
    return `SELECT coalesce(json_agg(q), '[]') FROM (${s}) q`;
  }
  if (/^(insert|update|delete)\b/i.test(s) && /\breturning\b/i.test(s)) {
    return `WITH q AS (${s}) SELECT coalesce(json_agg(q), '[]') FROM q`;
  }
  return null;
}

export async function startPg({ settings = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-pg-'));
  const data = join(dir, 'data');
  if (process.getuid() === 0) {
    const [uid, gid] = ownerIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  let running = false;
  const stopServer = () => {
    if (!running) return;
    running = false;
    try { asOwner('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* gone */ }
  };
  const cleanup = () => {
    stopServer();
    if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  try {
    asOwner('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8',
      '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
    // Small and quiet: the machine is shared.
    const conf = {
      listen_addresses: "''", unix_socket_directories: `'${dir}'`, port: 5432,
      max_connections: 20, shared_buffers: "'16MB'", fsync: 'off',
      synchronous_commit: 'off', full_page_writes: 'off', autovacuum: 'off',
      log_min_messages: 'warning', ...settings,
    };
    writeFileSync(join(data, 'postgresql.auto.conf'),
      Object.entries(conf).map(([k, v]) => `${k} = ${v}\n`).join(''));
    asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    running = true;
  } catch (e) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    cleanup();
    throw new Error(`throwaway PostgreSQL did not start: ${e.stderr || e.message}\n${log}`);
  }

  const host = encodeURIComponent(dir);
  const superuri = `postgresql://postgres@${host}:5432/postgres`;
  const run = (uri, sql) => {
    const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri],
      { input: sql, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (r.status !== 0) {
      const err = new Error(`psql: ${r.stderr.trim()}`);
      err.stderr = r.stderr;
      throw err;
    }
    return r.stdout;
  };
  run(superuri, "CREATE ROLE app LOGIN; CREATE DATABASE contracts OWNER app;");

  const pg = {
    dir,
    uri: `postgresql://app@${host}:5432/contracts`,
    superuri,
    // The rows of a query (see wrap), or [] after a script.
    psql(sql, { uri = pg.uri } = {}) {
      const q = wrap(sql);
      if (q === null) { run(uri, sql); return []; }
      return JSON.parse(run(uri, q).trim() || '[]');
    },
    // A script's plain output (psql -A -t), for what psql itself prints.
    script(sql, { uri = pg.uri } = {}) { return run(uri, sql); },
    // sql as one string through the simple query protocol (psql -c is
    // one PQexec) inside a transaction opened before it and committed
    // after, as the engine runs a migration.  A BEGIN, COMMIT or ROLLBACK
    // of its own makes PostgreSQL warn at the next one: an error here, as
    // is a psql meta-command (-c takes SQL or one meta-command).
    migration(sql, { uri = pg.uri } = {}) {
      if (/^\s*\\/.test(sql)) throw new Error('psql: a meta-command, which PQexec would not take');
      const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', uri,
        '-c', 'BEGIN', '-c', sql, '-c', 'COMMIT'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (r.status !== 0 || /transaction in progress/.test(r.stderr)) {
        const err = new Error(`psql: ${r.stderr.trim()}`);
        err.stderr = r.stderr;
        throw err;
      }
      return r.stdout;
    },
    log() { try { return readFileSync(join(dir, 'server.log'), 'utf8'); } catch { return ''; } },
    stop() {
      process.removeListener('exit', cleanup);
      cleanup();
    },
  };
  return pg;
}

// The app's PostgreSQL schema on pg: src/db/pg/schema.sql (version 8, a
// script), then each src/db/pg/schema-N.sql in order, each run as the
// engine runs a migration and each required to leave version N.  Returns
// the version reached.
export function pgSchema(pg, { upto = Infinity } = {}) {
  const dir = join(TOP, 'src/db/pg');
  pg.psql(readFileSync(join(dir, 'schema.sql'), 'utf8'));
  let [{ version }] = pg.psql('SELECT version FROM schema_version');
  for (;;) {
    const file = join(dir, `schema-${version + 1}.sql`);
    if (version >= upto || !existsSync(file)) return version;
    try {
      pg.migration(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`src/db/pg/schema-${version + 1}.sql: ${e.message}`);
    }
    const [{ version: now }] = pg.psql('SELECT version FROM schema_version');
    if (now !== version + 1) throw new Error(`src/db/pg/schema-${version + 1}.sql left version ${now}`);
    version = now;
  }
}
