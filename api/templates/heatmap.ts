import type { Db } from '../../db/connection';
import { openCasesOfTemplate, templateHeatmap } from '../../db/repositories/template-heatmap';
import { mustFind } from './templates';

/** The template's case heat map: per node, the open cases there now and the median time spent (computed in SQL). */
export async function heatmap(db: Db, key: string, now = new Date()) {
  const t = await mustFind(db, key);
  const [nodes, totalOpenCases] = await Promise.all([templateHeatmap(db, t.id, now), openCasesOfTemplate(db, t.id)]);
  return { at: now.toISOString(), totalOpenCases, nodes };
}
