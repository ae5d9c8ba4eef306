import { HttpClient } from './app';
import type { ApiStack } from './api-stack';
import type { AuthzWorld } from './authz-world';
import { casesFor, type Category, type FuzzCase } from './fuzz-cases';
import { changedTables, settled, type Fingerprint } from './fuzz-fingerprint';
import { Findings, judgeAnswer, SLOW_MS } from './fuzz-findings';
import { rawRequest, type RawAnswer } from './fuzz-http';
import { mulberry32 } from './fuzz-random';
import { operationsOf, type OpenApiDoc, type Operation } from './fuzz-schema';
import { fuzzOrder, renewAfter, worldLookups } from './fuzz-world';

const TIMEOUT_MS = 5000;
const CATEGORIES: Category[] = ['field', 'body', 'query', 'path', 'header'];
const BAD_UNICODE = /NUL|surrogate/;

export interface FuzzDeps {
  stack: ApiStack;
  world: AuthzWorld;
  doc: OpenApiDoc;
  seed: number;
  fp: () => Promise<Fingerprint>;
  budgetMs: number;
}

/** The two signed-in viewers the cases go out as: the firm's partner and the on-case lawyer. */
const VIEWERS = [
  { name: 'partner', who: 'partner', email: 'partner@demo.lexflow' },
  { name: 'lawyer', who: 'li.ming', email: 'li.ming@demo.lexflow' },
] as const;

/**
 * Sends every operation's cases as each viewer within the budget: each (operation, viewer) gets
 * an even share of what is left, and every category of its cases at least once, even past the budget. A refused
 * mutating request is checked against the database fingerprint at once, reads by the batch.
 */
export class FuzzRun {
  readonly findings = new Findings();
  readonly tried = new Map<string, number>();
  readonly ops: Operation[];
  requests = 0;
  reruns = 0;
  private current: Fingerprint = {};

  constructor(private readonly d: FuzzDeps) {
    this.ops = fuzzOrder(operationsOf(d.doc));
  }

  async run(): Promise<void> {
    const started = Date.now();
    const lookups = worldLookups(this.d.stack, this.d.world, mulberry32(this.d.seed));
    this.current = await settled(this.d.fp, 5000);
    const units = this.ops.flatMap((op) => VIEWERS.map((v) => ({ op, v })));
    for (const [i, { op, v }] of units.entries()) {
      // Past the budget a unit still sends each category of its cases once (its slice is spent at once):
      // how many operations are tried must not depend on how busy the machine is.
      const elapsed = Date.now() - started;
      const sliceEnd = Date.now() + Math.max(0, (this.d.budgetMs - elapsed) / (units.length - i));
      const cookie = await this.cookieFor(op, v);
      // Each unit draws from its own stream: the same seed gives it the same cases, however long the others took.
      const rng = mulberry32((this.d.seed + (i + 1) * 0x9e3779b9) >>> 0);
      const lists = casesFor(op, { doc: this.d.doc, rng, origin: this.d.stack.app.url, cookie, ...lookups });
      await this.unit(op, v.name, lists, sliceEnd);
    }
    await this.unrouted();
  }

  /** Paths no operation declares, with the same bad escapes: the API's own 404 must answer them. */
  private async unrouted() {
    const cookie = this.d.stack.as.partner.cookie;
    const paths = ['/api/v1/%zz', '/api/v1/%', '/api/v1/cases/%zz/nothing', '/api/%zz', '/api/v1/nothing?q=%zz', '/api/docs/%zz'];
    for (const path of paths) {
      for (const method of ['GET', 'POST']) {
        const headers: Record<string, string> = { cookie, origin: this.d.stack.app.url, 'content-type': 'application/json' };
        const c: FuzzCase = {
          category: 'path',
          label: `unrouted ${path}`,
          req: { method, path, headers, body: method === 'POST' ? Buffer.from('{}') : undefined },
        };
        const a = await this.send(c);
        this.requests++;
        for (const kind of judgeAnswer(a)) this.findings.add(`${method} (no operation)`, kind, 'partner', c, a);
      }
    }
  }

  /** Signing out ends the session: it is fuzzed on a session of its own. */
  private async cookieFor(op: Operation, v: (typeof VIEWERS)[number]): Promise<string> {
    if (op.key !== 'POST /api/v1/auth/logout') return this.d.stack.as[v.who].cookie;
    const own = new HttpClient(this.d.stack.app.url);
    await own.login(v.email);
    return own.cookie;
  }

  /** Round-robin over the categories: every one is tried once, then on until the slice is used. */
  private async unit(op: Operation, viewer: string, lists: Record<Category, Array<() => FuzzCase>>, sliceEnd: number) {
    const reads: Array<{ c: FuzzCase; a: RawAnswer }> = [];
    for (let round = 0; ; round++) {
      const live = CATEGORIES.filter((k) => lists[k].length > 0);
      if (live.length === 0 || (round > 0 && Date.now() > sliceEnd)) break;
      for (const k of live) {
        const c = lists[k].shift()!();
        const a = await this.sendTimed(c);
        this.requests++;
        this.tried.set(op.key, (this.tried.get(op.key) ?? 0) + 1);
        this.judge(op, viewer, c, a);
        if (op.method === 'GET') reads.push({ c, a });
        else await this.checkWrite(op, viewer, c, a);
      }
    }
    if (reads.length === 0) return;
    const tables = changedTables(this.current, await this.d.fp());
    // A read changed something: find which by sending each again alone.
    if (tables.length) for (const { c, a } of reads) await this.confirm(op, viewer, c, a, tables);
  }

  /**
   * A slow answer is timed once more (two CPUs shared with other test files can stall one
   * request); it counts as slow only if the second is slow too. A request that got no answer at
   * all within the timeout is not sent again.
   */
  private async sendTimed(c: FuzzCase): Promise<RawAnswer> {
    const a = await this.send(c);
    if (a.status === 0 || a.ms <= SLOW_MS) return a;
    const again = await this.send(c);
    return again.ms < a.ms ? again : a;
  }

  private send(c: FuzzCase): Promise<RawAnswer> {
    return rawRequest(this.d.stack.app.url, c.req, TIMEOUT_MS);
  }

  private judge(op: Operation, viewer: string, c: FuzzCase, a: RawAnswer) {
    for (const kind of judgeAnswer(a)) this.findings.add(op.key, kind, viewer, c, a);
    const accepted = a.status >= 200 && a.status < 400;
    if (accepted && op.method !== 'GET' && c.category === 'field' && BAD_UNICODE.test(c.label)) {
      this.findings.add(op.key, 'accepted-bad-unicode', viewer, c, a);
    }
  }

  /** Accepted: the world may change (and is renewed if used up). Refused: nothing may. */
  private async checkWrite(op: Operation, viewer: string, c: FuzzCase, a: RawAnswer) {
    const after = await this.d.fp();
    const tables = changedTables(this.current, after);
    if (a.status >= 200 && a.status < 400) {
      await renewAfter(op, this.d.world);
      this.current = tables.length || op.method === 'DELETE' ? await settled(this.d.fp) : after;
    } else if (tables.length) await this.confirm(op, viewer, c, a, tables);
  }

  /** A refused request changed the database: send it again alone, to tell it from the worker's late writes. */
  private async confirm(op: Operation, viewer: string, c: FuzzCase, a: RawAnswer, tables: string[]) {
    const before = await settled(this.d.fp);
    const again = await this.send(c);
    this.reruns++;
    const still = changedTables(before, await this.d.fp());
    const refused = again.status >= 400 || again.status === 0;
    const kind = refused && still.length ? 'changed-by-refused' : op.method === 'GET' ? 'changed-by-get' : 'changed-unconfirmed';
    if (kind !== 'changed-by-get' || still.length) {
      this.findings.add(op.key, kind, viewer, c, a, `tables ${(still.length ? still : tables).join(', ')}`);
    }
    this.current = await settled(this.d.fp);
  }
}
