import type { Db } from '../connection';

/** How a client is reached: its portal accounts (`portal-memberships.ts`), else the email on its record. */

export { activePortalUsers, clientHasPortalAccount } from './portal-memberships';

export async function clientEmail(db: Db, clientId: string): Promise<string | null> {
  return (await db('clients').where({ id: clientId }).first('email'))?.email ?? null;
}
