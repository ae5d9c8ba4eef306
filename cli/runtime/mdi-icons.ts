import { createRequire } from 'node:module';
import path from 'node:path';

const PREFIX = 'virtual:lexflow-mdi/';
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*'@mdi\/js';?/g;

/**
 * A Vite plugin: `@mdi/js` is one module, so the chunk that holds it holds every icon the whole app
 * uses — and that chunk is the first load's. Each named import of it becomes a one-icon module
 * instead, which the bundler places with the pages that use it.
 */
export function mdiIconsPlugin() {
  const icons = createRequire(path.join(process.cwd(), 'package.json'))('@mdi/js') as Record<string, string>;
  return {
    name: 'lexflow-mdi-icons',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/[\\/]ui[\\/]src[\\/].*\.(vue|ts)$/.test(id) || !code.includes("'@mdi/js'")) return null;
      const out = code.replace(IMPORT, (_all, names: string) =>
        names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
          .map((n) => {
            const [name, local = name] = n.split(/\s+as\s+/);
            return `import ${local} from '${PREFIX}${name}';`;
          })
          .join('\n'),
      );
      return out === code ? null : { code: out, map: null };
    },
    resolveId(source: string) {
      return source.startsWith(PREFIX) ? `\0${source}` : null;
    },
    load(id: string) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      const path = icons[name];
      if (path === undefined) throw new Error(`@mdi/js has no icon ${name}`);
      return `export default ${JSON.stringify(path)};`;
    },
  };
}
