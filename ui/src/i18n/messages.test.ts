import fs from 'node:fs';
import path from 'node:path';
import { baseCompile } from '@intlify/message-compiler';
import en from './en';
import zhCN from './zh-CN';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? { ...acc, [key]: v } : { ...acc, ...flatten(v, key) };
  }, {});
}

const zh = flatten(zhCN);
const english = flatten(en as Tree);
/** The names a message fills in (English plural forms repeat them: "{n} matter | {n} matters"). */
const placeholders = (m: string) => [...new Set([...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]))].sort();

describe('UI messages', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(english).sort()).toEqual(Object.keys(zh).sort());
  });

  it('every message compiles in vue-i18n (no stray @ { } | syntax) and both languages use the same placeholders', () => {
    for (const [key, message] of Object.entries({ ...zh })) {
      for (const [lang, m] of [
        ['zh-CN', message],
        ['en', english[key]],
      ] as const) {
        const errors: string[] = [];
        baseCompile(m, { onError: (e) => errors.push(e.message) });
        expect({ key, lang, errors }).toEqual({ key, lang, errors: [] });
      }
      expect({ key, en: placeholders(english[key]) }).toEqual({ key, en: placeholders(message) });
    }
  });

  it('no .vue file hard-codes Chinese text (everything visible goes through i18n)', () => {
    const root = path.join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) =>
      fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.vue')) files.push(p);
      });
    walk(root);
    expect(files.length).toBeGreaterThan(5);
    // Language names are shown in their own language on purpose.
    const allowed = ['简体中文'];
    for (const file of files) {
      const text = allowed.reduce((s, a) => s.replaceAll(a, ''), fs.readFileSync(file, 'utf8'));
      expect({ file: path.relative(root, file), cjk: text.match(/[\u3400-\u9fff\uff00-\uffef]+/g) }).toEqual({
        file: path.relative(root, file),
        cjk: null,
      });
    }
  });
});
