import { Client, Connection } from '@temporalio/client';

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

export async function temporalIsHealthy(t: TemporalHandle, timeoutMs = 2000): Promise<boolean> {
  try {
    await t.connection.withDeadline(Date.now() + timeoutMs, () => t.connection.healthService.check({}));
    return true;
  } catch {
    return false;
  }
}
