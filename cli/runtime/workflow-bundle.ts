import path from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { projectRoot } from './paths';

/**
 * The workflow bundle (workflows/index.ts), for the build, the test setup and the replay tools alike;
 * the bundler says only its warnings and errors, through `say`. `webpackConfigHook` lets a test swap
 * a module (the replay gate's negative test does).
 */
export async function bundleWorkflows(
  say: (line: string) => void,
  webpackConfigHook?: BundleOptions['webpackConfigHook'],
): Promise<string> {
  const quiet = () => undefined;
  const loud = (m: string) => say(`bundler: ${m}`);
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(projectRoot(), 'workflows', 'index.ts'),
    logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: loud, error: loud },
    webpackConfigHook,
  });
  return code;
}
