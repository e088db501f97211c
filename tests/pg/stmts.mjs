// Does every statement of the app prepare on PostgreSQL?  Reads each
// STMT(...) of src/db/stmts*.def (STMT(NAME, "sql") or
// STMT(NAME, "sig", "sql"): the SQL is the last argument, string literals
// and #define'd macros of them, concatenated as C does), turns ?N into $N,
// and PREPAREs it on a throwaway PostgreSQL with src/db/pg/schema.sql.
// With a signature the parameters are declared as the C side will bind
// them (i and n int8, t text, b bytea: src/db/db.h); without, PostgreSQL
// infers them.  Prints, for each statement that fails, why; and for those
// that prepare, what the C side should know: parameters inferred as int4
// (a unix time overflows them in 2038), signatures that do not fit, and
// result columns that are boolean or numeric where SQLite gives an
// integer.
//
//	node tests/pg/stmts.mjs [--all] [--strict] [--json] [--defs DIR]
//	node tests/pg/stmts.mjs --porting [FILE]
//
// --all prints every statement, --json the whole result as JSON, --defs
// reads the .def files of another directory.  --porting checks the edited
// statements of src/db/pg/PORTING.md instead (its ```sql NAME blocks): each
// must prepare on PostgreSQL and compile on SQLite (EXPLAIN, on a fresh
// database at the app's schema).  Exit 0 unless --strict and something
// failed or needs a look, or --porting and an edit fails either engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPg } from './pg.mjs';
import { TOP, sqliteFresh } from './sqlite.mjs';

const DEFS = join(TOP, 'src/db');
// A signature's letters as PostgreSQL types (src/db/db.h, db_prep()).
const SIG_TYPES = { i: 'int8', n: 'int8', t: 'text', b: 'bytea' };

// ---- the .def files, as a C preprocessor would see them (enough of it) ----

// Tokens of C source: strings (their value), identifiers, punctuation;
// comments dropped; "#define NAME ..." lines (with \ continuations) kept
// as one token { define, body }; other # lines dropped.
function lex(src) {
  const out = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('/*', i)) { i = src.indexOf('*/', i + 2) + 2; if (i < 2) i = n; continue; }
    if (src.startsWith('//', i)) { while (i < n && src[i] !== '\n') i++; continue; }
    if (c === '#' && /(^|\n)[ \t]*$/.test(src.slice(Math.max(0, i - 80), i))) {
      let j = i, line = '';
      for (;;) {
        const e = src.indexOf('\n', j);
        const end = e < 0 ? n : e;
        const part = src.slice(j, end);
        if (part.endsWith('\\')) { line += part.slice(0, -1) + ' '; j = end + 1; continue; }
        line += part; i = end; break;
      }
      const m = line.match(/^#\s*define\s+([A-Za-z_]\w*)\s+([\s\S]*)$/);
      if (m) out.push({ define: m[1], body: lex(m[2]) });
      continue;
    }
    if (c === '"') {
      let j = i + 1, s = '';
      while (j < n && src[j] !== '"') {
        if (src[j] === '\\') {
          const e = src[j + 1];
          s += { n: '\n', t: '\t', r: '\r', '0': '\0' }[e] ?? e;
          j += 2;
        } else s += src[j++];
      }
      out.push({ str: s });
      i = j + 1;
      continue;
    }
    const id = src.slice(i).match(/^[A-Za-z_]\w*/);
    if (id) { out.push({ id: id[0] }); i += id[0].length; continue; }
    out.push({ p: c });
    i++;
  }
  return out;
}

// The value of a run of string tokens and macro names: C's concatenation.
function strValue(tokens, macros) {
  let s = '';
  for (const t of tokens) {
    if (t.str !== undefined) s += t.str;
    else if (t.id && macros.has(t.id)) s += strValue(macros.get(t.id), macros);
    else throw new Error(`not a string: ${JSON.stringify(t)}`);
  }
  return s;
}

// Every STMT(...) of the .def files: [{ name, sig, sql, file }].
export function readStatements(dir = DEFS) {
  const files = readdirSync(dir).filter((f) => /^stmts.*\.def$/.test(f)).sort();
  const macros = new Map();
  const stmts = [];
  for (const file of files) {
    const toks = lex(readFileSync(join(dir, file), 'utf8'));
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.define) { macros.set(t.define, t.body); continue; }
      if (t.id !== 'STMT' || toks[i + 1]?.p !== '(') continue;
      // The arguments: split at commas outside parentheses.
      const args = [[]];
      let depth = 0, j = i + 2;
      for (; j < toks.length; j++) {
        const u = toks[j];
        if (u.p === '(') depth++;
        if (u.p === ')') { if (depth === 0) break; depth--; }
        if (u.p === ',' && depth === 0) { args.push([]); continue; }
        args[args.length - 1].push(u);
      }
      i = j;
      const name = args[0][0]?.id;
      if (!name || args.length < 2) continue;	// the macro's own definition, say
      stmts.push({
        name, file,
        sig: args.length > 2 ? strValue(args[1], macros) : null,
        sql: strValue(args[args.length - 1], macros),
      });
    }
  }
  return stmts;
}

// SQLite's ?N as PostgreSQL's $N (a bare ? takes the next number), outside
// quoted strings and identifiers.  Returns { sql, params }.
export function toDollar(sql) {
  let out = '', max = 0, i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < sql.length && !(sql[j] === c && sql[j + 1] !== c)) j += sql[j] === c ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '?') {
      const m = sql.slice(i + 1).match(/^\d+/);
      const k = m ? Number(m[0]) : max + 1;
      max = Math.max(max, k);
      out += `$${k}`;
      i += 1 + (m ? m[0].length : 0);
      continue;
    }
    out += c;
    i++;
  }
  return { sql: out, params: max };
}

// What SQLite and the C code take for granted about result columns.
const ODD_RESULT = new Set(['boolean', 'numeric']);

export async function checkStatements({ pg, stmts = readStatements() } = {}) {
  // One psql session for all: each statement between markers, its error
  // (if any) printed by psql itself through :LAST_ERROR_MESSAGE.
  const parts = ['\\set ON_ERROR_STOP 0', '\\pset fieldsep \'\\t\''];
  stmts.forEach((s, k) => {
    const { sql, params } = toDollar(s.sql);
    const args = params ? `(${Array(params).fill('NULL').join(', ')})` : '';
    const types = s.sig && s.sig.length === params && [...s.sig].every((c) => SIG_TYPES[c])
      ? `(${[...s.sig].map((c) => SIG_TYPES[c]).join(', ')})` : '';
    parts.push(
      `\\echo '@@stmt ${k}'`,
      `PREPARE s${k}${types} AS ${sql};`,
      '\\if :ERROR',
      '\\echo @@error :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE',
      '\\else',
      `SELECT '@@params', parameter_types FROM pg_prepared_statements WHERE name = 's${k}';`,
      `\\echo '@@columns'`,
      `EXECUTE s${k}${args} \\gdesc`,
      `DEALLOCATE s${k};`,
      '\\endif',
    );
  });
  const out = pg.script(parts.join('\n') + '\n');
  const res = stmts.map((s) => ({ name: s.name, file: s.file, sig: s.sig, sql: s.sql, ok: true, params: [], columns: [] }));
  let cur = null, inColumns = false;
  for (const line of out.split('\n')) {
    const m = line.match(/^@@stmt (\d+)$/);
    if (m) { cur = res[Number(m[1])]; inColumns = false; continue; }
    if (!cur || line === '') continue;
    if (line.startsWith('@@error ')) {
      const [, state, msg] = line.match(/^@@error (\S+) ([\s\S]*)$/);
      Object.assign(cur, { ok: false, sqlstate: state, error: msg });
    } else if (line.startsWith('@@params\t')) {
      const types = line.slice(9).replace(/^\{|\}$/g, '');
      cur.params = types === '' ? [] : types.split(',');
    } else if (line === '@@columns') inColumns = true;
    else if (inColumns && line.includes('\t')) {
      const [name, type] = line.split('\t');
      cur.columns.push({ name, type });
    }
  }
  for (const r of res) {
    if (!r.ok) continue;
    r.notes = [];
    if (r.sig !== null && r.sig !== undefined && r.sig.length !== r.params.length) {
      r.notes.push(`signature "${r.sig}" for ${r.params.length} parameters`);
    }
    r.params.forEach((t, k) => {
      if (t === 'integer' || t === 'smallint') r.notes.push(`$${k + 1} typed ${t} (int4: overflows past 2^31, e.g. a unix time in 2038)`);
      if (t === 'unknown' || t === '-') r.notes.push(`$${k + 1} has no type`);
    });
    r.columns.forEach((c, k) => {
      if (ODD_RESULT.has(c.type)) r.notes.push(`column ${k + 1} (${c.name}) is ${c.type}`);
    });
  }
  return res;
}

// The edited statements of PORTING.md: each ```sql NAME block.
function portingEdits(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^```sql ([A-Z_0-9]+)(?: "([a-z]*)")?\n([\s\S]*?)^```$/gm)]
    .map(([, name, sig, sql]) => ({ name, sig: sig ?? null, sql: sql.trim(), file }));
}

// Whether each statement compiles on SQLite: EXPLAIN prepares it without
// running it.  Returns [{ name, ok, error }].
function sqliteCompiles(stmts) {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-stmts-'));
  try {
    const db = join(dir, 'check.db');
    sqliteFresh(db);
    return stmts.map((s) => {
      try {
        execFileSync('sqlite3', ['-bail', db, `EXPLAIN ${s.sql}`], { stdio: ['ignore', 'ignore', 'pipe'] });
        return { name: s.name, ok: true };
      } catch (e) {
        return { name: s.name, ok: false, error: String(e.stderr).trim() };
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const argv = process.argv.slice(2);
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const porting = argv.includes('--porting');
  const stmts = porting
    ? portingEdits(opt('--porting') && !opt('--porting').startsWith('--') ? opt('--porting') : join(TOP, 'src/db/pg/PORTING.md'))
    : readStatements(opt('--defs') ?? DEFS);
  const pg = await startPg();
  let res;
  try {
    pg.psql(readFileSync(join(TOP, 'src/db/pg/schema.sql'), 'utf8'));
    res = await checkStatements({ pg, stmts });
  } finally {
    pg.stop();
  }
  if (porting) {
    const lite = sqliteCompiles(stmts);
    let bad = 0;
    res.forEach((r, k) => {
      const l = lite[k];
      // A numeric sum reads as an integer through text (PORTING.md): not
      // a failure of an edit.
      const notes = r.ok ? r.notes.filter((n) => !/ is numeric$/.test(n)) : [];
      const ok = r.ok && l.ok && notes.length === 0;
      if (!ok) bad++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `: postgresql: ${r.error}`}${l.ok ? '' : `: sqlite: ${l.error}`}${notes.length ? `: ${notes.join('; ')}` : ''}`);
    });
    console.log(`${res.length} edited statements: ${res.length - bad} prepare on both engines, ${bad} do not`);
    if (bad) process.exitCode = 1;
    return;
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify(res, null, 1));
  } else {
    for (const r of res) {
      if (!r.ok) console.log(`FAIL ${r.name} (${r.file}): ${r.sqlstate} ${r.error}`);
      else if (r.notes.length) console.log(`NOTE ${r.name}: ${r.notes.join('; ')}`);
      else if (argv.includes('--all')) console.log(`ok   ${r.name}`);
    }
    const failed = res.filter((r) => !r.ok).length;
    const noted = res.filter((r) => r.ok && r.notes.length).length;
    console.log(`${res.length} statements: ${res.length - failed} prepare on PostgreSQL, ${failed} do not; ${noted} prepare with notes`);
  }
  if (argv.includes('--strict') && res.some((r) => !r.ok || r.notes.length)) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
