import type { Db } from '../../db/connection';
import { conflictContacts, visibleToMember, type ConflictCheckRow, type ConflictHit } from '../../db/repositories/conflict-checks';
import { CONFLICT_CONTACTS, seesFirm } from '../../domain/policy';
import type { Actor } from '../cases';
import { maskIdNumber } from '../../domain/privacy/id-mask';

type Contact = { userId: string; name: string; as: 'lead' | 'partner' };

/**
 * A hit of a matter (or client) the viewer may not see keeps what the intake needs — that it
 * exists, what the checked name is to it (record role, match, severity) and whom to ask — and
 * loses everything of the other matter: its record's name, number, title, status, client and lead.
 */
function withheld(h: ConflictHit, ask: Contact[]) {
  return {
    subject: h.subject,
    subjectRole: h.subjectRole,
    withheld: true,
    inMatter: h.caseId !== null,
    ask,
    matchedName: null,
    recordRole: h.recordRole,
    viaRepresentative: h.viaRepresentative,
    match: h.match,
    score: h.score,
    severity: h.severity,
    clientId: null,
    clientName: null,
    caseId: null,
    caseNumber: null,
    caseTitle: null,
    caseStatus: null,
    leadLawyerName: null,
  };
}

/**
 * Checks as this viewer may read them. The record keeps every hit in full (the audit of the check,
 * read whole by firm-wide roles); a colleague sees in full only the hits of cases they are on and
 * clients they may open — the policy's `case.read` and `client.read`.
 */
export async function checkViews(db: Db, actor: Actor, checks: ConflictCheckRow[]) {
  const hits = checks.flatMap((k) => k.hits);
  const caseIds = [...new Set(hits.flatMap((h) => (h.caseId ? [h.caseId] : [])))];
  const clientIds = [...new Set(hits.flatMap((h) => (!h.caseId && h.clientId ? [h.clientId] : [])))];
  const allCases = seesFirm(actor.role, 'case.read');
  const allClients = seesFirm(actor.role, 'client.read');
  const seen =
    allCases && allClients
      ? undefined
      : await visibleToMember(db, actor.id, { caseIds: allCases ? [] : caseIds, clientIds: allClients ? [] : clientIds });
  const visible = (h: ConflictHit) =>
    h.caseId ? allCases || Boolean(seen?.caseIds.has(h.caseId)) : !h.clientId || allClients || Boolean(seen?.clientIds.has(h.clientId));
  const contacts = hits.length ? await conflictContacts(db, caseIds, CONFLICT_CONTACTS) : undefined;
  const partners: Contact[] = contacts?.fallback.map((p) => ({ ...p, as: 'partner' as const })) ?? [];
  const askOf = (h: ConflictHit): Contact[] => {
    const lead = h.caseId ? contacts?.leads.get(h.caseId) : undefined;
    return lead ? [{ ...lead, as: 'lead' }] : partners;
  };
  return checks.map((k) => ({
    ...k,
    // The subjects' kind is not recorded: every number checked is shown masked.
    subjects: k.subjects.map((x) => (x.idNumber ? { ...x, idNumber: maskIdNumber(x.idNumber) } : x)),
    hits: k.hits.map((h) => (visible(h) ? { ...h, withheld: false, inMatter: h.caseId !== null, ask: askOf(h) } : withheld(h, askOf(h)))),
  }));
}

export async function checkView(db: Db, actor: Actor, check: ConflictCheckRow) {
  return (await checkViews(db, actor, [check]))[0];
}
