import type { Knex } from 'knex';
import { matchRanges, queryWords, searchTokens, tsQueryText, tsvectorLiteral, type QueryWord } from '../../domain/search/segment';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';
import { containsPattern } from './like';

/** Who is asking: firm-wide roles see every case, the rest only cases whose team they are on. */
export interface Viewer {
  userId: string;
  seeAll: boolean;
}

export interface CaseFilters {
  q?: string;
  practiceArea?: string;
  caseType?: string;
  stage?: string;
  status?: string;
  priority?: string;
  tagId?: string;
  leadLawyerId?: string;
  memberId?: string;
  clientId?: string;
  court?: string;
  openedFrom?: string;
  openedTo?: string;
  closedFrom?: string;
  closedTo?: string;
  overdue?: boolean;
}

import { CASE_SORTS } from '../../domain/records';

export { CASE_SORTS };
export type CaseSort = (typeof CASE_SORTS)[number];

export type Range = [number, number];

export interface CaseSearchItem {
  id: string;
  number: string;
  title: string;
  clientId: string;
  clientName: string;
  practiceArea: string;
  caseType: string;
  causeOfAction: string | null;
  court: string | null;
  priority: string;
  status: string;
  currentStageName: string | null;
  leadLawyerId: string;
  leadLawyerName: string;
  openedOn: string;
  closedAt: string | null;
  overdueTasks: number;
  nextDueDate: string | null;
  /** Where the query matched, for highlighting: ranges in the title, and a snippet of the description. */
  highlight?: { title: Range[]; snippet: { text: string; ranges: Range[] } | null };
}

/**
 * Limits a `cases as c` query to what the viewer may see — in SQL, so counts and pages agree.
 * Partners see everything. For a lawyer or assistant (a few hundred or thousand cases) the shape
 * that reads least depends on the query, as measured on 100,000 cases:
 * - counting: a semi-join on case_members (the member's cases by key, then the filters);
 * - a page newest first with only column filters: the member's case ids read first and bound as
 *   an array, so the planner knows their number and reads those cases by key rather than walking
 *   every case of the firm in date order looking for them;
 * - any other page (sorted by title, number or priority, or filtered by tag or text): the
 *   semi-join again, which then sorts the member's few matches.
 */
async function visibleCases(db: Db, viewer: Viewer, page: { sort: CaseSort }, f: CaseFilters, words: QueryWord[]) {
  if (viewer.seeAll) return { count: () => undefined, page: () => undefined };
  const semi = (b: Knex.QueryBuilder) => b.whereIn('c.id', teamCaseIds(db, viewer.userId));
  const byDate = ['openedOn', 'updatedAt', 'relevance'].includes(page.sort);
  if (!byDate || f.tagId || words.length) return { count: semi, page: semi };
  const ids: string[] = await db('case_members').where('user_id', viewer.userId).distinct().pluck('case_id');
  return { count: semi, page: (b: Knex.QueryBuilder) => b.whereRaw('c.id = any(cast(? as uuid[]))', [ids]) };
}

/** A case number or its beginning: a year and the area character (2026民, 2025仲00…). */
const CASE_NUMBER = /^\d{4}[\u4e00-\u9fff]\d*$/;

export function applyFilters(db: Db, b: Knex.QueryBuilder, f: CaseFilters, words: QueryWord[]): void {
  if (words.length) {
    const q = f.q!.trim();
    if (CASE_NUMBER.test(q)) {
      // A case number or the start of one (2026民00…): the trigram index on number.
      b.whereILike('c.number', containsPattern(q));
    } else {
      // Every word (or all its parts) in the segmented text. A correlated EXISTS lets the planner
      // probe it per case along an ordered index for common words (合同) and use the GIN index for rare ones.
      b.whereExists(db('case_search as s').whereRaw('s.case_id = c.id').andWhereRaw('s.tsv @@ cast(? as tsquery)', [tsQueryText(words)]));
    }
  }
  if (f.practiceArea) b.where('c.practice_area', f.practiceArea);
  if (f.caseType) b.where('c.case_type', f.caseType);
  if (f.stage) b.where('c.current_stage_name', f.stage);
  if (f.status) b.where('c.status', f.status);
  if (f.priority) b.where('c.priority', f.priority);
  if (f.tagId) b.whereExists(db('case_tags as ct').whereRaw('ct.case_id = c.id').andWhere('ct.tag_id', f.tagId));
  if (f.leadLawyerId) b.where('c.lead_lawyer_id', f.leadLawyerId);
  if (f.memberId) b.whereIn('c.id', teamCaseIds(db, f.memberId));
  if (f.clientId) b.where('c.client_id', f.clientId);
  if (f.court) b.whereILike('c.court', containsPattern(f.court));
  if (f.openedFrom) b.where('c.opened_on', '>=', f.openedFrom);
  if (f.openedTo) b.where('c.opened_on', '<=', f.openedTo);
  if (f.closedFrom) b.whereRaw('c.closed_at >= cast(? as date)', [f.closedFrom]);
  if (f.closedTo) b.whereRaw("c.closed_at < cast(? as date) + interval '1 day'", [f.closedTo]);
  if (f.overdue) b.whereExists(db('tasks as t').whereRaw('t.case_id = c.id').andWhere('t.status', 'open').andWhereRaw('t.due_at < now()'));
}

const PRIORITY_ORDER = `array_position(array['urgent','high','normal','low'], c.priority)`;

/** Lists count exactly up to this many cases; beyond, `totalCapped` says "more" (no one pages that far). */
export const COUNT_CAP = 1000;
/** Relevance ranks at most this many matches; a broader search lists newest first. */
export const RANK_CAP = 300;

/**
 * The case list: filters combined with AND, full text over the segmented title, description,
 * parties, notes and numbers, sorting and paging, limited to what the viewer may see. Every sort
 * ends in unique tie-breakers that an index serves, so a page costs about its own rows. Relevance
 * ranks the matches when they are at most RANK_CAP; a broader search lists newest first.
 */
export async function searchCases(
  db: Db,
  viewer: Viewer,
  f: CaseFilters,
  page: { sort: CaseSort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: CaseSearchItem[]; total: number; totalCapped: boolean }> {
  const words = f.q?.trim() ? queryWords(f.q) : [];
  const visible = await visibleCases(db, viewer, page, f, words);
  const filtered = (scope: (b: Knex.QueryBuilder) => void) =>
    db('cases as c').modify((b) => {
      scope(b);
      applyFilters(db, b, f, words);
    });
  const base = filtered(visible.page);
  const count = async () => Number((await db.from(filtered(visible.count).select(db.raw('1')).limit(COUNT_CAP + 1).as('x')).count<{ n: string }[]>('* as n'))[0].n);
  // Ranking reads every match's vector: worth it for a focused search, not for a common word. It
  // needs the count first; other sorts read the page first, and a short first page is its own count.
  const wantsRank = page.sort === 'relevance' && words.length > 0;
  let counted = wantsRank ? await count() : -1;
  const ranked = wantsRank && counted <= RANK_CAP;
  const dir = page.order === 'asc' ? 'asc' : 'desc';
  const byDate = (d: 'asc' | 'desc') => [
    { column: 'c.opened_on', order: d },
    { column: 'c.created_at', order: d },
    { column: 'c.id', order: d },
  ];
  const rows = await base
    .clone()
    .join('clients as cl', 'cl.id', 'c.client_id')
    .join('users as u', 'u.id', 'c.lead_lawyer_id')
    .select(
      'c.id', 'c.number', 'c.title', 'c.client_id', 'cl.name as client_name', 'c.practice_area', 'c.case_type', 'c.cause_of_action', 'c.court',
      'c.priority', 'c.status', 'c.current_stage_name', 'c.lead_lawyer_id', 'u.name as lead_name', 'c.opened_on', 'c.closed_at', 'c.description',
      db.raw(`(select count(*) from tasks t where t.case_id = c.id and t.status = 'open' and t.due_at < now())::int as overdue_tasks`),
      db.raw(`(select min(t.due_date) from tasks t where t.case_id = c.id and t.status = 'open') as next_due`),
    )
    .modify((b) => {
      if (ranked) b.orderByRaw('(select ts_rank(s.tsv, cast(? as tsquery)) from case_search s where s.case_id = c.id) desc nulls last', [tsQueryText(words)]).orderBy(byDate('desc'));
      else if (page.sort === 'number') b.orderBy('c.number', dir);
      else if (page.sort === 'title') b.orderByRaw(`c.title collate "C" ${dir}, c.id ${dir}`);
      else if (page.sort === 'priority') b.orderByRaw(`${PRIORITY_ORDER} ${dir === 'asc' ? 'desc' : 'asc'}`).orderBy(byDate('desc'));
      else if (page.sort === 'updatedAt') b.orderBy([{ column: 'c.updated_at', order: dir }, { column: 'c.id', order: dir }]);
      else if (page.sort === 'openedOn') b.orderBy(byDate(dir));
      else b.orderBy(byDate('desc'));
    })
    .limit(page.limit)
    .offset(page.offset);
  if (counted < 0) counted = page.offset === 0 && rows.length < page.limit ? rows.length : await count();
  return { total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, items: rows.map((r: Record<string, any>) => toItem(r, words)) };
}

function toItem(r: Record<string, any>, words: QueryWord[]): CaseSearchItem {
  const item: CaseSearchItem = {
    id: r.id,
    number: r.number,
    title: r.title,
    clientId: r.client_id,
    clientName: r.client_name,
    practiceArea: r.practice_area,
    caseType: r.case_type,
    causeOfAction: r.cause_of_action,
    court: r.court,
    priority: r.priority,
    status: r.status,
    currentStageName: r.current_stage_name,
    leadLawyerId: r.lead_lawyer_id,
    leadLawyerName: r.lead_name,
    openedOn: r.opened_on,
    closedAt: r.closed_at ? (r.closed_at as Date).toISOString() : null,
    overdueTasks: r.overdue_tasks,
    nextDueDate: r.next_due,
  };
  if (words.length) item.highlight = { title: matchRanges(r.title, words), snippet: snippet(r.description ?? '', words) };
  return item;
}

/** About 80 characters of `text` around its first match, with the matches in it. */
export function snippet(text: string, words: QueryWord[], width = 80): { text: string; ranges: Range[] } | null {
  const ranges = matchRanges(text, words);
  if (!ranges.length) return null;
  const start = Math.max(0, Math.min(ranges[0][0] - Math.floor(width / 3), text.length - width));
  const end = Math.min(text.length, start + width);
  const prefix = start > 0 ? '…' : '';
  const cut = prefix + text.slice(start, end) + (end < text.length ? '…' : '');
  const shift = prefix.length - start;
  return {
    text: cut,
    ranges: ranges.filter(([a, b]) => a >= start && b <= end).map(([a, b]) => [a + shift, b + shift] as Range),
  };
}

/**
 * Rebuilds a case's search vector from everything a lawyer would search it by: number, title,
 * 案由, court, description, client, parties and their representatives, notes, tags. Lexemes are
 * stored as segmented (array_to_tsvector), never re-parsed by PostgreSQL's parser.
 */
export async function reindexCase(db: Db, caseId: string): Promise<void> {
  const c = await db('cases as c').join('clients as cl', 'cl.id', 'c.client_id').where('c.id', caseId).first('c.number', 'c.title', 'c.cause_of_action', 'c.court', 'c.description', 'cl.name as client_name');
  if (!c) return;
  const parties = await db('case_parties').where({ case_id: caseId }).select('name', 'representative');
  const notes = await db('case_notes').where({ case_id: caseId }).pluck('body');
  const tags = await db('case_tags as ct').join('tags as t', 't.id', 'ct.tag_id').where('ct.case_id', caseId).pluck('t.name');
  const tsv = caseSearchVector({ number: c.number, title: c.title, names: [c.client_name, ...parties.flatMap((p) => [p.name, p.representative])], rest: [c.cause_of_action, c.court, c.description, ...notes, ...tags] });
  await db.raw('insert into case_search (case_id, tsv) values (?, cast(? as tsvector)) on conflict (case_id) do update set tsv = excluded.tsv', [caseId, tsv]);
}

/** The weighted search vector of a case (a tsvector literal): title and number, names, the rest. */
export function caseSearchVector(c: { number: string; title: string; names: Array<string | null>; rest: Array<string | null> }): string {
  const text = (xs: Array<string | null>) => xs.filter(Boolean).join('\n');
  return tsvectorLiteral({ A: [...searchTokens(c.title), c.number.toLowerCase(), c.number], B: searchTokens(text(c.names)), D: searchTokens(text(c.rest)) });
}

/** Stage names in use (for the stage filter), most common first. */
export async function stageNames(db: Db): Promise<string[]> {
  return db('cases').whereNotNull('current_stage_name').groupBy('current_stage_name').orderByRaw('count(*) desc').pluck('current_stage_name');
}
