import { conditionHolds, evaluate, expressionVariables, parseExpression } from './expression';

const vars = { outcome: 'settled', amount: 1_500_000, appeal: true, judgmentServedAt: '2026-09-22', nothing: null, 当事人: '甲' };
const holds = (src: string, v: Record<string, unknown> = vars) => conditionHolds(parseExpression(src), v);

describe('the condition language', () => {
  it.each([
    ['outcome == "settled"', true],
    ["outcome == 'settled'", true],
    ['outcome != "settled"', false],
    ['amount >= 1000000 && appeal', true],
    ['amount > 2000000 || appeal == false', false],
    ['!appeal', false],
    ['!(amount < 10)', true],
    ['amount * 2 - 1000000 == 2000000', true],
    ['amount / 0 == null', true],
    ['-amount < 0', true],
    ['outcome in ["settled", "withdrawn"]', true],
    ['outcome in []', false],
    ['judgmentServedAt >= "2026-09-01" && judgmentServedAt < "2026-10-01"', true],
    ['missing == null', true],
    ['missing > 3', false],
    ['"10" > 9', false],
    ['nothing', false],
    ['当事人 == "甲"', true],
    ['1 + 2 * 3 == 7', true],
    ['(1 + 2) * 3 == 9', true],
    ['true && !false || false', true],
  ])('%s → %s', (src, expected) => {
    expect(holds(src)).toBe(expected);
  });

  it('lists the variables a condition reads', () => {
    expect([...expressionVariables(parseExpression('a == 1 && (b || !c) && d in [e, 2]'))].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it.each([
    ['', 'empty condition'],
    ['amount >', 'unexpected end'],
    ['amount >> 3', 'unexpected ">"'],
    ['a = 1', 'unexpected "="'],
    ['"open', 'unterminated string'],
    ['a == 1 b', 'after the condition'],
    ['foo(1)', 'unexpected "("'],
    ['in [1]', '"in" needs a value'],
    ['a in 1', 'expected "["'],
    ['a.b == 1', 'unexpected "."'],
    ['a; process.exit(1)', 'unexpected ";"'],
    ['`${process}`', 'unexpected "`"'],
  ])('rejects %j (%s)', (src, message) => {
    expect(() => parseExpression(src)).toThrow(message);
  });

  it('cannot reach JavaScript: code-looking input is data or a syntax error, never executed', () => {
    const hostile = [
      'constructor == 1',
      '__proto__ == null',
      'this == null',
      'globalThis == null',
      'process == null',
      'require == null',
      'eval == null',
      'Function == null',
      "x == 'constructor'",
    ];
    for (const src of hostile) expect(evaluate(parseExpression(src), {})).toEqual(expect.anything());
    // Prototype names are not variables unless the case really has them.
    expect(holds('constructor == null', {})).toBe(true);
    expect(holds('toString == null', {})).toBe(true);
    expect(holds('__proto__ == null', {})).toBe(true);
    expect(() => parseExpression('process.exit(1)')).toThrow();
    expect(() => parseExpression('(() => 1)()')).toThrow();
    expect(() => parseExpression('a[0]')).toThrow();
  });

  it('refuses runaway input instead of overflowing the stack', () => {
    expect(() => parseExpression('('.repeat(500) + '1' + ')'.repeat(500))).toThrow();
    expect(() => parseExpression('!'.repeat(200) + 'a')).toThrow('nested too deeply');
    expect(() => parseExpression('-'.repeat(200) + '1')).toThrow('nested too deeply');
    expect(() => parseExpression('a == 1 && '.repeat(200) + 'true')).toThrow('longer than');
    const long = Array.from({ length: 70 }, (_, i) => `v${i} == ${i}`).join(' || ');
    expect(long.length).toBeLessThan(1000);
    expect(holds(long, { v69: 69 })).toBe(true);
  });
});
