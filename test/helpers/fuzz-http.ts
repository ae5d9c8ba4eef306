import http from 'node:http';

/** One request as the fuzz test sends it: the path exactly as written (no URL normalisation). */
export interface RawRequest {
  method: string;
  /** Path and query, sent byte for byte: `%zz`, `..` and `%00` reach the server as they are. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawAnswer {
  /** 0: no answer (the connection broke or the request timed out). */
  status: number;
  contentType: string;
  /** The body's first 64 kB as text. */
  text: string;
  ms: number;
  error?: string;
}

const KEEP = 64 * 1024;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Sends one request over node:http (fetch would normalise the path and refuse some headers) and
 * reads the answer; an event stream counts as answered once its headers arrive.
 */
export function rawRequest(baseUrl: string, req: RawRequest, timeoutMs: number): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Omit<RawAnswer, 'ms'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...a, ms: elapsed() });
    };
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['content-length'] = req.body.length;
    const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent }, (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      const status = res.statusCode ?? 0;
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        return finish({ status, contentType, text: '' });
      }
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (c: Buffer) => {
        if (kept < KEEP) chunks.push(c);
        kept += c.length;
      });
      res.on('end', () => finish({ status, contentType, text: Buffer.concat(chunks).toString('utf8').slice(0, KEEP) }));
      res.on('error', (e) => finish({ status: 0, contentType, text: '', error: e.message }));
    });
    const timer = setTimeout(() => {
      r.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    r.on('error', (e) => finish({ status: 0, contentType: '', text: '', error: e.message }));
    r.end(req.body);
  });
}

/** Closes the kept-alive sockets (the test's last step). */
export function closeRawAgent(): void {
  agent.destroy();
}
