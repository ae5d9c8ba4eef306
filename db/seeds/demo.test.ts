import { verifyPassword } from '../../api/identity';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db';
import { seedDemo } from '../../test/helpers/users';
import { DEMO_PASSWORD } from './demo';

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(() => tdb.drop());

describe('the demo firm', () => {
  it('seeds every role once, with argon2 hashes of the demo password, and never twice', async () => {
    expect(await seedDemo(tdb.db)).toEqual({ seeded: true, users: 7, clients: 4 });
    const users = await tdb.db('users').orderBy('email');
    expect(users.map((u) => u.role).sort()).toEqual(['admin', 'assistant', 'client', 'finance', 'lawyer', 'lawyer', 'partner']);
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(['partner@demo.lexflow', 'admin@demo.lexflow']));
    for (const u of users) expect(u.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(users[0].password_hash, DEMO_PASSWORD)).toBe(true);

    const portal = users.find((u) => u.role === 'client');
    const membership = await tdb.db('portal_memberships').where({ user_id: portal.id }).whereNull('revoked_at').first();
    const client = await tdb.db('clients').where({ id: membership.client_id }).first();
    expect(client.name).toBe(portal.name);
    expect(await tdb.db('clients').count('* as n').first()).toEqual({ n: '4' });

    expect(await seedDemo(tdb.db)).toEqual({ seeded: false, users: 0, clients: 0 });
    expect(await tdb.db('users').count('* as n').first()).toEqual({ n: '7' });
  });
});
