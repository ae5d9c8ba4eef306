/**
 * The fault test (issue 14, "Keep the evidence"): the same deterministic plan of cases is walked
 * twice by concurrent clients through the real `lexflow api` process and a real worker process —
 * once undisturbed, once while both are SIGKILLed and restarted twice each — and the two results
 * must be the same: one case per planned case, the same tasks, stages, billing events,
 * notifications, outbox mail and case events, no duplicates by natural key, and every workflow
 * that should have finished completed. It prints what it compared.
 */
import { freePort } from '../../cli/runtime/ports';
import type { TemporalHandle } from '../../api/engine';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { eventually } from '../helpers/engine';
import { testTemporalHandle, uniqueTaskQueue } from '../helpers/temporal';
import { seedDemo } from '../helpers/users';
import type { ChildService } from '../helpers/child-service';
import { lexflowApi, testWorkerProcess } from '../helpers/api-process';
import { comparisonTable, differences, runningOnQueue, snapshotWalk, type WalkSnapshot } from './compare-walks';
import { runFaults, type FaultRecord } from './fault-schedule';
import { newTraffic, RetryingClient, type Traffic } from './retrying-client';
import { caseTitle, planCases, walkCase, type CaseWalk, type PlannedCase, type WalkWorld } from './walk-plan';

const PLANNED = 6;
const taskQueue = uniqueTaskQueue('fault');
let tdb: TestDatabase;
let api: ChildService;
let worker: ChildService;
let temporal: TemporalHandle;
let baseUrl: string;
let cookie: string;
let people: Pick<WalkWorld, 'clientId' | 'ids'>;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  worker = testWorkerProcess({ databaseUrl: tdb.url, taskQueue, publicUrl: baseUrl });
  // The real command, as deployed: `lexflow api` with its configuration from the environment.
  api = lexflowApi({ databaseUrl: tdb.url, taskQueue, port });
  await Promise.all([worker.start(), api.start()]);
  temporal = testTemporalHandle(taskQueue);

  // One sign-in; every walker carries its session cookie (sessions live in PostgreSQL and outlive an API restart).
  const signIn = new RetryingClient(baseUrl, newTraffic());
  const r = await signIn.send('POST', '/api/v1/auth/login', {
    kind: 'login',
    json: { email: 'li.ming@demo.lexflow', password: 'lexflow-demo' },
  });
  if (r.status !== 200) throw new Error(`sign-in: ${r.status} ${JSON.stringify(r.body)}`);
  cookie = signIn.cookie;
  const users = await tdb.db('users').select('id', 'email');
  const id = (name: string) => users.find((u) => u.email === `${name}@demo.lexflow`)!.id as string;
  const client = await tdb.db('clients').orderBy('name').first('id');
  people = { clientId: client.id, ids: { lead: id('li.ming'), partner: id('partner'), assistant: id('assistant') } };
}, 120_000);

afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  await temporal?.connection.close();
  await tdb?.drop();
});

interface WalkRun {
  walks: CaseWalk[];
  failures: string[];
  traffic: Traffic;
  faults: FaultRecord[];
  seconds: number;
}

/** Walks the plan with one concurrent client per case; `faults`, if given, runs beside the walkers. */
async function runWalk(label: string, plan: PlannedCase[], faults?: (world: WalkWorld, walkOver: () => boolean) => Promise<FaultRecord[]>) {
  const started = Date.now();
  const traffic = newTraffic();
  const world: WalkWorld = {
    client: new RetryingClient(baseUrl, traffic, cookie),
    label,
    ...people,
    counters: { opened: 0, completed: 0 },
  };
  let over = false;
  const walking = Promise.allSettled(plan.map((pc) => walkCase(world, pc))).finally(() => (over = true));
  const [settled, faultsDone] = await Promise.all([walking, faults ? faults(world, () => over) : Promise.resolve([])]);
  const run: WalkRun = {
    walks: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    failures: settled.flatMap((s, i) => (s.status === 'rejected' ? [`case ${i}: ${(s.reason as Error).message}`] : [])),
    traffic,
    faults: faultsDone,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  // The last writes of a finished case (its row closed) may trail the last answer: wait for them, a while.
  const titles = plan.map((pc) => caseTitle(label, pc.index));
  await eventually(async () => !(await tdb.db('cases').whereIn('title', titles).whereNot({ status: 'closed' }).first('id')), 15_000).catch(
    () => undefined,
  );
  return run;
}

/** The retried requests by kind, final answer and what made them retry, e.g. "complete 3 (200×2, 409×1; after connection, 503)". */
function retrySummary(traffic: Traffic): string {
  const byKind = new Map<string, { answers: Map<number, number>; causes: Set<string> }>();
  for (const r of traffic.retried) {
    const k = byKind.get(r.kind) ?? { answers: new Map<number, number>(), causes: new Set<string>() };
    k.answers.set(r.finalStatus, (k.answers.get(r.finalStatus) ?? 0) + 1);
    r.causes.forEach((c) => k.causes.add(c));
    byKind.set(r.kind, k);
  }
  const parts = [...byKind].map(([kind, { answers, causes }]) => {
    const total = [...answers.values()].reduce((a, b) => a + b, 0);
    return `${kind} ${total} (${[...answers].map(([status, n]) => `${status}×${n}`).join(', ')}; after ${[...causes].join(', ')})`;
  });
  const sent = Object.entries(traffic.sent)
    .filter(([, n]) => n)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `  requests sent: ${sent}\n  retried after a fault: ${parts.join('; ') || 'none'}`;
}

function report(
  plan: PlannedCase[],
  clean: WalkRun,
  faulty: WalkRun,
  a: WalkSnapshot,
  b: WalkSnapshot,
  diffs: string[],
  running: string[],
): string {
  const anomalies = faulty.walks.flatMap((w) => w.anomalies.map((x) => `case ${w.index}: ${x}`));
  return [
    `fault test: ${plan.length} cases over ${new Set(plan.map((p) => p.template)).size} templates; fault-free walk ${clean.seconds} s, faulty walk ${faulty.seconds} s`,
    ...faulty.faults.map(
      (f) =>
        `  fault at ${f.at.toFixed(1)} s: ${f.what}${f.aimed ? ` (${f.aimed === 'hit' ? 'on target' : 'target missed, struck at the next request'})` : ''}`,
    ),
    retrySummary(faulty.traffic),
    comparisonTable(plan, a, b),
    `  still running on the task queue: ${running.length ? running.join(', ') : 'none'}`,
    ...(clean.failures.length ? ['fault-free walk failures:', ...clean.failures.map((f) => `  ${f}`)] : []),
    ...(faulty.failures.length ? ['faulty walk failures:', ...faulty.failures.map((f) => `  ${f}`)] : []),
    ...(anomalies.length ? ['answers a retried request should not get:', ...anomalies.map((x) => `  ${x}`)] : []),
    ...(diffs.length ? ['differences:', ...diffs.map((d) => `  ${d}`)] : ['differences: none']),
  ].join('\n');
}

describe('the fault test', () => {
  it('a walk while the worker and the API are each SIGKILLed twice leaves exactly what a fault-free walk leaves', async () => {
    const plan = planCases(PLANNED);
    const clean = await runWalk('ff', plan);
    const faulty = await runWalk('fx', plan, (world, walkOver) =>
      runFaults({ api, worker, traffic: world.client.traffic, db: tdb.db, counters: world.counters, planned: plan.length, walkOver }),
    );
    const a = await snapshotWalk(tdb.db, temporal.client, 'ff', plan);
    const b = await snapshotWalk(tdb.db, temporal.client, 'fx', plan);
    const diffs = differences(plan, a, b);
    const running = await runningOnQueue(temporal.client, taskQueue);
    console.log(report(plan, clean, faulty, a, b, diffs, running));

    // The baseline must itself be whole, or "equal" would mean nothing.
    expect(clean.failures).toEqual([]);
    expect(a.perCase.map((c) => [c.cases, c.caseStatus, c.workflows])).toEqual(plan.map(() => [['1'], ['closed'], ['COMPLETED']]));
    // Every fault happened (a walk that outran its faults proves nothing).
    expect(faulty.faults.map((f) => f.what.split(' ')[0])).toEqual(['API', 'worker', 'API', 'worker']);
    // Then everything else at once, so a failure names all of it.
    const anomalies = faulty.walks.flatMap((w) => w.anomalies.map((x) => `case ${w.index}: ${x}`));
    expect({ failures: faulty.failures, anomalies, differences: diffs, running }).toEqual({
      failures: [],
      anomalies: [],
      differences: [],
      running: [],
    });
  }, 240_000);
});
