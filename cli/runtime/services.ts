import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { StartupError } from './errors';
import { processAlive, processCommandLine } from './paths';
import { TEMPORAL_CLI, resolveTemporalBinary } from './temporal-binaries';
import { startTemporalDevServer } from './temporal-dev-server';

export interface Started<T> {
  value: T;
  /** Present when LexFlow started the service itself and must stop it. */
  stop?: () => Promise<void>;
  description: string;
}

const portHint = (variable: string) => `Stop it, or start LexFlow with another PORT (the other ports follow it), or set ${variable}.`;

/** DATABASE_URL when set; otherwise (demo mode) an embedded PostgreSQL under DATA_DIR/pg. */
export async function provideDatabase(config: Config, say: (l: string) => void): Promise<Started<string>> {
  if (config.databaseUrl) return { value: config.databaseUrl, description: 'DATABASE_URL' };
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    database: 'lexflow',
    portHint: portHint('EMBEDDED_PG_PORT'),
    say,
  });
  return { value: pg.url, stop: pg.stop, description: `embedded, data in ${path.join(config.dataDir, 'pg')} (127.0.0.1:${pg.port})` };
}

/** TEMPORAL_ADDRESS when set; otherwise (demo mode) the Temporal dev server on DATA_DIR/temporal.db. */
export async function provideTemporal(config: Config, say: (l: string) => void): Promise<Started<{ address: string; uiUrl?: string }>> {
  if (config.temporalAddress) return { value: { address: config.temporalAddress }, description: 'TEMPORAL_ADDRESS' };
  const binary = await resolveTemporalBinary(TEMPORAL_CLI, say);
  const server = await startTemporalDevServer({
    binary,
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    dbFile: path.join(config.dataDir, 'temporal.db'),
    namespace: config.temporalNamespace,
    logFile: path.join(config.dataDir, 'temporal.log'),
    pidFile: path.join(config.dataDir, 'temporal.pid'),
    portHint: portHint('TEMPORAL_PORT / TEMPORAL_UI_PORT'),
    say,
  });
  return {
    value: { address: server.address, uiUrl: server.uiUrl },
    stop: server.stop,
    description: `dev server, data in ${path.join(config.dataDir, 'temporal.db')} (${server.address})`,
  };
}

/** One `lexflow start` per data folder: a second one is refused with the first one's pid. */
export function acquireRunLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'lexflow.pid');
  if (fs.existsSync(file)) {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid > 0 && pid !== process.pid && processAlive(pid) && /node|lexflow|tsx/.test(processCommandLine(pid))) {
      throw new StartupError(`LexFlow is already running from ${dataDir} (pid ${pid}); stop it first (Ctrl-C there, or kill ${pid})`);
    }
  }
  fs.writeFileSync(file, String(process.pid));
  return () => {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
  };
}
