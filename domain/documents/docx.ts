import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';

/**
 * The one way this module opens a .docx with docxtemplater, so scanning and filling parse a
 * template identically: loops in their own paragraph repeat the paragraph (`paragraphLoop`), a
 * newline in a value is a line break, and `{case.court}` is a dotted path into the data. Library
 * errors never leave here raw: they become problems an admin can act on.
 */
export type TemplateProblem = {
  code: 'corrupt-docx' | 'bad-tag' | 'unknown-placeholder';
  message: string;
  placeholders?: string[];
};

/** What fillTemplate throws for a template that cannot be rendered (validateTemplate would have said so). */
export class DocumentTemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((x) => x.message).join('; '));
    this.name = 'DocumentTemplateError';
  }
}

/** What a placeholder with no value renders: a line to write on by hand, as on a printed form. */
export const BLANK = '______';

/** `a.b.c` looked up property by property (own properties only); undefined lets docxtemplater try the outer loop scope. */
function dottedParser(tag: string) {
  const path = tag === '.' ? [] : tag.split('.');
  return {
    get(scope: unknown): unknown {
      let value = scope;
      for (const key of path) {
        if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
        value = (value as Record<string, unknown>)[key];
      }
      return value;
    },
  };
}

type Module = Docxtemplater.DXT.Module;

/** The template errors docxtemplater reports about tags (the rest of its errors mean the file itself is broken). */
const CORRUPT_IDS = new Set([
  'filetype_not_identified',
  'filetype_not_handled',
  'file_has_invalid_xml',
  'malformed_xml',
  'invalid_xml_characters',
]);

export function openTemplate(
  bytes: Uint8Array,
  modules: Module[] = [],
): { ok: true; doc: Docxtemplater } | { ok: false; problems: TemplateProblem[] } {
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch {
    return { ok: false, problems: [{ code: 'corrupt-docx', message: 'the file is not a .docx (not a readable zip archive)' }] };
  }
  try {
    const doc = new Docxtemplater(zip, {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false,
      parser: dottedParser,
      nullGetter: (part) => (part.module ? '' : BLANK),
      modules,
    });
    return { ok: true, doc };
  } catch (error) {
    return { ok: false, problems: problemsOf(error) };
  }
}

/** docxtemplater's errors (a multi error carries one per tag) as problems, by their error id, never by message text. */
export function problemsOf(error: unknown): TemplateProblem[] {
  const props = (error as { properties?: { id?: string; errors?: unknown[]; explanation?: string; xtag?: string } })?.properties;
  if (!props) return [{ code: 'corrupt-docx', message: 'the file could not be read as a Word document' }];
  if (props.errors?.length) return props.errors.flatMap(problemsOf);
  if (props.id && CORRUPT_IDS.has(props.id)) {
    return [{ code: 'corrupt-docx', message: `the file is not a valid Word document (${props.explanation ?? props.id})` }];
  }
  return [
    {
      code: 'bad-tag',
      message: `template tag error: ${props.explanation ?? props.id ?? 'unreadable tag'}`,
      ...(props.xtag ? { placeholders: [props.xtag] } : {}),
    },
  ];
}
