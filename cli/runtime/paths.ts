import fs from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder holding LexFlow's package.json, from source (tsx, jest) or from dist/ alike. */
export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'lexflow') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the LexFlow package root');
    dir = parent;
  }
}

/** True when this code runs from TypeScript sources (tsx, jest) rather than the compiled dist/. */
/** The folder of the shipped process templates (*.bpmn). */
export function shippedTemplatesDir(): string {
  return path.join(projectRoot(), 'process-templates');
}

/** True when this code runs from TypeScript sources (tsx, jest) rather than the compiled dist/. */
export function runningFromSource(): boolean {
  return __filename.endsWith('.ts');
}

/** Whether a process with this pid exists (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function processCommandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}
