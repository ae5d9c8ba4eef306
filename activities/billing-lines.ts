import type { Db } from '../db/connection';
import { findCase } from '../db/repositories/cases';
import { currentFeeArrangement } from '../db/repositories/fee-arrangements';
import { flagBilledLinesSince, offerLineOnce } from '../db/repositories/invoices';
import { stageEntries } from '../db/repositories/stage-history';
import { billingEventOffer, instalmentOffers, type LineOffer } from '../domain/fees';

/**
 * The engine's side of billing: an engine billing event and a stage that makes an instalment of the
 * fixed fee due each offer a draft invoice line once (keyed by their source: a retried activity or a
 * stage entered again offers nothing twice), and a case that goes back to a stage it entered before
 * flags what was billed since, leaving the billed lines as they are.
 */
async function offer(db: Db, caseId: string, o: LineOffer): Promise<void> {
  await offerLineOnce(db, { caseId, ...o });
}

export async function offerBillingEventLine(
  db: Db,
  e: { caseId: string; key: string; label: string; amountFen: number | null; percentBp: number | null },
): Promise<void> {
  const c = await findCase(db, e.caseId);
  if (!c) return;
  const a = await currentFeeArrangement(db, e.caseId);
  const o = billingEventOffer(e, a, { amountInDisputeFen: c.amountInDisputeFen });
  if (o) await offer(db, e.caseId, o);
}

export async function onStageEntered(
  db: Db,
  s: { caseId: string; stageId: string; stageName: string; stageInstanceId: string },
): Promise<void> {
  const entries = await stageEntries(db, s.caseId);
  const earlier = entries.find((e) => e.stageId === s.stageId && e.stageInstanceId !== s.stageInstanceId);
  if (earlier) {
    await flagBilledLinesSince(db, s.caseId, earlier.enteredAt, `stage-reversed: the case went back to ${s.stageName}`);
  }
  const a = await currentFeeArrangement(db, s.caseId);
  if (!a) return;
  for (const o of instalmentOffers(s.caseId, a, (stageId) => stageId === s.stageId)) await offer(db, s.caseId, o);
}
