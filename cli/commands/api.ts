import type { Config } from '../config';
import { warmSegmenter } from '../../domain/search/segment';
import { createApp } from '../../api/app';
import { listen } from '../../api/server';
import { startHousekeeping } from '../../api/housekeeping';
import { startOpeningsReconciler } from '../../api/cases';
import { createEngine } from '../../api/engine';
import { createTemporalHandle } from '../../api/engine';
import { createDb } from '../../db/connection';
import { createStorage } from '../../db/storage';
import { StartupError } from '../runtime/errors';
import { createLogger } from '../runtime/logger';
import { uiDistDir } from '../runtime/ui-build';
import { secretsKey } from '../runtime/secrets-key';
import { onShutdown, say } from './shared';
import { version } from './version';

export function requireExternal(config: Config, command: string): { databaseUrl: string; temporalAddress: string } {
  if (!config.databaseUrl || !config.temporalAddress) {
    throw new StartupError(`lexflow ${command} needs DATABASE_URL and TEMPORAL_ADDRESS (for everything in one process: lexflow start)`);
  }
  return { databaseUrl: config.databaseUrl, temporalAddress: config.temporalAddress };
}

/** The HTTP API (and built UI) alone, for deployments that scale it apart from the worker. */
export async function apiCommand(config: Config, stops: Array<() => Promise<void>>): Promise<void> {
  const { databaseUrl, temporalAddress } = requireExternal(config, 'api');
  const logger = createLogger(config.logLevel);
  onShutdown(stops, logger);
  const db = createDb(databaseUrl);
  stops.push(() => db.destroy());
  const temporal = createEngine(
    createTemporalHandle({
      address: temporalAddress,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      budgets: config.temporalBudgets,
    }),
  );
  stops.push(() => temporal.close());
  warmSegmenter();
  const storage = createStorage(config.storage);
  stops.push(() => storage.close());
  const server = await listen(
    createApp({ db, temporal, storage, logger, config: { ...config, secretsKey: secretsKey(config) }, uiDir: uiDistDir(), version }),
    config.port,
    config.host,
  );
  stops.push(() => server.close());
  stops.push(startHousekeeping(db, logger, undefined, config));
  stops.push(startOpeningsReconciler(db, temporal, logger));
  say(`API listening on ${server.url} (public URL ${config.publicUrl})`);
}
