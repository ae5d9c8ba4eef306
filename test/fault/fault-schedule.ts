/**
 * The faults of the faulty walk, run beside the walkers: the API and the worker are each
 * SIGKILLed twice and started again. The API kills are aimed at the worst moments a client can
 * meet — a case opening whose row is already committed, a task completion already applied —
 * while the answer has not reached the client, so the client must retry a request that has
 * (partly) happened. Each fault waits on what the walk has observably done, not on a clock.
 */
import type { Db } from '../../db/connection';
import type { ChildService } from '../helpers/child-service';
import type { Traffic } from './retrying-client';

export interface FaultRecord {
  what: string;
  /** Seconds since the faulty walk began. */
  at: number;
  /** For an aimed kill: whether it found its moment (else it struck at the next request in flight). */
  aimed?: 'hit' | 'missed';
}

export interface FaultWorld {
  api: ChildService;
  worker: ChildService;
  traffic: Traffic;
  db: Db;
  counters: { opened: number; completed: number };
  planned: number;
  /** True once every walker has finished (or failed): faults not made by then are reported missing. */
  walkOver: () => boolean;
}

/** How long the killed service stays down before it is started again. */
const DOWN_MS = { api: 500, worker: 1_500 };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every few milliseconds until it holds; false if the walk ended first. */
async function whenever(w: FaultWorld, check: () => Promise<boolean> | boolean, everyMs = 5): Promise<boolean> {
  for (;;) {
    if (w.walkOver()) return false;
    if (await check()) return true;
    await pause(everyMs);
  }
}

const flights = (w: FaultWorld, kind: string) => [...w.traffic.inFlight].filter((f) => f.kind === kind && f.subject);

/** An opening in flight whose case row is committed: the API has done the work, the client has no answer. */
async function openingCommitted(w: FaultWorld): Promise<boolean> {
  const titles = flights(w, 'open').map((f) => f.subject!);
  if (!titles.length) return false;
  const rows = await w.db('cases').whereIn('title', titles).select('title');
  return rows.some((r) => flights(w, 'open').some((f) => f.subject === r.title));
}

/** A completion in flight whose task row is already done: the update was applied, its answer not yet sent. */
async function completionApplied(w: FaultWorld): Promise<boolean> {
  const taskIds = flights(w, 'complete').map((f) => f.subject!);
  if (!taskIds.length) return false;
  const rows = await w.db('tasks').whereIn('id', taskIds).where({ status: 'done' }).select('id');
  return rows.some((r) => flights(w, 'complete').some((f) => f.subject === r.id));
}

/**
 * Runs the four faults in order and answers what was done. An aimed kill that has not found its
 * moment by `giveUp` strikes as soon as any request is in flight, so the fault still happens.
 */
export async function runFaults(w: FaultWorld): Promise<FaultRecord[]> {
  const began = Date.now();
  const done: FaultRecord[] = [];
  const at = () => Math.round((Date.now() - began) / 100) / 10;

  const aimedApiKill = async (what: string, moment: () => Promise<boolean>, giveUp: () => boolean) => {
    let aimed: 'hit' | 'missed' = 'hit';
    const found = await whenever(w, async () => {
      if (await moment()) return true;
      if (!giveUp()) return false;
      aimed = 'missed';
      return w.traffic.inFlight.size > 0;
    });
    if (!found) return false;
    await w.api.kill();
    done.push({ what: `API SIGKILL ${what}`, at: at(), aimed });
    await pause(DOWN_MS.api);
    await w.api.start();
    return true;
  };
  const workerKill = async (what: string, moment: () => boolean) => {
    if (!(await whenever(w, moment))) return false;
    await w.worker.kill();
    done.push({ what: `worker SIGKILL ${what}`, at: at() });
    await pause(DOWN_MS.worker);
    await w.worker.start();
    return true;
  };

  if (
    !(await aimedApiKill(
      'while a case opening was committed, unanswered',
      () => openingCommitted(w),
      () => w.counters.opened >= w.planned,
    ))
  )
    return done;
  const firstKillAt = w.counters.completed;
  if (!(await workerKill('after a few completions', () => w.counters.completed >= firstKillAt + 3))) return done;
  const secondAt = w.counters.completed;
  if (
    !(await aimedApiKill(
      'while a task completion was applied, unanswered',
      () => completionApplied(w),
      () => w.counters.completed >= secondAt + 8,
    ))
  )
    return done;
  const thirdAt = w.counters.completed;
  await workerKill('with a completion in flight', () => w.counters.completed >= thirdAt + 3 && flights(w, 'complete').length > 0);
  return done;
}
