import type { Knex } from 'knex';
import { matchRanges, queryWords, tsQueryText, type QueryWord } from '../../domain/search/segment';
import type { Db } from '../connection';
import type { ListScope } from '../../domain/policy';
import { applyFilters, CASE_NUMBER, searchRowAlone, textMatches, type CaseFilters, type CaseSort } from './case-search';
import { teamCaseIds } from './cases';

/** The case list: a page of cases with its count, for a viewer, filters, an order and a window. */

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

/** Lists count exactly up to this many cases; beyond, `totalCapped` says "more" (no one pages that far). */
export const COUNT_CAP = 1000;
/** Relevance ranks at most this many matches; a broader search lists newest first. */
export const RANK_CAP = 300;

interface PageSpec {
  sort: CaseSort;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/**
 * ORDER BY for a page over the rows named `t` (cases or the viewer's matches). Every sort ends
 * in unique tie-breakers, so pages never overlap. `rank`: SQL for a match's relevance, when the
 * search is ranked.
 */
function orderSql(t: string, page: PageSpec, rank?: string): string {
  const dir = page.order === 'asc' ? 'asc' : 'desc';
  const newest = `${t}.opened_on desc, ${t}.created_at desc, ${t}.id desc`;
  if (rank) return `${rank} desc nulls last, ${newest}`;
  switch (page.sort) {
    case 'number':
      return `${t}.number ${dir}`;
    case 'title':
      return `${t}.title collate "C" ${dir}, ${t}.id ${dir}`;
    case 'priority':
      return `array_position(array['urgent','high','normal','low'], ${t}.priority) ${dir === 'asc' ? 'desc' : 'asc'}, ${newest}`;
    case 'updatedAt':
      return `${t}.updated_at ${dir}, ${t}.id ${dir}`;
    case 'openedOn':
      return `${t}.opened_on ${dir}, ${t}.created_at ${dir}, ${t}.id ${dir}`;
    default:
      return newest;
  }
}

/** The columns a sort reads (beside the tie-breakers), so a page's ids come from an index where one covers them. */
function sortColumns(t: string, sort: CaseSort): string[] {
  const extra: Partial<Record<CaseSort, string>> = { number: 'number', title: 'title', priority: 'priority', updatedAt: 'updated_at' };
  return [`${t}.id`, `${t}.opened_on`, `${t}.created_at`, ...(extra[sort] ? [`${t}.${extra[sort]}`] : [])];
}

/** What a list row shows, from `cases as c` joined to its client and lead lawyer. */
function listColumns(db: Db) {
  return [
    'c.id',
    'c.number',
    'c.title',
    'c.client_id',
    'cl.name as client_name',
    'c.practice_area',
    'c.case_type',
    'c.cause_of_action',
    'c.court',
    'c.priority',
    'c.status',
    'c.current_stage_name',
    'c.lead_lawyer_id',
    'u.name as lead_name',
    'c.opened_on',
    'c.closed_at',
    'c.description',
    db.raw(`(select count(*) from tasks t where t.case_id = c.id and t.status = 'open' and t.due_at < now())::int as overdue_tasks`),
    db.raw(`(select min(t.due_date) from tasks t where t.case_id = c.id and t.status = 'open') as next_due`),
  ];
}

/** A case's relevance (`c`) to the tsquery bound as the one parameter. */
const CASE_RANK = '(select ts_rank(s.tsv, cast(? as tsquery)) from case_search s where s.case_id = c.id)';

/** The page's rows in full: the page's ids (`ids`, aliased p) joined to the case, its client and its lead lawyer. */
function fullRows(db: Db, start: Knex.QueryBuilder, ids: Knex.QueryBuilder) {
  return start
    .from(ids.as('p'))
    .join('cases as c', 'c.id', 'p.id')
    .join('clients as cl', 'cl.id', 'c.client_id')
    .join('users as u', 'u.id', 'c.lead_lawyer_id')
    .select(...listColumns(db));
}

/** The count a page's rows carry; a page past the end carries none, so it is asked for alone. */
async function carriedCount(rows: Array<Record<string, any>>, page: PageSpec, count: () => Promise<number>): Promise<number> {
  return rows.length ? Number(rows[0].total_count) : page.offset === 0 ? 0 : count();
}

/**
 * The case list: filters combined with AND, full text over the segmented title, description,
 * parties, notes and numbers, sorting and paging, limited in SQL to what the viewer may see.
 * Relevance ranks the matches when they are at most RANK_CAP; a broader search lists newest first.
 * A page and its count come back in one statement where they can: on a busy machine the round
 * trip to the database costs more than the count.
 */
export async function searchCases(
  db: Db,
  scope: ListScope,
  f: CaseFilters,
  page: PageSpec,
): Promise<{ items: CaseSearchItem[]; total: number; totalCapped: boolean }> {
  const words = f.q?.trim() ? queryWords(f.q) : [];
  // A list bounded by a person or a client (a few hundred or thousand cases) is read once; the
  // whole firm's is walked in order.
  const bounded = !scope.all || Boolean(f.leadLawyerId || f.memberId || f.clientId);
  const { rows, counted } = bounded
    ? await boundedPage(db, scope.all ? undefined : scope.memberUserId, f, words, page)
    : await firmPage(db, f, words, page);
  return {
    total: Math.min(counted, COUNT_CAP),
    totalCapped: counted > COUNT_CAP,
    items: rows.map((r: Record<string, any>) => toItem(r, words)),
  };
}

/** The search rows of a person's cases that hold every word (`text`, a tsquery), with their relevance when `ranked`. */
function teamTextRows(db: Db, userId: string, text: string, ranked: boolean) {
  return db('case_search as s')
    .select('s.case_id')
    .whereIn('s.case_id', teamCaseIds(db, userId))
    .whereRaw('s.tsv @@ cast(? as tsquery)', [text])
    .modify((b) => {
      if (ranked) b.select(db.raw('ts_rank(s.tsv, cast(? as tsquery)) as rank', [text]));
    });
}

/**
 * A list bounded by a person or a client: a lawyer's or assistant's own (`teamOf`), or anyone's
 * filtered by lead lawyer, team member or client. The matching cases are read once, by key, into
 * a small set that gives the count, the relevance and the page; only the page's rows are then
 * read in full.
 */
async function boundedPage(db: Db, teamOf: string | undefined, f: CaseFilters, words: QueryWord[], page: PageSpec) {
  const wantsRank = page.sort === 'relevance' && words.length > 0;
  // Words (not a case number): the search row joined once serves both the match and its rank.
  const text = words.length > 0 && !CASE_NUMBER.test(f.q!.trim()) ? tsQueryText(words) : undefined;
  // A person's own cases searched for words: their search rows first (by key, the words tested on
  // each), then only the matching cases, by key — not every case of theirs read twice.
  const textFirst = Boolean(teamOf && text);
  const mine = db('cases as c')
    .modify((b) => {
      if (textFirst) b.join('t', 't.case_id', 'c.id');
      else {
        if (teamOf) b.whereIn('c.id', teamCaseIds(db, teamOf));
        if (text) b.join('case_search as s', 's.case_id', 'c.id').whereRaw('s.tsv @@ cast(? as tsquery)', [text]);
      }
      applyFilters(db, b, f, text ? [] : words);
    })
    .select(sortColumns('c', page.sort))
    .modify((b) => {
      if (wantsRank && textFirst) b.select('t.rank');
      else if (wantsRank && text) b.select(db.raw('ts_rank(s.tsv, cast(? as tsquery)) as rank', [text]));
      else if (wantsRank) b.select(db.raw(`${CASE_RANK} as rank`, [tsQueryText(words)]));
    });
  const set = () =>
    textFirst
      ? db.withMaterialized('t', teamTextRows(db, teamOf!, text!, wantsRank)).withMaterialized('m', mine)
      : db.withMaterialized('m', mine);
  const rank = wantsRank ? `case when (select count(*) from m) <= ${RANK_CAP} then m.rank end` : undefined;
  // The page off a top-N sort of the set (LIMIT beside ORDER BY keeps only a page's rows in order;
  // numbering every match first sorted them all), then ordered again by the same unique keys.
  const ids = db('m')
    .select('m.*')
    .modify((b) => {
      if (rank) b.select(db.raw(`${rank} as ranked`));
    })
    .orderByRaw(orderSql('m', page, rank))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await fullRows(db, set(), ids)
    .select(db.raw('(select count(*) from m) as total_count'))
    .orderByRaw(orderSql('p', page, rank ? 'p.ranked' : undefined));
  const counted = await carriedCount(rows, page, async () => Number((await set().from('m').count('* as n'))[0].n));
  return { rows, counted };
}

/**
 * A partner's or admin's list over every case of the firm: the page walks an index in the sort's
 * order and stops at its last row; the count stops at COUNT_CAP + 1. A search whose other
 * filters are all facets counts its matches in the search table alone.
 */
async function firmPage(db: Db, f: CaseFilters, words: QueryWord[], page: PageSpec) {
  const filtered = () => db('cases as c').modify((b) => applyFilters(db, b, f, words));
  const matches = searchRowAlone(f, words) ? textMatches(db, f, words) : filtered();
  const capped = () =>
    db
      .from(
        matches
          .clone()
          .select(db.raw('1'))
          .limit(COUNT_CAP + 1)
          .as('x'),
      )
      .count('* as n');
  const count = async () => Number((await capped())[0].n);
  // Ranking reads every match's vector: worth it for a focused search, not for a common word. It
  // needs the count first; other sorts ask for the page and its count together.
  let counted = page.sort === 'relevance' && words.length > 0 ? await count() : -1;
  const ranked = counted >= 0 && counted <= RANK_CAP;
  // The page's ids first, off the narrowest index that serves the filters and the order; only
  // those rows are then read in full (a filter that matches late would otherwise read every
  // skipped case whole).
  const ids = filtered()
    .select(sortColumns('c', page.sort))
    .modify((b) => {
      if (ranked) b.select(db.raw(`${CASE_RANK} as rank`, [tsQueryText(words)]));
    })
    .orderByRaw(orderSql('c', page, ranked ? 'rank' : undefined))
    .limit(page.limit)
    .offset(page.offset);
  const rows = await fullRows(db, db.queryBuilder(), ids)
    .modify((b) => {
      if (counted < 0) b.select(db.raw('(?) as total_count', [capped()]));
    })
    .orderByRaw(orderSql('p', page, ranked ? 'p.rank' : undefined));
  if (counted < 0) counted = await carriedCount(rows, page, count);
  return { rows, counted };
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
