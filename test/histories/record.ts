/**
 * `npm run histories:record`: records the replay fixtures of the current ENGINE_VERSION into
 * workflows/histories/v<ENGINE_VERSION>/ — real cases on the shipped templates, run by a real
 * worker with the real activities on a real PostgreSQL. It refuses to touch an existing set: old
 * histories are what running cases look like and are never rewritten. A deliberate change of the
 * command order goes behind `patched()`, raises ENGINE_VERSION and records a new folder beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ENGINE_VERSION } from '../../workflows/definitions';
import { activitiesRun } from '../helpers/history';
import { versionDir, writeFixture, type History } from './fixtures';
import { SCENARIOS } from './scenarios';
import { startRecordingStack } from './stack';

const say = (line: string) => process.stdout.write(`${line}\n`);

const updatesIn = (h: History) => (h.events ?? []).map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name).filter(Boolean);

/** What the whole set must show (issue 12): stops the recording when a scenario no longer reaches it. */
function assertCoverage(all: Array<{ name: string; runs: History[] }>) {
  const histories = all.flatMap((s) => s.runs);
  const alerts = histories.flatMap(activitiesRun).filter((a) => a === 'taskAlert').length;
  const need: Array<[string, boolean]> = [
    ['one history per shipped template (6)', all.length >= 6],
    ['reminders and escalations fired (taskAlert)', alerts >= 2],
    ['a template migration', histories.some((h) => updatesIn(h).includes('migrateTemplate'))],
    ['a continue-as-new chain', all.some((s) => s.runs.length > 1)],
    ['a closed case', histories.some((h) => updatesIn(h).includes('closeCase'))],
  ];
  const missing = need.filter(([, ok]) => !ok).map(([what]) => what);
  if (missing.length) throw new Error(`the recorded set lacks: ${missing.join('; ')}`);
}

async function main() {
  const target = versionDir(ENGINE_VERSION);
  if (fs.existsSync(target)) {
    say(`refusing to overwrite ${path.relative(process.cwd(), target)}: recorded histories are never rewritten.`);
    say('A deliberate change of the command order uses patched(), raises ENGINE_VERSION (workflows/definitions.ts) and records a new folder.');
    process.exit(1);
  }
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `lexflow-histories-v${ENGINE_VERSION}-`));
  const stack = await startRecordingStack(say);
  const recorded: Array<{ name: string; runs: History[] }> = [];
  try {
    for (const s of SCENARIOS) {
      const started = Date.now();
      const runs = await (await s.run(stack)).histories();
      recorded.push({ name: s.name, runs });
      runs.forEach((h, i) => {
        const file = runs.length > 1 ? `${s.name}.run-${i + 1}.json` : `${s.name}.json`;
        const events = writeFixture(staging, file, h);
        say(`  ${file.padEnd(44)} ${String(events).padStart(4)} events  (${s.covers}; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      });
    }
    assertCoverage(recorded);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(staging, target, { recursive: true, errorOnExist: true, force: false });
    fs.chmodSync(target, 0o755);
  } finally {
    await stack.stop();
    fs.rmSync(staging, { recursive: true, force: true });
  }
  say(`recorded ${fs.readdirSync(target).length} histories into ${path.relative(process.cwd(), target)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`histories:record failed: ${(err as Error).stack ?? err}\n${(err as Error).cause ? `cause: ${String((err as Error).cause)}\n` : ''}`);
    process.exit(1);
  },
);
