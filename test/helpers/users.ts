import { hashPassword } from '../../api/identity';
import type { Db } from '../../db/connection';
import { seedDemoFirm } from '../../db/seeds/demo';

let cachedHash: Promise<string> | undefined;

/** The demo firm (password lexflow-demo for everyone), hashed once per test file. */
export async function seedDemo(db: Db) {
  cachedHash ??= hashPassword('lexflow-demo');
  const hash = await cachedHash;
  return seedDemoFirm(db, async () => hash);
}
