import { classify, overallResult, type MatchKind, type RecordRole, type Severity, type SubjectRole } from '../../domain/conflicts';
import { normalizeIdNumber, normalizeName } from '../../domain/search/normalize';
import type { Role } from '../../domain/roles';
import type { Db } from '../connection';
import { teamCaseIds } from './cases';

export interface Subject {
  name: string;
  idNumber?: string | null;
  role: SubjectRole;
}

export interface ConflictHit {
  subject: string;
  subjectRole: SubjectRole;
  matchedName: string;
  recordRole: RecordRole;
  /** The record matched through its 法定代表人 rather than its own name. */
  viaRepresentative: boolean;
  match: MatchKind;
  score: number;
  severity: Severity;
  clientId: string | null;
  clientName: string | null;
  caseId: string | null;
  caseNumber: string | null;
  caseTitle: string | null;
  caseStatus: string | null;
  leadLawyerName: string | null;
}

/** Trigram similarity from which a name counts as similar (pg_trgm; 1 = identical): one character in six differs ≈ 0.4. */
const SIMILAR = 0.35;

function matchOf(id: boolean, norm: string, candidate: string): MatchKind {
  if (id) return 'id';
  if (candidate === norm) return 'exact';
  if (candidate.length >= 2 && norm.length >= 2 && (candidate.includes(norm) || norm.includes(candidate))) return 'contains';
  return 'similar';
}

/**
 * Searches every client, every party of every case (and their 法定代表人) and every client
 * contact for each subject: identity numbers exactly, names normalised (exact, either containing
 * the other) and by trigram similarity. `excludeCaseId` leaves out the case being checked.
 * Run it inside a transaction (runConflictCheck does): the similarity threshold is set for it.
 */
export async function searchConflicts(db: Db, subjects: Subject[], excludeCaseId?: string): Promise<ConflictHit[]> {
  const hits: ConflictHit[] = [];
  // The % operator (index-backed) uses this threshold; `set local` keeps it to this transaction.
  await db.raw(`set local pg_trgm.similarity_threshold = ${SIMILAR}`);
  for (const s of subjects) {
    const norm = normalizeName(s.name);
    const id = normalizeIdNumber(s.idNumber);
    if (!norm && !id) continue;
    const nameMatch = (col: string) =>
      `(${col} = :norm or (length(${col}) >= 2 and length(:norm) >= 2 and (${col} like '%' || :norm || '%' or :norm like '%' || ${col} || '%')) or ${col} % :norm)`;
    const params = { norm, id: id ?? '', exclude: excludeCaseId ?? '00000000-0000-0000-0000-000000000000' };

    const clients = await db.raw(
      `select cl.id, cl.name, cl.name_norm, (cl.id_norm = :id and :id <> '') as by_id, similarity(cl.name_norm, :norm) as score
         from clients cl
        where (cl.id_norm = :id and :id <> '') or ${nameMatch('cl.name_norm')}`,
      params,
    );
    for (const r of clients.rows) {
      const match = matchOf(r.by_id, norm, r.name_norm);
      hits.push({
        ...blank(s),
        matchedName: r.name,
        recordRole: 'client',
        viaRepresentative: false,
        match,
        score: Number(r.score),
        severity: classify(s.role, 'client', match),
        clientId: r.id,
        clientName: r.name,
      });
    }

    const parties = await db.raw(
      `select p.role, p.name, p.name_norm, p.representative, p.representative_norm,
              (p.id_norm = :id and :id <> '') as by_id,
              similarity(p.name_norm, :norm) as score,
              coalesce(similarity(p.representative_norm, :norm), 0) as rep_score,
              ${nameMatch('p.name_norm')} as by_name,
              c.id as case_id, c.number, c.title, c.status, cl.id as client_id, cl.name as client_name, u.name as lead_name
         from case_parties p
         join cases c on c.id = p.case_id
         join clients cl on cl.id = c.client_id
         join users u on u.id = c.lead_lawyer_id
        where p.case_id <> :exclude
          and ((p.id_norm = :id and :id <> '') or ${nameMatch('p.name_norm')} or (p.representative_norm is not null and ${nameMatch('p.representative_norm')}))`,
      params,
    );
    for (const r of parties.rows) {
      const viaRepresentative = !r.by_id && !r.by_name;
      const score = Number(viaRepresentative ? r.rep_score : r.score);
      const match = matchOf(r.by_id, norm, viaRepresentative ? r.representative_norm : r.name_norm);
      hits.push({
        ...blank(s),
        matchedName: viaRepresentative ? `${r.representative}（${r.name}）` : r.name,
        recordRole: r.role,
        viaRepresentative,
        match,
        score,
        severity: classify(s.role, r.role, match),
        clientId: r.client_id,
        clientName: r.client_name,
        caseId: r.case_id,
        caseNumber: r.number,
        caseTitle: r.title,
        caseStatus: r.status,
        leadLawyerName: r.lead_name,
      });
    }

    const contacts = await db.raw(
      `select k.name, lower(regexp_replace(k.name, '\\s+', '', 'g')) as norm, similarity(lower(k.name), :norm) as score, cl.id as client_id, cl.name as client_name
         from client_contacts k join clients cl on cl.id = k.client_id
        where lower(regexp_replace(k.name, '\\s+', '', 'g')) = :norm or similarity(lower(k.name), :norm) >= ${SIMILAR}`,
      params,
    );
    for (const r of contacts.rows) {
      const match: MatchKind = r.norm === norm ? 'exact' : 'similar';
      hits.push({
        ...blank(s),
        matchedName: r.name,
        recordRole: 'contact',
        viaRepresentative: false,
        match,
        score: Number(r.score),
        severity: classify(s.role, 'contact', match),
        clientId: r.client_id,
        clientName: r.client_name,
      });
    }
  }
  const rank: Record<Severity, number> = { conflict: 0, review: 1, info: 2 };
  const kinds: Record<MatchKind, number> = { id: 0, exact: 1, contains: 2, similar: 3 };
  return hits.sort((a, b) => rank[a.severity] - rank[b.severity] || kinds[a.match] - kinds[b.match] || b.score - a.score);
}

function blank(s: Subject) {
  return {
    subject: s.name,
    subjectRole: s.role,
    clientId: null,
    clientName: null,
    caseId: null,
    caseNumber: null,
    caseTitle: null,
    caseStatus: null,
    leadLawyerName: null,
  };
}

const toCheck = (r: Record<string, any>) => ({
  id: r.id as string,
  subjects: r.subjects as Subject[],
  hits: r.hits as ConflictHit[],
  hitCount: r.hit_count as number,
  result: r.result as 'clear' | 'review' | 'conflict',
  runBy: r.run_by as string,
  runByName: (r.run_by_name ?? null) as string | null,
  runAt: (r.run_at as Date).toISOString(),
  caseId: r.case_id as string | null,
  decision: r.decision as 'proceed' | 'waived' | 'declined' | null,
  decisionNote: r.decision_note as string | null,
  decidedBy: r.decided_by as string | null,
  decidedByName: (r.decided_by_name ?? null) as string | null,
  decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
});
export type ConflictCheckRow = ReturnType<typeof toCheck>;

/** Runs and records a check: who ran it, for whom, everything found, the overall result. */
export async function runConflictCheck(db: Db, subjects: Subject[], runBy: string, caseId?: string): Promise<ConflictCheckRow> {
  return db.transaction(async (trx) => {
    const hits = await searchConflicts(trx, subjects, caseId);
    const [row] = await trx('conflict_checks')
      .insert({
        subjects: JSON.stringify(subjects),
        hits: JSON.stringify(hits),
        hit_count: hits.length,
        result: overallResult(hits.map((h) => h.severity)),
        run_by: runBy,
        case_id: caseId ?? null,
      })
      .returning('*');
    return toCheck(row);
  });
}

export async function findConflictCheck(db: Db, id: string): Promise<ConflictCheckRow | undefined> {
  const row = await db('conflict_checks as k')
    .join('users as r', 'r.id', 'k.run_by')
    .leftJoin('users as d', 'd.id', 'k.decided_by')
    .where('k.id', id)
    .first('k.*', 'r.name as run_by_name', 'd.name as decided_by_name');
  return row ? toCheck(row) : undefined;
}

export async function decideConflictCheck(
  db: Db,
  id: string,
  d: { decision: 'proceed' | 'waived' | 'declined'; note?: string | null; by: string },
): Promise<void> {
  await db('conflict_checks')
    .where({ id })
    .update({ decision: d.decision, decision_note: d.note ?? null, decided_by: d.by, decided_at: db.fn.now() });
}

export async function attachConflictCheck(db: Db, id: string, caseId: string): Promise<void> {
  await db('conflict_checks').where({ id }).update({ case_id: caseId });
  await db('cases').where({ id: caseId }).update({ conflict_check_id: id });
}

export async function listConflictChecks(
  db: Db,
  q: { caseId?: string; runBy?: string; awaiting?: boolean; limit: number; offset: number },
): Promise<{ items: ConflictCheckRow[]; total: number }> {
  const base = db('conflict_checks as k').modify((b) => {
    if (q.caseId) b.where('k.case_id', q.caseId);
    if (q.runBy) b.where('k.run_by', q.runBy);
    // Awaiting a partner's decision: hits to weigh (review or conflict), no decision, no case opened on it.
    if (q.awaiting) b.whereIn('k.result', ['review', 'conflict']).whereNull('k.decision').whereNull('k.case_id');
  });
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const rows = await base
    .clone()
    .join('users as r', 'r.id', 'k.run_by')
    .leftJoin('users as d', 'd.id', 'k.decided_by')
    .select('k.*', 'r.name as run_by_name', 'd.name as decided_by_name')
    .orderBy('k.run_at', 'desc')
    .limit(q.limit)
    .offset(q.offset);
  return { total: Number(count), items: rows.map(toCheck) };
}

/**
 * Which of these cases and clients a member-scoped user may see: the cases they lead or are on,
 * the clients of those cases and the clients they entered (as the client list scopes them).
 */
export async function visibleToMember(
  db: Db,
  userId: string,
  q: { caseIds: string[]; clientIds: string[] },
): Promise<{ caseIds: Set<string>; clientIds: Set<string> }> {
  const cases = q.caseIds.length
    ? await db('cases')
        .whereIn('id', q.caseIds)
        .where((w) => w.where('lead_lawyer_id', userId).orWhereIn('id', teamCaseIds(db, userId)))
        .pluck('id')
    : [];
  const clients = q.clientIds.length
    ? await db('clients as cl')
        .whereIn('cl.id', q.clientIds)
        .where((w) =>
          w
            .where('cl.created_by', userId)
            .orWhereExists(db('cases as c').whereRaw('c.client_id = cl.id').whereIn('c.id', teamCaseIds(db, userId))),
        )
        .pluck('cl.id')
    : [];
  return { caseIds: new Set(cases), clientIds: new Set(clients) };
}

/**
 * Whom to ask about a hit: the active lead lawyer of each of these cases, and the active users of
 * the `fallback` roles (for a hit without a matter, or a matter whose lead has left).
 */
export async function conflictContacts(
  db: Db,
  caseIds: string[],
  fallback: readonly Role[],
): Promise<{ leads: Map<string, { userId: string; name: string }>; fallback: Array<{ userId: string; name: string }> }> {
  const leads = caseIds.length
    ? await db('cases as c')
        .join('users as u', 'u.id', 'c.lead_lawyer_id')
        .whereIn('c.id', caseIds)
        .where('u.active', true)
        .select('c.id as caseId', 'u.id as userId', 'u.name')
    : [];
  const others = await db('users').whereIn('role', fallback).where('active', true).orderBy('name').select('id as userId', 'name');
  return {
    leads: new Map(leads.map((l: { caseId: string; userId: string; name: string }) => [l.caseId, { userId: l.userId, name: l.name }])),
    fallback: others,
  };
}
