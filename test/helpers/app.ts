import { randomBytes } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import pino from 'pino';
import { createApp, type AppDeps } from '../../api/app';
import { listen, type RunningServer } from '../../api/server';
import { createEngine } from '../../api/engine';
import type { TemporalHandle } from '../../api/engine';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../db/connection';
import { createStorage, type BlobStorage } from '../../db/storage';
import { testTemporalHandle } from './temporal';

export const TEST_POLICY = {
  mode: 'demo' as const,
  publicUrl: 'http://127.0.0.1',
  cookieSecure: false,
  sessionTtlHours: 1,
  loginMaxFailures: 3,
  loginLockMinutes: 15,
  firmTimezone: 'Asia/Shanghai',
  secretsKey: randomBytes(32),
};

/** Document storage on the local file system in a fresh temporary folder, removed by `remove`. */
export function testStorage(): { storage: BlobStorage; root: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-files-'));
  return { storage: createStorage({ kind: 'local', root }), root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export interface TestApp {
  url: string;
  temporal: TemporalHandle;
  server: RunningServer;
  storage: BlobStorage;
  /** The folder of the test's own local storage (when the test gave none). */
  storageRoot?: string;
  close(): Promise<void>;
}

/** The real Express app on 127.0.0.1 and a random port. */
export async function startTestApp(
  db: Db,
  opts: { temporal?: TemporalHandle; config?: Partial<AppDeps['config']>; uiDir?: string; storage?: BlobStorage } = {},
): Promise<TestApp> {
  const temporal = opts.temporal ?? testTemporalHandle();
  const files = opts.storage ? undefined : testStorage();
  const storage = opts.storage ?? files!.storage;
  // The port is known once listening; the app (whose PUBLIC_URL is that address, as the
  // same-origin guard compares against it) is built then and answers every request.
  const built: { app?: Express } = {};
  const server = await listen(((req: Request, res: Response) => built.app!(req, res)) as unknown as Express, 0, '127.0.0.1');
  built.app = createApp({
    db,
    temporal: createEngine(temporal),
    storage,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    config: { ...TEST_POLICY, publicUrl: server.url, ...opts.config },
    uiDir: opts.uiDir,
    version: 'test',
  });
  return {
    url: server.url,
    temporal,
    server,
    storage,
    storageRoot: files?.root,
    close: async () => {
      await server.close();
      await temporal.connection.close();
      files?.remove();
    },
  };
}

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  contentType: string;
}

/** A tiny HTTP client with a cookie jar of one session, as a browser would keep it. */
export class HttpClient {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    opts: { json?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let body: string | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] = 'application/json';
    } else if (opts.raw !== undefined) {
      body = opts.raw;
      headers['content-type'] = opts.contentType ?? 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0];
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, json?: unknown) => this.request<T>('POST', path, json === undefined ? {} : { json });
  patch = <T = any>(path: string, json?: unknown) => this.request<T>('PATCH', path, { json });
  put = <T = any>(path: string, json?: unknown) => this.request<T>('PUT', path, { json });
  del = <T = any>(path: string) => this.request<T>('DELETE', path);

  /** A multipart/form-data upload: the text fields first, then one `file` part per file. */
  async upload<T = any>(
    path: string,
    files: Array<{ name: string; data: Uint8Array; type?: string }>,
    fields: Record<string, string> = {},
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('file', new Blob([f.data], { type: f.type ?? 'application/octet-stream' }), f.name);
    const res = await fetch(this.baseUrl + path, { method: 'POST', headers: { ...headers, cookie: this.cookie }, body: form });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return { status: res.status, headers: res.headers, contentType, body: contentType.includes('json') && text ? JSON.parse(text) : text };
  }

  /** A GET whose answer is bytes (a document's content). */
  async download(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(this.baseUrl + path, { headers: { ...headers, cookie: this.cookie } });
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  async login(email: string, password = 'lexflow-demo'): Promise<HttpResult> {
    return this.post('/api/v1/auth/login', { email, password });
  }
}
