import type { Db } from '../../db/connection';

/**
 * Tables a refused request is expected to write: every mutating request leaves an audit entry, a
 * failed login an attempt, any signed-in request may slide its session. The migration ledger never
 * changes. Everything else must look the same before and after a refused request.
 */
export const EXPECTED_TO_CHANGE = [
  'audit_log',
  'login_attempts',
  'login_counters',
  'login_locks',
  'sessions',
  'knex_migrations',
  'knex_migrations_lock',
];

export type Fingerprint = Record<string, string>;

/**
 * A cheap fingerprint of the whole (small) database in one query: per table its row count and
 * the md5 of its rows as text, in order. Any insert, update or delete shows.
 */
export async function fingerprinter(db: Db): Promise<() => Promise<Fingerprint>> {
  const tables = (
    await db.raw<{ rows: Array<{ name: string }> }>(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    )
  ).rows
    .map((r) => r.name)
    .filter((t) => !EXPECTED_TO_CHANGE.includes(t));
  const sql = tables
    .map((t) => `select '${t}' as t, count(*) || ':' || md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as h from "${t}" x`)
    .join('\nunion all\n');
  return async () => {
    const { rows } = await db.raw<{ rows: Array<{ t: string; h: string }> }>(sql);
    return Object.fromEntries(rows.map((r) => [r.t, r.h]));
  };
}

/** The tables whose fingerprint differs. */
export function changedTables(a: Fingerprint, b: Fingerprint): string[] {
  return Object.keys({ ...a, ...b }).filter((t) => a[t] !== b[t]);
}

/**
 * A fingerprint once the database rests: the workflow worker writes a moment after an accepted
 * command (the next task, a notice), so read until two reads agree, at most `maxMs`.
 */
export async function settled(fp: () => Promise<Fingerprint>, maxMs = 1500, gapMs = 60): Promise<Fingerprint> {
  const deadline = Date.now() + maxMs;
  let last = await fp();
  for (;;) {
    await new Promise((r) => setTimeout(r, gapMs));
    const next = await fp();
    if (changedTables(last, next).length === 0 || Date.now() > deadline) return next;
    last = next;
  }
}
