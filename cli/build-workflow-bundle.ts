import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflows } from './runtime/workflow-bundle';
import { projectRoot } from './runtime/paths';

/** Build step: the worker of a deployment loads this prebuilt bundle instead of bundling at start. */
async function main() {
  const root = projectRoot();
  const code = await bundleWorkflows((line) => process.stderr.write(`${line}\n`));
  const out = path.join(root, 'dist', 'workflow-bundle.js');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code);
  process.stdout.write(`wrote ${path.relative(root, out)} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

void main();
