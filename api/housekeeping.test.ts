import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { seedDemo } from '../test/helpers/users';
import { housekeepOnce } from './housekeeping';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
});
afterAll(() => tdb.drop());

it('deletes expired sessions and login attempts older than 90 days, and nothing else', async () => {
  const user = await tdb.db('users').first();
  await tdb.db('sessions').insert([
    { id_hash: 'live', user_id: user.id, expires_at: tdb.db.raw("now() + interval '1 hour'") },
    { id_hash: 'dead', user_id: user.id, expires_at: tdb.db.raw("now() - interval '1 second'") },
  ]);
  await tdb.db('login_attempts').insert([
    { email_norm: 'a@b.cn', succeeded: false, at: tdb.db.raw("now() - interval '91 days'") },
    { email_norm: 'a@b.cn', succeeded: false, at: tdb.db.raw("now() - interval '89 days'") },
  ]);
  expect(await housekeepOnce(tdb.db)).toEqual({ sessions: 1, loginAttempts: 1, idempotencyKeys: 0 });
  expect(await tdb.db('sessions').pluck('id_hash')).toEqual(['live']);
  expect(await tdb.db('login_attempts').count('* as n').first()).toEqual({ n: '1' });
});
