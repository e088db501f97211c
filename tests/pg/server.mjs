// A throwaway PostgreSQL for a whole test run (make e2e-pg) or by hand:
// starts one (tests/pg/pg.mjs), writes its superuser URI to the file
// named by the first argument, and runs until SIGTERM or SIGINT, then
// removes it.  Its socket's directory is opened to every user, since the
// app's workers run as the user contracts.
//
//   node tests/pg/server.mjs var/pg.uri &
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { startPg } from './pg.mjs';

const out = process.argv[2];
if (!out) { console.error('usage: server.mjs URI-FILE'); process.exit(2); }
const pg = await startPg({ settings: { max_connections: 200 } });
chmodSync(pg.dir, 0o755);
writeFileSync(`${out}.tmp`, `${pg.superuri}\n`);
renameSync(`${out}.tmp`, out);	// whole, or not there
const stop = () => { pg.stop(); rmSync(out, { force: true }); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setInterval(() => {}, 1 << 30);
