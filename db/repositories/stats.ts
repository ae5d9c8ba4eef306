import type { Db } from '../connection';

export interface Count {
  key: string;
  label: string;
  count: number;
}

export interface CaseStats {
  byPracticeArea: Count[];
  byCaseType: Count[];
  byStage: Count[];
  byLawyer: Count[];
  monthly: Array<{ month: string; opened: number; closed: number }>;
  closure: { total: number; closed: number; rate: number };
  stageDurations: Array<{ stage: string; cases: number; averageDays: number; medianDays: number }>;
  overdueByLawyer: Count[];
}

const counts = (rows: Array<Record<string, any>>): Count[] =>
  rows.map((r) => ({ key: String(r.key ?? ''), label: String(r.label ?? r.key ?? ''), count: Number(r.count) }));

/**
 * Firm statistics over the cases opened in [from, to] (civil dates, inclusive): counts by area,
 * type, current stage and lead lawyer; opened and closed per month in the firm's time zone;
 * closure rate; days spent per stage (from stage_history); open overdue tasks per assignee now.
 */
export async function caseStats(db: Db, q: { from: string; to: string; timeZone: string }): Promise<CaseStats> {
  const inPeriod = db('cases as c').whereBetween('c.opened_on', [q.from, q.to]);
  const [byPracticeArea, byCaseType, byStage, byLawyer] = await Promise.all([
    inPeriod.clone().groupBy('c.practice_area').select('c.practice_area as key').count('* as count').orderBy('count', 'desc'),
    inPeriod.clone().groupBy('c.case_type').select('c.case_type as key').count('* as count').orderBy('count', 'desc'),
    inPeriod
      .clone()
      .whereNot('c.status', 'closed')
      .groupByRaw("coalesce(c.current_stage_name, '')")
      .select(db.raw("coalesce(c.current_stage_name, '') as key"))
      .count('* as count')
      .orderBy('count', 'desc'),
    inPeriod
      .clone()
      .join('users as u', 'u.id', 'c.lead_lawyer_id')
      .groupBy('u.id', 'u.name')
      .select('u.id as key', 'u.name as label')
      .count('* as count')
      .orderBy('count', 'desc'),
  ]);
  const monthly = await db.raw(
    `with months as (
       select to_char(m, 'YYYY-MM') as month from generate_series(date_trunc('month', ?::date), date_trunc('month', ?::date), interval '1 month') m
     ),
     o as (select to_char(opened_on, 'YYYY-MM') as month, count(*) as n from cases where opened_on between ? and ? group by 1),
     x as (select to_char(closed_at at time zone ?, 'YYYY-MM') as month, count(*) as n from cases where closed_at is not null group by 1)
     select months.month, coalesce(o.n, 0)::int as opened, coalesce(x.n, 0)::int as closed
       from months left join o on o.month = months.month left join x on x.month = months.month
      order by months.month`,
    [q.from, q.to, q.from, q.to, q.timeZone],
  );
  const [closure] = await inPeriod
    .clone()
    .select(db.raw('count(*)::int as total'), db.raw(`count(*) filter (where c.status = 'closed')::int as closed`));
  const durations = await db.raw(
    `select s.stage_name as stage, count(*)::int as cases,
            avg(extract(epoch from (s.exited_at - s.entered_at)) / 86400) as avg_days,
            percentile_cont(0.5) within group (order by extract(epoch from (s.exited_at - s.entered_at)) / 86400) as median_days
       from stage_history s join cases c on c.id = s.case_id
      where s.exited_at is not null and not s.skipped and c.opened_on between ? and ?
      group by s.stage_name order by min(s.entered_at - c.created_at), s.stage_name`,
    [q.from, q.to],
  );
  const overdue = await db('tasks as t')
    .join('users as u', 'u.id', 't.assignee_id')
    .where('t.status', 'open')
    .andWhereRaw('t.due_at < now()')
    .groupBy('u.id', 'u.name')
    .select('u.id as key', 'u.name as label')
    .count('* as count')
    .orderBy('count', 'desc');
  const total = Number(closure.total);
  return {
    byPracticeArea: counts(byPracticeArea),
    byCaseType: counts(byCaseType),
    byStage: counts(byStage),
    byLawyer: counts(byLawyer),
    monthly: monthly.rows,
    closure: { total, closed: Number(closure.closed), rate: total ? Number(closure.closed) / total : 0 },
    stageDurations: durations.rows.map((r: Record<string, any>) => ({
      stage: r.stage,
      cases: r.cases,
      averageDays: round1(Number(r.avg_days)),
      medianDays: round1(Number(r.median_days)),
    })),
    overdueByLawyer: counts(overdue),
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
