import type { ListScope } from '../../domain/policy';
import type { Db } from '../connection';

export const TIMELINE_KINDS = [
  'caseOpened',
  'caseClosed',
  'caseArchived',
  'caseReopened',
  'stageEntered',
  'stageLeft',
  'taskOpened',
  'taskDone',
  'caseEvent',
  'communication',
  'note',
  'billing',
  'conflictCheck',
  'calendarEvent',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineItem {
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  actorName: string | null;
  /** Null for a communication with the client that concerns no particular case. */
  caseId: string | null;
  caseNumber: string | null;
  /** The English name of a stage or template task, from the case's template (null where it has none). */
  titleEn: string | null;
}

/**
 * The outer select of both timelines: a stage's or a template task's English name is the case's
 * pinned template node of that name (names are what stage history and tasks record).
 */
const OUTER = `select t.*, c.number as case_number,
       (select n->>'nameEn' from jsonb_each(v.model->'nodes') as e(k, n)
         where t.kind in ('stageEntered', 'stageLeft', 'taskOpened', 'taskDone') and n->>'name' = t.title and n->>'nameEn' is not null limit 1) as title_en,
       count(*) over () as total
       from t left join cases c on c.id = t.case_id left join process_template_versions v on v.id = c.template_version_id`;

/**
 * Everything that happened on a set of cases, newest first, from the tables that record it:
 * stage history, tasks, case events, communications, notes, billing events, conflict checks.
 * `cases` is a subquery of case ids (one case, or a client's cases the viewer may see).
 */
function timelineUnion(cases: string): string {
  return `
    select c.created_at as at, 'caseOpened' as kind, c.title as title, c.number as detail, u.name as actor, c.id as case_id from cases c left join users u on u.id = c.created_by where c.id in (${cases})
    union all select c.closed_at, 'caseClosed', coalesce(c.outcome, ''), c.close_reason, null, c.id from cases c where c.closed_at is not null and c.id in (${cases})
    union all select c.archived_at, 'caseArchived', '', null, null, c.id from cases c where c.archived_at is not null and c.id in (${cases})
    union all select r.closed_at, 'caseClosed', coalesce(r.outcome, ''), r.close_reason, null, r.case_id from case_reopenings r where r.closed_at is not null and r.case_id in (${cases})
    union all select r.archived_at, 'caseArchived', '', null, null, r.case_id from case_reopenings r where r.archived_at is not null and r.case_id in (${cases})
    union all select r.reopened_at, 'caseReopened', r.reason, r.stage_id, u.name, r.case_id from case_reopenings r left join users u on u.id = r.reopened_by where r.case_id in (${cases})
    union all select s.entered_at, 'stageEntered', s.stage_name, null, null, s.case_id from stage_history s where s.case_id in (${cases})
    union all select s.exited_at, 'stageLeft', s.stage_name, s.exit_reason, null, s.case_id from stage_history s where s.exited_at is not null and s.case_id in (${cases})
    union all select t.started_at, 'taskOpened', t.title, t.due_date::text, null, t.case_id from tasks t where t.case_id in (${cases})
    union all select t.completed_at, 'taskDone', t.title, t.status, u.name, t.case_id from tasks t left join users u on u.id = t.completed_by where t.completed_at is not null and t.case_id in (${cases})
    union all select e.created_at, 'caseEvent', e.name, e.occurred_on::text, u.name, e.case_id from case_events e left join users u on u.id = e.recorded_by where e.case_id in (${cases})
    union all select m.occurred_at, 'communication', m.kind, m.summary, u.name, m.case_id from communications m join users u on u.id = m.created_by where m.case_id in (${cases})
    union all select n.created_at, 'note', left(n.body, 200), null, u.name, n.case_id from case_notes n join users u on u.id = n.author_id where n.case_id in (${cases})
    union all select b.created_at, 'billing', b.label, coalesce(b.amount_fen::text, trim_scale(b.percent_bp / 100.0)::text || '%'), null, b.case_id from billing_events b where b.case_id in (${cases})
    union all select k.run_at, 'conflictCheck', k.result, k.decision, u.name, k.case_id from conflict_checks k join users u on u.id = k.run_by where k.case_id in (${cases})
    union all select e.starts_at, 'calendarEvent', e.title, e.kind, u.name, e.case_id from calendar_events e left join users u on u.id = e.created_by where e.case_id in (${cases})`;
}

async function page(
  db: Db,
  union: string,
  bindings: string[],
  limit: number,
  offset: number,
): Promise<{ items: TimelineItem[]; total: number }> {
  const { rows } = await db.raw(
    `with t as (${union})
     ${OUTER}
      order by t.at desc, t.kind
      limit ? offset ?`,
    [...bindings, limit, offset],
  );
  return toPage(rows);
}

function toPage(rows: Array<Record<string, any>>): { items: TimelineItem[]; total: number } {
  return {
    total: rows.length ? Number(rows[0].total) : 0,
    items: rows.map((r) => ({
      at: (r.at as Date).toISOString(),
      kind: r.kind,
      title: r.title ?? '',
      detail: r.detail,
      actorName: r.actor,
      caseId: r.case_id,
      caseNumber: r.case_number,
      titleEn: r.title_en ?? null,
    })),
  };
}

export async function caseTimeline(db: Db, caseId: string, limit: number, offset: number) {
  const union = timelineUnion('?');
  const count = (union.match(/\(\?\)/g) ?? []).length;
  return page(db, union, Array(count).fill(caseId), limit, offset);
}

/** A client's cases as the viewer may see them (all when `userId` is null), as one timeline with its communications. */
export async function clientTimeline(db: Db, clientId: string, visible: ListScope, limit: number, offset: number) {
  const userId = visible.all ? null : visible.memberUserId;
  const scope = userId
    ? `select c.id from cases c where c.client_id = ? and (c.lead_lawyer_id = ? or exists (select 1 from case_members m where m.case_id = c.id and m.user_id = ?))`
    : `select c.id from cases c where c.client_id = ?`;
  const scopeBindings = userId ? [clientId, userId, userId] : [clientId];
  const union = timelineUnion(scope);
  const count = (union.match(/in \(select c\.id from cases c where c\.client_id = \?/g) ?? []).length;
  const { rows } = await db.raw(
    `with t as (${union}
       union all select m.occurred_at, 'communication', m.kind, m.summary, u.name, m.case_id from communications m join users u on u.id = m.created_by where m.client_id = ? and m.case_id is null)
     ${OUTER}
      order by t.at desc, t.kind
      limit ? offset ?`,
    [...Array(count).fill(scopeBindings).flat(), clientId, limit, offset],
  );
  return toPage(rows);
}
