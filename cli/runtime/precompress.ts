import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** Which built files get `.br` and `.gz` siblings: text that compresses, and is large enough to gain from it. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|wasm)$/;
export const PRECOMPRESS_MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

/** Brotli's best quality costs ~10× quality 9; it is spent on the files a first screen loads, not on the designer's megabytes. */
const BEST_QUALITY_MAX_BYTES = 320 * 1024;

/**
 * Writes `file.br` (quality 11, or 9 above BEST_QUALITY_MAX_BYTES) and `file.gz` (level 9) beside
 * every compressible built file: the build pays for compression once, and the server only picks a
 * file per Accept-Encoding.
 */
export async function precompressDir(dir: string): Promise<number> {
  const targets = filesUnder(dir).filter((f) => COMPRESSIBLE.test(f) && fs.statSync(f).size >= PRECOMPRESS_MIN_BYTES);
  await Promise.all(
    targets.map(async (file) => {
      const raw = await fs.promises.readFile(file);
      const [br, gz] = await Promise.all([
        brotli(raw, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: raw.length > BEST_QUALITY_MAX_BYTES ? 9 : 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        }),
        gzip(raw, { level: 9 }),
      ]);
      await fs.promises.writeFile(`${file}.br`, br);
      await fs.promises.writeFile(`${file}.gz`, gz);
    }),
  );
  return targets.length;
}

/** The Vite plugin: precompresses the output folder once the bundle is written. */
export function precompressPlugin(outDir: string) {
  return {
    name: 'lexflow-precompress',
    apply: 'build' as const,
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
