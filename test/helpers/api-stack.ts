import { createTemporalHandle, type TemporalHandle } from '../../api/engine';
import { testEnv } from '../environment';
import { tcpRelay, type TcpRelay } from './tcp-relay';
import { seedDemoCases } from '../../db/seeds/demo-cases';
import { eventually } from './engine';
import { HttpClient, startTestApp, type TestApp } from './app';
import { createTestDatabase, type TestDatabase } from './db';
import { startTestWorker, testTemporalHandle, uniqueTaskQueue, type TestWorker } from './temporal';
import { seedDemo } from './users';

/** The demo firm's staff and its portal client, by the part of the email before the @. */
export const DEMO_PEOPLE = ['partner', 'li.ming', 'zhang.ting', 'assistant', 'finance', 'admin', 'client'] as const;
export type DemoPerson = (typeof DEMO_PEOPLE)[number];

export interface ApiStack {
  tdb: TestDatabase;
  app: TestApp;
  /** A signed-in HTTP client per demo person. */
  as: Record<DemoPerson, HttpClient>;
  /** User ids by the same names. */
  ids: Record<string, string>;
  close(): Promise<void>;
}

/**
 * An API test's world: a migrated real PostgreSQL with the demo firm and `historical` closed demo
 * cases, a real Temporal worker, the app on 127.0.0.1, and everyone signed in. `temporal` gives
 * the app's own Temporal client (one reaching the server through a relay, say).
 */
export async function startApiStack(
  prefix: string,
  opts: { historical: number; temporal?: (taskQueue: string) => TemporalHandle },
): Promise<ApiStack> {
  const tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  await seedDemoCases(tdb.db, null, { historical: opts.historical, now: new Date('2026-11-29T00:00:00Z') });
  const queue = uniqueTaskQueue(prefix);
  const worker: TestWorker = await startTestWorker(tdb.db, queue);
  const app = await startTestApp(tdb.db, { temporal: (opts.temporal ?? testTemporalHandle)(queue) });
  const as = {} as Record<DemoPerson, HttpClient>;
  for (const who of DEMO_PEOPLE) {
    as[who] = new HttpClient(app.url);
    const r = await as[who].login(`${who}@demo.lexflow`);
    if (r.status !== 200) throw new Error(`${who} could not sign in: ${r.status}`);
  }
  const users = await tdb.db('users').select('id', 'email');
  const ids: Record<string, string> = Object.fromEntries(users.map((u) => [u.email.split('@')[0], u.id]));
  return {
    tdb,
    app,
    as,
    ids,
    async close() {
      await app.close();
      await worker.stop();
      await tdb.drop();
    },
  };
}

/**
 * An API stack whose app reaches the test's Temporal server through a TCP relay the test cuts and
 * restores (a real outage); the worker keeps its own direct connection. Close the stack, then the link.
 */
export async function startRelayedApiStack(prefix: string, opts: { historical: number }): Promise<{ stack: ApiStack; link: TcpRelay }> {
  const [host, port] = testEnv('temporalAddress').split(':');
  const link = tcpRelay({ host, port: Number(port) });
  const relayed = `127.0.0.1:${await link.listen()}`;
  const stack = await startApiStack(prefix, {
    ...opts,
    temporal: (taskQueue) => createTemporalHandle({ address: relayed, namespace: 'default', taskQueue }),
  });
  return { stack, link };
}

/**
 * Opens a civil first-instance case led by 李明 for a new organisation client, and waits until its
 * workflow has opened the first task (after that the case row rests). Answers the ids.
 */
export async function openRestingCase(
  stack: ApiStack,
  names: { client: string; title: string },
): Promise<{ clientId: string; caseId: string }> {
  const lawyer = stack.as['li.ming'];
  const client = (await lawyer.post('/api/v1/clients', { kind: 'organisation', name: names.client })).body;
  const kase = (
    await lawyer.post('/api/v1/cases', {
      title: names.title,
      clientId: client.id,
      practiceArea: 'civil',
      caseType: 'first_instance',
      leadLawyerId: stack.ids['li.ming'],
      parties: [{ role: 'opposing', kind: 'person', name: '对方' }],
    })
  ).body;
  await eventually(() => stack.tdb.db('tasks').where({ case_id: kase.id, status: 'open' }).first('id'));
  return { clientId: client.id, caseId: kase.id };
}
