import InspectModule from 'docxtemplater/js/inspect-module.js';
import { DocumentTemplateError, openTemplate, type TemplateProblem } from './docx';
import { knownLoops, knownScalars, type TemplateField } from './template-fields';

/**
 * What an uploaded template uses, read by docxtemplater's own parser (its InspectModule), so the
 * tags found are exactly the tags filling will resolve — including tags Word split across runs.
 */
type Part = { type: string; value: string; module?: string | null; subparsed?: Part[] };

/** A tag with the sections (loops and conditions) it sits in, outermost first. */
type Tag = { name: string; section: boolean; within: string[] };

export type TemplateScan = { placeholders: string[]; loops: string[] };
export type TemplateValidation = { ok: true; placeholders: string[]; loops: string[] } | { ok: false; problems: TemplateProblem[] };

function collect(parts: readonly Part[], within: string[], out: Tag[]): void {
  for (const part of parts) {
    if (part.type !== 'placeholder') continue;
    const section = part.module === 'loop';
    out.push({ name: part.value, section, within });
    if (part.subparsed) collect(part.subparsed, section ? [...within, part.value] : within, out);
  }
}

function readTags(bytes: Uint8Array): { ok: true; tags: Tag[] } | { ok: false; problems: TemplateProblem[] } {
  const inspect = new InspectModule();
  const opened = openTemplate(bytes, [inspect]);
  if (!opened.ok) return opened;
  const tags: Tag[] = [];
  collect(inspect.getAllStructuredTags() as Part[], [], tags);
  return { ok: true, tags };
}

const unique = (names: string[]): string[] => [...new Set(names)];

/**
 * Every placeholder name (in order of first appearance) and every section name. A file that does
 * not open throws a DocumentTemplateError carrying the problems (validateTemplate returns them instead).
 */
export function scanTemplate(bytes: Uint8Array): TemplateScan {
  const read = readTags(bytes);
  if (!read.ok) throw new DocumentTemplateError(read.problems);
  return {
    placeholders: unique(read.tags.filter((t) => !t.section).map((t) => t.name)),
    loops: unique(read.tags.filter((t) => t.section).map((t) => t.name)),
  };
}

/**
 * Whether a template may be stored: it opens, its tags balance, and every name is in the
 * vocabulary for where it stands — a party field only inside a party loop, `{no}`/`{text}` only
 * inside a list field's loop, a section either a loop or a condition on a known value.
 */
export function validateTemplate(bytes: Uint8Array, declaredFields: readonly TemplateField[]): TemplateValidation {
  const read = readTags(bytes);
  if (!read.ok) return read;
  const scalars = knownScalars(declaredFields);
  const loops = knownLoops(declaredFields);
  const unknown: string[] = [];
  for (const tag of read.tags) {
    const inScope = (name: string) => scalars.has(name) || tag.within.some((loop) => loops.get(loop)?.has(name));
    const known = inScope(tag.name) || (tag.section && loops.has(tag.name));
    if (!known) unknown.push(tag.name);
  }
  if (unknown.length > 0) {
    const names = unique(unknown);
    return {
      ok: false,
      problems: [
        { code: 'unknown-placeholder', message: `unknown placeholders: ${names.map((n) => `{${n}}`).join(', ')}`, placeholders: names },
      ],
    };
  }
  return {
    ok: true,
    placeholders: unique(read.tags.filter((t) => !t.section).map((t) => t.name)),
    loops: unique(read.tags.filter((t) => t.section).map((t) => t.name)),
  };
}
