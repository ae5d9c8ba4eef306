import { execFileSync, execSync } from 'node:child_process';
import fs from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function hasCjkFont(): boolean {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

/**
 * The browser for UI tests: $CHROMIUM_PATH, else Debian's chromium — installed with apt-get (with a
 * CJK font, so screenshots show Chinese) when missing and this runs as root, as in CI.
 */
export function ensureChromium(say: (line: string) => void): string {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  const found = () => CANDIDATES.find((p) => fs.existsSync(p));
  const packages = [...(found() ? [] : ['chromium']), ...(hasCjkFont() ? [] : ['fonts-wqy-microhei'])];
  if (packages.length && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    say(`installing ${packages.join(' ')} from Debian packages (apt-get, one time)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'ignore', env });
  }
  const path = found();
  if (!path) throw new Error('Chromium is missing: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  return path;
}
