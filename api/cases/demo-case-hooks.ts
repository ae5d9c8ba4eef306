import type { Db } from '../../db/connection';
import type { DemoCaseHooks } from '../../db/seeds/demo-cases';
import { userRole } from '../../db/repositories/user-lookups';
import { ZCreateCase } from '../contracts/cases';
import type { Engine } from '../engine';
import { completeTask, createCase } from './case-workflow';

/** The demo seed's active cases go through the same intake and task commands as a user's. */
export function demoCaseHooks(db: Db, temporal: Engine, timeZone: string): DemoCaseHooks {
  const actorOf = async (id: string) => ({ id, role: await userRole(db, id) });
  return {
    async openCase(input, byUserId) {
      const c = await createCase(db, temporal, ZCreateCase.parse(input), await actorOf(byUserId), timeZone);
      return c.id;
    },
    async completeTask(caseId, taskId, outputs, byUserId) {
      await completeTask(db, temporal, await actorOf(byUserId), caseId, taskId, outputs);
    },
  };
}
