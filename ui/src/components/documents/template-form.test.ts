import { SHIPPED_DOCUMENT_TEMPLATES } from '../../../../process-templates/documents/templates';
import type { TemplateField } from '@/api/documents';
import { emptyForm, fieldProblem, formProblems, optionItems, problemsByField, toPayload } from './template-form';

/** The generate dialog's form rules, over the shipped templates' real field declarations. */
const template = (key: string) => SHIPPED_DOCUMENT_TEMPLATES.find((t) => t.key === key)!;
const field = (f: Partial<TemplateField> & Pick<TemplateField, 'type'>): TemplateField => ({
  key: 'x',
  labelZh: '某项',
  labelEn: 'Some field',
  required: false,
  ...f,
});

describe('template form', () => {
  it('starts empty with one blank row per list and names every required field of the 授权委托书 until filled', () => {
    const poa = template('power-of-attorney');
    const values = emptyForm(poa.fields);
    expect(values).toEqual({ instance: '', powers: '', term: '' });
    expect(formProblems(poa.fields, values)).toEqual({ instance: 'required', powers: 'required', term: 'required' });
    Object.assign(values, { instance: 'first', powers: 'special', term: '  至本案一审终结 ' });
    expect(formProblems(poa.fields, values)).toEqual({});
    expect(toPayload(poa.fields, values)).toEqual({ instance: 'first', powers: 'special', term: '至本案一审终结' });
    expect(emptyForm(template('complaint-narrative').fields).claims).toEqual(['']);
  });

  it('sends money typed in yuan as integer fen, and refuses what is not an amount', () => {
    const sale = template('complaint-elements-sale');
    const principal = sale.fields.find((f) => f.key === 'principal')!;
    expect(fieldProblem(principal, '120000.5')).toBeNull();
    expect(toPayload([principal], { principal: '120000.5' })).toEqual({ principal: 12_000_050 });
    expect(toPayload([principal], { principal: '0.29' })).toEqual({ principal: 29 });
    for (const bad of ['12万', '-5', '1.234', '1,000']) expect(fieldProblem(principal, bad)).toBe('amount');
  });

  it('keeps the filled rows of a list, and a required list needs one', () => {
    const claims = template('complaint-narrative').fields.find((f) => f.key === 'claims')!;
    expect(fieldProblem(claims, ['', '  '])).toBe('required');
    expect(toPayload([claims], { claims: ['判令被告支付货款', '', ' 诉讼费由被告负担 '] })).toEqual({
      claims: ['判令被告支付货款', '诉讼费由被告负担'],
    });
    expect(
      fieldProblem(
        claims,
        Array.from({ length: 101 }, (_, i) => `第${i}项`),
      ),
    ).toBe('tooMany');
    expect(fieldProblem(claims, ['长'.repeat(2001)])).toBe('tooLong');
    expect(toPayload([field({ type: 'list' })], { x: [''] })).toEqual({});
  });

  it('checks dates and choices, and leaves blank optional fields out', () => {
    expect(fieldProblem(field({ type: 'date' }), '2026-02-28')).toBeNull();
    expect(fieldProblem(field({ type: 'date' }), '2026-02-30')).toBe('date');
    expect(fieldProblem(field({ type: 'date' }), '2026-13-01')).toBe('date');
    expect(fieldProblem(field({ type: 'date' }), '2026/02/03')).toBe('date');
    const select = template('power-of-attorney').fields[0];
    expect(fieldProblem(select, 'appeal')).toBe('option');
    expect(optionItems(select, 'en')[0]).toEqual({ value: 'first', title: 'First instance' });
    expect(optionItems(select, 'zh-CN')[0]).toEqual({ value: 'first', title: '一审' });
    expect(toPayload([field({ type: 'text' }), field({ key: 'y', type: 'money' })], { x: ' ', y: '' })).toEqual({});
  });

  it('puts a refusal back on the fields its paths name, anything else on the dialog', () => {
    const poa = template('power-of-attorney').fields;
    const problem = {
      type: '/problems/validation-error',
      title: 'Fill in the required fields',
      status: 400,
      code: 'validation-error',
      errors: [
        { path: 'body.form.term', message: '委托期限 is required' },
        { path: 'body.form.powers.0', message: 'bad' },
      ],
    };
    expect(problemsByField(problem, poa)).toEqual({ fields: { term: 'rejected', powers: 'rejected' }, other: false });
    expect(problemsByField({ ...problem, errors: [{ path: 'body.templateKey', message: 'no template' }] }, poa)).toEqual({
      fields: {},
      other: true,
    });
    expect(problemsByField(undefined, poa)).toEqual({ fields: {}, other: false });
  });
});
