// A FastCGI client, to speak to one of make cluster's hosts directly
// rather than through nginx (which picks the host): one request per
// connection, the parameters the app reads (src/http/request.c) as nginx's
// fastcgi_params would pass them.
//
//   const r = await fcgi('127.0.0.22:9000', 'GET', '/contracts', { cookie });
//   r.status, r.headers (name in lower case -> [values]), r.text
import { connect } from 'node:net';

const BEGIN_REQUEST = 1, END_REQUEST = 3, PARAMS = 4, STDIN = 5, STDOUT = 6, STDERR = 7;

function record(type, content = Buffer.alloc(0)) {
  const pad = (8 - (content.length % 8)) % 8;
  const head = Buffer.from([1, type, 0, 1, content.length >> 8, content.length & 255, pad, 0]);
  return Buffer.concat([head, content, Buffer.alloc(pad)]);
}

// A name-value pair's length: one byte below 128, else four with the top
// bit set.
function len(n) {
  if (n < 128) return Buffer.from([n]);
  const b = Buffer.alloc(4);
  b.writeUInt32BE((n | 0x80000000) >>> 0);
  return b;
}

function params(env) {
  const parts = [];
  for (const [k, v] of Object.entries(env)) {
    const kb = Buffer.from(k), vb = Buffer.from(String(v));
    parts.push(len(kb.length), len(vb.length), kb, vb);
  }
  return Buffer.concat(parts);
}

// One request to the responder at addr ("host:port"): { status, headers,
// text }.  Rejects when the connection fails, or after timeout ms.
export function fcgi(addr, method, path, { cookie = '', body = '', userAgent = 'contracts-tests', timeout = 20000 } = {}) {
  const [host, port] = [addr.slice(0, addr.lastIndexOf(':')), Number(addr.slice(addr.lastIndexOf(':') + 1))];
  const q = path.indexOf('?');
  const env = {
    GATEWAY_INTERFACE: 'CGI/1.1', SERVER_SOFTWARE: 'contracts-tests', SERVER_PROTOCOL: 'HTTP/1.1',
    REQUEST_METHOD: method, REQUEST_URI: path, DOCUMENT_URI: q < 0 ? path : path.slice(0, q),
    SCRIPT_NAME: q < 0 ? path : path.slice(0, q), QUERY_STRING: q < 0 ? '' : path.slice(q + 1),
    REMOTE_ADDR: '127.0.0.1', REMOTE_PORT: '40000', SERVER_ADDR: '127.0.0.1', SERVER_PORT: '80',
    SERVER_NAME: '127.0.0.1', HTTP_HOST: '127.0.0.1', HTTP_USER_AGENT: userAgent,
  };
  if (cookie) env.HTTP_COOKIE = cookie;
  const data = Buffer.from(body);
  if (method === 'POST') {
    env.CONTENT_TYPE = 'application/x-www-form-urlencoded';
    env.CONTENT_LENGTH = String(data.length);
  }
  const out = [record(BEGIN_REQUEST, Buffer.from([0, 1, 0, 0, 0, 0, 0, 0])),
    record(PARAMS, params(env)), record(PARAMS)];
  for (let i = 0; i < data.length; i += 65535) out.push(record(STDIN, data.subarray(i, i + 65535)));
  out.push(record(STDIN));

  return new Promise((ok, fail) => {
    const sock = connect({ host, port });
    const chunks = [];
    let stdout = [];
    let ended = false;
    sock.setTimeout(timeout, () => sock.destroy(new Error(`FastCGI ${addr}: no answer in ${timeout} ms`)));
    sock.on('connect', () => sock.end(Buffer.concat(out)));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', fail);
    sock.on('close', () => {
      const buf = Buffer.concat(chunks);
      for (let i = 0; i + 8 <= buf.length;) {
        const type = buf[i + 1], clen = buf.readUInt16BE(i + 4), pad = buf[i + 6];
        const content = buf.subarray(i + 8, i + 8 + clen);
        if (type === STDOUT) stdout.push(content);
        else if (type === END_REQUEST) ended = true;
        else if (type !== STDERR) { fail(new Error(`FastCGI ${addr}: record type ${type}`)); return; }
        i += 8 + clen + pad;
      }
      if (!ended) { fail(new Error(`FastCGI ${addr}: closed before the end of the request`)); return; }
      const resp = Buffer.concat(stdout).toString('utf8');
      const split = resp.indexOf('\r\n\r\n');
      const head = split < 0 ? resp : resp.slice(0, split);
      const headers = {};
      for (const line of head.split('\r\n')) {
        const c = line.indexOf(':');
        if (c < 0) continue;
        const name = line.slice(0, c).trim().toLowerCase();
        (headers[name] ||= []).push(line.slice(c + 1).trim());
      }
      const status = headers.status ? Number(headers.status[0].split(' ')[0]) : 200;
      ok({ status, headers, text: split < 0 ? '' : resp.slice(split + 4) });
    });
  });
}
