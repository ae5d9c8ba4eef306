import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { projectRoot } from '../../cli/runtime/paths';

export type History = proto.temporal.api.history.v1.IHistory;

/**
 * The SDK's historyToJSON/historyFromJSON (@temporalio/common/lib/proto-utils) fail here with
 * "type must be a Type": npm installed two copies of protobufjs 8 (one under @temporalio/common,
 * one under @temporalio/proto), and protojson only accepts types of its own copy. So the same
 * conversion is done with the protojson of the copy that built the proto root.
 */
const protojson = createRequire(require.resolve('@temporalio/proto'))('protobufjs/ext/protojson') as {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): unknown;
};
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType(
  'temporal.api.history.v1.History',
);

export const historyToJSON = (history: History): unknown =>
  protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history));
export const historyFromJSON = (json: unknown): History => protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;

/** Where recorded case histories live: one folder per ENGINE_VERSION, never rewritten once recorded. */
export const historiesRoot = () => path.join(projectRoot(), 'workflows', 'histories');
export const versionDir = (engineVersion: number) => path.join(historiesRoot(), `v${engineVersion}`);

export interface Fixture {
  /** Path relative to workflows/histories, e.g. v1/civil-first-instance.json: how a failure names it. */
  name: string;
  workflowId: string;
  /** Read from the history's first event: replay runs each fixture as the workflow it recorded (caseWorkflow, migrateCasesWorkflow …). */
  workflowType: string;
  history: History;
}

/** Every recorded history of every engine version, in a stable order. */
export function loadAllFixtures(root = historiesRoot()): Fixture[] {
  if (!fs.existsSync(root)) return [];
  const files = fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort();
  return files.map((name) => {
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(root, name), 'utf8')));
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const workflowType = started?.workflowType?.name;
    if (!started || !workflowType) throw new Error(`${name}: the first event is not WorkflowExecutionStarted with a workflow type`);
    return { name, workflowId: started.workflowId ?? path.basename(name, '.json'), workflowType, history };
  });
}

/**
 * The SDK's JSON form of a history (what `temporal workflow show --output json` writes), pretty-printed
 * for review. Fails rather than overwrite: a recorded fixture is never rewritten.
 */
export function writeFixture(dir: string, file: string, history: History): number {
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(historyToJSON(history), null, 1)}\n`, { flag: 'wx' });
  return history.events?.length ?? 0;
}
