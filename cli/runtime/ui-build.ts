import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from './errors';
import { projectRoot } from './paths';

export const uiDistDir = () => path.join(projectRoot(), 'dist', 'ui');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Inputs of the UI build: its sources and the shared code it imports. */
function uiInputs(): string[] {
  const root = projectRoot();
  return ['ui', 'api/contracts', 'domain', 'process-templates'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
}

export function uiIsStale(): boolean {
  const index = path.join(uiDistDir(), 'index.html');
  // A build from before the manifest and the precompressed files (vite.config.mts) is stale too.
  if (![index, `${index}.br`, path.join(uiDistDir(), '.vite', 'manifest.json')].every((f) => fs.existsSync(f))) return true;
  const built = fs.statSync(index).mtimeMs;
  return uiInputs().some((d) => newestMtime(d) > built);
}

/** Builds the UI with Vite when its build is missing or older than its sources. */
export function ensureUiBuilt(say: (line: string) => void): void {
  if (!uiIsStale()) return;
  say('building the web UI (vite)…');
  try {
    execFileSync(process.execPath, [path.join(projectRoot(), 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: projectRoot(),
      // Always the production bundle: under jest (NODE_ENV=test) Vite kept Vue's and vue-i18n's
      // development builds, 25 % more JavaScript than what `npm start` serves a firm.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim();
    throw new StartupError(`the UI build failed: ${stderr.split('\n').slice(-3).join(' ') || (err as Error).message}`);
  }
}
