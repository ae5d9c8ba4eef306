import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import { pool, summary } from './support';

/**
 * The baseline: what a case "engine" without durability would do per task completion, as one
 * SQL transaction — mark the task done, insert the next task, note a stage change every third
 * step — over `cases` cases of `perCase` steps, `concurrency` at a time.
 */
export async function sqlBaseline(db: Db, cases: number, concurrency: number, perCase: number) {
  const c0 = await db('cases').first();
  const latency: number[] = [];
  const steps = Math.max(1, Math.round(perCase));
  const started = Date.now();
  await pool(cases, concurrency, async () => {
    let previous = randomUUID();
    await db('tasks').insert({
      id: previous,
      case_id: c0.id,
      workflow_task_id: `b-${previous}`,
      node_id: 'N0',
      title: 'bench',
      started_at: db.fn.now(),
    });
    for (let i = 1; i <= steps; i++) {
      const t0 = performance.now();
      const next = randomUUID();
      await db.transaction(async (trx) => {
        await trx('tasks')
          .where({ id: previous, status: 'open' })
          .update({ status: 'done', outputs: JSON.stringify({ ok: true }), completed_at: trx.fn.now() });
        await trx('tasks').insert({
          id: next,
          case_id: c0.id,
          workflow_task_id: `b-${next}`,
          node_id: `N${i}`,
          title: 'bench',
          started_at: trx.fn.now(),
        });
        if (i % 3 === 0) {
          await trx('stage_history').insert({
            case_id: c0.id,
            stage_instance_id: `b-${next}`,
            stage_id: 'S',
            stage_name: 'bench',
            entered_at: trx.fn.now(),
          });
        }
      });
      latency.push(performance.now() - t0);
      previous = next;
    }
  });
  return { completions: latency.length, seconds: (Date.now() - started) / 1000, latency: summary(latency) };
}
