/**
 * Normal forms for matching party names and identity numbers in conflict checks: full-width to
 * half-width (NFKC), lower case, no spaces or punctuation, and without the legal-form suffixes that
 * make 「上海星河科技有限公司」 and 「上海星河科技」 or "Acme Co., Ltd." and "ACME" different strings.
 */
const SUFFIXES_ZH = ['股份有限公司', '有限责任公司', '有限公司', '集团公司', '集团', '公司', '事务所', '合伙企业'];
const SUFFIXES_EN = [
  'co ltd',
  'company limited',
  'co limited',
  'limited',
  'ltd',
  'inc',
  'incorporated',
  'llc',
  'llp',
  'corporation',
  'corp',
  'company',
  'co',
  'group',
  'gmbh',
  'plc',
];
const PUNCT = /[\s\p{P}\p{S}]+/gu;

export function normalizeName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().trim();
  // Latin legal forms: compared on words, before spaces go.
  const words = s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  if (/^[a-z0-9 ]+$/.test(words)) {
    let w = ` ${words} `;
    for (let changed = true; changed;) {
      changed = false;
      for (const suffix of SUFFIXES_EN) {
        if (w.endsWith(` ${suffix} `) && w.trim() !== suffix) {
          w = w.slice(0, -(suffix.length + 1));
          changed = true;
        }
      }
    }
    return w.replace(/ /g, '');
  }
  s = s.replace(/[(（][^)）]*[)）]/g, (m) => (/(集团|group)/.test(m) ? '' : m)).replace(PUNCT, '');
  // The longest legal form only (有限公司, not 公司 after it), then a 集团 before it; at least two characters stay.
  const strip = (suffixes: string[]) => {
    const suffix = suffixes.find((x) => s.endsWith(x));
    if (suffix && s.length - suffix.length >= 2) s = s.slice(0, -suffix.length);
  };
  const hadLegalForm = SUFFIXES_ZH.some((x) => s.endsWith(x));
  strip(SUFFIXES_ZH);
  strip(['集团']);
  // An organisation's place prefix is written with or without its 省/市 (深圳市鹏程 = 深圳鹏程).
  if (hadLegalForm) s = s.replace(/^(\p{Script=Han}{2,3}?)省/u, '$1').replace(/^(\p{Script=Han}{2,5}?)市/u, '$1');
  return s;
}

/** 身份证号 / 统一社会信用代码 / passport numbers: upper case, no spaces or dashes. */
export function normalizeIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  const s = id
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '');
  return s || null;
}
