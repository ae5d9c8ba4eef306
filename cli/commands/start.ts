import type { Config } from '../config';
import { warmSegmenter } from '../../domain/search/segment';
import { createApp } from '../../api/app';
import { listen } from '../../api/server';
import { startHousekeeping } from '../../api/housekeeping';
import { startOpeningsReconciler } from '../../api/cases';
import { createEngine } from '../../api/engine';
import { createTemporalHandle } from '../../api/engine';
import { hashPassword } from '../../api/identity';
import { createDb, migrateLatest } from '../../db/connection';
import { startDocumentIndexer } from '../../activities/documents/indexer';
import { createStorage } from '../../db/storage';
import { DEMO_PASSWORD, DEMO_PORTAL_USER, DEMO_USERS, seedDemoFirm } from '../../db/seeds/demo';
import { seedDemoCases } from '../../db/seeds/demo-cases';
import { seedDemoBilling } from '../../db/seeds/demo-billing';
import { seedDemoDocuments } from '../../db/seeds/demo-documents';
import { seedDemoPortal } from '../../db/seeds/demo-portal';
import { demoCaseHooks } from '../../api/cases';
import { ensureShippedTemplates } from '../../db/seeds/shipped-templates';
import { createLogger } from '../runtime/logger';
import { runningFromSource, shippedTemplatesDir } from '../runtime/paths';
import { secretsKey } from '../runtime/secrets-key';
import { acquireRunLock, provideDatabase, provideTemporal } from '../runtime/services';
import { ensureUiBuilt, uiDistDir } from '../runtime/ui-build';
import { installTemporalLogging, startWorker } from '../runtime/worker';
import { startMailDispatcher } from '../../activities/mail-dispatcher';
import { firmTimeZone } from '../../api/firm';
import { ensureDigestSchedule } from '../runtime/schedules';
import { onShutdown, say } from './shared';
import { version } from './version';

function banner(config: Config, lines: { temporalUi?: string; db: string; temporal: string; seconds: string }) {
  const url = config.publicUrl;
  const out = [
    '',
    `LexFlow 律程 ${version} is running (${config.mode} mode, ready in ${lines.seconds} s)`,
    `  App          ${url}`,
    `  Health       ${url}/api/v1/health`,
    `  API docs     ${url}/api/docs`,
    ...(lines.temporalUi ? [`  Temporal UI  ${lines.temporalUi}`] : []),
    `  PostgreSQL   ${lines.db}`,
    `  Temporal     ${lines.temporal}`,
  ];
  if (config.mode === 'demo') {
    out.push(`Demo logins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) out.push(`  ${u.email.padEnd(26)} ${u.role.padEnd(10)} ${u.name}`);
    out.push(`  ${DEMO_PORTAL_USER.email.padEnd(26)} ${'client'.padEnd(10)} ${DEMO_PORTAL_USER.name}  → ${url}/portal`);
  }
  out.push('Press Ctrl-C to stop.', '');
  process.stdout.write(out.join('\n') + '\n');
}

/** Everything in one process: PostgreSQL and Temporal (unless configured), migrations, seed, worker, API, UI. */
export async function startCommand(config: Config, stops: Array<() => Promise<void>>): Promise<void> {
  const t0 = Date.now();
  const logger = createLogger(config.logLevel);
  const releaseLock = acquireRunLock(config.dataDir);
  stops.push(async () => releaseLock());
  onShutdown(stops, logger);

  if (runningFromSource()) ensureUiBuilt(say);
  const [database, temporal] = await Promise.allSettled([provideDatabase(config, say), provideTemporal(config, say)]);
  for (const r of [database, temporal]) if (r.status === 'fulfilled' && r.value.stop) stops.push(r.value.stop);
  if (database.status === 'rejected') throw database.reason;
  if (temporal.status === 'rejected') throw temporal.reason;

  const db = createDb(database.value.value);
  stops.push(() => db.destroy());
  const applied = await migrateLatest(db);
  if (applied.length) say(`applied ${applied.length} migration(s)`);
  const templates = await ensureShippedTemplates(db, shippedTemplatesDir());
  if (templates.length) say(`loaded ${templates.length} shipped process templates as version 1`);
  let seededNow = false;
  if (config.mode === 'demo') {
    const seeded = await seedDemoFirm(db, hashPassword);
    if (seeded.seeded) say(`seeded the demo firm: ${seeded.users} users, ${seeded.clients} clients`);
    seededNow = seeded.seeded;
  }

  const storage = createStorage(config.storage);
  stops.push(() => storage.close());
  installTemporalLogging(logger);
  const address = temporal.value.value.address;
  const worker = await startWorker({
    address,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db,
    storage,
    logger,
    publicUrl: config.publicUrl,
    timeZone: config.firmTimezone,
  });
  stops.push(() => worker.shutdown());
  stops.push(startDocumentIndexer({ db, storage, logger }));
  if (config.smtpUrl) stops.push(startMailDispatcher({ db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger, storage }).stop);
  worker.done.catch((err) => {
    logger.fatal({ err }, 'the Temporal worker stopped');
    process.kill(process.pid, 'SIGTERM');
  });

  const temporalHandle = createTemporalHandle({
    address,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    budgets: config.temporalBudgets,
  });
  stops.push(() => temporalHandle.connection.close());
  firmTimeZone(db, config.firmTimezone)
    .then((timeZone) => ensureDigestSchedule(temporalHandle.client, { taskQueue: config.taskQueue, timeZone }))
    .catch((err) => logger.error({ err }, 'could not set up the daily digest schedule'));
  warmSegmenter();
  const engine = createEngine(temporalHandle);
  const app = createApp({
    db,
    temporal: engine,
    storage,
    logger,
    config: { ...config, secretsKey: secretsKey(config) },
    uiDir: uiDistDir(),
    version,
  });
  const server = await listen(app, config.port, config.host);
  stops.push(() => server.close());
  stops.push(startHousekeeping(db, logger, undefined, config));
  stops.push(startOpeningsReconciler(db, engine, logger));
  if (seededNow) {
    // The demo case load opens its active cases through the real intake, so it needs the worker.
    seedDemoCases(db, demoCaseHooks(db, engine, config.firmTimezone))
      .then(async (r) => {
        if (!r.seeded) return;
        say(`seeded ${r.cases} demo cases`);
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: config.firmTimezone }).format(new Date());
        const documents = await seedDemoDocuments(db, storage, { today });
        say(`seeded ${documents} demo documents`);
        const billing = await seedDemoBilling(db, { today });
        say(`seeded ${billing.invoices} demo invoices and ${billing.entries} time entries`);
        const portal = await seedDemoPortal(db, { today });
        if (portal.caseId) say(`seeded the demo client's portal: ${portal.messages} messages, shared documents, a request`);
      })
      .catch((err) => logger.error({ err }, 'seeding the demo cases failed'));
  }

  banner(config, {
    temporalUi: temporal.value.value.uiUrl,
    db: database.value.description,
    temporal: temporal.value.description,
    seconds: ((Date.now() - t0) / 1000).toFixed(1),
  });
}
