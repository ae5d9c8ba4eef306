import type { Knex } from 'knex';
import { searchTokens, tsQueryText, tsvectorLiteral, type QueryWord } from '../../domain/search/segment';
import { CASE_SORTS } from '../../domain/records';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';
import { containsPattern } from './like';

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
  /** Nothing happened on the case for at least this many days (see LAST_ACTIVITY). */
  idleDays?: number;
}

export { CASE_SORTS };
export type CaseSort = (typeof CASE_SORTS)[number];

/** A case number or its beginning: a year and the area character (2026民, 2025仲00…). */
export const CASE_NUMBER = /^\d{4}[\u4e00-\u9fff]\d*$/;

/** The broad list filters the search row carries as facets (a copy kept by triggers), and their facet names. */
const FACETS = { status: 'status', practiceArea: 'area', caseType: 'type', priority: 'priority' } as const;

/** Search rows matching every word and the facet filters of `f` (for counting). */
export function textMatches(db: Db, f: CaseFilters, words: QueryWord[]) {
  const facets = Object.entries(FACETS).flatMap(([key, name]) =>
    f[key as keyof typeof FACETS] ? [`${name}:${f[key as keyof typeof FACETS]}`] : [],
  );
  return db('case_search as s')
    .whereRaw('s.tsv @@ cast(? as tsquery)', [tsQueryText(words)])
    .modify((b) => {
      if (facets.length) b.whereRaw('s.facets @> cast(? as text[])', [facets]);
    });
}

/** Words to search (not a case number) and nothing to filter beyond what the search row's facets hold. */
export function searchRowAlone(f: CaseFilters, words: QueryWord[]): boolean {
  const fine = (k: string, v: unknown) => k === 'q' || k in FACETS || v === undefined || v === '' || v === false;
  return words.length > 0 && !CASE_NUMBER.test(f.q!.trim()) && Object.entries(f).every(([k, v]) => fine(k, v));
}

/**
 * When a case (`c`) last saw activity: the latest of its opening, a stage entered, a task
 * completed, an event recorded, a calendar event made for it, a document added or changed, and a
 * communication with the client about it. Viewing a case is not activity.
 */
export const LAST_ACTIVITY = `greatest(
  c.created_at,
  (select max(h.entered_at) from stage_history h where h.case_id = c.id),
  (select max(t.completed_at) from tasks t where t.case_id = c.id),
  (select max(e.created_at) from case_events e where e.case_id = c.id),
  (select max(ce.created_at) from calendar_events ce where ce.case_id = c.id),
  (select max(d.updated_at) from documents d where d.case_id = c.id and d.deleted_at is null),
  (select max(m.occurred_at) from communications m where m.case_id = c.id)
)`;

export function applyFilters(db: Db, b: Knex.QueryBuilder, f: CaseFilters, words: QueryWord[]): void {
  if (words.length) {
    const q = f.q!.trim();
    if (CASE_NUMBER.test(q)) {
      // A case number or the start of one (2026民00…): the trigram index on number.
      b.whereILike('c.number', containsPattern(q));
    } else {
      // Every word (or all its parts) in the segmented text. A correlated EXISTS lets the planner
      // probe it per case along an ordered index for common words (合同) and use the GIN index for
      // rare ones. (Not the facets here: they would lure a page away from walking its order.)
      b.whereExists(textMatches(db, {}, words).whereRaw('s.case_id = c.id'));
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
  if (f.idleDays) b.whereRaw(`${LAST_ACTIVITY} < now() - make_interval(days => ?)`, [f.idleDays]);
  if (f.overdue) b.whereExists(db('tasks as t').whereRaw('t.case_id = c.id').andWhere('t.status', 'open').andWhereRaw('t.due_at < now()'));
}

/**
 * Rebuilds a case's search vector from everything a lawyer would search it by: number, title,
 * 案由, court, description, client, parties and their representatives, notes, tags. Lexemes are
 * stored as segmented (array_to_tsvector), never re-parsed by PostgreSQL's parser.
 */
export async function reindexCase(db: Db, caseId: string): Promise<void> {
  const c = await db('cases as c')
    .join('clients as cl', 'cl.id', 'c.client_id')
    .where('c.id', caseId)
    .first('c.number', 'c.title', 'c.cause_of_action', 'c.court', 'c.description', 'cl.name as client_name');
  if (!c) return;
  const parties = await db('case_parties').where({ case_id: caseId }).select('name', 'representative');
  const notes = await db('case_notes').where({ case_id: caseId }).pluck('body');
  const tags = await db('case_tags as ct').join('tags as t', 't.id', 'ct.tag_id').where('ct.case_id', caseId).pluck('t.name');
  const tsv = caseSearchVector({
    number: c.number,
    title: c.title,
    names: [c.client_name, ...parties.flatMap((p) => [p.name, p.representative])],
    rest: [c.cause_of_action, c.court, c.description, ...notes, ...tags],
  });
  await db.raw(
    'insert into case_search (case_id, tsv) values (?, cast(? as tsvector)) on conflict (case_id) do update set tsv = excluded.tsv',
    [caseId, tsv],
  );
}

/** The weighted search vector of a case (a tsvector literal): title and number, names, the rest. */
export function caseSearchVector(c: { number: string; title: string; names: Array<string | null>; rest: Array<string | null> }): string {
  const text = (xs: Array<string | null>) => xs.filter(Boolean).join('\n');
  return tsvectorLiteral({
    A: [...searchTokens(c.title), c.number.toLowerCase(), c.number],
    B: searchTokens(text(c.names)),
    D: searchTokens(text(c.rest)),
  });
}

/** Stage names in use (for the stage filter), most common first. */
export async function stageNames(db: Db): Promise<string[]> {
  return db('cases')
    .whereNotNull('current_stage_name')
    .groupBy('current_stage_name')
    .orderByRaw('count(*) desc')
    .pluck('current_stage_name');
}
