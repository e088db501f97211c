// The help article through the real stack: public, written for this
// product's rules (with a worked example dated from the pinned now), and
// "Was this article helpful?": one vote per signed-in user, changeable,
// counted as "N out of M found this helpful".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

test('help article: public, this product\'s numbers, votes once per user and changeable', async () => {
  let ids;
  const s = await startStack({ now: '2026-11-25T10:00:00Z', setup: (st) => { ids = cast(st); } });
  try {
    const anon = new Client(s);
    let r = await anon.get('/help/ending-a-contract');
    assert.equal(r.status, 200);
    const text = mainText(r.text);
    for (const rule of [/Work Diary is locked at once/, /Monday 11:59 UTC/, /Monday at 12:00 UTC/,
      /Friday 23:59 UTC/, /Wednesday after/, /3 days/, /7 days/, /180 days/, /14 days/,
      /midnight UTC/, /double-blind/i, /never shown to the other side/, /28 days/, /5,000 characters/,
      /Talk to the other side first/, /Discuss the work/, /check the current week's Work Diary/,
      /Revoke passwords/, /Send reminder/]) {
      assert.match(text, rule);
    }
    // The worked example, from Wednesday 2026-11-25.
    assert.match(text, /invoiced Mon, Nov 30, 2026, 12:00 UTC/);
    assert.match(text, /dispute them until Fri, Dec 4, 2026, 23:59 UTC/);
    assert.match(text, /available on Wed, Dec 9, 2026/);
    assert.match(text, /Payments made since Fri, May 29, 2026/);
    assert.match(text, /available on Wed, Dec 9, 2026, 00:00 UTC\./);
    assert.match(text, /until Thu, Dec 10, 2026, 00:00 UTC, the end of the 14th day after;/);
    assert.match(text, /No one has answered yet\./);
    assert.doesNotMatch(text, /0 out of 0/);
    assert.match(text, /Sign in to answer/);
    assert.doesNotMatch(r.text, /helpful\/vote|ending-a-contract\/vote/);

    const before = s.snapshot();
    r = await anon.post('/help/ending-a-contract/vote', { helpful: 'yes' });
    assert.notEqual(r.status, 200);
    assert.deepEqual(s.snapshot(), before);

    const client = new Client(s);
    await client.login('client@example.com');
    r = await client.get('/help/ending-a-contract');
    assert.match(r.text, /<button type="submit" name="helpful" value="yes"/);
    for (const bad of [{ helpful: 'maybe' }, {}, { helpful: 'YES' }]) {
      r = await client.post('/help/ending-a-contract/vote', bad);
      assert.equal(r.status, 400);
      assert.match(mainText(r.text), /Helpful: answer yes or no/);
    }
    assert.deepEqual(s.snapshot(), before);

    const tally = async (c) => mainText((await c.get('/help/ending-a-contract')).text).match(/\d+ out of \d+ found this helpful/)[0];
    r = await client.post('/help/ending-a-contract/vote', { helpful: 'yes' });
    assert.equal(r.status, 303);
    assert.equal(r.location, '/help/ending-a-contract#helpful');
    assert.equal(await tally(client), '1 out of 1 found this helpful');
    r = await client.post('/help/ending-a-contract/vote', { helpful: 'yes' });
    assert.equal(await tally(client), '1 out of 1 found this helpful');
    r = await client.post('/help/ending-a-contract/vote', { helpful: 'no' });
    assert.equal(r.status, 303);
    r = await client.get('/help/ending-a-contract');
    assert.match(mainText(r.text), /You answered no/);
    assert.match(mainText(r.text), /0 out of 1 found this helpful/);
    const freelancer = new Client(s);
    await freelancer.login('freelancer@example.com');
    await freelancer.post('/help/ending-a-contract/vote', { helpful: 'yes' });
    assert.equal(await tally(anon), '1 out of 2 found this helpful');
    assert.deepEqual(s.sql('SELECT user_id, helpful FROM help_votes ORDER BY user_id'),
      [{ user_id: ids.client, helpful: 0 }, { user_id: ids.freelancer, helpful: 1 }]);
  } finally { await s.stop(); }
});
