import type { Logger } from 'pino';

/** One line to the person at the terminal (not a log record). */
export function say(line: string): void {
  process.stdout.write(`lexflow: ${line}\n`);
}

/**
 * Stops what was started, newest first, on SIGINT/SIGTERM (a second signal forces the exit).
 * `stops` is read at signal time, so callers keep pushing to it while starting up.
 */
export function onShutdown(stops: Array<() => Promise<void>>, logger?: Logger): void {
  let stoppingSince = 0;
  const handler = async (signal: NodeJS.Signals) => {
    if (stoppingSince) {
      // npm and tsx relay the signal a terminal or supervisor already sent to the whole group:
      // only a second, later Ctrl-C means "stop waiting".
      if (Date.now() - stoppingSince < 2_000) return;
      say('forced exit');
      process.exit(130);
    }
    stoppingSince = Date.now();
    say(`${signal}: stopping…`);
    await runStops(stops, logger);
    say('stopped');
    process.exit(0);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export async function runStops(stops: Array<() => Promise<void>>, logger?: Logger): Promise<void> {
  for (const stop of [...stops].reverse()) {
    try {
      await stop();
    } catch (err) {
      logger?.error({ err }, 'error while stopping');
    }
  }
  stops.length = 0;
}
