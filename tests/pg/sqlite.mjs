// A fresh SQLite database at the app's schema, for comparing with
// PostgreSQL: made by contractsctl's own migrations when it is built
// (cgi-bin/contractsctl), else by the same schema files, in the
// Makefile's order, through the sqlite3 CLI.  With upto below the app's
// version (the one src/db/pg/ has reached): the first upto files,
// through the sqlite3 CLI (which lacks week_start(), which schema 10
// needs: contractsctl only from there).  Returns how it was made.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const TOP = resolve(new URL('../..', import.meta.url).pathname);
const CTL = join(TOP, 'cgi-bin/contractsctl');

export function sqliteFresh(db, upto) {
  const make = readFileSync(join(TOP, 'Makefile'), 'utf8');
  const m = make.match(/^SCHEMAS\s*=\s*((?:.*\\\n)*.*)$/m);
  const all = m[1].replace(/\\\n/g, ' ').trim().split(/\s+/);
  if (existsSync(CTL) && (upto === undefined || upto === all.length)) {
    execFileSync(CTL, ['--db', db, 'check'], { stdio: ['ignore', 'pipe', 'pipe'] });
    return 'contractsctl';
  }
  const files = all.slice(0, upto);
  const sql = files.map((f) => readFileSync(join(TOP, f), 'utf8')).join('\n');
  execFileSync('sqlite3', ['-bail', db], { input: `${sql}\nPRAGMA user_version = ${files.length};` });
  return 'sqlite3';
}
