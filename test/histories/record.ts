/**
 * `npm run histories:record`: records the replay fixtures of the current ENGINE_VERSION into
 * workflows/histories/v<ENGINE_VERSION>/ — real cases on the shipped templates and a real bulk
 * migration, run by a real worker with the real activities on a real PostgreSQL. It never rewrites
 * a file: old histories are what running workflows look like. A scenario whose fixtures are on disk
 * is skipped (and named); only the others run and add their files. The whole set, existing and
 * new, must still cover what issue 12 asks, or nothing is written. A deliberate change of the
 * command order goes behind `patched()`, raises ENGINE_VERSION and records a new folder beside it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ENGINE_VERSION } from '../../workflows/definitions';
import { missingCoverage } from './coverage';
import { loadAllFixtures, versionDir, writeFixture } from './fixtures';
import { SCENARIOS, type Scenario } from './scenarios';
import { startRecordingStack } from './stack';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The files of `s` already in the folder: `<name>.json`, `<name>.run-<n>.json`, `<name>.<what>.json`. */
const filesOf = (s: Scenario, existing: string[]) => existing.filter((f) => f === `${s.name}.json` || f.startsWith(`${s.name}.`));

/** Runs the scenarios on a fresh stack and writes their fixtures into `staging`. */
async function record(scenarios: Scenario[], staging: string) {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
  const stack = await startRecordingStack(say);
  try {
    for (const s of scenarios) {
      const started = Date.now();
      for (const { file, history } of await (await s.run(stack)).fixtures(s.name)) {
        const events = writeFixture(staging, file, history);
        say(`  ${file.padEnd(44)} ${String(events).padStart(4)} events  (${s.covers}; ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
  } finally {
    await stack.stop();
  }
}

async function main() {
  const target = versionDir(ENGINE_VERSION);
  const shown = path.relative(process.cwd(), target);
  const existing = fs.existsSync(target) ? fs.readdirSync(target).filter((f) => f.endsWith('.json')) : [];
  const todo = SCENARIOS.filter((s) => !filesOf(s, existing).length);
  for (const s of SCENARIOS.filter((x) => !todo.includes(x)))
    say(`  skipped ${s.name}: ${filesOf(s, existing).join(', ')} already recorded (never rewritten)`);

  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `lexflow-histories-v${ENGINE_VERSION}-`));
  try {
    if (todo.length) await record(todo, staging);
    const added = fs.readdirSync(staging).sort();
    const missing = missingCoverage([...loadAllFixtures(target), ...loadAllFixtures(staging)]);
    if (missing.length) throw new Error(`the recorded set of ${shown} (existing and new) lacks: ${missing.join('; ')}`);
    fs.mkdirSync(target, { recursive: true, mode: 0o755 });
    for (const f of added) fs.copyFileSync(path.join(staging, f), path.join(target, f), fs.constants.COPYFILE_EXCL);
    say(
      `${shown}: ${added.length} fixture(s) added${added.length ? ` (${added.join(', ')})` : ''}, ${existing.length} kept unchanged; the set covers issue 12's list`,
    );
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(
      `histories:record failed: ${(err as Error).stack ?? err}\n${(err as Error).cause ? `cause: ${String((err as Error).cause)}\n` : ''}`,
    );
    process.exit(1);
  },
);
