import type { Db } from '../db/connection';
import { pingActivities } from './ping';

export interface ActivityDeps {
  db: Db;
}

/** The worker's activity object; each group lives in its own file. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...pingActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
