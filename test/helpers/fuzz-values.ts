/**
 * The bad inputs the fuzz test draws from, as the exact bytes they go out as: JSON values as JSON
 * text (so 99999999999999999999999 stays that literal), URL parts already percent-encoded.
 */

export interface Bad {
  label: string;
  /** JSON text (bodies), or the encoded text of a path segment / query value. */
  text: () => string;
}

const bad = (label: string, text: string | (() => string)): Bad => ({ label, text: typeof text === 'string' ? () => text : text });
const DEPTH = 5000;

export const deepArray = () => '['.repeat(DEPTH) + ']'.repeat(DEPTH);
export const deepObject = () => '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

/** Any JSON field, whatever its type: wrong types, edge numbers, hostile strings, odd shapes. */
export const BAD_JSON: Bad[] = [
  bad('null', 'null'),
  bad('true', 'true'),
  bad('0', '0'),
  bad('-1', '-1'),
  bad('1.5', '1.5'),
  bad('1e308', '1e308'),
  bad('-1e308', '-1e308'),
  bad('99999999999999999999999', '99999999999999999999999'),
  bad('2^53+1', '9007199254740993'),
  bad('empty string', '""'),
  bad('NUL', '"\\u0000"'),
  bad('NUL inside', '"a\\u0000b"'),
  bad('lone high surrogate', '"\\ud800"'),
  bad('lone low surrogate', '"\\udc00"'),
  bad('surrogate inside', '"x\\ud800y"'),
  bad('100 kB string', () => JSON.stringify('x'.repeat(100_000))),
  bad('100k CJK string', () => JSON.stringify('律'.repeat(100_000))),
  bad('numeric string', '"1"'),
  bad('huge numeric string', '"99999999999999999999999"'),
  bad('nil uuid', '"00000000-0000-0000-0000-000000000000"'),
  bad('max uuid', '"ffffffff-ffff-ffff-ffff-ffffffffffff"'),
  bad('impossible date', '"2031-02-30"'),
  bad('five-digit year', '"99999-12-31"'),
  bad('bad date-time', '"2031-01-01T25:61:00Z"'),
  bad('blank', '"   "'),
  bad('RTL override', '"\\u202e"'),
  bad('SQL', `"' or 1=1 --"`),
  bad('path traversal', '"../../etc/passwd"'),
  bad('empty array', '[]'),
  bad('[null]', '[null]'),
  bad('mixed array', '[1,"a",{}]'),
  bad('empty object', '{}'),
  bad('object', '{"a":1}'),
  bad('__proto__ object', '{"__proto__":{"polluted":1}}'),
  bad('deep array', deepArray),
  bad('deep object', deepObject),
  bad('100k-element array', () => `[${'1,'.repeat(100_000)}1]`),
];

/** A path segment in place of a path parameter. */
export const BAD_PATH: Bad[] = [
  bad('%zz', '%zz'),
  bad('%', '%'),
  bad('%00', '%00'),
  bad('a%00b', 'a%00b'),
  bad('encoded lone surrogate', '%ED%A0%80'),
  bad('overlong NUL', '%C0%80'),
  bad('%FF', '%FF'),
  bad('5000 chars', () => 'x'.repeat(5000)),
  bad('not a uuid', 'not-a-uuid'),
  bad('nil uuid', '00000000-0000-0000-0000-000000000000'),
  bad('max uuid', 'ffffffff-ffff-ffff-ffff-ffffffffffff'),
  bad('-1', '-1'),
  bad('0', '0'),
  bad('99999999999999999999999', '99999999999999999999999'),
  bad('1e308', '1e308'),
  bad('1.5', '1.5'),
  bad('..', '..'),
  bad('%2e%2e', '%2e%2e'),
  bad('%2F', '%2F'),
  bad('%20', '%20'),
  bad('CJK', '%E5%BE%8B'),
  bad('impossible date', '2031-02-30'),
  bad('five-digit year', '99999-01-01'),
  bad('year 0', '0000-01-01'),
];

/** A query value (the parameter name is the operation's own). */
export const BAD_QUERY: Bad[] = [
  ...BAD_PATH.filter((b) => !['..', '%2e%2e', '%2F'].includes(b.label)),
  bad('8 kB', () => 'x'.repeat(8000)),
  bad('empty', ''),
  bad('NaN', 'NaN'),
  bad('Infinity', 'Infinity'),
  bad('9007199254740993', '9007199254740993'),
  bad('true', 'true'),
  bad('[]', '%5B%5D'),
  bad('null', 'null'),
  bad('SQL', "'%20or%201%3D1--"),
  bad('%25', '%25'),
  bad('*', '*'),
  bad('backslash', '%5C'),
  bad('like wildcards', '%25_%25'),
];

/** Query strings that add parameters the operation does not declare. */
export const UNKNOWN_QUERY = ['zzz=1', '__proto__=x', 'constructor=x', 'hasOwnProperty=x', 'toString=1', '__proto__[a]=1', 'a[b][c]=1'];

const bpmn = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" ` +
  `xmlns:lexflow="http://lexflow.dev/schema/bpmn/1.0" id="D" targetNamespace="http://lexflow.dev/templates">` +
  `<bpmn:process id="p" isExecutable="true" lexflow:practiceArea="civil" lexflow:caseTypes="first_instance">${inner}</bpmn:process></bpmn:definitions>`;

/** A chain of `n` user tasks, start to end. */
function chain(n: number): string {
  const ids = ['S', ...Array.from({ length: n }, (_, i) => `T${i}`), 'E'];
  const flows = ids.slice(1).map((to, i) => `<bpmn:sequenceFlow id="F${i}" sourceRef="${ids[i]}" targetRef="${to}"/>`);
  const tasks = ids.slice(1, -1).map((id) => `<bpmn:userTask id="${id}" name="${id}" lexflow:assigneeRole="lead"/>`);
  return bpmn(`<bpmn:startEvent id="S"/>${tasks.join('')}<bpmn:endEvent id="E"/>${flows.join('')}`);
}

/** Gateways that loop back on each other with no way out. */
function cycle(): string {
  return bpmn(
    '<bpmn:startEvent id="S"/><bpmn:parallelGateway id="A"/><bpmn:parallelGateway id="B"/>' +
      '<bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="A"/><bpmn:sequenceFlow id="F1" sourceRef="A" targetRef="B"/>' +
      '<bpmn:sequenceFlow id="F2" sourceRef="A" targetRef="B"/><bpmn:sequenceFlow id="F3" sourceRef="B" targetRef="A"/>' +
      '<bpmn:sequenceFlow id="F4" sourceRef="B" targetRef="A"/>',
  );
}

/** An exclusive gateway that loops back through another with nothing to wait for. */
function gatewayLoop(): string {
  return bpmn(
    '<bpmn:startEvent id="S"/><bpmn:userTask id="T" name="T" lexflow:assigneeRole="lead"/>' +
      '<bpmn:exclusiveGateway id="G1" default="back"/><bpmn:exclusiveGateway id="G2"/><bpmn:endEvent id="E"/>' +
      '<bpmn:sequenceFlow id="F0" sourceRef="S" targetRef="T"/><bpmn:sequenceFlow id="F1" sourceRef="T" targetRef="G1"/>' +
      '<bpmn:sequenceFlow id="out" sourceRef="G1" targetRef="E"><bpmn:conditionExpression>false</bpmn:conditionExpression></bpmn:sequenceFlow>' +
      '<bpmn:sequenceFlow id="back" sourceRef="G1" targetRef="G2"/><bpmn:sequenceFlow id="F2" sourceRef="G2" targetRef="G1"/>',
  );
}

/** The same id many times over (the parser's cost grows with the square of their number). */
const duplicateIds = (n: number) =>
  bpmn('<bpmn:startEvent id="S"/>').replace('<bpmn:process', `${'<bpmn:message id="m" name="m"/>'.repeat(n)}<bpmn:process`);

/** Sub-processes nested `n` deep. */
const nestedStages = (n: number) => bpmn(`${'<bpmn:subProcess id="s">'.repeat(n)}${'</bpmn:subProcess>'.repeat(n)}`);

/** XML bodies (the draft and validate endpoints, the simulation's `xml` field). */
export const BAD_XML: Bad[] = [
  bad('empty', ''),
  bad('not XML', 'not xml at all'),
  bad('unclosed', '<bpmn:definitions'),
  bad('NUL', 'a\u0000b'),
  bad('lone surrogate', '<a>\ud800</a>'),
  bad('deep nesting', () => '<a>'.repeat(DEPTH) + '</a>'.repeat(DEPTH)),
  bad(
    'billion laughs',
    '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">' +
      '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]><l>&f;&f;&f;&f;</l>',
  ),
  bad('external entity', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
  bad('100k empty elements', () => `<a>${'<b/>'.repeat(100_000)}</a>`),
  bad('1.9 MB text', () => `<a>${'x'.repeat(1_900_000)}</a>`),
  bad('chain of 2000 tasks', () => chain(2000)),
  bad('parallel gateway cycle', cycle),
  bad('exclusive gateway loop', gatewayLoop),
  bad('12k duplicate message ids', () => duplicateIds(12_000)),
  bad('20k nested sub-processes', () => nestedStages(20_000)),
  bad('process without elements', () => bpmn('')),
];
