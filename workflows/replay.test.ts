import { missingCoverage } from '../test/histories/coverage';
import { loadAllFixtures } from '../test/histories/fixtures';
import { replayFixtures } from '../test/histories/replay';
import { testEnv } from '../test/environment';
import { ENGINE_VERSION, WORKFLOW_TYPES } from './definitions';

/**
 * The replay gate: every recorded history (workflows/histories/v<N>/, `npm run histories:record`)
 * must replay against the current workflow bundle — case workflows and bulk migration runs alike,
 * each as the workflow type its history names. Running workflows live for years and every worker
 * deploy replays them; a change that alters their command sequence fails here, not in production.
 * Deliberate changes go behind patched() with new fixtures.
 */
const fixtures = loadAllFixtures();
const current = fixtures.filter((f) => f.name.startsWith(`v${ENGINE_VERSION}/`));

describe('recorded histories', () => {
  it('are there: a set for the current ENGINE_VERSION that covers issue 12 (six templates, reminder, escalation, migrations, continue-as-new, closed case)', () => {
    expect(fixtures.filter((f) => f.workflowType === WORKFLOW_TYPES.case).length).toBeGreaterThanOrEqual(6);
    // Raising ENGINE_VERSION without recording its set (npm run histories:record) fails here.
    expect(missingCoverage(current)).toEqual([]);
    expect(current.filter((f) => f.workflowType === WORKFLOW_TYPES.migrateCases).map((f) => f.name)).toEqual([
      `v${ENGINE_VERSION}/migrate-cases.json`,
    ]);
    // Every fixture names a workflow the bundle exports; replay runs it as that type.
    expect(
      fixtures.filter((f) => !Object.values<string>(WORKFLOW_TYPES).includes(f.workflowType)).map((f) => `${f.name}: ${f.workflowType}`),
    ).toEqual([]);
  });

  it('all replay against the current workflow bundle', async () => {
    const outcomes = await replayFixtures({ codePath: testEnv('workflowBundle') }, fixtures);
    expect(outcomes.map((o) => o.name).sort()).toEqual(fixtures.map((f) => f.name).sort());
    // Failures are listed by fixture: "v1/criminal-defence.json: DeterminismViolationError: …".
    expect(outcomes.filter((o) => o.error).map((o) => `${o.name}: ${o.error!.name}: ${o.error!.message}`)).toEqual([]);
  });
});
