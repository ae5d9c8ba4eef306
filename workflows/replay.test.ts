import { loadAllFixtures } from '../test/histories/fixtures';
import { replayFixtures } from '../test/histories/replay';
import { testEnv } from '../test/environment';
import { ENGINE_VERSION } from './definitions';

/**
 * The replay gate: every recorded case history (workflows/histories/v<N>/, `npm run
 * histories:record`) must replay against the current workflow bundle. Running cases live for
 * years and every worker deploy replays them; an interpreter change that alters their command
 * sequence fails here, not in production. Deliberate changes go behind patched() with new fixtures.
 */
const fixtures = loadAllFixtures();

describe('recorded case histories', () => {
  it('are there: at least one per shipped template, and a set for the current ENGINE_VERSION', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(6);
    // Raising ENGINE_VERSION without recording its set (npm run histories:record) fails here.
    expect(fixtures.filter((f) => f.name.startsWith(`v${ENGINE_VERSION}/`)).length).toBeGreaterThanOrEqual(6);
  });

  it('all replay against the current workflow bundle', async () => {
    const outcomes = await replayFixtures({ codePath: testEnv('workflowBundle') }, fixtures);
    expect(outcomes.map((o) => o.name).sort()).toEqual(fixtures.map((f) => f.name).sort());
    // Failures are listed by fixture: "v1/criminal-defence.json: DeterminismViolationError: …".
    expect(outcomes.filter((o) => o.error).map((o) => `${o.name}: ${o.error!.name}: ${o.error!.message}`)).toEqual([]);
  });
});
