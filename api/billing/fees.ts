import type { Db } from '../../db/connection';
import { findVisibleDocument } from '../../db/repositories/documents';
import {
  addFeeArrangement,
  currentFeeArrangement,
  feeArrangementHistory,
  saveBillingSettings,
  storedBillingSettings,
  type FeeArrangementRow,
} from '../../db/repositories/fee-arrangements';
import { offerLineOnce } from '../../db/repositories/invoices';
import { stageEntries } from '../../db/repositories/stage-history';
import { getSetting } from '../../db/repositories/settings';
import {
  agreedFeeFen,
  componentOf,
  contingencyBan,
  contingencyCapFen,
  DEFAULT_INCREMENT_MINUTES,
  instalmentOffers,
  validateArrangement,
  VAT_RATES_BP,
  type ArrangementFacts,
  type FeeArrangement,
  type FeeProblem,
} from '../../domain/fees';
import { can, documentScope, viewerOf } from '../../domain/policy';
import type { PracticeArea } from '../../process-templates/model/schema';
import { AppError } from '../app-error';
import { assertCaseAccess, type Actor } from '../cases';
import type { BillingSettings, FeeArrangementInput } from '../contracts/billing';

/** Fee arrangements (收费方式) of a case, checked against the PRC fee rules (domain/fees), and the firm's billing settings. */

type CaseFacts = { practiceArea: string; caseType: string; causeOfAction: string | null; amountInDisputeFen: number | null };

function factsOf(c: CaseFacts, collective: boolean): ArrangementFacts {
  return {
    practiceArea: c.practiceArea as PracticeArea,
    caseType: c.caseType,
    causeOfAction: c.causeOfAction,
    collective,
    amountInDisputeFen: c.amountInDisputeFen,
  };
}

export async function feeArrangementView(db: Db, actor: Actor, caseId: string) {
  const c = await assertCaseAccess(db, actor, caseId, 'fee.read');
  const history = await feeArrangementHistory(db, caseId);
  const current = history[0] ?? null;
  const ban = contingencyBan(factsOf(c, current?.collective ?? false));
  const amount = c.amountInDisputeFen;
  return {
    current,
    history,
    contingency: {
      allowed: ban === null,
      reason: ban ? ban.reason : null,
      basis: ban ? ban.basis : null,
      capFen: amount && amount > 0 ? contingencyCapFen(amount) : null,
    },
  };
}

function problemText(p: FeeProblem): string {
  return `${p.message.zh}（${p.message.en}）`;
}

/**
 * A new version of the case's arrangement. Refused with the rule it breaks: a banned contingency
 * (422 contingency-banned, the basis named), a contingency above the 2021 cap unless a partner gives
 * a reason (422 contingency-cap-exceeded with the cap), a contingency without the disclosure and the
 * signed agreement, or any other problem of the arrangement (422 fee-arrangement-invalid). Saving
 * offers the instalments already due (on signing, and those of stages the case has entered).
 */
export async function putFeeArrangement(db: Db, actor: Actor, caseId: string, body: FeeArrangementInput): Promise<FeeArrangementRow> {
  const c = await assertCaseAccess(db, actor, caseId, 'fee.edit');
  const arrangement: FeeArrangement = { components: body.components as FeeArrangement['components'] };
  const facts = factsOf(c, body.collective);
  const problems = validateArrangement(arrangement, facts);
  const banned = problems.find((p) => p.code === 'contingency-banned');
  if (banned) {
    throw new AppError('contingency-banned', `${problemText(banned)} 依据：${banned.basis?.zh ?? ''}`, {
      extensions: { basis: banned.basis?.zh },
    });
  }
  const capped = problems.find((p) => p.code === 'contingency-cap-exceeded');
  const others = problems.filter((p) => p !== capped);
  if (others.length) {
    throw new AppError('fee-arrangement-invalid', problemText(others[0]), {
      errors: others.map((p) => ({ path: `body.components${p.path.replace(/^components/, '')}`, message: problemText(p) })),
    });
  }
  const contingency = componentOf(arrangement, 'contingency');
  let overrideReason: string | null = null;
  if (capped) {
    if (!body.overrideReason || !can(viewerOf(actor), 'fee.overrideCap')) {
      throw new AppError(
        'contingency-cap-exceeded',
        `${problemText(capped)}${body.overrideReason ? ' 只有合伙人可以记录超出上限的理由。' : ''}`,
        { extensions: { capFen: capped.capFen, basis: capped.basis?.zh } },
      );
    }
    overrideReason = body.overrideReason;
  }
  if (contingency) {
    const missing = [
      !body.contingencyDisclosed && {
        path: 'body.contingencyDisclosed',
        message: '风险代理须向委托人提示风险并确认已告知（2021 意见（七））',
      },
      !body.agreementDocumentId && { path: 'body.agreementDocumentId', message: '风险代理须附已签署的专门风险代理合同' },
    ].filter(Boolean) as Array<{ path: string; message: string }>;
    if (missing.length) throw new AppError('fee-arrangement-invalid', missing.map((m) => m.message).join('；'), { errors: missing });
  }
  if (body.agreementDocumentId) {
    const doc = await findVisibleDocument(db, body.agreementDocumentId, documentScope(viewerOf(actor)));
    if (!doc || doc.caseId !== caseId) {
      throw new AppError('fee-arrangement-invalid', 'the agreement must be a document of this case', {
        errors: [{ path: 'body.agreementDocumentId', message: 'not a document of this case' }],
      });
    }
  }
  const entered = new Set((await stageEntries(db, caseId)).map((e) => e.stageId));
  return db.transaction(async (trx) => {
    await addFeeArrangement(trx, caseId, {
      arrangement: { ...arrangement, collective: body.collective },
      agreedFeeFen: agreedFeeFen(arrangement, facts),
      contingencyDisclosed: body.contingencyDisclosed,
      agreementDocumentId: body.agreementDocumentId,
      overrideReason,
      overrideBy: overrideReason ? actor.id : null,
      note: body.note,
      createdBy: actor.id,
    });
    for (const o of instalmentOffers(caseId, arrangement, (stageId) => stageId === null || entered.has(stageId))) {
      await offerLineOnce(trx, { caseId, ...o });
    }
    return (await currentFeeArrangement(trx, caseId))!;
  });
}

/** What is stored, over the defaults: 6 % VAT, 6-minute increments, 30 days to pay, the firm's name as the issuer. */
export async function billingSettings(db: Db): Promise<BillingSettings> {
  const stored = await storedBillingSettings<Partial<BillingSettings>>(db);
  const firm = await getSetting<{ name?: string }>(db, 'firm');
  return {
    vatRateBp: stored?.vatRateBp ?? VAT_RATES_BP.general,
    timeIncrementMinutes: stored?.timeIncrementMinutes ?? DEFAULT_INCREMENT_MINUTES,
    paymentTermDays: stored?.paymentTermDays ?? 30,
    issuer: stored?.issuer ?? {
      name: firm?.name ?? '律师事务所',
      taxId: null,
      address: null,
      phone: null,
      bankName: null,
      bankAccount: null,
    },
    defaultRatesFen: stored?.defaultRatesFen ?? { partner: 300_000, lead: 200_000, lawyer: 150_000, assistant: 50_000 },
    costRatesFen: stored?.costRatesFen ?? null,
  };
}

export async function putBillingSettings(db: Db, body: BillingSettings): Promise<BillingSettings> {
  await db.transaction((trx) => saveBillingSettings(trx, body));
  return billingSettings(db);
}
