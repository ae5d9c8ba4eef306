import {
  agreedFeeFen,
  billingEventAmount,
  componentOf,
  instalmentAmounts,
  type ArrangementFacts,
  type FeeArrangement,
} from './arrangement';
import { EXPENSE_CATEGORIES, INVOICE_ITEM_NAMES, type ExpenseCategory } from './vat';

/**
 * What each billable thing offers as a draft invoice line. The source key names the thing once, so
 * an activity that runs again, a stage entered twice or an arrangement saved anew offers nothing twice.
 */
export interface LineOffer {
  source: 'billing_event' | 'instalment' | 'time_entry' | 'expense';
  sourceKey: string;
  itemName: string;
  description: string;
  amountFen: number;
  disbursement: boolean;
  flag: string | null;
}

/** On signing (no stage), the instalment's key is the case's signing. */
const SIGNING = 'signing';

/**
 * The fixed fee's instalments that are due once `reached` holds: those on signing, and those tied
 * to a stage the case has entered. Amounts split the fee exactly (instalmentAmounts).
 */
export function instalmentOffers(caseId: string, a: FeeArrangement, reached: (stageId: string | null) => boolean): LineOffer[] {
  const fixed = componentOf(a, 'fixed');
  if (!fixed || fixed.instalments.length === 0 || fixed.amountFen === 0) return [];
  const amounts = instalmentAmounts(fixed.amountFen, fixed.instalments);
  return fixed.instalments.flatMap((inst, i) =>
    reached(inst.stageId ?? null)
      ? [
          {
            source: 'instalment' as const,
            sourceKey: `instalment:${caseId}:${inst.stageId ?? SIGNING}`,
            itemName: INVOICE_ITEM_NAMES.legalService,
            description: `${inst.label}（${(inst.percentBp / 100).toString()}%）`,
            amountFen: amounts[i],
            disbursement: false,
            flag: null,
          },
        ]
      : [],
  );
}

/**
 * An engine billing event as a line: its amount, or its percentage of the agreed fee; when there is
 * no agreed fee to take a percentage of, a zero line flagged for finance to price. A percentage
 * event offers nothing when the fixed fee has its own instalments: the instalments the case agreed
 * bill that fee (the template's milestones are the firm's default for cases that agreed none), so
 * the fee is never billed twice.
 */
export function billingEventOffer(
  event: { key: string; label: string; amountFen: number | null; percentBp: number | null },
  a: FeeArrangement | null,
  facts: Pick<ArrangementFacts, 'amountInDisputeFen'>,
): LineOffer | null {
  if (event.amountFen == null && event.percentBp != null && a && (componentOf(a, 'fixed')?.instalments.length ?? 0) > 0) return null;
  const amount = billingEventAmount(event, a ?? { components: [] }, facts);
  const unpriced = amount === null;
  return {
    source: 'billing_event',
    sourceKey: `billing_event:${event.key}`,
    itemName: INVOICE_ITEM_NAMES.legalService,
    description: event.percentBp != null ? `${event.label}（${(event.percentBp / 100).toString()}%）` : event.label,
    amountFen: amount ?? 0,
    disbursement: false,
    flag: unpriced
      ? a && agreedFeeFen(a, facts) !== null
        ? null
        : 'no-agreed-fee: the percentage has no agreed fee to apply to; set the amount or the fee arrangement'
      : null,
  };
}

export function timeEntryOffer(e: {
  id: string;
  workDate: string;
  minutes: number;
  narrative: string;
  userName: string;
  valueFen: number;
}): LineOffer {
  const hours = (e.minutes / 60).toFixed(1);
  return {
    source: 'time_entry',
    sourceKey: `time_entry:${e.id}`,
    itemName: INVOICE_ITEM_NAMES.legalService,
    description: `${e.workDate} ${e.userName} ${hours}h：${e.narrative}`.slice(0, 500),
    amountFen: e.valueFen,
    disbursement: false,
    flag: null,
  };
}

export function expenseOffer(x: {
  id: string;
  category: string;
  amountFen: number;
  spentOn: string;
  description: string | null;
}): LineOffer {
  const cat = EXPENSE_CATEGORIES[x.category as ExpenseCategory] ?? EXPENSE_CATEGORIES.other;
  const disbursement = cat.rebilled === 'disbursement';
  return {
    source: 'expense',
    sourceKey: `expense:${x.id}`,
    itemName: disbursement ? `代垫${cat.name.zh}` : INVOICE_ITEM_NAMES.rechargedCost,
    description: `${x.spentOn} ${cat.name.zh}${x.description ? `：${x.description}` : ''}`.slice(0, 500),
    amountFen: x.amountFen,
    disbursement,
    flag: null,
  };
}
