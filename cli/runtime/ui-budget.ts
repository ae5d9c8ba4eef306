import fs from 'node:fs';
import path from 'node:path';

/** The first screens and the route modules they load besides the entry (ui/src/router/index.ts). */
export const FIRST_SCREENS = {
  login: ['src/pages/LoginPage.vue'],
  dashboard: ['src/layouts/AppLayout.vue', 'src/pages/DashboardPage.vue'],
} as const;

/** The JavaScript budget of a first screen, compressed as sent (issue 19 item 3): 200 KiB. */
export const FIRST_SCREEN_JS_BUDGET = 200 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

export interface ScreenJs {
  files: string[];
  raw: number;
  /** Bytes of the `.br` files the server sends (the raw size where a file has none). */
  br: number;
  gzip: number;
}

/**
 * The JavaScript a cold load of a screen fetches before it shows: the entry, the route's modules and
 * everything they import statically, read from the build's `.vite/manifest.json` (dynamic imports —
 * the designer, charts, dialogs opened later — are not counted).
 */
export function screenJs(uiDir: string, routeModules: readonly string[]): ScreenJs {
  const manifest = JSON.parse(fs.readFileSync(path.join(uiDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entry) throw new Error('the Vite manifest names no entry');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    if (!manifest[key]) throw new Error(`the Vite manifest has no ${key}`);
    seen.add(key);
    for (const i of manifest[key].imports ?? []) visit(i);
  };
  [entry, ...routeModules].forEach(visit);
  const files = [...seen].map((k) => manifest[k].file);
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : null);
  let raw = 0;
  let br = 0;
  let gzip = 0;
  for (const f of files.map((x) => path.join(uiDir, x))) {
    const plain = size(f)!;
    raw += plain;
    br += size(`${f}.br`) ?? plain;
    gzip += size(`${f}.gz`) ?? plain;
  }
  return { files, raw, br, gzip };
}
