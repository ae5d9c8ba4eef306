import type { Db } from '../connection';

/** How a client is reached: its portal accounts, else the email on its record. */

export async function clientEmail(db: Db, clientId: string): Promise<string | null> {
  return (await db('clients').where({ id: clientId }).first('email'))?.email ?? null;
}

export async function activePortalUsers(db: Db, clientId: string): Promise<Array<{ id: string; email: string; locale: string }>> {
  return db('users').where({ client_id: clientId, active: true }).select('id', 'email', 'locale');
}

/** Whether the client has a portal account (active or not). */
export async function clientHasPortalAccount(db: Db, clientId: string): Promise<boolean> {
  return Boolean(await db('users').where({ client_id: clientId }).first('id'));
}
