import path from 'node:path';
import { bundleWorkflows } from '../cli/runtime/workflow-bundle';
import webpack from 'webpack';
import { loadAllFixtures } from '../test/histories/fixtures';
import { replayFixtures } from '../test/histories/replay';
import { WORKFLOW_TYPES } from './definitions';

/**
 * The replay gate can fail: a bundle whose interpreter makes its commands in another order
 * (test/histories/swapped-interpreter.ts, put in place of ./case/interpreter for case-workflow.ts
 * only) must not replay the recorded case histories. Only those: other workflows (the bulk
 * migration run) do not go through the interpreter, so the swap cannot show in their histories;
 * which is which is read from each history's workflow type.
 */
const variant = path.join(__dirname, '..', 'test', 'histories', 'swapped-interpreter.ts');
const caseWorkflow = path.join(__dirname, 'case-workflow.ts');

async function swappedBundle() {
  return bundleWorkflows(
    (line) => console.error(line),
    (config) => {
      config.plugins = [
        ...(config.plugins ?? []),
        new webpack.NormalModuleReplacementPlugin(
          /[\\/]case[\\/]interpreter$/,
          (resource: { request: string; contextInfo?: { issuer?: string } }) => {
            if (resource.contextInfo?.issuer === caseWorkflow) resource.request = variant;
          },
        ),
      ];
      return config;
    },
  );
}

describe('the replay gate', () => {
  it('fails every recorded case history when two interpreter commands are swapped', async () => {
    const fixtures = loadAllFixtures().filter((f) => f.workflowType === WORKFLOW_TYPES.case);
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
    const bundle = await swappedBundle();
    expect(bundle).toContain('writesAfterTheNextAnswer');
    const outcomes = await replayFixtures({ code: bundle }, fixtures);
    // Either the commands differ from the history's (a determinism violation), or a recorded answer
    // reaches the effect that took the other's place and the replayed workflow task fails on it.
    const failed = (o: (typeof outcomes)[number]) =>
      o.error?.name === 'DeterminismViolationError' || (o.error?.name === 'ReplayError' && /workflow task failure/.test(o.error.message));
    expect(outcomes.map((o) => [o.name, failed(o)])).toEqual(fixtures.map((f) => [f.name, true]));
  }, 120_000);
});
