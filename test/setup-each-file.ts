import { DefaultLogger, Runtime } from '@temporalio/worker';

// The SDK's own chatter (worker state changes, core notices) stays out of test output; warnings show.
try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } },
  });
} catch {
  // Already installed in this worker process.
}
