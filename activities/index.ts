import type { Db } from '../db/connection';
import { calendarSource } from './calendar';
import { caseActivities } from './case-engine';
import { caseMigrationActivities } from './case-migration';
import { digestActivities } from './digest';
import { pingActivities } from './ping';
import { taskActivities } from './tasks';

export interface ActivityDeps {
  db: Db;
  /** Base of the links in notifications and mails. */
  publicUrl?: string;
  /** The firm's time zone (default Asia/Shanghai). */
  timeZone?: string;
}

/** The worker's activity object; each group lives in its own file. */
export function createActivities(deps: ActivityDeps) {
  const engine = {
    db: deps.db,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
    timeZone: deps.timeZone ?? 'Asia/Shanghai',
    calendar: calendarSource(deps.db),
  };
  return {
    ...pingActivities(deps.db),
    ...taskActivities(engine),
    ...caseActivities(engine),
    ...digestActivities(engine),
    ...caseMigrationActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
