import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './runtime/ports';
import { processAlive, projectRoot } from './runtime/paths';
import { testEnv } from '../test/environment';
import { HttpClient } from '../test/helpers/app';

const tsx = path.join(projectRoot(), 'node_modules', '.bin', 'tsx');
const cli = path.join(projectRoot(), 'cli', 'lexflow.ts');

let dataDir: string;
let env: NodeJS.ProcessEnv;
let port: number;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-start-'));
  fs.chmodSync(dataDir, 0o755);
  port = await freePort();
  env = {
    ...process.env,
    CI: 'true',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_CLI_PATH: testEnv('temporalCli'),
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** `lexflow start` as a person runs it; resolves once it prints that it is running. */
async function start(): Promise<Started> {
  const child = spawn(tsx, [cli, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes('is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`lexflow start failed:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, output: () => out, exit };
}

function helperPids(): number[] {
  const pg = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const temporal = Number(fs.readFileSync(path.join(dataDir, 'temporal.pid'), 'utf8'));
  return [pg, temporal];
}

describe('lexflow start (embedded default)', () => {
  it('boots PostgreSQL, Temporal, worker, API and UI; stops everything on SIGTERM; keeps data across restarts', async () => {
    const first = await start();
    expect(first.output()).toContain('creating the PostgreSQL cluster');
    expect(first.output()).toContain('seeded the demo firm: 7 users, 4 clients');
    expect(first.output()).toContain('partner@demo.lexflow');
    const pids = helperPids();
    expect(pids.every(processAlive)).toBe(true);

    const c = new HttpClient(`http://127.0.0.1:${port}`);
    expect((await c.get('/api/v1/health')).body).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
    const page = await c.get('/cases');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="app">');
    expect((await c.login('admin@demo.lexflow')).status).toBe(200);
    expect((await c.post('/api/v1/system/ping', { message: 'boot' })).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(pids.some(processAlive)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'lexflow.pid'))).toBe(false);

    const second = await start();
    expect(second.output()).not.toContain('creating the PostgreSQL cluster');
    expect(second.output()).not.toContain('seeded');
    const again = new HttpClient(`http://127.0.0.1:${port}`);
    expect((await again.login('admin@demo.lexflow')).status).toBe(200);
    const audit = await again.get('/api/v1/admin/audit-log?entity=ping');
    expect(audit.body.total).toBe(1);
    const pids2 = helperPids();
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
    expect(pids2.some(processAlive)).toBe(false);
  });
});

describe('lexflow with bad configuration', () => {
  const run = (args: string[], extra: NodeJS.ProcessEnv) =>
    spawnSync(tsx, [cli, ...args], { env: { ...env, ...extra }, encoding: 'utf8', timeout: 30_000 });

  it('says in one line what is missing in production mode, without a stack trace', () => {
    const r = run(['start'], { LEXFLOW_MODE: 'production' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('lexflow: configuration error: DATABASE_URL is required when LEXFLOW_MODE=production');
  });

  it('names a malformed variable', () => {
    const r = run(['start'], { PORT: 'three thousand' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^lexflow: configuration error: PORT:/);
  });

  it('refuses to run the API alone without its services', () => {
    const r = run(['api'], {});
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      'lexflow: lexflow api needs DATABASE_URL and TEMPORAL_ADDRESS (for everything in one process: lexflow start)',
    );
  });

  it('prints usage for an unknown command', () => {
    const r = run(['frobnicate'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('usage: lexflow <command>');
  });
});
