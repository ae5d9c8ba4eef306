import type { Db } from '../connection';

/** Where the cases of one template stand, per diagram node (a stage or a task). */
export interface HeatmapRow {
  nodeId: string;
  kind: 'stage' | 'task';
  /** Cases not closed that sit at the node now (an open stage visit or an open task). */
  openCases: number;
  /** Median time those cases have spent at the node so far, in milliseconds (null when none sits there). */
  medianOpenMs: number | null;
  /** Median time of the finished visits (entered to left, opened to done), of every case of the template. */
  medianDoneMs: number | null;
  /** Finished visits counted for `medianDoneMs`. */
  doneVisits: number;
}

/**
 * One row per node that any case of the template (any version) has visited: stage visits from
 * stage_history (skipped stages are no visit), task visits from tasks (manual tasks have no node
 * of the diagram and are left out). Computed in PostgreSQL; `now` is the instant open visits are
 * measured to.
 */
export async function templateHeatmap(db: Db, templateId: string, now: Date): Promise<HeatmapRow[]> {
  const { rows } = await db.raw(
    `with template_cases as (
       select c.id, c.status <> 'closed' as open
         from cases c
         join process_template_versions v on v.id = c.template_version_id
        where v.template_id = :templateId
     ),
     visits as (
       select sh.stage_id as node_id, 'stage' as kind, sh.case_id, sh.entered_at as since, sh.exited_at as until, tc.open
         from stage_history sh
         join template_cases tc on tc.id = sh.case_id
        where not sh.skipped
       union all
       select t.node_id, 'task', t.case_id, t.started_at,
              case when t.status = 'open' then null else coalesce(t.completed_at, t.started_at) end, tc.open
         from tasks t
         join template_cases tc on tc.id = t.case_id
        where not t.manual and t.status in ('open', 'done')
     )
     select node_id,
            min(kind) as kind,
            count(distinct case_id) filter (where until is null and open)::int as open_cases,
            percentile_cont(0.5) within group (order by extract(epoch from (:now::timestamptz - since)) * 1000)
              filter (where until is null and open) as median_open_ms,
            percentile_cont(0.5) within group (order by extract(epoch from (until - since)) * 1000)
              filter (where until is not null) as median_done_ms,
            count(*) filter (where until is not null)::int as done_visits
       from visits
      group by node_id
      order by node_id`,
    { templateId, now: now.toISOString() },
  );
  return rows.map((r: Record<string, any>) => ({
    nodeId: r.node_id,
    kind: r.kind,
    openCases: r.open_cases,
    medianOpenMs: r.median_open_ms === null ? null : Math.round(Number(r.median_open_ms)),
    medianDoneMs: r.median_done_ms === null ? null : Math.round(Number(r.median_done_ms)),
    doneVisits: r.done_visits,
  }));
}

/** Cases of the template (any version) that are not closed. */
export async function openCasesOfTemplate(db: Db, templateId: string): Promise<number> {
  const r = await db('cases as c')
    .join('process_template_versions as v', 'v.id', 'c.template_version_id')
    .where('v.template_id', templateId)
    .whereNot('c.status', 'closed')
    .count<{ n: string }[]>({ n: '*' });
  return Number(r[0].n);
}
