import fs from 'node:fs';
import path from 'node:path';
import { preferredEncoding } from './middleware/compress';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** The content type of a built file by its extension (the `.br`/`.gz` sibling sent in its place has none of its own). */
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The file a request path names inside `root`, or null (bad escapes, outside it: express.static answers those). */
function fileFor(root: string, urlPath: string): string | null {
  try {
    const file = path.join(root, decodeURIComponent(urlPath));
    return file.startsWith(root + path.sep) ? file : null;
  } catch {
    return null;
  }
}

/**
 * The file to send for `file`: its `.br`/`.gz` sibling that the build wrote (cli/runtime/precompress.ts)
 * when the client accepts that encoding — with Content-Encoding and the original's content type set —,
 * else `file` itself. `Vary: Accept-Encoding` either way, so a shared cache keeps one copy per encoding.
 */
function encodedVariant(req: Request, res: Response, file: string): string {
  const type = TYPES[path.extname(file)];
  if (!type) return file;
  res.vary('Accept-Encoding');
  const encoding = preferredEncoding(req);
  const ext = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : null;
  if (!encoding || !ext || !fs.existsSync(file + ext)) return file;
  res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Type', type);
  return file + ext;
}

/** Rewrites a request for a built file to its encoded variant; express.static after it sends that with its caching headers, ranges and ETag. */
function precompressed(root: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const [urlPath, query] = req.url.split(/\?(.*)/s);
    const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(root, urlPath) : null;
    if (file) {
      const chosen = encodedVariant(req, res, file);
      if (chosen !== file) req.url = urlPath + chosen.slice(file.length) + (query === undefined ? '' : `?${query}`);
    }
    next();
  };
}

/**
 * The built UI: hashed `/assets/*` immutable for a year (a new build has new names), other files an
 * hour, index.html `no-cache` (revalidated on every load, so a deploy is seen at once). `compress`
 * false sends the plain files only (HTTP_COMPRESSION=false: bench:ui's "before" column).
 */
export function serveUi(app: Express, uiDir: string, compress: boolean) {
  const index = path.join(uiDir, 'index.html');
  const pass = (_req: Request, _res: Response, next: NextFunction) => next();
  const assets = path.join(uiDir, 'assets');
  app.use(
    '/assets',
    compress ? precompressed(assets) : pass,
    express.static(assets, { immutable: true, maxAge: '1y', fallthrough: false }),
  );
  app.use(compress ? precompressed(uiDir) : pass, express.static(uiDir, { index: false, maxAge: '1h' }));
  // History-mode SPA: every other GET that is not the API answers index.html.
  app.get(/^\/(?!api\/).*/, (req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(compress ? encodedVariant(req, res, index) : index);
  });
}
