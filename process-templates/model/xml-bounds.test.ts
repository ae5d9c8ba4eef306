import fs from 'node:fs';
import path from 'node:path';
import { compile } from './compiler';
import { XML_LIMITS } from './xml-bounds';

/** Issue 13, finding 1 and the gateway loop of finding 6: crafted templates are refused fast, by name. */
const wrap = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">${inner}</bpmn:definitions>`;

async function timed(xml: string) {
  const started = Date.now();
  const r = await compile(xml);
  return { codes: r.errors?.map((e) => e.code) ?? [], ms: Date.now() - started, messages: r.errors?.map((e) => e.message) ?? [] };
}

test('60,000 duplicate message ids are refused before parsing, in well under a second', async () => {
  const r = await timed(wrap('<bpmn:message id="m"/>'.repeat(60_000)));
  expect(r.codes).toEqual(['xml-too-large']);
  expect(r.ms).toBeLessThan(1_000);
  const dup = await timed(wrap('<bpmn:message id="m"/>'.repeat(2)));
  expect(dup.codes).toEqual(['xml-duplicate-id']);
  const many = await timed(wrap(Array.from({ length: XML_LIMITS.elements + 1 }, (_, i) => `<bpmn:message id="m${i}"/>`).join('')));
  expect(many.codes).toEqual(['xml-too-many-elements']);
  expect(many.messages[0]).toContain('10,000');
});

test('20,000 nested sub-processes are refused by depth, not by a stack overflow', async () => {
  const r = await timed(wrap('<bpmn:subProcess>'.repeat(20_000) + '</bpmn:subProcess>'.repeat(20_000)));
  expect(r.codes).toEqual(['xml-too-deep']);
  expect(r.messages[0]).toContain(String(XML_LIMITS.depth));
});

test('every shipped template is well inside the limits', async () => {
  const dir = path.join(__dirname, '..');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.bpmn'))) {
    const r = await compile(fs.readFileSync(path.join(dir, f), 'utf8'));
    expect([f, r.errors ?? []]).toEqual([f, []]);
  }
});

test('a loop of gateways that never waits is a template error', async () => {
  const xml = wrap(`<bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:exclusiveGateway id="g1" default="f2"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:exclusiveGateway id="g2" default="f3"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g1"/>
    <bpmn:sequenceFlow id="f2" sourceRef="g1" targetRef="g2"/>
    <bpmn:sequenceFlow id="f3" sourceRef="g2" targetRef="g1"/>
  </bpmn:process>`);
  const r = await timed(xml);
  expect(r.codes).toContain('loop-never-waits');
});
