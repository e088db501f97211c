// Does every statement of the app prepare on PostgreSQL?  Reads each
// STMT(...) of src/db/stmts*.def (STMT(NAME, "sig", "sql"): the SQL is the
// last argument, string literals and #define'd macros of them,
// concatenated as C does), takes instead the PostgreSQL text of
// src/db/pg/stmts-pg.def (PG(NAME, "sql")) where it has one, turns ?N
// into $N, and PREPAREs it on a throwaway PostgreSQL at the app's schema
// (src/db/pg/schema.sql and its migrations), the parameters declared as
// the C side binds them (i and n int8, t text, b bytea: src/db/db.h).
// Prints, for each statement that fails, why; and for those that
// prepare, what the C side should know: parameters typed int4 (a unix
// time overflows them in 2038), signatures that do not fit, and result
// columns that are boolean or numeric where SQLite gives an integer.
//
//	node tests/pg/stmts.mjs [--all] [--strict] [--json] [--defs DIR]
//
// --all prints every statement, --json the whole result as JSON, --defs
// reads the .def files of another directory (and its pg/stmts-pg.def).
// Exits 1 when a statement does not prepare, or prepares with a note
// other than a numeric column (the engine reads results as text, and
// strtoll reads a numeric sum as it reads a bigint: PORTING.md); with
// --strict, a numeric column fails too.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pgSchema, startPg } from './pg.mjs';
import { TOP } from './sqlite.mjs';

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

// Each call of macro (STMT or PG) in the tokens of file, as
// { name, args, file }: the arguments' tokens, split at commas outside
// parentheses; #define'd strings go into macros.
function calls(file, macro, macros) {
  const toks = lex(readFileSync(file, 'utf8'));
  const out = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.define) { macros.set(t.define, t.body); continue; }
    if (t.id !== macro || toks[i + 1]?.p !== '(') continue;
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
    if (name && args.length >= 2) out.push({ name, args });	// else the macro's own definition, say
  }
  return out;
}

// Every STMT(...) of the .def files: [{ name, sig, sql, file }].
export function readStatements(dir = DEFS) {
  const files = readdirSync(dir).filter((f) => /^stmts.*\.def$/.test(f)).sort();
  const macros = new Map();
  return files.flatMap((file) => calls(join(dir, file), 'STMT', macros).map(({ name, args }) => ({
    name, file,
    sig: args.length > 2 ? strValue(args[1], macros) : null,
    sql: strValue(args[args.length - 1], macros),
  })));
}

// The statements as the PostgreSQL engine prepares them: each with its
// text of pg/stmts-pg.def where that has one (pg: true).  An override
// of no statement of the table, or with other parameters, throws.
export function pgStatements(dir = DEFS) {
  const stmts = readStatements(dir);
  const file = join(dir, 'pg/stmts-pg.def');
  if (!existsSync(file)) return stmts;
  for (const { name, args } of calls(file, 'PG', new Map())) {
    const s = stmts.find((x) => x.name === name);
    if (!s) throw new Error(`pg/stmts-pg.def: ${name} is no statement of the shared table`);
    const sql = strValue(args[args.length - 1], new Map());
    if (toDollar(sql).params !== toDollar(s.sql).params) {
      throw new Error(`pg/stmts-pg.def: ${name} has ${toDollar(sql).params} parameters, `
        + `the shared one ${toDollar(s.sql).params}`);
    }
    Object.assign(s, { sql, file: 'pg/stmts-pg.def', pg: true });
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
  const res = stmts.map((s) => ({ name: s.name, file: s.file, sig: s.sig, sql: s.sql, pg: s.pg === true, ok: true, params: [], columns: [] }));
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

async function main() {
  const argv = process.argv.slice(2);
  const opt = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
  const stmts = pgStatements(opt('--defs') ?? DEFS);
  const pg = await startPg();
  let res, version;
  try {
    version = pgSchema(pg);
    res = await checkStatements({ pg, stmts });
  } finally {
    pg.stop();
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
    const own = res.filter((r) => r.pg).length;
    console.log(`${res.length} statements (${own} in PostgreSQL's own text), schema ${version}: `
      + `${res.length - failed} prepare on PostgreSQL, ${failed} do not; ${noted} prepare with notes`);
  }
  const strict = argv.includes('--strict');
  const bad = res.filter((r) => !r.ok || r.notes.some((n) => strict || !/ is numeric$/.test(n)));
  if (bad.length) {
    console.log(`FAILED: ${bad.map((r) => r.name).join(', ')}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
