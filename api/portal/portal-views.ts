import type { Request, Response } from 'express';
import type { Db } from '../../db/connection';
import type { BlobStorage } from '../../db/storage';
import { findVersion } from '../../db/repositories/templates';
import {
  portalCase,
  portalCaseDocuments,
  portalCaseEvents,
  portalCases,
  portalCaseTeam,
  portalDocument,
  portalInvoice,
  portalInvoices,
  stageVisitsOf,
  type PortalCaseRow,
  type PortalEventRow,
  type PortalInvoiceRow,
} from '../../db/repositories/portal-reads';
import { civilDateAt, zonedTimeToInstant } from '../../domain/deadlines/civil-date';
import { decide } from '../../domain/policy';
import { portalProgress, portalStageDefs, type PortalStageDef } from '../../domain/portal/progress';
import { ZTemplateModel } from '../../process-templates/model/schema';
import { AppError } from '../app-error';
import { invoicePdfOf } from '../billing';
import type { Actor } from '../cases';
import { sendVersionContent } from '../documents';
import { firmTimeZone } from '../firm';
import type { Engine } from '../engine';

/**
 * What a portal user reads: their clients' cases with the progress the workflow reports, shared
 * hearings and deadlines, shared documents and sent invoices. Every read is scoped in SQL by the
 * user's memberships; a case, document or invoice of another client is not found (404).
 */
export interface PortalDeps {
  db: Db;
  temporal: Engine;
  storage: BlobStorage;
  firmTimezone: string;
}

/** The stage definitions of each template version, read once per request. */
function stageDefsReader(db: Db) {
  const cache = new Map<string, Promise<PortalStageDef[]>>();
  return (versionId: string | null): Promise<PortalStageDef[]> => {
    if (!versionId) return Promise.resolve([]);
    let defs = cache.get(versionId);
    if (!defs) {
      defs = findVersion(db, versionId).then((v) => (v ? portalStageDefs(ZTemplateModel.parse(v.model)) : []));
      cache.set(versionId, defs);
    }
    return defs;
  };
}

/**
 * A case's progress for its client. `currentStageId`: the workflow's answer for a running case
 * (undefined: from the read model, which the workflow's activities write).
 */
async function progressOf(
  deps: PortalDeps,
  c: PortalCaseRow,
  defsOf: ReturnType<typeof stageDefsReader>,
  timeZone: string,
  currentStageId?: string | null,
  visits?: Awaited<ReturnType<typeof stageVisitsOf>>,
) {
  const seen = visits ?? (await stageVisitsOf(deps.db, [c.id]));
  return portalProgress({
    stages: await defsOf(c.templateVersionId),
    visits: seen.get(c.id) ?? [],
    currentStageId,
    closed: c.status === 'closed',
    timeZone,
  });
}

function summary(c: PortalCaseRow, progress: Awaited<ReturnType<typeof progressOf>>) {
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    clientName: c.clientName,
    status: c.status,
    openedOn: c.openedOn,
    leadLawyer: { name: c.leadLawyerName },
    currentStage: progress.currentStage,
    stages: progress.stages,
  };
}

/**
 * The signed-in user's clients' cases. The list reads each case's stages from the read model
 * (stage_history, kept by the workflow as it enters and leaves stages) rather than asking every
 * workflow; one case's page asks its workflow.
 */
export async function listPortalCases(deps: PortalDeps, actor: Actor) {
  const defsOf = stageDefsReader(deps.db);
  const tz = await firmTimeZone(deps.db, deps.firmTimezone);
  const cases = await portalCases(deps.db, actor.id);
  const visits = await stageVisitsOf(
    deps.db,
    cases.map((c) => c.id),
  );
  const items = [];
  for (const c of cases) items.push(summary(c, await progressOf(deps, c, defsOf, tz, undefined, visits)));
  return { items };
}

/**
 * The policy's word on a thing the SQL found (or not) among the user's clients' cases: found is
 * `member` of the portal scope; anything else does not exist for them (404, never 403).
 */
function portalAllowed<T>(actor: Actor, found: T | null, what: string): T {
  const decision = decide({ userId: actor.id, role: actor.role, case: { member: found !== null } }, 'portal.read');
  if (decision === 404 || found === null) throw new AppError('not-found', `no such ${what}`);
  if (decision !== 'allow') throw new AppError(decision === 401 ? 'unauthenticated' : 'forbidden');
  return found;
}

async function caseOf(deps: PortalDeps, actor: Actor, caseId: string): Promise<PortalCaseRow> {
  return portalAllowed(actor, await portalCase(deps.db, actor.id, caseId), 'case');
}

/**
 * The current stage of a running case, from its workflow's progress query; a closed case (or one
 * from before LexFlow, without a run) never asks Temporal. A run not started yet (its opening is
 * still pending) answers from the read model; Temporal away is a 503 with Retry-After.
 */
async function currentStageFromWorkflow(deps: PortalDeps, c: PortalCaseRow): Promise<string | null | undefined> {
  if (c.status === 'closed' || !c.workflowId) return undefined;
  try {
    const p = await deps.temporal.progress(c.id);
    const active = p.stages.filter((s) => s.status === 'active');
    return active.length ? active[active.length - 1].id : null;
  } catch (err) {
    if (err instanceof AppError && err.code === 'conflict') return undefined;
    throw err;
  }
}

function eventView(e: PortalEventRow, court: string | null) {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    allDay: e.allDay,
    location: e.location ?? (e.kind === 'hearing' ? court : null),
  };
}

export async function portalCaseView(deps: PortalDeps, actor: Actor, caseId: string) {
  const c = await caseOf(deps, actor, caseId);
  const current = await currentStageFromWorkflow(deps, c);
  const tz = await firmTimeZone(deps.db, deps.firmTimezone);
  const progress = await progressOf(deps, c, stageDefsReader(deps.db), tz, current);
  const events = await portalCaseEvents(deps.db, c.id, new Date(zonedTimeToInstant(civilDateAt(Date.now(), tz), 0, 0, tz)));
  return {
    ...summary(c, progress),
    court: c.court,
    hearings: events.filter((e) => e.kind === 'hearing').map((e) => eventView(e, c.court)),
    deadlines: events.filter((e) => e.kind !== 'hearing').map((e) => eventView(e, c.court)),
    team: (await portalCaseTeam(deps.db, c.id)) as Array<{ name: string; role: 'lead' | 'lawyer' | 'assistant' | 'partner' }>,
  };
}

export async function portalDocumentList(deps: PortalDeps, actor: Actor, caseId: string) {
  const c = await caseOf(deps, actor, caseId);
  const docs = await portalCaseDocuments(deps.db, c.id);
  return {
    items: docs.map((d) => ({
      id: d.id,
      name: d.name,
      category: d.category,
      categoryName: d.categoryName,
      categoryNameEn: d.categoryNameEn,
      size: d.size,
      mime: d.mime,
      updatedAt: d.updatedAt.toISOString(),
    })),
  };
}

/** A shared document's current version: a download, or (`inline`) shown in the browser; audited like the staff read. */
export async function sendPortalDocument(
  deps: PortalDeps,
  actor: Actor,
  id: string,
  inline: boolean,
  req: Request,
  res: Response,
): Promise<void> {
  const doc = portalAllowed(actor, await portalDocument(deps.db, actor.id, id), 'document');
  await sendVersionContent(deps, actor, doc, { download: inline ? '0' : '1' }, req, res);
}

function invoiceView(i: PortalInvoiceRow) {
  return {
    id: i.id,
    number: i.number,
    kind: i.kind,
    case: { id: i.caseId, number: i.caseNumber, title: i.caseTitle },
    issuedOn: i.issuedOn,
    dueOn: i.dueOn,
    status: i.status,
    totalFen: i.totalFen,
    paidFen: i.paidFen,
    dueFen: i.dueFen,
  };
}

export async function portalInvoiceList(deps: PortalDeps, actor: Actor, q: { caseId?: string }) {
  if (q.caseId) await caseOf(deps, actor, q.caseId);
  return { items: (await portalInvoices(deps.db, actor.id, q)).map(invoiceView) };
}

export async function portalInvoicePdf(deps: PortalDeps, actor: Actor, id: string) {
  const i = portalAllowed(actor, await portalInvoice(deps.db, actor.id, id), 'invoice');
  return invoicePdfOf(deps.db, deps.storage, i.id);
}
