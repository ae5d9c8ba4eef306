import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from './errors';
import { pypiInstall, toolsDir, venvBin, withInstallLock } from './temporal-binaries';

/**
 * moto in server mode: an S3-compatible server the storage tests start (db/storage/storage.test.ts).
 * It is the one reachable here (a PyPI package; MinIO and the like ship binaries from their own
 * sites). Pinned, so every machine tests against the same server; installed into .tools/venv the
 * way the Temporal CLI is, so a fresh machine needs only python3.
 */
export const MOTO_SERVER = {
  binary: 'moto_server',
  pypi: 'moto[server]==5.2.5',
  dist: 'moto',
  version: '5.2.5',
  env: 'MOTO_SERVER_PATH',
} as const;

/** True when .tools/venv holds exactly the pinned version (a venv made for an older pin is upgraded). */
function pinnedInVenv(): boolean {
  const lib = path.join(toolsDir(), 'venv', 'lib');
  if (!fs.existsSync(lib) || !fs.existsSync(venvBin(MOTO_SERVER.binary))) return false;
  return fs
    .readdirSync(lib)
    .some((py) => fs.existsSync(path.join(lib, py, 'site-packages', `${MOTO_SERVER.dist}-${MOTO_SERVER.version}.dist-info`)));
}

/** $MOTO_SERVER_PATH, else the pinned moto_server in .tools/venv, installed from PyPI once if missing. */
export async function resolveMotoServer(say: (line: string) => void): Promise<string> {
  const configured = process.env[MOTO_SERVER.env];
  if (configured) {
    if (!fs.existsSync(configured)) throw new StartupError(`${MOTO_SERVER.env}=${configured} does not exist`);
    return path.resolve(configured);
  }
  if (pinnedInVenv()) return venvBin(MOTO_SERVER.binary);
  return withInstallLock(async () => {
    if (pinnedInVenv()) return venvBin(MOTO_SERVER.binary);
    say(`${MOTO_SERVER.binary} not found: installing PyPI ${MOTO_SERVER.pypi} once into .tools/venv…`);
    const installed = pypiInstall(MOTO_SERVER);
    if (installed && pinnedInVenv()) return installed;
    throw new StartupError(`cannot install ${MOTO_SERVER.pypi} (needs python3 with venv); or set ${MOTO_SERVER.env} to a moto_server`);
  });
}
