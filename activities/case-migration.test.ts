import { randomUUID } from 'node:crypto';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure, TerminatedFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { insertVersion } from '../db/repositories/templates';
import { createTestDatabase, type TestDatabase } from '../test/helpers/db';
import { seedDemo } from '../test/helpers/users';
import { caseMigrationActivities, type MigrateOneCaseInput } from './case-migration';

let tdb: TestDatabase;
let versionId: string;
let brokenVersionId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedDemo(tdb.db);
  const v = await tdb.db('process_template_versions').first();
  versionId = v.id;
  brokenVersionId = (
    await insertVersion(tdb.db, {
      templateId: v.template_id,
      bpmnXml: v.bpmn_xml,
      model: { nodes: 'none' },
      changeNote: null,
      publishedBy: null,
    })
  ).id;
});
afterAll(async () => {
  await tdb?.drop();
});

/** gRPC status codes (grpc/status.proto). */
const GrpcStatus = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

/** A raw gRPC status error, as @grpc/grpc-js raises it (the shape the SDK's isGrpcServiceError tests). */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
}

/** The activity with a client whose migrateTemplate update fails with `err`: what it answers, or the error it throws. */
async function migrateWith(err: unknown, input: Partial<MigrateOneCaseInput> = {}) {
  const client = {
    workflow: { getHandle: () => ({ executeUpdate: () => Promise.reject(err) }) },
    withAbortSignal: (_signal: AbortSignal, fn: () => unknown) => fn(),
  } as unknown as Client;
  const env = new MockActivityEnvironment(undefined, { client });
  const { migrateCaseToVersion } = caseMigrationActivities(tdb.db);
  const args = { caseId: randomUUID(), versionId, mapping: {}, by: null, updateId: 'run:case', ...input };
  return env.run(migrateCaseToVersion, args).then(
    (answer) => ({ answer }),
    (thrown: unknown) => ({ thrown }),
  );
}

describe('migrateCaseToVersion: what is final for one case, what is retried', () => {
  it('answers the case as failed, with the reason, when the case workflow or the server refused it', async () => {
    const refusals: Array<[string, unknown, string]> = [
      [
        'a validator refusal',
        new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.nonRetryable('no place for B', 'Invalid')),
        'no place for B',
      ],
      [
        'a refusal that is not an ApplicationFailure',
        new WorkflowUpdateFailedError('Workflow Update failed', new TerminatedFailure('the case ended')),
        'the case ended',
      ],
      [
        'a completed or unknown case',
        new WorkflowNotFoundError('workflow not found', 'case-x', undefined),
        'the case is no longer running',
      ],
      ['a raw gRPC NOT_FOUND', grpcError(GrpcStatus.NOT_FOUND, 'workflow execution already completed'), 'the case is no longer running'],
      [
        'NOT_FOUND wrapped in the SDK ServiceError',
        new ServiceError('Workflow Update failed', { cause: grpcError(GrpcStatus.NOT_FOUND, 'gone') }),
        'the case is no longer running',
      ],
      [
        'a request the server rejects',
        new ServiceError('Workflow Update failed', { cause: grpcError(GrpcStatus.INVALID_ARGUMENT, 'payload too large') }),
        'the engine refused the migration: payload too large',
      ],
    ];
    for (const [what, err, reason] of refusals) {
      expect([what, await migrateWith(err)]).toEqual([what, { answer: { ok: false, error: reason } }]);
    }
  });

  it('throws transient faults as they are (retryable), so the retry policy retries them', async () => {
    const transient = [
      grpcError(GrpcStatus.UNAVAILABLE, 'connection refused'),
      new ServiceError('Workflow Update failed', { cause: grpcError(GrpcStatus.RESOURCE_EXHAUSTED, 'too many updates') }),
      new WorkflowUpdateRPCTimeoutOrCancelledError('timed out'),
      new Error('socket hang up'),
    ];
    for (const err of transient) expect(await migrateWith(err)).toEqual({ thrown: err });
  });

  it('fails without retry on data errors: an unknown version, a version whose model does not parse', async () => {
    for (const id of [randomUUID(), brokenVersionId]) {
      const { thrown } = (await migrateWith(new Error('never reached'), { versionId: id })) as { thrown: unknown };
      expect(thrown).toBeInstanceOf(ApplicationFailure);
      expect(thrown).toMatchObject({ nonRetryable: true, message: expect.stringContaining(id) });
    }
  });
});
