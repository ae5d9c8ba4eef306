import { idNumberChange, maskIdNumber, shownIdNumber } from './id-mask';

describe('maskIdNumber', () => {
  it('keeps the first and last four of an 18-character 身份证号', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(maskIdNumber('11010119900307123X')).toBe('1101**********123X');
  });
  it('keeps the first and last four of an old 15-character 身份证号, with the same length', () => {
    expect(maskIdNumber('110101900307123')).toHaveLength(15);
    expect(maskIdNumber('110101900307123')).toBe('1101*******7123');
  });
  it('keeps one in front and three behind for passport-length numbers', () => {
    expect(maskIdNumber('E12345678')).toBe('E*****678');
    expect(maskIdNumber('1234567')).toBe('1***567');
  });
  it('hides every character of a short number', () => {
    expect(maskIdNumber('12345')).toBe('*****');
    expect(maskIdNumber('A1')).toBe('**');
  });
  it('trims and treats empty as absent', () => {
    expect(maskIdNumber('  110101199003071234 ')).toBe('1101**********1234');
    expect(maskIdNumber('')).toBeNull();
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
  });
  it('never leaves the middle of any number visible', () => {
    for (let n = 1; n <= 40; n++) {
      const id = '9'.repeat(n);
      const m = maskIdNumber(id)!;
      expect(m).toHaveLength(n);
      expect(m.replace(/\*/g, '').length).toBeLessThanOrEqual(Math.min(8, Math.floor(n * 0.6)));
    }
  });
});

describe('shownIdNumber', () => {
  it("masks a person's number and leaves an organisation's 统一社会信用代码 as registered", () => {
    expect(shownIdNumber('110101199003071234', 'person')).toBe('1101**********1234');
    expect(shownIdNumber('91110108MA01ABCD2X', 'organisation')).toBe('91110108MA01ABCD2X');
    expect(shownIdNumber('110101199003071234', undefined)).toBe('1101**********1234');
    expect(shownIdNumber(null, 'person')).toBeNull();
  });
});

describe('idNumberChange', () => {
  const stored = '110101199003071234';
  it('keeps the stored number when the form sends back its mask or nothing', () => {
    expect(idNumberChange('1101**********1234', stored, 'person')).toEqual({ kind: 'keep' });
    expect(idNumberChange(undefined, stored, 'person')).toEqual({ kind: 'keep' });
  });
  it('replaces it with a typed number, or clears it', () => {
    expect(idNumberChange('110101199003075678', stored, 'person')).toEqual({ kind: 'set', value: '110101199003075678' });
    expect(idNumberChange(null, stored, 'person')).toEqual({ kind: 'set', value: null });
  });
  it('refuses a mask that is not the stored number’s', () => {
    expect(idNumberChange('1101**********9999', stored, 'person')).toEqual({ kind: 'refuse' });
    expect(idNumberChange('***', null, 'person')).toEqual({ kind: 'refuse' });
  });
});
