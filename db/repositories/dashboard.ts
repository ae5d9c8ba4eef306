import type { Db } from '../connection';
import type { ListScope } from '../../domain/policy';
import { teamCaseIds } from './cases';

/**
 * The 工作台's counts that are not a list's page: active cases grouped by current stage and by
 * practice area (cases without a stage yet are in no stage group; each group is the case list filtered by status=active and that stage or area).
 */
export async function activeCaseGroups(
  db: Db,
  scope: ListScope,
): Promise<{ byStage: Array<{ stage: string; count: number }>; byArea: Array<{ practiceArea: string; count: number }> }> {
  const active = () =>
    db('cases as c')
      .where('c.status', 'active')
      .modify((b) => {
        if (!scope.all) b.whereIn('c.id', teamCaseIds(db, scope.memberUserId));
      });
  const byStage = await active()
    .whereNotNull('c.current_stage_name')
    .groupBy('c.current_stage_name')
    .orderByRaw('count(*) desc, c.current_stage_name')
    .select('c.current_stage_name as stage', db.raw('count(*)::int as count'));
  const byArea = await active()
    .groupBy('c.practice_area')
    .orderByRaw('count(*) desc, c.practice_area')
    .select('c.practice_area as practiceArea', db.raw('count(*)::int as count'));
  return {
    byStage: byStage.map((r: { stage: string; count: number }) => ({ stage: r.stage, count: r.count })),
    byArea: byArea.map((r: { practiceArea: string; count: number }) => ({ practiceArea: r.practiceArea, count: r.count })),
  };
}

/** The courts of these cases, by case id. */
export async function caseCourts(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (!ids.length) return new Map();
  const rows = await db('cases').whereIn('id', ids).select('id', 'court');
  return new Map(rows.map((r: { id: string; court: string | null }) => [r.id, r.court]));
}
