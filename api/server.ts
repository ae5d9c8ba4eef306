import http from 'node:http';
import type { Express } from 'express';

export interface RunningServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port; close() stops accepting, ends idle keep-alive sockets and waits. */
export function listen(app: Express, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.keepAliveTimeout = 5_000;
    // A 200 MB upload over a slow office line takes longer than Node's 5-minute default: a request
    // may take an hour to arrive; its headers still must come within a minute.
    server.requestTimeout = 60 * 60_000;
    server.headersTimeout = 60_000;
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const actualPort = typeof addr === 'object' && addr ? addr.port : port;
      resolve({
        server,
        url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), 3_000).unref();
          }),
      });
    });
  });
}
