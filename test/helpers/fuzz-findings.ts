import type { FuzzCase } from './fuzz-cases';
import type { RawAnswer } from './fuzz-http';

/** What fails the fuzz test; `notes` are reported beside it and fail nothing. */
export const FAILING = ['5xx', 'slow', 'no-answer', 'not-problem+json', 'changed-by-refused'] as const;
export type Kind = (typeof FAILING)[number] | 'accepted-bad-unicode' | 'changed-unconfirmed' | 'changed-by-get';

export const SLOW_MS = 2000;

interface Example {
  viewer: string;
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
  ms: number;
  answer: string;
  extra?: string;
}

interface Group {
  op: string;
  kind: Kind;
  count: number;
  example: Example;
  /** The distinct inputs that met it (the first few). */
  labels: Set<string>;
  maxMs: number;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** The problems an answer shows by itself (the database check is the caller's). */
export function judgeAnswer(a: RawAnswer): Kind[] {
  const kinds: Kind[] = [];
  if (a.status === 0) kinds.push(a.error?.startsWith('no answer within') ? 'slow' : 'no-answer');
  if (a.status >= 500) kinds.push('5xx');
  if (a.status !== 0 && a.ms > SLOW_MS) kinds.push('slow');
  if (a.status >= 400 && !isProblem(a)) kinds.push('not-problem+json');
  return [...new Set(kinds)];
}

function isProblem(a: RawAnswer): boolean {
  if (!a.contentType.startsWith('application/problem+json')) return false;
  try {
    const p = JSON.parse(a.text) as { status?: unknown; type?: unknown };
    return p.status === a.status && typeof p.type === 'string';
  } catch {
    return false;
  }
}

const failingKind = (k: Kind) => (FAILING as readonly string[]).includes(k);

/** The same bad input across operations: field and parameter names folded (`body.* = NUL inside`). */
const fold = (label: string) => label.replace(/^body\.[^ =]+/, 'body.*').replace(/^(path|query) \S+ =/, '$1 * =');

function exampleOf(viewer: string, c: FuzzCase, a: RawAnswer, extra?: string): Example {
  const { cookie: _c, ...headers } = c.req.headers;
  return {
    viewer,
    label: c.label,
    method: c.req.method,
    path: clip(c.req.path, 200),
    headers,
    body: c.req.body ? clip(c.req.body.toString('utf8'), 300) : '',
    status: a.status,
    ms: a.ms,
    answer: clip(a.error ?? a.text, 200),
    extra,
  };
}

const show = (e: Example) =>
  `as ${e.viewer}: ${e.method} ${e.path} headers ${JSON.stringify(e.headers)}${e.body ? ` body ${JSON.stringify(e.body)}` : ''}\n` +
  `    → ${e.status} in ${e.ms} ms: ${JSON.stringify(e.answer)}${e.extra ? ` (${e.extra})` : ''}`;

export class Findings {
  private readonly groups = new Map<string, Group>();
  private readonly inputs = new Map<string, { ops: Set<string>; example: Example; op: string }>();

  add(op: string, kind: Kind, viewer: string, c: FuzzCase, a: RawAnswer, extra?: string): void {
    const key = `${op} | ${kind}`;
    const g = this.groups.get(key) ?? { op, kind, count: 0, labels: new Set(), maxMs: 0, example: exampleOf(viewer, c, a, extra) };
    this.groups.set(key, g);
    g.count++;
    g.maxMs = Math.max(g.maxMs, a.ms);
    if (g.labels.size < 12) g.labels.add(c.label);
    const input = `${kind} ← ${fold(c.label)}`;
    const i = this.inputs.get(input) ?? { ops: new Set(), example: exampleOf(viewer, c, a, extra), op };
    i.ops.add(op);
    this.inputs.set(input, i);
  }

  count(kind: Kind): number {
    return [...this.groups.values()].filter((g) => g.kind === kind).reduce((n, g) => n + g.count, 0);
  }

  /** One line per operation × kind with its reproducing example; failing kinds first. */
  lines(which: 'failing' | 'notes'): string[] {
    return [...this.groups.values()]
      .filter((g) => failingKind(g.kind) === (which === 'failing'))
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.op.localeCompare(b.op))
      .map((g) => `${g.kind} ${g.op} ×${g.count} (max ${g.maxMs} ms) — inputs: ${[...g.labels].join('; ')}\n    e.g. ${show(g.example)}`);
  }

  /** One line per operation × kind, for the assertion (the full report goes to stdout). */
  short(): string[] {
    return [...this.groups.values()]
      .filter((g) => failingKind(g.kind))
      .map((g) => `${g.kind} ${g.op} ← ${g.example.label} → ${g.example.status} in ${g.example.ms} ms`)
      .sort();
  }

  /** Each failing bad input across operations, most widespread first, with one reproducing example. */
  digest(): string[] {
    return [...this.inputs.entries()]
      .filter(([k]) => failingKind(k.split(' ')[0] as Kind))
      .sort((a, b) => b[1].ops.size - a[1].ops.size || a[0].localeCompare(b[0]))
      .map(
        ([k, i]) =>
          `${k}: ${i.ops.size} operation(s): ${[...i.ops].slice(0, 4).join(', ')}${i.ops.size > 4 ? ' …' : ''}\n    e.g. ${show(i.example)}`,
      );
  }

  toJSON() {
    return {
      byOperation: [...this.groups.values()].map((g) => ({ ...g, labels: [...g.labels] })),
      byInput: [...this.inputs.entries()].map(([input, i]) => ({ input, ops: [...i.ops], example: i.example })),
    };
  }
}
