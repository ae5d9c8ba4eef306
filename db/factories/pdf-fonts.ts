import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { woffToSfnt } from './woff';

/**
 * Noto Sans SC as the npm package @fontsource/noto-sans-sc ships it: ~100 WOFF subsets, each
 * covering the code points its CSS `unicode-range` lists. Generated PDFs embed the subsets their
 * text needs (pdfkit writes each with a ToUnicode map, so pdf.js extracts the text back), which
 * needs no system font: the demo seed at `npm start` runs on a bare machine.
 */
const PACKAGE_DIR = dirname(require.resolve('@fontsource/noto-sans-sc/unicode.json'));

export interface FontSubset {
  /** pdfkit's name for the registered font: the subset's file name without extension. */
  name: string;
  /** The WOFF file (WOFF2 would need a Brotli decoder for its transformed glyph tables; WOFF is plain zlib). */
  path: string;
}

let coverage: Map<number, FontSubset> | undefined;
const fontBytes = new Map<string, Buffer>();

/**
 * Reads the package's `unicode.json` (subset → unicode-range, in the order of its CSS) once: the
 * first subset whose range holds a code point serves it, as in a browser.
 */
function subsetCoverage(): Map<number, FontSubset> {
  if (coverage) return coverage;
  const ranges = JSON.parse(readFileSync(join(PACKAGE_DIR, 'unicode.json'), 'utf8')) as Record<string, string>;
  const map = new Map<number, FontSubset>();
  for (const [key, list] of Object.entries(ranges)) {
    const name = `noto-sans-sc-${key.replace(/^\[(.*)\]$/, '$1')}-400-normal`;
    const subset = { name, path: join(PACKAGE_DIR, 'files', `${name}.woff`) };
    for (const range of list.split(',')) {
      const [from, to] = range
        .trim()
        .replace(/^U\+/i, '')
        .split('-')
        .map((hex) => parseInt(hex, 16));
      for (let cp = from; cp <= (to ?? from); cp++) if (!map.has(cp)) map.set(cp, subset);
    }
  }
  coverage = map;
  return map;
}

/** The subset that draws this character, or undefined when Noto Sans SC has none for it. */
export function subsetFor(char: string): FontSubset | undefined {
  return subsetCoverage().get(char.codePointAt(0)!);
}

/** The subset as OpenType bytes, read and inflated once per process (every document embeds its own subset of them). */
export function subsetBytes(subset: FontSubset): Buffer {
  let bytes = fontBytes.get(subset.path);
  if (!bytes) {
    bytes = woffToSfnt(readFileSync(subset.path));
    fontBytes.set(subset.path, bytes);
  }
  return bytes;
}

/** A line's characters grouped into runs that one subset draws. Throws for a character no subset covers. */
export function fontRuns(text: string): Array<{ subset: FontSubset; text: string }> {
  const runs: Array<{ subset: FontSubset; text: string }> = [];
  for (const char of text) {
    const subset = subsetFor(char);
    if (!subset) throw new Error(`Noto Sans SC has no glyph for U+${char.codePointAt(0)!.toString(16).toUpperCase()}`);
    const last = runs[runs.length - 1];
    if (last && last.subset === subset) last.text += char;
    else runs.push({ subset, text: char });
  }
  return runs;
}

/** The weights of Noto Sans SC a document draws in: regular text and bold headings and totals. */
export type FontWeight = 400 | 700;

const weighted = new Map<string, FontSubset>();

/**
 * The same subset in another weight. The package ships every subset in each weight with the same
 * unicode-range, so the character coverage of subsetFor holds for all of them. One object per
 * subset and weight, so runs can still be compared by identity.
 */
export function subsetInWeight(subset: FontSubset, weight: FontWeight): FontSubset {
  const name = subset.name.replace(/-\d00-normal$/, `-${weight}-normal`);
  if (name === subset.name) return subset;
  let found = weighted.get(name);
  if (!found) {
    found = { name, path: join(PACKAGE_DIR, 'files', `${name}.woff`) };
    weighted.set(name, found);
  }
  return found;
}
