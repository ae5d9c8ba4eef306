import type { Db } from '../connection';

export async function logCaseEventOnce(
  db: Db,
  e: { caseId: string; key: string; name: string; occurredOn: string | null; variables: Record<string, unknown>; by: string | null },
): Promise<void> {
  await db('case_events')
    .insert({
      case_id: e.caseId,
      key: e.key,
      name: e.name,
      occurred_on: e.occurredOn,
      variables: JSON.stringify(e.variables),
      recorded_by: e.by,
    })
    .onConflict('key')
    .ignore();
}

export async function requestDocumentOnce(db: Db, r: { caseId: string; key: string; template: string }): Promise<void> {
  await db('document_requests').insert({ case_id: r.caseId, key: r.key, template: r.template }).onConflict('key').ignore();
}
