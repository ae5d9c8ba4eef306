#!/usr/bin/env node
import { ConfigError, loadConfig } from './config';
import { apiCommand } from './commands/api';
import { createAdminCommand } from './commands/create-admin';
import { migrateCommand, seedCommand } from './commands/migrate';
import { runStops, say } from './commands/shared';
import { startCommand } from './commands/start';
import { workerCommand } from './commands/worker';
import { StartupError } from './runtime/errors';

const USAGE = `usage: lexflow <command>
  start     everything in one process (embedded PostgreSQL and Temporal unless configured)
  api       the HTTP API and UI only (needs DATABASE_URL, TEMPORAL_ADDRESS)
  worker    the Temporal worker only (needs DATABASE_URL, TEMPORAL_ADDRESS)
  migrate   apply database migrations (--down rolls all back)
  seed      seed the demo firm into an empty database (demo mode)
  create-admin <email> <name>   add an administrator (password from LEXFLOW_ADMIN_PASSWORD or asked)`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const stops: Array<() => Promise<void>> = [];
  const oneShot = command === 'migrate' || command === 'seed' || command === 'create-admin';
  try {
    const config = loadConfig();
    switch (command) {
      case 'start':
        return await startCommand(config, stops);
      case 'api':
        return await apiCommand(config, stops);
      case 'worker':
        return await workerCommand(config, stops);
      case 'migrate':
        await migrateCommand(config, stops, args);
        break;
      case 'seed':
        await seedCommand(config, stops);
        break;
      case 'create-admin':
        await createAdminCommand(config, stops, args);
        break;
      default:
        process.stderr.write(`${USAGE}\n`);
        process.exitCode = command ? 2 : 0;
        return;
    }
  } catch (err) {
    await runStops(stops);
    if (err instanceof ConfigError) process.stderr.write(`lexflow: configuration error: ${err.message}\n`);
    else if (err instanceof StartupError) process.stderr.write(`lexflow: ${err.message}\n`);
    else {
      // A bug, not a setup problem: the stack only when asked for.
      const detail = process.env.LOG_LEVEL === 'debug' ? (err as Error)?.stack : (err as Error)?.message;
      process.stderr.write(`lexflow: unexpected failure: ${detail ?? String(err)} (LOG_LEVEL=debug shows details)\n`);
    }
    process.exit(1);
  }
  if (oneShot) {
    await runStops(stops);
    say('done');
  }
}

void main(process.argv.slice(2));
