import net from 'node:net';

export interface TcpRelay {
  /** Starts listening on 127.0.0.1 and a free port; answers the port. */
  listen(): Promise<number>;
  /** Like the service going away: every open connection is reset, new ones are closed at once. */
  cut(): void;
  /** The service is back: new connections reach it again. */
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay in front of a real service (PostgreSQL, Temporal) that a test can cut and restore,
 * to see what the API does while the service is away and after it returns.
 */
export function tcpRelay(target: { host: string; port: number }): TcpRelay {
  const sockets = new Set<net.Socket>();
  let up = true;
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () =>
      new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    cut() {
      up = false;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore() {
      up = true;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
