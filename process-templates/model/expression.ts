/**
 * The condition language of exclusive gateways: a small, safe expression language over case
 * variables. Parsed into an AST here (no eval, no Function), evaluated deterministically in the
 * workflow. Grammar:
 *   expr    := or
 *   or      := and ('||' and)*          and := not ('&&' not)*
 *   not     := '!' not | cmp            cmp := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum | 'in' list)?
 *   sum     := prod (('+'|'-') prod)*   prod := unary (('*'|'/') unary)*
 *   unary   := '-' unary | atom         list := '[' (expr (',' expr)*)? ']'
 *   atom    := number | string | true | false | null | identifier | '(' expr ')'
 */
export type Expr =
  | { t: 'lit'; v: string | number | boolean | null }
  | { t: 'var'; name: string }
  | { t: 'not'; e: Expr }
  | { t: 'neg'; e: Expr }
  | { t: 'bin'; op: BinOp; l: Expr; r: Expr }
  | { t: 'in'; e: Expr; list: Expr[] };
export type BinOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '+' | '-' | '*' | '/';

export class ExpressionError extends Error {}

export const MAX_EXPRESSION_LENGTH = 1000;
const MAX_DEPTH = 40;

type Token = { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'id'; v: string } | { k: 'op'; v: string } | { k: 'end' };

const OPS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '(', ')', '[', ']', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d+)?/.exec(src.slice(i))!;
      out.push({ k: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) throw new ExpressionError(`unterminated string at ${i + 1}`);
      out.push({ k: 'str', v: s });
      i = j + 1;
    } else if (/[A-Za-z_\u4e00-\u9fff]/.test(c)) {
      const m = /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_\u4e00-\u9fff]*/.exec(src.slice(i))!;
      out.push({ k: 'id', v: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new ExpressionError(`unexpected "${c}" at ${i + 1}`);
      out.push({ k: 'op', v: op });
      i += op.length;
    }
  }
  out.push({ k: 'end' });
  return out;
}

/** Parses a condition; throws ExpressionError with a position for anything outside the grammar. */
export function parseExpression(src: string): Expr {
  if (src.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`longer than ${MAX_EXPRESSION_LENGTH} characters`);
  if (!src.trim()) throw new ExpressionError('empty condition');
  const tokens = tokenize(src);
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const isOp = (v: string) => peek().k === 'op' && (peek() as { v: string }).v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`expected "${v}"`);
    pos++;
  };
  const nested = <T>(fn: () => T): T => {
    if (++depth > MAX_DEPTH) throw new ExpressionError('nested too deeply');
    try {
      return fn();
    } finally {
      depth--;
    }
  };
  const binary = (next: () => Expr, ops: BinOp[]) => (): Expr => {
    let l = next();
    while (peek().k === 'op' && ops.includes((peek() as { v: string }).v as BinOp)) {
      const op = (tokens[pos++] as { v: string }).v as BinOp;
      l = { t: 'bin', op, l, r: next() };
    }
    return l;
  };
  const atom = (): Expr =>
    nested(() => {
      const tok = tokens[pos++];
      if (tok.k === 'num') return { t: 'lit', v: tok.v };
      if (tok.k === 'str') return { t: 'lit', v: tok.v };
      if (tok.k === 'id') {
        if (tok.v === 'true' || tok.v === 'false') return { t: 'lit', v: tok.v === 'true' };
        if (tok.v === 'null') return { t: 'lit', v: null };
        if (tok.v === 'in') throw new ExpressionError('"in" needs a value before it');
        return { t: 'var', name: tok.v };
      }
      if (tok.k === 'op' && tok.v === '(') {
        const e = expr();
        expectOp(')');
        return e;
      }
      throw new ExpressionError(tok.k === 'end' ? 'unexpected end of condition' : `unexpected "${(tok as { v: string }).v}"`);
    });
  const unary = (): Expr => (isOp('-') ? (pos++, nested(() => ({ t: 'neg', e: unary() }))) : atom());
  const prod = binary(unary, ['*', '/']);
  const sum = binary(prod, ['+', '-']);
  const cmp = (): Expr => {
    const l = sum();
    const tok = peek();
    if (tok.k === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(tok.v)) {
      pos++;
      return { t: 'bin', op: tok.v as BinOp, l, r: sum() };
    }
    if (tok.k === 'id' && tok.v === 'in') {
      pos++;
      expectOp('[');
      const list: Expr[] = [];
      while (!isOp(']')) {
        list.push(expr());
        if (!isOp(']')) expectOp(',');
      }
      pos++;
      return { t: 'in', e: l, list };
    }
    return l;
  };
  const not = (): Expr => (isOp('!') ? (pos++, nested(() => ({ t: 'not', e: not() }))) : cmp());
  const and = binary(not, ['&&']);
  const expr = (): Expr => nested(binary(and, ['||']));
  const result = expr();
  if (peek().k !== 'end') throw new ExpressionError(`unexpected "${(peek() as { v: string }).v}" after the condition`);
  return result;
}

/** Every variable a condition reads. */
export function expressionVariables(e: Expr, into = new Set<string>()): Set<string> {
  switch (e.t) {
    case 'var':
      into.add(e.name);
      break;
    case 'not':
    case 'neg':
      expressionVariables(e.e, into);
      break;
    case 'bin':
      expressionVariables(e.l, into);
      expressionVariables(e.r, into);
      break;
    case 'in':
      expressionVariables(e.e, into);
      e.list.forEach((x) => expressionVariables(x, into));
      break;
  }
  return into;
}

type Value = string | number | boolean | null;

function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

function asValue(v: unknown): Value {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

function compare(op: BinOp, a: Value, b: Value): boolean {
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  // Ordering only between two numbers or two strings (ISO dates compare as strings); otherwise false.
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
  return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** Evaluates deterministically; unknown variables are null, type mismatches give false or null, never an exception. */
export function evaluate(e: Expr, vars: Readonly<Record<string, unknown>>): Value {
  switch (e.t) {
    case 'lit':
      return e.v;
    case 'var':
      return Object.prototype.hasOwnProperty.call(vars, e.name) ? asValue(vars[e.name]) : null;
    case 'not':
      return !truthy(evaluate(e.e, vars));
    case 'neg': {
      const v = evaluate(e.e, vars);
      return typeof v === 'number' ? -v : null;
    }
    case 'in': {
      const v = evaluate(e.e, vars);
      return e.list.some((x) => evaluate(x, vars) === v);
    }
    case 'bin': {
      if (e.op === '&&') return truthy(evaluate(e.l, vars)) && truthy(evaluate(e.r, vars));
      if (e.op === '||') return truthy(evaluate(e.l, vars)) || truthy(evaluate(e.r, vars));
      const a = evaluate(e.l, vars);
      const b = evaluate(e.r, vars);
      if (['+', '-', '*', '/'].includes(e.op)) {
        if (typeof a !== 'number' || typeof b !== 'number') return null;
        const r = e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : b === 0 ? null : a / b;
        return r === null || Number.isFinite(r) ? r : null;
      }
      return compare(e.op, a, b);
    }
  }
}

export function conditionHolds(e: Expr, vars: Readonly<Record<string, unknown>>): boolean {
  return truthy(evaluate(e, vars));
}
