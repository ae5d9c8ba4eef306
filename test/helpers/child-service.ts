/**
 * A LexFlow process (the API or the worker) run as a child so a test can SIGKILL it —
 * no shutdown hooks, no flushed buffers, exactly what a crash or an OOM kill leaves — and start
 * it again with the same environment (the API on the same port, so clients reconnect).
 * node itself is spawned (tsx as a loader, not a wrapper process), so a signal reaches the
 * service and nothing is orphaned.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { eventually } from './engine';

export interface ServiceSpec {
  name: string;
  /** Arguments after `node --import tsx`. */
  args: string[];
  env: Record<string, string>;
  /** The line in its output that says it is serving. */
  readyLine: string;
}

/** How much of a child's output is kept for the failure message of a start that went wrong. */
const KEEP_OUTPUT = 8_000;

export class ChildService {
  private child?: ChildProcess;
  private output = '';
  private exited?: Promise<void>;
  private lastExit: number | NodeJS.Signals | null = null;
  starts = 0;
  kills = 0;

  constructor(readonly spec: ServiceSpec) {}

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the service and resolves once it says it is ready (or fails with what it printed). */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) throw new Error(`${this.spec.name} is already running`);
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', ...this.spec.args], {
      env: { ...process.env, ...this.spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-KEEP_OUTPUT));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((r) =>
      child.once('exit', (code, signal) => {
        this.lastExit = signal ?? code;
        r();
      }),
    );
    this.starts++;
    try {
      await eventually(async () => {
        if (!this.running) throw new Error(`${this.spec.name} exited while starting`);
        return this.output.includes(this.spec.readyLine);
      }, timeoutMs);
    } catch (err) {
      throw new Error(`${this.spec.name} did not start: ${(err as Error).message}\n${this.output}`);
    }
  }

  /** SIGKILL, and wait until the process is gone (its port and its Temporal pollers with it). */
  async kill(): Promise<void> {
    if (!this.running) throw new Error(`${this.spec.name} is not running`);
    this.child!.kill('SIGKILL');
    await this.exited;
    this.kills++;
  }

  /** A clean stop at the end of the test: SIGTERM, then SIGKILL if it lingers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const lingering = new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 10_000)));
    if ((await Promise.race([this.exited!.then(() => false), lingering])) && this.running) this.child!.kill('SIGKILL');
    clearTimeout(timer);
    await this.exited;
  }

  /** Resolves when the process has ended by itself (a crash point, say): with its signal, else its exit code. */
  async ended(): Promise<number | NodeJS.Signals | null> {
    await this.exited;
    return this.lastExit;
  }

  recentOutput(): string {
    return this.output;
  }
}
