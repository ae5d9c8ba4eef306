import { HOURLY_ROLES, type HourlyRole } from '../../../../domain/fees/arrangement';
import type { FeeArrangementInput, FeeArrangementVersion, FeeComponent } from '@/api/billing-money';
import { percentText, toBp, toFen, yuanText } from './money-input';

/** The editor's form: every amount and percentage as typed text, converted to fen and bp only on save. */
export type FeeKind = FeeComponent['kind'];
export const FEE_KINDS: readonly FeeKind[] = ['fixed', 'percentage', 'hourly', 'contingency'];
export interface InstalmentForm {
  label: string;
  percent: string;
  stageId: string | null;
}
export interface ComponentForm {
  kind: FeeKind;
  amount: string;
  instalments: InstalmentForm[];
  percent: string;
  minimum: string;
  rates: Array<{ role: HourlyRole; rate: string }>;
  cap: string;
  baseFee: string;
}
export interface ArrangementForm {
  components: ComponentForm[];
  collective: boolean;
  contingencyDisclosed: boolean;
  agreementDocumentId: string | null;
  overrideReason: string;
  note: string;
}

export const blankComponent = (kind: FeeKind): ComponentForm => ({
  kind,
  amount: '',
  instalments: kind === 'fixed' ? [{ label: '', percent: '100', stageId: null }] : [],
  percent: '',
  minimum: '',
  rates: kind === 'hourly' ? [{ role: HOURLY_ROLES[0], rate: '' }] : [],
  cap: '',
  baseFee: '',
});

function componentForm(c: FeeComponent): ComponentForm {
  const f = blankComponent(c.kind);
  if (c.kind === 'fixed') {
    f.amount = yuanText(c.amountFen);
    f.instalments = c.instalments.map((i) => ({ label: i.label, percent: percentText(i.percentBp), stageId: i.stageId ?? null }));
  } else if (c.kind === 'percentage') {
    f.percent = percentText(c.percentBp);
    f.minimum = yuanText(c.minimumFen);
  } else if (c.kind === 'hourly') {
    f.rates = c.rates.map((r) => ({ role: r.role ?? HOURLY_ROLES[0], rate: yuanText(r.rateFen) }));
    f.cap = yuanText(c.capFen);
  } else {
    f.baseFee = yuanText(c.baseFeeFen);
    f.percent = percentText(c.percentBp);
  }
  return f;
}

export function formOf(v: FeeArrangementVersion | null): ArrangementForm {
  return {
    components: v ? v.components.map(componentForm) : [blankComponent('fixed')],
    collective: v?.collective ?? false,
    contingencyDisclosed: v?.contingencyDisclosed ?? false,
    agreementDocumentId: v?.agreementDocumentId ?? null,
    overrideReason: v?.overrideReason ?? '',
    note: v?.note ?? '',
  };
}

const fen0 = (text: string) => toFen(text) ?? 0;
const optionalFen = (text: string) => (text.trim() ? toFen(text) : null);

function componentInput(f: ComponentForm): FeeComponent {
  switch (f.kind) {
    case 'fixed':
      return {
        kind: 'fixed',
        amountFen: fen0(f.amount),
        instalments: f.instalments.map((i) => ({ label: i.label.trim(), percentBp: toBp(i.percent) ?? 0, stageId: i.stageId })),
      };
    case 'percentage':
      return { kind: 'percentage', percentBp: toBp(f.percent) ?? 0, minimumFen: optionalFen(f.minimum) };
    case 'hourly':
      return {
        kind: 'hourly',
        rates: f.rates.map((r) => ({ userId: null, role: r.role, rateFen: fen0(r.rate) })),
        capFen: optionalFen(f.cap),
      };
    case 'contingency':
      return { kind: 'contingency', baseFeeFen: fen0(f.baseFee), percentBp: toBp(f.percent) ?? 0 };
  }
}

/** Whether every typed figure converts (the server checks the rules: sums to 100 %, bans, the cap). */
export function formValid(form: ArrangementForm): boolean {
  const amount = (s: string) => toFen(s) !== null;
  const optional = (s: string) => !s.trim() || amount(s);
  const pct = (s: string) => toBp(s) !== null;
  return (
    form.components.length > 0 &&
    form.components.every((c) =>
      c.kind === 'fixed'
        ? amount(c.amount) && c.instalments.every((i) => i.label.trim() && pct(i.percent))
        : c.kind === 'percentage'
          ? pct(c.percent) && optional(c.minimum)
          : c.kind === 'hourly'
            ? c.rates.length > 0 && c.rates.every((r) => amount(r.rate)) && optional(c.cap)
            : amount(c.baseFee) && pct(c.percent),
    )
  );
}

export function inputOf(form: ArrangementForm): FeeArrangementInput {
  const contingency = form.components.some((c) => c.kind === 'contingency');
  return {
    components: form.components.map(componentInput),
    collective: form.collective,
    contingencyDisclosed: contingency && form.contingencyDisclosed,
    agreementDocumentId: contingency ? form.agreementDocumentId : null,
    overrideReason: contingency && form.overrideReason.trim().length >= 4 ? form.overrideReason.trim() : null,
    note: form.note.trim() || null,
  };
}

/** Sum of the instalments' typed percentages, in bp (for the running total under the list). */
export const instalmentSumBp = (c: ComponentForm) => c.instalments.reduce((s, i) => s + (toBp(i.percent) ?? 0), 0);
