/**
 * Fail points for the crash tests: `LEXFLOW_CRASH_POINT=<name>` makes the process kill itself
 * (SIGKILL: no clean-up, no answer) when it reaches that point, so a test can stop the API between
 * two steps of a request exactly where a power cut could. Unset — always, outside those tests —
 * a point is a no-op.
 */
const armed = process.env.LEXFLOW_CRASH_POINT;

export type CrashPoint = 'case-opening-saved' | 'case-run-started' | 'case-opening-cleared' | 'answer-kept';

export function crashPoint(name: CrashPoint): void {
  if (armed !== name) return;
  process.stderr.write(`crash point ${name}: killing the process\n`);
  process.kill(process.pid, 'SIGKILL');
}
