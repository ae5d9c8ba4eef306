import { Client, Connection } from '@temporalio/client';

/** The raw connection and client; the API talks to Temporal only through the engine (api/engine/). */
export interface TemporalHandle {
  connection: Connection;
  client: Client;
  taskQueue: string;
}

/**
 * A lazy connection: the API starts (and answers /health with temporal "error") even while
 * Temporal is down, and connects as soon as it is up.
 */
export function createTemporalHandle(opts: { address: string; namespace: string; taskQueue: string }): TemporalHandle {
  const connection = Connection.lazy({ address: opts.address });
  const client = new Client({ connection, namespace: opts.namespace });
  return { connection, client, taskQueue: opts.taskQueue };
}
