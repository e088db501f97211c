// Public profiles through the real stack: any signed-in user; 404 for a
// missing id; name and member since (never the email); only revealed
// public feedback received, with its average and count; never hidden
// feedback, never the private part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, Client, cast, mainText } from './lib.mjs';

const T = (s) => Date.parse(s) / 1000;

function end(st, id, by, at) {
  st.sql(`UPDATE contracts SET status = 'ended', ended_at = ${T(at)}, ended_by = ${by}, ` +
    `end_reason = 'done' WHERE id = ${id}`);
}

function leave(st, { contract, side, author, recipient, stars, overall, comment, at }) {
  const cols = side === 'client'
    ? ['skills', 'quality', 'availability', 'schedule', 'communication', 'cooperation']
    : ['clarity', 'communication', 'schedule', 'cooperation', 'availability'];
  st.sql(`INSERT INTO feedback (contract_id, side, author_id, recipient_id, ${cols.join(', ')}, ` +
    `overall, comment, private_reason, private_score, created_at) VALUES (${contract}, '${side}', ` +
    `${author}, ${recipient}, ${cols.map(() => stars).join(', ')}, ${overall}, '${comment}', ` +
    `'PRIVMARK-${comment}', 2, ${T(at)})`);
}

test('profile: revealed feedback only, average and count, no private part, no email', async () => {
  let ids, late;
  const s = await startStack({
    now: '2026-11-25T10:00:00Z',
    setup: (st) => {
      ids = cast(st);
      const c = (title) => st.ctl('contract', 'add', '--title', title, '--client', 'client@example.com',
        '--freelancer', 'freelancer@example.com', '--fixed', '100.00', '--started', '2026-06-01');
      late = c('Old audit');
      // Both left: revealed.
      end(st, ids.hourly, ids.client, '2026-11-20T15:00:00Z');
      leave(st, { contract: ids.hourly, side: 'client', author: ids.client, recipient: ids.freelancer,
        stars: 5, overall: 500, comment: 'REVEALED-BOTH', at: '2026-11-21T09:00:00Z' });
      leave(st, { contract: ids.hourly, side: 'freelancer', author: ids.freelancer, recipient: ids.client,
        stars: 4, overall: 400, comment: 'FOR-CLIENT', at: '2026-11-22T09:00:00Z' });
      // One left, the window still open: hidden.
      end(st, ids.fixed, ids.client, '2026-11-23T15:00:00Z');
      leave(st, { contract: ids.fixed, side: 'client', author: ids.client, recipient: ids.freelancer,
        stars: 1, overall: 100, comment: 'HIDDEN-ONE', at: '2026-11-24T09:00:00Z' });
      // One left, the window closed long ago: revealed.
      end(st, late, ids.client, '2026-07-01T15:00:00Z');
      leave(st, { contract: late, side: 'client', author: ids.client, recipient: ids.freelancer,
        stars: 4, overall: 433, comment: 'REVEALED-CLOSED', at: '2026-07-02T09:00:00Z' });
    },
  });
  try {
    const stranger = new Client(s);
    let r = await stranger.get(`/users/${ids.freelancer}`);
    assert.equal(r.status, 303);	// sign-in needed
    await stranger.login('stranger@example.com');
    r = await stranger.get(`/users/${ids.freelancer}`);
    assert.equal(r.status, 200);
    const text = mainText(r.text);
    assert.match(text, /^Felix Freelancer Member since /);
    assert.doesNotMatch(r.text, /freelancer@example\.com/);
    assert.match(text, /REVEALED-BOTH/);
    assert.match(text, /REVEALED-CLOSED/);
    assert.doesNotMatch(r.text, /HIDDEN-ONE|PRIVMARK/);
    // (500 + 433) / 2 = 466.5 hundredths: 4.67.
    assert.match(text, /4\.67 out of 5 From 2 reviews/);
    assert.match(text, /Mobile app API .* from Clara Client, as the freelancer/);
    r = await stranger.get(`/users/${ids.client}`);
    assert.match(mainText(r.text), /FOR-CLIENT/);
    assert.match(mainText(r.text), /4\.00 out of 5 From 1 review\b/);
    assert.doesNotMatch(r.text, /PRIVMARK/);

    // The freelancer's own view is the public one: still not the hidden one.
    const freelancer = new Client(s);
    await freelancer.login('freelancer@example.com');
    r = await freelancer.get(`/users/${ids.freelancer}`);
    assert.doesNotMatch(r.text, /HIDDEN-ONE|PRIVMARK/);
    assert.match(mainText(r.text), /this is your public profile/);

    r = await stranger.get(`/users/${ids.owner}`);
    assert.match(mainText(r.text), /No feedback to show yet/);
    assert.equal((await stranger.get('/users/99999')).status, 404);
    assert.equal((await stranger.get('/users/0')).status, 404);
    assert.equal((await stranger.get('/users/abc')).status, 404);
  } finally { await s.stop(); }
});
