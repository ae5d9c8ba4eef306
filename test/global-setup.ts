import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, migrateLatest } from '../db/connection';
import { ensureShippedTemplates } from '../db/seeds/shipped-templates';
import { startEmbeddedPostgres } from '../cli/runtime/embedded-postgres';
import { shippedTemplatesDir } from '../cli/runtime/paths';
import { bundleWorkflows } from '../cli/runtime/workflow-bundle';
import { freePort } from '../cli/runtime/ports';
import { TEMPORAL_CLI, TEMPORAL_TEST_SERVER, resolveTemporalBinary } from '../cli/runtime/temporal-binaries';
import { startTemporalDevServer } from '../cli/runtime/temporal-dev-server';
import { ensureUiBuilt } from '../cli/runtime/ui-build';
import { ensureChromium } from './helpers/chromium';
import { TEST_ENV } from './environment';

const say = (line: string) => process.stdout.write(`\n[test setup] ${line}`);

interface Running {
  stops: Array<() => Promise<void>>;
  tmp: string;
}
declare global {
  var __lexflowTest: Running | undefined;
}

/** PostgreSQL: TEST_DATABASE_URL's server when given (it must allow CREATE DATABASE), else an embedded one. */
async function provideAdminUrl(tmp: string, stops: Running['stops']): Promise<string> {
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = '/postgres';
    return url.toString();
  }
  const server = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), database: 'postgres', say });
  stops.push(server.stop);
  return server.adminUrl;
}

async function createTemplate(adminUrl: string): Promise<string> {
  const name = `lexflow_tpl_${process.env[TEST_ENV.runId]}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${name}`);
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { poolMax: 2 });
  await migrateLatest(db);
  await ensureShippedTemplates(db, shippedTemplatesDir());
  await db.destroy();
  return name;
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-test-'));
  fs.chmodSync(tmp, 0o755);
  const running: Running = { stops: [], tmp };
  globalThis.__lexflowTest = running;
  process.env[TEST_ENV.runId] = String(process.pid);

  const temporalCli = await resolveTemporalBinary(TEMPORAL_CLI, say);
  process.env[TEST_ENV.temporalCli] = temporalCli;
  process.env[TEST_ENV.testServer] = await resolveTemporalBinary(TEMPORAL_TEST_SERVER, say);
  process.env[TEST_ENV.chromium] = ensureChromium(say);
  ensureUiBuilt(say);

  const [adminUrl, temporal, bundle] = await Promise.all([
    provideAdminUrl(tmp, running.stops),
    process.env.TEST_TEMPORAL_ADDRESS
      ? Promise.resolve({ address: process.env.TEST_TEMPORAL_ADDRESS, stop: async () => undefined })
      : freePort().then((port) =>
          startTemporalDevServer({ binary: temporalCli, port, namespace: 'default', logFile: path.join(tmp, 'temporal.log'), say }),
        ),
    bundleWorkflows(say),
  ]);
  running.stops.push(temporal.stop);
  const bundlePath = path.join(tmp, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle);

  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.templateDb] = await createTemplate(adminUrl);
  process.env[TEST_ENV.temporalAddress] = temporal.address;
  process.env[TEST_ENV.workflowBundle] = bundlePath;
  say(`PostgreSQL, Temporal and the workflow bundle ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
