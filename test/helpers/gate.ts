/**
 * A gate for a test's worker: the step behind it passes `holdAfter(n)` times, then waits until the
 * test releases it, or aborts it (the held step fails: its run was terminated, it must not go on
 * behind the run's back). A step whose activity is cancelled (its worker shut down) gives up too,
 * so a test can stop a worker while a step is in flight and have the next worker retry it.
 */
export function createGate() {
  return {
    allowance: Infinity,
    held: [] as Array<{ go: () => void; stop: (e: Error) => void }>,
    holdAfter(n: number) {
      this.allowance = n;
    },
    release() {
      this.allowance = Infinity;
      this.held.splice(0).forEach((h) => h.go());
    },
    abort(why: string) {
      this.allowance = Infinity;
      this.held.splice(0).forEach((h) => h.stop(new Error(why)));
    },
    /** Passes or waits; `cancelled` (the activity's cancellation) ends the wait with an error. */
    async pass(cancelled?: Promise<never>) {
      if (this.allowance > 0) return void this.allowance--;
      await new Promise<void>((go, stop) => {
        const h = { go, stop };
        this.held.push(h);
        cancelled?.catch(() => {
          this.held = this.held.filter((x) => x !== h);
          stop(new Error('the worker stopped while the case waited'));
        });
      });
    },
  };
}
