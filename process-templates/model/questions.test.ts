import fs from 'node:fs';
import path from 'node:path';
import { compile } from './compiler';
import { asQuestion, decisionQuestions, humanize, variableLabel } from './questions';

const shipped = async (file: string) => {
  const r = await compile(fs.readFileSync(path.join(__dirname, '..', file), 'utf8'));
  if (!r.model) throw new Error(JSON.stringify(r.errors));
  return r.model;
};

describe('simulation questions by label', () => {
  it("asks the civil template by its outputs' labels, in both languages", async () => {
    const q = decisionQuestions(await shipped('civil-first-instance.bpmn'));
    expect(q.map((x) => [x.name, x.label, x.labelEn])).toEqual([
      ['appeal', '是否上诉？', 'Appeal?'],
      ['needsEnforcement', '是否需要强制执行？', 'Enforcement needed?'],
      ['settled', '是否调解结案？', 'Settled by mediation?'],
    ]);
    expect(q.every((x) => x.type === 'boolean')).toBe(true);
  });

  it('falls back to the decision that reads only the variable, then to the name in words', async () => {
    const model = await shipped('civil-first-instance.bpmn');
    const bare = {
      ...model,
      nodes: Object.fromEntries(
        Object.entries(model.nodes).map(([id, n]) => [
          id,
          n.type === 'userTask' ? { ...n, outputs: n.outputs.map((o) => ({ ...o, label: undefined, labelEn: undefined })) } : n,
        ]),
      ),
    };
    const q = Object.fromEntries(decisionQuestions(bare).map((x) => [x.name, x]));
    // settled is the only variable 调解结案？ reads: the decision's own name.
    expect([q.settled.label, q.settled.labelEn]).toEqual(['调解结案？', 'Settled?']);
    // appeal is read by a decision that also reads needsEnforcement: the name in words.
    expect([q.appeal.label, q.appeal.labelEn]).toEqual(['Appeal?', 'Appeal?']);
    expect(q.needsEnforcement.labelEn).toBe('Needs enforcement?');
  });

  it('makes yes/no labels questions once, in the punctuation of the text', () => {
    expect(asQuestion('是否上诉', 'boolean')).toBe('是否上诉？');
    expect(asQuestion('是否上诉？', 'boolean')).toBe('是否上诉？');
    expect(asQuestion('Appeal', 'boolean')).toBe('Appeal?');
    expect(asQuestion('Appeal?', 'boolean')).toBe('Appeal?');
    expect(asQuestion('判决结果', 'choice')).toBe('判决结果');
    expect(humanize('appealFiledAt')).toBe('Appeal filed at');
    expect(humanize('needs_enforcement')).toBe('Needs enforcement');
  });
});

describe('a variable in words (a due date waiting for it)', () => {
  it('names a case event date by the event that waits for it, an output by its label, anything else in words', async () => {
    const model = await shipped('commercial-arbitration.bpmn');
    expect(variableLabel(model, 'awardReceivedAt')).toEqual({ label: '收到裁决书', labelEn: 'Award received' });
    expect(variableLabel(model, 'hearingAt')).toEqual({ label: '开庭日期', labelEn: 'Hearing date' });
    expect(variableLabel(model, 'judgmentServedAt')).toEqual({ label: 'Judgment served at', labelEn: 'Judgment served at' });
  });
});
