import {
  caseNumberPatternProblem,
  defaultCaseNumberPattern,
  formatCaseNumber,
  isIanaTimeZone,
  isValidLicenceNo,
  isValidUscc,
  usccCheckCharacter,
} from '.';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes: 小米科技有限责任公司, 腾讯科技（深圳）有限公司, 华为技术有限公司.
  it.each(['91110108551385082Q', '9144030071526726XG', '914403001922038216'])('accepts %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
  });

  it('computes the check character', () => {
    expect(usccCheckCharacter('91110108551385082')).toBe('Q');
    expect(usccCheckCharacter('91440300192203821')).toBe('6');
  });

  it('refuses a wrong check character, a wrong length, lower case and letters outside the alphabet', () => {
    expect(isValidUscc('91110108551385082R')).toBe(false);
    expect(isValidUscc('91110108551385082')).toBe(false);
    expect(isValidUscc('91110108551385082q')).toBe(false);
    // I, O, Z, S and V are not in the alphabet, wherever they stand.
    expect(isValidUscc('9111010855138508IQ')).toBe(false);
    expect(usccCheckCharacter('9111010855138508O')).toBeNull();
  });

  it('finds every single-character typo', () => {
    const good = '91110108551385082Q';
    for (let i = 0; i < 17; i++) {
      const changed = good.slice(0, i) + (good[i] === '1' ? '2' : '1') + good.slice(i + 1);
      expect(isValidUscc(changed)).toBe(false);
    }
  });
});

describe('case-number pattern', () => {
  it('formats year, prefix and a padded counter', () => {
    expect(formatCaseNumber(2026, { prefix: '民', digits: 4 }, 1)).toBe('2026民0001');
    expect(formatCaseNumber(2026, { prefix: '京民', digits: 3 }, 12)).toBe('2026京民012');
    expect(formatCaseNumber(2026, { prefix: '刑', digits: 3 }, 1234)).toBe('2026刑1234');
  });

  it('defaults to the area character and four digits', () => {
    expect(defaultCaseNumberPattern('criminal')).toEqual({ prefix: '刑', digits: 4 });
    expect(defaultCaseNumberPattern('unknown')).toEqual({ prefix: '案', digits: 4 });
  });

  it('refuses prefixes with digits, spaces or separators, too long, and digit counts out of 3–6', () => {
    expect(caseNumberPatternProblem({ prefix: '民', digits: 4 })).toBeNull();
    expect(caseNumberPatternProblem({ prefix: 'LF-M', digits: 6 })).toBeNull();
    for (const prefix of ['', '民1', '民 事', 'a/b', '五个字符长']) expect(caseNumberPatternProblem({ prefix, digits: 4 })).not.toBeNull();
    for (const digits of [2, 7, 4.5]) expect(caseNumberPatternProblem({ prefix: '民', digits })).not.toBeNull();
  });
});

describe('licence number and time zone', () => {
  it('a licence number is 17 digits', () => {
    expect(isValidLicenceNo('11101201810123456')).toBe(true);
    expect(isValidLicenceNo('1110120181012345')).toBe(false);
    expect(isValidLicenceNo('1110120181012345X')).toBe(false);
  });

  it('IANA names only', () => {
    expect(isIanaTimeZone('Asia/Shanghai')).toBe(true);
    expect(isIanaTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false);
    expect(isIanaTimeZone('+08:00')).toBe(false);
    expect(isIanaTimeZone('CST')).toBe(false);
  });
});
