import path from 'node:path';
import { bundleWorkflows } from '../cli/runtime/workflow-bundle';
import webpack from 'webpack';
import { loadAllFixtures } from '../test/histories/fixtures';
import { replayFixtures } from '../test/histories/replay';
import { WORKFLOW_TYPES } from './definitions';

/**
 * The replay gate can fail: a bundle whose interpreter writes two commands in the other order
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
    expect(bundle).toContain('swapStageExitWithNext');
    const outcomes = await replayFixtures({ code: bundle }, fixtures);
    expect(outcomes.map((o) => [o.name, o.error?.name])).toEqual(fixtures.map((f) => [f.name, 'DeterminismViolationError']));
  }, 120_000);
});
