import type { Db } from '../../db/connection';
import { deleteContact, listContacts, saveContact, type ContactInput } from '../../db/repositories/clients';
import { AppError } from '../app-error';
import type { Actor } from '../cases';
import { assertClientAccess } from './client-records';

/** A client's contact people, for who may see the client. */
export async function clientContacts(db: Db, actor: Actor, clientId: string) {
  await assertClientAccess(db, actor, clientId);
  return { items: await listContacts(db, clientId) };
}

/** Adds a contact; marking it primary unmarks the others (saveContact does both in one transaction). */
export async function addContact(db: Db, actor: Actor, clientId: string, input: ContactInput) {
  await assertClientAccess(db, actor, clientId);
  return (await saveContact(db, clientId, input))!;
}

/** Changes a contact of this client; marking it primary unmarks the others, as when adding one. */
export async function changeContact(db: Db, actor: Actor, clientId: string, contactId: string, patch: Partial<ContactInput>) {
  await assertClientAccess(db, actor, clientId);
  const c = await saveContact(db, clientId, patch, contactId);
  if (!c) throw new AppError('not-found', 'no such contact');
  return c;
}

export async function removeContact(db: Db, actor: Actor, clientId: string, contactId: string): Promise<void> {
  await assertClientAccess(db, actor, clientId);
  if (!(await deleteContact(db, clientId, contactId))) throw new AppError('not-found', 'no such contact');
}
