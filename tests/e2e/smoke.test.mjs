import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';
test('smoke', async () => {
  let ids;
  const s = await startStack({ setup: (st) => { ids = cast(st); } });
  try {
    const c = new Client(s);
    await c.login('client@example.com');
    const r = await c.get('/contracts');
    assert.equal(r.status, 200);
    assert.match(mainText(r.text), /Mobile app API/);
  } finally { await s.stop(); }
});
