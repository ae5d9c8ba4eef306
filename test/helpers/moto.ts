import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { spawnService, type ServiceProcess } from '../../cli/runtime/child';
import { resolveMotoServer } from '../../cli/runtime/moto-server';
import { freePort, waitUntil } from '../../cli/runtime/ports';

/**
 * A real S3-compatible server for the storage tests: moto in server mode (see cli/runtime/moto-server.ts
 * for why moto), on 127.0.0.1 and a free port, with one bucket. Its own log file, its own process group.
 */
export interface MotoServer {
  endpoint: string;
  bucket: string;
  /** Any key pair works: moto checks the signature's form, not the secret. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  region: string;
  stop(): Promise<void>;
}

export async function startMoto(bucket = 'lexflow-test'): Promise<MotoServer> {
  const binary = await resolveMotoServer((line) => process.stderr.write(`${line}\n`));
  const port = await freePort();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexflow-moto-'));
  const server: ServiceProcess = spawnService({
    command: binary,
    args: ['-H', '127.0.0.1', '-p', String(port)],
    logFile: path.join(logDir, 'moto.log'),
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const answers = async () => {
    if (server.exited()) return true;
    return fetch(`${endpoint}/moto-api/`).then(
      (r) => r.ok,
      () => false,
    );
  };
  if (!(await waitUntil(answers, 60_000)) || server.exited()) {
    await server.stop('SIGKILL', 1_000);
    throw new Error(`moto_server did not answer on ${endpoint}:\n${server.tail().join('\n')}`);
  }
  const moto = {
    endpoint,
    bucket,
    credentials: { accessKeyId: 'lexflow-test', secretAccessKey: 'lexflow-test-secret' },
    region: 'us-east-1',
    async stop() {
      await server.stop('SIGTERM', 5_000);
      fs.rmSync(logDir, { recursive: true, force: true });
    },
  };
  const client = motoClient(moto);
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
  return moto;
}

/** A plain S3 client on the moto server, for what a test inspects behind the adapter's back. */
export function motoClient(moto: Pick<MotoServer, 'endpoint' | 'credentials' | 'region'>): S3Client {
  return new S3Client({ endpoint: moto.endpoint, region: moto.region, credentials: moto.credentials, forcePathStyle: true });
}
