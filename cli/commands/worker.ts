import type { Config } from '../config';
import { createDb } from '../../db/connection';
import { createStorage } from '../../db/storage';
import { startDocumentIndexer } from '../../activities/documents/indexer';
import { createLogger } from '../runtime/logger';
import { installTemporalLogging, startWorker } from '../runtime/worker';
import { startMailDispatcher } from '../../activities/mail-dispatcher';
// The worker loads no HTTP API: the connection and the settings read only.
import { createTemporalHandle } from '../../api/engine/connection';
import { firmTimeZone } from '../../db/repositories/settings';
import { ensureDigestSchedule } from '../runtime/schedules';
import { requireExternal } from './api';
import { onShutdown, say } from './shared';

/** The Temporal worker alone (workflows + activities), for deployments that scale it apart. */
export async function workerCommand(config: Config, stops: Array<() => Promise<void>>): Promise<void> {
  const { databaseUrl, temporalAddress } = requireExternal(config, 'worker');
  const logger = createLogger(config.logLevel);
  onShutdown(stops, logger);
  const db = createDb(databaseUrl);
  stops.push(() => db.destroy());
  const storage = createStorage(config.storage);
  stops.push(() => storage.close());
  installTemporalLogging(logger);
  const worker = await startWorker({
    address: temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    db,
    storage,
    logger,
    publicUrl: config.publicUrl,
    timeZone: config.firmTimezone,
  });
  stops.push(() => worker.shutdown());
  // Text extraction for document search runs beside the worker, off the upload path.
  stops.push(startDocumentIndexer({ db, storage, logger }));
  if (config.smtpUrl) stops.push(startMailDispatcher({ db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger, storage }).stop);
  const temporal = createTemporalHandle({ address: temporalAddress, namespace: config.temporalNamespace, taskQueue: config.taskQueue });
  stops.push(() => temporal.connection.close());
  await ensureDigestSchedule(temporal.client, { taskQueue: config.taskQueue, timeZone: await firmTimeZone(db, config.firmTimezone) });
  say(`worker polling task queue "${config.taskQueue}" on ${temporalAddress}`);
  worker.done.catch((err) => {
    logger.fatal({ err }, 'the Temporal worker stopped');
    process.exit(1);
  });
}
