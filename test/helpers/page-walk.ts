import type { Page } from 'playwright-core';
import type { Db } from '../../db/connection';
import en from '../../ui/src/i18n/en';
import zhCN from '../../ui/src/i18n/zh-CN';

/**
 * The rules of the page-walk test (issue 18 item 6): what counts as a raw value on a screen.
 * Each rule is written to catch a leak a reader would notice, with as few false alarms as the
 * data allow; `findLeaks` answers one line per offence, with the snippet around it.
 *
 * - A UUID-shaped string anywhere: ids are for URLs, never for eyes.
 * - A number with more than four decimals (`30.0000000000000000%`): formatting forgot to round.
 * - `/api/v1/…`: a request path shown instead of what the request did.
 * - A table (v-table, v-data-table) with no header cell that says something.
 * - Words run together (`SkippedDec 2`, `nameEn`): a lowercase letter straight before an
 *   uppercase one inside a word, proper names (LexFlow, WeChat) and units (KiB) aside.
 * - zh-CN: an en catalogue message (not also a zh-CN one) of two words or more; an English phrase
 *   of three words or more that is not data; a lowercase word that is a key of the catalogues
 *   (`completed`, `first_instance`: the codes they translate) or snake_case. Emails, URLs, file
 *   names and dotted names (case.title, bpmn.io) are data.
 * - en: any run of CJK characters that is not part of the firm's own data (names, case titles,
 *   numbers, courts, 案由, documents, notes …), read from the database the test seeded, nor one the
 *   en catalogue itself uses (调休). Template names count as data only where the template has no
 *   English name. Notices are data too: each is written once, in its reader's language of the day.
 * - The designer's diagram (canvas, and the element name heading its properties) is the drawn
 *   document itself: its labels are what the partner typed, in whichever language; it is not read.
 */
export interface Screen {
  text: string;
  headerlessTables: string[];
}

export interface Vocabulary {
  /** Strings of the firm's data (any language): a snippet inside one of them is not a leak. */
  data: string[];
}

type Tree = { [k: string]: string | Tree };

function leaves(tree: Tree, out: string[] = []): string[] {
  for (const v of Object.values(tree)) {
    if (typeof v === 'string') out.push(v);
    else leaves(v, out);
  }
  return out;
}

/** Lowercase keys of the catalogues (four letters or more): the codes they translate, among others. */
function enumKeys(tree: Tree, out = new Set<string>()): Set<string> {
  for (const [k, v] of Object.entries(tree)) {
    if (/^[a-z]+(_[a-z]+)*$/.test(k) && k.length >= 4) out.add(k);
    if (typeof v !== 'string') enumKeys(v, out);
  }
  return out;
}

const ZH = leaves(zhCN as unknown as Tree);
const EN = leaves(en as unknown as Tree);
const ZH_SET = new Set(ZH);
const CODES = new Set([...enumKeys(zhCN as unknown as Tree), ...enumKeys(en as unknown as Tree)]);

/** Literal pieces of the en messages that would be a leak on a zh-CN page: two words or more. */
const EN_PHRASES = [
  ...new Set(
    EN.filter((m) => !ZH_SET.has(m))
      .flatMap((m) => m.split(/\{[^}]*\}|\|/))
      .map((s) => s.trim().replace(/[.:,;!?…]+$/, ''))
      .filter((s) => /^[A-Za-z][A-Za-z' -]*[A-Za-z]$/.test(s) && s.includes(' ') && s.length >= 8),
  ),
];

/** CJK the en catalogue writes on purpose (a term with no English equivalent). */
const EN_CJK = new Set(EN.flatMap((m) => m.match(/[\u3400-\u9fff\uf900-\ufaff]+/g) ?? []));
const PROPER_NAMES = /LexFlow|WeChat|PostgreSQL|JavaScript|OpenAPI|iPhone|macOS|KiB|MiB|GiB/g;
const GLUED = /[A-Za-z]*[a-z][A-Z][A-Za-z]*/g;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const LONG_DECIMAL = /\d\.\d{5,}/g;
const API_PATH = /\/api\/v1\/[\w/.-]*/g;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const EN_SENTENCE = /[A-Za-z][a-z]+(?: [A-Za-z][a-z]*){2,}/g;
/** Emails, URLs, file names and dotted names: data whose parts look like words. */
const DATA_TOKENS = /\S+@\S+|https?:\/\/\S+|[\w-]+(?:\.[\w-]+)+/gi;

function snippet(text: string, at: number, len: number): string {
  return text.slice(Math.max(0, at - 30), at + len + 30).replace(/\s+/g, ' ');
}

function matches(text: string, re: RegExp): Array<{ value: string; at: number }> {
  return [...text.matchAll(re)].map((m) => ({ value: m[0], at: m.index ?? 0 }));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function findLeaks(screen: Screen, locale: 'zh-CN' | 'en', vocab: Vocabulary): string[] {
  const { text } = screen;
  const isData = (s: string) => vocab.data.some((d) => d.includes(s));
  const out: string[] = screen.headerlessTables.map((t) => `table without a header: ${t}`);
  for (const m of matches(text, UUID)) out.push(`UUID: …${snippet(text, m.at, m.value.length)}…`);
  for (const m of matches(text, LONG_DECIMAL)) out.push(`long decimal: …${snippet(text, m.at, m.value.length)}…`);
  for (const m of matches(text, API_PATH)) out.push(`API path: …${snippet(text, m.at, m.value.length)}…`);
  const named = text.replace(DATA_TOKENS, ' ').replace(PROPER_NAMES, ' ');
  for (const m of matches(named, GLUED))
    if (!isData(m.value)) out.push(`words run together: "${m.value}" in …${snippet(named, m.at, m.value.length)}…`);
  if (locale === 'en') {
    for (const m of matches(text, CJK_RUN))
      if (!isData(m.value) && !EN_CJK.has(m.value)) out.push(`CJK in en: "${m.value}" in …${snippet(text, m.at, m.value.length)}…`);
    return out;
  }
  const plain = text.replace(DATA_TOKENS, ' ');
  for (const phrase of EN_PHRASES) {
    const re = new RegExp(`(?<![A-Za-z])${escape(phrase)}(?![A-Za-z])`);
    const m = re.exec(plain);
    if (m && !isData(phrase)) out.push(`en message in zh-CN: "${phrase}" in …${snippet(plain, m.index, phrase.length)}…`);
  }
  for (const m of matches(plain, EN_SENTENCE)) {
    if (!isData(m.value) && !EN_PHRASES.some((p) => p.includes(m.value) || m.value.includes(p)))
      out.push(`English phrase in zh-CN: "${m.value}" in …${snippet(plain, m.at, m.value.length)}…`);
  }
  for (const m of matches(plain, /(?<![\w-])[a-z]+(?:_[a-z]+)*(?![\w-])/g)) {
    if ((CODES.has(m.value) || m.value.includes('_')) && !isData(m.value))
      out.push(`raw code in zh-CN: "${m.value}" in …${snippet(plain, m.at, m.value.length)}…`);
  }
  return out;
}

/** What a person sees: the body's text, the values and placeholders of visible fields, title attributes. */
export async function readScreen(page: Page): Promise<Screen> {
  return page.locator('html').evaluate((html: any) => {
    const doc = html.ownerDocument;
    const visible = (el: any) => el.offsetParent !== null || el.getClientRects().length > 0;
    let body: string = doc.body.innerText;
    for (const el of doc.querySelectorAll('.djs-container, .bio-properties-panel-header')) body = body.replace(el.innerText, '');
    const parts: string[] = [body];
    for (const el of doc.querySelectorAll('input, textarea')) {
      if (!visible(el) || el.type === 'hidden' || el.type === 'password') continue;
      parts.push(el.value ?? '', el.placeholder ?? '');
    }
    for (const el of doc.querySelectorAll('[title]')) if (visible(el)) parts.push(el.getAttribute('title') ?? '');
    const headerlessTables: string[] = [];
    for (const table of doc.querySelectorAll('table')) {
      if (!visible(table) || !table.querySelector('tbody tr')) continue;
      const heads = [...table.querySelectorAll('th')].map((th: any) => (th.innerText ?? '').trim()).filter(Boolean);
      if (!heads.length) {
        const where = table.closest('[data-test]')?.getAttribute('data-test') ?? '';
        headerlessTables.push(`${where} (${(table.innerText ?? '').trim().slice(0, 60).replace(/\s+/g, ' ')})`);
      }
    }
    return { text: parts.filter(Boolean).join('\n'), headerlessTables };
  });
}

/** Tables and columns of the firm's own data; everything else (tasks, stage history, notices) is the product's words. */
const DATA_TABLES = [
  'users',
  'clients',
  'client_contacts',
  'cases',
  'case_parties',
  'case_notes',
  'case_messages',
  'communications',
  'tags',
  'documents',
  'document_versions',
  'document_folders',
  'document_comments',
  'document_categories',
  'document_templates',
  'time_entries',
  'expenses',
  'invoices',
  'invoice_lines',
  'payments',
  'client_document_requests',
  'staff_profiles',
  'settings',
  'email_outbox',
  'task_comments',
  'case_events',
  'notifications',
  'case_reopenings',
  'conflict_checks',
  'fee_arrangements',
  'write_offs',
];

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value))
    for (const v of Object.values(value)) strings(v, out);
}

/** The firm's data as the test seeded it, plus template names that have no English name. */
export async function vocabularyOf(db: Db): Promise<Vocabulary> {
  const data: string[] = [];
  for (const table of DATA_TABLES) strings(await db(table).select('*'), data);
  // A lawyer's reason for moving a stage on is data; the engine's own reasons are codes the UI words.
  const engineReasons = (q: any) => q.whereIn('exit_reason', ['completed', 'case closed']).orWhereLike('exit_reason', 'timer %');
  strings(await db('stage_history').whereNotNull('exit_reason').whereNot(engineReasons).select('exit_reason'), data);
  strings(await db('calendar_events').whereNotNull('created_by').select('title', 'location', 'notes'), data);
  strings(await db('tasks').where({ manual: true }).select('title', 'description', 'checklist'), data);
  for (const v of await db('process_template_versions').select('model')) {
    const model = v.model as { name?: string; nameEn?: string; nodes: Record<string, { name: string; nameEn?: string }> };
    if (model.name && !model.nameEn) data.push(model.name);
    for (const n of Object.values(model.nodes)) if (!n.nameEn) data.push(n.name);
  }
  return { data: [...new Set(data.filter((s) => s.length > 1 || /[\u3400-\u9fff]/.test(s)))] };
}
