import type { Knex } from 'knex';
import { matchRanges, queryWords, searchTokens, tsQueryText, type QueryWord } from '../../domain/search/segment';
import type { Db } from '../connection';

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

/** Limits a `cases as c` query to what the viewer may see — in SQL, so counts and pages agree. */
export function visibleCases(db: Db, b: Knex.QueryBuilder, viewer: Viewer): void {
  if (viewer.seeAll) return;
  b.where((w) => w.where('c.lead_lawyer_id', viewer.userId).orWhereExists(db('case_members as m').whereRaw('m.case_id = c.id').andWhere('m.user_id', viewer.userId)));
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export function applyFilters(db: Db, b: Knex.QueryBuilder, f: CaseFilters, words: QueryWord[]): void {
  if (words.length) {
    const whole = f.q!.trim().toLowerCase();
    // Every word (or all its parts) in the segmented text, or the exact case number.
    // A case number or part of one (2026民00…) goes through the trigram index on number.
    b.where((w) => {
      w.whereRaw('c.search_tsv @@ cast(? as tsquery)', [tsQueryText(words)]).orWhere('c.number', whole.toUpperCase());
      if (whole.length >= 3 && /\d/.test(whole)) w.orWhereILike('c.number', `%${escapeLike(f.q!.trim())}%`);
    });
  }
  if (f.practiceArea) b.where('c.practice_area', f.practiceArea);
  if (f.caseType) b.where('c.case_type', f.caseType);
  if (f.stage) b.where('c.current_stage_name', f.stage);
  if (f.status) b.where('c.status', f.status);
  if (f.priority) b.where('c.priority', f.priority);
  if (f.tagId) b.whereExists(db('case_tags as ct').whereRaw('ct.case_id = c.id').andWhere('ct.tag_id', f.tagId));
  if (f.leadLawyerId) b.where('c.lead_lawyer_id', f.leadLawyerId);
  if (f.memberId) b.where((w) => w.where('c.lead_lawyer_id', f.memberId!).orWhereExists(db('case_members as cm').whereRaw('cm.case_id = c.id').andWhere('cm.user_id', f.memberId!)));
  if (f.clientId) b.where('c.client_id', f.clientId);
  if (f.court) b.whereILike('c.court', `%${escapeLike(f.court)}%`);
  if (f.openedFrom) b.where('c.opened_on', '>=', f.openedFrom);
  if (f.openedTo) b.where('c.opened_on', '<=', f.openedTo);
  if (f.closedFrom) b.whereRaw('c.closed_at >= cast(? as date)', [f.closedFrom]);
  if (f.closedTo) b.whereRaw("c.closed_at < cast(? as date) + interval '1 day'", [f.closedTo]);
  if (f.overdue) b.whereExists(db('tasks as t').whereRaw('t.case_id = c.id').andWhere('t.status', 'open').andWhereRaw('t.due_at < now()'));
}

const PRIORITY_ORDER = `array_position(array['urgent','high','normal','low'], c.priority)`;

/**
 * The case list: filters combined with AND, full text over the segmented title, description,
 * parties, notes and numbers, sorting and paging, limited to what the viewer may see.
 */
export async function searchCases(
  db: Db,
  viewer: Viewer,
  f: CaseFilters,
  page: { sort: CaseSort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: CaseSearchItem[]; total: number }> {
  const words = f.q?.trim() ? queryWords(f.q) : [];
  const base = db('cases as c').modify((b) => {
    visibleCases(db, b, viewer);
    applyFilters(db, b, f, words);
  });
  const countQuery = base.clone().count<{ count: string }[]>('* as count');
  const dir = page.order === 'asc' ? 'asc' : 'desc';
  const rowsQuery = base
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
      if (page.sort === 'relevance' && words.length) b.orderByRaw('ts_rank(c.search_tsv, cast(? as tsquery)) desc', [tsQueryText(words)]);
      else if (page.sort === 'number') b.orderBy('c.number', dir);
      else if (page.sort === 'title') b.orderByRaw(`c.title collate "C" ${dir}`);
      else if (page.sort === 'priority') b.orderByRaw(`${PRIORITY_ORDER} ${dir === 'asc' ? 'desc' : 'asc'}`);
      else if (page.sort === 'updatedAt') b.orderBy('c.updated_at', dir);
      else if (page.sort === 'openedOn') b.orderBy('c.opened_on', dir);
      b.orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }]);
    })
    .limit(page.limit)
    .offset(page.offset);
  const [[{ count }], rows] = await Promise.all([countQuery, rowsQuery]);
  return { total: Number(count), items: rows.map((r: Record<string, any>) => toItem(r, words)) };
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
  const text = [c.title, c.cause_of_action, c.court, c.description, c.client_name, ...parties.flatMap((p) => [p.name, p.representative]), ...notes, ...tags].filter(Boolean).join('\n');
  const tokens = [...new Set([...searchTokens(text), c.number.toLowerCase(), c.number])];
  await db('cases').where({ id: caseId }).update({ search_tsv: db.raw('array_to_tsvector(?::text[])', [tokens]) });
}

/** Stage names in use (for the stage filter), most common first. */
export async function stageNames(db: Db): Promise<string[]> {
  return db('cases').whereNotNull('current_stage_name').groupBy('current_stage_name').orderByRaw('count(*) desc').pluck('current_stage_name');
}
