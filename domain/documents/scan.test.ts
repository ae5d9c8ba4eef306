import PizZip from 'pizzip';
import { docx, para, tag } from '../../process-templates/documents/wordml';
import { DocumentTemplateError, fillTemplate, sampleData, scanTemplate, validateTemplate, type TemplateField } from './index';

const doc = (...paras: string[]) => docx(paras.map((t) => (t.startsWith('<w:p') ? t : para(t))).join(''));
const CLAIMS: TemplateField = { key: 'claims', labelZh: '诉讼请求', labelEn: 'Claims', type: 'list', required: true };

describe('scanTemplate', () => {
  it('lists placeholders and loops as docxtemplater parses them, also a tag Word split across runs', () => {
    const split = '<w:p><w:r><w:t>{case.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>court}</w:t></w:r></w:p>';
    const scan = scanTemplate(doc('{case.number}', split, tag('{#plaintiffs}'), '{name}{#isOrg}{legalRep}{/isOrg}', tag('{/plaintiffs}')));
    expect(scan).toEqual({ placeholders: ['case.number', 'case.court', 'name', 'legalRep'], loops: ['plaintiffs', 'isOrg'] });
  });

  it('throws its own error with the problems for a file that is not a .docx', () => {
    expect(() => scanTemplate(new TextEncoder().encode('not a zip'))).toThrow(DocumentTemplateError);
  });
});

describe('validateTemplate', () => {
  it('accepts the vocabulary, declared fields and select conditions', () => {
    const powers: TemplateField = {
      key: 'powers',
      labelZh: '权限',
      labelEn: 'Authority',
      type: 'select',
      required: true,
      options: [
        { value: 'general', labelZh: '一般代理', labelEn: 'General' },
        { value: 'special', labelZh: '特别授权', labelEn: 'Special' },
      ],
    };
    const bytes = doc(
      '{case.court} {letterNo}',
      tag('{#claims}'),
      '{no}. {text}',
      tag('{/claims}'),
      '{#powers_special}特别{/powers_special}{powers}',
    );
    expect(validateTemplate(bytes, [CLAIMS, powers])).toEqual({
      ok: true,
      placeholders: ['case.court', 'letterNo', 'no', 'text', 'powers'],
      loops: ['claims', 'powers_special'],
    });
  });

  it('refuses an unknown placeholder, naming it', () => {
    const result = validateTemplate(doc('{case.nmber} {case.court}'), []);
    expect(result).toEqual({
      ok: false,
      problems: [{ code: 'unknown-placeholder', message: 'unknown placeholders: {case.nmber}', placeholders: ['case.nmber'] }],
    });
  });

  it('refuses a party field outside a party loop and an undeclared form field', () => {
    const result = validateTemplate(doc('{name}', '{facts}', tag('{#claims}'), '{text}', tag('{/claims}')), []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0].placeholders).toEqual(['name', 'facts', 'claims', 'text']);
  });

  it('a corrupt file is corrupt-docx; a zip that is no Word document too', () => {
    const corrupt = validateTemplate(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), []);
    expect(corrupt).toMatchObject({ ok: false, problems: [{ code: 'corrupt-docx' }] });
    const zip = new PizZip();
    zip.file('hello.txt', 'hi');
    expect(validateTemplate(zip.generate({ type: 'uint8array' }), [])).toMatchObject({ ok: false, problems: [{ code: 'corrupt-docx' }] });
  });

  it('an unclosed loop is bad-tag naming the loop', () => {
    const result = validateTemplate(doc(tag('{#plaintiffs}'), '{name}'), []);
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'bad-tag', message: 'template tag error: The loop with tag "plaintiffs" is unclosed', placeholders: ['plaintiffs'] },
      ],
    });
  });

  it('an unopened tag is bad-tag', () => {
    expect(validateTemplate(doc('{case.court}}'), [])).toMatchObject({ ok: false, problems: [{ code: 'bad-tag' }] });
  });
});

describe('fillTemplate', () => {
  it('refuses a broken template with its own error', () => {
    expect(() => fillTemplate(doc(tag('{#plaintiffs}')), {})).toThrow(DocumentTemplateError);
  });

  it('sampleData fills every declared field for a preview', () => {
    const data = sampleData([CLAIMS]);
    expect(data.claims).toEqual([
      { no: 1, noZh: '一', text: '诉讼请求（示例一）' },
      { no: 2, noZh: '二', text: '诉讼请求（示例二）' },
    ]);
    expect(data).toMatchObject({ case: { court: '北京市朝阳区人民法院', amountInDispute: '356,800.50' }, today: '2026年3月5日' });
  });
});
