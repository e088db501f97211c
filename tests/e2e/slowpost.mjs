// The attacker of connections.test.mjs, in a process of its own so that
// its thousands of sockets do not slow the honest client's event loop:
//   node slowpost.mjs PORT COUNT
// keeps COUNT connections from 127.0.0.2 to 127.0.0.1:PORT, each a POST
// with Content-Length: 200000 sending a byte every 2 s, and opens a new
// one for each that closes.  Prints "ready" once all have sent their
// headers; when its stdin closes it stops and prints one JSON line:
// { opened, refused (answered 429), held (still open, unanswered) }.
import { connect } from 'node:net';

const [port, count] = process.argv.slice(2).map(Number);
const slow = new Set();
let opened = 0, refused = 0, attacking = true;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function open() {
  const c = { answered: false, closed: false };
  opened++;
  c.sock = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.2' }, () => {
    c.sock.write('POST /logout HTTP/1.1\r\nHost: 127.0.0.1\r\n' +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 200000\r\n\r\nc');
  });
  c.sock.on('data', (d) => { if (/^HTTP\/1\.1 429/.test(d.toString('latin1'))) c.answered = true; });
  c.sock.on('error', () => {});
  c.sock.on('close', () => {
    c.closed = true;
    slow.delete(c);
    if (c.answered) refused++;
    if (attacking) open();
  });
  slow.add(c);
}

for (let i = 0; i < count; i += 100) {
  for (let j = i; j < Math.min(count, i + 100); j++) open();
  await sleep(50);
}
// Every 2 s: a byte on each connection still waiting; a refused one is
// dropped (and so replaced).
const drip = setInterval(() => {
  for (const c of slow) {
    if (c.answered) c.sock.destroy();
    else if (!c.closed) c.sock.write('c');
  }
}, 2000);
await sleep(2000);
console.log('ready');
process.stdin.resume();
process.stdin.on('end', async () => {
  attacking = false;
  clearInterval(drip);
  await sleep(1000);	// answers already sent are read before counting
  const held = [...slow].filter((c) => !c.closed && !c.answered).length;
  for (const c of slow) c.sock.destroy();
  console.log(JSON.stringify({ opened, refused, held }));
  process.exit(0);
});
