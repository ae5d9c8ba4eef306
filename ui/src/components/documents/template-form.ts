import type { Problem } from '../../../../api/contracts/common';
import { isYuanInput, yuanToFen } from '../../../../domain/money';
import type { TemplateField } from '@/api/documents';

/**
 * The form a lawyer fills before a document is generated, built from the template's declared
 * fields. Kept free of Vue so the rules are unit-tested: what each field holds while typed (text;
 * a list is an array of rows), what is wrong with it (checked before sending, with the API's own
 * limits so a refusal is rare), the body sent (money typed in yuan goes as integer fen, blanks are
 * left out) and where a refusal's `errors[].path` points.
 */
export type FormValues = Record<string, string | string[]>;
/** Why a field is not accepted; the dialog turns it into a sentence in the user's language. */
export type FieldProblem = 'required' | 'amount' | 'date' | 'tooLong' | 'tooMany' | 'option' | 'rejected';

/** The API's limits (ZGenerateDocument): one text up to 20,000 characters, a list up to 100 rows of 2,000. */
export const LIMITS = { text: 20_000, row: 2_000, rows: 100 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day as YYYY-MM-DD (2026-02-30 is not one, though Date.parse rolls it over to March). */
function isDate(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return DATE.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

export function emptyForm(fields: readonly TemplateField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.key, f.type === 'list' ? [''] : '']));
}

export const fieldLabel = (f: TemplateField, locale: string) => (locale === 'en' ? f.labelEn : f.labelZh);

export const optionItems = (f: TemplateField, locale: string) =>
  (f.options ?? []).map((o) => ({ value: o.value, title: locale === 'en' ? o.labelEn : o.labelZh }));

const rowsOf = (v: string | string[] | undefined) => (Array.isArray(v) ? v : []).map((r) => r.trim()).filter(Boolean);
const textOf = (v: string | string[] | undefined) => (typeof v === 'string' ? v.trim() : '');

/** What is wrong with one field's value, or null. */
export function fieldProblem(f: TemplateField, value: string | string[] | undefined): FieldProblem | null {
  if (f.type === 'list') {
    const rows = rowsOf(value);
    if (f.required && !rows.length) return 'required';
    if (rows.length > LIMITS.rows) return 'tooMany';
    return rows.some((r) => r.length > LIMITS.row) ? 'tooLong' : null;
  }
  const text = textOf(value);
  if (!text) return f.required ? 'required' : null;
  if (f.type === 'money') return isYuanInput(text) ? null : 'amount';
  if (f.type === 'date') return isDate(text) ? null : 'date';
  if (f.type === 'select') return f.options?.some((o) => o.value === text) ? null : 'option';
  return text.length > LIMITS.text ? 'tooLong' : null;
}

/** Every field's problem, by key (empty when the form may be sent). */
export function formProblems(fields: readonly TemplateField[], values: FormValues): Record<string, FieldProblem> {
  const out: Record<string, FieldProblem> = {};
  for (const f of fields) {
    const p = fieldProblem(f, values[f.key]);
    if (p) out[f.key] = p;
  }
  return out;
}

/** The `form` of POST …/documents/generate: money in integer fen, lists without blank rows, blanks left out. */
export function toPayload(fields: readonly TemplateField[], values: FormValues): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'list') {
      const rows = rowsOf(v);
      if (rows.length) out[f.key] = rows;
      continue;
    }
    const text = textOf(v);
    if (!text) continue;
    out[f.key] = f.type === 'money' ? yuanToFen(text) : text;
  }
  return out;
}

/**
 * A refusal's `errors[]` split by where they point: `body.form.<key>` (or deeper, a list's row)
 * to that field, anything else (the template key, the body itself) to the dialog as a whole.
 */
export function problemsByField(
  problem: Problem | undefined,
  fields: readonly TemplateField[],
): { fields: Record<string, FieldProblem>; other: boolean } {
  const keys = new Set(fields.map((f) => f.key));
  const out: Record<string, FieldProblem> = {};
  let other = false;
  for (const e of problem?.errors ?? []) {
    const [root, part, key] = e.path.split('.');
    if (root === 'body' && part === 'form' && key && keys.has(key)) out[key] = 'rejected';
    else other = true;
  }
  return { fields: out, other };
}
